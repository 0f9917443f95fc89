//! Proposing patterns: every reading of the date and time that starts at a
//! position of a sample line. This is a small grammar, not a list of
//! formats: a date (numbers in any order and separator, compact digits, or
//! a month name, with or without year and weekday), a separator, a time of
//! day (`:` or `.` separated, or compact), then a fraction, AM/PM, a zone
//! or a year may follow. Ambiguous orders (`12/06/26`) are all proposed;
//! the whole sample decides between them.

use super::pattern::{Elem, EpochUnit, Pattern};
use super::scan::{alpha_len, blank_len, byte_at, digit_len, is_blank, month_name, weekday_name};

/// A reading of the text at a position. `rank` orders readings the sample
/// cannot tell apart (lower first): `12/06/2026` is month-first with `/`.
#[derive(Debug, Clone)]
pub(super) struct Proposal {
    pub pattern: Pattern,
    pub rank: u8,
}

/// Epoch columns name instants from 1990 to 2100; a number outside is an
/// id or a count.
pub(super) const EPOCH_RANGE_S: std::ops::Range<i64> = 631_152_000..4_102_444_800;

#[derive(Clone, Copy, PartialEq, Eq)]
enum DateKind {
    /// `yyyyMMdd`, `yyMMdd`, `MMdd`: a compact `HHmmss` may follow.
    Compact,
    Separated,
    /// `MMM dd` without a year: ctime puts it after the time.
    NamedNoYear,
}

struct DateForm {
    elems: Vec<Elem>,
    end: usize,
    rank: u8,
    kind: DateKind,
}

/// Append the readings of `b` at `p` to `out`.
pub(super) fn propose(b: &[u8], p: usize, out: &mut Vec<Proposal>) {
    let n = digit_len(b, p);
    if let Some(unit) = EpochUnit::of_digits(n) {
        // A run inside a dotted or dashed number (a version, an address, a
        // negative value) is not an epoch.
        if p == 0 || !matches!(b[p - 1], b'.' | b'-') {
            out.push(Proposal {
                pattern: Pattern::new(vec![Elem::Epoch(unit)]),
                rank: 0,
            });
        }
        return;
    }
    if n == 14 {
        use Elem::*;
        let elems = vec![Year4, Month, Day, Hour, Minute, Second];
        if let Some((elems, _, digits)) = time_tail(b, p + 14, elems, DateKind::Compact) {
            out.push(Proposal {
                pattern: Pattern::new(elems).with_fraction_digits(digits),
                rank: 0,
            });
        }
        return;
    }
    if (1..=2).contains(&n) && byte_at(b, p + n) == b':' {
        time_only(b, p, out);
        return;
    }
    let mut dates = Vec::new();
    date_forms(b, p, &mut dates);
    for d in dates {
        let Some((sep, t)) = date_time_separator(b, d.end) else {
            continue;
        };
        let Some((time, end)) = time_of_day(b, t, d.kind) else {
            continue;
        };
        let mut elems = d.elems;
        elems.extend(sep);
        elems.extend(time);
        if let Some((elems, _, digits)) = time_tail(b, end, elems, d.kind) {
            out.push(Proposal {
                pattern: Pattern::new(elems).with_fraction_digits(digits),
                rank: d.rank,
            });
        }
    }
}

/// A time of day with seconds and no date (`10:00:01.123`, `9:05:01 PM`),
/// in a line's first token only: later in a header a bare time is as
/// likely a duration or a value. It ranks after any reading with a date.
fn time_only(b: &[u8], p: usize, out: &mut Vec<Proposal>) {
    if b[..p].iter().any(|&c| is_blank(c)) {
        return;
    }
    let Some((time, end)) = time_of_day(b, p, DateKind::Separated) else {
        return;
    };
    if !time.contains(&Elem::Second) {
        return;
    }
    if let Some((elems, _, digits)) = time_tail(b, end, time, DateKind::Separated) {
        out.push(Proposal {
            pattern: Pattern::new(elems).with_fraction_digits(digits),
            rank: 2,
        });
    }
}

