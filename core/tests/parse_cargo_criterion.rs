//! cargo-criterion `--message-format=json`: facts of the real 1.1.0 fixtures and the stream
//! damage the parser must handle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{parse_bytes, parse_path, Direction, Error, Format, MetricKind, ParseOptions, Run};
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/criterion/cargo-criterion-1.1.0")
        .join(name)
}

fn parse_fixture(name: &str) -> Run {
    parse_path(fixture(name).to_str().unwrap(), &ParseOptions::default()).unwrap()
}

fn parse_text(text: &str) -> Result<Run, Error> {
    parse_bytes("stream.jsonl", text.as_bytes(), &ParseOptions::default())
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[test]
fn six_benchmarks_with_groups_in_tool_order() {
    for name in ["cargo-criterion.json", "cargo-criterion-run2-slow.json"] {
        let run = parse_fixture(name);
        assert_eq!(run.source.format, "cargo-criterion");
        assert_eq!(run.source.baseline, None);
        let got: Vec<(&str, Option<&str>)> = run
            .benchmarks
            .iter()
            .map(|b| (b.name.as_str(), b.group.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("fib/10", Some("fib")),
                ("fib/15", Some("fib")),
                ("fib/20", Some("fib")),
                ("checksum/fnv1a/1024", Some("checksum")),
                ("checksum/fnv1a/16384", Some("checksum")),
                ("sort 1000 u32", Some("sort 1000 u32")),
            ]
        );
    }
}

#[test]
fn samples_are_measured_values_over_iteration_counts() {
    let text = std::fs::read_to_string(fixture("cargo-criterion.json")).unwrap();
    let run = parse_fixture("cargo-criterion.json");
    let messages: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|m| m["reason"] == "benchmark-complete")
        .collect();
    assert_eq!(messages.len(), 6);
    for m in messages {
        let b = run.benchmark(m["id"].as_str().unwrap()).unwrap();
        let t = b.measurement("time").unwrap();
        assert_eq!(t.metric.unit, "ns");
        let counts = m["iteration_count"].as_array().unwrap();
        let values = m["measured_values"].as_array().unwrap();
        assert_eq!(t.samples.len(), 30);
        for (k, s) in t.samples.iter().enumerate() {
            assert_eq!(
                *s,
                values[k].as_f64().unwrap() / counts[k].as_f64().unwrap()
            );
        }
        assert_eq!(t.summary.n, Some(30));
        assert_eq!(t.summary.mean, m["mean"]["estimate"].as_f64());
        assert_eq!(t.summary.median, m["median"]["estimate"].as_f64());
        let own = benchcore::stats::Sample::new(t.samples.iter().copied()).unwrap();
        assert_eq!(t.summary.min, Some(own.min()));
        assert_eq!(t.summary.stddev, own.stddev());
        // The per-iteration median of the samples is criterion's median estimate.
        assert!(close(own.median(), t.summary.median.unwrap(), 1e-9));
    }
}

#[test]
fn throughput_only_for_checksum() {
    let run = parse_fixture("cargo-criterion.json");
    for b in &run.benchmarks {
        match b.measurement("throughput") {
            None => assert!(!b.name.starts_with("checksum"), "{}", b.name),
            Some(t) => {
                assert_eq!(t.metric.unit, "B/s");
                let bytes: f64 = b.name.rsplit('/').next().unwrap().parse().unwrap();
                let times = &b.measurement("time").unwrap().samples;
                for (thr, ns) in t.samples.iter().zip(times) {
                    assert!(close(*thr, bytes / (ns * 1e-9), 1e-12));
                }
                assert_eq!(
                    b.extra["throughput"],
                    json!([{"per_iteration": bytes as u64, "unit": "bytes"}])
                );
            }
        }
    }
}

fn message(id: &str, unit: &str, counts: &[u64], values: &[f64], throughput: Value) -> String {
    json!({"reason": "benchmark-complete", "id": id, "report_directory": "/elsewhere/x",
           "iteration_count": counts, "measured_values": values, "unit": unit,
           "throughput": throughput,
           "typical": {"estimate": 1.0, "lower_bound": 1.0, "upper_bound": 1.0, "unit": unit},
           "mean": {"estimate": 1.5, "lower_bound": 1.0, "upper_bound": 2.0, "unit": unit},
           "median": {"estimate": 1.25, "lower_bound": 1.0, "upper_bound": 2.0, "unit": unit},
           "median_abs_dev": {"estimate": 0.1, "lower_bound": 0.0, "upper_bound": 0.2, "unit": unit},
           "slope": null,
           "change": {"mean": {"estimate": 0.17, "lower_bound": 0.1, "upper_bound": 0.2, "unit": "%"},
                      "median": {"estimate": 0.2, "lower_bound": 0.1, "upper_bound": 0.3, "unit": "%"},
                      "change": "Regressed"}})
    .to_string()
}

