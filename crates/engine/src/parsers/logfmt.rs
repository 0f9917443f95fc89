//! `| logfmt [--strict] [--keep-empty] [label, label="key", ...]`.
//!
//! A decoder with the same tokenisation, error messages and error positions
//! as the logfmt decoder Loki uses.

use std::borrow::Cow;

use super::bytescan::{find_blank, find_logfmt_stop};
use super::{hex4, name_length_bit, replace_rune_error, sanitize_label_name, ParserError, Sink};

const UNEXPECTED_EQ: &str = "unexpected '='";
const UNEXPECTED_QUOTE: &str = "unexpected '\"'";
const INVALID_KEY: &str = "invalid key";
const UNTERMINATED_QUOTE: &str = "unterminated quoted value";
const INVALID_QUOTE: &str = "invalid quoted value";

/// Bytes that end nothing: not `=`, `"`, a space or control byte, nor
/// (for keys) a byte of a multibyte character. Scanned by table, since
/// every byte of every line passes through here.
const fn plain_bytes(keys: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c > b' ' && c != b'=' && c != b'"' && (!keys || c < 0x80);
        b += 1;
    }
    t
}
static PLAIN_KEY: [bool; 256] = plain_bytes(true);
static PLAIN_VALUE: [bool; 256] = plain_bytes(false);

struct Decoder<'a> {
    line: &'a str,
    pos: usize,
    err: Option<ParserError>,
}

impl<'a> Decoder<'a> {
    fn new(line: &'a str) -> Self {
        Decoder {
            line,
            pos: 0,
            err: None,
        }
    }

    fn eol(&self) -> bool {
        self.pos >= self.line.len()
    }

    /// `pos` is 0-based here; Loki reports it 1-based.
    fn error(&mut self, at: usize, msg: &'static str) {
        self.err = Some(ParserError::Logfmt { pos: at + 1, msg });
    }

    /// Moves `pos` to the next byte `<= ' '` (or the end) after a bad pair.
    fn skip_value(&mut self) {
        let b = self.line.as_bytes();
        self.pos = b[self.pos..]
            .iter()
            .position(|&c| c <= b' ')
            .map_or(b.len(), |o| self.pos + o);
    }

    fn check_key(&mut self, key: &str, multibyte: bool) -> bool {
        if multibyte && key.contains('\u{FFFD}') {
            let at = self.pos;
            self.error(at, INVALID_KEY);
            return false;
        }
        true
    }

    /// The next `key[=value]` pair, or `None` at the end or on a syntax
    /// error (recorded in `err`). A bare key has the value `""`.
    fn scan(&mut self) -> Option<(&'a str, Cow<'a, str>)> {
        let line = self.line;
        let b = line.as_bytes();
        // Skip bytes <= ' ' (whitespace and control characters).
        match b[self.pos..].iter().position(|&c| c > b' ') {
            Some(o) => self.pos += o,
            None => {
                self.pos = b.len();
                return None;
            }
        }
        let start = self.pos;
        let mut multibyte = false;
        let mut i = start;
        while i < b.len() {
            if PLAIN_KEY[b[i] as usize] {
                i += 1;
                continue;
            }
            let c = b[i];
            if c == b'=' {
                self.pos = i;
                if i == start {
                    self.error(i, UNEXPECTED_EQ);
                    self.skip_value();
                    return None;
                }
                let key = &line[start..i];
                if !self.check_key(key, multibyte) {
                    self.skip_value();
                    return None;
                }
                return self.value(key);
            } else if c == b'"' {
                self.pos = i;
                self.error(i, UNEXPECTED_QUOTE);
                self.skip_value();
                return None;
            } else if c <= b' ' {
                self.pos = i;
                let key = &line[start..i];
                if !self.check_key(key, multibyte) {
                    return None;
                }
                return Some((key, Cow::Borrowed("")));
            } else if c >= 0x80 {
                multibyte = true;
            }
            i += 1;
        }
        self.pos = b.len();
        let key = &line[start..];
        if !self.check_key(key, multibyte) {
            return None;
        }
        Some((key, Cow::Borrowed("")))
    }

