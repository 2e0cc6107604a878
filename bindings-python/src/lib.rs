//! `benchcore._benchcore`: the PyO3 translation table between Python and the benchcore core.
//!
//! Every function converts its arguments (keyword options go *straight* into the core's
//! `<Op>Options` through `pythonize`, so unknown keys and bad values are refused by the core's
//! own `deny_unknown_fields` and `validate()`), makes one core call with the GIL released and
//! unwinding caught, and converts the result to plain dicts and lists: the same JSON shapes the
//! CLI prints, so `json.loads(cli_output) == benchcore.parse(path)`. No defaults, no arithmetic,
//! no domain decisions live here.
//!
//! Errors: each core [`Error`] variant raises its own `BenchcoreError` subclass (an exhaustive
//! `match`, so a new variant does not compile until it has a class) carrying `.code`, `.file`,
//! `.line`, `.field` and `.message` from [`benchcore::ErrorInfo`]. A panic in the core, which
//! would be a bug, raises the base `BenchcoreError` with code `internal-error` instead of
//! reaching Python as a `PanicException`.
//!
//! Adding an operation: one `#[pyfunction]` of the shape of [`compare`] (arguments through
//! [`options`] / [`value`], the core call inside [`call`], the result through [`to_py`]) and
//! one line in the module table at the bottom.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use benchcore::args;
use benchcore::{
    ChangePointRef, CheckOptions, CheckReport, CompareOptions, Comparison, DetectOptions, Error,
    ErrorInfo, GabImportOptions, History, HistoryRun, LoadOptions, ParseOptions, Run,
    SeriesOptions, TableOptions,
};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use pythonize::{pythonize, Depythonizer};

mod depth;
use serde::de::DeserializeOwned;
use serde::Serialize;

create_exception!(
    benchcore,
    BenchcoreError,
    PyException,
    "Base of every benchcore error."
);

/// One `BenchcoreError` subclass per core error code, listed in the order of `Error::CODES`;
/// `classes()` returns them in that order (the module init gives each its class-level `code`).
macro_rules! error_classes {
    ($($name:ident: $doc:literal,)*) => {
        $(create_exception!(benchcore, $name, BenchcoreError, $doc);)*
        fn classes(py: Python<'_>) -> Vec<Bound<'_, PyType>> {
            vec![$(py.get_type::<$name>()),*]
        }
    };
}

error_classes! {
    ParseError: "Input is not valid for its format (`parse-error`).",
    UnknownFormatError: "No parser recognised the input (`unknown-format`).",
    IoError: "The operating system refused a read or write (`io-error`).",
    UnsupportedVersionError: "A persisted shape is newer than this build (`unsupported-version`).",
    InvalidOptionsError: "Unknown option, wrong type or out of range (`invalid-options`).",
    InvalidInputError: "An argument that is not a file is unusable (`invalid-input`).",
    LimitExceededError: "Input beyond a configured bound (`limit-exceeded`).",
    NotFoundError: "A named path, baseline or benchmark does not exist (`not-found`).",
}

/// Code of the error raised when the core panicked (a bug); not one of `Error::CODES`.
const INTERNAL_ERROR: &str = "internal-error";

/// The class raised for `e`. Exhaustive on purpose: no `_ =>` arm.
fn class_of<'py>(py: Python<'py>, e: &Error) -> Bound<'py, PyType> {
    match e {
        Error::Parse { .. } => py.get_type::<ParseError>(),
        Error::UnknownFormat { .. } => py.get_type::<UnknownFormatError>(),
        Error::Io { .. } => py.get_type::<IoError>(),
        Error::UnsupportedVersion { .. } => py.get_type::<UnsupportedVersionError>(),
        Error::InvalidOptions { .. } => py.get_type::<InvalidOptionsError>(),
        Error::InvalidInput { .. } => py.get_type::<InvalidInputError>(),
        Error::LimitExceeded { .. } => py.get_type::<LimitExceededError>(),
        Error::NotFound { .. } => py.get_type::<NotFoundError>(),
    }
}

/// An exception of `class` carrying the structured fields as attributes.
fn exception(py: Python<'_>, class: Bound<'_, PyType>, info: ErrorInfo) -> PyErr {
    let err = PyErr::from_type(class, info.message.clone());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("code", info.code)?;
        value.setattr("message", info.message)?;
        value.setattr("file", info.file)?;
        value.setattr("line", info.line)?;
        value.setattr("field", info.field)
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    exception(py, class_of(py, e), e.info())
}

