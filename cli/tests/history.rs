//! `benchcore history …` end to end on a temporary directory with the real fixtures: add
//! (twice), import-gab, list (table, JSON, filters), prune (dry run, then --apply), export,
//! damaged files as warnings or, with --strict, errors; exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    stdout(o)
}

const MAIN: &str = "tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion@main";
const PR: &str = "tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion@pr";
const PYTEST: &str = "tests/fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json";
const GAB: &str = "tests/fixtures/github-action-benchmark/benchmarkjs-msal-fork.data.js";

fn list_json(h: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    let v: serde_json::Value = serde_json::from_str(&ok(&run(h, &args))).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn add_list_prune_export() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    let now = ["--now", "2026-11-30T00:00:00Z"];
    let first = ok(&run(
        &h,
        &[
            &[
                "add",
                MAIN,
                PYTEST,
                "--branch",
                "main",
                "--time",
                "2026-11-01T10:00:00Z",
            ][..],
            &now[..],
        ]
        .concat(),
    ));
    assert_eq!(first.matches("added ").count(), 2, "{first}");
    let again = ok(&run(
        &h,
        &[
            "add",
            MAIN,
            "--branch",
            "main",
            "--time",
            "2026-11-01T10:00:00Z",
        ],
    ));
    assert!(again.starts_with("already present "), "{again}");
    ok(&run(
        &h,
        &[
            "add",
            PR,
            "--branch",
            "pr-1",
            "--time",
            "2026-11-02T10:00:00Z",
            "--commit",
            "beef",
        ],
    ));
    let imported = ok(&run(&h, &["import-gab", GAB, "--branch", "main"]));
    assert!(
        imported.contains("6 runs: 6 added, 0 already present"),
        "{imported}"
    );
    let twice = ok(&run(&h, &["import-gab", GAB, "--branch", "main"]));
    assert!(
        twice.contains("6 runs: 0 added, 6 already present"),
        "{twice}"
    );

    let table = ok(&run(&h, &["list"]));
    assert!(table.starts_with("TIME "), "{table}");
    assert!(table.ends_with("9 runs\n"), "{table}");
    let all = list_json(&h, &[]);
    assert_eq!(all.len(), 9);
    let times: Vec<&str> = all.iter().map(|r| r["time"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
    assert_eq!(list_json(&h, &["--branch", "pr-1"]).len(), 1);
    assert_eq!(list_json(&h, &["--commit", "BEEF"])[0]["branch"], "pr-1");
    assert_eq!(
        list_json(
            &h,
            &["--since", "2026-11-01", "--until", "2026-11-01T23:59:59Z"]
        )
        .len(),
        2
    );

    // Retention per branch, tool and environment: the 6 benchmark.js runs keep their newest 2.
    let dry = ok(&run(
        &h,
        &["prune", "--keep-last", "2", "--now", "2026-11-30T00:00:00Z"],
    ));
    assert_eq!(dry.matches("would remove ").count(), 4, "{dry}");
    assert!(
        dry.contains("dry run: 4 of 9 runs would be removed, 5 kept"),
        "{dry}"
    );
    assert_eq!(list_json(&h, &[]).len(), 9, "a dry run deletes nothing");
    let applied = ok(&run(&h, &["prune", "--keep-last", "2", "--apply"]));
    assert!(applied.contains("removed 4 of 9 runs, kept 5"), "{applied}");
    let left = list_json(&h, &[]);
    assert_eq!(left.len(), 5);
    let gab_times: Vec<&str> = left
        .iter()
        .filter(|r| r["format"] == "github-action-benchmark")
        .map(|r| r["time"].as_str().unwrap())
        .collect();
    assert_eq!(
        gab_times,
        ["2023-12-16T23:27:33.675Z", "2024-01-17T02:36:59.820Z"]
    );

    let out = dir.path().join("bundle.json");
    let msg = ok(&run(
        &h,
        &[
            "export",
            "--out",
            out.to_str().unwrap(),
            "--benchmark",
            "fib/*",
        ],
    ));
    assert!(msg.starts_with("wrote "), "{msg}");
    let bundle: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(bundle["version"], 1);
    assert_eq!(bundle["runs"].as_array().unwrap().len(), 5);
    let series = bundle["series"].as_array().unwrap();
    let fib20 = series
        .iter()
        .find(|s| s["name"] == "fib/20" && s["metric"] == "time")
        .unwrap();
    let points = fib20["points"].as_array().unwrap();
    assert_eq!(points.len(), 2, "main and pr-1");
    assert!(points.iter().all(|p| p.as_array().unwrap().len() == 2));
}

#[test]
fn damaged_files_warn_and_strict_fails() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    let added = ok(&run(&h, &["add", MAIN, PYTEST]));
    let id = added
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    let record = h.join("runs").join(&id[..2]).join(format!("{id}.json"));
    std::fs::write(&record, "{\"version\":1,\"added_at\":").unwrap();
    let listed = run(&h, &["list"]);
    assert!(listed.status.success());
    assert!(stdout(&listed).ends_with("1 run\n"), "{}", stdout(&listed));
    let warning = stderr(&listed);
    assert!(
        warning.contains("warning") && warning.contains(&record.display().to_string()),
        "{warning}"
    );
    let strict = run(&h, &["list", "--strict"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(stderr(&strict).contains(&record.display().to_string()));
}

#[test]
fn errors_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    let missing = run(&h, &["list"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains(&h.display().to_string()),
        "{}",
        stderr(&missing)
    );
    let bad = run(&h, &["add", "tests/fixtures/nope.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("tests/fixtures/nope.json"));
    let not_gab = run(&h, &["import-gab", PYTEST]);
    assert_eq!(not_gab.status.code(), Some(2));
    assert!(stderr(&not_gab).contains(PYTEST), "{}", stderr(&not_gab));
    let bad_time = run(&h, &["add", PYTEST, "--now", "tomorrow"]);
    assert_eq!(bad_time.status.code(), Some(2));
    let nothing = run(&h, &["prune"]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        stderr(&nothing).contains("keep_last"),
        "{}",
        stderr(&nothing)
    );
    assert!(
        !h.join("runs").exists(),
        "nothing was written by failed commands"
    );
}

#[test]
fn parallel_processes_adding_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("history");
    let children: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_benchcore"))
                .args([
                    "history",
                    "add",
                    MAIN,
                    PYTEST,
                    "--branch",
                    &format!("job-{}", i % 3),
                ])
                .arg("--history")
                .arg(&h)
                .current_dir(root())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut added = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        added += ok(&out).matches("added ").count();
    }
    // Three branches × two runs, each added by two of the six processes: stored once each.
    assert_eq!(added, 6);
    assert_eq!(list_json(&h, &[]).len(), 6);
    let listed = run(&h, &["list"]);
    assert!(stderr(&listed).is_empty(), "{}", stderr(&listed));
}
