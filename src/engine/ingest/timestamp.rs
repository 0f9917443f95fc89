//! Timestamp detection and parsing for plain-text log ingestion.
//!
//! Everything here works on the line's bytes (no regex, no allocation on the
//! per-line path) and never slices a `&str`, so any UTF-8 input is safe.
//! Civil-date arithmetic is hand-rolled (`days_from_civil` /
//! `civil_from_days`, proleptic Gregorian calendar); there are no
//! dependencies.
//!
//! Where a timestamp may sit in a line:
//!
//! * at column 0, or
//! * when nothing matches there and the line does not start with whitespace,
//!   right after the first whitespace-separated token (OpenStack's
//!   `nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 ...`, BGL's
//!   `- 1117838570 ...`). Lines that start with whitespace (stack traces and
//!   other continuation lines) only match at column 0.
//! * [`TimestampFormat::CommonLog`] also looks at every `[` in the first 512
//!   bytes (`127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET ..."`), and
//!   [`TimestampFormat::Bgl`] at each of the first six tokens.
//!
//! Texts without a zone are taken as UTC.

/// A timestamp layout found in plain-text logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123456+02:00`,
    /// `2024-05-01 12:00:00,123` (separator `T`/`t`/space, `.` or `,`
    /// fraction, zone `Z`, `±HH:MM`, `±HHMM`, `±HH` or none = UTC). May be
    /// wrapped in `[`.
    Rfc3339,
    /// `Dec 10 06:55:46`, `Jun  9 06:55:46` (no year; the parser assumes one).
    Syslog,
    /// `081109 203615` (yyMMdd HHmmss).
    Hdfs,
    /// `2005-06-03-15.42.50.675872`.
    Bgl,
    /// Apache error log `[Sun Dec 04 04:47:44 2005]` (optional `.ffffff`).
    Apache,
    /// Common log format `[10/Oct/2000:13:55:36 -0700]`.
    CommonLog,
    /// Ten-digit Unix seconds with an optional fraction: `1117838570.25`.
    EpochSeconds,
    /// Thirteen-digit Unix milliseconds: `1700000000123`.
    EpochMillis,
}

impl TimestampFormat {
    /// Every format, in tie-break order for [`detect`] (earlier wins).
    ///
    /// Apache comes before Syslog because `[Sun Dec 04 04:47:44 2005]`
    /// also matches syslog after its first token; EpochSeconds comes before
    /// Bgl because in BGL logs the epoch field is true UTC while the
    /// `2005-06-03-15.42.50` text is local (US Pacific) time.
    pub const ALL: [TimestampFormat; 8] = [
        TimestampFormat::Apache,
        TimestampFormat::CommonLog,
        TimestampFormat::Rfc3339,
        TimestampFormat::EpochSeconds,
        TimestampFormat::EpochMillis,
        TimestampFormat::Bgl,
        TimestampFormat::Hdfs,
        TimestampFormat::Syslog,
    ];

    /// Human-readable description for the CLI report.
    pub fn describe(self) -> &'static str {
        match self {
            TimestampFormat::Rfc3339 => {
                "RFC3339 / ISO 8601 (2024-05-01T12:00:00.123Z or 2024-05-01 12:00:00,123; no zone = UTC)"
            }
            TimestampFormat::Syslog => "syslog (Dec 10 06:55:46, year assumed)",
            TimestampFormat::Hdfs => "HDFS (081109 203615 = yyMMdd HHmmss, UTC)",
            TimestampFormat::Bgl => "BGL (2005-06-03-15.42.50.675872, UTC)",
            TimestampFormat::Apache => "Apache error log ([Sun Dec 04 04:47:44 2005], UTC)",
            TimestampFormat::CommonLog => "common log format ([10/Oct/2000:13:55:36 -0700])",
            TimestampFormat::EpochSeconds => "Unix epoch seconds (1117838570, optional fraction)",
            TimestampFormat::EpochMillis => "Unix epoch milliseconds (1700000000123)",
        }
    }
}

/// Maximum number of non-empty sample lines [`detect`] looks at.
pub const DETECT_SAMPLE_LINES: usize = 1000;

/// Choose the format that parses the most of the sample lines (the first
/// [`DETECT_SAMPLE_LINES`] non-blank lines); ties go to the earlier entry of
/// [`TimestampFormat::ALL`]. `None` when fewer than half of those lines parse
/// (or the sample has no non-blank line).
pub fn detect(sample: &[&str]) -> Option<TimestampFormat> {
    let lines: Vec<&str> = sample
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .take(DETECT_SAMPLE_LINES)
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut best: Option<(TimestampFormat, usize)> = None;
    for format in TimestampFormat::ALL {
        // 2000 is a leap year, so Feb 29 never fails detection.
        let mut parser = TimestampParser::new(format, 2000);
        let hits = lines.iter().filter(|l| parser.parse(l).is_some()).count();
        let better = match best {
            Some((_, n)) => hits > n,
            None => true,
        };
        if better {
            best = Some((format, hits));
        }
    }
    match best {
        Some((format, hits)) if hits > 0 && hits * 2 >= lines.len() => Some(format),
        _ => None,
    }
}

