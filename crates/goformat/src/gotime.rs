//! Go `time.Time` subset: Unix construction, reference-layout formatting
//! ("2006-01-02 15:04:05") and parsing, and fixed-offset zones.
//!
//! The process-local zone is taken to be UTC (as in Loki's containers).
//! Only UTC and fixed-offset zones exist; named zones with daylight saving
//! rules are reported as unsupported.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::calendar::{MONTH_NAMES as MONTHS, WEEKDAY_NAMES as DAYS};

/// An instant with the zone it is displayed in.
#[derive(Clone, Debug, PartialEq)]
pub struct GoTime {
    /// Seconds since the Unix epoch.
    pub sec: i64,
    /// Nanoseconds within the second, 0..1e9.
    pub nsec: u32,
    /// Zone offset east of UTC, in seconds.
    pub offset: i32,
    /// Zone abbreviation ("UTC", "MST"); empty prints as a numeric offset.
    pub zone: String,
}

/// A location: a fixed offset and its abbreviation.
#[derive(Clone, Debug, PartialEq)]
pub struct Loc {
    pub offset: i32,
    pub name: String,
}

impl Loc {
    pub fn utc() -> Loc {
        Loc {
            offset: 0,
            name: "UTC".to_string(),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // Callers pass validated dates, so the narrowing is exact.
    crate::calendar::days_from_civil(y, m.clamp(1, 12) as u32, d.clamp(1, 31) as u32)
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let (y, m, d) = crate::calendar::civil_from_days(z);
    (y, i64::from(m), i64::from(d))
}

fn is_leap(y: i64) -> bool {
    crate::calendar::is_leap_year(y)
}

/// Days in month `m` (always 1..=12 here) of year `y`.
fn days_in(m: i64, y: i64) -> i64 {
    i64::from(crate::calendar::days_in_month(
        y,
        u32::try_from(m).unwrap_or(0),
    ))
}

/// Broken-down wall clock.
pub struct Civil {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    pub yday: i64,
    pub wday: usize,
}

impl GoTime {
    /// time.Unix(sec, nsec) in the local (UTC) zone.
    pub fn unix(sec: i64, nsec: i64) -> GoTime {
        let sec = sec.wrapping_add(nsec.div_euclid(1_000_000_000));
        GoTime {
            sec,
            nsec: nsec.rem_euclid(1_000_000_000) as u32,
            offset: 0,
            zone: "UTC".to_string(),
        }
    }

    pub fn now() -> GoTime {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        GoTime::unix(d.as_secs() as i64, i64::from(d.subsec_nanos()))
    }

    /// Go's zero Time: January 1, year 1, 00:00:00 UTC.
    pub fn zero() -> GoTime {
        GoTime {
            sec: -62_135_596_800,
            nsec: 0,
            offset: 0,
            zone: "UTC".to_string(),
        }
    }

    pub fn utc(&self) -> GoTime {
        GoTime {
            sec: self.sec,
            nsec: self.nsec,
            offset: 0,
            zone: "UTC".to_string(),
        }
    }

    pub fn unix_nano(&self) -> i64 {
        self.sec
            .wrapping_mul(1_000_000_000)
            .wrapping_add(i64::from(self.nsec))
    }

    pub fn civil(&self) -> Civil {
        let wall = self.sec.saturating_add(i64::from(self.offset));
        let days = wall.div_euclid(86_400);
        let secs = wall.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            min: secs % 3600 / 60,
            sec: secs % 60,
            yday: days - days_from_civil(year, 1, 1) + 1,
            wday: (days + 4).rem_euclid(7) as usize,
        }
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[(self.civil().month - 1).clamp(0, 11) as usize]
    }

    pub fn weekday_name(&self) -> &'static str {
        DAYS[self.civil().wday % 7]
    }

    /// Time.String().
    pub fn go_string(&self) -> String {
        self.format("2006-01-02 15:04:05.999999999 -0700 MST")
    }

