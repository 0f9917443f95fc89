//! Field types, and how one value and one field name read.
//!
//! A field's type is decided from all its values (see the profiler); this
//! module holds the per-value reading ([`ValueRead`], with single tests it
//! is checked against) and the hints a field's name gives
//! (`latency_ms` says milliseconds, `body_bytes_sent` says bytes).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

/// The unit a duration field's numbers are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Ns,
    Us,
    Ms,
    S,
    M,
    H,
}

impl TimeUnit {
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Ns => "ns",
            TimeUnit::Us => "us",
            TimeUnit::Ms => "ms",
            TimeUnit::S => "s",
            TimeUnit::M => "m",
            TimeUnit::H => "h",
        }
    }

    /// Seconds in one of this unit.
    pub fn seconds(self) -> f64 {
        match self {
            TimeUnit::Ns => 1e-9,
            TimeUnit::Us => 1e-6,
            TimeUnit::Ms => 1e-3,
            TimeUnit::S => 1.0,
            TimeUnit::M => 60.0,
            TimeUnit::H => 3600.0,
        }
    }

    /// The unit a name part or a word spells (`ms`, `millis`, `seconds`...).
    pub fn from_word(w: &str) -> Option<TimeUnit> {
        Some(match w {
            "ns" | "nanos" | "nanosecond" | "nanoseconds" => TimeUnit::Ns,
            "us" | "µs" | "micros" | "microsecond" | "microseconds" | "usec" => TimeUnit::Us,
            "ms" | "millis" | "millisecond" | "milliseconds" | "msec" => TimeUnit::Ms,
            "s" | "sec" | "secs" | "second" | "seconds" => TimeUnit::S,
            "min" | "mins" | "minute" | "minutes" => TimeUnit::M,
            "h" | "hour" | "hours" => TimeUnit::H,
            _ => return None,
        })
    }
}

/// What a field's values are. Numeric statistics are in the units that the
/// field's `| unwrap` yields (see `FieldProfile::unwrap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FieldKind {
    /// Plain numbers (`12`, `0.25`).
    Number,
    /// A duration. `suffixed`: the values carry their unit (Go durations
    /// such as `12ms`, `1.5s`; unwrap with `duration()`, which gives
    /// seconds, so `unit` is then `s`); otherwise they are plain numbers in
    /// `unit`, which the field's name gives (`latency_ms`,
    /// `request_time` in seconds).
    Duration { unit: TimeUnit, suffixed: bool },
    /// A size in bytes. `suffixed`: values such as `1.5KB` (unwrap with
    /// `bytes()`); otherwise plain numbers (`body_bytes_sent`).
    Bytes { suffixed: bool },
    /// HTTP status codes (100–599).
    Status,
    /// IPv4 or IPv6 addresses (`| label_name = ip("10.0.0.0/8")` works).
    Ip,
    /// Points in time: ISO 8601 date-times, or epoch numbers in a field
    /// whose name says time (`ts`, `timestamp`, `created_at`).
    Time,
    /// Identifiers: request ids, UUIDs, hashes; nearly every value differs.
    Id,
    /// A few distinct short words (levels, methods, booleans).
    Enum,
    /// Anything else (messages, paths, free text).
    Text,
}

impl FieldKind {
    /// Whether `unwrap` can aggregate the field.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldKind::Number | FieldKind::Duration { .. } | FieldKind::Bytes { .. }
        )
    }

    /// A short name: `number`, `duration(ms)`, `bytes`, `status`...
    pub fn name(self) -> String {
        match self {
            FieldKind::Number => "number".into(),
            FieldKind::Duration {
                unit,
                suffixed: false,
            } => format!("duration({})", unit.name()),
            FieldKind::Duration { suffixed: true, .. } => "duration".into(),
            FieldKind::Bytes { .. } => "bytes".into(),
            FieldKind::Status => "status".into(),
            FieldKind::Ip => "ip".into(),
            FieldKind::Time => "time".into(),
            FieldKind::Id => "id".into(),
            FieldKind::Enum => "enum".into(),
            FieldKind::Text => "text".into(),
        }
    }
}

