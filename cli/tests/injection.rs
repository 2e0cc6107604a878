//! Untrusted text stays inert in every text output of the CLI. A pull request controls its
//! benchmark names (and, from a fork, its branch name; commits come from the result files or
//! the workflow); each payload below must reach no terminal as a control sequence and no PR
//! comment as markup, a link, a mention or a line break.
//!
//! Surfaces: `compare` (terminal table and Markdown, rendered by the core; the `check` renderers
//! are tested in `core/tests/check_report.rs`), `detect
//! --format table|markdown`, `history list`, `history prune`, warnings and error messages on
//! stderr. Inputs are real hyperfine outputs (`tests/fixtures/hyperfine/`) whose command names
//! are replaced by the payloads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const HOSTILE: [&str; 9] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "@octocat ping",
    "[x](javascript:alert(1))",
    "\u{1b}[31mred\u{1b}[0m",
    "two\r\nlines",
    "\u{202e}evil\u{2066}",
    "a|b",
    "\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}",
];

/// Substrings no Markdown output may contain.
const RAW_MARKUP: [&str; 5] = [
    "<script",
    "<img",
    "@octocat",
    "](javascript:",
    "\n| injected",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn benchcore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// No control character but `\n`, no bidi override or isolate.
fn assert_terminal_safe(what: &str, s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{s}");
}

fn assert_markdown_inert(what: &str, s: &str) {
    assert_terminal_safe(what, s);
    for raw in RAW_MARKUP {
        assert!(!s.contains(raw), "{what}: {raw:?} in\n{s}");
    }
    // Every table row keeps the header's number of cells: no name splits a row.
    let mut cells = None;
    for line in s.lines().filter(|l| l.starts_with('|')) {
        let n = unescaped_pipes(line);
        match cells {
            None => cells = Some(n),
            Some(c) if c == n => {}
            Some(c) => {
                if line.contains("---") {
                    cells = Some(n); // a new table
                } else {
                    panic!("{what}: row has {n} cell borders, header {c}: {line}")
                }
            }
        }
    }
}

fn unescaped_pipes(line: &str) -> usize {
    let (mut n, mut escaped) = (0, false);
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// A hyperfine export whose commands are the payloads (each result of the real file reused).
fn hostile_hyperfine(src: &str, dir: &Path, name: &str) -> PathBuf {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(src)).unwrap()).unwrap();
    let results = v["results"].as_array().unwrap().clone();
    v["results"] = Value::Array(
        HOSTILE
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut r = results[i % results.len()].clone();
                r["command"] = Value::String((*name).to_string());
                r
            })
            .collect(),
    );
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).unwrap();
    p
}

const BASE: &str = "tests/fixtures/hyperfine/sort-two-commands.json";
const SLOW: &str = "tests/fixtures/hyperfine/sort-two-commands-run2-slow.json";

#[test]
fn compare_table_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let a = hostile_hyperfine(BASE, dir.path(), "a.json");
    let b = hostile_hyperfine(SLOW, dir.path(), "b.json");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let table = benchcore(&["compare", a, b, "--format", "table", "--color", "never"]);
    assert!(table.status.success(), "{}", text(&table.stderr));
    let t = text(&table.stdout);
    assert_terminal_safe("compare table", &t);
    assert!(t.contains("\\x1b[31mred"), "{t}");
    assert!(t.contains("\\u{202e}evil"), "{t}");
    let md = benchcore(&["compare", a, b, "--format", "markdown"]);
    assert!(md.status.success(), "{}", text(&md.stderr));
    let m = text(&md.stdout);
    assert_markdown_inert("compare markdown", &m);
    assert!(m.contains("&lt;script&gt;"), "{m}");
}

