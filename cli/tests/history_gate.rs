//! `history add` → `detect --history` → `check --history`, end to end on real pytest-benchmark
//! runs: the gate reads the store the history commands wrote.
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

const PY: &str = "tests/fixtures/pytest-benchmark";

fn history_of_unchanged_runs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().to_str().unwrap();
    for f in [
        "pytest-benchmark-5.3.1/run1.json",
        "pytest-benchmark-4.0.0/run1.json",
        "pytest-benchmark-5.3.1/.benchmarks/Linux-CPython-3.11-64bit/0001_unversioned_20261126_155601.json",
        "pytest-benchmark-4.0.0/.benchmarks/Linux-CPython-3.11-64bit/0001_unversioned_20261126_155611.json",
    ] {
        let o = run(&["history", "add", &format!("{PY}/{f}"), "--history", h, "--branch", "main"]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
    dir
}

#[test]
fn check_flags_the_slowed_benchmark_against_history() {
    let dir = history_of_unchanged_runs();
    let h = dir.path().to_str().unwrap();
    let slow = format!("{PY}/pytest-benchmark-5.3.1/run2-slow-save-data.json");
    // Four runs of history: the percentage test (10%) decides on so short a window; the
    // default t-test needs more runs to be sure (its bounds are wide by design).
    let args = [
        "check",
        &slow,
        "--history",
        h,
        "--branch",
        "main",
        "--test",
        "percentage",
        "--min-sample-size",
        "3",
        "--format",
        "json",
        "--fail-on-regression",
    ];
    let o = run(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let regressed: Vec<&str> = v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["verdict"] == "regressed")
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(regressed, ["test_bench_shared.py::test_sum_squares"]);

    // A run like the history passes.
    let same = format!("{PY}/pytest-benchmark-5.3.1/run1.json");
    let o = run(&[
        "check",
        &same,
        "--history",
        h,
        "--branch",
        "main",
        "--test",
        "percentage",
        "--min-sample-size",
        "3",
        "--fail-on-regression",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn detect_lists_every_series_of_the_history() {
    let dir = history_of_unchanged_runs();
    let o = run(&[
        "detect",
        "--history",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 6);
    for s in series {
        assert!(s["name"].is_string() && s["metric"] == "time");
        assert!(s["change_points"].as_array().unwrap().is_empty(), "{s}");
    }
}

#[test]
fn missing_history_is_an_error_naming_it() {
    let o = run(&[
        "check",
        &format!("{PY}/pytest-benchmark-5.3.1/run1.json"),
        "--history",
        "no/such/history",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/history"));
}

#[test]
fn a_relative_history_directory_of_one_component_works() {
    // Its parent is the empty path, which cannot be opened to fsync: a regression test.
    let dir = tempfile::tempdir().unwrap();
    let run = root().join("examples/pytest-benchmark/main.json");
    let o = Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .args(["history", "add", run.to_str().unwrap(), "--history", "hist"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join("hist/history.json").exists());
}
