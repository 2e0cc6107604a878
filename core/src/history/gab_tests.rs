//! Tests of the github-action-benchmark importer's pieces: the `data.js` wrapper, units,
//! skipped and refused entries. The real fixtures are read by `core/tests/history_gab.rs`.

use super::*;

#[test]
fn finds_the_json_after_the_assignment() {
    assert_eq!(
        json_body("window.BENCHMARK_DATA = {\"a\": 1};\n"),
        ("{\"a\": 1}", 0)
    );
    assert_eq!(json_body("\n\nwindow.BENCHMARK_DATA={}"), ("{}", 2));
    assert_eq!(json_body("  {\"entries\": {}}\n"), ("{\"entries\": {}}", 0));
    assert_eq!(
        json_body("window.BENCHMARK_DATAX"),
        ("window.BENCHMARK_DATAX", 0)
    );
}

#[test]
fn units_map_to_metrics() {
    let (m, f) = classify("ns/iter", "cargo");
    assert_eq!((m.name.as_str(), m.unit.as_str(), f), ("time", "ns", 1.0));
    assert_eq!(m.direction, Direction::LowerIsBetter);
    assert_eq!(classify("µs", "catch2").1, 1e3);
    assert_eq!(classify("MS/op", "go").1, 1e6);
    assert_eq!(classify("seconds", "customSmallerIsBetter").1, 1e9);
    let (m, f) = classify("ops/sec", "benchmarkjs");
    assert_eq!(
        (m.name.as_str(), m.unit.as_str(), f),
        ("throughput", "ops/s", 1.0)
    );
    assert_eq!(classify("ops/ms", "jmh").1, 1e3); // 1 op per ms = 1,000 per second
    assert_eq!(
        classify("iter/sec", "pytest").0.direction,
        Direction::HigherIsBetter
    );
    let (m, _) = classify("ns/op\t   10872 B/op\t      90 allocs/op", "go");
    assert_eq!(m.name, "time");
    let (m, f) = classify("B/op", "go");
    assert_eq!(
        (m.name.as_str(), m.unit.as_str(), f),
        ("value", "B/op", 1.0)
    );
    assert_eq!(m.kind, MetricKind::Other);
    let (m, _) = classify("points", "customBiggerIsBetter");
    assert_eq!(m.direction, Direction::HigherIsBetter);
    assert_eq!(classify("m", "go").0.name, "value"); // metres or minutes? kept as written
    assert_eq!(classify("ops/sec/core", "x").0.name, "value");
}

fn import(text: &str) -> Result<GabImport> {
    import_gab("data.js", text.as_bytes(), &GabImportOptions::default())
}

#[test]
fn odd_entries_are_skipped_or_refused_by_field() {
    let nan = r#"{"entries": {"s": [{"commit": "abc", "date": 1, "tool": "go",
        "benches": [{"name": "a", "value": null, "unit": "ns/op"}]}]}}"#;
    let out = import(nan).unwrap();
    assert!(out.runs.is_empty());
    assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
    assert!(out.warnings[0].starts_with("entries.s[0].benches[0]: value is null"));
    let negative = r#"{"entries": {"s": [{"commit": {"id": "abc"}, "tool": "go",
        "benches": [{"name": "a", "value": -1, "unit": "ns/op"}]}]}}"#;
    let e = import(negative).unwrap_err();
    assert_eq!(
        e.info().field.as_deref(),
        Some("entries.s[0].benches[0].value")
    );
    let bad_commit = r#"{"entries": {"s": [{"commit": 7, "benches": []}]}}"#;
    let e = import(bad_commit).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("entries.s[0].commit"));
    let e = import("window.BENCHMARK_DATA = {\n  \"entries\": {\"s\": [{\"benches\": 3}]}\n}")
        .unwrap_err();
    assert_eq!(e.info().line, Some(2), "{e}");
    assert_eq!(import("   ").unwrap_err().code(), "parse-error");
}

#[test]
fn repeated_names_are_kept_apart() {
    let dup = r#"{"entries": {"s": [{"commit": {"id": "abc"}, "date": 1700000000000,
        "tool": "go", "benches": [{"name": "a", "value": 1, "unit": "ns/op"},
                                  {"name": "a", "value": 2, "unit": "ns/op"}]}]}}"#;
    let out = import(dup).unwrap();
    let names: Vec<_> = out.runs[0]
        .benchmarks
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(names, ["a", "a #2"]);
    assert_eq!(
        out.runs[0].time.as_deref(),
        Some("2023-11-14T22:13:20.000Z")
    );
}
