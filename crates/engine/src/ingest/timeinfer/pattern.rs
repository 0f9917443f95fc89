//! A compiled time pattern: a sequence of fields and separators, read at a
//! position of a line without allocating. Written and parsed in the
//! `yyyy-MM-dd HH:mm:ss.SSS` notation (Java's letters) so the report shows
//! the chosen format and `--time-format` takes the same text back.

use std::fmt;
use std::str::FromStr;

use super::fields::{full_year, Fields, NANOS_PER_SEC};
use super::scan::{blank_len, byte_at, digit_len, digits, fraction, month_name, weekday_name};
use super::zone::{zone_name_at, ZoneName};

/// Units of an epoch column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpochUnit {
    Seconds,
    Millis,
    Micros,
    Nanos,
    /// Whichever the digit count says (10 s, 13 ms, 16 µs, 19 ns).
    Auto,
}

impl EpochUnit {
    /// The unit a run of `n` integer digits is in, for plausible instants
    /// (9–10 digits of seconds reach back to 1973).
    pub fn of_digits(n: usize) -> Option<EpochUnit> {
        match n {
            9 | 10 => Some(EpochUnit::Seconds),
            12 | 13 => Some(EpochUnit::Millis),
            15 | 16 => Some(EpochUnit::Micros),
            18 | 19 => Some(EpochUnit::Nanos),
            _ => None,
        }
    }

    fn nanos(self) -> i64 {
        match self {
            EpochUnit::Seconds | EpochUnit::Auto => NANOS_PER_SEC,
            EpochUnit::Millis => 1_000_000,
            EpochUnit::Micros => 1_000,
            EpochUnit::Nanos => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            EpochUnit::Seconds => "epoch_s",
            EpochUnit::Millis => "epoch_ms",
            EpochUnit::Micros => "epoch_us",
            EpochUnit::Nanos => "epoch_ns",
            EpochUnit::Auto => "epoch",
        }
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Elem {
    /// `yyyy`
    Year4,
    /// `yy` (69–99 → 19xx, else 20xx)
    Year2,
    /// `MM`: two digits, or one or two where a separator follows
    Month,
    /// `MMM`: an English month name, abbreviated or in full
    MonthName,
    /// `dd`
    Day,
    /// `HH`
    Hour,
    /// `hh`, with `a`
    Hour12,
    /// `mm`
    Minute,
    /// `ss`
    Second,
    /// `.SSS` after this separator byte; optional when reading
    Fraction(u8),
    /// `a`: AM or PM
    AmPm,
    /// `EEE`: a weekday name, read and ignored
    Weekday,
    /// `Z`: `Z`, `±hh:mm`, `±hhmm`, `±hh`, `UTC`, `GMT`; optional when
    /// reading (no zone is UTC). `spaced`: blanks may come before it.
    Zone { spaced: bool },
    /// A whole epoch number, with an optional `.fraction` of its unit.
    Epoch(EpochUnit),
    /// This byte (letters in any case).
    Lit(u8),
    /// One or more spaces or tabs.
    Blank,
}

impl Elem {
    fn is_numeric(self) -> bool {
        matches!(
            self,
            Elem::Year4
                | Elem::Year2
                | Elem::Month
                | Elem::Day
                | Elem::Hour
                | Elem::Hour12
                | Elem::Minute
                | Elem::Second
        )
    }
}

/// A sequence of elements. Two patterns are equal when their elements are;
/// the fraction's digit count only changes how it is written.
#[derive(Debug, Clone)]
pub struct Pattern {
    elems: Vec<Elem>,
    /// The elements as read: each with the literal after it folded in, so a
    /// line costs half the dispatches.
    ops: Vec<Op>,
    frac_digits: u8,
    /// No year, month or day (nor epoch): a time of day only.
    date_less: bool,
}

#[derive(Debug, Clone, Copy)]
struct Op {
    elem: Elem,
    /// Numeric fields that touch another numeric field (`yyyyMMdd`) must have
    /// exactly their width; others take one digit too (`Jun  9`, `9:05:01`).
    exact: bool,
    /// A literal byte that must follow.
    then: Option<u8>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.elems == other.elems
    }
}

impl Eq for Pattern {}

impl std::hash::Hash for Pattern {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.elems.hash(state);
    }
}

