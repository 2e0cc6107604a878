//! libtest `#[bench]`: facts of the real nightly fixtures (text and `--format json`) and of
//! criterion's `--output-format bencher` output, plus damaged and decorated variants.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, ParseOptions, Run, SingleValues,
    Verdict,
};

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/libtest")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("bench.txt", text.as_bytes(), &ParseOptions::default())
}

fn median(run: &Run, name: &str, metric: &str) -> f64 {
    run.benchmark(name)
        .unwrap()
        .measurement(metric)
        .unwrap()
        .summary
        .median
        .unwrap()
}

#[test]
fn run1_text_medians_ranges_and_throughput() {
    let run = parse(&text("run1.stdout.txt")).unwrap();
    assert_eq!(run.source.format, "libtest");
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "crc_like_64k",
            "fib_10",
            "fib_25",
            "nested::string_format",
            "vec_push_1000"
        ]
    );
    assert_eq!(median(&run, "crc_like_64k", "time"), 76_701.92);
    assert_eq!(median(&run, "fib_25", "time"), 151_583.32);
    // `= 854 MB/s` is decimal megabytes per second.
    assert_eq!(median(&run, "crc_like_64k", "throughput"), 854e6);
    let crc = run.benchmark("crc_like_64k").unwrap();
    assert_eq!(crc.extra["range_ns"], 985.53);
    let t = crc.measurement("time").unwrap();
    assert!(t.samples.is_empty(), "libtest keeps no samples");
    assert_eq!(
        (t.summary.n, t.summary.mean, t.summary.min),
        (None, None, None)
    );
    assert_eq!(crc.measurement("throughput").unwrap().metric.unit, "B/s");
    assert_eq!(run.benchmark("fib_10").unwrap().measurements.len(), 1);
}

#[test]
fn json_lines_keep_full_precision() {
    let run = parse(&text("run3-format-json.stdout.txt")).unwrap();
    assert_eq!(run.benchmarks.len(), 5);
    assert_eq!(median(&run, "fib_10", "time"), 116.4786859601095);
    // `mib_per_second` holds the same decimal MB/s as the text format.
    assert_eq!(median(&run, "crc_like_64k", "throughput"), 589e6);
    let fib = run.benchmark("fib_25").unwrap();
    assert_eq!(fib.extra["range_ns"], 65150.171249999985);
    let run4 = parse(&text("run4-format-json-report-time.stdout.txt")).unwrap();
    assert_eq!(run4.benchmarks.len(), 5);
}

#[test]
fn criterion_bencher_output() {
    let run = parse(&text("criterion-bencher/criterion_output.txt")).unwrap();
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Create Realm",
            "Symbols (Execution)",
            "For loop (Execution)",
            "Fibonacci (Execution)"
        ]
    );
    assert_eq!(median(&run, "Fibonacci (Execution)", "time"), 1_672_496.0);
    let units = parse(&text("criterion-bencher/cargo_output_units.txt")).unwrap();
    let cmov = units
        .benchmark("cmov")
        .unwrap()
        .measurement("cycles/iter")
        .unwrap();
    assert_eq!(cmov.metric.direction, Direction::LowerIsBetter);
    assert_eq!(cmov.summary.median, Some(2835.0));
    let up = units
        .benchmark("upload")
        .unwrap()
        .measurement("MS/s")
        .unwrap();
    assert_eq!(up.metric.direction, Direction::HigherIsBetter);
    assert_eq!(units.benchmark("upload").unwrap().extra["range"], 420.0);
}

#[test]
fn crlf_and_colour_read_the_same() {
    let plain = parse(&text("run1.stdout.txt")).unwrap();
    let decorated = text("run1.stdout.txt")
        .replace("bench:", "\u{1b}[32mbench:\u{1b}[0m")
        .replace('\n', "\r\n")
        + "\r\n\r\n";
    let run = parse(&decorated).unwrap();
    assert_eq!(run.benchmarks, plain.benchmarks);
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let a = parse(&text("run1.stdout.txt")).unwrap();
    let b = parse(&text("run2-slow.stdout.txt")).unwrap();
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed + same.summary.improved, 0);
    // libtest prints a median and a range, no sample count or spread a test could use: by
    // default a move beyond the threshold is `inconclusive`; with the threshold alone
    // (github-action-benchmark's behaviour) fib_25 is flagged.
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    let fib = c.benchmarks.iter().find(|r| r.name == "fib_25").unwrap();
    assert_eq!(fib.verdict, Verdict::Inconclusive);
    let by_threshold = CompareOptions {
        single_values: SingleValues::Threshold,
        ..CompareOptions::default()
    };
    let c = compare(&a, &b, &by_threshold).unwrap();
    let fib = c.benchmarks.iter().find(|r| r.name == "fib_25").unwrap();
    assert_eq!(fib.verdict, Verdict::Regressed);
    assert!(
        fib.reason.contains("judged by the threshold alone"),
        "{}",
        fib.reason
    );
    // fib_10 moved +4.6 %: inside the threshold.
    let fib10 = c.benchmarks.iter().find(|r| r.name == "fib_10").unwrap();
    assert_eq!(fib10.verdict, Verdict::Unchanged);
}

#[test]
fn damaged_inputs_name_the_line() {
    let full = text("run1.stdout.txt");
    let cut = &full[..full.find("1.57").unwrap()];
    let e = parse(cut).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(6)));
    let cut_name = &full[..full.find("nested::str").unwrap() + 8];
    let e = parse(cut_name).unwrap_err();
    assert_eq!(e.info().line, Some(6));
    assert!(e.to_string().contains("cut short"), "{e}");
    let altered = full.replace("533.75 ns/iter", "533.7S ns/iter");
    let e = parse(&altered).unwrap_err();
    assert_eq!(e.info().line, Some(7));
    assert!(e.to_string().contains("'533.7S' is not a number"), "{e}");
    let twice = full.clone() + &full;
    let e = parse(&twice).unwrap_err();
    assert!(e.to_string().contains("already appeared on line 3"), "{e}");
    let json = text("run3-format-json.stdout.txt")
        .replace("\"median\": 116.4786859601095", "\"median\": \"fast\"");
    let e = parse(&json).unwrap_err();
    assert_eq!(e.info().line, Some(5));
    assert_eq!(e.info().field.as_deref(), Some("median"));
}
