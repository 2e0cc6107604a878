//! The history store on a real temporary directory, with runs parsed from the real fixtures:
//! idempotent and concurrent adds, damage reported by file name while the rest loads, filters,
//! series, retention, samples, and github-action-benchmark import then export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use benchcore::{
    export, import_gab, parse_path, series, AddStatus, GabImportOptions, History, LoadOptions,
    ParseOptions, RetentionOptions, Run, SeriesOptions, Thin,
};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn parse(rel: &str, branch: &str, time: &str) -> Run {
    let spec = format!("{}/{rel}", fixtures().display());
    let o = ParseOptions {
        branch: Some(branch.into()),
        time: Some(time.into()),
        commit: Some(format!("{branch}-{}", &time[..10])),
        ..ParseOptions::default()
    };
    parse_path(&spec, &o).unwrap()
}

const CRIT_MAIN: &str = "criterion/criterion-0.5.1/tree-after-run5/target-criterion@main";
const CRIT_PR: &str = "criterion/criterion-0.5.1/tree-after-run5/target-criterion@pr";
const PYTEST_1: &str = "pytest-benchmark/pytest-benchmark-5.3.1/run1.json";
const PYTEST_2: &str = "pytest-benchmark/pytest-benchmark-5.3.1/run2-slow-save-data.json";
const NOW: &str = "2026-12-01T00:00:00Z";

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn adding_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path().join("h"));
    let run = parse(CRIT_MAIN, "main", "2026-11-01T10:00:00Z");
    let first = h.add(&run, "2026-11-01T10:05:00Z").unwrap();
    assert_eq!(first.status, AddStatus::Added);
    assert!(first
        .path
        .ends_with(&format!("runs/{}/{}.json", &run.id[..2], run.id)));
    let before: Vec<_> = files_under(h.root())
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before.len(), 3, "marker, record, sidecar: {before:?}");
    let again = h.add(&run, "2026-11-02T00:00:00Z").unwrap();
    assert_eq!(again.status, AddStatus::AlreadyPresent);
    let after: Vec<_> = files_under(h.root())
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after);
    let loaded = h.load(&LoadOptions::default()).unwrap();
    assert_eq!(loaded.runs.len(), 1);
    assert_eq!(loaded.runs[0].added_at, "2026-11-01T10:05:00Z");
}

