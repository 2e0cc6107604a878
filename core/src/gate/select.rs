//! Choosing the baseline: the most recent `window` points of the series that come after the
//! last accepted change point, on the baseline branch, excluding the candidate's own run.
//!
//! * `last_change` is an index into the series: the point where the current level starts (a
//!   change point that was accepted as intended, e.g. by `benchcore detect`). Points before it
//!   describe an old level and never enter the baseline, so an intended change re-baselines
//!   itself instead of alarming on every later run. `None` = no accepted change: the window
//!   reaches back to the start of the series.
//! * Branch: `baseline_branch`, else the candidate's own branch. Points that recorded no
//!   branch are kept (histories from `--series` files have none).
//!
//! Cost: O(len) in the worst case (a scan from the end until the window is full).

use crate::error::{Error, Result};
use crate::series::Point;

/// The chosen points, oldest first, with where they came from.
#[derive(Debug, Clone)]
pub(crate) struct Selection<'a> {
    /// The baseline points, oldest first.
    pub points: Vec<&'a Point>,
    /// Their indices in the series.
    pub indices: Vec<usize>,
    /// The accepted change point the window starts after, if any.
    pub last_change: Option<usize>,
    /// The branch filter, if any.
    pub branch: Option<String>,
}

impl Selection<'_> {
    /// ` since the change point at index 12 on branch main`, or an empty string.
    pub fn context(&self) -> String {
        let mut out = String::new();
        if let Some(c) = self.last_change {
            out.push_str(&format!(" since the change point at index {c}"));
        }
        if let Some(b) = &self.branch {
            out.push_str(&format!(" on branch {b}"));
        }
        out
    }
}

/// The baseline among `points` (a whole series, or the prefix before the tested point).
/// `last_change` beyond the end is an error naming `field`.
pub(crate) fn select<'a>(
    points: &'a [Point],
    last_change: Option<usize>,
    branch: Option<&str>,
    exclude_run: Option<&str>,
    window: usize,
    field: &str,
) -> Result<Selection<'a>> {
    let start = last_change.unwrap_or(0);
    if start > points.len() {
        return Err(Error::input(
            field,
            format!(
                "the change point index {start} is beyond the {} points before the candidate",
                points.len()
            ),
        ));
    }
    let mut chosen: Vec<(usize, &Point)> = points[start..]
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (start + i, p))
        .filter(|(_, p)| match (branch, p.branch.as_deref()) {
            (Some(want), Some(got)) => want == got,
            _ => true,
        })
        .filter(|(_, p)| exclude_run.is_none() || p.run_id.as_deref() != exclude_run)
        .take(window)
        .collect();
    chosen.reverse();
    Ok(Selection {
        indices: chosen.iter().map(|(i, _)| *i).collect(),
        points: chosen.into_iter().map(|(_, p)| p).collect(),
        last_change,
        branch: branch.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(v: f64, branch: Option<&str>, run: &str) -> Point {
        Point {
            branch: branch.map(str::to_string),
            run_id: Some(run.to_string()),
            ..Point::value(v)
        }
    }

    #[test]
    fn window_after_the_change_point_on_the_branch() {
        let pts = vec![
            pt(1.0, Some("main"), "a"),
            pt(2.0, Some("main"), "b"),
            pt(3.0, Some("feat"), "c"),
            pt(4.0, None, "d"),
            pt(5.0, Some("main"), "e"),
            pt(6.0, Some("main"), "f"),
        ];
        let s = select(&pts, Some(1), Some("main"), Some("f"), 3, "x").unwrap();
        assert_eq!(s.indices, [1, 3, 4]);
        assert_eq!(
            s.context(),
            " since the change point at index 1 on branch main"
        );
        let s = select(&pts, None, None, None, 2, "x").unwrap();
        assert_eq!(s.indices, [4, 5]);
        assert_eq!(s.context(), "");
        let s = select(&pts, Some(6), None, None, 2, "x").unwrap();
        assert!(s.points.is_empty());
        let e = select(&pts, Some(7), None, None, 2, "last_change").unwrap_err();
        assert_eq!(e.code(), "invalid-input");
        assert!(e.to_string().contains("index 7"), "{e}");
    }
}
