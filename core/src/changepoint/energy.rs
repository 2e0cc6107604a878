//! The E-Divisive candidate search: the split of an interval that maximises the energy
//! statistic Q̂ of Matteson & James, "A Nonparametric Approach for Multiple Change Point
//! Analysis of Multivariate Data" (JASA 2014), with α = 1 as in Hunter / Apache Otava.
//!
//! For an interval `z[s..e)`, a split τ and an end κ (s < τ < κ ≤ e), with X = z[s..τ) of size
//! n and Y = z[τ..κ) of size m:
//!
//! ```text
//! Q̂(τ, κ) = 2/(m+n) Σᵢⱼ |Xᵢ − Yⱼ|  −  2m/((m+n)(n−1)) Σᵢ<ₖ |Xᵢ − Xₖ|  −  2n/((m+n)(m−1)) Σⱼ<ₗ |Yⱼ − Yₗ|
//! ```
//!
//! (a within-sum term is 0 when its side has one point, as in Otava's calculator). The
//! candidate is the τ of the maximal Q̂ over all (τ, κ) whose sides both have at least
//! `min_segment` points; ties go to the smallest τ, then the smallest κ.
//!
//! Cost: O(L²) time and **O(L) memory** for an interval of L points. Otava keeps L × L
//! matrices of distances and their cumulative sums; here a few vectors suffice: `W(0, κ)`, the
//! summed distance of all pairs before κ, and `P[j]`, the distance of `z[j]` to the points
//! before the current τ, updated in O(L) each time τ moves. For each τ the between-sum
//! B(τ, κ) is the running sum of `P`, and the right within-sum is
//! `W(τ, κ) = W(0, κ) − W(0, τ) − B(τ, κ)`; the inner loops run over contiguous slices so the
//! compiler can vectorise them.

/// The best split of an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    /// Index of the first point after the split, relative to the interval.
    pub index: usize,
    /// The maximal Q̂.
    pub qhat: f64,
}

/// Reusable buffers, so a window search allocates nothing after the first.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    /// `W(0, κ)`: summed distances of all pairs before κ, cumulative.
    within: Vec<f64>,
    /// Distances of each point to the points before the current τ.
    before: Vec<f64>,
    /// Cumulative sums of `before` from τ on: the between-sum B(τ, κ).
    between: Vec<f64>,
    q: Vec<f64>,
    /// 1 / k, with 1 / 0 read as 0 (a side of one point has no within-sum).
    inv: Vec<f64>,
}

