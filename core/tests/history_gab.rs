//! github-action-benchmark import on the real `data.js` fixtures of four tools
//! (`tests/fixtures/github-action-benchmark/README.md`): units, directions, kept extras.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{import_gab, Direction, GabImport, GabImportOptions, Run};
use serde_json::json;

fn import(name: &str) -> GabImport {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/github-action-benchmark")
        .join(name);
    let bytes = std::fs::read(path).unwrap();
    import_gab(name, &bytes, &GabImportOptions::default()).unwrap()
}

fn only(run: &Run, name: &str) -> (f64, String, String, Direction) {
    let b = run.benchmark(name).unwrap();
    assert_eq!(b.measurements.len(), 1);
    let m = &b.measurements[0];
    let v = m.summary.median.or(m.summary.mean).unwrap();
    (
        v,
        m.metric.name.clone(),
        m.metric.unit.clone(),
        m.metric.direction,
    )
}

#[test]
fn cargo_bench_values_are_medians_in_ns_with_their_range() {
    let out = import("cargo-dojoengine-katana.data.js");
    assert_eq!(out.runs.len(), 2);
    let r = &out.runs[0];
    assert_eq!(r.source.format, "github-action-benchmark");
    assert_eq!(
        r.commit.as_deref(),
        Some("92e5fe8f186b6af9f2fb03739a5a66bc22eed6c8")
    );
    assert_eq!(r.time.as_deref(), Some("2025-05-02T14:28:19.496Z")); // `date`, not the commit's
    assert_eq!(r.branch, None);
    let b = r.benchmark("decompress world contract").unwrap();
    assert_eq!(b.group.as_deref(), Some("Benchmark"));
    assert_eq!(b.measurements[0].summary.median, Some(2990472.0));
    assert_eq!(b.measurements[0].summary.mean, None);
    assert_eq!(b.extra["range"], json!("± 21925"));
    assert_eq!(b.extra["tool"], json!("cargo"));
    assert_eq!(b.extra["unit"], json!("ns/iter"));
    let (_, metric, unit, dir) = only(r, "Katana.Startup");
    assert_eq!(
        (metric.as_str(), unit.as_str(), dir),
        ("time", "ns", Direction::LowerIsBetter)
    );
}

#[test]
fn benchmark_js_rates_are_throughput_where_bigger_is_better() {
    let out = import("benchmarkjs-msal-fork.data.js");
    assert_eq!(out.runs.len(), 6);
    let name = "ConfidentialClientApplication#acquireTokenByClientCredential-fromCache-resourceIsFirstItemInTheCache";
    let (v, metric, unit, dir) = only(&out.runs[0], name);
    assert_eq!(
        (v, metric.as_str(), unit.as_str()),
        (148421.0, "throughput", "ops/s")
    );
    assert_eq!(dir, Direction::HigherIsBetter);
    let b = out.runs[0].benchmark(name).unwrap();
    assert_eq!(b.extra["range"], json!("±2.16%"));
    assert_eq!(b.extra["extra"], json!("225 samples"));
    assert_eq!(
        b.extra["unit"],
        json!("ops/sec"),
        "the unit as written is kept"
    );
}

#[test]
fn pytest_iterations_per_second_and_the_plain_json_form_agree() {
    let js = import("pytest-mlrun-storey.data.js");
    let plain = import("pytest-mlrun-storey.json");
    assert_eq!(js.runs.len(), 2);
    let ids = |g: &GabImport| g.runs.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&js),
        ids(&plain),
        "same content, same ids, whatever the file"
    );
    let (v, metric, _, dir) = only(
        &js.runs[1],
        "bench/bench_flow.py::test_batch_n_events[5000]",
    );
    assert_eq!(
        (v, metric.as_str(), dir),
        (0.547703637383912, "throughput", Direction::HigherIsBetter)
    );
    let b = js.runs[0]
        .benchmark("bench/bench_flow.py::test_simple_flow_n_events[0]")
        .unwrap();
    assert_eq!(b.extra["range"], json!("stddev: 0.00007117692377137618"));
    assert_eq!(
        b.extra["extra"],
        json!("mean: 895.0226833901115 usec\nrounds: 578")
    );
}

#[test]
fn go_combined_units_read_the_first_and_keep_the_rest() {
    let out = import("go-inful-mdfm.data.js");
    assert_eq!(out.runs.len(), 13);
    let r = &out.runs[0];
    let b = r.benchmark("BenchmarkParse").unwrap();
    assert_eq!(
        b.extra["unit"],
        json!("ns/op\t   10872 B/op\t      90 allocs/op")
    );
    assert_eq!(only(r, "BenchmarkParse").0, 11759.0);
    assert_eq!(only(r, "BenchmarkParse").1, "time");
    let (v, metric, unit, dir) = only(r, "BenchmarkParse - allocs/op");
    assert_eq!(
        (v, metric.as_str(), unit.as_str()),
        (90.0, "value", "allocs/op")
    );
    assert_eq!(dir, Direction::LowerIsBetter);
    // The same commit benchmarked on ten dates: ten runs, one per date.
    let same: Vec<&Run> = out
        .runs
        .iter()
        .filter(|r| r.commit.as_deref() == Some("62f0e22ac4b575edc04b627e1bb216267dca0144"))
        .collect();
    assert_eq!(same.len(), 11);
    let mut times: Vec<_> = same.iter().map(|r| r.time.clone()).collect();
    times.dedup();
    assert_eq!(times.len(), 11);
}

#[test]
fn branch_comes_from_the_caller() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/github-action-benchmark/cargo-dojoengine-katana.data.js");
    let bytes = std::fs::read(path).unwrap();
    let o = GabImportOptions {
        branch: Some("main".into()),
    };
    let out = import_gab("data.js", &bytes, &o).unwrap();
    assert!(out.runs.iter().all(|r| r.branch.as_deref() == Some("main")));
    let plain = import_gab("data.js", &bytes, &GabImportOptions::default()).unwrap();
    assert_ne!(out.runs[0].id, plain.runs[0].id);
}
