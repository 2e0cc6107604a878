//! criterion.rs trees: facts of the real 0.5.1 / 0.8.2 fixtures, and the layouts and damage the
//! parser must handle (built in memory).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    parse_path, parse_tree, tree_baselines, Error, FsTree, MemTree, MetricKind, ParseOptions, Run,
    DEFAULT_MAX_INPUT_BYTES,
};
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/criterion")
}

fn tree_dir(version: &str, run: &str) -> PathBuf {
    fixtures().join(format!(
        "criterion-{version}/tree-after-{run}/target-criterion"
    ))
}

fn parse_at(version: &str, run: &str, baseline: &str) -> Run {
    let spec = format!("{}@{baseline}", tree_dir(version, run).display());
    parse_path(&spec, &ParseOptions::default()).unwrap()
}

fn read_json(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

const NAMES: [&str; 6] = [
    "checksum/fnv1a/1024",
    "checksum/fnv1a/16384",
    "fib/10",
    "fib/15",
    "fib/20",
    "sort 1000 u32",
];

#[test]
fn criterion_0_5_1_main_has_six_benchmarks_with_samples_from_sample_json() {
    let run = parse_at("0.5.1", "run5", "main");
    assert_eq!(run.source.format, "criterion");
    assert_eq!(run.source.baseline.as_deref(), Some("main"));
    assert_eq!(run.source.tool_version, None);
    assert_eq!(run.environment, Default::default());
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, NAMES);

    for b in &run.benchmarks {
        // These ids needed no mangling: the directory is the id.
        let dir = tree_dir("0.5.1", "run5").join(&b.name).join("main");
        let sample = read_json(dir.join("sample.json"));
        let estimates = read_json(dir.join("estimates.json"));
        let (iters, times) = (floats(&sample["iters"]), floats(&sample["times"]));
        let time = b.measurement("time").unwrap();
        assert_eq!(time.metric.unit, "ns");
        assert_eq!(time.samples.len(), 30, "{}", b.name);
        for (k, s) in time.samples.iter().enumerate() {
            assert_eq!(*s, times[k] / iters[k], "{} sample {k}", b.name);
        }
        let s = &time.summary;
        assert_eq!(s.n, Some(30));
        let point = |k: &str| estimates[k]["point_estimate"].as_f64().unwrap();
        assert_eq!(s.mean, Some(point("mean")));
        assert_eq!(s.median, Some(point("median")));
        assert_eq!(s.stddev, Some(point("std_dev")));
        // criterion's median point estimate is the median of the same per-iteration times.
        let own = benchcore::stats::Sample::new(time.samples.iter().copied()).unwrap();
        assert!(
            close(own.median(), point("median"), 1e-9),
            "{}: {} vs {}",
            b.name,
            own.median(),
            point("median")
        );
        assert_eq!(s.min, Some(own.min()));
        assert_eq!(s.max, Some(own.max()));
        assert_eq!(s.q1, Some(own.quantile(0.25)));
        assert_eq!(s.q3, Some(own.quantile(0.75)));
        assert_eq!(b.extra["sampling_mode"], "Linear");
    }
}

#[test]
fn criterion_names_groups_and_params_come_from_benchmark_json() {
    let run = parse_at("0.5.1", "run5", "main");
    let fib = run.benchmark("fib/20").unwrap();
    assert_eq!(fib.group.as_deref(), Some("fib"));
    assert_eq!(
        serde_json::to_value(&fib.params).unwrap(),
        json!({"value": "20"})
    );
    let sum = run.benchmark("checksum/fnv1a/1024").unwrap();
    assert_eq!(sum.group.as_deref(), Some("checksum"));
    assert_eq!(
        serde_json::to_value(&sum.params).unwrap(),
        json!({"function": "fnv1a", "value": "1024"})
    );
    assert_eq!(sum.extra["throughput"], json!({"Bytes": 1024}));
    let sort = run.benchmark("sort 1000 u32").unwrap();
    assert_eq!(sort.group.as_deref(), Some("sort 1000 u32"));
    assert!(sort.params.is_empty());
    assert!(!sort.extra.contains_key("throughput"));
}

