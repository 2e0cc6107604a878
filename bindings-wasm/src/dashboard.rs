//! Whole-bundle operations for the static dashboard (`benchcore dashboard`): the page holds one
//! history bundle (`benchcore history export`) and recomputes over all of it at once when the
//! sensitivity control moves, so one call crosses the JS/WASM boundary instead of one per
//! series.
//!
//! * `detectBundle(bundle, options?)` → the core's `Detection`
//!   ([`benchcore::Bundle::detect`]), series in bundle order: the same change points as
//!   `benchcore detect` on the same values.
//! * `checkBundle(bundle, options?, changePoints?)` → `CheckReport[]`
//!   ([`benchcore::Bundle::check_latest`]): the newest point of each series against the
//!   points before it, one report per newest run, newest first; `changePoints`
//!   (`[{name, metric, index}]`, e.g. from `detectBundle`) re-baselines without detecting
//!   again.
//!
//! `bundle` is the bundle's JSON text (fastest: serde reads it in one pass) or the parsed
//! object; either way it is read like `Bundle::from_json` (a newer `version` is refused).
//! Cost: one parse of the bundle per call plus the core operation; the result crosses back as
//! JSON text (see `convert.rs`).

use benchcore::{Bundle, ChangePointRef, CheckOptions, DetectOptions, Error};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{self, call};

#[wasm_bindgen(typescript_custom_section)]
const DASHBOARD_TYPES: &str = r#"
/** Change points of every series of a history bundle (its JSON text, or the parsed object), as `benchcore detect` (`DetectOptions`). */
export declare function detectBundle(bundle: string | Record<string, unknown>, options?: Record<string, unknown>): Record<string, unknown>;
/** The newest point of each series of a bundle judged by the history gate (`CheckOptions`), one report per newest run, newest first. */
export declare function checkBundle(bundle: string | Record<string, unknown>, options?: Record<string, unknown>, changePoints?: ChangePointRef[]): Record<string, unknown>[];
"#;

/// The bundle argument: JSON text, or an object serialized back to text and read the same way.
fn bundle(v: &JsValue) -> Result<Bundle, Error> {
    let text = match v.as_string() {
        Some(text) => text,
        None => {
            let value: Value = convert::value(v, "bundle")?;
            value.to_string()
        }
    };
    Bundle::from_json(&text, "bundle")
}

/// Change points of every series of `bundle` (see the module doc).
#[wasm_bindgen(js_name = detectBundle, skip_typescript)]
pub fn detect_bundle(bundle_arg: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: DetectOptions = convert::options(&options.unwrap_or_default())?;
        bundle(&bundle_arg)?.detect(&opts, "bundle")
    })
}

/// The newest point of each series of `bundle` against the points before it.
#[wasm_bindgen(js_name = checkBundle, skip_typescript)]
pub fn check_bundle(
    bundle_arg: JsValue,
    options: Option<JsValue>,
    change_points: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: CheckOptions = convert::options(&options.unwrap_or_default())?;
        let refs: Option<Vec<ChangePointRef>> = match change_points {
            Some(v) if !v.is_undefined() && !v.is_null() => {
                Some(convert::value(&v, "changePoints")?)
            }
            _ => None,
        };
        bundle(&bundle_arg)?.check_latest(&opts, refs.as_deref(), "bundle")
    })
}
