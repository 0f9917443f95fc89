//! `| json`, `| json label="path"` and `| unpack`.
//!
//! A hand-written scanner that reproduces the behaviour of the JSON scanner
//! Loki uses (lenient in the same places, with the same error messages)
//! without building a tree: values are borrowed from the line unless they
//! need unescaping.

use std::borrow::Cow;

use memchr::memchr3;

use super::bytescan::find_quote_or_backslash;
use super::json_fast::{flatten_fast, JsonScratch};

use super::{append_sanitized, hex4, replace_rune_error, sanitize_label_name, ParserError, Sink};

const MALFORMED_JSON: &str = "Malformed JSON error";
const MALFORMED_STRING: &str = "Value is string, but can't find closing '\"' symbol";
const MALFORMED_ARRAY: &str = "Value is array, but can't find closing ']' symbol";
const MALFORMED_OBJECT: &str = "Value looks like object, but can't find closing '}' symbol";
const UNKNOWN_VALUE_TYPE: &str = "Unknown value type";
const MALFORMED_STRING_ESCAPE: &str = "Encountered an invalid escape sequence in a string";

/// Objects nested deeper than this are not flattened by `| json` (their
/// content is skipped, not validated). Keeps recursion bounded.
const MAX_DEPTH: usize = 256;
/// Longest accepted `| json label="path"` expression, in parts.
const MAX_PATH_PARTS: usize = 256;
/// The `_entry` key of promtail's pack stage.
const PACKED_ENTRY_KEY: &str = "_entry";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    String,
    Number,
    Object,
    Array,
    Boolean,
    Null,
}

impl Kind {
    /// The kind of the scalar token `tok`, whose first byte is `first`, the
    /// way Loki's scanner types it (numbers are not validated beyond their
    /// first character; `true`, `false` and `null` must be exact).
    #[inline]
    pub(super) fn of_token(first: u8, tok: &[u8]) -> Option<Kind> {
        match first {
            b't' | b'f' if tok == b"true" || tok == b"false" => Some(Kind::Boolean),
            b'n' | b'u' if tok == b"null" => Some(Kind::Null),
            b'0'..=b'9' | b'-' => Some(Kind::Number),
            _ => None,
        }
    }
}

/// One scanned value; offsets into the scanned text.
#[derive(Debug, Clone, Copy)]
struct Val {
    kind: Kind,
    /// Content start (after the opening quote for strings).
    start: usize,
    /// Content end (before the closing quote for strings).
    end: usize,
    /// Just past the value.
    next: usize,
    /// Whether a string value contains a backslash.
    escaped: bool,
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// Index of the first non-whitespace byte at or after `from`.
#[inline]
fn next_token(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| !is_ws(c))
        .map(|o| from + o)
}

/// End of a scalar token: the first whitespace, `,`, `}` or `]`, or the end.
#[inline]
fn token_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b',' | b'}' | b']'))
        .map_or(b.len(), |o| from + o)
}

/// `from` is just past an opening quote. Returns the index of the closing
/// quote (the first one not escaped by a backslash) and whether a backslash
/// was seen.
#[inline]
pub(super) fn string_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut escaped = false;
    loop {
        // Word-at-a-time: most strings are short, where a vectorised
        // search would spend more on setting up than on searching.
        let p = find_quote_or_backslash(b, i);
        match b.get(p)? {
            b'"' => return Some((p, escaped)),
            _ => {
                escaped = true;
                i = p + 2;
            }
        }
    }
}

/// `from` is at `open`. Returns the index just past the matching `close`,
/// counting only `open`/`close` and skipping strings.
pub(super) fn block_end(b: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut level = 0usize;
    let mut i = from;
    loop {
        let p = i + memchr3(open, close, b'"', b.get(i..)?)?;
        let c = b[p];
        if c == b'"' {
            i = string_end(b, p + 1)?.0 + 1;
        } else if c == open {
            level += 1;
            i = p + 1;
        } else {
            if level <= 1 {
                return Some(p + 1);
            }
            level -= 1;
            i = p + 1;
        }
    }
}

/// The value starting at the first token at or after `from`, typed by
/// [`Kind::of_token`] when a scalar.
fn get_value(b: &[u8], from: usize) -> Result<Val, &'static str> {
    let o = next_token(b, from).ok_or(MALFORMED_JSON)?;
    match b[o] {
        b'"' => {
            let (q, escaped) = string_end(b, o + 1).ok_or(MALFORMED_STRING)?;
            Ok(Val {
                kind: Kind::String,
                start: o + 1,
                end: q,
                next: q + 1,
                escaped,
            })
        }
        b'[' => {
            let e = block_end(b, o, b'[', b']').ok_or(MALFORMED_ARRAY)?;
            Ok(Val {
                kind: Kind::Array,
                start: o,
                end: e,
                next: e,
                escaped: false,
            })
        }
        b'{' => {
            let e = block_end(b, o, b'{', b'}').ok_or(MALFORMED_OBJECT)?;
            Ok(Val {
                kind: Kind::Object,
                start: o,
                end: e,
                next: e,
                escaped: false,
            })
        }
        c => {
            let e = token_end(b, o);
            let tok = &b[o..e];
            let kind = Kind::of_token(c, tok).ok_or(UNKNOWN_VALUE_TYPE)?;
            Ok(Val {
                kind,
                start: o,
                end: e,
                next: e,
                escaped: false,
            })
        }
    }
}

