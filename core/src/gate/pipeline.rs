//! The gate as every surface calls it: change points given as data, or found by detection.
//!
//! [`super::check`] and [`super::backtest`] take the last accepted change point from a
//! function, which keeps them pure and testable. Surfaces (CLI, Python, WASM, Node) cannot pass
//! Rust closures, so they call these instead: with a list of change points, the gate uses
//! exactly those (an empty list: the plain window gate); without one, the change points are
//! found by [`crate::detect_changepoints`] with the options in [`CheckOptions::detect`] when
//! [`CheckOptions::rebaseline`] is on, so an intended change re-baselines itself. Backtests use
//! the incremental [`crate::Detector`]: point k is judged with the change points detected in
//! points 0..k only.
//!
//! Cost: one detection per series (check), or one incremental detector per series (backtest),
//! on top of the gate's own cost.

use serde::{Deserialize, Serialize};

use super::{backtest, check, Alarm, CheckOptions, CheckReport};
use crate::changepoint::{detect_changepoints, Detector};
use crate::error::Result;
use crate::model::Run;
use crate::series::{Point, Series};

/// A change point given as data: the series (benchmark name and metric) and the index of its
/// first point at the new level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePointRef {
    /// Benchmark name.
    pub name: String,
    /// Metric name (default `time`).
    #[serde(default = "default_metric")]
    pub metric: String,
    /// Index into the series.
    pub index: usize,
}

fn default_metric() -> String {
    "time".to_string()
}

/// [`check`] with change points as data (`Some`, used as given) or detected (`None`).
pub fn check_with(
    candidate: &Run,
    history: &[Series],
    options: &CheckOptions,
    change_points: Option<&[ChangePointRef]>,
) -> Result<CheckReport> {
    options.validate()?;
    match change_points {
        Some(given) => check(candidate, history, options, |s| {
            given
                .iter()
                .filter(|c| c.name == s.name && c.metric == s.metric)
                .map(|c| c.index)
                .max()
        }),
        None if options.rebaseline => {
            let mut last = Vec::with_capacity(history.len());
            for s in history {
                let cps = if s.points.len() < 2 {
                    Vec::new()
                } else {
                    detect_changepoints(s, &options.detect)?
                };
                last.push(cps.iter().map(|c| c.index).max());
            }
            // By address: the closure gets one of `history`'s series (a scan per call was
            // O(series²)).
            let position: std::collections::HashMap<*const Series, usize> = history
                .iter()
                .enumerate()
                .map(|(i, h)| (h as *const Series, i))
                .collect();
            check(candidate, history, options, |s| {
                position.get(&(s as *const Series)).and_then(|&i| last[i])
            })
        }
        None => check(candidate, history, options, |_| None),
    }
}

/// [`backtest`] with change points as data (`Some`: indices; a prefix of length k sees the
/// largest one below k) or detected incrementally from each prefix (`None`).
pub fn backtest_with(
    series: &Series,
    options: &CheckOptions,
    change_points: Option<&[usize]>,
) -> Result<Vec<Alarm>> {
    options.validate()?;
    match change_points {
        Some(given) => backtest(series, options, |prefix: &[Point]| {
            given.iter().copied().filter(|&i| i < prefix.len()).max()
        }),
        None if options.rebaseline => {
            // The detector sees points 0..k when point k is judged, never point k itself.
            let mut empty = series.clone();
            empty.points.clear();
            let mut detector = Detector::new(&empty, &options.detect)?;
            let mut last: Vec<Option<usize>> = Vec::with_capacity(series.points.len());
            for p in &series.points {
                let lc = if detector.len() < 2 {
                    None
                } else {
                    detector.change_points().iter().map(|c| c.index).max()
                };
                last.push(lc);
                detector.push(p)?;
            }
            backtest(series, options, |prefix: &[Point]| {
                last.get(prefix.len()).copied().flatten()
            })
        }
        None => backtest(series, options, |_| None),
    }
}
