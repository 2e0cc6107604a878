//! Runs → [`Series`]: one series per (benchmark, group, metric, unit), points in the order of
//! the runs given (pass history order, see `sort_runs`), the point's value being
//! [`typical_value`] of the measurement. A run without the benchmark, or whose measurement has
//! no usable value, contributes no point. Series come out sorted by name, then group, metric
//! and unit.
//!
//! Keying by unit as well keeps a benchmark whose unit changed between runs (a tool upgrade,
//! a hand-edited import) from mixing incomparable numbers in one line. Cost: O(total
//! measurements): a measurement at the same position as in the previous run, with the same
//! key, skips the hash lookup; plus the sort of the series.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::compare::glob_match;
use crate::error::{Error, Result};
use crate::model::{Measurement, Run};
use crate::series::{typical_value, Point, Series};

/// Which series to build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeriesOptions {
    /// Only benchmarks whose name matches this glob (`*`, `?`, `[...]`; see
    /// [`crate::glob_match`]).
    pub benchmark: Option<String>,
    /// Only this metric (`time`, `throughput`, …).
    pub metric: Option<String>,
    /// Copy each run's raw samples into its point (default true; runs loaded without samples
    /// have none to copy).
    pub samples: bool,
    /// [`crate::export`] only: add each series' `spread`, the interquartile range of every
    /// point's raw samples (default false; needs runs loaded with samples).
    pub spread: bool,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            benchmark: None,
            metric: None,
            samples: true,
            spread: false,
        }
    }
}

impl SeriesOptions {
    /// Check the options.
    pub fn validate(&self) -> Result<()> {
        if self.benchmark.as_deref() == Some("") {
            return Err(Error::option(
                "benchmark",
                "an empty pattern matches nothing",
            ));
        }
        if self.metric.as_deref() == Some("") {
            return Err(Error::option("metric", "must not be empty"));
        }
        Ok(())
    }
}

type Key<'a> = (&'a str, Option<&'a str>, &'a str, &'a str);

/// One series before its points are built: the series (no points yet) and, per point, the
/// index of its run, the measurement and its typical value.
pub(crate) struct Grouped<'a> {
    pub series: Series,
    pub points: Vec<(usize, &'a Measurement, f64)>,
}

/// Group the measurements of `runs` into series (see the module doc); `export` uses this
/// directly and never builds [`Point`]s.
pub(crate) fn group<'a>(runs: &[&'a Run], options: &SeriesOptions) -> Result<Vec<Grouped<'a>>> {
    options.validate()?;
    let mut index: HashMap<Key<'a>, usize> = HashMap::new();
    let mut out: Vec<Grouped<'a>> = Vec::new();
    // Whether a benchmark name passes the glob, computed once per name.
    let mut wanted: HashMap<&'a str, bool> = HashMap::new();
    // Runs of one suite list their benchmarks in the same order: remember which series the
    // k-th measurement of the previous run went to, and hash only when the key differs.
    let mut by_position: Vec<(Key<'a>, usize)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let mut k = 0;
        for b in &run.benchmarks {
            if let Some(pattern) = options.benchmark.as_deref() {
                let name = b.name.as_str();
                if !*wanted
                    .entry(name)
                    .or_insert_with(|| glob_match(pattern, name))
                {
                    continue;
                }
            }
            for m in &b.measurements {
                if options.metric.as_ref().is_some_and(|x| *x != m.metric.name) {
                    continue;
                }
                let Some(value) = typical_value(m) else {
                    continue;
                };
                let key = (
                    b.name.as_str(),
                    b.group.as_deref(),
                    m.metric.name.as_str(),
                    m.metric.unit.as_str(),
                );
                let i = match by_position.get(k) {
                    Some((cached, i)) if *cached == key => *i,
                    _ => {
                        let i = *index.entry(key).or_insert_with(|| {
                            out.push(Grouped {
                                series: Series {
                                    name: b.name.clone(),
                                    metric: m.metric.name.clone(),
                                    unit: m.metric.unit.clone(),
                                    direction: m.metric.direction,
                                    group: b.group.clone(),
                                    points: Vec::new(),
                                },
                                points: Vec::new(),
                            });
                            out.len() - 1
                        });
                        if k < by_position.len() {
                            by_position[k] = (key, i);
                        } else {
                            by_position.push((key, i));
                        }
                        i
                    }
                };
                k += 1;
                out[i].points.push((r, m, value));
            }
        }
    }
    out.sort_by(|a, b| {
        let (a, b) = (&a.series, &b.series);
        (&a.name, &a.group, &a.metric, &a.unit).cmp(&(&b.name, &b.group, &b.metric, &b.unit))
    });
    Ok(out)
}