/// `""` and `-` mean "no value" in access logs and many others.
pub fn is_empty_value(v: &str) -> bool {
    matches!(v.trim(), "" | "-")
}

/// A finite number as Go's `ParseFloat` reads it (which `unwrap` uses);
/// spellings without a digit (`inf`, `NaN`) or with letters other than an
/// exponent (hex floats) are not numbers here.
#[cfg(test)]
pub fn number(v: &str) -> Option<f64> {
    // Cheap shape test first: most values are not numbers, and a refused
    // parse builds an error message.
    let b = v.as_bytes();
    if !b.iter().any(u8::is_ascii_digit)
        || !b
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    crate::engine::values::parse_float(v)
        .ok()
        .filter(|n| n.is_finite())
}

/// A Go duration with a unit (`12ms`, `2m10.5s`), in seconds.
#[cfg(test)]
pub fn go_duration_seconds(v: &str) -> Option<f64> {
    let shaped = v.ends_with(['s', 'm', 'h'])
        && v.bytes().any(|b| b.is_ascii_digit())
        && v.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, '.' | '-' | '+' | 'n' | 'u' | 'µ' | 'μ' | 'm' | 's' | 'h')
        });
    if !shaped {
        return None;
    }
    crate::engine::values::parse_duration(v)
        .ok()
        .map(|ns| ns as f64 / 1e9)
}

/// A size with a unit (`1.5KB`, `10 MiB`), in bytes.
#[cfg(test)]
pub fn suffixed_bytes(v: &str) -> Option<f64> {
    let b = v.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return None;
    };
    if !first.is_ascii_digit()
        || !last.is_ascii_alphabetic()
        || b.len() > 32
        || b.iter().filter(|&&c| c == b' ').count() > 1
    {
        return None;
    }
    crate::engine::values::parse_bytes(v).ok().map(|b| b as f64)
}

#[cfg(test)]
pub fn is_ip(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() <= 45
        && b.first()
            .is_some_and(|c| c.is_ascii_hexdigit() || *c == b':')
        && b.iter().any(|c| matches!(c, b'.' | b':'))
        && v.parse::<IpAddr>().is_ok()
}

/// A 3-digit code in 100–599.
pub fn is_status_code(v: &str) -> bool {
    v.len() == 3 && v.bytes().all(|b| b.is_ascii_digit()) && matches!(v.as_bytes()[0], b'1'..=b'5')
}