impl Pattern {
    pub fn new(elems: Vec<Elem>) -> Pattern {
        let numeric =
            |j: Option<usize>| j.and_then(|j| elems.get(j)).is_some_and(|e| e.is_numeric());
        let mut ops: Vec<Op> = Vec::with_capacity(elems.len());
        for (i, &elem) in elems.iter().enumerate() {
            match (elem, ops.last_mut()) {
                (Elem::Lit(c), Some(last)) if last.then.is_none() => last.then = Some(c),
                _ => ops.push(Op {
                    elem,
                    exact: elem.is_numeric() && (numeric(i.checked_sub(1)) || numeric(Some(i + 1))),
                    then: None,
                }),
            }
        }
        let date_less = !elems.iter().any(|e| {
            matches!(
                e,
                Elem::Year4
                    | Elem::Year2
                    | Elem::Month
                    | Elem::MonthName
                    | Elem::Day
                    | Elem::Epoch(_)
            )
        });
        Pattern {
            elems,
            ops,
            frac_digits: 3,
            date_less,
        }
    }

    pub fn with_fraction_digits(mut self, n: usize) -> Pattern {
        self.frac_digits = n.clamp(1, 9) as u8;
        self
    }

    pub fn elems(&self) -> &[Elem] {
        &self.elems
    }

    pub fn fraction_digits(&self) -> usize {
        usize::from(self.frac_digits)
    }

    pub fn has_year(&self) -> bool {
        self.elems
            .iter()
            .any(|e| matches!(e, Elem::Year4 | Elem::Year2 | Elem::Epoch(_)))
    }

    /// Whether the text has a date (or is an epoch), not only a time of day.
    pub fn has_date(&self) -> bool {
        !self.date_less
    }

    pub fn has_zone(&self) -> bool {
        self.elems.iter().any(|e| matches!(e, Elem::Zone { .. }))
    }

    pub fn is_epoch(&self) -> bool {
        self.elems.iter().any(|e| matches!(e, Elem::Epoch(_)))
    }

    pub fn has_two_digit_year(&self) -> bool {
        self.elems.contains(&Elem::Year2)
    }

    /// Read the pattern at `b[start..]`: the fields and the index after them.
    pub(crate) fn read(&self, b: &[u8], start: usize) -> Option<(Fields, usize)> {
        let mut f = Fields {
            date_less: self.date_less,
            ..Fields::default()
        };
        let mut i = start;
        for op in &self.ops {
            // Two digits, or one where the field is not fixed-width.
            let num = |i: usize| -> Option<(u32, usize)> {
                let d0 = u32::from(byte_at(b, i).wrapping_sub(b'0'));
                let d1 = u32::from(byte_at(b, i + 1).wrapping_sub(b'0'));
                match (d0 <= 9, d1 <= 9) {
                    (true, true) => Some((d0 * 10 + d1, 2)),
                    (true, false) if !op.exact => Some((d0, 1)),
                    _ => None,
                }
            };
            match op.elem {
                Elem::Year4 => {
                    f.year = Some(i64::from(digits(b, i, 4)?));
                    i += 4;
                }
                Elem::Year2 => {
                    f.year = Some(full_year(digits(b, i, 2)?));
                    i += 2;
                }
                Elem::Month => {
                    let (v, n) = num(i)?;
                    f.month = v;
                    i += n;
                }
                Elem::Day => {
                    let (v, n) = num(i)?;
                    f.day = v;
                    i += n;
                }
                Elem::Hour | Elem::Hour12 => {
                    let (v, n) = num(i)?;
                    f.hour = v;
                    i += n;
                }
                Elem::Minute => {
                    f.minute = digits(b, i, 2)?;
                    i += 2;
                }
                Elem::Second => {
                    f.second = digits(b, i, 2)?;
                    i += 2;
                }
                Elem::MonthName => {
                    let (m, n) = month_name(b, i)?;
                    f.month = m;
                    i += n;
                }
                Elem::Weekday => i += weekday_name(b, i)?,
                Elem::Fraction(sep) => {
                    if byte_at(b, i) == sep && byte_at(b, i + 1).is_ascii_digit() {
                        let (nanos, n) = fraction(b, i + 1);
                        f.nanos = nanos;
                        i += 1 + n;
                    }
                }
                Elem::AmPm => {
                    let c = byte_at(b, i).to_ascii_lowercase();
                    if !(c == b'a' || c == b'p') || !byte_at(b, i + 1).eq_ignore_ascii_case(&b'm') {
                        return None;
                    }
                    f.pm = Some(c == b'p');
                    i += 2;
                }
                Elem::Zone { spaced } => {
                    let j = if spaced { i + blank_len(b, i) } else { i };
                    if let Some((zone, n)) = zone_at(b, j) {
                        match zone {
                            ZoneName::Fixed(offset) => f.offset_secs = Some(offset),
                            ZoneName::Region(rules) => f.region = Some(rules),
                            ZoneName::Unresolved => {
                                f.unresolved_zone = Some((j as u32, (j + n) as u32))
                            }
                        }
                        i = j + n;
                    }
                }
                Elem::Epoch(unit) => {
                    let (ns, n) = epoch(b, i, unit)?;
                    f.epoch_ns = Some(ns);
                    i += n;
                }
                Elem::Lit(c) => {
                    if !byte_at(b, i).eq_ignore_ascii_case(&c) {
                        return None;
                    }
                    i += 1;
                }
                Elem::Blank => {
                    let n = blank_len(b, i);
                    if n == 0 {
                        return None;
                    }
                    i += n;
                }
            }
            if let Some(c) = op.then {
                if !byte_at(b, i).eq_ignore_ascii_case(&c) {
                    return None;
                }
                i += 1;
            }
        }
        // The span must end where a run ends: `12:00:001` or `Decx` is not
        // a time. A zone letter the pattern does not model may follow.
        let (last, next) = (byte_at(b, i.wrapping_sub(1)), byte_at(b, i));
        let lone_z = next.eq_ignore_ascii_case(&b'z') && !byte_at(b, i + 1).is_ascii_alphanumeric();
        let glued = (last.is_ascii_digit() && next.is_ascii_digit())
            || (last.is_ascii_alphabetic() && next.is_ascii_alphabetic())
            || (last.is_ascii_digit() && next.is_ascii_alphabetic() && !lone_z);
        (i > start && !glued).then_some((f, i))
    }
}

