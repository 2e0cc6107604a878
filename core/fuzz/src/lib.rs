//! The fuzz harnesses of benchcore, one function per cargo-fuzz target (`fuzz_targets/*.rs` are
//! one-line wrappers). The same functions replay the crashing inputs kept in
//! `tests/fixtures/fuzz-regressions/<target>/` from `core/tests/fuzz_regressions.rs`, so a crash
//! found once stays a test on stable Rust.
//!
//! Each harness feeds untrusted bytes to a public entry point and checks that the call returns
//! (a value or an `Error`, never a panic, hang or runaway allocation) and, where a result comes
//! back, a few properties that must hold for any input: parsed runs validate and round-trip
//! through JSON, their ids are their content hashes, rendered reports contain no control or
//! bidi characters and none of the injection payloads the generators plant in names.
//!
//! Inputs of the operation targets are either *structured* (the bytes drive a small generator of
//! runs, series and options; see [`Bytes`]) or, when the first byte is a multiple of 4, *files*:
//! the rest split at NUL bytes into an options JSON text and tool outputs (the seed corpora made
//! by `src/seeds.rs` from `tests/fixtures` and `tests/vectors` use this form). Options are
//! always JSON text through the core's own `from_json` / serde, so unknown keys, wrong types and
//! out-of-range values take the same path as on every surface.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "gen.rs"]
pub mod gen;
#[path = "seeds.rs"]
pub mod seeds;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use benchcore::{
    backtest_with, check_with, compare as core_compare, detect as core_detect, export,
    import_gab as core_import_gab, load_files, parse_bytes, parse_series, parse_tree,
    plan_retention, render_check_json, render_check_markdown, render_check_table, render_json,
    render_markdown, render_table, series as core_series, tree_baselines, Bundle, CheckOptions,
    CompareOptions, DetectOptions, Detector, Format, GabImportOptions, History, HistoryRun,
    LoadOptions, MemTree, ParseOptions, RetentionOptions, Run, Series, SeriesInput, SeriesOptions,
    TableOptions,
};

pub use gen::Bytes;

/// A harness: untrusted bytes in, a panic on any failure.
pub type Harness = fn(&[u8]);

/// Every harness by target name, for the regression replayer.
pub const TARGETS: [(&str, Harness); 10] = [
    ("parse", parse),
    ("criterion_tree", criterion_tree),
    ("history_load", history_load),
    ("json_shapes", json_shapes),
    ("compare", compare),
    ("check", check),
    ("backtest", backtest),
    ("detect", detect),
    ("series_export", series_export),
    ("import_gab", import_gab),
];

/// Substrings that must never reach a rendered report verbatim (the generators put them into
/// names, commits and branches).
const RAW_IN_MARKDOWN: [&str; 5] = [
    "<script",
    "@octocat",
    "](javascript:",
    "<img",
    "\n| injected |",
];

/// Characters no text report may contain: controls other than `\n`, and bidi overrides.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// A terminal or Markdown report must be inert.
pub fn assert_inert(text: &str, markdown: bool) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("report contains {c:?}: {text:?}");
    }
    if markdown {
        for raw in RAW_IN_MARKDOWN {
            assert!(
                !text.contains(raw),
                "Markdown report contains {raw:?}: {text}"
            );
        }
    }
}

/// A run a parser or the history returned must be valid, carry its content id and survive a
/// JSON round trip unchanged.
pub fn assert_sound_run(run: &Run) {
    run.validate("fuzz").expect("a returned run validates");
    assert_eq!(
        run.id,
        run.compute_id(),
        "a returned run carries its content id"
    );
    let text = serde_json::to_string(run).expect("a run serializes");
    let back = Run::from_json(&text, "fuzz").expect("a run's JSON reads back");
    assert_eq!(&back, run, "JSON round trip");
}

fn file_mode(data: &[u8]) -> Option<(String, Vec<&[u8]>)> {
    let (&first, rest) = data.split_first()?;
    if first % 4 != 0 {
        return None;
    }
    let mut parts = rest.split(|&b| b == 0);
    let options = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    Some((options, parts.collect()))
}

fn parse_files(files: &[&[u8]], branch: bool) -> Vec<Run> {
    files
        .iter()
        .enumerate()
        .filter_map(|(i, bytes)| {
            let opts = ParseOptions {
                branch: branch.then(|| "main".to_string()),
                time: Some(format!("2026-01-{:02}T00:00:00Z", (i % 28) + 1)),
                commit: Some(format!("{i:040x}")),
                ..ParseOptions::default()
            };
            parse_bytes(&format!("file{i}"), bytes, &opts).ok()
        })
        .collect()
}

