#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Renderers of a history-gate `CheckReport`: table, Markdown and JSON on a report with every
//! verdict, an empty report, and hostile names.

use benchcore::{
    check, render_check_json, render_check_markdown, render_check_table, Benchmark, CheckOptions,
    CheckReport, Measurement, Metric, Point, Run, Series, Summary, TableOptions,
};
use unicode_width::UnicodeWidthStr;

fn flat(level: f64, n: usize) -> Vec<Point> {
    (0..n)
        .map(|i| Point::value(level * (1.0 + 0.01 * [0.0, 1.0, -1.0, 0.5, -0.5][i % 5])))
        .collect()
}

fn series(name: &str, metric: &Metric, points: Vec<Point>) -> Series {
    Series {
        name: name.into(),
        metric: metric.name.clone(),
        unit: metric.unit.clone(),
        direction: metric.direction,
        group: None,
        points,
    }
}

fn candidate(values: &[(&str, Metric, f64)], path: &str) -> Run {
    let mut r = Run::new("test");
    r.source.path = Some(path.into());
    for (name, metric, v) in values {
        let mut b = Benchmark::new(*name);
        b.measurements.push(Measurement {
            metric: metric.clone(),
            summary: Summary::single(*v),
            samples: Vec::new(),
        });
        r.benchmarks.push(b);
    }
    r.finalize(path).unwrap()
}

/// regressed (µs), improved, unchanged, inconclusive, added, and a throughput row.
fn mixed() -> CheckReport {
    let t = Metric::time();
    let tp = Metric::throughput("elem/s");
    let history = vec![
        series("fib/20", &t, flat(15_000.0, 30)),
        series("io/read", &t, flat(2e6, 30)),
        series("parse/small", &t, flat(100.0, 30)),
        series("short", &t, flat(100.0, 2)),
        series("stream", &tp, flat(1.2e6, 30)),
    ];
    let cand = candidate(
        &[
            ("fib/20", t.clone(), 18_000.0),
            ("io/read", t.clone(), 1.5e6),
            ("parse/small", t.clone(), 100.0),
            ("short", t.clone(), 100.0),
            ("new/one", t.clone(), 5.0),
            ("stream", tp, 1.2e6),
        ],
        "cand.json",
    );
    check(&cand, &history, &CheckOptions::default(), |_| None).unwrap()
}

#[test]
fn table_lists_attention_first_with_units_bounds_and_reasons() {
    let text = render_check_table(&mixed(), &TableOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        [
            "Verdict",
            "Benchmark",
            "Baseline",
            "Bounds",
            "Candidate",
            "Change",
            "Runs"
        ]
    );
    let table: Vec<&str> = lines
        .iter()
        .copied()
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 2 + 6, "{text}");
    let width = table[0].width();
    assert!(table.iter().all(|l| l.width() == width), "{text}");
    let first: Vec<&str> = table[2].split_whitespace().collect();
    assert_eq!(&first[..2], ["regressed", "fib/20"], "{text}");
    assert!(
        table[2].contains("15 µs") && table[2].contains("18 µs"),
        "{text}"
    );
    assert!(
        table[2].contains("+20.0%") && table[2].ends_with("30"),
        "{text}"
    );
    assert!(table[3].starts_with("inconclusive  short "), "{text}");
    assert!(table[3].ends_with(" 2"), "{text}");
    assert!(table[4].starts_with("improved"), "{text}");
    assert!(
        table[5].starts_with("added") && table[5].trim_end().ends_with('-'),
        "{text}"
    );
    assert!(text.contains("stream [throughput]"), "{text}");
    assert!(
        text.contains("regressed fib/20: 18 µs is above the upper bound"),
        "{text}"
    );
    assert!(text.contains("added new/one: no history for this benchmark and metric"));
    assert!(text.trim_end().ends_with(
        "1 regressed, 1 inconclusive, 1 improved, 1 added, 2 unchanged \
         (t-test on values, boundary 0.99999, window 30, robust baseline)"
    ));
    assert!(!text.contains('\u{1b}'));
    let coloured = render_check_table(
        &mixed(),
        &TableOptions {
            color: true,
            show_unchanged: false,
        },
    );
    assert!(coloured.contains("\u{1b}[31mregressed"), "{coloured}");
    assert!(!coloured.contains("parse/small"), "{coloured}");
}

