//! Criterion benchmarks of the core on synthetic suites the size of a large project:
//! 1,000 benchmarks × 100 raw samples, as a criterion tree and as a pytest-benchmark file.
//!
//! `cargo bench -p benchcore --bench core`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/synth.rs"]
mod synth;

use benchcore::{compare, parse_bytes, parse_tree, CompareOptions, MemTree, ParseOptions};
use criterion::{criterion_group, criterion_main, Criterion};

const N: usize = 1_000;
const SAMPLES: usize = 100;

fn criterion_tree(c: &mut Criterion) {
    let tree = MemTree::new("target/criterion", synth::criterion_tree(N, SAMPLES, 1));
    let opts = |b: &str| ParseOptions {
        baseline: Some(b.to_string()),
        ..ParseOptions::default()
    };
    let mut g = c.benchmark_group("criterion_tree_1000x100");
    g.sample_size(20);
    g.bench_function("parse", |b| {
        b.iter(|| parse_tree(&tree, &opts("new")).unwrap())
    });
    let base = parse_tree(&tree, &opts("base")).unwrap();
    let new = parse_tree(&tree, &opts("new")).unwrap();
    let o = CompareOptions::default();
    g.bench_function("compare", |b| b.iter(|| compare(&base, &new, &o).unwrap()));
    g.finish();
}

fn pytest_json(c: &mut Criterion) {
    let main = synth::pytest_json(N, SAMPLES, 2, false);
    let pr = synth::pytest_json(N, SAMPLES, 3, true);
    let o = ParseOptions::default();
    let mut g = c.benchmark_group("pytest_json_1000x100");
    g.sample_size(20);
    g.bench_function("parse", |b| {
        b.iter(|| parse_bytes("pr.json", &pr, &o).unwrap())
    });
    let a = parse_bytes("main.json", &main, &o).unwrap();
    let b_run = parse_bytes("pr.json", &pr, &o).unwrap();
    let co = CompareOptions::default();
    g.bench_function("compare", |b| b.iter(|| compare(&a, &b_run, &co).unwrap()));
    g.finish();
}

criterion_group!(benches, criterion_tree, pytest_json);
criterion_main!(benches);
