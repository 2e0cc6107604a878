//! The Rust harness of the golden vectors (`tests/vectors/README.md`): runs every
//! `tests/vectors/<op>/*.json` case with `tests/` as the working directory and reports all
//! failures together. `BLESS=1` rewrites the `expected` of every case that is meant to succeed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use benchcore::{
    backtest_with, check_with, compare, detect, export, import_gab, parse_bytes, parse_path,
    parse_series, series as history_series, ChangePointRef, CheckOptions, CompareOptions,
    DetectOptions, Direction, Error, GabImportOptions, HistoryRun, ParseOptions, Point, Run,
    Series, SeriesInput, SeriesOptions,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const REL_TOL: f64 = 1e-9;
const ABS_TOL: f64 = 1e-12;

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Every case file, sorted, as paths relative to `tests/`.
fn case_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut ops: Vec<PathBuf> = std::fs::read_dir("vectors")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    ops.sort();
    for op in ops {
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&op)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        cases.sort();
        out.extend(cases);
    }
    out
}

/// A case failed to run the way it should: the message says how.
type Outcome = Result<Value, Error>;

fn parse_options(input: &Value) -> Result<ParseOptions, String> {
    match input.get("options") {
        None => Ok(ParseOptions::default()),
        Some(o) => serde_json::from_value(o.clone()).map_err(|e| format!("bad options: {e}")),
    }
}

fn hex_bytes(hex: &str) -> Result<Vec<u8>, String> {
    let hex: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if hex.len() % 2 != 0 {
        return Err("odd number of hex digits".into());
    }
    hex.chunks(2)
        .map(|pair| {
            let s = std::str::from_utf8(pair).map_err(|e| e.to_string())?;
            u8::from_str_radix(s, 16).map_err(|e| format!("bad hex '{s}': {e}"))
        })
        .collect()
}

/// Run one *input* of the README: `path`, `text` or `hex` (and `run` where `allow_run`).
fn run_input(input: &Value, allow_run: bool) -> Result<Result<Run, Error>, String> {
    if let Some(run) = input.get("run") {
        if !allow_run {
            return Err("a `run` input is only allowed for compare, series and export".into());
        }
        return Ok(Run::from_json(&run.to_string(), "run"));
    }
    let options = parse_options(input)?;
    if let Some(path) = input.get("path").and_then(Value::as_str) {
        return Ok(parse_path(path, &options));
    }
    let file = input.get("file").and_then(Value::as_str).unwrap_or("input");
    if let Some(text) = input.get("text").and_then(Value::as_str) {
        return Ok(parse_bytes(file, text.as_bytes(), &options));
    }
    if let Some(hex) = input.get("hex").and_then(Value::as_str) {
        return Ok(parse_bytes(file, &hex_bytes(hex)?, &options));
    }
    Err("an input needs `path`, `text`, `hex` or `run`".into())
}

/// An op's options object, as a binding would deserialize it: a bad one is `invalid-options`.
fn op_options<T: serde::de::DeserializeOwned + Default>(args: &Value) -> Result<T, Error> {
    match args.get("options") {
        None => Ok(T::default()),
        Some(o) => {
            serde_json::from_value(o.clone()).map_err(|e| Error::option("options", e.to_string()))
        }
    }
}

