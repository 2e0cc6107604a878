//! parse → compare on the real fixtures: the one benchmark each fixture set made ~20 % slower is
//! `regressed`, nothing else is (other benchmarks moved up to ±45 % from machine noise; the noise
//! guard calls those `inconclusive`), and every run against itself has no regression.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{compare, parse_path, CompareOptions, Comparison, ParseOptions, Run, Verdict};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn parse(rel: &str) -> Run {
    let spec = format!("{}/{rel}", fixtures().display());
    parse_path(&spec, &ParseOptions::default()).unwrap()
}

/// `(name, metric)` of every regressed row.
fn regressed(c: &Comparison) -> Vec<(String, String)> {
    c.benchmarks
        .iter()
        .filter(|b| b.verdict == Verdict::Regressed)
        .map(|b| (b.name.clone(), b.metric.clone()))
        .collect()
}

fn explain(c: &Comparison) -> String {
    c.benchmarks
        .iter()
        .map(|b| format!("{} {} {}: {}", b.name, b.metric, b.verdict.name(), b.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn criterion_main_vs_pr_flags_only_fib_20() {
    for version in ["0.5.1", "0.8.2"] {
        for run in ["run4", "run5"] {
            let tree = format!("criterion/criterion-{version}/tree-after-{run}/target-criterion");
            let main = parse(&format!("{tree}@main"));
            let pr = parse(&format!("{tree}@pr"));
            let c = compare(&main, &pr, &CompareOptions::default()).unwrap();
            assert_eq!(
                regressed(&c),
                [("fib/20".to_string(), "time".to_string())],
                "{version} {run}:\n{}",
                explain(&c)
            );
            assert_eq!(c.summary.total, 8, "6 time rows + 2 throughput rows");
            assert_eq!(c.summary.added + c.summary.removed, 0);
        }
    }
}

#[test]
fn pytest_run1_vs_run2_flags_only_test_sum_squares() {
    for version in ["5.3.1", "4.0.0"] {
        let dir = format!("pytest-benchmark/pytest-benchmark-{version}");
        let run1 = parse(&format!("{dir}/run1.json"));
        let run2 = parse(&format!("{dir}/run2-slow-save-data.json"));
        let c = compare(&run1, &run2, &CompareOptions::default()).unwrap();
        assert_eq!(
            regressed(&c),
            [(
                "test_bench_shared.py::test_sum_squares".to_string(),
                "time".to_string()
            )],
            "{version}:\n{}",
            explain(&c)
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }
}

#[test]
fn cargo_criterion_run1_vs_run2_flags_only_fib_20() {
    let dir = "criterion/cargo-criterion-1.1.0";
    let run1 = parse(&format!("{dir}/cargo-criterion.json"));
    let run2 = parse(&format!("{dir}/cargo-criterion-run2-slow.json"));
    let c = compare(&run1, &run2, &CompareOptions::default()).unwrap();
    assert_eq!(
        regressed(&c),
        [("fib/20".to_string(), "time".to_string())],
        "{}",
        explain(&c)
    );
}

#[test]
fn every_fixture_run_against_itself_has_no_regression() {
    let mut runs = Vec::new();
    for version in ["0.5.1", "0.8.2"] {
        for baseline in ["main", "pr", "new", "base"] {
            runs.push(format!(
                "criterion/criterion-{version}/tree-after-run5/target-criterion@{baseline}"
            ));
        }
    }
    for f in ["cargo-criterion.json", "cargo-criterion-run2-slow.json"] {
        runs.push(format!("criterion/cargo-criterion-1.1.0/{f}"));
    }
    for version in ["5.3.1", "4.0.0"] {
        runs.push(format!(
            "pytest-benchmark/pytest-benchmark-{version}/run1.json"
        ));
        runs.push(format!(
            "pytest-benchmark/pytest-benchmark-{version}/run2-slow-save-data.json"
        ));
    }
    for rel in runs {
        let run = parse(&rel);
        let c = compare(&run, &run, &CompareOptions::default()).unwrap();
        assert!(!c.has_regressions(), "{rel}:\n{}", explain(&c));
        assert_eq!(c.summary.improved, 0, "{rel}");
        assert_eq!(
            c.summary.unchanged,
            c.summary.total,
            "{rel}:\n{}",
            explain(&c)
        );
    }
}

#[test]
fn autosaves_without_samples_still_compare() {
    // 0001 has summaries only, 0002 samples: the engine falls back to summary statistics.
    for version in ["5.3.1", "4.0.0"] {
        let saves = fixtures().join(format!(
            "pytest-benchmark/pytest-benchmark-{version}/.benchmarks/Linux-CPython-3.11-64bit"
        ));
        let mut files: Vec<PathBuf> = std::fs::read_dir(&saves)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let runs: Vec<Run> = files
            .iter()
            .map(|p| parse_path(p.to_str().unwrap(), &ParseOptions::default()).unwrap())
            .collect();
        let c = compare(&runs[0], &runs[1], &CompareOptions::default()).unwrap();
        assert_eq!(c.summary.total, 6, "{version}");
        let sum = c
            .benchmarks
            .iter()
            .find(|b| b.name.ends_with("::test_sum_squares"))
            .unwrap();
        assert!(sum.relative_change.unwrap() > 0.15, "{}", explain(&c));
    }
}
