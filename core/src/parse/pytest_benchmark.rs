//! pytest-benchmark JSON (3.x … 5.x; the shape did not change): `--benchmark-json` files and the
//! `.benchmarks/<machine>/NNNN_*.json` saves of `--benchmark-autosave` / `--benchmark-save`.
//!
//! ```text
//! {"machine_info": {"node": "vm", "machine": "x86_64", "python_implementation": "CPython", "python_version": "3.11.7",
//!                   "release": "6.18.44-fc-v657", "system": "Linux", "cpu": {"brand_raw": "AMD EPYC", "count": 2, …}, …},
//!  "commit_info": {"id": "unversioned", "branch": "(unknown)", …},
//!  "benchmarks": [{"group": null, "name": "test_sort_list[100]", "fullname": "test_bench_shared.py::test_sort_list[100]",
//!                  "params": {"size": 100}, "param": "100", "extra_info": {},
//!                  "stats": {"min": 1.2212399997224566e-06, "max": 4.21039900015785e-05, "mean": 1.90055…e-06,
//!                            "stddev": 4.83…e-06, "rounds": 1977, "median": 1.27…e-06, "q1": …, "q3": …,
//!                            "data": [1.26…e-06, …], "iterations": 100, …}}, …],
//!  "datetime": "2026-11-26T15:56:03.384608+00:00", "version": "5.3.1"}
//! ```
//!
//! Times are seconds and become nanoseconds. `stats.data` (per-iteration times of every round,
//! written by `--benchmark-json` and `--benchmark-save-data`) becomes the samples; the summary is
//! pytest-benchmark's own (`n` = `rounds`). The benchmark's name is `fullname` (unique, unlike
//! `name`). Python's `json` writes bare `NaN`/`Infinity`: they read as absent, so a summary
//! statistic that was NaN is left out, but a NaN inside `stats.data` would leave a hole in the
//! samples and is refused, naming `benchmarks[i].stats.data[k]`.
//!
//! `commit_info` is `{"id": "unversioned", "branch": "(unknown)"}` outside git, and may be
//! `{"error": "…"}`: those give no commit or branch. A file with `"benchmarks": []` (every test
//! skipped or deselected) is a valid run with no benchmarks.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::json;
use super::samples::check_time;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Environment, Measurement, Metric, Run, Summary};

#[derive(Deserialize)]
struct Root {
    machine_info: Option<Value>,
    commit_info: Option<Value>,
    benchmarks: Vec<Bench>,
    datetime: Option<String>,
    version: Option<String>,
}

#[derive(Deserialize)]
struct Bench {
    group: Option<String>,
    name: Option<String>,
    fullname: Option<String>,
    params: Option<Map<String, Value>>,
    param: Option<Value>,
    extra_info: Option<Map<String, Value>>,
    stats: Stats,
}

#[derive(Deserialize)]
struct Stats {
    min: Option<f64>,
    max: Option<f64>,
    mean: Option<f64>,
    stddev: Option<f64>,
    median: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    rounds: Option<u64>,
    data: Option<Vec<Option<f64>>>,
}

/// Only the two keys that identify the format; everything else is skipped unread.
#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    machine_info: serde::de::IgnoredAny,
    #[allow(dead_code)]
    benchmarks: serde::de::IgnoredAny,
}

pub(crate) fn detect(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"machine_info\"") || !t.contains("\"benchmarks\"") {
        return false;
    }
    match serde_json::from_str::<Probe>(t) {
        Ok(_) => true,
        // Damaged (truncated, NaN tokens, too deep) but shaped like one: let the parser say where.
        Err(e) => e.is_syntax() || e.is_eof(),
    }
}

