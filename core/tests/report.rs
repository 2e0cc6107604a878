#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Renderers end to end: comparisons built with `benchcore::compare` on small synthetic runs,
//! covering every verdict, rendered as a table, Markdown and JSON; plus hostile names.

use benchcore::{
    compare, format_value, render_json, render_markdown, render_table, Benchmark, CompareOptions,
    Comparison, Measurement, Metric, Run, TableOptions, Verdict,
};
use unicode_width::UnicodeWidthStr;

const BASE: [f64; 8] = [100.0, 101.0, 99.0, 100.5, 100.2, 99.8, 100.1, 100.3];

fn scaled(k: f64) -> Vec<f64> {
    BASE.iter().map(|v| v * k).collect()
}

fn bench(name: &str, metric: Metric, samples: Vec<f64>) -> Benchmark {
    let mut b = Benchmark::new(name);
    b.measurements
        .push(Measurement::from_samples(metric, samples));
    b
}

fn run(benchmarks: Vec<Benchmark>, path: &str) -> Run {
    let mut run = Run::new("test");
    run.source.path = Some(path.into());
    run.benchmarks = benchmarks;
    run.finalize(path).unwrap()
}

/// One row of every verdict, with microsecond values, a CJK name and a throughput metric.
fn mixed() -> Comparison {
    // The typical value moves by +20% but the fastest sample stays: the noise guard calls it
    // inconclusive.
    let noisy = vec![100.0, 120.0, 121.0, 119.5, 120.4, 120.2, 119.9, 120.6];
    let base = run(
        vec![
            bench("parse/small", Metric::time(), scaled(150.0)),
            bench("fib/20", Metric::time(), scaled(1.0)),
            bench("解析/大きい", Metric::time(), scaled(1.0)),
            bench("io/read", Metric::time(), scaled(10_000.0)),
            bench("jitter", Metric::time(), scaled(1.0)),
            bench("old/gone", Metric::time(), scaled(1.0)),
            bench("stream", Metric::throughput("elem/s"), scaled(12_000.0)),
        ],
        "base.json",
    );
    let cand = run(
        vec![
            bench("parse/small", Metric::time(), scaled(150.0)),
            bench("fib/20", Metric::time(), scaled(1.2)),
            bench("解析/大きい", Metric::time(), scaled(1.0)),
            bench("io/read", Metric::time(), scaled(7_500.0)),
            bench("jitter", Metric::time(), noisy),
            bench("new/one", Metric::time(), scaled(3.0)),
            bench("stream", Metric::throughput("elem/s"), scaled(12_050.0)),
        ],
        "cand.json",
    );
    compare(&base, &cand, &CompareOptions::default()).unwrap()
}

fn verdict_of(c: &Comparison, name: &str) -> Verdict {
    c.benchmarks
        .iter()
        .find(|b| b.name == name)
        .unwrap()
        .verdict
}