    /// Time.Format(layout).
    pub fn format(&self, layout: &str) -> String {
        let c = self.civil();
        let mut b = String::with_capacity(layout.len() + 10);
        let mut rest = layout;
        while !rest.is_empty() {
            let (prefix, std, suffix) = next_std_chunk(rest);
            b.push_str(prefix);
            let Some(std) = std else { break };
            rest = suffix;
            self.format_std(&mut b, std, &c);
        }
        b
    }

    fn format_std(&self, b: &mut String, std: Std, c: &Civil) {
        match std {
            Std::Year => append_int(b, (c.year % 100).abs(), 2),
            Std::LongYear => append_int(b, c.year, 4),
            Std::Month => b.push_str(&MONTHS[(c.month - 1) as usize][..3]),
            Std::LongMonth => b.push_str(MONTHS[(c.month - 1) as usize]),
            Std::NumMonth => append_int(b, c.month, 0),
            Std::ZeroMonth => append_int(b, c.month, 2),
            Std::WeekDay => b.push_str(&DAYS[c.wday][..3]),
            Std::LongWeekDay => b.push_str(DAYS[c.wday]),
            Std::Day => append_int(b, c.day, 0),
            Std::UnderDay => {
                if c.day < 10 {
                    b.push(' ');
                }
                append_int(b, c.day, 0);
            }
            Std::ZeroDay => append_int(b, c.day, 2),
            Std::UnderYearDay => {
                if c.yday < 100 {
                    b.push(' ');
                    if c.yday < 10 {
                        b.push(' ');
                    }
                }
                append_int(b, c.yday, 0);
            }
            Std::ZeroYearDay => append_int(b, c.yday, 3),
            Std::Hour => append_int(b, c.hour, 2),
            Std::Hour12 | Std::ZeroHour12 => {
                let hr = match c.hour % 12 {
                    0 => 12,
                    h => h,
                };
                append_int(b, hr, if std == Std::Hour12 { 0 } else { 2 });
            }
            Std::Minute => append_int(b, c.min, 0),
            Std::ZeroMinute => append_int(b, c.min, 2),
            Std::Second => append_int(b, c.sec, 0),
            Std::ZeroSecond => append_int(b, c.sec, 2),
            Std::PM => b.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
            Std::Pm => b.push_str(if c.hour >= 12 { "pm" } else { "am" }),
            Std::Tz(tz) => self.format_tz(b, tz),
            Std::TzName => {
                if !self.zone.is_empty() {
                    b.push_str(&self.zone);
                } else {
                    let mut zone = self.offset / 60;
                    if zone < 0 {
                        b.push('-');
                        zone = -zone;
                    } else {
                        b.push('+');
                    }
                    append_int(b, i64::from(zone / 60), 2);
                    append_int(b, i64::from(zone % 60), 2);
                }
            }
            Std::Frac { digits, trim, sep } => {
                let s = format!("{:09}", self.nsec);
                let mut n = digits.min(9);
                if trim {
                    while n > 0 && s.as_bytes()[n - 1] == b'0' {
                        n -= 1;
                    }
                    if n == 0 {
                        return;
                    }
                }
                b.push(sep);
                b.push_str(&s[..n]);
            }
        }
    }

    fn format_tz(&self, b: &mut String, tz: Tz) {
        if self.offset == 0 && tz.iso {
            b.push('Z');
            return;
        }
        let mut zone = self.offset / 60;
        let mut abs = self.offset;
        if zone < 0 {
            b.push('-');
            zone = -zone;
            abs = -abs;
        } else {
            b.push('+');
        }
        append_int(b, i64::from(zone / 60), 2);
        if tz.colon {
            b.push(':');
        }
        if !tz.short {
            append_int(b, i64::from(zone % 60), 2);
        }
        if tz.seconds {
            if tz.colon {
                b.push(':');
            }
            append_int(b, i64::from(abs % 60), 2);
        }
    }
}

