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
//! * `new BundleData(bundle)` reads a bundle once and has the same two operations as methods,
//!   `detect(options?)` and `check(options?, changePoints?)`: the page holds one, so moving the
//!   sensitivity control costs the detection alone, not a parse of the bundle as well (a
//!   quarter of `detectBundle`'s time on 1,000 series × 500 points).
//!
//! `bundle` is the bundle's JSON text (fastest: serde reads it in one pass) or the parsed
//! object; either way it is read like `Bundle::from_json` (a newer `version` is refused).
//! Cost: one parse of the bundle per function call (once per `BundleData`) plus the core
//! operation; the result crosses back as JSON text (see `convert.rs`).

use benchcore::{Bundle, ChangePointRef, CheckOptions, DetectOptions, Error};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{self, call, js_error};

#[wasm_bindgen(typescript_custom_section)]
const DASHBOARD_TYPES: &str = r#"
/** Change points of every series of a history bundle (its JSON text, or the parsed object), as `benchcore detect` (`DetectOptions`). */
export declare function detectBundle(bundle: string | Record<string, unknown>, options?: Record<string, unknown>): Record<string, unknown>;
/** The newest point of each series of a bundle judged by the history gate (`CheckOptions`), one report per newest run, newest first. */
export declare function checkBundle(bundle: string | Record<string, unknown>, options?: Record<string, unknown>, changePoints?: ChangePointRef[]): Record<string, unknown>[];
/** A bundle read once, with `detectBundle` and `checkBundle` as methods. */
export declare class BundleData {
  constructor(bundle: string | Record<string, unknown>);
  free(): void;
  detect(options?: Record<string, unknown>): Record<string, unknown>;
  check(options?: Record<string, unknown>, changePoints?: ChangePointRef[]): Record<string, unknown>[];
}
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

fn detect(b: &Bundle, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: DetectOptions = convert::options(&options.unwrap_or_default())?;
        b.detect(&opts, "bundle")
    })
}

fn check(
    b: &Bundle,
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
        b.check_latest(&opts, refs.as_deref(), "bundle")
    })
}

/// Change points of every series of `bundle` (see the module doc).
#[wasm_bindgen(js_name = detectBundle, skip_typescript)]
pub fn detect_bundle(bundle_arg: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    detect(&bundle(&bundle_arg).map_err(|e| js_error(&e))?, options)
}

/// The newest point of each series of `bundle` against the points before it.
#[wasm_bindgen(js_name = checkBundle, skip_typescript)]
pub fn check_bundle(
    bundle_arg: JsValue,
    options: Option<JsValue>,
    change_points: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    check(
        &bundle(&bundle_arg).map_err(|e| js_error(&e))?,
        options,
        change_points,
    )
}

/// A bundle read once (see the module doc).
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct BundleData {
    bundle: Bundle,
}

#[wasm_bindgen]
impl BundleData {
    /// Read `bundle` (JSON text or object).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle_arg: JsValue) -> Result<BundleData, JsValue> {
        let bundle = bundle(&bundle_arg).map_err(|e| js_error(&e))?;
        Ok(BundleData { bundle })
    }

    /// `detectBundle` on this bundle.
    pub fn detect(&self, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        detect(&self.bundle, options)
    }

    /// `checkBundle` on this bundle.
    pub fn check(
        &self,
        options: Option<JsValue>,
        change_points: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        check(&self.bundle, options, change_points)
    }
}
