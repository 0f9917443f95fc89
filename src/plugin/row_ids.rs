//! The pieces of a log row's id as Grafana's Loki datasource makes them
//! (`<tsNs>_<hash>`): FNV-1 (32 bit; multiply, then xor) of
//! `<line>_<labels JSON>`, and the timestamp and hash as text, written
//! without going through `fmt`.

const OFFSET: u32 = 0x811c_9dc5;
const PRIME: u32 = 0x0100_0193;

/// Rows hashed side by side: FNV-1 is one multiply per byte, each waiting
/// on the last, so a single row keeps the multiplier mostly idle; eight
/// independent rows at a time keep it busy.
const LANES: usize = 8;

/// FNV-1 of `<line>_<labels>` for every `(line, labels)` row, in order.
pub fn row_hashes(rows: &[(&[u8], &[u8])]) -> Vec<u32> {
    let mut out = Vec::with_capacity(rows.len());
    for group in rows.chunks(LANES) {
        let mut h = [OFFSET; LANES];
        let lines: [&[u8]; LANES] = std::array::from_fn(|k| group.get(k).map_or(&[][..], |r| r.0));
        side_by_side(&mut h, &lines);
        for x in h.iter_mut() {
            *x = x.wrapping_mul(PRIME) ^ u32::from(b'_');
        }
        let labels: [&[u8]; LANES] = std::array::from_fn(|k| group.get(k).map_or(&[][..], |r| r.1));
        side_by_side(&mut h, &labels);
        out.extend_from_slice(&h[..group.len()]);
    }
    out
}

/// Advance each lane's hash over its own bytes, a byte of every lane per
/// round.
/// Bytes shared by every lane are read eight at a time, one word per lane:
/// a load per eight bytes instead of a bounds-checked load per byte.
fn side_by_side(h: &mut [u32; LANES], parts: &[&[u8]; LANES]) {
    let common = parts.iter().map(|p| p.len()).min().unwrap_or(0);
    let whole = common - common % 8;
    for at in (0..whole).step_by(8) {
        let words: [u64; LANES] = std::array::from_fn(|k| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&parts[k][at..at + 8]);
            u64::from_le_bytes(word)
        });
        for shift in (0..64).step_by(8) {
            for (x, w) in h.iter_mut().zip(&words) {
                *x = x.wrapping_mul(PRIME) ^ u32::from((w >> shift) as u8);
            }
        }
    }
    for i in whole..common {
        for (x, p) in h.iter_mut().zip(parts) {
            *x = x.wrapping_mul(PRIME) ^ u32::from(p[i]);
        }
    }
    let longest = parts.iter().map(|p| p.len()).max().unwrap_or(0);
    for i in common..longest {
        for (x, p) in h.iter_mut().zip(parts) {
            if let Some(&b) = p.get(i) {
                *x = x.wrapping_mul(PRIME) ^ u32::from(b);
            }
        }
    }
}

/// `v` in decimal, as Go's `strconv.FormatInt(v, 10)`; two digits a step.
pub fn decimal(v: i64, buf: &mut [u8; 20]) -> &str {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut n = v.unsigned_abs();
    let mut at = buf.len();
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    if v < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // Only ASCII digits and '-' were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// `v` in lower-case hex without padding, as Go's `%x`.
pub fn hex(v: u32, buf: &mut [u8; 8]) -> &str {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut n = v;
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = DIGITS[(n & 15) as usize];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1 of the concatenation of `parts`, a byte at a time.
    fn fnv1_32(parts: &[&[u8]]) -> u32 {
        parts.iter().fold(OFFSET, |h, p| {
            p.iter()
                .fold(h, |h, &b| h.wrapping_mul(PRIME) ^ u32::from(b))
        })
    }

    #[test]
    fn fnv1_not_fnv1a() {
        // Go's hash/fnv New32 (FNV-1), not New32a: 0xe40c292c would be FNV-1a.
        assert_eq!(fnv1_32(&[b"a"]), 0x050c_5d7e);
        assert_eq!(fnv1_32(&[b"fo", b"o"]), fnv1_32(&[b"foo"]));
    }

    #[test]
    fn side_by_side_hashes_equal_one_at_a_time() {
        // Lines of different lengths, more rows than lanes, a short last group.
        let lines: Vec<String> = (0..19)
            .map(|i| format!("line {i} {}", "x".repeat(i * 7 % 23)))
            .collect();
        let labels: Vec<String> = (0..19).map(|i| format!(r#"{{"app":"a{i}"}}"#)).collect();
        let agree = |lines: &[String]| {
            let rows: Vec<(&[u8], &[u8])> = lines
                .iter()
                .zip(&labels)
                .map(|(l, j)| (l.as_bytes(), j.as_bytes()))
                .collect();
            let want: Vec<u32> = rows.iter().map(|(l, j)| fnv1_32(&[l, b"_", j])).collect();
            assert_eq!(row_hashes(&rows), want);
        };
        agree(&lines);
        assert!(row_hashes(&[]).is_empty());
        // Long enough that every lane shares whole words, with tails of
        // every length past them.
        let long: Vec<String> = (0..27)
            .map(|i| {
                format!(
                    "{i:02} level=info msg=\"request served\" {}",
                    "é".repeat(i % 9)
                )
            })
            .collect();
        agree(&long);
    }

    #[test]
    fn numbers_as_go_prints_them() {
        let mut d = [0u8; 20];
        for v in [
            0,
            7,
            10,
            99,
            100,
            1_700_000_000_123_456_789,
            -42,
            -5,
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(decimal(v, &mut d), v.to_string());
        }
        let mut h = [0u8; 8];
        for v in [0, 0xa, 0x050c_5d7e, u32::MAX] {
            assert_eq!(hex(v, &mut h), format!("{v:x}"));
        }
    }
}
