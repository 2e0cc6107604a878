//! Absurd inputs get a clear error or are handled gracefully, in bounded time and memory: files
//! above `max_input_bytes` inside directories (any `Tree`), JSON nested a million deep (for
//! every JSON format, also inside keys a parser ignores), text formats with one enormous line,
//! 50,000 benchmarks (compare pairs them by a hash index, no longer O(n²)), and 100 KB benchmark names in reports. `scripts/limits.sh` measures the
//! larger cases (a million benchmarks, 200 MB files) on the release CLI with peak RSS; the
//! figures are in SECURITY.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use benchcore::{
    compare, parse_bytes, parse_path, parse_tree, render_markdown, render_table, CompareOptions,
    Format, MemTree, ParseOptions, TableOptions,
};

const MB: usize = 1024 * 1024;

fn with_format(format: Format) -> ParseOptions {
    ParseOptions {
        format,
        ..ParseOptions::default()
    }
}

fn criterion_tree_files() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn files_inside_directories_honour_max_input_bytes_on_every_tree() {
    let files = criterion_tree_files();
    let biggest = files
        .iter()
        .filter(|(p, _)| p.ends_with(".json") && p.contains("/new/"))
        .map(|(_, c)| c.len())
        .max()
        .unwrap();
    let tree = MemTree::new("mem/target/criterion", files);
    let ok = parse_tree(&tree, &ParseOptions::default()).unwrap();
    assert!(!ok.benchmarks.is_empty());
    let small = ParseOptions {
        max_input_bytes: biggest as u64 - 1,
        ..ParseOptions::default()
    };
    let e = parse_tree(&tree, &small).unwrap_err();
    assert_eq!(e.code(), "limit-exceeded", "{e}");
    assert!(e.to_string().starts_with("mem/target/criterion/"), "{e}");

    // The same tree on disk, through parse_path: refused by size before reading.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion");
    let e = parse_path(dir.to_str().unwrap(), &small).unwrap_err();
    assert_eq!(e.code(), "limit-exceeded", "{e}");
}

/// Every explicit format and `auto` on `bytes`: an error (never a panic or a stack overflow).
/// No wall-clock assertion (speed is measured in benches): a hang shows as the suite's timeout.
fn all_formats_refuse(label: &str, bytes: &[u8]) {
    let mut formats = vec![Format::Auto];
    formats.extend(Format::ALL.into_iter().filter(|f| *f != Format::Criterion));
    for f in formats {
        let r = parse_bytes(label, bytes, &with_format(f));
        let e = r.expect_err(f.name());
        assert!(
            e.to_string().contains(label),
            "{}: the error names the file: {e}",
            f.name()
        );
    }
}

#[test]
fn json_nested_a_million_deep_is_a_parse_error_for_every_format() {
    let deep = "[".repeat(MB);
    all_formats_refuse("deep.json", deep.as_bytes());
    let deep_obj = "{\"a\":".repeat(MB / 5);
    all_formats_refuse("deep-object.json", deep_obj.as_bytes());
}

#[test]
fn deep_nesting_inside_keys_a_parser_ignores_is_refused_too() {
    let deep = "[".repeat(MB);
    let cases = [
        (
            Format::PytestBenchmark,
            format!("{{\"machine_info\": {{\"x\": {deep}"),
        ),
        (
            Format::GoogleBenchmark,
            format!("{{\"context\": {{}}, \"benchmarks\": [], \"x\": {deep}"),
        ),
        (
            Format::Bmf,
            format!("{{\"b\": {{\"latency\": {{\"value\": 1, \"x\": {deep}"),
        ),
        (
            Format::Hyperfine,
            format!("{{\"results\": [{{\"command\": \"c\", \"parameters\": {deep}"),
        ),
    ];
    for (format, text) in cases {
        for f in [format, Format::Auto] {
            let e = parse_bytes("nested.json", text.as_bytes(), &with_format(f)).unwrap_err();
            assert!(
                ["parse-error", "unknown-format"].contains(&e.code()),
                "{}: {e}",
                f.name()
            );
        }
    }
}

