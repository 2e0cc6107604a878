//! The run invariants of [`Run::validate`], checked without allocating, for loading.
//!
//! `Run::validate` builds a field path (`benchmarks[3].measurements[0].summary.q3`) for every
//! value it checks, so that a failure can name it; over a history of 5,000 runs × 200
//! benchmarks that is millions of small strings, and it dominated loading (measured on the
//! generated history of `benches/history.rs`, one thread: 1.2–1.4 s of CPU with
//! `Run::validate`, 0.52 s with this check). Here the same rules run as plain comparisons, and
//! only a run that fails them is handed to `Run::validate` for the message. The check is at least as
//! strict as `Run::validate` (tests compare them), so what loads is exactly what
//! `Run::validate` accepts.

use std::collections::HashSet;

use crate::error::Result;
use crate::model::{Measurement, MetricKind, Run, Summary};

fn value_ok(v: f64, nonneg: bool) -> bool {
    v.is_finite() && !(nonneg && v < 0.0)
}

fn summary_ok(s: &Summary, nonneg: bool) -> bool {
    let Summary {
        n: _,
        mean,
        median,
        stddev,
        min,
        max,
        q1,
        q3,
    } = s;
    [mean, median, stddev, min, max, q1, q3]
        .into_iter()
        .all(|v| v.is_none_or(|v| value_ok(v, nonneg)))
}

fn measurement_ok(m: &Measurement) -> bool {
    let nonneg = matches!(
        m.metric.kind,
        MetricKind::Time | MetricKind::Memory | MetricKind::Count | MetricKind::Throughput
    );
    m.samples.iter().all(|&v| value_ok(v, nonneg))
        && summary_ok(&m.summary, nonneg)
        && !(m.samples.is_empty() && m.summary.mean.is_none() && m.summary.median.is_none())
}

fn run_ok(run: &Run) -> bool {
    let mut names: HashSet<&str> = HashSet::with_capacity(run.benchmarks.len());
    for b in &run.benchmarks {
        if b.name.is_empty() || !names.insert(b.name.as_str()) {
            return false;
        }
        for (j, m) in b.measurements.iter().enumerate() {
            let repeated = b.measurements[..j]
                .iter()
                .any(|o| o.metric.name == m.metric.name);
            if repeated || !measurement_ok(m) {
                return false;
            }
        }
    }
    true
}

/// `run.validate(file)`, fast when the run is valid.
pub(crate) fn validate(run: &Run, file: &str) -> Result<()> {
    if run_ok(run) {
        Ok(())
    } else {
        run.validate(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Benchmark, Metric};

    fn base() -> Run {
        let mut r = Run::new("t");
        let mut b = Benchmark::new("a");
        b.measurements
            .push(Measurement::from_samples(Metric::time(), vec![1.0, 2.0]));
        r.benchmarks.push(b);
        r
    }

    /// Every way to break a run: the fast check must refuse each one `Run::validate` refuses.
    #[test]
    fn refuses_whatever_run_validate_refuses() {
        type Breakage = Box<dyn Fn(&mut Run)>;
        let breakages: Vec<Breakage> = vec![
            Box::new(|r| r.benchmarks[0].name.clear()),
            Box::new(|r| r.benchmarks.push(r.benchmarks[0].clone())),
            Box::new(|r| {
                let m = r.benchmarks[0].measurements[0].clone();
                r.benchmarks[0].measurements.push(m);
            }),
            Box::new(|r| r.benchmarks[0].measurements[0].samples[1] = f64::NAN),
            Box::new(|r| r.benchmarks[0].measurements[0].samples[0] = -1.0),
            Box::new(|r| r.benchmarks[0].measurements[0].summary.q3 = Some(f64::INFINITY)),
            Box::new(|r| r.benchmarks[0].measurements[0].summary.stddev = Some(-0.5)),
            Box::new(|r| {
                let m = &mut r.benchmarks[0].measurements[0];
                m.samples.clear();
                m.summary.mean = None;
                m.summary.median = None;
            }),
        ];
        assert!(run_ok(&base()));
        assert!(validate(&base(), "f").is_ok());
        for (i, breakage) in breakages.iter().enumerate() {
            let mut r = base();
            breakage(&mut r);
            assert!(r.validate("f").is_err(), "case {i} is not a breakage");
            assert!(!run_ok(&r), "case {i} passed the fast check");
            assert_eq!(validate(&r, "f").unwrap_err(), r.validate("f").unwrap_err());
        }
        // Negative values are fine for kinds without a sign rule.
        let mut r = base();
        r.benchmarks[0].measurements[0].metric.kind = MetricKind::Other;
        r.benchmarks[0].measurements[0].samples[0] = -1.0;
        r.benchmarks[0].measurements[0].summary.min = Some(-1.0);
        assert!(run_ok(&r) && r.validate("f").is_ok());
    }
}