/// The table part of a rendered table: the lines before the first empty one.
fn table_lines(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| !l.is_empty()).collect()
}

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Number of `|` not escaped by an odd run of backslashes.
fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for c in line.chars() {
        if c == '|' && backslashes % 2 == 0 {
            count += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    count
}

#[test]
fn the_fixture_covers_every_verdict() {
    let c = mixed();
    assert_eq!(verdict_of(&c, "fib/20"), Verdict::Regressed);
    assert_eq!(verdict_of(&c, "io/read"), Verdict::Improved);
    assert_eq!(verdict_of(&c, "parse/small"), Verdict::Unchanged);
    assert_eq!(verdict_of(&c, "jitter"), Verdict::Inconclusive);
    assert_eq!(verdict_of(&c, "new/one"), Verdict::Added);
    assert_eq!(verdict_of(&c, "old/gone"), Verdict::Removed);
    assert_eq!(verdict_of(&c, "stream"), Verdict::Unchanged);
}

#[test]
fn table_columns_align_in_display_width() {
    let text = render_table(&mixed(), &TableOptions::default());
    let lines = table_lines(&text);
    assert_eq!(lines.len(), 2 + 8, "{text}");
    let width = lines[0].width();
    for l in &lines {
        assert_eq!(l.width(), width, "misaligned line {l:?} in\n{text}");
    }
    assert!(text.contains("µs"), "{text}");
    assert!(text.contains("解析/大きい"), "{text}");
    assert!(text.contains("stream [throughput]"), "{text}");
    assert!(text.contains("Melem/s"), "{text}");
}

#[test]
fn table_colour_is_opt_in() {
    let c = mixed();
    let plain = render_table(&c, &TableOptions::default());
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let coloured = render_table(
        &c,
        &TableOptions {
            color: true,
            ..TableOptions::default()
        },
    );
    assert!(coloured.contains("\u{1b}[31mregressed"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[32mimproved"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[33minconclusive"), "{coloured:?}");
}

#[test]
fn table_lists_attention_first_then_reasons_then_summary() {
    let c = mixed();
    let text = render_table(&c, &TableOptions::default());
    let lines = table_lines(&text);
    let order: Vec<&str> = lines[2..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "regressed",
            "inconclusive",
            "improved",
            "removed",
            "added",
            "unchanged",
            "unchanged",
            "unchanged"
        ]
    );
    let fib = c.benchmarks.iter().find(|b| b.name == "fib/20").unwrap();
    assert!(
        text.contains(&format!("regressed fib/20: {}", fib.reason)),
        "{text}"
    );
    assert!(!text.contains("unchanged parse/small:"), "{text}");
    let last = text.lines().last().unwrap();
    assert_eq!(
        last,
        "1 regressed, 1 inconclusive, 1 improved, 1 removed, 1 added, 3 unchanged (threshold 10%)"
    );
}

#[test]
fn table_can_hide_unchanged_rows() {
    let text = render_table(
        &mixed(),
        &TableOptions {
            show_unchanged: false,
            ..TableOptions::default()
        },
    );
    assert_eq!(table_lines(&text).len(), 2 + 5, "{text}");
    assert!(!text.contains("parse/small"), "{text}");
    assert!(text.ends_with("3 unchanged (threshold 10%)\n"), "{text}");
}

#[test]
fn markdown_heading_order_and_details() {
    let c = mixed();
    let md = render_markdown(&c);
    assert!(md.starts_with("<!-- benchcore-report -->\n"), "{md}");
    assert_eq!(
        md.lines().nth(1).unwrap(),
        "### ❌ benchcore: 1 regression (1 inconclusive)"
    );
    assert!(
        md.contains("**cand\\.json**") && md.contains("**base\\.json**"),
        "{md}"
    );
    assert!(md.contains("threshold 10%"), "{md}");
    let details = md
        .find("<details><summary>All 8 results</summary>")
        .unwrap();
    assert!(md.contains("</details>"));
    let (attention, all) = md.split_at(details);
    assert!(
        !attention.contains("parse/small"),
        "unchanged rows stay folded:\n{md}"
    );
    assert!(attention.find("fib/20").unwrap() < attention.find("jitter").unwrap());
    assert!(all.find("fib/20").unwrap() < all.find("parse/small").unwrap());
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(unescaped_pipes(line), 11, "{line}");
    }
}

#[test]
fn markdown_without_regressions_says_so() {
    let base = run(vec![bench("a", Metric::time(), scaled(1.0))], "b");
    let same = run(vec![bench("a", Metric::time(), scaled(1.0))], "c");
    let md = render_markdown(&compare(&base, &same, &CompareOptions::default()).unwrap());
    assert_eq!(
        md.lines().nth(1).unwrap(),
        "### ✅ benchcore: no regressions"
    );
    assert!(md.contains("The only benchmark is unchanged."), "{md}");
    assert!(md.contains("<details>"), "{md}");
}

#[test]
fn empty_comparisons_render_a_sentence() {
    let empty = run(Vec::new(), "empty");
    let c = compare(&empty, &empty, &CompareOptions::default()).unwrap();
    let md = render_markdown(&c);
    assert!(md.starts_with("<!-- benchcore-report -->\n"));
    assert!(md.contains("nothing was compared"), "{md}");
    assert!(!md.contains("<details>"), "{md}");
    let text = render_table(&c, &TableOptions::default());
    assert!(text.starts_with("No benchmarks to compare"), "{text}");
    assert!(
        text.ends_with("no benchmarks compared (threshold 10%)\n"),
        "{text}"
    );
}

#[test]
fn warnings_are_quoted_in_markdown_and_listed_in_the_table() {
    let mut base = run(vec![bench("a", Metric::time(), scaled(1.0))], "b");
    base.environment.cpu = Some("<b>cpu A</b>".into());
    let mut cand = base.clone();
    cand.environment.cpu = Some("cpu B".into());
    let c = compare(&base, &cand, &CompareOptions::default()).unwrap();
    assert_eq!(c.warnings.len(), 1);
    let md = render_markdown(&c);
    let quote = md.lines().find(|l| l.starts_with("> ⚠️ ")).unwrap();
    assert!(quote.contains("&lt;b&gt;cpu A&lt;/b&gt;"), "{quote}");
    let text = render_table(&c, &TableOptions::default());
    assert!(
        text.contains("warning: the runs come from different environments"),
        "{text}"
    );
}

const HOSTILE: [&str; 8] = [
    "<img src=x onerror=alert(1)>",
    "a|b",
    "@octocat",
    "[x](javascript:alert(1))",
    "two\nlines",
    "`code`",
    "\u{1b}[31mred",
    "\u{202e}evil",
];

