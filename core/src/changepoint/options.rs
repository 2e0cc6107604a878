//! [`DetectOptions`]: every knob of change-point detection, its default, and its validation.
//! The defaults were tuned on the simulated CI histories of `core/examples/quality.rs` (seeds
//! 1–3; `core/tests/detect_quality.rs` checks them on seed 7) against the targets: for steps of
//! 10% or more at noise CV up to 3%, precision and recall ≥ 0.95 under every noise model, and at
//! most 1 false alarm per 1,000 runs without change. The reasons are given per field.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The change-point algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Windowed E-Divisive means with a Student t-test, weak and strong passes (Hunter /
    /// Apache Otava). The default for looking back over a history.
    #[default]
    EDivisive,
    /// PELT with a Gaussian cost and an MBIC-style penalty.
    Pelt,
}

/// The segment cost of PELT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeltCost {
    /// Changes of the mean, one noise scale for the whole series.
    #[default]
    NormalMean,
    /// Changes of the mean and/or the variance.
    NormalMeanVar,
}

/// Options of [`crate::detect`] and [`crate::detect_changepoints`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DetectOptions {
    /// Algorithm (default `e-divisive`).
    pub method: Method,
    /// E-Divisive: points per window of the split pass; windows move by half of it (default
    /// 50, Otava's default). Shorter windows see fewer points per test; longer ones cost
    /// O(window) per point.
    pub window: usize,
    /// Significance level of the strong (merge) pass (default 0.0001; Otava's is 0.001). At
    /// 0.001, right-skewed noise (a few slow runs in a row) passed for 4–5-run level shifts and
    /// precision on skewed noise at 3% CV fell to about 0.92.
    pub alpha: f64,
    /// Significance level of the weak (split) pass; absent means Otava's rule: 10 × `alpha`
    /// below 0.05, 2 × `alpha` below 0.5, else `alpha`.
    pub weak_alpha: Option<f64>,
    /// Both methods: a change point whose segment medians differ by no more than this
    /// fraction, `|a − b| / min(|a|, |b|)`, is dropped (default 0.04). Otava's default is 0;
    /// without it, slow drift and correlated noise on CI runners produce statistically real
    /// but practically irrelevant steps of 1–3%. At 0.05 half of the true 5% steps were
    /// dropped (recall 0.50); at 0.03 precision on correlated noise came within 0.005 of 0.95.
    pub min_magnitude: f64,
    /// Both methods: fewest points in a segment (default 5): a new level must hold for five
    /// runs. With 3, short bursts of slow runs under skewed noise were reported as pairs of
    /// change points; the price is a median detection delay of 3–4 runs instead of 2.
    pub min_segment: usize,
    /// E-Divisive: run the t-test over raw samples when every point of both sides has them,
    /// with runs as clusters (nested ANOVA; default true).
    pub use_samples: bool,
    /// E-Divisive, strong pass: divide the t-test's sample sizes by (1 + r) / (1 − r), r the
    /// lag-one autocorrelation of the residuals of both sides (default true). Consecutive CI
    /// runs share machines and load; without this, AR(1) noise (φ = 0.5) at 3% CV gave 1.7
    /// false alarms per 1,000 runs and precision 0.79 on steps of 10% or more. (Not in the
    /// weak pass: there an undetected second step inside a side looks like correlation and
    /// hid real steps.)
    pub serial_correlation: bool,
    /// Both methods: before testing, clip runs more than this many robust standard deviations
    /// from the median of the 7 runs around them (Hampel identifier; default 5, 0 = off). A
    /// single run 2–3× slower otherwise hides a real step in the same window: without
    /// clipping, recall on steps of 10% or more with 1% of such runs fell to 0.76–0.79.
    pub outlier_threshold: f64,
    /// PELT: segment cost (default `normal-mean`).
    pub cost: PeltCost,
    /// PELT: penalty per change point; absent means `3 ln n` (`normal-mean`) or `4 ln n`
    /// (`normal-mean-var`).
    pub penalty: Option<f64>,
    /// PELT: noise standard deviation in the series' unit; absent means the MAD of first
    /// differences × 1.4826 / √2.
    pub noise: Option<f64>,
}