/// A zone at `b[i..]` and the bytes it takes: `Z`, a numeric offset,
/// `UTC`/`GMT` (with an offset after them or not), an abbreviation or an
/// IANA region name (see [`zone_name_at`]).
pub(crate) fn zone_at(b: &[u8], i: usize) -> Option<(ZoneName, usize)> {
    fixed_zone_at(b, i)
        .map(|(off, n)| (ZoneName::Fixed(off), n))
        .or_else(|| zone_name_at(b, i))
}

/// A zone written as an offset at `b[i..]`: (seconds east of UTC, bytes used).
fn fixed_zone_at(b: &[u8], i: usize) -> Option<(i32, usize)> {
    match byte_at(b, i) {
        b'Z' | b'z' if !byte_at(b, i + 1).is_ascii_alphabetic() => Some((0, 1)),
        sign @ (b'+' | b'-') => {
            let h = digits(b, i + 1, 2)?;
            let (m, n) = if byte_at(b, i + 3) == b':' {
                (digits(b, i + 4, 2)?, 6)
            } else if let Some(m) = digits(b, i + 3, 2) {
                (m, 5)
            } else {
                (0, 3)
            };
            if h > 23 || m > 59 || byte_at(b, i + n).is_ascii_digit() {
                return None;
            }
            let off = (h * 3600 + m * 60) as i32;
            Some((if sign == b'-' { -off } else { off }, n))
        }
        b'U' | b'G' => {
            let name = b.get(i..i + 3)?;
            if (name != b"UTC" && name != b"GMT") || byte_at(b, i + 3).is_ascii_alphabetic() {
                return None;
            }
            // `GMT+01:00`: a name with an offset after it.
            match byte_at(b, i + 3) {
                b'+' | b'-' => fixed_zone_at(b, i + 3).map(|(off, n)| (off, 3 + n)),
                _ => Some((0, 3)),
            }
        }
        _ => None,
    }
}

