//! tinybench results saved as JSON: facts of the real 6.2.5 fixtures (nested statistics in
//! milliseconds), tasks that did not complete, and damage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, ParseOptions, Run, Verdict,
};
use serde_json::{json, Value};

fn fixture(name: &str) -> (String, Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/node")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let raw = serde_json::from_str(&text).unwrap();
    (text, raw)
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("tiny.json", text.as_bytes(), &ParseOptions::default())
}

#[test]
fn run1_latency_in_ns_and_throughput_in_ops() {
    let (text, raw) = fixture("tinybench-run1.json");
    let run = parse(&text).unwrap();
    assert_eq!(run.source.format, "tinybench");
    assert_eq!(run.environment.runtime.as_deref(), Some("node 20.20.2"));
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["array map 1000", "array reduce 1000", "string repeat 100"]
    );
    for (b, task) in run.benchmarks.iter().zip(raw.as_array().unwrap()) {
        let lat = &task["result"]["latency"];
        let time = b.measurement("time").unwrap();
        assert_eq!(time.metric.unit, "ns");
        assert_eq!(time.summary.mean, Some(lat["mean"].as_f64().unwrap() * 1e6));
        assert_eq!(
            time.summary.median,
            Some(lat["p50"].as_f64().unwrap() * 1e6)
        );
        assert_eq!(time.summary.stddev, Some(lat["sd"].as_f64().unwrap() * 1e6));
        assert_eq!(time.summary.q3, Some(lat["p75"].as_f64().unwrap() * 1e6));
        assert_eq!(time.summary.n, lat["samplesCount"].as_u64());
        assert!(time.samples.is_empty(), "v6 keeps no samples by default");
        let thr = b.measurement("throughput").unwrap();
        assert_eq!(
            (thr.metric.unit.as_str(), thr.metric.direction),
            ("ops/s", Direction::HigherIsBetter)
        );
        assert_eq!(
            thr.summary.mean,
            task["result"]["throughput"]["mean"].as_f64()
        );
    }
    // README: mean 0.00257 ms = 2574 ns.
    let map = run
        .benchmark("array map 1000")
        .unwrap()
        .measurement("time")
        .unwrap();
    assert!((map.summary.mean.unwrap() - 2574.29).abs() < 0.01);
}

#[test]
fn retained_samples_errors_and_the_v2_shape() {
    let (_, mut raw) = fixture("tinybench-run1.json");
    // `retainSamples`: a full sample array becomes the raw samples.
    raw[0]["result"]["latency"]["samplesCount"] = json!(3);
    raw[0]["result"]["latency"]["samples"] = json!([0.0012, 0.0013, 0.0019]);
    raw[1]["result"] = json!({"state": "errored", "error": {}});
    // A flat v2 result (shape from tinybench 2's documentation), for the last task.
    raw[2]["result"] = json!({"hz": 10894.5, "period": 0.0918, "mean": 0.0918, "min": 0.05,
        "max": 4.07, "p75": 0.06, "p99": 0.12, "sd": 0.012, "rme": 1.2,
        "samples": [0.05, 0.06, 0.09, 0.16]});
    let run = parse(&raw.to_string()).unwrap();
    let map = run
        .benchmark("array map 1000")
        .unwrap()
        .measurement("time")
        .unwrap();
    assert_eq!(map.samples.len(), 3);
    assert!((map.samples[2] - 1900.0).abs() < 1e-6);
    let failed = run.benchmark("array reduce 1000").unwrap();
    assert!(failed.measurements.is_empty());
    assert_eq!(failed.extra["error"], "errored");
    let v2 = run.benchmark("string repeat 100").unwrap();
    let t = v2.measurement("time").unwrap();
    assert_eq!((t.samples.len(), t.summary.n), (4, Some(4)));
    assert!((t.summary.mean.unwrap() - 91_800.0).abs() < 1e-6);
    assert_eq!(
        v2.measurement("throughput").unwrap().summary.mean,
        Some(10894.5)
    );
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let a = parse(&fixture("tinybench-run1.json").0).unwrap();
    let b = parse(&fixture("tinybench-run2-slow.json").0).unwrap();
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed + same.summary.improved, 0);
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    let regressed: Vec<(&str, &str)> = c
        .benchmarks
        .iter()
        .filter(|r| r.verdict == Verdict::Regressed)
        .map(|r| (r.name.as_str(), r.metric.as_str()))
        .collect();
    assert_eq!(
        regressed,
        [("array map 1000", "time"), ("array map 1000", "throughput")]
    );
}

#[test]
fn damaged_inputs_name_the_line() {
    let (text, _) = fixture("tinybench-run1.json");
    let e = parse(&text[..2000]).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(66)));
    let e =
        parse(&text.replacen("\"p50\": 0.0013119999999844367", "\"p50\": -0.0013", 1)).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("[0].result.latency.p50"));
}
