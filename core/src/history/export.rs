//! One compact JSON bundle of a history's series, for dashboards (the WASM dashboard loads it
//! whole). Runs are listed once; each series point refers to its run by index:
//!
//! ```json
//! {"version": 1,
//!  "runs": [{"id": "3f9a…", "commit": "45d7…", "branch": "main", "time": "2026-11-26T15:56:06.057Z",
//!            "environment": "9c0e…", "format": "criterion"}, …],
//!  "series": [{"name": "fib/20", "group": "fib", "metric": "time", "unit": "ns",
//!              "direction": "lower-is-better", "points": [[0, 25071.3], [1, 25102.9], …]}, …]}
//! ```
//!
//! `runs` is in history order (`time` is the run's order time, RFC 3339 UTC, so `new Date()`
//! reads it); a point is `[run index, typical value]`, in run order. No raw samples: a bundle
//! of 5,000 runs × 200 benchmarks stays tens of megabytes. `version` is
//! [`SERIES_VERSION`]; readers refuse a newer one ([`Bundle::from_json`]).
//!
//! With [`SeriesOptions::spread`] a series also has `"spread": [[q1, q3] | null, …]`, one
//! entry per point: the interquartile range of that run's raw samples (else of its summary's
//! `q1`/`q3`), `null` where neither is known. The key is absent otherwise, so a bundle
//! without it is byte for byte what earlier versions wrote, and a version-1 reader that does
//! not know it ignores it (no version bump: nothing it knows changed meaning).

use serde::{Deserialize, Serialize};

use super::load::HistoryRun;
use super::series::{group, SeriesOptions};
use crate::error::{json_error, Error, Result};
use crate::model::{Direction, Measurement};
use crate::series::SERIES_VERSION;
use crate::stats::Sample;
use crate::time::format_rfc3339;

/// One run as the bundle lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleRun {
    /// Content id.
    pub id: String,
    /// Commit, if known.
    pub commit: Option<String>,
    /// Branch, if known.
    pub branch: Option<String>,
    /// Order time (RFC 3339 UTC): the run's time, else when it was added.
    pub time: String,
    /// [`crate::Environment::fingerprint`].
    pub environment: String,
    /// The tool format the run came from.
    pub format: String,
}

/// One series as the bundle lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleSeries {
    /// Benchmark name.
    pub name: String,
    /// Benchmark group.
    pub group: Option<String>,
    /// Metric name.
    pub metric: String,
    /// Metric unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// `[run index, value]`, in run order.
    pub points: Vec<(usize, f64)>,
    /// Per point, `[q1, q3]` of the run's raw samples or `None` (only with
    /// [`SeriesOptions::spread`]; see the module doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread: Option<Vec<Option<[f64; 2]>>>,
}

/// The dashboard bundle (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`SERIES_VERSION`].
    pub version: u32,
    /// Runs, oldest first.
    pub runs: Vec<BundleRun>,
    /// Series, sorted by name, group, metric and unit.
    pub series: Vec<BundleSeries>,
}

impl Bundle {
    /// Read a bundle, refusing a newer version. `file` labels errors.
    pub fn from_json(text: &str, file: &str) -> Result<Bundle> {
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u64>,
        }
        let probe: Probe = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
        let found = probe
            .version
            .ok_or_else(|| Error::parse_field(file, "version", "missing `version`"))?;
        if found > u64::from(SERIES_VERSION) {
            return Err(Error::UnsupportedVersion {
                file: file.into(),
                what: "history bundle".into(),
                found,
                supported: SERIES_VERSION.into(),
            });
        }
        crate::parse::json::from_str(file, text)
    }
}

