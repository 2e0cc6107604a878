//! PELT, Pruned Exact Linear Time: Killick, Fearnhead & Eckley, "Optimal Detection of
//! Changepoints With a Linear Computational Cost" (JASA 2012). Minimises
//! `Σ cost(segment) + β · (number of change points)` exactly, over segmentations whose segments
//! have at least `min_segment` points, by the recursion `F(t) = min_τ F(τ) + C(τ, t) + β` and
//! the pruning rule `F(τ) + C(τ, t) > F(t)` ⇒ τ is never optimal at any T ≥ t + `min_segment`
//! (K = 0 holds for both costs below, which are superadditive). With a minimum segment length
//! the rule is applied `min_segment` steps late, which keeps the result exact.
//!
//! Costs (twice the negative Gaussian log-likelihood, from prefix sums, O(1) each):
//! * `normal-mean`: `Σ (x − x̄)² / σ²` with one noise scale σ for the series;
//! * `normal-mean-var`: `m · (ln(2π σ̂²) + 1)` with σ̂² the segment's own variance, maximised
//!   under σ̂² ≥ `(σ / 100)²` so that a run of equal values cannot buy an infinitely good fit.
//!
//! Defaults: σ is robust, the median absolute first difference × 1.4826 / √2 (a step moves one
//! difference, an outlier two; the MAD ignores both), falling back to the standard deviation of
//! the first differences / √2 when more than half of them are zero; a series with no spread at
//! all has no change points. The penalty is the per-change part of MBIC (Zhang & Siegmund 2007)
//! as in R's `changepoint` package: `3 ln n` for the mean cost, `4 ln n` for mean and variance
//! (without MBIC's segment-length term).
//!
//! Cost: O(n) expected time when changes keep coming (pruning keeps the candidate set small),
//! O(n²) worst case; memory O(n). Appending a point costs one step of the recursion when σ and
//! β did not change (fixed by options); otherwise the recursion restarts ([`Pelt::reuse`]).

use super::segments::Prefix;
use super::PeltCost;

/// σ and β with which a [`Pelt`] state was computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PeltParams {
    pub cost: PeltCost,
    pub penalty: f64,
    pub sigma: f64,
    pub min_segment: usize,
}

/// The robust noise scale of `values` (see the module docs); `None` when there is no spread.
pub(crate) fn noise_scale(values: &[f64], scratch: &mut Vec<f64>) -> Option<f64> {
    if values.len() < 3 {
        return None;
    }
    scratch.clear();
    scratch.extend(values.windows(2).map(|w| (w[1] - w[0]).abs()));
    let mad = crate::stats::quantile_select(scratch, 0.5);
    let sigma = if mad > 0.0 {
        mad * 1.4826
    } else {
        (scratch.iter().map(|d| d * d).sum::<f64>() / scratch.len() as f64).sqrt()
    } / std::f64::consts::SQRT_2;
    (sigma.is_finite() && sigma > 0.0).then_some(sigma)
}

/// The default penalty for `n` points.
pub(crate) fn default_penalty(cost: PeltCost, n: usize) -> f64 {
    let per = match cost {
        PeltCost::NormalMean => 3.0,
        PeltCost::NormalMeanVar => 4.0,
    };
    per * (n.max(2) as f64).ln()
}

/// The segment cost of points `a..b`.
pub(crate) fn cost(prefix: &Prefix, params: &PeltParams, a: usize, b: usize) -> f64 {
    let m = (b - a) as f64;
    let ss = prefix.sum_sq(a, b);
    match params.cost {
        PeltCost::NormalMean => ss / (params.sigma * params.sigma),
        PeltCost::NormalMeanVar => {
            // The likelihood maximised over σ̂² ≥ floor, so that costs stay superadditive.
            let floor = (params.sigma / 100.0).powi(2);
            let var = ss / m;
            let s2 = var.max(floor);
            m * ((2.0 * std::f64::consts::PI * s2).ln() + var / s2)
        }
    }
}

/// The state of the recursion after some prefix of the series.
#[derive(Debug, Clone)]
pub(crate) struct Pelt {
    params: PeltParams,
    /// F(t) for t = 0..=done; +∞ where no valid segmentation ends.
    best: Vec<f64>,
    /// The last change before t in the optimal segmentation of `0..t`.
    last: Vec<usize>,
    /// Candidate positions of the last change not pruned yet.
    candidates: Vec<usize>,
}

impl Pelt {
    fn new(params: PeltParams) -> Self {
        Pelt {
            params,
            best: vec![-params.penalty],
            last: vec![0],
            candidates: Vec::new(),
        }
    }

