//! `| pattern "<ip> - <_> ..."` and the `|>` / `!>` pattern line filters.

use std::borrow::Cow;

use memchr::memmem::Finder;

use super::Sink;
use logql::pattern::{Pattern, PatternPart};

enum Node {
    Lit(Box<Finder<'static>>),
    Capture(Option<String>),
}

impl Node {
    fn literal(&self) -> Option<&Finder<'static>> {
        match self {
            Node::Lit(f) => Some(f),
            Node::Capture(_) => None,
        }
    }
}

/// A compiled pattern. [`extract`](Self::extract) has the semantics of
/// Loki's `| pattern` parser and [`is_match`](Self::is_match) those of its
/// `|>` filter; they differ, as in Loki:
///
/// * `extract`: a leading literal must be at the start of the line; each
///   capture takes the text up to the first occurrence of the next literal;
///   a trailing capture takes the rest of the line; a trailing literal only
///   has to occur somewhere. Captures may be empty. When a literal is not
///   found, the capture before it takes the rest of the line and later
///   captures are not emitted (partial extraction).
/// * `is_match`: literals are searched left to right (first occurrence,
///   the leading one included, which is not anchored); a capture may not be
///   empty; a pattern ending in a literal must end the line, one ending in a
///   capture must leave text for it. An empty line matches nothing.
pub struct PatternMatcher {
    nodes: Vec<Node>,
}

impl std::fmt::Debug for PatternMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut l = f.debug_list();
        for n in &self.nodes {
            match n {
                Node::Lit(fi) => l.entry(&String::from_utf8_lossy(fi.needle())),
                Node::Capture(c) => l.entry(&format!("<{}>", c.as_deref().unwrap_or("_"))),
            };
        }
        l.finish()
    }
}

impl PatternMatcher {
    pub fn new(p: &Pattern) -> PatternMatcher {
        // Merge adjacent literals and drop empty ones, so literals and
        // captures alternate as the parsed AST guarantees anyway.
        let mut nodes: Vec<Node> = Vec::with_capacity(p.parts.len());
        let mut pending = String::new();
        for part in &p.parts {
            match part {
                PatternPart::Literal(l) => pending.push_str(l),
                PatternPart::Capture(c) => {
                    if !pending.is_empty() {
                        let lit = std::mem::take(&mut pending);
                        nodes.push(Node::Lit(Box::new(
                            Finder::new(lit.as_bytes()).into_owned(),
                        )));
                    }
                    nodes.push(Node::Capture(c.clone()));
                }
            }
        }
        if !pending.is_empty() {
            nodes.push(Node::Lit(Box::new(
                Finder::new(pending.as_bytes()).into_owned(),
            )));
        }
        PatternMatcher { nodes }
    }

