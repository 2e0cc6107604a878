//! `benchcore check` and `benchcore backtest`: the history gate on the command line. Both build
//! one [`CheckOptions`] from `--options` JSON and flags (flags win), make one core call and
//! print the result.

use std::path::PathBuf;
use std::process::ExitCode;

use benchcore::{
    backtest_with as core_backtest, check_with as core_check, parse_path, render_check_json,
    render_check_markdown, render_check_table, Alarm, CheckOptions, CheckReport, Error, Estimator,
    GateMode, GateTest, ParseOptions, TableOptions, Threshold,
};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::commands::InputFormat;
use crate::output::{self, ColorChoice, ReportFormat};
use crate::series_input::read_series;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Auto,
    Values,
    Samples,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EstimatorArg {
    Robust,
    Classic,
}

/// The gate's knobs, shared by `check` and `backtest`.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// Window test: static, percentage, z-score, t-test (default), iqr, delta-iqr.
    #[arg(long, value_parser = parse_test)]
    test: Option<GateTest>,
    /// The test's boundary: a fraction for percentage (0.1), a one-sided percentile for
    /// z-score and t-test (0.99999), a multiplier for iqr (4.5) and delta-iqr (6).
    #[arg(long)]
    boundary: Option<f64>,
    /// z-score only: the limit in spreads (e.g. 3.5) instead of a percentile.
    #[arg(long)]
    z_limit: Option<f64>,
    /// static only: values below this are beyond the lower bound.
    #[arg(long, allow_negative_numbers = true)]
    lower_limit: Option<f64>,
    /// static only: values above this are beyond the upper bound.
    #[arg(long, allow_negative_numbers = true)]
    upper_limit: Option<f64>,
    /// At most this many recent runs make the baseline (default 30).
    #[arg(long, value_name = "N")]
    window: Option<usize>,
    /// Fewer baseline runs than this are inconclusive (default 5).
    #[arg(long, value_name = "N")]
    min_sample_size: Option<usize>,
    /// Test each run's typical value (values) or pooled raw samples (samples).
    #[arg(long, value_enum)]
    mode: Option<ModeArg>,
    /// Baseline centre and spread: median and MAD (robust) or mean and sd (classic).
    #[arg(long, value_enum)]
    estimator: Option<EstimatorArg>,
    /// Changes smaller than this (5% or 0.05) are never flagged.
    #[arg(long, value_parser = parse_fraction)]
    min_change: Option<f64>,
    /// Do not re-baseline at detected change points: the baseline is always the last runs.
    #[arg(long)]
    no_rebaseline: bool,
    /// Full gate options as JSON (keys of CheckOptions); flags given as well win.
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
}

fn parse_test(s: &str) -> Result<GateTest, String> {
    GateTest::from_name(s).map_err(|e| e.to_string())
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    Threshold::parse(s).map(|t| t.0).map_err(|e| e.to_string())
}

impl GateArgs {
    fn options(&self, baseline_branch: Option<String>) -> Result<CheckOptions, Error> {
        let mut o = match &self.options {
            Some(json) => CheckOptions::from_json(json)?,
            None => CheckOptions::default(),
        };
        if let Some(t) = self.test {
            o.test = t;
        }
        if self.no_rebaseline {
            o.rebaseline = false;
        }
        let set = |dst: &mut Option<f64>, v: Option<f64>| {
            if v.is_some() {
                *dst = v;
            }
        };
        set(&mut o.boundary, self.boundary);
        set(&mut o.z_limit, self.z_limit);
        set(&mut o.lower_limit, self.lower_limit);
        set(&mut o.upper_limit, self.upper_limit);
        if let Some(w) = self.window {
            o.window = w;
        }
        if let Some(m) = self.min_sample_size {
            o.min_sample_size = m;
        }
        if let Some(m) = self.mode {
            o.mode = match m {
                ModeArg::Auto => GateMode::Auto,
                ModeArg::Values => GateMode::Values,
                ModeArg::Samples => GateMode::Samples,
            };
        }
        if let Some(e) = self.estimator {
            o.estimator = match e {
                EstimatorArg::Robust => Estimator::Robust,
                EstimatorArg::Classic => Estimator::Classic,
            };
        }
        if let Some(m) = self.min_change {
            o.min_change = m;
        }
        if baseline_branch.is_some() {
            o.baseline_branch = baseline_branch;
        }
        o.validate()?;
        Ok(o)
    }
}

