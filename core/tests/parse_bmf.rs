//! Bencher Metric Format: the examples of Bencher's documentation (no tool writes BMF on its
//! own), see `tests/fixtures/bmf/README.md`:
//! <https://bencher.dev/docs/reference/bencher-metric-format/>,
//! <https://bencher.dev/docs/how-to/track-custom-benchmarks/>,
//! <https://bencher.dev/docs/how-to/track-build-time/>.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, Format, MetricKind, ParseOptions, Run,
    Verdict,
};

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/bmf")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("bmf.json", text.as_bytes(), &ParseOptions::default())
}

#[test]
#[allow(clippy::approx_constant)] // the documentation's lower bound is 3.14, not π
fn reference_example_maps_the_built_in_measures() {
    let run = parse(&text("reference-example.json")).unwrap();
    assert_eq!(run.source.format, "bmf");
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "benchmark_name",
            "/bin/sh -c ./my_build_script.sh",
            "my_binary"
        ]
    );
    let b = &run.benchmarks[0];
    let latency = b.measurement("time").unwrap();
    assert_eq!(
        (latency.metric.unit.as_str(), latency.metric.direction),
        ("ns", Direction::LowerIsBetter)
    );
    let s = &latency.summary;
    assert_eq!(
        (s.median, s.mean, s.min, s.max),
        (Some(88.0), Some(88.0), Some(87.42), Some(88.88))
    );
    let thr = b.measurement("throughput").unwrap();
    assert_eq!(
        (thr.metric.unit.as_str(), thr.metric.direction),
        ("ops/s", Direction::HigherIsBetter)
    );
    assert_eq!((thr.summary.min, thr.summary.max), (Some(3.14), Some(6.30)));
    let build = run.benchmarks[1].measurement("build-time").unwrap();
    assert_eq!(
        (build.metric.unit.as_str(), build.metric.kind),
        ("ns", MetricKind::Time)
    );
    assert_eq!(build.summary.median, Some(87.0e9), "87.0 s");
    let size = run.benchmarks[2].measurement("file-size").unwrap();
    assert_eq!(
        (size.metric.unit.as_str(), size.summary.median),
        ("B", Some(42.0))
    );
    assert_eq!(size.metric.direction, Direction::LowerIsBetter);
}

#[test]
fn unknown_measures_and_the_throughput_heuristic() {
    let doc = text("track-custom-benchmarks.json").replace("\"latency\"", "\"peak-throughput\"");
    let run = parse(&doc).unwrap();
    let m = &run.benchmarks[0].measurements[0];
    assert_eq!(
        (m.metric.name.as_str(), m.metric.unit.as_str()),
        ("peak-throughput", "")
    );
    assert_eq!(
        (m.metric.kind, m.metric.direction),
        (MetricKind::Other, Direction::HigherIsBetter)
    );
    let run =
        parse(&text("track-custom-benchmarks.json").replace("\"latency\"", "\"cache-misses\""))
            .unwrap();
    assert_eq!(
        run.benchmarks[0].measurements[0].metric.direction,
        Direction::LowerIsBetter
    );
}

#[test]
fn build_times_compare_and_files_compare_with_themselves() {
    let shell = parse(&text("reference-example.json")).unwrap();
    let same = compare(&shell, &shell, &CompareOptions::default()).unwrap();
    assert!(same
        .benchmarks
        .iter()
        .all(|r| r.verdict == Verdict::Unchanged));
    // The doc's exec-form build (86.98 s) under the shell-form name: −0.02 %, unchanged.
    let exec = text("build-time-exec.json")
        .replace("./my_build_script.sh", "/bin/sh -c ./my_build_script.sh");
    let c = compare(&shell, &parse(&exec).unwrap(), &CompareOptions::default()).unwrap();
    let row = c
        .benchmarks
        .iter()
        .find(|r| r.metric == "build-time")
        .unwrap();
    assert_eq!(row.verdict, Verdict::Unchanged);
}

#[test]
fn damaged_inputs_name_the_line_and_field() {
    let full = text("reference-example.json");
    let e = parse(&full[..200]).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(9)));
    let e = parse(&full.replace("\"value\": 42.0", "\"value\": \"42 bytes\"")).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("my_binary.file-size.value"));
    let e = parse(&full.replace("\"value\": 88.0", "\"value\": -88.0")).unwrap_err();
    assert_eq!(
        e.info().field.as_deref(),
        Some("benchmark_name.latency.value")
    );
    let twice = "{\"a\": {\"latency\": {\"value\": 1}}, \"a\": {\"latency\": {\"value\": 2}}}";
    let e = parse_bytes(
        "bmf.json",
        twice.as_bytes(),
        &ParseOptions {
            format: Format::Bmf,
            ..ParseOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("appears twice"), "{e}");
}
