//! tinybench results saved as JSON. tinybench has no reporter of its own: this reads what a
//! script writes with `JSON.stringify(bench.tasks.map(t => ({name: t.name, result: t.result})))`
//! (observed: tinybench 6.2.5 on Node 20; the fixture's `tiny.mjs`).
//!
//! ```text
//! [{"name": "array map 1000",
//!   "result": {"state": "completed",
//!              "latency": {"mean": 0.002574291839651797, "p50": 0.0013119999999844367, "min": 0.00119…, "max": 8.04…,
//!                          "sd": 0.0611…, "p75": 0.00146…, "p99": …, "rme": 13.57…, "samplesCount": 117544, …},
//!              "throughput": {"mean": 721355.021783133, "p50": 762195.12…, "sd": 145139.5…, "samplesCount": 117544, …},
//!              "period": 0.00257…, "totalTime": 302.59…, "runtime": "node", "runtimeVersion": "20.20.2"}}, …]
//! ```
//!
//! Two result shapes exist. v6 nests statistics: `latency.*` in **milliseconds**
//! becomes metric `time` in ns (`mean`, `p50` → median, `sd`, `min`, `max`, `p75` → q3,
//! `samplesCount` → n), `throughput.*` (ops/s) becomes `throughput` in `ops/s` the same way;
//! `latency.samples` become raw samples only when all `samplesCount` of them are there (v6 keeps
//! none unless `retainSamples`). v2 is flat (`hz`, `mean`, `min`, `max`, `sd`, `p75`, …, ms,
//! and `samples`): `time` from the latency fields with `samples` as raw samples (a script that
//! cut them short would go unnoticed: v2 records no count), `throughput` = `hz` as its mean.
//! v2 is read from its documented shape; only v6 output was observed.
//!
//! A task whose `state` is not `completed` or whose result holds an `error` has no
//! measurements; `extra.error` (or `extra.state`) says why. `rme` goes to `extra.rme`.
//! `runtime`/`runtimeVersion` give the environment's runtime (`node 20.20.2`).

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::metrics;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Metric, Run, Summary};

#[derive(Deserialize)]
struct Task {
    name: String,
    result: Option<TaskResult>,
}

#[derive(Deserialize)]
struct TaskResult {
    state: Option<String>,
    error: Option<Value>,
    latency: Option<Stats>,
    throughput: Option<Stats>,
    runtime: Option<String>,
    #[serde(rename = "runtimeVersion")]
    runtime_version: Option<String>,
    // v2, flat:
    hz: Option<f64>,
    #[serde(flatten)]
    flat: Stats,
}

#[derive(Deserialize)]
struct Stats {
    mean: Option<f64>,
    p50: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    sd: Option<f64>,
    p75: Option<f64>,
    rme: Option<f64>,
    #[serde(rename = "samplesCount")]
    samples_count: Option<u64>,
    samples: Option<Vec<f64>>,
}

#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    name: serde::de::IgnoredAny,
    result: Option<serde::de::IgnoredAny>,
}

pub(crate) fn detect(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('[') || !t.contains("\"result\"") {
        return false;
    }
    match serde_json::from_str::<Vec<Probe>>(t) {
        Ok(tasks) => tasks.iter().any(|t| t.result.is_some()),
        Err(e) => {
            (e.is_syntax() || e.is_eof()) && (t.contains("\"latency\"") || t.contains("\"hz\""))
        }
    }
}

const NS_PER_MS: f64 = 1e6;

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let tasks: Vec<Task> = json::from_str(file, text)?;
    let mut run = Run::new("tinybench");
    let mut names = std::collections::HashSet::new();
    for (i, t) in tasks.into_iter().enumerate() {
        if !names.insert(t.name.clone()) {
            return Err(Error::parse_field(
                file,
                format!("[{i}].name"),
                format!("task '{}' appears twice", t.name),
            ));
        }
        let mut b = Benchmark::new(t.name);
        if let Some(r) = t.result {
            if run.environment.runtime.is_none() {
                run.environment.runtime = match (&r.runtime, &r.runtime_version) {
                    (Some(rt), Some(v)) => Some(format!("{rt} {v}")),
                    (rt, _) => rt.clone(),
                };
            }
            measurements(file, i, r, &mut b)?;
        } else {
            b.extra.insert("state".into(), Value::from("no result"));
        }
        run.benchmarks.push(b);
    }
    Ok(run)
}

