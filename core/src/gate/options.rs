//! [`CheckOptions`]: every knob of the history gate ([`crate::check`], [`crate::backtest`],
//! [`crate::window_test`]), its default, and its validation. The bindings deserialize a partial
//! options object straight into this struct; nothing else restates a default.
//!
//! The defaults (`t-test`, robust estimator, boundary 0.99999, window 30, at least 5 runs) were
//! chosen with the seeded simulation in `core/tests/gate_simulation.rs`: on 200 unchanged
//! series they rarely raise an alarm, and they catch a 20% step (the measured rates are in
//! that file and in `tests/vectors/README.md`).

use serde::{Deserialize, Serialize};

use crate::changepoint::DetectOptions;

use crate::error::{Error, Result};

/// Which window test judges the candidate. The names and boundaries follow Bencher's
/// threshold tests (<https://bencher.dev/docs/explanation/thresholds/>); each test's module
/// documents where benchcore differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateTest {
    /// Fixed bounds ([`CheckOptions::lower_limit`], [`CheckOptions::upper_limit`]); needs no
    /// history.
    Static,
    /// The baseline centre ± `boundary` (a fraction: 0.1 = 10%).
    Percentage,
    /// The centre ± z·spread, z from `boundary` (a one-sided percentile in (0.5, 1)) or
    /// [`CheckOptions::z_limit`].
    ZScore,
    /// A Student-t prediction interval for one new value: centre ± t·spread·√(1 + 1/n).
    #[default]
    TTest,
    /// Tukey's fences: q1 − k·IQR and q3 + k·IQR, k = `boundary`.
    Iqr,
    /// Bencher's Δ IQR: median ± k·median·IQR of the relative changes between consecutive
    /// values.
    DeltaIqr,
}

impl GateTest {
    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            GateTest::Static => "static",
            GateTest::Percentage => "percentage",
            GateTest::ZScore => "z-score",
            GateTest::TTest => "t-test",
            GateTest::Iqr => "iqr",
            GateTest::DeltaIqr => "delta-iqr",
        }
    }

    /// Parse a kebab-case name (`t-test`); `_` is accepted for `-` (Bencher writes `t_test`).
    pub fn from_name(name: &str) -> Result<GateTest> {
        let all = [
            GateTest::Static,
            GateTest::Percentage,
            GateTest::ZScore,
            GateTest::TTest,
            GateTest::Iqr,
            GateTest::DeltaIqr,
        ];
        let wanted = name.trim().replace('_', "-");
        all.into_iter().find(|t| t.name() == wanted).ok_or_else(|| {
            Error::option(
                "test",
                format!(
                    "unknown test '{name}' (known: {})",
                    all.map(GateTest::name).join(", ")
                ),
            )
        })
    }

    /// The default `boundary` of the test (its meaning depends on the test).
    pub fn default_boundary(self) -> f64 {
        match self {
            GateTest::Static => 0.0,
            GateTest::Percentage => 0.10,
            GateTest::ZScore | GateTest::TTest => 0.99999,
            GateTest::Iqr => 4.5,
            GateTest::DeltaIqr => 6.0,
        }
    }
}

/// What the test looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateMode {
    /// `values`: it is the better calibrated of the two (see the module docs of `gate`).
    #[default]
    Auto,
    /// One value per run: each point's typical value; the candidate's typical value.
    Values,
    /// Raw samples: the samples of the window's runs pooled; the candidate's median.
    Samples,
}

/// How the baseline's centre and spread are estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Estimator {
    /// Median and 1.4826·MAD (mean absolute deviation × 1.2533 when the MAD is 0 but the
    /// values are not all equal): one wild run in the window does not move the bounds.
    #[default]
    Robust,
    /// Mean and sample standard deviation (n − 1), as Bencher computes them.
    Classic,
}