    /// `pos` is at the `=` after `key`.
    fn value(&mut self, key: &'a str) -> Option<(&'a str, Cow<'a, str>)> {
        let line = self.line;
        let b = line.as_bytes();
        self.pos += 1;
        if self.pos >= b.len() || b[self.pos] <= b' ' {
            return Some((key, Cow::Borrowed("")));
        }
        if b[self.pos] == b'"' {
            return self.quoted(key);
        }
        let start = self.pos;
        for (o, &c) in b[start..].iter().enumerate() {
            if PLAIN_VALUE[c as usize] {
                continue;
            }
            let i = start + o;
            if c == b'=' || c == b'"' {
                self.pos = i;
                self.error(
                    i,
                    if c == b'=' {
                        UNEXPECTED_EQ
                    } else {
                        UNEXPECTED_QUOTE
                    },
                );
                self.skip_value();
                return None;
            }
            if c <= b' ' {
                self.pos = i;
                return Some((key, Cow::Borrowed(&line[start..i])));
            }
        }
        self.pos = b.len();
        Some((key, Cow::Borrowed(&line[start..])))
    }

    /// `pos` is at the opening quote.
    fn quoted(&mut self, key: &'a str) -> Option<(&'a str, Cow<'a, str>)> {
        let line = self.line;
        let b = line.as_bytes();
        let start = self.pos;
        let mut has_esc = false;
        let mut esc = false;
        for (o, &c) in b[start + 1..].iter().enumerate() {
            if esc {
                esc = false;
            } else if c == b'\\' {
                has_esc = true;
                esc = true;
            } else if c == b'"' {
                let close = start + 1 + o;
                self.pos = close + 1;
                if !has_esc {
                    return Some((key, Cow::Borrowed(&line[start + 1..close])));
                }
                return match unquote(&line[start + 1..close]) {
                    Some(v) => Some((key, Cow::Owned(v))),
                    None => {
                        let at = self.pos;
                        self.error(at, INVALID_QUOTE);
                        None
                    }
                };
            }
        }
        self.pos = b.len();
        let at = self.pos;
        self.error(at, UNTERMINATED_QUOTE);
        None
    }
}

/// Unquotes the inside of a quoted logfmt value with Go string-literal-like
/// JSON escapes: `\" \\ \/ \' \b \f \n \r \t \uXXXX`; an invalid surrogate
/// gives U+FFFD. `None` on any other escape.
fn unquote(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut lit = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[lit..i]);
        let e = *b.get(i + 1)?;
        match e {
            b'"' | b'\\' | b'/' | b'\'' => {
                out.push(e as char);
                i += 2;
            }
            b'b' => {
                out.push('\u{8}');
                i += 2;
            }
            b'f' => {
                out.push('\u{c}');
                i += 2;
            }
            b'n' => {
                out.push('\n');
                i += 2;
            }
            b'r' => {
                out.push('\r');
                i += 2;
            }
            b't' => {
                out.push('\t');
                i += 2;
            }
            b'u' => {
                let r = hex4(&b[i + 2..])?;
                i += 6;
                if (0xD800..=0xDFFF).contains(&r) {
                    let low = (b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u'))
                        .then(|| hex4(&b[i + 2..]))
                        .flatten();
                    match low {
                        Some(r2) if r < 0xDC00 && (0xDC00..=0xDFFF).contains(&r2) => {
                            let c = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                            out.push(char::from_u32(c)?);
                            i += 6;
                        }
                        _ => out.push('\u{FFFD}'),
                    }
                } else {
                    out.push(char::from_u32(r)?);
                }
            }
            _ => return None,
        }
        lit = i;
    }
    out.push_str(&s[lit..]);
    Some(out)
}

/// `| logfmt`: with no `params`, every `key=value` pair becomes a label
/// (sanitised key; empty values and bare keys only with `keep_empty`; U+FFFD
/// in values replaced by a space). With `params` (`(label, key)`, `a` being
/// `("a", "a")`), every label is first emitted as `""`, then set from the
/// line key equal to its `key` (or, as in Loki, to the label name itself);
/// `keep_empty` does not apply there.
///
/// Malformed pairs are skipped. Only with `strict` does parsing stop at the
/// first malformed pair and return its error (labels found before stay).
pub fn logfmt(
    line: &str,
    strict: bool,
    keep_empty: bool,
    params: &[(String, String)],
    sink: &mut dyn Sink,
) -> Result<(), ParserError> {
    if !strict && params.is_empty() {
        lenient(line, keep_empty, sink);
        return Ok(());
    }
    decode(line, strict, keep_empty, params, sink)
}