fn measurements(file: &str, i: usize, r: TaskResult, b: &mut Benchmark) -> Result<()> {
    if let Some(e) = r.error.filter(|e| !e.is_null()) {
        let message = match e {
            Value::String(s) => s,
            // `JSON.stringify(new Error(…))` is `{}`: the message is lost.
            other => other
                .get("message")
                .and_then(Value::as_str)
                .map_or_else(|| "errored".to_string(), str::to_string),
        };
        b.extra.insert("error".into(), Value::from(message));
        return Ok(());
    }
    if let Some(state) = r.state.as_deref().filter(|s| *s != "completed") {
        b.extra.insert("state".into(), Value::from(state));
        return Ok(());
    }
    let at = |field: &str| format!("[{i}].result.{field}");
    let (latency, throughput, hz) = match r.latency {
        Some(l) => (l, r.throughput, None),
        None => (r.flat, None, r.hz),
    };
    if let Some(rme) = latency.rme {
        b.extra.insert("rme".into(), Value::from(rme));
    }
    let n = latency
        .samples_count
        .or_else(|| latency.samples.as_ref().map(|s| s.len() as u64));
    let time = stats(file, &at("latency"), Metric::time(), &latency, NS_PER_MS)?;
    b.measurements.extend(time);
    let rate = metrics::rate("throughput", "ops/s");
    match (throughput, hz) {
        (Some(t), _) => b
            .measurements
            .extend(stats(file, &at("throughput"), rate, &t, 1.0)?),
        (None, Some(hz)) => b.measurements.push(Measurement {
            metric: rate,
            summary: Summary {
                n,
                mean: Some(hz),
                ..Summary::default()
            },
            samples: Vec::new(),
        }),
        (None, None) => {}
    }
    if b.measurements.is_empty() {
        return Err(Error::parse_field(
            file,
            at("latency"),
            "a completed task without latency statistics",
        ));
    }
    Ok(())
}

/// One measurement from a statistics object, values × `scale`; `None` without mean or median.
fn stats(
    file: &str,
    at: &str,
    metric: Metric,
    s: &Stats,
    scale: f64,
) -> Result<Option<Measurement>> {
    let v = |name: &str, x: Option<f64>| -> Result<Option<f64>> {
        match x {
            Some(x) if !(x.is_finite() && x >= 0.0) => Err(Error::parse_field(
                file,
                format!("{at}.{name}"),
                format!("{x} must be a finite, non-negative number"),
            )),
            x => Ok(x.map(|x| x * scale)),
        }
    };
    let summary = Summary {
        n: s.samples_count
            .or(s.samples.as_ref().map(|x| x.len() as u64)),
        mean: v("mean", s.mean)?,
        median: v("p50", s.p50)?,
        stddev: v("sd", s.sd)?,
        min: v("min", s.min)?,
        max: v("max", s.max)?,
        q1: None,
        q3: v("p75", s.p75)?,
    };
    if summary.mean.is_none() && summary.median.is_none() {
        return Ok(None);
    }
    let samples = match &s.samples {
        Some(xs) if !xs.is_empty() && s.samples_count.is_none_or(|c| c == xs.len() as u64) => xs
            .iter()
            .enumerate()
            .map(|(k, &x)| v(&format!("samples[{k}]"), Some(x)).map(|x| x.unwrap_or(0.0)))
            .collect::<Result<Vec<f64>>>()?,
        _ => Vec::new(),
    };
    Ok(Some(Measurement {
        metric,
        summary,
        samples,
    }))
}
