//! `benchcore history …`: the history store from the command line. Each subcommand is one core
//! call on a [`History`]; this file only reads the clock, prints and writes files. Damaged
//! history files are warnings on stderr (`--strict` makes them errors, exit 2).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use benchcore::{
    escape_terminal, export, import_gab, parse_path, AddStatus, Added, Error, GabImportOptions,
    History, LoadOptions, LoadedHistory, ParseOptions, RetentionOptions, SeriesOptions, Thin,
    DEFAULT_HISTORY_DIR,
};
use clap::{Args, Subcommand, ValueEnum};

use crate::commands::InputFormat;
use crate::output;

mod render;

const EXAMPLES: &str = "\
Examples:
  benchcore history add target/criterion@main --commit $GITHUB_SHA --branch main
  benchcore history import-gab gh-pages/dev/bench/data.js --branch main
  benchcore history list --branch main --since 2026-11-01
  benchcore history prune --keep-last 100 --thin week            # dry run: shows what would go
  benchcore history prune --keep-last 100 --thin week --apply
  benchcore history export --out site/history.json

The history is a directory (default .benchcore/history) with one file per run, named by the
run's content id: adding the same results twice stores them once, and parallel jobs or git
branches never write the same file.";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct HistoryArgs {
    #[command(subcommand)]
    command: HistoryCommand,
}

#[derive(Debug, Args)]
struct Common {
    /// The history directory.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_HISTORY_DIR)]
    history: PathBuf,
    /// The current time (RFC 3339) for `added_at` and retention; default: the system clock.
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
}

#[derive(Debug, Args)]
struct Filters {
    /// Only runs of this branch.
    #[arg(long)]
    branch: Option<String>,
    /// Only runs whose commit starts with this.
    #[arg(long)]
    commit: Option<String>,
    /// Only runs with this environment fingerprint (see `list`).
    #[arg(long)]
    environment: Option<String>,
    /// Only runs at or after this time (RFC 3339, or a date).
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Only runs at or before this time.
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Fail (exit 2) on a damaged history file instead of warning.
    #[arg(long)]
    strict: bool,
}

impl Filters {
    fn options(&self) -> LoadOptions {
        LoadOptions {
            branch: self.branch.clone(),
            commit: self.commit.clone(),
            environment: self.environment.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            strict: self.strict,
            ..LoadOptions::default()
        }
    }
}

