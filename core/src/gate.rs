//! The history gate: judge a new run against a robust baseline made of many past runs, not
//! just the previous one, and replay that gate over past history to tune it.
//!
//! ```text
//! history ─▶ Series ─select─▶ baseline window ─window test─▶ bounds ─▶ verdict + reason
//!                     (last N points since the last accepted change point, on a branch)
//! ```
//!
//! * **Window tests** (one file each, named after Bencher's threshold tests,
//!   <https://bencher.dev/docs/explanation/thresholds/>): `static` (`gate/fixed.rs`),
//!   `percentage`, `z-score`, `t-test`, `iqr` (Tukey's fences) and `delta-iqr`. Each builds a
//!   lower and an upper bound from the window; the candidate beyond a bound is `regressed` or
//!   `improved` according to the metric's [`crate::Direction`]. Each file documents its
//!   formula, where it differs from Bencher, and what it does in samples mode.
//! * **Baseline** (`gate/data.rs`, `gate/select.rs`): the last `window` points (default 30)
//!   after the last accepted change point, on the baseline branch; centre = median, spread =
//!   1.4826·MAD by default ([`Estimator::Robust`]), so a single wild run does not open the
//!   gate. Fewer than `min_sample_size` points (default 5) give `inconclusive`.
//! * **Values or samples** ([`GateMode`]). Values mode tests each run's typical value (median
//!   of its samples); samples mode pools the raw samples of the window's runs and compares the
//!   candidate's median with bounds built from the pooled distribution. Pooled bounds describe
//!   one *sample* (within-run plus between-run noise), while the candidate's median varies
//!   only by between-run noise plus a fraction of the within-run noise, so samples mode is
//!   conservative: fewer false alarms, less power. `auto` (default) uses values, which are
//!   calibrated (the window's values vary exactly the way the candidate's value does); the
//!   seeded simulation in `core/tests/gate_simulation.rs` measures both.
//! * **Defaults** (`t-test`, robust, boundary 0.99999, window 30, at least 5 runs) were chosen
//!   for suites of hundreds of benchmarks with the seeded simulation in
//!   `core/tests/gate_simulation.rs` (run-to-run noise with heavy, Student-t(5) tails and a CV
//!   of 0.5–3%, 20 samples per run with 1–10% noise and contention; 30 runs of history).
//!   Measured with `cargo test -p benchcore --test gate_simulation -- --ignored --nocapture`
//!   over 100 unchanged suites of 200 benchmarks and 20 suites 20% slower:
//!
//!   | gate | false regressions per benchmark | unchanged suites with an alarm | 20% step caught |
//!   | --- | ---: | ---: | ---: |
//!   | t-test values (default) | 0.015% | 3% | 85.3% |
//!   | t-test samples | 0.005% | 1% | 57.9% |
//!   | t-test values, classic estimator | 0.030% | 6% | 96.3% |
//!   | t-test values, boundary 0.9999 | 0.060% | 12% | 95.3% |
//!   | z-score values | 0.350% | 48% | 99.2% |
//!   | percentage 10% values | 0.110% | 19% | 99.9% |
//!   | iqr values (k = 4.5) | 0.030% | 6% | 90.7% |
//!   | delta-iqr values (k = 6) | 0.020% | 4% | 86.2% |
//!
//!   The default's bound at 30 runs is ±7.42 robust spreads, so it misses steps in the noisiest
//!   series: every missed step was in a series whose run-to-run spread (1.4826·MAD) was at
//!   least 1.8% of its median (median 3.0% among the misses, 1.6% over all series). The classic estimator has more power on this clean noise
//!   but one wild run in the window widens its bounds for the whole window
//!   (`core/tests/gate_check.rs` shows a 3× spike hiding a 20% regression from it, not from the
//!   robust one). Short windows (a fresh change point) give wide bounds by design: the
//!   t-quantile pays for what ten runs cannot know.
//! * [`check`]: every benchmark and metric of a candidate run against its series.
//! * [`backtest`]: the gate replayed point by point over one series, each point against only
//!   the points before it.
//!
//! [`check`] and [`backtest`] take the last accepted change point from the caller (an index
//! into the series, per series or prefix); [`check_with`] and [`backtest_with`] take change
//! points as data or find them by detection (`gate/pipeline.rs`), which is what every surface
//! calls. Everything is pure: no IO, no
//! clock, no randomness.
//!
//! Cost: O(w log w) per judged point for a window of w values (pooled samples in samples
//! mode); a backtest of n points costs O(n·w log w) plus the caller's change-point function.