#[test]
fn eight_threads_adding_concurrently_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("h");
    let runs: Vec<Run> = (0..8)
        .map(|i| {
            let rel = [CRIT_MAIN, CRIT_PR, PYTEST_1, PYTEST_2][i % 4];
            parse(rel, &format!("job-{i}"), "2026-11-01T10:00:00Z")
        })
        .collect();
    let shared = parse(PYTEST_1, "main", "2026-11-01T10:00:00Z");
    let outcomes: Vec<(AddStatus, AddStatus)> = std::thread::scope(|s| {
        let handles: Vec<_> = runs
            .iter()
            .map(|run| {
                let (root, shared) = (&root, &shared);
                s.spawn(move || {
                    let h = History::open(root);
                    let own = h.add(run, NOW).unwrap().status;
                    let same = h.add(shared, NOW).unwrap().status;
                    (own, same)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outcomes.iter().all(|(own, _)| *own == AddStatus::Added));
    let shared_added = outcomes
        .iter()
        .filter(|(_, same)| *same == AddStatus::Added)
        .count();
    assert_eq!(shared_added, 1, "the same run lands once: {outcomes:?}");
    let loaded = History::open(&root).load(&LoadOptions::default()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.runs.len(), 9);
    let temps = files_under(&root)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temps, 0);
}

#[test]
fn damaged_files_are_named_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    let good = parse(CRIT_MAIN, "main", "2026-11-01T10:00:00Z");
    let corrupt = parse(CRIT_PR, "main", "2026-11-02T10:00:00Z");
    let future = parse(PYTEST_1, "main", "2026-11-03T10:00:00Z");
    for r in [&good, &corrupt, &future] {
        h.add(r, NOW).unwrap();
    }
    let path = |r: &Run| {
        h.root()
            .join("runs")
            .join(&r.id[..2])
            .join(format!("{}.json", r.id))
    };
    let text = std::fs::read_to_string(path(&corrupt)).unwrap();
    std::fs::write(path(&corrupt), &text[..text.len() / 2]).unwrap(); // torn copy
    let text = std::fs::read_to_string(path(&future)).unwrap();
    std::fs::write(
        path(&future),
        text.replacen(r#"{"version":1,"#, r#"{"version":2,"#, 1),
    )
    .unwrap();
    std::fs::write(path(&good).with_file_name(".x.json.99.0.tmp"), "{").unwrap(); // crashed add

    let loaded = h.load(&LoadOptions::default()).unwrap();
    assert_eq!(loaded.runs.len(), 1);
    assert_eq!(loaded.runs[0].run.id, good.id);
    let mut named: Vec<(String, String)> = loaded
        .error_infos()
        .into_iter()
        .map(|e| (e.code, e.file.unwrap()))
        .collect();
    named.sort();
    let mut want = vec![
        (
            "parse-error".to_string(),
            path(&corrupt).display().to_string(),
        ),
        (
            "unsupported-version".to_string(),
            path(&future).display().to_string(),
        ),
    ];
    want.sort();
    assert_eq!(named, want);
    let strict = LoadOptions {
        strict: true,
        ..LoadOptions::default()
    };
    assert!(h.load(&strict).is_err());
    let missing = History::open(dir.path().join("nowhere")).load(&LoadOptions::default());
    assert_eq!(missing.unwrap_err().code(), "not-found");
}

#[test]
fn samples_come_back_exactly_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    let runs = [
        parse(CRIT_MAIN, "main", "2026-11-01T10:00:00Z"),
        parse(PYTEST_2, "main", "2026-11-02T10:00:00Z"),
    ];
    for r in &runs {
        h.add(r, NOW).unwrap();
    }
    let with = LoadOptions {
        samples: true,
        ..LoadOptions::default()
    };
    let loaded = h.load(&with).unwrap();
    let back: Vec<&Run> = loaded.runs.iter().map(|r| &r.run).collect();
    assert_eq!(back, runs.iter().collect::<Vec<_>>());
    assert!(back.iter().all(|r| r.compute_id() == r.id));
    // Without samples, summaries only; the typical values of the series do not change.
    let summaries = h.load(&LoadOptions::default()).unwrap();
    let n: usize = summaries
        .runs
        .iter()
        .flat_map(|r| &r.run.benchmarks)
        .flat_map(|b| &b.measurements)
        .map(|m| m.samples.len())
        .sum();
    assert_eq!(n, 0);
    let full = series(back.iter().copied(), &SeriesOptions::default()).unwrap();
    let light = series(
        summaries.runs.iter().map(|r| &r.run),
        &SeriesOptions::default(),
    )
    .unwrap();
    assert_eq!(full.len(), light.len());
    for (a, b) in full.iter().zip(&light) {
        for (p, q) in a.points.iter().zip(&b.points) {
            let rel = (p.value - q.value).abs() / p.value.abs().max(1e-300);
            assert!(
                rel < 1e-12,
                "{} {}: {} vs {}",
                a.name,
                a.metric,
                p.value,
                q.value
            );
        }
    }
    // A lost sidecar is reported by name; the run still loads, without samples.
    let side = h
        .root()
        .join("samples")
        .join(&runs[0].id[..2])
        .join(format!("{}.json", runs[0].id));
    std::fs::remove_file(&side).unwrap();
    let loaded = h.load(&with).unwrap();
    assert_eq!(loaded.runs.len(), 2);
    assert_eq!(loaded.errors.len(), 1);
    assert_eq!(
        loaded.errors[0].info().file.unwrap(),
        side.display().to_string()
    );
    // Adding the run again restores it.
    assert_eq!(
        h.add(&runs[0], NOW).unwrap().status,
        AddStatus::AlreadyPresent
    );
    assert!(h.load(&with).unwrap().errors.is_empty());
}

#[test]
fn filters_select_branch_commit_environment_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    let main1 = parse(CRIT_MAIN, "main", "2026-11-01T10:00:00Z");
    let main2 = parse(CRIT_PR, "main", "2026-11-03T10:00:00Z");
    let pr = parse(CRIT_PR, "pr-7", "2026-11-02T10:00:00Z");
    let py = parse(PYTEST_1, "main", "2026-11-04T10:00:00Z");
    for r in [&main1, &main2, &pr, &py] {
        h.add(r, NOW).unwrap();
    }
    let want = |rs: &[&Run]| -> Vec<String> { rs.iter().map(|r| r.id.clone()).collect() };
    let ids = |o: LoadOptions| -> Vec<String> {
        h.load(&o)
            .unwrap()
            .runs
            .into_iter()
            .map(|r| r.run.id)
            .collect()
    };
    assert_eq!(
        ids(LoadOptions::default()),
        want(&[&main1, &pr, &main2, &py])
    );
    let main = LoadOptions {
        branch: Some("main".into()),
        ..LoadOptions::default()
    };
    assert_eq!(ids(main.clone()), want(&[&main1, &main2, &py]));
    let window = LoadOptions {
        since: Some("2026-11-02T00:00:00Z".into()),
        until: Some("2026-11-03T10:00:00Z".into()),
        ..main
    };
    assert_eq!(ids(window), want(&[&main2]));
    let commit = LoadOptions {
        commit: Some("PR-7-2026".into()),
        ..LoadOptions::default()
    };
    assert_eq!(ids(commit), want(&[&pr]));
    let env = LoadOptions {
        environment: Some(py.environment.fingerprint()),
        ..LoadOptions::default()
    };
    assert_eq!(ids(env), want(&[&py]));
}

#[test]
fn series_follow_history_order_with_the_runs_values() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    // Added out of order: the history orders by the runs' own times.
    let pr = parse(CRIT_PR, "main", "2026-11-02T10:00:00Z");
    let main = parse(CRIT_MAIN, "main", "2026-11-01T10:00:00Z");
    h.add(&pr, NOW).unwrap();
    h.add(&main, NOW).unwrap();
    let loaded = h.load(&LoadOptions::default()).unwrap();
    let o = SeriesOptions {
        benchmark: Some("fib/*".into()),
        metric: Some("time".into()),
        ..SeriesOptions::default()
    };
    let s = series(loaded.runs.iter().map(|r| &r.run), &o).unwrap();
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["fib/10", "fib/15", "fib/20"]);
    let fib20 = &s[2];
    let want: Vec<f64> = [&main, &pr]
        .iter()
        .map(|r| {
            benchcore::typical_value(r.benchmark("fib/20").unwrap().measurement("time").unwrap())
                .unwrap()
        })
        .collect();
    assert_eq!(fib20.values(), want);
    // The fixture's pr baseline made fib/20 about 20 % slower.
    let ratio = want[1] / want[0];
    assert!((1.1..1.4).contains(&ratio), "{ratio}");
    assert_eq!(fib20.points[0].run_id.as_deref(), Some(main.id.as_str()));
    assert_eq!(fib20.points[1].commit.as_deref(), Some("main-2026-11-02"));
}

