//! `compare(baseline, candidate, options) → Comparison`: is the candidate run slower?
//!
//! For every benchmark and metric present in either run:
//!
//! 1. **Statistic.** The median when both sides have raw samples (or quartiles), else the mean;
//!    see [`Statistic`].
//! 2. **Test.** Mann–Whitney U on raw samples; from summaries, a median z-test (IQR-based
//!    standard errors) or Welch's t-test; two constant samples are compared exactly; single
//!    values get no test and are judged by the threshold alone (said so in the reason).
//! 3. **Interval.** A percentile-bootstrap confidence interval of the relative change of the
//!    median (seeded, O(1) per resample, see [`crate::stats::median_plan`]), or a delta-method
//!    interval from summary standard errors.
//! 4. **Multiplicity.** Benjamini–Hochberg over all tested pairs of the comparison (on by
//!    default), because suites have hundreds of benchmarks.
//! 5. **Verdict.** `regressed` only when the change is significant, beyond the threshold in the
//!    metric's worse direction, and — with the noise guard on — the best-case value (the
//!    minimum time) moved beyond the threshold too. Contention on shared CI machines adds time
//!    to some iterations and shifts medians by tens of percent while the fastest iterations
//!    stay put (Chen & Revels, *Robust benchmarking in noisy environments*, 2016); such shifts
//!    are reported `inconclusive` with that explanation instead of failing a build.
//!    The median's bootstrap interval must also exclude "no change" on the same side, so a rank
//!    test and the interval never disagree in a verdict (small samples).
//!    Single values with no noise estimate are judged by the threshold alone for memory and
//!    count metrics, and left `inconclusive` for times and rates ([`SingleValues`]).
//!    Every verdict carries a one-line reason and the smallest change the benchmark's noise lets
//!    it detect (80% power by default).
//!
//! Cost: O(n log n) per benchmark for sorting, plus O(B) for B bootstrap resamples; the
//! resample plan is shared by all benchmarks with the same sample count.

mod glob;
mod judge;
mod options;

use serde::{Deserialize, Serialize};

pub use glob::glob_match;
pub use options::{CompareOptions, SingleValues, Statistic, Threshold, ThresholdOverride};

use crate::error::Result;
use crate::model::{Direction, Run};

/// Version of the [`Comparison`] JSON shape.
pub const COMPARISON_VERSION: u32 = 1;

/// The outcome for one benchmark and metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Significantly worse, beyond the threshold (and past the noise guard).
    Regressed,
    /// Significantly better, beyond the threshold (and past the noise guard).
    Improved,
    /// No change beyond the threshold.
    Unchanged,
    /// The data cannot decide: too noisy, contradictory, or not comparable.
    Inconclusive,
    /// Only in the candidate.
    Added,
    /// Only in the baseline.
    Removed,
}

impl Verdict {
    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Regressed => "regressed",
            Verdict::Improved => "improved",
            Verdict::Unchanged => "unchanged",
            Verdict::Inconclusive => "inconclusive",
            Verdict::Added => "added",
            Verdict::Removed => "removed",
        }
    }

    /// Order in reports: what needs attention first.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::Regressed => 0,
            Verdict::Inconclusive => 1,
            Verdict::Improved => 2,
            Verdict::Removed => 3,
            Verdict::Added => 4,
            Verdict::Unchanged => 5,
        }
    }
}

/// Which statistic a row compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UsedStatistic {
    /// Median.
    Median,
    /// Mean.
    Mean,
}

/// Which test produced the p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TestKind {
    /// Mann–Whitney U on raw samples.
    MannWhitney,
    /// Welch's t-test (on samples or summaries).
    Welch,
    /// z-test on medians from quartiles.
    MedianZ,
    /// Both sides constant: the difference is exact.
    Deterministic,
    /// No test possible (single values): threshold only.
    None,
}

/// What one side contributed to a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideStats {
    /// Number of samples (or rounds) behind the value.
    pub n: Option<u64>,
    /// The compared statistic, in the metric's unit.
    pub value: f64,
    /// The best-case value: minimum (lower is better) or maximum (higher is better).
    pub best: Option<f64>,
    /// Robust coefficient of variation (MAD / median), when samples exist.
    pub cv: Option<f64>,
}

