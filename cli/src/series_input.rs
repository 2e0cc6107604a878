//! Reading `--series FILE` (shared by every command that takes series; keep it the one reader).
//! The format is recognised from the first non-blank character:
//!
//! * `[` — a JSON array of numbers, one series: `[101.2, 99.8, 100.4]`.
//! * `{` — JSON Lines, one series per line, each a [`SeriesInput`]:
//!   `{"name": "fib/20", "values": [...], "lower_is_better": true, "samples": [[...], ...]}`.
//!   A record without a name is named `line N`.
//! * anything else — a one-column CSV: one number per line, an optional header on the first
//!   line (any text that is not a number), blank lines ignored, `\r\n` accepted.
//!
//! Array and CSV series are named after the file's stem and are lower-is-better unless the
//! caller says otherwise. Errors name the file and the line: a value that is not a number, a
//! NaN or infinity, a second CSV column, a bad JSON Lines record, an empty file.

use std::path::Path;

use benchcore::{Error, Series, SeriesInput};

/// The series of one file, and whether it was JSON Lines (results go out the same way).
#[derive(Debug)]
pub struct SeriesFile {
    /// The series, in file order.
    pub series: Vec<Series>,
    /// The input was JSON Lines.
    pub json_lines: bool,
}

/// Read and parse `path`. `higher_is_better` sets the direction of array and CSV series.
pub fn read_series(path: &Path, higher_is_better: bool) -> Result<SeriesFile, Error> {
    let label = path.display().to_string();
    let bytes = benchcore::read_file(path, crate::output::max_input_bytes())?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        Error::parse_line(&label, line, "not UTF-8 text")
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_series(&label, &stem, &text, higher_is_better)
}

/// Parse the text of a series file labelled `label`; `name` names array and CSV series.
pub fn parse_series(
    label: &str,
    name: &str,
    text: &str,
    higher_is_better: bool,
) -> Result<SeriesFile, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let one = |values: Vec<f64>| -> Result<SeriesFile, Error> {
        let input = SeriesInput {
            name: Some(name.to_string()),
            values,
            lower_is_better: Some(!higher_is_better),
            samples: None,
        };
        Ok(SeriesFile {
            series: vec![input.into_series().map_err(|e| located(label, None, e))?],
            json_lines: false,
        })
    };
    match text.trim_start().chars().next() {
        None => Err(Error::parse(
            label,
            "empty file: expected a JSON array of numbers, a one-column CSV or JSON Lines of series",
        )),
        Some('[') => {
            let values: Vec<f64> = serde_json::from_str(text).map_err(|e| Error::Parse {
                file: label.to_string(),
                line: (e.line() > 0).then_some(e.line() as u64),
                field: None,
                message: format!("expected a JSON array of numbers: {e}"),
            })?;
            one(values)
        }
        Some('{') => json_lines(label, text),
        Some(_) => one(csv(label, text)?),
    }
}

/// A core error about a series, placed at `line` of `label`.
fn located(label: &str, line: Option<u64>, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, message } => Error::Parse {
            file: label.to_string(),
            line,
            field: Some(field),
            message,
        },
        other => other,
    }
}

fn json_lines(label: &str, text: &str) -> Result<SeriesFile, Error> {
    let mut series = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut input: SeriesInput = serde_json::from_str(line)
            .map_err(|e| Error::parse_line(label, n, format!("not a series record: {e}")))?;
        if input.name.is_none() {
            input.name = Some(format!("line {n}"));
        }
        series.push(
            input
                .into_series()
                .map_err(|e| located(label, Some(n), e))?,
        );
    }
    Ok(SeriesFile {
        series,
        json_lines: true,
    })
}

fn csv(label: &str, text: &str) -> Result<Vec<f64>, Error> {
    let mut values = Vec::new();
    let mut seen_line = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i as u64 + 1;
        let cell = raw.trim();
        if cell.is_empty() {
            continue;
        }
        let first = !seen_line;
        seen_line = true;
        if cell.contains([',', ';', '\t']) {
            return Err(Error::parse_line(
                label,
                n,
                format!("expected one column, found '{}'", shorten(cell)),
            ));
        }
        let unquoted = cell.trim_matches('"').trim();
        match unquoted.parse::<f64>() {
            Ok(v) if v.is_finite() => values.push(v),
            Ok(v) => {
                return Err(Error::parse_line(
                    label,
                    n,
                    format!("{v} is not a finite number"),
                ))
            }
            Err(_) if first => {} // a header
            Err(_) => {
                return Err(Error::parse_line(
                    label,
                    n,
                    format!("'{}' is not a number", shorten(cell)),
                ))
            }
        }
    }
    Ok(values)
}

/// At most 40 characters of user text for a message.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use benchcore::Direction;

    fn parse(text: &str) -> Result<SeriesFile, Error> {
        parse_series("s.txt", "s", text, false)
    }

    #[test]
    fn three_formats() {
        let a = parse(" [1, 2.5, 3]\n").unwrap();
        assert!(!a.json_lines);
        assert_eq!(a.series[0].values(), [1.0, 2.5, 3.0]);
        assert_eq!(a.series[0].name, "s");
        let c = parse("\u{feff}time_ns\r\n100\r\n\r\n\"101.5\"\n 99 \n").unwrap();
        assert_eq!(c.series[0].values(), [100.0, 101.5, 99.0]);
        assert_eq!(c.series[0].direction, Direction::LowerIsBetter);
        let j = parse(
            "{\"name\": \"a\", \"values\": [1, 2]}\n\n{\"values\": [3], \"lower_is_better\": false, \"samples\": [[3, 3.1]]}\n",
        )
        .unwrap();
        assert!(j.json_lines);
        assert_eq!(j.series.len(), 2);
        assert_eq!(j.series[1].name, "line 3");
        assert_eq!(j.series[1].direction, Direction::HigherIsBetter);
        assert_eq!(j.series[1].points[0].samples, [3.0, 3.1]);
        let h = parse_series("s.csv", "s", "1\n2\n", true).unwrap();
        assert_eq!(h.series[0].direction, Direction::HigherIsBetter);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            ("", None, "empty file"),
            ("  \n", None, "empty file"),
            ("[1, \"x\"]", Some(1), "expected a JSON array"),
            ("[1,\n2,\n]", Some(3), "expected a JSON array"),
            ("h\n1\nabc\n", Some(3), "'abc' is not a number"),
            ("1\nNaN\n", Some(2), "NaN is not a finite number"),
            ("1\ninf\n", Some(2), "inf is not a finite number"),
            ("1,2\n", Some(1), "expected one column"),
            (
                "{\"values\": [1]}\n{\"valuez\": [1]}\n",
                Some(2),
                "not a series record",
            ),
            (
                "{\"values\": [1, 2], \"samples\": [[1]]}\n",
                Some(1),
                "1 sample lists for 2 values",
            ),
        ];
        for (text, line, msg) in cases {
            let e = parse(text).unwrap_err();
            let info = e.info();
            assert_eq!(info.file.as_deref(), Some("s.txt"), "{text:?}: {e}");
            assert_eq!(info.line, line, "{text:?}: {e}");
            assert!(e.to_string().contains(msg), "{text:?}: {e}");
        }
        // A header only: an empty series, not an error.
        assert!(parse("time\n").unwrap().series[0].points.is_empty());
        assert_eq!(shorten(&"x".repeat(50)).chars().count(), 41);
    }
}