// ------------------------------------------------------------------------------------------
// Parsers

/// Every parser: the bytes as one file, under each explicit format and under `auto`.
pub fn parse(data: &[u8]) {
    let mut formats = vec![Format::Auto];
    formats.extend(Format::ALL);
    for format in formats {
        let opts = ParseOptions {
            format,
            ..ParseOptions::default()
        };
        match parse_bytes("fuzz.txt", data, &opts) {
            Ok(run) => {
                assert_sound_run(&run);
                if format == Format::Auto {
                    // What auto-detection read, the explicit format reads the same way.
                    let explicit = ParseOptions {
                        format: Format::from_name(&run.source.format).unwrap_or(Format::Auto),
                        ..ParseOptions::default()
                    };
                    if explicit.format != Format::Auto {
                        let again = parse_bytes("fuzz.txt", data, &explicit)
                            .expect("explicit format of a detected input");
                        assert_eq!(again, run, "auto and explicit {:?} differ", explicit.format);
                    }
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

/// Split `data` into files: records separated by NUL, each `relative/path\ncontent`.
pub fn tree_files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.split(|&b| b == 0)
        .filter_map(|rec| {
            let nl = rec.iter().position(|&b| b == b'\n')?;
            let path = String::from_utf8_lossy(&rec[..nl]).into_owned();
            Some((path, rec[nl + 1..].to_vec()))
        })
        .collect()
}

/// A criterion tree (`MemTree`) built from the input, parsed for every baseline it lists and
/// for a few names it does not.
pub fn criterion_tree(data: &[u8]) {
    let tree = MemTree::new("target/criterion", tree_files(data));
    let mut baselines = tree_baselines(&tree);
    baselines.sort();
    let mut names: Vec<Option<String>> = baselines.into_iter().map(Some).collect();
    names.extend([
        None,
        Some("no-such-baseline".to_string()),
        Some("..".to_string()),
    ]);
    for baseline in names {
        for format in [Format::Auto, Format::Criterion, Format::PytestBenchmark] {
            let opts = ParseOptions {
                format,
                baseline: baseline.clone(),
                ..ParseOptions::default()
            };
            if let Ok(run) = parse_tree(&tree, &opts) {
                assert_sound_run(&run);
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// History

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // scripts/fuzz.sh points this at a tmpfs (fsync is most of the cost of a write).
        let base = std::env::var_os("BENCHCORE_FUZZ_SCRATCH")
            .map_or_else(std::env::temp_dir, PathBuf::from);
        let dir = base.join(format!("benchcore-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

/// Lay out a history at `dir` holding one record (and optionally a sidecar and a marker).
fn write_history(
    dir: &Path,
    id: &str,
    record: &[u8],
    sidecar: Option<&[u8]>,
    marker: Option<&[u8]>,
) {
    let _ = std::fs::remove_dir_all(dir);
    let shard = &id[..2];
    std::fs::create_dir_all(dir.join("runs").join(shard)).unwrap();
    std::fs::write(
        dir.join("runs").join(shard).join(format!("{id}.json")),
        record,
    )
    .unwrap();
    if let Some(side) = sidecar {
        std::fs::create_dir_all(dir.join("samples").join(shard)).unwrap();
        std::fs::write(
            dir.join("samples").join(shard).join(format!("{id}.json")),
            side,
        )
        .unwrap();
    }
    if let Some(m) = marker {
        std::fs::write(dir.join("history.json"), m).unwrap();
    }
}

/// The run id a history record names itself with, or 32 hex digits made of `fallback`.
fn record_id(record: &[u8], fallback: &[u8]) -> String {
    let key = b"\"id\":\"";
    if let Some(at) = record.windows(key.len()).position(|w| w == key) {
        let start = at + key.len();
        if let Some(id) = record.get(start..start + 32) {
            if id
                .iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            {
                return String::from_utf8_lossy(id).into_owned();
            }
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    (0..32)
        .map(|i| HEX[usize::from(fallback.get(i).copied().unwrap_or(0) % 16)] as char)
        .collect()
}

/// A history of one fuzzed record (`mode byte`, then record, NUL, sidecar, NUL, marker), loaded
/// with and without samples and filters; whatever loads is re-added to a second history and
/// must load back the same.
pub fn history_load(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let record = parts.next().unwrap_or_default();
    let sidecar = parts.next();
    let marker = parts.next();
    let id = record_id(record, rest);
    let dir = scratch().join("a");
    write_history(&dir, &id, record, sidecar, marker.filter(|_| mode & 8 != 0));
    let h = History::open(&dir);
    let filtered = LoadOptions {
        branch: (mode & 4 != 0).then(|| "main".to_string()),
        since: (mode & 16 != 0).then(|| "2020-01-01T00:00:00Z".to_string()),
        strict: mode & 2 != 0,
        ..LoadOptions::default()
    };
    let _ = h.load(&filtered);
    let with_samples = LoadOptions {
        samples: true,
        ..LoadOptions::default()
    };
    // The same files loaded from memory (the WASM / Node path) must give the same history.
    let shard = &id[..2];
    let mut files = vec![(format!("runs/{shard}/{id}.json"), record.to_vec())];
    if let Some(side) = sidecar {
        files.push((format!("samples/{shard}/{id}.json"), side.to_vec()));
    }
    if let Some(m) = marker.filter(|_| mode & 8 != 0) {
        files.push(("history.json".to_string(), m.to_vec()));
    }
    let from_memory = load_files(&dir.display().to_string(), files, &with_samples);
    let from_disk = h.load(&with_samples);
    match (&from_disk, &from_memory) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.runs, b.runs, "load and load_files differ");
            let codes = |l: &benchcore::LoadedHistory| -> Vec<&'static str> {
                l.errors.iter().map(benchcore::Error::code).collect()
            };
            assert_eq!(codes(a), codes(b), "{:?} / {:?}", a.errors, b.errors);
        }
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{a} / {b}"),
        (a, b) => panic!("load and load_files disagree: {a:?} / {b:?}"),
    }
    let Ok(loaded) = from_disk else {
        return;
    };
    for e in &loaded.errors {
        assert!(!e.to_string().is_empty());
    }
    let _ = h.prune(
        &RetentionOptions {
            keep_last: Some(1),
            ..RetentionOptions::default()
        },
        "2030-01-01T00:00:00Z",
        false,
    );
    if !loaded.errors.is_empty() {
        return;
    }
    for hr in &loaded.runs {
        assert_eq!(
            hr.run.id, id,
            "a loaded run is the one its file is named after"
        );
        let Ok(refinalized) = hr.run.clone().finalize("fuzz") else {
            continue;
        };
        let again_dir = scratch().join("b");
        let _ = std::fs::remove_dir_all(&again_dir);
        let again = History::open(&again_dir);
        let added = again
            .add(&refinalized, &hr.added_at)
            .expect("a loaded run can be stored again");
        // What encode_run says to write is what History::add wrote.
        let root = again_dir.display().to_string();
        let encoded = benchcore::encode_run(&root, &refinalized, &hr.added_at, None)
            .expect("a storable run encodes");
        assert_eq!(encoded.record.path, added.path);
        let written = std::fs::read_to_string(&added.path).expect("the record was written");
        assert_eq!(
            encoded.record.content, written,
            "encode_run and History::add differ"
        );
        let back = again.load(&with_samples).expect("a stored run loads");
        assert!(back.errors.is_empty(), "{:?}", back.errors);
        assert_eq!(back.runs.len(), 1);
        assert_eq!(back.runs[0].run, refinalized, "history round trip");
        assert_eq!(back.runs[0].added_at, hr.added_at);
    }
}

/// github-action-benchmark histories (`data.js` or its JSON); odd lengths name a branch.
pub fn import_gab(data: &[u8]) {
    let options = GabImportOptions {
        branch: (data.len() % 2 == 1).then(|| "main".to_string()),
    };
    if let Ok(imported) = core_import_gab("data.js", data, &options) {
        for run in &imported.runs {
            assert_sound_run(run);
        }
    }
}

// ------------------------------------------------------------------------------------------
// JSON shapes and options

/// Every JSON shape a surface accepts, from the same text: runs, bundles, series inputs and
/// each options struct (through `from_json` where the core has one, serde + `validate` else).
pub fn json_shapes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(run) = Run::from_json(text, "run.json") {
        // A run read from JSON validates; its id is whatever the JSON said.
        run.validate("run.json").expect("from_json validates");
    }
    if let Ok(bundle) = Bundle::from_json(text, "bundle.json") {
        let again = serde_json::to_string(&bundle).expect("a bundle serializes");
        Bundle::from_json(&again, "bundle.json").expect("a bundle reads back");
    }
    let _ = CompareOptions::from_json(text);
    let _ = DetectOptions::from_json(text);
    let _ = CheckOptions::from_json(text);
    if let Ok(o) = serde_json::from_str::<ParseOptions>(text) {
        let _ = o.validate();
    }
    if let Ok(o) = serde_json::from_str::<LoadOptions>(text) {
        let _ = o.validate();
    }
    if let Ok(o) = serde_json::from_str::<RetentionOptions>(text) {
        let _ = o.validate();
    }
    let _ = serde_json::from_str::<SeriesOptions>(text);
    let _ = serde_json::from_str::<GabImportOptions>(text);
    // The readers of the Python / JavaScript arguments (a JSON value, exact floats).
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Ok(s) = benchcore::series_from_json(value.clone(), "series") {
            let _ = s.validate();
        }
        let _ = benchcore::series_list_from_json(value.clone(), "history");
        if let Ok(runs) = Run::list_from_value(value.clone(), "runs") {
            for r in &runs {
                r.validate("runs").expect("list_from_value validates");
            }
        }
        let _ = HistoryRun::list_from_value(value, "runs");
    }
    if let Ok(inputs) = serde_json::from_str::<Vec<SeriesInput>>(text) {
        for i in inputs {
            let _ = i.into_series();
        }
    }
}

// ------------------------------------------------------------------------------------------
// Operations

fn render_comparison(c: &benchcore::Comparison) {
    for show_unchanged in [true, false] {
        let t = render_table(
            c,
            &TableOptions {
                color: false,
                show_unchanged,
            },
        );
        assert_inert(&t, false);
    }
    assert_inert(&render_markdown(c), true);
    let json = render_json(c);
    serde_json::from_str::<serde_json::Value>(&json).expect("render_json is JSON");
}

/// `compare` of two generated (or parsed) runs with arbitrary options, then every renderer.
pub fn compare(data: &[u8]) {
    let (options, runs) = match file_mode(data) {
        Some((options, files)) => (options, parse_files(&files, false)),
        None => {
            let mut b = Bytes::new(data.get(1..).unwrap_or_default());
            let runs = vec![gen::run(&mut b, 8), gen::run(&mut b, 8)];
            let options = gen::options(&mut b, &CompareOptions::default());
            (options, runs.into_iter().flatten().collect())
        }
    };
    let Ok(opts) = CompareOptions::from_json(&options) else {
        return;
    };
    let [baseline, candidate] = &runs[..] else {
        return;
    };
    if let Ok(c) = core_compare(baseline, candidate, &opts) {
        render_comparison(&c);
    }
}

/// `check` of a candidate against the series of a generated (or parsed) history, with change
/// points given or detected and arbitrary options, then every renderer.
pub fn check(data: &[u8]) {
    let (options, mut runs, cps, extra) = match file_mode(data) {
        Some((options, files)) => (options, parse_files(&files, true), None, Vec::new()),
        None => {
            let mut b = Bytes::new(data.get(1..).unwrap_or_default());
            let n = b.below(12);
            let runs: Vec<Run> = (0..=n).filter_map(|_| gen::run(&mut b, 4)).collect();
            let cps = b.bool().then(|| gen::change_point_refs(&mut b));
            let extra = (0..b.below(3)).map(|_| gen::series(&mut b)).collect();
            let options = gen::options(&mut b, &CheckOptions::default());
            (options, runs, cps, extra)
        }
    };
    let Ok(opts) = CheckOptions::from_json(&options) else {
        return;
    };
    let Some(candidate) = runs.pop() else { return };
    let mut history: Vec<Series> = match core_series(runs.iter(), &SeriesOptions::default()) {
        Ok(s) => s,
        Err(_) => return,
    };
    history.extend(extra);
    if let Ok(report) = check_with(&candidate, &history, &opts, cps.as_deref()) {
        for show_unchanged in [true, false] {
            assert_inert(
                &render_check_table(
                    &report,
                    &TableOptions {
                        color: false,
                        show_unchanged,
                    },
                ),
                false,
            );
        }
        assert_inert(&render_check_markdown(&report), true);
        serde_json::from_str::<serde_json::Value>(&render_check_json(&report)).expect("check JSON");
    }
}

/// The series of a file-mode input: the text after the options, read like `detect --series`.
fn series_file(files: &[&[u8]]) -> Vec<Series> {
    files
        .first()
        .and_then(|bytes| parse_series("series.txt", bytes).ok())
        .map(|f| f.series)
        .unwrap_or_default()
}

/// `backtest` of a generated series (or a `--series` file) with given or detected change
/// points and arbitrary options.
pub fn backtest(data: &[u8]) {
    let (options, series, cps) = match file_mode(data) {
        Some((options, files)) => (options, series_file(&files), None),
        None => {
            let mut b = Bytes::new(data.get(1..).unwrap_or_default());
            let s = gen::series(&mut b);
            let cps: Option<Vec<usize>> = b
                .bool()
                .then(|| (0..b.below(4)).map(|_| b.below(200)).collect());
            (gen::options(&mut b, &CheckOptions::default()), vec![s], cps)
        }
    };
    let Ok(opts) = CheckOptions::from_json(&options) else {
        return;
    };
    for s in &series {
        if let Ok(alarms) = backtest_with(s, &opts, cps.as_deref()) {
            for a in &alarms {
                assert!(a.index < s.points.len(), "alarm beyond the series");
            }
        }
    }
}

/// `detect` (batch) and the incremental `Detector` over generated series (or a `--series`
/// file) with arbitrary options.
pub fn detect(data: &[u8]) {
    let (options, series) = match file_mode(data) {
        Some((options, files)) => (options, series_file(&files)),
        None => {
            let mut b = Bytes::new(data.get(1..).unwrap_or_default());
            let series = (0..=b.below(3)).map(|_| gen::series(&mut b)).collect();
            (gen::options(&mut b, &DetectOptions::default()), series)
        }
    };
    let Ok(opts) = DetectOptions::from_json(&options) else {
        return;
    };
    if let Ok(d) = core_detect(&series, &opts) {
        assert_eq!(d.series.len(), series.len());
        for (found, s) in d.series.iter().zip(&series) {
            for c in &found.change_points {
                assert!(
                    c.index < s.points.len().max(1),
                    "change point beyond the series"
                );
            }
        }
    }
    for s in &series {
        let mut empty = s.clone();
        empty.points.clear();
        if let Ok(mut det) = Detector::new(&empty, &opts) {
            for p in &s.points {
                if det.push(p).is_err() {
                    break;
                }
            }
            let _ = det.change_points();
        }
    }
}

/// `series`, `export` (and the bundle's JSON round trip) and retention over generated (or
/// parsed) runs stamped with arbitrary `added_at` times.
pub fn series_export(data: &[u8]) {
    let (options, runs, retention, stamps) = match file_mode(data) {
        Some((options, files)) => {
            let n = files.len();
            (
                options,
                parse_files(&files, true),
                RetentionOptions {
                    keep_last: Some(2),
                    ..RetentionOptions::default()
                },
                vec![String::from("2026-01-01T00:00:00Z"); n],
            )
        }
        None => {
            let mut b = Bytes::new(data.get(1..).unwrap_or_default());
            let n = b.below(10);
            let runs: Vec<Run> = (0..=n).filter_map(|_| gen::run(&mut b, 4)).collect();
            let stamps = (0..runs.len()).map(|_| gen::time(&mut b)).collect();
            let retention = gen::options(
                &mut b,
                &RetentionOptions {
                    keep_last: Some(3),
                    ..RetentionOptions::default()
                },
            );
            let retention = serde_json::from_str(&retention).unwrap_or_default();
            (
                gen::options(&mut b, &SeriesOptions::default()),
                runs,
                retention,
                stamps,
            )
        }
    };
    let Ok(opts) = serde_json::from_str::<SeriesOptions>(&options) else {
        return;
    };
    let history: Vec<HistoryRun> = runs
        .into_iter()
        .zip(stamps)
        .map(|(run, added_at)| HistoryRun { added_at, run })
        .collect();
    if let Ok(all) = core_series(history.iter().map(|h| &h.run), &opts) {
        for s in &all {
            assert!(s.points.len() <= history.len());
        }
    }
    if let Ok(bundle) = export(&history, &opts) {
        let text = serde_json::to_string(&bundle).expect("bundle JSON");
        let back = Bundle::from_json(&text, "bundle.json").expect("bundle reads back");
        assert_eq!(
            serde_json::to_string(&back).expect("bundle JSON"),
            text,
            "bundle round trip"
        );
    }
    let _ = plan_retention(&history, &retention, "2026-06-01T00:00:00Z");
}
