//! Outlier clipping before testing: the Hampel identifier (Hampel 1974; as a filter, Pearson
//! 2002, "Outliers in process modeling and identification"). A run more than `threshold`
//! robust standard deviations from the median of the `2·HALF + 1` runs centred on it is pulled
//! to that bound.
//!
//! Why: one run 2–3× slower (a noisy neighbour on a shared CI machine) dominates both the
//! energy statistic, so the split lands on it, and the t-test's variance, so the real step in
//! the same window is no longer significant — and E-Divisive stops at the first split that
//! fails. Clipping keeps the run, at a plausible value.
//!
//! Documented edges: the first and last `HALF` runs are never clipped (no centred
//! neighbourhood yet; so the newest runs are taken at face value and a fresh step is not
//! mistaken for an outlier); a neighbourhood without spread (MAD 0, e.g. quantized values) clips
//! nothing. A run's cleaned value depends on the `HALF` runs after it, so appending a run can
//! change the cleaned values of the `HALF` before it, and no other. Cost O(1) per run.

/// Runs on each side of the neighbourhood.
pub(crate) const HALF: usize = 3;
const WIDTH: usize = 2 * HALF + 1;

/// Sort 7 values with Knuth's 16-comparator network, branch-free.
fn sort(w: &mut [f64; WIDTH]) {
    const NET: [(usize, usize); 16] = [
        (0, 6),
        (2, 3),
        (4, 5),
        (0, 2),
        (1, 4),
        (3, 6),
        (0, 1),
        (2, 5),
        (3, 4),
        (1, 2),
        (4, 6),
        (2, 3),
        (4, 5),
        (1, 2),
        (3, 4),
        (5, 6),
    ];
    for (i, j) in NET {
        let (a, b) = (w[i], w[j]);
        // Written so that it compiles to minsd / maxsd (values are finite).
        w[i] = if b < a { b } else { a };
        w[j] = if b < a { a } else { b };
    }
}

/// The cleaned value of run `i` of `values` (`threshold` ≤ 0 turns clipping off).
pub(crate) fn cleaned(values: &[f64], i: usize, threshold: f64) -> f64 {
    let v = values[i];
    if threshold <= 0.0 || i < HALF || i + HALF >= values.len() {
        return v;
    }
    let mut w = [0.0; WIDTH];
    w.copy_from_slice(&values[i - HALF..=i + HALF]);
    sort(&mut w);
    let med = w[HALF];
    // Clipped iff MAD < |v − med| / (threshold · 1.4826), i.e. iff at least HALF + 1 of the
    // deviations are below that: a count, so the MAD is only sorted out when it matters.
    let limit = (v - med).abs() / (threshold * 1.4826);
    let below = w.iter().filter(|&&x| (x - med).abs() < limit).count();
    if below <= HALF {
        return v;
    }
    for x in &mut w {
        *x = (*x - med).abs();
    }
    sort(&mut w);
    let bound = threshold * 1.4826 * w[HALF];
    if bound > 0.0 {
        v.clamp(med - bound, med + bound)
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_sorts() {
        // The 0-1 principle: a comparator network sorts everything if it sorts all 0/1 inputs.
        for bits in 0u32..128 {
            let mut w = [0.0; WIDTH];
            for (k, x) in w.iter_mut().enumerate() {
                *x = f64::from((bits >> k) & 1);
            }
            sort(&mut w);
            assert!(w.windows(2).all(|p| p[0] <= p[1]), "{bits:07b}");
        }
    }

    #[test]
    fn clips_a_lone_outlier_and_keeps_steps_and_edges() {
        let mut v: Vec<f64> = (0..20).map(|i| 100.0 + (i % 3) as f64).collect();
        v[8] = 300.0;
        let c: Vec<f64> = (0..v.len()).map(|i| cleaned(&v, i, 5.0)).collect();
        assert!(c[8] < 110.0, "{}", c[8]);
        assert_eq!(c[7], v[7]);
        // A step is not an outlier: every run keeps its value.
        let s: Vec<f64> = (0..20)
            .map(|i| if i < 10 { 100.0 } else { 150.0 } + (i % 3) as f64)
            .collect();
        assert!((0..s.len()).all(|i| cleaned(&s, i, 5.0) == s[i]));
        // The newest runs are taken as they are.
        let mut e = v.clone();
        e.push(1000.0);
        assert_eq!(cleaned(&e, e.len() - 1, 5.0), 1000.0);
        assert_eq!(cleaned(&v, 8, 0.0), 300.0);
        // No spread, no clipping.
        let mut q = vec![5.0; 9];
        q[4] = 6.0;
        assert_eq!(cleaned(&q, 4, 5.0), 6.0);
    }
}