#[test]
fn criterion_throughput_only_for_checksum_in_bytes_per_second() {
    for version in ["0.5.1", "0.8.2"] {
        let run = parse_at(version, "run5", "main");
        for b in &run.benchmarks {
            let t = b.measurement("throughput");
            if !b.name.starts_with("checksum/") {
                assert!(t.is_none(), "{version} {}", b.name);
                assert_eq!(b.measurements.len(), 1);
                continue;
            }
            let t = t.unwrap();
            assert_eq!(t.metric.unit, "B/s");
            assert_eq!(t.metric.kind, MetricKind::Throughput);
            let bytes: f64 = b.name.rsplit('/').next().unwrap().parse().unwrap();
            let times = &b.measurement("time").unwrap().samples;
            assert_eq!(t.samples.len(), times.len());
            for (thr, ns) in t.samples.iter().zip(times) {
                assert!(close(*thr, bytes / (ns * 1e-9), 1e-12));
            }
            // ~1 GB/s for fnv1a on this machine: a sanity bound on the units.
            let median = t.summary.median.unwrap();
            assert!((1e8..1e10).contains(&median), "{median}");
        }
    }
}

#[test]
fn criterion_baselines_are_listed_sorted() {
    for version in ["0.5.1", "0.8.2"] {
        for run in ["run4", "run5"] {
            let tree = FsTree::open(&tree_dir(version, run), DEFAULT_MAX_INPUT_BYTES).unwrap();
            assert_eq!(tree_baselines(&tree), ["base", "main", "new", "pr"]);
        }
    }
}

#[test]
fn criterion_default_baseline_is_new_and_every_baseline_parses() {
    let dir = tree_dir("0.8.2", "run4");
    let run = parse_path(dir.to_str().unwrap(), &ParseOptions::default()).unwrap();
    assert_eq!(run.source.baseline.as_deref(), Some("new"));
    assert_eq!(run.benchmarks.len(), 6);
    for baseline in ["base", "main", "pr"] {
        let opts = ParseOptions {
            baseline: Some(baseline.into()),
            ..ParseOptions::default()
        };
        let r = parse_path(dir.to_str().unwrap(), &opts).unwrap();
        assert_eq!(r.source.baseline.as_deref(), Some(baseline));
        assert_eq!(r.benchmarks.len(), 6);
        assert_ne!(r.id, run.id, "{baseline} differs from new");
    }
}

#[test]
fn criterion_0_8_2_pr_has_fib_20_slower_than_main() {
    let main = parse_at("0.8.2", "run5", "main");
    let pr = parse_at("0.8.2", "run5", "pr");
    let med = |r: &Run| {
        r.benchmark("fib/20")
            .unwrap()
            .measurement("time")
            .unwrap()
            .summary
            .median
            .unwrap()
    };
    let change = med(&pr) / med(&main) - 1.0;
    assert!(change > 0.15, "fib/20 median change {change}");
}

#[test]
fn criterion_one_benchmark_directory_and_one_baseline_folder() {
    let fib20 = tree_dir("0.5.1", "run5").join("fib/20");
    let run = parse_path(&format!("{}@pr", fib20.display()), &ParseOptions::default()).unwrap();
    assert_eq!(run.benchmarks.len(), 1);
    assert_eq!(run.benchmarks[0].name, "fib/20");
    let whole = parse_at("0.5.1", "run5", "pr");
    assert_eq!(run.benchmarks[0], *whole.benchmark("fib/20").unwrap());

    let folder = fib20.join("pr");
    let run = parse_path(folder.to_str().unwrap(), &ParseOptions::default()).unwrap();
    assert_eq!(run.source.baseline.as_deref(), Some("pr"));
    assert_eq!(run.benchmarks[0], *whole.benchmark("fib/20").unwrap());
    let e = parse_path(
        &format!("{}@main", folder.display()),
        &ParseOptions::default(),
    );
    assert_eq!(e.unwrap_err().code(), "not-found");
}

#[test]
fn criterion_missing_baseline_lists_what_exists() {
    let tree = mem(&[
        ("a/base/benchmark.json", bench_json("a", json!(null))),
        ("a/base/sample.json", sample_json(&[1.0], &[10.0])),
        ("a/main/benchmark.json", bench_json("a", json!(null))),
        ("a/main/sample.json", sample_json(&[1.0], &[10.0])),
        ("a/new/benchmark.json", bench_json("a", json!(null))),
        ("a/new/sample.json", sample_json(&[1.0], &[10.0])),
    ]);
    let e = parse_tree(&tree, &with_baseline("pr")).unwrap_err();
    assert_eq!(
        e,
        Error::NotFound {
            file: "target/criterion".into(),
            what: "no baseline named 'pr' (found: base, main, new)".into(),
        }
    );
}

