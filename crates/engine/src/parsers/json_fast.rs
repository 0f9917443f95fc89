//! The common case of `| json` in one pass: a well-formed object line.
//!
//! [`flatten_fast`] walks the line once, nested objects included, and
//! records each leaf the sink may keep (its flattened name and where its
//! value lies) without emitting anything. Only when the whole object has
//! been read without meeting anything unusual are the leaves emitted, in
//! line order. Anything else (a syntax error, an escaped key, a trailing
//! comma, deep nesting) returns `None` with the sink untouched, and the
//! caller runs the general scanner, which reproduces Loki's behaviour on
//! malformed lines (which labels precede an error, which error it is). On a
//! well-formed object both scanners agree: there a brace or bracket counter
//! and a structured walk find the same ends.

use std::borrow::Cow;
use std::ops::Range;

use super::json::{string_end, string_value, Kind};
use super::{append_sanitized, is_label_byte, name_length_bit, sanitize_label_name, Sink};

/// Nesting the one-pass walk handles; deeper lines take the general path.
const MAX_FAST_DEPTH: usize = 32;

/// One leaf to emit: its name and its value's bytes in the line (inside
/// the quotes for a string).
#[derive(Debug, Clone)]
struct Leaf {
    /// In the line itself (a top-level key that is a label name already)
    /// or in [`JsonScratch::names`].
    name: Range<usize>,
    name_in_line: bool,
    value: Range<usize>,
    /// A string value that contains a backslash (to be unescaped).
    escaped: bool,
    string: bool,
}

/// Buffers `| json` reuses from one line to the next, so that parsing a
/// line allocates nothing once they have grown.
#[derive(Debug, Default, Clone)]
pub struct JsonScratch {
    /// The flattened name of the object being walked (the general scanner
    /// builds its nested names here too).
    pub(super) prefix: String,
    /// The names of the recorded leaves that are not in the line, back to
    /// back.
    names: String,
    leaves: Vec<Leaf>,
    keys: KeyMemo,
}

#[inline]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    // Most tokens follow each other with no whitespace between.
    while let Some(&c) = b.get(i) {
        if c > b' ' || !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
            break;
        }
        i += 1;
    }
    i
}

/// End of a scalar token: the first whitespace, `,`, `}` or `]`, or the end.
#[inline]
fn token_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b',' | b'}' | b']') {
            break;
        }
        i += 1;
    }
    i
}

/// A key whose opening quote is at `open`: the index of its closing quote
/// and whether it is a label name as written (`[A-Za-z_][A-Za-z0-9_]*`, so
/// that sanitising leaves it as it is). `None` for a key with escapes or no
/// end: those lines take the general scanner.
#[inline]
fn key_end(b: &[u8], open: usize) -> Option<(usize, bool)> {
    let start = open + 1;
    let mut j = start;
    while b.get(j).is_some_and(|&c| is_label_byte(c)) {
        j += 1;
    }
    if b.get(j) == Some(&b'"') {
        let clean = j > start && !b[start].is_ascii_digit();
        return Some((j, clean));
    }
    match string_end(b, j)? {
        (_, true) => None,
        (q, false) => Some((q, false)),
    }
}

/// The index past the array whose `[` is at `open`, found as the general
/// scanner finds it (counting brackets, skipping strings), when the braces
/// in it balance. The general scanner bounds a nested object by counting
/// braces alone: an array with a stray brace could end past that bound, so
/// such lines take the general scanner. `None` also when the array does not
/// end.
fn array_end(b: &[u8], open: usize) -> Option<usize> {
    let (mut brackets, mut braces) = (0usize, 0usize);
    let mut i = open;
    loop {
        let rest = b.get(i..)?;
        let p = i + rest
            .iter()
            .position(|&c| matches!(c, b'[' | b']' | b'{' | b'}' | b'"'))?;
        match b[p] {
            b'"' => {
                i = string_end(b, p + 1)?.0 + 1;
                continue;
            }
            b'[' => brackets += 1,
            b']' => {
                if brackets <= 1 {
                    return (braces == 0).then_some(p + 1);
                }
                brackets -= 1;
            }
            b'{' => braces += 1,
            _ => braces = braces.checked_sub(1)?,
        }
        i = p + 1;
    }
}