/// Stateful parser for one file: carries the assumed year for syslog and
/// its rollover.
#[derive(Debug, Clone)]
pub struct TimestampParser {
    format: TimestampFormat,
    year: i32,
    last_month: Option<u32>,
}

impl TimestampParser {
    /// `default_year` is the year given to syslog timestamps until the month
    /// sequence wraps (other formats ignore it).
    pub fn new(format: TimestampFormat, default_year: i32) -> Self {
        TimestampParser {
            format,
            year: default_year,
            last_month: None,
        }
    }

    /// The format this parser reads.
    pub fn format(&self) -> TimestampFormat {
        self.format
    }

    /// The year currently assumed for syslog timestamps.
    pub fn current_year(&self) -> i32 {
        self.year
    }

    /// Unix nanoseconds (UTC unless the text carries a zone), or `None` when
    /// this line has no timestamp in the format (continuation lines such as
    /// stack traces: the caller gives them the previous line's timestamp).
    ///
    /// Syslog year rollover: when the month goes backwards by six months or
    /// more (Dec then Jan) the assumed year advances; a smaller step back
    /// (Jun then May) is treated as slightly out-of-order lines.
    pub fn parse(&mut self, line: &str) -> Option<i64> {
        let b = line.as_bytes();
        match self.format {
            TimestampFormat::Syslog => {
                let st = at_start_or_second_token(b, parse_syslog)?;
                if let Some(last) = self.last_month {
                    if st.month < last && last - st.month >= 6 {
                        self.year = self.year.checked_add(1)?;
                    }
                }
                self.last_month = Some(st.month);
                let dt = DateTime {
                    year: i64::from(self.year),
                    month: st.month,
                    day: st.day,
                    hour: st.hour,
                    minute: st.minute,
                    second: st.second,
                    nanos: st.nanos,
                    offset_secs: 0,
                };
                dt.to_unix_nanos()
            }
            TimestampFormat::Rfc3339 => at_start_or_second_token(b, |s| {
                parse_iso(s, false).or_else(|| match s.first() {
                    Some(b'[') => parse_iso(&s[1..], false),
                    _ => None,
                })
            })
            .or_else(|| in_field_value(b))
            .map(|(ns, _)| ns),
            TimestampFormat::Hdfs => at_start_or_second_token(b, parse_hdfs),
            TimestampFormat::Bgl => first_tokens(b, 6, parse_bgl),
            TimestampFormat::Apache => at_start_or_second_token(b, parse_apache),
            TimestampFormat::CommonLog => {
                let window = &b[..b.len().min(512)];
                window
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c == b'[')
                    .find_map(|(i, _)| parse_common_log(&b[i..]))
            }
            TimestampFormat::EpochSeconds => at_start_or_second_token(b, parse_epoch_seconds),
            TimestampFormat::EpochMillis => at_start_or_second_token(b, parse_epoch_millis),
        }
    }
}

/// Structured application logs: an RFC3339 value of a JSON string or a
/// logfmt pair (`{"ts":"2024-05-01T10:00:00Z",...}`, `time=2024-05-01T...`)
/// within the first 256 bytes.
fn in_field_value(b: &[u8]) -> Option<(i64, usize)> {
    let window = &b[..b.len().min(256)];
    window
        .windows(2)
        .enumerate()
        .filter(|(_, w)| (w[0] == b'"' || w[0] == b'=') && w[1].is_ascii_digit())
        .find_map(|(i, _)| parse_iso(&b[i + 1..], false))
}

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
    match parse_iso(v.as_bytes(), true) {
        Some((ns, used)) if used == v.len() => Ok(ns),
        _ => Err(err()),
    }
}

