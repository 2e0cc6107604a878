//! memray 1.20 and 1.11: facts of the real `stats --json` and `stats` text fixtures (decimal vs
//! 1024-based sizes), refused outputs, and clear errors for damaged files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, parse_path, Benchmark, CompareOptions, Error, ParseOptions, Run,
    Threshold, Verdict,
};
use serde_json::Value;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/memray")
        .join(rel)
}

fn parse(rel: &str) -> Run {
    parse_path(fixture(rel).to_str().unwrap(), &ParseOptions::default()).unwrap()
}

fn parse_err(rel: &str) -> Error {
    parse_path(fixture(rel).to_str().unwrap(), &ParseOptions::default()).unwrap_err()
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

fn verdicts(base: &Run, cand: &Run, threshold: f64) -> Vec<(String, Verdict)> {
    let options = CompareOptions {
        threshold: Threshold(threshold),
        ..CompareOptions::default()
    };
    compare(base, cand, &options)
        .unwrap()
        .benchmarks
        .into_iter()
        .map(|b| (b.metric, b.verdict))
        .collect()
}

#[test]
fn stats_json_1_20() {
    let run = parse("stats.json");
    let json: Value = serde_json::from_str(&raw("stats.json")).unwrap();
    assert_eq!(run.source.format, "memray");
    assert_eq!(
        run.time.as_deref(),
        Some("2026-11-26 15:59:17.114000+00:00")
    );
    assert_eq!(run.environment.extra["python_allocator"], "pymalloc");
    let b = &run.benchmarks[0];
    assert_eq!(b.name, "alloc_workload.py");
    assert_eq!(b.extra["command_line"], json["metadata"]["command_line"]);
    assert_eq!(value(b, "peak_memory"), 36_659_652.0);
    assert_eq!(value(b, "allocated_bytes"), 45_042_089.0);
    assert_eq!(value(b, "allocations"), 312.0);
    for m in &b.measurements {
        assert_eq!(m.summary.n, Some(1));
    }
    assert_eq!(b.measurement("peak_memory").unwrap().metric.unit, "B");
    assert_eq!(b.measurement("allocations").unwrap().metric.unit, "allocs");
}

#[test]
fn runs_written_to_other_files_compare_by_program() {
    let base = parse("stats.json");
    let cand = parse("stats-run2-more.json");
    assert_eq!(base.benchmarks[0].name, cand.benchmarks[0].name);
    // +9.3 % peak: within the default 10 %, flagged at 5 %.
    assert!(verdicts(&base, &cand, 0.1)
        .iter()
        .all(|(_, v)| *v == Verdict::Unchanged));
    let at5 = verdicts(&base, &cand, 0.05);
    assert!(at5.contains(&("peak_memory".to_string(), Verdict::Regressed)));
    assert!(verdicts(&base, &base, 0.0)
        .iter()
        .all(|(_, v)| *v == Verdict::Unchanged));
}

#[test]
fn stats_text_1_20_is_decimal_and_matches_the_json() {
    let text = parse("stats.txt");
    let json = parse("stats.json");
    let (t, j) = (&text.benchmarks[0], &json.benchmarks[0]);
    assert_eq!(t.name, "memray");
    assert_eq!(value(t, "peak_memory"), 36.660e6); // `36.660MB`
    assert_eq!(value(t, "allocated_bytes"), 45.042e6); // `45.042MB`
    for m in ["peak_memory", "allocated_bytes", "allocations"] {
        // Three decimals of MB: within 500 B of the exact JSON value.
        assert!((value(t, m) - value(j, m)).abs() <= 500.0, "{m}");
    }
}

#[test]
fn stats_1_11_text_is_1024_based_and_has_no_peak() {
    let text = parse("memray-1.11.0/stats.txt");
    let json = parse("memray-1.11.0/stats.json");
    assert_eq!(json.time.as_deref(), Some("2026-11-26 21:05:22.539000"));
    let (t, j) = (&text.benchmarks[0], &json.benchmarks[0]);
    assert!(t.measurement("peak_memory").is_none());
    assert_eq!(value(j, "peak_memory"), 36_661_498.0);
    // `41.957MB` is 41.957 MiB: the JSON's 43,995,359 B. Read as decimal it would be 4.6 % off.
    let mib = 1024.0 * 1024.0;
    assert_eq!(value(t, "allocated_bytes"), 41.957 * mib);
    assert!((value(t, "allocated_bytes") - value(j, "allocated_bytes")).abs() <= 0.0005 * mib);
    assert_eq!(value(t, "allocations"), value(j, "allocations"));
}

#[test]
fn other_memray_outputs_are_refused_with_what_to_run() {
    let e = parse_err("summary.txt");
    assert_eq!(e.info().line, Some(3));
    assert!(e.to_string().contains("memray stats --json"), "{e}");
    let e = parse_err("stats-aggregated.txt");
    assert_eq!(e.info().line, Some(11));
    assert!(e.to_string().contains("--aggregate"), "{e}");
    assert!(e.to_string().contains("NotImplementedError"), "{e}");
    let e = parse_err("run.stdout.txt");
    assert!(e.to_string().contains("memray stats --json"), "{e}");
}

#[test]
fn damaged_files_name_the_line_or_field() {
    let text = raw("stats.txt");
    let lines: Vec<&str> = text.lines().collect();
    for keep in 2..6 {
        let e = parse_text("stats.txt", &lines[..keep].join("\n")).unwrap_err();
        assert!(e.to_string().contains("truncated"), "{keep}: {e}");
    }
    let bad = text.replace("45.042MB", "45.042 parsecs");
    assert_eq!(
        parse_text("stats.txt", &bad).unwrap_err().to_string(),
        "stats.txt:6: total memory allocated: expected a size such as 6.51MB, found '45.042 parsecs'"
    );
    let json = raw("stats.json");
    let e = parse_text("stats.json", &json[..json.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
    let bad = json.replace("\"peak_memory\": 36659652", "\"peak_memory\": -1");
    let e = parse_text("stats.json", &bad).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("metadata.peak_memory"));
    // CRLF and a trailing blank block change nothing.
    let crlf = text.replace('\n', "\r\n") + "\r\n\r\n";
    assert_eq!(
        parse_text("stats.txt", &crlf).unwrap().benchmarks,
        parse_text("stats.txt", &text).unwrap().benchmarks
    );
}
