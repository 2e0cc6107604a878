//! Scoring change-point detectors on simulated histories: a detection within ±`TOLERANCE` runs
//! of a true change is a hit (each true change matches at most one detection, the nearest);
//! every other detection is a false alarm. Precision, recall, F1, false alarms per 1,000 runs,
//! and the detection delay: how many runs from the change on (the changed run counts 1) the
//! detector needed before a change within tolerance appeared in its result for the history so
//! far.
#![allow(dead_code)]

use benchcore::{detect_changepoints, DetectOptions, Detector, Series};

use super::simulate::History;

/// How far from a true change a detection may be.
pub const TOLERANCE: usize = 3;
/// Delays are searched up to this many runs after the change.
pub const MAX_DELAY: usize = 40;

/// A detector under test.
#[derive(Debug, Clone)]
pub enum Method {
    /// A benchcore method with its options.
    Benchcore(DetectOptions),
    /// Flag run i when x[i] / x[i − 1] is above `ratio` or below 1 / `ratio`.
    Naive(f64),
}

impl Method {
    pub fn detect(&self, series: &Series) -> Vec<usize> {
        match self {
            Method::Benchcore(o) => detect_changepoints(series, o)
                .unwrap_or_else(|e| panic!("{e}"))
                .iter()
                .map(|c| c.index)
                .collect(),
            Method::Naive(ratio) => {
                let v = series.values();
                (1..v.len())
                    .filter(|&i| {
                        let r = v[i] / v[i - 1];
                        r > *ratio || r < 1.0 / ratio
                    })
                    .collect()
            }
        }
    }

    /// Runs from `at` on needed to flag the change at `at`, or `None` within `MAX_DELAY` or
    /// before `until` (the next change).
    pub fn delay(&self, series: &Series, at: usize, until: usize) -> Option<usize> {
        let near = |cps: &[usize]| cps.iter().any(|&c| c.abs_diff(at) <= TOLERANCE);
        let last = until.min(at + MAX_DELAY).min(series.points.len());
        match self {
            Method::Naive(_) => {
                let flagged = self.detect(series);
                (at..last)
                    .find(|&t| {
                        flagged
                            .iter()
                            .any(|&c| c <= t && c.abs_diff(at) <= TOLERANCE)
                    })
                    .map(|t| t - at + 1)
            }
            Method::Benchcore(o) => {
                let head = Series {
                    points: series.points[..at].to_vec(),
                    ..series.clone()
                };
                let mut d = Detector::new(&head, o).unwrap_or_else(|e| panic!("{e}"));
                for t in at..last {
                    d.push(&series.points[t]).unwrap_or_else(|e| panic!("{e}"));
                    let cps: Vec<usize> = d.change_points().iter().map(|c| c.index).collect();
                    if near(&cps) {
                        return Some(t - at + 1);
                    }
                }
                None
            }
        }
    }
}

/// Counts over many histories.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub hits: usize,
    pub misses: usize,
    pub false_alarms: usize,
    pub points: usize,
    pub series: usize,
    pub delays: Vec<usize>,
}

impl Score {
    /// Score `found` against `history`.
    pub fn add(&mut self, history: &History, found: &[usize]) {
        let mut used = vec![false; found.len()];
        for &t in &history.changes {
            let best = found
                .iter()
                .enumerate()
                .filter(|(k, &f)| !used[*k] && f.abs_diff(t) <= TOLERANCE)
                .min_by_key(|(_, &f)| f.abs_diff(t));
            match best {
                Some((k, _)) => {
                    used[k] = true;
                    self.hits += 1;
                }
                None => self.misses += 1,
            }
        }
        self.false_alarms += used.iter().filter(|u| !**u).count();
        self.points += history.series.points.len();
        self.series += 1;
    }

    pub fn merge(&mut self, other: &Score) {
        self.hits += other.hits;
        self.misses += other.misses;
        self.false_alarms += other.false_alarms;
        self.points += other.points;
        self.series += other.series;
        self.delays.extend(&other.delays);
    }

    /// Precision; 1 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        let flagged = self.hits + self.false_alarms;
        if flagged == 0 {
            1.0
        } else {
            self.hits as f64 / flagged as f64
        }
    }

    /// Recall; 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        let truth = self.hits + self.misses;
        if truth == 0 {
            1.0
        } else {
            self.hits as f64 / truth as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// False alarms per 1,000 runs.
    pub fn false_alarm_rate(&self) -> f64 {
        if self.points == 0 {
            0.0
        } else {
            1000.0 * self.false_alarms as f64 / self.points as f64
        }
    }

    /// The `q` quantile of the delays (nearest rank), if any.
    pub fn delay_quantile(&self, q: f64) -> Option<usize> {
        let mut d = self.delays.clone();
        if d.is_empty() {
            return None;
        }
        d.sort_unstable();
        let k = ((q * d.len() as f64).ceil() as usize).clamp(1, d.len()) - 1;
        Some(d[k])
    }
}

/// Score `method` on `histories`; with `delays`, also measure the delay of every true change.
pub fn score(method: &Method, histories: &[History], delays: bool) -> Score {
    let mut s = Score::default();
    for h in histories {
        s.add(h, &method.detect(&h.series));
        if delays {
            for (k, &at) in h.changes.iter().enumerate() {
                let until = h.changes.get(k + 1).copied().unwrap_or(usize::MAX);
                if let Some(d) = method.delay(&h.series, at, until) {
                    s.delays.push(d);
                }
            }
        }
    }
    s
}
