//! Plain series as written by hand or by another harness, the input of
//! `benchcore detect --series`. Three shapes, told apart by the first non-blank character:
//!
//! ```text
//! [101.2, 100.8, 131.0]                          a JSON array of numbers   → one series
//! time_ns                                        a CSV of one numeric column,
//! 101.2                                          with an optional header  → one series
//! {"name": "fib", "values": [1, 2], "lower_is_better": true, "samples": [[1.1, 0.9], [2]]}
//!                                                JSON Lines of SeriesInput → one series a line
//! ```
//!
//! Errors are parse errors naming the file, the line and, where known, the field. A NaN or
//! infinity (possible in CSV) is refused with its line; an empty input or a record without
//! values is refused too.

use crate::error::{json_error, Error, Result};
use crate::series::{Series, SeriesInput};

/// Which shape a series file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeriesFileKind {
    /// A JSON array of numbers.
    JsonArray,
    /// A one-column CSV.
    Csv,
    /// JSON Lines of [`SeriesInput`].
    JsonLines,
}

/// The series of one file, in file order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeriesFile {
    /// The shape it had (a single plain series or JSON Lines).
    pub kind: SeriesFileKind,
    /// The series (exactly one unless JSON Lines).
    pub series: Vec<Series>,
}

/// Read series from the bytes of `file` (a label used in errors and as the name of a plain
/// series).
pub fn parse_series(file: &str, bytes: &[u8]) -> Result<SeriesFile> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1;
        Error::parse_line(file, line, "not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (kind, series) = match text.trim_start().chars().next() {
        None => return Err(Error::parse(file, "empty input: expected a series")),
        Some('[') => {
            let values: Vec<f64> = serde_json::from_str(text).map_err(|e| {
                let mut err = json_error(file, &e);
                if let Error::Parse { message, .. } = &mut err {
                    message.push_str(" (expected a JSON array of numbers)");
                }
                err
            })?;
            (SeriesFileKind::JsonArray, vec![plain(file, values, 1)?])
        }
        Some('{') => (SeriesFileKind::JsonLines, json_lines(file, text)?),
        Some(_) => (SeriesFileKind::Csv, vec![csv(file, text)?]),
    };
    Ok(SeriesFile { kind, series })
}

fn plain(file: &str, values: Vec<f64>, line: u64) -> Result<Series> {
    if values.is_empty() {
        return Err(Error::parse_line(file, line, "no values"));
    }
    let input = SeriesInput {
        name: Some(file.to_string()),
        values,
        lower_is_better: None,
        samples: None,
    };
    input.into_series()
}

fn json_lines(file: &str, text: &str) -> Result<Vec<Series>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let record: SeriesInput = serde_json::from_str(line)
            .map_err(|e| Error::parse_line(file, n, format!("not a series record: {e}")))?;
        if record.values.is_empty() {
            return Err(Error::Parse {
                file: file.to_string(),
                line: Some(n),
                field: Some("values".into()),
                message: "no values".into(),
            });
        }
        let series = record.into_series().map_err(|e| match e {
            Error::InvalidInput { field, message } => Error::Parse {
                file: file.to_string(),
                line: Some(n),
                field: Some(field),
                message,
            },
            other => other,
        })?;
        out.push(series);
    }
    Ok(out)
}

fn csv(file: &str, text: &str) -> Result<Series> {
    let mut values = Vec::new();
    let mut seen_first = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i as u64 + 1;
        let cell = raw.trim();
        if cell.is_empty() {
            continue;
        }
        if cell.contains([',', ';', '\t']) {
            return Err(Error::parse_line(
                file,
                n,
                format!("expected one column, found '{cell}'"),
            ));
        }
        let cell = cell.trim_matches('"').trim();
        let first = !seen_first;
        seen_first = true;
        match cell.parse::<f64>() {
            Ok(v) if v.is_finite() => values.push(v),
            Ok(v) => {
                return Err(Error::parse_line(
                    file,
                    n,
                    format!("{v} is not a finite number"),
                ))
            }
            // A header: only the first non-blank line may be one.
            Err(_) if first => {}
            Err(_) => {
                return Err(Error::parse_line(
                    file,
                    n,
                    format!("'{cell}' is not a number"),
                ))
            }
        }
    }
    plain(file, values, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(r: Result<SeriesFile>) -> Option<u64> {
        match r {
            Err(Error::Parse { line, .. }) => line,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn three_shapes() {
        let a = parse_series("a.json", b" [1, 2.5, 3]").unwrap();
        assert_eq!(a.kind, SeriesFileKind::JsonArray);
        assert_eq!(a.series[0].values(), [1.0, 2.5, 3.0]);
        let c = parse_series("a.csv", b"time_ns\r\n1\r\n\r\n2e3\n\"3\"\n").unwrap();
        assert_eq!(c.kind, SeriesFileKind::Csv);
        assert_eq!(c.series[0].values(), [1.0, 2000.0, 3.0]);
        let l = parse_series(
            "a.jsonl",
            b"{\"name\": \"x\", \"values\": [1, 2]}\n\n{\"values\": [3], \"lower_is_better\": false, \"samples\": [[3, 3.1]]}\n",
        )
        .unwrap();
        assert_eq!(l.kind, SeriesFileKind::JsonLines);
        assert_eq!(l.series.len(), 2);
        assert_eq!(l.series[1].points[0].samples, [3.0, 3.1]);
        assert_eq!(l.series[1].direction, crate::Direction::HigherIsBetter);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(line_of(parse_series("a.csv", b"v\n1\nNaN\n")), Some(3));
        assert_eq!(line_of(parse_series("a.csv", b"1\nx\n")), Some(2));
        assert_eq!(line_of(parse_series("a.csv", b"1,2\n")), Some(1));
        assert_eq!(line_of(parse_series("a.json", b"[1,\n2,\nnull]")), Some(3));
        assert_eq!(line_of(parse_series("a.json", b"[]")), Some(1));
        assert_eq!(
            line_of(parse_series(
                "a.jsonl",
                b"{\"values\": [1]}\n{\"value\": [1]}\n"
            )),
            Some(2)
        );
        assert_eq!(
            line_of(parse_series(
                "a.jsonl",
                b"{\"values\": [1]}\n\n{\"values\": [1, 2], \"samples\": [[1]]}"
            )),
            Some(3)
        );
        assert_eq!(
            line_of(parse_series("a.jsonl", b"{\"values\": []}")),
            Some(1)
        );
        assert_eq!(line_of(parse_series("a.csv", b"\xff\xfe")), Some(1));
        assert!(matches!(
            parse_series("a", b"  \n"),
            Err(Error::Parse { .. })
        ));
        assert!(matches!(
            parse_series("a.csv", b"header\n"),
            Err(Error::Parse { .. })
        ));
    }
}
