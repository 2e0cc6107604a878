//! What parsers read: one file's bytes, or a directory tree seen through [`Tree`].
//!
//! Parsers never touch the file system. A tree is either a [`MemTree`] (built by the WASM and
//! Node surfaces from `{path, content}` objects, or by tests) or an [`FsTree`] that lists a
//! directory once and reads files on demand. [`resolve_spec`] implements the `DIR@NAME`
//! convention of the CLI (`target/criterion@main`) once, for every surface.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Default bound on one input file (256 MiB); see [`crate::ParseOptions::max_input_bytes`].
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Bound on the number of files listed in one tree.
pub const MAX_TREE_FILES: usize = 1_000_000;

/// A directory of result files, addressed by `/`-separated paths relative to its root.
pub trait Tree {
    /// The label used in errors (the directory as the user gave it).
    fn root(&self) -> &str;
    /// Every file, relative to the root, sorted, `/`-separated.
    fn files(&self) -> &[String];
    /// The bytes of `rel`, one of [`Tree::files`].
    fn read(&self, rel: &str) -> Result<Cow<'_, [u8]>>;
}

/// A tree held in memory.
#[derive(Debug, Clone, Default)]
pub struct MemTree {
    root: String,
    names: Vec<String>,
    contents: BTreeMap<String, Vec<u8>>,
}

impl MemTree {
    /// A tree labelled `root` from `(relative path, bytes)` pairs. Backslashes become `/`.
    pub fn new(
        root: impl Into<String>,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Self {
        let contents: BTreeMap<String, Vec<u8>> = files
            .into_iter()
            .map(|(p, c)| (p.replace('\\', "/").trim_start_matches('/').to_string(), c))
            .collect();
        MemTree {
            root: root.into(),
            names: contents.keys().cloned().collect(),
            contents,
        }
    }
}

impl Tree for MemTree {
    fn root(&self) -> &str {
        &self.root
    }
    fn files(&self) -> &[String] {
        &self.names
    }
    fn read(&self, rel: &str) -> Result<Cow<'_, [u8]>> {
        self.contents
            .get(rel)
            .map(|c| Cow::Borrowed(c.as_slice()))
            .ok_or_else(|| Error::NotFound {
                file: format!("{}/{rel}", self.root),
                what: "no such file in the tree".into(),
            })
    }
}

/// A directory on disk, listed once (skipping criterion's `report/` HTML folders).
#[derive(Debug, Clone)]
pub struct FsTree {
    root_label: String,
    root: PathBuf,
    names: Vec<String>,
    max_bytes: u64,
}

impl FsTree {
    /// List `dir` recursively. Symlinked directories are not followed.
    pub fn open(dir: &Path, max_bytes: u64) -> Result<Self> {
        let label = dir.display().to_string();
        let mut names = Vec::new();
        let mut stack = vec![(dir.to_path_buf(), String::new())];
        while let Some((path, rel)) = stack.pop() {
            let entries =
                std::fs::read_dir(&path).map_err(|e| Error::io(path.display().to_string(), &e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(path.display().to_string(), &e))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let child_rel = if rel.is_empty() {
                    name.clone()
                } else {
                    format!("{rel}/{name}")
                };
                let ft = entry
                    .file_type()
                    .map_err(|e| Error::io(entry.path().display().to_string(), &e))?;
                if ft.is_dir() {
                    if name != "report" {
                        stack.push((entry.path(), child_rel));
                    }
                } else if ft.is_file() {
                    names.push(child_rel);
                    if names.len() > MAX_TREE_FILES {
                        return Err(Error::LimitExceeded {
                            file: label,
                            what: "number of files in the directory".into(),
                            limit: MAX_TREE_FILES as u64,
                        });
                    }
                }
            }
        }
        names.sort();
        Ok(FsTree {
            root_label: label,
            root: dir.to_path_buf(),
            names,
            max_bytes,
        })
    }
}

impl Tree for FsTree {
    fn root(&self) -> &str {
        &self.root_label
    }
    fn files(&self) -> &[String] {
        &self.names
    }
    fn read(&self, rel: &str) -> Result<Cow<'_, [u8]>> {
        let path = self.root.join(rel);
        read_file(&path, self.max_bytes).map(Cow::Owned)
    }
}

