//! Two-sided Mann–Whitney U test (Wilcoxon rank-sum) of `a` against `b`.
//!
//! Ranks come from one merge of the two sorted samples, O(n₁ + n₂). For tie-free samples with
//! min(n₁, n₂) ≤ 20 and max ≤ 40 the exact null distribution is counted by dynamic programming
//! (O(n₁·n₂·(n₁·n₂)/2) at worst ~ 3·10⁵ cells); otherwise the normal approximation with the tie
//! correction of the variance and a 0.5 continuity correction is used
//! (Hollander, Wolfe & Chicken, *Nonparametric Statistical Methods*, 3rd ed., §4.1).
//!
//! Degenerate input: when every value of both samples is equal the test has no information and
//! the p-value is 1.

use statrs::distribution::{ContinuousCDF, Normal};

use super::Sample;

/// The outcome of [`mann_whitney`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U statistic of `a` (number of pairs with a > b, ties counting ½).
    pub u: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Whether the exact distribution was used.
    pub exact: bool,
}

/// Test whether `a` and `b` come from the same distribution (two-sided).
pub fn mann_whitney(a: &Sample, b: &Sample) -> MannWhitney {
    let (x, y) = (a.sorted(), b.sorted());
    let (n1, n2) = (x.len(), y.len());
    let n = (n1 + n2) as f64;
    // Merge, assigning mid-ranks to ties; accumulate a's rank sum and the tie term Σ(t³ − t).
    let (mut i, mut j) = (0usize, 0usize);
    let mut rank_sum_a = 0.0;
    let mut tie_term = 0.0;
    let mut next_rank = 1.0;
    while i < n1 || j < n2 {
        let v = match (x.get(i), y.get(j)) {
            (Some(&xv), Some(&yv)) => xv.min(yv),
            (Some(&xv), None) => xv,
            (None, Some(&yv)) => yv,
            (None, None) => break,
        };
        let ca = x[i..].iter().take_while(|&&w| w == v).count();
        let cb = y[j..].iter().take_while(|&&w| w == v).count();
        let t = (ca + cb) as f64;
        let mid = next_rank + (t - 1.0) / 2.0;
        rank_sum_a += mid * ca as f64;
        tie_term += t * t * t - t;
        next_rank += t;
        i += ca;
        j += cb;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let u = rank_sum_a - n1f * (n1f + 1.0) / 2.0;
    let mean_u = n1f * n2f / 2.0;
    if tie_term == n * n * n - n {
        return MannWhitney {
            u,
            p_value: 1.0,
            exact: false,
        };
    }
    if tie_term == 0.0 && n1.min(n2) <= 20 && n1.max(n2) <= 40 {
        let p = exact_two_sided(n1, n2, u);
        return MannWhitney {
            u,
            p_value: p,
            exact: true,
        };
    }
    let var = n1f * n2f / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
    let dev = ((u - mean_u).abs() - 0.5).max(0.0);
    let z = dev / var.sqrt();
    let p = 2.0 * (1.0 - Normal::standard().cdf(z));
    MannWhitney {
        u,
        p_value: p.clamp(0.0, 1.0),
        exact: false,
    }
}

/// Exact two-sided p-value: 2·min(P(U ≤ u), P(U ≥ u)) under H₀, capped at 1.
fn exact_two_sided(n1: usize, n2: usize, u: f64) -> f64 {
    let max_u = n1 * n2;
    // counts[m][k]: number of arrangements of m a-values among m + n2' positions giving U = k,
    // built column by column over n2' = 0..=n2 (Mann & Whitney 1947 recurrence).
    let mut prev: Vec<Vec<f64>> = (0..=n1)
        .map(|_| {
            let mut v = vec![0.0; max_u + 1];
            v[0] = 1.0;
            v
        })
        .collect();
    for nb in 1..=n2 {
        let mut cur: Vec<Vec<f64>> = vec![vec![0.0; max_u + 1]; n1 + 1];
        cur[0][0] = 1.0;
        for na in 1..=n1 {
            for k in 0..=na * nb {
                // Largest element is an a (contributes nb to U) or a b.
                let with_a = if k >= nb { cur[na - 1][k - nb] } else { 0.0 };
                cur[na][k] = with_a + prev[na][k];
            }
        }
        prev = cur;
    }
    let dist = &prev[n1];
    let total: f64 = dist.iter().sum();
    let uk = u.round() as usize;
    let lower: f64 = dist[..=uk.min(max_u)].iter().sum::<f64>() / total;
    let upper: f64 = dist[uk.min(max_u)..].iter().sum::<f64>() / total;
    (2.0 * lower.min(upper)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[f64]) -> Sample {
        Sample::new(v.iter().copied()).unwrap()
    }

    #[test]
    fn exact_small_samples_match_tables() {
        // Complete separation with n1 = n2 = 3: P = 2/20 = 0.1 (two-sided).
        let r = mann_whitney(&s(&[1.0, 2.0, 3.0]), &s(&[4.0, 5.0, 6.0]));
        assert!(r.exact);
        assert_eq!(r.u, 0.0);
        assert!((r.p_value - 0.1).abs() < 1e-12, "{}", r.p_value);
        // n1 = n2 = 5, complete separation: 2/252.
        let r = mann_whitney(
            &s(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            &s(&[6.0, 7.0, 8.0, 9.0, 10.0]),
        );
        assert!((r.p_value - 2.0 / 252.0).abs() < 1e-12);
        // scipy `method="exact"`: U = 12, p = 0.23426573426573427.
        let r = mann_whitney(
            &s(&[1.5, 2.5, 7.0, 9.0, 11.0, 3.0]),
            &s(&[4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 13.0]),
        );
        assert_eq!(r.u, 12.0);
        assert!(
            (r.p_value - 0.23426573426573427).abs() < 1e-12,
            "{}",
            r.p_value
        );
    }

    #[test]
    fn normal_approximation_with_ties() {
        // Reference: scipy 1.x `mannwhitneyu(a, b, method="asymptotic")`: U = 1.5,
        // p = 0.008732768512539242.
        let a: Vec<f64> = vec![1.0, 2.0, 2.0, 3.0, 3.0, 3.0];
        let b: Vec<f64> = vec![3.0, 4.0, 4.0, 5.0, 5.0, 6.0];
        let r = mann_whitney(&s(&a), &s(&b));
        assert!(!r.exact);
        assert_eq!(r.u, 1.5);
        assert!(
            (r.p_value - 0.008732768512539242).abs() < 1e-12,
            "{}",
            r.p_value
        );
    }

    #[test]
    fn identical_samples_give_p_one() {
        let r = mann_whitney(&s(&[2.0, 2.0]), &s(&[2.0, 2.0, 2.0]));
        assert_eq!(r.p_value, 1.0);
        let a: Vec<f64> = (0..50).map(f64::from).collect();
        let r = mann_whitney(&s(&a), &s(&a));
        assert!(r.p_value > 0.95, "{}", r.p_value);
    }

    #[test]
    fn large_shift_is_significant() {
        let a: Vec<f64> = (0..100).map(|i| 100.0 + f64::from(i % 10)).collect();
        let b: Vec<f64> = (0..100).map(|i| 120.0 + f64::from(i % 10)).collect();
        assert!(mann_whitney(&s(&a), &s(&b)).p_value < 1e-10);
    }
}
