//! The subcommands: argument structs and one core call each.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use benchcore::{
    compare as core_compare, parse_path, resolve_spec, CompareOptions, Error, Format, ParseOptions,
    SingleValues, Statistic, Threshold, ThresholdOverride,
};
use clap::{Args, ValueEnum};

use crate::output::{self, ColorChoice, ReportFormat};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormat {
    Auto,
    Criterion,
    CargoCriterion,
    PytestBenchmark,
    Hyperfine,
    Wrk,
    Hey,
    Memray,
    Heaptrack,
    GoogleBenchmark,
    Libtest,
    Go,
    BenchmarkJs,
    Tinybench,
    Vitest,
    Bmf,
    CustomSmallerIsBetter,
    CustomBiggerIsBetter,
}

impl InputFormat {
    pub(crate) fn core(self) -> Result<Format, Error> {
        let name = self
            .to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default();
        Format::from_name(&name)
    }
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Result files or directories (DIR@NAME picks a criterion baseline).
    #[arg(required = true)]
    paths: Vec<String>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    format: InputFormat,
    /// Criterion baseline to read when a path has no @NAME (default: new).
    #[arg(long)]
    baseline: Option<String>,
    /// Record this commit in the run.
    #[arg(long)]
    commit: Option<String>,
    /// Record this branch in the run.
    #[arg(long)]
    branch: Option<String>,
    /// Record this time (RFC 3339) in the run.
    #[arg(long)]
    time: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Baseline results: a file, a directory, or DIR@NAME.
    baseline: String,
    /// Candidate results; omit it to compare a criterion tree's `base` with its `new`.
    candidate: Option<String>,
    /// Smallest relative change that counts (10% or 0.1) [default: 10%].
    #[arg(long, value_parser = parse_threshold)]
    threshold: Option<Threshold>,
    /// Per-benchmark threshold, PATTERN=THRESHOLD with a glob over names (repeatable; first
    /// match wins), e.g. 'fib/*=20%'.
    #[arg(long = "threshold-for", value_name = "PATTERN=THRESHOLD")]
    threshold_for: Vec<String>,
    /// JSON file of per-benchmark thresholds: [{"pattern", "threshold", "metric"?}] or
    /// {"PATTERN": THRESHOLD}.
    #[arg(long, value_name = "FILE")]
    thresholds: Option<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Also write the report to PATH (format from the extension: .md, .json, else table).
    /// Repeatable.
    #[arg(long, value_name = "PATH")]
    report: Vec<PathBuf>,
    /// Exit with status 1 when a benchmark regressed.
    #[arg(long)]
    fail_on_regression: bool,
    /// Colour in the table.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Input format of both sides.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Significance level after FDR adjustment.
    #[arg(long)]
    alpha: Option<f64>,
    /// Statistic compared: auto (median when possible), median, mean.
    #[arg(long, value_parser = ["auto", "median", "mean"])]
    statistic: Option<String>,
    /// Do not adjust p-values for the number of benchmarks (Benjamini–Hochberg).
    #[arg(long)]
    no_fdr: bool,
    /// Flag shifts of typical values even when the best case did not move.
    #[arg(long)]
    no_noise_guard: bool,
    /// Single values without a noise estimate: auto (threshold for memory and counts,
    /// inconclusive for times and rates), threshold, inconclusive.
    #[arg(long, value_parser = ["auto", "threshold", "inconclusive"])]
    single_values: Option<String>,
    /// Bootstrap seed.
    #[arg(long)]
    seed: Option<u64>,
    /// Full comparison options as JSON (keys of CompareOptions); flags given as well win.
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
}

fn parse_threshold(s: &str) -> Result<Threshold, String> {
    Threshold::parse(s).map_err(|e| e.to_string())
}

