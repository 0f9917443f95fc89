//! Durations as Go and Prometheus read and print them.
//!
//! LogQL borrows two duration grammars: Go's `time.ParseDuration` (fractions,
//! units ns..h, used for label filters and offsets) and Prometheus' model
//! durations (integer units ms..y, used for ranges). Templates and label
//! values read Go's grammar alone; LogQL's tokens also take `d`, `w`, `y`.

use crate::quote::quote;

const NS: i64 = 1;
const US: i64 = 1_000 * NS;
const MS: i64 = 1_000 * US;
const SEC: i64 = 1_000 * MS;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;
const YEAR: i64 = 365 * DAY;

/// Why a Go duration does not parse; displays as Go's error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoDurationError {
    /// `time: invalid duration "x"` (bad syntax or overflow).
    Invalid { text: String },
    /// `time: missing unit in duration "x"`.
    MissingUnit { text: String },
    /// `time: unknown unit "u" in duration "x"`.
    UnknownUnit { unit: String, text: String },
}

impl std::fmt::Display for GoDurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid { text } => write!(f, "time: invalid duration {}", quote(text)),
            Self::MissingUnit { text } => {
                write!(f, "time: missing unit in duration {}", quote(text))
            }
            Self::UnknownUnit { unit, text } => write!(
                f,
                "time: unknown unit {} in duration {}",
                quote(unit),
                quote(text)
            ),
        }
    }
}

impl std::error::Error for GoDurationError {}

/// Go's `time.ParseDuration`, extended with `d`, `w` and `y` as Prometheus
/// understands them. Returns nanoseconds.
pub fn parse_go_duration(text: &str) -> Option<i64> {
    parse_go_duration_units(text, true).ok()
}

/// Go's `time.ParseDuration` (nanoseconds), digit for digit: integers are
/// exact, a fraction is truncated to the nanosecond, and anything past
/// ±2^63 ns is an error. With `extended`, also `d`, `w` and `y` (LogQL's
/// tokens); without, exactly Go's units (label values, templates).
pub fn parse_go_duration_units(text: &str, extended: bool) -> Result<i64, GoDurationError> {
    let invalid = || GoDurationError::Invalid {
        text: text.to_string(),
    };
    let (neg, mut s) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut total: u64 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        let (whole, mut i) = leading_int(b).ok_or_else(invalid)?;
        let pre = i > 0;
        let (mut frac, mut scale, mut post) = (0u64, 1f64, false);
        if b.get(i) == Some(&b'.') {
            let (f, sc, n) = leading_fraction(&b[i + 1..]);
            (frac, scale, post) = (f, sc, n > 0);
            i += 1 + n;
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_start = i;
        while i < b.len() && b[i] != b'.' && !b[i].is_ascii_digit() {
            i += 1;
        }
        if i == unit_start {
            return Err(GoDurationError::MissingUnit {
                text: text.to_string(),
            });
        }
        let name = &s[unit_start..i];
        s = &s[i..];
        let unit = unit_nanos(name, extended).ok_or_else(|| GoDurationError::UnknownUnit {
            unit: name.to_string(),
            text: text.to_string(),
        })?;
        if whole > LIMIT / unit {
            return Err(invalid());
        }
        let mut v = whole * unit;
        if frac > 0 {
            // Go adds the fraction through a float and truncates.
            v += (frac as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        total += v;
        if total > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((total as i64).wrapping_neg());
    }
    if total > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(total as i64)
}

/// The leading decimal integer of `b` and its length; `None` when it
/// passes 2^63 or `b` starts with neither a digit nor `.`.
fn leading_int(b: &[u8]) -> Option<(u64, usize)> {
    if !(b.first() == Some(&b'.') || b.first().is_some_and(u8::is_ascii_digit)) {
        return None;
    }
    let mut v: u64 = 0;
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b[i] - b'0')))
            .filter(|v| *v <= 1 << 63)?;
        i += 1;
    }
    Some((v, i))
}

/// The digits after a `.`: their value (digits past 2^63 dropped, as Go
/// does), the power of ten they scale by, and how many there were.
fn leading_fraction(b: &[u8]) -> (u64, f64, usize) {
    let (mut f, mut scale, mut overflow) = (0u64, 1f64, false);
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    for &c in &b[..n] {
        if overflow {
            continue;
        }
        match f
            .checked_mul(10)
            .and_then(|y| y.checked_add(u64::from(c - b'0')))
        {
            Some(y) if y <= 1 << 63 => {
                f = y;
                scale *= 10.0;
            }
            _ => overflow = true,
        }
    }
    (f, scale, n)
}

/// Nanoseconds in one `unit`; `d`, `w` and `y` only when `extended`.
fn unit_nanos(unit: &str, extended: bool) -> Option<u64> {
    let ns = match unit {
        "ns" => NS,
        "us" | "\u{b5}s" | "\u{3bc}s" => US,
        "ms" => MS,
        "s" => SEC,
        "m" => MIN,
        "h" => HOUR,
        "d" if extended => DAY,
        "w" if extended => WEEK,
        "y" if extended => YEAR,
        _ => return None,
    };
    Some(ns as u64)
}

