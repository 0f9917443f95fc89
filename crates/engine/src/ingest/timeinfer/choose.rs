//! Choosing a format from a sample: collect every (pattern, location) that
//! reads some line, read the whole sample with each, and keep the one that
//! reads most lines as a plausible sequence of times.

use std::collections::{HashMap, HashSet};

use super::format::{TimeFormat, TimeParser};
use super::locate::{json_members, logfmt_pairs, Location};
use super::pattern::{Elem, Pattern};
use super::propose::{propose, Proposal, EPOCH_RANGE_S};
use super::scan::{atom_starts, is_blank, next_token};
use crate::ingest::multiline::looks_continued;

/// How far into a line a header's time may be.
const HEADER_TOKENS: usize = 12;
const HEADER_BYTES: usize = 256;
/// Candidates read over the whole sample (the most frequent ones).
const MAX_CANDIDATES: usize = 24;

/// The chosen format and how much of the sample it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    pub format: TimeFormat,
    /// Sample lines whose time it read.
    pub read: usize,
    /// Sample lines that could carry a time: not blank, not shaped like a
    /// continuation (indented, `at …`, `Caused by:`).
    pub eligible: usize,
    /// False where another order of the same fields read the sample as
    /// well (`03/07/2026` all day long: 3 July or March 7): the choice
    /// then rests on convention, and a longer sample may settle it.
    pub settled: bool,
}

/// Infer the time format of a file from its first lines; `None` when no
/// candidate reads at least half of the lines that could carry a time.
/// `year` stands in for a missing year while scoring.
pub fn infer(sample: &[&str], year: i32) -> Option<Inference> {
    choose(sample, year, false, propose)
}

/// Find where a given pattern (`--time-format`) sits in the sample's lines;
/// `None` only when it reads none of them.
pub fn locate(sample: &[&str], pattern: &Pattern, year: i32) -> Option<Inference> {
    choose(sample, year, true, |_, _, out| {
        out.push(Proposal {
            pattern: pattern.clone(),
            rank: 0,
        })
    })
}

/// Whether a line opens with a time in any layout (in its first tokens):
/// such a line is an event of its own, never a continuation.
pub fn starts_with_time(line: &str) -> bool {
    const LEAD_TOKENS: usize = 4;
    let b = line.as_bytes();
    if b.first().is_none_or(|&c| is_blank(c)) {
        return false;
    }
    let mut out = Vec::new();
    let mut start = Some(0);
    for _ in 0..LEAD_TOKENS {
        let Some(s) = start else { break };
        for p in atom_starts(b, s) {
            out.clear();
            propose(b, p, &mut out);
            if out.iter().any(|r| holds(&r.pattern, b, p, 2000)) {
                return true;
            }
        }
        start = next_token(b, s);
    }
    false
}

/// A proposal counts when the pattern reads a real, plausible instant there.
fn holds(pattern: &Pattern, b: &[u8], p: usize, year: i32) -> bool {
    let Some((f, _)) = pattern.read(b, p) else {
        return false;
    };
    match f.to_unix_nanos(i64::from(year)) {
        Some(ns) if f.epoch_ns.is_some() => EPOCH_RANGE_S.contains(&ns.div_euclid(1_000_000_000)),
        Some(_) => true,
        None => false,
    }
}

struct Seen {
    lines: usize,
    rank: u8,
    frac_digits: usize,
}

