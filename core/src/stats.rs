//! Pure statistics used by comparison and change-point detection. No IO, no clocks; every
//! random procedure takes an explicit seed.
//!
//! * [`Sample`]: validated data (finite, non-empty), sorted once.
//! * [`mann_whitney`]: two-sided Mann–Whitney U test, exact for small tie-free samples, normal
//!   approximation with tie and continuity correction otherwise.
//! * `bootstrap`: percentile bootstrap of the median, drawn through the order-statistic
//!   representation of a resample (O(1) per resample instead of O(n)).
//! * `welch`: Welch's t-test and a median z-test from summary statistics, for tools that
//!   keep no raw samples.
//! * [`benjamini_hochberg`]: false-discovery-rate adjusted p-values.

mod bootstrap;
mod fdr;
mod mann_whitney;
mod rng;
mod sample;
mod welch;

pub use bootstrap::{median_plan, percentile, BootstrapPlan};
pub use fdr::benjamini_hochberg;
pub use mann_whitney::{mann_whitney, MannWhitney};
pub use rng::Rng;
pub use sample::{quantile_select, quantile_sorted, Sample, SampleError};
pub use welch::{median_z_test, normal_quantile, student_t_quantile, welch_t_test, TestResult};

use crate::model::Summary;

/// Summary statistics of raw values. Non-finite values are skipped; an empty input gives an
/// all-`None` summary with `n = 0`. `stddev` needs two values.
pub fn summarize(values: &[f64]) -> Summary {
    match Sample::new(values.iter().copied().filter(|v| v.is_finite())) {
        Ok(s) => Summary {
            n: Some(s.len() as u64),
            mean: Some(s.mean()),
            median: Some(s.median()),
            stddev: s.stddev(),
            min: Some(s.min()),
            max: Some(s.max()),
            q1: Some(s.quantile(0.25)),
            q3: Some(s.quantile(0.75)),
        },
        Err(_) => Summary {
            n: Some(0),
            ..Summary::default()
        },
    }
}
