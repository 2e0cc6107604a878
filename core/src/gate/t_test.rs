//! `t-test`: a Student-t prediction interval for one new value,
//! centre ± t·spread·√(1 + v), with t the `boundary` quantile (one-sided, in (0.5, 1)).
//!
//! * Classic estimator: mean ± t(n − 1)·s·√(1 + 1/n), the textbook prediction interval for
//!   one new observation of a normal population (e.g. NIST/SEMATECH e-Handbook §7.1.6, Hahn &
//!   Meeker 1991). Bencher's t-test uses the same quantile but without √(1 + 1/n) and with the
//!   standard deviation divided by n: its documented example (25 metrics, mean 100, sd 10,
//!   boundary 0.977 → upper limit 121.04) gives 121.46 here. The factor matters for short
//!   windows: it is the uncertainty of the mean itself.
//! * Robust estimator (default): median ± t(ν)·1.4826·MAD·√(1 + π/(2n)). The median's
//!   variance is π/2 times the mean's (asymptotically, under normality), hence π/(2n); and the
//!   MAD is a noisier scale estimate than s (36.75% efficiency, Rousseeuw & Croux 1993), so
//!   the quantile uses ν = max(1, 0.3675·(n − 1)) degrees of freedom, matching the variance of
//!   the scale estimate the way Satterthwaite's approximation does. Without that the robust
//!   interval is far too narrow in the tails a gate uses. One-sided false-alarm rates on
//!   normal data (`cargo test -p benchcore --lib t_test::calibration -- --ignored
//!   --nocapture`, 400,000 windows per cell at 0.999):
//!
//!   | boundary, n | classic | robust | robust with n − 1 df |
//!   | --- | ---: | ---: | ---: |
//!   | 0.999, 5 | 0.104% | 0.029% | 1.441% |
//!   | 0.999, 10 | 0.097% | 0.036% | 0.639% |
//!   | 0.999, 30 | 0.104% | 0.086% | 0.289% |
//!
//!   So the correction makes the robust bound slightly conservative for short windows and
//!   close to nominal at 30 points, where the uncorrected one alarms 3× too often.
//!
//! Samples mode: the pooled samples are the data (n = their count), the candidate's median
//! is the value. The interval is then one for a single *sample*: it holds within-run and
//! between-run noise, so it is wider than the spread of a median and the test is
//! conservative there.
//!
//! Cost: O(1) beyond the window's sort (one inverse CDF).

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::data::{Data, MAD_EFFICIENCY};
use super::options::{CheckOptions, Estimator};
use super::z_score::percentile_text;
use super::{Bounds, TestOutcome};

/// Degrees of freedom and the prediction factor √(1 + v) for `n` values.
pub(super) fn shape(n: usize, est: Estimator) -> (f64, f64) {
    let nf = n as f64;
    match est {
        Estimator::Classic => (nf - 1.0, (1.0 + 1.0 / nf).sqrt()),
        Estimator::Robust => (
            (MAD_EFFICIENCY * (nf - 1.0)).max(1.0),
            (1.0 + std::f64::consts::PI / (2.0 * nf)).sqrt(),
        ),
    }
}

