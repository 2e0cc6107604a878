//! criterion.rs `target/criterion` trees (criterion 0.5.x … 0.8.x; layout and keys did not change).
//!
//! ```text
//! target/criterion/
//!   fib/20/                       one folder per benchmark, nested by the `/`s of its id; each
//!     new/benchmark.json          component mangled by criterion's `make_filename_safe`
//!     new/estimates.json
//!     new/sample.json
//!     new/tukey.json              (ignored)
//!     new/raw.csv                 (ignored; only with the `csv_output` feature)
//!     base/ main/ pr/ …           the same files for every saved baseline
//!     change/estimates.json       (ignored: the last comparison criterion made; we recompute)
//!   sort 1000 u32/new/…
//!   report/                       (ignored: HTML)
//! ```
//!
//! Real lines (criterion 0.5.1, `fib/20/pr/`):
//!
//! ```text
//! benchmark.json  {"group_id":"fib","function_id":null,"value_str":"20","throughput":null,"full_id":"fib/20",…}
//! estimates.json  {"mean":{"confidence_interval":{…},"point_estimate":19304.376692429607,"standard_error":753.51…},…,"slope":{…},"std_dev":{…}}
//! sample.json     {"sampling_mode":"Linear","iters":[189.0,378.0,…],"times":[3140333.0,6163630.0,…]}
//! ```
//!
//! A benchmark is any folder `<…>/<baseline>/benchmark.json`, at any depth. The tree root may
//! also be one benchmark's folder (it holds `new/benchmark.json`), or one baseline folder (it holds
//! `benchmark.json`; the baseline is then named after the root, and any other requested name but
//! the default `new` is not found).
//!
//! Names come from `full_id`, never from directory names (those are mangled). Times are ns per
//! iteration: samples are `times[i] / iters[i]` (Linear and Flat sampling alike); the summary's
//! mean, median and standard deviation are criterion's point estimates (`slope` is ignored, it is
//! `null` in Flat mode), minimum, maximum and quartiles come from the samples. A folder with
//! `estimates.json` but no `sample.json` gives a measurement from the estimates alone.
//!
//! Throughput (`Bytes`, `BytesDecimal` → `B/s`, `Elements` → `elem/s`, `Bits` → `bit/s`,
//! `ElementsAndBytes` → `throughput` in `elem/s` plus `throughput_bytes` in `B/s`) is derived per
//! sample as `n / (time · 1e-9)`. Unknown variants are kept in `extra` only. A zero time is
//! accepted (criterion can measure an empty loop as 0 ns) but then no throughput is derived,
//! since it would be infinite.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::samples::{bytes_metric, check_time, per_iteration, throughput_measurement};
use crate::error::{Error, Result};
use crate::input::Tree;
use crate::model::{Benchmark, Measurement, Metric, Run};
use crate::stats::summarize;

const BENCHMARK_JSON: &str = "benchmark.json";

#[derive(Deserialize)]
struct BenchmarkJson {
    group_id: Option<String>,
    function_id: Option<String>,
    value_str: Option<String>,
    throughput: Option<Value>,
    full_id: String,
}

#[derive(Deserialize)]
struct SampleJson {
    sampling_mode: Option<String>,
    iters: Vec<f64>,
    times: Vec<f64>,
}

#[derive(Deserialize)]
struct Estimates {
    mean: Option<Estimate>,
    median: Option<Estimate>,
    std_dev: Option<Estimate>,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

/// One `<baseline>/benchmark.json` folder of the tree.
struct Folder<'a> {
    /// Path of the baseline folder relative to the root, `""` when the root is that folder.
    dir: &'a str,
    baseline: String,
}

/// Every baseline folder of the tree, in listing order.
fn folders(tree: &dyn Tree) -> Vec<Folder<'_>> {
    let root_name = root_name(tree.root());
    tree.files()
        .iter()
        .filter_map(|f| {
            if f == BENCHMARK_JSON {
                return Some(Folder {
                    dir: "",
                    baseline: root_name.clone(),
                });
            }
            let dir = f.strip_suffix(BENCHMARK_JSON)?.strip_suffix('/')?;
            let baseline = dir.rsplit('/').next().unwrap_or(dir);
            // `report/` is skipped as `FsTree` skips it, so uploaded in-memory trees read the
            // same; `change/` is criterion's comparison output, never a baseline.
            let skipped = baseline == "change" || dir.split('/').any(|c| c == "report");
            (!skipped).then(|| Folder {
                dir,
                baseline: baseline.to_string(),
            })
        })
        .collect()
}

/// The last component of the root label: the baseline's name when the root is a baseline folder.
fn root_name(root: &str) -> String {
    let trimmed = root.trim_end_matches(['/', '\\']);
    let name = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    if name.is_empty() || name == "." {
        "new".to_string()
    } else {
        name.to_string()
    }
}

pub(crate) fn detect(tree: &dyn Tree) -> bool {
    !folders(tree).is_empty()
}

pub(crate) fn baselines(tree: &dyn Tree) -> Vec<String> {
    let set: BTreeSet<String> = folders(tree).into_iter().map(|f| f.baseline).collect();
    set.into_iter().collect()
}

