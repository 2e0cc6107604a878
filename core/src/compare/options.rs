//! [`CompareOptions`]: every knob of [`crate::compare`], its default, and its validation. The
//! bindings deserialize a partial options object straight into this struct; nothing else
//! restates a default.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::glob::glob_match;
use crate::error::{Error, Result};

/// A relative threshold, written `10%`, `"0.1"` or `0.1`. Stored as a fraction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold(pub f64);

impl Threshold {
    /// Parse `10%`, `2.5 %` or `0.1`.
    pub fn parse(text: &str) -> Result<Threshold> {
        let t = text.trim();
        let (num, scale) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), 0.01),
            None => (t, 1.0),
        };
        let v: f64 = num.parse().map_err(|_| {
            Error::option(
                "threshold",
                format!("'{text}' is not a threshold (write 10% or 0.1)"),
            )
        })?;
        Threshold::new(v * scale)
    }

    /// A threshold from a fraction; must be finite and in [0, 100).
    pub fn new(fraction: f64) -> Result<Threshold> {
        if !fraction.is_finite() || !(0.0..100.0).contains(&fraction) {
            return Err(Error::option(
                "threshold",
                format!("{fraction} is out of range (0 to 100, as a fraction)"),
            ));
        }
        Ok(Threshold(fraction))
    }
}

impl Serialize for Threshold {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(f64),
            Text(String),
        }
        let t = match Raw::deserialize(d)? {
            Raw::Num(v) => Threshold::new(v),
            Raw::Text(s) => Threshold::parse(&s),
        };
        t.map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

/// A per-benchmark threshold: the first override whose glob `pattern` matches the benchmark
/// name (and whose `metric`, when given, equals the metric) applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdOverride {
    /// Glob over the benchmark name: `*` any run of characters, `?` one, `[abc]` / `[a-z]` /
    /// `[!a]` classes, `\` escapes.
    pub pattern: String,
    /// Only for this metric (e.g. `time`), or every metric when absent.
    #[serde(default)]
    pub metric: Option<String>,
    /// The threshold.
    pub threshold: Threshold,
}

/// Which statistic is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Statistic {
    /// The median when raw samples or quartiles exist, else the mean.
    #[default]
    Auto,
    /// Always the median.
    Median,
    /// Always the mean.
    Mean,
}

/// How to judge a metric when both sides are single values (no samples, no spread): there is no
/// noise estimate, so only the threshold can decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SingleValues {
    /// Threshold alone for memory and count metrics (usually deterministic: peak heap,
    /// allocations); `inconclusive` for time, throughput and other metrics, whose single runs
    /// carry machine noise that one number cannot reveal (a wrk run, a mean without spread).
    #[default]
    Auto,
    /// Threshold alone for every metric (github-action-benchmark's behaviour).
    Threshold,
    /// Never judge single values: `inconclusive` (gate them against history instead).
    Inconclusive,
}

/// Options of [`crate::compare`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareOptions {
    /// Smallest relative change that counts as a regression or improvement (default 10%).
    pub threshold: Threshold,
    /// Per-benchmark thresholds by glob, first match wins.
    pub thresholds: Vec<ThresholdOverride>,
    /// Significance level applied to the (adjusted) p-value (default 0.05).
    pub alpha: f64,
    /// Confidence level of the interval on the relative change (default 0.95).
    pub confidence: f64,
    /// Control the false-discovery rate across all benchmarks (Benjamini–Hochberg, default on).
    pub fdr: bool,
    /// Statistic compared (default `auto`: the median whenever it can be).
    pub statistic: Statistic,
    /// Require the best-case value (the minimum for lower-is-better metrics, the maximum for
    /// higher-is-better) to move beyond the threshold too before calling a change. Machine
    /// noise on shared runners only ever adds time, so a shift of the typical value that
    /// leaves the best case in place is reported `inconclusive`, not `regressed` (default on).
    pub noise_guard: bool,
    /// How to judge single values without a noise estimate (default `auto`).
    pub single_values: SingleValues,
    /// Bootstrap resamples for the confidence interval (default 2000).
    pub bootstrap_resamples: u32,
    /// Seed of the bootstrap (default 0): the same inputs and seed give the same report.
    pub seed: u64,
    /// Power used for the minimum detectable change (default 0.8).
    pub power: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            threshold: Threshold(0.10),
            thresholds: Vec::new(),
            alpha: 0.05,
            confidence: 0.95,
            fdr: true,
            statistic: Statistic::Auto,
            noise_guard: true,
            single_values: SingleValues::Auto,
            bootstrap_resamples: 2000,
            seed: 0,
            power: 0.8,
        }
    }
}

