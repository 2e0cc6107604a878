//! `encode_run` and `load_files` against `History::add` and `History::load` on real
//! directories: the same bytes written, the same runs and errors loaded.

use super::*;
use crate::model::{Benchmark, Measurement, Metric};
use crate::History;

fn run(branch: &str, samples: &[f64]) -> Run {
    let mut run = Run::new("t");
    run.branch = Some(branch.into());
    run.commit = Some(format!("{:x}", samples.len() * 1_000_003));
    let mut b = Benchmark::new("fib/10");
    b.measurements.push(if samples.is_empty() {
        Measurement {
            metric: Metric::time(),
            summary: crate::model::Summary::single(1.0),
            samples: Vec::new(),
        }
    } else {
        Measurement::from_samples(Metric::time(), samples.to_vec())
    });
    run.benchmarks.push(b);
    run.finalize("t").unwrap()
}

/// Every file under `dir` as (relative path with `/`, bytes).
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn encode_run_gives_the_bytes_add_writes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let r = run("main", &[3.0, 1.0, 2.0]);
    let at = "2026-01-02T03:04:05.006Z";
    let enc = encode_run(root, &r, at, None).unwrap();
    let added = History::open(root).add(&r, at).unwrap();
    assert_eq!(enc.id, r.id);
    assert_eq!(enc.record.path, added.path);
    for f in [
        enc.marker.as_ref().unwrap(),
        enc.sidecar.as_ref().unwrap(),
        &enc.record,
    ] {
        assert_eq!(
            std::fs::read_to_string(&f.path).unwrap(),
            f.content,
            "{}",
            f.path
        );
    }
    // With the marker present, none is returned; without samples, no sidecar.
    let marker = std::fs::read(dir.path().join(MARKER)).unwrap();
    let again = encode_run(root, &run("main", &[]), at, Some(&marker)).unwrap();
    assert!(again.marker.is_none() && again.sidecar.is_none());
}

#[test]
fn encode_run_checks_what_add_checks() {
    let r = run("main", &[1.0]);
    let e = encode_run("h", &r, "2026-01-01T00:00:00Z", Some(br#"{"version": 9}"#)).unwrap_err();
    assert_eq!(e.code(), "unsupported-version");
    assert_eq!(e.info().file.as_deref(), Some("h/history.json"));
    assert_eq!(
        encode_run("h", &r, "yesterday", None).unwrap_err().code(),
        "invalid-options"
    );
    let mut edited = r.clone();
    edited.commit = Some("changed".into());
    let e = encode_run("h", &edited, "2026-01-01T00:00:00Z", None).unwrap_err();
    assert!(e.to_string().contains("changed after finalize"), "{e}");
}

fn report(l: LoadedHistory) -> (Vec<crate::HistoryRun>, Vec<crate::ErrorInfo>) {
    (l.runs.clone(), l.error_infos())
}

#[test]
fn load_files_loads_what_load_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let h = History::open(root);
    let kept = run("main", &[1.0, 2.0, 3.0]);
    h.add(&kept, "2026-01-01T00:00:00Z").unwrap();
    h.add(&run("pr", &[5.0, 6.0]), "2026-01-02T00:00:00Z")
        .unwrap();
    let lost = run("main", &[7.0, 8.0, 9.0, 10.0]);
    h.add(&lost, "2026-01-03T00:00:00Z").unwrap();
    // Damage: a stray, a temp file, a hand-edited record, a lost sidecar.
    let shard = dir.path().join(RUNS).join(&kept.id[..2]);
    std::fs::write(shard.join("notes.json"), "{}").unwrap();
    std::fs::write(shard.join(".x.json.1.2.tmp"), "").unwrap();
    std::fs::write(dir.path().join(RUNS).join("README"), "").unwrap();
    let broken = run("main", &[4.0]);
    h.add(&broken, "2026-01-04T00:00:00Z").unwrap();
    std::fs::write(file_for(dir.path(), RUNS, &broken.id), "{\"version\":1,").unwrap();
    std::fs::remove_file(file_for(dir.path(), SAMPLES, &lost.id)).unwrap();
    for options in [
        LoadOptions::default(),
        LoadOptions {
            branch: Some("main".into()),
            samples: true,
            threads: 1,
            ..LoadOptions::default()
        },
    ] {
        let native = report(h.load(&options).unwrap());
        let files = report(load_files(root, files_under(dir.path()), &options).unwrap());
        assert_eq!(files.0, native.0);
        let (a, b) = (&files.1, &native.1);
        assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
        for (x, y) in a.iter().zip(b) {
            // A lost sidecar: the OS words its "not found" differently from std's own.
            assert_eq!((&x.code, &x.file), (&y.code, &y.file));
            if x.code != "io-error" {
                assert_eq!(x.message, y.message);
            }
        }
    }
    assert_eq!(
        native_errors(&h).len(),
        4,
        "stray, README, broken record, lost sidecar"
    );
    let strict = LoadOptions {
        strict: true,
        ..LoadOptions::default()
    };
    let e = load_files(root, files_under(dir.path()), &strict).unwrap_err();
    assert_eq!(e.code(), h.load(&strict).unwrap_err().code());
}

fn native_errors(h: &History) -> Vec<crate::ErrorInfo> {
    let o = LoadOptions {
        samples: true,
        ..LoadOptions::default()
    };
    h.load(&o).unwrap().error_infos()
}

#[test]
fn load_files_refuses_a_newer_layout_and_bad_options() {
    let files = vec![("history.json".to_string(), br#"{"version": 2}"#.to_vec())];
    let e = load_files("h", files, &LoadOptions::default()).unwrap_err();
    assert_eq!(e.code(), "unsupported-version");
    let bad = LoadOptions {
        since: Some("soon".into()),
        ..LoadOptions::default()
    };
    assert_eq!(
        load_files("h", Vec::new(), &bad).unwrap_err().code(),
        "invalid-options"
    );
    let empty = load_files("h", Vec::new(), &LoadOptions::default()).unwrap();
    assert!(empty.runs.is_empty() && empty.errors.is_empty());
}
