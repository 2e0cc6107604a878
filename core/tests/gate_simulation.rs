//! Seeded simulation of the history gate on synthetic benchmark suites: how often does an
//! unchanged suite of 200 benchmarks raise an alarm, and how often is a 20% step caught?
//!
//! The model (per benchmark): a level drawn log-uniformly between 1 µs and 10 ms; run-to-run
//! noise multiplicative, log-t with 5 degrees of freedom (heavier tails than normal: the odd
//! slow CI machine) and a CV drawn log-uniformly in [0.5%, 3%]; 20 samples per run with
//! multiplicative normal noise of CV in [1%, 10%], plus contention: each sample is slowed by an
//! exponential 20% on average with probability 10%. A run's value is the median of its
//! samples (`typical_value`). History: 30 runs; candidate: run 31, unchanged or 20% slower.
//!
//! `cargo test -p benchcore --test gate_simulation -- --ignored --nocapture` prints the table
//! for every test and mode; the normal test asserts the defaults' rates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use benchcore::stats::Rng;
use benchcore::{
    backtest, check, AlarmDirection, Benchmark, CheckOptions, Direction, GateMode, GateTest,
    Measurement, Metric, Point, Run, Series,
};

const BENCHMARKS: usize = 200;
const HISTORY: usize = 30;

struct Model {
    level: f64,
    cv_between: f64,
    cv_within: f64,
}

fn log_uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    (lo.ln() + rng.uniform() * (hi.ln() - lo.ln())).exp()
}

/// Student t with 5 df scaled to unit variance.
fn t5(rng: &mut Rng) -> f64 {
    let chi2 = 2.0 * rng.gamma(2.5);
    rng.normal() / (chi2 / 5.0).sqrt() * (3.0_f64 / 5.0).sqrt()
}

fn model(rng: &mut Rng) -> Model {
    Model {
        level: log_uniform(rng, 1e3, 1e7),
        cv_between: log_uniform(rng, 0.005, 0.03),
        cv_within: log_uniform(rng, 0.01, 0.10),
    }
}

fn run_samples(rng: &mut Rng, m: &Model, shift: f64) -> Vec<f64> {
    let run = (m.cv_between * t5(rng)).exp();
    (0..20)
        .map(|_| {
            let contention = if rng.uniform() < 0.1 {
                -0.2 * rng.uniform().ln()
            } else {
                0.0
            };
            m.level * shift * run * (m.cv_within * rng.normal()).exp() * (1.0 + contention)
        })
        .collect()
}

fn point(samples: Vec<f64>) -> Point {
    let mut s = samples.clone();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = (s[(n - 1) / 2] + s[n / 2]) / 2.0;
    Point {
        samples,
        ..Point::value(median)
    }
}

/// One suite: 200 series of 30 runs and a candidate run, shifted by `shift`.
fn suite(seed: u64, shift: f64) -> (Vec<Series>, Run) {
    let mut rng = Rng::new(seed);
    let mut history = Vec::new();
    let mut run = Run::new("simulation");
    run.id = format!("candidate-{seed}");
    for b in 0..BENCHMARKS {
        let m = model(&mut rng);
        let name = format!("bench/{b}");
        let points = (0..HISTORY)
            .map(|_| point(run_samples(&mut rng, &m, 1.0)))
            .collect();
        history.push(Series {
            name: name.clone(),
            metric: "time".into(),
            unit: "ns".into(),
            direction: Direction::LowerIsBetter,
            group: None,
            points,
        });
        let mut bench = Benchmark::new(name);
        bench.measurements.push(Measurement::from_samples(
            Metric::time(),
            run_samples(&mut rng, &m, shift),
        ));
        run.benchmarks.push(bench);
    }
    (history, run)
}

#[derive(Debug, Default)]
struct Rates {
    /// Benchmarks judged `regressed` / benchmarks.
    per_benchmark: f64,
    /// Suites with at least one `regressed` benchmark / suites.
    per_suite: f64,
}

fn rates(options: &CheckOptions, suites: u64, shift: f64, seed: u64) -> Rates {
    let mut regressed = 0u64;
    let mut alarmed = 0u64;
    for s in 0..suites {
        let (history, run) = suite(seed + s, shift);
        let report = check(&run, &history, options, |_| None).unwrap();
        assert_eq!(report.summary.total, BENCHMARKS as u64);
        regressed += report.summary.regressed;
        alarmed += u64::from(report.summary.regressed > 0);
    }
    Rates {
        per_benchmark: regressed as f64 / (suites * BENCHMARKS as u64) as f64,
        per_suite: alarmed as f64 / suites as f64,
    }
}