/// An ISO 8601-like date-time: `2026-12-06T09:00:01Z`,
/// `2026/12/06 09:00:01.5`.
pub fn is_datetime(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    b.len() >= 16
        && digits(0..4)
        && matches!(b[4], b'-' | b'/')
        && digits(5..7)
        && b[7] == b[4]
        && digits(8..10)
        && matches!(b[10], b'T' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
}

/// Shaped like an identifier: one token of 6+ characters from letters,
/// digits and `-_:.`, with a digit in it (UUIDs, hex, `ord-483920`).
#[cfg(test)]
pub fn is_id_like(v: &str) -> bool {
    v.len() >= 6
        && v.len() <= 128
        && v.bytes().any(|b| b.is_ascii_digit())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
}

/// What one value is, read in one pass over its bytes (profiling reads
/// every value of every line, so the shape tests come before any parse).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRead {
    pub what: ValueKind,
    pub id_like: bool,
    pub spaced: bool,
    pub long: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueKind {
    Empty,
    Number {
        n: f64,
        integer: bool,
        status: bool,
    },
    /// A Go duration with a unit, in seconds.
    Duration(f64),
    /// A size with a unit, in bytes.
    Bytes(f64),
    Ip,
    Time,
    Other,
}

impl ValueRead {
    pub fn of(v: &str) -> ValueRead {
        let b = v.as_bytes();
        let (mut digit, mut alpha, mut spaces) = (false, false, 0usize);
        let (mut numeric, mut duration, mut id, mut ip) = (true, true, true, true);
        let mut dot_colon = false;
        for &c in b {
            match c {
                b'0'..=b'9' => digit = true,
                b'a'..=b'z' | b'A'..=b'Z' => {
                    alpha = true;
                    numeric &= matches!(c, b'e' | b'E');
                    duration &= matches!(c, b'n' | b'u' | b'm' | b's' | b'h');
                    ip &= c.is_ascii_hexdigit();
                }
                b'.' | b':' => {
                    dot_colon = true;
                    numeric &= c == b'.';
                    duration &= c == b'.';
                }
                b'-' | b'+' => {
                    ip = false;
                    id &= c == b'-';
                }
                b'_' => {
                    numeric = false;
                    duration = false;
                    ip = false;
                }
                b' ' | b'\t' | b'\n' | b'\r' => {
                    spaces += 1;
                    numeric = false;
                    duration = false;
                    id = false;
                    ip = false;
                }
                // µ and μ are duration units; other bytes end every shape.
                0xC2 | 0xB5 | 0xCE | 0xBC => {
                    numeric = false;
                    id = false;
                    ip = false;
                }
                _ => {
                    numeric = false;
                    duration = false;
                    id = false;
                    ip = false;
                }
            }
        }
        let first = b.first().copied().unwrap_or(0);
        let last = b.last().copied().unwrap_or(0);
        let read = |what| ValueRead {
            what,
            id_like: id && digit && (6..=128).contains(&b.len()),
            spaced: spaces > 0,
            long: b.len() > 40,
        };
        if b.is_empty() || v == "-" || (spaces > 0 && is_empty_value(v)) {
            return read(ValueKind::Empty);
        }
        if digit && numeric {
            if let Ok(n) = crate::engine::values::parse_float(v) {
                if n.is_finite() {
                    return read(ValueKind::Number {
                        n,
                        integer: !alpha && !v.contains('.'),
                        status: is_status_code(v),
                    });
                }
            }
        }
        if digit && duration && matches!(last, b's' | b'm' | b'h') {
            if let Ok(ns) = crate::engine::values::parse_duration(v) {
                return read(ValueKind::Duration(ns as f64 / 1e9));
            }
        }
        if first.is_ascii_digit() && last.is_ascii_alphabetic() && b.len() <= 32 && spaces <= 1 {
            if let Ok(n) = crate::engine::values::parse_bytes(v) {
                return read(ValueKind::Bytes(n as f64));
            }
        }
        if ip && dot_colon && b.len() <= 45 && v.parse::<IpAddr>().is_ok() {
            return read(ValueKind::Ip);
        }
        if first.is_ascii_digit() && is_datetime(v) {
            return read(ValueKind::Time);
        }
        read(ValueKind::Other)
    }
}

/// What a field's name says about its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameHint {
    /// A time span; `Some` unit when the name spells it.
    pub duration: Option<Option<TimeUnit>>,
    pub bytes: bool,
    pub status: bool,
    pub id: bool,
    /// A point in time (`ts`, `timestamp`, `created_at`).
    pub time: bool,
}

impl NameHint {
    pub fn of(name: &str) -> NameHint {
        let parts = split_name(name);
        let has = |w: &[&str]| parts.iter().any(|p| w.contains(&p.as_str()));
        let unit = parts.iter().rev().find_map(|p| TimeUnit::from_word(p));
        // `time` alone or `start_time` is a point in time; `request_time`
        // and `response_time` are spans, as nginx and others use them.
        let span_word = has(&[
            "duration", "latency", "elapsed", "took", "taken", "rtt", "runtime",
        ]);
        let time_span = parts.len() >= 2
            && parts.last().is_some_and(|p| p == "time")
            && !has(&[
                "start", "end", "stop", "finish", "created", "updated", "event",
            ]);
        let duration = if span_word || time_span {
            Some(unit)
        } else if unit.is_some() && parts.len() >= 2 {
            // `wait_ms`, `db_seconds`: a unit suffix on a longer name.
            Some(unit)
        } else {
            None
        };
        NameHint {
            duration,
            bytes: has(&["bytes", "size", "length", "len"]),
            status: has(&["status", "code"]),
            id: parts.last().is_some_and(|p| p == "id" || p == "uuid"),
            time: parts
                .last()
                .is_some_and(|p| matches!(p.as_str(), "ts" | "time" | "timestamp" | "at")),
        }
    }
}

