//! A validated sample: finite values, at least one, kept sorted so order statistics are O(1).
//! Quantiles use linear interpolation between order statistics (Hyndman & Fan type 7, the
//! default of R and NumPy).

/// Why a sample was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleError {
    /// No values.
    Empty,
    /// A NaN or infinite value at this position.
    NonFinite(usize),
}

impl std::fmt::Display for SampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SampleError::Empty => write!(f, "no values"),
            SampleError::NonFinite(i) => write!(f, "value {i} is not a finite number"),
        }
    }
}

/// Finite, non-empty, sorted values.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    sorted: Vec<f64>,
    mean: f64,
}

impl Sample {
    /// Validate and sort. O(n log n).
    pub fn new(values: impl IntoIterator<Item = f64>) -> Result<Self, SampleError> {
        let mut sorted: Vec<f64> = values.into_iter().collect();
        if sorted.is_empty() {
            return Err(SampleError::Empty);
        }
        if let Some(i) = sorted.iter().position(|v| !v.is_finite()) {
            return Err(SampleError::NonFinite(i));
        }
        sorted.sort_by(f64::total_cmp);
        // Kahan-free mean is fine at benchmark magnitudes; divide once.
        let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
        Ok(Sample { sorted, mean })
    }

    /// Number of values (≥ 1).
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Always false: a sample has at least one value.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The values in ascending order.
    pub fn sorted(&self) -> &[f64] {
        &self.sorted
    }

    /// Arithmetic mean.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Median (mean of the two middle values for even lengths).
    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    /// Type-7 quantile, `p` clamped to [0, 1].
    pub fn quantile(&self, p: f64) -> f64 {
        quantile_sorted(&self.sorted, p)
    }

    /// Smallest value.
    pub fn min(&self) -> f64 {
        self.sorted[0]
    }

    /// Largest value.
    pub fn max(&self) -> f64 {
        self.sorted[self.sorted.len() - 1]
    }

    /// Sample standard deviation (n − 1); `None` for a single value.
    pub fn stddev(&self) -> Option<f64> {
        let n = self.sorted.len();
        if n < 2 {
            return None;
        }
        let ss: f64 = self.sorted.iter().map(|v| (v - self.mean).powi(2)).sum();
        Some((ss / (n - 1) as f64).sqrt())
    }

    /// Median absolute deviation scaled by 1.4826 (a consistent estimator of σ under
    /// normality). 0 for constant samples.
    pub fn mad(&self) -> f64 {
        let m = self.median();
        let mut dev: Vec<f64> = self.sorted.iter().map(|v| (v - m).abs()).collect();
        dev.sort_by(f64::total_cmp);
        1.4826 * quantile_sorted(&dev, 0.5)
    }

    /// True when every value is the same.
    pub fn is_constant(&self) -> bool {
        self.min() == self.max()
    }
}

/// Type-7 quantile of ascending `sorted` (must be non-empty; returns NaN when empty).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo as f64)
}

/// Type-7 quantile of unsorted `values` by selection, O(n) expected; reorders `values`.
/// Returns NaN when empty. Equal to [`quantile_sorted`] of the sorted values.
pub fn quantile_select(values: &mut [f64], p: f64) -> f64 {
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let (_, &mut x, rest) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let frac = h - lo as f64;
    if frac == 0.0 || rest.is_empty() {
        return x;
    }
    let y = rest.iter().copied().fold(f64::INFINITY, f64::min);
    x + (y - x) * frac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_statistics() {
        let s = Sample::new([3.0, 1.0, 2.0, 10.0]).unwrap();
        assert_eq!(s.median(), 2.5);
        assert_eq!(s.min(), 1.0);
        assert_eq!(s.max(), 10.0);
        assert_eq!(s.quantile(0.25), 1.75);
        assert_eq!(s.mean(), 4.0);
        assert!(!s.is_constant());
    }

    #[test]
    fn selection_matches_sorting() {
        let mut rng = crate::stats::Rng::new(3);
        for n in [1, 2, 5, 100, 2001] {
            let v: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            for p in [0.0, 0.025, 0.5, 0.975, 1.0] {
                let mut w = v.clone();
                assert_eq!(quantile_select(&mut w, p), quantile_sorted(&sorted, p));
            }
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(Sample::new([]), Err(SampleError::Empty));
        assert_eq!(Sample::new([1.0, f64::NAN]), Err(SampleError::NonFinite(1)));
        let one = Sample::new([5.0]).unwrap();
        assert_eq!(one.stddev(), None);
        assert_eq!(one.mad(), 0.0);
        assert!(one.is_constant());
    }
}
