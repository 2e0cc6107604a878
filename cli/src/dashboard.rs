//! `benchcore dashboard`: a static folder that shows a history in a browser and recomputes its
//! change points there, through the benchcore core compiled to WebAssembly.
//!
//! ```text
//! SITE/
//! ├── index.html, app.js, …, style.css   the page (bindings-wasm/dashboard/)
//! ├── pkg/benchcore_wasm.js, *_bg.wasm   the core (wasm-bindgen --target web)
//! ├── vendor/uPlot.iife.min.js, .css  the charting library (uPlot, MIT)
//! └── data/bundle.json, data/config.json the history bundle and the page settings
//! ```
//!
//! The assets are built by `scripts/build-dashboard.sh` and copied from `--assets DIR`, else
//! `$BENCHCORE_DASHBOARD_ASSETS`, else the build tree this binary was compiled in. The data is
//! one core call ([`benchcore::export`], the bundle of `benchcore history export`) or a bundle
//! given with `--bundle`. Nothing runs on a server: any static host (a gh-pages branch) or a
//! local HTTP server serves it (browsers refuse ES modules and `fetch` from `file://`).
//! Files of the same name in SITE are replaced; other files are left alone.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use benchcore::{
    export, Bundle, Error, History, LoadOptions, SeriesOptions, DEFAULT_HISTORY_DIR,
    DEFAULT_MAX_INPUT_BYTES,
};
use clap::Args;
use serde::Serialize;

use crate::output;

/// Where the assets were built, for a binary run from its own checkout.
const BUILD_TREE_ASSETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../bindings-wasm/dashboard/dist"
);

/// Files without which the page cannot work.
const REQUIRED: [&str; 4] = [
    "index.html",
    "pkg/benchcore_wasm.js",
    "pkg/benchcore_wasm_bg.wasm",
    "vendor/uPlot.iife.min.js",
];

/// Version of `data/config.json`.
const CONFIG_VERSION: u32 = 1;

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// The history directory to show (default .benchcore/history).
    #[arg(long, value_name = "DIR", conflicts_with = "bundle")]
    history: Option<PathBuf>,
    /// Show this bundle (written by `benchcore history export`) instead of a history.
    #[arg(long, value_name = "FILE")]
    bundle: Option<PathBuf>,
    /// The folder to write the site into (created if missing).
    #[arg(long, value_name = "SITE")]
    out: PathBuf,
    /// The built page assets (default: $BENCHCORE_DASHBOARD_ASSETS, else the build tree's
    /// bindings-wasm/dashboard/dist, made by scripts/build-dashboard.sh).
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
    /// Link points to their commits: a URL containing {commit}, e.g.
    /// https://github.com/OWNER/REPO/commit/{commit}.
    #[arg(long, value_name = "TEMPLATE", conflicts_with = "repo_url")]
    commit_url: Option<String>,
    /// The repository's web address; commits link to URL/commit/SHA (GitHub, GitLab, Gitea).
    #[arg(long, value_name = "URL")]
    repo_url: Option<String>,
    /// The page title.
    #[arg(long, default_value = "Benchmarks")]
    title: String,
    /// Only runs of this branch (with --history).
    #[arg(long, conflicts_with = "bundle")]
    branch: Option<String>,
    /// Leave out the bands of raw-sample spread: no sample files are read (with --history;
    /// faster on large histories).
    #[arg(long, conflicts_with = "bundle")]
    no_spread: bool,
}

/// `data/config.json`: what the page needs besides the bundle.
#[derive(Debug, Serialize)]
struct Config<'a> {
    version: u32,
    title: &'a str,
    /// URL template with `{commit}`, or null (commits are shown as text).
    commit_url: Option<String>,
    generator: String,
}

