//! The metric names, units, kinds and directions shared by the load-testing, command-timing and
//! memory-profiling parsers (hyperfine, wrk, hey, memray, heaptrack), so that the same quantity
//! from two tools compares: `latency` is always the mean request latency in ns, `peak_memory`
//! always bytes, and so on.
//!
//! | name | unit | kind | better |
//! | --- | --- | --- | --- |
//! | `time` | ns | time | lower (wall time per run) |
//! | `user_time`, `system_time` | ns | time | lower (mean CPU time per run) |
//! | `latency`, `latency_pNN`, `latency_max` | ns | time | lower |
//! | `requests_per_second` | req/s | throughput | higher |
//! | `transfer_per_second` | B/s | throughput | higher |
//! | `errors`, `non_2xx_responses` | count | count | lower |
//! | `peak_memory`, `peak_rss`, `allocated_bytes`, `leaked_bytes` | B | memory | lower |
//! | `allocations`, `temporary_allocations`, `leaked_allocations` | allocs | count | lower |

use crate::model::{Direction, Measurement, Metric, MetricKind, Summary};

fn metric(name: &str, unit: &str, kind: MetricKind, direction: Direction) -> Metric {
    Metric {
        name: name.into(),
        unit: unit.into(),
        kind,
        direction,
    }
}

fn lower(name: &str, unit: &str, kind: MetricKind) -> Metric {
    metric(name, unit, kind, Direction::LowerIsBetter)
}

/// CPU time in user mode per run (hyperfine's `user`, a mean).
pub(crate) fn user_time() -> Metric {
    lower("user_time", "ns", MetricKind::Time)
}

/// CPU time in kernel mode per run (hyperfine's `system`, a mean).
pub(crate) fn system_time() -> Metric {
    lower("system_time", "ns", MetricKind::Time)
}

/// Mean request latency.
pub(crate) fn latency() -> Metric {
    lower("latency", "ns", MetricKind::Time)
}

/// A latency percentile as the tool printed it: `latency_p50`, `latency_p99`, `latency_p99.9`.
pub(crate) fn latency_percentile(label: &str) -> Metric {
    lower(&format!("latency_p{label}"), "ns", MetricKind::Time)
}

/// The slowest request.
pub(crate) fn latency_max() -> Metric {
    lower("latency_max", "ns", MetricKind::Time)
}

/// Completed requests per second, all threads or workers together.
pub(crate) fn requests_per_second() -> Metric {
    metric(
        "requests_per_second",
        "req/s",
        MetricKind::Throughput,
        Direction::HigherIsBetter,
    )
}

/// Bytes read per second.
pub(crate) fn transfer_per_second() -> Metric {
    metric(
        "transfer_per_second",
        "B/s",
        MetricKind::Throughput,
        Direction::HigherIsBetter,
    )
}

/// Failed requests (socket errors, timeouts).
pub(crate) fn errors() -> Metric {
    lower("errors", "count", MetricKind::Count)
}

/// Responses with a status outside 2xx/3xx.
pub(crate) fn non_2xx_responses() -> Metric {
    lower("non_2xx_responses", "count", MetricKind::Count)
}

/// Peak heap (or tracked) memory.
pub(crate) fn peak_memory() -> Metric {
    lower("peak_memory", "B", MetricKind::Memory)
}

/// Peak resident set size.
pub(crate) fn peak_rss() -> Metric {
    lower("peak_rss", "B", MetricKind::Memory)
}

/// Total bytes allocated over the run.
pub(crate) fn allocated_bytes() -> Metric {
    lower("allocated_bytes", "B", MetricKind::Memory)
}

/// Bytes never freed.
pub(crate) fn leaked_bytes() -> Metric {
    lower("leaked_bytes", "B", MetricKind::Memory)
}

/// Calls to allocation functions.
pub(crate) fn allocations() -> Metric {
    lower("allocations", "allocs", MetricKind::Count)
}

/// Allocations freed right after being made (heaptrack's definition).
pub(crate) fn temporary_allocations() -> Metric {
    lower("temporary_allocations", "allocs", MetricKind::Count)
}

/// Allocations never freed.
pub(crate) fn leaked_allocations() -> Metric {
    lower("leaked_allocations", "allocs", MetricKind::Count)
}

/// A measurement of one value ([`Summary::single`]).
pub(crate) fn single(metric: Metric, value: f64) -> Measurement {
    Measurement {
        metric,
        summary: Summary::single(value),
        samples: Vec::new(),
    }
}

/// A measurement that is a mean over `n` runs with nothing else known (hyperfine's `user`).
pub(crate) fn mean_only(metric: Metric, mean: f64, n: Option<u64>) -> Measurement {
    Measurement {
        metric,
        summary: Summary {
            n,
            mean: Some(mean),
            ..Summary::default()
        },
        samples: Vec::new(),
    }
}
