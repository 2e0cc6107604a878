//! github-action-benchmark's custom JSON, the input of its `customSmallerIsBetter` and
//! `customBiggerIsBetter` tools (<https://github.com/benchmark-action/github-action-benchmark>,
//! README "Examples" and `test/data/extract/custom*`; hand-written by users' scripts):
//!
//! ```text
//! [{"name": "My Custom Smaller Is Better Benchmark - CPU Load", "unit": "Percent", "value": 50,
//!   "range": "5%", "extra": "My Optional Information for the tooltip"},
//!  {"name": "No instrumentation", "unit": "ns", "value": 90.9439, "range": 0.519165}]
//! ```
//!
//! The action takes the direction from the tool name, not from the file, so the two formats
//! differ only in it: `custom-smaller-is-better` makes every metric lower-is-better,
//! `custom-bigger-is-better` higher-is-better. Automatic detection cannot see the tool name; it
//! picks `custom-bigger-is-better` only when every unit is a rate (ends in `/s`, `/sec` or
//! `/second`, such as `req/s` or `ops/sec`) and `custom-smaller-is-better` otherwise. Pass the
//! format explicitly whenever the direction matters.
//!
//! Units are free text and stay as written, except well-known time units: `ns`, `us`/`µs`,
//! `ms`, `s` (and `sec`, `seconds`, `Seconds`, …), alone or as `ns/iter` or `ns/op`, become
//! metric `time` in ns (its direction still the tool's). Every other entry is metric `value`, kind `other`, in its own unit. A
//! `value` may be a number or a numeric string (the action passes either through); `range`
//! (string or number) and `extra` are kept in the benchmark's `extra`. Entries with the same
//! name become one benchmark; the same name with two values of one metric is an error.

use serde::Deserialize;
use serde_json::Value;

use super::json;
use super::units::{parse_number, time_unit_ns};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Direction, Measurement, Metric, MetricKind, Run, Summary};
use crate::parse::Format;

#[derive(Deserialize)]
struct Entry {
    name: String,
    unit: String,
    value: Value,
    range: Option<Value>,
    extra: Option<Value>,
}

#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    name: serde::de::IgnoredAny,
    unit: Value,
    #[allow(dead_code)]
    value: serde::de::IgnoredAny,
}

/// The format an array of custom entries is taken for, or `None` if it is not one.
pub(crate) fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start();
    if !t.starts_with('[') || !t.contains("\"unit\"") || !t.contains("\"value\"") {
        return None;
    }
    match serde_json::from_str::<Vec<Probe>>(t) {
        Ok(entries) if entries.is_empty() => None,
        Ok(entries) => {
            let all_rates = entries.iter().all(|e| e.unit.as_str().is_some_and(is_rate));
            Some(if all_rates {
                Format::CustomBiggerIsBetter
            } else {
                Format::CustomSmallerIsBetter
            })
        }
        Err(e) if e.is_syntax() || e.is_eof() => Some(Format::CustomSmallerIsBetter),
        Err(_) => None,
    }
}

/// `req/s`, `ops/sec`, `iter/second`, `MB/s`: a rate.
fn is_rate(unit: &str) -> bool {
    let u = unit.trim().to_lowercase();
    ["/s", "/sec", "/second"].iter().any(|s| u.ends_with(s))
}

/// Nanoseconds per well-known time `unit`, also as `UNIT/iter` or `UNIT/op`; the word forms
/// in any case. Minutes and hours are left out on purpose: `m` or `h` in a free-text unit may
/// mean anything.
fn time_scale(unit: &str) -> Option<f64> {
    let u = unit.trim();
    let u = u
        .strip_suffix("/iter")
        .or_else(|| u.strip_suffix("/op"))
        .unwrap_or(u);
    match u {
        "ns" | "us" | "µs" | "μs" | "ms" | "s" => time_unit_ns(u),
        _ => matches!(
            u.to_lowercase().as_str(),
            "sec" | "secs" | "second" | "seconds"
        )
        .then_some(1e9),
    }
}

pub(crate) fn parse(file: &str, text: &str, format: Format) -> Result<Run> {
    let entries: Vec<Entry> = json::from_str(file, text)?;
    let direction = match format {
        Format::CustomBiggerIsBetter => Direction::HigherIsBetter,
        _ => Direction::LowerIsBetter,
    };
    let mut run = Run::new(format.name());
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, e) in entries.into_iter().enumerate() {
        let at = |field: &str| format!("[{i}].{field}");
        let value = match &e.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => parse_number(s),
            _ => None,
        }
        .ok_or_else(|| {
            Error::parse_field(file, at("value"), format!("{} is not a number", e.value))
        })?;
        let (metric, value) = match time_scale(&e.unit) {
            Some(ns) => (
                Metric {
                    name: "time".into(),
                    unit: "ns".into(),
                    kind: MetricKind::Time,
                    direction,
                },
                value * ns,
            ),
            None => (
                Metric {
                    name: "value".into(),
                    unit: e.unit.clone(),
                    kind: MetricKind::Other,
                    direction,
                },
                value,
            ),
        };
        if metric.kind == MetricKind::Time && value < 0.0 {
            return Err(Error::parse_field(
                file,
                at("value"),
                "a time cannot be negative",
            ));
        }
        // An index by name, not a scan: a million entries stay O(n).
        let k = match index.get(&e.name) {
            Some(&k) => k,
            None => {
                run.benchmarks.push(Benchmark::new(&e.name));
                index.insert(e.name.clone(), run.benchmarks.len() - 1);
                run.benchmarks.len() - 1
            }
        };
        let b = &mut run.benchmarks[k];
        if b.measurements.iter().any(|m| m.metric.name == metric.name) {
            return Err(Error::parse_field(
                file,
                at("name"),
                format!(
                    "'{}' has a second `{}` value (unit '{}')",
                    e.name, metric.name, e.unit
                ),
            ));
        }
        for (key, v) in [("range", e.range), ("extra", e.extra)] {
            if let Some(v) = v.filter(|v| !v.is_null()) {
                b.extra.insert(key.into(), v);
            }
        }
        b.measurements.push(Measurement {
            metric,
            summary: Summary {
                mean: Some(value),
                median: Some(value),
                ..Summary::default()
            },
            samples: Vec::new(),
        });
    }
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert!(is_rate("req/s") && is_rate("ops/sec") && is_rate("Iter/Second"));
        assert!(!is_rate("Megabytes") && !is_rate("s"));
        assert_eq!(time_scale("ns/iter"), Some(1.0));
        assert_eq!(time_scale("ms"), Some(1e6));
        assert_eq!(time_scale("Seconds"), Some(1e9));
        assert_eq!(time_scale("Percent"), None);
        assert_eq!(time_scale("MS"), None);
        assert_eq!(time_scale("m"), None);
        assert_eq!(time_scale("µs/op"), Some(1e3));
    }
}