#[test]
fn default_gate_rarely_alarms_on_unchanged_suites_and_catches_a_20_percent_step() {
    let o = CheckOptions::default();
    // 100 unchanged suites of 200 benchmarks = 20,000 checks.
    let null = rates(&o, 100, 1.0, 1_000);
    println!("default, unchanged: {null:?}");
    assert!(null.per_benchmark < 0.0003, "{null:?}");
    assert!(null.per_suite <= 0.06, "{null:?}");
    // The same suites' candidates 20% slower.
    let step = rates(&o, 20, 1.2, 1_000);
    println!("default, 20% slower: {step:?}");
    assert!(step.per_benchmark > 0.80, "{step:?}");
}

#[test]
fn backtest_flags_a_step_once_and_rebaselines_after_an_accepted_change() {
    // 200 series of 60 runs with a 20% step at run 40, replayed with the default gate.
    let o = CheckOptions::default();
    let mut rng = Rng::new(77);
    let (mut false_alarms, mut caught, mut after) = (0, 0, 0);
    let mut tested_before = 0;
    for b in 0..BENCHMARKS {
        let m = model(&mut rng);
        let points: Vec<Point> = (0..60)
            .map(|i| point(run_samples(&mut rng, &m, if i >= 40 { 1.2 } else { 1.0 })))
            .collect();
        let series = Series {
            name: format!("bench/{b}"),
            metric: "time".into(),
            unit: "ns".into(),
            direction: Direction::LowerIsBetter,
            group: None,
            points,
        };
        // The step is accepted as intended once it is in the history.
        let alarms = backtest(&series, &o, |prefix| (prefix.len() > 40).then_some(40)).unwrap();
        tested_before += 40 - o.min_sample_size;
        for a in &alarms {
            match a.index {
                i if i < 40 => false_alarms += 1,
                40 => caught += u32::from(a.direction == AlarmDirection::Regression),
                _ => after += 1,
            }
        }
    }
    println!(
        "backtest: {false_alarms} false alarms in {tested_before} tested points before the step, \
         step caught in {caught}/200 series, {after} alarms after the accepted change"
    );
    assert!(caught >= 160, "caught {caught}");
    assert!(false_alarms as f64 / (tested_before as f64) < 0.001);
    // After re-baselining, the window is short (< 5 points at first: inconclusive), so
    // alarms after the step are as rare as before it.
    assert!(after <= 5, "{after}");
}

#[test]
#[ignore = "prints the table of every test and mode; ~1 min in debug builds"]
fn print_table() {
    let configs: Vec<(&str, CheckOptions)> = vec![
        ("t-test values (default)", CheckOptions::default()),
        (
            "t-test samples",
            CheckOptions {
                mode: GateMode::Samples,
                ..CheckOptions::default()
            },
        ),
        (
            "t-test values, classic estimator",
            CheckOptions {
                estimator: benchcore::Estimator::Classic,
                ..CheckOptions::default()
            },
        ),
        (
            "t-test values, boundary 0.9999",
            CheckOptions {
                boundary: Some(0.9999),
                ..CheckOptions::default()
            },
        ),
        (
            "z-score values",
            CheckOptions {
                test: GateTest::ZScore,
                ..CheckOptions::default()
            },
        ),
        (
            "z-score samples",
            CheckOptions {
                test: GateTest::ZScore,
                mode: GateMode::Samples,
                ..CheckOptions::default()
            },
        ),
        (
            "percentage 10% values",
            CheckOptions {
                test: GateTest::Percentage,
                ..CheckOptions::default()
            },
        ),
        (
            "iqr values (k = 4.5)",
            CheckOptions {
                test: GateTest::Iqr,
                ..CheckOptions::default()
            },
        ),
        (
            "iqr samples",
            CheckOptions {
                test: GateTest::Iqr,
                mode: GateMode::Samples,
                ..CheckOptions::default()
            },
        ),
        (
            "delta-iqr values (k = 6)",
            CheckOptions {
                test: GateTest::DeltaIqr,
                ..CheckOptions::default()
            },
        ),
        (
            "delta-iqr samples",
            CheckOptions {
                test: GateTest::DeltaIqr,
                mode: GateMode::Samples,
                ..CheckOptions::default()
            },
        ),
    ];
    println!("| gate | false regressions per benchmark | unchanged suites with an alarm | 20% step caught |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, o) in configs {
        let null = rates(&o, 100, 1.0, 1_000);
        let step = rates(&o, 20, 1.2, 1_000);
        println!(
            "| {name} | {:.4}% | {:.0}% | {:.1}% |",
            null.per_benchmark * 100.0,
            null.per_suite * 100.0,
            step.per_benchmark * 100.0
        );
    }
}
