//! Google Benchmark JSON: facts of the real 1.7.1 fixtures (5 repetitions with aggregates),
//! and the variants the library writes with other flags, derived from the same real data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, ParseOptions, Run, Verdict,
};
use serde_json::{json, Value};

fn fixture(name: &str) -> (String, Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/google-benchmark")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let raw = serde_json::from_str(&text).unwrap();
    (text, raw)
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("run.json", text.as_bytes(), &ParseOptions::default())
}

/// The raw entries of `run_name` with `run_type`.
fn entries<'a>(raw: &'a Value, run_name: &str, run_type: &str) -> Vec<&'a Value> {
    raw["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["run_name"] == run_name && e["run_type"] == run_type)
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[test]
fn run1_has_six_benchmarks_with_five_repetitions_as_samples() {
    let (text, raw) = fixture("run1.json");
    let run = parse(&text).unwrap();
    assert_eq!(run.source.format, "google-benchmark");
    assert_eq!(run.time.as_deref(), Some("2026-11-26T15:59:58+00:00"));
    assert_eq!(run.environment.machine.as_deref(), Some("vm"));
    assert_eq!(run.environment.cpu_count, Some(2));
    assert_eq!(run.environment.extra["library_build_type"], "debug");
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BM_Fib/10",
            "BM_Fib/20",
            "BM_VectorSort/64",
            "BM_VectorSort/512",
            "BM_VectorSort/4096",
            "BM_StringConcat"
        ]
    );
    for b in &run.benchmarks {
        let reps = entries(&raw, &b.name, "iteration");
        assert_eq!(reps.len(), 5);
        let time = b.measurement("time").unwrap();
        let cpu = b.measurement("cpu_time").unwrap();
        assert_eq!(
            (time.metric.unit.as_str(), cpu.metric.unit.as_str()),
            ("ns", "ns")
        );
        let real: Vec<f64> = reps
            .iter()
            .map(|e| e["real_time"].as_f64().unwrap())
            .collect();
        assert_eq!(time.samples, real, "{}: real_time per repetition", b.name);
        // The samples reproduce the library's own aggregates.
        let agg = |name: &str, key: &str| {
            entries(&raw, &b.name, "aggregate")
                .into_iter()
                .find(|e| e["aggregate_name"] == name)
                .unwrap()[key]
                .as_f64()
                .unwrap()
        };
        assert!(close(time.summary.mean.unwrap(), agg("mean", "real_time")));
        assert!(close(
            time.summary.median.unwrap(),
            agg("median", "real_time")
        ));
        assert!(close(
            cpu.summary.stddev.unwrap(),
            agg("stddev", "cpu_time")
        ));
        assert_eq!(time.summary.n, Some(5));
    }
    let sort = run.benchmark("BM_VectorSort/64").unwrap();
    let t = sort.measurement("throughput").unwrap();
    assert_eq!(t.metric.unit, "items/s");
    assert_eq!(t.metric.direction, Direction::HigherIsBetter);
    let concat = run.benchmark("BM_StringConcat").unwrap();
    assert_eq!(concat.measurement("throughput").unwrap().metric.unit, "B/s");
    let chars = concat.measurement("chars").unwrap();
    assert_eq!(chars.samples, [128.0; 5]);
    assert_eq!(chars.metric.direction, Direction::LowerIsBetter);
    assert_eq!(
        concat.measurements.len(),
        4,
        "time, cpu_time, throughput, chars"
    );
}