fn append_int(b: &mut String, x: i64, width: usize) {
    if x < 0 {
        b.push('-');
    }
    let s = x.unsigned_abs().to_string();
    for _ in s.len()..width {
        b.push('0');
    }
    b.push_str(&s);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tz {
    iso: bool,
    colon: bool,
    seconds: bool,
    short: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    TzName,
    Tz(Tz),
    Frac {
        digits: usize,
        trim: bool,
        sep: char,
    },
}

fn starts_with_lower(s: &[u8]) -> bool {
    matches!(s.first(), Some(b'a'..=b'z'))
}

/// Go's nextStdChunk: the literal prefix, the first layout element, the rest.
fn next_std_chunk(layout: &str) -> (&str, Option<Std>, &str) {
    let l = layout.as_bytes();
    let at = |i: usize, s: &str| l[i..].starts_with(s.as_bytes());
    let tz = |iso, colon, seconds, short| {
        Std::Tz(Tz {
            iso,
            colon,
            seconds,
            short,
        })
    };
    for i in 0..l.len() {
        let found: Option<(Std, usize)> = match l[i] {
            b'J' if at(i, "Jan") => {
                if at(i, "January") {
                    Some((Std::LongMonth, 7))
                } else if !starts_with_lower(&l[i + 3..]) {
                    Some((Std::Month, 3))
                } else {
                    None
                }
            }
            b'M' if at(i, "Mon") => {
                if at(i, "Monday") {
                    Some((Std::LongWeekDay, 6))
                } else if !starts_with_lower(&l[i + 3..]) {
                    Some((Std::WeekDay, 3))
                } else {
                    None
                }
            }
            b'M' if at(i, "MST") => Some((Std::TzName, 3)),
            b'0' if l.len() > i + 1 && (b'1'..=b'6').contains(&l[i + 1]) => Some((
                match l[i + 1] {
                    b'1' => Std::ZeroMonth,
                    b'2' => Std::ZeroDay,
                    b'3' => Std::ZeroHour12,
                    b'4' => Std::ZeroMinute,
                    b'5' => Std::ZeroSecond,
                    _ => Std::Year,
                },
                2,
            )),
            b'0' if at(i, "002") => Some((Std::ZeroYearDay, 3)),
            b'1' if at(i, "15") => Some((Std::Hour, 2)),
            b'1' => Some((Std::NumMonth, 1)),
            b'2' if at(i, "2006") => Some((Std::LongYear, 4)),
            b'2' => Some((Std::Day, 1)),
            b'_' if at(i, "_2") => {
                if at(i, "_2006") {
                    return (&layout[..i + 1], Some(Std::LongYear), &layout[i + 5..]);
                }
                Some((Std::UnderDay, 2))
            }
            b'_' if at(i, "__2") => Some((Std::UnderYearDay, 3)),
            b'3' => Some((Std::Hour12, 1)),
            b'4' => Some((Std::Minute, 1)),
            b'5' => Some((Std::Second, 1)),
            b'P' if at(i, "PM") => Some((Std::PM, 2)),
            b'p' if at(i, "pm") => Some((Std::Pm, 2)),
            b'-' if at(i, "-070000") => Some((tz(false, false, true, false), 7)),
            b'-' if at(i, "-07:00:00") => Some((tz(false, true, true, false), 9)),
            b'-' if at(i, "-0700") => Some((tz(false, false, false, false), 5)),
            b'-' if at(i, "-07:00") => Some((tz(false, true, false, false), 6)),
            b'-' if at(i, "-07") => Some((tz(false, false, false, true), 3)),
            b'Z' if at(i, "Z070000") => Some((tz(true, false, true, false), 7)),
            b'Z' if at(i, "Z07:00:00") => Some((tz(true, true, true, false), 9)),
            b'Z' if at(i, "Z0700") => Some((tz(true, false, false, false), 5)),
            b'Z' if at(i, "Z07:00") => Some((tz(true, true, false, false), 6)),
            b'Z' if at(i, "Z07") => Some((tz(true, false, false, true), 3)),
            b'.' | b',' if l.len() > i + 1 && (l[i + 1] == b'0' || l[i + 1] == b'9') => {
                let ch = l[i + 1];
                let mut j = i + 1;
                while j < l.len() && l[j] == ch {
                    j += 1;
                }
                if j < l.len() && l[j].is_ascii_digit() {
                    None
                } else {
                    Some((
                        Std::Frac {
                            digits: j - (i + 1),
                            trim: ch == b'9',
                            sep: l[i] as char,
                        },
                        j - i,
                    ))
                }
            }
            _ => None,
        };
        if let Some((std, len)) = found {
            return (&layout[..i], Some(std), &layout[i + len..]);
        }
    }
    (layout, None, "")
}

// ---------------------------------------------------------------- zones

/// time.LoadLocation for the zones this engine can represent: UTC, Local
/// (= UTC) and the fixed-offset IANA zones (Etc/GMT±N, EST, MST, HST).
/// Names that look like other IANA zones are rejected; any other name falls
/// back to UTC, as Loki's toDateInZone does for unknown zones.
pub fn load_location(name: &str) -> Result<Loc, String> {
    let fixed = |offset: i32, abbr: &str| Loc {
        offset,
        name: abbr.to_string(),
    };
    match name {
        "" | "UTC" | "Local" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Universal" | "Etc/Universal"
        | "Zulu" | "Etc/Zulu" => return Ok(Loc::utc()),
        "GMT" | "Etc/GMT" | "GMT0" | "GMT+0" | "GMT-0" | "Etc/GMT0" | "Etc/GMT+0" | "Etc/GMT-0"
        | "Greenwich" | "Etc/Greenwich" => return Ok(fixed(0, "GMT")),
        "EST" => return Ok(fixed(-5 * 3600, "EST")),
        "MST" => return Ok(fixed(-7 * 3600, "MST")),
        "HST" => return Ok(fixed(-10 * 3600, "HST")),
        _ => {}
    }
    if let Some(rest) = name.strip_prefix("Etc/GMT") {
        let (sign, digits) = match rest.as_bytes().first() {
            Some(b'+') => (-1, &rest[1..]),
            Some(b'-') => (1, &rest[1..]),
            _ => (0, ""),
        };
        if let Ok(h) = digits.parse::<i32>() {
            if sign != 0 && (1..=14).contains(&h) && !digits.starts_with('0') {
                let off = sign * h * 3600;
                let abbr = format!("{}{:02}", if off < 0 { '-' } else { '+' }, h);
                return Ok(fixed(off, &abbr));
            }
        }
    }
    const AREAS: [&str; 16] = [
        "Africa/",
        "America/",
        "Antarctica/",
        "Arctic/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
        "Etc/",
        "US/",
        "Canada/",
        "Brazil/",
        "Chile/",
        "Mexico/",
    ];
    if AREAS.iter().any(|a| name.starts_with(a))
        || name.ends_with("DT")
        || name == "CET"
        || name == "EET"
        || name == "WET"
        || name == "MET"
    {
        return Err(format!(
            "time zone {name:?} is not supported: only UTC and fixed-offset zones (Etc/GMT±N) are available"
        ));
    }
    Ok(Loc::utc())
}

// ---------------------------------------------------------------- parsing

fn getnum(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let d0 = *s.first()?;
    if !d0.is_ascii_digit() {
        return None;
    }
    match s.get(1) {
        Some(d1) if d1.is_ascii_digit() => {
            Some((i64::from(d0 - b'0') * 10 + i64::from(d1 - b'0'), &s[2..]))
        }
        _ => {
            if fixed {
                None
            } else {
                Some((i64::from(d0 - b'0'), &s[1..]))
            }
        }
    }
}

fn getnum3(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let mut n = 0;
    let mut i = 0;
    while i < 3 && i < s.len() && s[i].is_ascii_digit() {
        n = n * 10 + i64::from(s[i] - b'0');
        i += 1;
    }
    if i == 0 || (fixed && i != 3) {
        return None;
    }
    Some((n, &s[i..]))
}

fn lookup<'v>(table: &[&str], val: &'v [u8], short: bool) -> Option<(usize, &'v [u8])> {
    for (i, name) in table.iter().enumerate() {
        let name = if short { &name[..3] } else { name };
        if val.len() >= name.len() && val[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some((i, &val[name.len()..]));
        }
    }
    None
}

