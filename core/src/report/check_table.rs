//! The terminal table of a [`CheckReport`], laid out like the comparison table
//! (`report/table.rs`, whose padding and colours it reuses):
//!
//! ```text
//! Verdict    Benchmark  Baseline  Bounds                Candidate  Change  Runs
//! ---------  ---------  --------  --------------------  ---------  ------  ----
//! regressed  fib/20     100.2 ns  [91.3 ns, 109.4 ns]    120.2 ns  +20.0%    30
//!
//! regressed fib/20: 120.2 ns is above the upper bound 109.4 ns, +20.0% vs …
//! 1 regressed (t-test on values, boundary 0.99999, window 30, robust baseline)
//! ```
//!
//! All untrusted text passes through [`escape::visible`].

use unicode_width::UnicodeWidthStr;

use super::check_cells as cells;
use super::escape;
use super::table::{colour_of, pad, paint, BOLD, GAP, YELLOW};
use super::TableOptions;
use crate::compare::Verdict;
use crate::gate::{CheckReport, CheckRow};

const HEADER: [&str; 7] = [
    "Verdict",
    "Benchmark",
    "Baseline",
    "Bounds",
    "Candidate",
    "Change",
    "Runs",
];
const LEFT: [bool; 7] = [true, true, false, false, false, false, false];

fn row_cells(row: &CheckRow) -> [String; 7] {
    [
        row.result.verdict.name().to_string(),
        escape::visible(&cells::name_and_metric(row)),
        escape::visible(&cells::baseline(row)),
        escape::visible(&cells::bounds(row)),
        escape::visible(&cells::candidate(row)),
        cells::change(row),
        cells::runs(row),
    ]
}

fn line(cells: &[String; 7], widths: &[usize; 7], verdict: Option<Verdict>, on: bool) -> String {
    let parts: Vec<String> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let padded = pad(c, widths[i], LEFT[i]);
            match (i, verdict) {
                (0, Some(v)) => paint(&padded, colour_of(v), on),
                _ => padded,
            }
        })
        .collect();
    parts.join(GAP)
}

pub(super) fn render(r: &CheckReport, options: &TableOptions) -> String {
    let on = options.color;
    let rows: Vec<&CheckRow> = cells::ordered(r)
        .into_iter()
        .filter(|row| options.show_unchanged || row.result.verdict != Verdict::Unchanged)
        .collect();
    let body: Vec<(Verdict, [String; 7])> = rows
        .iter()
        .map(|row| (row.result.verdict, row_cells(row)))
        .collect();
    let header = HEADER.map(str::to_string);
    let mut widths = header.clone().map(|h| h.width());
    for (_, c) in &body {
        for (w, cell) in widths.iter_mut().zip(c) {
            *w = (*w).max(cell.width());
        }
    }

    let mut out = String::new();
    if r.benchmarks.is_empty() {
        out.push_str("No benchmarks to check: the candidate has no results.\n");
    } else if !body.is_empty() {
        let head: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| paint(&pad(h, widths[i], LEFT[i]), Some(BOLD), on))
            .collect();
        out.push_str(&head.join(GAP));
        out.push('\n');
        out.push_str(&line(&widths.map(|w| "-".repeat(w)), &widths, None, on));
        out.push('\n');
        for (v, c) in &body {
            out.push_str(&line(c, &widths, Some(*v), on));
            out.push('\n');
        }
        out.push('\n');
    }
    for row in rows
        .iter()
        .filter(|row| row.result.verdict != Verdict::Unchanged)
    {
        out.push_str(&format!(
            "{} {}: {}\n",
            paint(row.result.verdict.name(), colour_of(row.result.verdict), on),
            escape::visible(&cells::name_and_metric(row)),
            escape::visible(&row.result.reason)
        ));
    }
    for w in &r.warnings {
        out.push_str(&format!(
            "{}: {}\n",
            paint("warning", Some(YELLOW), on),
            escape::visible(w)
        ));
    }
    out.push_str(&escape::visible(&cells::summary(r)));
    out.push('\n');
    out
}
