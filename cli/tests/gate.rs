//! `benchcore backtest` end to end on series files of every format, and the errors of
//! `backtest` and `check`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// 40 values around 100 (±1%), then 10 around 120.
fn stepped() -> Vec<f64> {
    (0..50)
        .map(|i| {
            let level = if i < 40 { 100.0 } else { 120.0 };
            level * (1.0 + 0.01 * [0.0, 1.0, -1.0, 0.5, -0.5][i % 5])
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn indices(v: &Value) -> Vec<u64> {
    v["alarms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["index"].as_u64().unwrap())
        .collect()
}

#[test]
fn json_array_and_csv_give_the_same_alarms() {
    let dir = tempfile::tempdir().unwrap();
    let values = stepped();
    let json = write(
        dir.path(),
        "times.json",
        &serde_json::to_string(&values).unwrap(),
    );
    let csv_text = format!(
        "time_ns\r\n{}\r\n",
        values
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\r\n")
    );
    let csv = write(dir.path(), "times.csv", &csv_text);
    let a = run(&["backtest", "--series", &json]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let text = stdout(&a);
    assert!(
        text.starts_with("{\n  \"name\": \"times\",\n  \"points\": 50,"),
        "{text}"
    );
    let av: Value = serde_json::from_str(&text).unwrap();
    let first = &av["alarms"][0];
    assert_eq!(first["index"], 40);
    assert_eq!(first["direction"], "regression");
    assert_eq!(first["verdict"], "regressed");
    assert!(indices(&av).iter().all(|i| *i >= 40), "{text}");
    let c = run(&["backtest", "--series", &csv]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    let cv: Value = serde_json::from_str(&stdout(&c)).unwrap();
    assert_eq!(indices(&av), indices(&cv));
    // Higher is better: the same jump is an improvement.
    let h = run(&["backtest", "--series", &json, "--higher-is-better"]);
    let hv: Value = serde_json::from_str(&stdout(&h)).unwrap();
    assert_eq!(hv["alarms"][0]["direction"], "improvement");
    // Options change what is flagged: a window of 5 re-baselines within a few points.
    let w = run(&[
        "backtest", "--series", &json, "--window", "5", "--test", "iqr",
    ]);
    assert_eq!(w.status.code(), Some(0), "{}", stderr(&w));
    let wv: Value = serde_json::from_str(&stdout(&w)).unwrap();
    assert_eq!(wv["alarms"][0]["test"], "iqr");
    assert!(indices(&wv).len() < indices(&av).len(), "{wv}");
    // --options JSON, with a flag winning over it.
    let o = run(&[
        "backtest",
        "--series",
        &json,
        "--options",
        r#"{"test": "percentage", "boundary": 0.5}"#,
        "--boundary",
        "0.1",
    ]);
    let ov: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(ov["alarms"][0]["test"], "percentage");
    assert_eq!(ov["alarms"][0]["index"], 40);
}

#[test]
fn json_lines_in_json_lines_out_with_samples_mode() {
    let dir = tempfile::tempdir().unwrap();
    let values = stepped();
    let samples: Vec<Vec<f64>> = values.iter().map(|v| vec![v - 1.0, *v, v + 1.0]).collect();
    let lines = [
        serde_json::json!({"name": "fib/20", "values": values}).to_string(),
        String::new(),
        serde_json::json!({"values": values, "lower_is_better": false, "samples": samples})
            .to_string(),
    ];
    let path = write(dir.path(), "suite.jsonl", &lines.join("\n"));
    let o = run(&["backtest", "--series", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let out: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 2, "{text}");
    assert_eq!(out[0]["name"], "fib/20");
    assert_eq!(out[1]["name"], "line 3");
    assert_eq!(out[1]["alarms"][0]["direction"], "improvement");
    let s = run(&["backtest", "--series", &path, "--mode", "samples"]);
    let first: Value = serde_json::from_str(stdout(&s).lines().nth(1).unwrap()).unwrap();
    assert_eq!(first["alarms"][0]["mode"], "samples");
    assert_eq!(first["alarms"][0]["n_samples"], 90);
    // The first series has no samples: samples mode cannot judge it.
    let none: Value = serde_json::from_str(stdout(&s).lines().next().unwrap()).unwrap();
    assert_eq!(none["alarms"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_series_files_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "nan.csv",
            "t\n1\nNaN\n",
            "nan.csv:3: NaN is not a finite number",
        ),
        (
            "text.csv",
            "1\n2\nfast\n",
            "text.csv:3: 'fast' is not a number",
        ),
        ("two.csv", "1,2\n", "two.csv:1: expected one column"),
        ("empty.json", "", "empty.json: empty file"),
        (
            "str.json",
            "[1,\n\"2\"]",
            "str.json:2: expected a JSON array of numbers",
        ),
        (
            "bad.jsonl",
            "{\"values\": [1]}\n{\"values\": [1], \"extra\": 1}\n",
            "bad.jsonl:2: not a series record",
        ),
        (
            "len.jsonl",
            "{\"name\": \"x\", \"values\": [1, 2], \"samples\": [[1]]}\n",
            "len.jsonl:1: field `x.samples`",
        ),
    ];
    for (name, text, want) in cases {
        let path = write(dir.path(), name, text);
        let o = run(&["backtest", "--series", &path]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{name}");
    }
    let o = run(&["backtest", "--series", "does/not/exist.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist.csv"), "{}", stderr(&o));
}

#[test]
fn bad_options_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.json", "[1, 2, 3]");
    for (args, want) in [
        (vec!["--boundary", "3"], "invalid option `boundary`"),
        (vec!["--test", "log-normal"], "unknown test 'log-normal'"),
        (vec!["--options", r#"{"windw": 3}"#], "windw"),
        (vec!["--test", "static"], "lower_limit, upper_limit or both"),
        (vec!["--min-change", "ten"], "not a threshold"),
    ] {
        let mut all = vec!["backtest", "--series", path.as_str()];
        all.extend(args.iter().copied());
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    let o = run(&[
        "backtest",
        "--series",
        &path,
        "--test",
        "static",
        "--upper-limit",
        "2.5",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(indices(&v), [2]);
}

#[test]
fn check_names_a_missing_history_and_bad_candidates() {
    let o = run(&[
        "check",
        "examples/pytest-benchmark/pr.json",
        "--history",
        "some/dir",
        "--baseline-branch",
        "main",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("some/dir"), "{}", stderr(&o));
    let o = run(&["check", "does/not/exist.json", "--history", "h"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist.json"), "{}", stderr(&o));
    let o = run(&["check", "x.json", "--history", "h", "--window", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("window"), "{}", stderr(&o));
    let help = run(&["check", "--help"]);
    assert!(stdout(&help).contains("--fail-on-regression"));
    assert!(stdout(&help).contains("--baseline-branch"));
}
