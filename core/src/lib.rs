//! # benchcore
//!
//! Regression analysis for benchmark results. Data flows one way, each arrow a pure function:
//!
//! ```text
//! raw tool output ──parse──▶ Run ──compare(baseline, candidate)──▶ Comparison ──render──▶ table / Markdown / JSON
//! ```
//!
//! * [`parse_path`], [`parse_bytes`], [`parse_tree`] read criterion trees, cargo-criterion JSON
//!   and pytest-benchmark JSON into the normalized [`Run`] model (canonical units, raw samples
//!   kept).
//! * [`compare`] judges every benchmark and metric with noise-aware statistics (median,
//!   Mann–Whitney U, seeded bootstrap interval, Benjamini–Hochberg, a best-case noise guard) and
//!   a configurable threshold, explaining each verdict.
//! * [`render_table`], [`render_markdown`], [`render_json`] present a [`Comparison`].
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

mod compare;
mod error;
mod history;
mod input;
mod model;
mod parse;
mod report;
mod series;
pub mod stats;
mod text;
pub mod time;

pub use compare::{
    compare, glob_match, BenchmarkComparison, CompareOptions, Comparison, RunRef, SideStats,
    Statistic, TestKind, Threshold, ThresholdOverride, UsedStatistic, Verdict, VerdictCounts,
    COMPARISON_VERSION,
};
pub use error::{Error, ErrorInfo, Result};
pub use history::{
    export, import_gab, plan_retention, series, sort_runs, AddStatus, Added, Bundle, BundleRun,
    BundleSeries, GabImport, GabImportOptions, History, HistoryRun, LoadOptions, LoadedHistory,
    PruneSummary, Pruned, Removal, RetentionOptions, RetentionPlan, SeriesOptions, Thin,
    DEFAULT_HISTORY_DIR, GAB_FORMAT, RECORD_VERSION,
};
pub use input::{
    read_file, resolve_spec, FsTree, MemTree, Spec, Tree, DEFAULT_MAX_INPUT_BYTES, MAX_TREE_FILES,
};
pub use model::{
    Benchmark, Direction, Environment, Measurement, Metric, MetricKind, Run, Source, Summary,
    RUN_VERSION,
};
pub use parse::{parse_bytes, parse_path, parse_tree, tree_baselines, Format, ParseOptions};
pub use report::{format_value, render_json, render_markdown, render_table, TableOptions};
pub use series::{typical_value, Point, Series, SeriesInput, SERIES_VERSION};
