//! Byte sizes as go-humanize reads and prints them (`KB` = 1000,
//! `KiB` = 1024). Loki reads label values with `humanize.ParseBytes`
//! (a `uint64`); the template function `bytes` returns the same count as
//! a `float64`: two named functions here, one grammar.

use std::fmt;

use crate::number::{parse_float, FloatError};

/// Why a byte size does not parse; displays as go-humanize's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BytesError {
    /// The number before the unit is not a float (Go's ParseFloat error).
    Number(FloatError),
    /// `unhandled size name: xb` (the unit, trimmed and lower-cased).
    Unit { unit: String },
    /// `too large: 20EiB`: the count does not fit a `uint64`.
    TooLarge { text: String },
}

impl fmt::Display for BytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(e) => write!(f, "{e}"),
            Self::Unit { unit } => write!(f, "unhandled size name: {unit}"),
            Self::TooLarge { text } => write!(f, "too large: {text}"),
        }
    }
}

impl std::error::Error for BytesError {}

/// The multiplier of a lower-case byte-size unit as go-humanize reads it
/// (`kb` = 1000, `kib` = 1024; `` and `b` = 1).
pub fn byte_unit_scale(unit: &str) -> Option<f64> {
    Some(match unit {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "p" | "pb" => 1e15,
        "e" | "eb" => 1e18,
        "ki" | "kib" => 1024f64,
        "mi" | "mib" => 1024f64.powi(2),
        "gi" | "gib" => 1024f64.powi(3),
        "ti" | "tib" => 1024f64.powi(4),
        "pi" | "pib" => 1024f64.powi(5),
        "ei" | "eib" => 1024f64.powi(6),
        _ => return None,
    })
}

/// go-humanize's `ParseBytes`: `42`, `1.5 KB`, `2MiB`, `1,500`; the
/// fraction of a byte is dropped. Leading spaces are an error, as in Go.
pub fn parse_bytes(s: &str) -> Result<u64, BytesError> {
    let digits = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(s.len(), |(i, _)| i);
    let number = s[..digits].replace(',', "");
    let value = parse_float(&number).map_err(BytesError::Number)?;
    let unit = s[digits..].trim().to_lowercase();
    let scale = byte_unit_scale(&unit).ok_or(BytesError::Unit { unit })?;
    let bytes = value * scale;
    if bytes >= u64::MAX as f64 {
        return Err(BytesError::TooLarge {
            text: s.to_string(),
        });
    }
    Ok(bytes as u64)
}

/// The template function `bytes`: [`parse_bytes`]'s whole count as a float.
pub fn parse_bytes_float(s: &str) -> Result<f64, BytesError> {
    parse_bytes(s).map(|b| b as f64)
}

/// humanize.Bytes without the space: `20kB`, `1.5MB`, `9B`.
pub fn format_bytes(n: u64) -> String {
    if n < 10 {
        return format!("{n}B");
    }
    let sizes = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let e = ((n as f64).ln() / 1000f64.ln()).floor() as usize;
    let e = e.min(sizes.len() - 1);
    let val = ((n as f64) / 1000f64.powi(e as i32) * 10.0 + 0.5).floor() / 10.0;
    if val < 10.0 {
        format!("{val:.1}{}", sizes[e])
    } else {
        format!("{val:.0}{}", sizes[e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_humanize() {
        assert_eq!(parse_bytes("42"), Ok(42));
        assert_eq!(parse_bytes("10KB"), Ok(10_000));
        assert_eq!(parse_bytes("10 kb "), Ok(10_000));
        assert_eq!(parse_bytes("1.5MiB"), Ok(1_572_864));
        assert_eq!(parse_bytes("1,500"), Ok(1_500));
        assert_eq!(parse_bytes("1.5"), Ok(1));
        assert_eq!(parse_bytes(".5k"), Ok(500));
        assert_eq!(
            parse_bytes("2EiB").map(|b| b > 2_000_000_000_000_000_000),
            Ok(true)
        );
        assert_eq!(
            parse_bytes("20EiB").unwrap_err().to_string(),
            "too large: 20EiB"
        );
        assert_eq!(
            parse_bytes("5xb").unwrap_err().to_string(),
            "unhandled size name: xb"
        );
        assert_eq!(
            parse_bytes("yy").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "": invalid syntax"#
        );
        assert_eq!(
            parse_bytes(" 1KB").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "": invalid syntax"#
        );
        assert!(parse_bytes("1..5").is_err());
        assert!(parse_bytes("-1KB").is_err());
        assert_eq!(
            parse_bytes(&"9".repeat(400)).unwrap_err().to_string(),
            format!(
                "strconv.ParseFloat: parsing \"{}\": value out of range",
                "9".repeat(400)
            )
        );
        assert_eq!(parse_bytes_float("1.5 KiB"), Ok(1536.0));
        assert_eq!(parse_bytes_float("1.9"), Ok(1.0));
    }

    #[test]
    fn formats_like_humanize() {
        assert_eq!(format_bytes(0), "0B");
        assert_eq!(format_bytes(9), "9B");
        assert_eq!(format_bytes(999), "999B");
        assert_eq!(format_bytes(1_500), "1.5kB");
        assert_eq!(format_bytes(20_000), "20kB");
        assert_eq!(format_bytes(u64::MAX), "18EB");
    }
}
