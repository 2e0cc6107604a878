//! Markdown for a pull-request comment (GitHub-flavoured):
//!
//! ```text
//! <!-- benchcore-report -->                       marker the GitHub Action finds its comment by
//! ### ❌ benchcore: 1 regression (2 inconclusive)  verdict heading
//! Compared candidate … against baseline …; threshold 10%.
//! > ⚠️ warnings
//! | Verdict | Benchmark | … | Reason |               rows that need attention, worst first
//! <details><summary>All N results</summary>       every row, unchanged ones included
//! ```
//!
//! Every untrusted string, and every cell, goes through [`escape::markdown`], so names like
//! `<img onerror=…>`, `a|b` or `@someone` render as text and cannot break the table.

use super::cells;
use super::escape::markdown as esc;
use crate::compare::{BenchmarkComparison, Comparison, RunRef, Verdict};

/// First line of every report; the GitHub Action updates the comment that carries it.
pub(crate) const MARKER: &str = "<!-- benchcore-report -->";

const HEADER: &str =
    "| Verdict | Benchmark | Metric | Baseline | Candidate | Change | CI | p | Noise | Reason |\n\
                      | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";

pub(super) fn verdict_label(v: Verdict) -> String {
    let icon = match v {
        Verdict::Regressed => "❌ ",
        Verdict::Inconclusive => "❔ ",
        Verdict::Improved => "✅ ",
        Verdict::Removed => "➖ ",
        Verdict::Added => "➕ ",
        Verdict::Unchanged => "",
    };
    format!("{icon}{}", v.name())
}

fn heading(c: &Comparison) -> String {
    let s = &c.summary;
    if c.benchmarks.is_empty() {
        return "### ⚠️ benchcore: nothing to compare".to_string();
    }
    let inconclusive = if s.inconclusive > 0 {
        format!(" ({} inconclusive)", s.inconclusive)
    } else {
        String::new()
    };
    match s.regressed {
        0 => format!("### ✅ benchcore: no regressions{inconclusive}"),
        1 => format!("### ❌ benchcore: 1 regression{inconclusive}"),
        n => format!("### ❌ benchcore: {n} regressions{inconclusive}"),
    }
}

/// `**target/criterion** (criterion, baseline main, branch main, commit 0123456789ab)`.
pub(super) fn describe(r: &RunRef) -> String {
    let title = match r.path.as_deref() {
        Some(p) if !p.is_empty() => esc(p),
        _ if r.id.is_empty() => format!("{} run", esc(&r.format)),
        _ => format!("{} run {}", esc(&r.format), esc(short(&r.id))),
    };
    let mut details = vec![esc(&r.format)];
    if let Some(b) = &r.baseline {
        details.push(format!("baseline {}", esc(b)));
    }
    if let Some(b) = &r.branch {
        details.push(format!("branch {}", esc(b)));
    }
    if let Some(c) = &r.commit {
        details.push(format!("commit {}", esc(short(c))));
    }
    format!("**{title}** ({})", details.join(", "))
}

/// The first 12 characters of a full hexadecimal hash; anything else unchanged.
fn short(hash: &str) -> &str {
    if hash.len() > 12 && hash.chars().all(|c| c.is_ascii_hexdigit()) {
        &hash[..12]
    } else {
        hash
    }
}

fn table(out: &mut String, rows: &[&BenchmarkComparison]) {
    out.push_str(HEADER);
    for r in rows {
        let cells = [
            verdict_label(r.verdict),
            esc(&cells::name(r)),
            esc(&r.metric),
            esc(&cells::value(r.baseline.as_ref(), &r.unit)),
            esc(&cells::value(r.candidate.as_ref(), &r.unit)),
            esc(&cells::change(r)),
            esc(&cells::ci(r)),
            esc(&cells::p(r)),
            esc(&cells::noise(r)),
            esc(&r.reason),
        ];
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    }
}

/// The warnings as one quoted block (escaped), followed by a blank line; nothing when none.
pub(super) fn push_warnings(out: &mut String, warnings: &[String]) {
    for (i, w) in warnings.iter().enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        out.push_str(&format!("> ⚠️ {}\n", esc(w)));
    }
    if !warnings.is_empty() {
        out.push('\n');
    }
}

pub(super) fn render(c: &Comparison) -> String {
    let mut out = String::new();
    out.push_str(MARKER);
    out.push('\n');
    out.push_str(&heading(c));
    out.push_str("\n\n");
    out.push_str(&format!(
        "Compared candidate {} against baseline {}; {}.\n\n",
        describe(&c.candidate),
        describe(&c.baseline),
        esc(&cells::threshold(c))
    ));
    push_warnings(&mut out, &c.warnings);
    if c.benchmarks.is_empty() {
        out.push_str("Neither run contains benchmark results, so nothing was compared.\n");
        return out;
    }

    let rows = cells::ordered(c);
    let attention: Vec<&BenchmarkComparison> = rows
        .iter()
        .copied()
        .filter(|r| r.verdict != Verdict::Unchanged)
        .collect();
    if attention.is_empty() {
        match rows.len() {
            1 => out.push_str("The only benchmark is unchanged.\n"),
            n => out.push_str(&format!("All {n} benchmarks are unchanged.\n")),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run_ref() -> RunRef {
        RunRef {
            id: "0123456789abcdef0123456789abcdef".into(),
            format: "criterion".into(),
            path: None,
            baseline: None,
            commit: None,
            branch: None,
            time: None,
        }
    }

    #[test]
    fn describes_runs_with_what_is_known() {
        assert_eq!(
            describe(&run_ref()),
            "**criterion run 0123456789ab** (criterion)"
        );
        let r = RunRef {
            path: Some("target/criterion".into()),
            baseline: Some("main".into()),
            branch: Some("feat/x".into()),
            commit: Some("a".repeat(40)),
            ..run_ref()
        };
        assert_eq!(
            describe(&r),
            "**target/criterion** (criterion, baseline main, branch feat/x, commit aaaaaaaaaaaa)"
        );
    }

    #[test]
    fn untrusted_run_fields_are_escaped() {
        let r = RunRef {
            path: Some("**bold** <b>".into()),
            branch: Some("@octocat".into()),
            commit: Some("[x](javascript:alert(1))".into()),
            ..run_ref()
        };
        let d = describe(&r);
        assert!(
            !d.contains("<b>") && !d.contains("@octocat") && !d.contains("](j"),
            "{d}"
        );
        assert!(d.starts_with("**\\*\\*bold\\*\\* &lt;b&gt;**"), "{d}");
    }

    #[test]
    fn short_only_cuts_hex_hashes() {
        assert_eq!(short("0123456789abcdef"), "0123456789ab");
        assert_eq!(short("v1.2.3-with-long-tag"), "v1.2.3-with-long-tag");
        assert_eq!(short("µµµµµµµµµµµµµµ"), "µµµµµµµµµµµµµµ");
    }

    #[test]
    fn verdict_labels() {
        assert_eq!(verdict_label(Verdict::Regressed), "❌ regressed");
        assert_eq!(verdict_label(Verdict::Unchanged), "unchanged");
    }
}
