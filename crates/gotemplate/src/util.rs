//! The Go library behaviour the template functions rely on and that only
//! templates need: strconv integer parsing, spf13/cast conversions, JSON
//! decoding, base64 with Go's errors, URL query escaping, HTML/JS escaping
//! and shopspring/decimal arithmetic as Sprig uses it. Formats Loki shares
//! (quoting, floats, durations, byte sizes, times) come from `goformat`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;

use super::gofmt::go_quote;
use super::value::{MapKind, Value};

// ---------------------------------------------------------------- strconv

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumErr {
    Syntax,
    Range,
}

fn underscore_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let mut saw = b'^';
    let mut hex = false;
    if b.len() >= i + 2 && b[i] == b'0' && matches!(b[i + 1] | 0x20, b'b' | b'o' | b'x') {
        hex = b[i + 1] | 0x20 == b'x';
        i += 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && (c | 0x20).is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// strconv.ParseUint(s, base, 64) for base 0 (`base0`) or 10.
pub(super) fn parse_go_uint(s: &str, base0: bool) -> Result<u64, NumErr> {
    if s.is_empty() {
        return Err(NumErr::Syntax);
    }
    let b = s.as_bytes();
    let (base, digits) = if base0 && b[0] == b'0' && b.len() > 1 {
        match b[1] | 0x20 {
            b'x' => (16, &s[2..]),
            b'o' => (8, &s[2..]),
            b'b' => (2, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    if digits.is_empty() {
        return Err(NumErr::Syntax);
    }
    let mut acc: u64 = 0;
    let mut overflow = false;
    let mut underscores = false;
    for c in digits.chars() {
        if c == '_' && base0 {
            underscores = true;
            continue;
        }
        let d = c.to_digit(base).ok_or(NumErr::Syntax)?;
        match acc
            .checked_mul(u64::from(base))
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => acc = v,
            None => overflow = true,
        }
    }
    if underscores && !underscore_ok(s) {
        return Err(NumErr::Syntax);
    }
    if overflow {
        return Err(NumErr::Range);
    }
    Ok(acc)
}

/// strconv.ParseInt(s, base, 64) for base 0 or 10.
pub(super) fn parse_go_int(s: &str, base0: bool) -> Result<i64, NumErr> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let u = parse_go_uint(body, base0)?;
    if !neg && u >= 1 << 63 {
        return Err(NumErr::Range);
    }
    if neg && u > 1 << 63 {
        return Err(NumErr::Range);
    }
    Ok(if neg {
        (u as i64).wrapping_neg()
    } else {
        u as i64
    })
}

/// The error text of a failed strconv.ParseInt.
pub(super) fn parse_int_error(s: &str, e: NumErr) -> String {
    let what = match e {
        NumErr::Syntax => "invalid syntax",
        NumErr::Range => "value out of range",
    };
    format!("strconv.ParseInt: parsing {}: {}", go_quote(s), what)
}

// ---------------------------------------------------------------- cast

/// cast's trimZeroDecimal: "12.000" becomes "12".
fn trim_zero_decimal(s: &str) -> &str {
    let b = s.as_bytes();
    let mut found_zero = false;
    for i in (1..=b.len()).rev() {
        match b[i - 1] {
            b'.' => {
                if found_zero {
                    return &s[..i - 1];
                }
            }
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// Sprig's toInt64 (spf13/cast.ToInt64, errors become 0).
pub(super) fn to_int64(v: &Value<'_>) -> i64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Byte(b) => i64::from(*b),
        Value::Float(f) => *f as i64,
        Value::Bool(b) => i64::from(*b),
        Value::Str(s) => parse_go_int(trim_zero_decimal(s), true).unwrap_or(0),
        _ => 0,
    }
}

/// Sprig's toFloat64 (spf13/cast.ToFloat64, errors become 0).
pub(super) fn to_float64(v: &Value<'_>) -> f64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i as f64,
        Value::Byte(b) => f64::from(*b),
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Str(s) => goformat::number::parse_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

// ---------------------------------------------------------------- JSON

struct Json<'s> {
    b: &'s [u8],
    s: &'s str,
    i: usize,
}

/// encoding/json into interface{}: objects become map[string]interface{},
/// arrays []interface{}, numbers float64. Invalid input gives None.
pub(super) fn parse_json(s: &str) -> Option<Value<'static>> {
    let mut p = Json {
        b: s.as_bytes(),
        s,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    (p.i == p.b.len()).then_some(v)
}

impl Json<'_> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn lit(&mut self, word: &str, v: Value<'static>) -> Option<Value<'static>> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Some(v)
        } else {
            None
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value<'static>> {
        if depth > super::MAX_NESTING_DEPTH {
            return None;
        }
        match self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut m = BTreeMap::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.b.get(self.i) != Some(&b'"') {
                            return None;
                        }
                        let k = self.string()?;
                        self.ws();
                        if self.b.get(self.i) != Some(&b':') {
                            return None;
                        }
                        self.i += 1;
                        self.ws();
                        let v = self.value(depth + 1)?;
                        m.insert(k, v);
                        self.ws();
                        match self.b.get(self.i)? {
                            b',' => self.i += 1,
                            b'}' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Some(Value::Map(Rc::new(m), MapKind::Any))
            }
            b'[' => {
                self.i += 1;
                let mut l = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        l.push(self.value(depth + 1)?);
                        self.ws();
                        match self.b.get(self.i)? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Some(Value::List(Rc::new(l)))
            }
            b'"' => Some(Value::Str(Cow::Owned(self.string()?))),
            b't' => self.lit("true", Value::Bool(true)),
            b'f' => self.lit("false", Value::Bool(false)),
            b'n' => self.lit("null", Value::Nil),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Option<Value<'static>> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        if self.b.get(self.i) == Some(&b'0') {
            self.i += 1;
        } else if self.digits() == 0 {
            return None;
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        let f: f64 = self.s[start..self.i].parse().ok()?;
        f.is_finite().then_some(Value::Float(f))
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        Some(v)
    }

    fn string(&mut self) -> Option<String> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.s[start..self.i]);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let e = *self.b.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi)
                                && self.b[self.i..].starts_with(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                match self.hex4() {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => char::from_u32(
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00),
                                    ),
                                    _ => {
                                        self.i = save;
                                        None
                                    }
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }
}