pub(crate) fn parse(tree: &dyn Tree, baseline: &str) -> Result<Run> {
    let all = folders(tree);
    // A tree whose root is one baseline folder answers to its own name and to the default.
    let root_folder = all.iter().any(|f| f.dir.is_empty());
    let selected: Vec<&Folder<'_>> = all
        .iter()
        .filter(|f| {
            f.baseline == baseline || (root_folder && f.dir.is_empty() && baseline == "new")
        })
        .collect();
    if selected.is_empty() {
        let found: BTreeSet<&str> = all.iter().map(|f| f.baseline.as_str()).collect();
        let found: Vec<&str> = found.into_iter().collect();
        return Err(Error::NotFound {
            file: tree.root().to_string(),
            what: if found.is_empty() {
                "no criterion results (no <baseline>/benchmark.json files)".to_string()
            } else {
                format!(
                    "no baseline named '{baseline}' (found: {})",
                    found.join(", ")
                )
            },
        });
    }
    let mut run = Run::new("criterion");
    run.source.baseline = Some(selected[0].baseline.clone());
    for folder in selected {
        run.benchmarks.push(read_benchmark(tree, folder.dir)?);
    }
    run.benchmarks.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(run)
}

/// `<root>/<rel>`, the label used in errors.
fn label(root: &str, rel: &str) -> String {
    if root.is_empty() {
        rel.to_string()
    } else {
        format!("{}/{rel}", root.trim_end_matches(['/', '\\']))
    }
}

fn rel(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Read and deserialize `dir/name`, or `None` when the tree has no such file.
fn read_json<T: serde::de::DeserializeOwned>(
    tree: &dyn Tree,
    dir: &str,
    name: &str,
) -> Result<Option<(T, String)>> {
    let rel = rel(dir, name);
    if tree.files().binary_search(&rel).is_err() {
        return Ok(None);
    }
    let file = label(tree.root(), &rel);
    let bytes = tree.read(&rel)?;
    let text = json::utf8(&file, &bytes)?;
    Ok(Some((json::from_str(&file, text)?, file)))
}

fn read_benchmark(tree: &dyn Tree, dir: &str) -> Result<Benchmark> {
    let (meta, _) =
        read_json::<BenchmarkJson>(tree, dir, BENCHMARK_JSON)?.ok_or_else(|| Error::NotFound {
            file: label(tree.root(), &rel(dir, BENCHMARK_JSON)),
            what: "no such file in the tree".into(),
        })?;
    let estimates = read_json::<Estimates>(tree, dir, "estimates.json")?;
    let sample = read_json::<SampleJson>(tree, dir, "sample.json")?;

    let mut b = Benchmark::new(meta.full_id);
    b.group = meta.group_id;
    if let Some(f) = meta.function_id {
        b.params.insert("function".into(), Value::String(f));
    }
    if let Some(v) = meta.value_str {
        b.params.insert("value".into(), Value::String(v));
    }

    let times = match &sample {
        Some((s, file)) => {
            if let Some(mode) = &s.sampling_mode {
                b.extra
                    .insert("sampling_mode".into(), Value::String(mode.clone()));
            }
            per_iteration(file, &s.iters, &s.times, "iters", "times")?
        }
        None => Vec::new(),
    };
    let mut summary = summarize(&times);
    if times.is_empty() {
        summary.n = None;
    }
    if let Some((e, file)) = &estimates {
        for (field, est, slot) in [
            ("mean", &e.mean, &mut summary.mean),
            ("median", &e.median, &mut summary.median),
            ("std_dev", &e.std_dev, &mut summary.stddev),
        ] {
            if let Some(est) = est {
                check_time(file, &format!("{field}.point_estimate"), est.point_estimate)?;
                *slot = Some(est.point_estimate);
            }
        }
    }
    if times.is_empty() && summary.mean.is_none() && summary.median.is_none() {
        return Err(Error::parse(
            label(tree.root(), dir),
            "no samples (sample.json) and no mean or median (estimates.json) for this benchmark",
        ));
    }
    let mut throughputs = Vec::new();
    if let Some(t) = meta.throughput {
        let file = label(tree.root(), &rel(dir, BENCHMARK_JSON));
        for (metric, per_iter) in throughput_metrics(&file, &t)? {
            throughputs.extend(throughput_measurement(
                metric,
                per_iter,
                &times,
                summary.median,
            ));
        }
        b.extra.insert("throughput".into(), t);
    }
    b.measurements.push(Measurement {
        metric: Metric::time(),
        summary,
        samples: times,
    });
    b.measurements.extend(throughputs);
    Ok(b)
}

/// The throughput metrics a criterion `Throughput` value declares, with the amount per
/// iteration. Unknown variants give none; a known variant with a malformed amount is an error.
fn throughput_metrics(file: &str, t: &Value) -> Result<Vec<(Metric, f64)>> {
    let Some((variant, inner)) = t.as_object().and_then(|o| o.iter().next()) else {
        return Ok(Vec::new());
    };
    let amount = |v: Option<&Value>, field: String| {
        v.and_then(Value::as_f64)
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| {
                Error::parse_field(file, field, "expected a non-negative number per iteration")
            })
    };
    let field = format!("throughput.{variant}");
    Ok(match variant.as_str() {
        "Bytes" | "BytesDecimal" => vec![(Metric::throughput("B/s"), amount(Some(inner), field)?)],
        "Elements" => vec![(Metric::throughput("elem/s"), amount(Some(inner), field)?)],
        "Bits" => vec![(Metric::throughput("bit/s"), amount(Some(inner), field)?)],
        "ElementsAndBytes" => vec![
            (
                Metric::throughput("elem/s"),
                amount(inner.get("elements"), format!("{field}.elements"))?,
            ),
            (
                bytes_metric(),
                amount(inner.get("bytes"), format!("{field}.bytes"))?,
            ),
        ],
        _ => Vec::new(),
    })
}
