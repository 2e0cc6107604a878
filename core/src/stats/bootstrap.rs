//! Percentile bootstrap of the median, drawn through order statistics.
//!
//! A bootstrap resample of sorted data x₍₁₎ ≤ … ≤ x₍ₙ₎ is x₍⌈nUᵢ⌉₎ for n i.i.d. uniforms Uᵢ, and
//! ⌈n·u⌉ is monotone in u, so the m-th order statistic of the resample is x₍⌈n·U₍ₘ₎⌉₎ where U₍ₘ₎
//! is the m-th uniform order statistic, distributed Beta(m, n − m + 1). For even n the next one
//! is U₍ₘ₊₁₎ = U₍ₘ₎ + (1 − U₍ₘ₎)·B with B ~ Beta(1, n − m), the minimum of the n − m uniforms
//! above U₍ₘ₎. Each resampled median therefore costs O(1) instead of O(n), and the index plan
//! depends only on n and the seed, so it is computed once per sample size and reused for every
//! benchmark of that size. The result has exactly the distribution of the ordinary resampling
//! bootstrap of the median (Efron 1979; Maritz & Jarrett 1978 for the order-statistic form).

use super::Rng;

/// For B resamples of a sample of size n: the 0-based indices, into the sorted sample, of the
/// two middle order statistics of each resample (equal for odd n).
#[derive(Debug, Clone)]
pub struct BootstrapPlan {
    n: usize,
    pairs: Vec<(u32, u32)>,
}

/// The plan of `resamples` bootstrap medians for samples of size `n` (≥ 1), from `seed`.
pub fn median_plan(n: usize, resamples: usize, seed: u64) -> BootstrapPlan {
    let mut rng = Rng::new(seed);
    let n = n.max(1);
    let nf = n as f64;
    let to_index = |u: f64| -> u32 { ((nf * u).ceil() as usize).clamp(1, n) as u32 - 1 };
    let pairs = (0..resamples)
        .map(|_| {
            if n == 1 {
                return (0, 0);
            }
            if n % 2 == 1 {
                let m = n.div_ceil(2);
                let u = rng.beta(m as f64, (n - m + 1) as f64);
                let i = to_index(u);
                (i, i)
            } else {
                let m = n / 2;
                let u1 = rng.beta(m as f64, (n - m + 1) as f64);
                let b = 1.0 - rng.uniform().powf(1.0 / (n - m) as f64);
                let u2 = u1 + (1.0 - u1) * b;
                (to_index(u1), to_index(u2))
            }
        })
        .collect();
    BootstrapPlan { n, pairs }
}

impl BootstrapPlan {
    /// Sample size the plan is for.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The bootstrap medians of `sorted` (ascending, length [`BootstrapPlan::n`]).
    pub fn medians(&self, sorted: &[f64]) -> Vec<f64> {
        self.pairs
            .iter()
            .map(|&(a, b)| {
                let x = sorted.get(a as usize).copied().unwrap_or(f64::NAN);
                let y = sorted.get(b as usize).copied().unwrap_or(f64::NAN);
                0.5 * (x + y)
            })
            .collect()
    }
}

/// Type-7 percentile `p` of `values` (sorted in place). NaN when empty.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    super::quantile_sorted(values, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Sample;

    /// The plan must reproduce the distribution of brute-force resampling medians.
    fn check(n: usize) {
        let data: Vec<f64> = (0..n).map(|i| (i as f64).powf(1.7) + 3.0).collect();
        let b = 60_000;
        let plan = median_plan(n, b, 11);
        let mut fast = plan.medians(&data);
        let mut rng = Rng::new(99);
        let mut slow: Vec<f64> = (0..b)
            .map(|_| {
                let r: Vec<f64> = (0..n).map(|_| data[rng.below(n as u64) as usize]).collect();
                Sample::new(r).unwrap().median()
            })
            .collect();
        for p in [0.025, 0.25, 0.5, 0.75, 0.975] {
            let f = percentile(&mut fast, p);
            let s = percentile(&mut slow, p);
            let spread = data[n - 1] - data[0];
            assert!((f - s).abs() <= 0.03 * spread, "n={n} p={p}: {f} vs {s}");
        }
        let mf = fast.iter().sum::<f64>() / b as f64;
        let ms = slow.iter().sum::<f64>() / b as f64;
        assert!(
            (mf - ms).abs() <= 0.01 * (data[n - 1] - data[0]),
            "n={n}: {mf} vs {ms}"
        );
    }

    #[test]
    fn matches_brute_force_resampling() {
        for n in [1, 2, 3, 10, 11, 30, 101] {
            check(n);
        }
    }

    #[test]
    fn plan_is_deterministic() {
        let a = median_plan(30, 100, 5).medians(&(0..30).map(f64::from).collect::<Vec<_>>());
        let b = median_plan(30, 100, 5).medians(&(0..30).map(f64::from).collect::<Vec<_>>());
        assert_eq!(a, b);
    }
}