/// Any [`Tree`] with a bound on each file it hands out: [`crate::parse_tree`] reads through it,
/// so `max_input_bytes` holds for files inside directories on every surface (an [`FsTree`]
/// refuses before reading, a [`MemTree`] from a binding before parsing).
pub(crate) struct Limited<'a> {
    pub inner: &'a dyn Tree,
    pub max_bytes: u64,
}

impl Tree for Limited<'_> {
    fn root(&self) -> &str {
        self.inner.root()
    }
    fn files(&self) -> &[String] {
        self.inner.files()
    }
    fn read(&self, rel: &str) -> Result<Cow<'_, [u8]>> {
        let bytes = self.inner.read(rel)?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(Error::LimitExceeded {
                file: format!("{}/{rel}", self.inner.root().trim_end_matches('/')),
                what: format!("input size ({} bytes)", bytes.len()),
                limit: self.max_bytes,
            });
        }
        Ok(bytes)
    }
}

/// Read a whole file, refusing files above `max_bytes` before reading them.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&label, &e))?;
    if meta.len() > max_bytes {
        return Err(Error::LimitExceeded {
            file: label,
            what: format!("input size ({} bytes)", meta.len()),
            limit: max_bytes,
        });
    }
    std::fs::read(path).map_err(|e| Error::io(&label, &e))
}

/// A path with an optional named baseline, as written on a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The file or directory.
    pub path: PathBuf,
    /// The name after `@`, when the spec used one.
    pub baseline: Option<String>,
}

/// Resolve `DIR@NAME`: a path that exists as written is taken as is; otherwise the text after
/// the last `@` names a baseline inside the directory before it.
pub fn resolve_spec(spec: &str) -> Spec {
    let as_is = Path::new(spec);
    if as_is.exists() {
        return Spec {
            path: as_is.to_path_buf(),
            baseline: None,
        };
    }
    if let Some((dir, name)) = spec.rsplit_once('@') {
        if !dir.is_empty() && !name.is_empty() && !name.contains('/') {
            return Spec {
                path: PathBuf::from(dir),
                baseline: Some(name.to_string()),
            };
        }
    }
    Spec {
        path: as_is.to_path_buf(),
        baseline: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_prefers_existing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a@b");
        std::fs::create_dir(&odd).unwrap();
        let s = resolve_spec(odd.to_str().unwrap());
        assert_eq!(s.baseline, None);
        let t = format!("{}@main", dir.path().display());
        let s = resolve_spec(&t);
        assert_eq!(s.baseline.as_deref(), Some("main"));
        assert_eq!(s.path, dir.path());
    }

    #[test]
    fn fs_tree_lists_sorted_and_skips_reports() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/new")).unwrap();
        std::fs::create_dir_all(dir.path().join("report")).unwrap();
        std::fs::write(dir.path().join("b/new/x.json"), "{}").unwrap();
        std::fs::write(dir.path().join("report/index.html"), "").unwrap();
        std::fs::write(dir.path().join("a.json"), "[]").unwrap();
        let t = FsTree::open(dir.path(), 10).unwrap();
        assert_eq!(t.files(), ["a.json", "b/new/x.json"]);
        assert_eq!(&*t.read("a.json").unwrap(), b"[]");
    }

    #[test]
    fn limited_trees_refuse_big_files_of_any_tree() {
        let t = MemTree::new(
            "mem/",
            [
                ("a.json".to_string(), b"12345".to_vec()),
                ("b.json".to_string(), b"123".to_vec()),
            ],
        );
        let l = Limited {
            inner: &t,
            max_bytes: 4,
        };
        assert_eq!(l.files(), ["a.json", "b.json"]);
        assert_eq!(&*l.read("b.json").unwrap(), b"123");
        let e = l.read("a.json").unwrap_err();
        assert_eq!(e.code(), "limit-exceeded");
        assert!(
            e.to_string()
                .starts_with("mem/a.json: input size (5 bytes)"),
            "{e}"
        );
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big.json");
        std::fs::write(&f, vec![b' '; 100]).unwrap();
        let e = read_file(&f, 10).unwrap_err();
        assert_eq!(e.code(), "limit-exceeded");
    }
}
