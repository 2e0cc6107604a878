//! `benchcore parse FILE` detects every fixture of the Google Benchmark, libtest, Go,
//! benchmark.js, tinybench, vitest, BMF and github-action-benchmark formats without `--format`,
//! and `--format` accepts their names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

const FIXTURES: [(&str, &str, usize); 17] = [
    ("google-benchmark/run1.json", "google-benchmark", 6),
    ("google-benchmark/run2-slow.json", "google-benchmark", 6),
    ("libtest/run1.stdout.txt", "libtest", 5),
    ("libtest/run2-slow.stdout.txt", "libtest", 5),
    ("libtest/run3-format-json.stdout.txt", "libtest", 5),
    (
        "libtest/run4-format-json-report-time.stdout.txt",
        "libtest",
        5,
    ),
    (
        "libtest/criterion-bencher/criterion_output.txt",
        "libtest",
        4,
    ),
    (
        "libtest/criterion-bencher/cargo_output_units.txt",
        "libtest",
        5,
    ),
    ("go/run1.txt", "go", 5),
    ("go/run2-slow.txt", "go", 5),
    ("go/run3-json.jsonl", "go", 2),
    ("node/benchmarkjs-run1.txt", "benchmark-js", 3),
    ("node/benchmarkjs-run2-slow.txt", "benchmark-js", 3),
    ("node/tinybench-run1.json", "tinybench", 3),
    ("node/tinybench-run2-slow.json", "tinybench", 3),
    ("node/vitest/vitest-run1.json", "vitest", 3),
    ("node/vitest/vitest-run2-slow.json", "vitest", 3),
];

const HAND_WRITTEN: [(&str, &str, usize); 7] = [
    ("bmf/reference-example.json", "bmf", 3),
    ("bmf/track-custom-benchmarks.json", "bmf", 1),
    ("bmf/build-time-exec.json", "bmf", 1),
    (
        "github-action-benchmark/readme-custom-smaller-is-better.json",
        "custom-smaller-is-better",
        2,
    ),
    (
        "github-action-benchmark/customSmallerIsBetter_output.json",
        "custom-smaller-is-better",
        2,
    ),
    (
        "github-action-benchmark/customSmallerIsBetter_output2.json",
        "custom-smaller-is-better",
        4,
    ),
    (
        "github-action-benchmark/customBiggerIsBetter_output.json",
        "custom-smaller-is-better",
        2,
    ),
];

fn parsed(args: &[&str]) -> serde_json::Value {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn parse_detects_every_fixture() {
    for (file, format, count) in FIXTURES.iter().chain(&HAND_WRITTEN) {
        let path = format!("tests/fixtures/{file}");
        let v = parsed(&["parse", &path]);
        assert_eq!(v["source"]["format"], *format, "{file}");
        assert_eq!(v["benchmarks"].as_array().unwrap().len(), *count, "{file}");
        // The detected format, named explicitly, reads the file the same way.
        let again = parsed(&["parse", &path, "--format", format]);
        assert_eq!(again, v, "{file} with --format {format}");
    }
}

#[test]
fn explicit_bigger_is_better_wins_over_detection() {
    let path = "tests/fixtures/github-action-benchmark/customBiggerIsBetter_output.json";
    let v = parsed(&["parse", path, "--format", "custom-bigger-is-better"]);
    assert_eq!(v["source"]["format"], "custom-bigger-is-better");
    for b in v["benchmarks"].as_array().unwrap() {
        assert_eq!(
            b["measurements"][0]["metric"]["direction"],
            "higher-is-better"
        );
    }
}

#[test]
fn compare_flags_the_slowed_go_benchmark_and_errors_name_the_line() {
    let o = run(&[
        "compare",
        "tests/fixtures/go/run1.txt",
        "tests/fixtures/go/run2-slow.txt",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fib = v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "BenchmarkFib/n=20-2" && b["metric"] == "time")
        .unwrap();
    assert_eq!(fib["verdict"], "regressed");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "goos: linux\nBenchmarkX-2 \t 100\t 12.5 ns/op\t abc B/op\n",
    )
    .unwrap();
    let o = run(&["parse", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.txt:2:") && err.contains("'abc' (B/op) is not a number"),
        "{err}"
    );
}
