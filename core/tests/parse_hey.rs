//! hey 0.1.4: facts of the real text summaries and `-o csv` rows, and clear errors for damaged
//! files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, parse_path, Benchmark, CompareOptions, Error, ParseOptions, Run, Verdict,
};
use serde_json::json;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/hey")
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

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn assert_no_change_against_itself(run: &Run) {
    let c = compare(run, run, &CompareOptions::default()).unwrap();
    assert!(c
        .benchmarks
        .iter()
        .all(|b| !matches!(b.verdict, Verdict::Regressed | Verdict::Improved)));
}

#[test]
fn summary_in_seconds_becomes_ns() {
    let run = parse("hey-index.txt");
    assert_eq!(run.source.format, "hey");
    let b = &run.benchmarks[0];
    assert_eq!(b.name, "requests");
    let lat = b.measurement("latency").unwrap();
    assert!(close(lat.summary.mean.unwrap(), 7.8e6)); // Average 0.0078 secs
    assert!(close(lat.summary.min.unwrap(), 0.3e6)); // Fastest 0.0003 secs
    assert!(close(lat.summary.max.unwrap(), 1.0195e9)); // Slowest 1.0195 secs
    assert!(close(value(b, "latency_max"), 1.0195e9));
    let pcts: Vec<&str> = b
        .measurements
        .iter()
        .map(|m| m.metric.name.as_str())
        .filter(|n| n.starts_with("latency_p"))
        .collect();
    assert_eq!(
        pcts,
        [
            "latency_p10",
            "latency_p25",
            "latency_p50",
            "latency_p75",
            "latency_p90",
            "latency_p95",
            "latency_p99"
        ]
    );
    assert!(close(value(b, "latency_p99"), 21.4e6));
    assert_eq!(value(b, "requests_per_second"), 375.7526);
    assert_eq!(b.extra["status_codes"], json!({"200": 400}));
    assert_eq!(b.extra["total_data_bytes"], json!(730800.0));
    assert!(b.measurement("errors").is_none() && b.measurement("non_2xx_responses").is_none());
    assert_no_change_against_itself(&run);
}

#[test]
fn nothing_succeeded_gives_errors_and_no_latency() {
    let run = parse("hey-sleep-timeouts.txt");
    let b = &run.benchmarks[0];
    assert!(b
        .measurements
        .iter()
        .all(|m| !m.metric.name.starts_with("latency")));
    assert_eq!(value(b, "errors"), 40.0);
    assert_eq!(value(b, "requests_per_second"), 3.9963);
    assert_no_change_against_itself(&run);
}

#[test]
fn csv_rows_are_latency_samples_and_nothing_else() {
    let run = parse("hey-small.csv");
    let b = &run.benchmarks[0];
    assert_eq!(b.name, "requests");
    assert_eq!(b.measurements.len(), 1);
    let lat = b.measurement("latency").unwrap();
    assert_eq!(lat.samples.len(), 200);
    assert!(close(lat.samples[0], 1.6e6)); // first row: 0.0016 s
    assert_eq!(lat.summary.n, Some(200));
    assert_eq!(b.extra["status_codes"], json!({"200": 200}));
    assert_no_change_against_itself(&run);
}

#[test]
fn crlf_and_ansi_are_tolerated() {
    for f in ["hey-index.txt", "hey-small.csv"] {
        let text = raw(f);
        let plain = parse_text(f, &text).unwrap();
        let other = text
            .replace("Requests/sec:", "\u{1b}[1mRequests/sec:\u{1b}[0m")
            .replace('\n', "\r\n");
        assert_eq!(
            parse_text(f, &other).unwrap().benchmarks,
            plain.benchmarks,
            "{f}"
        );
    }
}

#[test]
fn damaged_files_name_the_line() {
    let text = raw("hey-index.txt");
    let lines: Vec<&str> = text.lines().collect();
    let status = lines
        .iter()
        .position(|l| *l == "Status code distribution:")
        .unwrap();
    // Cut anywhere before the status section (always printed by hey): truncated.
    for keep in 3..=status {
        let e = parse_text("hey.txt", &lines[..keep].join("\n")).unwrap_err();
        assert_eq!(e.code(), "parse-error", "{keep}: {e}");
        assert!(e.to_string().contains("truncated"), "{e}");
    }
    let bad = text.replace("Average:\t0.0078", "Average:\tquick");
    assert_eq!(
        parse_text("hey.txt", &bad).unwrap_err().to_string(),
        "hey.txt:6: Average: expected a duration such as 6.50ms, found 'quick secs'"
    );
    let bad = text.replace("95% in", "95 percent in");
    assert_eq!(
        parse_text("hey.txt", &bad).unwrap_err().info().line,
        Some(32)
    );

    let csv = raw("hey-small.csv");
    let bad = csv.replacen("0.0018,", "0.00x8,", 1);
    assert_eq!(
        parse_text("hey.csv", &bad).unwrap_err().to_string(),
        "hey.csv:3: response-time: expected a number, found '0.00x8'"
    );
    let header_only = csv.lines().next().unwrap().to_string();
    assert_eq!(
        parse_text("hey.csv", &header_only).unwrap_err().code(),
        "parse-error"
    );
}
