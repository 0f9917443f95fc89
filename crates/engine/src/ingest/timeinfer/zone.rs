//! Zone names after a time: IANA names (`Europe/Berlin`), read through the
//! system's time zone database, and the common abbreviations that name one
//! offset (`CEST`, `PDT`, `JST`). Abbreviations that several zones share
//! (`IST`: India, Ireland, Israel) are recognised but not resolved: the
//! caller reads them as UTC and says so.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use goformat::calendar::{civil_from_days, days_from_civil, days_in_month};

use super::scan::byte_at;

/// What a zone name at a position says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZoneName {
    /// One fixed offset (seconds east of UTC).
    Fixed(i32),
    /// A region whose offset depends on the instant.
    Region(&'static TzRules),
    /// A name that does not settle the offset: shared by several zones, or
    /// a region this system has no rules for.
    Unresolved,
}

/// Abbreviations that name one offset wherever they are used.
const ABBREVIATIONS: &[(&str, i32)] = &[
    ("WET", 0),
    ("WEST", 3600),
    ("CET", 3600),
    ("CEST", 7200),
    ("MET", 3600),
    ("MEST", 7200),
    ("EET", 7200),
    ("EEST", 10800),
    ("MSK", 10800),
    ("EST", -5 * 3600),
    ("EDT", -4 * 3600),
    ("MST", -7 * 3600),
    ("MDT", -6 * 3600),
    ("PST", -8 * 3600),
    ("PDT", -7 * 3600),
    ("AKST", -9 * 3600),
    ("AKDT", -8 * 3600),
    ("HST", -10 * 3600),
    ("NST", -12600),
    ("NDT", -9000),
    ("PKT", 5 * 3600),
    ("WIB", 7 * 3600),
    ("HKT", 8 * 3600),
    ("SGT", 8 * 3600),
    ("AWST", 8 * 3600),
    ("JST", 9 * 3600),
    ("KST", 9 * 3600),
    ("ACST", 34200),
    ("ACDT", 37800),
    ("AEST", 10 * 3600),
    ("AEDT", 11 * 3600),
    ("NZST", 12 * 3600),
    ("NZDT", 13 * 3600),
];

/// Abbreviations in use for more than one offset.
const SHARED_ABBREVIATIONS: &[&str] = &[
    "IST", "CST", "CDT", "BST", "AST", "ADT", "SST", "GST", "ECT", "AMT",
];

/// The first segment of IANA region names.
const REGION_AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// Longest name read (`America/Argentina/ComodRivadavia` is 32).
const MAX_NAME: usize = 40;

/// A zone name at `b[i..]` and its length: an abbreviation of 3–4 capitals
/// or an IANA `Area/Location` name, ending at a word boundary.
pub(crate) fn zone_name_at(b: &[u8], i: usize) -> Option<(ZoneName, usize)> {
    let caps = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if (3..=4).contains(&caps) && !byte_at(b, i + caps).is_ascii_alphanumeric() {
        let name = std::str::from_utf8(&b[i..i + caps]).ok()?;
        if let Some(&(_, off)) = ABBREVIATIONS.iter().find(|(n, _)| *n == name) {
            return Some((ZoneName::Fixed(off), caps));
        }
        if SHARED_ABBREVIATIONS.contains(&name) {
            return Some((ZoneName::Unresolved, caps));
        }
        return None;
    }
    let len = b
        .get(i..)?
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'-' | b'+'))
        .count();
    if len > MAX_NAME {
        return None;
    }
    let name = std::str::from_utf8(&b[i..i + len]).ok()?;
    let (area, rest) = name.split_once('/')?;
    let well_formed = REGION_AREAS.contains(&area)
        && rest
            .split('/')
            .all(|s| s.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()));
    if !well_formed {
        return None;
    }
    Some((
        region(name).map_or(ZoneName::Unresolved, ZoneName::Region),
        len,
    ))
}

/// The rules of a region, loaded once per process.
fn region(name: &str) -> Option<&'static TzRules> {
    /// Names remembered as missing, so junk cannot grow the cache unbounded.
    const MAX_MISSES: usize = 256;
    static CACHE: OnceLock<Mutex<HashMap<String, Option<&'static TzRules>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&hit) = cache.get(name) {
        return hit;
    }
    let rules = load(name).map(|r| &*Box::leak(Box::new(r)));
    if rules.is_some() || cache.len() < MAX_MISSES {
        cache.insert(name.to_string(), rules);
    }
    rules
}