// ---- in-memory trees -------------------------------------------------------------------------

fn mem(files: &[(&str, String)]) -> MemTree {
    MemTree::new(
        "target/criterion",
        files
            .iter()
            .map(|(p, c)| (p.to_string(), c.clone().into_bytes())),
    )
}

fn bench_json(full_id: &str, throughput: Value) -> String {
    let (group, rest) = full_id.split_once('/').unwrap_or((full_id, ""));
    let value = if rest.is_empty() {
        Value::Null
    } else {
        json!(rest)
    };
    json!({"group_id": group, "function_id": null, "value_str": value, "throughput": throughput,
           "full_id": full_id, "directory_name": full_id, "title": full_id})
    .to_string()
}

fn sample_json(iters: &[f64], times: &[f64]) -> String {
    json!({"sampling_mode": "Linear", "iters": iters, "times": times}).to_string()
}

fn estimates_json(mean: f64, median: f64, slope: Option<f64>) -> String {
    let e = |v: f64| {
        json!({"confidence_interval": {"confidence_level": 0.95, "lower_bound": v, "upper_bound": v},
                             "point_estimate": v, "standard_error": 0.0})
    };
    json!({"mean": e(mean), "median": e(median), "median_abs_dev": e(0.0),
           "slope": slope.map(e), "std_dev": e(1.5)})
    .to_string()
}

fn with_baseline(b: &str) -> ParseOptions {
    ParseOptions {
        baseline: Some(b.into()),
        ..ParseOptions::default()
    }
}

fn parse_mem(files: &[(&str, String)]) -> Result<Run, Error> {
    parse_tree(&mem(files), &ParseOptions::default())
}

#[test]
fn names_come_from_full_id_not_from_mangled_directories() {
    let run = parse_mem(&[
        (
            "lookup_ binary_search_ in 4096/new/benchmark.json",
            bench_json("lookup: binary_search? in 4096", json!(null)),
        ),
        (
            "lookup_ binary_search_ in 4096/new/sample.json",
            sample_json(&[2.0, 4.0], &[20.0, 44.0]),
        ),
        (
            "deep/er/still/deeper/new/benchmark.json",
            bench_json("deep/er/still/deeper", json!(null)),
        ),
        (
            "deep/er/still/deeper/new/estimates.json",
            estimates_json(5.0, 4.0, Some(5.0)),
        ),
    ])
    .unwrap();
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["deep/er/still/deeper", "lookup: binary_search? in 4096"]
    );
    assert_eq!(run.benchmarks[1].measurements[0].samples, [10.0, 11.0]);
}

#[test]
fn flat_sampling_with_null_slope() {
    let run = parse_mem(&[
        ("f/new/benchmark.json", bench_json("f", json!(null))),
        ("f/new/estimates.json", estimates_json(10.5, 10.0, None)),
        (
            "f/new/sample.json",
            json!({"sampling_mode": "Flat", "iters": [4.0, 4.0, 4.0], "times": [40.0, 44.0, 40.0]})
                .to_string(),
        ),
    ])
    .unwrap();
    let b = &run.benchmarks[0];
    assert_eq!(b.extra["sampling_mode"], "Flat");
    let m = &b.measurements[0];
    assert_eq!(m.samples, [10.0, 11.0, 10.0]);
    assert_eq!(m.summary.mean, Some(10.5));
    assert_eq!(m.summary.median, Some(10.0));
    assert_eq!(m.summary.stddev, Some(1.5));
    assert_eq!(m.summary.max, Some(11.0));
}