#[test]
fn pruning_never_deletes_the_newest_runs() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    // One stream per branch and environment: criterion runs on main, one pytest run on main
    // (another environment), one criterion run on a pr branch.
    let mut runs = Vec::new();
    for day in 1..=12 {
        let time = format!("2026-11-{day:02}T10:00:00Z");
        runs.push(parse([CRIT_MAIN, CRIT_PR][day % 2], "main", &time));
    }
    let newest = parse(CRIT_PR, "pr", "2026-11-05T10:00:00Z");
    let other_env = parse(PYTEST_1, "main", "2026-11-01T09:00:00Z");
    for r in runs.iter().chain([&newest, &other_env]) {
        h.add(r, NOW).unwrap();
    }
    let o = RetentionOptions {
        keep_last: Some(3),
        thin: Some(Thin::Week),
        ..RetentionOptions::default()
    };
    // Leftovers of crashed writers: removed once an hour old, a fresh one is left alone.
    let shard = h.root().join("runs").join(&runs[0].id[..2]);
    let stale_tmp = shard.join(".crashed.json.1.0.tmp");
    let orphan = h
        .root()
        .join("samples/00/00000000000000000000000000000000.json");
    let fresh_tmp = shard.join(".writing.json.2.0.tmp");
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    let at = |rfc: &str| {
        let ms = benchcore::time::parse_rfc3339(rfc).unwrap();
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms as u64)
    };
    for (p, t) in [
        (&stale_tmp, "2026-01-01T00:00:00Z"),
        (&orphan, "2026-01-01T00:00:00Z"),
        (&fresh_tmp, "2026-11-30T23:59:00Z"),
    ] {
        std::fs::write(p, "{").unwrap();
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(at(t)).unwrap();
    }
    let dry = h.prune(&o, NOW, false).unwrap();
    let mut cleaned = dry.cleaned.clone();
    cleaned.sort();
    let mut want = vec![
        stale_tmp.display().to_string(),
        orphan.display().to_string(),
    ];
    want.sort();
    assert_eq!(cleaned, want);
    assert!(stale_tmp.exists() && orphan.exists());
    assert!(!dry.applied);
    assert_eq!(
        h.load(&LoadOptions::default()).unwrap().runs.len(),
        14,
        "a dry run deletes nothing"
    );
    let done = h.prune(&o, NOW, true).unwrap();
    assert_eq!(done.plan, dry.plan);
    assert!(!stale_tmp.exists() && !orphan.exists() && fresh_tmp.exists());
    let left: Vec<String> = h
        .load(&LoadOptions::default())
        .unwrap()
        .runs
        .into_iter()
        .map(|r| r.run.id)
        .collect();
    assert_eq!(left, dry.plan.keep);
    for r in &runs[9..] {
        assert!(
            left.contains(&r.id),
            "one of the 3 newest main runs was deleted"
        );
    }
    assert!(left.contains(&newest.id), "the only pr run was deleted");
    assert!(
        left.contains(&other_env.id),
        "the only pytest run was deleted"
    );
    // Nov 1 (Sunday) is alone in its week; Nov 8 is the newest run of the week of Nov 2.
    for day in [1, 8] {
        assert!(left.contains(&runs[day - 1].id), "day {day}");
    }
    assert_eq!(left.len(), 3 + 2 + 1 + 1);
    for removal in &done.plan.remove {
        let record = h
            .root()
            .join("runs")
            .join(&removal.id[..2])
            .join(format!("{}.json", removal.id));
        let side = h
            .root()
            .join("samples")
            .join(&removal.id[..2])
            .join(format!("{}.json", removal.id));
        assert!(!record.exists() && !side.exists());
    }
}