/// [`logfmt`] by the decoder, which knows error positions.
fn decode(
    line: &str,
    strict: bool,
    keep_empty: bool,
    params: &[(String, String)],
    sink: &mut dyn Sink,
) -> Result<(), ParserError> {
    for (label, _) in params {
        if !sink.is_stream_label(label) {
            sink.emit(label, Cow::Borrowed(""));
        }
    }
    let mut dec = Decoder::new(line);
    while !dec.eol() {
        let Some((key, value)) = dec.scan() else {
            if strict {
                break;
            }
            continue;
        };
        // A bare key or an empty value is dropped unless kept: decided
        // before the key is sanitised, which can cost an allocation.
        if params.is_empty() && !keep_empty && value.is_empty() {
            continue;
        }
        let name = sanitize_label_name(key);
        if name.is_empty() {
            continue;
        }
        if params.is_empty() {
            if !sink.wants(&name) {
                continue;
            }
            let value = replace_rune_error(value);
            if !keep_empty && value.is_empty() {
                continue;
            }
            sink.emit(&name, value);
        } else {
            let target = params
                .iter()
                .find(|(_, k)| *k == *name)
                .or_else(|| params.iter().find(|(l, _)| *l == *name));
            if let Some((label, _)) = target {
                let value = if value.contains('\u{FFFD}') {
                    Cow::Borrowed("")
                } else {
                    value
                };
                sink.emit(label, value);
            }
        }
    }
    match dec.err {
        Some(e) if strict => Err(e),
        _ => Ok(()),
    }
}

/// `| logfmt` without `--strict` or params, the common case: the pairs the
/// decoder finds (malformed ones skipped the way it skips them), found with
/// word-at-a-time scans, and the value of a key the sink does not want
/// stepped over rather than decoded.
fn lenient(line: &str, keep_empty: bool, sink: &mut dyn Sink) {
    let b = line.as_bytes();
    // Most keys are no wanted name's length: no need to ask the sink.
    let lengths = sink.may_want_lengths();
    let mut pos = 0;
    loop {
        while pos < b.len() && b[pos] <= b' ' {
            pos += 1;
        }
        if pos >= b.len() {
            return;
        }
        let start = pos;
        let stop = find_logfmt_stop(b, start);
        // Keys and values start and stop next to ASCII bytes (or at the
        // ends of the line), so these ranges are on char boundaries.
        let key = line.get(start..stop).unwrap_or_default();
        let invalid = !key.is_ascii() && key.contains('\u{FFFD}');
        if stop == b.len() || b[stop] <= b' ' {
            // A bare key.
            pos = stop;
            if !invalid {
                emit_pair(key, Cow::Borrowed(""), keep_empty, sink);
            }
            continue;
        }
        if b[stop] == b'"' || stop == start || invalid {
            // A quote in a key, `=` with no key, or an invalid key.
            pos = find_blank(b, stop);
            continue;
        }
        // `stop` is the `=` after the key.
        let at = stop + 1;
        if at >= b.len() || b[at] <= b' ' {
            pos = at;
            emit_pair(key, Cow::Borrowed(""), keep_empty, sink);
            continue;
        }
        let name = sanitize_label_name(key);
        let wanted =
            !name.is_empty() && lengths & name_length_bit(name.len()) != 0 && sink.wants(&name);
        if b[at] == b'"' {
            let Some((close, escaped)) = closing_quote(b, at + 1) else {
                return; // unterminated: nothing follows
            };
            pos = close + 1;
            if !wanted {
                continue;
            }
            let raw = line.get(at + 1..close).unwrap_or_default();
            let value = if escaped {
                match unquote(raw) {
                    Some(v) => Cow::Owned(v),
                    None => continue,
                }
            } else {
                Cow::Borrowed(raw)
            };
            emit_named(&name, value, keep_empty, sink);
            continue;
        }
        let end = if wanted {
            find_logfmt_stop(b, at)
        } else {
            find_blank(b, at)
        };
        if end < b.len() && b[end] > b' ' {
            // `=` or `"` inside an unquoted value: the pair is skipped.
            pos = find_blank(b, end);
            continue;
        }
        pos = end;
        if wanted {
            let value = line.get(at..end).unwrap_or_default();
            emit_named(&name, Cow::Borrowed(value), keep_empty, sink);
        }
    }
}

/// The closing quote of a quoted value whose text starts at `from`, and
/// whether the text holds escapes; `None` when the line ends first.
fn closing_quote(b: &[u8], mut from: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        let i = from + memchr::memchr2(b'"', b'\\', b.get(from..)?)?;
        if b[i] == b'"' {
            return Some((i, escaped));
        }
        escaped = true;
        from = i + 2;
    }
}