#[test]
fn estimates_without_samples_give_a_summary_only_measurement() {
    let run = parse_mem(&[
        (
            "e/new/benchmark.json",
            bench_json("e", json!({"Elements": 10})),
        ),
        (
            "e/new/estimates.json",
            estimates_json(100.0, 50.0, Some(90.0)),
        ),
        ("e/new/tukey.json", "[1.0, 2.0, 3.0, 4.0]".into()),
    ])
    .unwrap();
    let b = &run.benchmarks[0];
    let t = b.measurement("time").unwrap();
    assert!(t.samples.is_empty());
    assert_eq!(t.summary.n, None);
    assert_eq!(
        (t.summary.mean, t.summary.median),
        (Some(100.0), Some(50.0))
    );
    assert_eq!(t.summary.min, None);
    let thr = b.measurement("throughput").unwrap();
    assert_eq!(thr.metric.unit, "elem/s");
    assert_eq!(thr.summary.median, Some(10.0 / 50e-9));
    assert!(!b.extra.contains_key("sampling_mode"));
}

#[test]
fn every_throughput_variant() {
    let variants = [
        (json!({"Bytes": 8}), vec![("throughput", "B/s", 8.0)]),
        (json!({"BytesDecimal": 8}), vec![("throughput", "B/s", 8.0)]),
        (json!({"Elements": 3}), vec![("throughput", "elem/s", 3.0)]),
        (json!({"Bits": 64}), vec![("throughput", "bit/s", 64.0)]),
        (
            json!({"ElementsAndBytes": {"elements": 2, "bytes": 16}}),
            vec![
                ("throughput", "elem/s", 2.0),
                ("throughput_bytes", "B/s", 16.0),
            ],
        ),
        (json!({"Parsecs": 1}), vec![]),
        (json!(null), vec![]),
    ];
    for (t, want) in variants {
        let run = parse_mem(&[
            ("x/new/benchmark.json", bench_json("x", t.clone())),
            (
                "x/new/sample.json",
                sample_json(&[1.0, 2.0], &[100.0, 200.0]),
            ),
        ])
        .unwrap();
        let b = &run.benchmarks[0];
        let got: Vec<(&str, &str, f64)> = b.measurements[1..]
            .iter()
            .map(|m| {
                assert_eq!(m.metric.kind, MetricKind::Throughput);
                // 100 ns per iteration: n per iteration → n · 1e7 per second.
                (
                    m.metric.name.as_str(),
                    m.metric.unit.as_str(),
                    m.samples[0] / 1e7,
                )
            })
            .collect();
        let want: Vec<(&str, &str, f64)> = want;
        assert_eq!(got.len(), want.len(), "{t}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!((g.0, g.1), (w.0, w.1), "{t}");
            assert!(close(g.2, w.2, 1e-12), "{t}: {g:?}");
        }
        if t.is_null() {
            assert!(!b.extra.contains_key("throughput"));
        } else {
            assert_eq!(b.extra["throughput"], t);
        }
    }
}

#[test]
fn change_report_tukey_and_cargo_criterion_data_are_ignored() {
    let run = parse_mem(&[
        (
            "a/change/estimates.json",
            "{\"mean\": \"not even valid here\"}".into(),
        ),
        ("a/new/benchmark.json", bench_json("a", json!(null))),
        ("a/new/raw.csv", "garbage".into()),
        ("a/new/sample.json", sample_json(&[1.0], &[7.0])),
        ("a/new/tukey.json", "garbage".into()),
        ("a/report/benchmark.json", "garbage".into()),
        ("data/main/a/benchmark.cbor", "\u{1}\u{2}".into()),
        ("report/index.html", "<html>".into()),
    ])
    .unwrap();
    assert_eq!(run.benchmarks.len(), 1);
    assert_eq!(run.benchmarks[0].measurements[0].samples, [7.0]);
}

#[test]
fn zero_times_are_accepted_without_throughput() {
    let run = parse_mem(&[
        ("z/new/benchmark.json", bench_json("z", json!({"Bytes": 8}))),
        ("z/new/sample.json", sample_json(&[1.0, 2.0], &[0.0, 0.0])),
    ])
    .unwrap();
    let b = &run.benchmarks[0];
    assert_eq!(
        b.measurements.len(),
        1,
        "infinite throughput is not derived"
    );
    assert_eq!(b.measurements[0].samples, [0.0, 0.0]);
}

