//! hyperfine's summary-only exports, `--export-csv` and `--export-markdown` (see
//! [`super::hyperfine`] for the lines they hold and what they become). The CSV reader follows
//! RFC 4180 as hyperfine writes it: commands with `"` or `,` are quoted, `""` escapes a quote.
//! Cost: linear in the file.

use std::collections::BTreeMap;

use serde_json::Value;

use super::hyperfine::NS_PER_S;
use super::lines::{last_line, number, numbered};
use super::units::time_unit_ns;
use super::vocabulary::{mean_only, system_time, user_time};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Metric, Summary};

/// CSV records as (line where the record starts, fields); blank lines are skipped.
fn records(file: &str, text: &str) -> Result<Vec<(u64, Vec<String>)>> {
    let mut out = Vec::new();
    let (mut line, mut start) = (1u64, 1u64);
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, start: u64| {
        let row = std::mem::take(fields);
        if !(row.len() == 1 && row[0].trim().is_empty()) {
            out.push((start, row));
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                finish(&mut fields, start);
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(Error::parse_line(
            file,
            start,
            "a quoted field is not closed (truncated file?)",
        ));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        finish(&mut fields, start);
    }
    Ok(out)
}

/// A time in seconds from a CSV cell (empty → absent), in ns.
fn seconds(file: &str, line: u64, cell: &str, what: &str) -> Result<Option<f64>> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let v = number(file, line, cell, what)?;
    if v < 0.0 {
        return Err(Error::parse_line(
            file,
            line,
            format!("{what}: time {v} is negative"),
        ));
    }
    Ok(Some(v * NS_PER_S))
}

fn no_rows(file: &str, text: &str) -> Error {
    Error::parse_line(
        file,
        last_line(text) + 1,
        "the table has a header but no rows (truncated file?)",
    )
}

/// `--export-csv`: `command,mean,stddev,median,user,system,min,max[,parameter_<name>…]`, seconds.
pub(crate) fn csv(file: &str, text: &str) -> Result<Vec<Benchmark>> {
    let recs = records(file, text)?;
    let Some(((_, header), rows)) = recs.split_first() else {
        return Err(Error::parse(file, "the file is empty"));
    };
    if rows.is_empty() {
        return Err(no_rows(file, text));
    }
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let mut out = Vec::new();
    for (line, row) in rows {
        let line = *line;
        if row.len() != header.len() {
            return Err(Error::parse_line(
                file,
                line,
                format!(
                    "the row has {} fields but the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
        }
        let get = |name: &str| match col(name) {
            Some(i) => seconds(file, line, &row[i], name),
            None => Ok(None),
        };
        let command = col("command").map(|i| row[i].clone()).unwrap_or_default();
        let summary = Summary {
            n: None,
            mean: get("mean")?,
            median: get("median")?,
            stddev: get("stddev")?,
            min: get("min")?,
            max: get("max")?,
            q1: None,
            q3: None,
        };
        if summary.mean.is_none() {
            return Err(Error::parse_line(file, line, "the row has no mean"));
        }
        let mut b = Benchmark::new(command);
        b.measurements.push(Measurement {
            metric: Metric::time(),
            summary,
            samples: Vec::new(),
        });
        if let Some(u) = get("user")? {
            b.measurements.push(mean_only(user_time(), u, None));
        }
        if let Some(s) = get("system")? {
            b.measurements.push(mean_only(system_time(), s, None));
        }
        b.params = header
            .iter()
            .zip(row)
            .filter_map(|(h, v)| {
                h.trim()
                    .strip_prefix("parameter_")
                    .map(|name| (name.to_string(), Value::String(v.clone())))
            })
            .collect::<BTreeMap<_, _>>();
        out.push(b);
    }
    Ok(out)
}

/// The cells of a Markdown row, `\|` unescaped, without the outer pipes.
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cell.push('|');
            }
            '|' => out.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    if !cell.trim().is_empty() {
        out.push(cell.trim().to_string());
    }
    out
}

/// Nanoseconds per unit of a header cell such as `Mean [ms]`.
fn header_unit(cell: &str) -> Option<f64> {
    let open = cell.find('[')?;
    let close = cell[open..].find(']')? + open;
    time_unit_ns(&cell[open + 1..close])
}

fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim_matches(':');
        !c.is_empty() && c.chars().all(|ch| ch == '-')
    })
}