/// The split of `z` maximising Q̂, or `None` when no split leaves `min_segment` points on both
/// sides (`min_segment` ≥ 1).
pub(crate) fn best_split(
    z: &[f64],
    min_segment: usize,
    scratch: &mut Scratch,
) -> Option<Candidate> {
    let len = z.len();
    let ms = min_segment.max(1);
    if len < 2 * ms {
        return None;
    }
    let Scratch {
        within,
        before,
        between,
        q,
        inv,
    } = scratch;
    if inv.len() < len + 1 {
        inv.clear();
        inv.push(0.0);
        inv.extend((1..=len).map(|k| 1.0 / k as f64));
    }
    // within[κ] = W(0, κ) = Σ_{i<j<κ} |z_i − z_j|.
    within.clear();
    within.push(0.0);
    let mut acc = 0.0;
    for j in 0..len {
        let zj = z[j];
        acc += z[..j].iter().map(|&x| (x - zj).abs()).sum::<f64>();
        within.push(acc);
    }
    before.clear();
    before.resize(len, 0.0);
    between.clear();
    between.resize(len, 0.0);
    q.clear();
    q.resize(len, 0.0);
    let mut best: Option<Candidate> = None;
    for tau in 1..=len - ms {
        // Move τ by one: z[τ−1] joins X.
        let zt = z[tau - 1];
        for (b, &zj) in before[tau..].iter_mut().zip(&z[tau..]) {
            *b += (zj - zt).abs();
        }
        let within_left = within[tau];
        let n = tau;
        if n < ms {
            continue;
        }
        // B(τ, j + 1) for every j ≥ τ.
        let mut acc = 0.0;
        for (c, &b) in between[tau..].iter_mut().zip(&before[tau..]) {
            acc += b;
            *c = acc;
        }
        // Q̂(τ, κ = j + 1) = 2/(m+n) · (B − m/(n−1)·W(0,τ) − n/(m−1)·W(τ,κ)),
        // m = j + 1 − τ, W(τ, κ) = W(0, κ) − W(0, τ) − B(τ, κ).
        let nf = n as f64;
        let left = inv[n - 1] * within_left;
        let first = tau + ms - 1;
        let span = len - first;
        let (bs, ws) = (&between[first..len], &within[first + 1..=len]);
        let (im, imn) = (&inv[ms - 1..ms - 1 + span], &inv[first + 1..=len]);
        for (k, (((qk, &b), &w), (&i_m, &i_mn))) in q[..span]
            .iter_mut()
            .zip(bs)
            .zip(ws)
            .zip(im.iter().zip(imn))
            .enumerate()
        {
            let m = (ms + k) as f64;
            let right = w - within_left - b;
            *qk = 2.0 * i_mn * (b - m * left - nf * i_m * right);
        }
        // Not `f64::max`: on wasm32 that is a call to `fmax` (NaN rules), which took a sixth
        // of the dashboard's detection time; this is the same for every input (a NaN never
        // wins a `>`, as `f64::max` ignores it).
        let top = q[..span]
            .iter()
            .fold(f64::NEG_INFINITY, |a, &b| if b > a { b } else { a });
        if best.is_none_or(|c| top > c.qhat) {
            best = Some(Candidate {
                index: tau,
                qhat: top,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Q̂ straight from the definition, O(L⁴), for checking.
    fn brute(z: &[f64], ms: usize) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        for tau in ms..=z.len().saturating_sub(ms) {
            for kappa in tau + ms..=z.len() {
                let (x, y) = (&z[..tau], &z[tau..kappa]);
                let (n, m) = (x.len() as f64, y.len() as f64);
                let b: f64 = x
                    .iter()
                    .map(|a| y.iter().map(|c| (a - c).abs()).sum::<f64>())
                    .sum();
                let w = |v: &[f64]| {
                    let mut s = 0.0;
                    for i in 0..v.len() {
                        for k in i + 1..v.len() {
                            s += (v[i] - v[k]).abs();
                        }
                    }
                    s
                };
                let wl = if n > 1.0 {
                    2.0 * m / ((m + n) * (n - 1.0)) * w(x)
                } else {
                    0.0
                };
                let wr = if m > 1.0 {
                    2.0 * n / ((m + n) * (m - 1.0)) * w(y)
                } else {
                    0.0
                };
                let q = 2.0 / (m + n) * b - wl - wr;
                if best.is_none_or(|c| q > c.qhat) {
                    best = Some(Candidate {
                        index: tau,
                        qhat: q,
                    });
                }
            }
        }
        best
    }

    #[test]
    fn matches_the_definition() {
        let mut rng = crate::stats::Rng::new(3);
        let mut s = Scratch::default();
        for len in [2usize, 3, 5, 9, 17, 30] {
            let z: Vec<f64> = (0..len)
                .map(|i| rng.normal() + if i > len / 3 { 2.0 } else { 0.0 })
                .collect();
            for ms in [1, 2, 3] {
                let got = best_split(&z, ms, &mut s);
                let want = brute(&z, ms);
                match (got, want) {
                    (Some(g), Some(w)) => {
                        assert_eq!(g.index, w.index, "len {len} ms {ms}");
                        assert!((g.qhat - w.qhat).abs() < 1e-9 * w.qhat.abs().max(1.0));
                    }
                    (g, w) => assert_eq!(g, w, "len {len} ms {ms}"),
                }
            }
        }
    }

    #[test]
    fn finds_a_clean_step() {
        let mut z = vec![1.0; 20];
        z.extend([5.0; 10]);
        let c = best_split(&z, 2, &mut Scratch::default()).unwrap();
        assert_eq!(c.index, 20);
        assert!(best_split(&[1.0, 2.0, 3.0], 2, &mut Scratch::default()).is_none());
    }
}
