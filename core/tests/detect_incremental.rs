//! `Detector`: appending runs one at a time gives exactly the batch result over the same
//! runs, while reusing earlier work.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use benchcore::{detect_changepoints, DetectOptions, Detector, Method, Point, Series};
use support::simulate::{simulate, Noise, Scenario};

fn history(noise: Noise, len: usize, seed: u64) -> Series {
    simulate(
        &Scenario {
            noise,
            cv: 0.03,
            step: 0.15,
            len: (len, len),
        },
        seed,
    )
    .series
}

fn prefix(s: &Series, n: usize) -> Series {
    Series {
        points: s.points[..n].to_vec(),
        ..s.clone()
    }
}

/// Push every run, asking for change points after each; compare with a batch run every
/// `every` runs and at the end.
fn incremental_equals_batch(options: &DetectOptions, series: &Series, every: usize) {
    let mut d = Detector::new(&prefix(series, 0), options).unwrap();
    let mut found_any = false;
    for (i, p) in series.points.iter().enumerate() {
        d.push(p).unwrap();
        let got = d.change_points();
        let n = i + 1;
        if n % every == 0 || n == series.points.len() {
            let want = detect_changepoints(&prefix(series, n), options).unwrap();
            assert_eq!(got, want, "{} after {n} runs, {options:?}", series.name);
            found_any |= !want.is_empty();
        }
    }
    assert!(
        found_any,
        "{}: the case should have change points",
        series.name
    );
}

#[test]
fn edivisive_incremental_equals_batch() {
    let o = DetectOptions::default();
    for (k, noise) in Noise::ALL.into_iter().enumerate() {
        incremental_equals_batch(&o, &history(noise, 220, 40 + k as u64), 11);
    }
    // Without outlier clipping and without serial correction too.
    let o = DetectOptions {
        outlier_threshold: 0.0,
        serial_correlation: false,
        ..DetectOptions::default()
    };
    incremental_equals_batch(&o, &history(Noise::Outliers, 160, 3), 7);
}

#[test]
fn pelt_incremental_equals_batch() {
    let default = DetectOptions {
        method: Method::Pelt,
        ..DetectOptions::default()
    };
    incremental_equals_batch(&default, &history(Noise::Gaussian, 200, 5), 9);
    // Fixed penalty and noise scale: one recursion step per run.
    let fixed = DetectOptions {
        penalty: Some(20.0),
        noise: Some(60.0),
        ..default
    };
    incremental_equals_batch(&fixed, &history(Noise::LogNormal, 200, 6), 1);
}

#[test]
fn appending_reuses_windows() {
    let s = history(Noise::Gaussian, 1000, 9);
    let o = DetectOptions::default();
    let mut d = Detector::new(&prefix(&s, 0), &o).unwrap();
    for p in &s.points {
        d.push(p).unwrap();
        d.change_points();
    }
    // From scratch after every run would search Σ n / 25 ≈ 20,000 windows.
    let searched = d.windows_searched();
    assert!(searched <= 3 * 1000, "{searched}");
    let batch = Detector::new(&s, &o).unwrap();
    assert_eq!(batch.windows_searched(), 0, "work happens on demand");
}

#[test]
fn a_bad_point_is_refused_and_changes_nothing() {
    let s = history(Noise::Gaussian, 100, 2);
    let mut d = Detector::new(&s, &DetectOptions::default()).unwrap();
    let before = d.change_points();
    let err = d.push(&Point::value(f64::NAN)).unwrap_err();
    assert_eq!(err.code(), "invalid-input");
    assert!(err.to_string().contains("values[100]"), "{err}");
    let bad_sample = Point {
        samples: vec![1.0, f64::INFINITY],
        ..Point::value(1.0)
    };
    assert!(d.push(&bad_sample).is_err());
    assert_eq!(d.len(), 100);
    assert_eq!(d.change_points(), before);
    assert!(!before.is_empty());
    assert!(before
        .iter()
        .all(|c| c.commit.as_deref() == Some(&format!("c{}", c.index)[..])));
}
