//! Go `go test -bench`: facts of the real go 1.19.8 fixtures (`-count 5` text and `-json`
//! events), several packages and `-cpu` lists built from the same real lines, and damage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use benchcore::{
    compare, parse_bytes, CompareOptions, Direction, Error, MetricKind, ParseOptions, Run, Verdict,
};

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/go")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Result<Run, Error> {
    parse_bytes("bench.txt", text.as_bytes(), &ParseOptions::default())
}

#[test]
fn count_5_gives_five_samples_per_metric() {
    let run = parse(&text("run1.txt")).unwrap();
    assert_eq!(run.source.format, "go");
    assert_eq!(run.environment.os.as_deref(), Some("linux"));
    assert_eq!(run.environment.arch.as_deref(), Some("amd64"));
    assert_eq!(run.environment.cpu.as_deref(), Some("AMD EPYC"));
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BenchmarkFib/n=10-2",
            "BenchmarkFib/n=20-2",
            "BenchmarkJoinWords-2",
            "BenchmarkSortInts-2",
            "BenchmarkAllocMap-2"
        ]
    );
    for b in &run.benchmarks {
        assert_eq!(b.group.as_deref(), Some("example.com/benchfix"));
        for m in &b.measurements {
            assert_eq!(m.samples.len(), 5, "{} {}", b.name, m.metric.name);
        }
    }
    let fib = run.benchmark("BenchmarkFib/n=20-2").unwrap();
    assert_eq!(
        fib.measurement("time").unwrap().samples,
        [34044.0, 36789.0, 35663.0, 37147.0, 38527.0]
    );
    assert_eq!(
        fib.extra["iterations"],
        serde_json::json!([4903, 5086, 5211, 5128, 4879])
    );
    let sort = run.benchmark("BenchmarkSortInts-2").unwrap();
    let thr = sort.measurement("throughput").unwrap();
    assert_eq!(
        (thr.metric.unit.as_str(), thr.samples[0]),
        ("B/s", 333.38e6)
    );
    assert_eq!(thr.metric.direction, Direction::HigherIsBetter);
    let bytes = sort.measurement("allocated_bytes").unwrap();
    assert_eq!(
        (bytes.metric.unit.as_str(), bytes.metric.kind),
        ("B", MetricKind::Memory)
    );
    let allocs = sort.measurement("allocations").unwrap();
    assert_eq!(
        (allocs.metric.unit.as_str(), allocs.metric.kind),
        ("allocs", MetricKind::Count)
    );
    let custom = run
        .benchmark("BenchmarkAllocMap-2")
        .unwrap()
        .measurement("entries/op")
        .unwrap();
    assert_eq!(custom.metric.kind, MetricKind::Other);
    assert_eq!(custom.metric.direction, Direction::LowerIsBetter);
    assert_eq!(custom.samples, [16.0; 5]);
}

#[test]
fn test2json_events_are_joined_per_package() {
    let run = parse(&text("run3-json.jsonl")).unwrap();
    assert_eq!(run.time.as_deref(), Some("2026-11-26T16:00:34.303503322Z"));
    assert_eq!(run.environment.cpu.as_deref(), Some("AMD EPYC"));
    let names: Vec<&str> = run.benchmarks.iter().map(|b| b.name.as_str()).collect();
    // The bare `BenchmarkFib` / `BenchmarkFib/n=10` lines test2json adds are not results.
    assert_eq!(names, ["BenchmarkFib/n=10-2", "BenchmarkFib/n=20-2"]);
    // Each n=20 result was split over two events.
    let fib = run.benchmark("BenchmarkFib/n=20-2").unwrap();
    assert_eq!(fib.measurement("time").unwrap().samples, [23348.0, 23401.0]);
    assert_eq!(fib.group.as_deref(), Some("example.com/benchfix"));
    // Lines of the go command before the events do not hide them.
    let noisy = format!(
        "go: downloading example.com/dep v1.0.0\n{}",
        text("run3-json.jsonl")
    );
    assert_eq!(parse(&noisy).unwrap().benchmarks, run.benchmarks);
}

