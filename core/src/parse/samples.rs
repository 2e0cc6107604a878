//! Per-iteration samples and derived throughput, shared by the criterion-family parsers, and
//! the time check every parser applies to raw values so that errors name the tool's own field
//! (`times[3]`, `stats.data[7]`) rather than the model's.

use crate::error::{Error, Result};
use crate::model::{Direction, Measurement, Metric, MetricKind, Summary};

/// Per-iteration times `total[i] / count[i]`, checking lengths, positive counts and
/// non-negative totals. `file` and the field names label errors.
pub(crate) fn per_iteration(
    file: &str,
    counts: &[f64],
    totals: &[f64],
    count_field: &str,
    total_field: &str,
) -> Result<Vec<f64>> {
    if counts.len() != totals.len() {
        return Err(Error::parse_field(
            file,
            total_field,
            format!(
                "has {} values but `{count_field}` has {}",
                totals.len(),
                counts.len()
            ),
        ));
    }
    counts
        .iter()
        .zip(totals)
        .enumerate()
        .map(|(k, (&n, &t))| {
            if !(n.is_finite() && n > 0.0) {
                return Err(Error::parse_field(
                    file,
                    format!("{count_field}[{k}]"),
                    format!("iteration count {n} must be positive"),
                ));
            }
            check_time(file, &format!("{total_field}[{k}]"), t)?;
            Ok(t / n)
        })
        .collect()
}

/// A raw time must be finite and not negative (zero is allowed: see the model's docs).
pub(crate) fn check_time(file: &str, field: &str, t: f64) -> Result<()> {
    if !t.is_finite() || t < 0.0 {
        return Err(Error::parse_field(
            file,
            field,
            format!("time {t} must be a finite, non-negative number"),
        ));
    }
    Ok(())
}

/// The second throughput when a benchmark declares both elements and bytes (criterion's
/// `ElementsAndBytes`): bytes per second, named `throughput_bytes`.
pub(crate) fn bytes_metric() -> Metric {
    Metric {
        name: "throughput_bytes".into(),
        unit: "B/s".into(),
        kind: MetricKind::Throughput,
        direction: Direction::HigherIsBetter,
    }
}

/// Throughput samples `per_iter / (t · 1e-9)` from per-iteration times in ns. Without samples,
/// the median alone (the transform is monotone, so the median maps to the median). `None` when
/// a time is zero (infinite throughput) or nothing is known.
pub(crate) fn throughput_measurement(
    metric: Metric,
    per_iter: f64,
    times_ns: &[f64],
    median_ns: Option<f64>,
) -> Option<Measurement> {
    // `n · 1e9 / t` rather than `n / (t · 1e-9)`: one rounding instead of two.
    let rate = |t: f64| per_iter * 1e9 / t;
    if !times_ns.is_empty() {
        if times_ns.iter().any(|&t| t <= 0.0) {
            return None;
        }
        let samples: Vec<f64> = times_ns.iter().map(|&t| rate(t)).collect();
        return Some(Measurement::from_samples(metric, samples));
    }
    let median = median_ns.filter(|&t| t > 0.0).map(rate)?;
    Some(Measurement {
        metric,
        summary: Summary {
            median: Some(median),
            ..Summary::default()
        },
        samples: Vec::new(),
    })
}
