//! Tokenizer for LogQL.
//!
//! The lexer is context free: the same text always yields the same tokens, except
//! that identifiers naming functions become function tokens only when an opening
//! parenthesis follows (so `{rate="x"}` keeps `rate` as a label name), and that
//! `[...]` is read whole as one range token, as Loki does.

use super::duration::{
    parse_bytes, parse_go_duration, parse_model_duration_checked, parse_range_duration,
};
use super::error::ParseError;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    /// A number as written; the value is `None` when Go's ParseFloat would
    /// refuse the text (e.g. `0x10`, which needs a `p` exponent).
    Number(Option<f64>, String),
    Duration(i64),
    Bytes(u64),
    /// `[5m]`: the range in nanoseconds.
    Range(i64),
    /// `--strict`, `--keep-empty`: the text after the dashes.
    Flag(String),
    Keyword(Kw),
    /// An identifier naming a function, used as a call.
    Func(Func),
    Sym(Sym),
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    By,
    Without,
    Bool,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Offset,
    And,
    Or,
    Unless,
    Json,
    Logfmt,
    Regexp,
    Pattern,
    Unpack,
    Unwrap,
    LineFormat,
    LabelFormat,
    Drop,
    Keep,
    Decolorize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    RangeAgg(super::ast::RangeOp),
    VectorAgg(super::ast::VectorOp),
    Vector,
    LabelReplace,
    Ip,
    Bytes,
    Duration,
    DurationSeconds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sym {
    Dot,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Pipe,
    PipeExact,   // |=
    PipeMatch,   // |~
    PipePattern, // |>
    Neq,         // !=
    Nre,         // !~
    NPattern,    // !>
    Eq,          // =
    Re,          // =~
    CmpEq,       // ==
    Gt,
    Gte,
    Lt,
    Lte,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// Byte offset of the token's first character.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Loki's lexer reports line 0 for tokens it assembles character by
    /// character (two-character operators, ranges, durations, byte sizes, flags).
    pub line_zero: bool,
}

impl Tok {
    /// The name a parser error uses for this token, as Loki's generated parser
    /// prints it: literal text for operators and keywords, the grammar's name
    /// (`IDENTIFIER`, `STRING`, `RATE`, `$end`, ...) for the rest.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(_) => "IDENTIFIER".into(),
            Tok::Str(_) => "STRING".into(),
            Tok::Number(..) => "NUMBER".into(),
            Tok::Duration(..) => "DURATION".into(),
            Tok::Bytes(..) => "BYTES".into(),
            Tok::Range(_) => "RANGE".into(),
            Tok::Flag(_) => "PARSER_FLAG".into(),
            Tok::Eof => "$end".into(),
            Tok::Keyword(k) => keyword_name(*k).into(),
            Tok::Func(f) => match f {
                Func::RangeAgg(op) => op.name().to_uppercase(),
                Func::VectorAgg(op) => op.name().to_uppercase(),
                Func::Vector => "VECTOR".into(),
                Func::LabelReplace => "label_replace".into(),
                Func::Ip => "ip".into(),
                Func::Bytes => "BYTES_CONV".into(),
                Func::Duration => "DURATION_CONV".into(),
                Func::DurationSeconds => "DURATION_SECONDS_CONV".into(),
            },
            Tok::Sym(s) => s.text().into(),
        }
    }
}

impl Sym {
    pub fn text(self) -> &'static str {
        match self {
            Sym::Dot => ".",
            Sym::LBracket => "[",
            Sym::RBracket => "]",
            Sym::LBrace => "{",
            Sym::RBrace => "}",
            Sym::LParen => "(",
            Sym::RParen => ")",
            Sym::Comma => ",",
            Sym::Pipe => "|",
            Sym::PipeExact => "|=",
            Sym::PipeMatch => "|~",
            Sym::PipePattern => "|>",
            Sym::Neq => "!=",
            Sym::Nre => "!~",
            Sym::NPattern => "!>",
            Sym::Eq => "=",
            Sym::Re => "=~",
            Sym::CmpEq => "==",
            Sym::Gt => ">",
            Sym::Gte => ">=",
            Sym::Lt => "<",
            Sym::Lte => "<=",
            Sym::Add => "+",
            Sym::Sub => "-",
            Sym::Mul => "*",
            Sym::Div => "/",
            Sym::Mod => "%",
            Sym::Pow => "^",
        }
    }
}

