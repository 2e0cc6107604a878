//! `check` and `backtest` on small synthetic histories: verdicts, baseline selection (change
//! points, branches, the candidate's own run), JSON shape and errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use benchcore::{
    backtest, check, AlarmDirection, Benchmark, CheckOptions, Direction, Estimator, GateMode,
    Measurement, Metric, Point, Run, Series, Summary, Verdict, CHECK_VERSION,
};

/// A gentle zig-zag around `level` (± 1%), `n` points.
fn flat(level: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| level * (1.0 + 0.01 * [0.0, 1.0, -1.0, 0.5, -0.5][i % 5]))
        .collect()
}

fn series(name: &str, metric: Metric, values: &[f64]) -> Series {
    Series {
        name: name.into(),
        metric: metric.name.clone(),
        unit: metric.unit.clone(),
        direction: metric.direction,
        group: None,
        points: values.iter().map(|v| Point::value(*v)).collect(),
    }
}

fn single(metric: Metric, v: f64) -> Measurement {
    Measurement {
        metric,
        summary: Summary::single(v),
        samples: Vec::new(),
    }
}

fn run(benches: Vec<(&str, Measurement)>) -> Run {
    let mut r = Run::new("test");
    for (name, m) in benches {
        let mut b = Benchmark::new(name);
        b.measurements.push(m);
        r.benchmarks.push(b);
    }
    r.finalize("candidate.json").unwrap()
}

fn verdicts(report: &benchcore::CheckReport) -> Vec<(String, Verdict)> {
    report
        .benchmarks
        .iter()
        .map(|r| (r.name.clone(), r.result.verdict))
        .collect()
}

#[test]
fn every_verdict_with_reasons_and_counts() {
    let history = vec![
        series("slow", Metric::time(), &flat(100.0, 30)),
        series("fast", Metric::time(), &flat(100.0, 30)),
        series("same", Metric::time(), &flat(100.0, 30)),
        series("short", Metric::time(), &flat(100.0, 3)),
        series("tput", Metric::throughput("elem/s"), &flat(1e6, 30)),
    ];
    let cand = run(vec![
        ("slow", single(Metric::time(), 130.0)),
        ("fast", single(Metric::time(), 70.0)),
        ("same", single(Metric::time(), 100.2)),
        ("short", single(Metric::time(), 500.0)),
        ("new", single(Metric::time(), 1.0)),
        ("tput", single(Metric::throughput("elem/s"), 0.7e6)),
    ]);
    let r = check(&cand, &history, &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(
        verdicts(&r),
        [
            ("slow".to_string(), Verdict::Regressed),
            ("fast".to_string(), Verdict::Improved),
            ("same".to_string(), Verdict::Unchanged),
            ("short".to_string(), Verdict::Inconclusive),
            ("new".to_string(), Verdict::Added),
            ("tput".to_string(), Verdict::Regressed),
        ]
    );
    let s = &r.summary;
    assert_eq!(
        (
            s.total,
            s.regressed,
            s.improved,
            s.unchanged,
            s.inconclusive,
            s.added
        ),
        (6, 2, 1, 1, 1, 1)
    );
    assert!(r.has_regressions());
    assert_eq!(r.version, CHECK_VERSION);
    let slow = &r.benchmarks[0];
    assert!(
        slow.result
            .reason
            .starts_with("130 ns is above the upper bound"),
        "{}",
        slow.result.reason
    );
    assert!(slow
        .result
        .reason
        .contains("+30.0% vs the baseline median 100 ns of 30 runs"));
    assert_eq!(
        (slow.baseline_first, slow.baseline_last),
        (Some(0), Some(29))
    );
    assert!(r.benchmarks[3].result.reason.contains("only 3 runs"));
    assert_eq!(
        r.benchmarks[4].result.reason,
        "no history for this benchmark and metric"
    );
    assert!(r.benchmarks[5]
        .result
        .reason
        .contains("below the lower bound"));
}

#[test]
fn json_shape_is_flat_snake_case_and_kebab_case() {
    let history = vec![series("a", Metric::time(), &flat(100.0, 10))];
    let cand = run(vec![("a", single(Metric::time(), 100.0))]);
    let r = check(&cand, &history, &CheckOptions::default(), |_| Some(2)).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["options"]["test"], "t-test");
    let row = &v["benchmarks"][0];
    for key in [
        "name",
        "group",
        "metric",
        "unit",
        "direction",
        "last_change",
        "baseline_first",
        "baseline_last",
        "test",
        "mode",
        "n",
        "n_samples",
        "baseline_center",
        "baseline_spread",
        "lower",
        "upper",
        "value",
        "relative_change",
        "verdict",
        "reason",
    ] {
        assert!(row.get(key).is_some(), "missing {key} in {row}");
    }
    assert_eq!(row["direction"], "lower-is-better");
    assert_eq!(row["mode"], "values");
    assert_eq!(row["verdict"], "unchanged");
    assert_eq!(row["last_change"], 2);
    assert_eq!(row["n"], 8);
    let back: benchcore::CheckReport = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}