    /// The state for `params`: `state` itself when computed with the same ones, else a fresh
    /// one.
    pub fn reuse(state: &mut Option<Pelt>, params: PeltParams) -> &mut Pelt {
        if state.as_ref().is_none_or(|s| s.params != params) {
            *state = Some(Pelt::new(params));
        }
        state.get_or_insert_with(|| Pelt::new(params))
    }

    /// Run the recursion up to `upto` points of `prefix` (≤ its length).
    pub fn advance(&mut self, prefix: &Prefix, upto: usize) {
        let params = self.params;
        let ms = params.min_segment.max(1);
        for t in self.best.len()..=upto.min(prefix.len()) {
            if let Some(tau) = t.checked_sub(ms) {
                // τ = t − ms becomes a valid last change; F(τ) prunes the candidates before it.
                let f_tau = self.best[tau];
                if f_tau.is_finite() {
                    if tau > 0 {
                        let best = &self.best;
                        self.candidates
                            .retain(|&c| best[c] + cost(prefix, &params, c, tau) <= f_tau);
                    }
                    self.candidates.push(tau);
                }
            }
            let mut f = f64::INFINITY;
            let mut arg = 0;
            for &tau in &self.candidates {
                let v = self.best[tau] + cost(prefix, &params, tau, t) + params.penalty;
                if v < f {
                    f = v;
                    arg = tau;
                }
            }
            self.best.push(f);
            self.last.push(arg);
        }
    }

    /// σ and β of this state.
    pub fn params(&self) -> &PeltParams {
        &self.params
    }

    /// The change points of the optimal segmentation of everything seen, ascending.
    pub fn change_points(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut t = self.best.len() - 1;
        while t > 0 && self.best[t].is_finite() {
            let tau = self.last[t];
            if tau == 0 {
                break;
            }
            out.push(tau);
            t = tau;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::changepoint::segments::tests::prefix;

    /// Optimal partitioning without pruning, O(n²), for checking.
    fn brute(prefix: &Prefix, params: &PeltParams) -> Vec<usize> {
        let n = prefix.len();
        let ms = params.min_segment;
        let mut f = vec![f64::INFINITY; n + 1];
        let mut last = vec![0; n + 1];
        f[0] = -params.penalty;
        for t in ms..=n {
            for tau in 0..=t - ms {
                let v = f[tau] + cost(prefix, params, tau, t) + params.penalty;
                if v < f[t] {
                    f[t] = v;
                    last[t] = tau;
                }
            }
        }
        let mut out = Vec::new();
        let mut t = n;
        while last[t] > 0 {
            out.push(last[t]);
            t = last[t];
        }
        out.reverse();
        out
    }

    #[test]
    fn pruning_keeps_the_optimum() {
        let mut rng = crate::stats::Rng::new(5);
        let values: Vec<f64> = (0..300)
            .map(|i| [10.0, 12.0, 9.0, 9.5][i / 75] + 0.5 * rng.normal())
            .collect();
        let p = prefix(&values);
        for cost_kind in [PeltCost::NormalMean, PeltCost::NormalMeanVar] {
            for ms in [1, 2, 5] {
                let params = PeltParams {
                    cost: cost_kind,
                    penalty: default_penalty(cost_kind, values.len()),
                    sigma: noise_scale(&values, &mut Vec::new()).unwrap(),
                    min_segment: ms.max(if cost_kind == PeltCost::NormalMeanVar {
                        2
                    } else {
                        1
                    }),
                };
                let mut state = None;
                let pelt = Pelt::reuse(&mut state, params);
                pelt.advance(&p, 150);
                let mut rest = pelt.clone();
                rest.advance(&p, values.len());
                let got = rest.change_points();
                assert_eq!(got, brute(&p, &params), "{cost_kind:?} ms {ms}");
            }
        }
    }

    #[test]
    fn noise_scale_ignores_steps_and_outliers() {
        let mut rng = crate::stats::Rng::new(9);
        let mut values: Vec<f64> = (0..2000)
            .map(|i| if i < 1000 { 0.0 } else { 50.0 } + rng.normal())
            .collect();
        values[500] = 1000.0;
        let s = noise_scale(&values, &mut Vec::new()).unwrap();
        assert!((s - 1.0).abs() < 0.1, "{s}");
        assert_eq!(noise_scale(&[3.0; 10], &mut Vec::new()), None);
        // Piecewise constant: most differences are zero, the fallback still sees the steps.
        let steps: Vec<f64> = (0..30).map(|i| (i / 10) as f64).collect();
        assert!(noise_scale(&steps, &mut Vec::new()).is_some());
    }
}