pub fn keyword_name(k: Kw) -> &'static str {
    match k {
        Kw::By => "by",
        Kw::Without => "without",
        Kw::Bool => "bool",
        Kw::On => "on",
        Kw::Ignoring => "ignoring",
        Kw::GroupLeft => "group_left",
        Kw::GroupRight => "group_right",
        Kw::Offset => "offset",
        Kw::And => "and",
        Kw::Or => "or",
        Kw::Unless => "unless",
        Kw::Json => "json",
        Kw::Logfmt => "logfmt",
        Kw::Regexp => "regexp",
        Kw::Pattern => "pattern",
        Kw::Unpack => "unpack",
        Kw::Unwrap => "unwrap",
        Kw::LineFormat => "line_format",
        Kw::LabelFormat => "label_format",
        Kw::Drop => "drop",
        Kw::Keep => "keep",
        Kw::Decolorize => "decolorize",
    }
}

fn keyword(word: &str) -> Option<Kw> {
    Some(match word {
        "by" => Kw::By,
        "without" => Kw::Without,
        "bool" => Kw::Bool,
        "on" => Kw::On,
        "ignoring" => Kw::Ignoring,
        "group_left" => Kw::GroupLeft,
        "group_right" => Kw::GroupRight,
        "offset" => Kw::Offset,
        "and" => Kw::And,
        "or" => Kw::Or,
        "unless" => Kw::Unless,
        "json" => Kw::Json,
        "logfmt" => Kw::Logfmt,
        "regexp" => Kw::Regexp,
        "pattern" => Kw::Pattern,
        "unpack" => Kw::Unpack,
        "unwrap" => Kw::Unwrap,
        "line_format" => Kw::LineFormat,
        "label_format" => Kw::LabelFormat,
        "drop" => Kw::Drop,
        "keep" => Kw::Keep,
        "decolorize" => Kw::Decolorize,
        _ => return None,
    })
}

fn function(word: &str) -> Option<Func> {
    use super::ast::{RangeOp, VectorOp};
    if let Some(op) = RangeOp::from_name(word) {
        return Some(Func::RangeAgg(op));
    }
    if let Some(op) = VectorOp::from_name(word) {
        return Some(Func::VectorAgg(op));
    }
    Some(match word {
        "vector" => Func::Vector,
        "label_replace" => Func::LabelReplace,
        "ip" => Func::Ip,
        "bytes" => Func::Bytes,
        "duration" => Func::Duration,
        "duration_seconds" => Func::DurationSeconds,
        _ => return None,
    })
}

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that may continue a number into a duration (`5m`, `1h30m`).
fn is_duration_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | 'n' | 'u' | 'µ' | 'm' | 's' | 'h' | 'd' | 'w' | 'y')
}

/// Characters that may continue a number into a byte size (`10KB`, `5MiB`).
fn is_bytes_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | 'B' | 'i' | 'k' | 'K' | 'M' | 'G' | 'T' | 'P')
}

