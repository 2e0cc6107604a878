//! Go `go test -bench` output (observed: go 1.19.8), as text or as `go test -json` (test2json)
//! events.
//!
//! ```text
//! goos: linux
//! goarch: amd64
//! pkg: example.com/benchfix
//! cpu: AMD EPYC
//! BenchmarkFib/n=10-2        545124         198.6 ns/op         0 B/op         0 allocs/op
//! BenchmarkSortInts-2          5500       23996 ns/op   333.38 MB/s        25 B/op         1 allocs/op
//! BenchmarkAllocMap-2        179912         599.6 ns/op          16.00 entries/op       902 B/op         1 allocs/op
//! PASS
//! ok    example.com/benchfix  4.344s
//! ```
//!
//! ```text
//! {"Time":"2026-11-26T16:00:34.583680671Z","Action":"output","Package":"example.com/benchfix","Output":"BenchmarkFib/n=20-2         \t"}
//! {"Time":"2026-11-26T16:00:34.583730145Z","Action":"output","Package":"example.com/benchfix","Output":"    2516\t     23348 ns/op\t       0 B/op\t       0 allocs/op\n"}
//! ```
//!
//! A result line (fields separated by a TAB plus padding, shown as spaces above) is
//! `Benchmark<Name>`, the iteration count, then `VALUE UNIT` pairs (the benchstat grammar).
//! Units: `ns/op` → `time` (ns), `MB/s` → `throughput` (B/s, × 1e6, Go's MB is decimal),
//! `B/op` → `allocated_bytes`, `allocs/op` → `allocations`; any other
//! (`b.ReportMetric` units such as `entries/op`) is a metric named after its unit, kind `other`,
//! lower-is-better unless the unit ends in `/s`. The name keeps its `-N` GOMAXPROCS suffix: it
//! is part of the identity (`-cpu 1,2` yields `X` and `X-2`). A name repeated (`-count N`) adds
//! one raw sample per metric; the iteration counts go to `extra.iterations`.
//!
//! `goos`/`goarch`/`cpu` header lines give the environment, `pkg:` the group of the following
//! benchmarks. Several packages give several blocks; a name found in two packages becomes
//! `<pkg>.<name>` for both, so that neither hides the other.
//!
//! test2json events (the stream is taken as one when a line holds an `"Action"` object; other
//! lines, such as `go: downloading …`, are skipped) are read per package: their `Output` fields
//! are concatenated in order and cut into lines (a result line is often split over two events;
//! the bare name lines test2json adds are skipped), and errors name the line of the event where
//! the faulty line started. The first event's `Time` is the run's time.
//!
//! Lines that start with `Benchmark` but not with a name and a count (`BenchmarkX-2 --- FAIL`,
//! the bare names of test2json) are skipped; a result line with a missing or non-numeric value
//! is an error naming its line. A last line without a line break (a cut stream) is accepted
//! only if each of its units ends in `/op` or `/s`: a cut unit (`MB`, `ns/o`) is refused rather
//! than read as a new metric.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::lines::{from_line, numbered, unterminated_last_line};
use super::metrics::{self, SampleSets};
use super::units::{parse_number, strip_ansi};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Metric, Run};

#[derive(Deserialize)]
struct Event {
    #[serde(rename = "Time")]
    time: Option<String>,
    #[serde(rename = "Action")]
    action: String,
    #[serde(rename = "Package")]
    package: Option<String>,
    #[serde(rename = "Output")]
    output: Option<String>,
}

/// The first line that looks like a test2json event (`go` may print other lines before it).
fn first_event(text: &str) -> Option<&str> {
    numbered(text)
        .map(|(_, l)| l.trim_start())
        .find(|l| l.starts_with('{') && l.contains("\"Action\""))
}

pub(crate) fn detect(text: &str) -> bool {
    let text = strip_ansi(text);
    if let Some(event) = first_event(&text) {
        return match serde_json::from_str::<Event>(event) {
            Ok(_) => true,
            Err(e) => e.is_syntax() || e.is_eof(),
        };
    }
    let found = numbered(&text).any(|(_, l)| result_line(l).is_some());
    found
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let text = strip_ansi(text);
    let mut p = Parser::new(file);
    if first_event(&text).is_some() {
        p.test2json(&text)?;
    } else {
        let cut = unterminated_last_line(&text);
        for (line, l) in numbered(&text) {
            p.line(line, l, cut == Some(line))?;
        }
    }
    p.finish()
}

