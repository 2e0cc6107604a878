//! `iqr`: Tukey's fences, q1 − k·IQR and q3 + k·IQR, k = `boundary`, quartiles type 7.
//! Tukey's own fences are k = 1.5 ("outside") and 3 ("far out"), meant for one sample; a gate
//! over hundreds of benchmarks needs rarer alarms, so the default is 4.5 (chosen with the
//! simulation in `core/tests/gate_simulation.rs`).
//!
//! Bencher's Interquartile Range test centres its band on the median instead: "a Lower
//! Boundary of 2.0, a median of 100 and an interquartile range of 10 give a Lower Boundary
//! Limit of 80" (<https://bencher.dev/docs/explanation/thresholds/>), i.e. median ± k·IQR. For
//! a symmetric window (median halfway between the quartiles) Tukey's fence at k equals
//! Bencher's band at k + 0.5; for a skewed one Tukey's follows the skew, which is why
//! benchcore uses it. Quartiles are robust by construction, so the `estimator` option only
//! changes the reported centre and spread, not the bounds.
//!
//! Samples mode: the quartiles of the pooled samples, against the candidate's median.
//! O(1) beyond the window's sort.

use super::data::Data;
use super::options::CheckOptions;
use super::{Bounds, TestOutcome};

/// q1 − k·IQR, q3 + k·IQR.
pub(super) fn bounds(data: &Data, options: &CheckOptions) -> TestOutcome {
    if data.len() < 2 {
        return Err("one baseline value has no interquartile range".to_string());
    }
    let (q1, q3) = (data.quantile(0.25), data.quantile(0.75));
    let k = options.effective_boundary();
    let iqr = q3 - q1;
    Ok(Bounds {
        center: Some(data.median()),
        lower: Some(q1 - k * iqr),
        upper: Some(q3 + k * iqr),
        how: format!("iqr: Tukey fences {k} × IQR beyond the quartiles"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::GateTest;

    fn opts(k: f64) -> CheckOptions {
        CheckOptions {
            test: GateTest::Iqr,
            boundary: Some(k),
            ..CheckOptions::default()
        }
    }

    #[test]
    fn fences_by_hand() {
        // [1, 2, 3, 4, 5]: q1 = 2, q3 = 4, IQR = 2; k = 1.5 → [2 − 3, 4 + 3] = [−1, 7].
        let d = Data::new(vec![5.0, 1.0, 4.0, 2.0, 3.0]).unwrap();
        let b = bounds(&d, &opts(1.5)).unwrap();
        assert_eq!(
            (b.lower, b.upper, b.center),
            (Some(-1.0), Some(7.0), Some(3.0))
        );
        // Bencher's band at k = 2 (3 ± 4) equals Tukey's at 1.5 for this symmetric window.
    }

    #[test]
    fn skewed_window_and_constant_window() {
        // [10, 10, 10, 11, 20]: q1 = 10, q3 = 11 (type 7: h = 3 → 11), IQR 1; k = 3 → [7, 14].
        let d = Data::new(vec![10.0, 10.0, 10.0, 11.0, 20.0]).unwrap();
        let b = bounds(&d, &opts(3.0)).unwrap();
        assert_eq!((b.lower, b.upper), (Some(7.0), Some(14.0)));
        let c = Data::new(vec![4.0; 5]).unwrap();
        let b = bounds(&c, &opts(3.0)).unwrap();
        assert_eq!((b.lower, b.upper), (Some(4.0), Some(4.0)));
        assert!(bounds(&Data::new(vec![4.0]).unwrap(), &opts(3.0)).is_err());
    }
}