/// Bundle the series of `runs` (sorted into history order first). `options` selects
/// benchmarks and metrics; samples are never included.
pub fn export(runs: &[HistoryRun], options: &SeriesOptions) -> Result<Bundle> {
    let mut ordered: Vec<&HistoryRun> = runs.iter().collect();
    ordered.sort_by_cached_key(|r| (r.order_time(), r.run.id.clone()));
    let plain: Vec<&crate::model::Run> = ordered.iter().map(|r| &r.run).collect();
    let series = group(&plain, options)?
        .into_iter()
        .map(|g| BundleSeries {
            points: g.points.iter().map(|(i, _, v)| (*i, *v)).collect(),
            spread: options
                .spread
                .then(|| g.points.iter().map(|(_, m, _)| quartiles(m)).collect()),
            name: g.series.name,
            group: g.series.group,
            metric: g.series.metric,
            unit: g.series.unit,
            direction: g.series.direction,
        })
        .collect();
    let runs = ordered
        .iter()
        .map(|r| BundleRun {
            id: r.run.id.clone(),
            commit: r.run.commit.clone(),
            branch: r.run.branch.clone(),
            time: format_rfc3339(r.order_time()),
            environment: r.run.environment.fingerprint(),
            format: r.run.source.format.clone(),
        })
        .collect();
    Ok(Bundle {
        version: SERIES_VERSION,
        runs,
        series,
    })
}

/// `[q1, q3]` of a measurement's raw samples, else of its summary, else `None`.
fn quartiles(m: &Measurement) -> Option<[f64; 2]> {
    if let Ok(s) = Sample::new(m.samples.iter().copied()) {
        return Some([s.quantile(0.25), s.quantile(0.75)]);
    }
    match (m.summary.q1, m.summary.q3) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some([a, b]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Benchmark, Measurement, Metric, Run};

    fn hr(time: &str, v: f64) -> HistoryRun {
        let mut r = Run::new("t");
        r.time = Some(time.into());
        let mut b = Benchmark::new("a");
        b.measurements
            .push(Measurement::from_samples(Metric::time(), vec![v]));
        r.benchmarks.push(b);
        HistoryRun {
            added_at: "2026-01-01T00:00:00Z".into(),
            run: r.finalize("t").unwrap(),
        }
    }

    #[test]
    fn points_refer_to_runs_in_history_order() {
        let runs = [
            hr("2026-01-03T00:00:00Z", 3.0),
            hr("2026-01-01T00:00:00Z", 1.0),
        ];
        let b = export(&runs, &SeriesOptions::default()).unwrap();
        assert_eq!(b.runs[0].time, "2026-01-01T00:00:00.000Z");
        assert_eq!(b.series[0].points, vec![(0, 1.0), (1, 3.0)]);
        let text = serde_json::to_string(&b).unwrap();
        assert!(text.contains(r#""points":[[0,1.0],[1,3.0]]"#), "{text}");
        assert_eq!(Bundle::from_json(&text, "b.json").unwrap(), b);
        assert!(!text.contains("spread"), "{text}");
        let newer = text.replacen(r#""version":1"#, r#""version":2"#, 1);
        let e = Bundle::from_json(&newer, "b.json").unwrap_err();
        assert_eq!(e.code(), "unsupported-version");
    }

    #[test]
    fn spread_is_the_interquartile_range_of_each_points_samples() {
        let mut runs = vec![hr("2026-01-01T00:00:00Z", 1.0)];
        let mut two = hr("2026-01-02T00:00:00Z", 0.0);
        two.run.benchmarks[0].measurements[0] =
            Measurement::from_samples(Metric::time(), vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        runs.push(two);
        let mut three = hr("2026-01-03T00:00:00Z", 7.0);
        three.run.benchmarks[0].measurements[0].samples.clear();
        three.run.benchmarks[0].measurements[0].summary.q1 = None;
        runs.push(three);
        let options = SeriesOptions {
            spread: true,
            ..SeriesOptions::default()
        };
        let b = export(&runs, &options).unwrap();
        assert_eq!(
            b.series[0].spread,
            Some(vec![Some([1.0, 1.0]), Some([2.0, 4.0]), None])
        );
        let text = serde_json::to_string(&b).unwrap();
        assert!(
            text.contains(r#""spread":[[1.0,1.0],[2.0,4.0],null]"#),
            "{text}"
        );
        assert_eq!(Bundle::from_json(&text, "b.json").unwrap(), b);
    }
}
