//! Change-point detection: *when* did a benchmark's performance change, over its history?
//!
//! One comparison of two runs cannot tell a regression from a noisy afternoon. Looking at the
//! whole series, a change point is a run after which the level stays different. Two methods,
//! one file each, both pure functions of a [`Series`] and [`DetectOptions`]:
//!
//! * [`Method::EDivisive`] (default): windowed E-Divisive means with a Student t-test, a weak
//!   and a strong pass and a minimum magnitude, as in Hunter / Apache Otava (Fleming et al.,
//!   ICPE 2023) — `edivisive.rs` on the energy-statistic search of `energy.rs`, tests in
//!   `segments.rs`. O(n · window) time, O(n) memory.
//! * [`Method::Pelt`]: PELT (Killick, Fearnhead & Eckley 2012) with Gaussian mean or
//!   mean-and-variance costs from prefix sums and an MBIC-style penalty — `pelt.rs`.
//!
//! [`Detector`] (`detector.rs`) keeps the work of earlier calls so that appending a run only
//! re-examines the tail; its results equal a batch run. `input.rs` reads plain series files.
//!
//! Every change point reports the robust levels around it (medians of the adjacent segments),
//! the relative change, whether it is a regression for the series' [`Direction`], and its
//! p-value (E-Divisive) or cost gain (PELT).
//!
//! Degenerate input: a series without points is an [`Error::InvalidInput`] naming
//! `<name>.values`; a NaN or infinite value or sample is one naming `<name>.values[i]` or
//! `<name>.samples[i][k]`. One point, two points, or a constant series have no change points
//! (an empty list, not an error).

mod clean;
mod detector;
mod edivisive;
mod energy;
mod input;
mod options;
mod pelt;
mod segments;

use serde::{Deserialize, Serialize};

pub use detector::Detector;
pub use input::{parse_series, SeriesFile, SeriesFileKind};
pub use options::{DetectOptions, Method, PeltCost};

use crate::error::{Error, Result};
use crate::model::Direction;
use crate::series::Series;

/// Version of the [`Detection`] shape.
pub const DETECTION_VERSION: u32 = 1;

/// Whether a change made the metric worse or better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeDirection {
    /// Worse for the series' direction (slower, larger, lower throughput).
    Regression,
    /// Better (or, for a zero change, not worse).
    Improvement,
}

/// One change point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangePoint {
    /// Index of the first point of the new level.
    pub index: usize,
    /// That point's commit, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// That point's run id, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Median of the point values of the segment before (from the previous change point).
    pub before: f64,
    /// Median of the point values of the segment from this point to the next change point.
    pub after: f64,
    /// `after / before − 1` (signed: `(after − before) / |before|`; relative to `|after|`
    /// when `before` is 0).
    pub relative_change: f64,
    /// Regression or improvement, from the series' direction.
    pub direction: ChangeDirection,
    /// E-Divisive: p-value of the t-test between the two adjacent segments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<f64>,
    /// PELT: decrease of the segment cost from splitting here (at least the penalty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_gain: Option<f64>,
}

/// The change points of one series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesChangePoints {
    /// Benchmark name.
    pub name: String,
    /// Metric name.
    pub metric: String,
    /// Metric unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Change points, oldest first.
    pub change_points: Vec<ChangePoint>,
}

/// The result of [`detect`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// Shape version, [`DETECTION_VERSION`].
    pub version: u32,
    /// The method used.
    pub method: Method,
    /// One entry per input series, in input order.
    pub series: Vec<SeriesChangePoints>,
}

/// The change points of `series` (see the module docs for degenerate input).
///
/// ```
/// use benchcore::{detect_changepoints, ChangeDirection, DetectOptions, SeriesInput};
///
/// // 30 runs around 100 ns, then 20 around 120 ns.
/// let values: Vec<f64> = (0..50)
///     .map(|i| if i < 30 { 100.0 } else { 120.0 } + [0.4, -0.3, 0.1, -0.2, 0.3][i % 5])
///     .collect();
/// let series = SeriesInput { name: Some("fib/20".into()), values, lower_is_better: None, samples: None }
///     .into_series()
///     .unwrap();
/// let cps = detect_changepoints(&series, &DetectOptions::default()).unwrap();
/// assert_eq!(cps.len(), 1);
/// assert_eq!(cps[0].index, 30);
/// assert_eq!(cps[0].direction, ChangeDirection::Regression);
/// assert!((cps[0].relative_change - 0.2).abs() < 0.01);
/// ```
pub fn detect_changepoints(series: &Series, options: &DetectOptions) -> Result<Vec<ChangePoint>> {
    if series.points.is_empty() {
        return Err(Error::input(
            format!("{}.values", series.name),
            "the series has no points",
        ));
    }
    let mut cps = Detector::build(series, options, false)?.change_points();
    for c in &mut cps {
        let p = &series.points[c.index];
        c.commit.clone_from(&p.commit);
        c.run_id.clone_from(&p.run_id);
    }
    Ok(cps)
}

