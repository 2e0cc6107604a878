//! `static`: fixed bounds, no statistics. Bencher's Static test: "If a new Metric is below
//! the Lower Boundary or above the Upper Boundary, an Alert is generated"
//! (<https://bencher.dev/docs/explanation/thresholds/>). It needs no history; when a window is
//! given its centre is reported for context (and the relative change is taken from it).
//!
//! Samples mode: the candidate's median is compared with the limits. O(1) beyond the window's
//! sort.

use super::data::Data;
use super::options::CheckOptions;
use super::Bounds;

/// The configured limits, with the window's centre when there is one.
pub(super) fn bounds(data: Option<&Data>, options: &CheckOptions) -> Bounds {
    Bounds {
        center: data.map(|d| d.center(options.estimator)),
        lower: options.lower_limit,
        upper: options.upper_limit,
        how: "static: fixed limits".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_passed_through() {
        let o = CheckOptions {
            test: super::super::GateTest::Static,
            upper_limit: Some(120.0),
            ..CheckOptions::default()
        };
        let b = bounds(None, &o);
        assert_eq!((b.lower, b.upper, b.center), (None, Some(120.0), None));
        let d = Data::new(vec![100.0, 110.0, 90.0]).unwrap();
        assert_eq!(bounds(Some(&d), &o).center, Some(100.0));
    }
}