/// JSON string unescaping: `\" \\ \/ \b \f \n \r \t \uXXXX` (a lone
/// surrogate becomes U+FFFD). `None` on any other escape or bad hex.
fn unescape(raw: &str) -> Option<Cow<'_, str>> {
    let b = raw.as_bytes();
    let Some(first) = memchr::memchr(b'\\', b) else {
        return Some(Cow::Borrowed(raw));
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut i = first;
    loop {
        // b[i] is a backslash.
        let e = *b.get(i + 1)?;
        let simple = match e {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'u' => None,
            _ => return None,
        };
        if let Some(c) = simple {
            out.push(c);
            i += 2;
        } else {
            let r = hex4(&b[i + 2..])?;
            if !(0xD800..=0xDFFF).contains(&r) {
                out.push(char::from_u32(r)?);
                i += 6;
            } else if r >= 0xDC00 || b.get(i + 6) != Some(&b'\\') || b.get(i + 7) != Some(&b'u') {
                out.push('\u{FFFD}');
                i += 6;
            } else {
                let r2 = hex4(&b[i + 8..])?;
                if (0xDC00..=0xDFFF).contains(&r2) {
                    let c = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                    out.push(char::from_u32(c)?);
                    i += 12;
                } else {
                    out.push('\u{FFFD}');
                    i += 6;
                }
            }
        }
        match memchr::memchr(b'\\', &b[i..]) {
            Some(o) => {
                out.push_str(&raw[i..i + o]);
                i += o;
            }
            None => {
                out.push_str(&raw[i..]);
                return Some(Cow::Owned(out));
            }
        }
    }
}

/// A string value as Loki reads it: unescaped (`""` when that fails), with
/// U+FFFD replaced by a space.
pub(super) fn string_value(raw: &str, escaped: bool) -> Cow<'_, str> {
    let v = if escaped {
        match unescape(raw) {
            Some(v) => v,
            None => return Cow::Borrowed(""),
        }
    } else {
        Cow::Borrowed(raw)
    };
    replace_rune_error(v)
}

