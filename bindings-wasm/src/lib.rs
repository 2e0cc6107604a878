//! `benchcore-wasm`: the benchcore core compiled to WebAssembly for browsers and Node
//! (`wasm-bindgen --target web` / `--target nodejs`).
//!
//! A translation table, not a program: each export converts its arguments (`convert.rs`), makes
//! one core call and converts the result to a plain JS object equal to `JSON.parse` of the
//! CLI's `--format json`. Options go straight into the core's `<Op>Options`; no default is
//! restated here. Errors are thrown as JS `Error`s whose `.code` is [`benchcore::Error::code`],
//! with `.file`, `.line` and `.field`.
//!
//! There is no file system: a single file is given as bytes ([`parse_bytes`]), a criterion
//! `target/criterion` tree as a list of `{path, content}` files ([`parse_files`], through
//! [`benchcore::MemTree`]; the `DIR@NAME` baseline comes in `options.baseline`).
//!
//! Adding an operation: one `#[wasm_bindgen]` function of the shape of [`compare`]: arguments
//! through `convert::{options, value, run, string, bytes}`, the core call inside
//! `convert::call`, and its TypeScript declaration in `types.d.ts`.
//!
//! Panics: the core has no `unwrap`/`expect`/`panic` (clippy denies them) and neither has this
//! crate; bad input of every kind is a typed error (the tests try one per code). A panic would
//! be a bug (an out-of-bounds index); the `wasm-release` profile aborts on it, which JS sees as
//! a `WebAssembly.RuntimeError` (`@benchcore/node`'s fallback rethrows it with code
//! `internal-error`). wasm-bindgen's `--force-enable-abort-handler`, which could reset the
//! instance after one, emits Wasm GC types that Node 20 cannot compile, so it is not used.

mod check_report;
mod convert;
mod history;

use benchcore::{
    ChangePointRef, CheckOptions, CompareOptions, Comparison, DetectOptions, Error,
    GabImportOptions, HistoryRun, MemTree, ParseOptions, Run, SeriesOptions, TableOptions,
};
use wasm_bindgen::prelude::*;

use convert::{call, js_error};

// The shapes and the function signatures, hand-written (the exports take `JsValue`s so that
// every bad argument becomes a benchcore error with a code, which wasm-bindgen would type `any`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

/// The benchcore version of this build.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every error `.code` the core can throw.
#[wasm_bindgen(js_name = errorCodes, skip_typescript)]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| c.to_string()).collect()
}

/// Parse one result file's content; `file` labels errors and becomes `source.path`.
#[wasm_bindgen(js_name = parseBytes, skip_typescript)]
pub fn parse_bytes(
    bytes: JsValue,
    file: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: ParseOptions = convert::options(&options.unwrap_or_default())?;
        let file = convert::string(&file, "file")?;
        let bytes = convert::bytes(&bytes, "bytes")?;
        benchcore::parse_bytes(&file, &bytes, &opts)
    })
}

/// Parse a directory tree given as files (criterion's `target/criterion`, or one benchmark's
/// folder); `root` labels errors and becomes `source.path`; `options.baseline` picks the
/// criterion baseline (`new` by default).
#[wasm_bindgen(js_name = parseFiles, skip_typescript)]
pub fn parse_files(
    files: JsValue,
    root: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: ParseOptions = convert::options(&options.unwrap_or_default())?;
        let tree = MemTree::new(convert::string(&root, "root")?, convert::files(&files)?);
        benchcore::parse_tree(&tree, &opts)
    })
}

/// Compare two runs (as returned by the parse functions).
#[wasm_bindgen(skip_typescript)]
pub fn compare(
    baseline: JsValue,
    candidate: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: CompareOptions = convert::options(&options.unwrap_or_default())?;
        let baseline = convert::run(&baseline, "baseline")?;
        let candidate = convert::run(&candidate, "candidate")?;
        benchcore::compare(&baseline, &candidate, &opts)
    })
}