/// Options of [`crate::check`], [`crate::backtest`] and [`crate::window_test`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckOptions {
    /// The window test (default `t-test`).
    pub test: GateTest,
    /// Values or samples (default `auto` = values).
    pub mode: GateMode,
    /// Centre and spread estimator (default `robust`).
    pub estimator: Estimator,
    /// The test's boundary; `null` takes the test's default: a fraction for `percentage`
    /// (0.1), a one-sided percentile in (0.5, 1) for `z-score` and `t-test` (0.99999), a
    /// multiplier ≥ 0 for `iqr` (4.5) and `delta-iqr` (6). Unused by `static`.
    pub boundary: Option<f64>,
    /// `z-score` only: the limit as a number of spreads (e.g. 3.5) instead of a percentile.
    pub z_limit: Option<f64>,
    /// `static` only: values below this are beyond the lower bound.
    pub lower_limit: Option<f64>,
    /// `static` only: values above this are beyond the upper bound.
    pub upper_limit: Option<f64>,
    /// At most this many points, the most recent, make the baseline (default 30).
    pub window: usize,
    /// Fewer baseline points than this make the verdict `inconclusive` (default 5, at least
    /// 2). Counts runs, also in samples mode.
    pub min_sample_size: usize,
    /// Take baseline points from this branch (e.g. the branch a pull request targets);
    /// `null` takes the candidate's own branch. Points that recorded no branch are kept.
    pub baseline_branch: Option<String>,
    /// A value beyond a bound but closer to the baseline centre than this relative change is
    /// `unchanged` (default 0: the bounds alone decide; ignored when the centre is 0).
    pub min_change: f64,
    /// When the caller gives no change points, find them with [`CheckOptions::detect`] and
    /// start the baseline at the last one (default on), so an intended change re-baselines
    /// itself instead of alarming forever.
    pub rebaseline: bool,
    /// How change points are found for re-baselining (default: the detector's defaults).
    pub detect: DetectOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            test: GateTest::TTest,
            mode: GateMode::Auto,
            estimator: Estimator::Robust,
            boundary: None,
            z_limit: None,
            lower_limit: None,
            upper_limit: None,
            window: 30,
            min_sample_size: 5,
            baseline_branch: None,
            min_change: 0.0,
            rebaseline: true,
            detect: DetectOptions::default(),
        }
    }
}

/// Options of [`crate::backtest`]: the gate's own options, replayed.
pub type BacktestOptions = CheckOptions;

impl CheckOptions {
    /// The boundary in effect: [`CheckOptions::boundary`] or the test's default.
    pub fn effective_boundary(&self) -> f64 {
        self.boundary
            .unwrap_or_else(|| self.test.default_boundary())
    }

    /// Check every field's range and the fields each test needs.
    pub fn validate(&self) -> Result<()> {
        let finite = |name: &str, v: Option<f64>| match v {
            Some(x) if !x.is_finite() => Err(Error::option(name, format!("{x} is not finite"))),
            _ => Ok(()),
        };
        self.detect.validate()?;
        finite("boundary", self.boundary)?;
        finite("z_limit", self.z_limit)?;
        finite("lower_limit", self.lower_limit)?;
        finite("upper_limit", self.upper_limit)?;
        let b = self.effective_boundary();
        match self.test {
            GateTest::Static => {
                if self.lower_limit.is_none() && self.upper_limit.is_none() {
                    return Err(Error::option(
                        "upper_limit",
                        "the static test needs lower_limit, upper_limit or both",
                    ));
                }
                if let (Some(lo), Some(hi)) = (self.lower_limit, self.upper_limit) {
                    if lo > hi {
                        return Err(Error::option(
                            "lower_limit",
                            format!("{lo} is above upper_limit {hi}"),
                        ));
                    }
                }
            }
            GateTest::Percentage => {
                if b < 0.0 {
                    return Err(Error::option(
                        "boundary",
                        format!("{b} must be a fraction ≥ 0 for percentage (0.1 = 10%)"),
                    ));
                }
            }
            GateTest::ZScore | GateTest::TTest => {
                if self.test == GateTest::ZScore && self.z_limit.is_some() {
                    if self.boundary.is_some() {
                        return Err(Error::option(
                            "z_limit",
                            "give either boundary (a percentile) or z_limit, not both",
                        ));
                    }
                    let z = self.z_limit.unwrap_or_default();
                    if z <= 0.0 {
                        return Err(Error::option("z_limit", format!("{z} must be above 0")));
                    }
                } else if !(b > 0.5 && b < 1.0) {
                    return Err(Error::option(
                        "boundary",
                        format!(
                            "{b} must be a one-sided percentile between 0.5 and 1 for {}",
                            self.test.name()
                        ),
                    ));
                }
            }
            GateTest::Iqr | GateTest::DeltaIqr => {
                if b < 0.0 {
                    return Err(Error::option(
                        "boundary",
                        format!("{b} must be a multiplier ≥ 0 for {}", self.test.name()),
                    ));
                }
            }
        }
        if self.z_limit.is_some() && self.test != GateTest::ZScore {
            return Err(Error::option(
                "z_limit",
                "only the z-score test takes z_limit",
            ));
        }
        if self.test != GateTest::Static
            && (self.lower_limit.is_some() || self.upper_limit.is_some())
        {
            return Err(Error::option(
                if self.lower_limit.is_some() {
                    "lower_limit"
                } else {
                    "upper_limit"
                },
                "only the static test takes lower_limit and upper_limit",
            ));
        }
        if self.window < 1 {
            return Err(Error::option("window", "the window needs at least 1 point"));
        }
        if self.min_sample_size < 2 {
            return Err(Error::option(
                "min_sample_size",
                format!("{} must be at least 2", self.min_sample_size),
            ));
        }
        if self.min_sample_size > self.window {
            return Err(Error::option(
                "min_sample_size",
                format!(
                    "{} is larger than the window ({}), so no test could run",
                    self.min_sample_size, self.window
                ),
            ));
        }
        if !(self.min_change.is_finite() && (0.0..100.0).contains(&self.min_change)) {
            return Err(Error::option(
                "min_change",
                format!("{} must be a fraction between 0 and 100", self.min_change),
            ));
        }
        if self.baseline_branch.as_deref() == Some("") {
            return Err(Error::option("baseline_branch", "empty branch name"));
        }
        Ok(())
    }

