//! The history store for callers that do their own file IO (WebAssembly has no file system:
//! `@benchcore/node`'s fallback reads and writes the files in JavaScript). Two pure functions
//! that give exactly what [`crate::History::add`] and [`crate::History::load`] decide, without
//! touching a disk:
//!
//! * [`encode_run`]: the files adding a run writes (the layout marker when there is none yet,
//!   the raw-sample sidecar, the summary record), with their paths under the root, after the
//!   same checks as `History::add` (finalized run, RFC 3339 `added_at`, marker version). The
//!   caller publishes them in that order, each only if its path is still free (the record
//!   last: a run counts as present once its record exists, see `write.rs`).
//! * [`load_files`]: a history from the files the caller read under the root, given as paths
//!   relative to it (`history.json`, `runs/3f/3f…c1.json`, `samples/3f/3f…c1.json`), listed,
//!   filtered, decoded and ordered as `History::load` does, errors naming the same paths.
//!   Hidden temporary files are ignored; strays are reported. Single-threaded.
//!
//! Cost: as `History::load` on one thread, plus a hash map of the sidecars.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::layout::{classify, file_for, Entry, Listing, MARKER, RUNS, SAMPLES};
use super::load::{decode_one, finish, marker_outcome, stray_errors, Filter, LoadOptions};
use super::record::encode;
use super::write::{check_storable, marker_bytes, parse_marker};
use super::LoadedHistory;
use crate::error::{Error, Result};
use crate::model::Run;

/// One file to write: its path (the root joined with its place in the layout) and content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// Where it goes: `<root>/runs/3f/3f…c1.json`.
    pub path: String,
    /// The JSON text.
    pub content: String,
}

/// The files of one run for a history directory, in the order to publish them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodedRun {
    /// The run's content id.
    pub id: String,
    /// The layout marker, when the caller found none (else `null`: leave the existing one).
    pub marker: Option<StoredFile>,
    /// The raw-sample sidecar, when the run has samples.
    pub sidecar: Option<StoredFile>,
    /// The summary record; the run is present once this file exists.
    pub record: StoredFile,
}

fn joined(root: &str, rel: &Path) -> PathBuf {
    Path::new(root).join(rel)
}

fn text(path: PathBuf, bytes: Vec<u8>) -> Result<StoredFile> {
    let path = path.display().to_string();
    let content = String::from_utf8(bytes).map_err(|e| Error::input(&path, e.to_string()))?;
    Ok(StoredFile { path, content })
}

/// The files adding `run` (finalized), stamped `added_at` (RFC 3339), writes under `root`.
/// `marker` is the content of `<root>/history.json` when it exists: a newer layout is refused,
/// as by [`crate::History::add`]; when it is `None` the marker to write is returned.
pub fn encode_run(
    root: &str,
    run: &Run,
    added_at: &str,
    marker: Option<&[u8]>,
) -> Result<EncodedRun> {
    check_storable(run, added_at)?;
    let marker_path = joined(root, Path::new(MARKER));
    let marker = match marker {
        Some(bytes) => {
            parse_marker(&marker_path.display().to_string(), bytes)?;
            None
        }
        None => Some(text(marker_path, marker_bytes())?),
    };
    let encoded = encode(run, added_at)?;
    let root_path = Path::new(root);
    let sidecar = match encoded.sidecar {
        Some(bytes) => Some(text(file_for(root_path, SAMPLES, &run.id), bytes)?),
        None => None,
    };
    Ok(EncodedRun {
        id: run.id.clone(),
        marker,
        sidecar,
        record: text(file_for(root_path, RUNS, &run.id), encoded.record)?,
    })
}

/// The files of a history directory, sorted into what loading needs.
#[derive(Default)]
struct Sorted {
    marker: Option<Vec<u8>>,
    listing: Listing,
    records: HashMap<String, Vec<u8>>,
    sidecars: HashMap<String, Vec<u8>>,
}

fn sort_files(root: &str, files: Vec<(String, Vec<u8>)>) -> Sorted {
    let mut out = Sorted::default();
    let mut seen = BTreeSet::new();
    for (rel, bytes) in files {
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [m] if *m == MARKER => out.marker = Some(bytes),
            [kind, shard, rest @ ..] if *kind == RUNS || *kind == SAMPLES => {
                let name = rest.first().copied();
                let mut path = joined(root, Path::new(kind)).join(shard);
                if let Some(n) = name {
                    path.push(n);
                }
                let entry = classify(shard, name);
                if *kind == SAMPLES {
                    if let (Entry::Record(id), [_]) = (&entry, rest) {
                        out.sidecars.insert(id.clone(), bytes);
                    }
                    continue;
                }
                if !seen.insert(path.clone()) {
                    continue;
                }
                if let (Entry::Record(id), [_]) = (&entry, rest) {
                    out.records.insert(id.clone(), bytes);
                    out.listing.push(entry, path);
                } else if matches!(entry, Entry::Record(_)) {
                    // `runs/<shard>/<id>.json/…`: a directory where a record should be.
                    out.listing.push(Entry::Stray, path);
                } else {
                    out.listing.push(entry, path);
                }
            }
            _ => {}
        }
    }
    out.listing.sort();
    out
}

/// Load a history from the files read under `root` (`files`: paths relative to it with `/`
/// separators, and their bytes) as [`crate::History::load`] loads a directory. `root` only
/// labels errors; that it exists is for the caller to check (a missing directory is
/// [`Error::NotFound`] there).
pub fn load_files(
    root: &str,
    files: Vec<(String, Vec<u8>)>,
    options: &LoadOptions,
) -> Result<LoadedHistory> {
    options.validate()?;
    let mut sorted = sort_files(root, files);
    let mut errors = Vec::new();
    if let Some(bytes) = &sorted.marker {
        let label = joined(root, Path::new(MARKER)).display().to_string();
        marker_outcome(parse_marker(&label, bytes).map(|_| ()), &mut errors)?;
    }
    errors.extend(stray_errors(&sorted.listing.strays));
    let filter = Filter::new(options);
    let root_path = Path::new(root);
    let mut outcomes = Vec::with_capacity(sorted.listing.records.len());
    for (id, path) in &sorted.listing.records {
        let label = path.display().to_string();
        let bytes = sorted.records.remove(id).unwrap_or_default();
        let read_sidecar = || {
            let side_label = file_for(root_path, SAMPLES, id).display().to_string();
            let bytes = sorted.sidecars.get(id).cloned().ok_or_else(|| {
                Error::io(
                    &side_label,
                    &std::io::Error::from(std::io::ErrorKind::NotFound),
                )
            });
            (side_label, bytes)
        };
        let sidecar: Option<super::load::ReadSidecar> = options.samples.then_some(&read_sidecar);
        outcomes.push(decode_one(&label, id, &bytes, &filter, sidecar));
    }
    finish(outcomes, errors, options.strict)
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
