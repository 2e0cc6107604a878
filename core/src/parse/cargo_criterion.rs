//! cargo-criterion `--message-format=json` (1.1.0): JSON Lines on stdout, one message per line.
//!
//! ```text
//! {"reason":"benchmark-complete","id":"fib/10","report_directory":"/home/dev/…/reports/fib/10","iteration_count":[21942,43884,…],"measured_values":[2203647.0,4369358.0,…],"unit":"ns","throughput":[],"typical":{"estimate":156.43,…,"unit":"ns"},"mean":{"estimate":145.55,"lower_bound":131.37,"upper_bound":160.78,"unit":"ns"},"median":{…},"median_abs_dev":{…},"slope":{…},"change":null}
//! {"reason":"benchmark-complete","id":"checksum/fnv1a/1024",…,"throughput":[{"per_iteration":1024,"unit":"bytes"}],…}
//! {"reason":"group-complete","group_name":"fib","benchmarks":["fib/10","fib/15","fib/20"],"report_directory":"…"}
//! ```
//!
//! Samples are `measured_values[i] / iteration_count[i]` in `unit`: `ns` (cargo-criterion's
//! wall-clock unit) and other time units (`ps`, `us`/`µs`, `ms`, `s`) become metric `time` in ns;
//! any other unit (a custom criterion `Measurement`) becomes a metric named after the unit, kind
//! `other`, lower is better, values as written. The summary takes `n`, `mean.estimate` and
//! `median.estimate` from the message, the rest from the samples. Throughput (`bytes` → `B/s`,
//! `elements` → `elem/s`) is derived per sample as for criterion trees, for time units only.
//!
//! The group comes from `group-complete` messages (they follow their benchmarks), else from the
//! id's part before the first `/`. `report_directory` (a path on the producing machine) and
//! `change` (cargo-criterion's own verdict against its last run; benchcore recomputes) are
//! ignored. Lines not starting with `{` (stderr piped in, blank lines) are skipped; messages
//! with another `reason` (cargo's own build messages) too.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::samples::{bytes_metric, check_time, per_iteration, throughput_measurement};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Direction, Measurement, Metric, MetricKind, Run};
use crate::stats::summarize;

#[derive(Deserialize)]
struct Head {
    reason: Option<String>,
}

#[derive(Deserialize)]
struct BenchmarkComplete {
    id: String,
    iteration_count: Vec<f64>,
    measured_values: Vec<f64>,
    unit: String,
    #[serde(default)]
    throughput: Vec<Value>,
    mean: Option<Estimate>,
    median: Option<Estimate>,
}

#[derive(Deserialize)]
struct Estimate {
    estimate: f64,
    unit: Option<String>,
}

#[derive(Deserialize)]
struct GroupComplete {
    group_name: String,
    #[serde(default)]
    benchmarks: Vec<String>,
}

/// Non-blank lines that look like JSON objects, with their 1-based numbers.
fn object_lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim();
        l.starts_with('{').then_some((i as u64 + 1, l))
    })
}

pub(crate) fn detect(text: &str) -> bool {
    if !text.contains("benchmark-complete") {
        return false;
    }
    object_lines(text)
        .filter(|(_, l)| l.contains("benchmark-complete"))
        .any(|(_, l)| match serde_json::from_str::<Head>(l) {
            Ok(h) => h.reason.as_deref() == Some("benchmark-complete"),
            // A damaged message line is still this format: let the parser report where.
            Err(e) => e.is_syntax() || e.is_eof(),
        })
}

/// A parse error moved to `line` of the file (each message is read on its own).
fn at_line(e: Error, line: u64) -> Error {
    match e {
        Error::Parse {
            file,
            field,
            message,
            ..
        } => Error::Parse {
            file,
            line: Some(line),
            field,
            message,
        },
        other => other,
    }
}

/// Deserialize one line, reporting the line's number in the file.
fn from_line<T: serde::de::DeserializeOwned>(file: &str, line: u64, text: &str) -> Result<T> {
    json::from_str(file, text).map_err(|e| at_line(e, line))
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let mut run = Run::new("cargo-criterion");
    let mut groups: HashMap<String, String> = HashMap::new();
    for (line, l) in object_lines(text) {
        let head: Head = from_line(file, line, l)?;
        match head.reason.as_deref() {
            Some("benchmark-complete") => {
                let msg: BenchmarkComplete = from_line(file, line, l)?;
                run.benchmarks.push(benchmark(file, line, msg)?);
            }
            Some("group-complete") => {
                let msg: GroupComplete = from_line(file, line, l)?;
                for id in msg.benchmarks {
                    groups.entry(id).or_insert_with(|| msg.group_name.clone());
                }
            }
            _ => {}
        }
    }
    if run.benchmarks.is_empty() {
        return Err(Error::parse(file, "no benchmark-complete messages"));
    }
    for b in &mut run.benchmarks {
        b.group = groups.get(&b.name).cloned().or_else(|| {
            b.name
                .split_once('/')
                .map(|(g, _)| g.to_string())
                .filter(|g| !g.is_empty())
        });
    }
    Ok(run)
}