#[test]
fn github_action_benchmark_history_imports_once_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path());
    let file = fixtures().join("github-action-benchmark/go-inful-mdfm.data.js");
    let bytes = std::fs::read(&file).unwrap();
    let o = GabImportOptions {
        branch: Some("main".into()),
    };
    let imported = import_gab("go-inful-mdfm.data.js", &bytes, &o).unwrap();
    assert_eq!(imported.runs.len(), 13);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    for r in &imported.runs {
        assert_eq!(h.add(r, NOW).unwrap().status, AddStatus::Added);
    }
    let again = import_gab("elsewhere/data.js", &bytes, &o).unwrap();
    for r in &again.runs {
        assert_eq!(h.add(r, NOW).unwrap().status, AddStatus::AlreadyPresent);
    }
    let loaded = h.load(&LoadOptions::default()).unwrap();
    assert_eq!(loaded.runs.len(), 13);
    let bundle = export(&loaded.runs, &SeriesOptions::default()).unwrap();
    assert_eq!(bundle.runs.len(), 13);
    assert_eq!(bundle.runs[0].time, "2026-03-17T21:05:36.325Z");
    assert_eq!(bundle.runs[0].branch.as_deref(), Some("main"));
    let parse = bundle
        .series
        .iter()
        .find(|s| s.name == "BenchmarkParse - ns/op")
        .unwrap();
    assert_eq!((parse.metric.as_str(), parse.unit.as_str()), ("time", "ns"));
    let first: Vec<(usize, f64)> = parse.points.iter().take(3).copied().collect();
    assert_eq!(first, vec![(0, 11759.0), (1, 10823.0), (2, 20802.0)]);
    let bytes_op = bundle
        .series
        .iter()
        .find(|s| s.name == "BenchmarkParse - B/op")
        .unwrap();
    assert_eq!(
        (bytes_op.metric.as_str(), bytes_op.unit.as_str()),
        ("value", "B/op")
    );
    // 2 benchmarks × (combined + ns/op + B/op + allocs/op)
    assert_eq!(bundle.series.len(), 8);
    assert!(bundle.series.iter().all(|s| s.points.len() == 13));
}
