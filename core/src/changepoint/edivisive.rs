//! E-Divisive means with a Student t-test, windowed, with a weak and a strong pass: the
//! Hunter / Apache Otava variant of Fleming et al., "Hunter: Using Change Point Detection to
//! Hunt for Performance Regressions" (ICPE 2023), on the candidate search of Matteson & James
//! ([`super::energy`]). Behaviour follows Otava's `analysis.py` (`split`, `merge`) and
//! `change_point_divisive/` (`detector.py`, `base.py`):
//!
//! 1. **Split** (weak pass). Windows of `window` points slide by `window / 2`; a window
//!    restarts at the last change point it found when that is further on. Inside a window,
//!    E-Divisive repeatedly takes the interval split with the largest Q̂ and keeps it while the
//!    t-test of the two sides of its interval gives p ≤ `weak_alpha`, stopping at the first
//!    split that fails. The union of all windows' points are the *weak* change points.
//! 2. **Merge** (strong pass). Each weak point is re-tested against its neighbours over the
//!    whole series. Repeatedly the weakest point is removed and its two neighbours re-tested:
//!    the one with the largest p-value while any p > `alpha`; else the one with the smallest
//!    magnitude, until every magnitude exceeds `min_magnitude`.
//!
//! Where this differs from Otava, on purpose:
//! * the magnitude is taken between the **medians** of the adjacent segments (Otava: means),
//!   `|a − b| / min(|a|, |b|)`, which is Otava's `max(|b/a − 1|, |a/b − 1|)` for positive
//!   levels; a lone outlier then cannot pass the magnitude test;
//! * after a removal the two change points *around* the gap are re-tested (Otava re-tests the
//!   one after the gap and the one after that, leaving the one before it with stale sides);
//! * a `min_segment` bound: the search never makes a side shorter, and in the merge a point
//!   next to a shorter segment (possible where windows meet) is removed before any other;
//! * the t-test is Student's with unbiased variances (Otava passes `numpy.std`, ddof 0, to
//!   `ttest_ind_from_stats`), may run over raw samples, and in the merge is corrected for
//!   serial correlation ([`super::segments`]); values are outlier-clipped first
//!   ([`super::clean`]).
//!
//! Cost: O(n · window) time for the split when changes are few (each window O(window²), n·2 /
//! window windows), the merge O(k²) for k weak points plus O(n) for medians; memory O(n).

use std::collections::HashMap;

use super::energy::{best_split, Candidate, Scratch};
use super::segments::{median, Prefix};

/// Knobs of the algorithm, checked by [`super::DetectOptions::validate`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub window: usize,
    pub weak_alpha: f64,
    pub alpha: f64,
    pub min_magnitude: f64,
    pub min_segment: usize,
    pub use_samples: bool,
    pub serial: bool,
}

/// What one window of the split found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Window {
    pub start: usize,
    pub end: usize,
    /// Absolute indices, ascending.
    pub found: Vec<usize>,
}

/// A change point kept by the merge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Kept {
    pub index: usize,
    pub p_value: f64,
}

/// Buffers of the split, reused from window to window.
#[derive(Debug, Default, Clone)]
pub(crate) struct SplitScratch {
    energy: Scratch,
    bounds: Vec<usize>,
    cache: Vec<Option<Option<Candidate>>>,
}

/// E-Divisive inside `values[start..end)`: the weak change points, ascending.
fn in_window(
    values: &[f64],
    prefix: &Prefix,
    start: usize,
    end: usize,
    p: &Params,
    buffers: &mut SplitScratch,
) -> Vec<usize> {
    let SplitScratch {
        energy: scratch,
        bounds,
        cache,
    } = buffers;
    bounds.clear();
    bounds.extend([start, end]);
    cache.clear();
    cache.push(None);
    loop {
        let mut best: Option<(usize, Candidate)> = None;
        for i in 0..cache.len() {
            let c = *cache[i].get_or_insert_with(|| {
                best_split(&values[bounds[i]..bounds[i + 1]], p.min_segment, scratch)
            });
            if let Some(c) = c {
                if best.is_none_or(|(_, b)| c.qhat > b.qhat) {
                    best = Some((i, c));
                }
            }
        }
        let Some((i, c)) = best else { break };
        let at = bounds[i] + c.index;
        if prefix.t_test(bounds[i], at, bounds[i + 1], p.use_samples, false) > p.weak_alpha {
            break;
        }
        bounds.insert(i + 1, at);
        cache[i] = None;
        cache.insert(i + 1, None);
    }
    bounds[1..bounds.len() - 1].to_vec()
}

/// Continue the split from the window starting at `start` to the end of the series,
/// appending to `windows`.
pub(crate) fn split(
    values: &[f64],
    prefix: &Prefix,
    p: &Params,
    mut start: usize,
    windows: &mut Vec<Window>,
    scratch: &mut SplitScratch,
) {
    let n = values.len();
    let step = (p.window / 2).max(1);
    while start < n {
        let end = (start + p.window).min(n);
        let found = in_window(values, prefix, start, end, p, scratch);
        let last = found.last().copied().unwrap_or(0);
        windows.push(Window { start, end, found });
        start = last.max(start + step);
    }
}

/// Medians of segments, kept between calls: a segment of an immutable prefix never changes.
/// Only the entries used by the latest merge survive it, so the cache stays O(change points).
#[derive(Debug, Default, Clone)]
pub(crate) struct Medians {
    current: HashMap<(usize, usize), f64>,
    previous: HashMap<(usize, usize), f64>,
    scratch: Vec<f64>,
}