fn load(name: &str) -> Option<TzRules> {
    let dirs = std::env::var_os("TZDIR")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/share/zoneinfo",
                "/usr/lib/zoneinfo",
                "/usr/share/lib/zoneinfo",
            ]
            .into_iter()
            .map(PathBuf::from),
        );
    for dir in dirs {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            return TzRules::parse(&bytes);
        }
    }
    None
}

/// A region's offsets: transitions from a TZif file, then the rule its
/// footer states for the years after them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TzRules {
    /// Instants (Unix seconds) where the offset changes, ascending.
    transitions: Vec<i64>,
    /// The offset from each transition on.
    offsets: Vec<i32>,
    /// The offset before the first transition.
    initial: i32,
    /// Beyond the last transition.
    rule: Option<PosixRule>,
}

impl TzRules {
    /// Parse a TZif file (version 1, or the 64-bit data of 2 and later).
    pub(crate) fn parse(b: &[u8]) -> Option<TzRules> {
        let header = |at: usize| -> Option<[usize; 6]> {
            if b.get(at..at + 4)? != b"TZif" {
                return None;
            }
            let mut n = [0usize; 6];
            for (k, v) in n.iter_mut().enumerate() {
                *v = be(b, at + 20 + 4 * k, 4)? as usize;
            }
            Some(n)
        };
        let [isut, isstd, leap, time, types, chars] = header(0)?;
        let v1_len = time * 5 + types * 6 + chars + leap * 8 + isstd + isut;
        let (at, width) = if byte_at(b, 4) >= b'2' {
            (44 + v1_len, 8)
        } else {
            (0, 4)
        };
        let [isut, isstd, leap, time, types, chars] = header(at)?;
        let times_at = at + 44;
        let idx_at = times_at + time * width;
        let types_at = idx_at + time;
        // Counts a file states must fit in it before anything is reserved.
        if types_at + types * 6 > b.len() {
            return None;
        }
        let mut offsets_of_type = Vec::with_capacity(types);
        for k in 0..types {
            offsets_of_type.push(be(b, types_at + 6 * k, 4)? as i32);
        }
        let mut transitions = Vec::with_capacity(time);
        let mut offsets = Vec::with_capacity(time);
        for k in 0..time {
            let t = be(b, times_at + width * k, width)?;
            let t = if width == 4 { t as i32 as i64 } else { t };
            transitions.push(t);
            offsets.push(*offsets_of_type.get(usize::from(*b.get(idx_at + k)?))?);
        }
        let end = types_at + types * 6 + chars + leap * (width + 4) + isstd + isut;
        let rule = (width == 8)
            .then(|| b.get(end..))
            .flatten()
            .and_then(|footer| std::str::from_utf8(footer).ok())
            .and_then(|f| PosixRule::parse(f.trim_matches('\n')));
        Some(TzRules {
            transitions,
            offsets,
            initial: *offsets_of_type.first()?,
            rule,
        })
    }

    /// Seconds east of UTC at the instant `t` (Unix seconds).
    pub(crate) fn offset_at(&self, t: i64) -> i32 {
        match self.transitions.partition_point(|&x| x <= t) {
            0 => self.initial,
            k if k == self.transitions.len() => match &self.rule {
                Some(rule) => rule.offset_at(t),
                None => self.offsets[k - 1],
            },
            k => self.offsets[k - 1],
        }
    }

    /// The offset of a civil time (given as seconds as if it were UTC): the
    /// one in force at the instant it names. In a repeated hour the
    /// earlier reading wins; in a skipped one the offset before the change.
    pub(crate) fn offset_of_local(&self, local: i64) -> i32 {
        let first = self.offset_at(local - i64::from(self.offset_at(local)));
        let second = self.offset_at(local - i64::from(first));
        first.max(second)
    }
}

fn be(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let bytes = b.get(at..at + n)?;
    let v = bytes.iter().fold(0u64, |v, &c| (v << 8) | u64::from(c));
    Some(if n == 8 {
        v as i64
    } else {
        i64::from(v as u32)
    })
}

/// A POSIX TZ rule (`CET-1CEST,M3.5.0,M10.5.0/3`): a standard offset, and
/// a daylight one between two `Mm.w.d[/time]` dates each year.
#[derive(Debug, PartialEq, Eq)]
struct PosixRule {
    std: i32,
    dst: Option<(i32, DayRule, DayRule)>,
}

