//! Rendering choices and writing text out (stdout with broken pipes tolerated, files
//! atomically).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use benchcore::{render_json, render_markdown, render_table, Comparison, Error, TableOptions};
use clap::ValueEnum;

static MAX_INPUT_BYTES: OnceLock<u64> = OnceLock::new();

/// Set once from `--max-input-bytes` (a global flag) before any command runs.
pub fn set_max_input_bytes(bytes: u64) {
    let _ = MAX_INPUT_BYTES.set(bytes);
}

/// The bound on every input file the CLI reads (results, files inside result directories,
/// series, github-action-benchmark histories); default [`benchcore::DEFAULT_MAX_INPUT_BYTES`].
pub fn max_input_bytes() -> u64 {
    MAX_INPUT_BYTES
        .get()
        .copied()
        .unwrap_or(benchcore::DEFAULT_MAX_INPUT_BYTES)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
}

impl ReportFormat {
    /// `.md`/`.markdown` → Markdown, `.json` → JSON, anything else → table.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => ReportFormat::Markdown,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Table,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Auto: colour only on a terminal, and never with `NO_COLOR` set.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
            }
        }
    }
}

pub fn render(c: &Comparison, format: ReportFormat, color: bool) -> String {
    let mut text = match format {
        ReportFormat::Table => render_table(
            c,
            &TableOptions {
                color,
                ..TableOptions::default()
            },
        ),
        ReportFormat::Markdown => render_markdown(c),
        ReportFormat::Json => render_json(c),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Print to stdout; a closed pipe (`benchcore … | head`) is not an error. Tables and Markdown
/// arrive escaped by the core; JSON (whose writer leaves bidi and C1 controls raw) gets those
/// written as `\uXXXX`, the same value, through [`benchcore::escape_json`], a no-op on the rest.
pub fn print(text: &str) -> Result<(), Error> {
    let text = &benchcore::escape_json(text);
    let mut out = std::io::stdout().lock();
    let mut r = out.write_all(text.as_bytes());
    if r.is_ok() && !text.ends_with('\n') {
        r = out.write_all(b"\n");
    }
    match r.and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", &e)),
        _ => Ok(()),
    }
}

/// Write `text` to `path` atomically: a temporary file in the same directory, then rename.
pub fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let label = path.display().to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(&label, &e)
    })
}
