//! pytest-benchmark JSON: facts of the real 5.3.1 / 4.0.0 fixtures and the Python-json quirks
//! the parser must handle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{parse_bytes, parse_path, Error, ParseOptions, Run};
use serde_json::{json, Value};

fn dir(version: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/pytest-benchmark")
        .join(format!("pytest-benchmark-{version}"))
}

fn autosave(version: &str, number: &str) -> PathBuf {
    let saves = dir(version).join(".benchmarks/Linux-CPython-3.11-64bit");
    std::fs::read_dir(&saves)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(number))
        .unwrap()
}

fn parse_file(path: PathBuf) -> (Run, Value) {
    let raw: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let run = parse_path(path.to_str().unwrap(), &ParseOptions::default()).unwrap();
    (run, raw)
}

fn parse_text(text: &str) -> Result<Run, Error> {
    parse_bytes("bench.json", text.as_bytes(), &ParseOptions::default())
}

const NAMES: [&str; 6] = [
    "test_bench_shared.py::test_sum_squares",
    "test_bench_shared.py::test_sort_list[100]",
    "test_bench_shared.py::test_sort_list[1000]",
    "test_bench_shared.py::test_fib_pedantic",
    "test_bench_shared.py::test_json_dumps",
    "test_bench_shared.py::test_json_loads",
];

#[test]
fn run1_5_3_1_has_six_benchmarks_with_samples_in_ns() {
    let (run, raw) = parse_file(dir("5.3.1").join("run1.json"));
    assert_eq!(run.source.format, "pytest-benchmark");
    assert_eq!(run.source.tool_version.as_deref(), Some("5.3.1"));
    assert_eq!(run.time.as_deref(), raw["datetime"].as_str());
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, NAMES);
    for (b, rb) in run
        .benchmarks
        .iter()
        .zip(raw["benchmarks"].as_array().unwrap())
    {
        let stats = &rb["stats"];
        let t = b.measurement("time").unwrap();
        assert_eq!(t.metric.unit, "ns");
        let data = stats["data"].as_array().unwrap();
        assert_eq!(t.samples.len(), data.len());
        assert_eq!(t.summary.n, stats["rounds"].as_u64());
        assert_eq!(data.len() as u64, stats["rounds"].as_u64().unwrap());
        for (s, d) in t.samples.iter().zip(data) {
            assert_eq!(*s, d.as_f64().unwrap() * 1e9);
        }
        for (ours, theirs) in [
            (t.summary.mean, "mean"),
            (t.summary.median, "median"),
            (t.summary.stddev, "stddev"),
            (t.summary.min, "min"),
            (t.summary.max, "max"),
            (t.summary.q1, "q1"),
            (t.summary.q3, "q3"),
        ] {
            assert_eq!(
                ours,
                Some(stats[theirs].as_f64().unwrap() * 1e9),
                "{theirs}"
            );
        }
        // The raw data's minimum is the summary's (data is already per iteration).
        let min = t.samples.iter().copied().fold(f64::INFINITY, f64::min);
        assert_eq!(Some(min), t.summary.min);
    }
}

#[test]
fn params_param_groups_and_extra() {
    let (run, _) = parse_file(dir("5.3.1").join("run1.json"));
    let sort = run
        .benchmark("test_bench_shared.py::test_sort_list[100]")
        .unwrap();
    assert_eq!(
        serde_json::to_value(&sort.params).unwrap(),
        json!({"size": 100})
    );
    assert_eq!(
        serde_json::to_value(&sort.extra).unwrap(),
        json!({"param": "100"})
    );
    assert_eq!(sort.group, None);
    for name in ["test_json_dumps", "test_json_loads"] {
        let b = run
            .benchmark(&format!("test_bench_shared.py::{name}"))
            .unwrap();
        assert_eq!(b.group.as_deref(), Some("serialize"));
        assert!(b.params.is_empty() && b.extra.is_empty());
    }
}

#[test]
fn environment_commit_and_branch() {
    for version in ["5.3.1", "4.0.0"] {
        let (run, raw) = parse_file(dir(version).join("run1.json"));
        let env = &run.environment;
        assert_eq!(env.cpu.as_deref(), Some("AMD EPYC"));
        assert_eq!(env.cpu_count, Some(2));
        assert_eq!(env.arch.as_deref(), Some("x86_64"));
        assert_eq!(env.machine.as_deref(), Some("vm"));
        assert_eq!(env.os.as_deref(), Some("Linux 6.18.44-fc-v657"));
        assert_eq!(env.runtime.as_deref(), Some("CPython 3.11.7"));
        assert_eq!(env.extra["python_compiler"], "GCC 12.2.0");
        assert!(env.extra.contains_key("cpu_hz_advertised"));
        assert!(env.extra.len() <= 4, "no flags list: {:?}", env.extra);
        // "unversioned" / "(unknown)" outside git: nothing recorded.
        assert_eq!(run.commit, None);
        assert_eq!(run.branch, None);
        assert_eq!(run.source.tool_version.as_deref(), Some(version));
        assert_eq!(run.time.as_deref(), raw["datetime"].as_str());
    }
}

