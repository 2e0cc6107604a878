//! The text of each cell of a [`CheckReport`], shared by its terminal table and its Markdown
//! comment: row order, names, baseline, bounds, change, runs, and the line that says which gate
//! ran. Plain, unescaped text; each renderer escapes it for its medium (see
//! [`super::escape`]). Names and counts reuse [`super::cells`].

use super::cells::{self, pct, ABSENT};
use super::units::format_value;
use crate::gate::{CheckOptions, CheckReport, CheckRow, GateMode, GateTest};

/// Rows in report order: [`crate::Verdict::rank`], then the candidate's order.
pub(super) fn ordered(r: &CheckReport) -> Vec<&CheckRow> {
    let mut rows: Vec<&CheckRow> = r.benchmarks.iter().collect();
    rows.sort_by_key(|row| row.result.verdict.rank());
    rows
}

/// `name (group) [metric]`.
pub(super) fn name_and_metric(row: &CheckRow) -> String {
    cells::display_name(&row.name, row.group.as_deref(), Some(&row.metric))
}

/// `name (group)`.
pub(super) fn name(row: &CheckRow) -> String {
    cells::display_name(&row.name, row.group.as_deref(), None)
}

fn value(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| ABSENT.to_string(), |v| format_value(v, unit))
}

/// The baseline centre in human units.
pub(super) fn baseline(row: &CheckRow) -> String {
    value(row.result.baseline_center, &row.unit)
}

/// The tested value in human units.
pub(super) fn candidate(row: &CheckRow) -> String {
    value(row.result.value, &row.unit)
}

/// `[90 ns, 110 ns]`, `≤ 110 ns`, `≥ 90 ns` or `-`.
pub(super) fn bounds(row: &CheckRow) -> String {
    let f = |v: f64| format_value(v, &row.unit);
    match (row.result.lower, row.result.upper) {
        (Some(l), Some(u)) => format!("[{}, {}]", f(l), f(u)),
        (None, Some(u)) => format!("≤ {}", f(u)),
        (Some(l), None) => format!("≥ {}", f(l)),
        (None, None) => ABSENT.to_string(),
    }
}

/// Relative change from the baseline centre, `+12.4%`.
pub(super) fn change(row: &CheckRow) -> String {
    row.result
        .relative_change
        .map_or_else(|| ABSENT.to_string(), pct)
}

/// Baseline runs, `30`, or `-` when nothing was tested.
pub(super) fn runs(row: &CheckRow) -> String {
    if row.result.mode.is_none() {
        ABSENT.to_string()
    } else {
        row.result.n.to_string()
    }
}

/// `t-test on values, boundary 0.99999, window 30, robust baseline`.
pub(super) fn gate(o: &CheckOptions) -> String {
    let mode = match crate::gate::resolve_mode(o.mode) {
        GateMode::Samples => "samples",
        _ => "values",
    };
    let est = match o.estimator {
        crate::gate::Estimator::Robust => "robust",
        crate::gate::Estimator::Classic => "classic",
    };
    let mut out = match o.test {
        GateTest::Static => {
            let limit = |v: Option<f64>| v.map_or_else(|| "none".to_string(), |v| v.to_string());
            format!(
                "static limits (lower {}, upper {}) on {mode}",
                limit(o.lower_limit),
                limit(o.upper_limit)
            )
        }
        GateTest::ZScore if o.z_limit.is_some() => format!(
            "z-score on {mode}, limit {} spreads",
            o.z_limit.unwrap_or_default()
        ),
        t => format!(
            "{} on {mode}, boundary {}",
            t.name(),
            o.effective_boundary()
        ),
    };
    if o.test != GateTest::Static {
        out.push_str(&format!(", window {}, {est} baseline", o.window));
    }
    if let Some(b) = &o.baseline_branch {
        out.push_str(&format!(", baseline branch {b}"));
    }
    if o.min_change > 0.0 {
        out.push_str(&format!(
            ", min change {}",
            cells::threshold_text(o.min_change)
        ));
    }
    out
}

/// `1 regressed, 2 unchanged (t-test on values, boundary 0.99999, …)`.
pub(super) fn summary(r: &CheckReport) -> String {
    let head = if r.benchmarks.is_empty() {
        "no benchmarks checked".to_string()
    } else {
        cells::counts(&r.summary)
    };
    format!("{head} ({})", gate(&r.options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_line_names_test_mode_and_options() {
        assert_eq!(
            gate(&CheckOptions::default()),
            "t-test on values, boundary 0.99999, window 30, robust baseline"
        );
        let o = CheckOptions {
            test: GateTest::Static,
            upper_limit: Some(5.0),
            baseline_branch: Some("main".into()),
            ..CheckOptions::default()
        };
        assert_eq!(
            gate(&o),
            "static limits (lower none, upper 5) on values, baseline branch main"
        );
        let o = CheckOptions {
            test: GateTest::ZScore,
            z_limit: Some(3.5),
            mode: GateMode::Samples,
            min_change: 0.02,
            ..CheckOptions::default()
        };
        assert_eq!(
            gate(&o),
            "z-score on samples, limit 3.5 spreads, window 30, robust baseline, min change 2%"
        );
    }
}
