//! `benchcore check --history DIR` on a real history store written by `benchcore history add`:
//! the gate reads the store's series (values, or raw samples with `--mode samples`), judges the
//! candidate against the baseline branch, and exits 1 on a regression under
//! `--fail-on-regression`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DIR: &str = "tests/fixtures/pytest-benchmark/pytest-benchmark-5.3.1";

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

/// Five runs of the same results on main (different commits and times).
fn history(dir: &Path) -> String {
    let h = dir.join("history").display().to_string();
    for i in 1..=5 {
        let o = run(&[
            "history",
            "add",
            &format!("{DIR}/run1.json"),
            "--history",
            &h,
            "--branch",
            "main",
            "--commit",
            &format!("c{i}"),
            "--time",
            &format!("2026-11-0{i}T10:00:00Z"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    h
}

fn verdicts(o: &Output) -> Vec<(String, String)> {
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_reads_the_history_store() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path());
    let slow = format!("{DIR}/run2-slow-save-data.json");
    let o = run(&[
        "check",
        &slow,
        "--history",
        &h,
        "--baseline-branch",
        "main",
        "--format",
        "json",
        "--fail-on-regression",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = verdicts(&o);
    assert_eq!(v.len(), 6);
    assert!(v.contains(&(
        "test_bench_shared.py::test_sum_squares".into(),
        "regressed".into()
    )));
    let body: Value = serde_json::from_slice(&o.stdout).unwrap();
    let sum = body["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "test_bench_shared.py::test_sum_squares")
        .unwrap();
    assert_eq!(sum["n"], 5, "five baseline runs");

    // The same results as the history, from another branch: nothing moved.
    let same = format!("{DIR}/run1.json");
    let o = run(&[
        "check",
        &same,
        "--history",
        &h,
        "--branch",
        "topic",
        "--baseline-branch",
        "main",
        "--format",
        "json",
        "--fail-on-regression",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(verdicts(&o).iter().all(|(_, v)| v == "unchanged"));

    // Samples mode pools the raw samples kept in the store's sidecars.
    let o = run(&[
        "check",
        &slow,
        "--history",
        &h,
        "--baseline-branch",
        "main",
        "--mode",
        "samples",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let body: Value = serde_json::from_slice(&o.stdout).unwrap();
    let n_samples = body["benchmarks"][0]["n_samples"].as_u64().unwrap();
    assert!(n_samples > 5, "pooled samples, not one value per run");
}
