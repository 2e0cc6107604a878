//! One row per core error code (`Error::CODES`): a command line that fails with it, and the
//! core call that fails the same way. The CLI must exit 2 and print exactly the core's message
//! (as `benchcore: error: <message>`), and nothing on stdout; the core call proves the row
//! really is that code. A code without a row fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use benchcore::{
    escape_terminal, parse_path, DetectOptions, Error, Format, History, LoadOptions, ParseOptions,
};

const PYTEST: &str = "tests/fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json";
const CRITERION: &str = "tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Row {
    code: &'static str,
    args: Vec<String>,
    /// The same failure from the core, run with the repository root as working directory.
    core: Box<dyn Fn() -> Error>,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|a| a.to_string()).collect()
}

fn parse_err(spec: &str, options: ParseOptions) -> Box<dyn Fn() -> Error> {
    let spec = spec.to_string();
    Box::new(move || parse_path(&spec, &options).unwrap_err())
}

fn rows(dir: &Path) -> Vec<Row> {
    let rel = |p: &Path| p.to_str().unwrap().to_string();
    let cut = dir.join("cut.json");
    let text = std::fs::read(root().join(PYTEST)).unwrap();
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "hello, world\n").unwrap();
    let newer = dir.join("newer-history");
    std::fs::create_dir_all(&newer).unwrap();
    std::fs::write(newer.join("history.json"), r#"{"version": 99}"#).unwrap();
    let series = dir.join("series.json");
    std::fs::write(&series, "[1, 2, 3]").unwrap();
    let (cut, notes, newer, series) = (rel(&cut), rel(&notes), rel(&newer), rel(&series));
    vec![
        Row {
            code: "parse-error",
            args: s(&["parse", &cut]),
            core: parse_err(&cut, ParseOptions::default()),
        },
        Row {
            code: "unknown-format",
            args: s(&["parse", &notes]),
            core: parse_err(&notes, ParseOptions::default()),
        },
        Row {
            code: "io-error",
            args: s(&["parse", "tests/fixtures/no-such-file.json"]),
            core: parse_err("tests/fixtures/no-such-file.json", ParseOptions::default()),
        },
        Row {
            code: "unsupported-version",
            args: s(&["history", "list", "--history", &newer]),
            core: Box::new(move || {
                History::open(&newer)
                    .load(&LoadOptions::default())
                    .unwrap_err()
            }),
        },
        Row {
            code: "invalid-options",
            args: s(&[
                "detect",
                "--series",
                &series,
                "--options",
                r#"{"alpha": 2}"#,
            ]),
            core: Box::new(|| DetectOptions::from_json(r#"{"alpha": 2}"#).unwrap_err()),
        },
        Row {
            code: "invalid-input",
            args: s(&["parse", PYTEST, "--format", "criterion"]),
            core: parse_err(
                PYTEST,
                ParseOptions {
                    format: Format::Criterion,
                    ..ParseOptions::default()
                },
            ),
        },
        Row {
            code: "limit-exceeded",
            args: s(&["parse", PYTEST, "--max-input-bytes", "1000"]),
            core: parse_err(
                PYTEST,
                ParseOptions {
                    max_input_bytes: 1000,
                    ..ParseOptions::default()
                },
            ),
        },
        Row {
            code: "not-found",
            args: s(&["parse", &format!("{CRITERION}@no-such-baseline")]),
            core: parse_err(
                &format!("{CRITERION}@no-such-baseline"),
                ParseOptions::default(),
            ),
        },
    ]
}

#[test]
fn every_error_code_exits_2_with_the_core_message() {
    // Paths relative to the repository root, as a user would type them (the only test in this
    // binary, so changing the working directory is safe).
    std::env::set_current_dir(root()).unwrap();
    let local = Path::new("target/cli-error-rows");
    let _ = std::fs::remove_dir_all(local);
    std::fs::create_dir_all(local).unwrap();
    let rows = rows(local);
    let mut seen = BTreeSet::new();
    for row in &rows {
        let expected = (row.core)();
        assert_eq!(expected.code(), row.code, "the row's core call: {expected}");
        let out = Command::new(env!("CARGO_BIN_EXE_benchcore"))
            .args(&row.args)
            .current_dir(root())
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", row.code);
        assert_eq!(
            stderr,
            format!(
                "benchcore: error: {}\n",
                escape_terminal(&expected.to_string())
            ),
            "{}",
            row.code
        );
        assert!(out.stdout.is_empty(), "{}: stdout not empty", row.code);
        seen.insert(row.code);
    }
    let all: BTreeSet<&str> = Error::CODES.into_iter().collect();
    assert_eq!(seen, all, "every core error code has a row");
    let _ = std::fs::remove_dir_all(local);
}
