//! hyperfine (1.15) exports: `--export-json` (primary: raw run times), `--export-csv` and
//! `--export-markdown` (summaries only).
//!
//! ```text
//! {"results": [{"command": "seq 1 50000 | sort -n > /dev/null", "mean": 0.0122223738, "stddev": 0.00235386871,
//!               "median": 0.0126814803, "user": 0.00575125, "system": 0.00214764, "min": 0.0073986223, "max": 0.0148276913,
//!               "times": [0.0146336393, 0.0129452863, …], "exit_codes": [0, 0, …], "parameters": {"n": "50000"}}, …]}
//!
//! command,mean,stddev,median,user,system,min,max,parameter_n
//! "printf ""%s,%s"" a 005 > /dev/null; sleep 0.005",0.00932219,0.00250678,0.00808368,0.00210975,0,0.00767571,0.01220717,005
//!
//! | Command | Mean [ms] | Min [ms] | Max [ms] | Relative |
//! |:---|---:|---:|---:|---:|
//! | `seq 1 50000 \| sort -n > /dev/null` | 12.2 ± 2.4 | 7.4 | 14.8 | 1.00 |
//! ```
//!
//! Each result is a benchmark named by `command` (the `-n` name, or the command with parameters
//! substituted, exactly as hyperfine wrote it); `parameters` (or CSV `parameter_<name>` columns)
//! become `params`, kept as the strings hyperfine wrote (`"005"` keeps its zeros). Metrics:
//! `time` (wall time per run, ns; JSON `times` are the samples, the summary is hyperfine's own
//! with quartiles from the samples), `user_time` and `system_time` (means only). With one run
//! hyperfine writes `"stddev": null` (CSV: `0`; Markdown: no `±`). Runs that exited non-zero
//! (kept by `-i`) are counted in `extra.failed_runs`. CSV and Markdown carry no run count, so
//! their measurements are judged by the threshold alone; Markdown has no median and its values
//! are rounded to the table's unit (`[ms]`, `[s]`, `[µs]`); the `Relative` column is ignored.
//! The terminal text (`Benchmark 1: …`, `Time (mean ± σ): …` or, for one run, `Time (abs ≡):`) is recognised and refused with a
//! pointer to `--export-json`. Cost: linear in the file.

use serde::Deserialize;
use serde_json::Value;

use super::lines::Ends;
use super::samples::check_time;
use super::units::strip_ansi;
use super::vocabulary::{mean_only, system_time, user_time};
use super::{hyperfine_tables, json};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Metric, Run, Summary};
use crate::stats::summarize;

#[derive(Deserialize)]
struct Root {
    results: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    command: String,
    mean: Option<f64>,
    stddev: Option<f64>,
    median: Option<f64>,
    user: Option<f64>,
    system: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    times: Option<Vec<f64>>,
    /// `null` for a run ended by a signal.
    exit_codes: Option<Vec<Option<i64>>>,
    parameters: Option<serde_json::Map<String, Value>>,
}

#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    results: Vec<serde::de::IgnoredAny>,
}

const CSV_HEADER: &str = "command,mean,stddev,median,user,system,min,max";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Json,
    Csv,
    Markdown,
    Terminal,
}

fn shape(text: &str) -> Option<Shape> {
    let ends = Ends::of(text);
    let t = text.trim_start();
    if t.starts_with('{') {
        if !ends.head().contains("\"results\"") || !ends.contains("\"command\"") {
            return None;
        }
        return match serde_json::from_str::<Probe>(t) {
            Ok(_) => Some(Shape::Json),
            // Damaged but shaped like one: let the parser say where.
            Err(e) if e.is_syntax() || e.is_eof() => Some(Shape::Json),
            Err(_) => None,
        };
    }
    let first = ends.first_line();
    if first.starts_with(CSV_HEADER) {
        return Some(Shape::Csv);
    }
    if first.starts_with("| Command | Mean [") {
        return Some(Shape::Markdown);
    }
    if first.starts_with("Benchmark 1:")
        && (ends.contains("Time (mean ± σ):") || ends.contains("Time (abs ≡):"))
    {
        return Some(Shape::Terminal);
    }
    None
}

pub(crate) fn detect(text: &str) -> bool {
    shape(text).is_some()
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let mut run = Run::new("hyperfine");
    run.benchmarks =
        match shape(text) {
            Some(Shape::Json) | None => json_benchmarks(file, text)?,
            Some(Shape::Csv) => hyperfine_tables::csv(file, text)?,
            Some(Shape::Markdown) => hyperfine_tables::markdown(file, &strip_ansi(text))?,
            Some(Shape::Terminal) => return Err(Error::parse_line(
                file,
                1,
                "this is hyperfine's terminal output, which rounds every value; rerun hyperfine \
                 with `--export-json FILE` and read that file",
            )),
        };
    Ok(run)
}

pub(crate) const NS_PER_S: f64 = 1e9;

fn json_benchmarks(file: &str, text: &str) -> Result<Vec<Benchmark>> {
    let root: Root = json::from_str(file, text)?;
    root.results
        .into_iter()
        .enumerate()
        .map(|(i, e)| json_benchmark(file, i, e))
        .collect()
}

fn json_benchmark(file: &str, i: usize, e: Entry) -> Result<Benchmark> {
    let at = |field: &str| format!("results[{i}].{field}");
    let ns = |field: &str, v: Option<f64>| -> Result<Option<f64>> {
        v.map(|v| check_time(file, &at(field), v).map(|()| v * NS_PER_S))
            .transpose()
    };
    let samples = e
        .times
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(k, t)| check_time(file, &at(&format!("times[{k}]")), t).map(|()| t * NS_PER_S))
        .collect::<Result<Vec<f64>>>()?;
    let mut summary = if samples.is_empty() {
        Summary::default()
    } else {
        summarize(&samples)
    };
    // hyperfine's own statistics win over ours where it wrote them.
    for (slot, field, value) in [
        (&mut summary.mean, "mean", e.mean),
        (&mut summary.median, "median", e.median),
        (&mut summary.stddev, "stddev", e.stddev),
        (&mut summary.min, "min", e.min),
        (&mut summary.max, "max", e.max),
    ] {
        if let Some(v) = ns(field, value)? {
            *slot = Some(v);
        }
    }
    let n = summary.n;
    let mut b = Benchmark::new(e.command);
    b.measurements.push(Measurement {
        metric: Metric::time(),
        summary,
        samples,
    });
    if let Some(u) = ns("user", e.user)? {
        b.measurements.push(mean_only(user_time(), u, n));
    }
    if let Some(s) = ns("system", e.system)? {
        b.measurements.push(mean_only(system_time(), s, n));
    }
    let failed = e
        .exit_codes
        .unwrap_or_default()
        .iter()
        .filter(|c| **c != Some(0))
        .count();
    if failed > 0 {
        b.extra.insert("failed_runs".into(), Value::from(failed));
    }
    b.params = e
        .parameters
        .map(|p| p.into_iter().collect())
        .unwrap_or_default();
    Ok(b)
}
