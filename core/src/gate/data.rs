//! The baseline as the window tests see it: its values in run order and sorted, with the
//! centre and spread estimators of [`Estimator`].
//!
//! * Robust (default): centre = median; spread = 1.4826·MAD, a consistent estimator of σ
//!   under normality (Rousseeuw & Croux 1993). When more than half the values are equal
//!   (quantized timings, integer counters) the MAD is 0 although the values differ; the
//!   spread then falls back to 1.2533·(mean absolute deviation from the median), the
//!   fallback of the modified z-score in IBM SPSS Modeler's anomaly documentation (1.2533 =
//!   √(π/2) makes it consistent for σ too). A constant window has spread 0.
//! * Classic: centre = mean; spread = sample standard deviation (n − 1). Bencher divides by n.
//!
//! Quartiles are type-7 (linear interpolation, R's and NumPy's default, and what Bencher's
//! `percentile_of_sorted` computes). Cost: O(n log n) to sort, once per window.

use super::options::Estimator;
use crate::stats::quantile_sorted;

/// Consistency factor of the MAD for σ under normality: 1 / Φ⁻¹(3/4).
pub(crate) const MAD_SCALE: f64 = 1.4826;
/// Consistency factor of the mean absolute deviation for σ under normality: √(π/2).
const MEAN_AD_SCALE: f64 = 1.253_314_137_315_500_3;
/// Asymptotic efficiency of the MAD relative to the standard deviation under normality
/// (Rousseeuw & Croux 1993, Table 1: 36.75%).
pub(crate) const MAD_EFFICIENCY: f64 = 0.3675;

/// Finite baseline data, at least one value.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    ordered: Vec<f64>,
    sorted: Vec<f64>,
}

impl Data {
    /// `None` when `ordered` is empty. Callers have checked finiteness.
    pub(crate) fn new(ordered: Vec<f64>) -> Option<Data> {
        if ordered.is_empty() {
            return None;
        }
        let mut sorted = ordered.clone();
        sorted.sort_by(f64::total_cmp);
        Some(Data { ordered, sorted })
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Values in run (and, in samples mode, iteration) order.
    pub(crate) fn ordered(&self) -> &[f64] {
        &self.ordered
    }

    /// Type-7 quantile.
    pub(crate) fn quantile(&self, p: f64) -> f64 {
        quantile_sorted(&self.sorted, p)
    }

    /// Median.
    pub(crate) fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    fn mean(&self) -> f64 {
        self.sorted.iter().sum::<f64>() / self.sorted.len() as f64
    }

    /// The centre: median (robust) or mean (classic).
    pub(crate) fn center(&self, est: Estimator) -> f64 {
        match est {
            Estimator::Robust => self.median(),
            Estimator::Classic => self.mean(),
        }
    }

    /// The spread as an estimate of σ; `None` for a single value.
    pub(crate) fn spread(&self, est: Estimator) -> Option<f64> {
        let n = self.sorted.len();
        if n < 2 {
            return None;
        }
        match est {
            Estimator::Classic => {
                let m = self.mean();
                let ss: f64 = self.sorted.iter().map(|v| (v - m).powi(2)).sum();
                Some((ss / (n - 1) as f64).sqrt())
            }
            Estimator::Robust => {
                let m = self.median();
                let mut dev: Vec<f64> = self.sorted.iter().map(|v| (v - m).abs()).collect();
                dev.sort_by(f64::total_cmp);
                let mad = quantile_sorted(&dev, 0.5);
                if mad > 0.0 {
                    Some(MAD_SCALE * mad)
                } else {
                    Some(MEAN_AD_SCALE * dev.iter().sum::<f64>() / n as f64)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robust_and_classic_estimates() {
        // 1..=5 and an outlier 100: median 3.5, |dev| = 2.5 1.5 .5 .5 1.5 96.5 → MAD 1.5.
        let d = Data::new(vec![1.0, 2.0, 3.0, 4.0, 5.0, 100.0]).unwrap();
        assert_eq!(d.center(Estimator::Robust), 3.5);
        assert!((d.spread(Estimator::Robust).unwrap() - 1.4826 * 1.5).abs() < 1e-12);
        // mean 115/6; the outlier inflates the sd to ≈ 39.6.
        assert!((d.center(Estimator::Classic) - 115.0 / 6.0).abs() < 1e-12);
        assert!(d.spread(Estimator::Classic).unwrap() > 39.0);
    }

    #[test]
    fn zero_mad_falls_back_to_mean_absolute_deviation() {
        // median 10, |dev| = 0 0 0 0 2 → MAD 0, mean |dev| 0.4 → spread 1.2533·0.4.
        let d = Data::new(vec![10.0, 10.0, 10.0, 10.0, 12.0]).unwrap();
        let s = d.spread(Estimator::Robust).unwrap();
        assert!((s - MEAN_AD_SCALE * 0.4).abs() < 1e-12, "{s}");
        let c = Data::new(vec![7.0; 4]).unwrap();
        assert_eq!(c.spread(Estimator::Robust), Some(0.0));
        assert_eq!(c.spread(Estimator::Classic), Some(0.0));
    }

    #[test]
    fn degenerate_sizes() {
        assert!(Data::new(Vec::new()).is_none());
        let one = Data::new(vec![3.0]).unwrap();
        assert_eq!(one.spread(Estimator::Robust), None);
        assert_eq!(one.median(), 3.0);
        assert_eq!(one.ordered(), [3.0]);
    }
}