/// The change points of every series, in order. Options are validated once; the first invalid
/// series fails the whole call.
pub fn detect(series: &[Series], options: &DetectOptions) -> Result<Detection> {
    options.validate()?;
    let series = series
        .iter()
        .map(|s| {
            Ok(SeriesChangePoints {
                name: s.name.clone(),
                metric: s.metric.clone(),
                unit: s.unit.clone(),
                direction: s.direction,
                change_points: detect_changepoints(s, options)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Detection {
        version: DETECTION_VERSION,
        method: options.method,
        series,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Point, SeriesInput};

    fn series(values: &[f64], lower_is_better: bool) -> Series {
        SeriesInput {
            name: Some("s".into()),
            values: values.to_vec(),
            lower_is_better: Some(lower_is_better),
            samples: None,
        }
        .into_series()
        .unwrap()
    }

    fn noisy_step(n: usize, at: usize, ratio: f64, seed: u64) -> Vec<f64> {
        let mut rng = crate::stats::Rng::new(seed);
        (0..n)
            .map(|i| 100.0 * if i >= at { ratio } else { 1.0 } * (1.0 + 0.01 * rng.normal()))
            .collect()
    }

    #[test]
    fn step_up_is_a_regression_when_lower_is_better() {
        for method in [Method::EDivisive, Method::Pelt] {
            let o = DetectOptions {
                method,
                ..DetectOptions::default()
            };
            let s = series(&noisy_step(80, 50, 1.2, 1), true);
            let cps = detect_changepoints(&s, &o).unwrap();
            assert_eq!(cps.len(), 1, "{method:?} {cps:?}");
            let c = &cps[0];
            assert_eq!(c.index, 50);
            assert_eq!(c.direction, ChangeDirection::Regression);
            assert!(
                (c.relative_change - 0.2).abs() < 0.02,
                "{}",
                c.relative_change
            );
            assert_eq!(c.p_value.is_some(), method == Method::EDivisive);
            assert_eq!(c.cost_gain.is_some(), method == Method::Pelt);
            let s = series(&noisy_step(80, 50, 1.2, 1), false);
            let c = &detect_changepoints(&s, &o).unwrap()[0];
            assert_eq!(c.direction, ChangeDirection::Improvement);
        }
    }

    #[test]
    fn degenerate_series() {
        let o = DetectOptions::default();
        let err = detect_changepoints(&series(&[], true), &o).unwrap_err();
        assert_eq!(err, Error::input("s.values", "the series has no points"));
        for values in [&[1.0][..], &[1.0, 9.0], &[4.0; 40]] {
            for method in [Method::EDivisive, Method::Pelt] {
                let o = DetectOptions {
                    method,
                    ..DetectOptions::default()
                };
                assert!(detect_changepoints(&series(values, true), &o)
                    .unwrap()
                    .is_empty());
            }
        }
        let mut s = series(&[1.0, 2.0, 3.0], true);
        s.points[1].value = f64::NAN;
        let err = detect_changepoints(&s, &o).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "s.values[1]"),
            "{err}"
        );
        s.points[1] = Point {
            samples: vec![1.0, f64::INFINITY],
            ..Point::value(2.0)
        };
        let err = detect_changepoints(&s, &o).unwrap_err();
        assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "s.samples[1][1]"));
    }

    #[test]
    fn detection_shape() {
        let d = detect(
            &[series(&noisy_step(60, 30, 0.7, 2), false)],
            &DetectOptions::default(),
        )
        .unwrap();
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["method"], "e-divisive");
        assert_eq!(v["series"][0]["direction"], "higher-is-better");
        assert_eq!(
            v["series"][0]["change_points"][0]["direction"],
            "regression"
        );
        assert!(v["series"][0]["change_points"][0]
            .get("cost_gain")
            .is_none());
        let bad = DetectOptions {
            alpha: 2.0,
            ..DetectOptions::default()
        };
        assert_eq!(detect(&[], &bad).unwrap_err().code(), "invalid-options");
    }
}
