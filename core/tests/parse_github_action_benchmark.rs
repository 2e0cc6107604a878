//! github-action-benchmark custom JSON (`customSmallerIsBetter` / `customBiggerIsBetter`): the
//! examples of the action's README and test data (no tool writes this format on its own), see
//! `tests/fixtures/github-action-benchmark/README.md` and
//! <https://github.com/benchmark-action/github-action-benchmark>.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, Format, MetricKind, ParseOptions, Run,
    SingleValues, Verdict,
};

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/github-action-benchmark")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn parse_as(text: &str, format: Format) -> Result<Run, Error> {
    let options = ParseOptions {
        format,
        ..ParseOptions::default()
    };
    parse_bytes("output.json", text.as_bytes(), &options)
}

#[test]
fn readme_example_keeps_units_range_and_extra() {
    let run = parse_as(&text("readme-custom-smaller-is-better.json"), Format::Auto).unwrap();
    assert_eq!(run.source.format, "custom-smaller-is-better");
    let cpu = &run.benchmarks[0];
    assert_eq!(cpu.name, "My Custom Smaller Is Better Benchmark - CPU Load");
    let m = cpu.measurement("value").unwrap();
    assert_eq!(
        (m.metric.unit.as_str(), m.metric.kind),
        ("Percent", MetricKind::Other)
    );
    assert_eq!(
        (m.summary.median, m.metric.direction),
        (Some(50.0), Direction::LowerIsBetter)
    );
    let mem = &run.benchmarks[1];
    assert_eq!(mem.extra["range"], "3");
    assert_eq!(
        mem.extra["extra"],
        "Value for Tooltip: 25\nOptional Num #2: 100\nAnything Else!"
    );
}

#[test]
fn time_units_become_time_in_ns() {
    let run = parse_as(&text("customSmallerIsBetter_output2.json"), Format::Auto).unwrap();
    assert_eq!(run.benchmarks.len(), 4);
    let t = run
        .benchmark("No logging")
        .unwrap()
        .measurement("time")
        .unwrap();
    assert_eq!(
        (t.metric.unit.as_str(), t.summary.median),
        ("ns", Some(1847.38))
    );
    assert_eq!(run.benchmark("No logging").unwrap().extra["range"], 10.2008);
    let ms = text("customSmallerIsBetter_output2.json").replace("\"ns\"", "\"ms\"");
    let t = parse_as(&ms, Format::Auto).unwrap();
    let v = t
        .benchmark("No logging")
        .unwrap()
        .measurement("time")
        .unwrap()
        .summary
        .median
        .unwrap();
    assert!((v - 1847.38e6).abs() < 1e-3, "{v}");
}

#[test]
fn direction_comes_from_the_format_and_detection_reads_units() {
    let src = text("customBiggerIsBetter_output.json");
    // req/s and Megabytes: not every unit is a rate, so detection says smaller-is-better.
    let auto = parse_as(&src, Format::Auto).unwrap();
    assert_eq!(auto.source.format, "custom-smaller-is-better");
    let explicit = parse_as(&src, Format::CustomBiggerIsBetter).unwrap();
    assert_eq!(explicit.source.format, "custom-bigger-is-better");
    for b in &explicit.benchmarks {
        assert_eq!(
            b.measurements[0].metric.direction,
            Direction::HigherIsBetter
        );
    }
    // Only rates: detected as bigger-is-better.
    let rates = src.replace("\"Megabytes\"", "\"ops/sec\"");
    assert_eq!(
        parse_as(&rates, Format::Auto).unwrap().source.format,
        "custom-bigger-is-better"
    );
    // Explicit smaller wins over the units.
    let forced = parse_as(&rates, Format::CustomSmallerIsBetter).unwrap();
    assert_eq!(
        forced.benchmarks[0].measurements[0].metric.direction,
        Direction::LowerIsBetter
    );
}

#[test]
fn compare_follows_the_tool_direction() {
    let src = text("customBiggerIsBetter_output.json");
    let base = parse_as(&src, Format::CustomBiggerIsBetter).unwrap();
    let same = compare(&base, &base, &CompareOptions::default()).unwrap();
    assert!(same
        .benchmarks
        .iter()
        .all(|r| r.verdict == Verdict::Unchanged));
    // Throughput 70 → 50 req/s: worse for a bigger-is-better tool.
    let lower = parse_as(
        &src.replace("\"value\": 70", "\"value\": 50"),
        Format::CustomBiggerIsBetter,
    )
    .unwrap();
    // Single user-computed values carry no noise estimate: by default a change beyond the
    // threshold is `inconclusive`; github-action-benchmark's behaviour (threshold alone) is
    // one option away, and then the direction decides.
    let c = compare(&base, &lower, &CompareOptions::default()).unwrap();
    assert_eq!(c.benchmarks[0].verdict, Verdict::Inconclusive);
    let by_threshold = CompareOptions {
        single_values: SingleValues::Threshold,
        ..CompareOptions::default()
    };
    let c = compare(&base, &lower, &by_threshold).unwrap();
    assert_eq!(c.benchmarks[0].verdict, Verdict::Regressed);
    assert_eq!(c.benchmarks[1].verdict, Verdict::Unchanged);
}

#[test]
fn damaged_inputs_name_the_line_or_field() {
    let full = text("customSmallerIsBetter_output2.json");
    let e = parse_as(&full[..200], Format::Auto).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(12)));
    let e = parse_as(
        &full.replace("\"value\": 445.661", "\"value\": \"fast\""),
        Format::Auto,
    )
    .unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("[1].value"));
    // A numeric string is what some scripts write; the action passes it through.
    let run = parse_as(
        &full.replace("\"value\": 445.661", "\"value\": \"445.661\""),
        Format::Auto,
    )
    .unwrap();
    assert_eq!(
        run.benchmarks[1].measurements[0].summary.median,
        Some(445.661)
    );
    let twice = full.replace("\"No logging\"", "\"No instrumentation\"");
    let e = parse_as(&twice, Format::Auto).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("[2].name"));
}