#[test]
fn aggregates_only_build_the_summary_from_mean_median_stddev() {
    // What `--benchmark_report_aggregates_only=true` writes: the same file without iterations.
    let (_, mut raw) = fixture("run1.json");
    raw["benchmarks"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["run_type"] == "aggregate");
    let run = parse(&raw.to_string()).unwrap();
    assert_eq!(run.benchmarks.len(), 6);
    let fib = run.benchmark("BM_Fib/20").unwrap();
    let time = fib.measurement("time").unwrap();
    assert!(time.samples.is_empty());
    let agg = |name: &str| {
        entries(&raw, "BM_Fib/20", "aggregate")
            .into_iter()
            .find(|e| e["aggregate_name"] == name)
            .unwrap()["real_time"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(time.summary.n, Some(5), "n = repetitions");
    assert!(close(time.summary.mean.unwrap(), agg("mean")));
    assert!(close(time.summary.median.unwrap(), agg("median")));
    assert!(close(time.summary.stddev.unwrap(), agg("stddev")));
    assert_eq!((time.summary.min, time.summary.max), (None, None));
    // An aggregates-only run compares with itself as unchanged (summary statistics only).
    let c = compare(&run, &run, &CompareOptions::default()).unwrap();
    assert!(c.benchmarks.iter().all(|b| b.verdict == Verdict::Unchanged));
}

#[test]
fn group_by_run_name_not_by_name_suffix() {
    // A benchmark whose own name ends in `_mean` keeps its repetitions.
    let (text, _) = fixture("run1.json");
    let renamed = text.replace("BM_StringConcat", "BM_String_mean");
    let run = parse(&renamed).unwrap();
    let b = run.benchmark("BM_String_mean").unwrap();
    assert_eq!(b.measurement("time").unwrap().samples.len(), 5);
    assert!(run.benchmark("BM_String").is_none());
}

#[test]
fn time_unit_converts_to_ns() {
    let (_, mut raw) = fixture("run1.json");
    for e in raw["benchmarks"].as_array_mut().unwrap() {
        e["time_unit"] = json!("us");
    }
    let run = parse(&raw.to_string()).unwrap();
    let time = run
        .benchmark("BM_Fib/10")
        .unwrap()
        .measurement("time")
        .unwrap();
    assert!(close(time.samples[0], 68_750.852_430_691_65));
    raw["benchmarks"][0]["time_unit"] = json!("fortnights");
    let e = parse(&raw.to_string()).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("benchmarks[0].time_unit"));
}

#[test]
fn errors_big_o_and_rms() {
    let (_, mut raw) = fixture("run1.json");
    for e in raw["benchmarks"].as_array_mut().unwrap() {
        if e["run_name"] == "BM_Fib/10" {
            e["error_occurred"] = json!(true);
            e["error_message"] = json!("resource exhausted");
        }
    }
    // Shapes of the complexity entries as FORMATS.md records them.
    let list = raw["benchmarks"].as_array_mut().unwrap();
    list.push(
        json!({"name": "BM_Fib_BigO", "run_name": "BM_Fib", "run_type": "aggregate",
        "aggregate_name": "BigO", "aggregate_unit": "time", "cpu_coefficient": 2.34,
        "real_coefficient": 3.93, "big_o": "NlgN", "time_unit": "ns"}),
    );
    list.push(
        json!({"name": "BM_Fib_RMS", "run_name": "BM_Fib", "run_type": "aggregate",
        "aggregate_name": "RMS", "aggregate_unit": "percentage", "rms": 0.050}),
    );
    let run = parse(&raw.to_string()).unwrap();
    let failed = run.benchmark("BM_Fib/10").unwrap();
    assert!(failed.measurements.is_empty());
    assert_eq!(failed.extra["error"], "resource exhausted");
    let family = run.benchmark("BM_Fib").unwrap();
    assert!(family.measurements.is_empty());
    assert_eq!(family.extra["big_o"], "NlgN");
    assert_eq!(family.extra["rms"], 0.05);
    assert_eq!(family.extra["real_coefficient"], 3.93);
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let (a, _) = fixture("run1.json");
    let (b, _) = fixture("run2-slow.json");
    let (a, b) = (parse(&a).unwrap(), parse(&b).unwrap());
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed, 0);
    assert_eq!(same.summary.improved, 0);
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    let regressed: Vec<(&str, &str)> = c
        .benchmarks
        .iter()
        .filter(|r| r.verdict == Verdict::Regressed)
        .map(|r| (r.name.as_str(), r.metric.as_str()))
        .collect();
    // Wall time of BM_Fib/20 is too noisy on the busy VM (inconclusive); CPU time shows it.
    assert_eq!(regressed, [("BM_Fib/20", "cpu_time")]);
}

#[test]
fn truncated_and_altered_files_name_the_line() {
    let (text, _) = fixture("run1.json");
    let cut = &text[..text.len() / 2];
    let e = parse(cut).unwrap_err();
    assert_eq!(e.code(), "parse-error");
    assert!(e.to_string().contains("truncated"), "{e}");
    assert_eq!(e.info().line, Some(cut.matches('\n').count() as u64 + 1));
    let altered = text.replacen(
        "\"cpu_time\": 4.8175789469380632e+01",
        "\"cpu_time\": fast",
        1,
    );
    let e = parse(&altered).unwrap_err();
    let line = text[..text.find("4.8175789469380632e+01").unwrap()]
        .lines()
        .count() as u64;
    assert_eq!(e.info().line, Some(line));
}
