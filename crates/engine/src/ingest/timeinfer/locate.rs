//! Where in a line the time is: inside a header token, or the value of a
//! JSON or logfmt field. Finding it costs a scan of the leading tokens or
//! one SIMD substring search per line.

use std::fmt;

use memchr::memmem;

use super::scan::{atom_starts, blank_len, is_blank, next_token};

/// Where a line's time starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// In the n-th whitespace-separated token (0 = the first), at its start
    /// or where a run of digits or letters begins in it (`[10.30`,
    /// `I1206`). Lines that start with a blank have no header here.
    Token(usize),
    /// The value of the JSON member with this key (`{"ts":…}`).
    Json(Box<str>),
    /// The value of the logfmt pair with this key (`time=…`).
    Logfmt(Box<str>),
}

impl Location {
    /// Fields find their key wherever it is; tokens can shift.
    pub fn is_field(&self) -> bool {
        !matches!(self, Location::Token(_))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Token(0) => f.write_str("at the start of the line"),
            Location::Token(k) => write!(f, "in the line's {} field", ordinal(k + 1)),
            Location::Json(key) => write!(f, "in the JSON field {key:?}"),
            Location::Logfmt(key) => write!(f, "in the logfmt field {key}="),
        }
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A [`Location`] ready for the per-line path.
#[derive(Debug, Clone)]
pub(crate) struct Locator {
    location: Location,
    finder: Option<memmem::Finder<'static>>,
}

/// How many times a key may occur before its member (`"msg":"ts"`).
const MAX_KEY_HITS: usize = 4;

impl Locator {
    pub fn new(location: Location) -> Locator {
        let needle = match &location {
            Location::Token(_) => None,
            Location::Json(key) => Some(format!("\"{key}\"")),
            Location::Logfmt(key) => Some(format!("{key}=")),
        };
        Locator {
            finder: needle.map(|n| memmem::Finder::new(n.as_bytes()).into_owned()),
            location,
        }
    }

    /// Call `read` at each place the time may start until it gives a value.
    pub fn find<T>(&self, b: &[u8], mut read: impl FnMut(usize) -> Option<T>) -> Option<T> {
        match (&self.location, &self.finder) {
            (Location::Token(k), _) => {
                if b.first().is_none_or(|&c| is_blank(c)) {
                    return None;
                }
                let mut start = 0;
                for _ in 0..*k {
                    start = next_token(b, start)?;
                }
                // Most lines read at the token's first byte.
                if b[start].is_ascii_alphanumeric() {
                    if let Some(v) = read(start) {
                        return Some(v);
                    }
                }
                atom_starts(b, start)
                    .skip(usize::from(b[start].is_ascii_alphanumeric()))
                    .find_map(read)
            }
            (Location::Json(_), Some(finder)) => {
                finder.find_iter(b).take(MAX_KEY_HITS).find_map(|p| {
                    if p > 0 && b[p - 1] == b'\\' {
                        return None;
                    }
                    let mut j = p + finder.needle().len();
                    j += json_ws(b, j);
                    if b.get(j) != Some(&b':') {
                        return None;
                    }
                    j += 1;
                    j += json_ws(b, j);
                    if b.get(j) == Some(&b'"') {
                        j += 1;
                    }
                    read(j)
                })
            }
            (Location::Logfmt(_), Some(finder)) => {
                finder.find_iter(b).take(MAX_KEY_HITS).find_map(|p| {
                    if p > 0 && !is_blank(b[p - 1]) {
                        return None;
                    }
                    let mut j = p + finder.needle().len();
                    if b.get(j) == Some(&b'"') {
                        j += 1;
                    }
                    read(j)
                })
            }
            _ => None,
        }
    }
}

fn json_ws(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |s| {
        s.iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
            .count()
    })
}

/// A JSON object's members: (key, where its value starts; inside the quotes
/// for a string). Members of nested objects are listed by their own key
/// (`{"t":{"$date":…}}` gives `$date`), since the time of some loggers sits
/// one level down; arrays are skipped.
pub(crate) fn json_members(b: &[u8]) -> Vec<(Box<str>, usize)> {
    let mut out = Vec::new();
    let i = json_ws(b, 0);
    if b.get(i) == Some(&b'{') {
        object_members(b, i, 0, &mut out);
    }
    out
}

