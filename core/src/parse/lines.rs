//! Line-oriented reading shared by the text and JSON Lines parsers: ANSI colour removed, CRLF
//! and trailing blanks tolerated, values parsed with [`super::units`], every failure reported as
//! `file:line` (a JSON Lines error is moved onto the line it happened in).

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use super::json;
use super::units::{parse_bytes_size, parse_duration_ns, parse_number, strip_ansi};
use crate::error::{Error, Result};

/// How much of each end of a file the detectors look at.
const WINDOW: usize = 64 * 1024;

/// The first and last 64 KiB of a text (cut at character boundaries), ANSI colour removed:
/// where every text format's markers are (first lines, closing summary), so that detection
/// costs the same on a 200 MB file as on a 2 kB one.
pub(crate) struct Ends<'a> {
    head: Cow<'a, str>,
    tail: Cow<'a, str>,
}

impl<'a> Ends<'a> {
    pub(crate) fn of(text: &'a str) -> Self {
        let mut h = text.len().min(WINDOW);
        while !text.is_char_boundary(h) {
            h -= 1;
        }
        let mut t = text.len().saturating_sub(WINDOW).max(h);
        while !text.is_char_boundary(t) {
            t += 1;
        }
        Ends {
            head: strip_ansi(&text[..h]),
            tail: strip_ansi(&text[t..]),
        }
    }

    /// The start of the text.
    pub(crate) fn head(&self) -> &str {
        &self.head
    }

    /// Whether either end contains `pattern`.
    pub(crate) fn contains(&self, pattern: &str) -> bool {
        self.head.contains(pattern) || self.tail.contains(pattern)
    }

    /// The first non-blank line, trimmed.
    pub(crate) fn first_line(&self) -> &str {
        self.head
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// The text's lines with 1-based numbers, `\r` and trailing spaces removed.
pub(crate) fn numbered(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim_end()))
}

/// The number of the last non-blank line (where a truncated file ends), at least 1.
pub(crate) fn last_line(text: &str) -> u64 {
    numbered(text)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, _)| n)
        .last()
        .unwrap_or(1)
}

/// The rest of `line` after `label` (leading whitespace of both ignored), trimmed.
pub(crate) fn after<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    line.trim_start().strip_prefix(label).map(str::trim)
}

fn bad(file: &str, line: u64, what: &str, found: &str, expected: &str) -> Error {
    Error::parse_line(
        file,
        line,
        format!("{what}: expected {expected}, found '{}'", found.trim()),
    )
}

/// A plain number (`1126.89`, `20,020`); `what` names it in the error.
pub(crate) fn number(file: &str, line: u64, text: &str, what: &str) -> Result<f64> {
    parse_number(text).ok_or_else(|| bad(file, line, what, text, "a number"))
}

/// A non-negative whole count.
pub(crate) fn count(file: &str, line: u64, text: &str, what: &str) -> Result<f64> {
    number(file, line, text, what)
        .ok()
        .filter(|v| *v >= 0.0 && v.fract() == 0.0)
        .ok_or_else(|| bad(file, line, what, text, "a whole number"))
}

/// A duration with its unit (`6.50ms`, `0.0078 secs`) in nanoseconds, not negative.
pub(crate) fn duration(file: &str, line: u64, text: &str, what: &str) -> Result<f64> {
    parse_duration_ns(text)
        .filter(|v| *v >= 0.0)
        .ok_or_else(|| bad(file, line, what, text, "a duration such as 6.50ms"))
}

/// A size with its unit (`6.51MB`, `14.34K`) in bytes; `binary` as in [`super::units::byte_unit`].
pub(crate) fn size(file: &str, line: u64, text: &str, binary: bool, what: &str) -> Result<f64> {
    parse_bytes_size(text, binary)
        .filter(|v| *v >= 0.0)
        .ok_or_else(|| bad(file, line, what, text, "a size such as 6.51MB"))
}

/// The file's stem (`out/run1.txt` → `run1`), for outputs that do not name what they measured.
pub(crate) fn file_stem(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    };
    if stem.is_empty() {
        file.to_string()
    } else {
        stem.to_string()
    }
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
    fn lines_and_values() {
        let v: Vec<_> = numbered("a\r\nb  \n\n").collect();
        assert_eq!(v, [(1, "a"), (2, "b"), (3, "")]);
        assert_eq!(last_line("a\nb\n\n\n"), 2);
        assert_eq!(after("  Total:\t1.06 secs", "Total:"), Some("1.06 secs"));
        assert_eq!(count("f", 3, "20,020", "calls").unwrap(), 20020.0);
        let e = count("f", 3, "2.5", "calls").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:3: calls: expected a whole number, found '2.5'"
        );
        assert_eq!(duration("f", 1, "6.50ms", "avg").unwrap(), 6.5e6);
        assert!(duration("f", 1, "-1ms", "avg").is_err());
        assert_eq!(file_stem("out/run1.stdout.txt"), "run1.stdout");
        assert_eq!(file_stem("C:\\x\\leaky.txt"), "leaky");
        assert_eq!(file_stem(".txt"), ".txt");
    }

    #[test]
    fn ends_cut_at_char_boundaries() {
        let big = format!("\u{1b}[1mµ{}µ end", "x".repeat(200_000));
        let e = Ends::of(&big);
        assert!(e.head().starts_with('µ'));
        assert!(e.contains("µ end") && !e.contains("xxxxµ x"));
        assert_eq!(e.first_line().len(), WINDOW - 4);
        let small = Ends::of("a\nb");
        assert!(small.contains("a\nb"));
    }

    #[test]
    fn numbers_crlf_and_cut_streams_jsonl() {
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
