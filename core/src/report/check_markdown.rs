//! Markdown for a pull-request comment about a [`CheckReport`], shaped like the comparison's
//! (`report/markdown.rs`, whose marker, verdict labels and run description it reuses):
//!
//! ```text
//! <!-- benchcore-report -->
//! ### ❌ benchcore check: 1 regression (2 inconclusive)
//! Checked candidate … against its history: t-test on values, boundary 0.99999, ….
//! | Verdict | Benchmark | Metric | Baseline | Bounds | Candidate | Change | Runs | Reason |
//! <details><summary>All N results</summary> …
//! ```
//!
//! Every untrusted string and every cell goes through [`escape::markdown`].

use super::check_cells as cells;
use super::escape::markdown as esc;
use super::markdown::{describe, push_warnings, verdict_label, MARKER};
use crate::compare::Verdict;
use crate::gate::{CheckReport, CheckRow};

const HEADER: &str =
    "| Verdict | Benchmark | Metric | Baseline | Bounds | Candidate | Change | Runs | Reason |\n\
     | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n";

fn heading(r: &CheckReport) -> String {
    if r.benchmarks.is_empty() {
        return "### ⚠️ benchcore check: nothing to check".to_string();
    }
    let s = &r.summary;
    let inconclusive = match s.inconclusive {
        0 => String::new(),
        n => format!(" ({n} inconclusive)"),
    };
    match s.regressed {
        0 => format!("### ✅ benchcore check: no regressions{inconclusive}"),
        1 => format!("### ❌ benchcore check: 1 regression{inconclusive}"),
        n => format!("### ❌ benchcore check: {n} regressions{inconclusive}"),
    }
}

fn table(out: &mut String, rows: &[&CheckRow]) {
    out.push_str(HEADER);
    for row in rows {
        let c = [
            verdict_label(row.result.verdict),
            esc(&cells::name(row)),
            esc(&row.metric),
            esc(&cells::baseline(row)),
            esc(&cells::bounds(row)),
            esc(&cells::candidate(row)),
            esc(&cells::change(row)),
            esc(&cells::runs(row)),
            esc(&row.result.reason),
        ];
        out.push_str("| ");
        out.push_str(&c.join(" | "));
        out.push_str(" |\n");
    }
}

pub(super) fn render(r: &CheckReport) -> String {
    let mut out = format!("{MARKER}\n{}\n\n", heading(r));
    out.push_str(&format!(
        "Checked candidate {} against its history: {}.\n\n",
        describe(&r.candidate),
        esc(&cells::gate(&r.options))
    ));
    push_warnings(&mut out, &r.warnings);
    if r.benchmarks.is_empty() {
        out.push_str("The candidate contains no benchmark results, so nothing was checked.\n");
        return out;
    }
    let rows = cells::ordered(r);
    let attention: Vec<&CheckRow> = rows
        .iter()
        .copied()
        .filter(|row| row.result.verdict != Verdict::Unchanged)
        .collect();
    if attention.is_empty() {
        match rows.len() {
            1 => out.push_str("The only benchmark is within its bounds.\n"),
            n => out.push_str(&format!("All {n} benchmarks are within their bounds.\n")),
        }
    } else {
        table(&mut out, &attention);
    }
    out.push_str(&format!(
        "\n<details><summary>All {} results</summary>\n\n",
        rows.len()
    ));
    table(&mut out, &rows);
    out.push_str("\n</details>\n");
    out
}