fn parse_error(files: &[(&str, String)]) -> (String, Option<String>, String) {
    match parse_mem(files).unwrap_err() {
        Error::Parse {
            file,
            field,
            message,
            ..
        } => (file, field, message),
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_files_name_the_file_and_field() {
    let ok_bench = || ("b/new/benchmark.json", bench_json("b", json!(null)));
    // (files, the file the error must name, the field it must name)
    type Case<'a> = (Vec<(&'a str, String)>, &'a str, &'a str);
    let cases: Vec<Case<'_>> = vec![
        (
            vec![
                ok_bench(),
                ("b/new/sample.json", sample_json(&[1.0, 2.0], &[1.0])),
            ],
            "target/criterion/b/new/sample.json",
            "times",
        ),
        (
            vec![
                ok_bench(),
                ("b/new/sample.json", sample_json(&[1.0, 0.0], &[1.0, 2.0])),
            ],
            "target/criterion/b/new/sample.json",
            "iters[1]",
        ),
        (
            vec![
                ok_bench(),
                ("b/new/sample.json", sample_json(&[1.0, -2.0], &[1.0, 2.0])),
            ],
            "target/criterion/b/new/sample.json",
            "iters[1]",
        ),
        (
            vec![
                ok_bench(),
                ("b/new/sample.json", sample_json(&[1.0, 2.0], &[1.0, -2.0])),
            ],
            "target/criterion/b/new/sample.json",
            "times[1]",
        ),
        (
            vec![
                ok_bench(),
                (
                    "b/new/sample.json",
                    "{\"iters\": [1.0], \"times\": [\"x\"]}".into(),
                ),
            ],
            "target/criterion/b/new/sample.json",
            "times[0]",
        ),
        (
            vec![
                ok_bench(),
                ("b/new/estimates.json", estimates_json(-1.0, 2.0, None)),
            ],
            "target/criterion/b/new/estimates.json",
            "mean.point_estimate",
        ),
        (
            vec![("b/new/benchmark.json", "{\"group_id\": \"b\"}".into())],
            "target/criterion/b/new/benchmark.json",
            "",
        ),
        (
            vec![
                (
                    "b/new/benchmark.json",
                    bench_json("b", json!({"Bytes": "many"})),
                ),
                ("b/new/sample.json", sample_json(&[1.0], &[1.0])),
            ],
            "target/criterion/b/new/benchmark.json",
            "throughput.Bytes",
        ),
    ];
    for (files, want_file, want_field) in cases {
        let (file, field, message) = parse_error(&files);
        assert_eq!(file, want_file, "{message}");
        if want_field.is_empty() {
            assert!(message.contains("full_id"), "{message}");
        } else {
            assert_eq!(field.as_deref(), Some(want_field), "{message}");
        }
    }
    // Neither samples nor estimates: the benchmark's folder is named.
    let (file, _, message) = parse_error(&[ok_bench()]);
    assert_eq!(file, "target/criterion/b/new");
    assert!(message.contains("no samples"), "{message}");
}

#[test]
fn a_tree_without_benchmark_json_is_not_criterion() {
    let tree = mem(&[("x/new/sample.json", sample_json(&[1.0], &[1.0]))]);
    let e = parse_tree(&tree, &ParseOptions::default()).unwrap_err();
    assert_eq!(e.code(), "unknown-format");
    assert!(tree_baselines(&tree).is_empty());
}

#[test]
fn duplicate_full_ids_are_refused() {
    let e = parse_mem(&[
        ("a/new/benchmark.json", bench_json("same", json!(null))),
        ("a/new/sample.json", sample_json(&[1.0], &[1.0])),
        ("b/new/benchmark.json", bench_json("same", json!(null))),
        ("b/new/sample.json", sample_json(&[1.0], &[2.0])),
    ])
    .unwrap_err();
    assert!(
        e.to_string().contains("duplicate benchmark name 'same'"),
        "{e}"
    );
}

#[test]
fn load_baseline_did_not_rewrite_new() {
    // Run 5 was `--load-baseline pr --baseline main`: it wrote change/ only. new/ still holds
    // run 4's measurement (= base/), not pr/; the run id (a content hash without the path) shows it.
    for version in ["0.5.1", "0.8.2"] {
        let new4 = parse_at(version, "run4", "new");
        let new5 = parse_at(version, "run5", "new");
        let base5 = parse_at(version, "run5", "base");
        let pr5 = parse_at(version, "run5", "pr");
        assert_eq!(new5.id, new4.id, "{version}");
        assert_eq!(new5.benchmarks, base5.benchmarks, "{version}");
        assert_ne!(new5.benchmarks, pr5.benchmarks, "{version}");
    }
}
