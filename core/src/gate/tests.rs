//! Window tests end to end through [`window_test`]: direction, modes, degenerate input.

use super::*;
use crate::model::Direction;

fn series(values: &[f64], direction: Direction) -> Series {
    Series {
        name: "b".into(),
        metric: "time".into(),
        unit: "ns".into(),
        direction,
        group: None,
        points: values.iter().map(|v| Point::value(*v)).collect(),
    }
}

fn with_samples(mut s: Series, samples: &[&[f64]]) -> Series {
    for (p, x) in s.points.iter_mut().zip(samples) {
        p.samples = x.to_vec();
    }
    s
}

const FLAT8: [f64; 8] = [100.0, 101.0, 99.0, 100.0, 102.0, 98.0, 100.0, 101.0];
/// FLAT8 and its mirror image around 100, then FLAT8 again.
const FLAT: [f64; 24] = [
    100.0, 101.0, 99.0, 100.0, 102.0, 98.0, 100.0, 101.0, 100.0, 99.0, 101.0, 100.0, 98.0, 102.0,
    100.0, 99.0, 100.0, 101.0, 99.0, 100.0, 102.0, 98.0, 100.0, 101.0,
];

#[test]
fn an_increase_is_a_regression_for_time_and_an_improvement_for_throughput() {
    let o = CheckOptions::default();
    let r = window_test(
        &series(&FLAT, Direction::LowerIsBetter),
        &Point::value(130.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Regressed, "{}", r.reason);
    assert!(r.reason.contains("above the upper bound"), "{}", r.reason);
    assert!(r.reason.contains("+30.0%"), "{}", r.reason);
    let r = window_test(
        &series(&FLAT, Direction::HigherIsBetter),
        &Point::value(130.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Improved, "{}", r.reason);
    let r = window_test(
        &series(&FLAT, Direction::HigherIsBetter),
        &Point::value(70.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Regressed, "{}", r.reason);
    assert!(r.reason.contains("below the lower bound"), "{}", r.reason);
    let r = window_test(
        &series(&FLAT, Direction::LowerIsBetter),
        &Point::value(100.5),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Unchanged, "{}", r.reason);
    assert!(r.reason.contains("is within ["), "{}", r.reason);
}

#[test]
fn robust_t_test_bounds_by_hand() {
    // FLAT sorted: 98 99 100 100 100 101 101 102 → median 100; |dev| 2 1 0 0 0 1 1 2 →
    // MAD 1 → spread 1.4826. n = 8: ν = 0.3675·7 = 2.5725, factor √(1 + π/16) = 1.09379;
    // boundary 0.99: t(2.5725, 0.99) ≈ 5.25 (between t(2) = 6.965 and t(3) = 4.541).
    let o = CheckOptions {
        boundary: Some(0.99),
        ..CheckOptions::default()
    };
    let r = window_test(
        &series(&FLAT8, Direction::LowerIsBetter),
        &Point::value(100.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.baseline_center, Some(100.0));
    assert!((r.baseline_spread.unwrap() - 1.4826).abs() < 1e-12);
    let half = r.upper.unwrap() - 100.0;
    let t = half / (1.4826 * (1.0 + std::f64::consts::PI / 16.0).sqrt());
    assert!(t > 4.541 && t < 6.965, "t = {t}");
    assert!((r.lower.unwrap() - (100.0 - half)).abs() < 1e-9);
    assert_eq!(r.n, 8);
}

#[test]
fn too_few_points_and_empty_windows_are_inconclusive() {
    let o = CheckOptions::default();
    let r = window_test(
        &series(&[], Direction::LowerIsBetter),
        &Point::value(1.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert_eq!(r.reason, "no baseline runs");
    let r = window_test(
        &series(&[1.0, 2.0, 3.0], Direction::LowerIsBetter),
        &Point::value(100.0),
        &o,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert!(
        r.reason
            .contains("only 3 runs in the baseline; at least 5 are needed"),
        "{}",
        r.reason
    );
}

#[test]
fn nan_and_bad_options_are_typed_errors() {
    let o = CheckOptions::default();
    let e = window_test(
        &series(&[1.0, f64::NAN], Direction::LowerIsBetter),
        &Point::value(1.0),
        &o,
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid-input");
    assert_eq!(e.info().field.as_deref(), Some("b.values[1]"));
    let e = window_test(
        &series(&FLAT, Direction::LowerIsBetter),
        &Point::value(f64::INFINITY),
        &o,
    )
    .unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("candidate.value"));
    let bad = CheckOptions {
        boundary: Some(2.0),
        ..CheckOptions::default()
    };
    let e = window_test(
        &series(&FLAT, Direction::LowerIsBetter),
        &Point::value(1.0),
        &bad,
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid-options");
}

#[test]
fn samples_mode_pools_the_window_and_takes_the_candidate_median() {
    // 5 runs of 4 samples: pooled 20 values around 100 ± 4.
    let s = with_samples(
        series(&[100.0; 5], Direction::LowerIsBetter),
        &[&[96.0, 100.0, 104.0, 100.0][..]; 5],
    );
    let o = CheckOptions {
        mode: GateMode::Samples,
        ..CheckOptions::default()
    };
    // The candidate's typical value says 100 but its samples' median is 150: samples mode
    // judges the samples.
    let cand = Point {
        samples: vec![149.0, 150.0, 151.0],
        ..Point::value(100.0)
    };
    let r = window_test(&s, &cand, &o).unwrap();
    assert_eq!(r.mode, Some(GateMode::Samples));
    assert_eq!((r.n, r.n_samples, r.value), (5, Some(20), Some(150.0)));
    assert_eq!(r.verdict, Verdict::Regressed, "{}", r.reason);
    assert!(r.reason.contains("the candidate's median"), "{}", r.reason);
    assert!(
        r.reason.contains("of 20 samples from 5 runs"),
        "{}",
        r.reason
    );
    // A candidate without samples cannot be judged in samples mode.
    let r = window_test(&s, &Point::value(150.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert!(r.reason.contains("no raw samples"), "{}", r.reason);
    // Window runs without samples do not count.
    let bare = series(&[100.0; 5], Direction::LowerIsBetter);
    let r = window_test(&bare, &cand, &o).unwrap();
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert_eq!(r.reason, "no baseline runs with raw samples");
    // Auto mode uses values.
    let r = window_test(&s, &cand, &CheckOptions::default()).unwrap();
    assert_eq!((r.mode, r.value), (Some(GateMode::Values), Some(100.0)));
}

#[test]
fn constant_windows_flag_any_change_unless_min_change_says_otherwise() {
    let s = series(&[1000.0; 6], Direction::LowerIsBetter);
    let o = CheckOptions::default();
    let r = window_test(&s, &Point::value(1001.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Regressed, "{}", r.reason);
    assert_eq!((r.lower, r.upper), (Some(1000.0), Some(1000.0)));
    let r = window_test(&s, &Point::value(1000.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Unchanged, "{}", r.reason);
    let o = CheckOptions {
        min_change: 0.01,
        ..CheckOptions::default()
    };
    let r = window_test(&s, &Point::value(1001.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Unchanged, "{}", r.reason);
    assert!(r.reason.contains("less than min_change 1%"), "{}", r.reason);
    let r = window_test(&s, &Point::value(1020.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Regressed);
}

#[test]
fn static_needs_no_history_and_one_sided_limits_read_right() {
    let o = CheckOptions {
        test: GateTest::Static,
        upper_limit: Some(200.0),
        ..CheckOptions::default()
    };
    let empty = series(&[], Direction::LowerIsBetter);
    let r = window_test(&empty, &Point::value(250.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Regressed, "{}", r.reason);
    assert_eq!(r.relative_change, None);
    let r = window_test(&empty, &Point::value(150.0), &o).unwrap();
    assert_eq!(r.verdict, Verdict::Unchanged);
    assert!(
        r.reason
            .starts_with("150 ns is not above the upper bound 200 ns"),
        "{}",
        r.reason
    );
}

#[test]
fn every_test_runs_on_the_same_window() {
    for test in [
        GateTest::Percentage,
        GateTest::ZScore,
        GateTest::TTest,
        GateTest::Iqr,
        GateTest::DeltaIqr,
    ] {
        let o = CheckOptions {
            test,
            ..CheckOptions::default()
        };
        let s = series(&FLAT, Direction::LowerIsBetter);
        let up = window_test(&s, &Point::value(200.0), &o).unwrap();
        assert_eq!(up.verdict, Verdict::Regressed, "{test:?}: {}", up.reason);
        assert!(up.reason.contains(test.name()), "{test:?}: {}", up.reason);
        let same = window_test(&s, &Point::value(100.0), &o).unwrap();
        assert_eq!(
            same.verdict,
            Verdict::Unchanged,
            "{test:?}: {}",
            same.reason
        );
        let lo = up.lower.unwrap();
        let hi = up.upper.unwrap();
        assert!(
            lo < 100.0 && hi > 100.0 && hi < 200.0,
            "{test:?}: [{lo}, {hi}]"
        );
    }
}

#[test]
fn window_keeps_the_most_recent_points() {
    // The old level (10) is outside a window of 5.
    let mut v = vec![10.0; 20];
    v.extend([100.0, 101.0, 99.0, 100.0, 100.0]);
    let o = CheckOptions {
        window: 5,
        ..CheckOptions::default()
    };
    let r = window_test(
        &series(&v, Direction::LowerIsBetter),
        &Point::value(100.0),
        &o,
    )
    .unwrap();
    assert_eq!((r.n, r.baseline_center), (5, Some(100.0)));
}
