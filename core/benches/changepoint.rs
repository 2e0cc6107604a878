//! Criterion benchmarks of change-point detection with default options, one thread: 1,000
//! simulated CI histories of 500 runs (every noise model of `tests/support/simulate.rs`, steps
//! of 10%, CV 2%), and one history of 100,000 runs (E-Divisive) or 20,000 runs (PELT, whose
//! candidate set is not pruned within a segment, so a long history with few changes costs
//! O(n²): about 25 s at 100,000 runs).
//!
//! `cargo bench -p benchcore --bench changepoint`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/histories.rs"]
mod histories;

use benchcore::{detect, detect_changepoints, DetectOptions, Method};
use criterion::{criterion_group, criterion_main, Criterion};
use histories::histories;

fn changepoints(c: &mut Criterion) {
    let many = histories(1000, 500);
    let long = histories(1, 100_000).remove(0);
    let medium = histories(1, 20_000).remove(0);
    let mut g = c.benchmark_group("detect");
    g.sample_size(10);
    for (name, method) in [("e-divisive", Method::EDivisive), ("pelt", Method::Pelt)] {
        let o = DetectOptions {
            method,
            ..DetectOptions::default()
        };
        g.bench_function(format!("{name}/1000x500"), |b| {
            b.iter(|| detect(&many, &o).unwrap())
        });
        let (label, one) = match method {
            Method::EDivisive => ("1x100000", &long),
            Method::Pelt => ("1x20000", &medium),
        };
        g.bench_function(format!("{name}/{label}"), |b| {
            b.iter(|| detect_changepoints(one, &o).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, changepoints);
criterion_main!(benches);
