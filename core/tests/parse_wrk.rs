//! wrk 4.1 text: facts of the real fixtures (units, optional lines, timeouts, Lua output) and
//! clear errors for damaged files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, parse_path, Benchmark, CompareOptions, Error, ParseOptions, Run, Verdict,
};
use serde_json::json;

const MIB: f64 = 1024.0 * 1024.0;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/wrk")
        .join(rel)
}

fn parse(rel: &str) -> Run {
    parse_path(fixture(rel).to_str().unwrap(), &ParseOptions::default()).unwrap()
}

fn raw(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

fn parse_text(text: &str) -> Result<Run, Error> {
    parse_bytes("wrk.txt", text.as_bytes(), &ParseOptions::default())
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
fn index_units_are_converted() {
    let run = parse("wrk-index.txt");
    assert_eq!(run.source.format, "wrk");
    let b = &run.benchmarks[0];
    assert_eq!(
        b.name,
        "http://127.0.0.1:18080/index.html (2 threads, 8 connections)"
    );
    assert_eq!(b.params["threads"], json!(2));
    assert_eq!(b.params["connections"], json!(8));
    assert_eq!(b.params["duration"], json!("3s"));
    let lat = b.measurement("latency").unwrap();
    assert_eq!(lat.metric.unit, "ns");
    assert_eq!(lat.summary.mean, Some(6.5e6)); // `6.50ms`
    assert!(close(lat.summary.stddev.unwrap(), 11.85e6));
    assert!(close(lat.summary.max.unwrap(), 211.51e6));
    assert_eq!(
        lat.summary.n, None,
        "one load test: judged by the threshold"
    );
    assert!(close(value(b, "latency_max"), 211.51e6));
    assert_eq!(value(b, "requests_per_second"), 1126.89);
    // `2.16MB` per second and `6.51MB read` are 1024-based.
    assert!(close(value(b, "transfer_per_second"), 2.16 * MIB));
    assert!(close(b.extra["bytes_read"].as_f64().unwrap(), 6.51 * MIB));
    assert_eq!(b.extra["requests"], json!(3388));
    assert_eq!(
        b.extra["requests_per_second_per_thread"]["max"],
        json!(890.0)
    ); // `0.89k`
    assert!(b.measurement("latency_p50").is_none());
    assert!(b.measurement("errors").is_none() && b.measurement("non_2xx_responses").is_none());
    assert_no_change_against_itself(&run);
}

#[test]
fn latency_distribution_becomes_percentile_metrics() {
    let run = parse("wrk-index-latency.txt");
    let b = &run.benchmarks[0];
    let names: Vec<&str> = b
        .measurements
        .iter()
        .map(|m| m.metric.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "latency",
            "latency_p50",
            "latency_p75",
            "latency_p90",
            "latency_p99",
            "latency_max",
            "requests_per_second",
            "transfer_per_second"
        ]
    );
    assert!(close(value(b, "latency_p50"), 4.62e6));
    assert!(close(value(b, "latency_p99"), 20.10e6));
    let small = parse("wrk-small-latency.txt");
    assert!(close(
        value(&small.benchmarks[0], "transfer_per_second"),
        209.05 * 1024.0
    ));
    assert_no_change_against_itself(&run);
}

#[test]
fn optional_lines_and_timeouts() {
    let b = &parse("wrk-404.txt").benchmarks[0];
    assert_eq!(value(b, "non_2xx_responses"), 3092.0);
    assert!(close(value(b, "transfer_per_second"), 191.58 * 1024.0));

    let run = parse("wrk-sleep-timeouts.txt");
    let b = &run.benchmarks[0];
    // `0.00us` and `-nan%`: no request completed, so there is no latency to report.
    assert!(b
        .measurements
        .iter()
        .all(|m| !m.metric.name.starts_with("latency")));
    assert_eq!(value(b, "errors"), 4.0);
    assert_eq!(b.extra["socket_errors"]["timeout"], json!(4));
    assert_eq!(value(b, "transfer_per_second"), 155.69);
    assert_no_change_against_itself(&run);
}

#[test]
fn reading_stops_at_transfer_per_second() {
    let run = parse("extra/wrk-lua-done.txt");
    let b = &run.benchmarks[0];
    assert_eq!(
        b.name,
        "http://127.0.0.1:18090/index.html (1 threads, 2 connections)"
    );
    assert_eq!(value(b, "requests_per_second"), 1581.06);
    assert!(
        b.measurement("latency_p50").is_none(),
        "the Lua lines are not wrk's"
    );
}

#[test]
fn crlf_ansi_and_trailing_blank_lines_are_tolerated() {
    let text = raw("wrk-index-latency.txt");
    let plain = parse_text(&text).unwrap();
    let coloured = text
        .replace("5.67ms", "\u{1b}[32m5.67ms\u{1b}[0m")
        .replace("Requests/sec:", "\u{1b}[1mRequests/sec:\u{1b}[0m")
        .replace('\n', "\r\n")
        + "\r\n\r\n";
    assert_eq!(parse_text(&coloured).unwrap().benchmarks, plain.benchmarks);
}

#[test]
fn damaged_files_name_the_line() {
    let text = raw("wrk-index-latency.txt");
    let lines: Vec<&str> = text.lines().collect();
    for keep in 1..lines.len() {
        let cut = lines[..keep].join("\n");
        let e = parse_text(&cut).unwrap_err();
        assert_eq!(e.code(), "parse-error", "{keep}: {e}");
        assert_eq!(e.info().line, Some(keep as u64), "{keep}: {e}");
        assert!(e.to_string().contains("truncated"), "{e}");
    }
    let bad = text.replace("5.67ms", "5.67parsecs");
    let e = parse_text(&bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "wrk.txt:4: latency Avg: expected a duration such as 6.50ms, found '5.67parsecs'"
    );
    let bad = text.replace("1090.49", "many");
    assert_eq!(parse_text(&bad).unwrap_err().info().line, Some(12));
}
