//! `benchcore-node`: the benchcore core as a native Node.js addon (N-API through napi-rs),
//! loaded by `bindings-node/index.js` as `benchcore.node`.
//!
//! The same functions, names and shapes as the WASM module (`bindings-wasm`), plus
//! [`parse_path`], which reads the file system natively (`DIR@NAME` picks a criterion
//! baseline, as on the command line). A translation table, not a program: each export converts
//! its arguments (`convert.rs`), makes one core call and converts the result to a plain JS
//! object equal to `JSON.parse` of the CLI's `--format json`. Options go straight into the
//! core's `<Op>Options`; no default is restated here. Errors are thrown as JS `Error`s whose
//! `.code` is [`benchcore::Error::code`], with `.file`, `.line` and `.field`.
//!
//! Adding an operation: one `#[napi]` function of the shape of [`compare`]: arguments through
//! `convert::{options, value, run, string, bytes}` inside `convert::call`, and its declaration
//! in `index.d.ts`.

mod convert;

use benchcore::{
    ChangePointRef, CheckOptions, CheckReport, CompareOptions, Comparison, DetectOptions, Error,
    GabImportOptions, History, HistoryRun, LoadOptions, MemTree, ParseOptions, Run, SeriesOptions,
    TableOptions,
};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use convert::{call, run_caught};

/// The benchcore version of this build.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Every error `.code` the core can throw.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    Error::CODES.to_vec()
}

/// Parse a result file or directory on disk (`DIR@NAME` picks a criterion baseline); the path
/// as given becomes `source.path`.
#[napi]
pub fn parse_path<'env>(
    env: &'env Env,
    path: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: ParseOptions = convert::options(options)?;
        benchcore::parse_path(&convert::string(path, "path")?, &opts)
    })
}

/// Parse one result file's content; `file` labels errors and becomes `source.path`.
#[napi]
pub fn parse_bytes<'env>(
    env: &'env Env,
    bytes: Unknown<'_>,
    file: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: ParseOptions = convert::options(options)?;
        let file = convert::string(file, "file")?;
        let bytes = convert::bytes(bytes, "bytes")?;
        benchcore::parse_bytes(&file, &bytes, &opts)
    })
}

/// Parse a directory tree given as files (criterion's `target/criterion`, or one benchmark's
/// folder); `root` labels errors and becomes `source.path`; `options.baseline` picks the
/// criterion baseline (`new` by default).
#[napi]
pub fn parse_files<'env>(
    env: &'env Env,
    files: Unknown<'_>,
    root: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: ParseOptions = convert::options(options)?;
        let tree = MemTree::new(convert::string(root, "root")?, convert::files(files)?);
        benchcore::parse_tree(&tree, &opts)
    })
}

/// Compare two runs (as returned by the parse functions).
#[napi]
pub fn compare<'env>(
    env: &'env Env,
    baseline: Unknown<'_>,
    candidate: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: CompareOptions = convert::options(options)?;
        let baseline = convert::run(baseline, "baseline")?;
        let candidate = convert::run(candidate, "candidate")?;
        benchcore::compare(&baseline, &candidate, &opts)
    })
}

/// Split a series file (JSON array, one-column CSV or JSON Lines) into series.
#[napi]
pub fn parse_series<'env>(
    env: &'env Env,
    bytes: Unknown<'_>,
    file: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let file = convert::string(file, "file")?;
        benchcore::parse_series(&file, &convert::bytes(bytes, "bytes")?)
    })
}

/// Change points of each series (`Series` or `{name, values, ...}` objects).
#[napi]
pub fn detect<'env>(
    env: &'env Env,
    series: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: DetectOptions = convert::options(options)?;
        let series = benchcore::series_list_from_json(convert::json(series, "series")?, "series")?;
        benchcore::detect(&series, &opts)
    })
}

/// Gate a run against its history; `changePoints` as given, else detected.
#[napi]
pub fn check<'env>(
    env: &'env Env,
    candidate: Unknown<'_>,
    history: Unknown<'_>,
    options: Option<Unknown<'_>>,
    change_points: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: CheckOptions = convert::options(options)?;
        let candidate = convert::run(candidate, "candidate")?;
        let history =
            benchcore::series_list_from_json(convert::json(history, "history")?, "history")?;
        let given: Option<Vec<ChangePointRef>> = convert::optional(change_points, "changePoints")?;
        benchcore::check_with(&candidate, &history, &opts, given.as_deref())
    })
}

