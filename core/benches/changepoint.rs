//! Criterion benchmarks of change-point detection with default options, one thread: 1,000
//! simulated CI histories of 500 runs (every noise model of `tests/support/simulate.rs`, steps
//! of 10%, CV 2%), and one history of 100,000 runs (E-Divisive) or 20,000 runs (PELT, whose
//! candidate set is not pruned within a segment, so a long history with few changes costs
//! O(n²): about 25 s at 100,000 runs).
//!
//! `cargo bench -p benchcore --bench changepoint`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../tests/support/simulate.rs"]
mod simulate;

use benchcore::{detect, detect_changepoints, DetectOptions, Method, Series};
use criterion::{criterion_group, criterion_main, Criterion};
use simulate::{simulate, Noise, Scenario};

fn histories(count: usize, len: usize) -> Vec<Series> {
    (0..count)
        .map(|i| {
            let sc = Scenario {
                noise: Noise::ALL[i % Noise::ALL.len()],
                cv: 0.02,
                step: 0.10,
                len: (len, len),
            };
            simulate(&sc, i as u64).series
        })
        .collect()
}

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
