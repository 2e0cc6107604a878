//! `percentage`: the baseline centre ± `boundary` (a fraction, 0.1 = 10%). Bencher's
//! Percentage test uses the mean of the historical metrics ("a Lower Boundary set to 0.10 and
//! a mean of 100 gives a Lower Boundary Limit of 90",
//! <https://bencher.dev/docs/explanation/thresholds/>); benchcore uses the estimator's centre,
//! the median by default (`estimator: classic` gives Bencher's mean). The band is taken from
//! |centre| so it stays ordered for negative values.
//!
//! Samples mode: the centre of the pooled samples ± p, against the candidate's median.
//! O(1) beyond the window's sort.

use super::data::Data;
use super::options::CheckOptions;
use super::Bounds;
use crate::text::threshold_text;

/// centre ± |centre|·p.
pub(super) fn bounds(data: &Data, options: &CheckOptions) -> Bounds {
    let c = data.center(options.estimator);
    let p = options.effective_boundary();
    Bounds {
        center: Some(c),
        lower: Some(c - c.abs() * p),
        upper: Some(c + c.abs() * p),
        how: format!("percentage: ±{} of the centre", threshold_text(p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::{Estimator, GateTest};

    #[test]
    fn bencher_example() {
        // Bencher's documented example: mean 100, boundary 0.10 → limits 90 and 110.
        let d = Data::new(vec![90.0, 100.0, 110.0, 95.0, 105.0]).unwrap();
        let o = CheckOptions {
            test: GateTest::Percentage,
            estimator: Estimator::Classic,
            ..CheckOptions::default()
        };
        let b = bounds(&d, &o);
        assert_eq!(b.center, Some(100.0));
        assert!((b.lower.unwrap() - 90.0).abs() < 1e-12);
        assert!((b.upper.unwrap() - 110.0).abs() < 1e-12);
    }

    #[test]
    fn robust_centre_ignores_an_outlier_and_negative_values_stay_ordered() {
        // median of [10, 10, 11, 12, 1000] = 11 → 11 ± 1.1 with 10%.
        let d = Data::new(vec![10.0, 10.0, 11.0, 12.0, 1000.0]).unwrap();
        let o = CheckOptions {
            test: GateTest::Percentage,
            ..CheckOptions::default()
        };
        let b = bounds(&d, &o);
        assert!((b.lower.unwrap() - 9.9).abs() < 1e-12 && (b.upper.unwrap() - 12.1).abs() < 1e-12);
        let n = Data::new(vec![-100.0, -100.0, -100.0]).unwrap();
        let b = bounds(&n, &o);
        assert!(b.lower.unwrap() < b.upper.unwrap());
        assert!((b.lower.unwrap() + 110.0).abs() < 1e-9);
    }
}