// ---------------------------------------------------------------- base64

/// Go's `base64.StdEncoding`: padded, and (not being Strict) it accepts
/// non-zero bits after the last symbol.
const GO_STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

pub(super) fn b64_encode(input: &[u8]) -> String {
    GO_STD.encode(input)
}

/// base64.StdEncoding.DecodeString: CR and LF are skipped anywhere; the
/// error text is Go's CorruptInputError.
pub(super) fn b64_decode(s: &str) -> Result<Vec<u8>, String> {
    let kept: Vec<u8> = s.bytes().filter(|&c| c != b'\r' && c != b'\n').collect();
    GO_STD.decode(kept).map_err(|_| {
        format!(
            "illegal base64 data at input byte {}",
            go_corrupt_offset(s.as_bytes())
        )
    })
}

/// The input offset Go's decoder reports for corrupt base64: the first bad
/// symbol, a misplaced `=` or data after the padding, or else the start of
/// an incomplete last quantum.
fn go_corrupt_offset(b: &[u8]) -> usize {
    let skip_nl = |mut i: usize| {
        while matches!(b.get(i), Some(b'\r' | b'\n')) {
            i += 1;
        }
        i
    };
    let (mut j, mut qstart, mut i) = (0, 0, 0);
    while i < b.len() {
        let c = b[i];
        if c == b'\r' || c == b'\n' {
            i += 1;
            continue;
        }
        if j == 0 {
            qstart = i;
        }
        if c == b'=' {
            if j < 2 {
                return i;
            }
            if j == 2 {
                i = skip_nl(i + 1);
                if b.get(i) != Some(&b'=') {
                    return i.min(b.len());
                }
            }
            return skip_nl(i + 1).min(b.len());
        }
        if !(c.is_ascii_alphanumeric() || c == b'+' || c == b'/') {
            return i;
        }
        j = (j + 1) % 4;
        i += 1;
    }
    qstart
}

// ---------------------------------------------------------------- escaping

/// url.QueryEscape.
pub(super) fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(c as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(c >> 4)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(c & 15)]));
            }
        }
    }
    out
}

/// url.QueryUnescape.
pub(super) fn query_unescape(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
                match (hex(b.get(i + 1)), hex(b.get(i + 2))) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => {
                        let end = (i + 3).min(b.len());
                        let bad = String::from_utf8_lossy(&b[i..end]);
                        return Err(format!("invalid URL escape {}", go_quote(&bad)));
                    }
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// template.HTMLEscapeString.
pub(super) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// template.JSEscapeString.
pub(super) fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u00{:02X}", c as u32)),
            c if (c as u32) < 0x80 => out.push(c),
            c if super::gofmt::is_print(c) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out
}

