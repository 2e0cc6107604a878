//! The seed corpus of every fuzz target, made from the repository's test data:
//! [`write_all`] writes `OUT_DIR/<target>/seed-NNNNN`, from `tests/fixtures` (real tool outputs,
//! criterion trees, github-action-benchmark histories, and a history made of them) and
//! `tests/vectors` (the options, runs and series of every golden case), in each target's input
//! form (see the crate docs). Files above 64 KiB are left out: they slow every mutation.
//! `scripts/fuzz.sh` calls it through `core/tests/fuzz_regressions.rs` (stable Rust, no
//! sanitizer flags), with `BENCHCORE_FUZZ_SEEDS=OUT_DIR`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use benchcore::{parse_path, History, ParseOptions};
use serde_json::Value;

const MAX_SEED: usize = 64 * 1024;

struct Out {
    dir: PathBuf,
    seen: BTreeSet<(String, Vec<u8>)>,
    count: usize,
    per_target: std::collections::BTreeMap<String, usize>,
}

impl Out {
    fn put(&mut self, target: &str, bytes: Vec<u8>) {
        if bytes.is_empty()
            || bytes.len() > MAX_SEED
            || !self.seen.insert((target.to_string(), bytes.clone()))
        {
            return;
        }
        let dir = self.dir.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        self.count += 1;
        *self.per_target.entry(target.to_string()).or_default() += 1;
        std::fs::write(dir.join(format!("seed-{:05}", self.count)), bytes).unwrap();
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// `[0] options NUL file NUL file …`: the file-mode input of the operation targets.
fn file_mode(options: &str, files: &[Vec<u8>]) -> Vec<u8> {
    let mut v = vec![0u8];
    v.extend_from_slice(options.as_bytes());
    for f in files {
        v.push(0);
        v.extend_from_slice(f);
    }
    v
}

/// Files of `dir` packed as the criterion_tree input (`path\ncontent`, NUL-separated).
fn pack_tree(dir: &Path) -> Vec<u8> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    let mut v = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.split('/').any(|c| c == "report") || !rel.ends_with(".json") {
            continue;
        }
        if !v.is_empty() {
            v.push(0);
        }
        v.extend_from_slice(rel.as_bytes());
        v.push(b'\n');
        v.extend_from_slice(&std::fs::read(&f).unwrap());
    }
    v
}

/// A series JSON value as the text `detect --series` reads (a JSON array of values).
fn series_text(series: &Value) -> Option<Vec<u8>> {
    let values: Vec<Value> = series
        .get("points")?
        .as_array()?
        .iter()
        .filter_map(|p| p.get("value").cloned())
        .collect();
    Some(Value::Array(values).to_string().into_bytes())
}

fn input_bytes(tests: &Path, input: &Value) -> Option<Vec<u8>> {
    if let Some(t) = input.get("text").and_then(Value::as_str) {
        return Some(t.as_bytes().to_vec());
    }
    let p = tests.join(input.get("path")?.as_str()?);
    p.is_file().then(|| std::fs::read(p).ok()).flatten()
}

