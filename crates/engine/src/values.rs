//! Label values read as numbers, durations and byte sizes exactly as Loki
//! reads them (Go's `strconv.ParseFloat`, `time.ParseDuration` and
//! go-humanize's `ParseBytes`), with the error texts Loki puts in
//! `__error_details__`.

/// `strconv.ParseFloat(s, 64)`.
pub fn parse_float(s: &str) -> Result<f64, String> {
    goformat::number::parse_float(s).map_err(|e| e.to_string())
}

/// `time.ParseDuration`: nanoseconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    goformat::duration::parse_go_duration_units(s, false).map_err(|e| e.to_string())
}

/// go-humanize's `ParseBytes`: `42`, `1.5 KB`, `2MiB`, `1,500`.
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    goformat::bytes::parse_bytes(s).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_error_texts() {
        assert_eq!(parse_float("1e3"), Ok(1000.0));
        assert_eq!(
            parse_float("abc").unwrap_err(),
            r#"strconv.ParseFloat: parsing "abc": invalid syntax"#
        );
        assert!(parse_float(" 1").is_err());
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5s"), Ok(-1_500_000_000));
        assert_eq!(
            parse_duration("xx").unwrap_err(),
            r#"time: invalid duration "xx""#
        );
        assert_eq!(
            parse_duration("3").unwrap_err(),
            r#"time: missing unit in duration "3""#
        );
        assert_eq!(
            parse_duration("1d").unwrap_err(),
            r#"time: unknown unit "d" in duration "1d""#
        );
        assert_eq!(parse_bytes("1,500"), Ok(1500));
        assert_eq!(parse_bytes("1.5 KiB"), Ok(1536));
        assert_eq!(
            parse_bytes("yy").unwrap_err(),
            r#"strconv.ParseFloat: parsing "": invalid syntax"#
        );
        assert_eq!(parse_bytes("5xb").unwrap_err(), "unhandled size name: xb");
    }
}
