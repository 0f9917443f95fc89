//! The line parsers of LogQL's log pipeline, with Loki's semantics:
//! `| json`, `| json a="x.y"`, `| logfmt [--strict] [--keep-empty] [params]`,
//! `| unpack`, `| pattern "..."` and the `|>` / `!>` pattern line filters.
//!
//! Behaviour was learned by reading Loki's documentation and source (its
//! `pkg/logql/log` parsers, the `jsonexpr`, `logfmt` and `pattern` packages
//! and the `jsonparser` library it uses); this is an independent
//! implementation, not a translation.
//!
//! Every parser writes what it extracts into a [`Sink`]. Keys are already
//! sanitised label names. Two things are left to the caller because they need
//! the stream's own labels: Loki renames an extracted label that collides with
//! a stream label to `<name>_extracted`, and sets `__error__` /
//! `__error_details__` from a returned [`ParserError`] (see
//! [`ParserError::error_label`] and [`ParserError::error_details`]). Labels
//! emitted before an error stay, as in Loki.

use std::borrow::Cow;

mod bytescan;
mod json;
mod json_fast;
mod logfmt;
mod pattern_match;

pub use json::{json_all, json_all_with, json_extract, unpack, JsonPath, JsonPathPart};
pub use json_fast::JsonScratch;
pub use logfmt::logfmt;
pub use pattern_match::PatternMatcher;

/// Where parsers put what they extract. Keys are already sanitised label
/// names.
///
/// A parser may emit the same key more than once for one line (a duplicate
/// key in the line, or `| logfmt a="b"`'s empty default followed by the
/// value); the last value wins, as with Loki's `LabelsBuilder.Set`.
pub trait Sink {
    fn emit(&mut self, key: &str, value: Cow<'_, str>);

    /// Whether an emitted `key` would be kept: parsers skip working out
    /// the values of keys that would not (a metric query's hints).
    fn wants(&self, _key: &str) -> bool {
        true
    }

    /// Whether `key` could be wanted whatever is emitted before it: a
    /// parser that reads a whole line before emitting asks this first, and
    /// [`Sink::wants`] when it emits. `wants` may depend on what this line
    /// has emitted so far (a name it took from a stream label).
    fn may_want(&self, key: &str) -> bool {
        self.wants(key)
    }

    /// The lengths of the keys [`Sink::may_want`] can accept, as a mask of
    /// [`name_length_bit`]s (all ones: any): a parser skips the call for a
    /// key of no such length.
    fn may_want_lengths(&self) -> u64 {
        u64::MAX
    }

    /// Whether a name under `prefix` (`prefix_...`) could be wanted: a
    /// parser that flattens nested keys skips naming those of an object
    /// no name under which is wanted.
    fn may_want_under(&self, _prefix: &str) -> bool {
        true
    }

    /// Whether `key` is one of the stream's own labels (logfmt does not
    /// pre-set empty values for those).
    fn is_stream_label(&self, _key: &str) -> bool {
        false
    }
}

/// The bit standing for a name `len` bytes long in a mask of lengths (bit
/// 63 for every length from 63 up).
#[inline]
pub fn name_length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Collects labels in first-emitted order; a key emitted again overwrites its
/// value in place.
impl Sink for Vec<(String, String)> {
    fn emit(&mut self, key: &str, value: Cow<'_, str>) {
        if let Some(slot) = self.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value.into_owned();
        } else {
            self.push((key.to_string(), value.into_owned()));
        }
    }
}

/// Adapts a closure to a [`Sink`].
pub struct FnSink<F>(pub F);

impl<F: FnMut(&str, Cow<'_, str>)> Sink for FnSink<F> {
    fn emit(&mut self, key: &str, value: Cow<'_, str>) {
        (self.0)(key, value)
    }
}

/// A line that a parser could not fully parse. `Display` is the text Loki
/// puts in `__error_details__`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParserError {
    /// A JSON syntax error, with the message of the JSON scanner Loki uses
    /// (e.g. "Value looks like object, but can't find closing '}' symbol").
    #[error("{0}")]
    Json(&'static str),
    /// `| json a="..."` on a line whose first byte is not `{`, `[` or `"`:
    /// Loki sets `__error__` but no `__error_details__`.
    #[error("line does not start with '{{', '[' or '\"'")]
    NotJson,
    /// `| unpack` on a line that does not start with `{`.
    #[error("expecting json object(6), but it is not")]
    UnpackNotObject,
    /// A logfmt syntax error (only reported with `--strict`); `pos` is
    /// 1-based, in bytes.
    #[error("logfmt syntax error at pos {pos} : {msg}")]
    Logfmt { pos: usize, msg: &'static str },
    /// A `| json label="expr"` expression that does not parse (a query
    /// error, not a line error).
    #[error("cannot parse expression [{expr}]: {msg}")]
    JsonPath { expr: String, msg: String },
}

impl ParserError {
    /// The value Loki gives `__error__` for this error. `| unpack` errors are
    /// `JSONParserErr` too, as in Loki.
    pub fn error_label(&self) -> &'static str {
        match self {
            ParserError::Logfmt { .. } => "LogfmtParserErr",
            ParserError::Json(_)
            | ParserError::NotJson
            | ParserError::UnpackNotObject
            | ParserError::JsonPath { .. } => "JSONParserErr",
        }
    }

    /// The value Loki gives `__error_details__`, or `None` where it sets none.
    pub fn error_details(&self) -> Option<String> {
        match self {
            ParserError::NotJson => None,
            other => Some(other.to_string()),
        }
    }
}

