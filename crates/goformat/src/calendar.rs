//! Proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms),
//! shared by timestamp detection, Go templates and question understanding.

/// Days since 1970-01-01 of a date. A `day` past the month's end rolls
/// into the next month.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Gregorian leap year.
pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Sunday first (Go's `time.Weekday` order).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The month (0 = January) `word` names: its three-letter abbreviation,
/// `Sept`, or the full name, in any case.
pub fn month_index(word: &[u8]) -> Option<usize> {
    name_index(word, &MONTH_NAMES)
}

/// The weekday (0 = Sunday) `word` names, as [`month_index`] reads months.
pub fn weekday_index(word: &[u8]) -> Option<usize> {
    name_index(word, &WEEKDAY_NAMES)
}

fn name_index(word: &[u8], names: &[&str]) -> Option<usize> {
    if word.len() < 3 {
        return None;
    }
    names.iter().position(|name| {
        let name = name.as_bytes();
        let is_prefix = word.len() <= name.len()
            && name
                .iter()
                .zip(word)
                .all(|(n, w)| n.eq_ignore_ascii_case(w));
        is_prefix
            && (word.len() == 3 || word.len() == name.len() || word.eq_ignore_ascii_case(b"sept"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 3, 1), 19_783);
        for days in [-800_000, -1, 0, 59, 19_782, 1_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn month_lengths() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && is_leap_year(-4));
        assert!(!is_leap_year(1900) && !is_leap_year(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2023, 4), 30);
        assert_eq!(days_in_month(2023, 12), 31);
        assert_eq!(days_in_month(2023, 0), 0);
        assert_eq!(days_in_month(2023, 13), 0);
        // A day past the month's end rolls over.
        assert_eq!(days_from_civil(2023, 2, 29), days_from_civil(2023, 3, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn names() {
        assert_eq!(month_index(b"Jan"), Some(0));
        assert_eq!(month_index(b"SEPT"), Some(8));
        assert_eq!(month_index(b"september"), Some(8));
        assert_eq!(month_index(b"Sep"), Some(8));
        assert_eq!(month_index(b"Janu"), None);
        assert_eq!(month_index(b"Ja"), None);
        assert_eq!(month_index(b"Mayday"), None);
        assert_eq!(weekday_index(b"sun"), Some(0));
        assert_eq!(weekday_index(b"Wednesday"), Some(3));
        assert_eq!(weekday_index(b"Wed"), Some(3));
        assert_eq!(weekday_index(b"Weds"), None);
    }
}
