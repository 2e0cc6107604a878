//! Synthetic suites in the real tools' formats, for benchmarks and timing the CLI: a criterion
//! `target/criterion` tree and a pytest-benchmark `--benchmark-json` file, each with `n`
//! benchmarks of `samples` raw samples, seeded. Every 10th benchmark of the candidate is 20%
//! slower.

use benchcore::stats::Rng;

/// Per-iteration times (ns) of benchmark `i`.
fn times(rng: &mut Rng, i: usize, samples: usize, slow: bool) -> Vec<f64> {
    let base = 1_000.0 * (1.0 + (i % 97) as f64);
    let factor = if slow && i % 10 == 0 { 1.2 } else { 1.0 };
    (0..samples)
        .map(|_| {
            let noise = (0.03 * rng.normal()).exp();
            let contention = if rng.uniform() < 0.05 {
                1.0 + rng.uniform()
            } else {
                1.0
            };
            base * factor * noise * contention
        })
        .collect()
}

fn estimate(v: f64) -> String {
    format!(
        r#"{{"confidence_interval":{{"confidence_level":0.95,"lower_bound":{},"upper_bound":{}}},"point_estimate":{v},"standard_error":{}}}"#,
        v * 0.98,
        v * 1.02,
        v * 0.01
    )
}

/// Files of a criterion tree with baselines `base` and `new` (`new` has the slow benchmarks).
pub fn criterion_tree(n: usize, samples: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    for i in 0..n {
        let group = format!("group{}", i / 10);
        let id = format!("{group}/bench{i}");
        for (baseline, slow) in [("base", false), ("new", true)] {
            let per_iter = times(&mut rng, i, samples, slow);
            let iters: Vec<f64> = (1..=samples).map(|k| (k * 10) as f64).collect();
            let total: Vec<f64> = per_iter.iter().zip(&iters).map(|(t, n)| t * n).collect();
            let mut sorted = per_iter.clone();
            sorted.sort_by(f64::total_cmp);
            let mean = per_iter.iter().sum::<f64>() / samples as f64;
            let median = sorted[samples / 2];
            let dir = format!("{id}/{baseline}");
            files.push((
                format!("{dir}/benchmark.json"),
                format!(
                    r#"{{"group_id":"{group}","function_id":"bench{i}","value_str":null,"throughput":null,"full_id":"{id}","directory_name":"{id}","title":"{id}"}}"#
                )
                .into_bytes(),
            ));
            files.push((
                format!("{dir}/estimates.json"),
                format!(
                    r#"{{"mean":{},"median":{},"median_abs_dev":{},"slope":{},"std_dev":{}}}"#,
                    estimate(mean),
                    estimate(median),
                    estimate(median * 0.02),
                    estimate(mean),
                    estimate(mean * 0.05)
                )
                .into_bytes(),
            ));
            files.push((
                format!("{dir}/sample.json"),
                serde_json::json!({"sampling_mode": "Linear", "iters": iters, "times": total})
                    .to_string()
                    .into_bytes(),
            ));
        }
    }
    files
}

/// A pytest-benchmark 5.x JSON file with raw `stats.data`.
pub fn pytest_json(n: usize, samples: usize, seed: u64, slow: bool) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let benchmarks: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let data: Vec<f64> = times(&mut rng, i, samples, slow)
                .iter()
                .map(|t| t * 1e-9)
                .collect();
            let mut sorted = data.clone();
            sorted.sort_by(f64::total_cmp);
            let mean = data.iter().sum::<f64>() / samples as f64;
            let sd = (data.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (samples - 1) as f64)
                .sqrt();
            let q = |p: f64| sorted[((samples - 1) as f64 * p) as usize];
            serde_json::json!({
                "group": format!("group{}", i / 10), "name": format!("test_{i}"),
                "fullname": format!("tests/test_suite.py::test_{i}"),
                "params": null, "param": null, "extra_info": {},
                "options": {"disable_gc": false, "timer": "perf_counter", "min_rounds": 5,
                            "max_time": 1.0, "min_time": 5e-06, "warmup": false},
                "stats": {"min": sorted[0], "max": sorted[samples - 1], "mean": mean, "stddev": sd,
                          "rounds": samples, "median": q(0.5), "iqr": q(0.75) - q(0.25),
                          "q1": q(0.25), "q3": q(0.75), "iqr_outliers": 0, "stddev_outliers": 0,
                          "outliers": "0;0", "ld15iqr": sorted[0], "hd15iqr": sorted[samples - 1],
                          "ops": 1.0 / mean, "total": mean * samples as f64, "data": data,
                          "iterations": 1}
            })
        })
        .collect();
    serde_json::json!({
        "machine_info": {"node": "bench", "processor": "", "machine": "x86_64",
                         "python_implementation": "CPython", "python_version": "3.11.7",
                         "release": "6.1.0", "system": "Linux",
                         "cpu": {"brand_raw": "Synthetic CPU", "count": 2}},
        "commit_info": {"id": "0123456789abcdef", "time": null, "author_time": null,
                        "dirty": false, "project": "synth", "branch": "main"},
        "benchmarks": benchmarks,
        "datetime": "2026-11-26T12:00:00+00:00",
        "version": "5.3.1"
    })
    .to_string()
    .into_bytes()
}
