//! Google Benchmark `--benchmark_format=json` / `--benchmark_out=…` (observed: 1.7.1; the 1.8
//! `skipped` keys are read too).
//!
//! ```text
//! {"context": {"date": "2026-11-26T15:59:58+00:00", "host_name": "vm", "num_cpus": 2, "mhz_per_cpu": 2596,
//!              "cpu_scaling_enabled": false, "caches": […], "load_avg": […], "library_build_type": "debug"},
//!  "benchmarks": [
//!   {"name": "BM_Fib/20", "run_name": "BM_Fib/20", "run_type": "iteration", "repetitions": 5, "repetition_index": 0,
//!    "threads": 1, "iterations": 10998, "real_time": 9.4606975813717072e+03, "cpu_time": 6.36…e+03, "time_unit": "ns"},
//!   {"name": "BM_Fib/20_mean", "run_name": "BM_Fib/20", "run_type": "aggregate", "aggregate_name": "mean",
//!    "aggregate_unit": "time", "iterations": 5, "real_time": …, "cpu_time": …, "time_unit": "ns"},
//!   {"name": "BM_Fib/20_cv", …, "aggregate_name": "cv", "aggregate_unit": "percentage", "real_time": 0.0230, …},
//!   {"name": "BM_StringConcat", …, "bytes_per_second": 493978385.45, "chars": 128.0}, …]}
//! ```
//!
//! Entries are grouped by `run_name` (never by cutting `_mean`-like suffixes off `name`: names
//! contain `_`); entries without `run_name` (releases before 1.5) group by `name`. One
//! benchmark per group, named by the group key, in the order groups first appear.
//!
//! * Repetitions (`run_type: "iteration"` entries of one group) become raw samples: `real_time`
//!   → `time`, `cpu_time` → `cpu_time` (both converted from `time_unit`, `ns` when absent),
//!   `bytes_per_second` → `throughput` B/s, `items_per_second` → `throughput` items/s (named
//!   `items_per_second` when bytes are reported too), and every other numeric key is a user
//!   counter: a metric of that name, unit `""` (the JSON does not say), kind `other`,
//!   lower-is-better (the JSON does not say whether a counter is a rate either). The
//!   `_mean`/`_median`/`_stddev`/`_cv` aggregates of such a group are ignored: the samples
//!   carry the same information.
//! * With `--benchmark_report_aggregates_only` only aggregates exist: the summary takes `mean`,
//!   `median` and `stddev` from them and `n` from `repetitions`. `cv` (a fraction although
//!   `aggregate_unit` says percentage) and other statistics are not used.
//! * `_BigO` / `_RMS` entries carry no metric; `big_o`, `cpu_coefficient`, `real_coefficient`
//!   and `rms` (a fraction) go to the `extra` of their group, which is the family name, so
//!   they usually form a benchmark of their own without measurements.
//! * `error_occurred` (or 1.8's `skipped`) on a repetition drops the benchmark's measurements and
//!   keeps the message in `extra.error` (`extra.skipped`).
//!
//! `context.date` is the run time, `host_name` the machine, `num_cpus` the CPU count;
//! `mhz_per_cpu`, `library_build_type` and `cpu_scaling_enabled` go to the environment's extra.
//! Bare `NaN`/`Infinity` (written for undefined statistics) read as absent. Cost: O(entries).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::metrics::{self, SampleSets};
use super::units::time_unit_ns;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Environment, Measurement, Metric, Run, Summary};

#[derive(Deserialize)]
struct Root {
    context: Option<Value>,
    benchmarks: Vec<Entry>,
}

/// One entry of `benchmarks`. Every key the library writes is named here so that the rest
/// (`counters`) holds only user counters.
#[derive(Deserialize)]
#[allow(dead_code)] // keys read only to keep them out of `counters`
struct Entry {
    name: String,
    run_name: Option<String>,
    run_type: Option<String>,
    family_index: Option<Value>,
    per_family_instance_index: Option<Value>,
    repetitions: Option<u64>,
    repetition_index: Option<Value>,
    threads: Option<Value>,
    aggregate_name: Option<String>,
    aggregate_unit: Option<String>,
    iterations: Option<Value>,
    real_time: Option<f64>,
    cpu_time: Option<f64>,
    time_unit: Option<String>,
    bytes_per_second: Option<f64>,
    items_per_second: Option<f64>,
    label: Option<String>,
    error_occurred: Option<bool>,
    error_message: Option<String>,
    skipped: Option<bool>,
    skip_message: Option<String>,
    big_o: Option<String>,
    rms: Option<f64>,
    cpu_coefficient: Option<f64>,
    real_coefficient: Option<f64>,
    #[serde(flatten)]
    counters: BTreeMap<String, Value>,
}

/// Only the two keys that identify the format.
#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    context: serde::de::IgnoredAny,
    #[allow(dead_code)]
    benchmarks: serde::de::IgnoredAny,
}

pub(crate) fn detect(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"context\"") || !t.contains("\"benchmarks\"") {
        return false;
    }
    match serde_json::from_str::<Probe>(t) {
        Ok(_) => true,
        // Damaged (truncated, NaN tokens) but shaped like one: let the parser say where.
        Err(e) => e.is_syntax() || e.is_eof(),
    }
}

