//! One window test end to end: pick values or samples, build the baseline data, run the
//! configured test, and turn the bounds into a verdict with a reason in plain words.
//!
//! The verdict respects the metric's direction: a value above the upper bound is `regressed`
//! for lower-is-better metrics (time, memory) and `improved` for higher-is-better ones
//! (throughput); below the lower bound the other way round. Too few baseline points, a
//! candidate without samples in samples mode, or a test that cannot build bounds give
//! `inconclusive` with the reason.

use super::data::Data;
use super::options::{CheckOptions, GateMode, GateTest};
use super::select::Selection;
use super::{delta_iqr, fixed, iqr, percentage, t_test, z_score, Bounds, WindowResult};
use crate::compare::Verdict;
use crate::model::Direction;
use crate::report::format_value;
use crate::series::Point;
use crate::stats::quantile_select;
use crate::text::pct;

/// `auto` resolved: values. Values are the better calibrated input (a run's typical value
/// varies from run to run by exactly what the window's values show), and samples mode is
/// conservative by construction; see the module docs of `gate` and the simulation.
pub(crate) fn resolve_mode(mode: GateMode) -> GateMode {
    match mode {
        GateMode::Auto | GateMode::Values => GateMode::Values,
        GateMode::Samples => GateMode::Samples,
    }
}

fn median(samples: &[f64]) -> f64 {
    let mut v = samples.to_vec();
    quantile_select(&mut v, 0.5)
}

fn inconclusive(base: WindowResult, reason: String) -> WindowResult {
    WindowResult {
        verdict: Verdict::Inconclusive,
        reason,
        ..base
    }
}

/// Judge `candidate` against the selected window. Every value and sample must be finite
/// (callers validate once).
pub(crate) fn judge(
    sel: &Selection<'_>,
    candidate: &Point,
    direction: Direction,
    unit: &str,
    options: &CheckOptions,
) -> WindowResult {
    let mode = resolve_mode(options.mode);
    let context = sel.context();
    let mut base = WindowResult {
        test: options.test,
        mode: Some(mode),
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
    };
    let (value, data) = match mode {
        GateMode::Samples => {
            if candidate.samples.is_empty() {
                return inconclusive(
                    base,
                    "samples mode: the candidate has no raw samples".to_string(),
                );
            }
            let with: Vec<&&Point> = sel
                .points
                .iter()
                .filter(|p| !p.samples.is_empty())
                .collect();
            base.n = with.len();
            let pooled: Vec<f64> = with
                .iter()
                .flat_map(|p| p.samples.iter().copied())
                .collect();
            base.n_samples = Some(pooled.len());
            (median(&candidate.samples), Data::new(pooled))
        }
        _ => {
            base.n = sel.points.len();
            (
                candidate.value,
                Data::new(sel.points.iter().map(|p| p.value).collect()),
            )
        }
    };
    base.value = Some(value);
    if let Some(d) = &data {
        base.baseline_center = Some(d.center(options.estimator));
        base.baseline_spread = d.spread(options.estimator);
    }
    let runs = |n: usize| {
        if n == 1 {
            "1 run".to_string()
        } else {
            format!("{n} runs")
        }
    };
    let with_samples = if mode == GateMode::Samples {
        " with raw samples"
    } else {
        ""
    };

    let bounds = if options.test == GateTest::Static {
        fixed::bounds(data.as_ref(), options)
    } else {
        let Some(d) = data.as_ref().filter(|_| base.n >= options.min_sample_size) else {
            let reason = if base.n == 0 {
                format!("no baseline runs{with_samples}{context}")
            } else {
                format!(
                    "only {}{with_samples}{context} in the baseline; at least {} are needed",
                    runs(base.n),
                    options.min_sample_size
                )
            };
            return inconclusive(base, reason);
        };
        let outcome = match options.test {
            GateTest::Percentage => Ok(percentage::bounds(d, options)),
            GateTest::ZScore => z_score::bounds(d, options),
            GateTest::TTest => t_test::bounds(d, options),
            GateTest::Iqr => iqr::bounds(d, options),
            GateTest::DeltaIqr => delta_iqr::bounds(d, options),
            GateTest::Static => Ok(fixed::bounds(Some(d), options)),
        };
        match outcome {
            Ok(b) => b,
            Err(reason) => return inconclusive(base, reason),
        }
    };
    decide(base, value, bounds, direction, unit, options, &context)
}

/// The verdict and reason of `value` against the bounds `b`.
fn decide(
    mut base: WindowResult,
    value: f64,
    b: Bounds,
    direction: Direction,
    unit: &str,
    options: &CheckOptions,
    context: &str,
) -> WindowResult {
    let fmt = |v: f64| format_value(v, unit);
    base.lower = b.lower;
    base.upper = b.upper;
    if b.center.is_some() {
        base.baseline_center = b.center;
    }
    base.relative_change = b.center.filter(|c| *c != 0.0).map(|c| value / c - 1.0);

    let subject = if base.n_samples.is_some() {
        format!("the candidate's median {}", fmt(value))
    } else {
        fmt(value)
    };
    let center_name = match options.test {
        GateTest::Iqr | GateTest::DeltaIqr => "median",
        _ => match options.estimator {
            super::Estimator::Robust => "median",
            super::Estimator::Classic => "mean",
        },
    };
    let baseline = match (b.center, base.n_samples) {
        (Some(c), Some(ns)) => format!(
            "the baseline {center_name} {} of {ns} samples from {} runs{context}",
            fmt(c),
            base.n
        ),
        (Some(c), None) => format!(
            "the baseline {center_name} {} of {} run{}{context}",
            fmt(c),
            base.n,
            if base.n == 1 { "" } else { "s" }
        ),
        (None, _) => String::new(),
    };
    let vs = match (base.relative_change, baseline.is_empty()) {
        (Some(r), false) => format!(", {} vs {baseline}", pct(r)),
        (None, false) => format!(" ({baseline})"),
        _ => String::new(),
    };
    let how = format!(" [{}]", b.how);

    let above = b.upper.filter(|u| value > *u);
    let below = b.lower.filter(|l| value < *l);
    let (worse, beyond) = match (above, below) {
        (Some(u), _) => (
            direction == Direction::LowerIsBetter,
            format!("{subject} is above the upper bound {}", fmt(u)),
        ),
        (None, Some(l)) => (
            direction == Direction::HigherIsBetter,
            format!("{subject} is below the lower bound {}", fmt(l)),
        ),
        (None, None) => {
            let within = match (b.lower, b.upper) {
                (Some(l), Some(u)) => format!("{subject} is within [{}, {}]", fmt(l), fmt(u)),
                (Some(l), None) => format!("{subject} is not below the lower bound {}", fmt(l)),
                (None, Some(u)) => format!("{subject} is not above the upper bound {}", fmt(u)),
                (None, None) => format!("{subject} has no bound to cross"),
            };
            base.verdict = Verdict::Unchanged;
            base.reason = format!("{within}{vs}{how}");
            return base;
        }
    };
    if let Some(r) = base.relative_change {
        if options.min_change > 0.0 && r.abs() < options.min_change {
            base.verdict = Verdict::Unchanged;
            base.reason = format!(
                "{beyond}, but {} vs {baseline} is less than min_change {}{how}",
                pct(r),
                crate::text::threshold_text(options.min_change)
            );
            return base;
        }
    }
    base.verdict = if worse {
        Verdict::Regressed
    } else {
        Verdict::Improved
    };
    base.reason = format!("{beyond}{vs}{how}");
    base
}
