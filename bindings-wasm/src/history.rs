//! The history store without a file system: the two pure core functions `@benchcore/node`'s
//! fallback (`bindings-node/fallback.js`) builds `historyAdd` and `historyLoad` on, doing the
//! file IO in JavaScript.
//!
//! * `historyEncode(root, run, addedAt, marker?)` → `{id, marker, sidecar, record}`: the files
//!   adding `run` writes under `root` ([`benchcore::encode_run`]: same checks as
//!   `History::add`; `marker` is the existing `history.json` content, or `null`).
//! * `historyLoadFiles(root, files, options?)` → `{runs, errors}`: a history from the
//!   `{path, content}` files read under `root`, paths relative to it
//!   ([`benchcore::load_files`]: same listing, filters, order and errors as `History::load`).

use benchcore::LoadOptions;
use wasm_bindgen::prelude::*;

use crate::convert::{self, call};

/// The files adding a run writes under `root` (see the module doc).
#[wasm_bindgen(js_name = historyEncode, skip_typescript)]
pub fn history_encode(
    root: JsValue,
    run: JsValue,
    added_at: JsValue,
    marker: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let root = convert::string(&root, "root")?;
        let run = convert::run(&run, "run")?;
        let added_at = convert::string(&added_at, "addedAt")?;
        let marker = match marker {
            Some(m) if !m.is_null() && !m.is_undefined() => Some(convert::bytes(&m, "marker")?),
            _ => None,
        };
        benchcore::encode_run(&root, &run, &added_at, marker.as_deref())
    })
}

/// A history from the files read under `root` (see the module doc).
#[wasm_bindgen(js_name = historyLoadFiles, skip_typescript)]
pub fn history_load_files(
    root: JsValue,
    files: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: LoadOptions = convert::options(&options.unwrap_or_default())?;
        let root = convert::string(&root, "root")?;
        let files = convert::files(&files)?;
        benchcore::load_files(&root, files, &opts).map(|l| l.into_report())
    })
}