/// A name's parts, lower-cased: `provider_latency_ms`, `providerLatencyMs`
/// and `provider.latency-ms` all give provider, latency, ms.
pub fn split_name(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("-0.5"), Some(-0.5));
        assert_eq!(number("inf"), None);
        assert_eq!(number("NaN"), None);
        assert_eq!(number("1_000"), None);
        assert_eq!(go_duration_seconds("1.5s"), Some(1.5));
        assert_eq!(go_duration_seconds("2m10s"), Some(130.0));
        assert_eq!(go_duration_seconds("12"), None);
        assert_eq!(go_duration_seconds("abc"), None);
        assert_eq!(suffixed_bytes("2KB"), Some(2000.0));
        assert_eq!(suffixed_bytes("1KiB"), Some(1024.0));
        assert_eq!(suffixed_bytes("12"), None);
        assert_eq!(suffixed_bytes("ms"), None);
        assert!(is_ip("10.0.0.1") && is_ip("2001:db8::1") && is_ip("::1"));
        assert!(!is_ip("10.0.0.1:80") && !is_ip("999.1.1.1"));
        assert!(is_status_code("404") && !is_status_code("600") && !is_status_code("4040"));
        assert!(is_id_like("3f9a1c0e77") && is_id_like("ord-483920"));
        assert!(!is_id_like("shoes") && !is_id_like("a b 1234"));
        assert!(is_datetime("2026-12-06T09:00:01.123Z") && is_datetime("2026/12/06 09:00"));
        assert!(!is_datetime("2026-12-06") && !is_datetime("20261206T090001"));
        // The one-pass reading agrees with the single tests.
        for v in [
            "12",
            "-0.5",
            "1e3",
            "inf",
            "1.5s",
            "2m10s",
            "0",
            "2KB",
            "1KiB",
            "10 MiB",
            "10.0.0.1",
            "2001:db8::1",
            "::1",
            "10.0.0.1:80",
            "404",
            "ord-483920",
            "3f9a1c0e77",
            "a b 1234",
            "2026-12-06T09:00:01Z",
            "-",
            "",
            " - ",
            "12µs",
            "shoes",
            "1_000",
            "é",
        ] {
            let r = ValueRead::of(v);
            let expect = if is_empty_value(v) {
                ValueKind::Empty
            } else if let Some(n) = number(v) {
                ValueKind::Number {
                    n,
                    integer: !v.contains(['.', 'e', 'E']),
                    status: is_status_code(v),
                }
            } else if let Some(s) = go_duration_seconds(v) {
                ValueKind::Duration(s)
            } else if let Some(b) = suffixed_bytes(v) {
                ValueKind::Bytes(b)
            } else if is_ip(v) {
                ValueKind::Ip
            } else if is_datetime(v) {
                ValueKind::Time
            } else {
                ValueKind::Other
            };
            assert_eq!(r.what, expect, "{v}");
            assert_eq!(r.id_like, is_id_like(v), "{v}");
        }
        assert!(is_empty_value("-") && is_empty_value("") && !is_empty_value("0"));
    }

    #[test]
    fn name_hints() {
        assert_eq!(
            NameHint::of("latency_ms").duration,
            Some(Some(TimeUnit::Ms))
        );
        assert_eq!(NameHint::of("request_time").duration, Some(None));
        assert_eq!(NameHint::of("time").duration, None);
        assert_eq!(NameHint::of("start_time").duration, None);
        assert_eq!(NameHint::of("ms").duration, None);
        assert_eq!(
            NameHint::of("dbWaitSeconds").duration,
            Some(Some(TimeUnit::S))
        );
        assert!(NameHint::of("body_bytes_sent").bytes);
        assert!(NameHint::of("http_status").status && NameHint::of("statusCode").status);
        assert!(NameHint::of("user_id").id && NameHint::of("userId").id);
        assert!(!NameHint::of("idle").id);
        assert_eq!(
            split_name("providerLatencyMs"),
            ["provider", "latency", "ms"]
        );
    }
}