/// Nanoseconds per `unit`, for the time units criterion's formatters write.
fn ns_per(unit: &str) -> Option<f64> {
    Some(match unit {
        "ps" => 1e-3,
        "ns" => 1.0,
        "us" | "µs" | "μs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return None,
    })
}

fn benchmark(file: &str, line: u64, msg: BenchmarkComplete) -> Result<Benchmark> {
    let scale = ns_per(&msg.unit);
    let metric = match scale {
        Some(_) => Metric::time(),
        None => Metric {
            name: msg.unit.clone(),
            unit: msg.unit.clone(),
            kind: MetricKind::Other,
            direction: Direction::LowerIsBetter,
        },
    };
    let factor = scale.unwrap_or(1.0);
    let samples: Vec<f64> = per_iteration(
        file,
        &msg.iteration_count,
        &msg.measured_values,
        "iteration_count",
        "measured_values",
    )
    .map_err(|e| at_line(e, line))?
    .into_iter()
    .map(|v| v * factor)
    .collect();
    let mut summary = summarize(&samples);
    if samples.is_empty() {
        summary.n = None;
    }
    // An estimate in another time unit than the samples is converted by its own unit.
    let convert = |field: &str, e: &Estimate| {
        let v = match (scale, e.unit.as_deref().and_then(ns_per)) {
            (Some(_), Some(own)) => e.estimate * own,
            _ => e.estimate * factor,
        };
        check_time(file, &format!("{field}.estimate"), v)
            .map(|()| v)
            .map_err(|e| at_line(e, line))
    };
    if let Some(e) = &msg.mean {
        summary.mean = Some(convert("mean", e)?);
    }
    if let Some(e) = &msg.median {
        summary.median = Some(convert("median", e)?);
    }

    let mut b = Benchmark::new(msg.id);
    let mut throughputs = Vec::new();
    if scale.is_some() {
        for (metric, per_iter) in throughput_metrics(file, line, &msg.throughput)? {
            throughputs.extend(throughput_measurement(
                metric,
                per_iter,
                &samples,
                summary.median,
            ));
        }
    }
    b.measurements.push(Measurement {
        metric,
        summary,
        samples,
    });
    b.measurements.extend(throughputs);
    if !msg.throughput.is_empty() {
        b.extra
            .insert("throughput".into(), Value::Array(msg.throughput));
    }
    Ok(b)
}

/// `[{"per_iteration": n, "unit": "bytes" | "elements"}]` → metrics. With both units, elements
/// are `throughput` and bytes `throughput_bytes`, as criterion's `ElementsAndBytes`; unknown
/// units are skipped.
fn throughput_metrics(file: &str, line: u64, entries: &[Value]) -> Result<Vec<(Metric, f64)>> {
    let mut found: Vec<(u8, f64)> = Vec::new();
    for (i, t) in entries.iter().enumerate() {
        let kind = match t.get("unit").and_then(Value::as_str) {
            Some("elements") => 0,
            Some("bytes") => 1,
            _ => continue,
        };
        let per_iter = t
            .get("per_iteration")
            .and_then(Value::as_f64)
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| Error::Parse {
                file: file.to_string(),
                line: Some(line),
                field: Some(format!("throughput[{i}].per_iteration")),
                message: "expected a non-negative number per iteration".into(),
            })?;
        if !found.iter().any(|f| f.0 == kind) {
            found.push((kind, per_iter));
        }
    }
    found.sort_by_key(|f| f.0);
    let has_elements = found.first().is_some_and(|f| f.0 == 0);
    Ok(found
        .into_iter()
        .map(|(kind, n)| {
            let metric = match kind {
                0 => Metric::throughput("elem/s"),
                _ if has_elements => bytes_metric(),
                _ => Metric::throughput("B/s"),
            };
            (metric, n)
        })
        .collect())
}
