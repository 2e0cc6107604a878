//! [`Detector`]: change points of a growing series, reusing earlier work on every append.
//!
//! What is kept between calls, and why the result equals a batch run over the whole series:
//! * prefix sums of values, squares and samples ([`super::segments::Prefix`]), so every t-test
//!   and every PELT cost is O(1) and appending is O(samples of the point);
//! * E-Divisive: the result of every window of the split pass. A window that ended before the
//!   old end of the series saw exactly the points a batch run sees, and the next window's start
//!   depends only on it; so only windows cut short by the old end are searched again
//!   (typically the last two, O(window²) each). The merge then reruns over the weak points
//!   with O(1) tests and cached segment medians;
//! * PELT: the recursion's values, back-pointers and pruned candidate set. One append is one
//!   step when the noise scale and penalty are fixed by options; the data-driven defaults
//!   change with n, and then the recursion is redone (still exact).

use super::clean::{self, HALF};
use super::edivisive::{self, magnitude, Medians, Params, SplitScratch, Window};
use super::pelt::{self, Pelt, PeltParams};
use super::segments::{Prefix, SampleSums};
use super::{ChangeDirection, ChangePoint, DetectOptions, Method, PeltCost};
use crate::error::{Error, Result};
use crate::model::Direction;
use crate::series::{Point, Series};

/// Incremental change-point detection over one series.
#[derive(Debug, Clone)]
pub struct Detector {
    options: DetectOptions,
    name: String,
    direction: Direction,
    /// Raw values, for the medians reported and compared.
    values: Vec<f64>,
    /// Samples of each point, centred on its raw value.
    sums: Vec<SampleSums>,
    ids: Vec<(Option<String>, Option<String>)>,
    /// Values after outlier clipping, as far as computed; the tests and costs see these.
    cleaned: Vec<f64>,
    prefix: Prefix,
    windows: Vec<Window>,
    windows_searched: u64,
    medians: Medians,
    /// PELT's recursion over the points whose cleaned values are final.
    pelt: Option<Pelt>,
    scratch: SplitScratch,
    diffs: Vec<f64>,
}

impl Detector {
    /// A detector over the points of `series` so far (possibly none), named and oriented like
    /// it. Fails on invalid options or a non-finite value or sample.
    pub fn new(series: &Series, options: &DetectOptions) -> Result<Self> {
        Detector::build(series, options, true)
    }

    /// A detector over `series`; without `keep_ids` it does not copy commits and run ids (the
    /// batch caller takes them from the series).
    pub(crate) fn build(series: &Series, options: &DetectOptions, keep_ids: bool) -> Result<Self> {
        options.validate()?;
        let n = series.points.len();
        let mut d = Detector {
            options: options.clone(),
            name: series.name.clone(),
            direction: series.direction,
            values: Vec::with_capacity(n),
            sums: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
            cleaned: Vec::with_capacity(n),
            prefix: Prefix::new(),
            windows: Vec::new(),
            windows_searched: 0,
            medians: Medians::default(),
            pelt: None,
            scratch: SplitScratch::default(),
            diffs: Vec::new(),
        };
        for p in &series.points {
            d.append(p, keep_ids)?;
        }
        Ok(d)
    }

    /// Append the next point (its samples are summed, not stored). Fails, leaving the detector
    /// unchanged, when its value or a sample is not finite. O(samples); the detection work is
    /// done by the next [`Detector::change_points`].
    pub fn push(&mut self, point: &Point) -> Result<()> {
        self.append(point, true)
    }

    fn append(&mut self, point: &Point, keep_id: bool) -> Result<()> {
        let i = self.values.len();
        if !point.value.is_finite() {
            return Err(Error::input(
                format!("{}.values[{i}]", self.name),
                format!("{} is not a finite number", point.value),
            ));
        }
        if let Some(k) = point.samples.iter().position(|v| !v.is_finite()) {
            return Err(Error::input(
                format!("{}.samples[{i}][{k}]", self.name),
                "not a finite number",
            ));
        }
        self.values.push(point.value);
        self.sums.push(SampleSums::of(point.value, &point.samples));
        if keep_id {
            self.ids.resize(i, (None, None));
            self.ids.push((point.commit.clone(), point.run_id.clone()));
        }
        Ok(())
    }

    /// Number of points so far.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True before the first point.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// How many E-Divisive windows have been searched so far (a measure of reused work).
    pub fn windows_searched(&self) -> u64 {
        self.windows_searched
    }

    /// The change points of every point so far, oldest first; the same as
    /// [`crate::detect_changepoints`] over the same points.
    pub fn change_points(&mut self) -> Vec<ChangePoint> {
        let changed = self.clean();
        self.medians.rotate();
        let kept: Vec<(usize, Option<f64>)> = match self.options.method {
            Method::EDivisive => self.edivisive(changed),
            Method::Pelt => self.pelt(),
        };
        self.report(&kept)
    }

    /// Bring cleaned values and prefix sums up to date; returns the first index whose
    /// cleaned value may have changed since the last call.
    fn clean(&mut self) -> usize {
        let n = self.values.len();
        let reach = if self.options.outlier_threshold > 0.0 {
            HALF
        } else {
            0
        };
        let from = self.prefix.len().saturating_sub(reach).min(n);
        self.prefix.truncate(from);
        self.cleaned.truncate(from);
        for i in from..n {
            let c = clean::cleaned(&self.values, i, self.options.outlier_threshold);
            self.cleaned.push(c);
            self.prefix.push(c, &self.sums[i]);
        }
        from
    }