fn cutspace(mut s: &[u8]) -> &[u8] {
    while let Some((b' ', rest)) = s.split_first() {
        s = rest;
    }
    s
}

/// Go's skip: literal layout text must match, spaces matching runs of spaces.
fn skip<'v>(mut value: &'v [u8], prefix: &str) -> Option<&'v [u8]> {
    let mut prefix = prefix.as_bytes();
    while !prefix.is_empty() {
        if prefix[0] == b' ' {
            if !value.is_empty() && value[0] != b' ' {
                return None;
            }
            prefix = cutspace(prefix);
            value = cutspace(value);
            continue;
        }
        if value.is_empty() || value[0] != prefix[0] {
            return None;
        }
        prefix = &prefix[1..];
        value = &value[1..];
    }
    Some(value)
}

fn parse_nanoseconds(value: &[u8], nbytes: usize) -> Option<u32> {
    if !matches!(value.first(), Some(b'.' | b',')) {
        return None;
    }
    let nbytes = nbytes.min(10).min(value.len());
    let digits = &value[1..nbytes];
    let mut ns: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        ns = ns * 10 + u64::from(d - b'0');
    }
    for _ in 0..(10 - nbytes) {
        ns *= 10;
    }
    u32::try_from(ns).ok()
}

/// Length of a time zone abbreviation at the start of `v` (Go's parseTimeZone, simplified).
fn parse_zone_abbrev(v: &[u8]) -> Option<usize> {
    if v.len() < 3 {
        return None;
    }
    if v.starts_with(b"ChST") || v.starts_with(b"MeST") {
        return Some(4);
    }
    if v.starts_with(b"GMT") {
        let mut n = 3;
        if matches!(v.get(3), Some(b'+' | b'-')) {
            let mut j = 4;
            while j < v.len() && v[j].is_ascii_digit() {
                j += 1;
            }
            if j > 4 {
                n = j;
            }
        }
        return Some(n);
    }
    let upper = v.iter().take_while(|c| c.is_ascii_uppercase()).count();
    match upper {
        3 => Some(3),
        4 if v[3] == b'T' || v.starts_with(b"WITA") => Some(4),
        5 if v[4] == b'T' => Some(5),
        _ => None,
    }
}