/// RFC3339 with nanoseconds in UTC, like Go's `time.RFC3339Nano`: the
/// fraction's trailing zeros are trimmed and a whole second has none
/// (`2024-05-01T12:00:00.5Z`, `2024-05-01T12:00:00Z`).
pub fn format_rfc3339_nano(ns: i64) -> String {
    let secs = ns.div_euclid(NANOS_PER_SEC);
    let frac = ns.rem_euclid(NANOS_PER_SEC);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let mut out = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    );
    if frac != 0 {
        let digits = format!("{frac:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

// ---------------------------------------------------------------------------
// Civil-date arithmetic
// ---------------------------------------------------------------------------

use crate::calendar::{civil_from_days, days_from_civil};

const NANOS_PER_SEC: i64 = 1_000_000_000;

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Calendar fields plus zone offset; converts to Unix nanoseconds.
#[derive(Debug, Clone, Copy)]
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    /// Seconds east of UTC.
    offset_secs: i32,
}

impl DateTime {
    fn utc(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        nanos: u32,
    ) -> Self {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            nanos,
            offset_secs: 0,
        }
    }

    /// `None` for invalid fields or a result outside i64 nanoseconds
    /// (roughly 1677-09-21 to 2262-04-11).
    fn to_unix_nanos(self) -> Option<i64> {
        // Syslog has no year, so Feb 29 is accepted whatever year is assumed
        // (it rolls to Mar 1 in a common year); elsewhere the day must exist.
        if !(1..=12).contains(&self.month)
            || self.day == 0
            || self.day > days_in_month(2000, self.month)
            || self.hour > 23
            || self.minute > 59
            || self.second > 60
            || self.nanos >= 1_000_000_000
        {
            return None;
        }
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = days
            .checked_mul(86_400)?
            .checked_add(i64::from(self.hour * 3600 + self.minute * 60 + self.second))?
            .checked_sub(i64::from(self.offset_secs))?;
        secs.checked_mul(NANOS_PER_SEC)?
            .checked_add(i64::from(self.nanos))
    }

    /// Like [`Self::to_unix_nanos`] but also rejects days past the month's
    /// end in the actual year (Feb 29 of a common year).
    fn to_unix_nanos_strict(self) -> Option<i64> {
        if self.day > days_in_month(self.year, self.month) {
            return None;
        }
        self.to_unix_nanos()
    }
}

// ---------------------------------------------------------------------------
// Byte helpers
// ---------------------------------------------------------------------------

/// Exactly `n` ASCII digits at `b[i..]`.
fn digits(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(n)?)?;
    let mut v: u32 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn byte_is(b: &[u8], i: usize, c: u8) -> bool {
    b.get(i) == Some(&c)
}

fn is_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

fn is_alnum_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_alphanumeric)
}

/// An optional fraction of a second at `b[i]`, introduced by one of
/// `separators`: (nanoseconds, index after it); (0, i) when there is none,
/// `None` when a separator has no digits after it.
fn optional_fraction(b: &[u8], i: usize, separators: &[u8]) -> Option<(u32, usize)> {
    match b.get(i) {
        Some(c) if separators.contains(c) => {
            let (nanos, used) = fraction(b, i + 1)?;
            Some((nanos, i + 1 + used))
        }
        _ => Some((0, i)),
    }
}

