//! The `benchcore` binary end to end on the shipped examples: outputs, exit codes, errors.
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
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const TREE_MAIN: &str = "examples/criterion/target/criterion@main";
const TREE_PR: &str = "examples/criterion/target/criterion@pr";
const PY_MAIN: &str = "examples/pytest-benchmark/main.json";
const PY_PR: &str = "examples/pytest-benchmark/pr.json";

fn json_rows(o: &Output) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
    v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap().to_string(),
                b["metric"].as_str().unwrap().to_string(),
                b["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn criterion_pr_regresses_exactly_fib_20() {
    let o = run(&["compare", TREE_MAIN, TREE_PR, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let regressed: Vec<_> = json_rows(&o)
        .into_iter()
        .filter(|r| r.2 == "regressed")
        .collect();
    assert_eq!(
        regressed,
        [(
            "fib/20".to_string(),
            "time".to_string(),
            "regressed".to_string()
        )]
    );
    let o = run(&[
        "compare",
        TREE_MAIN,
        TREE_PR,
        "--fail-on-regression",
        "--color",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let table = stdout(&o);
    assert!(table.contains("fib/20"), "{table}");
    assert!(!table.contains('\u{1b}'), "no colour when asked");
}

#[test]
fn pytest_slowdown_is_flagged_and_fails_the_gate() {
    let o = run(&[
        "compare",
        PY_MAIN,
        PY_PR,
        "--format",
        "json",
        "--fail-on-regression",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let regressed: Vec<_> = json_rows(&o)
        .into_iter()
        .filter(|r| r.2 == "regressed")
        .map(|r| r.0)
        .collect();
    assert_eq!(regressed, ["test_bench_shared.py::test_sum_squares"]);
}

#[test]
fn same_run_twice_passes_the_gate() {
    for (a, b) in [(TREE_MAIN, TREE_MAIN), (PY_PR, PY_PR)] {
        let o = run(&["compare", a, b, "--fail-on-regression", "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{a}: {}", stderr(&o));
        assert!(json_rows(&o).iter().all(|r| r.2 == "unchanged"), "{a}");
    }
}

#[test]
fn bare_tree_compares_base_with_new() {
    let o = run(&[
        "compare",
        "examples/criterion/target/criterion",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["baseline"]["baseline"], "base");
    assert_eq!(v["candidate"]["baseline"], "new");
}

#[test]
fn markdown_and_report_files() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("comment.md");
    let js = dir.path().join("report.json");
    let o = run(&[
        "compare",
        PY_MAIN,
        PY_PR,
        "--format",
        "markdown",
        "--report",
        md.to_str().unwrap(),
        "--report",
        js.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let printed = stdout(&o);
    let written = std::fs::read_to_string(&md).unwrap();
    assert_eq!(printed, written);
    assert!(
        written.starts_with("<!-- benchcore-report -->"),
        "{written}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["regressed"], 1);
}

#[test]
fn thresholds_can_be_raised_per_benchmark() {
    let o = run(&[
        "compare",
        PY_MAIN,
        PY_PR,
        "--format",
        "json",
        "--threshold-for",
        "*test_sum_squares=50%",
        "--fail-on-regression",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn options_json_threshold_is_not_overridden_by_the_flag_default() {
    let o = run(&[
        "compare",
        PY_MAIN,
        PY_PR,
        "--format",
        "json",
        "--options",
        "{\"threshold\": \"50%\"}",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["options"]["threshold"], 0.5);
    assert_eq!(v["summary"]["regressed"], 0);
}

#[test]
fn parse_prints_runs() {
    let o = run(&["parse", PY_MAIN]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["source"]["format"], "pytest-benchmark");
    let o = run(&["parse", PY_MAIN, TREE_MAIN, "--commit", "abc123"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["commit"], "abc123");
    assert_eq!(v[1]["source"]["baseline"], "main");
}

#[test]
fn input_errors_exit_2_naming_the_file() {
    let o = run(&["compare", "does/not/exist.json", PY_PR]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist.json"), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("truncated.json");
    let text = std::fs::read_to_string(root().join(PY_MAIN)).unwrap();
    std::fs::write(&bad, &text[..text.len() / 2]).unwrap();
    let o = run(&["compare", bad.to_str().unwrap(), PY_PR]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("truncated.json"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let o = run(&[
        "compare",
        TREE_MAIN,
        "examples/criterion/target/criterion@nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));

    let o = run(&["compare", PY_MAIN, PY_PR, "--threshold", "ten"]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["compare", PY_MAIN, PY_PR, "--options", "{\"alpah\": 0.1}"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("alpah"), "{}", stderr(&o));
}

#[test]
fn help_shows_examples() {
    let o = run(&["compare", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    assert!(
        h.contains("Examples:") && h.contains("--fail-on-regression"),
        "{h}"
    );
}