/// time.ParseInLocation; None where Go returns an error.
pub fn parse(layout: &str, value: &str, loc: &Loc) -> Option<GoTime> {
    let mut v = value.as_bytes();
    let mut rest = layout;
    let mut p = Parsed::new();
    loop {
        let (prefix, std, suffix) = next_std_chunk(rest);
        v = skip(v, prefix)?;
        let Some(std) = std else {
            if !v.is_empty() {
                return None;
            }
            break;
        };
        rest = suffix;
        v = p.field(std, v, rest)?;
    }
    p.resolve_date()?;
    p.into_time(loc)
}

/// What a value has said so far about the instant it names; -1 is unset.
struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    yday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    nsec: u32,
    pm_set: bool,
    am_set: bool,
    utc_zone: bool,
    zone_offset: Option<i32>,
    zone_name: Option<String>,
}

impl Parsed {
    fn new() -> Parsed {
        Parsed {
            year: 0,
            month: -1,
            day: -1,
            yday: -1,
            hour: 0,
            min: 0,
            sec: 0,
            nsec: 0,
            pm_set: false,
            am_set: false,
            utc_zone: false,
            zone_offset: None,
            zone_name: None,
        }
    }

    /// Reads one layout element from `v`; `rest` is the layout after it.
    /// Returns the value after the element.
    fn field<'v>(&mut self, std: Std, v: &'v [u8], rest: &str) -> Option<&'v [u8]> {
        match std {
            Std::Year
            | Std::LongYear
            | Std::Month
            | Std::LongMonth
            | Std::NumMonth
            | Std::ZeroMonth
            | Std::WeekDay
            | Std::LongWeekDay
            | Std::Day
            | Std::UnderDay
            | Std::ZeroDay
            | Std::UnderYearDay
            | Std::ZeroYearDay => self.date_field(std, v),
            Std::Tz(tz) => self.numeric_zone(tz, v),
            Std::TzName => {
                if let Some(r) = v.strip_prefix(b"UTC") {
                    self.utc_zone = true;
                    return Some(r);
                }
                let n = parse_zone_abbrev(v)?;
                self.zone_name = Some(String::from_utf8_lossy(&v[..n]).into_owned());
                Some(&v[n..])
            }
            Std::Frac { digits, trim, .. } => self.fraction(digits, trim, v),
            _ => self.clock_field(std, v, rest),
        }
    }

    fn date_field<'v>(&mut self, std: Std, mut v: &'v [u8]) -> Option<&'v [u8]> {
        match std {
            Std::Year => {
                let p = v.get(..2)?;
                if !p.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let y = i64::from(p[0] - b'0') * 10 + i64::from(p[1] - b'0');
                self.year = if y >= 69 { y + 1900 } else { y + 2000 };
                Some(&v[2..])
            }
            Std::LongYear => {
                let p = v.get(..4)?;
                if !p.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                self.year = std::str::from_utf8(p).ok()?.parse().ok()?;
                Some(&v[4..])
            }
            Std::Month | Std::LongMonth => {
                let (m, r) = lookup(&MONTHS, v, std == Std::Month)?;
                self.month = m as i64 + 1;
                Some(r)
            }
            Std::NumMonth | Std::ZeroMonth => {
                let (m, r) = getnum(v, std == Std::ZeroMonth)?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                self.month = m;
                Some(r)
            }
            Std::WeekDay | Std::LongWeekDay => {
                let (_, r) = lookup(&DAYS, v, std == Std::WeekDay)?;
                Some(r)
            }
            Std::Day | Std::UnderDay | Std::ZeroDay => {
                if std == Std::UnderDay && v.first() == Some(&b' ') {
                    v = &v[1..];
                }
                let (d, r) = getnum(v, std == Std::ZeroDay)?;
                self.day = d;
                Some(r)
            }
            _ => {
                for _ in 0..2 {
                    if std == Std::UnderYearDay && v.first() == Some(&b' ') {
                        v = &v[1..];
                    }
                }
                let (d, r) = getnum3(v, std == Std::ZeroYearDay)?;
                self.yday = d;
                Some(r)
            }
        }
    }

    fn clock_field<'v>(&mut self, std: Std, v: &'v [u8], rest: &str) -> Option<&'v [u8]> {
        match std {
            Std::Hour => {
                let (h, r) = getnum(v, false)?;
                if !(0..24).contains(&h) {
                    return None;
                }
                self.hour = h;
                Some(r)
            }
            Std::Hour12 | Std::ZeroHour12 => {
                let (h, r) = getnum(v, std == Std::ZeroHour12)?;
                if !(0..=12).contains(&h) {
                    return None;
                }
                self.hour = h;
                Some(r)
            }
            Std::Minute | Std::ZeroMinute => {
                let (m, r) = getnum(v, std == Std::ZeroMinute)?;
                if !(0..60).contains(&m) {
                    return None;
                }
                self.min = m;
                Some(r)
            }
            Std::Second | Std::ZeroSecond => {
                let (s, mut v) = getnum(v, std == Std::ZeroSecond)?;
                if !(0..60).contains(&s) {
                    return None;
                }
                self.sec = s;
                // A fractional second in the value but not in the layout.
                if v.len() >= 2 && matches!(v[0], b'.' | b',') && v[1].is_ascii_digit() {
                    let (_, next, _) = next_std_chunk(rest);
                    if !matches!(next, Some(Std::Frac { .. })) {
                        let mut n = 2;
                        while n < v.len() && v[n].is_ascii_digit() {
                            n += 1;
                        }
                        self.nsec = parse_nanoseconds(v, n)?;
                        v = &v[n..];
                    }
                }
                Some(v)
            }
            Std::PM | Std::Pm => {
                let p = v.get(..2)?;
                let (am, pm) = if std == Std::PM {
                    (b"AM", b"PM")
                } else {
                    (b"am", b"pm")
                };
                if p == pm {
                    self.pm_set = true;
                } else if p == am {
                    self.am_set = true;
                } else {
                    return None;
                }
                Some(&v[2..])
            }
            _ => None,
        }
    }

    /// `Z07:00`, `-0700`, `-07` and their kin.
    fn numeric_zone<'v>(&mut self, tz: Tz, v: &'v [u8]) -> Option<&'v [u8]> {
        if tz.iso && v.first() == Some(&b'Z') {
            self.utc_zone = true;
            return Some(&v[1..]);
        }
        let sign = match v.first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let mut r = &v[1..];
        let two = |r: &[u8]| -> Option<i32> {
            let p = r.get(..2)?;
            if !p.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(i32::from(p[0] - b'0') * 10 + i32::from(p[1] - b'0'))
        };
        let hh = two(r)?;
        r = &r[2..];
        let mut mm = 0;
        let mut ss = 0;
        if !tz.short {
            if tz.colon {
                r = r.strip_prefix(b":")?;
            }
            mm = two(r)?;
            r = &r[2..];
        }
        if tz.seconds {
            if tz.colon {
                r = r.strip_prefix(b":")?;
            }
            ss = two(r)?;
            r = &r[2..];
        }
        if hh > 24 || mm > 60 || ss > 60 {
            return None;
        }
        self.zone_offset = Some(sign * (hh * 3600 + mm * 60 + ss));
        Some(r)
    }

    /// `.000` (exactly `digits` digits) or, with `trim`, `.999` (any, or none).
    fn fraction<'v>(&mut self, digits: usize, trim: bool, v: &'v [u8]) -> Option<&'v [u8]> {
        if !trim {
            let nd = 1 + digits;
            if v.len() < nd {
                return None;
            }
            self.nsec = parse_nanoseconds(v, nd)?;
            return Some(&v[nd..]);
        }
        if v.len() < 2 || !matches!(v[0], b'.' | b',') || !v[1].is_ascii_digit() {
            return Some(v);
        }
        let mut i = 0;
        while i + 1 < v.len() && v[i + 1].is_ascii_digit() {
            i += 1;
        }
        self.nsec = parse_nanoseconds(v, 1 + i)?;
        Some(&v[1 + i..])
    }

    /// Applies AM/PM, turns a day of the year into month and day, and
    /// checks the date exists.
    fn resolve_date(&mut self) -> Option<()> {
        if self.pm_set && self.hour < 12 {
            self.hour += 12;
        } else if self.am_set && self.hour == 12 {
            self.hour = 0;
        }
        let year = self.year;
        if self.yday >= 0 {
            let leap = is_leap(year);
            if self.yday < 1 || self.yday > if leap { 366 } else { 365 } {
                return None;
            }
            let (mut m, mut d) = (1, self.yday);
            while d > days_in(m, year) {
                d -= days_in(m, year);
                m += 1;
            }
            if (self.month >= 0 && self.month != m) || (self.day >= 0 && self.day != d) {
                return None;
            }
            self.month = m;
            self.day = d;
        } else {
            if self.month < 0 {
                self.month = 1;
            }
            if self.day < 0 {
                self.day = 1;
            }
        }
        (self.day >= 1 && self.day <= days_in(self.month, year)).then_some(())
    }

    /// The instant, in the zone the value named or else in `loc`.
    fn into_time(self, loc: &Loc) -> Option<GoTime> {
        let wall = days_from_civil(self.year, self.month, self.day)
            .checked_mul(86_400)?
            .checked_add(self.hour * 3600 + self.min * 60 + self.sec)?;
        let nsec = self.nsec;
        let mk = |sec: i64, offset: i32, zone: String| GoTime {
            sec,
            nsec,
            offset,
            zone,
        };
        if self.utc_zone {
            return Some(mk(wall, 0, "UTC".to_string()));
        }
        if let Some(off) = self.zone_offset {
            let t = wall - i64::from(off);
            let name_ok = match &self.zone_name {
                None => true,
                Some(n) => *n == loc.name,
            };
            if off == loc.offset && name_ok {
                return Some(mk(t, loc.offset, loc.name.clone()));
            }
            return Some(mk(t, off, self.zone_name.unwrap_or_default()));
        }
        if let Some(name) = self.zone_name {
            if name == loc.name {
                return Some(mk(
                    wall - i64::from(loc.offset),
                    loc.offset,
                    loc.name.clone(),
                ));
            }
            let mut off = 0;
            if name.len() > 3 && name.starts_with("GMT") {
                off = name[3..].parse::<i32>().unwrap_or(0) * 3600;
            }
            return Some(mk(wall, off, name));
        }
        Some(mk(
            wall - i64::from(loc.offset),
            loc.offset,
            loc.name.clone(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_reference_layouts() {
        let t = GoTime::unix(1_714_564_800, 500_000_000); // 2024-05-01 12:00:00.5 UTC
        assert_eq!(t.format("2006-01-02 15:04:05"), "2024-05-01 12:00:00");
        assert_eq!(t.format("Jan _2 3:04PM .000"), "May  1 12:00PM .500");
        assert_eq!(
            t.format("Monday 002 MST -07:00"),
            "Wednesday 122 UTC +00:00"
        );
        assert_eq!(
            t.format("2006-01-02T15:04:05.999999999Z07:00"),
            "2024-05-01T12:00:00.5Z"
        );
    }

    #[test]
    fn parses_reference_layouts() {
        let utc = Loc::utc();
        let t = parse("2006-01-02 15:04:05", "2024-05-01 12:00:00", &utc).expect("parses");
        assert_eq!((t.sec, t.nsec), (1_714_564_800, 0));
        let t = parse(
            "2006-01-02T15:04:05Z07:00",
            "2024-05-01T14:00:00.25+02:00",
            &utc,
        )
        .expect("a fraction the layout lacks is still read");
        assert_eq!(
            (t.sec, t.nsec, t.offset),
            (1_714_564_800, 250_000_000, 7200)
        );
        // Day of the year, 12-hour clock.
        let t = parse("2006 002 3PM", "2024 060 1PM", &utc).expect("parses");
        assert_eq!(t.format("2006-01-02 15"), "2024-02-29 13");
        // Dates that do not exist, values that do not fit.
        assert!(parse("2006-01-02", "2023-02-29", &utc).is_none());
        assert!(parse("2006 002", "2023 366", &utc).is_none());
        assert!(parse("15:04", "24:00", &utc).is_none());
        assert!(parse("2006-01-02", "2024-05-01 extra", &utc).is_none());
        assert!(parse("2006-01-02", "", &utc).is_none());
    }

    #[test]
    fn fixed_zones_only() {
        assert_eq!(load_location("EST").map(|l| l.offset), Ok(-5 * 3600));
        assert_eq!(load_location("Etc/GMT+3").map(|l| l.offset), Ok(-3 * 3600));
        assert!(load_location("Europe/Paris").is_err());
        assert_eq!(load_location("").map(|l| l.offset), Ok(0));
    }
}