/// The longest Loki accepts, in bytes.
pub const MAX_QUERY_BYTES: usize = 131_072;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0 }
    }

    /// Tokenize the whole input, ending with one `Eof` token.
    pub fn tokenize(mut self) -> Result<Vec<Token>, ParseError> {
        if self.src.len() >= MAX_QUERY_BYTES {
            return Err(ParseError::whole(format!(
                "input size too long ({} > {MAX_QUERY_BYTES})",
                self.src.len()
            )));
        }
        let mut out = Vec::new();
        loop {
            let t = self.next_token()?;
            let eof = t.tok == Tok::Eof;
            out.push(t);
            if eof {
                return Ok(out);
            }
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Skip white space and comments: `#` to the end of the line, and the Go
    /// comments `//` and `/* */` that Loki's scanner also drops.
    fn skip_space_and_comments(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
            self.pos += rest.len() - trimmed.len();
            if trimmed.starts_with('#') || trimmed.starts_with("//") {
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if let Some(body) = trimmed.strip_prefix("/*") {
                self.pos += 2 + body.find("*/").map(|i| i + 2).unwrap_or(body.len());
            } else {
                return;
            }
        }
    }

    fn err(&self, at: usize, msg: impl Into<String>) -> ParseError {
        ParseError::at(self.src, at, msg)
    }

    fn next_token(&mut self) -> Result<Token, ParseError> {
        self.skip_space_and_comments();
        let start = self.pos;
        let Some(c) = self.peek_char() else {
            return Ok(Token {
                tok: Tok::Eof,
                start,
                end: start,
                // Empty input has no position at all in Loki's errors.
                line_zero: false,
            });
        };
        let mut line_zero = false;
        let tok = match c {
            '"' => Tok::Str(self.double_quoted()?),
            '`' => Tok::Str(self.backtick_quoted()?),
            '\'' => self.char_literal()?,
            '[' => {
                line_zero = true;
                Tok::Range(self.range()?)
            }
            c if c.is_ascii_digit() => self.number_like(&mut line_zero),
            '.' if self.rest()[1..].starts_with(|c: char| c.is_ascii_digit()) => {
                self.number_like(&mut line_zero)
            }
            c if is_ident_start(c) => self.word(),
            '-' => {
                if let Some(tok) = self.flag_or_negative_duration() {
                    line_zero = true;
                    tok
                } else {
                    self.pos += 1;
                    Tok::Sym(Sym::Sub)
                }
            }
            _ => {
                let (tok, two) = self.symbol();
                line_zero = two;
                tok
            }
        };
        Ok(Token {
            tok,
            start,
            end: self.pos,
            line_zero,
        })
    }

    /// An operator, or any other single character as an identifier (which the
    /// parser then refuses with `unexpected IDENTIFIER`, as Loki does).
    fn symbol(&mut self) -> (Tok, bool) {
        let rest = self.rest();
        let two: &[(&str, Sym)] = &[
            ("|=", Sym::PipeExact),
            ("|~", Sym::PipeMatch),
            ("|>", Sym::PipePattern),
            ("!=", Sym::Neq),
            ("!~", Sym::Nre),
            ("!>", Sym::NPattern),
            ("=~", Sym::Re),
            ("==", Sym::CmpEq),
            (">=", Sym::Gte),
            ("<=", Sym::Lte),
        ];
        for (text, sym) in two {
            if rest.starts_with(text) {
                self.pos += 2;
                return (Tok::Sym(*sym), true);
            }
        }
        let c = rest.chars().next().unwrap_or('\0');
        self.pos += c.len_utf8();
        let sym = match c {
            '.' => Sym::Dot,
            '[' => Sym::LBracket,
            ']' => Sym::RBracket,
            '{' => Sym::LBrace,
            '}' => Sym::RBrace,
            '(' => Sym::LParen,
            ')' => Sym::RParen,
            ',' => Sym::Comma,
            '|' => Sym::Pipe,
            '=' => Sym::Eq,
            '>' => Sym::Gt,
            '<' => Sym::Lt,
            '+' => Sym::Add,
            '*' => Sym::Mul,
            '/' => Sym::Div,
            '%' => Sym::Mod,
            '^' => Sym::Pow,
            other => return (Tok::Ident(other.to_string()), false),
        };
        (Tok::Sym(sym), false)
    }

    /// `--strict`/`--keep-empty`, or a negative duration like `-5m`.
    fn flag_or_negative_duration(&mut self) -> Option<Tok> {
        let rest = self.rest();
        if let Some(after) = rest.strip_prefix("--") {
            let len = after
                .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
                .unwrap_or(after.len());
            let flag = &after[..len];
            if flag == "strict" || flag == "keep-empty" {
                self.pos += 2 + len;
                return Some(Tok::Flag(flag.to_string()));
            }
            return None;
        }
        let body = &rest[1..];
        let len = body
            .find(|c: char| !is_duration_char(c))
            .unwrap_or(body.len());
        if len == 0 {
            return None;
        }
        let d = parse_go_duration(&body[..len])?;
        self.pos += 1 + len;
        Some(Tok::Duration(-d))
    }

    fn word(&mut self) -> Tok {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(_, c)| !is_ident_char(c))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let word = &rest[..len];
        self.pos += len;
        let lower = word.to_lowercase();
        if let Some(f) = function(&lower) {
            if self.call_follows() {
                return Tok::Func(f);
            }
        }
        if let Some(k) = keyword(&lower) {
            return Tok::Keyword(k);
        }
        Tok::Ident(word.to_string())
    }

    /// A function word is a function when a call follows: `(`, or a grouping
    /// (`by (...)`/`without (...)`) and then `(`.
    fn call_follows(&self) -> bool {
        let after = self.rest().trim_start_matches([' ', '\t', '\n', '\r']);
        if after.starts_with('(') {
            return true;
        }
        let word_len = after
            .find(|c: char| !is_ident_char(c))
            .unwrap_or(after.len());
        let word = after[..word_len].to_lowercase();
        (word == "by" || word == "without")
            && after[word_len..]
                .trim_start_matches([' ', '\t', '\n', '\r'])
                .starts_with('(')
    }

    /// A number as Go's scanner reads it, then extended into a duration or a
    /// byte size when the characters after it make one.
    fn number_like(&mut self, line_zero: &mut bool) -> Tok {
        let rest = self.rest();
        let num_len = scan_go_number(rest);
        let number = &rest[..num_len];
        // The number followed by the run of characters `allowed` accepts, if
        // that run is not empty.
        let extended = |allowed: fn(char) -> bool| {
            let after = &rest[num_len..];
            let len = after.find(|c: char| !allowed(c)).unwrap_or(after.len());
            (len > 0).then(|| &rest[..num_len + len])
        };
        let token = extended(is_duration_char)
            .and_then(|t| parse_range_duration(t).map(|d| (t.len(), Tok::Duration(d))))
            .or_else(|| {
                extended(is_bytes_char)
                    .and_then(|t| parse_bytes(t).map(|b| (t.len(), Tok::Bytes(b))))
            });
        if let Some((len, tok)) = token {
            self.pos += len;
            *line_zero = true;
            return tok;
        }
        self.pos += num_len;
        Tok::Number(parse_number(number), number.to_string())
    }

    fn range(&mut self) -> Result<i64, ParseError> {
        let start = self.pos;
        let rest = self.rest();
        let Some(close) = rest.find(']') else {
            return Err(self
                .err(start, "missing closing ']' in duration")
                .line_zero());
        };
        let inner = &rest[1..close];
        self.pos += close + 1;
        parse_model_duration_checked(inner).map_err(|e| self.err(start, e).line_zero())
    }

    /// Go reads `'x'` as a character literal; Loki then sees an identifier.
    fn char_literal(&mut self) -> Result<Tok, ParseError> {
        let start = self.pos;
        let body = &self.rest()[1..];
        let mut chars = body.char_indices();
        let first = chars.next();
        let ok_len = match first {
            Some((_, '\\')) => chars.next().and_then(|_| chars.next()),
            Some((_, '\'')) | None => None,
            Some(_) => chars.next(),
        };
        match ok_len {
            Some((i, '\'')) => {
                let text = &self.rest()[..i + 2];
                self.pos += text.len();
                Ok(Tok::Ident(text.to_string()))
            }
            _ => Err(self.err(start, "invalid char literal")),
        }
    }

    fn backtick_quoted(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        let body = &self.rest()[1..];
        match body.find('`') {
            Some(end) => {
                self.pos += end + 2;
                Ok(body[..end].to_string())
            }
            None => Err(self.err(start, "literal not terminated")),
        }
    }

    fn double_quoted(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        let body = &self.rest()[1..];
        let mut out = String::new();
        let mut chars = body.char_indices();
        let bad_escape = || self.err(start, "invalid char escape");
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += 1 + i + 1;
                    return Ok(out);
                }
                '\n' => break,
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    match e {
                        'a' => out.push('\x07'),
                        'b' => out.push('\x08'),
                        'f' => out.push('\x0c'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'v' => out.push('\x0b'),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut v: u32 = 0;
                            for _ in 0..n {
                                match chars.next().and_then(|(_, h)| h.to_digit(16)) {
                                    Some(d) => v = v * 16 + d,
                                    None => return Err(bad_escape()),
                                }
                            }
                            // `\xNN` is a byte; valid text needs it to be ASCII.
                            if e == 'x' && v > 0x7f {
                                return Err(self.err(start, "invalid UTF-8 encoding"));
                            }
                            out.push(char::from_u32(v).ok_or_else(bad_escape)?);
                        }
                        '0'..='7' => {
                            let mut v = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match chars.next().and_then(|(_, o)| o.to_digit(8)) {
                                    Some(d) => v = v * 8 + d,
                                    None => return Err(bad_escape()),
                                }
                            }
                            if v > 0x7f {
                                return Err(self.err(start, "invalid UTF-8 encoding"));
                            }
                            out.push(char::from_u32(v).ok_or_else(bad_escape)?);
                        }
                        _ => return Err(bad_escape()),
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.err(start, "literal not terminated"))
    }
}