/// An epoch number at `b[i..]`: (Unix ns, bytes used).
fn epoch(b: &[u8], i: usize, unit: EpochUnit) -> Option<(i64, usize)> {
    let n = digit_len(b, i);
    let of_len = EpochUnit::of_digits(n)?;
    if unit != EpochUnit::Auto && unit != of_len {
        return None;
    }
    let mut whole: i64 = 0;
    for &c in &b[i..i + n] {
        whole = whole.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    let scale = of_len.nanos();
    let mut used = n;
    let mut part = 0;
    if byte_at(b, i + n) == b'.' && byte_at(b, i + n + 1).is_ascii_digit() {
        let (frac, m) = fraction(b, i + n + 1);
        // frac < 1e9 and scale ≤ 1e9: the product fits in i64.
        part = i64::from(frac) * scale / NANOS_PER_SEC;
        used += 1 + m;
    }
    let ns = whole.checked_mul(scale)?.checked_add(part)?;
    Some((ns, used))
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letter = |e: Option<&Elem>| matches!(e, Some(Elem::Lit(c)) if c.is_ascii_alphabetic());
        for (i, e) in self.elems.iter().enumerate() {
            // A run of literal letters is quoted once: `'time='`, not `'t''i'…`.
            if let Elem::Lit(c) = *e {
                if c.is_ascii_alphabetic() {
                    let first = i == 0 || !letter(self.elems.get(i - 1));
                    let last = !letter(self.elems.get(i + 1));
                    if first {
                        f.write_str("'")?;
                    }
                    write!(f, "{}", c as char)?;
                    if last {
                        f.write_str("'")?;
                    }
                    continue;
                }
            }
            match *e {
                Elem::Year4 => f.write_str("yyyy")?,
                Elem::Year2 => f.write_str("yy")?,
                Elem::Month => f.write_str("MM")?,
                Elem::MonthName => f.write_str("MMM")?,
                Elem::Day => f.write_str("dd")?,
                Elem::Hour => f.write_str("HH")?,
                Elem::Hour12 => f.write_str("hh")?,
                Elem::Minute => f.write_str("mm")?,
                Elem::Second => f.write_str("ss")?,
                Elem::Fraction(sep) => {
                    write_literal(f, sep)?;
                    f.write_str(&"S".repeat(self.fraction_digits()))?;
                }
                Elem::AmPm => f.write_str("a")?,
                Elem::Weekday => f.write_str("EEE")?,
                Elem::Zone { spaced } => f.write_str(if spaced { " Z" } else { "Z" })?,
                Elem::Epoch(unit) => f.write_str(unit.name())?,
                Elem::Lit(c) => write_literal(f, c)?,
                Elem::Blank => f.write_str(" ")?,
            }
        }
        Ok(())
    }
}

fn write_literal(f: &mut fmt::Formatter<'_>, c: u8) -> fmt::Result {
    match c {
        b'\'' => f.write_str("''"),
        c if c.is_ascii_alphabetic() => write!(f, "'{}'", c as char),
        c => write!(f, "{}", c as char),
    }
}

/// Why a `--time-format` text is not a pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeFormatError {
    #[error("the time format is empty")]
    Empty,
    #[error("unknown pattern letters {0:?}; use yyyy yy MM MMM dd HH hh mm ss SSS a EEE Z, quote literal letters ('T'), or epoch, epoch_s, epoch_ms, epoch_us, epoch_ns")]
    UnknownLetters(String),
    #[error("an unterminated quote in the time format")]
    UnterminatedQuote,
    #[error("fraction digits (S) must follow a separator such as . , or :")]
    FractionWithoutSeparator,
    #[error("the time format has no date or time fields")]
    NoFields,
    #[error("the time format {0:?} has non-ASCII characters; only ASCII literals can be matched")]
    NonAscii(String),
}

impl FromStr for Pattern {
    type Err = TimeFormatError;