#[test]
fn one_enormous_line_in_text_formats_is_refused() {
    // 32 MiB on one line after the start of a line each text parser looks for.
    for prefix in [
        "BenchmarkFoo-8 \t 1000 \t ",
        "test foo ... bench: ",
        "Running 10s test @ http://x\n",
        "Summary:\n  Total:\t",
        "heaptrack stats:\n\tallocations:\t",
        "foo x ",
        "command,mean,stddev\n",
    ] {
        let mut text = String::with_capacity(32 * MB + 64);
        text.push_str(prefix);
        text.extend(std::iter::repeat_n('9', 32 * MB));
        let r = parse_bytes("line.txt", text.as_bytes(), &ParseOptions::default());
        if let Err(e) = r {
            assert!(e.to_string().contains("line.txt"), "{e}");
        }
    }
}

#[test]
fn fifty_thousand_benchmarks_parse_compare_and_render() {
    // Go's text output: one line per benchmark.
    let mut text = String::from("goos: linux\ngoarch: amd64\npkg: x\n");
    for i in 0..50_000 {
        writeln!(
            text,
            "BenchmarkB{i}-8   \t 1000000 \t {} ns/op",
            100 + i % 7
        )
        .unwrap();
    }
    text.push_str("PASS\nok  \tx\t1.0s\n");
    let run = parse_bytes("many.txt", text.as_bytes(), &with_format(Format::Go)).unwrap();
    assert_eq!(run.benchmarks.len(), 50_000);
    let c = compare(&run, &run, &CompareOptions::default()).unwrap();
    assert_eq!(c.benchmarks.len(), 50_000);
    let table = render_table(&c, &TableOptions::default());
    let md = render_markdown(&c);
    assert!(table.lines().count() > 50_000);
    assert!(md.len() > 50_000);
}

#[test]
fn benchmark_names_of_100_kb_are_cut_in_reports_and_kept_in_json() {
    let name = format!("<b>{}</b>", "n".repeat(100 * 1024));
    let json = format!(
        r#"{{"{name}": {{"latency": {{"value": 100.0}}}}, "short": {{"latency": {{"value": 5.0}}}}}}"#
    );
    let base = parse_bytes("a.json", json.as_bytes(), &with_format(Format::Bmf)).unwrap();
    let json2 = json.replace("100.0", "150.0");
    let cand = parse_bytes("b.json", json2.as_bytes(), &with_format(Format::Bmf)).unwrap();
    assert_eq!(base.benchmarks[0].name.len(), name.len());
    let c = compare(
        &base,
        &cand,
        &CompareOptions {
            single_values: benchcore::SingleValues::Threshold,
            ..CompareOptions::default()
        },
    )
    .unwrap();
    let table = render_table(&c, &TableOptions::default());
    let md = render_markdown(&c);
    for (what, text) in [("table", &table), ("markdown", &md)] {
        assert!(text.len() < 20_000, "{what}: {} bytes", text.len());
        assert!(text.contains('…'), "{what}");
    }
    assert!(!md.contains("<b>"));
    let full = benchcore::render_json(&c);
    assert!(full.contains(&name), "JSON keeps the whole name");
}

#[test]
fn json_formats_with_200_000_benchmarks_parse_in_linear_time() {
    // BMF and github-action-benchmark's custom JSON once checked each name against every
    // earlier one (a million BMF benchmarks ran for over 3 minutes of CPU in a release build
    // without finishing). Both are O(n) now; a return to O(n^2) makes this test run for hours
    // rather than seconds, which the suite's timeout reports (no wall-clock assertion here).
    let n = 200_000;
    let mut bmf = String::from("{");
    let mut custom = String::from("[");
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        write!(bmf, "{sep}\"b{i}\": {{\"latency\": {{\"value\": 100.0}}}}").unwrap();
        write!(
            custom,
            "{sep}{{\"name\": \"b{i}\", \"unit\": \"ns\", \"value\": 100}}"
        )
        .unwrap();
    }
    bmf.push('}');
    custom.push(']');
    for (format, text) in [(Format::Bmf, bmf), (Format::CustomSmallerIsBetter, custom)] {
        let run = parse_bytes("many.json", text.as_bytes(), &with_format(format)).unwrap();
        assert_eq!(run.benchmarks.len(), n, "{format:?}");
    }
}
