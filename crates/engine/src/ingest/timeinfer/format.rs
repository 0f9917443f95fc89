//! The chosen format (a pattern and where it sits) and the per-line parser
//! that applies it: one location lookup and one pattern read per line.

use std::fmt;

use super::fields::{DayClock, Fields, YearClock};
use super::locate::{Location, Locator};
use super::pattern::Pattern;

/// A time pattern and where in a line it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeFormat {
    pub pattern: Pattern,
    pub location: Location,
}

impl fmt::Display for TimeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.pattern, self.location)
    }
}

/// A line's time as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub ns: i64,
    /// The text named its instant (an epoch, or a zone) rather than a
    /// civil time taken as UTC.
    pub absolute: bool,
}

/// Reads one file's lines with one format; carries the year of year-less
/// formats across lines.
#[derive(Debug, Clone)]
pub struct TimeParser {
    pattern: Pattern,
    locator: Locator,
    clock: YearClock,
    /// The day of date-less formats.
    days: DayClock,
    /// The first zone name read that settles no offset (`IST`).
    unresolved_zone: Option<String>,
    /// The last time read.
    last: Option<i64>,
}

impl TimeParser {
    /// `year`: the year of the first lines when the text has none.
    pub fn new(format: &TimeFormat, year: i32) -> TimeParser {
        TimeParser {
            pattern: format.pattern.clone(),
            locator: Locator::new(format.location.clone()),
            clock: YearClock::new(i64::from(year)),
            days: DayClock::new(0),
            unresolved_zone: None,
            last: None,
        }
    }

    /// `day` (days since 1970-01-01): the date of the first lines when the
    /// text has a time of day and no date.
    pub fn starting_on_day(mut self, day: i64) -> TimeParser {
        self.days = DayClock::new(day);
        self
    }

    /// Days a date-less format moved on past midnight so far.
    pub fn day_changes(&self) -> usize {
        self.days.changes()
    }

    /// The last time read.
    pub fn last_read(&self) -> Option<i64> {
        self.last
    }

    /// A zone name the lines carry that settles no offset (`IST`, or a
    /// region missing from this system's database): read as UTC.
    pub fn unresolved_zone(&self) -> Option<&str> {
        self.unresolved_zone.as_deref()
    }

    /// Unix nanoseconds of the line's time, or `None` when the line has no
    /// time where the format says (a continuation line).
    pub fn parse(&mut self, line: &str) -> Option<i64> {
        self.read(line.as_bytes()).map(|s| s.ns)
    }

    /// Where the line's time is written (byte range), for splitting a
    /// header off; `None` where [`parse`](Self::parse) reads no time.
    pub fn span(&self, line: &str) -> Option<std::ops::Range<usize>> {
        let b = line.as_bytes();
        let assumed = self.clock.current();
        let pattern = &self.pattern;
        self.locator.find(b, |i| {
            let (f, end) = pattern.read(b, i)?;
            f.to_unix_nanos(assumed).map(|_| i..end)
        })
    }

    /// The year now assumed for year-less lines.
    pub fn current_year(&self) -> i32 {
        self.clock.current() as i32
    }

    pub(crate) fn read(&mut self, b: &[u8]) -> Option<Stamp> {
        let assumed = self.clock.current();
        let pattern = &self.pattern;
        let (fields, ns): (Fields, i64) = self.locator.find(b, |i| {
            let (f, _) = pattern.read(b, i)?;
            f.to_unix_nanos(assumed).map(|ns| (f, ns))
        })?;
        let ns = if fields.date_less {
            self.days.place(ns)?
        } else if fields.year.is_none() && fields.epoch_ns.is_none() {
            match self.clock.year_for(fields.month) {
                y if y == assumed => ns,
                y => fields.to_unix_nanos(y)?,
            }
        } else {
            ns
        };
        if let (Some((from, to)), None) = (fields.unresolved_zone, &self.unresolved_zone) {
            let name = b.get(from as usize..to as usize).unwrap_or_default();
            self.unresolved_zone = Some(String::from_utf8_lossy(name).into_owned());
        }
        self.last = Some(ns);
        Some(Stamp {
            ns,
            absolute: fields.epoch_ns.is_some()
                || fields.offset_secs.is_some()
                || fields.region.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000_000_000;

    fn parser(pattern: &str, location: Location, year: i32) -> TimeParser {
        let format = TimeFormat {
            pattern: pattern.parse().unwrap(),
            location,
        };
        TimeParser::new(&format, year)
    }

    #[test]
    fn year_less_lines_roll_over() {
        let mut p = parser("MMM dd HH:mm:ss", Location::Token(0), 2023);
        // python3: datetime(2023,12,31,23,59,59) == 1704067199
        assert_eq!(p.parse("Dec 31 23:59:59 h a"), Some(1_704_067_199 * S));
        assert_eq!(p.parse("  continued detail"), None);
        assert_eq!(p.parse("Jan  1 00:00:01 h b"), Some(1_704_067_201 * S));
        assert_eq!(p.current_year(), 2024);
    }

    #[test]
    fn reads_where_the_format_says() {
        // 2017-05-16 00:00:00.008 UTC = 1494892800.008
        let mut p = parser("yyyy-MM-dd HH:mm:ss.SSS", Location::Token(1), 2000);
        assert_eq!(
            p.parse("svc.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO x"),
            Some(1_494_892_800 * S + 8_000_000)
        );
        let mut p = parser("epoch_s", Location::Json("ts".into()), 2000);
        assert_eq!(
            p.read(br#"{"msg":"a b","ts":1733479201.5}"#),
            Some(Stamp {
                ns: 1_733_479_201 * S + 500_000_000,
                absolute: true
            })
        );
        let mut p = parser(
            "yyyy-MM-dd'T'HH:mm:ssZ",
            Location::Logfmt("time".into()),
            2000,
        );
        assert_eq!(
            p.parse("level=info time=\"2024-05-01T12:00:00Z\" msg=x"),
            Some(1_714_564_800 * S)
        );
        // The first token is not a date: the second atom of the same token is tried.
        let mut p = parser("MMdd HH:mm:ss.SSSSSS", Location::Token(0), 2026);
        // 2026-12-06T10:00:01.123456Z = 1796551201.123456
        assert_eq!(
            p.parse("I1206 10:00:01.123456    1 main.go:42] hi"),
            Some(1_796_551_201 * S + 123_456_000)
        );
    }
}