/// The keys of the last line read, in the order met. Lines of one stream
/// mostly repeat them, and checking that a key is the one met at the same
/// place last time costs a word compare where scanning it costs a branch
/// per byte (and a mispredicted one at its end).
#[derive(Debug, Default, Clone)]
struct KeyMemo {
    keys: Vec<KnownKey>,
}

#[derive(Debug, Default, Clone)]
struct KnownKey {
    bytes: Vec<u8>,
    /// The first eight bytes, little-endian, and the mask of those in use.
    head: u64,
    mask: u64,
    clean: bool,
}

impl KeyMemo {
    /// [`key_end`] for the `n`th key of the line, whose quote is at `open`.
    #[inline]
    fn key_end(&mut self, n: usize, b: &[u8], open: usize) -> Option<(usize, bool)> {
        let start = open + 1;
        if let Some(k) = self.keys.get(n) {
            let end = start + k.bytes.len();
            let head = b.get(start..).and_then(|r| r.first_chunk::<8>());
            if let Some(&head) = head {
                if (u64::from_le_bytes(head) ^ k.head) & k.mask == 0
                    && b.get(end) == Some(&b'"')
                    && (k.bytes.len() <= 8 || b.get(start + 8..end) == k.bytes.get(8..))
                {
                    return Some((end, k.clean));
                }
            }
        }
        let (q, clean) = key_end(b, open)?;
        let bytes = b.get(start..q)?;
        if self.keys.len() <= n {
            self.keys.resize_with(n + 1, KnownKey::default);
        }
        let k = &mut self.keys[n];
        k.bytes.clear();
        k.bytes.extend_from_slice(bytes);
        let mut head = [0u8; 8];
        let used = bytes.len().min(8);
        head[..used].copy_from_slice(&bytes[..used]);
        k.head = u64::from_le_bytes(head);
        k.mask = if used == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * used)) - 1
        };
        k.clean = clean;
        Some((q, clean))
    }
}

/// [`string_end`] by a vector search: most values end within the first
/// vector, where a word-at-a-time loop would mispredict whether they end
/// in its first word.
#[inline]
fn value_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
    let p = from + memchr::memchr2(b'"', b'\\', b.get(from..)?)?;
    if b[p] == b'"' {
        return Some((p, false));
    }
    Some((string_end(b, p)?.0, true))
}

/// A key of the object being walked.
#[derive(Clone)]
struct Key {
    range: Range<usize>,
    /// A label name as written.
    clean: bool,
}

struct Walk<'l, 's, 'k> {
    line: &'l str,
    b: &'l [u8],
    scratch: &'s mut JsonScratch,
    sink: &'k dyn Sink,
    /// How many keys have been met in the line.
    key_no: usize,
    /// [`Sink::may_want_lengths`].
    lengths: u64,
}