#[derive(Debug, Subcommand)]
enum HistoryCommand {
    /// Store result files or directories (DIR@NAME picks a criterion baseline) as runs.
    Add {
        /// Results: files or directories, as for `benchcore parse`.
        #[arg(required = true, value_name = "RUN")]
        runs: Vec<String>,
        #[command(flatten)]
        common: Common,
        /// Record this commit in each run.
        #[arg(long)]
        commit: Option<String>,
        /// Record this branch in each run.
        #[arg(long)]
        branch: Option<String>,
        /// Record this time (RFC 3339) in each run.
        #[arg(long)]
        time: Option<String>,
        /// Record where the run ran, KEY=VALUE (repeatable): machine, cpu, cpu_count, arch, os
        /// and runtime set those fields (over what the tool recorded); any other key is kept
        /// as an extra, e.g. runner_image=ubuntu24/20261124.1.
        #[arg(long = "env", value_name = "KEY=VALUE")]
        env: Vec<String>,
        /// Input format.
        #[arg(long, value_enum, default_value = "auto")]
        format: InputFormat,
    },
    /// Import a github-action-benchmark history (its gh-pages `data.js`, or the JSON form).
    ImportGab {
        /// The `data.js` or data JSON file.
        file: PathBuf,
        #[command(flatten)]
        common: Common,
        /// The branch the history was recorded on.
        #[arg(long)]
        branch: Option<String>,
    },
    /// List stored runs, oldest first.
    List {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        filters: Filters,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Remove old runs: per branch, tool and environment, keep the newest N and/or the last D
    /// days, and beyond that one run per day or week. A dry run unless --apply.
    Prune {
        #[command(flatten)]
        common: Common,
        /// Keep the newest N runs of each branch, tool and environment.
        #[arg(long, value_name = "N")]
        keep_last: Option<usize>,
        /// Keep every run of the last D days.
        #[arg(long, value_name = "D")]
        keep_days: Option<u64>,
        /// Beyond those, keep the newest run of each day or week.
        #[arg(long, value_enum)]
        thin: Option<ThinArg>,
        /// Delete the files (default: only show what would be removed).
        #[arg(long)]
        apply: bool,
    },
    /// Write one JSON bundle of every series (runs + points) for dashboards.
    Export {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        filters: Filters,
        /// The bundle file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only benchmarks matching this glob.
        #[arg(long, value_name = "GLOB")]
        benchmark: Option<String>,
        /// Only this metric.
        #[arg(long)]
        metric: Option<String>,
        /// Add each point's raw-sample spread (interquartile range; reads the samples).
        #[arg(long)]
        spread: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ThinArg {
    Day,
    Week,
}

/// The system clock, as RFC 3339 UTC.
fn system_now() -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    benchcore::time::format_rfc3339(ms)
}

impl Common {
    fn now(&self) -> String {
        self.now.clone().unwrap_or_else(system_now)
    }
}

pub(crate) fn warn_damaged(loaded: &LoadedHistory) {
    for e in &loaded.errors {
        eprintln!(
            "benchcore: warning: skipped damaged history file: {}",
            escape_terminal(&e.to_string())
        );
    }
}

fn report_added(a: &Added, what: &str) {
    let status = match a.status {
        AddStatus::Added => "added",
        AddStatus::AlreadyPresent => "already present",
    };
    println!("{status:<15} {} {what}", a.id);
}

/// `KEY=VALUE` of `history add --env`, checked: a non-empty key, and a number for cpu_count.
fn parse_env(kv: &str) -> Result<(String, String), Error> {
    let bad = |m: String| Error::option("env", m);
    let (k, v) = kv
        .split_once('=')
        .ok_or_else(|| bad(format!("'{kv}' is not KEY=VALUE")))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(bad(format!("'{kv}' has an empty key")));
    }
    if k == "cpu_count" && v.trim().parse::<u32>().is_err() {
        return Err(bad(format!("cpu_count must be a whole number, got '{v}'")));
    }
    Ok((k.to_string(), v.trim().to_string()))
}

/// The run with the `--env` pairs recorded in its environment, and its content id recomputed.
fn with_env(
    mut run: benchcore::Run,
    env: &[(String, String)],
    spec: &str,
) -> Result<benchcore::Run, Error> {
    if env.is_empty() {
        return Ok(run);
    }
    let e = &mut run.environment;
    for (k, v) in env {
        let value = Some(v.clone());
        match k.as_str() {
            "machine" => e.machine = value,
            "cpu" => e.cpu = value,
            "cpu_count" => e.cpu_count = v.parse().ok(),
            "arch" => e.arch = value,
            "os" => e.os = value,
            "runtime" => e.runtime = value,
            _ => {
                e.extra.insert(k.clone(), v.clone());
            }
        }
    }
    run.finalize(spec)
}

/// Every series of the history at `dir` (damaged files are warnings on stderr), for `check`
/// and `detect --history`; `branch` keeps that branch's runs only, `samples` loads raw samples.
pub(crate) fn load_series(
    dir: &std::path::Path,
    branch: Option<String>,
    samples: bool,
) -> Result<Vec<benchcore::Series>, Error> {
    let options = benchcore::LoadOptions {
        branch,
        samples,
        ..benchcore::LoadOptions::default()
    };
    let loaded = History::open(dir).load(&options)?;
    warn_damaged(&loaded);
    benchcore::series(
        loaded.runs.iter().map(|r| &r.run),
        &benchcore::SeriesOptions {
            samples,
            ..benchcore::SeriesOptions::default()
        },
    )
}

pub fn run(args: HistoryArgs) -> Result<ExitCode, Error> {
    match args.command {
        HistoryCommand::Add {
            runs,
            common,
            commit,
            branch,
            time,
            env,
            format,
        } => {
            let env = env
                .iter()
                .map(|kv| parse_env(kv))
                .collect::<Result<Vec<_>, _>>()?;
            let options = ParseOptions {
                format: format.core()?,
                commit,
                branch,
                time,
                max_input_bytes: output::max_input_bytes(),
                ..ParseOptions::default()
            };
            let parsed = runs
                .iter()
                .map(|spec| {
                    let run = parse_path(spec, &options)?;
                    with_env(run, &env, spec).map(|r| (spec, r))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let h = History::open(&common.history);
            let now = common.now();
            for (spec, run) in &parsed {
                let added = h.add(run, &now)?;
                report_added(
                    &added,
                    &format!("{spec} ({} benchmarks)", run.benchmarks.len()),
                );
            }
        }
        HistoryCommand::ImportGab {
            file,
            common,
            branch,
        } => {
            let label = file.display().to_string();
            let bytes = benchcore::read_file(&file, output::max_input_bytes())?;
            let imported = import_gab(&label, &bytes, &GabImportOptions { branch })?;
            for w in &imported.warnings {
                eprintln!(
                    "benchcore: warning: {}: {}",
                    escape_terminal(&label),
                    escape_terminal(w)
                );
            }
            let h = History::open(&common.history);
            let now = common.now();
            let mut added = 0;
            for run in &imported.runs {
                if h.add(run, &now)?.status == AddStatus::Added {
                    added += 1;
                }
            }
            println!(
                "{label}: {} runs: {added} added, {} already present",
                imported.runs.len(),
                imported.runs.len() - added
            );
        }
        HistoryCommand::List {
            common,
            filters,
            format,
        } => {
            let loaded = History::open(&common.history).load(&filters.options())?;
            warn_damaged(&loaded);
            let text = match format {
                ListFormat::Table => render::table(&loaded),
                ListFormat::Json => render::json(&loaded)?,
            };
            output::print(&text)?;
        }
        HistoryCommand::Prune {
            common,
            keep_last,
            keep_days,
            thin,
            apply,
        } => {
            let options = RetentionOptions {
                keep_last,
                keep_days,
                thin: thin.map(|t| match t {
                    ThinArg::Day => Thin::Day,
                    ThinArg::Week => Thin::Week,
                }),
            };
            let pruned = History::open(&common.history).prune(&options, &common.now(), apply)?;
            for e in &pruned.errors {
                eprintln!(
                    "benchcore: warning: left damaged history file alone: {}",
                    escape_terminal(&e.to_string())
                );
            }
            output::print(&render::prune_report(&pruned))?;
        }
        HistoryCommand::Export {
            common,
            filters,
            out,
            benchmark,
            metric,
            spread,
        } => {
            let load = LoadOptions {
                samples: spread,
                ..filters.options()
            };
            let loaded = History::open(&common.history).load(&load)?;
            warn_damaged(&loaded);
            let options = SeriesOptions {
                benchmark,
                metric,
                samples: false,
                spread,
            };
            let bundle = export(&loaded.runs, &options)?;
            let text = serde_json::to_string(&bundle)
                .map_err(|e| Error::input("bundle", e.to_string()))?;
            output::write_file(&out, &text)?;
            println!(
                "wrote {} series over {} runs to {}",
                bundle.series.len(),
                bundle.runs.len(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