/// Length of the number at the start of `s`, as Go's `text/scanner` reads it:
/// decimal (`1`, `1.5`, `.5`, `1e3`), hex (`0x1F`, `0x1p-2`), octal (`0o17`),
/// binary (`0b1`), with `_` separators.
fn scan_go_number(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, ok: &dyn Fn(u8) -> bool| {
        while *i < b.len() && (ok(b[*i]) || b[*i] == b'_') {
            *i += 1;
        }
    };
    let prefix = if b.len() > 1 && b[0] == b'0' {
        b[1].to_ascii_lowercase()
    } else {
        0
    };
    let (is_digit, exp): (&dyn Fn(u8) -> bool, u8) = match prefix {
        b'x' => (&|c: u8| c.is_ascii_hexdigit(), b'p'),
        b'o' => (&|c: u8| (b'0'..=b'7').contains(&c), 0),
        b'b' => (&|c: u8| c == b'0' || c == b'1', 0),
        _ => (&|c: u8| c.is_ascii_digit(), b'e'),
    };
    if matches!(prefix, b'x' | b'o' | b'b') {
        i = 2;
    }
    digits(&mut i, is_digit);
    if exp != 0 && i < b.len() && b[i] == b'.' {
        i += 1;
        digits(&mut i, is_digit);
    }
    if exp != 0 && i < b.len() && b[i].to_ascii_lowercase() == exp {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            digits(&mut i, &|c: u8| c.is_ascii_digit());
        }
    }
    i.max(1)
}

