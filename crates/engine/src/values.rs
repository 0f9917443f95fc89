//! Label values read as numbers, durations and byte sizes exactly as Loki
//! reads them (Go's `strconv.ParseFloat`, `time.ParseDuration` and
//! go-humanize's `ParseBytes`), with the error texts Loki puts in
//! `__error_details__`.

/// `strconv.ParseFloat(s, 64)`.
pub fn parse_float(s: &str) -> Result<f64, String> {
    if let Some(v) = small_integer(s) {
        return Ok(v);
    }
    goformat::number::parse_float(s).map_err(|e| e.to_string())
}

/// Most values read as numbers (status codes, latencies, sizes) are short
/// whole numbers: read directly, without the general float parser. Up to
/// 15 digits every such number is exact in an `f64`, so the result is the
/// general parser's to the bit (`-0` included).
#[inline]
fn small_integer(s: &str) -> Option<f64> {
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(d - b'0');
    }
    let v = n as f64;
    Some(if negative { -v } else { v })
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
    fn whole_numbers_read_as_the_general_parser_reads_them() {
        for s in [
            "0",
            "-0",
            "7",
            "200",
            "-503",
            "000123",
            "999999999999999",
            "-999999999999999",
            "1234567890123456",
            "12345678901234567890",
        ] {
            let general = goformat::number::parse_float(s).unwrap();
            let ours = parse_float(s).unwrap();
            assert_eq!(ours.to_bits(), general.to_bits(), "{s}");
        }
        for bad in ["", "-", "--1", "1-", "+", " 1", "1 "] {
            assert!(parse_float(bad).is_err(), "{bad:?}");
        }
    }

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
