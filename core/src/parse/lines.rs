//! Line-oriented input shared by the text and JSON Lines parsers: 1-based line numbers, ANSI
//! colour removed, CRLF tolerated (`str::lines` drops the `\r`), and a parse error moved onto
//! the line it happened in.

use serde::de::DeserializeOwned;

use super::json;
use crate::error::{Error, Result};

/// Every line with its 1-based number, trailing whitespace (and `\r`) removed.
pub(crate) fn numbered(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim_end()))
}

/// The number of the last line when the text does not end with a line break (a stream cut
/// short), else `None`. Trailing blank lines count as ended.
pub(crate) fn unterminated_last_line(text: &str) -> Option<u64> {
    if text.is_empty() || text.ends_with('\n') {
        return None;
    }
    let last = text.rsplit('\n').next().unwrap_or("");
    if last.trim().is_empty() {
        return None;
    }
    Some(text.matches('\n').count() as u64 + 1)
}

/// A parse error moved to `line` of the file (each JSON Lines message is read on its own).
pub(crate) fn at_line(e: Error, line: u64) -> Error {
    match e {
        Error::Parse {
            file,
            field,
            message,
            ..
        } => Error::Parse {
            file,
            line: Some(line),
            field,
            message,
        },
        other => other,
    }
}

/// Deserialize one JSON line, reporting the line's number in the file.
pub(crate) fn from_line<T: DeserializeOwned>(file: &str, line: u64, text: &str) -> Result<T> {
    json::from_str(file, text).map_err(|e| at_line(e, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_crlf_and_cut_streams() {
        let lines: Vec<_> = numbered("a\r\nb  \n\nc").collect();
        assert_eq!(lines, [(1, "a"), (2, "b"), (3, ""), (4, "c")]);
        assert_eq!(unterminated_last_line("a\nb"), Some(2));
        assert_eq!(unterminated_last_line("a\nb\n"), None);
        assert_eq!(unterminated_last_line("a\n  "), None);
        assert_eq!(unterminated_last_line(""), None);
    }

    #[test]
    fn errors_move_to_their_line() {
        let e = from_line::<Vec<f64>>("f.jsonl", 7, "[1, \"x\"]").unwrap_err();
        assert_eq!(e.info().line, Some(7));
        assert!(e.to_string().starts_with("f.jsonl:7"), "{e}");
    }
}