/// Go's `strconv.ParseFloat` on a number token: decimal (leading zeros are
/// decimal), or hexadecimal with a `p` exponent. Underscores and octal or
/// binary prefixes are refused, as Go refuses them without a base.
pub fn parse_number(text: &str) -> Option<f64> {
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return parse_hex_float(&hex.replace('_', ""));
    }
    if text.contains('_') || text.starts_with("0o") || text.starts_with("0b") {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(v)
}

fn parse_hex_float(hex: &str) -> Option<f64> {
    let i = hex.find(['p', 'P'])?;
    let (mantissa, exp) = (&hex[..i], &hex[i + 1..]);
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for c in int_part.chars() {
        value = value * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        value += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    let e: i32 = exp.parse().ok()?;
    Some(value * 2f64.powi(e))
}

/// The error text Go's ParseFloat gives for a number token it refuses.
pub fn parse_float_error(text: &str) -> String {
    format!("strconv.ParseFloat: parsing {text:?}: invalid syntax")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        Lexer::new(s)
            .tokenize()
            .unwrap()
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn function_names_need_a_parenthesis() {
        assert_eq!(
            toks("rate("),
            vec![
                Tok::Func(Func::RangeAgg(crate::ast::RangeOp::Rate)),
                Tok::Sym(Sym::LParen),
                Tok::Eof
            ]
        );
        assert_eq!(toks("rate"), vec![Tok::Ident("rate".into()), Tok::Eof]);
        assert!(matches!(toks("SUM by (a) (x)")[0], Tok::Func(_)));
        assert_eq!(toks("JSON")[0], Tok::Keyword(Kw::Json));
        assert_eq!(toks("@")[0], Tok::Ident("@".into()));
    }

    #[test]
    fn numbers_durations_and_bytes() {
        assert_eq!(toks("0x1p-2")[0], Tok::Number(Some(0.25), "0x1p-2".into()));
        assert_eq!(toks("1e3")[0], Tok::Number(Some(1000.0), "1e3".into()));
        assert_eq!(toks(".5")[0], Tok::Number(Some(0.5), ".5".into()));
        // Go's ParseFloat refuses hex without a `p` exponent.
        assert_eq!(toks("0x10")[0], Tok::Number(None, "0x10".into()));
        assert_eq!(toks("1h30m")[0], Tok::Duration(5_400_000_000_000));
        assert_eq!(toks("1.5s")[0], Tok::Duration(1_500_000_000));
        assert_eq!(toks("-5m")[0], Tok::Duration(-300_000_000_000));
        assert_eq!(toks("10KB")[0], Tok::Bytes(10_000));
        assert_eq!(toks("2KiB")[0], Tok::Bytes(2048));
        // `5mb` is the duration 5m followed by the identifier b, as in Loki.
        assert_eq!(toks("5mb")[1], Tok::Ident("b".into()));
    }

    #[test]
    fn strings_and_comments() {
        assert_eq!(toks(r#""a\"b\n""#)[0], Tok::Str("a\"b\n".into()));
        assert_eq!(toks(r"`a\d`")[0], Tok::Str(r"a\d".into()));
        assert_eq!(toks("# hi\nfoo"), vec![Tok::Ident("foo".into()), Tok::Eof]);
        assert_eq!(
            toks("a /* x */ // y"),
            vec![Tok::Ident("a".into()), Tok::Eof]
        );
    }

    #[test]
    fn unterminated_string_is_reported_at_its_start() {
        let e = Lexer::new("{a=\"b}").tokenize().unwrap_err();
        assert_eq!((e.line, e.col), (1, 4));
    }
}
