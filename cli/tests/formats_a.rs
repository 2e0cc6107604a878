//! `benchcore parse FILE` detects every hyperfine, wrk, hey, memray and heaptrack fixture without
//! `--format`, refuses the outputs that hold no usable numbers with a message saying what to run,
//! and `compare` gates on a slowed hyperfine run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
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

/// Every output file of a tool's fixture folder (not its README, scripts or `source/`).
fn outputs(tool: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("tests/fixtures").join(tool)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if name != "source" {
                    stack.push(p);
                }
            } else if !(name == "README.md" || name.ends_with(".lua") || name.ends_with(".log")) {
                out.push(rel(&p));
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap().display().to_string()
}

/// Files that are recognised but refused, with a word the message must contain.
fn refused(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap();
    if path.contains("/hyperfine/") && name.ends_with(".stdout.txt") {
        return Some("--export-json");
    }
    if path.contains("/memray/") {
        // `memray summary` tables and `memray run` logs.
        if name.starts_with("summary") || name.ends_with(".stdout.txt") {
            return Some("memray stats --json");
        }
        if name == "stats-aggregated.txt" {
            return Some("--aggregate");
        }
    }
    None
}

#[test]
fn every_fixture_is_detected() {
    let mut parsed = 0;
    for tool in ["hyperfine", "wrk", "hey", "memray", "heaptrack"] {
        let files = outputs(tool);
        assert!(files.len() >= 3, "{tool}: {files:?}");
        for f in files {
            let o = run(&["parse", &f]);
            let stderr = String::from_utf8_lossy(&o.stderr);
            match refused(&f) {
                Some(word) => {
                    assert_eq!(o.status.code(), Some(2), "{f}");
                    assert!(stderr.contains(&f), "{f}: {stderr}");
                    assert!(stderr.contains(word), "{f}: {stderr}");
                    assert!(!stderr.contains("not a recognised"), "{f}: {stderr}");
                }
                None => {
                    assert_eq!(o.status.code(), Some(0), "{f}: {stderr}");
                    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
                    assert_eq!(v["source"]["format"], tool, "{f}");
                    assert!(!v["benchmarks"].as_array().unwrap().is_empty(), "{f}");
                    parsed += 1;
                }
            }
        }
    }
    assert!(parsed >= 35, "only {parsed} fixtures parsed");
}

#[test]
fn explicit_format_and_unknown_text() {
    let o = run(&[
        "parse",
        "--format",
        "wrk",
        "tests/fixtures/hey/hey-index.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["parse", "tests/fixtures/wrk/source/www/small.txt"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    for tried in ["hyperfine", "wrk", "hey", "memray", "heaptrack"] {
        assert!(stderr.contains(tried), "{stderr}");
    }
}

#[test]
fn compare_gates_on_the_slowed_hyperfine_run() {
    let o = run(&[
        "compare",
        "tests/fixtures/hyperfine/sort-two-commands.json",
        "tests/fixtures/hyperfine/sort-two-commands-run2-slow.json",
        "--fail-on-regression",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let asc = v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "sort asc" && b["metric"] == "time")
        .unwrap();
    assert_eq!(asc["verdict"], "regressed");
}
