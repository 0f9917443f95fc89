//! The time zone questions are read in ("since 10:00", "yesterday"):
//! `--tz local` (the default), `UTC`, an offset (`+05:30`) or an IANA name
//! (`Europe/Berlin`).

use std::path::Path;
use std::str::FromStr;

use chrono::{Local, Offset, TimeZone};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    Utc,
    /// The machine's zone (`$TZ`, else `/etc/localtime`).
    Local,
    /// A fixed offset east of UTC, in seconds.
    Fixed(i32),
    /// An IANA name from the system's zone database.
    Named(String),
}

const ZONEINFO: &str = "/usr/share/zoneinfo";

impl FromStr for Zone {
    type Err = String;

    fn from_str(s: &str) -> Result<Zone, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("utc") || s == "Z" || s.eq_ignore_ascii_case("gmt") {
            return Ok(Zone::Utc);
        }
        if s.eq_ignore_ascii_case("local") {
            return Ok(Zone::Local);
        }
        if let Some(secs) = fixed_offset(s) {
            return Ok(Zone::Fixed(secs));
        }
        let safe = !s.is_empty()
            && !s.starts_with('/')
            && !s.split('/').any(|p| p == ".." || p.is_empty())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
        if safe && Path::new(ZONEINFO).join(s).is_file() {
            return Ok(Zone::Named(s.to_string()));
        }
        Err(format!(
            "unknown time zone {s:?}: give local, UTC, an offset like +05:30, or an IANA name like Europe/Berlin"
        ))
    }
}

/// `+05:30`, `-0800`, `+2`: seconds east of UTC.
fn fixed_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        _ => {
            let split = digits.len() - 2;
            (
                digits[..split].parse::<i32>().ok()?,
                digits[split..].parse::<i32>().ok()?,
            )
        }
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

impl Zone {
    /// The zone's offset from UTC in seconds at `at_ns` (Unix ns): daylight
    /// saving time as it was then.
    pub fn offset_at(&self, at_ns: i64) -> i32 {
        let at = chrono::DateTime::from_timestamp_nanos(at_ns).naive_utc();
        match self {
            Zone::Utc => 0,
            Zone::Fixed(secs) => *secs,
            Zone::Local => Local.offset_from_utc_datetime(&at).fix().local_minus_utc(),
            Zone::Named(name) => {
                // chrono reads a named zone through $TZ; the CLI is one
                // thread when it sets it, before any time is read.
                std::env::set_var("TZ", name);
                Local.offset_from_utc_datetime(&at).fix().local_minus_utc()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_offsets_and_errors() {
        assert_eq!("UTC".parse::<Zone>(), Ok(Zone::Utc));
        assert_eq!("+05:30".parse::<Zone>(), Ok(Zone::Fixed(5 * 3600 + 1800)));
        assert_eq!("-0800".parse::<Zone>(), Ok(Zone::Fixed(-8 * 3600)));
        assert_eq!("+2".parse::<Zone>(), Ok(Zone::Fixed(7200)));
        assert!("+25:00".parse::<Zone>().is_err());
        assert!("../../etc/passwd".parse::<Zone>().is_err());
        assert!("Mars/Olympus".parse::<Zone>().unwrap_err().contains("IANA"));
        assert_eq!(Zone::Fixed(3600).offset_at(0), 3600);
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let Ok(berlin) = "Europe/Berlin".parse::<Zone>() else {
            eprintln!("SKIPPED: no zone database at {ZONEINFO}");
            return;
        };
        let winter = 1_767_225_600_000_000_000; // 2026-01-01T00:00:00Z
        let summer = 1_782_864_000_000_000_000; // 2026-07-01T00:00:00Z
        assert_eq!(berlin.offset_at(winter), 3600);
        assert_eq!(berlin.offset_at(summer), 7200);
    }
}
