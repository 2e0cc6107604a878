//! `benchcore-dashboard-wasm`: the module `benchcore dashboard` sites load. The same source
//! files as `benchcore-wasm` (its `convert.rs` and `dashboard.rs`, included by path, so the
//! two cannot drift), exporting only what the page calls: `detectBundle`, `checkBundle` and
//! `version`. Link-time optimisation then drops every parser and report the page never
//! reaches, which the full module has to keep for its exports.

#[allow(dead_code)] // the conversions of the full module's other exports
#[path = "../../../src/convert.rs"]
mod convert;
#[path = "../../../src/dashboard.rs"]
mod dashboard;

use wasm_bindgen::prelude::*;

/// The benchcore version of this build.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