impl Walk<'_, '_, '_> {
    /// The object whose `{` is at `open`: records its leaves (when
    /// `collect`; otherwise it is only checked) and returns the index past
    /// its `}`, or `None` to hand the line to the general scanner. `prefix`
    /// holds this object's flattened name.
    fn object(&mut self, open: usize, depth: usize, collect: bool) -> Option<usize> {
        if depth >= MAX_FAST_DEPTH {
            return None;
        }
        let b = self.b;
        let mut i = skip_ws(b, open + 1);
        if *b.get(i)? == b'}' {
            return Some(i + 1);
        }
        loop {
            if *b.get(i)? != b'"' {
                return None;
            }
            let (q, clean) = self.scratch.keys.key_end(self.key_no, b, i)?;
            self.key_no += 1;
            let key = Key {
                range: i + 1..q,
                clean,
            };
            i = skip_ws(b, q + 1);
            if *b.get(i)? != b':' {
                return None;
            }
            i = skip_ws(b, i + 1);
            i = match *b.get(i)? {
                b'"' => {
                    let (q, escaped) = value_end(b, i + 1)?;
                    if collect {
                        self.leaf(key, i + 1..q, escaped, true);
                    }
                    q + 1
                }
                b'{' => self.nested(key, i, depth, collect)?,
                // Arrays are skipped, their content unchecked (as Loki does).
                b'[' => array_end(b, i)?,
                c => {
                    let e = token_end(b, i);
                    let tok = &b[i..e];
                    // The general scanner finds a nested object's end by
                    // counting braces and quotes: a token with one in it
                    // would be read differently there.
                    if memchr::memchr2(b'{', b'"', tok).is_some() {
                        return None;
                    }
                    let kind = Kind::of_token(c, tok)?;
                    if collect && kind != Kind::Null {
                        self.leaf(key, i..e, false, false);
                    }
                    e
                }
            };
            i = skip_ws(b, i);
            match *b.get(i)? {
                b'}' => return Some(i + 1),
                b',' => i = skip_ws(b, i + 1),
                _ => return None,
            }
        }
    }

    /// The object value of `key`, at `open`: its leaves are named under
    /// the key, and only checked when the sink wants no name there.
    fn nested(&mut self, key: Key, open: usize, depth: usize, collect: bool) -> Option<usize> {
        if !collect {
            return self.object(open, depth + 1, false);
        }
        let k = self.line.get(key.range)?;
        let prefix = &mut self.scratch.prefix;
        let len = prefix.len();
        if len > 0 {
            prefix.push('_');
        }
        if key.clean {
            prefix.push_str(k);
        } else {
            append_sanitized(prefix, k);
        }
        // An empty prefix (keys such as `""`) names the leaves as at the top.
        let prefix = &self.scratch.prefix;
        let collect = prefix.is_empty() || self.sink.may_want_under(prefix);
        let end = self.object(open, depth + 1, collect);
        self.scratch.prefix.truncate(len);
        end
    }

    /// Records a leaf under its flattened name when the sink may keep it.
    fn leaf(&mut self, key: Key, value: Range<usize>, escaped: bool, string: bool) {
        let JsonScratch {
            prefix,
            names,
            leaves,
            ..
        } = &mut *self.scratch;
        let (name, name_in_line) = if prefix.is_empty() && key.clean {
            let Some(k) = self.line.get(key.range.clone()) else {
                return;
            };
            if self.lengths & name_length_bit(k.len()) == 0 || !self.sink.may_want(k) {
                return;
            }
            (key.range, true)
        } else {
            let Some(k) = self.line.get(key.range) else {
                return;
            };
            let start = names.len();
            if prefix.is_empty() {
                names.push_str(&sanitize_label_name(k));
            } else {
                names.push_str(prefix);
                names.push('_');
                append_sanitized(names, k);
            }
            let name = &names[start..];
            if name.is_empty()
                || self.lengths & name_length_bit(name.len()) == 0
                || !self.sink.may_want(name)
            {
                names.truncate(start);
                return;
            }
            (start..names.len(), false)
        };
        leaves.push(Leaf {
            name,
            name_in_line,
            value,
            escaped,
            string,
        });
    }
}

