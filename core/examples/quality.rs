//! Quality of change-point detection on simulated CI histories (`core/tests/support/`):
//! precision, recall, F1, false alarms per 1,000 runs and detection delay, by noise model,
//! noise CV and step size, for the default detector, PELT and a naive "ratio to the previous
//! run above 1.5" rule.
//!
//! `cargo run --release -p benchcore --example quality -- [--series N] [--seed S] [--full]
//! [--len MIN MAX] [--options JSON]` (N histories per cell, default 100, of MIN to MAX runs,
//! default 50 to 500; `--options` overrides the default detector's options, e.g.
//! '{"min_magnitude": 0.03}').
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../tests/support/score.rs"]
mod score;
#[path = "../tests/support/simulate.rs"]
mod simulate;

use std::time::Instant;

use benchcore::{DetectOptions, Method as Algo};
use score::{score, Method, Score};
use simulate::{simulate, History, Noise, Scenario};

const CVS: [f64; 3] = [0.01, 0.03, 0.05];
const STEPS: [f64; 5] = [0.02, 0.05, 0.10, 0.20, 0.50];
/// Histories per cell whose delays are measured (delays need a detector run per appended run).
const DELAY_SERIES: usize = 25;

struct Args {
    series: usize,
    len: (usize, usize),
    seed: u64,
    full: bool,
    options: DetectOptions,
}