pub fn parse(args: ParseArgs) -> Result<ExitCode, Error> {
    let mut options = ParseOptions {
        format: args.format.core()?,
        baseline: args.baseline,
        commit: args.commit,
        branch: args.branch,
        time: args.time,
        ..ParseOptions::default()
    };
    options.max_input_bytes = output::max_input_bytes();
    let runs = args
        .paths
        .iter()
        .map(|p| parse_path(p, &options))
        .collect::<Result<Vec<_>, _>>()?;
    let text = if runs.len() == 1 {
        serde_json::to_string_pretty(&runs[0])
    } else {
        serde_json::to_string_pretty(&runs)
    }
    .map_err(|e| Error::input("output", e.to_string()))?;
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Parse options for one side: a bare criterion tree means `base` on the baseline side and
/// `new` on the candidate side.
fn side_options(spec: &str, format: Format, default_baseline: &str) -> ParseOptions {
    let resolved = resolve_spec(spec);
    let bare_dir = resolved.baseline.is_none() && resolved.path.is_dir();
    ParseOptions {
        format,
        baseline: bare_dir.then(|| default_baseline.to_string()),
        max_input_bytes: output::max_input_bytes(),
        ..ParseOptions::default()
    }
}

fn compare_options(args: &CompareArgs) -> Result<CompareOptions, Error> {
    let mut o = match &args.options {
        Some(json) => CompareOptions::from_json(json)?,
        None => CompareOptions::default(),
    };
    if let Some(t) = args.threshold {
        o.threshold = t;
    }
    if let Some(path) = &args.thresholds {
        o.thresholds.extend(read_thresholds(path)?);
    }
    for (i, spec) in args.threshold_for.iter().enumerate() {
        let (pattern, t) = spec.rsplit_once('=').ok_or_else(|| {
            Error::option(
                format!("threshold-for[{i}]"),
                format!("'{spec}' is not PATTERN=THRESHOLD"),
            )
        })?;
        o.thresholds.push(ThresholdOverride {
            pattern: pattern.to_string(),
            metric: None,
            threshold: Threshold::parse(t)?,
        });
    }
    if let Some(a) = args.alpha {
        o.alpha = a;
    }
    if let Some(s) = &args.statistic {
        o.statistic = match s.as_str() {
            "median" => Statistic::Median,
            "mean" => Statistic::Mean,
            _ => Statistic::Auto,
        };
    }
    if args.no_fdr {
        o.fdr = false;
    }
    if args.no_noise_guard {
        o.noise_guard = false;
    }
    if let Some(v) = &args.single_values {
        o.single_values = match v.as_str() {
            "threshold" => SingleValues::Threshold,
            "inconclusive" => SingleValues::Inconclusive,
            _ => SingleValues::Auto,
        };
    }
    if let Some(seed) = args.seed {
        o.seed = seed;
    }
    o.validate()?;
    Ok(o)
}

/// A thresholds file: a list of overrides, or an object mapping patterns to thresholds.
fn read_thresholds(path: &Path) -> Result<Vec<ThresholdOverride>, Error> {
    let label = path.display().to_string();
    let bytes = benchcore::read_file(path, 16 * 1024 * 1024)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::parse(&label, "not UTF-8"))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::parse(&label, format!("invalid JSON: {e}")))?;
    let list =
        match value {
            serde_json::Value::Object(map) => map
                .into_iter()
                .map(|(pattern, t)| serde_json::json!({"pattern": pattern, "threshold": t}))
                .collect(),
            serde_json::Value::Array(items) => items,
            _ => return Err(Error::parse(
                &label,
                "expected a list of {\"pattern\", \"threshold\"} or an object {PATTERN: THRESHOLD}",
            )),
        };
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v)
                .map_err(|e| Error::parse_field(&label, format!("[{i}]"), e.to_string()))
        })
        .collect()
}

pub fn compare(args: CompareArgs) -> Result<ExitCode, Error> {
    let format = args.input_format.core()?;
    let options = compare_options(&args)?;
    let (base_spec, cand_spec) = match &args.candidate {
        Some(c) => (args.baseline.clone(), c.clone()),
        None => {
            let spec = resolve_spec(&args.baseline);
            if spec.baseline.is_some() || !spec.path.is_dir() {
                return Err(Error::input(
                    "candidate",
                    format!(
                        "{}: give a CANDIDATE, or a criterion directory to compare its `base` with `new`",
                        args.baseline
                    ),
                ));
            }
            (
                format!("{}@base", args.baseline),
                format!("{}@new", args.baseline),
            )
        }
    };
    let baseline = parse_path(&base_spec, &side_options(&base_spec, format, "base"))?;
    let candidate = parse_path(&cand_spec, &side_options(&cand_spec, format, "new"))?;
    let comparison = core_compare(&baseline, &candidate, &options)?;
    let color = args.color.enabled();
    output::print(&output::render(&comparison, args.format, color))?;
    for path in &args.report {
        let text = output::render(&comparison, ReportFormat::from_path(path), false);
        output::write_file(path, &text)?;
    }
    if args.fail_on_regression && comparison.has_regressions() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
