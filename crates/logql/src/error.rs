//! Parse errors in Loki's wording: `parse error at line L, col C: MESSAGE`.

use std::fmt;

/// Why a query was refused by the parser or the semantic checks.
///
/// `line` and `col` count from 1 (columns in characters); both are 0 when the
/// error concerns the query as a whole, which Loki prints as `parse error : MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub msg: String,
}

impl ParseError {
    /// An error at byte offset `at` of `src`.
    pub fn at(src: &str, at: usize, msg: impl Into<String>) -> Self {
        let (line, col) = line_col(src, at);
        ParseError {
            line,
            col,
            msg: msg.into(),
        }
    }

    /// An error about the whole query, with no position.
    pub fn whole(msg: impl Into<String>) -> Self {
        ParseError {
            line: 0,
            col: 0,
            msg: msg.into(),
        }
    }

    /// Loki reports line 0 for some tokens (see the lexer); keep its column.
    pub fn line_zero(mut self) -> Self {
        self.line = 0;
        self
    }

    pub fn has_position(&self) -> bool {
        self.line != 0 || self.col != 0
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_position() {
            write!(
                f,
                "parse error at line {}, col {}: {}",
                self.line, self.col, self.msg
            )
        } else {
            write!(f, "parse error : {}", self.msg)
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let before = &src[..floor_char_boundary(src, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é=x", 2), (1, 2));
    }

    #[test]
    fn display_follows_loki() {
        let e = ParseError::at("{a}", 2, "syntax error: unexpected }");
        assert_eq!(
            e.to_string(),
            "parse error at line 1, col 3: syntax error: unexpected }"
        );
        assert_eq!(ParseError::whole("x").to_string(), "parse error : x");
    }
}
