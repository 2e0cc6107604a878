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
    #[serde(deserialize_with = "lenient::f64")]
    pub value: f64,
    /// Raw samples of that run, when kept (else empty).
    #[serde(default, deserialize_with = "lenient::vec")]
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
    #[serde(deserialize_with = "lenient::vec")]
    pub values: Vec<f64>,
    /// Lower values are better (default true).
    #[serde(default)]
    pub lower_is_better: Option<bool>,
    /// Optional raw samples per point (a list per point, same length as `values`).
    #[serde(default, deserialize_with = "lenient::opt_vec_vec")]
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

/// Read one series as the surfaces pass it, from its JSON value: a [`Series`] (it has
/// `points`) or a [`SeriesInput`] (it has `values`). `field` names it in errors.
pub fn series_from_json(value: serde_json::Value, field: &str) -> Result<Series> {
    let is_input = value.get("values").is_some() && value.get("points").is_none();
    let bad = |e: serde_json::Error| Error::input(field, e.to_string());
    let series = if is_input {
        serde_json::from_value::<SeriesInput>(value)
            .map_err(bad)?
            .into_series()?
    } else {
        serde_json::from_value::<Series>(value).map_err(bad)?
    };
    series.validate()?;
    Ok(series)
}

/// A list of series, each as in [`series_from_json`].
pub fn series_list_from_json(value: serde_json::Value, field: &str) -> Result<Vec<Series>> {
    match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| series_from_json(v, &format!("{field}[{i}]")))
            .collect(),
        _ => Err(Error::input(field, "expected a list of series")),
    }
}

/// Numbers in series as JSON can carry them: JSON has no NaN or infinities, so the strings
/// `"NaN"`, `"Infinity"` and `"-Infinity"` are read as those values (Python's `json` writes
/// them bare; JavaScript cannot write them at all). [`Series::validate`] then refuses them
/// with an error naming the point, the same on every surface.
mod lenient {
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        N(f64),
        S(String),
    }

    impl Num {
        fn get<E: serde::de::Error>(self) -> Result<f64, E> {
            match self {
                Num::N(v) => Ok(v),
                Num::S(s) => match s.as_str() {
                    "NaN" => Ok(f64::NAN),
                    "Infinity" => Ok(f64::INFINITY),
                    "-Infinity" => Ok(f64::NEG_INFINITY),
                    other => Err(E::custom(format!("'{other}' is not a number"))),
                },
            }
        }
    }

    pub(super) fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Num::deserialize(d)?.get()
    }

    pub(super) fn vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Vec::<Num>::deserialize(d)?
            .into_iter()
            .map(Num::get)
            .collect()
    }

    pub(super) fn opt_vec_vec<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<Vec<f64>>>, D::Error> {
        Option::<Vec<Vec<Num>>>::deserialize(d)?
            .map(|outer| {
                outer
                    .into_iter()
                    .map(|inner| inner.into_iter().map(Num::get).collect())
                    .collect()
            })
            .transpose()
    }
}
