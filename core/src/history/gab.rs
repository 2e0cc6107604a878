//! Import of github-action-benchmark histories, so users can migrate: its `data.js` (what the
//! action commits to `gh-pages`, `window.BENCHMARK_DATA = ` + `JSON.stringify(data, null, 2)`,
//! see its `src/write/loadData.ts`) or the same object as plain JSON (`external-data-json-path`).
//!
//! ```text
//! window.BENCHMARK_DATA = {
//!   "lastUpdate": 1746547388151,
//!   "repoUrl": "https://github.com/dojoengine/katana",
//!   "entries": {
//!     "Benchmark": [
//!       {"commit": {"author": {…}, "committer": {…}, "id": "92e5fe8f…", "message": "…",
//!                   "timestamp": "2025-05-02T22:08:37+08:00", "url": "…"},
//!        "date": 1746196099496, "tool": "cargo",
//!        "benches": [{"name": "decompress world contract", "value": 2990472,
//!                     "range": "± 21925", "unit": "ns/iter"}, …]}, …]}}
//! ```
//!
//! Each entry of each suite becomes one [`Run`]: `commit` from `commit.id` (or a bare string,
//! as in the pre-1.0 format), `time` from `date` (when the action ran, ms) or else
//! `commit.timestamp`, `branch` only from the caller, `source.format` =
//! `github-action-benchmark`, every benchmark's `group` = the suite name.
//!
//! Units (compared lowercased, like the action's `canonicalizeUnit`): times (`ns`, `us`/`µs`,
//! `ms`, `s`, `sec`, `seconds`, `nsec`…, alone or with `/iter` or `/op`) become metric `time`
//! in ns; rates (`ops/sec`, `iter/sec`, `ops/ms`…) become `throughput` in `ops/s`, higher is
//! better; any other unit stays a metric `value` with the unit as written. A converted
//! unit is kept as written in `extra.unit`; Go's combined `ns/op\t  10872 B/op\t  90 allocs/op`
//! is read by its first unit. Direction otherwise follows the action's `biggerIsBetter(tool)`: higher is
//! better for `benchmarkjs`, `pytest`, `customBiggerIsBetter`. `range`, `extra` and `tool` are
//! kept in the benchmark's `extra`. The value is the summary's median for `cargo` (libtest
//! reports the median) and its mean otherwise. A bench whose value is `null` (JavaScript's
//! `NaN` after `JSON.stringify`) is skipped with a warning; a repeated name in one entry gets a
//! ` #2` suffix. Entries identical in content give the same run id, so importing twice adds
//! nothing new.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Benchmark, Direction, Measurement, Metric, MetricKind, Run, Summary};
use crate::parse::json;
use crate::time::{format_rfc3339, parse_rfc3339};

/// `source.format` of imported runs.
pub const GAB_FORMAT: &str = "github-action-benchmark";

/// Options of [`import_gab`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GabImportOptions {
    /// The branch the history was recorded on (the file does not say).
    pub branch: Option<String>,
}

/// The runs of an imported history, and what was skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GabImport {
    /// One run per distinct entry, in file order (suites sorted by name).
    pub runs: Vec<Run>,
    /// What was skipped or adjusted, each naming its place in the file.
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct DataJson {
    #[serde(alias = "benches")]
    entries: BTreeMap<String, Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    commit: Value,
    date: Option<f64>,
    tool: Option<String>,
    benches: Vec<Bench>,
}

#[derive(Deserialize)]
struct Bench {
    name: String,
    value: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    range: Option<Value>,
    #[serde(default)]
    extra: Option<Value>,
}

