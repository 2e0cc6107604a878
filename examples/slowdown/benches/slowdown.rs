//! Four criterion benchmarks. `BENCHCORE_EXAMPLE_SLOWDOWN=F` (e.g. `1.10`) makes exactly one
//! of them, `checksum/fnv1a`, do F times the work: it hashes round(F × 4096) bytes instead of
//! 4096, so the slowdown is deterministic and proportional (no sleeping). The other three are
//! the unchanged control group.
//!
//! Built to be measured on a busy machine: flat sampling of 500 samples in 1 s, so each sample
//! lasts about 2 ms, shorter than a scheduler time slice, and most samples run without being
//! preempted; the median and the fastest sample then describe the code, not the load. About
//! 1.3 s per benchmark, 6 s for the suite. criterion's own flags (`--sample-size`,
//! `--measurement-time`, `--warm-up-time`) win over these defaults.
//!
//! `cargo bench -- --save-baseline NAME` (or run the bench binary with `--bench`).

use std::hint::black_box;
use std::time::Duration;

use benchcore_slowdown_example::{fnv1a, pseudo_random, sum_squares, xorshift};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};

const CHECKSUM_BYTES: usize = 4096;

/// The slowdown factor from `BENCHCORE_EXAMPLE_SLOWDOWN` (1 when unset).
fn slowdown() -> f64 {
    match std::env::var("BENCHCORE_EXAMPLE_SLOWDOWN") {
        Err(_) => 1.0,
        Ok(s) => match s.trim().parse::<f64>() {
            Ok(f) if (1.0..=4.0).contains(&f) => f,
            _ => {
                eprintln!("BENCHCORE_EXAMPLE_SLOWDOWN must be a factor from 1 to 4, got {s:?}");
                std::process::exit(2);
            }
        },
    }
}

fn benches(c: &mut Criterion) {
    let factor = slowdown();
    let bytes: Vec<u8> = pseudo_random(CHECKSUM_BYTES * 4, 3)
        .iter()
        .map(|&x| x as u8)
        .collect();
    let len = (CHECKSUM_BYTES as f64 * factor).round() as usize;
    if factor != 1.0 {
        eprintln!("checksum/fnv1a: hashing {len} bytes instead of {CHECKSUM_BYTES} (×{factor})");
    }
    let mut g = c.benchmark_group("checksum");
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("fnv1a", |b| b.iter(|| fnv1a(black_box(&bytes[..len]))));
    g.finish();

    let mut g = c.benchmark_group("xorshift");
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("4096", |b| b.iter(|| xorshift(black_box(11), black_box(4096))));
    g.finish();

    let values = pseudo_random(16_384, 5);
    let mut g = c.benchmark_group("sum_squares");
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("16384", |b| b.iter(|| sum_squares(black_box(&values))));
    g.finish();

    let unsorted = pseudo_random(1024, 7);
    let mut g = c.benchmark_group("sort");
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("1024", |b| {
        b.iter_batched(
            || unsorted.clone(),
            |mut v| {
                v.sort_unstable();
                v
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default()
        .sample_size(500)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .nresamples(1000)
        .without_plots();
    targets = benches
}
criterion_main!(group);