/// Prometheus `model.ParseDuration`: integer amounts of y, w, d, h, m, s, ms in
/// that order, each at most once.
pub fn parse_model_duration(text: &str) -> Option<i64> {
    if text == "0" {
        return Some(0);
    }
    if text.is_empty() {
        return None;
    }
    let units: [(&str, i64); 7] = [
        ("y", YEAR),
        ("w", WEEK),
        ("d", DAY),
        ("h", HOUR),
        ("m", MIN),
        ("s", SEC),
        ("ms", MS),
    ];
    let mut s = text;
    let mut next_unit = 0;
    let mut total: i64 = 0;
    while !s.is_empty() {
        let num_len = s.bytes().take_while(|b| b.is_ascii_digit()).count();
        if num_len == 0 {
            return None;
        }
        let value: i64 = s[..num_len].parse().ok()?;
        s = &s[num_len..];
        let unit_len = s.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let idx = units[next_unit..].iter().position(|(u, _)| *u == unit)? + next_unit;
        next_unit = idx + 1;
        total = total.checked_add(value.checked_mul(units[idx].1)?)?;
    }
    Some(total)
}

/// Prometheus `model.ParseDuration` with its error messages, as Loki reports
/// them for a bad range.
pub fn parse_model_duration_checked(text: &str) -> Result<i64, String> {
    if text.is_empty() {
        return Err("empty duration string".into());
    }
    if let Some(d) = parse_model_duration(text) {
        return Ok(d);
    }
    // Explain the first unknown unit, as Prometheus does.
    let mut s = text;
    while !s.is_empty() {
        let n = s.bytes().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            break;
        }
        s = &s[n..];
        let u = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
        let unit = &s[..u];
        if unit.is_empty() {
            break;
        }
        if !matches!(unit, "y" | "w" | "d" | "h" | "m" | "s" | "ms") {
            return Err(format!("unknown unit {unit:?} in duration {text:?}"));
        }
        s = &s[u..];
    }
    Err(format!("not a valid duration string: {text:?}"))
}

/// A duration token: Prometheus durations first, then Go's.
pub fn parse_range_duration(text: &str) -> Option<i64> {
    parse_model_duration(text).or_else(|| parse_go_duration(text))
}

/// Prometheus `model.Duration.String()`: `1h30m`, `5m`, `2w`, `0s`; sub-millisecond
/// precision is dropped.
pub fn format_model_duration(ns: i64) -> String {
    let mut ms = ns / MS;
    if ms == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    if ms < 0 {
        out.push('-');
        ms = -ms;
    }
    let units: [(&str, i64, bool); 7] = [
        ("y", YEAR / MS, true),
        ("w", WEEK / MS, true),
        ("d", DAY / MS, false),
        ("h", HOUR / MS, false),
        ("m", MIN / MS, false),
        ("s", SEC / MS, false),
        ("ms", 1, false),
    ];
    for (unit, mult, exact) in units {
        if exact && ms % mult != 0 {
            continue;
        }
        let v = ms / mult;
        if v > 0 {
            out.push_str(&format!("{v}{unit}"));
            ms -= v * mult;
        }
    }
    out
}