/// `[a-zA-Z0-9_]`, by table: keys are checked byte by byte on every line.
static LABEL_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

#[inline]
pub(super) fn is_label_byte(b: u8) -> bool {
    LABEL_BYTES[b as usize]
}

/// Loki's label-name sanitising of extracted keys: surrounding whitespace is
/// trimmed, a leading ASCII digit gets a `_` in front, and every character
/// other than `[a-zA-Z0-9_]` becomes one `_` (one per character, not per
/// byte). An all-whitespace key gives `""`, which the parsers skip.
pub fn sanitize_label_name(key: &str) -> Cow<'_, str> {
    // Most keys are label names already (and so have nothing to trim).
    if let Some(first) = key.as_bytes().first() {
        if !first.is_ascii_digit() && key.bytes().all(is_label_byte) {
            return Cow::Borrowed(key);
        }
    }
    let t = key.trim();
    let bytes = t.as_bytes();
    let Some(&first) = bytes.first() else {
        return Cow::Borrowed("");
    };
    if !first.is_ascii_digit() && bytes.iter().all(|&b| is_label_byte(b)) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len() + 1);
    append_sanitized(&mut out, t);
    Cow::Owned(out)
}

/// Appends `key` sanitised to `to`; the `_` before a leading digit is only
/// added when `to` is empty (so nested JSON keys like `a.1b` give `a_1b`).
fn append_sanitized(to: &mut String, key: &str) {
    let key = key.trim();
    let Some(first) = key.as_bytes().first() else {
        return;
    };
    if to.is_empty() && first.is_ascii_digit() {
        to.push('_');
    }
    if key.bytes().all(is_label_byte) {
        to.push_str(key);
        return;
    }
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            to.push(c);
        } else {
            to.push('_');
        }
    }
}

/// Loki replaces U+FFFD (which Prometheus rejects) with a space in values.
fn replace_rune_error(v: Cow<'_, str>) -> Cow<'_, str> {
    // U+FFFD is EF BF BD in UTF-8: most values have no 0xEF byte at all.
    if memchr::memchr(0xEF, v.as_bytes()).is_some() && v.contains('\u{FFFD}') {
        Cow::Owned(v.replace('\u{FFFD}', " "))
    } else {
        v
    }
}

/// Four hex digits of a `\uXXXX` escape (JSON and logfmt strings).
fn hex4(b: &[u8]) -> Option<u32> {
    if b.len() < 4 {
        return None;
    }
    let mut v = 0u32;
    for &c in &b[..4] {
        v = (v << 4) | (c as char).to_digit(16)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_rules() {
        assert!(matches!(
            sanitize_label_name("level"),
            Cow::Borrowed("level")
        ));
        assert_eq!(sanitize_label_name("  level "), "level");
        assert_eq!(sanitize_label_name("User-Agent"), "User_Agent");
        assert_eq!(sanitize_label_name("1abc"), "_1abc");
        assert_eq!(sanitize_label_name("a.b c"), "a_b_c");
        // One underscore per character, not per byte.
        assert_eq!(sanitize_label_name("é"), "_");
        assert_eq!(sanitize_label_name("a👌b"), "a_b");
        assert_eq!(sanitize_label_name("   "), "");
        assert_eq!(sanitize_label_name(""), "");
    }

    #[test]
    fn vec_sink_overwrites() {
        let mut v: Vec<(String, String)> = Vec::new();
        v.emit("a", Cow::Borrowed("1"));
        v.emit("b", Cow::Borrowed("2"));
        v.emit("a", Cow::Borrowed("3"));
        assert_eq!(v, vec![("a".into(), "3".into()), ("b".into(), "2".into())]);
    }

    #[test]
    fn error_labels_and_details() {
        let e = ParserError::Json("Malformed JSON error");
        assert_eq!(e.error_label(), "JSONParserErr");
        assert_eq!(e.error_details().as_deref(), Some("Malformed JSON error"));
        let e = ParserError::Logfmt {
            pos: 5,
            msg: "unexpected '='",
        };
        assert_eq!(e.error_label(), "LogfmtParserErr");
        assert_eq!(
            e.to_string(),
            "logfmt syntax error at pos 5 : unexpected '='"
        );
        assert_eq!(ParserError::NotJson.error_details(), None);
        assert_eq!(ParserError::UnpackNotObject.error_label(), "JSONParserErr");
    }
}
