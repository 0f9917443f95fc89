//! Go's `strconv.ParseFloat` for decimal text: Loki reads label values
//! with it (`| status >= 500`, `unwrap`), templates convert strings with
//! it, and humanize reads the number of a byte size with it.

use std::fmt;

/// Why a float does not parse; displays as Go's `*strconv.NumError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FloatError {
    /// `strconv.ParseFloat: parsing "x": invalid syntax`
    Syntax { text: String },
    /// `strconv.ParseFloat: parsing "1e400": value out of range`
    Range { text: String },
}

impl fmt::Display for FloatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (text, why) = match self {
            Self::Syntax { text } => (text, "invalid syntax"),
            Self::Range { text } => (text, "value out of range"),
        };
        write!(
            f,
            "strconv.ParseFloat: parsing {}: {why}",
            crate::quote::quote(text)
        )
    }
}

impl std::error::Error for FloatError {}

/// `strconv.ParseFloat(s, 64)` without Go's hexadecimal floats and digit
/// separators (which need a `0x` prefix in Go): `1.5`, `-2e3`, `.5`,
/// `Inf`, `NaN`. A finite number too large for an `f64` is a range error,
/// as in Go; surrounding spaces are a syntax error.
pub fn parse_float(s: &str) -> Result<f64, FloatError> {
    if s.is_empty() || s.contains(['_', 'x', 'X', 'p', 'P']) {
        return Err(FloatError::Syntax {
            text: s.to_string(),
        });
    }
    let f: f64 = s.parse().map_err(|_| FloatError::Syntax {
        text: s.to_string(),
    })?;
    if f.is_infinite() && !s.to_ascii_lowercase().contains("inf") {
        return Err(FloatError::Range {
            text: s.to_string(),
        });
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_strconv() {
        assert_eq!(parse_float("1.5"), Ok(1.5));
        assert_eq!(parse_float("-2e3"), Ok(-2000.0));
        assert_eq!(parse_float(".5"), Ok(0.5));
        assert_eq!(parse_float("1."), Ok(1.0));
        assert_eq!(parse_float("+Inf"), Ok(f64::INFINITY));
        assert_eq!(parse_float("-infinity"), Ok(f64::NEG_INFINITY));
        assert!(parse_float("NaN").is_ok_and(f64::is_nan));
        assert_eq!(parse_float("1e-400"), Ok(0.0));
        for bad in [
            "", " 1", "1 ", "1_000", "0x10", "0x1p3", "1e", "--1", "abc", ".",
        ] {
            assert!(
                matches!(parse_float(bad), Err(FloatError::Syntax { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_float("abc").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "abc": invalid syntax"#
        );
        assert_eq!(
            parse_float("1e400").unwrap_err().to_string(),
            r#"strconv.ParseFloat: parsing "1e400": value out of range"#
        );
        assert!(matches!(
            parse_float("-1e400"),
            Err(FloatError::Range { .. })
        ));
    }
}
