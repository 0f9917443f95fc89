//! Durations and byte sizes as LogQL reads and prints them.
//!
//! LogQL borrows two duration grammars: Go's `time.ParseDuration` (fractions,
//! units ns..h, used for label filters and offsets) and Prometheus' model
//! durations (integer units ms..y, used for ranges). Byte sizes follow the
//! humanize package's units (`KB` = 1000, `KiB` = 1024).

const NS: i64 = 1;
const US: i64 = 1_000 * NS;
const MS: i64 = 1_000 * US;
const SEC: i64 = 1_000 * MS;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;
const YEAR: i64 = 365 * DAY;

/// Why a Go duration does not parse, in the terms of Go's messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoDurationError {
    Invalid,
    MissingUnit,
    UnknownUnit(String),
}

/// Go's `time.ParseDuration`, extended with `d`, `w` and `y` as Prometheus
/// understands them. Returns nanoseconds.
pub fn parse_go_duration(text: &str) -> Option<i64> {
    parse_go_duration_units(text, true).ok()
}

/// Go's `time.ParseDuration`; with `extended`, also `d`, `w` and `y`.
pub fn parse_go_duration_units(text: &str, extended: bool) -> Result<i64, GoDurationError> {
    let (neg, mut s) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(GoDurationError::Invalid);
    }
    let mut total: f64 = 0.0;
    while !s.is_empty() {
        let num_len = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let num = &s[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(GoDurationError::Invalid);
        }
        let value: f64 = num.parse().map_err(|_| GoDurationError::Invalid)?;
        s = &s[num_len..];
        let unit_len = s
            .char_indices()
            .find(|&(_, c)| c.is_ascii_digit() || c == '.')
            .map_or(s.len(), |(i, _)| i);
        let unit = match &s[..unit_len] {
            "" => return Err(GoDurationError::MissingUnit),
            "ns" => NS,
            "us" | "\u{b5}s" | "\u{3bc}s" => US,
            "ms" => MS,
            "s" => SEC,
            "m" => MIN,
            "h" => HOUR,
            "d" if extended => DAY,
            "w" if extended => WEEK,
            "y" if extended => YEAR,
            other => return Err(GoDurationError::UnknownUnit(other.to_string())),
        };
        s = &s[unit_len..];
        total += value * unit as f64;
    }
    if total > i64::MAX as f64 {
        return Err(GoDurationError::Invalid);
    }
    let ns = total.round() as i64;
    Ok(if neg { -ns } else { ns })
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

/// The multiplier of a lower-case byte-size unit as go-humanize reads it
/// (`kb` = 1000, `kib` = 1024; `` and `b` = 1).
pub fn byte_unit_scale(unit: &str) -> Option<f64> {
    Some(match unit {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "p" | "pb" => 1e15,
        "e" | "eb" => 1e18,
        "ki" | "kib" => 1024f64,
        "mi" | "mib" => 1024f64.powi(2),
        "gi" | "gib" => 1024f64.powi(3),
        "ti" | "tib" => 1024f64.powi(4),
        "pi" | "pib" => 1024f64.powi(5),
        "ei" | "eib" => 1024f64.powi(6),
        _ => return None,
    })
}

/// humanize.ParseBytes: `10KB`, `1.5 MiB`, `42`, case-insensitive.
pub fn parse_bytes(text: &str) -> Option<u64> {
    let t = text.trim();
    let num_len = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if num_len == 0 {
        return None;
    }
    let value: f64 = t[..num_len].parse().ok()?;
    let mult = byte_unit_scale(&t[num_len..].trim().to_ascii_lowercase())?;
    let bytes = value * mult;
    if bytes >= u64::MAX as f64 {
        return None;
    }
    Some(bytes as u64)
}

/// humanize.Bytes without the space: `20kB`, `1.5MB`, `9B`.
pub fn format_bytes(n: u64) -> String {
    if n < 10 {
        return format!("{n}B");
    }
    let sizes = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let e = ((n as f64).ln() / 1000f64.ln()).floor() as usize;
    let e = e.min(sizes.len() - 1);
    let val = ((n as f64) / 1000f64.powi(e as i32) * 10.0 + 0.5).floor() / 10.0;
    if val < 10.0 {
        format!("{val:.1}{}", sizes[e])
    } else {
        format!("{val:.0}{}", sizes[e])
    }
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
    fn bytes() {
        assert_eq!(parse_bytes("10KB"), Some(10_000));
        assert_eq!(parse_bytes("1.5MiB"), Some(1_572_864));
        assert_eq!(parse_bytes("5xb"), None);
        assert_eq!(format_bytes(20_000), "20kB");
        assert_eq!(format_bytes(1_500), "1.5kB");
        assert_eq!(format_bytes(5), "5B");
    }
}