fn hostile() -> Comparison {
    let base: Vec<Benchmark> = HOSTILE
        .iter()
        .map(|n| bench(n, Metric::time(), scaled(1.0)))
        .collect();
    let cand: Vec<Benchmark> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, n)| {
            bench(
                n,
                Metric::time(),
                scaled(if i % 2 == 0 { 1.3 } else { 1.0 }),
            )
        })
        .collect();
    let mut base = run(base, "base/<script>|@octocat");
    base.branch = Some("feat/`x`\n# heading".into());
    base.commit = Some("[c](javascript:alert(1))".into());
    let cand = run(cand, "\u{1b}]8;;http://evil\u{7}cand");
    compare(&base, &cand, &CompareOptions::default()).unwrap()
}

#[test]
fn hostile_names_stay_inert_in_markdown() {
    let c = hostile();
    let md = render_markdown(&c);
    for bad in [
        "<img",
        "<script",
        "@octocat",
        "](javascript:",
        "`code`",
        "\u{1b}",
        "\u{202e}",
    ] {
        assert!(!md.contains(bad), "{bad:?} appears raw in\n{md}");
    }
    assert!(!md.contains("two\nlines"), "{md}");
    assert!(!md.contains("\n# heading"), "{md}");
    assert!(!md.chars().any(is_dangerous), "{md:?}");
    // Every table line is one row with exactly 10 columns, whatever the names held.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 2 + 4 + 2 + 8, "{md}");
    for line in rows {
        assert!(line.ends_with(" |"), "{line}");
        assert_eq!(unescaped_pipes(line), 11, "{line}");
    }
    assert!(md.contains("a\\|b"), "{md}");
    assert!(
        md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"),
        "{md}"
    );
    assert!(md.contains("\\[x\\]\\(javascript:alert\\(1\\)\\)"), "{md}");
    assert!(md.contains("two\\\\nlines"), "{md}");
    assert!(md.contains("\\\\u\\{202e\\}evil"), "{md}");
}

#[test]
fn hostile_names_never_reach_the_terminal_raw() {
    let c = hostile();
    for color in [false, true] {
        let text = render_table(
            &c,
            &TableOptions {
                color,
                ..TableOptions::default()
            },
        );
        let stripped = text
            .replace("\u{1b}[31m", "")
            .replace("\u{1b}[32m", "")
            .replace("\u{1b}[33m", "")
            .replace("\u{1b}[1m", "")
            .replace("\u{1b}[0m", "");
        assert!(!stripped.chars().any(is_dangerous), "{text:?}");
        assert!(stripped.contains("\\x1b[31mred"), "{text}");
        assert!(stripped.contains("\\u{202e}evil"), "{text}");
        assert!(stripped.contains("two\\nlines"), "{text}");
        if !color {
            let lines = table_lines(&text);
            assert_eq!(lines.len(), 2 + 8, "{text}");
            let width = lines[0].width();
            assert!(lines.iter().all(|l| l.width() == width), "{text}");
        }
    }
}

#[test]
fn json_is_the_comparison_itself() {
    let c = mixed();
    let json = render_json(&c);
    assert!(json.starts_with("{\n  \"version\": 1,"), "{json}");
    assert_eq!(json, serde_json::to_string_pretty(&c).unwrap());
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["benchmarks"][1]["verdict"], "regressed");
    assert_eq!(back["summary"]["total"], 8);
}

#[test]
fn format_value_is_public() {
    assert_eq!(format_value(15_550.0, "ns"), "15.55 µs");
    assert_eq!(format_value(1_230_000.0, "elem/s"), "1.23 Melem/s");
    assert_eq!(format_value(f64::NAN, "B"), "n/a");
}

#[test]
fn a_name_cannot_spoof_the_comment_marker() {
    let marker = "<!-- benchcore-report -->";
    let base = run(vec![bench(marker, Metric::time(), scaled(1.0))], "b");
    let md = render_markdown(&compare(&base, &base, &CompareOptions::default()).unwrap());
    assert_eq!(md.matches(marker).count(), 1, "{md}");
    assert!(md.starts_with(marker));
}

#[test]
fn table_of_only_unchanged_rows_can_be_just_the_summary() {
    let base = run(vec![bench("a", Metric::time(), scaled(1.0))], "b");
    let c = compare(&base, &base, &CompareOptions::default()).unwrap();
    let hidden = TableOptions {
        show_unchanged: false,
        ..TableOptions::default()
    };
    assert_eq!(render_table(&c, &hidden), "1 unchanged (threshold 10%)\n");
    let shown = render_table(&c, &TableOptions::default());
    assert_eq!(table_lines(&shown).len(), 3, "{shown}");
}