/// `given`: the pattern was given, so any share of lines it reads will do.
fn choose(
    sample: &[&str],
    year: i32,
    given: bool,
    mut proposer: impl FnMut(&[u8], usize, &mut Vec<Proposal>),
) -> Option<Inference> {
    let mut seen: HashMap<TimeFormat, Seen> = HashMap::new();
    let mut out = Vec::new();
    let mut here: HashSet<TimeFormat> = HashSet::new();
    for line in sample {
        let b = line.as_bytes();
        if b.first().is_none_or(|&c| is_blank(c)) {
            continue;
        }
        here.clear();
        let mut consider =
            |location: &dyn Fn() -> Location, p: usize, here: &mut HashSet<TimeFormat>| {
                out.clear();
                proposer(b, p, &mut out);
                for r in out.drain(..) {
                    if !holds(&r.pattern, b, p, year) {
                        continue;
                    }
                    let digits = r.pattern.fraction_digits();
                    let format = TimeFormat {
                        pattern: r.pattern,
                        location: location(),
                    };
                    if !here.insert(format.clone()) {
                        continue;
                    }
                    let s = seen.entry(format).or_insert(Seen {
                        lines: 0,
                        rank: r.rank,
                        frac_digits: digits,
                    });
                    s.lines += 1;
                    s.rank = s.rank.min(r.rank);
                    s.frac_digits = s.frac_digits.max(digits);
                }
            };
        let mut start = Some(0);
        for k in 0..HEADER_TOKENS {
            let Some(s) = start.filter(|&s| s < HEADER_BYTES) else {
                break;
            };
            for p in atom_starts(b, s) {
                consider(&|| Location::Token(k), p, &mut here);
            }
            start = next_token(b, s);
        }
        let json = b[0] == b'{';
        let fields = if json {
            json_members(b)
        } else {
            logfmt_pairs(b)
        };
        for (key, p) in fields {
            let location = || {
                if json {
                    Location::Json(key.clone())
                } else {
                    Location::Logfmt(key.clone())
                }
            };
            consider(&location, p, &mut here);
        }
    }

    let mut candidates: Vec<(TimeFormat, Seen)> = seen.into_iter().collect();
    candidates.sort_by(|a, b| b.1.lines.cmp(&a.1.lines).then_with(|| order(a, b)));
    let most = candidates.first()?.1.lines;
    candidates.retain(|c| c.1.lines * 10 >= most);
    candidates.truncate(MAX_CANDIDATES);

    let eligible = sample
        .iter()
        .filter(|l| !l.trim().is_empty() && !looks_continued(l))
        .count()
        .max(1);
    let scored: Vec<Scored> = candidates
        .into_iter()
        .map(|(mut format, seen)| {
            format.pattern = format.pattern.with_fraction_digits(seen.frac_digits);
            Scored::new(format, seen.rank, sample, year)
        })
        .filter(|s| s.hits > 0 && (given || s.hits * 2 >= eligible))
        .collect();
    let (best, settled) = pick(scored, year)?;
    Some(Inference {
        read: best.hits,
        format: best.format,
        eligible,
        settled,
    })
}

/// Stable order among equals: fields before tokens, earlier tokens first.
fn order(a: &(TimeFormat, Seen), b: &(TimeFormat, Seen)) -> std::cmp::Ordering {
    let key = |f: &TimeFormat| match &f.location {
        Location::Token(k) => (1, *k),
        _ => (0, 0),
    };
    key(&a.0)
        .cmp(&key(&b.0))
        .then_with(|| a.0.pattern.to_string().cmp(&b.0.pattern.to_string()))
}

/// A candidate read over the whole sample.
struct Scored {
    format: TimeFormat,
    rank: u8,
    hits: usize,
    /// Consecutive pairs of read lines, those in time order, those that moved.
    pairs: usize,
    in_order: usize,
    changes: usize,
    /// How far the times travel, summed over consecutive pairs (seconds).
    travel: f64,
    absolute: bool,
    /// The first time read.
    first: Option<i64>,
}

impl Scored {
    fn new(format: TimeFormat, rank: u8, sample: &[&str], year: i32) -> Scored {
        let mut parser = TimeParser::new(&format, year);
        let (mut hits, mut pairs, mut in_order, mut changes, mut absolute) = (0, 0, 0, 0, 0);
        let mut travel = 0.0;
        let mut last: Option<i64> = None;
        let mut first = None;
        for line in sample {
            let Some(stamp) = parser.read(line.as_bytes()) else {
                continue;
            };
            hits += 1;
            first = first.or(Some(stamp.ns));
            absolute += usize::from(stamp.absolute);
            if let Some(prev) = last {
                pairs += 1;
                in_order += usize::from(stamp.ns >= prev);
                changes += usize::from(stamp.ns != prev);
                travel += (stamp.ns as f64 - prev as f64).abs() / 1e9;
            }
            last = Some(stamp.ns);
        }
        Scored {
            format,
            rank,
            hits,
            pairs,
            in_order,
            changes,
            travel,
            absolute: absolute * 2 > hits,
            first,
        }
    }

    /// Years between the first time read and `year` (the file's): of
    /// readings that differ in the year (`15.05.26`: 2015 or 2026), the
    /// one near the file's own year is likelier.
    fn year_gap(&self, year: i32) -> i64 {
        const YEAR_S: i64 = 31_556_952;
        self.first.map_or(0, |ns| {
            let y = 1970 + ns.div_euclid(1_000_000_000).div_euclid(YEAR_S);
            (y - i64::from(year)).abs()
        })
    }

