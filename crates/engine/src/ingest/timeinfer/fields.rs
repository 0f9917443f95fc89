//! What a pattern read from a line, and how that becomes Unix nanoseconds.

use goformat::calendar::days_from_civil;
use goformat::calendar::days_in_month;

use super::zone::TzRules;

pub(crate) const NANOS_PER_SEC: i64 = 1_000_000_000;

/// Calendar fields read from one line. Fields the pattern has no element for
/// keep their defaults (midnight, no zone, year from the [`YearClock`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub year: Option<i64>,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub nanos: u32,
    /// `Some` when the pattern has AM/PM: the hour is then 1..=12.
    pub pm: Option<bool>,
    /// Seconds east of UTC, when the text carries a zone.
    pub offset_secs: Option<i32>,
    /// A region's rules, when the text names one (`Europe/Berlin`).
    pub region: Option<&'static TzRules>,
    /// Where a zone name that settles no offset (`IST`) is written: the
    /// time is read as UTC and the caller says so.
    pub unresolved_zone: Option<(u32, u32)>,
    /// The pattern has no date: the fields are a time of day on 1970-01-01
    /// and the caller supplies the day.
    pub date_less: bool,
    /// An epoch column is already an instant.
    pub epoch_ns: Option<i64>,
}

impl Fields {
    /// Unix nanoseconds; `assumed_year` stands in for a missing year.
    /// `None` for fields that name no real instant (month 13, 25 o'clock,
    /// Feb 30) or one outside i64 nanoseconds.
    pub fn to_unix_nanos(self, assumed_year: i64) -> Option<i64> {
        if let Some(ns) = self.epoch_ns {
            return Some(ns);
        }
        let hour = match self.pm {
            None => self.hour,
            Some(_) if !(1..=12).contains(&self.hour) => return None,
            Some(pm) => self.hour % 12 + if pm { 12 } else { 0 },
        };
        // Without a year in the text Feb 29 is taken whatever year is
        // assumed (it becomes Mar 1 in a common year) rather than dropped.
        let (year, check_year) = match self.year {
            Some(y) => (y, y),
            None => (assumed_year, 2000),
        };
        let (year, month, day) = if self.date_less {
            (1970, 1, 1)
        } else {
            (year, self.month, self.day)
        };
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(check_year, month)
            || hour > 23
            || self.minute > 59
            || self.second > 60
            || self.nanos >= 1_000_000_000
        {
            return None;
        }
        let local = days_from_civil(year, month, day)
            .checked_mul(86_400)?
            .checked_add(i64::from(hour * 3600 + self.minute * 60 + self.second))?;
        let offset = match (self.offset_secs, self.region) {
            (Some(off), _) => off,
            (None, Some(rules)) => rules.offset_of_local(local),
            (None, None) => 0,
        };
        let secs = local.checked_sub(i64::from(offset))?;
        secs.checked_mul(NANOS_PER_SEC)?
            .checked_add(i64::from(self.nanos))
    }
}

/// Two-digit year → full year, POSIX `%y` style: 69–99 → 19xx, 00–68 → 20xx.
pub(crate) fn full_year(yy: u32) -> i64 {
    if yy >= 69 {
        1900 + i64::from(yy)
    } else {
        2000 + i64::from(yy)
    }
}

/// The year of lines whose text has none: starts at an assumed year and
/// moves on when the months wrap (Dec then Jan), as a year-less log that
/// crosses New Year does.
#[derive(Debug, Clone)]
pub(crate) struct YearClock {
    year: i64,
    last_month: Option<u32>,
}

impl YearClock {
    pub fn new(year: i64) -> YearClock {
        YearClock {
            year,
            last_month: None,
        }
    }

    /// The year for a line of this month. A step back of six months or
    /// more is a new year; a smaller one is lines slightly out of order.
    pub fn year_for(&mut self, month: u32) -> i64 {
        if let Some(last) = self.last_month {
            if month < last && last - month >= 6 {
                self.year += 1;
            }
        }
        self.last_month = Some(month);
        self.year
    }

    pub fn current(&self) -> i64 {
        self.year
    }
}

const DAY_NS: i64 = 86_400 * NANOS_PER_SEC;
/// A time of day this far before the previous line's is the next day.
const ROLLOVER_STEP_NS: i64 = 2 * 3600 * NANOS_PER_SEC;

/// The day of lines that carry only a time of day: starts on a given day
/// and moves on when the time steps back past midnight (a step back of
/// more than two hours; smaller ones are lines slightly out of order, and
/// daylight saving moves an hour). A line just before midnight that comes
/// after one just past it belongs to the day before.
#[derive(Debug, Clone)]
pub(crate) struct DayClock {
    day: i64,
    last: Option<i64>,
    changes: usize,
}