/// The JSON text of a `data.js` (after `window.BENCHMARK_DATA =`, without a final `;`) or of
/// a plain JSON file, and the number of lines before it.
fn json_body(text: &str) -> (&str, u64) {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let body_at = match rest.strip_prefix("window.BENCHMARK_DATA") {
        Some(after) => match after.find('=') {
            Some(eq) if after[..eq].trim().is_empty() => text.len() - after.len() + eq + 1,
            _ => start,
        },
        None => start,
    };
    let after = &text[body_at..];
    let body_at = body_at + (after.len() - after.trim_start().len());
    let body = text[body_at..].trim_end();
    let body = body.strip_suffix(';').unwrap_or(body);
    let lines = text[..body_at].matches('\n').count() as u64;
    (body, lines)
}

fn bigger_is_better(tool: &str) -> bool {
    matches!(tool, "benchmarkjs" | "pytest" | "customBiggerIsBetter")
}

/// Nanoseconds per unit of a time unit, alone or per `iter`/`op`.
fn time_factor(unit: &str) -> Option<f64> {
    let base = unit
        .strip_suffix("/iter")
        .or_else(|| unit.strip_suffix("/op"))
        .unwrap_or(unit);
    Some(match base {
        "ps" => 1e-3,
        "ns" | "nsec" => 1.0,
        "us" | "µs" | "μs" | "usec" => 1e3,
        "ms" | "msec" => 1e6,
        "s" | "sec" | "secs" | "second" | "seconds" => 1e9,
        _ => return None,
    })
}

/// Operations per second per unit of a rate unit (`ops/sec`, `iter/s`, `ops/ms`, …).
fn rate_factor(unit: &str) -> Option<f64> {
    let (what, per) = unit.split_once('/')?;
    if !matches!(
        what,
        "ops" | "op" | "iter" | "iters" | "it" | "iterations" | "operations"
    ) {
        return None;
    }
    let per_ns = time_factor(per).filter(|_| !per.contains('/'))?;
    Some(1e9 / per_ns)
}

/// The metric and scale factor for a bench's unit (see the module doc).
fn classify(raw_unit: &str, tool: &str) -> (Metric, f64) {
    let first = raw_unit.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase();
    let by_tool = if bigger_is_better(tool) {
        Direction::HigherIsBetter
    } else {
        Direction::LowerIsBetter
    };
    if let Some(f) = rate_factor(&lower) {
        return (Metric::throughput("ops/s"), f);
    }
    if let Some(f) = time_factor(&lower) {
        let metric = Metric {
            direction: by_tool,
            ..Metric::time()
        };
        return (metric, f);
    }
    let metric = Metric {
        name: "value".into(),
        unit: raw_unit.trim().to_string(),
        kind: MetricKind::Other,
        direction: by_tool,
    };
    (metric, 1.0)
}

/// Year 0 to 9999, in ms: what RFC 3339 can write.
const DATE_RANGE: std::ops::RangeInclusive<f64> = -62_167_219_200_000.0..=253_402_300_799_999.0;

fn entry_time(e: &Entry, at: &str, warnings: &mut Vec<String>) -> Option<String> {
    if let Some(ms) = e.date {
        if ms.is_finite() && DATE_RANGE.contains(&ms) {
            return Some(format_rfc3339(ms as i64));
        }
        warnings.push(format!(
            "{at}.date: {ms} is not a time in ms; using commit.timestamp"
        ));
    }
    let ts = e.commit.get("timestamp").and_then(Value::as_str)?;
    if parse_rfc3339(ts).is_ok() {
        Some(ts.to_string())
    } else {
        warnings.push(format!(
            "{at}.commit.timestamp: '{ts}' is not a time; the run has none"
        ));
        None
    }
}

fn entry_commit(file: &str, e: &Entry, at: &str) -> Result<Option<String>> {
    match &e.commit {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Object(o) => match o.get("id") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::parse_field(
                file,
                format!("{at}.commit.id"),
                "expected a string",
            )),
        },
        _ => Err(Error::parse_field(
            file,
            format!("{at}.commit"),
            "expected an object with `id` (or a commit SHA)",
        )),
    }
}