    /// Lines read, discounted by how often time runs backwards.
    fn quality(&self) -> f64 {
        self.hits as f64 * (self.in_order + 1) as f64 / (self.pairs + 1) as f64
    }
}

/// Narrow the candidates step by step; each step keeps near-ties, so a
/// later, finer criterion can still decide between them. Also says whether
/// the sample settled the order of the fields (see [`Inference::settled`]).
fn pick(mut c: Vec<Scored>, year: i32) -> Option<(Scored, bool)> {
    // Most lines read in order.
    let q = c.iter().map(Scored::quality).fold(0.0, f64::max);
    c.retain(|s| s.quality() >= 0.9 * q);
    // A time that barely moves is a date in a file name, not the line's.
    let moves = c.iter().map(|s| s.changes).max()?;
    c.retain(|s| (s.changes + 1) * 2 > moves);
    // An instant the text states (epoch, zone) over a local civil time.
    if c.iter().any(|s| s.absolute) {
        c.retain(|s| s.absolute);
    }
    // Of orders the sample cannot rule out (dd/MM vs MM/dd), the one whose
    // times stay closest together: a day's log does not jump years.
    let least = c.iter().map(|s| s.travel).fold(f64::INFINITY, f64::min);
    c.retain(|s| s.travel <= least * 1.5 + 1.0);
    let key = |s: &Scored| {
        let p = &s.format.pattern;
        (
            !p.has_year(),
            std::cmp::Reverse(p.elems().len()),
            !s.format.location.is_field(),
            s.year_gap(year),
            s.rank,
            match s.format.location {
                Location::Token(k) => k,
                _ => 0,
            },
        )
    };
    let best = c
        .iter()
        .enumerate()
        .min_by(|a, b| key(a.1).cmp(&key(b.1)))?
        .0;
    // Another order of the same fields, as close to the file's year.
    let chosen = &c[best];
    let reordered = |s: &Scored| {
        let (p, q) = (s.format.pattern.elems(), chosen.format.pattern.elems());
        let count = |v: &[Elem], e: &Elem| v.iter().filter(|x| *x == e).count();
        p != q
            && p.len() == q.len()
            && p.iter().all(|e| count(p, e) == count(q, e))
            && s.format.location == chosen.format.location
            && s.year_gap(year) == chosen.year_gap(year)
    };
    let settled = !c.iter().any(reordered);
    Some((c.swap_remove(best), settled))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(sample: &[&str]) -> Option<String> {
        infer(sample, 2024).map(|i| i.format.to_string())
    }

    #[test]
    fn a_file_name_date_loses_to_the_line_time() {
        let sample = [
            "svc-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 1 INFO a",
            "svc-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:01.272 1 INFO b",
            "svc-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:02.551 1 INFO c",
            "svc-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:03.551 1 INFO d",
        ];
        assert_eq!(
            chosen(&sample).unwrap(),
            "yyyy-MM-dd HH:mm:ss.SSS in the line's 2nd field"
        );
    }

    #[test]
    fn an_epoch_beats_local_text_times() {
        let sample = [
            "- 1131566461 2005.11.09 dn1 Nov 9 12:01:01 dn1/dn1 crond[1]: a",
            "- 1131566462 2005.11.09 dn1 Nov 9 12:01:02 dn1/dn1 crond[1]: b",
            "X 1131566470 2005.11.09 dn2 Nov 9 12:01:10 dn2/dn2 crond[1]: c",
        ];
        assert_eq!(chosen(&sample).unwrap(), "epoch_s in the line's 2nd field");
    }

    #[test]
    fn day_order_comes_from_the_whole_sample() {
        // Only the 13th rules out month-first.
        let sample = ["05/12/2026 10:00:00 a", "13/12/2026 10:00:00 b"];
        assert_eq!(
            chosen(&sample).unwrap(),
            "dd/MM/yyyy HH:mm:ss at the start of the line"
        );
        let us = ["12/05/2026 10:00:00 a", "12/06/2026 10:00:00 b"];
        assert_eq!(
            chosen(&us).unwrap(),
            "MM/dd/yyyy HH:mm:ss at the start of the line"
        );
        // Two-digit years: years do not jump within a log.
        let spark = [
            "17/06/09 20:10:40 a",
            "17/06/09 23:59:59 b",
            "17/06/10 00:00:01 c",
        ];
        assert_eq!(
            chosen(&spark).unwrap(),
            "yy/MM/dd HH:mm:ss at the start of the line"
        );
    }

    #[test]
    fn the_file_year_and_the_separator_decide_what_the_sample_cannot() {
        // One day, day > 12: `yy.MM.dd` (2015) or `dd.MM.yy` (2026); the
        // file's year settles it.
        let de = ["15.05.26 04:41:52 a", "15.05.26 04:42:10 b"];
        let i = infer(&de, 2026).unwrap();
        assert_eq!(i.format.pattern.to_string(), "dd.MM.yy HH:mm:ss");
        assert!(i.settled);
        // One day, day <= 12: dotted dates are day-first, and the
        // inference says the sample left the order open.
        let open = ["09.11.23 15:39:59 a", "09.11.23 15:42:43 b"];
        let i = infer(&open, 2024).unwrap();
        assert_eq!(i.format.pattern.to_string(), "dd.MM.yy HH:mm:ss");
        assert!(!i.settled);
        let us = ["3/4/26 10:00:01:123 UTC] a", "3/4/26 10:00:02:456 UTC] b"];
        let i = infer(&us, 2026).unwrap();
        assert_eq!(i.format.pattern.to_string(), "MM/dd/yy HH:mm:ss:SSS Z");
        assert!(!i.settled);
        let iso = ["2026-03-04 10:00:01 a", "2026-03-04 10:00:02 b"];
        assert!(infer(&iso, 2026).unwrap().settled);
    }

    #[test]
    fn fields_of_structured_lines() {
        let json = [
            r#"{"level":"info","msg":"a b","ts":1733479201.123}"#,
            r#"{"ts":1733479202.5,"level":"info","msg":"c"}"#,
        ];
        assert_eq!(chosen(&json).unwrap(), "epoch_s in the JSON field \"ts\"");
        let logfmt = [
            "level=info time=2026-12-06T10:00:01Z msg=a",
            "time=2026-12-06T10:00:02Z level=warn",
        ];
        assert_eq!(
            chosen(&logfmt).unwrap(),
            "yyyy-MM-dd'T'HH:mm:ssZ in the logfmt field time="
        );
    }

    #[test]
    fn continuations_do_not_count_against_a_format() {
        let sample = [
            "2024-05-01 12:00:00,001 ERROR boom",
            "java.lang.IllegalStateException: bad",
            "\tat a.b(C.java:1)",
            "\tat a.b(C.java:2)",
            "Caused by: java.io.IOException",
            "\t... 3 more",
            "2024-05-01 12:00:01,002 INFO ok",
        ];
        let i = infer(&sample, 2024).unwrap();
        assert_eq!((i.read, i.eligible), (2, 3));
        assert_eq!(
            infer(&["hello", "world", "2024-05-01T12:00:00Z x"], 2024),
            None
        );
        assert_eq!(infer(&[], 2024), None);
    }

    #[test]
    fn a_given_pattern_is_located() {
        let p: Pattern = "dd/MM/yyyy HH:mm:ss".parse().unwrap();
        let sample = [
            "host a [05/12/2026 10:00:00] x",
            "host b [06/12/2026 10:00:00] y",
        ];
        let i = locate(&sample, &p, 2024).unwrap();
        assert_eq!(i.format.location, Location::Token(2));
        assert_eq!(i.read, 2);
        // A given pattern is used even where it reads few lines.
        let few = ["a", "b", "c", "host a [05/12/2026 10:00:00] x"];
        assert_eq!(locate(&few, &p, 2024).unwrap().read, 1);
        assert_eq!(locate(&few[..3], &p, 2024), None);
    }

    #[test]
    fn never_panics_on_odd_lines() {
        // Random lines over the characters dates are made of.
        let alphabet: Vec<char> = "0123456789 -/:.,TZ+[]{}\"=aMayDecSunPM\té🙂"
            .chars()
            .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let lines: Vec<String> = (0..3000)
            .map(|_| {
                let len = (next() % 40) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        for chunk in refs.chunks(100) {
            if let Some(i) = infer(chunk, i32::MAX) {
                let mut p = TimeParser::new(&i.format, i32::MAX);
                for l in chunk {
                    let _ = p.parse(l);
                }
            }
        }
        for l in &refs {
            let _ = starts_with_time(l);
        }
    }

    #[test]
    fn lines_that_open_with_a_time() {
        assert!(starts_with_time("2024-05-01 12:00:00 x"));
        assert!(starts_with_time("host [Sun Dec 04 04:47:44 2005] x"));
        assert!(!starts_with_time("java.lang.Error: at 12:00"));
        assert!(!starts_with_time("  2024-05-01 12:00:00 indented"));
        assert!(!starts_with_time("134681 node-246 unix.hw x"));
    }
}
