//! vitest `bench --outputJson FILE` (observed: vitest 4.1.12, which runs tinybench inside).
//!
//! ```text
//! {"files": [{"filepath": "/home/dev/bench/vitest-shared/strings.bench.mjs",
//!             "groups": [{"fullName": "strings.bench.mjs > strings",
//!                         "benchmarks": [{"id": "-1635793588_0_0", "name": "padStart 1000", "rank": 2,
//!                                         "rme": 2.471945215368134, "samples": [], "totalTime": 300.00261699999686,
//!                                         "min": 0.021100999999987, "max": 2.527011999999956, "hz": 41049.64191029083,
//!                                         "period": 0.0243607…, "mean": 0.0243607…, "variance": …, "sd": 0.0340949…,
//!                                         "sem": …, "df": 12314, "critical": 1.96, "moe": …, "p75": 0.0227949…,
//!                                         "p99": …, "p995": …, "p999": …, "sampleCount": 12315, "median": 0.0223940…}, …]}, …]}]}
//! ```
//!
//! One benchmark per entry, named `<group fullName> > <name>` (the group's `fullName` is
//! `<file> > <describe…>`, or the file name alone outside `describe`), with the group's
//! `fullName` as group. Times are **milliseconds** and become metric `time` in ns: `mean`,
//! `median`, `sd` → stddev, `min`, `max`, `p75` → q3, `sampleCount` → n; `samples` (empty in
//! vitest 4 unless asked for) become raw samples when present. `hz` becomes `throughput` in
//! `ops/s` as its mean (vitest computes it as 1 / mean time). `rme` (percent) goes to
//! `extra.rme`; `rank`, `id` (a hash) and the absolute `filepath` are left out.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::metrics;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Metric, Run, Summary};

#[derive(Deserialize)]
struct Root {
    files: Vec<File>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(rename = "fullName")]
    full_name: String,
    #[serde(default)]
    benchmarks: Vec<Bench>,
}

#[derive(Deserialize)]
struct Bench {
    name: String,
    rme: Option<f64>,
    samples: Option<Vec<f64>>,
    hz: Option<f64>,
    mean: Option<f64>,
    median: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    sd: Option<f64>,
    p75: Option<f64>,
    #[serde(rename = "sampleCount")]
    sample_count: Option<u64>,
}

#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    files: serde::de::IgnoredAny,
}

pub(crate) fn detect(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"files\"") || !t.contains("\"groups\"") {
        return false;
    }
    match serde_json::from_str::<Probe>(t) {
        Ok(_) => true,
        Err(e) => e.is_syntax() || e.is_eof(),
    }
}

const NS_PER_MS: f64 = 1e6;

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let root: Root = json::from_str(file, text)?;
    let mut run = Run::new("vitest");
    let mut names = HashSet::new();
    for (fi, f) in root.files.into_iter().enumerate() {
        for (gi, g) in f.groups.into_iter().enumerate() {
            for (bi, b) in g.benchmarks.into_iter().enumerate() {
                let at = format!("files[{fi}].groups[{gi}].benchmarks[{bi}]");
                let name = format!("{} > {}", g.full_name, b.name);
                if !names.insert(name.clone()) {
                    return Err(Error::parse_field(
                        file,
                        format!("{at}.name"),
                        format!("benchmark '{name}' appears twice"),
                    ));
                }
                let mut out = benchmark(file, &at, name, b)?;
                out.group = Some(g.full_name.clone());
                run.benchmarks.push(out);
            }
        }
    }
    Ok(run)
}

fn benchmark(file: &str, at: &str, name: String, b: Bench) -> Result<Benchmark> {
    let check = |field: &str, x: Option<f64>, scale: f64| -> Result<Option<f64>> {
        match x {
            Some(x) if !(x.is_finite() && x >= 0.0) => Err(Error::parse_field(
                file,
                format!("{at}.{field}"),
                format!("{x} must be a finite, non-negative number"),
            )),
            x => Ok(x.map(|x| x * scale)),
        }
    };
    let mut out = Benchmark::new(name);
    if let Some(rme) = b.rme {
        out.extra.insert("rme".into(), Value::from(rme));
    }
    let samples = b
        .samples
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(k, &x)| {
            check(&format!("samples[{k}]"), Some(x), NS_PER_MS).map(|x| x.unwrap_or(0.0))
        })
        .collect::<Result<Vec<f64>>>()?;
    let summary = Summary {
        n: b.sample_count,
        mean: check("mean", b.mean, NS_PER_MS)?,
        median: check("median", b.median, NS_PER_MS)?,
        stddev: check("sd", b.sd, NS_PER_MS)?,
        min: check("min", b.min, NS_PER_MS)?,
        max: check("max", b.max, NS_PER_MS)?,
        q1: None,
        q3: check("p75", b.p75, NS_PER_MS)?,
    };
    if summary.mean.is_some() || summary.median.is_some() || !samples.is_empty() {
        out.measurements.push(Measurement {
            metric: Metric::time(),
            summary,
            samples,
        });
    }
    if let Some(hz) = check("hz", b.hz, 1.0)? {
        out.measurements.push(Measurement {
            metric: metrics::rate("throughput", "ops/s"),
            summary: Summary {
                n: b.sample_count,
                mean: Some(hz),
                // vitest's `rme` is tinybench's: the 95% margin of the mean, in percent.
                stddev: b
                    .rme
                    .zip(b.sample_count)
                    .and_then(|(rme, n)| metrics::stddev_from_rme(hz, rme, n)),
                ..Summary::default()
            },
            samples: Vec::new(),
        });
    }
    Ok(out)
}
