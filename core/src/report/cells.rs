//! The text of each cell, shared by the terminal table and the Markdown comment so both say
//! the same thing: row order, labels, values in human units, change, interval, p-value, noise
//! floor and the summary line. Everything here is plain, unescaped text; each renderer escapes
//! it for its medium (see [`super::escape`]).

use crate::compare::{
    BenchmarkComparison, Comparison, SideStats, TestKind, Verdict, VerdictCounts,
};

use super::units::format_value;
use crate::text::p_text;
pub(super) use crate::text::{pct, threshold_text};

/// Shown where a row has no value (added/removed rows, untested pairs).
pub(super) const ABSENT: &str = "-";

/// Rows in report order: [`Verdict::rank`] first (what needs attention on top), then input
/// order (the sort is stable).
pub(super) fn ordered(c: &Comparison) -> Vec<&BenchmarkComparison> {
    let mut rows: Vec<&BenchmarkComparison> = c.benchmarks.iter().collect();
    rows.sort_by_key(|r| r.verdict.rank());
    rows
}

/// The benchmark's name, with its group when the name does not already start with it.
pub(super) fn name(row: &BenchmarkComparison) -> String {
    display_name(&row.name, row.group.as_deref(), None)
}

/// `name (group)` unless the name starts with the group, then ` [metric]` when a metric other
/// than `time` is given.
pub(super) fn display_name(name: &str, group: Option<&str>, metric: Option<&str>) -> String {
    let mut out = match group {
        Some(g) if !g.is_empty() && !name.starts_with(g) => format!("{name} ({g})"),
        _ => name.to_string(),
    };
    if let Some(m) = metric.filter(|m| *m != "time") {
        out.push_str(&format!(" [{m}]"));
    }
    out
}

/// [`name`], with ` [metric]` appended unless the metric is `time`.
pub(super) fn name_and_metric(row: &BenchmarkComparison) -> String {
    display_name(&row.name, row.group.as_deref(), Some(&row.metric))
}

/// The compared statistic of one side in human units.
pub(super) fn value(side: Option<&SideStats>, unit: &str) -> String {
    side.map_or_else(|| ABSENT.to_string(), |s| format_value(s.value, unit))
}

/// Relative change, `+12.4%`.
pub(super) fn change(row: &BenchmarkComparison) -> String {
    row.relative_change.map_or_else(|| ABSENT.to_string(), pct)
}

/// Confidence interval of the change, `[-1.2%, +3.4%]`.
pub(super) fn ci(row: &BenchmarkComparison) -> String {
    row.ci.map_or_else(
        || ABSENT.to_string(),
        |[lo, hi]| format!("[{}, {}]", pct(lo), pct(hi)),
    )
}

/// The adjusted p-value, `< 0.001` / `0.042`, or `exact` when both sides were constant.
pub(super) fn p(row: &BenchmarkComparison) -> String {
    if row.test == Some(TestKind::Deterministic) {
        return "exact".to_string();
    }
    row.p_adjusted.map_or_else(
        || ABSENT.to_string(),
        |p| {
            p_text(p)
                .trim_start_matches("p ")
                .trim_start_matches("= ")
                .to_string()
        },
    )
}

/// Smallest change the benchmark's noise lets the test detect, `±3.2%`.
pub(super) fn noise(row: &BenchmarkComparison) -> String {
    row.min_detectable_change.map_or_else(
        || ABSENT.to_string(),
        |m| format!("±{}", pct(m.abs()).trim_start_matches('+')),
    )
}

/// `threshold 10%`, noting per-benchmark overrides when there are any.
pub(super) fn threshold(c: &Comparison) -> String {
    let base = format!("threshold {}", threshold_text(c.options.threshold.0));
    match c.options.thresholds.len() {
        0 => base,
        1 => format!("{base}, 1 override"),
        n => format!("{base}, {n} overrides"),
    }
}

/// `1 regressed, 3 inconclusive, 2 unchanged (threshold 10%)`: non-zero counts in report
/// order.
pub(super) fn summary(c: &Comparison) -> String {
    format!("{} ({})", counts(&c.summary), threshold(c))
}