    /// Deserialize options from JSON text, naming the offending key on error, and validate.
    pub fn from_json(text: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let opts: CheckOptions = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            Error::option(
                if field == "." {
                    "options".into()
                } else {
                    field
                },
                e.into_inner().to_string(),
            )
        })?;
        opts.validate()?;
        Ok(opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_partial_json_fills_them() {
        CheckOptions::default().validate().unwrap();
        let o = CheckOptions::from_json(r#"{"test": "iqr", "window": 10}"#).unwrap();
        assert_eq!(o.test, GateTest::Iqr);
        assert_eq!(o.effective_boundary(), 4.5);
        assert_eq!(o.min_sample_size, 5);
        let e = CheckOptions::from_json(r#"{"windw": 10}"#).unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        assert!(e.to_string().contains("windw"), "{e}");
    }

    #[test]
    fn each_test_checks_its_boundary() {
        for (json, field) in [
            (r#"{"test": "t-test", "boundary": 0.4}"#, "boundary"),
            (r#"{"test": "z-score", "boundary": 1.0}"#, "boundary"),
            (r#"{"test": "percentage", "boundary": -0.1}"#, "boundary"),
            (r#"{"test": "iqr", "boundary": -1}"#, "boundary"),
            (r#"{"test": "static"}"#, "upper_limit"),
            (
                r#"{"test": "static", "lower_limit": 5, "upper_limit": 1}"#,
                "lower_limit",
            ),
            (r#"{"test": "t-test", "upper_limit": 1}"#, "upper_limit"),
            (r#"{"test": "t-test", "z_limit": 3}"#, "z_limit"),
            (
                r#"{"test": "z-score", "z_limit": 3, "boundary": 0.99}"#,
                "z_limit",
            ),
            (r#"{"test": "z-score", "z_limit": 0}"#, "z_limit"),
            (r#"{"min_sample_size": 1}"#, "min_sample_size"),
            (r#"{"window": 3}"#, "min_sample_size"),
            (r#"{"window": 0, "min_sample_size": 2}"#, "window"),
            (r#"{"min_change": -0.1}"#, "min_change"),
            (r#"{"baseline_branch": ""}"#, "baseline_branch"),
        ] {
            let e = CheckOptions::from_json(json).unwrap_err();
            assert_eq!(e.info().field.as_deref(), Some(field), "{json}: {e}");
        }
        CheckOptions::from_json(r#"{"test": "z-score", "z_limit": 3.5}"#).unwrap();
        CheckOptions::from_json(r#"{"test": "static", "upper_limit": 5}"#).unwrap();
    }

    #[test]
    fn test_names_round_trip() {
        for t in [
            GateTest::Static,
            GateTest::Percentage,
            GateTest::ZScore,
            GateTest::TTest,
            GateTest::Iqr,
            GateTest::DeltaIqr,
        ] {
            assert_eq!(GateTest::from_name(t.name()).unwrap(), t);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.name()));
        }
        assert_eq!(GateTest::from_name("t_test").unwrap(), GateTest::TTest);
        assert!(GateTest::from_name("log-normal").is_err());
    }
}
