//! Line filters compiled for matching: substring (memchr's SIMD search),
//! regular expression (RE2 semantics via the `regex` crate), pattern and ip.

use memchr::memmem;
use regex::Regex;

use super::parsers::PatternMatcher;
use super::EngineError;
use logql::ipmatch::IpMatcher;
use logql::pattern::Pattern;
use logql::{FilterValue, LineFilter, LineFilterOp};

/// One `|= "a" or "b"`-style filter; it keeps a line when any alternative
/// matches (positive ops) or when none does (negative ops).
#[derive(Debug)]
pub struct LineMatcher {
    negated: bool,
    alternatives: Vec<Alternative>,
}

#[derive(Debug)]
enum Alternative {
    /// The empty string matches every line.
    Everything,
    Substring(Box<memmem::Finder<'static>>),
    Regex(Regex),
    Pattern(PatternMatcher),
    Ip(IpMatcher),
}

impl LineMatcher {
    pub fn new(f: &LineFilter) -> Result<LineMatcher, EngineError> {
        let bad = |e: String| EngineError::BadQuery(e);
        let alternatives = f
            .values
            .iter()
            .map(|v| match (f.op, v) {
                (_, FilterValue::Ip(cidr)) => IpMatcher::parse(cidr)
                    .map(Alternative::Ip)
                    .map_err(|e| bad(e.to_string())),
                (_, FilterValue::Text(t)) if t.is_empty() => Ok(Alternative::Everything),
                (LineFilterOp::Contains | LineFilterOp::NotContains, FilterValue::Text(t)) => {
                    Ok(Alternative::Substring(Box::new(
                        memmem::Finder::new(t.as_bytes()).into_owned(),
                    )))
                }
                (LineFilterOp::Regex | LineFilterOp::NotRegex, FilterValue::Text(t)) => {
                    logql::regex_check::compile(t)
                        .map(Alternative::Regex)
                        .map_err(|e| bad(e.to_string()))
                }
                (LineFilterOp::Pattern | LineFilterOp::NotPattern, FilterValue::Text(t)) => {
                    Pattern::parse_filter(t)
                        .map(|p| Alternative::Pattern(PatternMatcher::new(&p)))
                        .map_err(|e| bad(e.to_string()))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(LineMatcher {
            negated: f.op.is_negative(),
            alternatives,
        })
    }

    pub fn is_match(&self, line: &str) -> bool {
        let any = self.alternatives.iter().any(|a| a.is_match(line));
        any != self.negated
    }

    /// The literal a line must contain, when this filter is one positive
    /// substring: callers can then search whole buffers at once.
    pub fn required_literal(&self) -> Option<&[u8]> {
        match (self.negated, self.alternatives.as_slice()) {
            (false, [Alternative::Substring(f)]) => Some(f.needle()),
            _ => None,
        }
    }
}

impl Alternative {
    fn is_match(&self, line: &str) -> bool {
        match self {
            Alternative::Everything => true,
            Alternative::Substring(f) => f.find(line.as_bytes()).is_some(),
            Alternative::Regex(r) => r.is_match(line),
            Alternative::Pattern(p) => p.is_match(line),
            Alternative::Ip(ip) => contains_ip(line, ip),
        }
    }
}

/// Whether any address-looking token of the line falls in `ip`.
pub fn contains_ip(line: &str, ip: &IpMatcher) -> bool {
    let is_ip_char = |c: char| c.is_ascii_hexdigit() || c == '.' || c == ':';
    line.split(|c: char| !is_ip_char(c))
        .filter(|tok| tok.len() >= 2 && (tok.contains('.') || tok.contains(':')))
        .filter_map(|tok| {
            let tok = tok.trim_matches(|c| c == '.' || c == ':');
            tok.parse::<std::net::IpAddr>().ok().or_else(|| {
                // `10.0.0.1:8080`: an IPv4 address with a port.
                tok.rsplit_once(':')
                    .and_then(|(addr, _)| addr.parse::<std::net::Ipv4Addr>().ok())
                    .map(std::net::IpAddr::V4)
            })
        })
        .any(|addr| ip.contains(addr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use logql::{parse, Expr, Stage};

    fn matcher(q: &str) -> LineMatcher {
        let Ok(Expr::Log(log)) = parse(q) else {
            panic!()
        };
        let Stage::LineFilter(f) = &log.pipeline[0] else {
            panic!()
        };
        LineMatcher::new(f).unwrap()
    }

    #[test]
    fn substring_regex_pattern_ip() {
        assert!(matcher(r#"{a="b"} |= "err" or "warn""#).is_match("a warning"));
        assert!(!matcher(r#"{a="b"} != "err""#).is_match("an error"));
        assert!(matcher(r#"{a="b"} |~ "(?i)ERR.r""#).is_match("an error"));
        assert!(matcher(r#"{a="b"} |> "<_> GET <_>""#).is_match("1.2.3.4 GET /x"));
        assert!(!matcher(r#"{a="b"} |> "<_> GET <_>""#).is_match("1.2.3.4 POST /x"));
        let ip = matcher(r#"{a="b"} |= ip("10.0.0.0/8")"#);
        assert!(ip.is_match("from 10.1.2.3:5000 ok"));
        assert!(!ip.is_match("from 11.1.2.3 ok"));
        assert!(matcher(r#"{a="b"} != ip("10.0.0.0/8")"#).is_match("from 11.1.2.3 ok"));
        assert!(matcher(r#"{a="b"} |= """#).is_match("anything"));
        assert_eq!(
            matcher(r#"{a="b"} |= "err""#).required_literal(),
            Some(&b"err"[..])
        );
    }
}
