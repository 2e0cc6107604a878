//! Timestamps without a calendar dependency: RFC 3339 (and the naive ISO 8601 forms tools
//! write, with `T` or a space) to Unix milliseconds and back, proleptic Gregorian, UTC.
//! Used to order and filter runs; the model keeps the text as the tool wrote it.

/// Parse `2026-11-26T15:56:06.057284+00:00`, `2026-11-26T15:56:06Z`, `2026-11-26 15:59:17`
/// or `2026-11-26` into milliseconds since the Unix epoch. A missing offset means UTC.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let bad = || format!("'{text}' is not an RFC 3339 time (e.g. 2026-11-26T15:56:06Z)");
    let t = text.trim();
    let b = t.as_bytes();
    // ASCII only: every slice below then falls on a character boundary.
    if !t.is_ascii() || b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |s: &str| s.parse::<i64>().map_err(|_| bad());
    let year = num(&t[0..4])?;
    let month = num(&t[5..7])?;
    let day = num(&t[8..10])?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad());
    }
    let mut millis = days_from_civil(year, month, day) * 86_400_000;
    if b.len() == 10 {
        return Ok(millis);
    }
    if !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || b.len() < 19
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(bad());
    }
    let hour = num(&t[11..13])?;
    let minute = num(&t[14..16])?;
    let second = num(&t[17..19])?;
    if hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    millis += (hour * 3600 + minute * 60 + second) * 1000;
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let ms_digits: String = frac[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis += num(&ms_digits)?;
        rest = &frac[digits..];
    }
    match rest {
        "" | "Z" | "z" => Ok(millis),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(bad()),
            };
            let off = &rest[1..];
            let (h, m) = match off.len() {
                5 if off.as_bytes()[2] == b':' => (num(&off[0..2])?, num(&off[3..5])?),
                4 => (num(&off[0..2])?, num(&off[2..4])?),
                2 => (num(off)?, 0),
                _ => return Err(bad()),
            };
            if h > 23 || m > 59 {
                return Err(bad());
            }
            Ok(millis - sign * (h * 3600 + m * 60) * 1000)
        }
    }
}

/// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn format_rfc3339(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let ms = millis.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let s = ms / 1000;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60,
        ms % 1000
    )
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_tools_write() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339("1970-01-02"), Ok(86_400_000));
        let a = parse_rfc3339("2026-11-26T15:56:06.057284+00:00").unwrap();
        let b = parse_rfc3339("2026-11-26 16:56:06.057+01:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(format_rfc3339(a), "2026-11-26T15:56:06.057Z");
        assert!(parse_rfc3339("2026-02-30T00:00:00Z").is_err());
        assert!(parse_rfc3339("yesterday").is_err());
        assert!(parse_rfc3339("2026-11-26T15:56:0\u{e9}").is_err());
        assert!(parse_rfc3339("2026-11-26T15:56:06+0x:00").is_err());
    }

    #[test]
    fn round_trips_across_eras() {
        for ms in [-86_400_000_000_i64, 0, 951_782_400_000, 4_102_444_800_123] {
            assert_eq!(parse_rfc3339(&format_rfc3339(ms)), Ok(ms));
        }
    }
}