    fn report(&mut self, kept: &[(usize, Option<f64>)]) -> Vec<ChangePoint> {
        let n = self.values.len();
        let mut out = Vec::with_capacity(kept.len());
        for (k, &(index, p_value)) in kept.iter().enumerate() {
            let prev = if k == 0 { 0 } else { kept[k - 1].0 };
            let next = kept.get(k + 1).map_or(n, |e| e.0);
            let before = self.medians.get(&self.values, prev, index);
            let after = self.medians.get(&self.values, index, next);
            let (commit, run_id) = self.ids.get(index).cloned().unwrap_or_default();
            let cost_gain = match (self.options.method, &self.pelt) {
                (Method::Pelt, Some(state)) => {
                    let c = |a, b| pelt::cost(&self.prefix, state.params(), a, b);
                    Some(c(prev, next) - c(prev, index) - c(index, next))
                }
                _ => None,
            };
            out.push(ChangePoint {
                index,
                commit,
                run_id,
                before,
                after,
                relative_change: relative_change(before, after),
                direction: if (after - before) * self.direction.worse_sign() > 0.0 {
                    ChangeDirection::Regression
                } else {
                    ChangeDirection::Improvement
                },
                p_value,
                cost_gain,
            });
        }
        out
    }

    fn edivisive(&mut self, changed: usize) -> Vec<(usize, Option<f64>)> {
        let o = &self.options;
        let params = Params {
            window: o.window,
            weak_alpha: o.effective_weak_alpha(),
            alpha: o.alpha,
            min_magnitude: o.min_magnitude,
            min_segment: o.min_segment,
            use_samples: o.use_samples,
            serial: o.serial_correlation,
        };
        // A window is reused when it was complete and saw no value that changed since.
        let keep = self
            .windows
            .iter()
            .position(|w| w.end - w.start < params.window || w.end > changed)
            .unwrap_or(self.windows.len());
        self.windows.truncate(keep);
        let start = match self.windows.last() {
            None => 0,
            Some(w) => {
                let last = w.found.last().copied().unwrap_or(0);
                last.max(w.start + (params.window / 2).max(1))
            }
        };
        let before = self.windows.len();
        edivisive::split(
            &self.cleaned,
            &self.prefix,
            &params,
            start,
            &mut self.windows,
            &mut self.scratch,
        );
        self.windows_searched += (self.windows.len() - before) as u64;
        let weak = edivisive::weak_points(&self.windows);
        edivisive::merge(
            &weak,
            &self.values,
            &self.prefix,
            &params,
            &mut self.medians,
        )
        .into_iter()
        .map(|k| (k.index, Some(k.p_value)))
        .collect()
    }

    fn pelt(&mut self) -> Vec<(usize, Option<f64>)> {
        let o = &self.options;
        let n = self.values.len();
        let Some(sigma) = o
            .noise
            .or_else(|| pelt::noise_scale(&self.cleaned, &mut self.diffs))
        else {
            self.pelt = None;
            return Vec::new();
        };
        let min_segment = match o.cost {
            PeltCost::NormalMean => o.min_segment,
            PeltCost::NormalMeanVar => o.min_segment.max(2),
        };
        let params = PeltParams {
            cost: o.cost,
            penalty: o
                .penalty
                .unwrap_or_else(|| pelt::default_penalty(o.cost, n)),
            sigma,
            min_segment,
        };
        // Advance over final cleaned values only; the last few are run on a copy.
        let reach = if o.outlier_threshold > 0.0 { HALF } else { 0 };
        let state = Pelt::reuse(&mut self.pelt, params);
        state.advance(&self.prefix, n.saturating_sub(reach));
        let mut whole = state.clone();
        whole.advance(&self.prefix, n);
        let cps = whole.change_points();
        prune_small(cps, &self.values, o.min_magnitude, &mut self.medians)
            .into_iter()
            .map(|i| (i, None))
            .collect()
    }
}

/// Drop change points whose adjacent segment medians differ by no more than `min_magnitude`,
/// smallest first, re-measuring the neighbours of each one dropped.
fn prune_small(
    mut cps: Vec<usize>,
    values: &[f64],
    min_magnitude: f64,
    medians: &mut Medians,
) -> Vec<usize> {
    let n = values.len();
    loop {
        let mut smallest: Option<(usize, f64)> = None;
        for k in 0..cps.len() {
            let prev = if k == 0 { 0 } else { cps[k - 1] };
            let next = cps.get(k + 1).copied().unwrap_or(n);
            let m = magnitude(
                medians.get(values, prev, cps[k]),
                medians.get(values, cps[k], next),
            );
            if smallest.is_none_or(|(_, s)| m < s) {
                smallest = Some((k, m));
            }
        }
        match smallest {
            Some((k, m)) if m <= min_magnitude => {
                cps.remove(k);
            }
            _ => return cps,
        }
    }
}

/// `(after − before) / |before|`; when `before` is 0, relative to `|after|` (so ±1), and 0 when
/// both are 0.
pub(crate) fn relative_change(before: f64, after: f64) -> f64 {
    if before != 0.0 {
        (after - before) / before.abs()
    } else if after != 0.0 {
        (after - before) / after.abs()
    } else {
        0.0
    }
}