#[derive(Debug, PartialEq, Eq)]
struct DayRule {
    month: u32,
    week: u32,
    weekday: u32,
    /// Local seconds after midnight.
    at: i64,
}

impl PosixRule {
    fn parse(s: &str) -> Option<PosixRule> {
        let mut r = Reader(s.as_bytes(), 0);
        r.name()?;
        let std = -r.offset()?;
        if r.done() {
            return Some(PosixRule { std, dst: None });
        }
        r.name()?;
        let dst_off = if r.peek() == Some(b',') {
            std + 3600
        } else {
            -r.offset()?
        };
        r.expect(b',')?;
        let start = r.day_rule()?;
        r.expect(b',')?;
        let end = r.day_rule()?;
        Some(PosixRule {
            std,
            dst: Some((dst_off, start, end)),
        })
    }

    fn offset_at(&self, t: i64) -> i32 {
        let Some((dst, start, end)) = &self.dst else {
            return self.std;
        };
        let (year, _, _) = civil_from_days(t.div_euclid(86_400));
        // Starts are written in standard time, ends in daylight time.
        let begins = start.local_secs(year) - i64::from(self.std);
        let ends = end.local_secs(year) - i64::from(*dst);
        let daylight = if begins < ends {
            begins <= t && t < ends
        } else {
            !(ends <= t && t < begins)
        };
        if daylight {
            *dst
        } else {
            self.std
        }
    }
}

impl DayRule {
    /// The rule's moment in `year`, local seconds since the epoch.
    fn local_secs(&self, year: i64) -> i64 {
        let first = days_from_civil(year, self.month, 1);
        // 1970-01-01 was a Thursday (4, Sunday being 0).
        let first_weekday = (first + 4).rem_euclid(7) as u32;
        let mut day = 1 + (self.weekday + 7 - first_weekday) % 7 + 7 * (self.week - 1);
        while day > days_in_month(year, self.month) {
            day -= 7;
        }
        (first + i64::from(day) - 1) * 86_400 + self.at
    }
}