#[test]
fn stderr_noise_blank_lines_and_crlf_are_skipped() {
    let text = format!(
        "   Compiling x v0.1.0\r\n\r\nBenchmarking a/b: Warming up for 3.0000 s\r\n{}\r\n  \r\n{}\r\nGnuplot not found\r\n",
        message("a/b", "ns", &[1, 2], &[10.0, 30.0], json!([])),
        message("plain", "ns", &[1], &[5.0], json!([])),
    );
    let run = parse_text(&text).unwrap();
    assert_eq!(run.benchmarks.len(), 2);
    assert_eq!(run.benchmarks[0].group.as_deref(), Some("a"));
    assert_eq!(run.benchmarks[0].measurements[0].samples, [10.0, 15.0]);
    assert_eq!(run.benchmarks[1].group, None);
    // `change` is cargo-criterion's own verdict: not carried into the run.
    assert!(run.benchmarks[0].extra.is_empty());
}

#[test]
fn group_complete_names_the_group_even_when_ids_have_no_slash() {
    let text = format!(
        "{}\n{}\n",
        message("sort 1000 u32", "ns", &[1], &[5.0], json!([])),
        json!({"reason": "group-complete", "group_name": "sort 1000 u32",
               "benchmarks": ["sort 1000 u32"], "report_directory": "/x"}),
    );
    let run = parse_text(&text).unwrap();
    assert_eq!(run.benchmarks[0].group.as_deref(), Some("sort 1000 u32"));
}

#[test]
fn other_time_units_are_converted_and_other_units_kept() {
    let text = format!(
        "{}\n{}\n",
        message(
            "t",
            "us",
            &[1, 2],
            &[1.0, 4.0],
            json!([{"per_iteration": 1000, "unit": "bytes"}])
        ),
        message(
            "c",
            "cycles",
            &[1, 2],
            &[100.0, 300.0],
            json!([{"per_iteration": 1, "unit": "elements"}])
        ),
    );
    let run = parse_text(&text).unwrap();
    let t = run.benchmark("t").unwrap();
    let time = t.measurement("time").unwrap();
    assert_eq!(time.metric.unit, "ns");
    assert_eq!(time.samples, [1000.0, 2000.0]);
    assert_eq!(time.summary.mean, Some(1500.0));
    assert_eq!(time.summary.median, Some(1250.0));
    let thr = t.measurement("throughput").unwrap();
    assert!(close(thr.samples[0], 1e9, 1e-12), "{:?}", thr.samples);

    let c = run.benchmark("c").unwrap();
    assert_eq!(
        c.measurements.len(),
        1,
        "no throughput from a non-time unit"
    );
    let m = &c.measurements[0];
    assert_eq!(m.metric.name, "cycles");
    assert_eq!(m.metric.unit, "cycles");
    assert_eq!(m.metric.kind, MetricKind::Other);
    assert_eq!(m.metric.direction, Direction::LowerIsBetter);
    assert_eq!(m.samples, [100.0, 150.0]);
}

#[test]
fn elements_and_bytes_give_two_throughputs() {
    let text = message(
        "x",
        "ns",
        &[1],
        &[100.0],
        json!([{"per_iteration": 64, "unit": "bytes"}, {"per_iteration": 2, "unit": "elements"},
               {"per_iteration": 9, "unit": "furlongs"}]),
    );
    let run = parse_text(&text).unwrap();
    let b = &run.benchmarks[0];
    let got: Vec<(&str, &str)> = b
        .measurements
        .iter()
        .map(|m| (m.metric.name.as_str(), m.metric.unit.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("time", "ns"),
            ("throughput", "elem/s"),
            ("throughput_bytes", "B/s")
        ]
    );
    assert!(close(b.measurements[2].samples[0], 64.0 / 100e-9, 1e-12));
}

fn error_of(text: &str) -> (Option<u64>, Option<String>, String) {
    let opts = ParseOptions {
        format: Format::CargoCriterion,
        ..ParseOptions::default()
    };
    match parse_bytes("s.jsonl", text.as_bytes(), &opts).unwrap_err() {
        Error::Parse {
            line,
            field,
            message,
            ..
        } => (line, field, message),
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_streams_name_the_line() {
    let good = message("a", "ns", &[1], &[5.0], json!([]));
    let (line, _, msg) = error_of(&format!(
        "noise\n{good}\n{{\"reason\": \"benchmark-complete\", \"id\": \n"
    ));
    assert_eq!(line, Some(3), "{msg}");
    let (line, _, _) = error_of(&format!("{good}\n{{not json}}\n"));
    assert_eq!(line, Some(2));
    let (line, field, _) = error_of(&format!(
        "\n\n{}",
        message("b", "ns", &[1, 2], &[5.0], json!([]))
    ));
    assert_eq!((line, field.as_deref()), (Some(3), Some("measured_values")));
    let (line, field, _) = error_of(&message(
        "b",
        "ns",
        &[1],
        &[5.0],
        json!([{"per_iteration": "x", "unit": "bytes"}]),
    ));
    assert_eq!(
        (line, field.as_deref()),
        (Some(1), Some("throughput[0].per_iteration"))
    );
    let (_, _, msg) = error_of("warning: nothing to do\n\n");
    assert_eq!(msg, "no benchmark-complete messages");
}

#[test]
fn duplicate_ids_are_the_models_error() {
    let m = message("a", "ns", &[1], &[5.0], json!([]));
    let e = parse_text(&format!("{m}\n{m}\n")).unwrap_err();
    assert_eq!(e.code(), "parse-error");
    assert!(
        e.to_string().contains("duplicate benchmark name 'a'"),
        "{e}"
    );
}
