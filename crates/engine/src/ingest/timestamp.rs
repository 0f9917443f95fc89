//! Times at the edges: the API's `start`/`end`/`time` parameters and
//! RFC3339 text for answers. Log lines' own timestamps are inferred in
//! [`super::timeinfer`].

use super::timeinfer::Fields;

const NANOS_PER_SEC: i64 = 1_000_000_000;

/// Parse a time the way Loki's HTTP API reads `start`, `end` and `time`:
///
/// * containing `.` and a valid float: float Unix seconds, fraction rounded
///   to the millisecond (as Loki does);
/// * an integer of at most 10 characters: Unix seconds;
/// * a longer integer: Unix nanoseconds;
/// * otherwise RFC3339 / RFC3339Nano (`2023-11-14T22:13:20Z`,
///   `2023-11-14T22:13:20.5+01:00`).
///
/// Surrounding whitespace is ignored. Returns Unix nanoseconds.
pub fn parse_api_time(s: &str) -> Result<i64, String> {
    let v = s.trim();
    let err = || {
        format!(
            "invalid time {s:?}: expected RFC3339/RFC3339Nano (2023-11-14T22:13:20Z), \
             Unix seconds (1700000000, at most 10 digits), float Unix seconds \
             (1700000000.5) or Unix nanoseconds (1700000000000000000)"
        )
    };
    if v.is_empty() {
        return Err(err());
    }
    if v.contains('.') {
        if let Ok(f) = v.parse::<f64>() {
            if !f.is_finite() {
                return Err(err());
            }
            let secs = f.trunc();
            // Bounds keep the float-to-int conversion and the scaling exact
            // enough and in range.
            if secs.abs() > 9.2e9 {
                return Err(format!("{}: out of range", err()));
            }
            let millis = ((f - secs) * 1000.0).round() as i64;
            return (secs as i64)
                .checked_mul(NANOS_PER_SEC)
                .and_then(|n| n.checked_add(millis * 1_000_000))
                .ok_or_else(|| format!("{}: out of range", err()));
        }
    }
    if let Ok(n) = v.parse::<i64>() {
        if v.len() <= 10 {
            return n
                .checked_mul(NANOS_PER_SEC)
                .ok_or_else(|| format!("{}: out of range", err()));
        }
        return Ok(n);
    }
    parse_rfc3339(v.as_bytes()).ok_or_else(err)
}

/// Strict RFC3339 as Go's `time.RFC3339Nano` reads it: `T`, an optional
/// `.` fraction, and a zone (`Z` or `±HH:MM`), nothing after.
fn parse_rfc3339(b: &[u8]) -> Option<i64> {
    let num = |i: usize, n: usize| -> Option<u32> {
        let s = b.get(i..i + n)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |v, &c| v * 10 + u32::from(c - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-')
        && at(7, b'-')
        && (at(10, b'T') || at(10, b't'))
        && at(13, b':')
        && at(16, b':'))
    {
        return None;
    }
    let mut f = Fields {
        year: Some(i64::from(num(0, 4)?)),
        month: num(5, 2)?,
        day: num(8, 2)?,
        hour: num(11, 2)?,
        minute: num(14, 2)?,
        second: num(17, 2)?,
        ..Fields::default()
    };
    let mut i = 19;
    if at(i, b'.') {
        let n = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let digits = &b[i + 1..i + 1 + n.min(9)];
        let v = digits
            .iter()
            .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
        f.nanos = v * 10u32.pow(9 - digits.len() as u32);
        i += 1 + n;
    }
    match b.get(i) {
        Some(b'Z' | b'z') => {
            f.offset_secs = Some(0);
            i += 1;
        }
        Some(&sign @ (b'+' | b'-')) if at(i + 3, b':') => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let off = (h * 3600 + m * 60) as i32;
            f.offset_secs = Some(if sign == b'-' { -off } else { off });
            i += 6;
        }
        _ => return None,
    }
    if i != b.len() {
        return None;
    }
    f.to_unix_nanos(0)
}

/// Printing lives with the other Go formats; the path stays for callers.
pub use goformat::time::format_rfc3339_nano;

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = NANOS_PER_SEC;

    #[test]
    fn api_time() {
        assert_eq!(parse_api_time("1700000000"), Ok(1_700_000_000 * S));
        assert_eq!(
            parse_api_time("1700000000.5"),
            Ok(1_700_000_000 * S + 500_000_000)
        );
        // Loki rounds the float fraction to milliseconds.
        assert_eq!(
            parse_api_time("1700000000.1234"),
            Ok(1_700_000_000 * S + 123_000_000)
        );
        assert_eq!(
            parse_api_time("1700000000000000000"),
            Ok(1_700_000_000_000_000_000)
        );
        // 11+ characters: nanoseconds, even when small.
        assert_eq!(parse_api_time("12345678901"), Ok(12_345_678_901));
        assert_eq!(parse_api_time("0"), Ok(0));
        assert_eq!(
            parse_api_time("2023-11-14T22:13:20Z"),
            Ok(1_700_000_000 * S)
        );
        assert_eq!(
            parse_api_time("2023-11-14T23:13:20.123456789+01:00"),
            Ok(1_700_000_000 * S + 123_456_789)
        );
        assert_eq!(parse_api_time(" 1700000000 "), Ok(1_700_000_000 * S));
        for bad in [
            "garbage",
            "",
            "2023-11-14 22:13:20Z",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13:20Zjunk",
            "1e400.0",
            "NaN.",
            "99999999999999999999",
        ] {
            let e = parse_api_time(bad).unwrap_err();
            assert!(e.contains("RFC3339"), "{e}");
            assert!(e.contains("Unix seconds"), "{e}");
            assert!(e.contains("nanoseconds"), "{e}");
        }
    }

    #[test]
    fn format_nano() {
        assert_eq!(format_rfc3339_nano(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_rfc3339_nano(1_714_564_800 * S + 500_000_000),
            "2024-05-01T12:00:00.5Z"
        );
        assert_eq!(
            format_rfc3339_nano(1_714_564_800 * S + 123_456_789),
            "2024-05-01T12:00:00.123456789Z"
        );
        assert_eq!(format_rfc3339_nano(-1), "1969-12-31T23:59:59.999999999Z");
        assert_eq!(
            format_rfc3339_nano(i64::MAX),
            "2262-04-11T23:47:16.854775807Z"
        );
        assert_eq!(
            format_rfc3339_nano(i64::MIN),
            "1677-09-21T00:12:43.145224192Z"
        );
        for ns in [0, 1_700_000_000 * S + 1, 1_226_262_975 * S, -86_400 * S] {
            assert_eq!(parse_api_time(&format_rfc3339_nano(ns)), Ok(ns));
        }
    }

    #[test]
    fn rfc3339_is_strict_and_validated() {
        // python3: datetime(2024,2,29,12,tzinfo=timezone.utc) -> 1709208000
        assert_eq!(
            parse_api_time("2024-02-29T12:00:00Z"),
            Ok(1_709_208_000 * S)
        );
        assert_eq!(
            parse_api_time("2024-05-01T12:00:00.1234567899Z"),
            Ok(1_714_564_800 * S + 123_456_789)
        );
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:00+0200",
            "2024-05-01T12:00:00.Z",
            "9999-12-31T23:59:59Z",
            "日本語",
            "2024-05-01T12:00:00+",
        ] {
            assert!(parse_api_time(bad).is_err(), "{bad}");
        }
    }
}
