//! Raw tool output → [`Run`]. One private module per tool, each reading the tool's own JSON or
//! text through private mirror types and converting to the model.
//!
//! Entry points: [`parse_bytes`] for one file, [`parse_tree`] for a directory (a criterion
//! `target/criterion` tree), [`parse_path`] for either on disk (with the `DIR@NAME` baseline
//! syntax). With [`Format::Auto`] each detector is asked in a fixed order; when none accepts the
//! input, [`Error::UnknownFormat`] lists what was tried.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::input::{read_file, resolve_spec, FsTree, Limited, Tree, DEFAULT_MAX_INPUT_BYTES};
use crate::model::Run;

mod benchmark_js;
mod bmf;
mod cargo_criterion;
mod criterion;
mod github_action_benchmark;
mod go;
mod google_benchmark;
mod heaptrack;
mod hey;
mod hyperfine;
mod hyperfine_tables;
pub(crate) mod json;
mod libtest;
mod lines;
mod memray;
mod metrics;
mod pytest_benchmark;
mod samples;
mod tinybench;
#[allow(dead_code)] // shared by the text-format parsers
pub(crate) mod units;
mod vitest;
mod vocabulary;
mod wrk;

/// A tool output format. `auto` (the default) detects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Detect from the content.
    #[default]
    Auto,
    /// A criterion.rs `target/criterion` tree (or one benchmark's directory).
    Criterion,
    /// cargo-criterion `--message-format=json` (JSON Lines).
    CargoCriterion,
    /// pytest-benchmark `--benchmark-json` or a `.benchmarks/…/NNNN_*.json` save.
    PytestBenchmark,
    /// hyperfine `--export-json` (or its CSV / Markdown export).
    Hyperfine,
    /// wrk's text output.
    Wrk,
    /// hey's text summary or `-o csv` rows.
    Hey,
    /// memray `stats --json` (or the text of `memray stats`).
    Memray,
    /// `heaptrack_print` output, or the `heaptrack` launcher's `heaptrack stats:` block.
    Heaptrack,
    /// Google Benchmark `--benchmark_format=json`.
    GoogleBenchmark,
    /// Rust libtest `#[bench]` text or JSON Lines (and criterion's `--output-format bencher`).
    Libtest,
    /// Go `go test -bench` text or `-json` events.
    Go,
    /// benchmark.js `String(benchmark)` lines.
    BenchmarkJs,
    /// tinybench task results saved as JSON.
    Tinybench,
    /// vitest `bench --outputJson`.
    Vitest,
    /// Bencher Metric Format JSON.
    Bmf,
    /// github-action-benchmark custom JSON, tool `customSmallerIsBetter`.
    CustomSmallerIsBetter,
    /// github-action-benchmark custom JSON, tool `customBiggerIsBetter`.
    CustomBiggerIsBetter,
}

impl Format {
    /// The kebab-case name, as in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Criterion => "criterion",
            Format::CargoCriterion => "cargo-criterion",
            Format::PytestBenchmark => "pytest-benchmark",
            Format::Hyperfine => "hyperfine",
            Format::Wrk => "wrk",
            Format::Hey => "hey",
            Format::Memray => "memray",
            Format::Heaptrack => "heaptrack",
            Format::GoogleBenchmark => "google-benchmark",
            Format::Libtest => "libtest",
            Format::Go => "go",
            Format::BenchmarkJs => "benchmark-js",
            Format::Tinybench => "tinybench",
            Format::Vitest => "vitest",
            Format::Bmf => "bmf",
            Format::CustomSmallerIsBetter => "custom-smaller-is-better",
            Format::CustomBiggerIsBetter => "custom-bigger-is-better",
        }
    }

    /// Every concrete format, in detection order.
    pub const ALL: [Format; 17] = [
        Format::Criterion,
        Format::CargoCriterion,
        Format::PytestBenchmark,
        Format::Hyperfine,
        Format::Wrk,
        Format::Hey,
        Format::Memray,
        Format::Heaptrack,
        Format::GoogleBenchmark,
        Format::Libtest,
        Format::Go,
        Format::BenchmarkJs,
        Format::Tinybench,
        Format::Vitest,
        Format::Bmf,
        Format::CustomSmallerIsBetter,
        Format::CustomBiggerIsBetter,
    ];

    /// Parse a name as written on a command line.
    pub fn from_name(name: &str) -> Result<Format> {
        if name == "auto" {
            return Ok(Format::Auto);
        }
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                Error::option(
                    "format",
                    format!(
                        "unknown format '{name}' (known: auto, {})",
                        Format::ALL.map(Format::name).join(", ")
                    ),
                )
            })
    }
}

