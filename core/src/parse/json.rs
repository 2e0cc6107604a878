//! Shared reading helpers for parsers: UTF-8 with a line number on failure, JSON into typed
//! mirror structs with the failing field's path in the error, and tolerance for the bare
//! `NaN` / `Infinity` tokens that Python's `json` module writes (pytest-benchmark can emit
//! them; they are read as `null`, i.e. "absent").

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// The text of `bytes`, minus a UTF-8 byte-order mark; invalid UTF-8 is a parse error naming the
/// line and byte offset.
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::Parse {
            file: file.to_string(),
            line: Some(line),
            field: None,
            message: format!("invalid UTF-8 at byte {at}"),
        }
    })
}

/// Deserialize `text` into `T`; errors carry the line and the path of the failing field.
pub(crate) fn from_str<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    match typed::<T>(file, text) {
        Ok(v) => Ok(v),
        Err(first) => match sanitize_non_finite(text) {
            Some(clean) => typed::<T>(file, &clean).map_err(|_| first),
            None => Err(first),
        },
    }
}

fn typed<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let path = field_path(e.path());
        let inner = e.into_inner();
        let line = inner.line();
        let message = if inner.is_eof() {
            "the JSON ends early (truncated file?)".to_string()
        } else {
            strip_position(&inner.to_string())
        };
        Error::Parse {
            file: file.to_string(),
            line: (line > 0).then_some(line as u64),
            field: path,
            message,
        }
    })
}

/// Segments kept at each end of a very deep path (10,000 nested `[` reach serde_json's
/// recursion limit at depth 128; the field should stay readable).
const PATH_ENDS: usize = 8;

/// `benchmarks[2].stats.mean`; `None` for the document itself. Trailing unknown segments (`?`,
/// where the input ended before a key was read) are dropped; very deep paths are shortened to
/// their ends around `…`.
fn field_path(path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut segments: Vec<&Segment> = path.iter().collect();
    while matches!(segments.last(), Some(Segment::Unknown)) {
        segments.pop();
    }
    let render = |out: &mut String, s: &Segment| match s {
        Segment::Seq { index } => out.push_str(&format!("[{index}]")),
        Segment::Map { key } | Segment::Enum { variant: key } => {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        Segment::Unknown => {
            if !out.is_empty() {
                out.push('.');
            }
            out.push('?');
        }
    };
    let mut out = String::new();
    if segments.len() > 2 * PATH_ENDS + 1 {
        for s in &segments[..PATH_ENDS] {
            render(&mut out, s);
        }
        out.push_str(&format!("…({} levels)…", segments.len() - 2 * PATH_ENDS));
        for s in &segments[segments.len() - PATH_ENDS..] {
            render(&mut out, s);
        }
    } else {
        for s in &segments {
            render(&mut out, s);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// serde_json appends " at line L column C"; the line is kept in the structured error instead.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Replace bare `NaN`, `Infinity` and `-Infinity` tokens (outside strings) by `null`.
/// Returns `None` when there is nothing to replace.
pub(crate) fn sanitize_non_finite(text: &str) -> Option<String> {
    if !text.contains("NaN") && !text.contains("Infinity") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let token = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        if let Some(t) = token {
            out.push_str("null");
            rest = &rest[t.len()..];
            changed = true;
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct T {
        #[allow(dead_code)]
        a: Vec<Option<f64>>,
        #[allow(dead_code)]
        s: String,
    }

    #[test]
    fn nan_tokens_outside_strings_become_null() {
        let t: T = from_str("f", r#"{"a":[NaN, -Infinity, 1], "s":"NaN \"Infinity\""}"#).unwrap();
        assert_eq!(t.a, vec![None, None, Some(1.0)]);
        assert_eq!(t.s, "NaN \"Infinity\"");
    }

    #[test]
    fn errors_name_field_and_line() {
        let e = from_str::<T>("f.json", "{\"a\": [1,\n \"x\"], \"s\": \"\"}").unwrap_err();
        match e {
            Error::Parse { line, field, .. } => {
                assert_eq!(line, Some(2));
                assert_eq!(field.as_deref(), Some("a[1]"));
            }
            other => panic!("{other:?}"),
        }
        let e = from_str::<T>("f.json", "{\"a\": [1,").unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
    }

    #[test]
    fn truncation_and_deep_nesting_give_short_fields() {
        let e = from_str::<T>("f.json", "{\"a\": [1], \"s").unwrap_err();
        let Error::Parse { field, message, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(field, None);
        assert!(message.contains("truncated"), "{message}");
        let deep = "[".repeat(10_000);
        let e = from_str::<serde_json::Value>("d.json", &deep).unwrap_err();
        assert!(e.to_string().contains("recursion limit"), "{e}");
        let e = from_str::<Vec<Vec<serde_json::Value>>>("d.json", &deep).unwrap_err();
        assert!(e.to_string().len() < 200, "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let e = utf8("f.txt", b"ok\nbad \xff here").unwrap_err();
        assert_eq!(e.to_string(), "f.txt:2: invalid UTF-8 at byte 7");
    }
}
