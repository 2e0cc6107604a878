//! `benchcore`: the command line over the core. Each subcommand turns arguments into one core
//! call and prints text or JSON. Exit codes: 0 ran and nothing failed, 1 a regression was found
//! under `--fail-on-regression`, 2 usage or input error (the message names the file and the
//! field or line).

mod commands;
mod dashboard;
mod detect;
mod gate;
mod history;
mod output;
mod series_input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  benchcore compare target/criterion                         # criterion: base vs new
  benchcore compare target/criterion@main target/criterion@pr --fail-on-regression
  benchcore compare main.json pr.json --threshold 5% --format markdown > comment.md
  benchcore compare old.json new.json --threshold-for 'test_io_*=25%' --report report.json
  benchcore parse target/criterion@main .benchmarks/Linux-CPython-3.11-64bit/0001_x.json
  benchcore detect --series history.json                     # when did it change?

Exit status: 0 when it ran and nothing failed, 1 when a regression was found under
--fail-on-regression, 2 for usage or input errors.";

/// Benchmark regression analysis: parse tool outputs, compare runs with noise-aware statistics.
#[derive(Debug, Parser)]
#[command(name = "benchcore", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Refuse any input file larger than this (results, files inside result directories,
    /// series, histories to import); default 268435456 (256 MiB).
    #[arg(long, global = true, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_input_bytes: Option<u64>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the normalized run of each PATH as JSON (one object, or an array for several).
    #[command(
        after_help = "Examples:\n  benchcore parse target/criterion@main\n  benchcore parse results.json --commit $GITHUB_SHA --branch main"
    )]
    Parse(commands::ParseArgs),
    /// Is CANDIDATE slower than BASELINE? Each side is a file or a directory; DIR@NAME picks a
    /// criterion baseline; a bare criterion tree compares `base` (baseline) with `new`.
    #[command(after_help = EXAMPLES)]
    Compare(commands::CompareArgs),
    /// Gate CANDIDATE against a robust baseline made of its history (the last runs since the
    /// last accepted change point, on a branch) with a window test.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(gate::CheckArgs),
    /// Replay the gate over past values, each point against the points before it, and print
    /// what it would have flagged.
    #[command(after_help = BACKTEST_EXAMPLES)]
    Backtest(gate::BacktestArgs),
    /// When did performance change? Change points of each series (E-Divisive as in Hunter /
    /// Apache Otava by default, or PELT), as JSON, a table or Markdown.
    #[command(
        after_help = "Examples:\n  benchcore detect --series times.json              # [101.2, 100.8, 131.0, ...]\n  benchcore detect --series times.csv --method pelt --format table\n  my-harness | benchcore detect --series -          # JSON Lines {\"name\", \"values\"}"
    )]
    Detect(detect::DetectArgs),
    /// Remember runs in a history directory (one file per run): add, import-gab, list, prune,
    /// export.
    History(history::HistoryArgs),
    /// Write a static dashboard of a history (charts, change points recomputed in the browser
    /// through WebAssembly, the latest run against its baseline) for any static host.
    #[command(
        after_help = "Examples:\n  benchcore dashboard --history .benchcore/history --out site --repo-url https://github.com/OWNER/REPO\n  benchcore dashboard --bundle history.json --out site --commit-url 'https://git.example.com/r/commit/{commit}'\n  python3 -m http.server --bind 127.0.0.1 --directory site 8000"
    )]
    Dashboard(dashboard::DashboardArgs),
}

const CHECK_EXAMPLES: &str = "\
Examples:
  benchcore check target/criterion@new --history .benchcore --baseline-branch main --fail-on-regression
  benchcore check results.json --history .benchcore --test iqr --boundary 3 --format markdown

Exit status: 0 when it ran and nothing failed, 1 when a regression was found under
--fail-on-regression, 2 for usage or input errors.";

const BACKTEST_EXAMPLES: &str = "\
Examples:
  benchcore backtest --series times.json                  # [101.2, 99.8, ...]
  benchcore backtest --series times.csv --test iqr --window 20
  benchcore backtest --series suite.jsonl --boundary 0.9999 --mode samples

Prints {\"name\", \"points\", \"alarms\": [{\"index\", \"direction\", ...}]} per series (JSON Lines for
JSON Lines input). Exit status: 0 when it ran, 2 for usage or input errors.";

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(bytes) = cli.max_input_bytes {
        output::set_max_input_bytes(bytes);
    }
    let result = match cli.command {
        Command::Parse(args) => commands::parse(args),
        Command::Compare(args) => commands::compare(args),
        Command::Check(args) => gate::check(args),
        Command::Backtest(args) => gate::backtest(args),
        Command::Detect(args) => detect::detect(args),
        Command::History(args) => history::run(args),
        Command::Dashboard(args) => dashboard::dashboard(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Messages quote names and lines from untrusted files: keep them inert.
            eprintln!(
                "benchcore: error: {}",
                benchcore::escape_terminal(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}