#[test]
fn markdown_heading_gate_line_attention_and_details() {
    let md = render_check_markdown(&mixed());
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "<!-- benchcore-report -->");
    assert_eq!(
        lines[1],
        "### ❌ benchcore check: 1 regression (1 inconclusive)"
    );
    assert!(
        md.contains("against its history: t\\-test on values, boundary 0\\.99999, window 30"),
        "{md}"
    );
    assert!(md.contains("**cand\\.json** (test)"), "{md}");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    // Header and rule twice, 4 rows needing attention, 6 rows in the details.
    assert_eq!(rows.len(), 2 + 4 + 2 + 6, "{md}");
    assert!(
        rows[2].starts_with("| ❌ regressed | fib/20 | time | 15 µs |"),
        "{md}"
    );
    assert!(md.contains("<details><summary>All 6 results</summary>"));
    // JSON is the report itself (numbers may lose their last bit through text).
    let json: CheckReport = serde_json::from_str(&render_check_json(&mixed())).unwrap();
    assert_eq!(json.summary, mixed().summary);
    assert_eq!(
        json.benchmarks[0].result.reason,
        mixed().benchmarks[0].result.reason
    );
}

#[test]
fn empty_and_all_unchanged_reports_say_so() {
    let empty = check(
        &candidate(&[], "c.json"),
        &[],
        &CheckOptions::default(),
        |_| None,
    )
    .unwrap();
    let text = render_check_table(&empty, &TableOptions::default());
    assert!(text.starts_with("No benchmarks to check"), "{text}");
    assert!(text.contains("no benchmarks checked (t-test"), "{text}");
    let md = render_check_markdown(&empty);
    assert!(md.contains("nothing to check"), "{md}");
    let t = Metric::time();
    let calm = check(
        &candidate(&[("a", t.clone(), 100.0)], "c.json"),
        &[series("a", &t, flat(100.0, 10))],
        &CheckOptions::default(),
        |_| None,
    )
    .unwrap();
    let md = render_check_markdown(&calm);
    assert!(
        md.contains("### ✅ benchcore check: no regressions"),
        "{md}"
    );
    assert!(
        md.contains("The only benchmark is within its bounds."),
        "{md}"
    );
}

#[test]
fn hostile_names_and_branches_stay_inert() {
    let t = Metric::time();
    let names = [
        "<img src=x onerror=alert(1)>",
        "a|b",
        "@octocat",
        "two\nlines",
        "\u{1b}[31mred",
        "\u{202e}evil",
    ];
    let history: Vec<Series> = names
        .iter()
        .map(|n| series(n, &t, flat(100.0, 10)))
        .collect();
    let values: Vec<(&str, Metric, f64)> = names.iter().map(|n| (*n, t.clone(), 150.0)).collect();
    let mut cand = candidate(&values, "[c](javascript:alert(1))");
    cand.branch = Some("`x`\n# heading".into());
    let o = CheckOptions {
        baseline_branch: Some("<b>@main</b>".into()),
        ..CheckOptions::default()
    };
    let r = check(&cand, &history, &o, |_| None).unwrap();
    assert_eq!(r.summary.regressed, 6);
    let md = render_check_markdown(&r);
    for bad in [
        "<img",
        "<b>",
        "@octocat",
        "@main",
        "](javascript:",
        "\u{1b}",
        "\u{202e}",
    ] {
        assert!(!md.contains(bad), "{bad:?} raw in\n{md}");
    }
    assert!(
        !md.contains("\n# heading") && !md.contains("two\nlines"),
        "{md}"
    );
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let mut pipes = 0;
        let mut slashes = 0;
        for c in line.chars() {
            if c == '|' && slashes % 2 == 0 {
                pipes += 1;
            }
            slashes = if c == '\\' { slashes + 1 } else { 0 };
        }
        assert_eq!(pipes, 10, "{line}");
    }
    let text = render_check_table(&r, &TableOptions::default());
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("\\x1b[31mred"), "{text}");
}