fn args() -> Args {
    let mut a = Args {
        series: 100,
        len: (50, 500),
        seed: 1,
        full: false,
        options: DetectOptions::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--series" => a.series = it.next().and_then(|v| v.parse().ok()).expect("--series N"),
            "--seed" => a.seed = it.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "--full" => a.full = true,
            "--len" => {
                let mut n = || {
                    it.next()
                        .and_then(|v| v.parse().ok())
                        .expect("--len MIN MAX")
                };
                a.len = (n(), n());
            }
            "--options" => {
                a.options = DetectOptions::from_json(&it.next().expect("--options JSON"))
                    .unwrap_or_else(|e| panic!("{e}"))
            }
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// Scores of the three methods in one cell (noise, cv, step).
struct Cell {
    noise: Noise,
    cv: f64,
    step: f64,
    scores: [Score; 3],
}

fn histories(a: &Args, noise: Noise, cv: f64, step: f64) -> Vec<History> {
    let (n, seed) = (a.series, a.seed);
    let sc = Scenario {
        noise,
        cv,
        step,
        len: a.len,
    };
    let cell = ((noise as u64) << 32) ^ ((cv * 1e4) as u64) << 16 ^ (step * 1e3) as u64;
    (0..n as u64)
        .map(|i| simulate(&sc, seed.wrapping_mul(1_000_003) ^ (cell << 20) ^ i))
        .collect()
}

fn sum<'a>(cells: impl Iterator<Item = &'a Cell>, m: usize) -> Score {
    let mut s = Score::default();
    for c in cells {
        s.merge(&c.scores[m]);
    }
    s
}

fn prf(s: &Score) -> String {
    format!("{:.3} {:.3} {:.3}", s.precision(), s.recall(), s.f1())
}

fn delay(s: &Score) -> String {
    match (s.delay_quantile(0.5), s.delay_quantile(0.9)) {
        (Some(a), Some(b)) => format!("{a:>3} {b:>3}"),
        _ => "  -   -".into(),
    }
}

fn main() {
    let a = args();
    let methods = [
        Method::Benchcore(a.options.clone()),
        Method::Benchcore(DetectOptions {
            method: Algo::Pelt,
            ..DetectOptions::default()
        }),
        Method::Naive(1.5),
    ];
    let names = [
        "benchcore default (e-divisive)",
        "PELT (normal-mean, MBIC)",
        "naive ratio > 1.5",
    ];
    println!(
        "options of the default detector: {}",
        serde_json::to_string(&a.options).unwrap()
    );
    println!(
        "{} histories per cell, {}-{} runs, seed {}; a hit is within ±{} runs; delays over the first {} histories per cell\n",
        a.series,
        a.len.0,
        a.len.1,
        a.seed,
        score::TOLERANCE,
        DELAY_SERIES
    );
    let mut cells = Vec::new();
    let mut elapsed = [0.0f64; 3];
    for noise in Noise::ALL {
        for cv in CVS {
            for step in std::iter::once(0.0).chain(STEPS) {
                let hs = histories(&a, noise, cv, step);
                let scores = std::array::from_fn(|m| {
                    let t = Instant::now();
                    let mut s = score(&methods[m], &hs, false);
                    elapsed[m] += t.elapsed().as_secs_f64();
                    if step > 0.0 {
                        let d = score(&methods[m], &hs[..DELAY_SERIES.min(hs.len())], true);
                        s.delays = d.delays;
                    }
                    s
                });
                cells.push(Cell {
                    noise,
                    cv,
                    step,
                    scores,
                });
            }
        }
    }

    println!("## Targets: steps >= 10% at CV <= 3%: precision and recall >= 0.95; no change: <= 1 false alarm per 1,000 runs\n");
    println!(
        "| noise | CV | {} P R F1 | FA/1000 | {} P R F1 | FA/1000 | {} P R F1 | FA/1000 |",
        names[0], names[1], names[2]
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut misses = Vec::new();
    for noise in Noise::ALL {
        for cv in CVS {
            let big = |c: &&Cell| c.noise == noise && c.cv == cv && c.step >= 0.10 - 1e-9;
            let none = |c: &&Cell| c.noise == noise && c.cv == cv && c.step == 0.0;
            let mut row = format!("| {} | {:.0}% |", noise.name(), cv * 100.0);
            for m in 0..3 {
                let s = sum(cells.iter().filter(big), m);
                let z = sum(cells.iter().filter(none), m);
                row += &format!(" {} | {:.2} |", prf(&s), z.false_alarm_rate());
                if m == 0 && cv <= 0.03 + 1e-9 {
                    if s.precision() < 0.95 || s.recall() < 0.95 {
                        misses.push(format!(
                            "{} CV {:.0}%: P {:.3} R {:.3}",
                            noise.name(),
                            cv * 100.0,
                            s.precision(),
                            s.recall()
                        ));
                    }
                    if z.false_alarm_rate() > 1.0 {
                        misses.push(format!(
                            "{} CV {:.0}%: {:.2} false alarms / 1000 runs without change",
                            noise.name(),
                            cv * 100.0,
                            z.false_alarm_rate()
                        ));
                    }
                }
            }
            println!("{row}");
        }
    }
    if misses.is_empty() {
        println!("\nAll targets met by the default detector.");
    } else {
        println!(
            "\nTargets missed by the default detector:\n  {}",
            misses.join("\n  ")
        );
    }

    println!("\n## By step size, all noise models, CV <= 3% (delay: median and 90th percentile, runs from the change on)\n");
    println!(
        "| step | {} P R F1 | delay | {} P R F1 | delay | {} P R F1 | delay |",
        names[0], names[1], names[2]
    );
    println!("|---|---|---|---|---|---|---|");
    for step in STEPS {
        let mut row = format!("| {:.0}% |", step * 100.0);
        for m in 0..3 {
            let s = sum(
                cells
                    .iter()
                    .filter(|c| c.step == step && c.cv <= 0.03 + 1e-9),
                m,
            );
            row += &format!(" {} | {} |", prf(&s), delay(&s));
        }
        println!("{row}");
    }

    if a.full {
        println!("\n## Every cell\n");
        println!(
            "| noise | CV | step | {} P R F1 FA/1000 delay | {} | {} |",
            names[0], names[1], names[2]
        );
        println!("|---|---|---|---|---|---|");
        for c in &cells {
            let mut row = format!(
                "| {} | {:.0}% | {:.0}% |",
                c.noise.name(),
                c.cv * 100.0,
                c.step * 100.0
            );
            for s in &c.scores {
                row += &format!(" {} {:.2} {} |", prf(s), s.false_alarm_rate(), delay(s));
            }
            println!("{row}");
        }
    }
    let points: usize = cells.iter().map(|c| c.scores[0].points).sum();
    println!(
        "\n{} histories, {} runs; detection time (without delays): default {:.2} s, PELT {:.2} s, naive {:.3} s",
        cells.iter().map(|c| c.scores[0].series).sum::<usize>(),
        points,
        elapsed[0],
        elapsed[1],
        elapsed[2]
    );
}
