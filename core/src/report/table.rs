//! The terminal table: aligned columns measured in display width (`unicode-width`, so `µs`,
//! CJK names and emoji line up), then one line per row that needs attention with its reason,
//! the warnings, and a summary line.
//!
//! ```text
//! Verdict    Benchmark  Baseline  Candidate  Change                CI        p  Noise
//! ---------  ---------  --------  ---------  ------  ----------------  -------  -----
//! regressed  fib/20     100.2 ns   120.2 ns  +20.0%  [+19.5%, +20.6%]  < 0.001  ±0.7%
//! unchanged  io/read    1.002 ms   1.002 ms   +0.0%    [-0.4%, +0.5%]    1.000  ±0.7%
//!
//! regressed fib/20: +20.0% median, 95% CI [+19.5%, +20.6%], p < 0.001 (FDR-adjusted), …
//! 1 regressed, 1 unchanged (threshold 10%)
//! ```
//!
//! Colour is opt-in ([`TableOptions::color`]) and only ever wraps already padded cells, so
//! alignment does not depend on it. All untrusted text passes through [`escape::visible`].

use unicode_width::UnicodeWidthStr;

use super::escape;
use super::{cells, TableOptions};
use crate::compare::{BenchmarkComparison, Comparison, Verdict};

const HEADER: [&str; 8] = [
    "Verdict",
    "Benchmark",
    "Baseline",
    "Candidate",
    "Change",
    "CI",
    "p",
    "Noise",
];
/// Text columns are left-aligned, numbers right-aligned (so the last column needs no
/// trailing spaces and every line has the same width).
const LEFT: [bool; 8] = [true, true, false, false, false, false, false, false];
pub(super) const GAP: &str = "  ";

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
pub(super) const YELLOW: &str = "\x1b[33m";
pub(super) const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub(super) fn colour_of(v: Verdict) -> Option<&'static str> {
    match v {
        Verdict::Regressed => Some(RED),
        Verdict::Improved => Some(GREEN),
        Verdict::Inconclusive => Some(YELLOW),
        Verdict::Unchanged | Verdict::Added | Verdict::Removed => None,
    }
}

pub(super) fn paint(text: &str, colour: Option<&str>, on: bool) -> String {
    match colour {
        Some(code) if on => format!("{code}{text}{RESET}"),
        _ => text.to_string(),
    }
}

fn row_cells(row: &BenchmarkComparison) -> [String; 8] {
    [
        row.verdict.name().to_string(),
        escape::visible(&cells::name_and_metric(row)),
        escape::visible(&cells::value(row.baseline.as_ref(), &row.unit)),
        escape::visible(&cells::value(row.candidate.as_ref(), &row.unit)),
        cells::change(row),
        cells::ci(row),
        cells::p(row),
        cells::noise(row),
    ]
}

pub(super) fn pad(text: &str, width: usize, left: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if left {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}

/// One line of padded cells; `colours[i]` wraps cell `i` after padding.
fn line(cells: &[String; 8], widths: &[usize; 8], colours: [Option<&str>; 8], on: bool) -> String {
    let parts: Vec<String> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| paint(&pad(c, widths[i], LEFT[i]), colours[i], on))
        .collect();
    parts.join(GAP)
}

pub(super) fn render(c: &Comparison, options: &TableOptions) -> String {
    let on = options.color;
    let rows: Vec<&BenchmarkComparison> = cells::ordered(c)
        .into_iter()
        .filter(|r| options.show_unchanged || r.verdict != Verdict::Unchanged)
        .collect();
    let body: Vec<(Verdict, [String; 8])> =
        rows.iter().map(|r| (r.verdict, row_cells(r))).collect();
    let header: [String; 8] = HEADER.map(str::to_string);
    let mut widths = header.clone().map(|h| h.width());
    for (_, cells) in &body {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(cell.width());
        }
    }

    let mut out = String::new();
    if c.benchmarks.is_empty() {
        out.push_str("No benchmarks to compare: neither run has results.\n");
    } else if !body.is_empty() {
        out.push_str(&line(&header, &widths, [on.then_some(BOLD); 8], on));
        out.push('\n');
        let rule = widths.map(|w| "-".repeat(w));
        out.push_str(&line(&rule, &widths, [None; 8], on));
        out.push('\n');
        for (verdict, cells) in &body {
            let mut colours = [None; 8];
            colours[0] = colour_of(*verdict);
            out.push_str(&line(cells, &widths, colours, on));
            out.push('\n');
        }
        out.push('\n');
    }

    let attention: Vec<&&BenchmarkComparison> = rows
        .iter()
        .filter(|r| r.verdict != Verdict::Unchanged)
        .collect();
    for r in attention {
        out.push_str(&format!(
            "{} {}: {}\n",
            paint(r.verdict.name(), colour_of(r.verdict), on),
            escape::visible(&cells::name_and_metric(r)),
            escape::visible(&r.reason)
        ));
    }
    for w in &c.warnings {
        out.push_str(&format!(
            "{}: {}\n",
            paint("warning", Some(YELLOW), on),
            escape::visible(w)
        ));
    }
    out.push_str(&cells::summary(c));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_uses_display_width() {
        assert_eq!(pad("µs", 4, false), "  µs");
        assert_eq!(pad("日本", 6, true), "日本  ");
        assert_eq!(pad("toolong", 3, true), "toolong");
    }

    #[test]
    fn colour_only_when_asked() {
        assert_eq!(paint("regressed", Some(RED), false), "regressed");
        assert_eq!(
            paint("regressed", Some(RED), true),
            "\x1b[31mregressed\x1b[0m"
        );
        assert_eq!(paint("unchanged", None, true), "unchanged");
    }

    #[test]
    fn lines_have_equal_width() {
        let widths = [9, 6, 4, 4, 4, 4, 4, 5];
        let a = ["regressed", "µ", "1", "2", "3", "4", "5", "±1%"].map(str::to_string);
        let b = ["added", "名前", "1", "2", "3", "4", "5", "-"].map(str::to_string);
        let la = line(&a, &widths, [None; 8], false);
        let lb = line(&b, &widths, [None; 8], false);
        assert_eq!(la.width(), lb.width());
        assert!(!la.ends_with(' '));
    }
}
