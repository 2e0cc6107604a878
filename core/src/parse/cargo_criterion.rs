//! cargo-criterion `--message-format=json`. STUB: being written.

use crate::error::{Error, Result};
use crate::model::Run;

pub(crate) fn detect(text: &str) -> bool {
    text.contains("\"benchmark-complete\"")
}

pub(crate) fn parse(file: &str, _text: &str) -> Result<Run> {
    Err(Error::parse(file, "cargo-criterion parser not written yet"))
}