#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// The series: a JSON array of numbers, a one-column CSV (optional header), or JSON Lines
    /// of {"name", "values", "lower_is_better"?, "samples"?}.
    #[arg(long, value_name = "FILE")]
    series: PathBuf,
    /// Array and CSV series measure something where higher is better (throughput).
    #[arg(long)]
    higher_is_better: bool,
    #[command(flatten)]
    gate: GateArgs,
}

/// Replay the gate over each series; one JSON object per series (JSON Lines for JSON Lines
/// input, else one pretty object).
pub fn backtest(args: BacktestArgs) -> Result<ExitCode, Error> {
    let options = args.gate.options(None)?;
    let file = read_series(&args.series, args.higher_is_better)?;
    let label = args.series.display().to_string();
    let mut out = String::new();
    for s in &file.series {
        let alarms = core_backtest(s, &options, None).map_err(|e| in_file(&label, e))?;
        let value = BacktestOutput {
            name: &s.name,
            points: s.points.len(),
            alarms,
        };
        let text = if file.json_lines {
            serde_json::to_string(&value)
        } else {
            serde_json::to_string_pretty(&value)
        }
        .map_err(|e| Error::input("output", e.to_string()))?;
        out.push_str(&text);
        out.push('\n');
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// What `backtest` prints for one series.
#[derive(Serialize)]
struct BacktestOutput<'a> {
    name: &'a str,
    points: usize,
    alarms: Vec<Alarm>,
}

/// A core input error about a series, said to be in `file`.
fn in_file(file: &str, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, message } => Error::parse_field(file, field, message),
        other => other,
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The run to check: a file, a directory, or DIR@NAME.
    candidate: String,
    /// The history directory (a benchcore history store).
    #[arg(long, value_name = "DIR")]
    history: PathBuf,
    /// Take baseline runs from this branch (e.g. the branch a pull request targets) instead
    /// of the candidate's own.
    #[arg(long, value_name = "BRANCH")]
    baseline_branch: Option<String>,
    /// Exit with status 1 when a benchmark regressed.
    #[arg(long)]
    fail_on_regression: bool,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Colour in the table.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Input format of the candidate.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Record this branch in the candidate (selects its baseline unless --baseline-branch).
    #[arg(long)]
    branch: Option<String>,
    #[command(flatten)]
    gate: GateArgs,
}

fn render(r: &CheckReport, format: ReportFormat, color: bool) -> String {
    let mut text = match format {
        ReportFormat::Table => render_check_table(
            r,
            &TableOptions {
                color,
                ..TableOptions::default()
            },
        ),
        ReportFormat::Markdown => render_check_markdown(r),
        ReportFormat::Json => render_check_json(r),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Check the candidate against its history.
pub fn check(args: CheckArgs) -> Result<ExitCode, Error> {
    let options = args.gate.options(args.baseline_branch.clone())?;
    let parse_options = ParseOptions {
        format: args.input_format.core()?,
        branch: args.branch.clone(),
        max_input_bytes: output::max_input_bytes(),
        ..ParseOptions::default()
    };
    let candidate = parse_path(&args.candidate, &parse_options)?;
    // Baseline runs come from any branch here; the gate picks `baseline_branch` (or the
    // candidate's branch) itself, keeping runs that recorded no branch.
    let history = crate::history::load_series(
        &args.history,
        None,
        options.mode == benchcore::GateMode::Samples,
    )?;
    let report = core_check(&candidate, &history, &options, None)?;
    output::print(&render(&report, args.format, args.color.enabled()))?;
    if args.fail_on_regression && report.has_regressions() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
