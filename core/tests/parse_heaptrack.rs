//! heaptrack 1.4: facts of the real `heaptrack_print` and launcher outputs (1000-based sizes,
//! the debuggee as name) and clear errors for damaged files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, parse_path, Benchmark, CompareOptions, Error, ParseOptions, Run, Verdict,
};
use serde_json::json;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/heaptrack")
        .join(rel)
}

fn parse(rel: &str) -> Run {
    parse_path(fixture(rel).to_str().unwrap(), &ParseOptions::default()).unwrap()
}

fn raw(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

fn parse_text(file: &str, text: &str) -> Result<Run, Error> {
    parse_bytes(file, text.as_bytes(), &ParseOptions::default())
}

fn value(b: &Benchmark, metric: &str) -> f64 {
    b.measurement(metric).unwrap().summary.mean.unwrap()
}

fn verdict(base: &Run, cand: &Run, metric: &str) -> Verdict {
    compare(base, cand, &CompareOptions::default())
        .unwrap()
        .benchmarks
        .into_iter()
        .find(|b| b.metric == metric)
        .unwrap()
        .verdict
}

#[test]
fn print_summary_is_read_with_1000_based_sizes() {
    let run = parse("heaptrack.leaky.run1.print.txt");
    assert_eq!(run.source.format, "heaptrack");
    let b = &run.benchmarks[0];
    assert_eq!(b.name, "./leaky");
    let names: Vec<&str> = b
        .measurements
        .iter()
        .map(|m| m.metric.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "peak_memory",
            "peak_rss",
            "allocations",
            "temporary_allocations",
            "leaked_bytes"
        ]
    );
    assert_eq!(value(b, "peak_memory"), 8.47e6);
    assert_eq!(value(b, "peak_rss"), 12.31e6);
    assert_eq!(value(b, "allocations"), 20020.0);
    assert_eq!(value(b, "temporary_allocations"), 20000.0);
    assert_eq!(value(b, "leaked_bytes"), 14340.0);
    // The program leaks 10 × 1 KiB plus a 4 KiB stdio buffer = 14,336 B, printed `14.34K`:
    // 1000-based (a 1024-based reading would be 14,684 B).
    assert!((value(b, "leaked_bytes") - 14_336.0).abs() < 0.005 * 14_336.0);
    assert_eq!(b.extra["runtime_ns"], json!(0.27e9));
    assert!(b.measurement("time").is_none());
    for m in &b.measurements {
        assert!(matches!(m.metric.unit.as_str(), "B" | "allocs"));
    }
    let full = parse("heaptrack.leaky.run1.print-full.txt");
    assert_eq!(full.benchmarks, run.benchmarks);
    assert_eq!(verdict(&run, &run, "peak_memory"), Verdict::Unchanged);
}

#[test]
fn more_big_blocks_regress_peak_memory_only() {
    let base = parse("heaptrack.leaky.run1.print.txt");
    let cand = parse("heaptrack.leaky.run2-more.print.txt");
    assert_eq!(value(&cand.benchmarks[0], "peak_memory"), 10.57e6);
    assert_eq!(verdict(&base, &cand, "peak_memory"), Verdict::Regressed);
    assert_eq!(verdict(&base, &cand, "allocations"), Verdict::Unchanged);
    assert_eq!(verdict(&base, &cand, "leaked_bytes"), Verdict::Unchanged);
}

#[test]
fn launcher_stats_block() {
    let run = parse("run1.heaptrack.stdout.txt");
    let b = &run.benchmarks[0];
    assert_eq!(b.name, "heaptrack");
    assert_eq!(value(b, "allocations"), 20020.0);
    assert_eq!(value(b, "leaked_allocations"), 11.0);
    assert_eq!(value(b, "temporary_allocations"), 20000.0);
    let run2 = parse("run2-more.heaptrack.stdout.txt");
    assert_eq!(value(&run2.benchmarks[0], "allocations"), 20022.0);
    assert_eq!(verdict(&run, &run2, "allocations"), Verdict::Unchanged);
}

#[test]
fn damaged_files_name_the_line() {
    let text = raw("heaptrack.leaky.run1.print.txt");
    let lines: Vec<&str> = text.lines().collect();
    for keep in 1..lines.len() {
        let e = parse_text("p.txt", &lines[..keep].join("\n")).unwrap_err();
        assert_eq!(e.code(), "parse-error", "{keep}: {e}");
        assert!(e.to_string().contains("truncated"), "{keep}: {e}");
    }
    let bad = text.replace("consumption: 8.47M", "consumption: lots");
    assert_eq!(
        parse_text("p.txt", &bad).unwrap_err().to_string(),
        format!(
            "p.txt:{}: peak heap memory consumption: expected a size such as 6.51MB, found 'lots'",
            lines.len() - 2
        )
    );
    let launcher = raw("run1.heaptrack.stdout.txt");
    let cut: Vec<&str> = launcher.lines().take(6).collect();
    let e = parse_text("l.txt", &cut.join("\n")).unwrap_err();
    assert_eq!(e.info().line, Some(6));
    // No debuggee line: the file's stem names the benchmark.
    let anonymous: String = lines
        .iter()
        .filter(|l| !l.starts_with("Debuggee"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    let run = parse_text("out/leaky-main.txt", &anonymous).unwrap();
    assert_eq!(run.benchmarks[0].name, "leaky-main");
}