/// Go `time.Duration.String()`: `1h0m0s`, `1.5s`, `100ms`, `0s`.
pub fn format_go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let neg = ns < 0;
    let u = ns.unsigned_abs();
    let mut out = String::new();
    if u < SEC as u64 {
        let (unit, div) = if u < US as u64 {
            ("ns", 1u64)
        } else if u < MS as u64 {
            ("µs", US as u64)
        } else {
            ("ms", MS as u64)
        };
        out.push_str(&fraction(u, div));
        out.push_str(unit);
    } else {
        let hours = u / HOUR as u64;
        let rem = u % HOUR as u64;
        let mins = rem / MIN as u64;
        let secs = rem % MIN as u64;
        if hours > 0 {
            out.push_str(&format!("{hours}h"));
        }
        if hours > 0 || mins > 0 {
            out.push_str(&format!("{mins}m"));
        }
        out.push_str(&fraction(secs, SEC as u64));
        out.push('s');
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// `value / div` with the fraction's trailing zeros removed.
fn fraction(value: u64, div: u64) -> String {
    let whole = value / div;
    let frac = value % div;
    if frac == 0 {
        return whole.to_string();
    }
    let digits = div.ilog10() as usize;
    let frac = format!("{frac:0digits$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1h30m"), Some(90 * MIN));
        assert_eq!(parse_go_duration("1.5s"), Some(1_500 * MS));
        assert_eq!(parse_go_duration("300µs"), Some(300 * US));
        assert_eq!(parse_go_duration("5"), None);
        assert_eq!(parse_go_duration("5x"), None);
        assert_eq!(format_go_duration(HOUR), "1h0m0s");
        assert_eq!(format_go_duration(1_500 * MS), "1.5s");
        assert_eq!(format_go_duration(100 * MS), "100ms");
        assert_eq!(format_go_duration(1_500 * US), "1.5ms");
        assert_eq!(format_go_duration(-5 * MIN), "-5m0s");
        assert_eq!(format_go_duration(90 * MIN + 500 * MS), "1h30m0.5s");
    }

    #[test]
    fn model_durations() {
        assert_eq!(parse_model_duration("1h30m"), Some(90 * MIN));
        assert_eq!(parse_model_duration("30m1h"), None);
        assert_eq!(parse_model_duration("1.5h"), None);
        assert_eq!(parse_range_duration("1.5h"), Some(90 * MIN));
        assert_eq!(format_model_duration(90 * MIN), "1h30m");
        assert_eq!(format_model_duration(14 * DAY), "2w");
        assert_eq!(format_model_duration(10 * DAY), "10d");
        assert_eq!(format_model_duration(0), "0s");
    }

    #[test]
    fn go_grammar_edges() {
        let go = |s: &str| parse_go_duration_units(s, false);
        assert_eq!(go("-1.5s"), Ok(-1_500 * MS));
        assert_eq!(go("+2m"), Ok(2 * MIN));
        assert_eq!(go("-0"), Ok(0));
        assert_eq!(go(".5s"), Ok(500 * MS));
        assert_eq!(go("1.s"), Ok(SEC));
        assert_eq!(
            go("1h2m3s4ms5us6ns"),
            Ok(HOUR + 2 * MIN + 3 * SEC + 4 * MS + 5 * US + 6)
        );
        assert_eq!(go("3µs"), go("3us"));
        assert_eq!(go("3μs"), go("3us"));
        // A fraction below the unit's resolution is truncated, as Go does.
        assert_eq!(go("1.9ns"), Ok(1));
        assert_eq!(go("0.3333333333s"), Ok(333_333_333));
        // The extremes of an i64 and one past them.
        assert_eq!(go("9223372036854775807ns"), Ok(i64::MAX));
        assert_eq!(go("-9223372036854775808ns"), Ok(i64::MIN));
        assert!(go("9223372036854775808ns").is_err());
        assert!(go("2562048h").is_err());
        assert!(go("99999999999999999999s").is_err());
        // Errors carry Go's text.
        assert_eq!(
            go("").unwrap_err().to_string(),
            r#"time: invalid duration """#
        );
        assert_eq!(
            go("-").unwrap_err().to_string(),
            r#"time: invalid duration "-""#
        );
        assert_eq!(
            go(".s").unwrap_err().to_string(),
            r#"time: invalid duration ".s""#
        );
        assert_eq!(
            go("3").unwrap_err().to_string(),
            r#"time: missing unit in duration "3""#
        );
        assert_eq!(
            go("1d").unwrap_err().to_string(),
            r#"time: unknown unit "d" in duration "1d""#
        );
        assert_eq!(
            go("1.5.3s").unwrap_err(),
            GoDurationError::MissingUnit {
                text: "1.5.3s".into()
            }
        );
        // LogQL's tokens add days, weeks and years.
        assert_eq!(parse_go_duration("1d"), Some(DAY));
        assert_eq!(parse_go_duration("1.5w"), Some(WEEK + WEEK / 2));
        assert_eq!(parse_go_duration("1y"), Some(YEAR));
        assert_eq!(parse_go_duration("300y"), None);
    }

    #[test]
    fn model_grammar_edges() {
        assert_eq!(parse_model_duration("0"), Some(0));
        assert_eq!(parse_model_duration(""), None);
        assert_eq!(parse_model_duration("-5m"), None);
        assert_eq!(
            parse_model_duration("1y2w3d4h5m6s7ms"),
            Some(YEAR + 2 * WEEK + 3 * DAY + 4 * HOUR + 5 * MIN + 6 * SEC + 7 * MS)
        );
        assert_eq!(parse_model_duration("5m5m"), None);
        assert_eq!(parse_model_duration("999999999999y"), None);
        assert_eq!(
            parse_model_duration_checked("5x"),
            Err(r#"unknown unit "x" in duration "5x""#.into())
        );
        assert_eq!(
            parse_model_duration_checked("m5"),
            Err(r#"not a valid duration string: "m5""#.into())
        );
        assert_eq!(
            parse_model_duration_checked(""),
            Err("empty duration string".into())
        );
        assert_eq!(format_model_duration(-90 * MIN), "-1h30m");
        assert_eq!(format_model_duration(500 * US), "0s");
        assert_eq!(format_model_duration(YEAR + DAY), "366d");
        assert_eq!(format_go_duration(1), "1ns");
        assert_eq!(format_go_duration(i64::MIN), "-2562047h47m16.854775808s");
    }
}