#[test]
fn packages_and_cpu_lists_keep_benchmarks_apart() {
    let one = text("run1.txt");
    // A second package with the same benchmark names, and a `-cpu 1` block without `-2`.
    let other = one.replace("example.com/benchfix", "example.com/other");
    let cpu1 = one.replace("-2 ", "   ");
    let run = parse(&format!("{one}{other}{cpu1}")).unwrap();
    assert_eq!(run.benchmarks.len(), 15);
    let a = run
        .benchmark("example.com/benchfix.BenchmarkFib/n=20-2")
        .unwrap();
    let b = run
        .benchmark("example.com/other.BenchmarkFib/n=20-2")
        .unwrap();
    assert_eq!(a.group.as_deref(), Some("example.com/benchfix"));
    assert_eq!(b.group.as_deref(), Some("example.com/other"));
    assert_eq!(a.measurement("time").unwrap().samples.len(), 5);
    let single = run.benchmark("BenchmarkFib/n=20").unwrap();
    assert_eq!(single.measurement("time").unwrap().samples.len(), 5);
}

#[test]
fn crlf_and_colour_read_the_same() {
    let plain = parse(&text("run1.txt")).unwrap();
    let decorated = text("run1.txt")
        .replace("PASS", "\u{1b}[32mPASS\u{1b}[0m")
        .replace('\n', "\r\n");
    assert_eq!(parse(&decorated).unwrap().benchmarks, plain.benchmarks);
}

#[test]
fn run_against_itself_and_the_slow_run() {
    let a = parse(&text("run1.txt")).unwrap();
    let b = parse(&text("run2-slow.txt")).unwrap();
    let same = compare(&a, &a, &CompareOptions::default()).unwrap();
    assert_eq!(same.summary.regressed + same.summary.improved, 0);
    let c = compare(&a, &b, &CompareOptions::default()).unwrap();
    let row = |name: &str, metric: &str| {
        c.benchmarks
            .iter()
            .find(|r| r.name == name && r.metric == metric)
            .unwrap()
    };
    assert_eq!(
        row("BenchmarkFib/n=20-2", "time").verdict,
        Verdict::Regressed
    );
    assert_eq!(
        row("BenchmarkFib/n=10-2", "time").verdict,
        Verdict::Unchanged
    );
    // Allocation counts did not move.
    assert_eq!(
        row("BenchmarkJoinWords-2", "allocations").verdict,
        Verdict::Unchanged
    );
}

#[test]
fn damaged_inputs_name_the_line() {
    let full = text("run1.txt");
    let e = parse(&full[..full.find("35663").unwrap() + 5]).unwrap_err();
    assert_eq!((e.code(), e.info().line), ("parse-error", Some(12)));
    // Cut inside `MB/s`: refused rather than read as a metric named `MB`.
    let e = parse(&full[..full.find("333.38 MB/s").unwrap() + 9]).unwrap_err();
    assert_eq!(e.info().line, Some(20));
    assert!(e.to_string().contains("cut short"), "{e}");
    let e = parse(&full.replacen("23996 ns/op", "2399x ns/op", 1)).unwrap_err();
    assert_eq!(e.info().line, Some(20));
    assert!(
        e.to_string().contains("'2399x' (ns/op) is not a number"),
        "{e}"
    );
    let json = text("run3-json.jsonl");
    let e = parse(&json[..json.len() - 40]).unwrap_err();
    assert_eq!(e.info().line, Some(16));
    let e = parse_bytes(
        "bench.txt",
        b"PASS\nok  \texample.com/benchfix\t0.3s\n",
        &ParseOptions {
            format: benchcore::Format::Go,
            ..ParseOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("no benchmark result lines"), "{e}");
}