impl CompareOptions {
    /// Check every field's range.
    pub fn validate(&self) -> Result<()> {
        let open_unit = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 && v < 1.0 {
                Ok(())
            } else {
                Err(Error::option(name, format!("{v} must be between 0 and 1")))
            }
        };
        open_unit("alpha", self.alpha)?;
        open_unit("confidence", self.confidence)?;
        open_unit("power", self.power)?;
        Threshold::new(self.threshold.0)?;
        if !(100..=1_000_000).contains(&self.bootstrap_resamples) {
            return Err(Error::option(
                "bootstrap_resamples",
                format!(
                    "{} must be between 100 and 1000000",
                    self.bootstrap_resamples
                ),
            ));
        }
        for (i, o) in self.thresholds.iter().enumerate() {
            if o.pattern.is_empty() {
                return Err(Error::option(
                    format!("thresholds[{i}].pattern"),
                    "empty pattern",
                ));
            }
            Threshold::new(o.threshold.0)?;
        }
        Ok(())
    }

    /// Deserialize options from JSON text, naming the offending key on error.
    pub fn from_json(text: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let opts: CompareOptions = serde_path_to_error::deserialize(de).map_err(|e| {
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

    /// The threshold for `benchmark` / `metric`.
    pub fn threshold_for(&self, benchmark: &str, metric: &str) -> f64 {
        self.thresholds
            .iter()
            .find(|o| {
                o.metric.as_deref().is_none_or(|m| m == metric) && glob_match(&o.pattern, benchmark)
            })
            .map_or(self.threshold.0, |o| o.threshold.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse_in_both_notations() {
        assert_eq!(Threshold::parse("10%").unwrap().0, 0.1);
        assert_eq!(Threshold::parse(" 2.5 % ").unwrap().0, 0.025);
        assert_eq!(Threshold::parse("0.1").unwrap().0, 0.1);
        assert!(Threshold::parse("ten").is_err());
        assert!(Threshold::parse("-5%").is_err());
        assert!(Threshold::parse("NaN").is_err());
    }

    #[test]
    fn partial_json_fills_defaults_and_unknown_keys_fail() {
        let o = CompareOptions::from_json(
            r#"{"threshold": "5%", "thresholds": [{"pattern": "fib/*", "threshold": 0.2}]}"#,
        )
        .unwrap();
        assert_eq!(o.threshold.0, 0.05);
        assert_eq!(o.alpha, 0.05);
        assert_eq!(o.threshold_for("fib/20", "time"), 0.2);
        assert_eq!(o.threshold_for("sort", "time"), 0.05);
        let e = CompareOptions::from_json(r#"{"treshold": 1}"#).unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        assert!(e.to_string().contains("treshold"), "{e}");
        let e = CompareOptions::from_json(r#"{"alpha": 2}"#).unwrap_err();
        assert!(e.to_string().contains("alpha"), "{e}");
    }

    #[test]
    fn metric_specific_override() {
        let mut o = CompareOptions::default();
        o.thresholds.push(ThresholdOverride {
            pattern: "*".into(),
            metric: Some("throughput".into()),
            threshold: Threshold(0.3),
        });
        assert_eq!(o.threshold_for("x", "throughput"), 0.3);
        assert_eq!(o.threshold_for("x", "time"), 0.1);
    }
}
