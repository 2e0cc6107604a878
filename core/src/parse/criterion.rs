//! criterion.rs `target/criterion` trees (0.5.x … 0.8.x). STUB: being written.

use crate::error::{Error, Result};
use crate::input::Tree;
use crate::model::Run;

pub(crate) fn detect(tree: &dyn Tree) -> bool {
    tree.files().iter().any(|f| f.ends_with("/benchmark.json"))
}

pub(crate) fn baselines(_tree: &dyn Tree) -> Vec<String> {
    Vec::new()
}

pub(crate) fn parse(tree: &dyn Tree, _baseline: &str) -> Result<Run> {
    Err(Error::parse(
        tree.root(),
        "criterion parser not written yet",
    ))
}
