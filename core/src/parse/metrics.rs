//! The metric vocabulary the tool parsers share, so that the same quantity has the same name,
//! unit, kind and direction whichever tool measured it:
//!
//! | metric | unit | kind | better | from |
//! | --- | --- | --- | --- | --- |
//! | `time` | `ns` | time | lower | the primary time per iteration / operation |
//! | `cpu_time` | `ns` | time | lower | Google Benchmark `cpu_time` |
//! | `throughput` | `B/s`, `items/s`, `ops/s` | throughput | higher | the first rate a benchmark reports |
//! | `allocated_bytes` | `B` | memory | lower | Go `B/op` |
//! | `allocations` | `allocs` | count | lower | Go `allocs/op` |
//!
//! Anything else (Google Benchmark user counters, Go `ReportMetric` units, libtest custom
//! measurement units) keeps the name the tool gives it, the unit as written and kind `other`;
//! it is lower-is-better unless its unit ends in `/s`, which marks a rate (higher is better).
//! The heuristic is the only information these tools give: none of them records a direction.

use crate::model::{Direction, Measurement, Metric, MetricKind, Summary};

/// CPU time per iteration in nanoseconds, lower is better.
pub(crate) fn cpu_time() -> Metric {
    Metric {
        name: "cpu_time".into(),
        unit: "ns".into(),
        kind: MetricKind::Time,
        direction: Direction::LowerIsBetter,
    }
}

/// A rate (`unit` per second) named `name`, higher is better.
pub(crate) fn rate(name: &str, unit: &str) -> Metric {
    Metric {
        name: name.into(),
        unit: unit.into(),
        kind: MetricKind::Throughput,
        direction: Direction::HigherIsBetter,
    }
}

/// Bytes allocated per operation, lower is better.
pub(crate) fn allocated_bytes() -> Metric {
    Metric {
        name: "allocated_bytes".into(),
        unit: "B".into(),
        kind: MetricKind::Memory,
        direction: Direction::LowerIsBetter,
    }
}

/// Allocations per operation, lower is better.
pub(crate) fn allocations() -> Metric {
    Metric {
        name: "allocations".into(),
        unit: "allocs".into(),
        kind: MetricKind::Count,
        direction: Direction::LowerIsBetter,
    }
}

/// A metric the tool names itself: kind `other`, higher is better only for rates (unit ending
/// in `/s`).
pub(crate) fn custom(name: &str, unit: &str) -> Metric {
    Metric {
        name: name.into(),
        unit: unit.into(),
        kind: MetricKind::Other,
        direction: if unit.ends_with("/s") {
            Direction::HigherIsBetter
        } else {
            Direction::LowerIsBetter
        },
    }
}

/// A measurement known only by one typical value that the tool calls its median.
pub(crate) fn median_only(metric: Metric, median: f64) -> Measurement {
    Measurement {
        metric,
        summary: Summary {
            median: Some(median),
            ..Summary::default()
        },
        samples: Vec::new(),
    }
}

/// Raw values per metric, in the order each metric was first seen (a benchmark's repetitions,
/// Go's `-count` lines).
#[derive(Debug, Default)]
pub(crate) struct SampleSets {
    sets: Vec<(Metric, Vec<f64>)>,
}

impl SampleSets {
    /// Add one value of `metric`.
    pub(crate) fn push(&mut self, metric: Metric, value: f64) {
        match self.sets.iter_mut().find(|(m, _)| m.name == metric.name) {
            Some((_, values)) => values.push(value),
            None => self.sets.push((metric, vec![value])),
        }
    }

    /// Add one value of the metric named `name`, building the metric only the first time.
    pub(crate) fn push_named(&mut self, name: &str, metric: impl FnOnce() -> Metric, value: f64) {
        match self.sets.iter_mut().find(|(m, _)| m.name == name) {
            Some((_, values)) => values.push(value),
            None => self.sets.push((metric(), vec![value])),
        }
    }

    /// One measurement per metric, summarised from its values.
    pub(crate) fn into_measurements(self) -> Vec<Measurement> {
        self.sets
            .into_iter()
            .map(|(m, v)| Measurement::from_samples(m, v))
            .collect()
    }
}

/// The standard deviation behind a relative margin of error (percent, 95%) of `n` runs, as
/// benchmark.js, tinybench and vitest print it: `rme = t₀.₉₇₅,ₙ₋₁ · sd / √n / mean · 100`.
pub(crate) fn stddev_from_rme(hz: f64, rme: f64, n: u64) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let t = crate::stats::student_t_quantile(0.975, (n - 1) as f64);
    let sd = hz * rme / 100.0 * (n as f64).sqrt() / t;
    (sd.is_finite() && sd >= 0.0).then_some(sd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_higher_is_better_by_unit() {
        assert_eq!(
            custom("entries/op", "entries/op").direction,
            Direction::LowerIsBetter
        );
        assert_eq!(custom("MS/s", "MS/s").direction, Direction::HigherIsBetter);
        assert_eq!(custom("chars", "").kind, MetricKind::Other);
    }

    #[test]
    fn sample_sets_keep_first_seen_order() {
        let mut s = SampleSets::default();
        s.push(Metric::time(), 2.0);
        s.push(allocations(), 1.0);
        s.push(Metric::time(), 4.0);
        let m = s.into_measurements();
        assert_eq!(m[0].metric.name, "time");
        assert_eq!(m[0].samples, [2.0, 4.0]);
        assert_eq!(m[0].summary.mean, Some(3.0));
        assert_eq!(m[1].samples, [1.0]);
    }
}
