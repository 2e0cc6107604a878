//! Reading a dashboard [`Bundle`] back into the core's types, so the page (through WASM) runs
//! the same detection and gate as the CLI on exactly the numbers it draws:
//!
//! * [`Bundle::to_series`]: one [`Series`] per bundle series, each point carrying its run's
//!   id, commit, branch and time (no samples: the bundle has none).
//! * [`Bundle::detect`]: [`crate::detect`] over every series, each change point naming its
//!   run's commit and id. The series are built from bare values and the ids filled in after,
//!   so a bundle of 1,000 series × 500 runs costs no per-point strings (in WASM, copying
//!   them took longer than the detection).
//! * [`Bundle::check_latest`]: the newest point of every series judged by the history gate
//!   ([`crate::check_with`]) against the points before it: one [`CheckReport`] per distinct
//!   newest run (a history of two suites run at different times has two), newest first. The
//!   candidate is that run with the series' newest values; the history is each series without
//!   its newest point. Change points come as data (those the page already detected, so the
//!   sensitivity control re-baselines the table too) or are detected with
//!   `options.detect`.
//!
//! Errors: a point naming a run index beyond `runs` is a `parse-error` on
//! `series[i].points[k]`; the gate's own errors pass through. Cost: O(points) for the
//! conversion; the gate's cost on top.

use std::collections::BTreeMap;

use super::export::Bundle;
use crate::changepoint::{detect, DetectOptions, Detection};
use crate::error::{Error, Result};
use crate::gate::{check_with, ChangePointRef, CheckOptions, CheckReport};
use crate::model::{Benchmark, Measurement, Metric, MetricKind, Run, Summary};
use crate::series::{Point, Series};

impl Bundle {
    /// The bundle's series, points in run order (see the module doc). `file` labels errors.
    pub fn to_series(&self, file: &str) -> Result<Vec<Series>> {
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let points = s
                    .points
                    .iter()
                    .enumerate()
                    .map(|(k, &(run, value))| {
                        let r = self.runs.get(run).ok_or_else(|| self.beyond(file, i, k))?;
                        Ok(Point {
                            run_id: Some(r.id.clone()),
                            commit: r.commit.clone(),
                            branch: r.branch.clone(),
                            time: Some(r.time.clone()),
                            value,
                            samples: Vec::new(),
                        })
                    })
                    .collect::<Result<Vec<Point>>>()?;
                Ok(Series {
                    name: s.name.clone(),
                    metric: s.metric.clone(),
                    unit: s.unit.clone(),
                    direction: s.direction,
                    group: s.group.clone(),
                    points,
                })
            })
            .collect()
    }

    /// Change points of every series, in bundle order (see the module doc). `file` labels
    /// errors.
    pub fn detect(&self, options: &DetectOptions, file: &str) -> Result<Detection> {
        let bare = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if let Some(k) = s.points.iter().position(|p| p.0 >= self.runs.len()) {
                    return Err(self.beyond(file, i, k));
                }
                Ok(Series {
                    name: s.name.clone(),
                    metric: s.metric.clone(),
                    unit: s.unit.clone(),
                    direction: s.direction,
                    group: s.group.clone(),
                    points: s.points.iter().map(|p| Point::value(p.1)).collect(),
                })
            })
            .collect::<Result<Vec<Series>>>()?;
        let mut detection = detect(&bare, options)?;
        for (d, s) in detection.series.iter_mut().zip(&self.series) {
            for c in &mut d.change_points {
                if let Some(r) = s.points.get(c.index).and_then(|p| self.runs.get(p.0)) {
                    c.commit.clone_from(&r.commit);
                    c.run_id = Some(r.id.clone());
                }
            }
        }
        Ok(detection)
    }

    /// The error of a point whose run index is out of range.
    fn beyond(&self, file: &str, series: usize, point: usize) -> Error {
        let run = self.series[series].points[point].0;
        Error::parse_field(
            file,
            format!("series[{series}].points[{point}]"),
            format!("run index {run} is beyond the {} runs", self.runs.len()),
        )
    }

    /// The newest point of each series against the points before it (see the module doc).
    /// `change_points`: `Some` uses those (indices into the full series; an empty list is the
    /// plain window gate), `None` detects them when `options.rebaseline` is on.
    pub fn check_latest(
        &self,
        options: &CheckOptions,
        change_points: Option<&[ChangePointRef]>,
        file: &str,
    ) -> Result<Vec<CheckReport>> {
        options.validate()?;
        // Series by the run index of their newest point, newest run first.
        let mut by_run: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, s) in self.series.iter().enumerate() {
            if let Some(k) = s.points.iter().position(|p| p.0 >= self.runs.len()) {
                return Err(self.beyond(file, i, k));
            }
            if let Some(&(run, _)) = s.points.last() {
                by_run.entry(run).or_default().push(i);
            }
        }
        let mut reports = Vec::with_capacity(by_run.len());
        for (&run, members) in by_run.iter().rev() {
            let mut candidate = self.candidate(run);
            let mut history = Vec::with_capacity(members.len());
            for &i in members {
                let s = &self.series[i];
                let Some((&(_, newest), older)) = s.points.split_last() else {
                    continue;
                };
                // The gate reads only the values and the branches of the baseline.
                let points = older
                    .iter()
                    .map(|&(r, value)| Point {
                        branch: self.runs[r].branch.clone(),
                        ..Point::value(value)
                    })
                    .collect();
                let s = Series {
                    name: s.name.clone(),
                    metric: s.metric.clone(),
                    unit: s.unit.clone(),
                    direction: s.direction,
                    group: s.group.clone(),
                    points,
                };
                push_measurement(&mut candidate, &s, newest);
                history.push(s);
            }
            // Given change points must lie inside the shortened series.
            let given: Option<Vec<ChangePointRef>> = change_points.map(|cps| {
                cps.iter()
                    .filter(|c| {
                        history.iter().any(|h| {
                            h.name == c.name && h.metric == c.metric && c.index < h.points.len()
                        })
                    })
                    .cloned()
                    .collect()
            });
            reports.push(check_with(&candidate, &history, options, given.as_deref())?);
        }
        Ok(reports)
    }

    /// Run `index` as a candidate without benchmarks (the caller checked the index).
    fn candidate(&self, index: usize) -> Run {
        let r = &self.runs[index];
        let mut run = Run::new(&r.format);
        run.id.clone_from(&r.id);
        run.commit.clone_from(&r.commit);
        run.branch.clone_from(&r.branch);
        run.time = Some(r.time.clone());
        run
    }
}

