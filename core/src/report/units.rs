//! Human-readable values: a canonical-unit number (see [`crate::Metric::unit`]) scaled to the
//! unit a reader expects, with 4 significant digits and trailing zeros dropped
//! (`15550.0 ns` → `15.55 µs`, `1230000 elem/s` → `1.23 Melem/s`).
//!
//! Time goes from picoseconds to seconds, bytes use binary prefixes (KiB = 1024 B) as memory
//! tools do, rates of countable things (`elem/s`, `req/s`, `ops/s`) use decimal prefixes.
//! Integer parts are never cut, so `86400 s` or `123456 allocs` keep every digit; magnitudes
//! beyond 1e15 (or below 1e-4 of the smallest unit) fall back to scientific notation.

/// Scales of one family: (suffix, size in the canonical unit), smallest first.
type Scale = &'static [(&'static str, f64)];

const TIME: Scale = &[
    ("ps", 1e-3),
    ("ns", 1.0),
    ("µs", 1e3),
    ("ms", 1e6),
    ("s", 1e9),
];
const BYTES: Scale = &[
    ("B", 1.0),
    ("KiB", 1024.0),
    ("MiB", 1024.0 * 1024.0),
    ("GiB", 1024.0 * 1024.0 * 1024.0),
];
const BYTE_RATE: Scale = &[
    ("B/s", 1.0),
    ("KiB/s", 1024.0),
    ("MiB/s", 1024.0 * 1024.0),
    ("GiB/s", 1024.0 * 1024.0 * 1024.0),
];

/// `value` in canonical `unit`, for people: `15.55 µs`, `3 KiB`, `1.23 Melem/s`, `12 allocs`.
///
/// Non-finite values give `n/a`. Unknown units keep the number (4 significant digits) and the
/// unit as given; an empty unit gives the bare number.
pub fn format_value(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    match unit {
        "ns" => scaled(value, TIME),
        "B" => scaled(value, BYTES),
        "B/s" => scaled(value, BYTE_RATE),
        "elem/s" | "req/s" | "ops/s" => {
            let prefixed: [(String, f64); 4] = [
                (unit.to_string(), 1.0),
                (format!("K{unit}"), 1e3),
                (format!("M{unit}"), 1e6),
                (format!("G{unit}"), 1e9),
            ];
            let owned: Vec<(&str, f64)> = prefixed.iter().map(|(s, f)| (s.as_str(), *f)).collect();
            scaled(value, &owned)
        }
        "" => significant(value),
        other => format!("{} {other}", significant(value)),
    }
}

/// Pick the largest unit whose size is at most `|value|` (the smallest unit for tiny values),
/// then move up once more if rounding reached the next unit (`999.96 ns` → `1 µs`) and reads
/// as at least 1 there.
fn scaled(value: f64, scale: &[(&str, f64)]) -> String {
    let Some(&(first, _)) = scale.first() else {
        return significant(value);
    };
    if value == 0.0 {
        let zero_unit = scale
            .iter()
            .find(|(_, f)| *f == 1.0)
            .map_or(first, |(s, _)| s);
        return format!("0 {zero_unit}");
    }
    let magnitude = value.abs();
    let mut i = scale
        .iter()
        .rposition(|(_, f)| magnitude >= *f)
        .unwrap_or(0);
    let mut text = significant(value / scale[i].1);
    if let Some((_, next)) = scale.get(i + 1) {
        let rounded: f64 = text.parse().unwrap_or(0.0);
        let up = significant(value / next);
        let up_rounded: f64 = up.parse().unwrap_or(0.0);
        // With binary prefixes 1023.9 B rounds to `1024 B` but to `0.9999 KiB`: stay put.
        if rounded.abs() * scale[i].1 >= *next && up_rounded.abs() >= 1.0 {
            i += 1;
            text = up;
        }
    }
    format!("{text} {}", scale[i].0)
}

/// `value` with 4 significant digits (never cutting the integer part), trailing zeros dropped.
fn significant(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs();
    if !(1e-4..1e15).contains(&magnitude) {
        return format!("{value:.3e}");
    }
    let digits_before = magnitude.log10().floor() as i32 + 1;
    let decimals = (4 - digits_before).max(0) as usize;
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" {
        text = "0".to_string();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_scales_from_picoseconds_to_seconds() {
        assert_eq!(format_value(15_550.0, "ns"), "15.55 µs");
        assert_eq!(format_value(0.25, "ns"), "250 ps");
        assert_eq!(format_value(100.0, "ns"), "100 ns");
        assert_eq!(format_value(123.456, "ns"), "123.5 ns");
        assert_eq!(format_value(2.5e6, "ns"), "2.5 ms");
        assert_eq!(format_value(3.0e9, "ns"), "3 s");
        assert_eq!(format_value(86_400e9, "ns"), "86400 s");
        assert_eq!(format_value(0.0, "ns"), "0 ns");
    }

    #[test]
    fn rounding_moves_to_the_next_unit() {
        assert_eq!(format_value(999.96, "ns"), "1 µs");
        assert_eq!(format_value(1023.9, "B"), "1024 B");
        assert_eq!(format_value(1023.99, "B"), "1 KiB");
        assert_eq!(format_value(1000.0, "B"), "1000 B");
    }

    #[test]
    fn bytes_use_binary_prefixes() {
        assert_eq!(format_value(512.0, "B"), "512 B");
        assert_eq!(format_value(1536.0, "B"), "1.5 KiB");
        assert_eq!(format_value(3.0 * 1024.0 * 1024.0, "B"), "3 MiB");
        assert_eq!(format_value(5.0 * 1024f64.powi(3), "B"), "5 GiB");
        assert_eq!(format_value(1.5 * 1024f64.powi(4), "B"), "1536 GiB");
        assert_eq!(format_value(2048.0 * 1024.0, "B/s"), "2 MiB/s");
    }

    #[test]
    fn counted_rates_use_decimal_prefixes() {
        assert_eq!(format_value(1_230_000.0, "elem/s"), "1.23 Melem/s");
        assert_eq!(format_value(950.0, "req/s"), "950 req/s");
        assert_eq!(format_value(12_345.0, "ops/s"), "12.35 Kops/s");
        assert_eq!(format_value(4.2e9, "ops/s"), "4.2 Gops/s");
    }

    #[test]
    fn other_units_keep_four_significant_digits() {
        assert_eq!(format_value(12.3456, "allocs"), "12.35 allocs");
        assert_eq!(format_value(123_456.0, "count"), "123456 count");
        assert_eq!(format_value(0.5, ""), "0.5");
        assert_eq!(format_value(-1.25, "x"), "-1.25 x");
        assert_eq!(format_value(1e-9, "x"), "1.000e-9 x");
    }

    #[test]
    fn non_finite_is_not_available() {
        assert_eq!(format_value(f64::NAN, "ns"), "n/a");
        assert_eq!(format_value(f64::INFINITY, "B"), "n/a");
        assert_eq!(format_value(f64::NEG_INFINITY, "x"), "n/a");
    }
}