/// centre ± t·spread·√(1 + v).
pub(super) fn bounds(data: &Data, options: &CheckOptions) -> TestOutcome {
    let n = data.len();
    if n < 2 {
        return Err("one baseline value has no spread for a t-test".to_string());
    }
    let c = data.center(options.estimator);
    let s = data
        .spread(options.estimator)
        .ok_or("one baseline value has no spread for a t-test")?;
    let b = options.effective_boundary();
    let (df, factor) = shape(n, options.estimator);
    let t = StudentsT::new(0.0, 1.0, df)
        .map(|d| d.inverse_cdf(b))
        .map_err(|e| format!("no t distribution with {df} degrees of freedom: {e}"))?;
    let half = t * s * factor;
    Ok(Bounds {
        center: Some(c),
        lower: Some(c - half),
        upper: Some(c + half),
        how: format!(
            "t-test: {} one-sided prediction bound, ±{:.3} spreads (t = {t:.3}, {df:.1} df)",
            percentile_text(b),
            t * factor
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::GateTest;
    use crate::stats::Rng;

    fn opts(boundary: f64, est: Estimator) -> CheckOptions {
        CheckOptions {
            test: GateTest::TTest,
            boundary: Some(boundary),
            estimator: est,
            ..CheckOptions::default()
        }
    }

    #[test]
    fn classic_prediction_interval_by_hand() {
        // [90, 110, 90, 110, 100]: mean 100, Σ(x − m)² = 400, s = √(400/4) = 10, n = 5.
        // t(4, 0.975) = 2.7764451, √(1 + 1/5) = 1.0954451 → half width 30.4142.
        let d = Data::new(vec![90.0, 110.0, 90.0, 110.0, 100.0]).unwrap();
        let b = bounds(&d, &opts(0.975, Estimator::Classic)).unwrap();
        assert!((b.upper.unwrap() - 130.414_2).abs() < 1e-3, "{b:?}");
        assert!((b.lower.unwrap() - 69.585_8).abs() < 1e-3, "{b:?}");
    }

    #[test]
    fn bencher_example_differs_by_the_prediction_factor() {
        // 25 values with mean 100 and sample sd 10; boundary 0.977. t(24, 0.977) = 2.1040;
        // Bencher's limit 121.04 = 100 + 2.104·10; the prediction factor √(1 + 1/25) makes it
        // 100 + 2.104·10·1.0198 = 121.46.
        let mut v: Vec<f64> = (0..12).flat_map(|_| [90.0, 110.0]).collect();
        v.push(100.0);
        // Σ(x − 100)² = 24·100 → sd = √(2400/24) = 10.
        let d = Data::new(v).unwrap();
        let b = bounds(&d, &opts(0.977, Estimator::Classic)).unwrap();
        assert!((b.upper.unwrap() - 121.46).abs() < 0.01, "{b:?}");
    }

    #[test]
    fn robust_shape() {
        let (df, f) = shape(30, Estimator::Robust);
        assert!((df - 0.3675 * 29.0).abs() < 1e-12);
        assert!((f - (1.0 + std::f64::consts::PI / 60.0).sqrt()).abs() < 1e-12);
        assert_eq!(shape(2, Estimator::Robust).0, 1.0);
        assert_eq!(shape(10, Estimator::Classic).0, 9.0);
    }

    /// False-alarm rate of one side on normal data, windows of `n`, boundary `b`.
    fn upper_rate(n: usize, b: f64, est: Estimator, trials: usize, seed: u64) -> f64 {
        let mut rng = Rng::new(seed);
        let o = opts(b, est);
        let mut alarms = 0;
        for _ in 0..trials {
            let d = Data::new((0..n).map(|_| rng.normal()).collect()).unwrap();
            let x = rng.normal();
            if x > bounds(&d, &o).unwrap().upper.unwrap() {
                alarms += 1;
            }
        }
        alarms as f64 / trials as f64
    }

    #[test]
    fn prediction_bounds_are_calibrated_on_normal_data() {
        // Nominal one-sided rate 1%; 40,000 trials give a standard error of 0.05%.
        for n in [5, 10, 30] {
            let classic = upper_rate(n, 0.99, Estimator::Classic, 40_000, 11);
            assert!((classic - 0.01).abs() < 0.002, "classic n={n}: {classic}");
            let robust = upper_rate(n, 0.99, Estimator::Robust, 40_000, 12);
            assert!(robust < 0.015 && robust > 0.002, "robust n={n}: {robust}");
        }
    }
}
#[cfg(test)]
mod calibration {
    //! `cargo test -p benchcore --lib t_test::calibration -- --ignored --nocapture` prints
    //! the one-sided false-alarm rate of the t-test on normal data, with and without the
    //! robust degrees-of-freedom correction (the table in the module docs).
    use super::*;
    use crate::gate::GateTest;
    use crate::stats::Rng;

    #[test]
    #[ignore = "prints a calibration table; takes ~20 s"]
    fn print_rates() {
        for (b, trials) in [(0.99, 100_000), (0.999, 400_000)] {
            for n in [5usize, 10, 30] {
                let mut rates = Vec::new();
                for est in [Estimator::Classic, Estimator::Robust] {
                    let o = CheckOptions {
                        test: GateTest::TTest,
                        boundary: Some(b),
                        estimator: est,
                        ..CheckOptions::default()
                    };
                    let mut rng = Rng::new(n as u64);
                    let mut a = 0;
                    for _ in 0..trials {
                        let d = Data::new((0..n).map(|_| rng.normal()).collect()).unwrap();
                        if rng.normal() > bounds(&d, &o).unwrap().upper.unwrap() {
                            a += 1;
                        }
                    }
                    rates.push(a as f64 / trials as f64);
                }
                // The robust interval with the classic n − 1 degrees of freedom.
                let mut rng = Rng::new(n as u64);
                let t = StudentsT::new(0.0, 1.0, n as f64 - 1.0)
                    .unwrap()
                    .inverse_cdf(b);
                let (_, f) = shape(n, Estimator::Robust);
                let mut a = 0;
                for _ in 0..trials {
                    let d = Data::new((0..n).map(|_| rng.normal()).collect()).unwrap();
                    let upper = d.median() + t * f * d.spread(Estimator::Robust).unwrap();
                    if rng.normal() > upper {
                        a += 1;
                    }
                }
                rates.push(a as f64 / trials as f64);
                println!(
                    "boundary {b} n {n}: classic {:.5}, robust {:.5}, robust with n-1 df {:.5}",
                    rates[0], rates[1], rates[2]
                );
            }
        }
    }
}
