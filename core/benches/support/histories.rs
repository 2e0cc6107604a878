//! Simulated CI histories for the change-point benches (`changepoint.rs`, `gate.rs`): series of
//! `len` runs cycling through every noise model of `core/tests/support/simulate.rs`, steps of
//! 10%, CV 2%, seeded by their index.
#![allow(dead_code)]

#[path = "../../tests/support/simulate.rs"]
mod simulate;

use benchcore::Series;
use simulate::{simulate, Noise, Scenario};

/// `count` simulated histories of `len` runs each; history `i` uses noise model `i % 7` and
/// seed `i`.
pub fn histories(count: usize, len: usize) -> Vec<Series> {
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
