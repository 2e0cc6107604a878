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

use benchcore::{CompareOptions, Comparison, Error, MemTree, ParseOptions, TableOptions};
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
        match convert::string(format, "format")?.as_str() {
            "table" => Ok(benchcore::render_table(&c, &table)),
            "markdown" => Ok(benchcore::render_markdown(&c)),
            "json" => Ok(benchcore::render_json(&c)),
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