const NS_PER_S: f64 = 1e9;

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let root: Root = json::from_str(file, text)?;
    let mut run = Run::new("pytest-benchmark");
    run.source.tool_version = root.version;
    run.time = root.datetime;
    if let Some(ci) = root
        .commit_info
        .as_ref()
        .filter(|c| c.get("error").is_none())
    {
        run.commit = text_of(ci, "id").filter(|id| id != "unversioned");
        run.branch = text_of(ci, "branch").filter(|b| b != "(unknown)");
    }
    if let Some(mi) = &root.machine_info {
        run.environment = environment(mi);
    }
    for (i, b) in root.benchmarks.into_iter().enumerate() {
        run.benchmarks.push(benchmark(file, i, b)?);
    }
    Ok(run)
}

fn benchmark(file: &str, i: usize, b: Bench) -> Result<Benchmark> {
    let name = b.fullname.or(b.name).ok_or_else(|| {
        Error::parse_field(
            file,
            format!("benchmarks[{i}].fullname"),
            "missing `fullname` and `name`",
        )
    })?;
    let mut out = Benchmark::new(name);
    out.group = b.group;
    out.params = b.params.map(into_btree).unwrap_or_default();
    out.extra = b.extra_info.map(into_btree).unwrap_or_default();
    if let Some(p) = b.param.filter(|p| !p.is_null()) {
        out.extra.insert("param".into(), p);
    }
    let s = b.stats;
    let at = |field: &str| format!("benchmarks[{i}].stats.{field}");
    let samples = match s.data {
        Some(data) => data
            .into_iter()
            .enumerate()
            .map(|(k, v)| {
                // The field path is only built for a bad sample: this loop runs for every round.
                let field = || at(&format!("data[{k}]"));
                let v = v.ok_or_else(|| {
                    Error::parse_field(
                        file,
                        field(),
                        "not a number (NaN or null): a sample cannot be missing",
                    )
                })?;
                if !v.is_finite() || v < 0.0 {
                    check_time(file, &field(), v)?; // refuses exactly these
                }
                Ok(v * NS_PER_S)
            })
            .collect::<Result<Vec<f64>>>()?,
        None => Vec::new(),
    };
    let ns = |name: &str, v: Option<f64>| -> Result<Option<f64>> {
        match v {
            Some(v) => check_time(file, &at(name), v).map(|()| Some(v * NS_PER_S)),
            None => Ok(None),
        }
    };
    out.measurements.push(Measurement {
        metric: Metric::time(),
        summary: Summary {
            n: s.rounds,
            mean: ns("mean", s.mean)?,
            median: ns("median", s.median)?,
            stddev: ns("stddev", s.stddev)?,
            min: ns("min", s.min)?,
            max: ns("max", s.max)?,
            q1: ns("q1", s.q1)?,
            q3: ns("q3", s.q3)?,
        },
        samples,
    });
    Ok(out)
}

fn into_btree(m: Map<String, Value>) -> BTreeMap<String, Value> {
    m.into_iter().collect()
}

/// A non-empty string field of a JSON object.
fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `"a b"`, `"a"`, `"b"` or nothing, from two optional parts.
fn joined(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    }
}

/// What identifies the machine; read leniently, since `machine_info` varies with py-cpuinfo
/// versions and must never fail a parse. The CPU `flags` list is left out on purpose.
fn environment(mi: &Value) -> Environment {
    let cpu = mi.get("cpu").cloned().unwrap_or(Value::Null);
    let mut env = Environment {
        machine: text_of(mi, "node"),
        // py-cpuinfo < 7 called it `brand`.
        cpu: text_of(&cpu, "brand_raw").or_else(|| text_of(&cpu, "brand")),
        cpu_count: cpu
            .get("count")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok()),
        arch: text_of(mi, "machine"),
        os: joined(text_of(mi, "system"), text_of(mi, "release")),
        runtime: joined(
            text_of(mi, "python_implementation"),
            text_of(mi, "python_version"),
        ),
        extra: BTreeMap::new(),
    };
    for (key, value) in [
        ("python_compiler", text_of(mi, "python_compiler")),
        ("cpu_hz_advertised", text_of(&cpu, "hz_advertised_friendly")),
    ] {
        if let Some(v) = value {
            env.extra.insert(key.into(), v);
        }
    }
    env
}
