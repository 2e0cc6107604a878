//! Rendering a [`Comparison`] for people and programs. STUB: being written.

use crate::compare::Comparison;

/// Options of [`render_table`].
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    /// Emit ANSI colours (only when writing to a terminal).
    pub color: bool,
}

/// Aligned terminal table.
pub fn render_table(c: &Comparison, _options: &TableOptions) -> String {
    format!("{} rows\n", c.benchmarks.len())
}

/// Markdown for a pull-request comment.
pub fn render_markdown(c: &Comparison) -> String {
    format!("{} rows\n", c.benchmarks.len())
}

/// Stable, versioned JSON (pretty-printed).
pub fn render_json(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