/// Build the series of `runs` (see the module doc).
pub fn series<'a>(
    runs: impl IntoIterator<Item = &'a Run>,
    options: &SeriesOptions,
) -> Result<Vec<Series>> {
    let runs: Vec<&Run> = runs.into_iter().collect();
    let grouped = group(&runs, options)?;
    Ok(grouped
        .into_iter()
        .map(|g| {
            let mut s = g.series;
            s.points = g
                .points
                .into_iter()
                .map(|(r, m, value)| {
                    let run = runs[r];
                    Point {
                        run_id: Some(run.id.clone()),
                        commit: run.commit.clone(),
                        branch: run.branch.clone(),
                        time: run.time.clone(),
                        value,
                        samples: if options.samples {
                            m.samples.clone()
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect();
            s
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Benchmark, Measurement, Metric};

    fn run(commit: &str, values: &[(&str, f64)]) -> Run {
        let mut r = Run::new("t");
        r.commit = Some(commit.into());
        for (name, v) in values {
            let mut b = Benchmark::new(*name);
            b.measurements.push(Measurement::from_samples(
                Metric::time(),
                vec![*v, *v + 2.0],
            ));
            r.benchmarks.push(b);
        }
        r.finalize("t").unwrap()
    }

    #[test]
    fn points_follow_run_order_and_skip_missing_benchmarks() {
        let runs = [
            run("c1", &[("b", 10.0), ("a", 1.0)]),
            run("c2", &[("a", 2.0)]),
            run("c3", &[("a", 3.0), ("b", 30.0)]),
        ];
        let s = series(&runs, &SeriesOptions::default()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "a");
        assert_eq!(s[0].values(), vec![2.0, 3.0, 4.0]);
        assert_eq!(s[1].values(), vec![11.0, 31.0]);
        let commits: Vec<_> = s[1].points.iter().map(|p| p.commit.clone()).collect();
        assert_eq!(commits, vec![Some("c1".into()), Some("c3".into())]);
        assert_eq!(s[0].points[0].samples, vec![1.0, 3.0]);
    }

    #[test]
    fn filters_by_glob_and_metric_and_can_drop_samples() {
        let runs = [run("c1", &[("fib/10", 1.0), ("sort", 5.0)])];
        let o = SeriesOptions {
            benchmark: Some("fib/*".into()),
            samples: false,
            ..SeriesOptions::default()
        };
        let s = series(&runs, &o).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].points[0].samples.is_empty());
        let o = SeriesOptions {
            metric: Some("throughput".into()),
            ..SeriesOptions::default()
        };
        assert!(series(&runs, &o).unwrap().is_empty());
        let bad = SeriesOptions {
            metric: Some(String::new()),
            ..SeriesOptions::default()
        };
        assert_eq!(series(&runs, &bad).unwrap_err().code(), "invalid-options");
    }

    #[test]
    fn a_changed_unit_starts_a_new_series() {
        let mut r2 = run("c2", &[("a", 2.0)]);
        r2.benchmarks[0].measurements[0].metric.unit = "us".into();
        let runs = [run("c1", &[("a", 1.0)]), r2];
        let s = series(&runs, &SeriesOptions::default()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].unit.as_str(), s[1].unit.as_str()), ("ns", "us"));
    }
}