/// A history of `n` runs of the base file on a hostile branch with hostile commits.
fn hostile_history(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let h = dir.join("history");
    let base = hostile_hyperfine(BASE, dir, "base.json");
    for i in 0..n {
        let out = benchcore(&[
            "history",
            "add",
            base.to_str().unwrap(),
            "--history",
            h.to_str().unwrap(),
            "--branch",
            "\u{1b}[2J<b>@octocat</b>",
            "--commit",
            &format!("{i}\u{202e}[c](javascript:alert(1))"),
            "--time",
            &format!("2026-01-{:02}T00:00:00Z", i + 1),
            "--now",
            "2026-02-01T00:00:00Z",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    (h, hostile_hyperfine(SLOW, dir, "slow.json"))
}

#[test]
fn history_list_and_prune() {
    let dir = tempfile::tempdir().unwrap();
    let (h, _) = hostile_history(dir.path(), 3);
    let h = h.to_str().unwrap();
    let list = benchcore(&["history", "list", "--history", h]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let s = text(&list.stdout);
    assert_terminal_safe("history list", &s);
    assert!(s.contains("\\x1b[2J<b>@octocat</b>"), "{s}");
    let prune = benchcore(&[
        "history",
        "prune",
        "--history",
        h,
        "--keep-last",
        "1",
        "--now",
        "2026-03-01T00:00:00Z",
    ]);
    assert!(prune.status.success(), "{}", text(&prune.stderr));
    let s = text(&prune.stdout);
    assert!(s.contains("would remove"), "{s}");
    assert_terminal_safe("history prune", &s);
    // JSON keeps the exact text (it is data; JSON escapes the controls itself).
    let json = benchcore(&["history", "list", "--history", h, "--format", "json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["branch"], "\u{1b}[2J<b>@octocat</b>");
    let j = text(&json.stdout);
    assert_terminal_safe("history list --format json", &j);
    assert!(j.contains("\\u202e"), "{j}");
}

#[test]
fn detect_table_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = HOSTILE
        .iter()
        .map(|name| {
            let values: Vec<f64> = (0..40)
                .map(|i| if i < 20 { 100.0 } else { 150.0 } + f64::from(i % 3))
                .collect();
            serde_json::json!({"name": name, "values": values}).to_string()
        })
        .collect();
    let series = dir.path().join("series.jsonl");
    std::fs::write(&series, lines.join("\n")).unwrap();
    for (format, markdown) in [("table", false), ("markdown", true)] {
        let out = benchcore(&[
            "detect",
            "--series",
            series.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let s = text(&out.stdout);
        assert_eq!(
            s.lines().filter(|l| l.contains("evil")).count(),
            1,
            "one change point per series:\n{s}"
        );
        if markdown {
            assert_markdown_inert("detect markdown", &s);
            assert!(s.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"), "{s}");
        } else {
            assert_terminal_safe("detect table", &s);
            assert!(s.contains("two\\r\\nlines"), "{s}");
        }
    }
}

#[test]
fn error_messages_and_warnings_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // Two benchmarks with the same hostile name: the error quotes it.
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(BASE)).unwrap()).unwrap();
    for r in v["results"].as_array_mut().unwrap() {
        r["command"] = Value::String("\u{1b}[2J\u{1b}[31mgotcha\r".into());
    }
    let dup = dir.path().join("dup.json");
    std::fs::write(&dup, v.to_string()).unwrap();
    let out = benchcore(&["parse", dup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(e.contains("duplicate benchmark name"), "{e}");
    assert!(e.contains("\\x1b[2J\\x1b[31mgotcha\\r"), "{e}");
    assert_terminal_safe("error message", &e);

    // A damaged history file named by a hostile path is a warning that stays inert too.
    let (h, _) = hostile_history(dir.path(), 1);
    let stray = h.join("runs/zz/\u{1b}[31mnot-a-run.json");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, "{}").unwrap();
    let out = benchcore(&["history", "list", "--history", h.to_str().unwrap()]);
    assert!(out.status.success());
    let w = text(&out.stderr);
    assert!(w.contains("warning") && w.contains("not-a-run"), "{w}");
    assert_terminal_safe("history warning", &w);
}
