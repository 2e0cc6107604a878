//! `backtest(series, options, last_change_for_prefix) → alarms`: the gate replayed over past
//! history. Point i is judged exactly as [`crate::check`] would have judged it when it was
//! new: against a baseline chosen among points 0..i only, after the last change point that
//! `last_change_for_prefix(&points[..i])` reports (a detector run on that prefix, or a fixed
//! list of accepted change points; `|_| None` replays the plain window gate). Points whose
//! baseline is too short are skipped silently; every `regressed` or `improved` verdict is an
//! [`Alarm`]. Users see what the gate would have flagged and tune window, test and boundary
//! before turning it on.
//!
//! The baseline branch is `baseline_branch`, else the tested point's own branch (points that
//! recorded none are kept). Cost: O(n·w log w) for n points and windows of w values, plus n
//! calls of the change-point function.

use serde::{Deserialize, Serialize};

use super::judge::judge;
use super::options::BacktestOptions;
use super::select::select;
use super::WindowResult;
use crate::compare::Verdict;
use crate::error::Result;
use crate::series::{Point, Series};

/// Which way an alarm points, in the metric's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlarmDirection {
    /// Worse than the baseline explains.
    Regression,
    /// Better than the baseline explains.
    Improvement,
}

/// A point the gate would have flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    /// Index of the point in the series.
    pub index: usize,
    /// Regression or improvement.
    pub direction: AlarmDirection,
    /// The point's commit, if recorded.
    pub commit: Option<String>,
    /// The change point its baseline started at, if any.
    pub last_change: Option<usize>,
    /// Index of the oldest baseline point.
    pub baseline_first: Option<usize>,
    /// The window test's outcome.
    #[serde(flatten)]
    pub result: WindowResult,
}

/// Replay the gate over `series`, each point against the points before it.
///
/// Errors: invalid options; a non-finite value or sample in the series (`invalid-input`
/// naming the point); a change point beyond the end of its prefix.
pub fn backtest(
    series: &Series,
    options: &BacktestOptions,
    last_change_for_prefix: impl Fn(&[Point]) -> Option<usize>,
) -> Result<Vec<Alarm>> {
    options.validate()?;
    series.validate()?;
    let mut alarms = Vec::new();
    for (i, point) in series.points.iter().enumerate() {
        let prefix = &series.points[..i];
        let lc = last_change_for_prefix(prefix);
        let branch = options
            .baseline_branch
            .as_deref()
            .or(point.branch.as_deref());
        let field = format!("last_change(points[..{i}])");
        let sel = select(prefix, lc, branch, None, options.window, &field)?;
        let result = judge(&sel, point, series.direction, &series.unit, options);
        let direction = match result.verdict {
            Verdict::Regressed => AlarmDirection::Regression,
            Verdict::Improved => AlarmDirection::Improvement,
            _ => continue,
        };
        alarms.push(Alarm {
            index: i,
            direction,
            commit: point.commit.clone(),
            last_change: lc,
            baseline_first: sel.indices.first().copied(),
            result,
        });
    }
    Ok(alarms)
}
