//! hyperfine 1.15 exports: facts of the real JSON, CSV and Markdown fixtures, their agreement,
//! and clear errors for damaged files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, parse_path, CompareOptions, Error, ParseOptions, Run, Verdict,
};
use serde_json::{json, Value};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/hyperfine")
        .join(rel)
}

fn parse(rel: &str) -> Run {
    parse_path(fixture(rel).to_str().unwrap(), &ParseOptions::default()).unwrap()
}

fn raw(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

fn parse_text(file: &str, text: &str) -> Result<Run, Error> {
    parse_bytes(file, text.as_bytes(), &ParseOptions::default())
}

fn names(run: &Run) -> Vec<&str> {
    run.benchmarks.iter().map(|b| b.name.as_str()).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn assert_no_change_against_itself(run: &Run) {
    let c = compare(run, run, &CompareOptions::default()).unwrap();
    for b in &c.benchmarks {
        assert!(
            !matches!(b.verdict, Verdict::Regressed | Verdict::Improved),
            "{} {}: {:?}",
            b.name,
            b.metric,
            b.verdict
        );
    }
}

#[test]
fn json_times_become_ns_samples_and_hyperfine_keeps_its_summary() {
    let run = parse("sort-two-commands.json");
    let json: Value = serde_json::from_str(&raw("sort-two-commands.json")).unwrap();
    assert_eq!(run.source.format, "hyperfine");
    assert_eq!(names(&run), ["sort asc", "sort desc"]);
    for (b, r) in run
        .benchmarks
        .iter()
        .zip(json["results"].as_array().unwrap())
    {
        let t = b.measurement("time").unwrap();
        assert_eq!(t.metric.unit, "ns");
        let times: Vec<f64> = r["times"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() * 1e9)
            .collect();
        assert_eq!(t.samples, times);
        assert_eq!(t.summary.n, Some(10));
        assert_eq!(t.summary.mean, Some(r["mean"].as_f64().unwrap() * 1e9));
        assert_eq!(t.summary.median, Some(r["median"].as_f64().unwrap() * 1e9));
        let user = b.measurement("user_time").unwrap();
        assert_eq!(user.summary.mean, Some(r["user"].as_f64().unwrap() * 1e9));
        assert_eq!(user.summary.median, None, "user is a mean, not a median");
        assert!(b.measurement("system_time").is_some());
        assert!(b.params.is_empty() && b.extra.is_empty());
    }
    // 37.9 ms mean, as hyperfine printed it.
    let asc = run
        .benchmark("sort asc")
        .unwrap()
        .measurement("time")
        .unwrap();
    assert!(close(asc.summary.mean.unwrap(), 37.9e6, 0.05e6));
    assert_no_change_against_itself(&run);
}

#[test]
fn parameter_scan_keeps_strings_and_the_substituted_command_as_name() {
    let run = parse("scan-seq-sort.json");
    assert_eq!(run.benchmarks.len(), 4);
    let first = &run.benchmarks[0];
    assert_eq!(first.name, "seq 1 50000 | sort -n > /dev/null");
    assert_eq!(first.params["n"], json!("50000"));
    let list = parse("extra/param-list.json");
    assert_eq!(list.benchmarks[0].params["n"], json!("005"));
    assert_eq!(
        list.benchmarks[0].name,
        "printf \"%s,%s\" a 005 > /dev/null; sleep 0.005"
    );
}

#[test]
fn one_run_has_no_stddev_and_failed_runs_are_counted() {
    let one = parse("extra/one-run.json");
    let t = one.benchmarks[0].measurement("time").unwrap();
    assert_eq!(t.samples.len(), 1);
    assert_eq!(t.summary.stddev, None);
    assert_eq!(
        one.benchmarks[0]
            .measurement("user_time")
            .unwrap()
            .summary
            .mean,
        Some(0.0)
    );
    assert_no_change_against_itself(&one);

    let failing = parse("extra/failing-runs.json");
    assert_eq!(names(&failing), ["fails every third run", "always true"]);
    assert_eq!(failing.benchmarks[0].extra["failed_runs"], json!(2));
    assert!(failing.benchmarks[1].extra.is_empty());
    // `true` measured 0.0 s once (shell start-up subtracted): a valid sample.
    let t = failing.benchmarks[1].measurement("time").unwrap();
    assert_eq!(t.samples[0], 0.0);
    assert_no_change_against_itself(&failing);
}

#[test]
fn csv_and_markdown_agree_with_the_json_of_the_same_run() {
    for stem in ["sort-two-commands", "scan-seq-sort", "extra/param-list"] {
        let json = parse(&format!("{stem}.json"));
        let csv = parse(&format!("{stem}.csv"));
        let md = parse(&format!("{stem}.md"));
        assert_eq!(names(&csv), names(&json), "{stem}");
        assert_eq!(names(&md), names(&json), "{stem}");
        for ((j, c), m) in json
            .benchmarks
            .iter()
            .zip(&csv.benchmarks)
            .zip(&md.benchmarks)
        {
            let (jt, ct, mt) = (
                j.measurement("time").unwrap(),
                c.measurement("time").unwrap(),
                m.measurement("time").unwrap(),
            );
            assert!(ct.samples.is_empty() && mt.samples.is_empty());
            assert_eq!(ct.summary.n, None);
            assert_eq!(ct.summary.mean, jt.summary.mean);
            assert_eq!(ct.summary.median, jt.summary.median);
            assert_eq!(c.params, j.params, "{stem}: CSV parameter_* columns");
            // Markdown: rounded to 0.1 ms, no median.
            assert!(close(
                mt.summary.mean.unwrap(),
                jt.summary.mean.unwrap(),
                0.05e6 + 1.0
            ));
            assert!(close(
                mt.summary.stddev.unwrap(),
                jt.summary.stddev.unwrap(),
                0.05e6 + 1.0
            ));
            assert_eq!(mt.summary.median, None);
        }
        assert_no_change_against_itself(&csv);
        assert_no_change_against_itself(&md);
    }
    let md = parse("extra/one-run.md");
    let t = md.benchmarks[0].measurement("time").unwrap();
    assert_eq!((t.summary.mean, t.summary.stddev), (Some(13.0e6), None));
}

#[test]
fn the_slowed_command_regresses() {
    let base = parse("sort-two-commands.json");
    let cand = parse("sort-two-commands-run2-slow.json");
    let c = compare(&base, &cand, &CompareOptions::default()).unwrap();
    let asc = c
        .benchmarks
        .iter()
        .find(|b| b.name == "sort asc" && b.metric == "time")
        .unwrap();
    assert_eq!(asc.verdict, Verdict::Regressed, "{}", asc.reason);
}

#[test]
fn terminal_output_is_refused_with_a_pointer_to_export_json() {
    for f in ["sort-two-commands.stdout.txt", "extra/one-run.stdout.txt"] {
        let e = parse_path(fixture(f).to_str().unwrap(), &ParseOptions::default()).unwrap_err();
        assert_eq!(e.code(), "parse-error");
        assert!(e.to_string().contains("--export-json"), "{e}");
    }
}

#[test]
fn damaged_files_name_the_line() {
    let json = raw("sort-two-commands.json");
    // Every truncation of the JSON is an error (or, at 0 bytes, an empty file), never a panic.
    for cut in (0..json.len()).step_by(37) {
        let e = parse_text("t.json", &json[..cut]).unwrap_err();
        assert!(
            matches!(e.code(), "parse-error" | "unknown-format"),
            "{cut}: {e}"
        );
    }
    let e = parse_text("t.json", &json[..500]).unwrap_err();
    assert_eq!(e.info().line, Some(json[..500].lines().count() as u64));

    let csv = raw("sort-two-commands.csv").replace("0.0428373919", "0.04x");
    let e = parse_text("s.csv", &csv).unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.csv:3: mean: expected a number, found '0.04x'"
    );

    let md = raw("scan-seq-sort.md");
    let cut: String = md.lines().take(3).collect::<Vec<_>>().join("\n") + "\n| `seq 1 100000";
    let e = parse_text("s.md", &cut).unwrap_err();
    assert_eq!(e.info().line, Some(4), "{e}");
}

#[test]
fn crlf_and_hyperfine_csv_versus_hey_csv() {
    for f in ["scan-seq-sort.csv", "scan-seq-sort.md"] {
        let text = raw(f);
        let lf = parse_text(f, &text).unwrap();
        let crlf = parse_text(f, &(text.replace('\n', "\r\n") + "\r\n\r\n")).unwrap();
        assert_eq!(crlf.benchmarks, lf.benchmarks, "{f}");
    }
    let hey = std::fs::read(fixture("../hey/hey-small.csv")).unwrap();
    let run = parse_bytes("hey.csv", &hey, &ParseOptions::default()).unwrap();
    assert_eq!(run.source.format, "hey");
}
