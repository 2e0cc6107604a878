//! # benchcore
//!
//! Regression analysis for benchmark results. Data flows one way, each arrow a pure function:
//!
//! ```text
//! raw tool output ──parse──▶ Run ──compare(baseline, candidate)──▶ Comparison ──render──▶ table / Markdown / JSON
//! ```
//!
//! * [`parse_path`], [`parse_bytes`], [`parse_tree`] read the outputs of 17 tools and formats
//!   ([`Format`]: criterion trees, cargo-criterion, pytest-benchmark, hyperfine, wrk, hey,
//!   memray, heaptrack, Google Benchmark, libtest, Go, benchmark.js, tinybench, vitest, Bencher
//!   Metric Format, github-action-benchmark custom JSON) into the normalized [`Run`] model
//!   (canonical units, raw samples kept, each metric with its direction).
//! * [`compare`] judges every benchmark and metric with noise-aware statistics (median,
//!   Mann–Whitney U, seeded bootstrap interval, Benjamini–Hochberg, a best-case noise guard) and
//!   a configurable threshold, explaining each verdict.
//! * [`render_table`], [`render_markdown`], [`render_json`] present a [`Comparison`].
//! * [`check`] gates a run against a robust baseline made of its history (a [`Series`] per
//!   benchmark and metric: the last runs since the last accepted change point, on a branch) with
//!   Bencher-style window tests; [`backtest`] replays that gate over past history;
//!   [`window_test`] is one test on a given window. [`render_check_table`],
//!   [`render_check_markdown`] and [`render_check_json`] present a [`CheckReport`].
//! * [`detect_changepoints`] / [`detect`] find when a [`Series`] changed level over its history
//!   (windowed E-Divisive with t-tests as in Hunter / Apache Otava, or PELT); [`Detector`] does
//!   it incrementally as runs are appended.
//! * [`History`] remembers every run in a directory, one file per run named by its content id
//!   ([`History::add`], [`History::load`], [`History::prune`]); [`series()`] turns loaded runs
//!   into one [`Series`] per benchmark metric, [`export()`] into a dashboard [`Bundle`], and
//!   [`import_gab`] migrates a github-action-benchmark `data.js`.
//!
//! Errors are one closed enum, [`Error`], with stable codes shared by every surface (CLI,
//! Python, WASM, Node).
//!
//! ```
//! use benchcore::{compare, CompareOptions, Measurement, Metric, Run, Benchmark};
//!
//! fn run(times: &[f64]) -> Run {
//!     let mut run = Run::new("example");
//!     let mut b = Benchmark::new("fib/20");
//!     b.measurements.push(Measurement::from_samples(Metric::time(), times.to_vec()));
//!     run.benchmarks.push(b);
//!     run.finalize("example").unwrap()
//! }
//! let base = run(&[100.0, 101.0, 99.0, 100.5, 100.2, 99.8, 100.1, 100.3]);
//! let slow = run(&[120.0, 121.0, 119.5, 120.4, 120.2, 119.9, 120.1, 120.6]);
//! let c = compare(&base, &slow, &CompareOptions::default()).unwrap();
//! assert_eq!(c.benchmarks[0].verdict, benchcore::Verdict::Regressed);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod args;
mod changepoint;
mod compare;
mod error;
mod gate;
mod history;
mod input;
mod model;
mod parse;
mod report;
mod series;
pub mod stats;
mod text;
pub mod time;

pub use changepoint::{
    detect, detect_changepoints, parse_series, ChangeDirection, ChangePoint, DetectOptions,
    Detection, Detector, Method, PeltCost, SeriesChangePoints, SeriesFile, SeriesFileKind,
    DETECTION_VERSION,
};
pub use compare::{
    compare, glob_match, BenchmarkComparison, CompareOptions, Comparison, RunRef, SideStats,
    SingleValues, Statistic, TestKind, Threshold, ThresholdOverride, UsedStatistic, Verdict,
    VerdictCounts, COMPARISON_VERSION,
};
pub use error::{Error, ErrorInfo, Result};
pub use gate::{
    backtest, backtest_with, check, check_with, window_test, Alarm, AlarmDirection,
    BacktestOptions, ChangePointRef, CheckOptions, CheckReport, CheckRow, Estimator, GateMode,
    GateTest, WindowResult, CHECK_VERSION,
};
pub use history::{encode_run, load_files, EncodedRun, StoredFile};
pub use history::{
    export, import_gab, plan_retention, series, sort_runs, AddStatus, Added, Bundle, BundleRun,
    BundleSeries, GabImport, GabImportOptions, History, HistoryRun, LoadOptions, LoadedHistory,
    LoadedHistoryReport, PruneSummary, Pruned, Removal, RetentionOptions, RetentionPlan,
    SeriesOptions, Thin, DEFAULT_HISTORY_DIR, GAB_FORMAT, RECORD_VERSION,
};
pub use input::{
    read_file, resolve_spec, FsTree, MemTree, Spec, Tree, DEFAULT_MAX_INPUT_BYTES, MAX_TREE_FILES,
};
pub use model::{
    Benchmark, Direction, Environment, Measurement, Metric, MetricKind, Run, Source, Summary,
    RUN_VERSION,
};
pub use parse::{parse_bytes, parse_path, parse_tree, tree_baselines, Format, ParseOptions};
pub use report::{
    escape_json, escape_markdown, escape_terminal, format_value, render_check, render_check_json,
    render_check_markdown, render_check_table, render_comparison, render_json, render_markdown,
    render_table, TableOptions,
};
pub use series::{
    series_from_json, series_list_from_json, typical_value, Point, Series, SeriesInput,
    SERIES_VERSION,
};
