//! benchmark.js cycle lines: facts of the real 2.1.4 fixtures, names containing ` x `, error
//! lines, and damage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, ParseOptions, Run, Verdict,
};

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/node")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("bench.txt", text.as_bytes(), &ParseOptions::default())
}

#[test]
fn run1_hz_runs_and_rme() {
    let run = parse(&text("benchmarkjs-run1.txt")).unwrap();
    assert_eq!(run.source.format, "benchmark-js");
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    // Split at the last ` x `: the names contain ` x1000` themselves.
    assert_eq!(
        names,
        ["Array#map x1000", "for-loop x1000", "JSON.stringify small"]
    );
    let map = run.benchmark("Array#map x1000").unwrap();
    assert_eq!(map.measurements.len(), 1, "no derived time metric");
    let t = map.measurement("throughput").unwrap();
    assert_eq!(
        (t.metric.unit.as_str(), t.metric.direction),
        ("ops/s", Direction::HigherIsBetter)
    );
    assert_eq!((t.summary.mean, t.summary.n), (Some(560_191.0), Some(17)));
    assert!(t.samples.is_empty());
    assert_eq!(map.extra["rme"], 7.5);
    let json = run.benchmark("JSON.stringify small").unwrap();
    assert_eq!(
        json.measurement("throughput").unwrap().summary.mean,
        Some(3_844_029.0)
    );
}

#[test]
fn error_lines_and_decorations_are_skipped() {
    let full = text("benchmarkjs-run1.txt");
    let with_error = full.replace(
        "for-loop x1000 x 504,401 ops/sec ±9.17% (20 runs sampled)",
        "for-loop x1000: ReferenceError: arr is not defined",
    );
    let run = parse(&with_error).unwrap();
    assert_eq!(run.benchmarks.len(), 2);
    assert!(run.benchmark("for-loop x1000").is_none());
    let decorated = full
        .replace("ops/sec", "\u{1b}[1mops/sec\u{1b}[0m")
        .replace('\n', "\r\n");
    assert_eq!(
        parse(&decorated).unwrap().benchmarks,
        parse(&full).unwrap().benchmarks
    );
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let a = parse(&text("benchmarkjs-run1.txt")).unwrap();
    let b = parse(&text("benchmarkjs-run2-slow.txt")).unwrap();
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed + same.summary.improved, 0);
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    let regressed: Vec<&str> = c
        .benchmarks
        .iter()
        .filter(|r| r.verdict == Verdict::Regressed)
        .map(|r| r.name.as_str())
        .collect();
    // 560,191 → 164,466 ops/s: fewer operations per second is the regression.
    assert_eq!(regressed, ["Array#map x1000"]);
    let row = &c.benchmarks[0];
    assert!(row.relative_change.unwrap() < -0.7);
}

#[test]
fn damaged_inputs_name_the_line() {
    let full = text("benchmarkjs-run1.txt");
    let e = parse(&full[..full.find("±9.17").unwrap() + 4]).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(2)));
    let e = parse(&full[..full.find("for-loop x1000 x 5").unwrap() + 17]).unwrap_err();
    assert!(e.to_string().contains("cut short"), "{e}");
    let e = parse(&full.replace("3,844,029", "3,844,O29")).unwrap_err();
    assert_eq!(e.info().line, Some(3));
    let e = parse(&format!("{full}{full}")).unwrap_err();
    assert!(e.to_string().contains("already appeared on line 1"), "{e}");
}