/// Replay the gate over one series; `changePoints` (indices) as given, else detected.
#[napi]
pub fn backtest<'env>(
    env: &'env Env,
    series: Unknown<'_>,
    options: Option<Unknown<'_>>,
    change_points: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: CheckOptions = convert::options(options)?;
        let series = benchcore::series_from_json(convert::json(series, "series")?, "series")?;
        let given: Option<Vec<usize>> = convert::optional(change_points, "changePoints")?;
        benchcore::backtest_with(&series, &opts, given.as_deref())
    })
}

/// One series per benchmark and metric of a list of runs.
#[napi]
pub fn series<'env>(
    env: &'env Env,
    runs: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: SeriesOptions = convert::options(options)?;
        let runs = Run::list_from_value(convert::json(runs, "runs")?, "runs")?;
        benchcore::series(runs.iter(), &opts)
    })
}

/// The dashboard bundle of a list of `{added_at, run}`.
#[napi]
pub fn export_bundle<'env>(
    env: &'env Env,
    runs: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: SeriesOptions = convert::options(options)?;
        let runs = HistoryRun::list_from_value(convert::json(runs, "runs")?, "runs")?;
        benchcore::export(&runs, &opts)
    })
}

/// Runs of a github-action-benchmark `data.js` or its JSON form.
#[napi]
pub fn import_gab<'env>(
    env: &'env Env,
    bytes: Unknown<'_>,
    file: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: GabImportOptions = convert::options(options)?;
        let file = convert::string(file, "file")?;
        benchcore::import_gab(&file, &convert::bytes(bytes, "bytes")?, &opts)
    })
}

/// Add a run to the history directory `dir` (one file per run; adding it again is a no-op).
/// `addedAt` (RFC 3339) defaults to now.
#[napi]
pub fn history_add<'env>(
    env: &'env Env,
    dir: Unknown<'_>,
    run: Unknown<'_>,
    added_at: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let dir = convert::string(dir, "dir")?;
        let run = convert::run(run, "run")?;
        let at: Option<String> = convert::optional(added_at, "addedAt")?;
        let at = at.unwrap_or_else(now);
        History::open(dir).add(&run, &at)
    })
}

/// Load a history directory: `{runs: [{added_at, run}], errors: [...]}`, damaged files
/// reported by name instead of failing the load.
#[napi]
pub fn history_load<'env>(
    env: &'env Env,
    dir: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    call(env, || {
        let opts: LoadOptions = convert::options(options)?;
        let dir = convert::string(dir, "dir")?;
        History::open(dir).load(&opts).map(|l| l.into_report())
    })
}

/// The clock lives at the edge: now, as RFC 3339.
fn now() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    benchcore::time::format_rfc3339(ms)
}

/// Render a comparison as `table` (options: `TableOptions`), `markdown` or `json` text.
#[napi]
pub fn render(
    env: &Env,
    comparison: Unknown<'_>,
    format: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    run_caught(env, || {
        let table: TableOptions = convert::options(options)?;
        let c: Comparison = convert::value(comparison, "comparison")?;
        benchcore::render_comparison(&c, &convert::string(format, "format")?, &table)
    })
}

/// Render a check report (what `check` returns) as `table` (options: `TableOptions`),
/// `markdown` or `json` text.
#[napi]
pub fn render_check(
    env: &Env,
    report: Unknown<'_>,
    format: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    run_caught(env, || {
        let table: TableOptions = convert::options(options)?;
        let r: CheckReport = convert::value(report, "report")?;
        match convert::string(format, "format")?.as_str() {
            "table" => Ok(benchcore::render_check_table(&r, &table)),
            "markdown" => Ok(benchcore::render_check_markdown(&r)),
            "json" => Ok(benchcore::render_check_json(&r)),
            other => Err(Error::option(
                "format",
                format!("unknown report format '{other}' (known: table, markdown, json)"),
            )),
        }
    })
}

/// Test hook: a panic inside the error mapping, to prove it reaches JS as `internal-error`.
#[napi(js_name = "_panicForTests")]
#[allow(clippy::panic)] // the point of the hook
pub fn panic_for_tests(env: &Env) -> napi::Result<()> {
    run_caught(env, || -> Result<(), Error> { panic!("test panic") })
}
