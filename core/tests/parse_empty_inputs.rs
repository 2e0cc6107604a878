//! Empty and missing inputs: typed errors naming the path, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use benchcore::{parse_path, ParseOptions};

#[test]
fn empty_directory_is_not_a_benchmark_tree() {
    let dir = tempfile::tempdir().unwrap();
    let e = parse_path(dir.path().to_str().unwrap(), &ParseOptions::default()).unwrap_err();
    assert_eq!(e.code(), "unknown-format");
    assert!(e.to_string().contains(dir.path().to_str().unwrap()), "{e}");
    assert!(
        e.to_string().contains("criterion"),
        "says what was tried: {e}"
    );
}

#[test]
fn tree_with_only_reports_is_not_a_benchmark_tree() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("report")).unwrap();
    std::fs::write(dir.path().join("report/index.html"), "<html></html>").unwrap();
    let e = parse_path(dir.path().to_str().unwrap(), &ParseOptions::default()).unwrap_err();
    assert_eq!(e.code(), "unknown-format");
}

#[test]
fn missing_path_is_an_io_error_naming_it() {
    let e = parse_path("no/such/results.json", &ParseOptions::default()).unwrap_err();
    assert_eq!(e.code(), "io-error");
    assert!(e.to_string().starts_with("no/such/results.json"), "{e}");
}

#[test]
fn at_name_on_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    std::fs::write(&f, "{}").unwrap();
    let spec = format!("{}@main", f.display());
    let e = parse_path(&spec, &ParseOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid-input");
}