/// The entries of one `run_name`, with their indices in `benchmarks`.
struct Group<'a> {
    name: String,
    iterations: Vec<(usize, &'a Entry)>,
    aggregates: Vec<(usize, &'a Entry)>,
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let root: Root = json::from_str(file, text)?;
    let mut run = Run::new("google-benchmark");
    if let Some(ctx) = &root.context {
        run.time = text_of(ctx, "date");
        run.source.tool_version = text_of(ctx, "library_version");
        run.environment = environment(ctx);
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, e) in root.benchmarks.iter().enumerate() {
        let key = e.run_name.as_deref().unwrap_or(&e.name);
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                name: key.to_string(),
                iterations: Vec::new(),
                aggregates: Vec::new(),
            });
            groups.len() - 1
        });
        if e.run_type.as_deref() == Some("aggregate") {
            groups[g].aggregates.push((i, e));
        } else {
            groups[g].iterations.push((i, e));
        }
    }
    for g in groups {
        run.benchmarks.push(benchmark(file, g)?);
    }
    Ok(run)
}

fn benchmark(file: &str, g: Group) -> Result<Benchmark> {
    let mut b = Benchmark::new(g.name);
    for (_, e) in g.aggregates.iter().chain(&g.iterations) {
        for (key, v) in [
            ("big_o", e.big_o.clone().map(Value::from)),
            ("cpu_coefficient", e.cpu_coefficient.map(Value::from)),
            ("real_coefficient", e.real_coefficient.map(Value::from)),
            ("rms", e.rms.map(Value::from)),
            (
                "label",
                e.label.clone().filter(|l| !l.is_empty()).map(Value::from),
            ),
        ] {
            if let Some(v) = v {
                b.extra.entry(key.to_string()).or_insert(v);
            }
        }
    }
    let failed = g.iterations.iter().chain(&g.aggregates).find_map(|(_, e)| {
        if e.error_occurred == Some(true) {
            Some(("error", e.error_message.clone().unwrap_or_default()))
        } else if e.skipped == Some(true) {
            Some(("skipped", e.skip_message.clone().unwrap_or_default()))
        } else {
            None
        }
    });
    if let Some((key, message)) = failed {
        b.extra.insert(key.into(), Value::from(message));
        return Ok(b);
    }
    b.measurements = if g.iterations.is_empty() {
        from_aggregates(file, &g.aggregates)?
    } else {
        from_repetitions(file, &g.iterations)?
    };
    Ok(b)
}

/// Nanoseconds per `time_unit` of entry `i`.
fn scale(file: &str, i: usize, e: &Entry) -> Result<f64> {
    match e.time_unit.as_deref() {
        None => Ok(1.0),
        Some(u) => time_unit_ns(u).ok_or_else(|| {
            Error::parse_field(
                file,
                format!("benchmarks[{i}].time_unit"),
                format!("unknown time unit '{u}' (expected ns, us, ms or s)"),
            )
        }),
    }
}

/// The metrics an entry reports, with values in canonical units (times in ns). `time` must be
/// there; the others are optional. Counters that are `null` (NaN in the file) are left out.
fn values(file: &str, i: usize, e: &Entry) -> Result<Vec<(Metric, f64)>> {
    let ns = scale(file, i, e)?;
    let real = e.real_time.ok_or_else(|| {
        Error::parse_field(
            file,
            format!("benchmarks[{i}].real_time"),
            "missing `real_time` (or NaN)",
        )
    })?;
    let mut out = vec![(Metric::time(), real * ns)];
    if let Some(cpu) = e.cpu_time {
        out.push((metrics::cpu_time(), cpu * ns));
    }
    match (e.bytes_per_second, e.items_per_second) {
        (Some(bytes), items) => {
            out.push((metrics::rate("throughput", "B/s"), bytes));
            if let Some(items) = items {
                out.push((metrics::rate("items_per_second", "items/s"), items));
            }
        }
        (None, Some(items)) => out.push((metrics::rate("throughput", "items/s"), items)),
        (None, None) => {}
    }
    for (name, v) in &e.counters {
        if let Some(v) = v.as_f64() {
            out.push((metrics::custom(name, ""), v));
        }
    }
    Ok(out)
}

fn from_repetitions(file: &str, entries: &[(usize, &Entry)]) -> Result<Vec<Measurement>> {
    let mut sets = SampleSets::default();
    for &(i, e) in entries {
        for (metric, v) in values(file, i, e)? {
            sets.push(metric, v);
        }
    }
    Ok(sets.into_measurements())
}

fn from_aggregates(file: &str, entries: &[(usize, &Entry)]) -> Result<Vec<Measurement>> {
    let mut out: Vec<Measurement> = Vec::new();
    for &(i, e) in entries {
        let slot: fn(&mut Summary) -> &mut Option<f64> = match e.aggregate_name.as_deref() {
            Some("mean") => |s| &mut s.mean,
            Some("median") => |s| &mut s.median,
            Some("stddev") => |s| &mut s.stddev,
            _ => continue,
        };
        for (metric, v) in values(file, i, e)? {
            let m = match out.iter_mut().position(|m| m.metric.name == metric.name) {
                Some(k) => &mut out[k],
                None => {
                    out.push(Measurement {
                        metric,
                        summary: Summary {
                            n: e.repetitions,
                            ..Summary::default()
                        },
                        samples: Vec::new(),
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            *slot(&mut m.summary) = Some(v);
        }
    }
    // A metric seen only in `stddev` has no typical value to compare.
    out.retain(|m| m.summary.mean.is_some() || m.summary.median.is_some());
    Ok(out)
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Read leniently: the context must never fail a parse.
fn environment(ctx: &Value) -> Environment {
    let mut env = Environment {
        machine: text_of(ctx, "host_name"),
        cpu_count: ctx
            .get("num_cpus")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok()),
        ..Environment::default()
    };
    for key in ["mhz_per_cpu", "library_build_type", "cpu_scaling_enabled"] {
        match ctx.get(key) {
            Some(Value::String(s)) => {
                env.extra.insert(key.into(), s.clone());
            }
            Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                env.extra.insert(key.into(), v.to_string());
            }
            _ => {}
        }
    }
    env
}
