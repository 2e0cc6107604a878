//! `benchcore detect --series` end to end: the three input shapes, stdin, output formats,
//! exit codes and errors naming the file and line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The program may exit (bad options) before reading: a broken pipe is not the test's failure.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// 40 runs around 100, then 30 around `after`, with a fixed small wobble.
fn step(after: f64) -> Vec<f64> {
    (0..70)
        .map(|i| {
            let level = if i < 40 { 100.0 } else { after };
            let wobble = (((i * 37) % 11) as f64 - 5.0) * 0.002;
            (level * (1.0 + wobble) * 100.0).round() / 100.0
        })
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn json_array(values: &[f64]) -> String {
    serde_json::to_string(values).unwrap()
}

#[test]
fn json_array_and_csv_give_the_same_change_point() {
    let dir = tempfile::tempdir().unwrap();
    let values = step(125.0);
    let array = write(&dir, "s.json", &json_array(&values));
    let csv: String = std::iter::once("time_ns".to_string())
        .chain(values.iter().map(|v| v.to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    let csv = write(&dir, "s.csv", &csv);
    let a = run(&["detect", "--series", &array], None);
    let c = run(&["detect", "--series", &csv], None);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&c));
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    let cps = v["change_points"].as_array().unwrap();
    assert_eq!(cps.len(), 1, "{v}");
    assert_eq!(cps[0]["index"], 40);
    assert_eq!(cps[0]["direction"], "regression");
    let rel = cps[0]["relative_change"].as_f64().unwrap();
    assert!((rel - 0.25).abs() < 0.01, "{rel}");
}

#[test]
fn json_lines_on_stdin_give_one_line_per_series_in_order() {
    let lines = [
        serde_json::json!({"name": "slower", "values": step(125.0)}),
        serde_json::json!({"name": "flat", "values": step(100.0)}),
        serde_json::json!({"name": "faster-throughput", "values": step(80.0), "lower_is_better": false}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let o = run(&["detect", "--series", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<&str> = out.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["slower", "flat", "faster-throughput"]);
    assert_eq!(out[0]["change_points"][0]["direction"], "regression");
    assert_eq!(out[1]["change_points"], serde_json::json!([]));
    // Throughput dropped by 20%: a regression for a higher-is-better series.
    let c = &out[2]["change_points"][0];
    assert_eq!(c["direction"], "regression");
    assert!(c["relative_change"].as_f64().unwrap() < -0.15);
}

#[test]
fn pelt_reports_a_cost_gain_and_tables_render() {
    let input = json_array(&step(125.0));
    let o = run(
        &["detect", "--series", "-", "--method", "pelt"],
        Some(&input),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["change_points"][0];
    assert_eq!(c["index"], 40);
    assert!(c["cost_gain"].as_f64().unwrap() > 0.0 && c.get("p_value").is_none());
    let t = run(
        &["detect", "--series", "-", "--format", "table"],
        Some(&input),
    );
    assert!(
        stdout(&t).contains("regression") && stdout(&t).contains("+25"),
        "{}",
        stdout(&t)
    );
    let m = run(
        &["detect", "--series", "-", "--format", "markdown"],
        Some(&input),
    );
    assert!(
        stdout(&m).contains("| &lt;stdin&gt; | 40 |"),
        "{}",
        stdout(&m)
    );
}

#[test]
fn options_reach_the_core() {
    let input = json_array(&step(125.0));
    let o = run(
        &[
            "detect",
            "--series",
            "-",
            "--options",
            r#"{"min_magnitude": 0.5}"#,
        ],
        Some(&input),
    );
    assert_eq!(stdout(&o).trim(), "{\n  \"change_points\": []\n}");
    let bad = run(
        &["detect", "--series", "-", "--options", r#"{"alpha": 3}"#],
        Some(&input),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`alpha`"), "{}", stderr(&bad));
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("nan.csv", "time\n1.0\nNaN\n", ":3"),
        ("text.csv", "1\n2\nabc\n", ":3"),
        (
            "two.jsonl",
            "{\"values\": [1, 2]}\n{\"values\": [1, \"x\"]}\n",
            ":2",
        ),
        ("trunc.json", "[1, 2,\n3,", ":2"),
        ("empty.json", "[]", ":1"),
    ];
    for (name, text, line) in cases {
        let path = write(&dir, name, text);
        let o = run(&["detect", "--series", &path], None);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(&format!("{name}{line}")), "{name}: {err}");
    }
    let o = run(&["detect", "--series", "/nonexistent/series.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/series.json"));
    let o = run(&["detect"], None);
    assert_eq!(o.status.code(), Some(2), "--series is required");
}