/// Options of [`parse_bytes`], [`parse_tree`] and [`parse_path`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParseOptions {
    /// The tool format; `auto` detects it.
    pub format: Format,
    /// For criterion trees: which baseline to read (`new` unless a `DIR@NAME` spec says
    /// otherwise).
    pub baseline: Option<String>,
    /// Set the run's commit (overrides what the tool recorded).
    pub commit: Option<String>,
    /// Set the run's branch.
    pub branch: Option<String>,
    /// Set the run's time (RFC 3339).
    pub time: Option<String>,
    /// The group of benchmarks the tool put in none. The GitHub Action passes its suite `name`,
    /// the group [`crate::import_gab`] gives imported runs, so an imported history and new
    /// runs of an ungrouped tool (libtest, custom JSON) form one series per benchmark.
    pub default_group: Option<String>,
    /// Refuse single files larger than this many bytes (default 256 MiB).
    pub max_input_bytes: u64,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            format: Format::Auto,
            baseline: None,
            commit: None,
            branch: None,
            time: None,
            default_group: None,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

impl ParseOptions {
    /// Check ranges and formats.
    pub fn validate(&self) -> Result<()> {
        if self.max_input_bytes == 0 {
            return Err(Error::option("max_input_bytes", "must be at least 1"));
        }
        if let Some(b) = &self.baseline {
            if b.is_empty() || b.contains('/') || b.contains('\\') || b == "." || b == ".." {
                return Err(Error::option(
                    "baseline",
                    format!("'{b}' is not a baseline name"),
                ));
            }
        }
        if let Some(t) = &self.time {
            crate::time::parse_rfc3339(t).map_err(|m| Error::option("time", m))?;
        }
        if self.default_group.as_deref() == Some("") {
            return Err(Error::option("default_group", "must not be empty"));
        }
        Ok(())
    }

    fn apply(&self, mut run: Run, file: &str) -> Result<Run> {
        if self.commit.is_some() {
            run.commit.clone_from(&self.commit);
        }
        if self.branch.is_some() {
            run.branch.clone_from(&self.branch);
        }
        if self.time.is_some() {
            run.time.clone_from(&self.time);
        }
        if let Some(g) = &self.default_group {
            for b in run.benchmarks.iter_mut().filter(|b| b.group.is_none()) {
                b.group = Some(g.clone());
            }
        }
        run.finalize(file)
    }
}

/// Parse one file's bytes. `file` labels errors and is recorded as the run's source path.
pub fn parse_bytes(file: &str, bytes: &[u8], options: &ParseOptions) -> Result<Run> {
    options.validate()?;
    if bytes.len() as u64 > options.max_input_bytes {
        return Err(Error::LimitExceeded {
            file: file.to_string(),
            what: format!("input size ({} bytes)", bytes.len()),
            limit: options.max_input_bytes,
        });
    }
    let text = json::utf8(file, bytes)?;
    let format = match options.format {
        Format::Auto => detect_text(file, text)?,
        Format::Criterion => {
            return Err(Error::input(
                "format",
                format!(
                    "{file}: criterion results are a directory (target/criterion), not one file"
                ),
            ))
        }
        f => f,
    };
    let mut run = match format {
        Format::CargoCriterion => cargo_criterion::parse(file, text)?,
        Format::PytestBenchmark => pytest_benchmark::parse(file, text)?,
        Format::Hyperfine => hyperfine::parse(file, text)?,
        Format::Wrk => wrk::parse(file, text)?,
        Format::Hey => hey::parse(file, text)?,
        Format::Memray => memray::parse(file, text)?,
        Format::Heaptrack => heaptrack::parse(file, text)?,
        Format::GoogleBenchmark => google_benchmark::parse(file, text)?,
        Format::Libtest => libtest::parse(file, text)?,
        Format::Go => go::parse(file, text)?,
        Format::BenchmarkJs => benchmark_js::parse(file, text)?,
        Format::Tinybench => tinybench::parse(file, text)?,
        Format::Vitest => vitest::parse(file, text)?,
        Format::Bmf => bmf::parse(file, text)?,
        f @ (Format::CustomSmallerIsBetter | Format::CustomBiggerIsBetter) => {
            github_action_benchmark::parse(file, text, f)?
        }
        Format::Auto | Format::Criterion => {
            return Err(Error::UnknownFormat {
                file: file.to_string(),
                tried: tried_for_text(),
            })
        }
    };
    run.source.path = Some(file.to_string());
    options.apply(run, file)
}

