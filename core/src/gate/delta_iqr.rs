//! `delta-iqr`: Bencher's Delta Interquartile Range test. The relative changes between
//! consecutive baseline values, |xᵢ₊₁ − xᵢ| / |xᵢ|, are sorted and their quartiles Δq1, Δq3
//! taken (type 7); the bounds are median ± k·|median|·(Δq3 − Δq1), k = `boundary`
//! (default 6, chosen with the simulation like the other defaults). Bencher's example: "a median of 100 and an average delta interquartile range
//! of 0.2 (20%) give, with a boundary of 2.0, limits 60 and 140"
//! (<https://bencher.dev/docs/explanation/thresholds/>); its source
//! (`lib/bencher_boundary/src/quartiles.rs`, `Quartiles::new_delta`) takes the IQR of the
//! absolute percent changes, which is what this file does. Pairs whose first value is 0 have
//! no relative change and are skipped. The test measures how much the metric moves from run
//! to run, so it tolerates slow drift better than a spread around the centre does.
//!
//! Samples mode: the pooled samples in run order, then iteration order, are the sequence, so
//! the changes are those between consecutive samples (sample-to-sample jitter); the centre is
//! their median and the candidate's median is the value.
//!
//! Cost: O(n log n) to sort the changes.

use super::data::Data;
use super::options::CheckOptions;
use super::{Bounds, TestOutcome};
use crate::stats::quantile_sorted;

/// Sorted |xᵢ₊₁ − xᵢ| / |xᵢ| over pairs with xᵢ ≠ 0.
pub(super) fn relative_changes(ordered: &[f64]) -> Vec<f64> {
    let mut changes: Vec<f64> = ordered
        .windows(2)
        .filter(|w| w[0] != 0.0)
        .map(|w| ((w[1] - w[0]) / w[0]).abs())
        .collect();
    changes.sort_by(f64::total_cmp);
    changes
}

/// median ± k·|median|·ΔIQR.
pub(super) fn bounds(data: &Data, options: &CheckOptions) -> TestOutcome {
    let changes = relative_changes(data.ordered());
    if changes.is_empty() {
        return Err(if data.len() < 2 {
            "one baseline value has no change between consecutive values".to_string()
        } else {
            "no relative change between consecutive baseline values (every pair starts at 0)"
                .to_string()
        });
    }
    let delta_iqr = quantile_sorted(&changes, 0.75) - quantile_sorted(&changes, 0.25);
    let m = data.median();
    let k = options.effective_boundary();
    let half = k * m.abs() * delta_iqr;
    Ok(Bounds {
        center: Some(m),
        lower: Some(m - half),
        upper: Some(m + half),
        how: format!(
            "delta-iqr: ±{k} × Δ IQR {:.2}% of the median",
            delta_iqr * 100.0
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::GateTest;

    fn opts(k: f64) -> CheckOptions {
        CheckOptions {
            test: GateTest::DeltaIqr,
            boundary: Some(k),
            ..CheckOptions::default()
        }
    }

    #[test]
    fn bounds_by_hand() {
        // [1, 2, 3, 4, 5]: changes 1, 1/2, 1/3, 1/4 → sorted [.25, .3333, .5, 1];
        // Δq1 = .25 + .75·(.0833) = .3125, Δq3 = .5 + .25·.5 = .625 (Bencher's own test
        // values), ΔIQR = .3125; median 3, k = 2 → 3 ± 3·2·.3125 = [1.125, 4.875].
        let d = Data::new(vec![1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        let b = bounds(&d, &opts(2.0)).unwrap();
        assert!((b.lower.unwrap() - 1.125).abs() < 1e-12, "{b:?}");
        assert!((b.upper.unwrap() - 4.875).abs() < 1e-12, "{b:?}");
        assert_eq!(b.center, Some(3.0));
    }

    #[test]
    fn order_matters_and_zeros_are_skipped() {
        // Descending [5, 4, 3, 2, 1]: changes .2, .25, .3333, .5 → Δq1 .2375, Δq3 .375
        // (Bencher's delta_quartiles_five_desc), ΔIQR .1375.
        let c = relative_changes(&[5.0, 4.0, 3.0, 2.0, 1.0]);
        let iqr = quantile_sorted(&c, 0.75) - quantile_sorted(&c, 0.25);
        assert!((iqr - 0.1375).abs() < 1e-12, "{iqr}");
        assert_eq!(relative_changes(&[0.0, 1.0, 2.0]), vec![1.0]);
        let zeros = Data::new(vec![0.0, 5.0]).unwrap();
        assert!(bounds(&zeros, &opts(3.0)).is_err());
        let one = Data::new(vec![5.0]).unwrap();
        assert!(bounds(&one, &opts(3.0)).is_err());
    }
}
