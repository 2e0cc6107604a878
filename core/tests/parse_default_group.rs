//! `ParseOptions::default_group`: benchmarks the tool put in no group get it (the GitHub
//! Action's suite name, which `import_gab` also gives imported runs); tool groups are kept.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{parse_path, ParseOptions};

fn fixture(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

fn with_group(g: &str) -> ParseOptions {
    ParseOptions {
        default_group: Some(g.into()),
        ..ParseOptions::default()
    }
}

#[test]
fn ungrouped_benchmarks_get_the_default_group_and_a_new_id() {
    let path = fixture("libtest/run1.stdout.txt");
    let plain = parse_path(&path, &ParseOptions::default()).unwrap();
    assert!(plain.benchmarks.iter().all(|b| b.group.is_none()));
    let grouped = parse_path(&path, &with_group("Rust Benchmark")).unwrap();
    assert!(!grouped.benchmarks.is_empty());
    for b in &grouped.benchmarks {
        assert_eq!(b.group.as_deref(), Some("Rust Benchmark"), "{}", b.name);
    }
    assert_ne!(plain.id, grouped.id, "the group is part of the content id");
    assert_eq!(grouped.id, grouped.compute_id());
}

#[test]
fn tool_groups_are_kept() {
    let path = fixture("pytest-benchmark/pytest-benchmark-5.3.1/run1.json");
    let run = parse_path(&path, &with_group("Python")).unwrap();
    let group = |name: &str| {
        let b = run
            .benchmarks
            .iter()
            .find(|b| b.name.ends_with(name))
            .unwrap();
        b.group.clone()
    };
    assert_eq!(group("test_json_dumps").as_deref(), Some("serialize"));
    assert_eq!(group("test_sum_squares").as_deref(), Some("Python"));
}

#[test]
fn an_empty_default_group_is_refused() {
    let e = parse_path(&fixture("go/run1.txt"), &with_group("")).unwrap_err();
    assert_eq!(e.code(), "invalid-options");
    assert_eq!(e.info().field.as_deref(), Some("default_group"));
}
