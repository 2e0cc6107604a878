//! Rendering a [`Comparison`] for people and programs. Pure functions from a comparison to a
//! `String`; the caller decides where it goes (and whether a terminal wants colour).
//!
//! * [`render_table`]: aligned terminal table, rows needing attention first, reasons,
//!   warnings and a summary line (`report/table.rs`).
//! * [`render_markdown`]: a pull-request comment with a marker line, a verdict heading, the
//!   rows needing attention and every result folded in `<details>` (`report/markdown.rs`).
//! * [`render_json`]: the [`Comparison`] itself, pretty-printed: the stable, versioned shape.
//! * [`format_value`]: a value in human units (`15.55 µs`, `3 KiB`, `1.23 Melem/s`).
//! * [`render_check_table`], [`render_check_markdown`], [`render_check_json`]: the same three
//!   for a history-gate [`CheckReport`] (`report/check_*.rs`, sharing the helpers above).
//!
//! Benchmark names, paths and reasons come from files anyone can write; both text renderers
//! pass them through `report/escape.rs` so they cannot drive a terminal or inject Markdown or
//! HTML into a comment. Cell texts shared by both live in `report/cells.rs`.

mod cells;
mod check_cells;
mod check_markdown;
mod check_table;
mod escape;
mod markdown;
mod table;
mod units;

use serde::{Deserialize, Serialize};

use crate::compare::Comparison;
use crate::gate::CheckReport;

pub use escape::{json as escape_json, markdown as escape_markdown, visible as escape_terminal};
pub use units::format_value;

/// Options of [`render_table`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableOptions {
    /// Emit ANSI colours (only when writing to a terminal). Default off.
    pub color: bool,
    /// List `unchanged` rows in the table (they are always counted in the summary line).
    /// Default on.
    pub show_unchanged: bool,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            color: false,
            show_unchanged: true,
        }
    }
}

/// Aligned terminal table: one row per benchmark and metric (Verdict, Benchmark, Baseline,
/// Candidate, Change, CI, adjusted p, Noise = minimum detectable change), sorted by
/// [`crate::Verdict::rank`] then input order; below it the reason of every row that is not
/// `unchanged`, the warnings, and a summary line such as
/// `1 regressed, 3 inconclusive, 2 unchanged (threshold 10%)`.
///
/// Without [`TableOptions::color`] the output contains no escape codes; control and bidi
/// characters of names and reasons are shown as visible escapes (`\x1b`, `\u{202e}`).
/// An empty comparison renders a sentence saying so and the summary line.
pub fn render_table(c: &Comparison, options: &TableOptions) -> String {
    table::render(c, options)
}

/// Markdown for a pull-request comment. Starts with the line `<!-- benchcore-report -->`
/// (the GitHub Action finds and updates its comment by it), then a verdict heading, what was
/// compared and the threshold, warnings, a table of the rows that need attention and, folded
/// in `<details>`, every result with its reason. All untrusted text is escaped so it renders
/// as plain text. An empty comparison renders a sentence saying so.
pub fn render_markdown(c: &Comparison) -> String {
    markdown::render(c)
}

/// Stable, versioned JSON (pretty-printed): exactly `serde_json` of the [`Comparison`].
pub fn render_json(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Aligned terminal table of a [`CheckReport`]: one row per benchmark and metric (Verdict,
/// Benchmark, Baseline centre, Bounds, Candidate, Change, Runs), rows needing attention first,
/// then their reasons, the warnings and a summary line naming the gate
/// (`1 regressed, 2 unchanged (t-test on values, boundary 0.99999, window 30, robust baseline)`).
/// Same escaping and colour rules as [`render_table`].
pub fn render_check_table(r: &CheckReport, options: &TableOptions) -> String {
    check_table::render(r, options)
}

/// Markdown for a pull-request comment about a [`CheckReport`]: the same marker line as
/// [`render_markdown`], a verdict heading, the gate that ran, warnings, the rows that need
/// attention and every row folded in `<details>`. All untrusted text is escaped.
pub fn render_check_markdown(r: &CheckReport) -> String {
    check_markdown::render(r)
}

/// Stable, versioned JSON (pretty-printed): exactly `serde_json` of the [`CheckReport`].
pub fn render_check_json(r: &CheckReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A report format chosen by name (`table`, `markdown`, `json`), as every surface takes it.
fn by_name<T>(
    format: &str,
    table: impl FnOnce() -> T,
    markdown: impl FnOnce() -> T,
    json: impl FnOnce() -> T,
) -> crate::Result<T> {
    match format {
        "table" => Ok(table()),
        "markdown" => Ok(markdown()),
        "json" => Ok(json()),
        other => Err(crate::Error::option(
            "format",
            format!("unknown report format '{other}' (known: table, markdown, json)"),
        )),
    }
}

/// [`render_table`], [`render_markdown`] or [`render_json`] by name.
pub fn render_comparison(
    c: &Comparison,
    format: &str,
    options: &TableOptions,
) -> crate::Result<String> {
    by_name(
        format,
        || render_table(c, options),
        || render_markdown(c),
        || render_json(c),
    )
}

/// [`render_check_table`], [`render_check_markdown`] or [`render_check_json`] by name.
pub fn render_check(
    r: &CheckReport,
    format: &str,
    options: &TableOptions,
) -> crate::Result<String> {
    by_name(
        format,
        || render_check_table(r, options),
        || render_check_markdown(r),
        || render_check_json(r),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_options_default_and_deserialize_partially() {
        let d = TableOptions::default();
        assert!(!d.color && d.show_unchanged);
        let o: TableOptions = serde_json::from_str(r#"{"color": true}"#).unwrap();
        assert_eq!(
            o,
            TableOptions {
                color: true,
                show_unchanged: true
            }
        );
        assert!(serde_json::from_str::<TableOptions>(r#"{"colour": true}"#).is_err());
    }

    #[test]
    fn marker_is_the_first_line() {
        assert_eq!(markdown::MARKER, "<!-- benchcore-report -->");
    }
}