#[test]
fn an_accepted_change_point_rebaselines() {
    // 20 runs at 100, then an intended slowdown to 150 for 10 runs; the candidate is at 150.
    let mut values = flat(100.0, 20);
    values.extend(flat(150.0, 10));
    let history = vec![series("a", Metric::time(), &values)];
    let cand = run(vec![("a", single(Metric::time(), 150.0))]);
    let plain = check(&cand, &history, &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(plain.benchmarks[0].result.verdict, Verdict::Regressed);
    let rebased = check(&cand, &history, &CheckOptions::default(), |s| {
        assert_eq!(s.name, "a");
        Some(20)
    })
    .unwrap();
    let row = &rebased.benchmarks[0];
    assert_eq!(
        row.result.verdict,
        Verdict::Unchanged,
        "{}",
        row.result.reason
    );
    assert_eq!((row.result.n, row.baseline_first), (10, Some(20)));
    assert!(row
        .result
        .reason
        .contains("since the change point at index 20"));
    // Too recent a change point: not enough runs at the new level yet.
    let early = check(&cand, &history, &CheckOptions::default(), |_| Some(27)).unwrap();
    assert_eq!(early.benchmarks[0].result.verdict, Verdict::Inconclusive);
    assert!(early.benchmarks[0]
        .result
        .reason
        .contains("only 3 runs since the change point at index 27"));
    // A change point beyond the series is the caller's bug: a typed error.
    let e = check(&cand, &history, &CheckOptions::default(), |_| Some(31)).unwrap_err();
    assert_eq!(e.code(), "invalid-input");
    assert!(e.to_string().contains("last_change(a/time)"), "{e}");
}

fn on_branch(v: f64, branch: &str, run_id: &str) -> Point {
    Point {
        branch: Some(branch.into()),
        run_id: Some(run_id.into()),
        ..Point::value(v)
    }
}

#[test]
fn baseline_branch_and_the_candidates_own_run() {
    // main sits at 100, a feature branch already at 200.
    let mut points: Vec<Point> = flat(100.0, 10)
        .into_iter()
        .enumerate()
        .map(|(i, v)| on_branch(v, "main", &format!("m{i}")))
        .collect();
    points.extend(
        flat(200.0, 10)
            .into_iter()
            .enumerate()
            .map(|(i, v)| on_branch(v, "feat", &format!("f{i}"))),
    );
    let mut s = series("a", Metric::time(), &[]);
    s.points = points;
    let mut cand = run(vec![("a", single(Metric::time(), 200.0))]);
    cand.branch = Some("feat".into());
    // By default the candidate's own branch: unchanged against feat's history.
    let r = check(
        &cand,
        std::slice::from_ref(&s),
        &CheckOptions::default(),
        |_| None,
    )
    .unwrap();
    assert_eq!(r.benchmarks[0].result.verdict, Verdict::Unchanged);
    assert!(r.benchmarks[0].result.reason.contains("on branch feat"));
    // Against the branch the pull request targets: regressed.
    let o = CheckOptions {
        baseline_branch: Some("main".into()),
        ..CheckOptions::default()
    };
    let r = check(&cand, std::slice::from_ref(&s), &o, |_| None).unwrap();
    assert_eq!(r.benchmarks[0].result.verdict, Verdict::Regressed);
    assert_eq!(r.benchmarks[0].baseline_last, Some(9));
    // A point from the candidate's own run never enters its baseline.
    let mut own = s.clone();
    own.points = (0..5)
        .map(|i| on_branch(100.0 + i as f64, "feat", &format!("x{i}")))
        .chain(std::iter::once(on_branch(200.0, "feat", &cand.id)))
        .collect();
    let r = check(&cand, &[own], &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(r.benchmarks[0].result.n, 5);
    assert_eq!(r.benchmarks[0].baseline_last, Some(4));
}

#[test]
fn one_wild_run_in_the_window_blinds_the_classic_estimator_not_the_robust_one() {
    // 29 quiet runs and one 3× spike (a reverted accident); the candidate is 20% slower.
    let mut values = flat(100.0, 29);
    values.insert(10, 300.0);
    let history = vec![series("a", Metric::time(), &values)];
    let cand = run(vec![("a", single(Metric::time(), 120.0))]);
    let robust = check(&cand, &history, &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(robust.benchmarks[0].result.verdict, Verdict::Regressed);
    let classic = CheckOptions {
        estimator: Estimator::Classic,
        ..CheckOptions::default()
    };
    let blind = check(&cand, &history, &classic, |_| None).unwrap();
    assert_eq!(blind.benchmarks[0].result.verdict, Verdict::Unchanged);
}

#[test]
fn samples_mode_in_a_check() {
    let mut s = series("a", Metric::time(), &flat(100.0, 10));
    for p in &mut s.points {
        p.samples = vec![p.value - 2.0, p.value, p.value + 2.0];
    }
    let cand = run(vec![(
        "a",
        Measurement::from_samples(Metric::time(), vec![139.0, 140.0, 141.0]),
    )]);
    let o = CheckOptions {
        mode: GateMode::Samples,
        ..CheckOptions::default()
    };
    let r = check(&cand, &[s], &o, |_| None).unwrap();
    let row = &r.benchmarks[0].result;
    assert_eq!(
        (row.mode, row.n_samples),
        (Some(GateMode::Samples), Some(30))
    );
    assert_eq!(row.verdict, Verdict::Regressed, "{}", row.reason);
}

#[test]
fn bad_history_and_options_are_typed_errors() {
    let cand = run(vec![("a", single(Metric::time(), 1.0))]);
    let mut bad = series("a", Metric::time(), &flat(100.0, 6));
    bad.points[3].value = f64::NAN;
    let e = check(&cand, &[bad], &CheckOptions::default(), |_| None).unwrap_err();
    assert_eq!(e.code(), "invalid-input");
    assert_eq!(e.info().field.as_deref(), Some("a.values[3]"));
    let o = CheckOptions {
        window: 0,
        ..CheckOptions::default()
    };
    assert_eq!(
        check(&cand, &[], &o, |_| None).unwrap_err().code(),
        "invalid-options"
    );
    // No history at all: every benchmark is added, with a warning.
    let r = check(&cand, &[], &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(r.summary.added, 1);
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    // An empty candidate: an empty report.
    let empty = run(Vec::new());
    let r = check(&empty, &[], &CheckOptions::default(), |_| None).unwrap();
    assert_eq!((r.summary.total, r.warnings.len()), (0, 0));
}

#[test]
fn backtest_replays_with_change_points_from_each_prefix() {
    // 15 runs at 100, a step to 130 at index 15, 10 more runs at 130.
    let mut values = flat(100.0, 15);
    values.extend(flat(130.0, 10));
    let s = series("a", Metric::time(), &values);
    // Plain window gate: the step alarms at 15 and keeps alarming while the old level
    // dominates the window's median.
    let plain = backtest(&s, &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(plain[0].index, 15);
    assert_eq!(plain[0].direction, AlarmDirection::Regression);
    assert!(plain.len() > 1);
    assert!(plain.iter().all(|a| a.index >= 15));
    // With the step accepted once detected (visible from prefixes longer than 15): one alarm.
    let seen = std::cell::RefCell::new(Vec::new());
    let accepted = backtest(&s, &CheckOptions::default(), |prefix| {
        seen.borrow_mut().push(prefix.len());
        (prefix.len() > 15).then_some(15)
    })
    .unwrap();
    assert_eq!(accepted.len(), 1, "{accepted:?}");
    assert_eq!(accepted[0].index, 15);
    assert_eq!(accepted[0].last_change, None);
    assert_eq!(*seen.borrow(), (0..25).collect::<Vec<_>>());
    let v = serde_json::to_value(&accepted[0]).unwrap();
    assert_eq!(v["direction"], "regression");
    assert_eq!(v["verdict"], "regressed");
    assert_eq!(v["baseline_first"], 0);
    // Throughput: a drop is the regression.
    let mut t = s.clone();
    t.direction = Direction::HigherIsBetter;
    let a = backtest(&t, &CheckOptions::default(), |_| None).unwrap();
    assert_eq!(a[0].direction, AlarmDirection::Improvement);
    // A prefix function pointing past its prefix is an error.
    let e = backtest(&s, &CheckOptions::default(), |p| Some(p.len() + 1)).unwrap_err();
    assert!(e.to_string().contains("last_change(points[..0])"), "{e}");
}
