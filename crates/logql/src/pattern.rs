//! The `pattern` parser's expression language: literals and `<name>` captures.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternPart {
    Literal(String),
    /// `<name>`; `None` for the unnamed `<_>`.
    Capture(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub parts: Vec<PatternPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error(
        "invalid pattern: at least one named capture is required (write <name> around a field)"
    )]
    NoCapture,
    #[error("invalid pattern: consecutive captures <{0}> are not allowed; put literal text between them")]
    ConsecutiveCaptures(String),
    #[error("invalid pattern: duplicate capture name <{0}>")]
    DuplicateCapture(String),
    #[error("invalid pattern: the pattern is empty")]
    Empty,
}

impl Pattern {
    /// Parse a pattern for the `| pattern` parser: at least one named capture.
    pub fn parse(src: &str) -> Result<Pattern, PatternError> {
        let p = Pattern::parse_filter(src)?;
        if !p
            .parts
            .iter()
            .any(|part| matches!(part, PatternPart::Capture(Some(_))))
        {
            return Err(PatternError::NoCapture);
        }
        Ok(p)
    }

    /// Parse a pattern for the `|>` line filter, where `<_>` alone is fine.
    pub fn parse_filter(src: &str) -> Result<Pattern, PatternError> {
        if src.is_empty() {
            return Err(PatternError::Empty);
        }
        let mut parts: Vec<PatternPart> = Vec::new();
        let mut literal = String::new();
        let mut rest = src;
        while !rest.is_empty() {
            if let Some(name) = capture_at(rest) {
                if !literal.is_empty() {
                    parts.push(PatternPart::Literal(std::mem::take(&mut literal)));
                }
                if matches!(parts.last(), Some(PatternPart::Capture(_))) {
                    return Err(PatternError::ConsecutiveCaptures(name.to_string()));
                }
                let capture = (name != "_").then(|| name.to_string());
                if let Some(n) = &capture {
                    if parts
                        .iter()
                        .any(|p| matches!(p, PatternPart::Capture(Some(m)) if m == n))
                    {
                        return Err(PatternError::DuplicateCapture(n.clone()));
                    }
                }
                parts.push(PatternPart::Capture(capture));
                rest = &rest[name.len() + 2..];
            } else {
                let c = rest.chars().next().unwrap_or_default();
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !literal.is_empty() {
            parts.push(PatternPart::Literal(literal));
        }
        Ok(Pattern { parts })
    }

    pub fn capture_names(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            PatternPart::Capture(Some(n)) => Some(n.as_str()),
            _ => None,
        })
    }
}

/// If `s` starts with `<ident>`, the identifier.
fn capture_at(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('<')?;
    let end = inner.find('>')?;
    let name = &inner[..end];
    let mut chars = name.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some(name)
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.parts {
            match p {
                PatternPart::Literal(l) => f.write_str(l)?,
                PatternPart::Capture(Some(n)) => write!(f, "<{n}>")?,
                PatternPart::Capture(None) => f.write_str("<_>")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literals_and_captures() {
        let p = Pattern::parse("<ip> - <_> [<ts>] \"<method> <path>\"").unwrap();
        assert_eq!(
            p.capture_names().collect::<Vec<_>>(),
            ["ip", "ts", "method", "path"]
        );
        assert_eq!(p.to_string(), "<ip> - <_> [<ts>] \"<method> <path>\"");
    }

    #[test]
    fn rejects_what_cannot_match() {
        assert_eq!(Pattern::parse("foo"), Err(PatternError::NoCapture));
        assert!(matches!(
            Pattern::parse("<a><b>"),
            Err(PatternError::ConsecutiveCaptures(_))
        ));
        assert!(matches!(
            Pattern::parse("<a> <a>"),
            Err(PatternError::DuplicateCapture(_))
        ));
        assert!(Pattern::parse_filter("<_> error <_>").is_ok());
        // `<1>` is not a capture, so it is literal text.
        assert_eq!(Pattern::parse_filter("<1>").unwrap().parts.len(), 1);
    }
}