fn date_forms(b: &[u8], p: usize, out: &mut Vec<DateForm>) {
    use Elem::*;
    let mut pre = Vec::new();
    let mut q = p;
    if let Some(w) = weekday_name(b, q) {
        pre.push(Weekday);
        q += w;
        if byte_at(b, q) == b',' {
            pre.push(Lit(b','));
            q += 1;
        }
        let bl = blank_len(b, q);
        if bl == 0 {
            return;
        }
        pre.push(Blank);
        q += bl;
    }
    let mut push = |elems: &[Elem], end: usize, rank: u8, kind: DateKind| {
        let mut all = pre.clone();
        all.extend_from_slice(elems);
        out.push(DateForm {
            elems: all,
            end,
            rank,
            kind,
        });
    };
    let n = digit_len(b, q);
    let s = byte_at(b, q + n);
    let date_sep = matches!(s, b'-' | b'/' | b'.');
    match n {
        8 => push(&[Year4, Month, Day], q + 8, 0, DateKind::Compact),
        6 => push(&[Year2, Month, Day], q + 6, 0, DateKind::Compact),
        4 => {
            if date_sep {
                let m = digit_len(b, q + 5);
                if (1..=2).contains(&m) && byte_at(b, q + 5 + m) == s {
                    let d = digit_len(b, q + 6 + m);
                    if (1..=2).contains(&d) {
                        let e = [Year4, Lit(s), Month, Lit(s), Day];
                        push(&e, q + 6 + m + d, 0, DateKind::Separated);
                    }
                } else if let Some((_, ml)) = month_name(b, q + 5) {
                    let d = digit_len(b, q + 6 + ml);
                    if byte_at(b, q + 5 + ml) == s && (1..=2).contains(&d) {
                        let e = [Year4, Lit(s), MonthName, Lit(s), Day];
                        push(&e, q + 6 + ml + d, 0, DateKind::Separated);
                    }
                }
            } else if let Some(end) = year_then_month_name(b, q + 4) {
                // `2026 Dec  6` (syslog-ng with the year in front).
                push(
                    &[Year4, Blank, MonthName, Blank, Day],
                    end,
                    0,
                    DateKind::Separated,
                );
            } else {
                // `MMdd` as klog writes it; a year-first reading is likelier
                // when both fit, so it ranks after.
                push(&[Month, Day], q + 4, 1, DateKind::Compact);
            }
        }
        1 | 2 if date_sep => {
            let m = digit_len(b, q + n + 1);
            let q2 = q + n + 1 + m;
            if (1..=2).contains(&m) {
                let k = digit_len(b, q2 + 1);
                if byte_at(b, q2) == s && k > 0 {
                    let end = q2 + 1 + k;
                    if k == 4 {
                        let mdy = [Month, Lit(s), Day, Lit(s), Year4];
                        let dmy = [Day, Lit(s), Month, Lit(s), Year4];
                        // US dates use `/`; day-first dates use `.` or `-`.
                        let (first, second) = if s == b'/' { (mdy, dmy) } else { (dmy, mdy) };
                        push(&first, end, 0, DateKind::Separated);
                        push(&second, end, 1, DateKind::Separated);
                    } else if k <= 2 && (n == 2 || k == 2) {
                        // A year first has two digits; a year last too,
                        // whatever the width of the fields before it (`3/4/26`).
                        if n == 2 {
                            push(
                                &[Year2, Lit(s), Month, Lit(s), Day],
                                end,
                                0,
                                DateKind::Separated,
                            );
                        }
                        if k == 2 {
                            let mdy = [Month, Lit(s), Day, Lit(s), Year2];
                            let dmy = [Day, Lit(s), Month, Lit(s), Year2];
                            // The same convention as with four-digit years.
                            let (first, second) = if s == b'/' { (mdy, dmy) } else { (dmy, mdy) };
                            push(&first, end, 1, DateKind::Separated);
                            push(&second, end, 2, DateKind::Separated);
                        }
                    }
                } else if byte_at(b, q2) != s {
                    // No year: month first, as year-less log dates are.
                    push(&[Month, Lit(s), Day], q2, 0, DateKind::Separated);
                    push(&[Day, Lit(s), Month], q2, 1, DateKind::Separated);
                }
            } else if let Some((_, ml)) = month_name(b, q + n + 1) {
                let q2 = q + n + 1 + ml;
                if byte_at(b, q2) == s && digit_len(b, q2 + 1) == 4 {
                    let e = [Day, Lit(s), MonthName, Lit(s), Year4];
                    push(&e, q2 + 5, 0, DateKind::Separated);
                } else if byte_at(b, q2) == s && digit_len(b, q2 + 1) == 2 {
                    // `27-MAR-23`, as Oracle writes dates.
                    let e = [Day, Lit(s), MonthName, Lit(s), Year2];
                    push(&e, q2 + 3, 0, DateKind::Separated);
                } else {
                    push(&[Day, Lit(s), MonthName], q2, 1, DateKind::NamedNoYear);
                }
            }
        }
        1 | 2 if is_blank(s) => {
            let q1 = q + n + blank_len(b, q + n);
            if let Some((_, ml)) = month_name(b, q1) {
                let q2 = q1 + ml;
                let bl = blank_len(b, q2);
                if bl > 0 && is_year_at(b, q2 + bl) {
                    let e = [Day, Blank, MonthName, Blank, Year4];
                    push(&e, q2 + bl + 4, 0, DateKind::Separated);
                } else {
                    push(&[Day, Blank, MonthName], q2, 1, DateKind::NamedNoYear);
                }
            }
        }
        0 => {
            let Some((_, ml)) = month_name(b, q) else {
                return;
            };
            let q1 = q + ml;
            let bl = blank_len(b, q1);
            let d = digit_len(b, q1 + bl);
            if bl == 0 || !(1..=2).contains(&d) {
                return;
            }
            let q2 = q1 + bl + d;
            let comma = usize::from(byte_at(b, q2) == b',');
            let bl3 = blank_len(b, q2 + comma);
            if bl3 > 0 && is_year_at(b, q2 + comma + bl3) {
                let mut e = vec![MonthName, Blank, Day];
                if comma == 1 {
                    e.push(Lit(b','));
                }
                e.extend([Blank, Year4]);
                push(&e, q2 + comma + bl3 + 4, 0, DateKind::Separated);
            } else {
                push(&[MonthName, Blank, Day], q2, 0, DateKind::NamedNoYear);
            }
        }
        _ => {}
    }
}

