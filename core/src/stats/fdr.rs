//! Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995): controls the expected
//! share of false discoveries among the benchmarks flagged in one comparison, valid under
//! independence and positive dependence (Benjamini & Yekutieli 2001), which is the case for
//! benchmarks disturbed by the same machine noise. O(m log m).

/// Adjusted p-values (q-values) in the input order. NaN inputs stay NaN and are not counted.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    let m = idx.len() as f64;
    idx.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 1.0_f64;
    for (k, &i) in idx.iter().enumerate() {
        let rank = m - k as f64;
        running = running.min(p[i] * m / rank);
        out[i] = running.clamp(0.0, 1.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_reference() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.5])
        //    -> 0.025 0.050 0.050 0.025 0.500
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (a, b) in q.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{q:?}");
        }
        let q = benjamini_hochberg(&[f64::NAN, 0.02]);
        assert!(q[0].is_nan());
        assert_eq!(q[1], 0.02);
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}