fn benchmark(file: &str, b: Bench, at: &str, tool: &str, suite: &str) -> Result<Option<Benchmark>> {
    if b.name.is_empty() {
        return Err(Error::parse_field(
            file,
            format!("{at}.name"),
            "empty benchmark name",
        ));
    }
    let Some(value) = b.value else {
        return Ok(None);
    };
    let raw_unit = b.unit.unwrap_or_default();
    let (metric, factor) = classify(&raw_unit, tool);
    let v = value * factor;
    if !v.is_finite() || (metric.kind != MetricKind::Other && v < 0.0) {
        return Err(Error::parse_field(
            file,
            format!("{at}.value"),
            format!("{value} {raw_unit} is not a usable {}", metric.name),
        ));
    }
    let mut bench = Benchmark::new(b.name);
    bench.group = Some(suite.to_string());
    if !tool.is_empty() {
        bench
            .extra
            .insert("tool".into(), Value::String(tool.into()));
    }
    if metric.unit != raw_unit.trim() {
        bench
            .extra
            .insert("unit".into(), Value::String(raw_unit.clone()));
    }
    for (key, v) in [("range", b.range), ("extra", b.extra)] {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            bench.extra.insert(key.into(), v);
        }
    }
    let summary = if tool == "cargo" {
        Summary {
            median: Some(v),
            ..Summary::default()
        }
    } else {
        Summary {
            mean: Some(v),
            ..Summary::default()
        }
    };
    bench.measurements.push(Measurement {
        metric,
        summary,
        samples: Vec::new(),
    });
    Ok(Some(bench))
}

/// Import a github-action-benchmark `data.js` or data JSON. `file` labels errors and becomes
/// each run's `source.path`.
pub fn import_gab(file: &str, bytes: &[u8], options: &GabImportOptions) -> Result<GabImport> {
    let text = json::utf8(file, bytes)?;
    let (body, lines_before) = json_body(text);
    if body.is_empty() {
        return Err(Error::parse(file, "the file is empty"));
    }
    let data: DataJson = json::from_str(file, body).map_err(|e| match e {
        Error::Parse {
            file,
            line,
            field,
            message,
        } => Error::Parse {
            file,
            line: line.map(|l| l + lines_before),
            field,
            message,
        },
        other => other,
    })?;
    let mut runs = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (suite, entries) in data.entries {
        for (i, entry) in entries.into_iter().enumerate() {
            let at = format!("entries.{suite}[{i}]");
            let tool = entry.tool.clone().unwrap_or_default();
            let mut run = Run::new(GAB_FORMAT);
            run.source.path = Some(file.to_string());
            run.commit = entry_commit(file, &entry, &at)?;
            run.time = entry_time(&entry, &at, &mut warnings);
            run.branch.clone_from(&options.branch);
            let mut names: HashSet<String> = HashSet::new();
            for (j, b) in entry.benches.into_iter().enumerate() {
                let bat = format!("{at}.benches[{j}]");
                let original = b.name.clone();
                let Some(mut bench) = benchmark(file, b, &bat, &tool, &suite)? else {
                    warnings.push(format!("{bat}: value is null (NaN in the action), skipped"));
                    continue;
                };
                let mut k = 2;
                while !names.insert(bench.name.clone()) {
                    bench.name = format!("{original} #{k}");
                    k += 1;
                }
                if k > 2 {
                    bench
                        .extra
                        .insert("duplicate_of".into(), Value::String(original));
                    warnings.push(format!("{bat}: repeated name, stored as '{}'", bench.name));
                }
                run.benchmarks.push(bench);
            }
            if run.benchmarks.is_empty() {
                warnings.push(format!("{at}: no usable benchmarks, skipped"));
                continue;
            }
            let run = run.finalize(file)?;
            if seen.insert(run.id.clone()) {
                runs.push(run);
            } else {
                warnings.push(format!(
                    "{at}: identical to an earlier entry, imported once"
                ));
            }
        }
    }
    Ok(GabImport { runs, warnings })
}

#[cfg(test)]
#[path = "gab_tests.rs"]
mod tests;