/// A fraction of a second starting at `b[i]` (the digits after the
/// separator): returns (nanoseconds, bytes consumed). Needs at least one
/// digit; digits past the ninth are consumed and ignored.
fn fraction(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut nanos: u32 = 0;
    let mut n = 0usize;
    while let Some(&c) = b.get(i + n) {
        if !c.is_ascii_digit() {
            break;
        }
        if n < 9 {
            nanos = nanos * 10 + u32::from(c - b'0');
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    for _ in n..9 {
        nanos *= 10;
    }
    Some((nanos, n))
}

/// `HH:MM:SS` at `b[i..]`.
fn hms(b: &[u8], i: usize, sep: u8) -> Option<(u32, u32, u32)> {
    let h = digits(b, i, 2)?;
    if !byte_is(b, i + 2, sep) {
        return None;
    }
    let m = digits(b, i + 3, 2)?;
    if !byte_is(b, i + 5, sep) {
        return None;
    }
    let s = digits(b, i + 6, 2)?;
    Some((h, m, s))
}

/// Three-letter English month abbreviation (any case) → 1..=12.
fn month_abbr(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i + 3)?;
    let l = [
        s[0].to_ascii_lowercase(),
        s[1].to_ascii_lowercase(),
        s[2].to_ascii_lowercase(),
    ];
    let m = match &l {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn is_weekday_abbr(b: &[u8], i: usize) -> bool {
    let Some(s) = b.get(i..i + 3) else {
        return false;
    };
    let l = [
        s[0].to_ascii_lowercase(),
        s[1].to_ascii_lowercase(),
        s[2].to_ascii_lowercase(),
    ];
    matches!(
        &l,
        b"mon" | b"tue" | b"wed" | b"thu" | b"fri" | b"sat" | b"sun"
    )
}

/// Try `f` at column 0; if that fails and the line does not start with
/// whitespace, try again after the first token and the blanks after it.
fn at_start_or_second_token<T>(b: &[u8], f: impl Fn(&[u8]) -> Option<T>) -> Option<T> {
    if let Some(v) = f(b) {
        return Some(v);
    }
    match b.first() {
        Some(c) if !c.is_ascii_whitespace() => {}
        _ => return None,
    }
    let tok_end = b
        .iter()
        .position(u8::is_ascii_whitespace)
        .unwrap_or(b.len());
    let rest = &b[tok_end..];
    let skip = rest
        .iter()
        .position(|&c| c != b' ' && c != b'\t')
        .unwrap_or(rest.len());
    if skip == 0 {
        return None;
    }
    f(&rest[skip..])
}

/// Try `f` at the start of each of the first `max` whitespace-separated
/// tokens (the first one must start at column 0).
fn first_tokens<T>(b: &[u8], max: usize, f: impl Fn(&[u8]) -> Option<T>) -> Option<T> {
    let mut i = 0usize;
    for _ in 0..max {
        if i >= b.len() {
            return None;
        }
        if let Some(v) = f(&b[i..]) {
            return Some(v);
        }
        // Skip this token, then the blanks after it.
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Per-format parsers. Each reads from the start of `b`.
// ---------------------------------------------------------------------------

/// ISO 8601 / RFC3339. `strict` is the API form: `T` separator, `.`
/// fraction, zone required (`Z` or `±HH:MM`). Returns (ns, bytes used).
fn parse_iso(b: &[u8], strict: bool) -> Option<(i64, usize)> {
    let year = digits(b, 0, 4)?;
    if !byte_is(b, 4, b'-') || !byte_is(b, 7, b'-') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    match b.get(10) {
        Some(b'T' | b't') => {}
        Some(b' ') if !strict => {}
        _ => return None,
    }
    let (hour, minute, second) = hms(b, 11, b':')?;
    let separators: &[u8] = if strict { b"." } else { b".," };
    let (nanos, mut i) = optional_fraction(b, 19, separators)?;
    let mut offset_secs: i32 = 0;
    match b.get(i) {
        Some(b'Z' | b'z') => i += 1,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            let (om, used) = if byte_is(b, i + 3, b':') {
                (digits(b, i + 4, 2)?, 6)
            } else if strict {
                return None;
            } else if let Some(m) = digits(b, i + 3, 2) {
                (m, 5)
            } else {
                (0, 3)
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let off = (oh * 3600 + om * 60) as i32;
            offset_secs = if sign == b'-' { -off } else { off };
            i += used;
        }
        _ if strict => return None,
        _ => {}
    }
    if is_digit_at(b, i) {
        return None;
    }
    let ns = DateTime {
        year: i64::from(year),
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_secs,
    }
    .to_unix_nanos_strict()?;
    Some((ns, i))
}

/// Syslog fields; the year comes from the parser state.
struct SyslogStamp {
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
}

/// `Dec 10 06:55:46`, `Jun  9 06:55:46`, `Jun 9 06:55:46`, optional
/// `.fraction`.
fn parse_syslog(b: &[u8]) -> Option<SyslogStamp> {
    let month = month_abbr(b, 0)?;
    if !byte_is(b, 3, b' ') {
        return None;
    }
    let mut i = 4;
    if byte_is(b, i, b' ') {
        i += 1;
    }
    let day = if let Some(d) = digits(b, i, 2) {
        i += 2;
        d
    } else {
        let d = digits(b, i, 1)?;
        i += 1;
        d
    };
    if !byte_is(b, i, b' ') {
        return None;
    }
    let (hour, minute, second) = hms(b, i + 1, b':')?;
    let (nanos, i) = optional_fraction(b, i + 9, b".")?;
    if is_alnum_at(b, i) {
        return None;
    }
    if day == 0 || day > days_in_month(2000, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(SyslogStamp {
        month,
        day,
        hour,
        minute,
        second,
        nanos,
    })
}

/// Two-digit year → full year, POSIX `%y` style: 69–99 → 19xx, 00–68 → 20xx.
fn full_year(yy: u32) -> i64 {
    if yy >= 69 {
        1900 + i64::from(yy)
    } else {
        2000 + i64::from(yy)
    }
}

/// `081109 203615`.
fn parse_hdfs(b: &[u8]) -> Option<i64> {
    let yy = digits(b, 0, 2)?;
    let month = digits(b, 2, 2)?;
    let day = digits(b, 4, 2)?;
    if !byte_is(b, 6, b' ') {
        return None;
    }
    let hour = digits(b, 7, 2)?;
    let minute = digits(b, 9, 2)?;
    let second = digits(b, 11, 2)?;
    if is_alnum_at(b, 13) {
        return None;
    }
    DateTime {
        year: full_year(yy),
        month,
        day,
        hour,
        minute,
        second,
        nanos: 0,
        offset_secs: 0,
    }
    .to_unix_nanos_strict()
}

/// `2005-06-03-15.42.50.675872` (fraction optional).
fn parse_bgl(b: &[u8]) -> Option<i64> {
    let year = digits(b, 0, 4)?;
    if !byte_is(b, 4, b'-') || !byte_is(b, 7, b'-') || !byte_is(b, 10, b'-') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let (hour, minute, second) = hms(b, 11, b'.')?;
    let (nanos, i) = optional_fraction(b, 19, b".")?;
    if is_alnum_at(b, i) {
        return None;
    }
    DateTime::utc(i64::from(year), month, day, hour, minute, second, nanos).to_unix_nanos_strict()
}

/// `[Sun Dec 04 04:47:44 2005]` or `[Fri Sep 09 10:42:29.902022 2011]`.
fn parse_apache(b: &[u8]) -> Option<i64> {
    if !byte_is(b, 0, b'[') || !is_weekday_abbr(b, 1) || !byte_is(b, 4, b' ') {
        return None;
    }
    let month = month_abbr(b, 5)?;
    if !byte_is(b, 8, b' ') {
        return None;
    }
    // Day: "04" or " 4".
    let day = match digits(b, 9, 2) {
        Some(d) => d,
        None if byte_is(b, 9, b' ') => digits(b, 10, 1)?,
        None => return None,
    };
    if !byte_is(b, 11, b' ') {
        return None;
    }
    let (hour, minute, second) = hms(b, 12, b':')?;
    let (nanos, i) = optional_fraction(b, 20, b".")?;
    if !byte_is(b, i, b' ') {
        return None;
    }
    let year = digits(b, i + 1, 4)?;
    if !byte_is(b, i + 5, b']') {
        return None;
    }
    DateTime::utc(i64::from(year), month, day, hour, minute, second, nanos).to_unix_nanos_strict()
}

/// `[10/Oct/2000:13:55:36 -0700]` (zone optional → UTC).
fn parse_common_log(b: &[u8]) -> Option<i64> {
    if !byte_is(b, 0, b'[') {
        return None;
    }
    let day = digits(b, 1, 2)?;
    if !byte_is(b, 3, b'/') {
        return None;
    }
    let month = month_abbr(b, 4)?;
    if !byte_is(b, 7, b'/') {
        return None;
    }
    let year = digits(b, 8, 4)?;
    if !byte_is(b, 12, b':') {
        return None;
    }
    let (hour, minute, second) = hms(b, 13, b':')?;
    let (nanos, mut i) = optional_fraction(b, 21, b".")?;
    let mut offset_secs = 0;
    if byte_is(b, i, b' ') {
        let sign = *b.get(i + 1)?;
        if sign != b'+' && sign != b'-' {
            return None;
        }
        let oh = digits(b, i + 2, 2)?;
        let om = digits(b, i + 4, 2)?;
        if oh > 23 || om > 59 {
            return None;
        }
        let off = (oh * 3600 + om * 60) as i32;
        offset_secs = if sign == b'-' { -off } else { off };
        i += 6;
    }
    if !byte_is(b, i, b']') {
        return None;
    }
    DateTime {
        year: i64::from(year),
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_secs,
    }
    .to_unix_nanos_strict()
}

/// Exactly ten digits, optional `.fraction`, then not a letter or digit.
fn parse_epoch_seconds(b: &[u8]) -> Option<i64> {
    let hi = digits(b, 0, 5)?;
    let lo = digits(b, 5, 5)?;
    let secs = i64::from(hi) * 100_000 + i64::from(lo);
    let mut i = 10;
    let mut nanos = 0;
    if byte_is(b, i, b'.') && is_digit_at(b, i + 1) {
        let (n, used) = fraction(b, i + 1)?;
        nanos = n;
        i += 1 + used;
    }
    if is_alnum_at(b, i) {
        return None;
    }
    secs.checked_mul(NANOS_PER_SEC)?
        .checked_add(i64::from(nanos))
}

/// Exactly thirteen digits, then not a letter or digit.
fn parse_epoch_millis(b: &[u8]) -> Option<i64> {
    let a = digits(b, 0, 7)?;
    let c = digits(b, 7, 6)?;
    if is_alnum_at(b, 13) {
        return None;
    }
    let millis = i64::from(a) * 1_000_000 + i64::from(c);
    millis.checked_mul(1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = NANOS_PER_SEC;

    fn p(format: TimestampFormat, line: &str) -> Option<i64> {
        TimestampParser::new(format, 2024).parse(line)
    }

    #[test]
    fn civil_roundtrip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for d in [-800_000, -1, 0, 1, 59, 10_956, 11_016, 19_723, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn rfc3339_variants() {
        use TimestampFormat::Rfc3339;
        // python3: datetime(2024,5,1,12,tzinfo=timezone.utc).timestamp() == 1714564800
        assert_eq!(
            p(Rfc3339, "2024-05-01T12:00:00Z level=info"),
            Some(1_714_564_800 * S)
        );
        assert_eq!(p(Rfc3339, "2024-05-01t12:00:00z"), Some(1_714_564_800 * S));
        assert_eq!(
            p(Rfc3339, "2024-05-01T12:00:00.123456+02:00 msg"),
            Some((1_714_564_800 - 7200) * S + 123_456_000)
        );
        assert_eq!(
            p(Rfc3339, "2024-05-01T12:00:00-0530 x"),
            Some((1_714_564_800 + 19_800) * S)
        );
        assert_eq!(
            p(Rfc3339, "2024-05-01T12:00:00+01 x"),
            Some((1_714_564_800 - 3600) * S)
        );
        assert_eq!(
            p(Rfc3339, "2024-05-01 12:00:00,123 INFO started"),
            Some(1_714_564_800 * S + 123_000_000)
        );
        assert_eq!(
            p(Rfc3339, "[2024-05-01 12:00:00.5] INFO"),
            Some(1_714_564_800 * S + 500_000_000)
        );
        // More than nine fraction digits: the rest is ignored.
        assert_eq!(
            p(Rfc3339, "2024-05-01T12:00:00.1234567899Z"),
            Some(1_714_564_800 * S + 123_456_789)
        );
        // OpenStack shape: timestamp after the first token.
        // python3: datetime(2017,5,16,0,0,0,8000,tzinfo=timezone.utc) -> 1494892800.008
        assert_eq!(
            p(
                Rfc3339,
                "svc-x.log.2.2017-05-16_13:53:08 2017-05-16 00:00:00.008 4242 INFO svc [req-1] ok"
            ),
            Some(1_494_892_800 * S + 8_000_000)
        );
        // Invalid dates and continuation lines.
        assert_eq!(p(Rfc3339, "2023-02-29T00:00:00Z"), None);
        assert_eq!(p(Rfc3339, "2024-13-01T00:00:00Z"), None);
        assert_eq!(p(Rfc3339, "2024-05-01T24:00:00Z"), None);
        assert_eq!(p(Rfc3339, "    at com.example.Foo.bar(Foo.java:42)"), None);
        assert_eq!(p(Rfc3339, "\t2024-05-01T12:00:00Z indented"), None);
        assert_eq!(p(Rfc3339, "Caused by: java.lang.Error"), None);
        assert_eq!(p(Rfc3339, ""), None);
        // Leap day in a leap year: python3 -> 1709208000
        assert_eq!(p(Rfc3339, "2024-02-29T12:00:00Z"), Some(1_709_208_000 * S));
    }

    #[test]
    fn syslog_and_rollover() {
        use TimestampFormat::Syslog;
        // python3: datetime(2024,12,10,6,55,46,tzinfo=timezone.utc).timestamp() == 1733813746
        assert_eq!(
            p(Syslog, "Dec 10 06:55:46 host sshd[24200]: Invalid user x"),
            Some(1_733_813_746 * S)
        );
        // python3: datetime(2024,6,9,15,16,1,tzinfo=timezone.utc) == 1717946161
        assert_eq!(
            p(Syslog, "Jun  9 15:16:01 combo cron[1]: x"),
            Some(1_717_946_161 * S)
        );
        assert_eq!(
            p(Syslog, "Jun 9 15:16:01 combo cron[1]: x"),
            Some(1_717_946_161 * S)
        );
        assert_eq!(
            p(Syslog, "Jun 14 15:16:01.25 h x"),
            Some(1_718_378_161 * S + 250_000_000)
        );
        assert_eq!(p(Syslog, "Jun 31 15:16:01 h x"), None);
        assert_eq!(p(Syslog, "Jux 14 15:16:01 h x"), None);

        let mut parser = TimestampParser::new(Syslog, 2023);
        // python3: datetime(2023,12,31,23,59,59) == 1704067199
        assert_eq!(parser.parse("Dec 31 23:59:59 h a"), Some(1_704_067_199 * S));
        // A continuation line in between does not disturb the state.
        assert_eq!(parser.parse("  continued detail"), None);
        // datetime(2024,1,1,0,0,1) == 1704067201
        assert_eq!(parser.parse("Jan  1 00:00:01 h b"), Some(1_704_067_201 * S));
        assert_eq!(parser.current_year(), 2024);
        // A small step back is out-of-order, not a new year.
        // datetime(2024,3,1) == 1709251200, datetime(2024,2,28) == 1709078400
        assert_eq!(parser.parse("Mar  1 00:00:00 h c"), Some(1_709_251_200 * S));
        assert_eq!(parser.parse("Feb 28 00:00:00 h d"), Some(1_709_078_400 * S));
        assert_eq!(parser.current_year(), 2024);
        // Feb 29 is accepted even in an assumed common year (rolls to Mar 1).
        let mut p2 = TimestampParser::new(Syslog, 2023);
        // datetime(2023,3,1) == 1677628800
        assert_eq!(p2.parse("Feb 29 00:00:00 h"), Some(1_677_628_800 * S));
    }

    #[test]
    fn hdfs() {
        use TimestampFormat::Hdfs;
        // python3: datetime(2008,11,9,20,36,15,tzinfo=timezone.utc) == 1226262975
        assert_eq!(
            p(
                Hdfs,
                "081109 203615 148 INFO dfs.DataNode: PacketResponder 1 terminating"
            ),
            Some(1_226_262_975 * S)
        );
        assert_eq!(p(Hdfs, "081309 203615 148 INFO"), None);
        assert_eq!(p(Hdfs, "0811092 203615"), None);
        assert_eq!(p(Hdfs, "081109 2036151"), None);
        // 1999: datetime(1999,12,31,23,59,59) == 946684799
        assert_eq!(p(Hdfs, "991231 235959"), Some(946_684_799 * S));
    }

    #[test]
    fn bgl() {
        use TimestampFormat::{Bgl, EpochSeconds};
        let line = "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity error corrected";
        // python3: datetime(2005,6,3,15,42,50,675872,tzinfo=timezone.utc) -> 1117813370.675872
        assert_eq!(p(Bgl, line), Some(1_117_813_370 * S + 675_872_000));
        assert_eq!(
            p(Bgl, "2005-06-03-15.42.50 leading"),
            Some(1_117_813_370 * S)
        );
        // The epoch field is the true UTC instant (text is UTC-7 local time).
        assert_eq!(p(EpochSeconds, line), Some(1_117_838_570 * S));
        assert_eq!(p(Bgl, "- 1117838570 2005.06.03 node no-stamp-here"), None);
    }

    #[test]
    fn apache_and_common_log() {
        use TimestampFormat::{Apache, CommonLog};
        // python3: datetime(2005,12,4,4,47,44,tzinfo=timezone.utc) == 1133671664
        assert_eq!(
            p(
                Apache,
                "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok"
            ),
            Some(1_133_671_664 * S)
        );
        assert_eq!(
            p(Apache, "[Sun Dec  4 04:47:44 2005] [notice] x"),
            Some(1_133_671_664 * S)
        );
        assert_eq!(
            p(Apache, "[Sun Dec 04 04:47:44.902022 2005] [core:error] x"),
            Some(1_133_671_664 * S + 902_022_000)
        );
        assert_eq!(p(Apache, "[Xyz Dec 04 04:47:44 2005] x"), None);
        // python3: datetime(2000,10,10,13,55,36,tzinfo=timezone(timedelta(hours=-7))) == 971211336
        assert_eq!(
            p(
                CommonLog,
                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326"
            ),
            Some(971_211_336 * S)
        );
        assert_eq!(
            p(CommonLog, "[10/Oct/2000:20:55:36 +0000] x"),
            Some(971_211_336 * S)
        );
        assert_eq!(
            p(CommonLog, "[10/Oct/2000:20:55:36] x"),
            Some(971_211_336 * S)
        );
        // A '[' that is not a timestamp comes first.
        assert_eq!(
            p(CommonLog, "host [app] - [10/Oct/2000:20:55:36 +0000] x"),
            Some(971_211_336 * S)
        );
        assert_eq!(p(CommonLog, "sshd[24200]: nothing"), None);
    }

    #[test]
    fn epochs() {
        use TimestampFormat::{EpochMillis, EpochSeconds};
        assert_eq!(p(EpochSeconds, "1700000000 msg"), Some(1_700_000_000 * S));
        assert_eq!(
            p(EpochSeconds, "1700000000.25 msg"),
            Some(1_700_000_000 * S + 250_000_000)
        );
        assert_eq!(p(EpochSeconds, "1700000000123 msg"), None);
        assert_eq!(p(EpochSeconds, "170000000 msg"), None);
        assert_eq!(p(EpochSeconds, "1700000000abc"), None);
        // Overflows i64 nanoseconds.
        assert_eq!(p(EpochSeconds, "9999999999"), None);
        assert_eq!(
            p(EpochMillis, "1700000000123 msg"),
            Some(1_700_000_000_123_000_000)
        );
        assert_eq!(p(EpochMillis, "1700000000 msg"), None);
        assert_eq!(p(EpochMillis, "9999999999999"), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            " ",
            "\t",
            "é",
            "Déc 10 06:55:46",
            "2024-05-01T12:00:00+",
            "2024-05-01T12:00:00.",
            "2024-05-01T12:00:00,",
            "2024-05-01T12:00:00+0",
            "[",
            "[Sun",
            "[Sun Dec",
            "[10/Oct/2000:13:55:36 -07",
            "0811 2",
            "日本語 2024-05-01T12:00:00Z",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
            "1700000000.",
            "Jun",
            "Jun ",
            "Jun  ",
            "Jun 1",
            "2005-06-03-15.42.50.",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
        ];
        for format in TimestampFormat::ALL {
            let mut parser = TimestampParser::new(format, i32::MAX);
            for line in inputs {
                let _ = parser.parse(line);
            }
        }
        assert_eq!(
            p(TimestampFormat::Rfc3339, "日本語 2024-05-01T12:00:00Z"),
            Some(1_714_564_800 * S)
        );
        assert_eq!(p(TimestampFormat::Rfc3339, "9999-12-31T23:59:59Z"), None);
        let mut parser = TimestampParser::new(TimestampFormat::Syslog, i32::MAX);
        assert!(parser.parse("Dec 10 06:55:46 x").is_none());
        for s in inputs {
            let _ = parse_api_time(s);
        }
    }

    #[test]
    fn detection_on_loghub_shapes() {
        use TimestampFormat::*;
        let apache = [
            "[Mon Dec 05 10:11:12 2005] [notice] child init 3 ok",
            "[Mon Dec 05 10:11:13 2005] [error] worker in error state 7",
            "[Mon Dec 05 10:11:20 2005] [notice] found child 1234 in slot 8",
        ];
        let bgl = [
            "- 1117900000 2005.06.04 R10-M0-N1-C:J02-U01 2005-06-04-08.46.40.100000 R10-M0-N1-C:J02-U01 RAS KERNEL INFO tlb ok",
            "KERNDTLB 1117900005 2005.06.04 R10-M0-N1-C:J02-U01 2005-06-04-08.46.45.200000 R10-M0-N1-C:J02-U01 RAS KERNEL FATAL data tlb error",
            "- 1117900009 2005.06.04 R10-M0-N1-C:J02-U01 2005-06-04-08.46.49.300000 R10-M0-N1-C:J02-U01 RAS KERNEL INFO done",
        ];
        let hdfs = [
            "081110 101010 77 INFO dfs.DataNode$Responder: block blk_1 terminating",
            "081110 101011 78 INFO dfs.FSNamesystem: addStoredBlock: updated",
            "081110 101015 79 WARN dfs.DataNode: slow write",
        ];
        let linux = [
            "Jul  2 04:05:06 box su(pam_unix)[100]: session opened for user news",
            "Jul  2 04:05:07 box su(pam_unix)[100]: session closed for user news",
            "Jul 12 14:05:07 box kernel: eth0 link up",
        ];
        let openssh = [
            "Dec 11 07:00:01 gate sshd[3100]: Failed password for root from 10.0.0.9 port 4022 ssh2",
            "Dec 11 07:00:02 gate sshd[3100]: Received disconnect from 10.0.0.9: 11: Bye [preauth]",
            "Dec 11 07:00:05 gate sshd[3102]: pam_unix(sshd:auth): check pass; user unknown",
        ];
        let openstack = [
            "svc-api.log.2.2017-05-17_10:00:00 2017-05-17 01:02:03.004 1111 INFO svc.wsgi [req-a b c - - -] 10.0.0.1 \"GET /v2/x HTTP/1.1\" status: 200",
            "svc-api.log.2.2017-05-17_10:00:00 2017-05-17 01:02:04.104 1111 INFO svc.wsgi [req-d e f - - -] 10.0.0.1 \"GET /v2/y HTTP/1.1\" status: 200",
            "svc-cpu.log.2017-05-17_10:00:01 2017-05-17 01:02:05.555 2222 INFO svc.compute [req-g] instance ok",
        ];
        let clf = [
            "10.1.1.1 - - [12/Mar/2021:08:00:00 +0100] \"GET / HTTP/1.1\" 200 512",
            "10.1.1.2 - bob [12/Mar/2021:08:00:01 +0100] \"POST /x HTTP/1.1\" 201 12",
        ];
        let millis = ["1700000000123 start", "1700000000456 stop"];
        assert_eq!(detect(&apache), Some(Apache));
        assert_eq!(detect(&bgl), Some(EpochSeconds));
        assert_eq!(detect(&hdfs), Some(Hdfs));
        assert_eq!(detect(&linux), Some(Syslog));
        assert_eq!(detect(&openssh), Some(Syslog));
        assert_eq!(detect(&openstack), Some(Rfc3339));
        assert_eq!(detect(&clf), Some(CommonLog));
        assert_eq!(detect(&millis), Some(EpochMillis));
        // Half with a stack trace still detects; mostly unparsable does not.
        let half = [
            "2024-05-01T12:00:00Z boom",
            "    at a.b(C.java:1)",
            "",
            "2024-05-01T12:00:01Z ok",
            "    at a.b(C.java:2)",
        ];
        assert_eq!(detect(&half), Some(Rfc3339));
        let mostly_text = ["hello", "world", "2024-05-01T12:00:00Z x"];
        assert_eq!(detect(&mostly_text), None);
        assert_eq!(detect(&[]), None);
        assert_eq!(detect(&["", "  "]), None);
    }

    #[test]
    fn describe_is_nonempty() {
        for f in TimestampFormat::ALL {
            assert!(!f.describe().is_empty());
        }
        assert_eq!(
            TimestampFormat::Syslog.describe(),
            "syslog (Dec 10 06:55:46, year assumed)"
        );
    }

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
    fn rfc3339_inside_json_or_logfmt_fields() {
        let mut p = TimestampParser::new(TimestampFormat::Rfc3339, 2024);
        // 2024-05-01T10:00:00Z = 1714557600 s.
        let want = Some(1_714_557_600_000_000_000);
        assert_eq!(p.parse(r#"{"ts":"2024-05-01T10:00:00Z","msg":"x"}"#), want);
        assert_eq!(p.parse("level=info time=2024-05-01T10:00:00Z msg=x"), want);
        assert_eq!(p.parse(r#"{"msg":"no time here"}"#), None);
        let sample = [r#"{"ts":"2024-05-01T10:00:00Z","a":1}"#; 3];
        assert_eq!(detect(&sample), Some(TimestampFormat::Rfc3339));
    }
}
