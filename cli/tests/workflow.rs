//! `.github/workflows/benchmarks.yml` cannot run here, so this reads it: valid YAML, the
//! triggers and the threshold knob the README promises, a pinned runner, the gate suite and the
//! pytest benches judged by this repository's action (`uses: ./`) and failing the run, the large
//! criterion suites run and recorded on main only and never failing it, benches and files that
//! exist, and every `benchcore` flag it uses known to this CLI's `--help` (so renaming a flag
//! breaks this test, not CI).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn workflow() -> (String, Yaml) {
    let text = std::fs::read_to_string(root().join(".github/workflows/benchmarks.yml")).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap();
    assert_eq!(docs.len(), 1);
    (text, docs.remove(0))
}

fn steps(job: &Yaml) -> &Vec<Yaml> {
    job["steps"].as_vec().unwrap()
}

#[test]
fn triggers_threshold_and_runner() {
    let (_, w) = workflow();
    let on = &w["on"];
    let push: Vec<&str> = on["push"]["branches"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(push, ["main"]);
    assert!(!on["pull_request"].is_badvalue());
    assert_eq!(
        on["workflow_dispatch"]["inputs"]["threshold"]["default"].as_str(),
        Some("10")
    );
    let threshold = w["env"]["BENCHCORE_THRESHOLD"].as_str().unwrap();
    assert!(
        threshold.contains("inputs.threshold")
            && threshold.contains("vars.BENCHCORE_THRESHOLD")
            && threshold.contains("'10'"),
        "{threshold}"
    );
    let jobs = w["jobs"].as_hash().unwrap();
    assert!(!jobs.is_empty());
    for (name, job) in jobs {
        let runs_on = job["runs-on"].as_str().unwrap();
        assert!(
            runs_on.starts_with("ubuntu-") && !runs_on.ends_with("-latest"),
            "{name:?} runs on {runs_on}: pin one runner image"
        );
    }
}

const MAIN_ONLY: &str = "${{ env.IS_MAIN_PUSH == 'true' }}";

#[test]
fn suites_are_judged_by_this_action() {
    let (_, w) = workflow();
    let job = &w["jobs"]["benchmarks"];
    // `uses: ./` runs action/index.mjs from the checkout: the npm workspace and the native
    // addon must be there first.
    let first_action = steps(job)
        .iter()
        .position(|s| s["uses"].as_str() == Some("./"))
        .unwrap();
    let before: String = steps(job)[..first_action]
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(before.contains("npm ci"), "npm ci before the action");
    assert!(
        before.contains("bindings-node/benchcore.node"),
        "addon before the action"
    );
    let ours: Vec<&Yaml> = steps(job)
        .iter()
        .filter(|s| s["uses"].as_str() == Some("./"))
        .collect();
    let tools: Vec<&str> = ours
        .iter()
        .map(|s| s["with"]["tool"].as_str().unwrap())
        .collect();
    assert_eq!(tools, ["criterion", "pytest-benchmark", "criterion"]);
    for s in &ours {
        let with = &s["with"];
        for key in [
            "name",
            "output-file-path",
            "github-token",
            "auto-push",
            "comment-on-alert",
            "gh-pages-branch",
            "benchmark-data-dir-path",
        ] {
            assert!(!with[key].is_badvalue(), "missing input {key}");
        }
        assert_eq!(
            with["threshold"].as_str(),
            Some("${{ env.BENCHCORE_THRESHOLD }}")
        );
        let out = with["output-file-path"].as_str().unwrap();
        assert!(out.starts_with("bench-results/"), "{out}");
    }
    // The gates: the criterion gate suite and the pytest benches, on every event, failing.
    let outputs: Vec<&str> = ours
        .iter()
        .map(|s| s["with"]["output-file-path"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        [
            "bench-results/criterion",
            "bench-results/pytest-benchmark.json",
            "bench-results/criterion-large"
        ]
    );
    for s in &ours[..2] {
        assert!(s["if"].is_badvalue(), "a gate runs on every event");
        assert_eq!(s["with"]["fail-on-alert"].as_bool(), Some(true));
    }
    // The large suites: recorded on main, never failing, never commenting.
    let large = ours[2];
    assert_eq!(large["if"].as_str(), Some(MAIN_ONLY));
    assert_eq!(large["with"]["fail-on-alert"].as_bool(), Some(false));
    assert_eq!(large["with"]["comment-on-alert"].as_bool(), Some(false));
    assert_eq!(
        large["with"]["name"].as_str(),
        Some("benchcore core (criterion)")
    );
}

/// The gated criterion directory (the job's CRITERION_HOME) holds the `gate` suite only: the
/// step that runs it runs nothing else and passes no criterion flags (the suite's own short
/// samples), and the large suites run on main only, into a directory of their own.
#[test]
fn only_the_gate_suite_is_gated() {
    let (_, w) = workflow();
    let job = &w["jobs"]["benchmarks"];
    assert_eq!(
        job["env"]["CRITERION_HOME"].as_str(),
        Some("${{ github.workspace }}/bench-results/criterion")
    );
    let benches: Vec<&Yaml> = steps(job)
        .iter()
        .filter(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("cargo bench") && r.contains("--bench "))
        })
        .collect();
    assert_eq!(benches.len(), 2, "the gate suite and the large suites");
    let gate = benches[0]["run"].as_str().unwrap();
    assert_eq!(
        gate.trim(),
        "cargo bench --locked -p benchcore --bench gate -- --noplot"
    );
    assert!(benches[0]["if"].is_badvalue() && benches[0]["env"].is_badvalue());
    let large = benches[1];
    assert_eq!(large["if"].as_str(), Some(MAIN_ONLY));
    assert_eq!(
        large["env"]["CRITERION_HOME"].as_str(),
        Some("${{ github.workspace }}/bench-results/criterion-large")
    );
    let run = large["run"].as_str().unwrap();
    for bench in ["core", "changepoint", "history"] {
        assert!(run.contains(&format!("--bench {bench} ")), "{run}");
    }
    assert!(!run.contains("--bench gate"), "{run}");
}

