//! Numbers and units as text tools print them, shared by every text parser: thousands
//! separators, `µ`/`μ`/`u`, U+2212 minus, `-nan`, decimal vs binary byte prefixes, ANSI colour.

use std::borrow::Cow;

/// Nanoseconds per unit for `ps`, `ns`, `us`/`µs`/`μs`, `ms`, `s`/`sec`/`secs`, `m`/`min`, `h`.
pub(crate) fn time_unit_ns(unit: &str) -> Option<f64> {
    Some(match unit.trim() {
        "ps" => 1e-3,
        "ns" => 1.0,
        "us" | "µs" | "μs" => 1e3,
        "ms" => 1e6,
        "s" | "sec" | "secs" | "second" | "seconds" => 1e9,
        "m" | "min" | "mins" => 60e9,
        "h" | "hr" | "hour" | "hours" => 3600e9,
        _ => return None,
    })
}

/// Bytes per unit. `binary` says whether `K`/`KB`/`M`/`MB`… mean powers of 1024 (wrk,
/// heaptrack) or 1000 (memray, Go's MB/s). `KiB`/`MiB`… are always binary, `kB` always decimal.
pub(crate) fn byte_unit(unit: &str, binary: bool) -> Option<f64> {
    let k: f64 = if binary { 1024.0 } else { 1000.0 };
    Some(match unit.trim() {
        "B" | "b" | "bytes" | "byte" => 1.0,
        "K" | "KB" => k,
        "kB" => 1e3,
        "M" | "MB" => k * k,
        "G" | "GB" => k * k * k,
        "T" | "TB" => k * k * k * k,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        "TiB" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    })
}

/// A decimal number as printed: optional sign (`+`, `-`, U+2212), `,` thousands separators,
/// exponent. `nan`, `-nan`, `inf` give `None` (absent), as does anything else unparsable.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace('\u{2212}', "-").replace(',', "");
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Split `12.5ms` / `12.5 ms` into (12.5, "ms").
pub(crate) fn split_value_unit(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || c == ','
                || c == '\u{2212}'
                || ((c == '-' || c == '+') && i == 0)
                || ((c == 'e' || c == 'E') && i > 0))
        })
        .map_or(t.len(), |(i, _)| i);
    let v = parse_number(&t[..end])?;
    Some((v, t[end..].trim()))
}

/// A duration like `6.50ms`, `0.00us`, `1.0195 secs`, `2m` in nanoseconds.
pub(crate) fn parse_duration_ns(text: &str) -> Option<f64> {
    let (v, unit) = split_value_unit(text)?;
    Some(v * time_unit_ns(unit)?)
}

/// A size like `6.51MB`, `14.34K`, `775.99B` in bytes (`binary` as in [`byte_unit`]).
pub(crate) fn parse_bytes_size(text: &str, binary: bool) -> Option<f64> {
    let (v, unit) = split_value_unit(text)?;
    Some(v * byte_unit(unit, binary)?)
}

/// Remove ANSI colour sequences (`ESC [ … m`) from tool output captured from a terminal.
pub(crate) fn strip_ansi(text: &str) -> Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_tools_print_them() {
        assert_eq!(parse_number("76,701.92"), Some(76701.92));
        assert_eq!(parse_number("\u{2212}8.6903"), Some(-8.6903));
        assert_eq!(parse_number("-nan"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("1e3"), Some(1000.0));
    }

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration_ns("6.50ms"), Some(6.5e6));
        assert_eq!(parse_duration_ns("15.554 µs"), Some(15554.0));
        let secs = parse_duration_ns("1.0195 secs").unwrap();
        assert!((secs - 1.0195e9).abs() < 1e-3, "{secs}");
        assert_eq!(parse_duration_ns("0.00us"), Some(0.0));
        assert_eq!(parse_duration_ns("12 parsecs"), None);
        assert_eq!(parse_bytes_size("14.34K", true), Some(14.34 * 1024.0));
        assert_eq!(parse_bytes_size("2.289kB", false), Some(2289.0));
        assert_eq!(
            parse_bytes_size("6.51MB", true),
            Some(6.51 * 1024.0 * 1024.0)
        );
        assert_eq!(split_value_unit("-3.5%"), Some((-3.5, "%")));
    }

    #[test]
    fn ansi_is_stripped() {
        assert_eq!(strip_ansi("\u{1b}[32mok\u{1b}[0m done"), "ok done");
        assert!(matches!(strip_ansi("plain"), Cow::Borrowed(_)));
    }
}
