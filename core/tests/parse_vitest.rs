//! vitest `bench --outputJson`: facts of the real 4.1.12 fixtures and damage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{compare, parse_bytes, CompareOptions, Error, ParseOptions, Run, Verdict};
use serde_json::{json, Value};

fn fixture(name: &str) -> (String, Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/node/vitest")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let raw = serde_json::from_str(&text).unwrap();
    (text, raw)
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("bench.json", text.as_bytes(), &ParseOptions::default())
}

#[test]
fn run1_names_groups_and_units() {
    let (text, raw) = fixture("vitest-run1.json");
    let run = parse(&text).unwrap();
    assert_eq!(run.source.format, "vitest");
    let names: Vec<(&str, Option<&str>)> = run
        .benchmarks
        .iter()
        .map(|b| (b.name.as_str(), b.group.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "strings.bench.mjs > strings > padStart 1000",
                Some("strings.bench.mjs > strings")
            ),
            (
                "strings.bench.mjs > strings > join 1000",
                Some("strings.bench.mjs > strings")
            ),
            (
                "strings.bench.mjs > numbers > parseInt x100",
                Some("strings.bench.mjs > numbers")
            ),
        ]
    );
    let pad = run.benchmarks[0].measurement("time").unwrap();
    let src = &raw["files"][0]["groups"][0]["benchmarks"][0];
    assert_eq!(pad.summary.mean, Some(src["mean"].as_f64().unwrap() * 1e6));
    assert_eq!(
        pad.summary.median,
        Some(src["median"].as_f64().unwrap() * 1e6)
    );
    assert_eq!(pad.summary.min, Some(src["min"].as_f64().unwrap() * 1e6));
    assert_eq!(pad.summary.n, Some(12315));
    assert!(pad.samples.is_empty(), "vitest 4 writes `samples: []`");
    let hz = run.benchmarks[0].measurement("throughput").unwrap();
    assert_eq!(
        (hz.metric.unit.as_str(), hz.summary.mean),
        ("ops/s", Some(41049.64191029083))
    );
    assert_eq!(run.benchmarks[0].extra["rme"], 2.471945215368134);
}

#[test]
fn samples_when_present_are_raw_samples_in_ns() {
    let (_, mut raw) = fixture("vitest-run1.json");
    raw["files"][0]["groups"][0]["benchmarks"][1]["samples"] = json!([0.0093, 0.0098, 0.0102]);
    let run = parse(&raw.to_string()).unwrap();
    let join = run.benchmarks[1].measurement("time").unwrap();
    assert_eq!(join.samples.len(), 3);
    assert!((join.samples[0] - 9300.0).abs() < 1e-6);
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let a = parse(&fixture("vitest-run1.json").0).unwrap();
    let b = parse(&fixture("vitest-run2-slow.json").0).unwrap();
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed + same.summary.improved, 0);
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    for r in &c.benchmarks {
        let slowed = r.name.ends_with("padStart 1000");
        assert_eq!(
            r.verdict == Verdict::Regressed,
            slowed,
            "{} {}: {}",
            r.name,
            r.metric,
            r.reason
        );
    }
}

#[test]
fn damaged_inputs_name_the_line() {
    let (text, _) = fixture("vitest-run1.json");
    let e = parse(&text[..1000]).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(29)));
    let e = parse(&text.replacen("\"hz\": 41049.64191029083", "\"hz\": \"fast\"", 1)).unwrap_err();
    assert_eq!(e.info().line, Some(18));
    assert_eq!(
        e.info().field.as_deref(),
        Some("files[0].groups[0].benchmarks[0].hz")
    );
}