impl DayClock {
    /// `day`: days since 1970-01-01 of the first line.
    pub fn new(day: i64) -> DayClock {
        DayClock {
            day,
            last: None,
            changes: 0,
        }
    }

    /// The instant of a time of day (nanoseconds into 1970-01-01, its zone
    /// applied) on the current day.
    pub fn place(&mut self, time_of_day: i64) -> Option<i64> {
        let mut day = self.day;
        match self.last {
            Some(last) if time_of_day + ROLLOVER_STEP_NS < last => {
                self.day += 1;
                self.changes += 1;
                day = self.day;
                self.last = Some(time_of_day);
            }
            Some(last) if time_of_day > last + DAY_NS - ROLLOVER_STEP_NS => day -= 1,
            _ => self.last = Some(time_of_day),
        }
        day.checked_mul(DAY_NS)?.checked_add(time_of_day)
    }

    /// Days moved on so far.
    pub fn changes(&self) -> usize {
        self.changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = NANOS_PER_SEC;

    fn fields(y: Option<i64>, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Fields {
        Fields {
            year: y,
            month: mo,
            day: d,
            hour: h,
            minute: mi,
            second: s,
            ..Fields::default()
        }
    }

    #[test]
    fn converts_and_validates() {
        // python3: datetime(2024,5,1,12,tzinfo=timezone.utc).timestamp() == 1714564800
        assert_eq!(
            fields(Some(2024), 5, 1, 12, 0, 0).to_unix_nanos(1999),
            Some(1_714_564_800 * S)
        );
        let mut zoned = fields(Some(2024), 5, 1, 12, 0, 0);
        zoned.offset_secs = Some(7200);
        assert_eq!(zoned.to_unix_nanos(0), Some((1_714_564_800 - 7200) * S));
        assert_eq!(fields(Some(2023), 2, 29, 0, 0, 0).to_unix_nanos(0), None);
        assert_eq!(fields(Some(2024), 13, 1, 0, 0, 0).to_unix_nanos(0), None);
        assert_eq!(fields(Some(2024), 5, 1, 24, 0, 0).to_unix_nanos(0), None);
        // A year-less Feb 29 in a common year becomes Mar 1 (2023-03-01 = 1677628800).
        assert_eq!(
            fields(None, 2, 29, 0, 0, 0).to_unix_nanos(2023),
            Some(1_677_628_800 * S)
        );
        assert_eq!(fields(Some(9999), 12, 31, 0, 0, 0).to_unix_nanos(0), None);
    }

    #[test]
    fn twelve_hour_clock() {
        let mut f = fields(Some(2024), 5, 1, 12, 0, 0);
        f.pm = Some(false);
        assert_eq!(f.to_unix_nanos(0), Some((1_714_564_800 - 12 * 3600) * S));
        f.pm = Some(true);
        assert_eq!(f.to_unix_nanos(0), Some(1_714_564_800 * S));
        f.hour = 13;
        assert_eq!(f.to_unix_nanos(0), None);
    }

    #[test]
    fn year_clock_rolls_over_only_on_a_wrap() {
        let mut c = YearClock::new(2023);
        assert_eq!(c.year_for(12), 2023);
        assert_eq!(c.year_for(1), 2024);
        assert_eq!(c.year_for(3), 2024);
        assert_eq!(c.year_for(2), 2024, "a small step back is not a new year");
        assert_eq!(c.current(), 2024);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(full_year(8), 2008);
        assert_eq!(full_year(68), 2068);
        assert_eq!(full_year(69), 1969);
        assert_eq!(full_year(99), 1999);
    }

    #[test]
    fn day_clock_moves_on_past_midnight_only() {
        const H: i64 = 3600 * S;
        let mut c = DayClock::new(10);
        let day = 10 * 86_400 * S;
        assert_eq!(c.place(23 * H), Some(day + 23 * H));
        assert_eq!(
            c.place(22 * H),
            Some(day + 22 * H),
            "an hour back is disorder"
        );
        assert_eq!(c.place(H), Some(day + 86_400 * S + H), "past midnight");
        assert_eq!(
            c.place(23 * H + 59 * 60 * S),
            Some(day + 23 * H + 59 * 60 * S),
            "a late line from the day before"
        );
        assert_eq!(c.place(2 * H), Some(day + 86_400 * S + 2 * H));
        assert_eq!(c.changes(), 1);
    }
}
