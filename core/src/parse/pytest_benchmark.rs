//! pytest-benchmark JSON. STUB: being written.

use crate::error::{Error, Result};
use crate::model::Run;

pub(crate) fn detect(text: &str) -> bool {
    text.contains("\"machine_info\"") && text.contains("\"benchmarks\"")
}

pub(crate) fn parse(file: &str, _text: &str) -> Result<Run> {
    Err(Error::parse(
        file,
        "pytest-benchmark parser not written yet",
    ))
}