// ---------------------------------------------------------------- case

/// strings.ToLower (simple case mapping).
pub(super) fn go_lower(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// strings.ToUpper (simple case mapping: multi-rune mappings are left alone).
pub(super) fn go_upper(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut it = c.to_uppercase();
            match (it.next(), it.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        })
        .collect()
}

/// strings.Title: upper-cases the first letter of every word.
pub(super) fn go_title(s: &str) -> String {
    let is_sep = |r: char| {
        if r.is_ascii() {
            return !(r.is_ascii_alphanumeric() || r == '_');
        }
        if r.is_alphabetic() || r.is_numeric() {
            return false;
        }
        r.is_whitespace()
    };
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let out = if is_sep(prev) {
                let mut it = c.to_uppercase();
                match (it.next(), it.next()) {
                    (Some(u), None) => u,
                    _ => c,
                }
            } else {
                c
            };
            prev = c;
            out
        })
        .collect()
}

// ---------------------------------------------------------------- units

/// time.ParseDuration, in nanoseconds, with Go's error text.
pub(super) fn parse_duration(orig: &str) -> Result<i64, String> {
    goformat::duration::parse_go_duration_units(orig, false).map_err(|e| e.to_string())
}

/// go-humanize ParseBytes, as the float the `bytes` function returns.
pub(super) fn parse_bytes(s: &str) -> Result<f64, String> {
    goformat::bytes::parse_bytes_float(s).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------- decimal

/// A decimal `m * 10^e`, enough of shopspring/decimal for Sprig's
/// addf/subf/mulf/divf, which convert floats through their shortest
/// decimal representation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dec {
    m: i128,
    e: i32,
}

const POW10_MAX: u32 = 38;

fn pow10(n: u32) -> Option<i128> {
    if n > POW10_MAX {
        return None;
    }
    10i128.checked_pow(n)
}

impl Dec {
    pub(super) fn from_f64(f: f64) -> Result<Dec, String> {
        if !f.is_finite() {
            return Err(format!(
                "Cannot create a Decimal from {}",
                super::gofmt::format_float(f, 'g', None)
            ));
        }
        if f == 0.0 {
            return Ok(Dec { m: 0, e: 0 });
        }
        let s = format!("{f:e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let neg = mant.starts_with('-');
        let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
        let m: i128 = digits.parse().unwrap_or(0);
        let e = exp - (digits.len() as i32 - 1);
        Ok(Dec {
            m: if neg { -m } else { m },
            e,
        })
    }

    pub(super) fn to_f64(self) -> f64 {
        format!("{}e{}", self.m, self.e).parse().unwrap_or(0.0)
    }

    fn align(a: Dec, b: Dec) -> Option<(i128, i128, i32)> {
        let e = a.e.min(b.e);
        let am = a.m.checked_mul(pow10((a.e - e) as u32)?)?;
        let bm = b.m.checked_mul(pow10((b.e - e) as u32)?)?;
        Some((am, bm, e))
    }

    pub(super) fn add(a: Dec, b: Dec) -> Option<Dec> {
        let (am, bm, e) = Dec::align(a, b)?;
        Some(Dec {
            m: am.checked_add(bm)?,
            e,
        })
    }

    pub(super) fn sub(a: Dec, b: Dec) -> Option<Dec> {
        let (am, bm, e) = Dec::align(a, b)?;
        Some(Dec {
            m: am.checked_sub(bm)?,
            e,
        })
    }

    pub(super) fn mul(a: Dec, b: Dec) -> Option<Dec> {
        Some(Dec {
            m: a.m.checked_mul(b.m)?,
            e: a.e.checked_add(b.e)?,
        })
    }

    /// Division rounded (half away from zero) to 16 decimal places, like
    /// decimal.Div with DivisionPrecision 16. `b` must be non-zero.
    pub(super) fn div(a: Dec, b: Dec) -> Option<Dec> {
        const PREC: i32 = 16;
        let k = a.e - b.e + PREC;
        let (num, den) = if k >= 0 {
            (a.m.checked_mul(pow10(k as u32)?)?, b.m)
        } else {
            (a.m, b.m.checked_mul(pow10((-k) as u32)?)?)
        };
        let q = num / den;
        let r = num % den;
        let mut q = q;
        if r != 0 && r.unsigned_abs() * 2 >= den.unsigned_abs() {
            if (num < 0) != (den < 0) {
                q -= 1;
            } else {
                q += 1;
            }
        }
        Some(Dec { m: q, e: -PREC })
    }
}