/// The output of one package in a test2json stream: finished lines with the line number of the
/// event where each started, and the unfinished tail.
struct Stream {
    package: Option<String>,
    done: Vec<(u64, String)>,
    tail: Option<(u64, String)>,
}

struct Bench {
    name: String,
    group: Option<String>,
    sets: SampleSets,
    iterations: Vec<u64>,
}

struct Parser<'f> {
    file: &'f str,
    run: Run,
    benches: Vec<Bench>,
    /// Per package, the index in `benches` of each name.
    index: HashMap<Option<String>, HashMap<String, usize>>,
    pkg: Option<String>,
}

impl<'f> Parser<'f> {
    fn new(file: &'f str) -> Self {
        Parser {
            file,
            run: Run::new("go"),
            benches: Vec::new(),
            index: HashMap::new(),
            pkg: None,
        }
    }

    /// One line of `go test` output; `cut` when it is the unterminated last line of the stream.
    fn line(&mut self, line: u64, l: &str, cut: bool) -> Result<()> {
        let l = l.trim_end();
        if let Some((key, value)) = l.split_once(": ") {
            let value = value.trim();
            let target = match key {
                "goos" => Some(&mut self.run.environment.os),
                "goarch" => Some(&mut self.run.environment.arch),
                "cpu" => Some(&mut self.run.environment.cpu),
                "pkg" => Some(&mut self.pkg),
                _ => None,
            };
            if let Some(t) = target {
                if !value.is_empty() && (t.is_none() || key == "pkg") {
                    *t = Some(value.to_string());
                }
                return Ok(());
            }
        }
        let Some(parsed) = result_line(l) else {
            return Ok(());
        };
        let (name, iterations, pairs) =
            parsed.map_err(|m| Error::parse_line(self.file, line, m))?;
        if cut
            && pairs
                .iter()
                .any(|(_, u)| !(u.ends_with("/op") || u.ends_with("/s")))
        {
            return Err(Error::parse_line(
                self.file,
                line,
                "the last line is cut short (truncated file?)",
            ));
        }
        let names = self.index.entry(self.pkg.clone()).or_default();
        let k = match names.get(name) {
            Some(&k) => k,
            None => {
                self.benches.push(Bench {
                    name: name.to_string(),
                    group: self.pkg.clone(),
                    sets: SampleSets::default(),
                    iterations: Vec::new(),
                });
                names.insert(name.to_string(), self.benches.len() - 1);
                self.benches.len() - 1
            }
        };
        let file = self.file;
        let b = &mut self.benches[k];
        b.iterations.push(iterations);
        for (value, unit) in pairs {
            let (name, value) = canonical(file, line, unit, value)?;
            b.sets.push_named(name, || metric(unit), value);
        }
        Ok(())
    }