impl Medians {
    pub fn get(&mut self, values: &[f64], a: usize, b: usize) -> f64 {
        if let Some(&m) = self.current.get(&(a, b)) {
            return m;
        }
        let m = match self.previous.remove(&(a, b)) {
            Some(m) => m,
            None => median(&values[a..b], &mut self.scratch),
        };
        self.current.insert((a, b), m);
        m
    }

    /// Start a new generation.
    pub fn rotate(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// Relative distance of two levels, symmetric: `|a − b| / min(|a|, |b|)`.
pub(crate) fn magnitude(a: f64, b: f64) -> f64 {
    if a == b {
        return 0.0;
    }
    let d = (a - b).abs();
    let m = a.abs().min(b.abs());
    if m == 0.0 {
        f64::INFINITY
    } else {
        d / m
    }
}

struct Entry {
    index: usize,
    p_value: f64,
    short: bool,
    magnitude: Option<f64>,
}

/// The merge step over the sorted, distinct `weak` change points.
pub(crate) fn merge(
    weak: &[usize],
    values: &[f64],
    prefix: &Prefix,
    p: &Params,
    medians: &mut Medians,
) -> Vec<Kept> {
    let n = values.len();
    let mut cps: Vec<Entry> = weak
        .iter()
        .map(|&index| Entry {
            index,
            p_value: 1.0,
            short: false,
            magnitude: None,
        })
        .collect();
    let bounds = |cps: &[Entry], k: usize| {
        let prev = if k == 0 { 0 } else { cps[k - 1].index };
        let next = cps.get(k + 1).map_or(n, |e| e.index);
        (prev, next)
    };
    let retest = |cps: &mut Vec<Entry>, k: usize| {
        if k < cps.len() {
            let (a, c) = bounds(cps, k);
            let b = cps[k].index;
            let e = &mut cps[k];
            e.p_value = prefix.t_test(a, b, c, p.use_samples, p.serial);
            e.short = b - a < p.min_segment || c - b < p.min_segment;
            e.magnitude = None;
        }
    };
    for k in 0..cps.len() {
        retest(&mut cps, k);
    }
    while !cps.is_empty() {
        let mut weakest = 0;
        for k in 1..cps.len() {
            let (e, w) = (&cps[k], &cps[weakest]);
            if (e.short, e.p_value) > (w.short, w.p_value) {
                weakest = k;
            }
        }
        let w = &cps[weakest];
        if !w.short && w.p_value <= p.alpha {
            let mut smallest = f64::INFINITY;
            for k in 0..cps.len() {
                let m = match cps[k].magnitude {
                    Some(m) => m,
                    None => {
                        let (a, c) = bounds(&cps, k);
                        let b = cps[k].index;
                        let m = magnitude(medians.get(values, a, b), medians.get(values, b, c));
                        cps[k].magnitude = Some(m);
                        m
                    }
                };
                if m < smallest {
                    smallest = m;
                    weakest = k;
                }
            }
            if smallest > p.min_magnitude {
                break;
            }
        }
        cps.remove(weakest);
        if weakest > 0 {
            retest(&mut cps, weakest - 1);
        }
        retest(&mut cps, weakest);
    }
    cps.iter()
        .map(|e| Kept {
            index: e.index,
            p_value: e.p_value,
        })
        .collect()
}

/// The weak change points of all windows: sorted and distinct.
pub(crate) fn weak_points(windows: &[Window]) -> Vec<usize> {
    let mut all: Vec<usize> = windows
        .iter()
        .flat_map(|w| w.found.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changepoint::segments::tests::prefix;

    fn params() -> Params {
        Params {
            window: 50,
            weak_alpha: 0.01,
            alpha: 0.001,
            min_magnitude: 0.0,
            min_segment: 1,
            use_samples: true,
            serial: false,
        }
    }

    fn run(values: &[f64], p: &Params) -> Vec<Kept> {
        let prefix = prefix(values);
        let mut windows = Vec::new();
        split(
            values,
            &prefix,
            p,
            0,
            &mut windows,
            &mut SplitScratch::default(),
        );
        merge(
            &weak_points(&windows),
            values,
            &prefix,
            p,
            &mut Medians::default(),
        )
    }

    #[test]
    fn finds_two_steps_with_noise() {
        let mut rng = crate::stats::Rng::new(11);
        let values: Vec<f64> = (0..120)
            .map(|i| {
                let level = if i < 40 {
                    100.0
                } else if i < 90 {
                    120.0
                } else {
                    95.0
                };
                level + rng.normal()
            })
            .collect();
        let got: Vec<usize> = run(&values, &params()).iter().map(|k| k.index).collect();
        assert_eq!(got, [40, 90]);
    }

    #[test]
    fn windows_cover_the_series() {
        let values: Vec<f64> = (0..130).map(|i| (i % 7) as f64).collect();
        let prefix = prefix(&values);
        let mut windows = Vec::new();
        split(
            &values,
            &prefix,
            &params(),
            0,
            &mut windows,
            &mut SplitScratch::default(),
        );
        let starts: Vec<usize> = windows.iter().map(|w| w.start).collect();
        assert_eq!(starts, [0, 25, 50, 75, 100, 125]);
        assert_eq!(windows.last().map(|w| w.end), Some(130));
    }

    #[test]
    fn magnitude_removes_small_changes() {
        let values: Vec<f64> = (0..60)
            .map(|i| if i < 30 { 100.0 } else { 101.0 })
            .collect();
        assert_eq!(run(&values, &params()).len(), 1);
        let p = Params {
            min_magnitude: 0.02,
            ..params()
        };
        assert!(run(&values, &p).is_empty());
        assert_eq!(magnitude(100.0, 90.0), magnitude(90.0, 100.0));
        assert!((magnitude(100.0, 90.0) - 1.0 / 9.0).abs() < 1e-12);
        assert_eq!(magnitude(0.0, 1.0), f64::INFINITY);
    }
}
