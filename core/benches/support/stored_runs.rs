//! Stored-history runs for the history benches (`history.rs`, `gate.rs`): criterion-like
//! names, per-iteration times with 3% noise, commit, branch (every fifth run `feature`, the
//! others `main`), time (30 minutes apart) and environment, seeded by the run's index.
#![allow(dead_code)]

use benchcore::stats::Rng;
use benchcore::time::format_rfc3339;
use benchcore::{Benchmark, Measurement, Metric, Run};

/// Run `k` with `benchmarks` benchmarks of `samples` raw samples each.
pub fn run(k: usize, benchmarks: usize, samples: usize) -> Run {
    let mut rng = Rng::new(k as u64 + 1);
    let mut run = Run::new("criterion");
    run.commit = Some(format!("{:040x}", (k as u128 + 1) * 0x9e37_79b9_7f4a_7c15));
    run.branch = Some(if k % 5 == 0 { "feature" } else { "main" }.into());
    run.time = Some(format_rfc3339(1_767_225_600_000 + k as i64 * 1_800_000));
    run.source.path = Some("target/criterion".into());
    run.environment.os = Some("Linux 6.1.0".into());
    run.environment.cpu = Some("AMD EPYC 7B13".into());
    for i in 0..benchmarks {
        let group = format!("group{:02}", i / 10);
        let mut b = Benchmark::new(format!("{group}/bench_{i:03}"));
        b.group = Some(group);
        let base = 1_000.0 * (1.0 + (i % 97) as f64);
        let samples: Vec<f64> = (0..samples)
            .map(|_| base * (0.03 * rng.normal()).exp())
            .collect();
        b.measurements
            .push(Measurement::from_samples(Metric::time(), samples));
        run.benchmarks.push(b);
    }
    run.finalize("bench").unwrap()
}
