//! Extraction of the message part of structured (JSON / logfmt) lines.

use std::borrow::Cow;

/// Field names that carry the human-readable message, in priority order.
pub const MESSAGE_KEYS: [&str; 10] = [
    "msg",
    "message",
    "log",
    "Message",
    "MESSAGE",
    "Msg",
    "short_message",
    "@message",
    "text",
    // structlog's
    "event",
];

/// The message part of a line: the `msg`/`message`/`log` field of JSON or
/// logfmt lines, else the line itself.
pub fn message_of(line: &str) -> Cow<'_, str> {
    let t = line.trim();
    if t.starts_with('{') && t.ends_with('}') {
        if let Some(m) = json_message(t) {
            return Cow::Owned(m);
        }
        return Cow::Borrowed(line);
    }
    // Every logfmt reading below needs a message key before an `=`; most
    // lines have none, and are settled by one scan.
    if !has_message_key(t.as_bytes()) {
        return Cow::Borrowed(line);
    }
    if let Some(m) = logfmt_message(t) {
        return m;
    }
    // `2024-05-01T10:00:00Z level=info msg="..."`: logfmt after a leading
    // timestamp (or two header tokens).
    let mut rest = t;
    for _ in 0..2 {
        let Some((head, tail)) = rest.split_once(char::is_whitespace) else {
            break;
        };
        if head.contains('=') {
            break;
        }
        rest = tail.trim_start();
        if let Some(m) = logfmt_message(rest) {
            return m;
        }
    }
    Cow::Borrowed(line)
}

fn json_message(t: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(t).ok()?;
    let map = v.as_object()?;
    for k in MESSAGE_KEYS {
        match map.get(k) {
            Some(serde_json::Value::String(s)) => return Some(s.clone()),
            Some(serde_json::Value::Null) | None => {}
            Some(other) => return Some(other.to_string()),
        }
    }
    None
}

#[inline]
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'@' | b'/')
}

/// Whether some `=` follows a whole message key (`msg=`, not `xmsg=`).
/// A key's last byte is one of few, so most `=` are ruled out by one test.
fn has_message_key(b: &[u8]) -> bool {
    memchr::memchr_iter(b'=', b).any(|p| {
        if p == 0 || !matches!(b[p - 1], b'g' | b'e' | b'E' | b't') {
            return false;
        }
        MESSAGE_KEYS.iter().any(|k| {
            let k = k.as_bytes();
            b[..p].ends_with(k) && (p == k.len() || !is_key_byte(b[p - k.len() - 1]))
        })
    })
}

/// Parse `t` as logfmt (`k=v k="quoted v" flag`); returns the message field
/// if the whole line is logfmt and has one.
fn logfmt_message(t: &str) -> Option<Cow<'_, str>> {
    let b = t.as_bytes();
    // cheap pre-check: the first token must be `key=`
    let first_eq = memchr::memchr(b'=', b)?;
    if first_eq == 0 || !b[..first_eq].iter().all(|&c| is_key_byte(c)) {
        return None;
    }
    if !has_message_key(b) {
        return None;
    }
    let mut i = 0;
    let mut found: Option<Cow<'_, str>> = None;
    let mut found_rank = usize::MAX;
    let mut pairs = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let ks = i;
        while i < b.len() && is_key_byte(b[i]) {
            i += 1;
        }
        if i == ks {
            return None;
        }
        let key = &t[ks..i];
        if i >= b.len() || b[i].is_ascii_whitespace() {
            continue; // bare key
        }
        if b[i] != b'=' {
            return None;
        }
        i += 1;
        pairs += 1;
        let value: Cow<'_, str> = if i < b.len() && b[i] == b'"' {
            i += 1;
            let vs = i;
            let mut escaped = false;
            let mut has_escape = false;
            while i < b.len() {
                if escaped {
                    escaped = false;
                } else if b[i] == b'\\' {
                    escaped = true;
                    has_escape = true;
                } else if b[i] == b'"' {
                    break;
                }
                i += 1;
            }
            if i >= b.len() {
                return None; // unterminated quote
            }
            let raw = &t[vs..i];
            i += 1;
            if i < b.len() && !b[i].is_ascii_whitespace() {
                return None;
            }
            if has_escape {
                Cow::Owned(unescape(raw))
            } else {
                Cow::Borrowed(raw)
            }
        } else {
            let vs = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                if b[i] == b'"' {
                    return None;
                }
                i += 1;
            }
            Cow::Borrowed(&t[vs..i])
        };
        if let Some(rank) = MESSAGE_KEYS.iter().position(|k| *k == key) {
            if rank < found_rank {
                found_rank = rank;
                found = Some(value);
            }
        }
    }
    if pairs >= 1 {
        found
    } else {
        None
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines() {
        assert_eq!(message_of(r#"{"level":"info","msg":"hello 1"}"#), "hello 1");
        assert_eq!(message_of(r#"{"message":"a b","log":"x"}"#), "a b");
        assert_eq!(message_of(r#"{"log":"docker line\n"}"#), "docker line\n");
        assert_eq!(message_of(r#"{"level":"info"}"#), r#"{"level":"info"}"#);
        assert_eq!(message_of("{not json}"), "{not json}");
    }

    #[test]
    fn logfmt_lines() {
        assert_eq!(
            message_of(
                r#"level=info ts=2024-01-01T00:00:00Z msg="user 42 logged in" caller=x.go:12"#
            ),
            "user 42 logged in"
        );
        assert_eq!(message_of("level=warn msg=done"), "done");
        assert_eq!(message_of(r#"msg="say \"hi\"" a=1"#), "say \"hi\"");
        // not logfmt: prose after a pair
        assert_eq!(message_of("user=bob logged in"), "user=bob logged in");
        assert_eq!(message_of("plain text line"), "plain text line");
        assert_eq!(
            message_of("a=\"unterminated msg=x"),
            "a=\"unterminated msg=x"
        );
        assert_eq!(message_of("=x msg=y"), "=x msg=y");
    }
}