/// Render a comparison as `table` (options: `TableOptions`), `markdown` or `json` text.
#[wasm_bindgen(skip_typescript)]
pub fn render(
    comparison: JsValue,
    format: JsValue,
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    let text = || -> Result<String, Error> {
        let table: TableOptions = convert::options(&options.unwrap_or_default())?;
        let c: Comparison = convert::value(&comparison, "comparison")?;
        benchcore::render_comparison(&c, &convert::string(&format, "format")?, &table)
    };
    text().map_err(|e| js_error(&e))
}

/// Split a series file (a JSON array of numbers, a one-column CSV, or JSON Lines of
/// `{name, values, lower_is_better?, samples?}`) into series, as `benchcore detect --series`.
#[wasm_bindgen(js_name = parseSeries, skip_typescript)]
pub fn parse_series(bytes: JsValue, file: JsValue) -> Result<JsValue, JsValue> {
    call(|| {
        let file = convert::string(&file, "file")?;
        benchcore::parse_series(&file, &convert::bytes(&bytes, "bytes")?)
    })
}

/// Change points of each series (`Series` or `{name, values, ...}` objects).
#[wasm_bindgen(skip_typescript)]
pub fn detect(series: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: DetectOptions = convert::options(&options.unwrap_or_default())?;
        let series = benchcore::series_list_from_json(convert::json(&series, "series")?, "series")?;
        benchcore::detect(&series, &opts)
    })
}

/// Gate a run against its history (a list of series). `changePoints` (a list of
/// `{name, metric, index}`) is used as given; without it, change points are detected.
#[wasm_bindgen(skip_typescript)]
pub fn check(
    candidate: JsValue,
    history: JsValue,
    options: Option<JsValue>,
    change_points: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: CheckOptions = convert::options(&options.unwrap_or_default())?;
        let candidate = convert::run(&candidate, "candidate")?;
        let history =
            benchcore::series_list_from_json(convert::json(&history, "history")?, "history")?;
        let given: Option<Vec<ChangePointRef>> =
            convert::optional(&change_points.unwrap_or_default(), "changePoints")?;
        benchcore::check_with(&candidate, &history, &opts, given.as_deref())
    })
}

/// Replay the gate over one series; `changePoints` (indices) as given, else detected from
/// each prefix.
#[wasm_bindgen(skip_typescript)]
pub fn backtest(
    series: JsValue,
    options: Option<JsValue>,
    change_points: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: CheckOptions = convert::options(&options.unwrap_or_default())?;
        let series = benchcore::series_from_json(convert::json(&series, "series")?, "series")?;
        let given: Option<Vec<usize>> =
            convert::optional(&change_points.unwrap_or_default(), "changePoints")?;
        benchcore::backtest_with(&series, &opts, given.as_deref())
    })
}

/// One series per benchmark and metric of a list of runs (in the given order).
#[wasm_bindgen(skip_typescript)]
pub fn series(runs: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: SeriesOptions = convert::options(&options.unwrap_or_default())?;
        let runs = Run::list_from_value(convert::json(&runs, "runs")?, "runs")?;
        benchcore::series(runs.iter(), &opts)
    })
}

/// The dashboard bundle of a list of `{added_at, run}` (the core's `export`).
#[wasm_bindgen(js_name = exportBundle, skip_typescript)]
pub fn export_bundle(runs: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: SeriesOptions = convert::options(&options.unwrap_or_default())?;
        let runs = HistoryRun::list_from_value(convert::json(&runs, "runs")?, "runs")?;
        benchcore::export(&runs, &opts)
    })
}

/// Runs of a github-action-benchmark `data.js` or its JSON form.
#[wasm_bindgen(js_name = importGab, skip_typescript)]
pub fn import_gab(
    bytes: JsValue,
    file: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    call(|| {
        let opts: GabImportOptions = convert::options(&options.unwrap_or_default())?;
        let file = convert::string(&file, "file")?;
        benchcore::import_gab(&file, &convert::bytes(&bytes, "bytes")?, &opts)
    })
}

/// Test hook: a panic, to show what JS sees (`WebAssembly.RuntimeError: unreachable` under the
/// `wasm-release` profile's `panic = "abort"`) and that later calls still work.
#[wasm_bindgen(js_name = _panicForTests, skip_typescript)]
#[allow(clippy::panic)] // the point of the hook
pub fn panic_for_tests() {
    panic!("test panic")
}