struct Reader<'a>(&'a [u8], usize);

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.get(self.1).copied()
    }
    fn done(&self) -> bool {
        self.1 >= self.0.len()
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.1 += 1)
    }
    /// `CET` or `<+0330>`.
    fn name(&mut self) -> Option<()> {
        if self.peek()? == b'<' {
            let close = self.0[self.1..].iter().position(|&c| c == b'>')?;
            self.1 += close + 1;
            return Some(());
        }
        let n = self.0[self.1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        self.1 += n;
        (n >= 3).then_some(())
    }
    fn number(&mut self) -> Option<i64> {
        let n = self.0[self.1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let v = std::str::from_utf8(&self.0[self.1..self.1 + n])
            .ok()?
            .parse()
            .ok()?;
        self.1 += n;
        Some(v)
    }
    /// `[+-]h[:mm[:ss]]` in seconds.
    fn offset(&mut self) -> Option<i32> {
        let sign = match self.peek()? {
            b'-' => {
                self.1 += 1;
                -1
            }
            b'+' => {
                self.1 += 1;
                1
            }
            _ => 1,
        };
        let mut secs = self.number()?.checked_mul(3600)?;
        for unit in [60, 1] {
            if self.peek() == Some(b':') {
                self.1 += 1;
                secs = secs.checked_add(self.number()?.checked_mul(unit)?)?;
            }
        }
        i32::try_from(sign * secs).ok()
    }
    /// `Mm.w.d[/time]`; other day forms are not read.
    fn day_rule(&mut self) -> Option<DayRule> {
        self.expect(b'M')?;
        let month = self.number()? as u32;
        self.expect(b'.')?;
        let week = self.number()? as u32;
        self.expect(b'.')?;
        let weekday = self.number()? as u32;
        let at = if self.peek() == Some(b'/') {
            self.1 += 1;
            i64::from(self.offset()?)
        } else {
            7200
        };
        ((1..=12).contains(&month) && (1..=5).contains(&week) && weekday <= 6).then_some(DayRule {
            month,
            week,
            weekday,
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_abbreviations_and_leaves_shared_ones_open() {
        assert_eq!(zone_name_at(b"CEST x", 0), Some((ZoneName::Fixed(7200), 4)));
        assert_eq!(
            zone_name_at(b"PDT] y", 0),
            Some((ZoneName::Fixed(-7 * 3600), 3))
        );
        assert_eq!(
            zone_name_at(b"IST 2024", 0),
            Some((ZoneName::Unresolved, 3))
        );
        assert_eq!(zone_name_at(b"CST", 0), Some((ZoneName::Unresolved, 3)));
        // Words that only look like abbreviations are not zones.
        assert_eq!(zone_name_at(b"INFO x", 0), None);
        assert_eq!(zone_name_at(b"ESTABLISHED", 0), None);
        assert_eq!(zone_name_at(b"Est x", 0), None);
    }

    #[test]
    fn region_names_must_be_well_formed() {
        assert_eq!(zone_name_at(b"main/worker x", 0), None);
        assert_eq!(zone_name_at(b"Europe/../etc/passwd", 0), None);
        assert_eq!(zone_name_at(b"Europe/", 0), None);
        // A well-formed name this system has no rules for is left open.
        assert_eq!(
            zone_name_at(b"Europe/Nowhere_Town x", 0),
            Some((ZoneName::Unresolved, 19))
        );
    }

    #[test]
    fn posix_rules_switch_on_the_stated_sundays() {
        let rule = PosixRule::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        // python3: datetime(2026,3,29,1,0,tzinfo=timezone.utc).timestamp() == 1774746000 (the change)
        assert_eq!(rule.offset_at(1_774_746_000 - 1), 3600);
        assert_eq!(rule.offset_at(1_774_746_000), 7200);
        // 2026-10-25T01:00Z = 1792890000: back to standard time.
        assert_eq!(rule.offset_at(1_792_890_000 - 1), 7200);
        assert_eq!(rule.offset_at(1_792_890_000), 3600);
        // Southern hemisphere: daylight time spans New Year.
        let rule = PosixRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        // 2026-01-15T00:00Z = 1768435200; 2026-07-15T00:00Z = 1784073600
        assert_eq!(rule.offset_at(1_768_435_200), 11 * 3600);
        assert_eq!(rule.offset_at(1_784_073_600), 10 * 3600);
        assert_eq!(
            PosixRule::parse("<+0330>-3:30").unwrap().offset_at(0),
            12600
        );
        assert_eq!(PosixRule::parse("EST5EDT,J60,J300"), None);
        assert_eq!(PosixRule::parse("X99999999999999999999"), None);
        assert_eq!(PosixRule::parse("X9999999999999999"), None);
    }

    #[test]
    fn parses_a_tzif_file_and_its_footer() {
        // A version 2 file written here: one transition at 1000 s to +1h,
        // then the footer rule (UTC+2 all year).
        let mut v2 = Vec::new();
        v2.extend_from_slice(b"TZif2");
        v2.extend_from_slice(&[0; 15]);
        for n in [0u32, 0, 0, 1, 2, 4] {
            v2.extend_from_slice(&n.to_be_bytes());
        }
        v2.extend_from_slice(&1000i64.to_be_bytes());
        v2.push(1);
        v2.extend_from_slice(&0i32.to_be_bytes());
        v2.extend_from_slice(&[0, 0]);
        v2.extend_from_slice(&3600i32.to_be_bytes());
        v2.extend_from_slice(&[0, 0]);
        v2.extend_from_slice(b"UTC\0");
        v2.extend_from_slice(b"\nXXX-2\n");
        // An empty version 1 block comes first.
        let mut file = Vec::new();
        file.extend_from_slice(b"TZif2");
        file.extend_from_slice(&[0; 15]);
        file.extend_from_slice(&[0; 24]);
        file.extend_from_slice(&v2);
        let rules = TzRules::parse(&file).unwrap();
        assert_eq!(rules.offset_at(999), 0);
        assert_eq!(rules.offset_at(1000), 7200, "past the last transition");
        let no_footer = TzRules::parse(&file[..file.len() - 7]).unwrap();
        assert_eq!(no_footer.offset_at(5000), 3600);
        assert_eq!(TzRules::parse(b"TZif2"), None);
        // Counts far beyond the file's length are refused, not reserved.
        let mut huge = file.clone();
        huge[44 + 32..44 + 36].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(TzRules::parse(&huge), None);
        assert_eq!(TzRules::parse(&file[..60]), None);
    }
}