/// `| json` without parameters on a well-formed object line: emits what the
/// general scanner would and returns `Some(())`; `None` (nothing emitted)
/// when the line needs the general scanner.
pub(super) fn flatten_fast(
    line: &str,
    scratch: &mut JsonScratch,
    sink: &mut dyn Sink,
) -> Option<()> {
    scratch.prefix.clear();
    scratch.names.clear();
    scratch.leaves.clear();
    let b = line.as_bytes();
    let open = skip_ws(b, 0);
    if *b.get(open)? != b'{' {
        return None;
    }
    // Text after the object is ignored, as by the general scanner.
    Walk {
        line,
        b,
        scratch: &mut *scratch,
        sink: &*sink,
        key_no: 0,
        lengths: sink.may_want_lengths(),
    }
    .object(open, 0, true)?;
    for leaf in &scratch.leaves {
        let names = if leaf.name_in_line {
            line
        } else {
            &scratch.names
        };
        let (Some(name), Some(raw)) = (names.get(leaf.name.clone()), line.get(leaf.value.clone()))
        else {
            continue;
        };
        if sink.wants(name) {
            let value = if leaf.string {
                string_value(raw, leaf.escaped)
            } else {
                Cow::Borrowed(raw)
            };
            sink.emit(name, value);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::json::json_all_general;
    use super::*;
    use crate::parsers::ParserError;

    type Labels = Vec<(String, String)>;

    /// Keeps only the `wanted` names, as a metric query's hints do.
    struct Hinted<'w> {
        wanted: &'w [&'w str],
        got: Labels,
    }

    impl Sink for Hinted<'_> {
        fn emit(&mut self, key: &str, value: Cow<'_, str>) {
            if self.wants(key) {
                self.got.emit(key, value);
            }
        }
        fn wants(&self, key: &str) -> bool {
            self.wanted.contains(&key)
        }
        fn may_want_under(&self, prefix: &str) -> bool {
            self.wanted
                .iter()
                .any(|w| w.strip_prefix(prefix).is_some_and(|r| r.starts_with('_')))
        }
    }

    /// The one-pass result, or `None` when the line was handed on.
    fn fast(line: &str) -> Option<Labels> {
        let mut v = Vec::new();
        flatten_fast(line, &mut JsonScratch::default(), &mut v).map(|()| v)
    }

    fn general(line: &str) -> (Labels, Result<(), ParserError>) {
        let mut v = Vec::new();
        let r = json_all_general(line, &mut String::new(), &mut v);
        (v, r)
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn well_formed_lines_take_one_pass_with_loki_labels() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                r#"{"ts":"2024-05-01T00:00:00Z","status":503,"ok":false,"up":true,"gone":null}"#,
                &[
                    ("ts", "2024-05-01T00:00:00Z"),
                    ("status", "503"),
                    ("ok", "false"),
                    ("up", "true"),
                ],
            ),
            // Numbers keep their text, whatever follows the first character.
            (
                r#"{"a":-1.5e3,"b":0,"c":12abc,"d":-}"#,
                &[("a", "-1.5e3"), ("b", "0"), ("c", "12abc"), ("d", "-")],
            ),
            // Escapes are undone only in values that have them.
            (
                r#"{"q":"say \"hi\"\n","u":"caf\u00e9 \ud83d\ude00","bad":"x\qy","lone":"\ud800z"}"#,
                &[
                    ("q", "say \"hi\"\n"),
                    ("u", "café 😀"),
                    ("bad", ""),
                    ("lone", " z"),
                ],
            ),
            // Raw UTF-8 in keys and values; U+FFFD becomes a space.
            (
                r#"{"név":"Zoë","x":"a�b","日本":1}"#,
                &[("n_v", "Zoë"), ("x", "a b"), ("__", "1")],
            ),
            // Nested objects flatten with `_`; arrays are skipped whole.
            (
                r#"{"a":{"b":{"c":"d"},"e":[1,{"f":"]"}],"g":2},"h":[],"i":{}}"#,
                &[("a_b_c", "d"), ("a_g", "2")],
            ),
            // Sanitised names: digits, dashes, dots, spaces, empty keys.
            (
                r#"{"1a":{"2b":1},"x-y":2,"a.b":{"c":3}," s ":4,"":{"z":5},"k":{"":6},"":7}"#,
                &[
                    ("_1a_2b", "1"),
                    ("x_y", "2"),
                    ("a_b_c", "3"),
                    ("s", "4"),
                    ("z", "5"),
                    ("k_", "6"),
                ],
            ),
            // Whitespace anywhere between tokens, and text after the object.
            (
                " \t{ \"a\" :\n\"b\" , \"c\" : { \"d\" : 1 } }  trailing",
                &[("a", "b"), ("c_d", "1")],
            ),
            ("{}", &[]),
            ("{ }", &[]),
        ];
        for (line, want) in cases {
            assert_eq!(fast(line).as_ref(), Some(&labels(want)), "{line}");
            assert_eq!(general(line), (labels(want), Ok(())), "{line}");
        }
    }

    #[test]
    fn duplicate_names_reach_the_sink_in_line_order() {
        // The sink decides which value wins (the pipeline keeps the first);
        // both scanners hand it every value in the same order.
        let mut seen = Vec::new();
        let mut sink =
            crate::parsers::FnSink(|k: &str, v: Cow<'_, str>| seen.push(format!("{k}={v}")));
        let line = r#"{"a":1,"a":2,"x":{"y":3},"x_y":4}"#;
        flatten_fast(line, &mut JsonScratch::default(), &mut sink).unwrap();
        assert_eq!(seen, ["a=1", "a=2", "x_y=3", "x_y=4"]);
    }

    #[test]
    fn unusual_lines_are_handed_to_the_general_scanner() {
        for line in [
            "",
            "not json",
            "[1,2]",
            r#"{"a":1,}"#,
            r#"{"a":1, }"#,
            r#"{"a\u0041":1}"#,
            r#"{"a":tru}"#,
            r#"{"a":"b" "c":1}"#,
            r#"{"a":{"b":1}"#,
            r#"{"a":[1"#,
            r#"{"a":"b"#,
            r#"{a:1}"#,
            &format!("{}1{}", r#"{"a":"#.repeat(40), "}".repeat(40)),
        ] {
            assert_eq!(fast(line), None, "{line}");
        }
        // Not one label is emitted before handing on.
        assert_eq!(fast(r#"{"a":"b","c":{"d":1},"e":}"#), None);
    }

    #[test]
    fn hints_skip_unwanted_names_without_changing_the_rest() {
        let line = r#"{"level":"info","client":{"ip":"10.0.0.1","geo":{"cc":"DE"}},"took_ms":12,"status":200}"#;
        for wanted in [
            &["status"][..],
            &["client_ip", "took_ms"],
            &["client_geo_cc"],
            &["nothing"],
        ] {
            let mut a = Hinted {
                wanted,
                got: Vec::new(),
            };
            flatten_fast(line, &mut JsonScratch::default(), &mut a).unwrap();
            let mut b = Hinted {
                wanted,
                got: Vec::new(),
            };
            json_all_general(line, &mut String::new(), &mut b).unwrap();
            assert_eq!(a.got, b.got, "{wanted:?}");
            assert_eq!(
                a.got.len(),
                wanted.len() - usize::from(wanted == ["nothing"])
            );
        }
        // A malformed object that no wanted name is under still makes the
        // line a malformed one.
        let line = r#"{"status":500,"client":{"ip":}}"#;
        let mut a = Hinted {
            wanted: &["status"],
            got: Vec::new(),
        };
        assert_eq!(
            flatten_fast(line, &mut JsonScratch::default(), &mut a),
            None
        );
    }

    #[test]
    fn keys_remembered_from_the_last_line_are_checked_in_full() {
        // One scratch over lines whose keys change at the same places: a
        // key that starts like the last one, is longer or shorter than it,
        // crosses eight bytes, or is cut off by the line's end.
        let lines = [
            r#"{"status":1,"a_long_key_name":2,"x":3}"#,
            r#"{"statu":1,"a_long_key_name_2":2,"x":3}"#,
            r#"{"status2":1,"a_long_key_nbme":2,"xy":3}"#,
            r#"{"status":1,"a_long_key_name":2,"x":3}"#,
            r#"{"sta-tus":1,"a_long_key_name":2,"1x":3}"#,
            r#"{"status":1,"a_long_key_name":2,"x"#,
            r#"{"status":1,"a_long_key_name":2,"x":3}"#,
            r#"{"x":1}"#,
            r#"{"status":1,"a_b":2}"#,
            r#"{"status":1,"a_b":2}"#,
        ];
        let mut scratch = JsonScratch::default();
        for _ in 0..3 {
            for line in lines {
                let mut got = Vec::new();
                let r = super::super::json_all_with(line, &mut scratch, &mut got);
                assert_eq!((got, r), general(line), "{line}");
            }
        }
    }

    /// xorshift64*: a fixed sequence, so a failure reproduces.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
    }

    const KEYS: &[&str] = &[
        "a", "b", "status", "took_ms", "1x", "x-y", "a.b", " sp ", "", "é", "k\\u0041", "a",
        "client", "__", "日本", "{k}", "[i]",
    ];
    const STRINGS: &[&str] = &[
        "",
        "plain",
        "with space",
        "q\\\"q",
        "nl\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud800x",
        "bad\\q",
        "\\\\",
        "Zoë 日本",
        "�",
        "{[]}",
        "br]ace}",
    ];
    const SCALARS: &[&str] = &[
        "0", "-1", "3.25", "1e9", "12abc", "-", "true", "false", "null", "tru", "nul", "7{", "-[",
    ];
    const SPACES: &[&str] = &["", "", "", " ", "\n", "\t ", "\r"];

    fn value(rng: &mut Rng, out: &mut String, depth: usize) {
        match rng.below(if depth > 4 { 3 } else { 6 }) {
            0 | 1 => {
                out.push('"');
                out.push_str(rng.pick(STRINGS));
                out.push('"');
            }
            2 => out.push_str(rng.pick(SCALARS)),
            3 => {
                out.push('[');
                for i in 0..rng.below(3) {
                    if i > 0 {
                        out.push(',');
                    }
                    value(rng, out, depth + 1);
                }
                out.push(']');
            }
            _ => object(rng, out, depth + 1),
        }
    }

    fn object(rng: &mut Rng, out: &mut String, depth: usize) {
        out.push('{');
        for i in 0..rng.below(5) {
            if i > 0 {
                out.push(',');
            }
            out.push_str(rng.pick(SPACES));
            out.push('"');
            out.push_str(rng.pick(KEYS));
            out.push('"');
            out.push_str(rng.pick(SPACES));
            out.push(':');
            out.push_str(rng.pick(SPACES));
            value(rng, out, depth);
            out.push_str(rng.pick(SPACES));
        }
        out.push('}');
    }

    /// Breaks a line the way damaged logs are broken: cut short, a byte
    /// dropped, or a structural byte put in.
    fn damage(rng: &mut Rng, line: &str) -> String {
        let at = {
            let mut at = rng.below(line.len() + 1);
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        match rng.below(3) {
            0 => line[..at].to_string(),
            1 => {
                let mut s = line.to_string();
                if at < s.len() {
                    s.remove(at);
                }
                s
            }
            _ => {
                let mut s = line.to_string();
                s.insert(
                    at,
                    rng.pick(&["{", "}", "[", "]", "\"", ",", ":", "\\"])
                        .chars()
                        .next()
                        .unwrap_or(','),
                );
                s
            }
        }
    }

    #[test]
    fn one_pass_agrees_with_the_general_scanner_on_generated_lines() {
        let mut rng = Rng(0x5EED_1234_ABCD_0002);
        let mut taken = 0;
        let mut shared = JsonScratch::default();
        let mut shared_hinted = JsonScratch::default();
        let hints: &[&[&str]] = &[&["status"], &["a", "client_a"], &["a_b_c", "b"]];
        for n in 0..20_000 {
            let mut line = String::new();
            object(&mut rng, &mut line, 0);
            if n % 3 == 0 {
                line = damage(&mut rng, &line);
            }
            let (want, want_r) = general(&line);
            let mut got = Vec::new();
            // One scratch for every line, as a scan uses it.
            let got_r = super::super::json_all_with(&line, &mut shared, &mut got);
            assert_eq!((&got, &got_r), (&want, &want_r), "{line}");
            if let Some(v) = fast(&line) {
                taken += 1;
                assert_eq!((v, Ok(())), (want, want_r), "{line}");
            }
            let wanted = hints[n % hints.len()];
            let mut a = Hinted {
                wanted,
                got: Vec::new(),
            };
            let mut b = Hinted {
                wanted,
                got: Vec::new(),
            };
            let ra = super::super::json_all_with(&line, &mut shared_hinted, &mut a);
            let rb = json_all_general(&line, &mut String::new(), &mut b);
            assert_eq!((a.got, ra), (b.got, rb), "{line} {wanted:?}");
        }
        // Most undamaged lines are well-formed and take the one pass.
        assert!(taken > 8_000, "{taken}");
    }
}
