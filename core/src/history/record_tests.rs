//! Tests of the summary record and its sidecar: exact round trips, filters, damage named.

use super::super::sidecar::{attach_samples, encode_sidecar};
use super::*;
use crate::model::MetricKind;

fn sample_run() -> Run {
    let mut run = Run::new("criterion");
    run.commit = Some("abc".into());
    run.environment.extra.insert("rustc".into(), "1.95".into());
    let mut a = Benchmark::new("fib/10");
    a.group = Some("fib".into());
    a.params.insert("n".into(), Value::from(10));
    a.measurements.push(Measurement::from_samples(
        Metric::time(),
        vec![3.0, 1.0, 2.0],
    ));
    a.measurements.push(Measurement {
        metric: Metric::throughput("B/s"),
        summary: Summary::single(5.5),
        samples: Vec::new(),
    });
    let mut b = Benchmark::new("sort");
    b.measurements.push(Measurement {
        metric: Metric::time(),
        summary: Summary {
            median: Some(0.25),
            ..Summary::default()
        },
        samples: vec![0.25],
    });
    run.benchmarks = vec![a, b];
    run.finalize("t").unwrap()
}

fn all(_: &Run, _: &str) -> bool {
    true
}

#[test]
fn round_trips_exactly_with_and_without_samples() {
    let run = sample_run();
    let enc = encode(&run, "2026-01-01T00:00:00Z").unwrap();
    let text = String::from_utf8(enc.record.clone()).unwrap();
    assert!(text.starts_with(r#"{"version":1,"added_at":"2026-01-01T00:00:00Z","run":{"#));
    assert!(!text.contains('\n'));
    let d = decode("f", &run.id, &enc.record, None).unwrap().unwrap();
    let filtered = decode("f", &run.id, &enc.record, Some(&all))
        .unwrap()
        .unwrap();
    assert_eq!(d, filtered);
    assert_eq!(d.samples, 4);
    let mut without = run.clone();
    for m in without
        .benchmarks
        .iter_mut()
        .flat_map(|b| &mut b.measurements)
    {
        m.samples.clear();
    }
    assert_eq!(d.run, without);
    let mut full = d.run;
    attach_samples("s", enc.sidecar.as_deref().unwrap(), &mut full, d.samples).unwrap();
    assert_eq!(full, run);
    assert_eq!(full.compute_id(), run.id);
}

#[test]
fn the_filter_sees_the_header_first() {
    let run = sample_run();
    let enc = encode(&run, "2026-01-01T00:00:00Z").unwrap();
    let none = decode(
        "f",
        &run.id,
        &enc.record,
        Some(&|r: &Run, _: &str| r.commit.is_none()),
    )
    .unwrap();
    assert!(none.is_none());
}

fn damaged(run: &Run, edit: impl Fn(&mut Value)) -> Error {
    let enc = encode(run, "2026-01-01T00:00:00Z").unwrap();
    let mut v: Value = serde_json::from_slice(&enc.record).unwrap();
    edit(&mut v);
    let bytes = serde_json::to_vec(&v).unwrap();
    let one_pass = decode("runs/x.json", &run.id, &bytes, None).unwrap_err();
    let two_pass = decode("runs/x.json", &run.id, &bytes, Some(&all)).unwrap_err();
    assert_eq!(one_pass, two_pass);
    one_pass
}

#[test]
fn damage_is_named() {
    let run = sample_run();
    let e = damaged(&run, |v| v["version"] = 2.into());
    assert_eq!(e.code(), "unsupported-version");
    assert!(
        e.to_string()
            .contains("runs/x.json: history record version 2"),
        "{e}"
    );
    let e = damaged(&run, |v| v["run"]["version"] = 9.into());
    assert!(e.to_string().contains("run version 9"), "{e}");
    let e = damaged(&run, |v| v["run"]["id"] = "0".repeat(32).into());
    assert_eq!(e.info().field.as_deref(), Some("run.id"));
    let e = damaged(&run, |v| v["benchmarks"][1]["m"][0][0] = 7.into());
    assert_eq!(e.info().field.as_deref(), Some("benchmarks[1].m[0]"));
    let e = damaged(&run, |v| v["summary"] = "AAAAAAAAAAA=".into());
    assert_eq!(e.info().field.as_deref(), Some("summary"));
    let e = damaged(&run, |v| v["benchmarks"][0]["name"] = 5.into());
    assert_eq!(e.info().field.as_deref(), Some("benchmarks[0].name"), "{e}");
    let e = damaged(&run, |v| v["added_at"] = "then".into());
    assert_eq!(e.info().field.as_deref(), Some("added_at"));
    let e = decode("runs/x.json", &run.id, b"{\"version\":1,\"added", None).unwrap_err();
    assert_eq!(e.code(), "parse-error");
    let e = decode("runs/x.json", &run.id, b"", None).unwrap_err();
    assert!(e.to_string().starts_with("runs/x.json"), "{e}");
}

#[test]
fn a_sidecar_that_does_not_fit_is_refused_and_leaves_no_samples() {
    let run = sample_run();
    let other = encode_sidecar(&run.id, vec![3, 0], &[1.0, 2.0, 3.0]).unwrap();
    let mut r = run.clone();
    let e = attach_samples("s.json", &other, &mut r, 3).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("lengths"));
    let negative = encode_sidecar(&run.id, vec![3, 0, 1], &[1.0, -2.0, 3.0, 0.5]).unwrap();
    let e = attach_samples("s.json", &negative, &mut r, 4).unwrap_err();
    assert!(e.to_string().contains("negative"), "{e}");
    assert!(r
        .benchmarks
        .iter()
        .all(|b| b.measurements.iter().all(|m| m.samples.is_empty())));
}

/// The record spells out Benchmark, Measurement and Summary field by field; a new field in
/// the model must fail here (and get a place in the record) rather than vanish from storage.
#[test]
fn the_record_covers_every_field_of_the_model() {
    let keys =
        |v: Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect::<Vec<_>>() };
    let b = Benchmark::new("x");
    assert_eq!(
        keys(serde_json::to_value(&b).unwrap()),
        ["extra", "group", "measurements", "name", "params"]
    );
    let m = Measurement {
        metric: Metric {
            name: "x".into(),
            unit: "u".into(),
            kind: MetricKind::Other,
            direction: crate::model::Direction::LowerIsBetter,
        },
        summary: Summary::default(),
        samples: Vec::new(),
    };
    assert_eq!(
        keys(serde_json::to_value(&m).unwrap()),
        ["metric", "samples", "summary"]
    );
    assert_eq!(
        keys(serde_json::to_value(Summary::default()).unwrap()),
        ["max", "mean", "median", "min", "n", "q1", "q3", "stddev"]
    );
}
