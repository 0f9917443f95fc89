//! Finding the next byte of a small class eight bytes at a time: the
//! parsers look at every byte of every line, and a word-wide test costs a
//! fraction of a byte-by-byte loop. Each test marks exactly the bytes of
//! its class (the high bit of each byte of the result), so the lowest mark
//! is the first such byte.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Bytes `<= b' '` (spaces and control bytes; never those >= 0x80).
#[inline]
fn blank(x: u64) -> u64 {
    // For a byte below 0x80, adding 0x5f sets its high bit iff it is > 0x20,
    // and never carries into the next byte.
    let t = (x & LOW7) + ONES * (0x80 - 0x21);
    !t & !x & HIGH
}

/// Bytes equal to `c`.
#[inline]
fn equal(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    let t = (y & LOW7) + LOW7;
    !(t | y) & HIGH
}

/// The first index at or after `from` whose byte `marks` flags, or
/// `b.len()`. The last few bytes are padded with `pad`, which `marks`
/// must not flag.
#[inline]
fn find(b: &[u8], mut from: usize, pad: u8, marks: impl Fn(u64) -> u64) -> usize {
    while from < b.len() {
        let rest = &b[from..];
        let word = match rest.first_chunk::<8>() {
            Some(w) => *w,
            None => {
                let mut w = [pad; 8];
                w[..rest.len()].copy_from_slice(rest);
                w
            }
        };
        let m = marks(u64::from_le_bytes(word));
        if m != 0 {
            return (from + (m.trailing_zeros() / 8) as usize).min(b.len());
        }
        from += 8;
    }
    b.len()
}

/// The first byte `<= b' '` at or after `from`, or `b.len()`.
#[inline]
pub fn find_blank(b: &[u8], from: usize) -> usize {
    find(b, from, b'a', blank)
}

/// The first `=`, `"` or byte `<= b' '` at or after `from`, or `b.len()`:
/// where a logfmt key or unquoted value stops.
#[inline]
pub fn find_logfmt_stop(b: &[u8], from: usize) -> usize {
    find(b, from, b'a', |x| {
        blank(x) | equal(x, b'=') | equal(x, b'"')
    })
}

/// The first `"` or `\\` at or after `from`, or `b.len()`: where a JSON
/// string stops or escapes.
#[inline]
pub fn find_quote_or_backslash(b: &[u8], from: usize) -> usize {
    find(b, from, b'a', |x| equal(x, b'"') | equal(x, b'\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(b: &[u8], from: usize, class: impl Fn(u8) -> bool) -> usize {
        (from..b.len()).find(|&i| class(b[i])).unwrap_or(b.len())
    }

    #[test]
    fn word_scans_agree_with_byte_scans_on_every_byte_value() {
        // Every byte value at every position of lines of several lengths,
        // among neighbours that are and are not in the classes.
        let fillers = [b'a', 0x80, 0xff, b'!'];
        for len in 0..18 {
            for at in 0..len.max(1) {
                for byte in 0..=255u8 {
                    for &fill in &fillers {
                        let mut line = vec![fill; len];
                        if at < len {
                            line[at] = byte;
                        }
                        for from in 0..=len {
                            assert_eq!(
                                find_blank(&line, from),
                                naive(&line, from, |c| c <= b' '),
                                "{line:?} {from}"
                            );
                            assert_eq!(
                                find_logfmt_stop(&line, from),
                                naive(&line, from, |c| c <= b' ' || c == b'=' || c == b'"'),
                                "{line:?} {from}"
                            );
                            assert_eq!(
                                find_quote_or_backslash(&line, from),
                                naive(&line, from, |c| c == b'"' || c == b'\\'),
                                "{line:?} {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
