//! Go's `strconv` quoting. Loki prints every string in a query with
//! `strconv.Quote`, and Go templates print with the same rules, so one
//! definition of "printable" keeps both in agreement.

use std::fmt::Write;

/// An approximation of Go's `unicode.IsPrint` (and `strconv.IsPrint`):
/// letters, marks, numbers, punctuation, symbols and the ASCII space.
/// Controls, other spaces, format characters, private use and
/// noncharacters are not printable.
pub fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    !matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE000..=0xF8FF | 0xFFFE | 0xFFFF | 0xF0000..=0x10FFFF)
}

/// Go's `strconv.Quote`: double quotes, with `"`, `\` and non-printable
/// characters escaped.
pub fn quote(s: &str) -> String {
    quote_with(s, '"', false)
}

/// Go's `strconv.QuoteToASCII`: as [`quote`], non-ASCII escaped too.
pub fn quote_to_ascii(s: &str) -> String {
    quote_with(s, '"', true)
}

/// `s` between `quote` characters, escaped as Go's `strconv` does; with
/// `ascii_only`, every non-ASCII character is escaped as well.
pub fn quote_with(s: &str, quote: char, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        append_escaped(&mut out, c, quote, ascii_only);
    }
    out.push(quote);
    out
}

/// One character of a Go quoted literal delimited by `quote`.
pub fn append_escaped(out: &mut String, c: char, quote: char, ascii_only: bool) {
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    let printable = if ascii_only {
        c.is_ascii() && is_print(c)
    } else {
        is_print(c)
    };
    if printable {
        out.push(c);
        return;
    }
    // Writing to a String cannot fail.
    let _ = match c {
        '\u{7}' => out.write_str("\\a"),
        '\u{8}' => out.write_str("\\b"),
        '\u{c}' => out.write_str("\\f"),
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        '\u{b}' => out.write_str("\\v"),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(out, "\\x{:02x}", c as u32),
        c if (c as u32) < 0x10000 => write!(out, "\\u{:04x}", c as u32),
        c => write!(out, "\\U{:08x}", c as u32),
    };
}

/// One escape after `\\` in a literal delimited by `quote`, appended as bytes.
fn unquote_escape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    quote: char,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let bad = || "invalid syntax".to_string();
    let c = chars.next().ok_or_else(bad)?;
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    match c {
        'a' => out.push(7),
        'b' => out.push(8),
        'f' => out.push(12),
        'n' => out.push(b'\n'),
        'r' => out.push(b'\r'),
        't' => out.push(b'\t'),
        'v' => out.push(11),
        '\\' => out.push(b'\\'),
        '\'' | '"' => {
            if c != quote {
                return Err(bad());
            }
            out.push(c as u8);
        }
        'x' | 'u' | 'U' => {
            let n = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let mut v: u32 = 0;
            for _ in 0..n {
                let d = chars.next().and_then(|h| h.to_digit(16)).ok_or_else(bad)?;
                v = v * 16 + d;
            }
            if c == 'x' {
                out.push(v as u8);
            } else {
                push_char(out, char::from_u32(v).ok_or_else(bad)?);
            }
        }
        '0'..='7' => {
            let mut v = c.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                let d = chars.next().and_then(|h| h.to_digit(8)).ok_or_else(bad)?;
                v = v * 8 + d;
            }
            if v > 255 {
                return Err(bad());
            }
            out.push(v as u8);
        }
        _ => return Err(bad()),
    }
    Ok(())
}

/// Go's `strconv.Unquote` for `"..."` and `` `...` `` literals; a byte
/// escape that is not UTF-8 becomes U+FFFD. Errors are Go's texts.
pub fn unquote_string(q: &str) -> Result<String, String> {
    let bad = || "invalid syntax".to_string();
    if q.len() >= 2 && q.starts_with('`') && q.ends_with('`') {
        let inner = &q[1..q.len() - 1];
        if inner.contains('`') {
            return Err(bad());
        }
        return Ok(inner.replace('\r', ""));
    }
    if q.len() < 2 || !q.starts_with('"') || !q.ends_with('"') {
        return Err(bad());
    }
    let inner = &q[1..q.len() - 1];
    let mut out = Vec::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => unquote_escape(&mut chars, '"', &mut out)?,
            '"' | '\n' => return Err(bad()),
            _ => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The value of a Go character constant `'x'` (as Go's template parser
/// reads one).
pub fn unquote_char(q: &str) -> Result<char, String> {
    let malformed = || format!("malformed character constant: {q}");
    let inner = q
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .ok_or_else(malformed)?;
    let mut chars = inner.chars().peekable();
    let c = match chars.next() {
        Some('\\') => {
            let mut out = Vec::new();
            unquote_escape(&mut chars, '\'', &mut out)?;
            let s = String::from_utf8_lossy(&out).into_owned();
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => return Err(malformed()),
            }
        }
        Some('\'') | None => return Err(malformed()),
        Some(c) => c,
    };
    if chars.next().is_some() {
        return Err(malformed());
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_strconv() {
        assert_eq!(quote(""), r#""""#);
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("\t\n\r\x07\x08\x0c\x0b"), r#""\t\n\r\a\b\f\v""#);
        assert_eq!(quote("\x00\x1f\x7f"), r#""\x00\x1f\x7f""#);
        assert_eq!(quote("\u{85}\u{ad}\u{feff}"), r#""\u0085\u00ad\ufeff""#);
        // Non-ASCII letters and symbols are printable; other spaces are not.
        assert_eq!(quote("héllo 日本 ✓"), "\"héllo 日本 ✓\"");
        assert_eq!(quote("a\u{a0}b\u{2028}"), r#""a\u00a0b\u2028""#);
        assert_eq!(quote("\u{f0000}"), r#""\U000f0000""#);
        assert_eq!(quote_to_ascii("é✓"), r#""\u00e9\u2713""#);
        assert_eq!(quote_with("it's \"x\"", '\'', false), r#"'it\'s "x"'"#);
    }

    #[test]
    fn printable() {
        assert!(is_print(' ') && is_print('a') && is_print('€'));
        assert!(!is_print('\t') && !is_print('\u{200b}') && !is_print('\u{e000}'));
    }

    #[test]
    fn unquotes_like_strconv() {
        assert_eq!(
            unquote_string(r#""a\tb\"c\u00e9\x41\101""#).as_deref(),
            Ok("a\tb\"céAA")
        );
        assert_eq!(unquote_string("`raw \\n`").as_deref(), Ok("raw \\n"));
        assert_eq!(unquote_string("`a\rb`").as_deref(), Ok("ab"));
        assert_eq!(unquote_string(r#""\xff""#).as_deref(), Ok("\u{fffd}"));
        for bad in [
            r#""a"#,
            r#""\q""#,
            r#""\'""#,
            r#""\400""#,
            r#""\ud800""#,
            "\"a\nb\"",
            "x",
        ] {
            assert_eq!(
                unquote_string(bad),
                Err("invalid syntax".to_string()),
                "{bad:?}"
            );
        }
        assert_eq!(unquote_char("'a'"), Ok('a'));
        assert_eq!(unquote_char(r"'\n'"), Ok('\n'));
        assert_eq!(unquote_char(r"'\''"), Ok('\''));
        assert_eq!(
            unquote_char("'ab'"),
            Err("malformed character constant: 'ab'".to_string())
        );
        assert_eq!(
            unquote_char("''"),
            Err("malformed character constant: ''".to_string())
        );
    }
}