/// `--export-markdown`: `| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |`.
pub(crate) fn markdown(file: &str, text: &str) -> Result<Vec<Benchmark>> {
    let mut lines = numbered(text).skip_while(|(_, l)| l.trim().is_empty());
    let Some((head_line, head)) = lines.next() else {
        return Err(Error::parse(file, "the file is empty"));
    };
    let header = cells(head);
    let find = |prefix: &str| header.iter().position(|h| h.starts_with(prefix));
    let unit_of = |i: Option<usize>| -> Result<Option<(usize, f64)>> {
        let Some(i) = i else { return Ok(None) };
        header_unit(&header[i])
            .map(|u| Some((i, u)))
            .ok_or_else(|| {
                Error::parse_line(
                    file,
                    head_line,
                    format!("column '{}' has no time unit such as [ms]", header[i]),
                )
            })
    };
    let command = find("Command").unwrap_or(0);
    let Some((mean_col, mean_unit)) = unit_of(find("Mean"))? else {
        return Err(Error::parse_line(
            file,
            head_line,
            "no `Mean [unit]` column",
        ));
    };
    let min = unit_of(find("Min"))?;
    let max = unit_of(find("Max"))?;
    let mut out = Vec::new();
    for (line, l) in lines {
        if !l.trim_start().starts_with('|') {
            break;
        }
        let row = cells(l);
        if is_separator(&row) {
            continue;
        }
        if row.len() != header.len() {
            return Err(Error::parse_line(
                file,
                line,
                format!(
                    "the row has {} cells but the header has {} (truncated file?)",
                    row.len(),
                    header.len()
                ),
            ));
        }
        let value = |text: &str, unit: f64, what: &str| -> Result<f64> {
            let v = number(file, line, text, what)?;
            if v < 0.0 {
                return Err(Error::parse_line(file, line, format!("{what} is negative")));
            }
            Ok(v * unit)
        };
        let (mean, sd) = match row[mean_col].split_once('±') {
            Some((m, s)) => (m, Some(s)),
            None => (row[mean_col].as_str(), None),
        };
        let summary = Summary {
            mean: Some(value(mean, mean_unit, "mean")?),
            stddev: sd.map(|s| value(s, mean_unit, "stddev")).transpose()?,
            min: min.map(|(i, u)| value(&row[i], u, "min")).transpose()?,
            max: max.map(|(i, u)| value(&row[i], u, "max")).transpose()?,
            ..Summary::default()
        };
        let name = row[command].trim();
        let name = name
            .strip_prefix('`')
            .and_then(|n| n.strip_suffix('`'))
            .unwrap_or(name);
        let mut b = Benchmark::new(name);
        b.measurements.push(Measurement {
            metric: Metric::time(),
            summary,
            samples: Vec::new(),
        });
        out.push(b);
    }
    if out.is_empty() {
        return Err(no_rows(file, text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_newlines() {
        let r = records("f", "a,b\n\"x,\"\"y\"\"\nz\",2\r\n\n").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1], (2, vec!["x,\"y\"\nz".to_string(), "2".to_string()]));
        let e = records("f", "a,b\n\"open,1\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:2: a quoted field is not closed (truncated file?)"
        );
    }

    #[test]
    fn markdown_cells_unescape_pipes() {
        assert_eq!(
            cells("| `a \\| b` | 1.0 ± 0.1 |"),
            ["`a | b`".to_string(), "1.0 ± 0.1".to_string()]
        );
        assert_eq!(header_unit("Mean [µs]"), Some(1e3));
        assert_eq!(header_unit("Mean [parsec]"), None);
    }
}