/// Add `s`'s metric with `value` to the candidate's benchmark of the same name and group.
fn push_measurement(run: &mut Run, s: &Series, value: f64) {
    let kind = match s.metric.as_str() {
        "time" => MetricKind::Time,
        "throughput" => MetricKind::Throughput,
        _ => MetricKind::Other,
    };
    let m = Measurement {
        metric: Metric {
            name: s.metric.clone(),
            unit: s.unit.clone(),
            kind,
            direction: s.direction,
        },
        summary: Summary::single(value),
        samples: Vec::new(),
    };
    match run
        .benchmarks
        .iter_mut()
        .find(|b| b.name == s.name && b.group == s.group)
    {
        Some(b) => b.measurements.push(m),
        None => {
            let mut b = Benchmark::new(s.name.clone());
            b.group.clone_from(&s.group);
            b.measurements.push(m);
            run.benchmarks.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Verdict;
    use crate::history::export::{BundleRun, BundleSeries};
    use crate::model::Direction;

    fn bundle(values: &[f64]) -> Bundle {
        let runs = (0..values.len())
            .map(|i| BundleRun {
                id: format!("run{i}"),
                commit: Some(format!("c{i}")),
                branch: Some("main".into()),
                time: format!("2026-01-{:02}T00:00:00.000Z", i % 28 + 1),
                environment: "e".into(),
                format: "t".into(),
            })
            .collect();
        let series = vec![BundleSeries {
            name: "a".into(),
            group: None,
            metric: "time".into(),
            unit: "ns".into(),
            direction: Direction::LowerIsBetter,
            points: values.iter().copied().enumerate().collect(),
            spread: None,
        }];
        Bundle {
            version: 1,
            runs,
            series,
        }
    }

    fn noisy(n: usize, level: f64) -> Vec<f64> {
        (0..n)
            .map(|i| level * (1.0 + [0.004, -0.003, 0.001, -0.002, 0.003][i % 5]))
            .collect()
    }

    #[test]
    fn series_carry_their_runs() {
        let b = bundle(&[1.0, 2.0]);
        let s = b.to_series("b.json").unwrap();
        assert_eq!(s[0].values(), [1.0, 2.0]);
        assert_eq!(s[0].points[1].commit.as_deref(), Some("c1"));
        assert_eq!(s[0].points[1].run_id.as_deref(), Some("run1"));
        let mut bad = b;
        bad.series[0].points[1].0 = 7;
        let e = bad.to_series("b.json").unwrap_err();
        assert_eq!(e.code(), "parse-error");
        assert!(e.to_string().contains("series[0].points[1]"), "{e}");
    }

    #[test]
    fn detect_names_the_runs_of_its_change_points() {
        let mut values = noisy(20, 100.0);
        values.extend(noisy(20, 130.0));
        let b = bundle(&values);
        let d = b.detect(&DetectOptions::default(), "b.json").unwrap();
        let plain = detect(&b.to_series("b.json").unwrap(), &DetectOptions::default()).unwrap();
        assert_eq!(d, plain);
        let cp = &d.series[0].change_points[0];
        assert_eq!(cp.index, 20);
        assert_eq!(cp.commit.as_deref(), Some("c20"));
        assert_eq!(cp.run_id.as_deref(), Some("run20"));
        let mut bad = b;
        bad.series[0].points[3].0 = 99;
        let e = bad.detect(&DetectOptions::default(), "b.json").unwrap_err();
        assert!(e.to_string().contains("series[0].points[3]"), "{e}");
    }

    #[test]
    fn the_newest_point_is_judged_against_the_ones_before() {
        let mut values = noisy(30, 100.0);
        values.push(130.0);
        let reports = bundle(&values)
            .check_latest(&CheckOptions::default(), None, "b.json")
            .unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].candidate.id, "run30");
        let row = &reports[0].benchmarks[0];
        assert_eq!(row.result.verdict, Verdict::Regressed);
        assert_eq!(row.baseline_last, Some(29));
        // The same value within the noise is unchanged.
        let mut same = noisy(30, 100.0);
        same.push(100.1);
        let r = bundle(&same)
            .check_latest(&CheckOptions::default(), None, "b.json")
            .unwrap();
        assert_eq!(r[0].benchmarks[0].result.verdict, Verdict::Unchanged);
    }

    #[test]
    fn given_change_points_rebaseline_and_out_of_range_ones_are_dropped() {
        // A step at 20: with the change point given, the baseline starts there.
        let mut values = noisy(20, 100.0);
        values.extend(noisy(12, 120.0));
        let refs = [
            ChangePointRef {
                name: "a".into(),
                metric: "time".into(),
                index: 20,
            },
            ChangePointRef {
                name: "a".into(),
                metric: "time".into(),
                index: 31, // the candidate itself: not inside the history
            },
        ];
        let r = bundle(&values)
            .check_latest(&CheckOptions::default(), Some(&refs), "b.json")
            .unwrap();
        let row = &r[0].benchmarks[0];
        assert_eq!(row.last_change, Some(20));
        assert_eq!(row.baseline_first, Some(20));
        assert_eq!(row.result.verdict, Verdict::Unchanged);
        // Without any change point the old level is in the window: not unchanged.
        let plain = bundle(&values)
            .check_latest(&CheckOptions::default(), Some(&[]), "b.json")
            .unwrap();
        assert_eq!(plain[0].benchmarks[0].last_change, None);
        assert_eq!(plain[0].benchmarks[0].result.verdict, Verdict::Regressed);
    }

    #[test]
    fn one_report_per_newest_run() {
        let mut b = bundle(&noisy(12, 100.0));
        let mut other = b.series[0].clone();
        other.name = "b".into();
        other.points.truncate(8);
        b.series.push(other);
        let r = b
            .check_latest(&CheckOptions::default(), None, "b.json")
            .unwrap();
        let ids: Vec<&str> = r.iter().map(|x| x.candidate.id.as_str()).collect();
        assert_eq!(ids, ["run11", "run7"]);
        assert_eq!(r[1].benchmarks[0].name, "b");
    }
}
