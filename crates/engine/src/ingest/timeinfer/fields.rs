//! What a pattern read from a line, and how that becomes Unix nanoseconds.

use goformat::calendar::days_from_civil;
use goformat::calendar::days_in_month;

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
        if !(1..=12).contains(&self.month)
            || self.day == 0
            || self.day > days_in_month(check_year, self.month)
            || hour > 23
            || self.minute > 59
            || self.second > 60
            || self.nanos >= 1_000_000_000
        {
            return None;
        }
        let secs = days_from_civil(year, self.month, self.day)
            .checked_mul(86_400)?
            .checked_add(i64::from(hour * 3600 + self.minute * 60 + self.second))?
            .checked_sub(i64::from(self.offset_secs.unwrap_or(0)))?;
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
}
