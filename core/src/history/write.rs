//! Adding a run: atomic, idempotent, safe under concurrency.
//!
//! Each file is written to a hidden temporary file in its final directory, `fsync`ed, then
//! published with `link(tmp, final)`, which fails if `final` exists: the first writer of a
//! path wins and later ones learn "already present" without overwriting anything. Where hard
//! links are unsupported the fallback is `rename`, which may replace an existing file with one
//! holding the same run. The directory is then `fsync`ed so the new name survives a crash.
//!
//! The sidecar (raw samples) is published before the summary record, and a run counts as
//! present once its record exists: a crash can leave a temporary file or a sidecar without a
//! record, both invisible to loading and removed by `prune --apply` once an hour old.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::layout::{self, file_for, temp_for, MARKER, RUNS, SAMPLES};
use super::record::{encode, RECORD_VERSION};
use crate::error::{Error, Result};
use crate::model::Run;

/// What adding a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddStatus {
    /// The run was new and is now stored.
    Added,
    /// A run with the same content id was already stored; nothing changed.
    AlreadyPresent,
}

/// The outcome of adding one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Added {
    /// The run's content id.
    pub id: String,
    /// Added, or already present.
    pub status: AddStatus,
    /// The summary record's path.
    pub path: String,
}

/// Whether [`put_new`] created the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Put {
    Created,
    Existed,
}

/// The directory holding `path`; `.` for a bare relative name (whose `parent()` is the empty
/// path, which cannot be opened to fsync).
fn parent_or_dot(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn io_err(path: &Path, e: &std::io::Error) -> Error {
    Error::io(path.display().to_string(), e)
}

/// Publish `bytes` at `target` unless a file is already there (see the module doc).
pub(crate) fn put_new(target: &Path, bytes: &[u8]) -> Result<Put> {
    let dir = parent_or_dot(target);
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, &e))?;
    if target.exists() {
        return Ok(Put::Existed);
    }
    let tmp = temp_for(target);
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        let put = match std::fs::hard_link(&tmp, target) {
            Ok(()) => Put::Created,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Put::Existed,
            Err(_) if target.exists() => Put::Existed,
            Err(_) => {
                std::fs::rename(&tmp, target)?;
                Put::Created
            }
        };
        let _ = std::fs::remove_file(&tmp);
        if put == Put::Created {
            layout::sync_dir(dir)?;
            layout::sync_dir(parent_or_dot(dir))?;
        }
        Ok(put)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_err(target, &e)
    })
}

/// The layout marker's content.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Marker {
    pub version: u64,
    #[serde(default)]
    pub layout: String,
}

pub(crate) fn marker_bytes() -> Vec<u8> {
    let m = Marker {
        version: RECORD_VERSION.into(),
        layout: "runs/<id[0..2]>/<id>.json, samples/<id[0..2]>/<id>.json".into(),
    };
    let mut text = serde_json::to_string_pretty(&m).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// The layout version recorded at `root` (`None` when there is no marker). A newer one makes
/// the whole directory unreadable *and* unwritable for this build.
pub(crate) fn read_marker(root: &Path) -> Result<Option<u64>> {
    let path = root.join(MARKER);
    let label = path.display().to_string();
    match std::fs::read(&path) {
        Ok(b) => parse_marker(&label, &b).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(label, &e)),
    }
}

/// The layout version in the marker `bytes` read from `label`; a newer one is refused.
pub(crate) fn parse_marker(label: &str, bytes: &[u8]) -> Result<u64> {
    let m: Marker =
        serde_json::from_slice(bytes).map_err(|e| crate::error::json_error(label, &e))?;
    if m.version > u64::from(RECORD_VERSION) {
        return Err(Error::UnsupportedVersion {
            file: label.to_string(),
            what: "history layout".into(),
            found: m.version,
            supported: RECORD_VERSION.into(),
        });
    }
    Ok(m.version)
}

/// Check that `run` may be stored as added at `added_at`: a finalized, valid run (its id is
/// its content hash) and an RFC 3339 time.
pub(crate) fn check_storable(run: &Run, added_at: &str) -> Result<()> {
    layout::check_id(&run.id)?;
    crate::time::parse_rfc3339(added_at).map_err(|m| Error::option("added_at", m))?;
    super::check::validate(run, &run.id)?;
    let actual = run.compute_id();
    if actual != run.id {
        return Err(Error::input(
            "run.id",
            format!(
                "'{}' is not the run's content id ({actual}); it changed after finalize",
                run.id
            ),
        ));
    }
    Ok(())
}

/// Store `run` under `root`, stamped `added_at` (RFC 3339, from the caller: the core reads no
/// clock). The run must be finalized: its id must be its content hash.
pub(crate) fn add(root: &Path, run: &Run, added_at: &str) -> Result<Added> {
    check_storable(run, added_at)?;
    if read_marker(root)?.is_none() {
        put_new(&root.join(MARKER), &marker_bytes())?;
    }
    let record_path = file_for(root, RUNS, &run.id);
    let sidecar_path = file_for(root, SAMPLES, &run.id);
    let path = record_path.display().to_string();
    let encoded = encode(run, added_at)?;
    if record_path.exists() {
        // Already stored. Restore a sidecar lost since (deleted by hand, torn copy): same
        // content, so this never changes what the history says.
        if let Some(side) = &encoded.sidecar {
            if !sidecar_path.exists() {
                put_new(&sidecar_path, side)?;
            }
        }
        return Ok(Added {
            id: run.id.clone(),
            status: AddStatus::AlreadyPresent,
            path,
        });
    }
    if let Some(side) = &encoded.sidecar {
        put_new(&sidecar_path, side)?;
    }
    let status = match put_new(&record_path, &encoded.record)? {
        Put::Created => AddStatus::Added,
        Put::Existed => AddStatus::AlreadyPresent,
    };
    Ok(Added {
        id: run.id.clone(),
        status,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/x.json");
        assert_eq!(put_new(&target, b"one").unwrap(), Put::Created);
        assert_eq!(put_new(&target, b"two").unwrap(), Put::Existed);
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a/b"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_newer_layout_is_refused_for_writing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), r#"{"version": 7}"#).unwrap();
        let e = read_marker(dir.path()).unwrap_err();
        assert_eq!(e.code(), "unsupported-version");
        assert!(e.to_string().contains("history.json"), "{e}");
        std::fs::write(dir.path().join(MARKER), marker_bytes()).unwrap();
        assert_eq!(read_marker(dir.path()).unwrap(), Some(1));
    }

    #[test]
    fn unfinalized_runs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let run = Run::new("x");
        let e = add(dir.path(), &run, "2026-01-01T00:00:00Z").unwrap_err();
        assert_eq!(e.code(), "invalid-input");
        let mut run = Run::new("x").finalize("x").unwrap();
        let e = add(dir.path(), &run, "yesterday").unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        run.commit = Some("edited after finalize".into());
        let e = add(dir.path(), &run, "2026-01-01T00:00:00Z").unwrap_err();
        assert!(e.to_string().contains("changed after finalize"), "{e}");
        assert!(!dir.path().join(RUNS).exists());
    }
}
