//! `benchcore history add --env KEY=VALUE`: the environment a run is recorded with (the CI
//! runner's image and CPU, which criterion does not record), its effect on the content id and
//! the environment fingerprint, and bad pairs as usage errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MAIN: &str = "tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion@main";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(history: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .arg("history")
        .args(args)
        .arg("--history")
        .arg(history)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stored_runs(history: &Path) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for shard in std::fs::read_dir(history.join("runs")).unwrap() {
        for f in std::fs::read_dir(shard.unwrap().path()).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            out.push(v["run"].clone());
        }
    }
    out
}

#[test]
fn env_pairs_are_recorded_and_change_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    let plain = run(&h, &["add", MAIN, "--branch", "main"]);
    assert!(plain.status.success());
    let with = run(
        &h,
        &[
            "add",
            MAIN,
            "--branch",
            "main",
            "--env",
            "cpu=AMD EPYC 7763 64-Core Processor",
            "--env",
            "cpu_count=4",
            "--env",
            "os=Linux 6.8.0",
            "--env",
            "runner_image=ubuntu24/20261124.1",
        ],
    );
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let runs = stored_runs(&h);
    assert_eq!(runs.len(), 2, "a different environment is a different run");
    let r = runs
        .iter()
        .find(|r| !r["environment"]["cpu"].is_null())
        .unwrap();
    let e = &r["environment"];
    assert_eq!(e["cpu"], "AMD EPYC 7763 64-Core Processor");
    assert_eq!(e["cpu_count"], 4);
    assert_eq!(e["os"], "Linux 6.8.0");
    assert_eq!(e["extra"]["runner_image"], "ubuntu24/20261124.1");
    assert_eq!(r["branch"], "main");
    // The stored id is the content id of what was stored, so adding it again is a no-op.
    let again = run(
        &h,
        &[
            "add",
            MAIN,
            "--branch",
            "main",
            "--env",
            "cpu=AMD EPYC 7763 64-Core Processor",
            "--env",
            "cpu_count=4",
            "--env",
            "os=Linux 6.8.0",
            "--env",
            "runner_image=ubuntu24/20261124.1",
        ],
    );
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("already present"));
    // The fingerprint (cpu, os, cpu_count) tells the two environments apart.
    let list = run(&h, &["list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let prints: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["environment"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 2);
    assert_ne!(prints[0], prints[1]);
}

#[test]
fn bad_env_pairs_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    for (pair, says) in [
        ("runner_image", "is not KEY=VALUE"),
        ("=x", "empty key"),
        ("cpu_count=two", "cpu_count must be a whole number"),
    ] {
        let o = run(&h, &["add", MAIN, "--env", pair]);
        assert_eq!(o.status.code(), Some(2), "{pair}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("env") && err.contains(says), "{pair}: {err}");
    }
    assert!(
        !h.join("runs").exists(),
        "nothing stored after a usage error"
    );
}
