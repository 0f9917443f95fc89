//! Instants as Go's `time.RFC3339Nano` prints them: the form Loki's API
//! returns, so answers, the CLI and the store print times alike.

use crate::calendar::civil_from_days;

const NANOS_PER_SEC: i64 = 1_000_000_000;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_nano() {
        assert_eq!(format_rfc3339_nano(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339_nano(1_500_000_000), "1970-01-01T00:00:01.5Z");
        assert_eq!(format_rfc3339_nano(1), "1970-01-01T00:00:00.000000001Z");
        assert_eq!(format_rfc3339_nano(-1), "1969-12-31T23:59:59.999999999Z");
        assert_eq!(
            format_rfc3339_nano(1_714_564_800_000_000_000),
            "2024-05-01T12:00:00Z"
        );
        assert_eq!(
            format_rfc3339_nano(i64::MAX),
            "2262-04-11T23:47:16.854775807Z"
        );
    }
}
