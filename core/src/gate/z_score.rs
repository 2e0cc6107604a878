//! `z-score`: the centre ± z·spread. Bencher's z-score test takes the boundary as a one-sided
//! cumulative percentage in (0.5, 1): "a Lower Boundary of 0.977, a mean of 100 and a
//! standard deviation of 10 give a Lower Boundary Limit of 80.05"
//! (<https://bencher.dev/docs/explanation/thresholds/>), i.e. z = Φ⁻¹(0.977) = 1.995.
//! benchcore also accepts the limit directly as a number of spreads (`z_limit`, e.g. 3.5, the
//! cut-off Iglewicz & Hoaglin recommend for the modified z-score).
//!
//! With the robust estimator (default) this is the modified z-score: median and 1.4826·MAD
//! (Iglewicz & Hoaglin 1993), so one wild run in the window does not widen the bounds; with
//! `classic` it is Bencher's mean and standard deviation (Bencher divides by n, benchcore by
//! n − 1). Unlike the t-test it ignores the uncertainty of the estimates themselves; Bencher
//! advises at least 30 historical metrics.
//!
//! Samples mode: centre and spread of the pooled samples, against the candidate's median.
//! O(1) beyond the window's sort.

use super::data::Data;
use super::options::CheckOptions;
use super::{Bounds, TestOutcome};
use crate::stats::normal_quantile;

/// The z multiplier in effect.
pub(super) fn z(options: &CheckOptions) -> f64 {
    options
        .z_limit
        .unwrap_or_else(|| normal_quantile(options.effective_boundary()))
}

/// centre ± z·spread.
pub(super) fn bounds(data: &Data, options: &CheckOptions) -> TestOutcome {
    let c = data.center(options.estimator);
    let s = data
        .spread(options.estimator)
        .ok_or("one baseline value has no spread to scale a z-score with")?;
    let z = z(options);
    let how = match options.z_limit {
        Some(_) => format!("z-score: ±{z:.3} spreads"),
        None => format!(
            "z-score: ±{z:.3} spreads ({} one-sided)",
            percentile_text(options.effective_boundary())
        ),
    };
    Ok(Bounds {
        center: Some(c),
        lower: Some(c - z * s),
        upper: Some(c + z * s),
        how,
    })
}

/// `99.99%`.
pub(super) fn percentile_text(p: f64) -> String {
    let text = format!("{:.4}", p * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::{Estimator, GateTest};

    fn opts(boundary: f64, est: Estimator) -> CheckOptions {
        CheckOptions {
            test: GateTest::ZScore,
            boundary: Some(boundary),
            estimator: est,
            ..CheckOptions::default()
        }
    }

    #[test]
    fn bencher_example_with_the_classic_estimator() {
        // 90, 110 (×2 each): mean 100, sample sd √(4·100/3) = 11.547; Φ⁻¹(0.977) = 1.99539
        // → limits 100 ± 23.041.
        let d = Data::new(vec![90.0, 110.0, 90.0, 110.0]).unwrap();
        let b = bounds(&d, &opts(0.977, Estimator::Classic)).unwrap();
        let half = 1.995_393_4 * (400.0_f64 / 3.0).sqrt();
        assert!((b.upper.unwrap() - (100.0 + half)).abs() < 1e-4, "{b:?}");
        assert!((b.lower.unwrap() - (100.0 - half)).abs() < 1e-4, "{b:?}");
    }

    #[test]
    fn robust_z_limit() {
        // [8, 9, 10, 11, 12, 100]: median 10.5, |dev| 2.5 1.5 .5 .5 1.5 89.5 → MAD 1.5,
        // spread 2.2239; z_limit 3.5 → 10.5 ± 7.7837.
        let d = Data::new(vec![8.0, 9.0, 10.0, 11.0, 12.0, 100.0]).unwrap();
        let o = CheckOptions {
            test: GateTest::ZScore,
            z_limit: Some(3.5),
            ..CheckOptions::default()
        };
        let b = bounds(&d, &o).unwrap();
        assert!((b.upper.unwrap() - (10.5 + 3.5 * 1.4826 * 1.5)).abs() < 1e-9);
        assert!(b.how.contains("3.500"), "{}", b.how);
        assert_eq!(percentile_text(0.9999), "99.99%");
        assert_eq!(percentile_text(0.977), "97.7%");
    }

    #[test]
    fn single_value_is_inconclusive() {
        let d = Data::new(vec![1.0]).unwrap();
        assert!(bounds(&d, &opts(0.99, Estimator::Robust)).is_err());
    }
}