/// The members of the object that opens at `b[open]`, appended to `out`;
/// returns the index after the object, or `None` where it is cut short.
fn object_members(
    b: &[u8],
    open: usize,
    depth: usize,
    out: &mut Vec<(Box<str>, usize)>,
) -> Option<usize> {
    const MAX_MEMBERS: usize = 64;
    const MAX_DEPTH: usize = 2;
    let mut i = open + 1;
    while out.len() < MAX_MEMBERS {
        i += json_ws(b, i);
        match b.get(i) {
            Some(b'"') => {}
            Some(b'}') => return Some(i + 1),
            _ => break,
        }
        let Some(key_end) = string_end(b, i) else {
            break;
        };
        let key = String::from_utf8_lossy(&b[i + 1..key_end - 1]).into_owned();
        i = key_end + json_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            break;
        }
        i += 1;
        i += json_ws(b, i);
        match b.get(i) {
            Some(b'"') => {
                out.push((key.into(), i + 1));
                let Some(end) = string_end(b, i) else {
                    break;
                };
                i = end;
            }
            Some(b'{') if depth < MAX_DEPTH => i = object_members(b, i, depth + 1, out)?,
            Some(b'{' | b'[') => i = nested_end(b, i)?,
            Some(_) => {
                out.push((key.into(), i));
                while i < b.len() && !matches!(b[i], b',' | b'}') {
                    i += 1;
                }
            }
            None => return None,
        }
        i += json_ws(b, i);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => return Some(i + 1),
            _ => return None,
        }
    }
    None
}

/// The index after the JSON string that opens at `b[i]`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The index after the object or array that opens at `b[i]`.
fn nested_end(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'"' => {
                j = string_end(b, j)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// A line's logfmt pairs: (key, where its value starts; inside the quotes
/// for a quoted value).
pub(crate) fn logfmt_pairs(b: &[u8]) -> Vec<(Box<str>, usize)> {
    const MAX_PAIRS: usize = 64;
    let is_key = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'@' | b'/');
    let mut out = Vec::new();
    let mut i = blank_len(b, 0);
    while i < b.len() && out.len() < MAX_PAIRS {
        let k = i;
        while i < b.len() && is_key(b[i]) {
            i += 1;
        }
        let starts_well = b[k].is_ascii_alphabetic() || matches!(b[k], b'_' | b'@');
        if i > k && starts_well && b.get(i) == Some(&b'=') {
            let key = String::from_utf8_lossy(&b[k..i]).into_owned();
            i += 1;
            if b.get(i) == Some(&b'"') {
                out.push((key.into(), i + 1));
                i = string_end(b, i).unwrap_or(b.len());
            } else {
                out.push((key.into(), i));
            }
        }
        while i < b.len() && !is_blank(b[i]) {
            i += 1;
        }
        i += blank_len(b, i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(loc: Location, line: &str) -> Vec<usize> {
        let mut seen = Vec::new();
        Locator::new(loc).find(line.as_bytes(), |i| {
            seen.push(i);
            None::<()>
        });
        seen
    }

    #[test]
    fn tokens() {
        assert_eq!(starts(Location::Token(0), "[Sun Dec"), vec![1]);
        assert_eq!(starts(Location::Token(1), "- 1117838570 x"), vec![2]);
        assert_eq!(starts(Location::Token(1), "a.b-2017 x"), vec![9]);
        assert_eq!(starts(Location::Token(0), "  at x"), Vec::<usize>::new());
        assert_eq!(starts(Location::Token(3), "a b"), Vec::<usize>::new());
    }

    #[test]
    fn fields() {
        let json = r#"{"msg":"ts","ts" : "2024","n":1}"#;
        assert_eq!(starts(Location::Json("ts".into()), json), vec![20]);
        assert_eq!(
            starts(Location::Logfmt("time".into()), r#"xtime=1 time="2024" a"#),
            vec![14]
        );
    }

    #[test]
    fn sample_scanners() {
        let json = r#"{"a":{"ts":"x"},"ts":1733479201.5,"@timestamp":"2024-05-01","e":"\"q"}"#;
        let keys: Vec<(String, usize)> = json_members(json.as_bytes())
            .into_iter()
            .map(|(k, i)| (k.to_string(), i))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("ts".to_string(), 12),
                ("ts".to_string(), 21),
                ("@timestamp".to_string(), 48),
                ("e".to_string(), 65)
            ]
        );
        let pairs: Vec<String> =
            logfmt_pairs(br#"time="2024-05-01 10:00" level=info =x 9a=1 msg="a b=c" k=v"#)
                .into_iter()
                .map(|(k, _)| k.to_string())
                .collect();
        assert_eq!(pairs, vec!["time", "level", "msg", "k"]);
        // One level down, after an empty object; arrays are skipped.
        let nested = r#"{"e":{},"l":[{"ts":1}],"t":{"$date":"2026-12-06T10:00:00Z"},"m":"x"}"#;
        let keys: Vec<String> = json_members(nested.as_bytes())
            .into_iter()
            .map(|(k, _)| k.to_string())
            .collect();
        assert_eq!(keys, vec!["$date", "m"]);
        assert!(json_members(b"not json").is_empty());
        assert!(json_members(br#"{"a":"#).is_empty());
    }

    #[test]
    fn describes_where() {
        assert_eq!(Location::Token(0).to_string(), "at the start of the line");
        assert_eq!(Location::Token(1).to_string(), "in the line's 2nd field");
        assert_eq!(Location::Token(10).to_string(), "in the line's 11th field");
        assert_eq!(
            Location::Json("ts".into()).to_string(),
            "in the JSON field \"ts\""
        );
    }
}
