//! `check(candidate, history, options, last_change) → CheckReport`: every benchmark and
//! metric of a candidate run judged against its own series in the history.
//!
//! For each measurement of the candidate: the (first) series with the same benchmark name and
//! metric is looked up (none: `added`, except under `static`, whose fixed limits need no history);
//! the baseline is selected (the last `window` points after the
//! change point `last_change(series)` returns, on `baseline_branch` or the candidate's branch,
//! leaving out a point of the candidate's own run); the configured window test judges the
//! candidate's typical value (or samples). Rows keep the candidate's order; the summary counts
//! rows per verdict.
//!
//! Multiplicity: a check runs one test per benchmark, so a suite of 200 benchmarks runs 200
//! tests. The default boundary (0.99999, one-sided) keeps the chance that an unchanged suite
//! of 200 raises any regression small; `core/tests/gate_simulation.rs` measures it.
//!
//! Pure: the caller reads the history and computes change points. Cost: O(Σ w log w) plus a
//! hash of the series names.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::judge::judge;
use super::options::{CheckOptions, GateTest};
use super::select::select;
use super::{validate_point, WindowResult};
use crate::compare::{RunRef, Verdict, VerdictCounts};
use crate::error::Result;
use crate::model::{Benchmark, Direction, Measurement, Run};
use crate::series::{Point, Series};

/// Version of the [`CheckReport`] JSON shape.
pub const CHECK_VERSION: u32 = 1;

/// One benchmark and metric of a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRow {
    /// Benchmark name.
    pub name: String,
    /// Group, if the tool gave one.
    pub group: Option<String>,
    /// Metric name.
    pub metric: String,
    /// Metric unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// The accepted change point the baseline starts at (index into the series), if any.
    pub last_change: Option<usize>,
    /// Index in the series of the oldest baseline point.
    pub baseline_first: Option<usize>,
    /// Index in the series of the newest baseline point.
    pub baseline_last: Option<usize>,
    /// The window test's outcome (its fields appear at this level in JSON).
    #[serde(flatten)]
    pub result: WindowResult,
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Shape version, [`CHECK_VERSION`].
    pub version: u32,
    /// The checked run.
    pub candidate: RunRef,
    /// The options in effect.
    pub options: CheckOptions,
    /// Things the reader should know.
    pub warnings: Vec<String>,
    /// One row per benchmark and metric of the candidate, in its order.
    pub benchmarks: Vec<CheckRow>,
    /// Rows per verdict (`removed` is always 0: a check looks at the candidate's benchmarks).
    pub summary: VerdictCounts,
}

impl CheckReport {
    /// Whether any row regressed.
    pub fn has_regressions(&self) -> bool {
        self.summary.regressed > 0
    }
}

fn row(bench: &Benchmark, m: &Measurement, test: GateTest) -> CheckRow {
    CheckRow {
        name: bench.name.clone(),
        group: bench.group.clone(),
        metric: m.metric.name.clone(),
        unit: m.metric.unit.clone(),
        direction: m.metric.direction,
        last_change: None,
        baseline_first: None,
        baseline_last: None,
        result: WindowResult {
            test,
            mode: None,
            n: 0,
            n_samples: None,
            baseline_center: None,
            baseline_spread: None,
            lower: None,
            upper: None,
            value: None,
            relative_change: None,
            verdict: Verdict::Inconclusive,
            reason: String::new(),
        },
    }
}

/// Judge every benchmark and metric of `candidate` against its series in `history`.
///
/// `last_change(series)` returns the index in `series.points` where the current level starts
/// (the last change point accepted as intended), or `None`; pass `|_| None` for a plain window
/// gate. It is called once per series that matches a candidate measurement.
///
/// Errors: invalid options; a non-finite value in the history or the candidate
/// (`invalid-input` naming the series and point); a change point beyond the end of its series.
pub fn check(
    candidate: &Run,
    history: &[Series],
    options: &CheckOptions,
    last_change: impl Fn(&Series) -> Option<usize>,
) -> Result<CheckReport> {
    options.validate()?;
    let mut index: HashMap<(&str, &str), &Series> = HashMap::new();
    for s in history {
        s.validate()?;
        index
            .entry((s.name.as_str(), s.metric.as_str()))
            .or_insert(s);
    }
    let branch = options
        .baseline_branch
        .as_deref()
        .or(candidate.branch.as_deref());
    let exclude = Some(candidate.id.as_str()).filter(|id| !id.is_empty());
    let mut rows = Vec::new();
    let mut matched = 0usize;
    for bench in &candidate.benchmarks {
        for m in &bench.measurements {
            let mut r = row(bench, m, options.test);
            let Some(point) = Point::from_measurement(candidate, m) else {
                r.result.reason = "the candidate has no usable value for this metric".into();
                rows.push(r);
                continue;
            };
            validate_point(
                &point,
                &format!("candidate.{}.{}", bench.name, m.metric.name),
            )?;
            let found = index.get(&(bench.name.as_str(), m.metric.name.as_str()));
            let Some(series) = found else {
                if options.test == GateTest::Static {
                    // Fixed limits need no history: judge the value alone.
                    let sel = select(&[], None, None, None, options.window, "history")?;
                    r.result = judge(&sel, &point, m.metric.direction, &m.metric.unit, options);
                    r.result
                        .reason
                        .push_str(" (no history for this benchmark and metric)");
                    rows.push(r);
                    continue;
                }
                r.result.verdict = Verdict::Added;
                r.result.value = Some(point.value);
                r.result.reason = "no history for this benchmark and metric".into();
                rows.push(r);
                continue;
            };
            matched += 1;
            let lc = last_change(series);
            let field = format!("last_change({}/{})", series.name, series.metric);
            let sel = select(&series.points, lc, branch, exclude, options.window, &field)?;
            r.last_change = lc;
            r.baseline_first = sel.indices.first().copied();
            r.baseline_last = sel.indices.last().copied();
            r.result = judge(&sel, &point, m.metric.direction, &m.metric.unit, options);
            rows.push(r);
        }
    }
    let mut summary = VerdictCounts::default();
    for r in &rows {
        summary.add(r.result.verdict);
    }
    let mut warnings = Vec::new();
    if matched == 0 && !rows.is_empty() {
        warnings.push(format!(
            "no series in the history ({} series) matches a benchmark of the candidate: every benchmark is new",
            history.len()
        ));
    }
    Ok(CheckReport {
        version: CHECK_VERSION,
        candidate: RunRef::of(candidate),
        options: options.clone(),
        warnings,
        benchmarks: rows,
        summary,
    })
}