#[test]
fn autosave_0001_has_summaries_but_no_samples() {
    for version in ["5.3.1", "4.0.0"] {
        let (run, raw) = parse_file(autosave(version, "0001"));
        assert_eq!(run.benchmarks.len(), 6);
        for (b, rb) in run
            .benchmarks
            .iter()
            .zip(raw["benchmarks"].as_array().unwrap())
        {
            let t = &b.measurements[0];
            assert!(t.samples.is_empty(), "{version} {}", b.name);
            assert_eq!(t.summary.n, rb["stats"]["rounds"].as_u64());
            assert_eq!(
                t.summary.median,
                Some(rb["stats"]["median"].as_f64().unwrap() * 1e9)
            );
        }
        // 0002 was saved with --benchmark-save-data: samples again.
        let (run2, _) = parse_file(autosave(version, "0002"));
        assert!(run2
            .benchmarks
            .iter()
            .all(|b| !b.measurements[0].samples.is_empty()));
    }
}

#[test]
fn version_4_datetime_is_kept_as_written() {
    let (run, raw) = parse_file(dir("4.0.0").join("run1.json"));
    assert_eq!(run.time.as_deref(), raw["datetime"].as_str());
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, NAMES);
}

#[test]
fn pedantic_rounds_and_iterations() {
    let (run, _) = parse_file(dir("5.3.1").join("run1.json"));
    let fib = run
        .benchmark("test_bench_shared.py::test_fib_pedantic")
        .unwrap();
    assert_eq!(fib.measurements[0].summary.n, Some(20));
    assert_eq!(fib.measurements[0].samples.len(), 20);
}

fn doc(benchmarks: &str, commit_info: &str) -> String {
    format!(
        r#"{{"machine_info": {{"node": "h", "cpu": {{"brand": "Old CPU", "count": 8, "flags": ["a", "b"]}}, "system": "Linux"}},
 "commit_info": {commit_info},
 "benchmarks": {benchmarks},
 "datetime": "2020-01-01T00:00:00", "version": "3.4.1"}}"#
    )
}

#[test]
fn empty_benchmarks_is_a_valid_run() {
    let run = parse_text(&doc("[]", r#"{"error": "CalledProcessError(128, 'git')"}"#)).unwrap();
    assert!(run.benchmarks.is_empty());
    assert_eq!(run.commit, None);
    assert_eq!(run.environment.cpu.as_deref(), Some("Old CPU"));
    assert_eq!(run.environment.os.as_deref(), Some("Linux"));
    assert_eq!(run.environment.runtime, None);
}

#[test]
fn git_commit_info_is_recorded() {
    let run = parse_text(&doc(
        "[]",
        r#"{"id": "5b2fd8a", "time": "2020-01-01T00:00:00", "dirty": true, "project": "p", "branch": "feature/x"}"#,
    ))
    .unwrap();
    assert_eq!(run.commit.as_deref(), Some("5b2fd8a"));
    assert_eq!(run.branch.as_deref(), Some("feature/x"));
}

#[test]
fn python_nan_tokens() {
    // NaN in a summary statistic or in extra_info: absent. In the samples: refused.
    let bench = r#"[{"name": "test_a", "fullname": "t.py::test_a", "group": null, "params": null,
      "param": null, "extra_info": {"ratio": NaN},
      "stats": {"min": 1e-6, "max": 3e-6, "mean": 2e-6, "stddev": NaN, "median": 2e-6, "rounds": 3,
                "iterations": 1, "ops": Infinity}}]"#;
    let run = parse_text(&doc(bench, "{}")).unwrap();
    let b = &run.benchmarks[0];
    assert_eq!(b.measurements[0].summary.stddev, None);
    assert_eq!(b.measurements[0].summary.mean, Some(2e-6 * 1e9));
    assert_eq!(b.extra["ratio"], Value::Null);

    let bench = r#"[{"fullname": "t.py::test_a", "stats": {"mean": 2e-6, "rounds": 3, "data": [1e-6, 2e-6, NaN]}}]"#;
    match parse_text(&doc(bench, "{}")).unwrap_err() {
        Error::Parse { field, .. } => {
            assert_eq!(field.as_deref(), Some("benchmarks[0].stats.data[2]"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn fullname_falls_back_to_name_and_errors_name_fields() {
    let run = parse_text(&doc(
        r#"[{"name": "test_x", "stats": {"mean": 1e-3}}]"#,
        "{}",
    ))
    .unwrap();
    assert_eq!(run.benchmarks[0].name, "test_x");
    let e = parse_text(&doc(r#"[{"stats": {"mean": 1e-3}}]"#, "{}")).unwrap_err();
    assert!(e.to_string().contains("benchmarks[0].fullname"), "{e}");
    let e = parse_text(&doc(
        r#"[{"fullname": "a", "stats": {"mean": -1e-3}}]"#,
        "{}",
    ))
    .unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("benchmarks[0].stats.mean"));
    let e = parse_text(&doc(
        r#"[{"fullname": "a", "stats": {"rounds": "many"}}]"#,
        "{}",
    ))
    .unwrap_err();
    assert_eq!(
        e.info().field.as_deref(),
        Some("benchmarks[0].stats.rounds")
    );
    assert_eq!(e.info().line, Some(3));
}

#[test]
fn cargo_criterion_and_pytest_are_told_apart() {
    let cc = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/criterion/cargo-criterion-1.1.0/cargo-criterion.json"),
    )
    .unwrap();
    let run = parse_bytes("cc.json", &cc, &ParseOptions::default()).unwrap();
    assert_eq!(run.source.format, "cargo-criterion");
    // A pytest-benchmark file mentioning "benchmark-complete" somewhere is still pytest.
    let text = doc(
        r#"[{"fullname": "t.py::benchmark-complete", "stats": {"mean": 1e-3}}]"#,
        "{}",
    );
    assert_eq!(parse_text(&text).unwrap().source.format, "pytest-benchmark");
}