impl Default for DetectOptions {
    fn default() -> Self {
        DetectOptions {
            method: Method::EDivisive,
            window: 50,
            alpha: 0.0001,
            weak_alpha: None,
            min_magnitude: 0.04,
            min_segment: 5,
            use_samples: true,
            serial_correlation: true,
            outlier_threshold: 5.0,
            cost: PeltCost::NormalMean,
            penalty: None,
            noise: None,
        }
    }
}

impl DetectOptions {
    /// Check every field's range.
    pub fn validate(&self) -> Result<()> {
        let unit = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 && v < 1.0 {
                Ok(())
            } else {
                Err(Error::option(name, format!("{v} must be between 0 and 1")))
            }
        };
        unit("alpha", self.alpha)?;
        if let Some(w) = self.weak_alpha {
            unit("weak_alpha", w)?;
            if w < self.alpha {
                return Err(Error::option(
                    "weak_alpha",
                    format!(
                        "{w} is below alpha ({}): the weak pass must be looser",
                        self.alpha
                    ),
                ));
            }
        }
        if !(1..=1000).contains(&self.min_segment) {
            return Err(Error::option(
                "min_segment",
                format!("{} must be between 1 and 1000", self.min_segment),
            ));
        }
        let least = (2 * self.min_segment).max(4);
        if !(least..=100_000).contains(&self.window) {
            return Err(Error::option(
                "window",
                format!(
                    "{} must be between {least} (twice min_segment, at least 4) and 100000",
                    self.window
                ),
            ));
        }
        if !(self.min_magnitude.is_finite() && (0.0..100.0).contains(&self.min_magnitude)) {
            return Err(Error::option(
                "min_magnitude",
                format!("{} must be a fraction from 0 to 100", self.min_magnitude),
            ));
        }
        if !(self.outlier_threshold.is_finite() && self.outlier_threshold >= 0.0) {
            return Err(Error::option(
                "outlier_threshold",
                format!("{} must be 0 (off) or positive", self.outlier_threshold),
            ));
        }
        for (name, v) in [("penalty", self.penalty), ("noise", self.noise)] {
            if let Some(v) = v {
                if !(v.is_finite() && v > 0.0) {
                    return Err(Error::option(
                        name,
                        format!("{v} must be a positive number"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Deserialize options from JSON text, naming the offending key on error, and validate.
    pub fn from_json(text: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let opts: DetectOptions = serde_path_to_error::deserialize(de).map_err(|e| {
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

    /// The weak-pass level: [`DetectOptions::weak_alpha`] or Otava's rule.
    pub fn effective_weak_alpha(&self) -> f64 {
        self.weak_alpha.unwrap_or(if self.alpha < 0.05 {
            self.alpha * 10.0
        } else if self.alpha < 0.5 {
            self.alpha * 2.0
        } else {
            self.alpha
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_partial_json_fills_them() {
        DetectOptions::default().validate().unwrap();
        let o =
            DetectOptions::from_json(r#"{"method": "pelt", "cost": "normal-mean-var"}"#).unwrap();
        assert_eq!(o.method, Method::Pelt);
        assert_eq!(o.cost, PeltCost::NormalMeanVar);
        assert_eq!(o.window, 50);
        assert_eq!(o.effective_weak_alpha(), 0.001);
    }

    #[test]
    fn bad_options_name_the_field() {
        let field = |json: &str| match DetectOptions::from_json(json) {
            Err(Error::InvalidOptions { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(r#"{"alpha": 0}"#), "alpha");
        assert_eq!(field(r#"{"window": 3}"#), "window");
        assert_eq!(field(r#"{"min_segment": 30}"#), "window");
        assert_eq!(field(r#"{"weak_alpha": 0.00001}"#), "weak_alpha");
        assert_eq!(field(r#"{"min_magnitude": -1}"#), "min_magnitude");
        assert_eq!(field(r#"{"penalty": -1}"#), "penalty");
        assert_eq!(field(r#"{"method": "binseg"}"#), "method");
        assert_eq!(field(r#"{"windw": 5}"#), "windw");
    }
}