/// After a year at `i`: blanks, a month name, blanks and a day; where the
/// day ends.
fn year_then_month_name(b: &[u8], i: usize) -> Option<usize> {
    let bl = blank_len(b, i);
    let (_, ml) = month_name(b, i + bl).filter(|_| bl > 0)?;
    let q = i + bl + ml;
    let bl = blank_len(b, q);
    let d = digit_len(b, q + bl);
    (bl > 0 && (1..=2).contains(&d)).then_some(q + bl + d)
}

/// Four digits that are a year, not the hour of `2026 10:00` nor `1030:`.
fn is_year_at(b: &[u8], i: usize) -> bool {
    digit_len(b, i) == 4 && byte_at(b, i + 4) != b':'
}

/// What joins a date to its time: blanks, `T`, `-`, `_`, `:`, `/`, `, `,
/// a CSV comma, one mark between blanks (` @ `, ` | `), or the key of the
/// next pair where date and time are two (`date=… time=…`).
fn date_time_separator(b: &[u8], i: usize) -> Option<(Vec<Elem>, usize)> {
    const MAX_KEY: usize = 16;
    let bl = blank_len(b, i);
    if bl > 0 {
        let j = i + bl;
        let c = byte_at(b, j);
        let after = blank_len(b, j + 1);
        if c.is_ascii_punctuation() && after > 0 && byte_at(b, j + 1 + after).is_ascii_digit() {
            return Some((vec![Elem::Blank, Elem::Lit(c), Elem::Blank], j + 1 + after));
        }
        let key = alpha_len(b, j);
        if (1..=MAX_KEY).contains(&key) && byte_at(b, j + key) == b'=' {
            let mut elems = vec![Elem::Blank];
            elems.extend(b[j..=j + key].iter().map(|&c| Elem::Lit(c)));
            return Some((elems, j + key + 1));
        }
        return Some((vec![Elem::Blank], j));
    }
    match byte_at(b, i) {
        b'T' | b't' => Some((vec![Elem::Lit(b'T')], i + 1)),
        c @ (b'-' | b'_' | b':' | b'/') => Some((vec![Elem::Lit(c)], i + 1)),
        b',' if blank_len(b, i + 1) > 0 => Some((
            vec![Elem::Lit(b','), Elem::Blank],
            i + 1 + blank_len(b, i + 1),
        )),
        b',' if byte_at(b, i + 1).is_ascii_digit() => Some((vec![Elem::Lit(b',')], i + 1)),
        _ => None,
    }
}