/// Iterates the members of the object at the start of `data` (after
/// whitespace) the way Loki's scanner does, calling `f(key, value)` for each
/// member before checking what follows it (so members before a syntax error
/// are still seen). Text after the closing brace is ignored.
fn object_each<'a, F>(data: &'a str, mut f: F) -> Result<(), ParserError>
where
    F: FnMut(Cow<'a, str>, Val) -> Result<(), ParserError>,
{
    let b = data.as_bytes();
    let mut off = match next_token(b, 0) {
        Some(o) if b[o] == b'{' => o + 1,
        _ => return Err(ParserError::Json(MALFORMED_OBJECT)),
    };
    off = next_token(b, off)
        .ok_or(MALFORMED_JSON)
        .map_err(ParserError::Json)?;
    if b[off] == b'}' {
        return Ok(());
    }
    let mut last_comma: Option<usize> = None;
    while off < b.len() {
        match b[off] {
            b'"' => off += 1,
            b'}' => {
                // `{"a":1,}` is an error, `{"a":1, }` is not (as in Loki).
                if last_comma.is_some_and(|c| c + 1 == off) {
                    return Err(ParserError::Json(MALFORMED_OBJECT));
                }
                return Ok(());
            }
            _ => return Err(ParserError::Json(MALFORMED_OBJECT)),
        }
        let (q, escaped) = string_end(b, off)
            .ok_or(MALFORMED_JSON)
            .map_err(ParserError::Json)?;
        let raw_key = &data[off..q];
        let key = if escaped {
            unescape(raw_key)
                .ok_or(MALFORMED_STRING_ESCAPE)
                .map_err(ParserError::Json)?
        } else {
            Cow::Borrowed(raw_key)
        };
        off = next_token(b, q + 1)
            .ok_or(MALFORMED_JSON)
            .map_err(ParserError::Json)?;
        if b[off] != b':' {
            return Err(ParserError::Json(MALFORMED_JSON));
        }
        let v = get_value(b, off + 1).map_err(ParserError::Json)?;
        f(key, v)?;
        off = next_token(b, v.next)
            .ok_or(MALFORMED_ARRAY)
            .map_err(ParserError::Json)?;
        match b[off] {
            b'}' => return Ok(()),
            b',' => {
                last_comma = Some(off);
                off += 1;
            }
            _ => return Err(ParserError::Json(MALFORMED_OBJECT)),
        }
        let o = next_token(b, off)
            .ok_or(MALFORMED_ARRAY)
            .map_err(ParserError::Json)?;
        if o > off {
            last_comma = last_comma.map(|c| c + (o - off) - 1);
        }
        off = o;
    }
    Err(ParserError::Json(MALFORMED_OBJECT))
}

/// `| json` with no parameters: every string, number and boolean leaf becomes
/// a label, nested object keys joined with `_` and sanitised. Arrays and
/// `null` are skipped; numbers keep their source text; strings are unescaped
/// (a bad escape gives `""`). On a syntax error the labels found before it are
/// kept and the error is returned.
pub fn json_all(line: &str, sink: &mut dyn Sink) -> Result<(), ParserError> {
    json_all_with(line, &mut JsonScratch::default(), sink)
}

/// [`json_all`] with buffers kept from one line to the next (a scan passes
/// the same ones for every line, so parsing allocates nothing). A
/// well-formed object is read in one pass; any other line by the general
/// scanner, which knows Loki's handling of malformed JSON.
pub fn json_all_with(
    line: &str,
    scratch: &mut JsonScratch,
    sink: &mut dyn Sink,
) -> Result<(), ParserError> {
    if flatten_fast(line, scratch, sink).is_some() {
        return Ok(());
    }
    json_all_general(line, &mut scratch.prefix, sink)
}

/// [`json_all`] by the general scanner alone: every line, however
/// malformed; `prefix` is a buffer for nested names.
pub(super) fn json_all_general(
    line: &str,
    prefix: &mut String,
    sink: &mut dyn Sink,
) -> Result<(), ParserError> {
    prefix.clear();
    flatten(line, prefix, sink, 0)
}

fn flatten(
    data: &str,
    prefix: &mut String,
    sink: &mut dyn Sink,
    depth: usize,
) -> Result<(), ParserError> {
    // A leaf's value, worked out only for a key the sink keeps.
    let emit = |sink: &mut dyn Sink, name: &str, v: &Val| {
        if sink.wants(name) {
            let value = match v.kind {
                Kind::String => string_value(&data[v.start..v.end], v.escaped),
                _ => Cow::Borrowed(&data[v.start..v.end]),
            };
            sink.emit(name, value);
        }
    };
    object_each(data, |key, v| {
        match v.kind {
            Kind::String | Kind::Number | Kind::Boolean => {}
            Kind::Object => {
                let plen = prefix.len();
                if !prefix.is_empty() {
                    prefix.push('_');
                }
                append_sanitized(prefix, &key);
                let r = if depth + 1 < MAX_DEPTH {
                    flatten(&data[v.start..v.end], prefix, sink, depth + 1)
                } else {
                    Ok(())
                };
                prefix.truncate(plen);
                return r;
            }
            Kind::Array | Kind::Null => return Ok(()),
        }
        if prefix.is_empty() {
            let name = sanitize_label_name(&key);
            if !name.is_empty() {
                emit(sink, &name, &v);
            }
        } else {
            let plen = prefix.len();
            prefix.push('_');
            append_sanitized(prefix, &key);
            emit(sink, prefix, &v);
            prefix.truncate(plen);
        }
        Ok(())
    })
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonPathPart {
    /// `a`, `.a` after another part, or `["a b"]`.
    Key(String),
    /// `[0]`.
    Index(usize),
}

/// A compiled `| json label="expr"` expression, in Loki's grammar: a first
/// part that is a field (`a`), a bracketed key (`["a b"]`) or an index
/// (`[0]`), followed by any number of `.field`, `["key"]` and `[index]`.
/// Fields are `[A-Za-z_][A-Za-z0-9_]*`; bracketed keys have no escapes and
/// end at the first `"` or `]`; spaces between tokens are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    pub parts: Vec<JsonPathPart>,
}

#[derive(Debug, Clone, PartialEq)]
enum PathTok {
    Field(String),
    Str(String),
    Index(usize),
    Lsb,
    Rsb,
    Dot,
}

impl PathTok {
    fn name(&self) -> &'static str {
        match self {
            PathTok::Field(_) => "FIELD",
            PathTok::Str(_) => "STRING",
            PathTok::Index(_) => "INDEX",
            PathTok::Lsb => "LSB",
            PathTok::Rsb => "RSB",
            PathTok::Dot => "DOT",
        }
    }
}