mod backtest;
mod check;
mod data;
mod delta_iqr;
mod fixed;
mod iqr;
mod judge;
mod options;
mod percentage;
mod pipeline;
mod select;
mod t_test;
mod z_score;

use serde::{Deserialize, Serialize};

pub use backtest::{backtest, Alarm, AlarmDirection};
pub use check::{check, CheckReport, CheckRow, CHECK_VERSION};
pub use options::{BacktestOptions, CheckOptions, Estimator, GateMode, GateTest};
pub use pipeline::{backtest_with, check_with, ChangePointRef};

pub(crate) use judge::resolve_mode;

use crate::compare::Verdict;
use crate::error::{Error, Result};
use crate::series::{Point, Series};

/// The outcome of one window test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowResult {
    /// The test that ran.
    pub test: GateTest,
    /// What it looked at: `values` or `samples` (`null` when nothing was tested).
    pub mode: Option<GateMode>,
    /// Baseline runs in the window (in samples mode: those with raw samples).
    pub n: usize,
    /// Pooled baseline samples (samples mode only).
    pub n_samples: Option<usize>,
    /// The centre the bounds were built around (median by default, the mean with the
    /// classic estimator; the median for `iqr` and `delta-iqr`).
    pub baseline_center: Option<f64>,
    /// The baseline's spread as an estimate of σ (1.4826·MAD by default, the standard
    /// deviation with the classic estimator), in the metric's unit.
    pub baseline_spread: Option<f64>,
    /// Lower bound: beyond it the value is lower than the baseline explains.
    pub lower: Option<f64>,
    /// Upper bound: beyond it the value is higher than the baseline explains.
    pub upper: Option<f64>,
    /// The tested value: the candidate's typical value, or the median of its samples.
    pub value: Option<f64>,
    /// value / baseline_center − 1 (absent when the centre is 0 or unknown).
    pub relative_change: Option<f64>,
    /// `regressed`, `improved`, `unchanged` or `inconclusive` (`added` in a check row without
    /// history).
    pub verdict: Verdict,
    /// The verdict in plain words.
    pub reason: String,
}

/// The bounds one test built, with the centre it used and how, for the reason.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bounds {
    center: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    how: String,
}

/// Bounds, or why none could be built (an `inconclusive` reason).
type TestOutcome = std::result::Result<Bounds, String>;

/// Every value and sample of a point must be finite.
pub(crate) fn validate_point(p: &Point, field: &str) -> Result<()> {
    if !p.value.is_finite() {
        return Err(Error::input(
            format!("{field}.value"),
            format!("{} is not a finite number", p.value),
        ));
    }
    if let Some(k) = p.samples.iter().position(|v| !v.is_finite()) {
        return Err(Error::input(
            format!("{field}.samples[{k}]"),
            "not a finite number",
        ));
    }
    Ok(())
}

/// Judge `candidate` against the last `options.window` points of `baseline` (the caller chose
/// the points: no change-point or branch selection happens here; use [`check`] or
/// [`backtest`] for that). Direction and unit come from `baseline`.
///
/// Errors: invalid options (`invalid-options`), a NaN or infinite value or sample in the
/// baseline or the candidate (`invalid-input`, naming it). An empty or too short baseline is
/// not an error: the verdict is `inconclusive` with the reason.
pub fn window_test(
    baseline: &Series,
    candidate: &Point,
    options: &CheckOptions,
) -> Result<WindowResult> {
    options.validate()?;
    baseline.validate()?;
    validate_point(candidate, "candidate")?;
    let sel = select::select(&baseline.points, None, None, None, options.window, "window")?;
    Ok(judge::judge(
        &sel,
        candidate,
        baseline.direction,
        &baseline.unit,
        options,
    ))
}

#[cfg(test)]
mod tests;