    /// A test2json stream: `Output` concatenated per package, then read line by line.
    fn test2json(&mut self, text: &str) -> Result<()> {
        let mut packages: Vec<Stream> = Vec::new();
        for (line, l) in numbered(text) {
            let l = l.trim_start();
            if !l.starts_with('{') {
                continue;
            }
            let e: Event = from_line(self.file, line, l)?;
            if self.run.time.is_none() {
                self.run.time = e.time.clone();
            }
            let Some(out) = e.output.filter(|_| e.action == "output") else {
                continue;
            };
            let k = match packages.iter().position(|p| p.package == e.package) {
                Some(k) => k,
                None => {
                    packages.push(Stream {
                        package: e.package.clone(),
                        done: Vec::new(),
                        tail: None,
                    });
                    packages.len() - 1
                }
            };
            let s = &mut packages[k];
            for piece in out.split_inclusive('\n') {
                let (start, mut acc) = s.tail.take().unwrap_or((line, String::new()));
                acc.push_str(piece);
                if acc.ends_with('\n') {
                    s.done.push((start, acc));
                } else {
                    s.tail = Some((start, acc));
                }
            }
        }
        for s in packages {
            self.pkg = s.package;
            for (line, l) in &s.done {
                self.line(*line, l, false)?;
            }
            if let Some((line, l)) = s.tail {
                self.line(line, &l, true)?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Run> {
        let mut run = self.run;
        if self.benches.is_empty() {
            return Err(Error::parse(
                self.file,
                "no benchmark result lines (`BenchmarkName  N  VALUE UNIT …`)",
            ));
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for b in &self.benches {
            *count.entry(&b.name).or_default() += 1;
        }
        let shared: Vec<String> = count
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(name, _)| name.to_string())
            .collect();
        for b in self.benches {
            let name = match (&b.group, shared.contains(&b.name)) {
                (Some(pkg), true) => format!("{pkg}.{}", b.name),
                _ => b.name,
            };
            let mut out = Benchmark::new(name);
            out.group = b.group;
            out.extra
                .insert("iterations".into(), Value::from(b.iterations));
            out.measurements = b.sets.into_measurements();
            run.benchmarks.push(out);
        }
        Ok(run)
    }
}

/// The metric name of a Go unit and the value in the metric's unit.
fn canonical<'u>(file: &str, line: u64, unit: &'u str, value: f64) -> Result<(&'u str, f64)> {
    let (name, value) = match unit {
        "ns/op" => ("time", value),
        "MB/s" => ("throughput", value * 1e6),
        "B/op" => ("allocated_bytes", value),
        "allocs/op" => ("allocations", value),
        other => return Ok((other, value)),
    };
    if value < 0.0 {
        return Err(Error::parse_line(
            file,
            line,
            format!("{value} {unit} is negative"),
        ));
    }
    Ok((name, value))
}

/// The metric of a Go unit (see [`canonical`] for its name and value).
fn metric(unit: &str) -> Metric {
    match unit {
        "ns/op" => Metric::time(),
        "MB/s" => metrics::rate("throughput", "B/s"),
        "B/op" => metrics::allocated_bytes(),
        "allocs/op" => metrics::allocations(),
        other => metrics::custom(other, other),
    }
}

type ResultLine<'a> = (&'a str, u64, Vec<(f64, &'a str)>);

/// `None` for lines that are not results; `Some(Err)` for a result line that breaks the
/// grammar `BenchmarkName N VALUE UNIT [VALUE UNIT]…`.
fn result_line(l: &str) -> Option<std::result::Result<ResultLine<'_>, String>> {
    let after = l.strip_prefix("Benchmark")?;
    // `Benchmarking …` (criterion's progress lines) and `Benchmark 1: …` (hyperfine) are not Go
    // benchmarks: Go requires the name to go on with a character that is not lower case.
    if after.starts_with(|c: char| c.is_lowercase() || c.is_whitespace()) {
        return None;
    }
    let fields: Vec<&str> = l.split_whitespace().collect();
    let (name, count) = match fields.as_slice() {
        [name, count, ..] if count.starts_with(|c: char| c.is_ascii_digit()) => (*name, *count),
        _ => return None,
    };
    Some(pairs(name, count, &fields[2..]))
}

fn pairs<'a>(
    name: &'a str,
    count: &str,
    rest: &[&'a str],
) -> std::result::Result<ResultLine<'a>, String> {
    let iterations: u64 = count
        .parse()
        .map_err(|_| format!("iteration count '{count}' is not a whole number"))?;
    if rest.is_empty() || rest.len() % 2 != 0 {
        return Err(format!(
            "expected VALUE UNIT pairs after the iteration count, found '{}'",
            rest.join(" ")
        ));
    }
    let mut out: Vec<(f64, &str)> = Vec::with_capacity(rest.len() / 2);
    for pair in rest.chunks(2) {
        let (v, unit) = (pair[0], pair[1]);
        let value = parse_number(v).ok_or_else(|| format!("'{v}' ({unit}) is not a number"))?;
        if out.iter().any(|(_, u)| *u == unit) {
            return Err(format!("unit '{unit}' appears twice"));
        }
        out.push((value, unit));
    }
    Ok((name, iterations, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_grammar() {
        let (name, n, pairs) = result_line(
            "BenchmarkSortInts-2    \t    5500\t     23996 ns/op\t 333.38 MB/s\t      25 B/op",
        )
        .unwrap()
        .unwrap();
        assert_eq!((name, n), ("BenchmarkSortInts-2", 5500));
        assert_eq!(
            pairs,
            [(23996.0, "ns/op"), (333.38, "MB/s"), (25.0, "B/op")]
        );
        assert!(result_line("BenchmarkFib/n=10").is_none());
        assert!(result_line("BenchmarkX-2   \t--- FAIL: BenchmarkX-2").is_none());
        assert!(result_line("Benchmarking fib/20: Warming up").is_none());
        assert!(result_line("Benchmark 1: sort asc").is_none());
        let e = result_line("BenchmarkX-2 10 abc ns/op")
            .unwrap()
            .unwrap_err();
        assert!(e.contains("'abc' (ns/op) is not a number"), "{e}");
        let e = result_line("BenchmarkX-2 10 5 ns/op 3")
            .unwrap()
            .unwrap_err();
        assert!(e.contains("pairs"), "{e}");
    }
}