/// Once the action is in the repository (`action.yml`, written on its own branch), every input
/// the workflow passes must be one it declares.
#[test]
fn inputs_are_the_actions_own() {
    let Ok(text) = std::fs::read_to_string(root().join("action.yml")) else {
        return;
    };
    let action = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let declared = action["inputs"].as_hash().unwrap();
    let (_, w) = workflow();
    for s in steps(&w["jobs"]["benchmarks"]) {
        if s["uses"].as_str() != Some("./") {
            continue;
        }
        for (key, _) in s["with"].as_hash().unwrap() {
            assert!(
                declared.contains_key(key),
                "the action has no input {key:?}"
            );
        }
    }
}

#[test]
fn benches_and_files_it_names_exist() {
    let (text, _) = workflow();
    let mut benches = 0;
    for word in text.split_whitespace().collect::<Vec<_>>().windows(2) {
        if word[0] == "--bench" {
            let f = root().join("core/benches").join(format!("{}.rs", word[1]));
            assert!(f.exists(), "no bench {}", f.display());
            benches += 1;
        }
    }
    assert_eq!(benches, 4, "gate, core, changepoint and history");
    for path in [
        "tests/python/bench_plugin_overhead.py",
        "bindings-python/Cargo.toml",
        "scripts/bench-local.sh",
    ] {
        assert!(text.contains(path) || path.ends_with(".sh"), "{path}");
        assert!(root().join(path).exists(), "{path}");
    }
}

/// Every `target/release/benchcore SUB... --flag` in the workflow, with `\` continuations joined.
fn benchcore_calls(text: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let joined = text.replace("\\\n", " ");
    let mut calls = Vec::new();
    for line in joined.lines() {
        let Some(at) = line.find("target/release/benchcore ") else {
            continue;
        };
        let words: Vec<&str> = line[at..].split_whitespace().skip(1).collect();
        let sub: Vec<String> = words
            .iter()
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .take(2)
            .map(|w| w.to_string())
            .collect();
        let flags = words
            .iter()
            .filter(|w| w.starts_with("--"))
            .map(|w| w.to_string())
            .collect();
        calls.push((sub, flags));
    }
    calls
}

#[test]
fn every_benchcore_flag_it_uses_exists() {
    let (text, _) = workflow();
    let calls = benchcore_calls(&text);
    assert!(!calls.is_empty(), "{calls:?}");
    for (sub, flags) in calls {
        let help = Command::new(env!("CARGO_BIN_EXE_benchcore"))
            .args(&sub)
            .arg("--help")
            .output()
            .unwrap();
        assert!(help.status.success(), "benchcore {sub:?} --help");
        let help = String::from_utf8(help.stdout).unwrap();
        for f in flags {
            assert!(
                help.contains(&format!("{f} ")),
                "benchcore {} has no {f}",
                sub.join(" ")
            );
        }
    }
    // Main runs are recorded with their environment: `history add ... "${env_args[@]}"`, the
    // pairs read from bench-results/environment.txt as `--env KEY=VALUE`.
    assert!(text.contains(r#"env_args+=(--env "$kv")"#));
    let add = text.find("benchcore history add").unwrap();
    assert!(text[add..].contains(r#""${env_args[@]}""#));
    let help = Command::new(env!("CARGO_BIN_EXE_benchcore"))
        .args(["history", "add", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .contains("--env <KEY=VALUE>"));
}