    /// Java-style letters: `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, `MMM d HH:mm:ss`,
    /// `dd/MMM/yyyy:HH:mm:ss Z`, or an epoch unit (`epoch_ms`).
    fn from_str(text: &str) -> Result<Pattern, TimeFormatError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TimeFormatError::Empty);
        }
        for unit in [
            EpochUnit::Seconds,
            EpochUnit::Millis,
            EpochUnit::Micros,
            EpochUnit::Nanos,
            EpochUnit::Auto,
        ] {
            if text.eq_ignore_ascii_case(unit.name()) {
                return Ok(Pattern::new(vec![Elem::Epoch(unit)]));
            }
        }
        if !text.is_ascii() {
            return Err(TimeFormatError::NonAscii(text.to_string()));
        }
        let b = text.as_bytes();
        let mut elems: Vec<Elem> = Vec::new();
        let mut frac_digits = 3;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let run = b[i..].iter().take_while(|&&x| x == c).count();
            match c {
                b'\'' => {
                    if run >= 2 && run % 2 == 0 {
                        elems.extend(std::iter::repeat_n(Elem::Lit(b'\''), run / 2));
                        i += run;
                        continue;
                    }
                    let close = b[i + 1..]
                        .iter()
                        .position(|&x| x == b'\'')
                        .ok_or(TimeFormatError::UnterminatedQuote)?;
                    elems.extend(b[i + 1..i + 1 + close].iter().map(|&x| Elem::Lit(x)));
                    i += close + 2;
                    continue;
                }
                b' ' | b'\t' => {
                    if elems.last() != Some(&Elem::Blank) {
                        elems.push(Elem::Blank);
                    }
                }
                b'y' if run == 2 => elems.push(Elem::Year2),
                b'y' | b'u' => elems.push(Elem::Year4),
                b'M' | b'L' if run >= 3 => elems.push(Elem::MonthName),
                b'M' | b'L' => elems.push(Elem::Month),
                b'd' => elems.push(Elem::Day),
                b'H' | b'k' => elems.push(Elem::Hour),
                b'h' | b'K' => elems.push(Elem::Hour12),
                b'm' => elems.push(Elem::Minute),
                b's' => elems.push(Elem::Second),
                b'S' | b'f' => {
                    let Some(Elem::Lit(sep)) = elems.pop() else {
                        return Err(TimeFormatError::FractionWithoutSeparator);
                    };
                    elems.push(Elem::Fraction(sep));
                    frac_digits = run;
                }
                b'a' => elems.push(Elem::AmPm),
                b'E' => elems.push(Elem::Weekday),
                b'Z' | b'X' | b'x' | b'z' => {
                    let spaced = elems.last() == Some(&Elem::Blank);
                    if spaced {
                        elems.pop();
                    }
                    elems.push(Elem::Zone { spaced });
                }
                c if c.is_ascii_alphabetic() => {
                    return Err(TimeFormatError::UnknownLetters(
                        String::from_utf8_lossy(&b[i..i + run]).into_owned(),
                    ))
                }
                c => elems.extend(std::iter::repeat_n(Elem::Lit(c), run)),
            }
            i += run;
        }
        if !elems
            .iter()
            .any(|e| e.is_numeric() || matches!(e, Elem::MonthName))
        {
            return Err(TimeFormatError::NoFields);
        }
        if elems.contains(&Elem::AmPm) {
            for e in &mut elems {
                if *e == Elem::Hour {
                    *e = Elem::Hour12;
                }
            }
        }
        Ok(Pattern::new(elems).with_fraction_digits(frac_digits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = NANOS_PER_SEC;

    fn at(pattern: &str, line: &str) -> Option<i64> {
        let p: Pattern = pattern.parse().unwrap();
        let (f, _) = p.read(line.as_bytes(), 0)?;
        f.to_unix_nanos(2024)
    }

    #[test]
    fn reads_the_layouts_it_is_given() {
        // python3: datetime(2024,5,1,12,tzinfo=timezone.utc).timestamp() == 1714564800
        let noon = 1_714_564_800 * S;
        assert_eq!(
            at("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-05-01T12:00:00Z x"),
            Some(noon)
        );
        assert_eq!(
            at("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-05-01T17:30:00.25+05:30"),
            Some(noon + 250_000_000)
        );
        assert_eq!(
            at("yyyy-MM-dd HH:mm:ss,SSS", "2024-05-01 12:00:00, Info"),
            Some(noon)
        );
        assert_eq!(
            at("yyyyMMdd-HH:mm:ss:SSS", "20240501-12:00:00:606|x"),
            Some(noon + 606_000_000)
        );
        assert_eq!(at("MMM dd HH:mm:ss", "May  1 12:00:00 host"), Some(noon));
        assert_eq!(
            at("EEE MMM dd HH:mm:ss yyyy", "Wed May  1 12:00:00 2024]"),
            Some(noon)
        );
        assert_eq!(
            at("dd/MMM/yyyy:HH:mm:ss Z", "01/May/2024:14:00:00 +0200]"),
            Some(noon)
        );
        assert_eq!(
            at("MM/dd/yyyy hh:mm:ss a", "05/01/2024 12:00:00 PM x"),
            Some(noon)
        );
        assert_eq!(
            at("MM/dd/yyyy hh:mm:ss a", "05/01/2024 12:00:00 AM x"),
            Some(noon - 12 * 3600 * S)
        );
        assert_eq!(at("yyMMdd HHmmss", "240501 120000 148 INFO"), Some(noon));
        assert_eq!(at("yyMMdd HHmmss", "240501 1200001"), None);
        assert_eq!(at("epoch_s", "1714564800.5 x"), Some(noon + 500_000_000));
        assert_eq!(at("epoch_ms", "1714564800123,"), Some(noon + 123_000_000));
        assert_eq!(at("epoch", "1714564800123456 x"), Some(noon + 123_456_000));
        assert_eq!(
            at("epoch_ns", "1714564800123456789"),
            Some(noon + 123_456_789)
        );
        assert_eq!(at("epoch_s", "1714564800abc"), None);
        assert_eq!(at("epoch_s", "1714564800123"), None);
        assert_eq!(at("HH:mm:ss", "12:00:001"), None);
        assert_eq!(at("MMM dd HH:mm:ss", "Mayx  1 12:00:00"), None);
        assert_eq!(
            at("yyyy-MM-dd HH:mm:ss", "2024-05-01 12:00:00 UTC"),
            Some(noon)
        );
        assert_eq!(
            at("yyyy-MM-dd HH:mm:ss Z", "2024-05-01 13:00:00 GMT+01:00"),
            Some(noon)
        );
        assert_eq!(
            at("yyyy-MM-dd HH:mm:ss Z", "2024-05-01 12:00:00 - INFO"),
            Some(noon)
        );
    }

    #[test]
    fn round_trips_through_text() {
        for text in [
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ",
            "MM-dd HH:mm:ss.SSS",
            "yyyyMMdd-HH:mm:ss:SSS",
            "MM.dd HH:mm:ss",
            "yy/MM/dd HH:mm:ss",
            "EEE MMM dd HH:mm:ss yyyy",
            "dd/MMM/yyyy:HH:mm:ss Z",
            "MM/dd/yyyy hh:mm:ss a",
            "epoch_ms",
            "yyyy-MM-dd-HH.mm.ss.SSSSSS",
            "MMM dd, yyyy HH:mm:ss.SSS",
            "yyyy-MM-dd 'time'=HH:mm:ss",
            "MMM dd, yyyy @ HH:mm:ss.SSS",
            "MM/dd/yy,HH:mm:ss",
            "yyyy MMM dd HH:mm:ss",
        ] {
            let p: Pattern = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
            assert_eq!(p.to_string().parse::<Pattern>().unwrap(), p);
        }
    }

    #[test]
    fn bad_formats_say_why() {
        assert_eq!("".parse::<Pattern>(), Err(TimeFormatError::Empty));
        assert!(matches!(
            "yyyy-MM-dd QQ".parse::<Pattern>(),
            Err(TimeFormatError::UnknownLetters(l)) if l == "QQ"
        ));
        assert_eq!(
            "yyyy-MM-dd'T".parse::<Pattern>(),
            Err(TimeFormatError::UnterminatedQuote)
        );
        assert_eq!(
            "HHmmssSSS".parse::<Pattern>(),
            Err(TimeFormatError::FractionWithoutSeparator)
        );
        assert_eq!("--".parse::<Pattern>(), Err(TimeFormatError::NoFields));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let patterns = [
            "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            "MMM dd HH:mm:ss",
            "EEE MMM dd HH:mm:ss yyyy",
            "epoch",
            "dd/MMM/yyyy:HH:mm:ss Z",
            "MM/dd/yyyy hh:mm:ss a",
        ];
        let inputs = [
            "",
            " ",
            "é",
            "2024-05-01T12:00:00+",
            "2024-05-01T12:00:00.",
            "[Sun",
            "Jun ",
            "99999999999999999999",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "🙂🙂",
            "2024-05-01 12:00:00 GM",
            "05/01/2024 12:00:00 P",
        ];
        for p in patterns {
            let p: Pattern = p.parse().unwrap();
            for line in inputs {
                for start in 0..=line.len() {
                    if let Some((f, _)) = p.read(line.as_bytes(), start) {
                        let _ = f.to_unix_nanos(i64::from(i32::MAX));
                    }
                }
            }
        }
    }
}