    /// The `|>` filter test (negate it for `!>`).
    pub fn is_match(&self, line: &str) -> bool {
        let b = line.as_bytes();
        if b.is_empty() || self.nodes.is_empty() {
            return b.is_empty() && self.nodes.is_empty();
        }
        let mut off = 0;
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(f) = node.literal() else {
                continue;
            };
            let Some(j) = f.find(&b[off..]) else {
                return false;
            };
            if i != 0 && j == 0 {
                return false;
            }
            off += j + f.needle().len();
        }
        let ends_on_capture = matches!(self.nodes.last(), Some(Node::Capture(_)));
        ends_on_capture == (off != b.len())
    }

    /// `| pattern`: emits the named captures (unnamed `<_>` ones are not
    /// emitted) and returns whether every literal was found. A line whose
    /// leading literal does not match, or an empty line, emits nothing.
    pub fn extract(&self, line: &str, sink: &mut dyn Sink) -> bool {
        if line.is_empty() || self.nodes.is_empty() {
            return false;
        }
        let mut rest = line;
        let mut nodes = &self.nodes[..];
        if let Some(f) = nodes[0].literal() {
            let Some(tail) = rest.as_bytes().strip_prefix(f.needle()) else {
                return false;
            };
            rest = &rest[rest.len() - tail.len()..];
            nodes = &nodes[1..];
        }
        if nodes.is_empty() {
            return false;
        }
        let emit = |sink: &mut dyn Sink, name: &Option<String>, v: &str| {
            if let Some(n) = name {
                sink.emit(n, Cow::Borrowed(v));
            }
        };
        while let Some((first, tail)) = nodes.split_first() {
            let Node::Capture(name) = first else {
                // Only reachable after a trailing literal was consumed below.
                return true;
            };
            match tail.first() {
                None => {
                    emit(sink, name, rest);
                    return true;
                }
                Some(Node::Capture(_)) => {
                    // Two adjacent captures (not produced by the parser):
                    // the first one is empty.
                    emit(sink, name, "");
                    nodes = tail;
                }
                Some(Node::Lit(f)) => match f.find(rest.as_bytes()) {
                    None => {
                        emit(sink, name, rest);
                        return false;
                    }
                    Some(i) => {
                        emit(sink, name, &rest[..i]);
                        rest = &rest[i + f.needle().len()..];
                        nodes = &tail[1..];
                    }
                },
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(p: &str) -> PatternMatcher {
        PatternMatcher::new(&Pattern::parse_filter(p).unwrap())
    }

    fn run(p: &str, line: &str) -> (Vec<String>, bool, bool) {
        let m = matcher(p);
        let mut v: Vec<(String, String)> = Vec::new();
        let full = m.extract(line, &mut v);
        (
            v.into_iter().map(|(_, v)| v).collect(),
            full,
            m.is_match(line),
        )
    }

    #[test]
    fn docs_nginx_example() {
        let m = matcher(r#"<ip> - - <_> "<method> <uri> <_>" <status> <size> <_> "<agent>" <_>"#);
        let line = r#"0.191.12.2 - - [10/Jun/2021:09:14:29 +0000] "GET /api/plugins/versioncheck HTTP/1.1" 200 2 "-" "Go-http-client/2.0" "13.76.247.102, 34.120.177.193" "TLSv1.2" "US" """#;
        let mut v: Vec<(String, String)> = Vec::new();
        assert!(m.extract(line, &mut v));
        let want = [
            ("ip", "0.191.12.2"),
            ("method", "GET"),
            ("uri", "/api/plugins/versioncheck"),
            ("status", "200"),
            ("size", "2"),
            ("agent", "Go-http-client/2.0"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(v, want);
        assert!(m.is_match(line));
    }

    #[test]
    fn extraction_and_filter_semantics() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // (pattern, line, captures, all literals found, |> matches)
        assert_eq!(
            run("foo <foo> bar", "foo buzz bar"),
            (s(&["buzz"]), true, true)
        );
        assert_eq!(
            run("foo <foo> bar<fuzz>", "foo buzz bar"),
            (s(&["buzz", ""]), true, false)
        );
        assert_eq!(
            run("<foo>foo <bar> bar", "foo buzz bar"),
            (s(&["", "buzz"]), true, false)
        );
        assert_eq!(run("<foo> bar<fuzz>", " bar"), (s(&["", ""]), true, false));
        assert_eq!(run("<foo>bar<baz>", " bar "), (s(&[" ", " "]), true, true));
        assert_eq!(run("<foo> bar<baz>", " bar "), (s(&["", " "]), true, false));
        assert_eq!(run("<foo>bar <baz>", " bar "), (s(&[" ", ""]), true, false));
        assert_eq!(run("<foo>", " bar "), (s(&[" bar "]), true, true));
        // A missing literal: the capture before it takes the rest.
        assert_eq!(
            run("<path>?<_>", "/api/plugins/status"),
            (s(&["/api/plugins/status"]), false, false)
        );
        assert_eq!(run("<path>?<_>", "/a?b=c"), (s(&["/a"]), true, true));
        // A trailing literal need not end the line for extraction.
        assert_eq!(run("<level> [", "INFO [x]"), (s(&["INFO"]), true, false));
        // A leading literal is anchored for extraction only.
        assert_eq!(run("foo <x>", "a foo b"), (s(&[]), false, true));
        assert_eq!(run("foo <x>", "foo b"), (s(&["b"]), true, true));
        // Unicode literals and captures.
        assert_eq!(
            run("unicode <emoji> character", "unicode 🤷 character"),
            (s(&["🤷"]), true, true)
        );
        assert_eq!(
            run("unicode ▶ <what>", "unicode ▶ character"),
            (s(&["character"]), true, true)
        );
        // Empty line: nothing.
        assert_eq!(run("<a> b", ""), (s(&[]), false, false));
    }

    #[test]
    fn line_filter() {
        let m = matcher("<_> error <_>");
        assert!(m.is_match("level=info an error occurred"));
        assert!(!m.is_match("error occurred"));
        assert!(!m.is_match("an error "));
        assert!(!m.is_match("no problems"));
        let m = matcher("<_>");
        assert!(m.is_match("x"));
        assert!(!m.is_match(""));
        let m = matcher("<_> bar");
        assert!(!m.is_match("foo bar baz"));
        assert!(matcher("<_> baz").is_match("foo bar baz"));
        assert!(matcher("foo <_>").is_match("foo bar baz"));
    }

    #[test]
    fn common_log_format() {
        let (v, full, _) = run(
            r#"<ip> <userid> <user> [<_>] "<method> <path> <_>" <status> <size>"#,
            r#"127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#,
        );
        assert!(full);
        assert_eq!(
            v,
            [
                "127.0.0.1",
                "user-identifier",
                "frank",
                "GET",
                "/apache_pb.gif",
                "200",
                "2326"
            ]
        );
    }

    #[test]
    fn hand_built_asts_do_not_panic() {
        let p = Pattern {
            parts: vec![
                PatternPart::Capture(Some("a".into())),
                PatternPart::Capture(Some("b".into())),
                PatternPart::Literal(String::new()),
                PatternPart::Literal("x".into()),
                PatternPart::Literal("y".into()),
            ],
        };
        let m = PatternMatcher::new(&p);
        let mut v: Vec<(String, String)> = Vec::new();
        assert!(m.extract("12xy", &mut v));
        assert_eq!(v, [("a".into(), "".into()), ("b".into(), "12".into())]);
        let m = PatternMatcher::new(&Pattern { parts: vec![] });
        assert!(m.is_match(""));
        assert!(!m.extract("x", &mut v));
    }
}
