//! `benchcore detect`: change points of plain series. Reads the file (or stdin), makes one core
//! call over `&[Series]` ([`benchcore::detect`]) and prints JSON, a table or Markdown.
//!
//! JSON output: for a JSON array or one-column CSV, `{"change_points": [...]}`; for JSON Lines,
//! one line `{"name": ..., "change_points": [...]}` per input series, in input order. Each
//! change point is the core's [`benchcore::ChangePoint`] (`index`, `direction`,
//! `relative_change`, `before`, `after`, `p_value` or `cost_gain`, `commit` / `run_id` when
//! known).
//!
//! Series names and commits come from files anyone can write: the table passes every cell
//! through [`benchcore::escape_terminal`], the Markdown through [`benchcore::escape_markdown`].

use std::io::Read;
use std::process::ExitCode;

use benchcore::{
    detect as core_detect, escape_markdown, escape_terminal, format_value, parse_series,
    ChangePoint, DetectOptions, Detection, Error, Method, SeriesFileKind,
};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::output::{self, ReportFormat};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    EDivisive,
    Pelt,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Series to examine: a JSON array of numbers, a CSV with one numeric column (optional
    /// header), or JSON Lines of {"name", "values", "lower_is_better"?, "samples"?}; `-` reads
    /// stdin.
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "history",
        conflicts_with = "history"
    )]
    series: Option<String>,
    /// Examine every series of this history directory instead (one per benchmark and metric).
    #[arg(long, value_name = "DIR")]
    history: Option<std::path::PathBuf>,
    /// With --history: only runs of this branch.
    #[arg(long, requires = "history")]
    branch: Option<String>,
    /// Algorithm (default e-divisive).
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "json")]
    format: ReportFormat,
    /// Detection options as JSON (keys of DetectOptions, e.g. '{"min_magnitude": 0.1}');
    /// --method given as well wins.
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
}

fn read_input(spec: &str) -> Result<(String, Vec<u8>), Error> {
    if spec == "-" {
        let label = "<stdin>".to_string();
        let max = output::max_input_bytes();
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&label, &e))?;
        if bytes.len() as u64 > max {
            return Err(Error::LimitExceeded {
                file: label,
                what: "input size in bytes".into(),
                limit: max,
            });
        }
        return Ok((label, bytes));
    }
    let bytes = benchcore::read_file(std::path::Path::new(spec), output::max_input_bytes())?;
    Ok((spec.to_string(), bytes))
}

pub fn detect(args: DetectArgs) -> Result<ExitCode, Error> {
    let mut options = match &args.options {
        Some(json) => DetectOptions::from_json(json)?,
        None => DetectOptions::default(),
    };
    if let Some(m) = args.method {
        options.method = match m {
            MethodArg::EDivisive => Method::EDivisive,
            MethodArg::Pelt => Method::Pelt,
        };
    }
    if let Some(dir) = &args.history {
        let use_samples = options.use_samples;
        let series = crate::history::load_series(dir, args.branch.clone(), use_samples)?;
        let detection = core_detect(&series, &options)?;
        let text = match args.format {
            ReportFormat::Json => serde_json::to_string_pretty(&detection)
                .map_err(|e| Error::input("output", e.to_string()))?,
            ReportFormat::Table => table(&detection),
            ReportFormat::Markdown => markdown(&detection),
        };
        output::print(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let spec = args
        .series
        .ok_or_else(|| Error::input("series", "give --series FILE or --history DIR"))?;
    let (label, bytes) = read_input(&spec)?;
    let file = parse_series(&label, &bytes)?;
    let detection = core_detect(&file.series, &options)?;
    let text = match args.format {
        ReportFormat::Json => json(&detection, file.kind)?,
        ReportFormat::Table => table(&detection),
        ReportFormat::Markdown => markdown(&detection),
    };
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The result of a plain series.
#[derive(Serialize)]
struct Plain<'a> {
    change_points: &'a [ChangePoint],
}

/// One result line of a JSON Lines input.
#[derive(Serialize)]
struct Line<'a> {
    name: &'a str,
    change_points: &'a [ChangePoint],
}

fn json(d: &Detection, kind: SeriesFileKind) -> Result<String, Error> {
    let err = |e: serde_json::Error| Error::input("output", e.to_string());
    if kind != SeriesFileKind::JsonLines {
        let change_points = d.series.first().map_or(&[][..], |s| &s.change_points);
        return serde_json::to_string_pretty(&Plain { change_points }).map_err(err);
    }
    let mut out = String::new();
    for s in &d.series {
        let line = Line {
            name: &s.name,
            change_points: &s.change_points,
        };
        out.push_str(&serde_json::to_string(&line).map_err(err)?);
        out.push('\n');
    }
    Ok(out)
}

/// One row per change point: index, commit, before, after, change, direction, evidence.
fn rows(d: &Detection) -> Vec<(String, [String; 7])> {
    let mut out = Vec::new();
    for s in &d.series {
        for c in &s.change_points {
            let evidence = match (c.p_value, c.cost_gain) {
                (Some(p), _) => format!("p = {p:.2e}"),
                (None, Some(g)) => format!("gain {g:.1}"),
                _ => String::new(),
            };
            out.push((
                s.name.clone(),
                [
                    c.index.to_string(),
                    c.commit.clone().unwrap_or_default(),
                    format_value(c.before, &s.unit),
                    format_value(c.after, &s.unit),
                    format!("{:+.1}%", c.relative_change * 100.0),
                    format!("{:?}", c.direction).to_lowercase(),
                    evidence,
                ],
            ));
        }
    }
    out
}

const HEADERS: [&str; 8] = [
    "series",
    "index",
    "commit",
    "before",
    "after",
    "change",
    "direction",
    "evidence",
];

fn table(d: &Detection) -> String {
    let rows = rows(d);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(name, r)| {
            std::iter::once(name)
                .chain(r)
                .map(|c| escape_terminal(c))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |r: &[String]| {
        let cols: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        cols.join("  ").trim_end().to_string()
    };
    let mut out = line(&HEADERS.map(String::from)) + "\n";
    for r in &cells {
        out += &line(r);
        out.push('\n');
    }
    let total: usize = d.series.iter().map(|s| s.change_points.len()).sum();
    out += &format!(
        "{total} change point(s) in {} series ({})\n",
        d.series.len(),
        method_name(d.method)
    );
    out
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::EDivisive => "e-divisive",
        Method::Pelt => "pelt",
    }
}

fn markdown(d: &Detection) -> String {
    let mut out = format!("### Change points ({})\n\n", method_name(d.method));
    let rows = rows(d);
    if rows.is_empty() {
        out += &format!("No change points in {} series.\n", d.series.len());
        return out;
    }
    out += &format!("| {} |\n", HEADERS.join(" | "));
    out += &format!("|{}\n", "---|".repeat(HEADERS.len()));
    for (name, r) in &rows {
        let cells: Vec<String> = std::iter::once(name)
            .chain(r)
            .map(|c| escape_markdown(c))
            .collect();
        out += &format!("| {} |\n", cells.join(" | "));
    }
    out
}