/// `H:mm:ss`, `H:mm`, `HH.mm.ss`, or after a compact date `HHmmss`.
fn time_of_day(b: &[u8], t: usize, kind: DateKind) -> Option<(Vec<Elem>, usize)> {
    use Elem::*;
    let h = digit_len(b, t);
    if (1..=2).contains(&h) && byte_at(b, t + h) == b':' && digit_len(b, t + h + 1) == 2 {
        let i = t + h + 3;
        if byte_at(b, i) == b':' && digit_len(b, i + 1) == 2 {
            return Some((vec![Hour, Lit(b':'), Minute, Lit(b':'), Second], i + 3));
        }
        if byte_at(b, i) == b':' && byte_at(b, i + 1).is_ascii_digit() {
            return None;
        }
        return Some((vec![Hour, Lit(b':'), Minute], i));
    }
    if h == 2
        && byte_at(b, t + 2) == b'.'
        && digit_len(b, t + 3) == 2
        && byte_at(b, t + 5) == b'.'
        && digit_len(b, t + 6) == 2
    {
        return Some((vec![Hour, Lit(b'.'), Minute, Lit(b'.'), Second], t + 8));
    }
    if h == 6 && kind == DateKind::Compact {
        return Some((vec![Hour, Minute, Second], t + 6));
    }
    None
}

/// After the time: a fraction, AM/PM, a zone, and (after a year-less month
/// name, as ctime writes it) the year. Returns the elements, the end and
/// the fraction's digit count.
fn time_tail(
    b: &[u8],
    mut i: usize,
    mut elems: Vec<Elem>,
    kind: DateKind,
) -> Option<(Vec<Elem>, usize, usize)> {
    use Elem::*;
    let mut frac_digits = 3;
    let has_seconds = elems.contains(&Second);
    let c = byte_at(b, i);
    let f = digit_len(b, i + 1);
    if has_seconds && matches!(c, b'.' | b',' | b':') && (1..=9).contains(&f) {
        elems.push(Fraction(c));
        frac_digits = f;
        i += 1 + f;
    }
    let bl = blank_len(b, i);
    let c = byte_at(b, i + bl).to_ascii_lowercase();
    if (c == b'a' || c == b'p')
        && byte_at(b, i + bl + 1).eq_ignore_ascii_case(&b'm')
        && !byte_at(b, i + bl + 2).is_ascii_alphabetic()
    {
        if bl > 0 {
            elems.push(Blank);
        }
        elems.push(AmPm);
        for e in &mut elems {
            if *e == Hour {
                *e = Hour12;
            }
        }
        i += bl + 2;
    }
    if let Some((zone, end)) = zone_after(b, i) {
        elems.push(zone);
        i = end;
    }
    if kind == DateKind::NamedNoYear {
        let bl = blank_len(b, i);
        if bl > 0 && is_year_at(b, i + bl) && !byte_at(b, i + bl + 4).is_ascii_digit() {
            elems.extend([Blank, Year4]);
            i += bl + 4;
        }
    }
    Some((elems, i, frac_digits))
}