/// A decoded pair, kept as the decoder's caller keeps it.
fn emit_pair(key: &str, value: Cow<'_, str>, keep_empty: bool, sink: &mut dyn Sink) {
    if !keep_empty && value.is_empty() {
        return;
    }
    let name = sanitize_label_name(key);
    if name.is_empty() || !sink.wants(&name) {
        return;
    }
    emit_named(&name, value, keep_empty, sink);
}

/// A wanted pair's value, with U+FFFD replaced; empty ones only when kept.
fn emit_named(name: &str, value: Cow<'_, str>, keep_empty: bool, sink: &mut dyn Sink) {
    let value = replace_rune_error(value);
    if !keep_empty && value.is_empty() {
        return;
    }
    sink.emit(name, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        line: &str,
        strict: bool,
        keep_empty: bool,
        params: &[(&str, &str)],
    ) -> (Vec<(String, String)>, Result<(), ParserError>) {
        let params: Vec<(String, String)> = params
            .iter()
            .map(|(l, k)| (l.to_string(), k.to_string()))
            .collect();
        let mut v = Vec::new();
        let r = logfmt(line, strict, keep_empty, &params, &mut v);
        (v, r)
    }

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Lines built from pieces that exercise every branch: quotes,
    /// escapes, stray `=` and `"`, multibyte and invalid keys, blanks.
    fn tricky_lines() -> Vec<String> {
        let pieces = [
            "a=1",
            "b=\"x y\"",
            "c=",
            "d",
            "=e",
            "f=\"esc \\\" q\"",
            "g=h=i",
            "j=k\"l",
            "\"m\"=n",
            "é=1",
            "\u{FFFD}k=2",
            "v=\u{FFFD}",
            "w=\"bad \\q\"",
            "x=\"open",
            "status=503",
            "took=12ms",
            " ",
            "\t",
            "y=\"\"",
            "k-1=z",
            "1a=2",
            "a=dup",
        ];
        let mut lines = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..(seed % 7) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed % 5 != 0 {
                    line.push(' ');
                }
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            lines.push(line);
        }
        lines
    }

    #[test]
    fn the_fast_path_finds_what_the_decoder_finds() {
        struct Wanting(Vec<(String, String)>, &'static [&'static str]);
        impl Sink for Wanting {
            fn emit(&mut self, key: &str, value: Cow<'_, str>) {
                self.0.emit(key, value);
            }
            fn wants(&self, key: &str) -> bool {
                self.1.is_empty() || self.1.contains(&key)
            }
        }
        for line in tricky_lines() {
            for keep_empty in [false, true] {
                for wanted in [&[][..], &["a", "b", "status", "k_1", "_1a"][..]] {
                    let mut fast = Wanting(Vec::new(), wanted);
                    lenient(&line, keep_empty, &mut fast);
                    let mut slow = Wanting(Vec::new(), wanted);
                    let _ = decode(&line, false, keep_empty, &[], &mut slow);
                    assert_eq!(fast.0, slow.0, "{line:?} keep_empty={keep_empty}");
                }
            }
        }
    }

    #[test]
    fn docs_example() {
        let (v, r) = run(
            r#"at=info method=GET path=/ host=grafana.net fwd="124.133.124.161" service=8ms status=200"#,
            false,
            false,
            &[],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("at", "info"),
                ("method", "GET"),
                ("path", "/"),
                ("host", "grafana.net"),
                ("fwd", "124.133.124.161"),
                ("service", "8ms"),
                ("status", "200"),
            ])
        );
    }

    #[test]
    fn quoting_and_escapes() {
        let (v, r) = run(
            r#"msg="hello \"world\"\n" a="" u="\u00e9\ud83d\ude00" sq="it\'s" lone="\ud800x" k-1=v"#,
            false,
            true,
            &[],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[
                ("msg", "hello \"world\"\n"),
                ("a", ""),
                ("u", "é😀"),
                ("sq", "it's"),
                ("lone", " x"),
                ("k_1", "v"),
            ])
        );
    }

    #[test]
    fn keep_empty() {
        let line = "key1=value1 key2 key3= key4=\"\"";
        let (v, _) = run(line, false, false, &[]);
        assert_eq!(v, labels(&[("key1", "value1")]));
        let (v, _) = run(line, false, true, &[]);
        assert_eq!(
            v,
            labels(&[("key1", "value1"), ("key2", ""), ("key3", ""), ("key4", "")])
        );
    }

    #[test]
    fn non_strict_skips_bad_pairs() {
        let (v, r) = run(r#"a=1 b=2=3 "c"=4 =5 d="x e=6"#, false, false, &[]);
        assert_eq!(r, Ok(()));
        assert_eq!(v, labels(&[("a", "1")]));
        let (v, r) = run(r#"a=1 url=http://x?y=z c=3 w="q"x=7"#, false, false, &[]);
        assert_eq!(r, Ok(()));
        assert_eq!(v, labels(&[("a", "1"), ("c", "3"), ("w", "q"), ("x", "7")]));
    }

    #[test]
    fn strict_errors() {
        let e = |line: &str| run(line, true, false, &[]);
        let (v, r) = e("a=1 b=2=3 c=4");
        assert_eq!(v, labels(&[("a", "1")]));
        assert_eq!(
            r.unwrap_err().to_string(),
            "logfmt syntax error at pos 8 : unexpected '='"
        );
        assert_eq!(
            e("abc ==x").1.unwrap_err().to_string(),
            "logfmt syntax error at pos 5 : unexpected '='"
        );
        assert_eq!(
            e(r#"a "b"=1"#).1.unwrap_err().to_string(),
            "logfmt syntax error at pos 3 : unexpected '\"'"
        );
        assert_eq!(
            e(r#"a=b"c"#).1.unwrap_err().to_string(),
            "logfmt syntax error at pos 4 : unexpected '\"'"
        );
        assert_eq!(
            e(r#"a="xyz"#).1.unwrap_err().to_string(),
            "logfmt syntax error at pos 7 : unterminated quoted value"
        );
        assert_eq!(
            e(r#"a="x\qz" b=1"#).1.unwrap_err().to_string(),
            "logfmt syntax error at pos 9 : invalid quoted value"
        );
        assert_eq!(
            e("k\u{FFFD}=1").1.unwrap_err().to_string(),
            "logfmt syntax error at pos 5 : invalid key"
        );
        let err = e("a=1 =2").1.unwrap_err();
        assert_eq!(err.error_label(), "LogfmtParserErr");
        assert_eq!(
            err.error_details().as_deref(),
            Some("logfmt syntax error at pos 5 : unexpected '='")
        );
        // A clean line has no error in strict mode.
        assert_eq!(e("a=1 b=\"two\"  ").1, Ok(()));
    }

    #[test]
    fn values_and_keys() {
        let (v, _) = run(
            "1a=x a.b=y é=z dup=1 dup=2 \t\u{1}v=\u{FFFD}w",
            false,
            false,
            &[],
        );
        assert_eq!(
            v,
            labels(&[
                ("_1a", "x"),
                ("a_b", "y"),
                ("_", "z"),
                ("dup", "2"),
                ("v", " w")
            ])
        );
    }

    #[test]
    fn with_params() {
        let line = "at=info method=GET path=/ host=grafana.net status=200";
        let (v, r) = run(
            line,
            false,
            false,
            &[("host", "host"), ("code", "status"), ("missing", "nope")],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            labels(&[("host", "grafana.net"), ("code", "200"), ("missing", "")])
        );
        // Empty values are kept (as ""), keep_empty or not; a line key equal
        // to a label name also sets it, as in Loki.
        let (v, _) = run("a= b=1 c=2", false, false, &[("a", "a"), ("b", "c")]);
        assert_eq!(v, labels(&[("a", ""), ("b", "2")]));
        // U+FFFD empties the value in this form.
        let (v, _) = run("a=x\u{FFFD}", false, false, &[("a", "a")]);
        assert_eq!(v, labels(&[("a", "")]));
        // Strict applies.
        let (v, r) = run("a=1 b==2 c=3", true, false, &[("a", "a"), ("c", "c")]);
        assert_eq!(v, labels(&[("a", "1"), ("c", "")]));
        assert!(r.is_err());
    }

    #[test]
    fn no_panics() {
        let corpus = [
            "a=\"\\u",
            "a=\"\\ud800\\u",
            "a=\"\\",
            "a=\"é\\\"",
            "é=é",
            "=",
            "\"",
            "a=\"x\"\"",
            "a==",
            "a=\"\\uD83D\\uDE0",
            "  ",
            "a b c",
            "é\u{FFFD}",
        ];
        for line in corpus {
            for cut in 0..=line.len() {
                if !line.is_char_boundary(cut) {
                    continue;
                }
                for strict in [false, true] {
                    let mut v = Vec::new();
                    let _ = logfmt(&line[..cut], strict, true, &[], &mut v);
                }
            }
        }
    }
}