fn lex_path(expr: &str) -> Result<Vec<PathTok>, String> {
    let mut toks = Vec::new();
    let mut chars = expr.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {}
            '[' => toks.push(PathTok::Lsb),
            ']' => toks.push(PathTok::Rsb),
            '.' => toks.push(PathTok::Dot),
            '0'..='9' => {
                let mut end = i + 1;
                while let Some(&(j, d)) = chars.peek() {
                    match d {
                        '0'..='9' => {
                            chars.next();
                            end = j + 1;
                        }
                        '.' => return Err("cannot use float as array index".into()),
                        ' ' | '\t' | '\n' | ']' => break,
                        other => return Err(format!("non-integer value: {other}")),
                    }
                }
                let n = expr[i..end]
                    .parse::<usize>()
                    .map_err(|e| format!("invalid array index: {e}"))?;
                toks.push(PathTok::Index(n));
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                let mut end = i + 1;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        chars.next();
                        end = j + 1;
                    } else {
                        break;
                    }
                }
                toks.push(PathTok::Field(expr[i..end].to_string()));
            }
            '"' => {
                let mut s = String::new();
                for (_, d) in chars.by_ref() {
                    if d == '"' || d == ']' {
                        break;
                    }
                    s.push(d);
                }
                toks.push(PathTok::Str(s));
            }
            other => return Err(format!("unexpected char {other}")),
        }
    }
    Ok(toks)
}

impl JsonPath {
    pub fn parse(expr: &str) -> Result<JsonPath, ParserError> {
        let err = |msg: String| ParserError::JsonPath {
            expr: expr.to_string(),
            msg,
        };
        let toks = lex_path(expr).map_err(err)?;
        let unexpected = |t: Option<&PathTok>, expecting: &str| {
            let found = t.map_or("$end", PathTok::name);
            err(format!(
                "syntax error: unexpected {found}, expecting {expecting}"
            ))
        };
        let mut parts = Vec::new();
        let mut it = toks.iter().peekable();
        let mut first = true;
        while let Some(t) = it.next() {
            match t {
                PathTok::Field(f) if first => parts.push(JsonPathPart::Key(f.clone())),
                PathTok::Dot if !first => match it.next() {
                    Some(PathTok::Field(f)) => parts.push(JsonPathPart::Key(f.clone())),
                    other => return Err(unexpected(other, "FIELD")),
                },
                PathTok::Lsb => {
                    let part = match it.next() {
                        Some(PathTok::Str(s)) => JsonPathPart::Key(s.clone()),
                        Some(PathTok::Index(n)) => JsonPathPart::Index(*n),
                        other => return Err(unexpected(other, "STRING or INDEX")),
                    };
                    match it.next() {
                        Some(PathTok::Rsb) => parts.push(part),
                        other => return Err(unexpected(other, "RSB")),
                    }
                }
                other if first => return Err(unexpected(Some(other), "LSB or FIELD")),
                other => return Err(unexpected(Some(other), "LSB or DOT")),
            }
            first = false;
            if parts.len() > MAX_PATH_PARTS {
                return Err(err("expression too long".into()));
            }
        }
        if parts.is_empty() {
            return Err(unexpected(None, "LSB or FIELD"));
        }
        Ok(JsonPath { parts })
    }
}

enum Lookup {
    Found(Val),
    NotFound,
    Failed(&'static str),
}

/// Skips the value at or after `from` leniently; returns the index past it.
fn skip_value(b: &[u8], from: usize) -> Option<usize> {
    let o = next_token(b, from)?;
    match b[o] {
        b'"' => Some(string_end(b, o + 1)?.0 + 1),
        b'{' => block_end(b, o, b'{', b'}'),
        b'[' => block_end(b, o, b'[', b']'),
        _ => Some(token_end(b, o)),
    }
}

/// Follows `parts` (non-empty) from the container starting at `pos`. The
/// first member matching a key is followed; if the rest of the path is not
/// under it, later members with the same key are tried (as Loki's scanner
/// does). Malformed text away from the path is tolerated.
fn lookup(line: &str, pos: usize, parts: &[JsonPathPart]) -> Lookup {
    let b = line.as_bytes();
    let Some((first, rest)) = parts.split_first() else {
        return Lookup::NotFound;
    };
    match first {
        JsonPathPart::Key(want) => {
            if b.get(pos) != Some(&b'{') {
                return Lookup::NotFound;
            }
            let mut i = pos + 1;
            loop {
                while i < b.len() && (is_ws(b[i]) || b[i] == b',') {
                    i += 1;
                }
                if b.get(i) != Some(&b'"') {
                    return Lookup::NotFound;
                }
                let Some((q, escaped)) = string_end(b, i + 1) else {
                    return Lookup::NotFound;
                };
                let raw = &line[i + 1..q];
                let Some(colon) = next_token(b, q + 1) else {
                    return Lookup::NotFound;
                };
                if b[colon] != b':' {
                    return Lookup::NotFound;
                }
                let matches = if escaped {
                    match unescape(raw) {
                        Some(k) => k == want.as_str(),
                        None => return Lookup::NotFound,
                    }
                } else {
                    raw == want
                };
                if matches {
                    if rest.is_empty() {
                        return match get_value(b, colon + 1) {
                            Ok(v) => Lookup::Found(v),
                            Err(m) => Lookup::Failed(m),
                        };
                    }
                    if let Some(vp) = next_token(b, colon + 1) {
                        match lookup(line, vp, rest) {
                            Lookup::NotFound => {}
                            found => return found,
                        }
                    }
                }
                match skip_value(b, colon + 1) {
                    Some(end) => i = end,
                    None => return Lookup::NotFound,
                }
            }
        }
        JsonPathPart::Index(want) => {
            if b.get(pos) != Some(&b'[') {
                return Lookup::NotFound;
            }
            let Some(mut off) = next_token(b, pos + 1) else {
                return Lookup::NotFound;
            };
            if b[off] == b']' {
                return Lookup::NotFound;
            }
            let mut idx = 0usize;
            loop {
                let Ok(v) = get_value(b, off) else {
                    return Lookup::NotFound;
                };
                if idx == *want {
                    if rest.is_empty() {
                        return Lookup::Found(v);
                    }
                    return match v.kind {
                        Kind::Object | Kind::Array => lookup(line, v.start, rest),
                        _ => Lookup::NotFound,
                    };
                }
                idx += 1;
                let Some(o) = next_token(b, v.next) else {
                    return Lookup::NotFound;
                };
                if b[o] != b',' {
                    return Lookup::NotFound;
                }
                off = o + 1;
            }
        }
    }
}

/// The label value Loki gives a value found by `| json label="path"`.
fn extracted_value(line: &str, v: Val) -> Cow<'_, str> {
    let raw = &line[v.start..v.end];
    match v.kind {
        Kind::Null => Cow::Borrowed(""),
        Kind::Object | Kind::Number | Kind::Boolean => Cow::Borrowed(raw),
        Kind::String => string_value(raw, v.escaped),
        // Loki passes an array's raw text through string unescaping.
        Kind::Array => string_value(raw, raw.contains('\\')),
    }
}