/// One benchmark and metric of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkComparison {
    /// Benchmark name.
    pub name: String,
    /// Group, if the tool gave one.
    pub group: Option<String>,
    /// Metric name (`time`, `throughput`, …).
    pub metric: String,
    /// Metric unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// The outcome.
    pub verdict: Verdict,
    /// The compared statistic (absent for added/removed).
    pub statistic: Option<UsedStatistic>,
    /// The test used (absent for added/removed).
    pub test: Option<TestKind>,
    /// The baseline side.
    pub baseline: Option<SideStats>,
    /// The candidate side.
    pub candidate: Option<SideStats>,
    /// candidate / baseline − 1 of the statistic (positive = larger).
    pub relative_change: Option<f64>,
    /// Confidence interval of `relative_change`.
    pub ci: Option<[f64; 2]>,
    /// Two-sided p-value of the test.
    pub p_value: Option<f64>,
    /// Benjamini–Hochberg adjusted p-value (equal to `p_value` with `fdr` off).
    pub p_adjusted: Option<f64>,
    /// The threshold that applied.
    pub threshold: f64,
    /// Smallest relative change this benchmark's noise lets the test detect.
    pub min_detectable_change: Option<f64>,
    /// Relative change of the best-case value (see [`SideStats::best`]).
    pub best_change: Option<f64>,
    /// The verdict explained in one line.
    pub reason: String,
}

/// Identifies a compared run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRef {
    /// Run id.
    pub id: String,
    /// Tool format.
    pub format: String,
    /// Where it was read from.
    pub path: Option<String>,
    /// Criterion baseline name, if any.
    pub baseline: Option<String>,
    /// Commit.
    pub commit: Option<String>,
    /// Branch.
    pub branch: Option<String>,
    /// Time.
    pub time: Option<String>,
}

impl RunRef {
    /// The reference to `run`.
    pub fn of(run: &Run) -> Self {
        RunRef {
            id: run.id.clone(),
            format: run.source.format.clone(),
            path: run.source.path.clone(),
            baseline: run.source.baseline.clone(),
            commit: run.commit.clone(),
            branch: run.branch.clone(),
            time: run.time.clone(),
        }
    }
}

/// Count of rows per verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictCounts {
    /// All rows.
    pub total: u64,
    /// `regressed` rows.
    pub regressed: u64,
    /// `improved` rows.
    pub improved: u64,
    /// `unchanged` rows.
    pub unchanged: u64,
    /// `inconclusive` rows.
    pub inconclusive: u64,
    /// `added` rows.
    pub added: u64,
    /// `removed` rows.
    pub removed: u64,
}

impl VerdictCounts {
    fn add(&mut self, v: Verdict) {
        self.total += 1;
        *match v {
            Verdict::Regressed => &mut self.regressed,
            Verdict::Improved => &mut self.improved,
            Verdict::Unchanged => &mut self.unchanged,
            Verdict::Inconclusive => &mut self.inconclusive,
            Verdict::Added => &mut self.added,
            Verdict::Removed => &mut self.removed,
        } += 1;
    }
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Shape version, [`COMPARISON_VERSION`].
    pub version: u32,
    /// The baseline run.
    pub baseline: RunRef,
    /// The candidate run.
    pub candidate: RunRef,
    /// The options in effect.
    pub options: CompareOptions,
    /// Things the reader should know (different environments, …).
    pub warnings: Vec<String>,
    /// One row per benchmark and metric, in the candidate's order, then removed ones.
    pub benchmarks: Vec<BenchmarkComparison>,
    /// Rows per verdict.
    pub summary: VerdictCounts,
}

impl Comparison {
    /// Whether any row regressed.
    pub fn has_regressions(&self) -> bool {
        self.summary.regressed > 0
    }
}

/// Compare `candidate` against `baseline`.
pub fn compare(baseline: &Run, candidate: &Run, options: &CompareOptions) -> Result<Comparison> {
    options.validate()?;
    let benchmarks = judge::judge_all(baseline, candidate, options);
    let mut summary = VerdictCounts::default();
    for b in &benchmarks {
        summary.add(b.verdict);
    }
    let mut warnings = Vec::new();
    let diffs = baseline.environment.differences(&candidate.environment);
    if !diffs.is_empty() {
        warnings.push(format!(
            "the runs come from different environments ({}): differences may reflect the machine, not the code",
            diffs.join("; ")
        ));
    }
    if baseline.source.format != candidate.source.format {
        warnings.push(format!(
            "comparing results of different tools ({} vs {})",
            baseline.source.format, candidate.source.format
        ));
    }
    Ok(Comparison {
        version: COMPARISON_VERSION,
        baseline: RunRef::of(baseline),
        candidate: RunRef::of(candidate),
        options: options.clone(),
        warnings,
        benchmarks,
        summary,
    })
}