pub fn dashboard(args: DashboardArgs) -> Result<ExitCode, Error> {
    let assets = assets_dir(args.assets.as_deref())?;
    let commit_url = commit_url(args.commit_url.as_deref(), args.repo_url.as_deref())?;
    let bundle = match &args.bundle {
        Some(path) => {
            let label = path.display().to_string();
            let bytes = benchcore::read_file(path, DEFAULT_MAX_INPUT_BYTES)?;
            let text =
                String::from_utf8(bytes).map_err(|_| Error::parse(&label, "not UTF-8 text"))?;
            Bundle::from_json(&text, &label)?
        }
        None => {
            let dir = args
                .history
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_HISTORY_DIR));
            // Samples are read for the spread bands (interquartile range per point).
            let options = LoadOptions {
                branch: args.branch.clone(),
                samples: !args.no_spread,
                ..LoadOptions::default()
            };
            let loaded = History::open(&dir).load(&options)?;
            for e in &loaded.errors {
                eprintln!("benchcore: warning: skipped damaged history file: {e}");
            }
            let series = SeriesOptions {
                samples: false,
                spread: !args.no_spread,
                ..SeriesOptions::default()
            };
            export(&loaded.runs, &series)?
        }
    };
    let copied = copy_tree(&assets, &args.out)?;
    let data = args.out.join("data");
    std::fs::create_dir_all(&data).map_err(|e| Error::io(data.display().to_string(), &e))?;
    output::write_file(&data.join("bundle.json"), &json(&bundle)?)?;
    let config = Config {
        version: CONFIG_VERSION,
        title: &args.title,
        commit_url,
        generator: format!("benchcore {}", env!("CARGO_PKG_VERSION")),
    };
    output::write_file(&data.join("config.json"), &json(&config)?)?;
    println!(
        "wrote a dashboard of {} series over {} runs to {} ({copied} asset files from {})",
        bundle.series.len(),
        bundle.runs.len(),
        args.out.display(),
        assets.display()
    );
    println!(
        "serve it over HTTP, e.g.: python3 -m http.server --bind 127.0.0.1 --directory {} 8000",
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// JSON text of a shape, with errors as benchcore errors.
fn json<T: Serialize>(v: &T) -> Result<String, Error> {
    serde_json::to_string(v).map_err(|e| Error::input("output", e.to_string()))
}

/// The assets folder: the flag, the environment, or the build tree; it must hold every
/// [`REQUIRED`] file.
fn assets_dir(flag: Option<&Path>) -> Result<PathBuf, Error> {
    let (dir, how) = match (flag, std::env::var_os("BENCHCORE_DASHBOARD_ASSETS")) {
        (Some(dir), _) => (dir.to_path_buf(), "--assets"),
        (None, Some(env)) if !env.is_empty() => (PathBuf::from(env), "$BENCHCORE_DASHBOARD_ASSETS"),
        _ => (PathBuf::from(BUILD_TREE_ASSETS), "the build tree's default"),
    };
    if let Some(missing) = REQUIRED.iter().find(|f| !dir.join(f).is_file()) {
        return Err(Error::NotFound {
            file: dir.display().to_string(),
            what: format!(
                "no dashboard assets here ({missing} is missing; folder from {how}): build them \
                 with scripts/build-dashboard.sh in the benchcore repository, or pass \
                 --assets DIR / set BENCHCORE_DASHBOARD_ASSETS to a built \
                 bindings-wasm/dashboard/dist"
            ),
        });
    }
    Ok(std::fs::canonicalize(&dir).unwrap_or(dir))
}

/// The commit link template: given, or made from the repository URL; `None` shows shas as
/// text.
fn commit_url(template: Option<&str>, repo: Option<&str>) -> Result<Option<String>, Error> {
    let (field, url) = match (template, repo) {
        (Some(t), _) => ("commit-url", t.to_string()),
        (None, Some(r)) => {
            let base = r.trim_end_matches('/');
            let base = base.strip_suffix(".git").unwrap_or(base);
            ("repo-url", format!("{base}/commit/{{commit}}"))
        }
        (None, None) => return Ok(None),
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::option(
            field,
            format!("'{url}' must start with https:// or http://"),
        ));
    }
    if !url.contains("{commit}") {
        return Err(Error::option(
            field,
            format!("'{url}' must contain {{commit}} where the sha goes"),
        ));
    }
    Ok(Some(url))
}

/// Copy every file under `from` into `to` (directories created, files replaced); returns the
/// number of files.
fn copy_tree(from: &Path, to: &Path) -> Result<usize, Error> {
    let io = |p: &Path, e: std::io::Error| Error::io(p.display().to_string(), &e);
    std::fs::create_dir_all(to).map_err(|e| io(to, e))?;
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .map_err(|e| io(from, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| io(from, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if src.is_dir() {
            count += copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| io(&dst, e))?;
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn commit_links() {
        assert_eq!(commit_url(None, None).unwrap(), None);
        assert_eq!(
            commit_url(None, Some("https://github.com/o/r.git/")).unwrap(),
            Some("https://github.com/o/r/commit/{commit}".into())
        );
        let t = "https://gitlab.com/o/r/-/commit/{commit}";
        assert_eq!(commit_url(Some(t), None).unwrap(), Some(t.into()));
        let e = commit_url(Some("javascript:alert(1)//{commit}"), None).unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        let e = commit_url(Some("https://x/commit/"), None).unwrap_err();
        assert!(e.to_string().contains("{commit}"), "{e}");
    }
}