/// `| json label="path", ...`: emits every label; a path that is missing (or
/// whose value is malformed) gives `""`. An object value gives its raw JSON
/// text, an array its raw text (unescaped as if it were a string), `null`
/// gives `""`, a string is unescaped. An empty line gives nothing; a line
/// whose first byte is not `{`, `[` or `"` gives [`ParserError::NotJson`] and
/// no labels. A malformed value at the end of a path gives `""` for that
/// label and the (first) error after all labels are emitted.
pub fn json_extract(
    line: &str,
    paths: &[(String, JsonPath)],
    sink: &mut dyn Sink,
) -> Result<(), ParserError> {
    let b = line.as_bytes();
    let Some(&first) = b.first() else {
        return Ok(());
    };
    if !matches!(first, b'"' | b'{' | b'[') {
        return Err(ParserError::NotJson);
    }
    let mut err = None;
    if first == b'"' {
        // A top-level string followed by ':' is a key outside any object.
        if let Some((q, _)) = string_end(b, 1) {
            if next_token(b, q + 1).is_some_and(|o| b[o] == b':') {
                err = Some(ParserError::Json(MALFORMED_JSON));
            }
        }
        for (label, _) in paths {
            sink.emit(label, Cow::Borrowed(""));
        }
        return err.map_or(Ok(()), Err);
    }
    for (label, path) in paths {
        match lookup(line, 0, &path.parts) {
            Lookup::Found(v) => sink.emit(label, extracted_value(line, v)),
            Lookup::NotFound => sink.emit(label, Cow::Borrowed("")),
            Lookup::Failed(m) => {
                sink.emit(label, Cow::Borrowed(""));
                err.get_or_insert(ParserError::Json(m));
            }
        }
    }
    err.map_or(Ok(()), Err)
}

