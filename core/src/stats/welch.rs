//! Tests from summary statistics, for tools that keep no raw samples.
//!
//! * Welch's unequal-variance t-test on means (Welch 1947), degrees of freedom by
//!   Welch–Satterthwaite.
//! * A z-test on medians whose standard errors come from the interquartile range:
//!   σ̂ = IQR / 1.349 and SE(median) ≈ 1.2533·σ̂/√n (asymptotic efficiency of the median under
//!   normality). Robust to the outliers that make means unreliable on shared CI machines.
//!
//! Degenerate input: n < 2 on either side, or zero standard errors on both, gives `None`
//! (no test possible) unless the two values differ with zero spread, which gives p = 0.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// A test outcome with the standard errors it used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestResult {
    /// Two-sided p-value.
    pub p_value: f64,
    /// Standard error of the baseline's statistic.
    pub se_a: f64,
    /// Standard error of the candidate's statistic.
    pub se_b: f64,
}

/// Welch's t-test of mean `mb` against `ma` from (mean, sd, n) of each side.
pub fn welch_t_test(
    (ma, sa, na): (f64, f64, u64),
    (mb, sb, nb): (f64, f64, u64),
) -> Option<TestResult> {
    if na < 2 || nb < 2 || !(sa >= 0.0 && sb >= 0.0) {
        return None;
    }
    let (na, nb) = (na as f64, nb as f64);
    let va = sa * sa / na;
    let vb = sb * sb / nb;
    let (se_a, se_b) = (va.sqrt(), vb.sqrt());
    let se = (va + vb).sqrt();
    if se == 0.0 {
        let p = if ma == mb { 1.0 } else { 0.0 };
        return Some(TestResult {
            p_value: p,
            se_a,
            se_b,
        });
    }
    let t = (mb - ma) / se;
    let df = (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
    let p = StudentsT::new(0.0, 1.0, df.max(1.0))
        .map(|d| 2.0 * (1.0 - d.cdf(t.abs())))
        .ok()?;
    Some(TestResult {
        p_value: p.clamp(0.0, 1.0),
        se_a,
        se_b,
    })
}

/// Median z-test from (median, IQR, n) of each side.
pub fn median_z_test(
    (ma, iqr_a, na): (f64, f64, u64),
    (mb, iqr_b, nb): (f64, f64, u64),
) -> Option<TestResult> {
    if na < 2 || nb < 2 || !(iqr_a >= 0.0 && iqr_b >= 0.0) {
        return None;
    }
    let se = |iqr: f64, n: u64| 1.2533 * (iqr / 1.349) / (n as f64).sqrt();
    let (se_a, se_b) = (se(iqr_a, na), se(iqr_b, nb));
    let s = (se_a * se_a + se_b * se_b).sqrt();
    if s == 0.0 {
        let p = if ma == mb { 1.0 } else { 0.0 };
        return Some(TestResult {
            p_value: p,
            se_a,
            se_b,
        });
    }
    let z = (mb - ma) / s;
    let d = Normal::standard();
    Some(TestResult {
        p_value: (2.0 * (1.0 - d.cdf(z.abs()))).clamp(0.0_f64, 1.0),
        se_a,
        se_b,
    })
}

/// Quantile of Student's t distribution with `df` degrees of freedom (`p` in (0, 1)); NaN for
/// `df` < 1.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df)
        .map(|d| d.inverse_cdf(p.clamp(1e-300, 1.0 - 1e-16)))
        .unwrap_or(f64::NAN)
}

/// Quantile of the standard normal distribution (`p` in (0, 1)).
pub fn normal_quantile(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p.clamp(1e-300, 1.0 - 1e-16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welch_matches_reference() {
        // scipy.stats.ttest_ind_from_stats(10, 2, 20, 12, 3, 25, equal_var=False)
        // -> statistic -2.6726124191242437, pvalue 0.010686816561632893
        let r = welch_t_test((10.0, 2.0, 20), (12.0, 3.0, 25)).unwrap();
        assert!(
            (r.p_value - 0.010686816561632893).abs() < 1e-9,
            "{}",
            r.p_value
        );
    }

    #[test]
    fn degenerate_cases() {
        assert!(welch_t_test((1.0, 0.0, 1), (2.0, 0.0, 5)).is_none());
        assert_eq!(
            welch_t_test((1.0, 0.0, 3), (2.0, 0.0, 3)).unwrap().p_value,
            0.0
        );
        assert_eq!(
            median_z_test((1.0, 0.0, 3), (1.0, 0.0, 3)).unwrap().p_value,
            1.0
        );
        assert!((normal_quantile(0.975) - 1.959963984540054).abs() < 1e-9);
        // scipy.stats.t.ppf(0.975, 16) = 2.1199052992212546
        assert!((student_t_quantile(0.975, 16.0) - 2.1199052992212546).abs() < 1e-6);
        assert!(student_t_quantile(0.975, 0.0).is_nan());
    }

    #[test]
    fn median_test_detects_clear_shift() {
        let r = median_z_test((100.0, 4.0, 50), (110.0, 4.0, 50)).unwrap();
        assert!(r.p_value < 1e-6);
        let r = median_z_test((100.0, 40.0, 5), (110.0, 40.0, 5)).unwrap();
        assert!(r.p_value > 0.3);
    }
}
