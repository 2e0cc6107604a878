//! A seeded simulator of CI benchmark histories, for measuring change-point detection
//! (`core/examples/quality.rs`, `core/tests/detect_quality.rs`, `core/benches/changepoint.rs`).
//!
//! A history is a level that steps at a few known runs, times noise like real runners':
//!
//! | model | per-run value, for a level L and a noise CV c |
//! | --- | --- |
//! | `gaussian` | L·(1 + c·z) |
//! | `lognormal` | L·(1 + c·(eᶻ − √e)/√((e − 1)e)): right-skewed (skewness ≈ 6), mean L, CV c |
//! | `bimodal` | 30% of runs land on a slow machine 1.89·c higher (centred), plus c/2 Gaussian: CV c |
//! | `outliers` | `gaussian`, and 1% of runs are 1.5–3× slower (a noisy neighbour) |
//! | `drift` | `gaussian` around a level drifting linearly by ±2–5% over the whole series |
//! | `ar1` | L·(1 + e), e AR(1) with φ = 0.5 and marginal CV c (runs share conditions) |
//! | `samples` | 10 raw samples per run: a run effect of CV c/√2 and within-run noise whose median has CV c/√2; the value is the samples' median |
//!
//! Steps multiply the level by (1 + s) or (1 − s), sign at random; changes are at least 20 runs
//! apart and 10 runs from either end. Everything is determined by the seed.
#![allow(dead_code)]

use benchcore::stats::Rng;
use benchcore::{Point, Series, SeriesInput};

/// A noise model (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noise {
    Gaussian,
    LogNormal,
    Bimodal,
    Outliers,
    Drift,
    Ar1,
    Samples,
}

impl Noise {
    pub const ALL: [Noise; 7] = [
        Noise::Gaussian,
        Noise::LogNormal,
        Noise::Bimodal,
        Noise::Outliers,
        Noise::Drift,
        Noise::Ar1,
        Noise::Samples,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Noise::Gaussian => "gaussian",
            Noise::LogNormal => "lognormal",
            Noise::Bimodal => "bimodal",
            Noise::Outliers => "outliers",
            Noise::Drift => "drift",
            Noise::Ar1 => "ar1",
            Noise::Samples => "samples",
        }
    }
}

/// What to simulate.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    pub noise: Noise,
    /// Noise coefficient of variation (0.03 = 3%).
    pub cv: f64,
    /// Relative step size; 0 for a series without change.
    pub step: f64,
    /// Shortest and longest series (inclusive).
    pub len: (usize, usize),
}

/// A simulated history and where its level truly changed.
#[derive(Debug, Clone)]
pub struct History {
    pub series: Series,
    /// Index of the first run of each new level, ascending.
    pub changes: Vec<usize>,
}

const SPACING: usize = 20;
const MARGIN: usize = 10;
const SAMPLES: usize = 10;

/// Change positions: 1–3 (as many as fit), ≥ `SPACING` apart, ≥ `MARGIN` from the ends.
fn positions(rng: &mut Rng, n: usize) -> Vec<usize> {
    let room = n.saturating_sub(2 * MARGIN);
    let most = (room / SPACING).clamp(1, 3);
    let k = 1 + rng.below(most as u64) as usize;
    // Draw k gaps over the free room, then space them out.
    let free = room.saturating_sub((k - 1) * SPACING);
    let mut cuts: Vec<usize> = (0..k)
        .map(|_| rng.below(free as u64 + 1) as usize)
        .collect();
    cuts.sort_unstable();
    cuts.iter()
        .enumerate()
        .map(|(i, c)| MARGIN + c + i * SPACING)
        .collect()
}

/// Simulate one history of `scenario` from `seed`.
pub fn simulate(scenario: &Scenario, seed: u64) -> History {
    let mut rng = Rng::new(seed);
    let (lo, hi) = scenario.len;
    let n = lo + rng.below((hi - lo + 1) as u64) as usize;
    let changes = if scenario.step > 0.0 {
        positions(&mut rng, n)
    } else {
        Vec::new()
    };
    let c = scenario.cv;
    let base = 1_000.0 * (1.0 + 9.0 * rng.uniform());
    let drift = if rng.uniform() < 0.5 { -1.0 } else { 1.0 } * (0.02 + 0.03 * rng.uniform());
    let e = std::f64::consts::E;
    let (phi, mut ar) = (0.5_f64, c * rng.normal());
    let mut level = base;
    let mut next = changes.iter().peekable();
    let mut values = Vec::with_capacity(n);
    let mut samples = Vec::new();
    for i in 0..n {
        if next.peek().is_some_and(|&&at| at == i) {
            next.next();
            let up = rng.uniform() < 0.5;
            level *= if up {
                1.0 + scenario.step
            } else {
                1.0 - scenario.step
            };
        }
        let z = rng.normal();
        let v = match scenario.noise {
            Noise::Gaussian => level * (1.0 + c * z),
            Noise::LogNormal => level * (1.0 + c * (z.exp() - e.sqrt()) / ((e - 1.0) * e).sqrt()),
            Noise::Bimodal => {
                let slow = if rng.uniform() < 0.3 { 0.7 } else { -0.3 };
                level * (1.0 + 1.89 * c * slow + 0.5 * c * z)
            }
            Noise::Outliers => {
                let hit = if rng.uniform() < 0.01 {
                    1.5 + 1.5 * rng.uniform()
                } else {
                    1.0
                };
                level * (1.0 + c * z) * hit
            }
            Noise::Drift => level * (1.0 + drift * i as f64 / n as f64) * (1.0 + c * z),
            Noise::Ar1 => {
                ar = phi * ar + (1.0 - phi * phi).sqrt() * c * z;
                level * (1.0 + ar)
            }
            Noise::Samples => {
                let run = level * (1.0 + c / 2f64.sqrt() * z);
                let within = c / 2f64.sqrt() * (SAMPLES as f64).sqrt() / 1.2533;
                let s: Vec<f64> = (0..SAMPLES)
                    .map(|_| run * (1.0 + within * rng.normal()))
                    .collect();
                let mut sorted = s.clone();
                sorted.sort_by(f64::total_cmp);
                samples.push(s);
                0.5 * (sorted[SAMPLES / 2 - 1] + sorted[SAMPLES / 2])
            }
        };
        values.push(v);
    }
    let input = SeriesInput {
        name: Some(format!("{}-{seed}", scenario.noise.name())),
        values,
        lower_is_better: Some(true),
        samples: (!samples.is_empty()).then_some(samples),
    };
    let mut series = input.into_series().unwrap_or_else(|e| panic!("{e}"));
    for (i, p) in series.points.iter_mut().enumerate() {
        *p = Point {
            commit: Some(format!("c{i}")),
            ..p.clone()
        };
    }
    History { series, changes }
}
