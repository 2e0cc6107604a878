//! The suite that gates: benchcore's core operations on inputs small enough that one iteration
//! takes well under a millisecond, measured in many short samples.
//!
//! Why a separate suite: the large suites (`core`, `changepoint`, `history`) iterate for 3 ms to
//! 0.8 s, so criterion's samples last 100 ms or longer and span many scheduler time slices; on a
//! shared 2-core machine their run medians moved by 13–35% from run to run
//! (`scripts/bench-consistency.sh`, README "How we know it works"), far too much to gate at 10%.
//! Here every benchmark is flat-sampled, 400 samples in 1 s after a 0.3 s warm-up, so a sample
//! lasts about 2.5 ms, shorter than a time slice: most samples run unpreempted, and the median
//! of the raw samples (what `benchcore compare` and `check` judge) sees through machine load.
//! The large suites stay for the record of how benchcore scales; this one is what a pull
//! request is judged on.
//!
//! Measured, in group `gate`, one thread, inputs built before timing (only the operation and
//! the drop of its result are timed):
//! * `parse/criterion_tree_10x50`, `parse/pytest_json_10x50`: the parsers on 10 benchmarks × 50
//!   raw samples (`support/synth.rs`, in memory);
//! * `compare/criterion_10x50`: the noise-aware comparison of two parsed runs of that size;
//! * `detect/e-divisive/4x200`, `detect/pelt/2x200`: change-point detection with default
//!   options on simulated CI histories (`support/histories.rs`);
//! * `check/10x20`: the history gate (t-test, change points detected first) of a 10-benchmark
//!   run against the 16 runs on main of a 20-run store;
//! * `history/load_20x10`, `history/series_20x10`, `history/export_20x10`: loading the
//!   summaries of a 20-run × 10-benchmark store in a temporary directory (one parser thread),
//!   building its series, and the dashboard bundle.
//!
//! One iteration took 23–500 µs on the project's 2-core machine, and the run medians' run-to-run
//! CV was 0.3–3%, one burst aside (`scripts/bench-consistency.sh 10`, README "How we know it
//! works").
//! About 1.3 s per benchmark, 14 s for the suite. criterion's command-line flags
//! (`--sample-size`, `--measurement-time`, `--warm-up-time`) win over these defaults.
//!
//! `cargo bench -p benchcore --bench gate`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/histories.rs"]
mod histories;
#[path = "support/stored_runs.rs"]
mod stored_runs;
#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;
use std::time::Duration;

use benchcore::{
    check_with, compare, detect, export, parse_bytes, parse_tree, series, CheckOptions,
    CompareOptions, DetectOptions, History, LoadOptions, MemTree, Method, ParseOptions,
    SeriesOptions,
};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};
use histories::histories;

/// Benchmarks and raw samples of the parsed and compared suites.
const SUITE: (usize, usize) = (10, 50);
/// Series and their length for E-Divisive, and for PELT (about 5× slower per point).
const EDIVISIVE: (usize, usize) = (4, 200);
const PELT: (usize, usize) = (2, 200);
/// Runs in the stored history and benchmarks per run.
const STORE: (usize, usize) = (20, 10);
/// Raw samples per stored benchmark.
const STORE_SAMPLES: usize = 50;

fn group(c: &mut Criterion) -> BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group("gate");
    g.sampling_mode(SamplingMode::Flat);
    g
}

fn parse_and_compare(c: &mut Criterion) {
    let (n, samples) = SUITE;
    let tree = MemTree::new("target/criterion", synth::criterion_tree(n, samples, 1));
    let pytest = synth::pytest_json(n, samples, 3, true);
    let base_opts = ParseOptions {
        baseline: Some("base".into()),
        ..ParseOptions::default()
    };
    let new_opts = ParseOptions {
        baseline: Some("new".into()),
        ..ParseOptions::default()
    };
    let plain = ParseOptions::default();
    let base = parse_tree(&tree, &base_opts).unwrap();
    let new = parse_tree(&tree, &new_opts).unwrap();
    assert_eq!(new.benchmarks.len(), n);
    let co = CompareOptions::default();

    let mut g = group(c);
    g.bench_function(format!("parse/criterion_tree_{n}x{samples}"), |b| {
        b.iter(|| parse_tree(black_box(&tree), &new_opts).unwrap())
    });
    g.bench_function(format!("parse/pytest_json_{n}x{samples}"), |b| {
        b.iter(|| parse_bytes("pr.json", black_box(&pytest), &plain).unwrap())
    });
    g.bench_function(format!("compare/criterion_{n}x{samples}"), |b| {
        b.iter(|| compare(black_box(&base), black_box(&new), &co).unwrap())
    });
    g.finish();
}

fn changepoints(c: &mut Criterion) {
    let mut g = group(c);
    for (name, method, (count, len)) in [
        ("e-divisive", Method::EDivisive, EDIVISIVE),
        ("pelt", Method::Pelt, PELT),
    ] {
        let many = histories(count, len);
        let o = DetectOptions {
            method,
            ..DetectOptions::default()
        };
        g.bench_function(format!("detect/{name}/{count}x{len}"), |b| {
            b.iter(|| detect(black_box(&many), &o).unwrap())
        });
    }
    g.finish();
}

fn history(c: &mut Criterion) {
    let (n, benchmarks) = STORE;
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    for k in 0..n {
        h.add(
            &stored_runs::run(k, benchmarks, STORE_SAMPLES),
            "2026-06-01T00:00:00Z",
        )
        .unwrap();
    }
    let one = LoadOptions {
        threads: 1,
        ..LoadOptions::default()
    };
    let loaded = h.load(&one).unwrap();
    assert!(loaded.errors.is_empty() && loaded.runs.len() == n);
    let so = SeriesOptions::default();
    let all = series(loaded.runs.iter().map(|r| &r.run), &so).unwrap();
    // A new run on main, judged against the stored ones.
    let candidate = stored_runs::run(n + 1, benchmarks, STORE_SAMPLES);
    let co = CheckOptions {
        baseline_branch: Some("main".into()),
        ..CheckOptions::default()
    };
    let report = check_with(&candidate, &all, &co, None).unwrap();
    assert!(report.benchmarks.iter().all(|r| r.baseline_last.is_some()));

    let mut g = group(c);
    g.bench_function(format!("check/{benchmarks}x{n}"), |b| {
        b.iter(|| check_with(black_box(&candidate), black_box(&all), &co, None).unwrap())
    });
    g.bench_function(format!("history/load_{n}x{benchmarks}"), |b| {
        b.iter(|| h.load(&one).unwrap())
    });
    g.bench_function(format!("history/series_{n}x{benchmarks}"), |b| {
        b.iter(|| series(black_box(&loaded.runs).iter().map(|r| &r.run), &so).unwrap())
    });
    g.bench_function(format!("history/export_{n}x{benchmarks}"), |b| {
        b.iter(|| export(black_box(&loaded.runs), &so).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(400)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .nresamples(1000)
        .without_plots();
    targets = parse_and_compare, changepoints, history
}
criterion_main!(benches);