/// Parse a directory tree (today: criterion's `target/criterion`, or one benchmark's folder).
pub fn parse_tree(tree: &dyn Tree, options: &ParseOptions) -> Result<Run> {
    options.validate()?;
    match options.format {
        Format::Auto | Format::Criterion => {
            if !criterion::detect(tree) {
                return Err(Error::UnknownFormat {
                    file: tree.root().to_string(),
                    tried: vec![
                        "criterion (no <benchmark>/<baseline>/benchmark.json files in the directory)"
                            .to_string(),
                    ],
                });
            }
        }
        other => {
            return Err(Error::input(
                "format",
                format!(
                    "{}: is a directory, but {} results are single files",
                    tree.root(),
                    other.name()
                ),
            ))
        }
    }
    let baseline = options.baseline.as_deref().unwrap_or("new");
    let limited = Limited {
        inner: tree,
        max_bytes: options.max_input_bytes,
    };
    let mut run = criterion::parse(&limited, baseline)?;
    run.source.path = Some(tree.root().to_string());
    options.apply(run, tree.root())
}

/// The criterion baselines present in a tree (`base`, `new`, `main`, …), sorted.
pub fn tree_baselines(tree: &dyn Tree) -> Vec<String> {
    criterion::baselines(tree)
}

/// Parse a file or directory on disk. `spec` may be `DIR@NAME` to pick a criterion baseline
/// (a path that exists as written is taken as is); an explicit `options.baseline` wins.
pub fn parse_path(spec: &str, options: &ParseOptions) -> Result<Run> {
    options.validate()?;
    let resolved = resolve_spec(spec);
    let path: &Path = &resolved.path;
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&label, &e))?;
    if meta.is_dir() {
        let tree = FsTree::open(path, options.max_input_bytes)?;
        let mut opts = options.clone();
        if opts.baseline.is_none() {
            opts.baseline = resolved.baseline;
        }
        parse_tree(&tree, &opts)
    } else {
        if let Some(b) = resolved.baseline {
            return Err(Error::input(
                "path",
                format!("{label} is a file; `@{b}` selects a baseline only inside a criterion directory"),
            ));
        }
        let bytes = read_file(path, options.max_input_bytes)?;
        parse_bytes(&label, &bytes, options)
    }
}

fn tried_for_text() -> Vec<String> {
    vec![
        "cargo-criterion (JSON Lines with \"reason\": \"benchmark-complete\")".into(),
        "pytest-benchmark (JSON object with \"benchmarks\" and \"machine_info\")".into(),
        "hyperfine (--export-json with \"results\"[].\"command\", or its CSV/Markdown export)"
            .into(),
        "memray (stats --json with \"total_num_allocations\", or `memray stats` text)".into(),
        "wrk (text with \"Running … test @ <url>\" and \"Requests/sec:\")".into(),
        "hey (text with \"Summary:\" and \"Requests/sec:\", or -o csv rows)".into(),
        "heaptrack (heaptrack_print output, or \"heaptrack stats:\")".into(),
        "google-benchmark (JSON object with \"context\" and \"benchmarks\")".into(),
        "vitest (JSON object with \"files\"[].\"groups\")".into(),
        "libtest (`test NAME ... bench:` lines or \"type\": \"bench\" JSON Lines)".into(),
        "go (`BenchmarkNAME  N  VALUE UNIT` lines or test2json events)".into(),
        "tinybench (JSON array of {\"name\", \"result\"})".into(),
        "custom-smaller-is-better / custom-bigger-is-better (JSON array of {\"name\", \"unit\", \"value\"})".into(),
        "bmf (JSON object: benchmark → measure → {\"value\"})".into(),
        "benchmark-js (`NAME x HZ ops/sec ±RME% (N runs sampled)` lines)".into(),
    ]
}

/// Detect the format of a single text file, or say what was tried.
fn detect_text(file: &str, text: &str) -> Result<Format> {
    if text.trim().is_empty() {
        return Err(Error::parse(file, "the file is empty"));
    }
    if pytest_benchmark::detect(text) {
        return Ok(Format::PytestBenchmark);
    }
    if cargo_criterion::detect(text) {
        return Ok(Format::CargoCriterion);
    }
    // JSON and CSV shapes first (their first lines are unambiguous), then free text.
    for (detect, format) in [
        (hyperfine::detect as fn(&str) -> bool, Format::Hyperfine),
        (memray::detect, Format::Memray),
        (google_benchmark::detect, Format::GoogleBenchmark),
        (vitest::detect, Format::Vitest),
        (wrk::detect, Format::Wrk),
        (hey::detect, Format::Hey),
        (heaptrack::detect, Format::Heaptrack),
        (libtest::detect, Format::Libtest),
        (go::detect, Format::Go),
        (tinybench::detect, Format::Tinybench),
    ] {
        if detect(text) {
            return Ok(format);
        }
    }
    if let Some(f) = github_action_benchmark::detect(text) {
        return Ok(f);
    }
    if bmf::detect(text) {
        return Ok(Format::Bmf);
    }
    if benchmark_js::detect(text) {
        return Ok(Format::BenchmarkJs);
    }
    Err(Error::UnknownFormat {
        file: file.to_string(),
        tried: tried_for_text(),
    })
}