/// `1 regressed, 3 inconclusive, 2 unchanged`: non-zero counts in report order, or
/// `no benchmarks compared`.
pub(super) fn counts(s: &VerdictCounts) -> String {
    let counts = [
        (s.regressed, Verdict::Regressed),
        (s.inconclusive, Verdict::Inconclusive),
        (s.improved, Verdict::Improved),
        (s.removed, Verdict::Removed),
        (s.added, Verdict::Added),
        (s.unchanged, Verdict::Unchanged),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, v)| format!("{n} {}", v.name()))
        .collect();
    if parts.is_empty() {
        "no benchmarks compared".to_string()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, RunRef, UsedStatistic};
    use crate::model::Direction;

    fn row(name: &str, verdict: Verdict) -> BenchmarkComparison {
        BenchmarkComparison {
            name: name.into(),
            group: None,
            metric: "time".into(),
            unit: "ns".into(),
            direction: Direction::LowerIsBetter,
            verdict,
            statistic: Some(UsedStatistic::Median),
            test: Some(TestKind::MannWhitney),
            baseline: None,
            candidate: None,
            relative_change: Some(0.124),
            ci: Some([-0.012, 0.034]),
            p_value: Some(0.0004),
            p_adjusted: Some(0.042),
            threshold: 0.1,
            min_detectable_change: Some(0.032),
            best_change: None,
            reason: String::new(),
        }
    }

    fn comparison(rows: Vec<BenchmarkComparison>) -> Comparison {
        let side = RunRef {
            id: "x".into(),
            format: "test".into(),
            path: None,
            baseline: None,
            commit: None,
            branch: None,
            time: None,
        };
        let mut summary = VerdictCounts::default();
        for r in &rows {
            summary.total += 1;
            match r.verdict {
                Verdict::Regressed => summary.regressed += 1,
                Verdict::Unchanged => summary.unchanged += 1,
                Verdict::Inconclusive => summary.inconclusive += 1,
                _ => {}
            }
        }
        Comparison {
            version: 1,
            baseline: side.clone(),
            candidate: side,
            options: CompareOptions::default(),
            warnings: Vec::new(),
            benchmarks: rows,
            summary,
        }
    }

    #[test]
    fn rows_are_ordered_by_rank_then_input() {
        let c = comparison(vec![
            row("u1", Verdict::Unchanged),
            row("r1", Verdict::Regressed),
            row("i1", Verdict::Inconclusive),
            row("r2", Verdict::Regressed),
        ]);
        let names: Vec<&str> = ordered(&c).iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["r1", "r2", "i1", "u1"]);
    }

    #[test]
    fn numeric_cells() {
        let mut r = row("a", Verdict::Regressed);
        assert_eq!(change(&r), "+12.4%");
        assert_eq!(ci(&r), "[-1.2%, +3.4%]");
        assert_eq!(p(&r), "0.042");
        assert_eq!(noise(&r), "±3.2%");
        r.p_adjusted = Some(0.0001);
        assert_eq!(p(&r), "< 0.001");
        r.test = Some(TestKind::Deterministic);
        assert_eq!(p(&r), "exact");
        r.relative_change = None;
        r.ci = None;
        r.min_detectable_change = None;
        assert_eq!(
            (change(&r), ci(&r), noise(&r)),
            ("-".into(), "-".into(), "-".into())
        );
        assert_eq!(value(None, "ns"), "-");
    }

    #[test]
    fn names_carry_metric_and_group() {
        let mut r = row("fib/20", Verdict::Unchanged);
        assert_eq!(name_and_metric(&r), "fib/20");
        r.metric = "throughput".into();
        assert_eq!(name_and_metric(&r), "fib/20 [throughput]");
        r.group = Some("fib".into());
        assert_eq!(name(&r), "fib/20");
        r.group = Some("math".into());
        assert_eq!(name(&r), "fib/20 (math)");
    }

    #[test]
    fn summary_counts_non_zero_verdicts_in_order() {
        let c = comparison(vec![
            row("u1", Verdict::Unchanged),
            row("r1", Verdict::Regressed),
            row("i1", Verdict::Inconclusive),
            row("u2", Verdict::Unchanged),
        ]);
        assert_eq!(
            summary(&c),
            "1 regressed, 1 inconclusive, 2 unchanged (threshold 10%)"
        );
        assert_eq!(
            summary(&comparison(Vec::new())),
            "no benchmarks compared (threshold 10%)"
        );
        assert_eq!(threshold_text(0.025), "2.5%");
    }
}