/// A zone right after the time (`Z`, `+05:30`, `-07`) or after blanks
/// (` +0100`, ` UTC`); a lone `-` or a short number after a blank is not.
fn zone_after(b: &[u8], i: usize) -> Option<(Elem, usize)> {
    match byte_at(b, i) {
        b'Z' | b'z' if !byte_at(b, i + 1).is_ascii_alphanumeric() => {
            Some((Elem::Zone { spaced: false }, i + 1))
        }
        b'+' | b'-' => {
            let (_, n) = super::pattern::zone_at(b, i)?;
            Some((Elem::Zone { spaced: false }, i + n))
        }
        c if is_blank(c) => {
            let j = i + blank_len(b, i);
            let (_, n) = super::pattern::zone_at(b, j)?;
            let named = alpha_len(b, j) >= 3;
            (named || n >= 5).then_some((Elem::Zone { spaced: true }, j + n))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readings that also hold as dates (what inference keeps).
    fn readings(line: &str, p: usize) -> Vec<String> {
        let mut out = Vec::new();
        let b = line.as_bytes();
        propose(b, p, &mut out);
        out.iter()
            .filter(|r| {
                r.pattern
                    .read(b, p)
                    .and_then(|(f, _)| f.to_unix_nanos(2024))
                    .is_some()
            })
            .map(|r| r.pattern.to_string())
            .collect()
    }

    #[test]
    fn proposes_what_the_text_allows() {
        assert_eq!(
            readings("2017-05-16 00:00:00.008 25746 INFO", 0),
            ["yyyy-MM-dd HH:mm:ss.SSS"]
        );
        assert_eq!(
            readings("03-17 16:13:38.811  1702", 0),
            ["MM-dd HH:mm:ss.SSS"]
        );
        assert_eq!(
            readings("03-07 16:13:38", 0),
            ["MM-dd HH:mm:ss", "dd-MM HH:mm:ss"]
        );
        assert_eq!(
            readings("20171223-22:15:29:606|Step", 0),
            ["yyyyMMdd-HH:mm:ss:SSS"]
        );
        assert_eq!(readings("[10.30 16:49:06] chrome", 1), ["MM.dd HH:mm:ss"]);
        assert_eq!(
            readings("17/06/09 20:10:40 INFO", 0),
            ["yy/MM/dd HH:mm:ss", "dd/MM/yy HH:mm:ss"]
        );
        assert_eq!(
            readings("12/06/09 20:10:40 INFO", 0),
            [
                "yy/MM/dd HH:mm:ss",
                "MM/dd/yy HH:mm:ss",
                "dd/MM/yy HH:mm:ss"
            ]
        );
        assert_eq!(
            readings("2016-09-28 04:30:30, Info", 0),
            ["yyyy-MM-dd HH:mm:ss"]
        );
        assert_eq!(readings("081109 203615 148 INFO", 0), ["yyMMdd HHmmss"]);
        assert_eq!(
            readings("Sun Dec 04 04:47:44 2005] x", 0),
            ["EEE MMM dd HH:mm:ss yyyy"]
        );
        assert_eq!(readings("Jul  1 09:00:55 host", 0), ["MMM dd HH:mm:ss"]);
        assert_eq!(
            readings("06/Dec/2026:10:00:01 +0100] \"GET", 0),
            ["dd/MMM/yyyy:HH:mm:ss Z"]
        );
        assert_eq!(
            readings("12/06/2026 10:00:01 AM x", 0),
            ["MM/dd/yyyy hh:mm:ss a", "dd/MM/yyyy hh:mm:ss a"]
        );
        assert_eq!(
            readings("Dec 06, 2026 10:00:01.123 x", 0),
            ["MMM dd, yyyy HH:mm:ss.SSS"]
        );
        assert_eq!(
            readings("2026/12/06 10:00:01.123456 x", 0),
            ["yyyy/MM/dd HH:mm:ss.SSSSSS"]
        );
        assert_eq!(
            readings("2026-12-06T10:00:01.123456789+05:30 x", 0),
            ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSZ"]
        );
        assert_eq!(
            readings("2005-06-03-15.42.50.675872 R02", 0),
            ["yyyy-MM-dd-HH.mm.ss.SSSSSS"]
        );
        assert_eq!(
            readings("1206 10:00:01.123456    1 main.go", 0),
            ["MMdd HH:mm:ss.SSSSSS"]
        );
        assert_eq!(readings("1733479201.123,\"level\"", 0), ["epoch_s"]);
        assert_eq!(readings("1733479201123456 x", 0), ["epoch_us"]);
        assert_eq!(readings("20261206T100001Z x", 0), ["yyyyMMdd'T'HHmmssZ"]);
        assert_eq!(
            readings("2015-07-29 17:41:44,747 - INFO", 0),
            ["yyyy-MM-dd HH:mm:ss,SSS"]
        );
        assert_eq!(
            readings("27-MAR-23 06.11.00 PM x", 0),
            ["dd-MMM-yy hh.mm.ss a"]
        );
        assert_eq!(
            readings("6 Dec 2026 10:00:01 x", 0),
            ["dd MMM yyyy HH:mm:ss"]
        );
        assert_eq!(
            readings("2026 Dec  6 10:00:01 gw", 0),
            ["yyyy MMM dd HH:mm:ss"]
        );
        assert_eq!(
            readings("3/14/26 9:05:01:123 UTC] x", 0),
            ["MM/dd/yy HH:mm:ss:SSS Z"]
        );
        assert_eq!(
            readings("10,03/27/26,15:13:59,Assign", 3),
            ["MM/dd/yy,HH:mm:ss"]
        );
        assert_eq!(
            readings("Dec 6, 2026 @ 10:00:01.123\tINFO", 0),
            ["MMM dd, yyyy @ HH:mm:ss.SSS"]
        );
        assert_eq!(
            readings("date=2026-12-06 time=10:00:01 devname=fw", 5),
            ["yyyy-MM-dd 'time'=HH:mm:ss"]
        );
    }

    #[test]
    fn a_time_of_day_alone_is_read_in_the_first_token() {
        assert_eq!(readings("10:00:01.123 [main] INFO x", 0), ["HH:mm:ss.SSS"]);
        assert_eq!(readings("[9:05:01 PM] <a> hi", 1), ["hh:mm:ss a"]);
        assert_eq!(readings("23:59:59,999 WARN y", 0), ["HH:mm:ss,SSS"]);
        // Not further in, and not without seconds.
        assert!(readings("took 00:01:23 to run", 5).is_empty());
        assert!(readings("10:30 lunch", 0).is_empty());
    }

    #[test]
    fn zone_names_after_the_time_are_part_of_it() {
        assert_eq!(
            readings("2026-12-06 10:00:01.123 Europe/Berlin INFO", 0),
            ["yyyy-MM-dd HH:mm:ss.SSS Z"]
        );
        assert_eq!(
            readings("Thu Aug 14 04:11:58 EDT 2025 x", 0),
            ["EEE MMM dd HH:mm:ss Z yyyy"]
        );
        assert_eq!(
            readings("2026-12-06 10:00:01 IST x", 0),
            ["yyyy-MM-dd HH:mm:ss Z"]
        );
        assert_eq!(
            readings("2026-12-06 10:00:01 INFO x", 0),
            ["yyyy-MM-dd HH:mm:ss"]
        );
    }

    #[test]
    fn proposes_nothing_without_a_time() {
        for text in [
            "2005.06.03 R02-M1-N0",
            "134681 node-246 unix.hw",
            "10.251.73.220:50010",
            "0:0:0:0:0:0:0:0:2181",
            "1.2.1733479201",
            "2026 10:00:01",
            "hello",
        ] {
            assert!(
                readings(text, 0).is_empty(),
                "{text}: {:?}",
                readings(text, 0)
            );
        }
        assert!(readings("v1.1733479201", 3).is_empty());
    }
}
