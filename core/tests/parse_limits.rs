//! Oversized and garbage inputs: refused by size before reading, or with a clear error after,
//! never a panic or a hang.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;

use benchcore::{parse_path, ParseOptions};

const MB: u64 = 1024 * 1024;

#[test]
fn a_200_mb_file_is_refused_by_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: no 200 MB actually written.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * MB)
        .unwrap();
    let opts = ParseOptions {
        max_input_bytes: 100 * MB,
        ..ParseOptions::default()
    };
    let e = parse_path(path.to_str().unwrap(), &opts).unwrap_err();
    assert_eq!(e.code(), "limit-exceeded", "{e}");
    assert!(e.to_string().contains("huge.json"), "{e}");
}

/// `mb` MiB made of one repeated buffer, parsed with the default limit (256 MiB).
fn parse_mb_of(mb: usize, chunk: &[u8]) -> benchcore::Error {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.bin");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let block: Vec<u8> = chunk.iter().copied().cycle().take(MB as usize).collect();
    for _ in 0..mb {
        f.write_all(&block).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    parse_path(path.to_str().unwrap(), &ParseOptions::default()).unwrap_err()
}

#[test]
fn two_hundred_mb_of_garbage_give_clear_errors() {
    // Binary garbage: invalid UTF-8, reported with its position.
    let e = parse_mb_of(200, &[0x00, 0x9f, 0x92, 0x96, 0xff, b'{']);
    assert_eq!(e.code(), "parse-error", "{e}");
    assert!(e.to_string().contains("invalid UTF-8"), "{e}");

    // Text that looks like both formats' markers but is neither.
    let e = parse_mb_of(
        200,
        b"\"machine_info\" \"benchmarks\" benchmark-complete [[[ ",
    );
    assert_eq!(e.code(), "unknown-format", "{e}");

    // A JSON object that never ends: detected as pytest-benchmark, then a parse error. Both
    // the detector's probe and the parser walk all of it (serde_json skips unknown keys without
    // a depth limit, iteratively), about 45 ms/MiB in a debug build: 20 MiB keep the test fast.
    let mut head = b"{\"machine_info\": {}, \"benchmarks\": [".to_vec();
    head.extend_from_slice(&[b' '; 64]);
    let e = parse_mb_of(20, &head);
    assert_eq!(e.code(), "parse-error", "{e}");
}
