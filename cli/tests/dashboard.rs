//! `benchcore dashboard` end to end: the site's files (assets copied, the bundle of the example
//! history, the config), `--bundle` input, where the assets come from (`--assets`,
//! `$BENCHCORE_DASHBOARD_ASSETS`) and the errors when they or the inputs are wrong. The page
//! itself is tested in a browser (`tests/browser/`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use benchcore::Bundle;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str], env_assets: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_benchcore"));
    c.args(args).current_dir(root());
    match env_assets {
        Some(dir) => c.env("BENCHCORE_DASHBOARD_ASSETS", dir),
        None => c.env_remove("BENCHCORE_DASHBOARD_ASSETS"),
    };
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// A stand-in for the built assets: the files the CLI requires, plus one nested extra.
fn fake_assets(dir: &Path) -> PathBuf {
    let a = dir.join("assets");
    for f in [
        "index.html",
        "pkg/benchcore_wasm.js",
        "pkg/benchcore_wasm_bg.wasm",
        "vendor/uPlot.iife.min.js",
        "vendor/deep/extra.txt",
    ] {
        let p = a.join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, format!("asset {f}")).unwrap();
    }
    a
}

#[test]
fn writes_assets_bundle_and_config_from_a_history() {
    let tmp = tempfile::tempdir().unwrap();
    let assets = fake_assets(tmp.path());
    let site = tmp.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("keep.txt"), "mine").unwrap();
    let o = run(
        &[
            "dashboard",
            "--history",
            "examples/history",
            "--out",
            site.to_str().unwrap(),
            "--assets",
            assets.to_str().unwrap(),
            "--repo-url",
            "https://github.com/jmfiaschi/chewdata/",
            "--title",
            "<b>t</b>",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("26 series over 26 runs"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(
        fs::read_to_string(site.join("vendor/deep/extra.txt")).unwrap(),
        "asset vendor/deep/extra.txt"
    );
    assert_eq!(fs::read_to_string(site.join("keep.txt")).unwrap(), "mine");
    let config: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.join("data/config.json")).unwrap()).unwrap();
    assert_eq!(config["version"], 1);
    assert_eq!(config["title"], "<b>t</b>");
    assert_eq!(
        config["commit_url"],
        "https://github.com/jmfiaschi/chewdata/commit/{commit}"
    );
    let bundle_text = fs::read_to_string(site.join("data/bundle.json")).unwrap();
    let bundle = Bundle::from_json(&bundle_text, "bundle.json").unwrap();
    assert_eq!(bundle.runs.len(), 26);
    // Runs with raw samples (criterion, pytest) have a spread; the imported ones do not.
    let with_spread = bundle
        .series
        .iter()
        .filter(|s| s.spread.iter().flatten().any(Option::is_some))
        .count();
    assert!(with_spread > 0 && with_spread < bundle.series.len());

    // --no-spread reads no samples and writes no spread.
    let plain = tmp.path().join("plain");
    let o = run(
        &[
            "dashboard",
            "--history",
            "examples/history",
            "--out",
            plain.to_str().unwrap(),
            "--no-spread",
        ],
        Some(&assets),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let plain = fs::read_to_string(plain.join("data/bundle.json")).unwrap();
    assert!(!plain.contains("spread"));
    assert_eq!(
        Bundle::from_json(&plain, "b").unwrap().series.len(),
        bundle.series.len()
    );

    // The same site from that bundle, assets from the environment; no commit links.
    let file = tmp.path().join("bundle.json");
    fs::write(&file, &bundle_text).unwrap();
    let again = tmp.path().join("again");
    let o = run(
        &[
            "dashboard",
            "--bundle",
            file.to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
        Some(&assets),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(again.join("data/bundle.json")).unwrap(),
        bundle_text
    );
    let config: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(again.join("data/config.json")).unwrap()).unwrap();
    assert!(config["commit_url"].is_null());
}

#[test]
fn errors_name_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = site.to_str().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let assets = fake_assets(tmp.path());
    let a = assets.to_str().unwrap();

    // No assets: the flag, then the environment.
    let o = run(
        &[
            "dashboard",
            "--out",
            out,
            "--assets",
            empty.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("index.html is missing") && e.contains("scripts/build-dashboard.sh"),
        "{e}"
    );
    let o = run(&["dashboard", "--out", out], Some(&empty));
    assert!(
        text(&o.stderr).contains("$BENCHCORE_DASHBOARD_ASSETS"),
        "{}",
        text(&o.stderr)
    );

    // A bundle newer than this benchcore, and one that is not a bundle.
    let newer = tmp.path().join("newer.json");
    fs::write(&newer, r#"{"version": 2, "runs": [], "series": []}"#).unwrap();
    let o = run(
        &[
            "dashboard",
            "--bundle",
            newer.to_str().unwrap(),
            "--out",
            out,
            "--assets",
            a,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("newer.json: history bundle version 2"));
    let o = run(
        &[
            "dashboard",
            "--bundle",
            "examples/pytest-benchmark/main.json",
            "--out",
            out,
            "--assets",
            a,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));

    // A commit template that is not http(s), or has no {commit}.
    for url in ["javascript:alert(1)//{commit}", "https://example.com/c/"] {
        let o = run(
            &[
                "dashboard",
                "--history",
                "examples/history",
                "--out",
                out,
                "--assets",
                a,
                "--commit-url",
                url,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            text(&o.stderr).contains("invalid option `commit-url`"),
            "{}",
            text(&o.stderr)
        );
    }
    assert!(!site.join("data").exists(), "nothing written on errors");
}
