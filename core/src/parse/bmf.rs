//! Bencher Metric Format (BMF) JSON, the interchange format of bencher.dev's `json` adapter
//! (<https://bencher.dev/docs/reference/bencher-metric-format/>; hand-written by custom
//! harnesses, so no tool output was observed):
//!
//! ```text
//! {"benchmark_name": {"latency": {"value": 88.0, "lower_value": 87.42, "upper_value": 88.88},
//!                     "throughput": {"value": 5.55, "lower_value": 3.14, "upper_value": 6.30}},
//!  "/bin/sh -c ./my_build_script.sh": {"build-time": {"value": 87.0}},
//!  "my_binary": {"file-size": {"value": 42.0}}}
//! ```
//!
//! Keys are benchmark names, then measure names (slugs); each measure holds one `value` and
//! optional bounds. Bencher's built-in measures map onto the shared vocabulary:
//!
//! | measure | metric | unit | better |
//! | --- | --- | --- | --- |
//! | `latency` (ns) | `time` | `ns` | lower |
//! | `throughput` (ops/s) | `throughput` | `ops/s` | higher |
//! | `build-time` (seconds) | `build-time` | `ns` (× 1e9) | lower |
//! | `file-size` (bytes) | `file-size` | `B` | lower |
//!
//! Any other measure keeps its name, unit `""` (BMF carries no units) and kind `other`; it is
//! lower-is-better unless its name contains `throughput`. The summary is `value` as both median
//! and mean, `lower_value` as min and `upper_value` as max (bounds as the harness chose them,
//! often a confidence interval); there are no raw samples. Benchmarks and measures keep the
//! file's order; a key repeated in one object is an error.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::json;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Direction, Measurement, Metric, MetricKind, Run, Summary};

/// A JSON object read in document order, duplicates kept (so they can be reported).
struct Ordered<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Entries<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<V>()?;
                    out.push((key, value));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct Value3 {
    value: f64,
    lower_value: Option<f64>,
    upper_value: Option<f64>,
}

#[derive(Deserialize)]
struct ProbeMeasure {
    #[allow(dead_code)] // presence is the check
    value: serde::de::IgnoredAny,
}

pub(crate) fn detect(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"value\"") {
        return false;
    }
    match serde_json::from_str::<Ordered<Ordered<ProbeMeasure>>>(t) {
        Ok(b) => b.0.first().is_some_and(|(_, m)| !m.0.is_empty()),
        // Damaged but shaped like one (every other JSON format was asked before).
        Err(e) => e.is_syntax() || e.is_eof(),
    }
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let root: Ordered<Ordered<Value3>> = json::from_str(file, text)?;
    let mut run = Run::new("bmf");
    // A set, not a scan of the benchmarks so far: a million names stay O(n).
    let mut seen = std::collections::HashSet::new();
    for (name, measures) in root.0 {
        if !seen.insert(name.clone()) {
            return Err(Error::parse_field(
                file,
                &name,
                "benchmark name appears twice",
            ));
        }
        let mut b = Benchmark::new(&name);
        for (measure, v) in measures.0 {
            let at = format!("{name}.{measure}");
            let (metric, scale) = metric(&measure);
            if b.measurements.iter().any(|m| m.metric.name == metric.name) {
                return Err(Error::parse_field(file, at, "measure appears twice"));
            }
            // Bencher's own measures are durations, rates and sizes; unknown ones may be anything.
            if !metric.unit.is_empty() {
                for (key, x) in [
                    ("value", Some(v.value)),
                    ("lower_value", v.lower_value),
                    ("upper_value", v.upper_value),
                ] {
                    if x.is_some_and(|x| x < 0.0) {
                        return Err(Error::parse_field(
                            file,
                            format!("{at}.{key}"),
                            format!("a {measure} cannot be negative"),
                        ));
                    }
                }
            }
            let value = v.value * scale;
            b.measurements.push(Measurement {
                metric,
                summary: Summary {
                    mean: Some(value),
                    median: Some(value),
                    min: v.lower_value.map(|x| x * scale),
                    max: v.upper_value.map(|x| x * scale),
                    ..Summary::default()
                },
                samples: Vec::new(),
            });
        }
        run.benchmarks.push(b);
    }
    Ok(run)
}

/// The metric of a BMF measure and the factor to its canonical unit.
fn metric(measure: &str) -> (Metric, f64) {
    let m = |name: &str, unit: &str, kind, direction| Metric {
        name: name.into(),
        unit: unit.into(),
        kind,
        direction,
    };
    match measure {
        "latency" => (Metric::time(), 1.0),
        "throughput" => (Metric::throughput("ops/s"), 1.0),
        "build-time" => (
            m(
                "build-time",
                "ns",
                MetricKind::Time,
                Direction::LowerIsBetter,
            ),
            1e9,
        ),
        "file-size" => (
            m(
                "file-size",
                "B",
                MetricKind::Other,
                Direction::LowerIsBetter,
            ),
            1.0,
        ),
        other => {
            let direction = if other.contains("throughput") {
                Direction::HigherIsBetter
            } else {
                Direction::LowerIsBetter
            };
            (m(other, "", MetricKind::Other, direction), 1.0)
        }
    }
}