/// Write the seeds of every target made from `tests` (the repository's `tests/`) under
/// `out_dir`; returns how many per target.
pub fn write_all(tests: &Path, out_dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut out = Out {
        dir: out_dir.to_path_buf(),
        seen: BTreeSet::new(),
        count: 0,
        per_target: Default::default(),
    };

    // Tool outputs as they are, for the parsers; criterion trees packed; gab histories.
    let mut fixtures = Vec::new();
    walk(&tests.join("fixtures"), &mut fixtures);
    for f in &fixtures {
        let bytes = std::fs::read(f).unwrap();
        out.put("parse", bytes.clone());
        if f.to_string_lossy().contains("github-action-benchmark") {
            out.put("import_gab", bytes.clone());
        }
        if f.file_name().is_some_and(|n| n == "benchmark.json") {
            // One benchmark's folder (`<bench>/<baseline>/benchmark.json`): its parent's parent.
            if let Some(bench) = f.parent().and_then(Path::parent) {
                out.put("criterion_tree", pack_tree(bench));
            }
        }
    }
    for f in &fixtures {
        if f.file_name().is_some_and(|n| n == "target-criterion") {
            out.put("criterion_tree", pack_tree(f));
        }
    }
    let mut dirs = BTreeSet::new();
    for f in &fixtures {
        let mut p = f.parent();
        while let Some(d) = p {
            if d.file_name().is_some_and(|n| n == "target-criterion") {
                dirs.insert(d.to_path_buf());
            }
            p = d.parent();
        }
    }
    for d in &dirs {
        out.put("criterion_tree", pack_tree(d));
    }

    // Groups of one tool's outputs (a directory's files): histories for check and export.
    let mut by_dir: std::collections::BTreeMap<PathBuf, Vec<Vec<u8>>> = Default::default();
    for f in &fixtures {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "md" || f.to_string_lossy().contains("target-criterion") {
            continue;
        }
        let bytes = std::fs::read(f).unwrap();
        if bytes.len() < MAX_SEED / 4 {
            by_dir
                .entry(f.parent().unwrap().to_path_buf())
                .or_default()
                .push(bytes);
        }
    }

    // The golden vectors: options, runs, series, inputs.
    let mut vectors = Vec::new();
    walk(&tests.join("vectors"), &mut vectors);
    let mut options: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for v in vectors
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let case: Value = serde_json::from_slice(&std::fs::read(v).unwrap()).unwrap();
        let op = case["op"].as_str().unwrap_or("").to_string();
        let args = &case["args"];
        let opts = args
            .get("options")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        out.put("json_shapes", opts.to_string().into_bytes());
        options
            .entry(op.clone())
            .or_default()
            .push(opts.to_string());
        for key in ["baseline", "candidate"] {
            if let Some(run) = args.get(key).and_then(|i| i.get("run")) {
                out.put("json_shapes", run.to_string().into_bytes());
            }
        }
        match op.as_str() {
            "parse" => {
                if let Some(b) = input_bytes(tests, args) {
                    out.put("parse", b);
                }
            }
            "import-gab" => {
                if let Some(b) = input_bytes(tests, args) {
                    out.put("import_gab", b);
                }
            }
            "compare" => {
                if let (Some(a), Some(b)) = (
                    input_bytes(tests, &args["baseline"]),
                    input_bytes(tests, &args["candidate"]),
                ) {
                    out.put("compare", file_mode(&opts.to_string(), &[a, b]));
                }
            }
            "detect" => {
                if let Some(t) = args.get("text").and_then(Value::as_str) {
                    out.put(
                        "detect",
                        file_mode(&opts.to_string(), &[t.as_bytes().to_vec()]),
                    );
                    out.put("backtest", file_mode("{}", &[t.as_bytes().to_vec()]));
                }
                if let Some(list) = args.get("series") {
                    out.put("json_shapes", list.to_string().into_bytes());
                    let lines: Vec<String> = list
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(Value::to_string)
                        .collect();
                    out.put(
                        "detect",
                        file_mode(&opts.to_string(), &[lines.join("\n").into_bytes()]),
                    );
                }
            }
            "backtest" => {
                if let Some(t) = args.get("series").and_then(series_text) {
                    out.put(
                        "backtest",
                        file_mode(&opts.to_string(), std::slice::from_ref(&t)),
                    );
                    out.put("detect", file_mode("{}", &[t]));
                }
            }
            "check" => {
                for s in args["history"].as_array().into_iter().flatten() {
                    if let Some(t) = series_text(s) {
                        out.put("backtest", file_mode(&opts.to_string(), &[t]));
                    }
                }
            }
            _ => {}
        }
    }
    for files in by_dir.values().filter(|f| f.len() >= 2) {
        for o in options
            .get("check")
            .into_iter()
            .flatten()
            .chain(&["{}".to_string()])
        {
            out.put("check", file_mode(o, files));
        }
        for o in options
            .get("series")
            .into_iter()
            .flatten()
            .chain(&["{}".to_string()])
        {
            out.put("series_export", file_mode(o, files));
        }
        for o in options.get("compare").into_iter().flatten().take(6) {
            out.put("compare", file_mode(o, &files[..2]));
        }
    }

    // A history made of real runs: each record with its sidecar, under a few load modes.
    let scratch = out.dir.join(".history");
    let _ = std::fs::remove_dir_all(&scratch);
    let history = History::open(&scratch);
    for (i, f) in fixtures.iter().enumerate() {
        if f.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let opts = ParseOptions {
            branch: Some(if i % 2 == 0 { "main" } else { "pr" }.into()),
            ..ParseOptions::default()
        };
        if let Ok(run) = parse_path(&f.to_string_lossy(), &opts) {
            out.put("json_shapes", serde_json::to_vec(&run).unwrap());
            let _ = history.add(&run, "2026-01-01T00:00:00Z");
        }
    }
    if let Ok(loaded) = history.load(&Default::default()) {
        if let Ok(bundle) = benchcore::export(
            &loaded.runs[..loaded.runs.len().min(4)],
            &Default::default(),
        ) {
            out.put("json_shapes", serde_json::to_vec(&bundle).unwrap());
        }
    }
    let marker = std::fs::read(scratch.join("history.json")).unwrap_or_default();
    let mut records = Vec::new();
    walk(&scratch.join("runs"), &mut records);
    for r in records {
        let side = scratch
            .join("samples")
            .join(r.strip_prefix(scratch.join("runs")).unwrap());
        for mode in [0u8, 1, 8 | 4, 16 | 2] {
            let mut v = vec![mode];
            v.extend(std::fs::read(&r).unwrap());
            if side.exists() {
                v.push(0);
                v.extend(std::fs::read(&side).unwrap());
                v.push(0);
                v.extend(&marker);
            }
            out.put("history_load", v);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);

    // Structured inputs for the operation targets: deterministic pseudo-random bytes.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for target in ["compare", "check", "backtest", "detect", "series_export"] {
        for _ in 0..16 {
            let bytes: Vec<u8> = std::iter::once(1)
                .chain((0..512).map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                }))
                .collect();
            out.put(target, bytes);
        }
    }
    out.per_target
}
