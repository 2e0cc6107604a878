//! Criterion benchmarks of the history store on a generated history the size of a busy
//! project: 5,000 runs × 200 benchmarks, each with criterion's 100 raw samples, written by
//! `History::add` into a temporary directory (about 1.2 GB, most of it sample sidecars).
//!
//! `cargo bench -p benchcore --bench history`
//!
//! Measured: loading the summaries (what listing, series of typical values and retention
//! read) with the default threads, with one, and filtered to a branch; loading with raw
//! samples; building all series, and the dashboard bundle, from the loaded runs.
//! `HISTORY_BENCH_RUNS` overrides the number of runs.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

#[path = "support/stored_runs.rs"]
mod stored_runs;

use benchcore::{export, series, History, LoadOptions, Run, SeriesOptions};
use criterion::{criterion_group, criterion_main, Criterion};

const BENCHMARKS: usize = 200;
const SAMPLES: usize = 100;

fn runs() -> usize {
    std::env::var("HISTORY_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// Run `k`: criterion-like names and per-iteration times with 3 % noise, seeded by `k`.
fn run(k: usize) -> Run {
    stored_runs::run(k, BENCHMARKS, SAMPLES)
}

fn dir_bytes(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = e.metadata().unwrap();
        total += if m.is_dir() {
            dir_bytes(&e.path())
        } else {
            m.len()
        };
    }
    total
}

/// This process's CPU time (user + system) in seconds, where /proc says it (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// One timed load outside criterion, with CPU time: on a shared machine the wall time depends
/// on what else runs, the CPU time much less.
fn report_once(h: &History, what: &str, o: &LoadOptions) {
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let l = h.load(o).unwrap();
    let wall = t.elapsed();
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    eprintln!(
        "history: {what}: {} runs in {wall:.2?} wall, {} CPU (load average {})",
        l.runs.len(),
        cpu.map_or("?".into(), |c| format!("{c:.2} s")),
        load_average()
    );
}

fn history(c: &mut Criterion) {
    let n = runs();
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    let t = Instant::now();
    for k in 0..n {
        h.add(&run(k), "2026-06-01T00:00:00Z").unwrap();
    }
    eprintln!(
        "history: {n} runs × {BENCHMARKS} benchmarks × {SAMPLES} samples written in {:.1?}; \
         runs/ {} MB, samples/ {} MB",
        t.elapsed(),
        dir_bytes(&dir.path().join("runs")) / 1_000_000,
        dir_bytes(&dir.path().join("samples")) / 1_000_000,
    );
    for (what, o) in [
        ("load, summaries", LoadOptions::default()),
        (
            "load, summaries, 1 thread",
            LoadOptions {
                threads: 1,
                ..LoadOptions::default()
            },
        ),
        (
            "load, with samples",
            LoadOptions {
                samples: true,
                ..LoadOptions::default()
            },
        ),
    ] {
        report_once(&h, what, &o);
        report_once(&h, what, &o);
    }
    let mut g = c.benchmark_group(format!("history_{n}x{BENCHMARKS}"));
    g.sample_size(10);
    // Time the load alone: freeing a million benchmarks afterwards is left out of the figure.
    let load = |o: LoadOptions| {
        let h = &h;
        move |b: &mut criterion::Bencher| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let l = h.load(&o).unwrap();
                    total += t.elapsed();
                    assert!(l.errors.is_empty());
                    drop(l);
                }
                total
            })
        }
    };
    let summaries = LoadOptions::default();
    g.bench_function("load", load(summaries.clone()));
    let one = LoadOptions {
        threads: 1,
        ..LoadOptions::default()
    };
    g.bench_function("load_1_thread", load(one));
    let main = LoadOptions {
        branch: Some("main".into()),
        ..LoadOptions::default()
    };
    g.bench_function("load_branch_main", load(main));
    let loaded = h.load(&summaries).unwrap();
    let o = SeriesOptions::default();
    g.bench_function("series", |b| {
        b.iter(|| series(loaded.runs.iter().map(|r| &r.run), &o).unwrap())
    });
    g.bench_function("export", |b| b.iter(|| export(&loaded.runs, &o).unwrap()));
    drop(loaded);
    let with = LoadOptions {
        samples: true,
        ..LoadOptions::default()
    };
    g.bench_function("load_with_samples", load(with));
    g.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