/// Run a core call with the GIL released; a core error raises its class, a panic raises
/// `BenchcoreError` (`internal-error`) instead of unwinding into Python.
fn call<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_pyerr(py, &e)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let info = ErrorInfo {
                code: INTERNAL_ERROR.into(),
                message: format!("internal error in benchcore (a bug, please report it): {what}"),
                file: None,
                line: None,
                field: None,
            };
            Err(exception(py, py.get_type::<BenchcoreError>(), info))
        }
    }
}

/// Deserialize a Python object into `T`, naming the offending key on error. Nesting is
/// bounded first (`depth.rs`): `pythonize` alone would overflow the stack.
fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T, (String, String)> {
    depth::check(obj).map_err(|m| (".".to_string(), m))?;
    let mut de = Depythonizer::from_object(obj);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        (path, e.into_inner().to_string())
    })
}

/// Keyword options → the core's `<Op>Options` (`None`: every default).
fn options<T: DeserializeOwned>(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<T> {
    let empty = PyDict::new(py);
    let obj = kwargs.unwrap_or(&empty);
    from_py(obj.as_any()).map_err(|(path, message)| {
        to_pyerr(py, &Error::option(args::field(&path, "options"), message))
    })
}

/// A shape argument (a `Comparison` dict, …) → its core type; `name` labels the error.
fn value<T: DeserializeOwned>(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    from_py(obj)
        .map_err(|(path, message)| to_pyerr(py, &Error::input(args::field(&path, name), message)))
}

/// A `Run` dict → a checked core `Run`, with the checks of the core's `Run::from_value`
/// (version first, then the shape, then the invariants) but deserialized straight from the
/// Python objects: exact floats and no intermediate JSON value (runs carry hundreds of
/// thousands of samples). `name` (`baseline`, `candidate`) labels errors as their file.
fn run_arg(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Run> {
    #[derive(serde::Deserialize)]
    struct Probe {
        version: Option<u64>,
    }
    let shape_error = |(path, message): (String, String)| {
        let field = (path != ".").then_some(path);
        to_pyerr(
            py,
            &Error::Parse {
                file: name.to_string(),
                line: None,
                field,
                message,
            },
        )
    };
    if !obj.is_instance_of::<PyDict>() {
        return Err(shape_error((".".into(), "a run must be a dict".into())));
    }
    let probe: Probe = from_py(obj).map_err(shape_error)?;
    call(py, || Run::check_version(probe.version, name))?;
    let run: Run = from_py(obj).map_err(shape_error)?;
    call(py, || run.validate(name))?;
    Ok(run)
}

/// A core result → plain dicts and lists, through `serde_json::Value` so the Python value is
/// exactly `json.loads` of the CLI's JSON (arrays become lists, not tuples; non-finite → None).
fn to_py<T: Serialize>(py: Python<'_>, v: &T) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_value(v)
        .map_err(|e| to_pyerr(py, &Error::input("result", e.to_string())))?;
    Ok(pythonize(py, &json)?.unbind())
}

fn path_str(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    path.into_os_string().into_string().map_err(|p| {
        to_pyerr(
            py,
            &Error::input(
                "path",
                format!("{} is not valid UTF-8", p.to_string_lossy()),
            ),
        )
    })
}

/// `parse(path, **options)`: a result file or directory (`DIR@NAME` picks a criterion
/// baseline) → the `Run` dict. Options are `ParseOptions` keys.
#[pyfunction]
#[pyo3(signature = (path, **options))]
fn parse(
    py: Python<'_>,
    path: PathBuf,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: ParseOptions = self::options(py, options)?;
    let path = path_str(py, path)?;
    let run = call(py, move || benchcore::parse_path(&path, &opts))?;
    to_py(py, &run)
}

/// `parse_bytes(data, file="<bytes>", **options)`: one file's content → the `Run` dict;
/// `file` labels errors and becomes `source.path`.
#[pyfunction]
#[pyo3(signature = (data, file = "<bytes>", **options))]
fn parse_bytes(
    py: Python<'_>,
    data: Cow<'_, [u8]>,
    file: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: ParseOptions = self::options(py, options)?;
    let run = call(py, || benchcore::parse_bytes(file, &data, &opts))?;
    to_py(py, &run)
}

/// `parse_object(obj, file="<object>", **options)`: a tool's JSON output already loaded as
/// Python objects (the dict pytest-benchmark builds, `json.load` of a file) → the `Run` dict.
/// The same as `parse_bytes(json.dumps(obj).encode(), file, **options)`, with the text written
/// straight from the Python objects in Rust (`json.dumps` of large sample sets costs more than
/// parsing them).
#[pyfunction]
#[pyo3(signature = (obj, file = "<object>", **options))]
fn parse_object(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    file: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: ParseOptions = self::options(py, options)?;
    depth::check(obj).map_err(|m| to_pyerr(py, &Error::input("obj", m)))?;
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::new(&mut bytes);
    serde_transcode::transcode(&mut Depythonizer::from_object(obj), &mut ser)
        .map_err(|e| to_pyerr(py, &Error::input("obj", e.to_string())))?;
    let run = call(py, || benchcore::parse_bytes(file, &bytes, &opts))?;
    to_py(py, &run)
}

/// `compare(baseline, candidate, **options)`: two `Run` dicts → the `Comparison` dict.
/// Options are `CompareOptions` keys.
#[pyfunction]
#[pyo3(signature = (baseline, candidate, **options))]
fn compare(
    py: Python<'_>,
    baseline: &Bound<'_, PyAny>,
    candidate: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: CompareOptions = self::options(py, options)?;
    let baseline = run_arg(py, baseline, "baseline")?;
    let candidate = run_arg(py, candidate, "candidate")?;
    let c = call(py, move || benchcore::compare(&baseline, &candidate, &opts))?;
    to_py(py, &c)
}

/// `compare_options(**options)`: the complete, validated `CompareOptions` dict that
/// `compare(..., **options)` would use (check settings early, show effective values).
#[pyfunction]
#[pyo3(signature = (**options))]
fn compare_options(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
    let opts: CompareOptions = self::options(py, options)?;
    let opts = call(py, move || opts.validate().map(|()| opts))?;
    to_py(py, &opts)
}

/// `render(comparison, format="table", **options)`: a `Comparison` dict → text. `format` is
/// `table`, `markdown` or `json`; options are `TableOptions` keys (`color`, `show_unchanged`).
#[pyfunction]
#[pyo3(signature = (comparison, format = "table", **options))]
fn render(
    py: Python<'_>,
    comparison: &Bound<'_, PyAny>,
    format: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let table: TableOptions = self::options(py, options)?;
    let c: Comparison = value(py, comparison, "comparison")?;
    call(py, move || benchcore::render_comparison(&c, format, &table))
}

/// `render_check(report, format="table", **options)`: a `CheckReport` dict → text, as
/// [`render`] does for comparisons.
#[pyfunction]
#[pyo3(signature = (report, format = "table", **options))]
fn render_check(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    format: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let table: TableOptions = self::options(py, options)?;
    let r: CheckReport = value(py, report, "report")?;
    call(py, move || benchcore::render_check(&r, format, &table))
}

/// Any argument as a JSON value, for the core's `*_from_value` readers (exact floats).
fn json_arg(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<serde_json::Value> {
    value(py, obj, name)
}

/// `parse_series(data, file="<bytes>")`: a series file (JSON array, one-column CSV or JSON
/// Lines) → `{"kind", "series"}`.
#[pyfunction]
#[pyo3(signature = (data, file = "<bytes>"))]
fn parse_series(py: Python<'_>, data: Cow<'_, [u8]>, file: &str) -> PyResult<Py<PyAny>> {
    let r = call(py, || benchcore::parse_series(file, &data))?;
    to_py(py, &r)
}

/// `detect(series, **options)`: series (`Series` or `{name, values, ...}` dicts) → the
/// `Detection` dict. Options are `DetectOptions` keys.
#[pyfunction]
#[pyo3(signature = (series, **options))]
fn detect(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: DetectOptions = self::options(py, options)?;
    let series = json_arg(py, series, "series")?;
    let d = call(py, move || {
        benchcore::detect(&benchcore::series_list_from_json(series, "series")?, &opts)
    })?;
    to_py(py, &d)
}

/// `check(candidate, history, change_points=None, **options)`: a `Run` dict against its
/// history (a list of series) → the `CheckReport` dict. `change_points` (`{name, metric,
/// index}` dicts) are used as given; `None` detects them. Options are `CheckOptions` keys.
#[pyfunction]
#[pyo3(signature = (candidate, history, change_points = None, **options))]
fn check(
    py: Python<'_>,
    candidate: &Bound<'_, PyAny>,
    history: &Bound<'_, PyAny>,
    change_points: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: CheckOptions = self::options(py, options)?;
    let candidate = run_arg(py, candidate, "candidate")?;
    let history = json_arg(py, history, "history")?;
    let given: Option<Vec<ChangePointRef>> = change_points
        .map(|c| value(py, c, "change_points"))
        .transpose()?;
    let r = call(py, move || {
        let history = benchcore::series_list_from_json(history, "history")?;
        benchcore::check_with(&candidate, &history, &opts, given.as_deref())
    })?;
    to_py(py, &r)
}

/// `backtest(series, change_points=None, **options)`: the gate replayed over one series →
/// the list of alarms. `change_points` (indices) as given; `None` detects them per prefix.
#[pyfunction]
#[pyo3(signature = (series, change_points = None, **options))]
fn backtest(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    change_points: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: CheckOptions = self::options(py, options)?;
    let series = json_arg(py, series, "series")?;
    let given: Option<Vec<usize>> = change_points
        .map(|c| value(py, c, "change_points"))
        .transpose()?;
    let r = call(py, move || {
        let series = benchcore::series_from_json(series, "series")?;
        benchcore::backtest_with(&series, &opts, given.as_deref())
    })?;
    to_py(py, &r)
}

/// `series(runs, **options)`: `Run` dicts → one series per benchmark and metric.
#[pyfunction]
#[pyo3(signature = (runs, **options))]
fn series(
    py: Python<'_>,
    runs: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: SeriesOptions = self::options(py, options)?;
    let runs = json_arg(py, runs, "runs")?;
    let r = call(py, move || {
        let runs = Run::list_from_value(runs, "runs")?;
        benchcore::series(runs.iter(), &opts)
    })?;
    to_py(py, &r)
}

/// `export(runs, **options)`: `{"added_at", "run"}` dicts → the dashboard bundle.
#[pyfunction]
#[pyo3(signature = (runs, **options))]
fn export(
    py: Python<'_>,
    runs: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: SeriesOptions = self::options(py, options)?;
    let runs = json_arg(py, runs, "runs")?;
    let r = call(py, move || {
        benchcore::export(&HistoryRun::list_from_value(runs, "runs")?, &opts)
    })?;
    to_py(py, &r)
}

/// `import_gab(data, file="<bytes>", **options)`: a github-action-benchmark `data.js` (or
/// its JSON) → `{"runs", "warnings"}`. Options are `GabImportOptions` keys (`branch`).
#[pyfunction]
#[pyo3(signature = (data, file = "<bytes>", **options))]
fn import_gab(
    py: Python<'_>,
    data: Cow<'_, [u8]>,
    file: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: GabImportOptions = self::options(py, options)?;
    let r = call(py, || benchcore::import_gab(file, &data, &opts))?;
    to_py(py, &r)
}

/// `history_add(dir, run, added_at=None)`: store a `Run` dict in the history directory
/// (one file per run; again is a no-op) → `{"id", "status", "path"}`. `added_at` (RFC 3339)
/// defaults to now.
#[pyfunction]
#[pyo3(signature = (dir, run, added_at = None))]
fn history_add(
    py: Python<'_>,
    dir: PathBuf,
    run: &Bound<'_, PyAny>,
    added_at: Option<String>,
) -> PyResult<Py<PyAny>> {
    let run = run_arg(py, run, "run")?;
    let at = added_at.unwrap_or_else(now);
    let r = call(py, move || History::open(dir).add(&run, &at))?;
    to_py(py, &r)
}

/// `history_load(dir, **options)`: `{"runs": [{"added_at", "run"}], "errors": [...]}`;
/// damaged files are reported by name instead of failing. Options are `LoadOptions` keys.
#[pyfunction]
#[pyo3(signature = (dir, **options))]
fn history_load(
    py: Python<'_>,
    dir: PathBuf,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let opts: LoadOptions = self::options(py, options)?;
    let r = call(py, move || {
        History::open(dir).load(&opts).map(|l| l.into_report())
    })?;
    to_py(py, &r)
}

/// The clock lives at the edge: now, as RFC 3339.
fn now() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    benchcore::time::format_rfc3339(ms)
}

/// Test hook: a panic inside [`call`], to prove it reaches Python as `BenchcoreError`.
#[pyfunction]
#[allow(clippy::panic)] // the point of the hook
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    call(py, || -> Result<(), Error> { panic!("test panic") })
}

#[pymodule]
fn _benchcore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", Error::CODES.to_vec())?;
    m.add("INTERNAL_ERROR", INTERNAL_ERROR)?;
    let base = py.get_type::<BenchcoreError>();
    for attr in ["code", "message", "file", "line", "field"] {
        base.setattr(attr, py.None())?;
    }
    m.add("BenchcoreError", base)?;
    for (class, code) in classes(py).into_iter().zip(Error::CODES) {
        class.setattr("code", code)?;
        m.add(class.name()?, class)?;
    }
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_object, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(compare_options, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(render_check, m)?)?;
    m.add_function(wrap_pyfunction!(parse_series, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    m.add_function(wrap_pyfunction!(series, m)?)?;
    m.add_function(wrap_pyfunction!(export, m)?)?;
    m.add_function(wrap_pyfunction!(import_gab, m)?)?;
    m.add_function(wrap_pyfunction!(history_add, m)?)?;
    m.add_function(wrap_pyfunction!(history_load, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