fn sanitize_cow(k: Cow<'_, str>) -> Cow<'_, str> {
    match k {
        Cow::Borrowed(s) => sanitize_label_name(s),
        Cow::Owned(s) => Cow::Owned(sanitize_label_name(&s).into_owned()),
    }
}

/// `| unpack`: the line is a JSON object written by promtail's pack stage.
/// Every top-level string member except `_entry` becomes a (sanitised)
/// label and `_entry`, unescaped, becomes the new line. Non-string members
/// are ignored. Labels are only emitted when `_entry` is present, and then
/// `Some(new_line)` is returned. An empty line gives `Ok(None)`; a line not
/// starting with `{` or with a syntax error gives an error and no labels.
pub fn unpack(line: &str, sink: &mut dyn Sink) -> Result<Option<String>, ParserError> {
    let Some(&first) = line.as_bytes().first() else {
        return Ok(None);
    };
    if first != b'{' {
        return Err(ParserError::UnpackNotObject);
    }
    let mut labels: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    let mut entry: Option<Cow<'_, str>> = None;
    object_each(line, |key, v| {
        if v.kind != Kind::String {
            return Ok(());
        }
        let raw = &line[v.start..v.end];
        if key == PACKED_ENTRY_KEY {
            entry = Some(
                unescape(raw)
                    .ok_or(MALFORMED_STRING_ESCAPE)
                    .map_err(ParserError::Json)?,
            );
        } else {
            labels.push((sanitize_cow(key), string_value(raw, v.escaped)));
        }
        Ok(())
    })?;
    let Some(entry) = entry else {
        return Ok(None);
    };
    for (k, v) in labels {
        if !k.is_empty() {
            sink.emit(&k, v);
        }
    }
    Ok(Some(entry.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(line: &str) -> (Vec<(String, String)>, Result<(), ParserError>) {
        let mut v = Vec::new();
        let r = json_all(line, &mut v);
        (v, r)
    }

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const DOCS_EXAMPLE: &str = r#"{
	"protocol": "HTTP/2.0",
	"servers": ["129.0.1.1","10.2.1.3"],
	"request": {
		"time": "6.032",
		"method": "GET",
		"host": "foo.grafana.net",
		"size": "55",
		"headers": {
		  "Accept": "*/*",
		  "User-Agent": "curl/7.68.0"
		}
	},
	"response": {
		"status": 401,
		"size": "228",
		"latency_seconds": "6.031"
	}
}"#;

    #[test]
    fn json_docs_example() {
        let (v, r) = all(DOCS_EXAMPLE);
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("protocol", "HTTP/2.0"),
                ("request_time", "6.032"),
                ("request_method", "GET"),
                ("request_host", "foo.grafana.net"),
                ("request_size", "55"),
                ("request_headers_Accept", "*/*"),
                ("request_headers_User_Agent", "curl/7.68.0"),
                ("response_status", "401"),
                ("response_size", "228"),
                ("response_latency_seconds", "6.031"),
            ])
        );
    }

    #[test]
    fn json_value_kinds() {
        let (v, r) = all(
            r#"{"n":-1.5e3,"t":true,"f":false,"z":null,"a":[1,{"x":2}],"s":"a\"b\u00e9\n","e":{}}"#,
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("n", "-1.5e3"),
                ("t", "true"),
                ("f", "false"),
                ("s", "a\"bé\n")
            ])
        );
    }

    #[test]
    fn json_keys_sanitised() {
        let (v, _) = all(r#"{"1a":{"2b":1," c d ":2},"x-y":3,"é":4,"a.b":{"c":"d"}}"#);
        assert_eq!(
            v,
            labels(&[
                ("_1a_2b", "1"),
                ("_1a_c_d", "2"),
                ("x_y", "3"),
                ("_", "4"),
                ("a_b_c", "d")
            ])
        );
        // Escaped keys are unescaped before sanitising.
        let (v, _) = all(r#"{"a\u0041":1}"#);
        assert_eq!(v, labels(&[("aA", "1")]));
        // An empty parent key adds nothing to the prefix.
        let (v, _) = all(r#"{"":{"b":1}}"#);
        assert_eq!(v, labels(&[("b", "1")]));
    }

    #[test]
    fn json_borrows_plain_values() {
        struct Check(usize);
        impl Sink for Check {
            fn emit(&mut self, _key: &str, value: Cow<'_, str>) {
                assert!(matches!(value, Cow::Borrowed(_)));
                self.0 += 1;
            }
        }
        let mut c = Check(0);
        json_all(r#"{"a":"b","c":12,"d":true}"#, &mut c).unwrap();
        assert_eq!(c.0, 3);
    }

    #[test]
    fn json_bad_escape_and_rune_error() {
        let (v, r) = all(r#"{"a":"x\qy","b":"\ud800z","c":"�"}"#);
        assert_eq!(r, Ok(()));
        assert_eq!(v, labels(&[("a", ""), ("b", " z"), ("c", " ")]));
        let (v, r) = all(r#"{"a":"😀\ud83d\ude00"}"#);
        assert_eq!(r, Ok(()));
        assert_eq!(v, labels(&[("a", "😀😀")]));
    }

    #[test]
    fn json_errors() {
        let e = |s: &str| all(s).1.unwrap_err().to_string();
        assert_eq!(e(""), MALFORMED_OBJECT);
        assert_eq!(e("not json"), MALFORMED_OBJECT);
        assert_eq!(e("[1,2]"), MALFORMED_OBJECT);
        assert_eq!(e("{"), MALFORMED_JSON);
        assert_eq!(e(r#"{"a""#), MALFORMED_JSON);
        assert_eq!(e(r#"{"a" 1}"#), MALFORMED_JSON);
        assert_eq!(e(r#"{"a":"b"#), MALFORMED_STRING);
        assert_eq!(e(r#"{"a":[1"#), MALFORMED_ARRAY);
        assert_eq!(e(r#"{"a":{"b":1}"#), MALFORMED_ARRAY);
        assert_eq!(e(r#"{"a":{"b":1"#), MALFORMED_OBJECT);
        assert_eq!(e(r#"{"a":tru}"#), UNKNOWN_VALUE_TYPE);
        assert_eq!(e(r#"{"a":1,}"#), MALFORMED_OBJECT);
        assert_eq!(e(r#"{a:1}"#), MALFORMED_OBJECT);
        assert_eq!(e(r#"{"\x":1}"#), MALFORMED_STRING_ESCAPE);
        // Nested errors surface too.
        assert_eq!(e(r#"{"a":{"b":}}"#), UNKNOWN_VALUE_TYPE);
        // Labels before the error are kept.
        let (v, r) = all(r#"{"a":"b" "c":1}"#);
        assert_eq!(v, labels(&[("a", "b")]));
        assert_eq!(r, Err(ParserError::Json(MALFORMED_OBJECT)));
        // Quirks that Loki's scanner accepts.
        assert_eq!(all(r#"{"a":1, }"#).1, Ok(()));
        assert_eq!(all(r#"  {"a":1} trailing"#).1, Ok(()));
        assert_eq!(all("{}").1, Ok(()));
    }

    #[test]
    fn json_deep_nesting_is_bounded() {
        let depth = 1_000;
        // Content deeper than MAX_DEPTH is skipped, not flattened or
        // validated, and nothing overflows the stack.
        let line = format!("{}{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        let (v, r) = all(&line);
        assert_eq!(r, Ok(()));
        assert!(v.is_empty());
        let line = format!("{}\"x\"{}", r#"{"a":"#.repeat(100), "}".repeat(100));
        let (v, r) = all(&line);
        assert_eq!(r, Ok(()));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, vec!["a"; 100].join("_"));
    }

    #[allow(clippy::type_complexity)]
    fn extract(
        line: &str,
        exprs: &[(&str, &str)],
    ) -> (Vec<(String, String)>, Result<(), ParserError>) {
        let paths: Vec<(String, JsonPath)> = exprs
            .iter()
            .map(|(l, e)| (l.to_string(), JsonPath::parse(e).unwrap()))
            .collect();
        let mut v = Vec::new();
        let r = json_extract(line, &paths, &mut v);
        (v, r)
    }

    #[test]
    fn json_path_grammar() {
        use JsonPathPart::{Index, Key};
        let p = |s: &str| JsonPath::parse(s).map(|p| p.parts);
        assert_eq!(p("app"), Ok(vec![Key("app".into())]));
        assert_eq!(
            p(r#"["field with space"]"#),
            Ok(vec![Key("field with space".into())])
        );
        assert_eq!(p("[0]"), Ok(vec![Index(0)]));
        assert_eq!(
            p("pod.uuid"),
            Ok(vec![Key("pod".into()), Key("uuid".into())])
        );
        assert_eq!(
            p(r#"pod["uuid"]"#),
            Ok(vec![Key("pod".into()), Key("uuid".into())])
        );
        assert_eq!(
            p("pod.deployment.params[0].param"),
            Ok(vec![
                Key("pod".into()),
                Key("deployment".into()),
                Key("params".into()),
                Index(0),
                Key("param".into())
            ])
        );
        assert_eq!(p("[2].x"), Ok(vec![Index(2), Key("x".into())]));
        assert_eq!(p("utf8"), Ok(vec![Key("utf8".into())]));
        for bad in [
            "",
            "field with space",
            r#""pod"]"#,
            r#"["pod""#,
            "pod..uuid",
            ".a",
            "a[1.5]",
            "a[-1]",
            "a.0",
        ] {
            assert!(JsonPath::parse(bad).is_err(), "{bad}");
        }
        let e = JsonPath::parse("pod..uuid").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot parse expression [pod..uuid]: syntax error: unexpected DOT, expecting FIELD"
        );
    }

    #[test]
    fn json_extract_docs_examples() {
        let (v, r) = extract(
            DOCS_EXAMPLE,
            &[
                ("first_server", "servers[0]"),
                ("ua", r#"request.headers["User-Agent"]"#),
                ("status", "response.status"),
                ("missing", "request.nope"),
            ],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("first_server", "129.0.1.1"),
                ("ua", "curl/7.68.0"),
                ("status", "401"),
                ("missing", ""),
            ])
        );
        let (v, _) = extract(
            DOCS_EXAMPLE,
            &[("server_list", "servers"), ("headers", "request.headers")],
        );
        assert_eq!(v[0].1, r#"["129.0.1.1","10.2.1.3"]"#);
        assert_eq!(
            v[1].1,
            "{\n\t\t  \"Accept\": \"*/*\",\n\t\t  \"User-Agent\": \"curl/7.68.0\"\n\t\t}"
        );
    }

    #[test]
    fn json_extract_details() {
        let line = r#"{"a":null,"b":[{"c":"x\ty"},[5,6]],"d":{"e":1},"d":{"f":2},"g":"h\qi","k":[1,"a\"b"]}"#;
        let (v, r) = extract(
            line,
            &[
                ("a", "a"),
                ("c", "b[0].c"),
                ("six", "b[1][1]"),
                ("oob", "b[9]"),
                ("f", "d.f"),
                ("e", "d.e"),
                ("g", "g"),
                ("k", "k"),
            ],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("a", ""),
                ("c", "x\ty"),
                ("six", "6"),
                ("oob", ""),
                // A later duplicate key is searched when the first lacks the rest.
                ("f", "2"),
                ("e", "1"),
                ("g", ""),
                ("k", r#"[1,"a"b"]"#),
            ])
        );
        // Top-level array.
        let (v, _) = extract(r#"[{"x":1},{"x":2}]"#, &[("x", "[1].x"), ("y", "x")]);
        assert_eq!(v, labels(&[("x", "2"), ("y", "")]));
        // Malformed value on the path: "" and an error; others still set.
        let (v, r) = extract(r#"{"a":tru,"b":"ok"}"#, &[("a", "a"), ("b", "b")]);
        assert_eq!(v, labels(&[("a", ""), ("b", "ok")]));
        assert_eq!(r, Err(ParserError::Json(UNKNOWN_VALUE_TYPE)));
        // Lenient away from the path.
        let (v, r) = extract(r#"{"a":1, garbage"#, &[("a", "a")]);
        assert_eq!((v, r), (labels(&[("a", "1")]), Ok(())));
        // Not JSON at byte 0: error without details and no labels.
        let (v, r) = extract(r#" {"a":1}"#, &[("a", "a")]);
        assert!(v.is_empty());
        assert_eq!(r, Err(ParserError::NotJson));
        // Empty line: nothing.
        let (v, r) = extract("", &[("a", "a")]);
        assert!(v.is_empty() && r.is_ok());
        // Top-level string used as a key.
        let (v, r) = extract(r#""a":1"#, &[("a", "a")]);
        assert_eq!(v, labels(&[("a", "")]));
        assert_eq!(r, Err(ParserError::Json(MALFORMED_JSON)));
    }

    #[test]
    fn unpack_behaviour() {
        let mut v = Vec::new();
        let r = unpack(
            r#"{"container":"myapp","pod":"pod-3223f","_entry":"original log message\n","n":5,"o":{"x":"y"}}"#,
            &mut v,
        );
        assert_eq!(r, Ok(Some("original log message\n".to_string())));
        assert_eq!(v, labels(&[("container", "myapp"), ("pod", "pod-3223f")]));

        // No _entry: no labels, line unchanged.
        let mut v = Vec::new();
        assert_eq!(unpack(r#"{"a":"b"}"#, &mut v), Ok(None));
        assert!(v.is_empty());

        let mut v = Vec::new();
        assert_eq!(unpack("", &mut v), Ok(None));
        let e = unpack("foo", &mut v).unwrap_err();
        assert_eq!(e.to_string(), "expecting json object(6), but it is not");
        assert_eq!(e.error_label(), "JSONParserErr");
        let e = unpack(r#"{"a":"b","_entry":"x\qy"}"#, &mut v).unwrap_err();
        assert_eq!(e, ParserError::Json(MALFORMED_STRING_ESCAPE));
        let e = unpack(r#"{"a":"b","_entry":"x" "#, &mut v).unwrap_err();
        assert_eq!(e, ParserError::Json(MALFORMED_ARRAY));
        assert!(v.is_empty());
    }

    #[test]
    fn no_panics_on_fuzzish_input() {
        let corpus = [
            "{",
            "}",
            "{\"",
            "{\"\\",
            "{\"a\\\":",
            "{\"a\":\"\\u12",
            "{\"a\":\"\\ud800\\u12\"}",
            "{\"a\":[",
            "{\"a\":{",
            "{\"é\":é}",
            "{\"a\":-}",
            "[",
            "[[[[",
            "\"",
            "\"\\",
            "{\"a\":1,",
            "{\"a\":1 ,",
            "{\"a\":\"\\ud800\\udc00\"}",
            "{\"a\":\"\\uD83D\\uDE00\"}",
        ];
        let paths = [
            ("a".to_string(), JsonPath::parse("a").unwrap()),
            ("b".to_string(), JsonPath::parse("a[0][1].b").unwrap()),
            ("c".to_string(), JsonPath::parse("[0]").unwrap()),
        ];
        for line in corpus {
            for cut in 0..=line.len() {
                if !line.is_char_boundary(cut) {
                    continue;
                }
                let s = &line[..cut];
                let mut v = Vec::new();
                let _ = json_all(s, &mut v);
                let _ = json_extract(s, &paths, &mut v);
                let _ = unpack(s, &mut v);
            }
        }
    }
}