/// The runs of `args.inputs`, each kept with its input (for `added_at`).
fn run_inputs(args: &Value) -> Result<Result<Vec<(Run, Value)>, Error>, String> {
    let inputs = args
        .get("inputs")
        .and_then(Value::as_array)
        .ok_or("missing `inputs`")?;
    let mut runs = Vec::new();
    for input in inputs {
        match run_input(input, true)? {
            Ok(r) => runs.push((r, input.clone())),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(runs))
}

/// The bytes of an input that is a file to import (`path`, `text` or `hex`) and its label.
fn file_input(args: &Value) -> Result<(String, Vec<u8>), String> {
    if let Some(path) = args.get("path").and_then(Value::as_str) {
        return Ok((
            path.to_string(),
            std::fs::read(path).map_err(|e| format!("{path}: {e}"))?,
        ));
    }
    let file = args
        .get("file")
        .and_then(Value::as_str)
        .unwrap_or("input")
        .to_string();
    if let Some(text) = args.get("text").and_then(Value::as_str) {
        return Ok((file, text.as_bytes().to_vec()));
    }
    if let Some(hex) = args.get("hex").and_then(Value::as_str) {
        return Ok((file, hex_bytes(hex)?));
    }
    Err("an import needs `path`, `text` or `hex`".into())
}

/// A number in a vector's series: JSON has no NaN or infinities, so the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` stand for them (README, bad-input cases).
#[derive(Deserialize)]
#[serde(untagged)]
enum Num {
    N(f64),
    S(String),
}

impl Num {
    fn get(&self) -> Result<f64, String> {
        match self {
            Num::N(v) => Ok(*v),
            Num::S(s) => match s.as_str() {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => Err(format!("'{other}' is not a number")),
            },
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    run_id: Option<String>,
    commit: Option<String>,
    branch: Option<String>,
    time: Option<String>,
    value: Num,
    #[serde(default)]
    samples: Vec<Num>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    name: String,
    metric: String,
    unit: String,
    direction: Direction,
    group: Option<String>,
    points: Vec<RawPoint>,
}

/// A `Series` of a vector (the `Series` JSON shape, with the NaN convention).
fn series(v: &Value) -> Result<Series, String> {
    let raw: RawSeries =
        serde_json::from_value(v.clone()).map_err(|e| format!("bad series: {e}"))?;
    let points = raw
        .points
        .into_iter()
        .map(|p| {
            Ok(Point {
                run_id: p.run_id,
                commit: p.commit,
                branch: p.branch,
                time: p.time,
                value: p.value.get()?,
                samples: p
                    .samples
                    .iter()
                    .map(Num::get)
                    .collect::<Result<_, String>>()?,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Series {
        name: raw.name,
        metric: raw.metric,
        unit: raw.unit,
        direction: raw.direction,
        group: raw.group,
        points,
    })
}

fn check_options(args: &Value) -> Result<CheckOptions, Error> {
    match args.get("options") {
        None => Ok(CheckOptions::default()),
        Some(o) => CheckOptions::from_json(&o.to_string()),
    }
}

/// `check`: `change_points` is a list of `{"name", "metric", "index"}`.
fn run_check(args: &Value) -> Result<Outcome, String> {
    let cand = run_input(args.get("candidate").ok_or("missing `candidate`")?, true)?;
    let history = args
        .get("history")
        .and_then(Value::as_array)
        .ok_or("`history` must be a list of series")?
        .iter()
        .map(series)
        .collect::<Result<Vec<_>, _>>()?;
    // Absent: detected (re-baselining); a list (possibly empty): used as given.
    let changes: Option<Vec<ChangePointRef>> = match args.get("change_points") {
        None => None,
        Some(v) => Some(
            serde_json::from_value(v.clone()).map_err(|e| format!("bad `change_points`: {e}"))?,
        ),
    };
    Ok(check_options(args).and_then(|o| {
        let c = cand?;
        check_with(&c, &history, &o, changes.as_deref()).map(|r| serde_json::to_value(r).unwrap())
    }))
}

/// `backtest`: `change_points` is a list of indices (a prefix of length k sees the largest one
/// below k); absent, change points are detected incrementally from each prefix.
fn run_backtest(args: &Value) -> Result<Outcome, String> {
    let s = series(args.get("series").ok_or("missing `series`")?)?;
    let cps: Option<Vec<usize>> = match args.get("change_points") {
        None => None,
        Some(v) => Some(
            serde_json::from_value(v.clone()).map_err(|e| format!("bad `change_points`: {e}"))?,
        ),
    };
    Ok(check_options(args).and_then(|o| {
        backtest_with(&s, &o, cps.as_deref()).map(|a| serde_json::to_value(a).unwrap())
    }))
}

fn run_case(op: &str, args: &Value) -> Result<Outcome, String> {
    match op {
        "parse" => Ok(run_input(args, false)?.map(|r| serde_json::to_value(r).unwrap())),
        "compare" => {
            let base = run_input(args.get("baseline").ok_or("missing `baseline`")?, true)?;
            let cand = run_input(args.get("candidate").ok_or("missing `candidate`")?, true)?;
            let options = match args.get("options") {
                None => Ok(CompareOptions::default()),
                Some(o) => CompareOptions::from_json(&o.to_string()),
            };
            Ok(base.and_then(|b| {
                let c = cand?;
                let o = options?;
                compare(&b, &c, &o).map(|c| serde_json::to_value(c).unwrap())
            }))
        }
        "check" => run_check(args),
        "backtest" => run_backtest(args),
        "detect" => {
            let series: Result<Vec<Series>, Error> = if let Some(list) = args.get("series") {
                let inputs: Vec<SeriesInput> = serde_json::from_value(list.clone())
                    .map_err(|e| format!("bad `series`: {e}"))?;
                inputs.into_iter().map(SeriesInput::into_series).collect()
            } else if let Some(text) = args.get("text").and_then(Value::as_str) {
                let file = args.get("file").and_then(Value::as_str).unwrap_or("input");
                parse_series(file, text.as_bytes()).map(|f| f.series)
            } else {
                return Err("detect needs `series` or `text`".into());
            };
            let options = match args.get("options") {
                None => Ok(DetectOptions::default()),
                Some(o) => DetectOptions::from_json(&o.to_string()),
            };
            Ok(series.and_then(|s| {
                let o = options?;
                detect(&s, &o).map(|d| serde_json::to_value(d).unwrap())
            }))
        }
        "series" => Ok(run_inputs(args)?.and_then(|runs| {
            let o: SeriesOptions = op_options(args)?;
            history_series(runs.iter().map(|(r, _)| r), &o).map(|s| serde_json::to_value(s).unwrap())
        })),
        "export" => Ok(run_inputs(args)?.and_then(|runs| {
            let o: SeriesOptions = op_options(args)?;
            let runs: Vec<HistoryRun> = runs
                .into_iter()
                .map(|(run, input)| HistoryRun {
                    added_at: input["added_at"]
                        .as_str()
                        .unwrap_or("1970-01-01T00:00:00Z")
                        .into(),
                    run,
                })
                .collect();
            export(&runs, &o).map(|b| serde_json::to_value(b).unwrap())
        })),
        "import-gab" => {
            let (file, bytes) = file_input(args)?;
            Ok(op_options::<GabImportOptions>(args)
                .and_then(|o| import_gab(&file, &bytes, &o))
                .map(|r| serde_json::to_value(r).unwrap()))
        }
        other => Err(format!(
            "unknown op '{other}' (known: parse, compare, check, backtest, detect, series, export, import-gab)"
        )),
    }
}

fn numbers_match(a: f64, b: f64) -> bool {
    let d = (a - b).abs();
    d <= ABS_TOL || d <= REL_TOL * a.abs().max(b.abs())
}

/// The first difference between `got` and `want`, with its JSON path.
fn diff(got: &Value, want: &Value, path: &str) -> Option<String> {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            (!numbers_match(x, y)).then(|| format!("{path}: got {a}, expected {b}"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!(
                    "{path}: got {} items, expected {}",
                    a.len(),
                    b.len()
                ));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| diff(x, y, &format!("{path}[{i}]")))
        }
        (Value::Object(a), Value::Object(b)) => {
            for k in b.keys() {
                if !a.contains_key(k) {
                    return Some(format!("{path}.{k}: missing in the result"));
                }
            }
            for (k, x) in a {
                match b.get(k) {
                    None => return Some(format!("{path}.{k}: not expected (got {x})")),
                    Some(y) => {
                        if let Some(d) = diff(x, y, &format!("{path}.{k}")) {
                            return Some(d);
                        }
                    }
                }
            }
            None
        }
        _ => (got != want).then(|| format!("{path}: got {got}, expected {want}")),
    }
}

fn check_error(err: &Error, want: &Value) -> Option<String> {
    let info = err.info();
    let mut problems = Vec::new();
    if want.get("code").and_then(Value::as_str) != Some(info.code.as_str()) {
        problems.push(format!(
            "code: got '{}', expected {}",
            info.code,
            want.get("code").unwrap_or(&Value::Null)
        ));
    }
    if let Some(f) = want.get("field") {
        if f.as_str() != info.field.as_deref() {
            problems.push(format!("field: got {:?}, expected {f}", info.field));
        }
    }
    if let Some(l) = want.get("line") {
        if l.as_u64() != info.line {
            problems.push(format!("line: got {:?}, expected {l}", info.line));
        }
    }
    (!problems.is_empty()).then(|| format!("{} ({})", problems.join("; "), info.message))
}

/// The case file with a new `expected`, keys in the README's order.
#[derive(Serialize)]
struct Blessed<'a> {
    description: &'a Value,
    op: &'a Value,
    args: &'a Value,
    expected: &'a Value,
}

fn write_blessed(path: &Path, case: &Value, expected: &Value) {
    let out = Blessed {
        description: case.get("description").unwrap_or(&Value::Null),
        op: &case["op"],
        args: &case["args"],
        expected,
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap();
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

/// Run one case; `Err` describes the failure.
fn check(path: &Path, bless: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let op = case
        .get("op")
        .and_then(Value::as_str)
        .ok_or("missing `op`")?;
    let dir_op = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str());
    if dir_op != Some(op) {
        return Err(format!("`op` is '{op}' but the case is in {dir_op:?}"));
    }
    let args = case.get("args").ok_or("missing `args`")?;
    let outcome = run_case(op, args)?;
    if let Some(want) = case.get("error") {
        return match outcome {
            Ok(_) => Err(format!("succeeded, expected error {want}")),
            Err(e) => check_error(&e, want).map_or(Ok(()), Err),
        };
    }
    let got = outcome.map_err(|e| format!("failed with {}: {e}", e.code()))?;
    if bless {
        if case.get("expected") != Some(&got) {
            write_blessed(path, &case, &got);
        }
        return Ok(());
    }
    let want = case
        .get("expected")
        .ok_or("no `expected` (run with BLESS=1 to write it)")?;
    diff(&got, want, "expected").map_or(Ok(()), Err)
}

/// The comparison itself must be right before it judges anything.
fn self_check() {
    assert!(numbers_match(1.0, 1.0 + 1e-10));
    assert!(!numbers_match(1.0, 1.0 + 1e-8));
    assert!(numbers_match(0.0, 1e-13));
    assert!(!numbers_match(0.0, 1e-11));
    let d = diff(
        &serde_json::json!({"a": [1.0, "x"]}),
        &serde_json::json!({"a": [1.0, "y"]}),
        "expected",
    );
    assert_eq!(
        d.as_deref(),
        Some("expected.a[1]: got \"x\", expected \"y\"")
    );
}

#[test]
fn golden_vectors() {
    std::env::set_current_dir(tests_dir()).unwrap();
    self_check();
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let cases = case_files();
    assert!(!cases.is_empty(), "no vectors found under tests/vectors");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|p| {
            check(p, bless)
                .err()
                .map(|e| format!("{}: {e}", p.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
