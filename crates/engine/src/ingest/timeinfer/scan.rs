//! Byte-level helpers shared by the proposer and the per-line reader. They
//! never slice a `&str`, so any UTF-8 (or damaged) input is safe.

/// Length of the run of ASCII digits at `b[i..]`.
pub(crate) fn digit_len(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Length of the run of ASCII letters at `b[i..]`.
pub(crate) fn alpha_len(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |s| {
        s.iter().take_while(|c| c.is_ascii_alphabetic()).count()
    })
}

/// Length of the run of spaces and tabs at `b[i..]`.
pub(crate) fn blank_len(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|&&c| is_blank(c)).count())
}

pub(crate) fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// The value of exactly `n` digits at `b[i..]` (n ≤ 9).
pub(crate) fn digits(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(n)?)?;
    let mut v: u32 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

pub(crate) fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// A fraction of a second from the digits at `b[i..]`: (nanoseconds, digits
/// consumed). Digits past the ninth are consumed and ignored.
pub(crate) fn fraction(b: &[u8], i: usize) -> (u32, usize) {
    const SCALE: [u32; 10] = [
        1_000_000_000,
        100_000_000,
        10_000_000,
        1_000_000,
        100_000,
        10_000,
        1_000,
        100,
        10,
        1,
    ];
    let n = digit_len(b, i);
    let used = n.min(9);
    let v = b
        .get(i..i + used)
        .unwrap_or_default()
        .iter()
        .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
    (v * SCALE[used], n)
}

/// A month name at `b[i..]` (the whole run of letters): (1..=12, length).
pub(crate) fn month_name(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let n = alpha_len(b, i);
    let m = goformat::calendar::month_index(b.get(i..i + n)?)?;
    Some((m as u32 + 1, n))
}

/// The length of a weekday name at `b[i..]`.
pub(crate) fn weekday_name(b: &[u8], i: usize) -> Option<usize> {
    let n = alpha_len(b, i);
    goformat::calendar::weekday_index(b.get(i..i + n)?).map(|_| n)
}

/// Where each whitespace-separated token of `b` starts, from `from`. A
/// token that opens a bracket ends after it closes (`[Service Thread]` is
/// one column, as `[main]` is), so a time after it keeps its place.
pub(crate) fn next_token(b: &[u8], from: usize) -> Option<usize> {
    const MAX_BRACKET: usize = 64;
    let mut i = from;
    if b.get(i) == Some(&b'[') {
        let end = (i + MAX_BRACKET).min(b.len());
        if let Some(close) = b[i..end].iter().position(|&c| c == b']') {
            i += close;
        }
    }
    while i < b.len() && !is_blank(b[i]) {
        i += 1;
    }
    i += blank_len(b, i);
    (i < b.len()).then_some(i)
}

/// The starts, inside the token at `start`, where a run of digits or of
/// letters begins: `[Sun` → `Sun`; `I1206` → `I`, `1206`; `<34>Oct` → `34`,
/// `Oct`. Bounded, because a header's time is near its token's start; the
/// bound leaves room for CSV lines, whose fields have no blanks between
/// them (`"host.example","INFO","2026-…`).
pub(crate) fn atom_starts(b: &[u8], start: usize) -> impl Iterator<Item = usize> + '_ {
    const MAX_TOKEN_SCAN: usize = 128;
    // Lazy: on the per-line path the first start usually reads.
    (start..b.len().min(start + MAX_TOKEN_SCAN))
        .take_while(move |&i| !is_blank(b[i]))
        .filter(move |&i| {
            let c = b[i];
            let prev = if i == 0 { 0 } else { b[i - 1] };
            (c.is_ascii_digit() && !prev.is_ascii_digit())
                || (c.is_ascii_alphabetic() && !prev.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(month_name(b"Dec 10", 0), Some((12, 3)));
        assert_eq!(month_name(b"september", 0), Some((9, 9)));
        assert_eq!(month_name(b"Sept 3", 0), Some((9, 4)));
        assert_eq!(month_name(b"Decx", 0), None);
        assert_eq!(month_name(b"De", 0), None);
        assert_eq!(weekday_name(b"Sun Dec", 0), Some(3));
        assert_eq!(weekday_name(b"Thursday,", 0), Some(8));
        assert_eq!(weekday_name(b"Sunny", 0), None);
    }

    #[test]
    fn fractions_and_digits() {
        assert_eq!(fraction(b"5 x", 0), (500_000_000, 1));
        assert_eq!(fraction(b"1234567899Z", 0), (123_456_789, 10));
        assert_eq!(digits(b"0811", 0, 4), Some(811));
        assert_eq!(digits(b"08a1", 0, 4), None);
        assert_eq!(digits(b"08", 1, 4), None);
    }

    #[test]
    fn tokens_and_atoms() {
        let b = b"I1206 10:00:01  x";
        assert_eq!(atom_starts(b, 0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(next_token(b, 0), Some(6));
        assert_eq!(next_token(b, 6), Some(16));
        assert_eq!(next_token(b, 16), None);
        assert_eq!(atom_starts(b"<34>Oct", 0).collect::<Vec<_>>(), vec![1, 4]);
        // A bracketed name with blanks is one token.
        let b = b"INFO  [Service Thread] 2026-12-06 x";
        assert_eq!(next_token(b, 0), Some(6));
        assert_eq!(next_token(b, 6), Some(23));
        assert_eq!(next_token(b"[unclosed a b", 0), Some(10));
        assert_eq!(atom_starts("é1".as_bytes(), 0).collect::<Vec<_>>(), vec![2]);
    }
}
