//! A [`Series`]: one benchmark metric over many runs, in run order, the input of change-point
//! detection and of the history gate. Built from a history (see `history`) or given directly
//! (`benchcore detect --series`: a JSON array of numbers, a one-column CSV, or JSON Lines of
//! [`SeriesInput`]).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Direction, Measurement, Run};

/// Version of persisted series shapes (history bundles).
pub const SERIES_VERSION: u32 = 1;

/// One point of a series: a run's typical value of the metric, with its raw samples if kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The run the value comes from.
    pub run_id: Option<String>,
    /// Its commit.
    pub commit: Option<String>,
    /// Its branch.
    pub branch: Option<String>,
    /// Its time (RFC 3339).
    pub time: Option<String>,
    /// The typical value: median of the samples, else the summary's median, else its mean.
    pub value: f64,
    /// Raw samples of that run, when kept (else empty).
    #[serde(default)]
    pub samples: Vec<f64>,
}

impl Point {
    /// A bare value.
    pub fn value(value: f64) -> Self {
        Point {
            run_id: None,
            commit: None,
            branch: None,
            time: None,
            value,
            samples: Vec::new(),
        }
    }

    /// The point a run contributes for one measurement (`None` when it has no usable value).
    pub fn from_measurement(run: &Run, m: &Measurement) -> Option<Self> {
        let value = typical_value(m)?;
        Some(Point {
            run_id: Some(run.id.clone()),
            commit: run.commit.clone(),
            branch: run.branch.clone(),
            time: run.time.clone(),
            value,
            samples: m.samples.clone(),
        })
    }
}

/// The value a measurement stands for in a series: median of the samples, else the summary's
/// median, else its mean.
pub fn typical_value(m: &Measurement) -> Option<f64> {
    if !m.samples.is_empty() {
        if let Ok(s) = crate::stats::Sample::new(m.samples.iter().copied()) {
            return Some(s.median());
        }
    }
    m.summary
        .median
        .or(m.summary.mean)
        .filter(|v| v.is_finite())
}

/// One benchmark metric over runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Benchmark name.
    pub name: String,
    /// Metric name.
    pub metric: String,
    /// Metric unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Benchmark group, if any.
    pub group: Option<String>,
    /// Points in run order (oldest first).
    pub points: Vec<Point>,
}

impl Series {
    /// The values alone.
    pub fn values(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.value).collect()
    }

    /// Check that every value and sample is finite.
    pub fn validate(&self) -> Result<()> {
        for (i, p) in self.points.iter().enumerate() {
            if !p.value.is_finite() {
                return Err(Error::input(
                    format!("{}.values[{i}]", self.name),
                    format!("{} is not a finite number", p.value),
                ));
            }
            if let Some(k) = p.samples.iter().position(|v| !v.is_finite()) {
                return Err(Error::input(
                    format!("{}.samples[{i}][{k}]", self.name),
                    "not a finite number",
                ));
            }
        }
        Ok(())
    }
}

/// A series as written by an external harness (one JSON Lines record of
/// `benchcore detect --series`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesInput {
    /// Name of the series (echoed in the result).
    #[serde(default)]
    pub name: Option<String>,
    /// One value per point.
    pub values: Vec<f64>,
    /// Lower values are better (default true).
    #[serde(default)]
    pub lower_is_better: Option<bool>,
    /// Optional raw samples per point (a list per point, same length as `values`).
    #[serde(default)]
    pub samples: Option<Vec<Vec<f64>>>,
}

impl SeriesInput {
    /// Convert to a [`Series`], checking lengths and finiteness.
    pub fn into_series(self) -> Result<Series> {
        let name = self.name.unwrap_or_default();
        if let Some(s) = &self.samples {
            if s.len() != self.values.len() {
                return Err(Error::input(
                    format!("{name}.samples"),
                    format!("{} sample lists for {} values", s.len(), self.values.len()),
                ));
            }
        }
        let mut samples = self.samples.unwrap_or_default().into_iter();
        let points = self
            .values
            .into_iter()
            .map(|v| Point {
                samples: samples.next().unwrap_or_default(),
                ..Point::value(v)
            })
            .collect();
        let series = Series {
            name,
            metric: "value".into(),
            unit: String::new(),
            direction: if self.lower_is_better.unwrap_or(true) {
                Direction::LowerIsBetter
            } else {
                Direction::HigherIsBetter
            },
            group: None,
            points,
        };
        series.validate()?;
        Ok(series)
    }
}
