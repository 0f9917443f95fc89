//! Inferring a line header from a sample instead of looking it up in a
//! list of known layouts.
//!
//! The time is found by the engine's timestamp inference (which already
//! reads layouts nobody listed); what comes before it and the tokens after
//! it are then read as columns. A column belongs to the header while its
//! tokens keep one shape across the sample — a severity word, a number, a
//! bracketed name, `program[pid]:`, an identifier — followed by the same
//! separator. The header ends where such logs end it: after the level (and
//! the thread or logger that follows it), or at the first `:`, ` - `, `|`
//! or stray `]` that closes a column. The result is an RE2 expression, so
//! Loki runs the same split as a `| regexp` stage.

use std::collections::HashMap;

use crate::engine::ingest::multiline::looks_continued;
use crate::engine::ingest::timeinfer::{self, Location, TimeParser};

/// Lines of the sample read (the rest add nothing to the shape).
const MAX_LINES: usize = 2000;
/// Columns after the time considered for the header.
const MAX_COLUMNS: usize = 8;
/// The share of lines with a time whose column must have the column's shape.
const MIN_SHARE: f64 = 0.9;
/// How far into a line (after the time) the header may reach.
const HEADER_BYTES: usize = 320;
/// A bracketed token longer than this is text, not a header column.
const MAX_BRACKET: usize = 160;
/// A shape of the time or of what precedes it that fewer lines than this
/// share take is left out of the expression.
const MIN_SHAPE_SHARE: f64 = 0.02;
/// Severity words as logging libraries write them (any case).
pub(crate) const SEVERITIES: &[&str] = &[
    "trace",
    "debug",
    "dbg",
    "fine",
    "finer",
    "finest",
    "verbose",
    "info",
    "information",
    "notice",
    "warn",
    "warning",
    "error",
    "err",
    "severe",
    "fatal",
    "critical",
    "crit",
    "alert",
    "emerg",
    "emergency",
    "panic",
];

/// An inferred layout: an anchored RE2 expression whose named groups are
/// the header's fields; what follows its match is the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub regex: String,
    /// The same split for a LogQL stage: the time matched loosely and not
    /// named (a label holding it would be noise), so the stage stays short.
    pub stage_regex: String,
}

/// The header most of `lines` share, if their time can be found and the
/// layout reads at least nine lines in ten of those that carry one.
pub fn infer(lines: &[&str]) -> Option<Inferred> {
    let sample: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty() && !looks_continued(l))
        .take(MAX_LINES)
        .collect();
    if sample.is_empty() {
        return None;
    }
    let inference = leading_time(&sample)?;
    let parser = TimeParser::new(&inference.format, 2000);
    let mut rows: Vec<Row> = Vec::with_capacity(sample.len());
    for line in &sample {
        let Some(span) = parser.span(line) else {
            continue;
        };
        let time_end = attached_end(line, span.end);
        let rest_end = floor_char_boundary(line, (time_end + HEADER_BYTES).min(line.len()));
        let (lead, tokens) = tokens(&line[time_end..rest_end]);
        rows.push(Row {
            prefix: &line[..span.start],
            time: &line[span.start..span.end],
            attached: &line[span.end..time_end],
            lead,
            tokens,
        });
    }
    if (rows.len() as f64) < MIN_SHARE * sample.len() as f64 {
        return None;
    }
    let layout = Layout::of(&rows)?;
    let regex = layout.regex(true);
    let stage_regex = layout.regex(false);
    let re = regex::Regex::new(&regex).ok()?;
    let stage = regex::Regex::new(&stage_regex).ok()?;
    let hits = sample
        .iter()
        .filter(|l| {
            // Both must split the line at the same place.
            let (a, b) = (re.find(l), stage.find(l));
            a.is_some() && a.map(|m| m.end()) == b.map(|m| m.end())
        })
        .count();
    tracing::debug!(%regex, hits, lines = sample.len(), "inferred log header");
    ((hits as f64) >= MIN_SHARE * rows.len() as f64).then_some(Inferred { regex, stage_regex })
}

/// The time format of the sample's headers: the one timestamp inference
/// picks, or an earlier one in the line where most lines have one (a
/// syslog header before an access log's own date).
fn leading_time(sample: &[&str]) -> Option<timeinfer::Inference> {
    // The year only matters for reading; the span is what is used here.
    let mut inference = timeinfer::infer(sample, 2000)?;
    loop {
        let Location::Token(k) = inference.format.location else {
            return None;
        };
        if k == 0 {
            return Some(inference);
        }
        let before: Vec<&str> = sample.iter().map(|l| first_tokens(l, k)).collect();
        match timeinfer::infer(&before, 2000) {
            Some(earlier)
                if matches!(earlier.format.location, Location::Token(j) if j < k)
                    && earlier.read as f64 >= MIN_SHARE * inference.read as f64
                    && varies(&earlier, &before) =>
            {
                inference = earlier
            }
            _ => return Some(inference),
        }
    }
}

/// Whether the time changes from line to line: a date in a file name
/// at the start of every line is not the lines' time.
fn varies(inference: &timeinfer::Inference, lines: &[&str]) -> bool {
    let mut parser = TimeParser::new(&inference.format, 2000);
    let mut seen = std::collections::HashSet::new();
    for l in lines {
        if let Some(t) = parser.parse(l) {
            seen.insert(t);
        }
    }
    seen.len() >= (lines.len() / 4).clamp(2, 10)
}

/// The line up to its `k`-th blank-separated token.
fn first_tokens(line: &str, k: usize) -> &str {
    let b = line.as_bytes();
    let mut i = 0;
    for _ in 0..k {
        while i < b.len() && !is_blank(b[i]) {
            i += 1;
        }
        while i < b.len() && is_blank(b[i]) {
            i += 1;
        }
    }
    line[..i].trim_end()
}

/// One sample line cut into what precedes the time, the time (with what
/// is glued to it: `]`, `,`), the separator after it and the tokens.
struct Row<'a> {
    prefix: &'a str,
    time: &'a str,
    attached: &'a str,
    lead: String,
    tokens: Vec<Token<'a>>,
}

/// The shape of a token, compared across lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shape {
    /// Letters only, short: a level column holds these.
    Word,
    /// Digits only.
    Number,
    /// `[...]`, `(...)`, `<...>` (the opening byte); `numeric` when the
    /// inside is digits (`[12345]`).
    Bracket { open: u8, numeric: bool },
    /// A token ending in `:` (`sshd[42]:`, `org.a.B:`).
    Colon,
    /// A token ending in a `]` it did not open (`main.go:42]`).
    Closer,
    /// Anything else without blanks.
    Other,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    core: &'a str,
    shape: Shape,
    /// The separator after the token, blanks written as one space.
    sep: String,
}

impl Token<'_> {
    fn is_severity(&self) -> bool {
        // `[proxy:error]` names its level after a module.
        let word = self.core.rsplit(':').next().unwrap_or(self.core);
        SEVERITIES.iter().any(|s| s.eq_ignore_ascii_case(word))
    }

    fn is_capitalised_word(&self) -> bool {
        let word = self.core.rsplit(':').next().unwrap_or(self.core);
        !word.is_empty() && word.len() <= 12 && word.bytes().all(|b| b.is_ascii_uppercase())
    }

    /// `INFO/MainProcess]`: a severity, a slash and a name.
    fn is_level_and_source(&self) -> bool {
        let core = self.core.strip_suffix(']').unwrap_or(self.core);
        core.split_once('/').is_some_and(|(level, source)| {
            !source.is_empty()
                && !source.contains('/')
                && level.bytes().all(|b| b.is_ascii_alphabetic())
                && SEVERITIES.iter().any(|s| s.eq_ignore_ascii_case(level))
        })
    }

    /// A logger or component name: dotted, underscored, `$`, camel case.
    fn is_identifier_like(&self) -> bool {
        let c = self.core;
        c.contains(['.', '_', '$', '/']) || c.bytes().skip(1).any(|b| b.is_ascii_uppercase())
    }
}

/// The byte after the time's token: `]` or `,` glued to the time belong to
/// the time's shape, not to a column.
fn attached_end(line: &str, end: usize) -> usize {
    let b = line.as_bytes();
    let mut i = end;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'|' && i - end < 4 {
        if b[i].is_ascii_alphanumeric() {
            return end;
        }
        i += 1;
    }
    i
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The separator before the first token and the tokens of a header region.
fn tokens(rest: &str) -> (String, Vec<Token<'_>>) {
    let b = rest.as_bytes();
    let mut i = 0;
    let mut lead = String::new();
    let mut out: Vec<Token> = Vec::new();
    while out.len() <= MAX_COLUMNS {
        let gap = gap_at(b, &mut i);
        match out.last_mut() {
            Some(t) => t.sep = gap,
            None => lead = gap,
        }
        if i >= b.len() || b[i] == b'\n' {
            break;
        }
        let start = i;
        let (end, shape) = token_at(b, start);
        if end <= start {
            break;
        }
        let text = &rest[start..end];
        let core = match shape {
            Shape::Bracket { .. } => text
                .trim_end_matches(':')
                .get(1..)
                .and_then(|t| t.get(..t.len().saturating_sub(1)))
                .unwrap_or(""),
            Shape::Colon => text.trim_end_matches(':'),
            Shape::Closer => text.trim_end_matches(']'),
            _ => text,
        };
        out.push(Token {
            core,
            shape,
            sep: String::new(),
        });
        i = end;
    }
    (lead, out)
}

/// Skips blanks and stand-alone `-` and `|`; returns them normalised.
fn gap_at(b: &[u8], i: &mut usize) -> String {
    let mut gap = String::new();
    while *i < b.len() {
        let c = b[*i];
        if is_blank(c) {
            if !gap.ends_with(' ') {
                gap.push(' ');
            }
            *i += 1;
        } else if c == b'|'
            || (c == b'-'
                && (*i + 1 == b.len() || is_blank(b[*i + 1]))
                && (gap.ends_with(' ') || *i == 0))
        {
            gap.push(c as char);
            *i += 1;
        } else {
            break;
        }
    }
    gap
}

fn token_at(b: &[u8], start: usize) -> (usize, Shape) {
    let close = match b[start] {
        b'[' => Some(b']'),
        b'(' => Some(b')'),
        b'<' => Some(b'>'),
        _ => None,
    };
    if let Some(close) = close {
        let limit = (start + MAX_BRACKET).min(b.len());
        if let Some(off) = b[start + 1..limit]
            .iter()
            .take_while(|&&c| c != b'\n')
            .position(|&c| c == close)
        {
            let mut end = start + 1 + off + 1;
            if b.get(end) == Some(&b':') {
                end += 1;
            }
            // `[a]@[b]` is one token, not a bracket.
            if b.get(end)
                .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'|')
            {
                return plain_token(b, start);
            }
            let inside = &b[start + 1..start + 1 + off];
            let numeric = !inside.is_empty() && inside.iter().all(u8::is_ascii_digit);
            return (
                end,
                Shape::Bracket {
                    open: b[start],
                    numeric,
                },
            );
        }
    }
    plain_token(b, start)
}

fn plain_token(b: &[u8], start: usize) -> (usize, Shape) {
    let mut end = start;
    while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'|' {
        end += 1;
    }
    let text = &b[start..end];
    let shape = if text.iter().all(u8::is_ascii_digit) {
        Shape::Number
    } else if text.ends_with(b":") && text.len() > 1 {
        Shape::Colon
    } else if text.ends_with(b"]") && !text.contains(&b'[') {
        Shape::Closer
    } else if text.len() <= 12 && text.iter().all(u8::is_ascii_alphabetic) {
        Shape::Word
    } else {
        Shape::Other
    };
    (end, shape)
}

/// Text as a regular-expression shape: digits, letters and blanks become
/// classes, the rest is literal.
fn shape_regex(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let (class, same): (&str, fn(char) -> bool) = if c.is_ascii_digit() {
            (r"\d+", |c| c.is_ascii_digit())
        } else if c.is_ascii_alphabetic() {
            ("[A-Za-z]+", |c| c.is_ascii_alphabetic())
        } else if c == ' ' || c == '\t' {
            (r"\s+", |c| c == ' ' || c == '\t')
        } else {
            out.push_str(&escape(&c.to_string()));
            continue;
        };
        while chars.peek().is_some_and(|&n| same(n)) {
            chars.next();
        }
        out.push_str(class);
    }
    out
}

/// The shapes most lines take, as one alternation; `None` when those left
/// out cover more than a tenth of the lines.
fn common_shapes<'a>(texts: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0usize;
    for t in texts {
        *counts.entry(shape_regex(t)).or_default() += 1;
        total += 1;
    }
    let mut shapes: Vec<(String, usize)> = counts.into_iter().collect();
    shapes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let kept: Vec<(String, usize)> = shapes
        .into_iter()
        .filter(|(_, n)| *n as f64 >= MIN_SHAPE_SHARE * total as f64)
        .take(4)
        .collect();
    let covered: usize = kept.iter().map(|(_, n)| n).sum();
    if (covered as f64) < MIN_SHARE * total as f64 {
        return None;
    }
    Some(match kept.as_slice() {
        [(one, _)] => one.clone(),
        many => format!(
            "(?:{})",
            many.iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>()
                .join("|")
        ),
    })
}

/// The columns of what precedes the time where every line has the same
/// ones, each followed by blanks: a severity word, and names in brackets
/// that may hold blanks (`[Service Thread]`). None otherwise.
fn prefix_columns<'a>(prefixes: impl Iterator<Item = &'a str>) -> Option<Prefix> {
    let mut layout: Option<Vec<PrefixColumn>> = None;
    for p in prefixes {
        let columns = columns_of_prefix(p)?;
        match &layout {
            Some(l) if *l != columns => return None,
            Some(_) => {}
            None => layout = Some(columns),
        }
    }
    layout.filter(|l| !l.is_empty()).map(Prefix::Columns)
}

fn columns_of_prefix(prefix: &str) -> Option<Vec<PrefixColumn>> {
    let b = prefix.as_bytes();
    let mut columns = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let column = match b[i] {
            open @ (b'[' | b'(') => {
                let close = closing(open);
                let end = b[i..].iter().position(|&c| c == close)?;
                if end > MAX_BRACKET {
                    return None;
                }
                i += end + 1;
                PrefixColumn::Bracket(open)
            }
            _ => {
                let end = b[i..]
                    .iter()
                    .position(|&c| is_blank(c))
                    .map_or(b.len(), |e| i + e);
                let word = &prefix[i..end];
                if !SEVERITIES.iter().any(|s| s.eq_ignore_ascii_case(word))
                    || columns.contains(&PrefixColumn::Level)
                {
                    return None;
                }
                i = end;
                PrefixColumn::Level
            }
        };
        // Each column is followed by blanks.
        if i >= b.len() || !is_blank(b[i]) {
            return None;
        }
        while i < b.len() && is_blank(b[i]) {
            i += 1;
        }
        columns.push(column);
    }
    Some(columns)
}

/// Separators as one expression; `last`: before the message, where
/// trailing blanks are left to the caller.
fn seps_regex(seps: &[String], last: bool) -> String {
    let parts: Vec<String> = seps
        .iter()
        .map(|s| sep_regex(if last { s.trim_end() } else { s }))
        .collect();
    match parts.as_slice() {
        [one] => one.clone(),
        many => format!("(?:{})", many.join("|")),
    }
}

/// `text` with the bytes a regular expression gives a meaning escaped
/// (`-` and `/` stay as they are: outside a class they mean themselves).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The separator as an expression: blanks flexible, `-` and `|` literal.
fn sep_regex(sep: &str) -> String {
    sep.chars()
        .map(|c| match c {
            ' ' => r"\s+".to_string(),
            c => escape(&c.to_string()),
        })
        .collect()
}

/// What a column is, once its tokens agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Level {
        open: Option<u8>,
        colon: bool,
    },
    Number,
    Bracket {
        open: u8,
        numeric: bool,
        colon: bool,
    },
    Colon,
    Closer,
    /// `INFO/MainProcess]`: the level and the process that wrote the line,
    /// as Python's Celery writes them (`%(levelname)s/%(processName)s`).
    LevelSource,
    Text,
}

#[derive(Debug, Clone)]
struct Column {
    kind: Kind,
    /// The separators after it, most frequent first.
    seps: Vec<String>,
    identifier_like: bool,
}

impl Column {
    fn closes(&self) -> bool {
        matches!(self.kind, Kind::Colon | Kind::Closer | Kind::LevelSource)
            || matches!(self.kind, Kind::Level { colon: true, .. })
            || matches!(self.kind, Kind::Bracket { colon: true, .. })
            || self.seps.iter().all(|s| s.contains(['-', '|']))
    }
}

/// What precedes the time.
enum Prefix {
    /// The one shape (or few shapes) of its text, matched unnamed.
    Shape(String),
    /// Columns whose words differ too much for a shape (`INFO  [Service
    /// Thread] ` before a logback date): a level and bracketed names.
    Columns(Vec<PrefixColumn>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrefixColumn {
    Level,
    Bracket(u8),
}

struct Layout {
    prefix: Option<Prefix>,
    /// A single letter glued before the time (`I1206 …`) is a level.
    prefix_level: bool,
    time: String,
    /// Punctuation glued after the time (`]`, `,`).
    attached: String,
    lead: String,
    columns: Vec<Column>,
}

impl Layout {
    fn of(rows: &[Row]) -> Option<Layout> {
        let prefix_level = rows
            .iter()
            .all(|r| r.prefix.len() == 1 && r.prefix.as_bytes()[0].is_ascii_uppercase());
        let prefix = if prefix_level || rows.iter().all(|r| r.prefix.is_empty()) {
            None
        } else {
            Some(
                prefix_columns(rows.iter().map(|r| r.prefix))
                    .or_else(|| common_shapes(rows.iter().map(|r| r.prefix)).map(Prefix::Shape))?,
            )
        };
        let time = common_shapes(rows.iter().map(|r| r.time))?;
        let attached = modal(rows.iter().map(|r| r.attached.to_string()))?;
        let lead = modal(rows.iter().map(|r| r.lead.clone()))?;
        let mut columns = Vec::new();
        for j in 0..MAX_COLUMNS {
            match column(rows, j) {
                Some(c) => columns.push(c),
                None => break,
            }
        }
        let cut = cut(&columns);
        columns.truncate(cut);
        Some(Layout {
            prefix,
            prefix_level,
            time,
            attached,
            lead,
            columns,
        })
    }

    /// `named_time`: the time as its shape in a `timestamp` group, else
    /// as its blank-separated words.
    fn regex(&self, named_time: bool) -> String {
        let mut names = Names::default();
        let mut re = String::from("^");
        if self.prefix_level {
            re.push_str("(?P<level>[A-Z])");
            names.take("level");
        } else if let Some(p) = &self.prefix {
            match p {
                Prefix::Shape(shape) => re.push_str(shape),
                Prefix::Columns(columns) => {
                    for c in columns {
                        match c {
                            PrefixColumn::Level => {
                                re.push_str(&names.group("level", "[A-Za-z]+"));
                            }
                            PrefixColumn::Bracket(open) => {
                                let close = closing(*open) as char;
                                let name = names.pick(&["thread", "context"]);
                                re.push_str(&escape(&(*open as char).to_string()));
                                re.push_str(
                                    &names.group(
                                        &name,
                                        &format!("[^{}]*", escape(&close.to_string())),
                                    ),
                                );
                                re.push_str(&escape(&close.to_string()));
                            }
                        }
                        re.push_str(r"\s+");
                    }
                }
            }
        }
        if named_time {
            re.push_str(&format!("(?P<timestamp>{})", self.time));
            names.take("timestamp");
        } else {
            re.push_str(&self.loose_time());
        }
        re.push_str(&escape(&self.attached));
        let level_at = self
            .columns
            .iter()
            .position(|c| matches!(c.kind, Kind::Level { .. } | Kind::LevelSource));
        let lead = [self.lead.clone()];
        let mut seps: &[String] = &lead;
        for (j, c) in self.columns.iter().enumerate() {
            re.push_str(&seps_regex(seps, false));
            let after_level = level_at.is_some_and(|l| j > l);
            let before_level = level_at.is_some_and(|l| j < l);
            re.push_str(&column_regex(c, after_level, before_level, &mut names));
            seps = &c.seps;
        }
        // The message follows its separator; blanks there are optional so
        // a line that ends with the header still splits.
        re.push_str(&seps_regex(seps, true));
        re.push_str(r"\s*");
        re
    }
}

impl Layout {
    /// `\S+` for each blank-separated word of the time, when every shape
    /// kept has as many; else the shapes themselves.
    fn loose_time(&self) -> String {
        let words = |shape: &str| shape.matches(r"\s+").count() + 1;
        let inner = self
            .time
            .strip_prefix("(?:")
            .and_then(|t| t.strip_suffix(')'));
        let shapes: Vec<&str> = match inner {
            Some(alternatives) => alternatives.split('|').collect(),
            None => vec![self.time.as_str()],
        };
        let n = words(shapes[0]);
        if shapes.iter().any(|s| words(s) != n) {
            return format!("(?:{})", self.time);
        }
        let mut out = String::from(r"\S+");
        for _ in 1..n {
            out.push_str(r"\s+\S+");
        }
        out
    }
}

fn column_regex(c: &Column, after_level: bool, before_level: bool, names: &mut Names) -> String {
    match c.kind {
        Kind::Level { open, colon } => {
            let level = names.group("level", "[A-Za-z]+");
            let inner = match open {
                Some(o) => {
                    let close = closing(o);
                    format!(
                        "{}(?:[^{}:\\s]*:)?{level}{}",
                        escape(&(o as char).to_string()),
                        escape(&(close as char).to_string()),
                        escape(&(close as char).to_string())
                    )
                }
                None => level,
            };
            if colon {
                format!("{inner}:")
            } else {
                inner
            }
        }
        Kind::Number => names.group(&names.pick(&["pid", "tid"]), r"\d+"),
        Kind::Bracket {
            open,
            numeric,
            colon,
        } => {
            let close = closing(open);
            let name = if numeric {
                names.pick(&["pid", "tid"])
            } else {
                names.pick(&["thread", "context"])
            };
            let body = names.group(
                &name,
                &format!("[^{}]*", escape(&(close as char).to_string())),
            );
            format!(
                "{}{body}{}{}",
                escape(&(open as char).to_string()),
                escape(&(close as char).to_string()),
                if colon { ":" } else { "" }
            )
        }
        Kind::Colon => {
            let (name, pid) = if after_level || before_level {
                (names.pick(&["component", "logger"]), None)
            } else {
                (
                    names.pick(&["program", "component"]),
                    Some(names.pick(&["pid", "tid"])),
                )
            };
            let body = names.group(&name, r"[^\s\[\]]+?");
            let pid = match pid {
                Some(p) => format!("(?:\\[{}\\])?", names.group(&p, r"\d+")),
                None => String::new(),
            };
            format!("{body}{pid}:")
        }
        Kind::LevelSource => {
            let level = names.group("level", "[A-Za-z]+");
            let source = names.group(&names.pick(&["process", "source"]), r"[^\s\]]+");
            format!("{level}/{source}\\]")
        }
        Kind::Closer => format!(
            "{}\\]",
            names.group(&names.pick(&["source", "caller"]), r"[^\s\]]+")
        ),
        Kind::Text => {
            let name = if after_level || before_level || c.identifier_like {
                names.pick(&["component", "logger"])
            } else {
                names.pick(&["host", "program", "component"])
            };
            names.group(&name, r"[^\s|]+")
        }
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'[' => b']',
        b'(' => b')',
        _ => b'>',
    }
}

/// Group names handed out once each.
#[derive(Default)]
struct Names {
    used: Vec<String>,
}

impl Names {
    fn take(&mut self, name: &str) {
        self.used.push(name.to_string());
    }

    /// The first of `wanted` not yet used, else the first with a number.
    fn pick(&self, wanted: &[&str]) -> String {
        if let Some(w) = wanted.iter().find(|w| !self.used.iter().any(|u| u == *w)) {
            return (*w).to_string();
        }
        (2..)
            .map(|n| format!("{}{n}", wanted[0]))
            .find(|c| !self.used.contains(c))
            .unwrap_or_default()
    }

    fn group(&mut self, name: &str, body: &str) -> String {
        self.take(name);
        format!("(?P<{name}>{body})")
    }
}

/// The values most lines have (at most three, each on one line in fifty),
/// most frequent first; `None` when they leave out more than a tenth.
fn common_values(values: Vec<String>) -> Option<Vec<String>> {
    let total = values.len();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.retain(|(_, n)| *n as f64 >= MIN_SHAPE_SHARE * total as f64);
    ranked.truncate(3);
    let covered: usize = ranked.iter().map(|(_, n)| n).sum();
    ((covered as f64) >= MIN_SHARE * total as f64)
        .then(|| ranked.into_iter().map(|(v, _)| v).collect())
}

/// The most frequent value, if nine lines in ten have it.
fn modal(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for v in values {
        *counts.entry(v).or_default() += 1;
        total += 1;
    }
    let (value, n) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    ((n as f64) >= MIN_SHARE * total as f64).then_some(value)
}

/// Column `j` if nine lines in ten have a token there of one shape with
/// one separator after it.
fn column(rows: &[Row], j: usize) -> Option<Column> {
    let mut counts: HashMap<Shape, usize> = HashMap::new();
    let mut seps: HashMap<Shape, Vec<String>> = HashMap::new();
    let mut bracket_shapes: HashMap<String, ()> = HashMap::new();
    let mut blank_free = 0usize;
    let mut severities = 0usize;
    let mut capitals = 0usize;
    let mut identifiers = 0usize;
    let mut level_sourced = 0usize;
    let mut distinct: HashMap<&str, ()> = HashMap::new();
    for r in rows {
        let Some(t) = r.tokens.get(j) else { continue };
        *counts.entry(t.shape).or_default() += 1;
        seps.entry(t.shape).or_default().push(t.sep.clone());
        if bracket_shapes.len() <= 8 {
            bracket_shapes.insert(shape_regex(t.core), ());
        }
        blank_free += usize::from(!t.core.contains([' ', '\t']));
        severities += usize::from(t.is_severity());
        capitals += usize::from(t.is_capitalised_word());
        identifiers += usize::from(t.is_identifier_like());
        level_sourced += usize::from(t.is_level_and_source());
        if distinct.len() <= 64 {
            distinct.insert(t.core, ());
        }
    }
    let (shape, n) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1))?;
    let total = rows.len();
    if (n as f64) < MIN_SHARE * total as f64 {
        return None;
    }
    let seps = common_values(seps.remove(&shape).unwrap_or_default())?;
    let share = |k: usize| k as f64 / total as f64;
    // Levels: mostly severity words, or all-capital words some of which are
    // severities (`LOG`, `DETAIL` beside `ERROR`), in few distinct values.
    let levelish = distinct.len() <= 16
        && severities > 0
        && (share(severities) >= 0.5 || share(capitals) >= MIN_SHARE);
    let kind = match shape {
        Shape::Word | Shape::Colon if levelish => Kind::Level {
            open: None,
            colon: shape == Shape::Colon,
        },
        Shape::Bracket { open, .. } if levelish => Kind::Level {
            open: Some(open),
            colon: false,
        },
        Shape::Bracket { open, numeric } => Kind::Bracket {
            open,
            numeric,
            colon: false,
        },
        Shape::Number => Kind::Number,
        Shape::Colon => Kind::Colon,
        Shape::Closer if share(level_sourced) >= 0.5 => Kind::LevelSource,
        Shape::Closer => Kind::Closer,
        Shape::Word | Shape::Other => Kind::Text,
    };
    // A bracket of free text (`[Partition a-0 broker=1]`) is part of the
    // message; a thread name or `[pid 1:tid 2]` keeps one shape.
    let uniform = share(blank_free) >= MIN_SHARE || bracket_shapes.len() <= 3;
    Some(Column {
        kind,
        seps,
        identifier_like: share(identifiers) >= 0.5,
    })
    .filter(|c| !matches!(c.kind, Kind::Bracket { .. }) || uniform)
}

/// How many columns the header keeps.
fn cut(columns: &[Column]) -> usize {
    let level = columns
        .iter()
        .position(|c| matches!(c.kind, Kind::Level { .. } | Kind::LevelSource));
    if let Some(l) = level {
        // After the level, a thread or a logger closed by `:`/` - ` still
        // belongs to the header (`ERROR [main] a.B - msg`).
        // One bracket at most: a second (`[client 10.0.0.1:5]`) is the
        // message's context.
        let mut cut = l + 1;
        let mut brackets = 0;
        for (k, c) in columns.iter().enumerate().take(l + 3).skip(l + 1) {
            let bracket = matches!(c.kind, Kind::Bracket { .. });
            brackets += usize::from(bracket);
            let headerish = (bracket && brackets == 1)
                || matches!(c.kind, Kind::Colon | Kind::Closer)
                || (c.kind == Kind::Text && c.identifier_like);
            if !headerish {
                break;
            }
            if c.closes() || bracket {
                cut = k + 1;
            }
        }
        return cut;
    }
    if let Some(k) = columns.iter().take(5).position(Column::closes) {
        return k + 1;
    }
    // Only the time is a header (`2024-01-02 03:04:05 message`).
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lines: &[&str]) -> (String, Vec<(String, String)>) {
        let inferred = infer(lines).unwrap_or_else(|| panic!("no header in {lines:?}"));
        let re = regex::Regex::new(&inferred.regex).unwrap();
        let caps = re.captures(lines[0]).unwrap();
        let fields = re
            .capture_names()
            .flatten()
            .filter_map(|n| {
                caps.name(n)
                    .map(|m| (n.to_string(), m.as_str().to_string()))
            })
            .collect();
        (lines[0][caps.get(0).unwrap().end()..].to_string(), fields)
    }

    fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn python_logging_layout() {
        let lines = [
            "2026-12-06 10:00:01,123 - shop.cart - INFO - Cart 42 saved",
            "2026-12-06 10:00:02,456 - shop.pay - ERROR - Payment declined for order 7",
            "2026-12-06 10:00:03,789 - shop.cart - WARNING - Cart 43 is empty",
        ];
        let (message, fields) = split(&lines);
        assert_eq!(message, "Cart 42 saved");
        assert_eq!(field(&fields, "level"), Some("INFO"));
        assert_eq!(field(&fields, "component"), Some("shop.cart"));
    }

    #[test]
    fn log4j_layout_with_thread_and_logger() {
        let lines = [
            "2026-12-06 10:00:01,123 ERROR [pool-1-thread-3] c.e.billing.Invoices - Invoice 9 failed",
            "2026-12-06 10:00:02,123 INFO [main] c.e.billing.App - Started in 3 s",
            "2026-12-06 10:00:03,123 WARN [http-nio-8080-exec-1] c.e.billing.Api - Slow call 812 ms",
        ];
        let (message, fields) = split(&lines);
        assert_eq!(message, "Invoice 9 failed");
        assert_eq!(field(&fields, "thread"), Some("pool-1-thread-3"));
        assert_eq!(field(&fields, "component"), Some("c.e.billing.Invoices"));
    }

    #[test]
    fn syslog_with_program_and_pid() {
        let lines = [
            "Dec  6 10:00:01 lb-01 haproxy[1234]: 192.0.2.1:5678 [06/Dec/2026:10:00:01.123] fe be/s1 0/0/1/2/3 200 512 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"",
            "Dec  6 10:00:02 lb-01 haproxy[1234]: 192.0.2.9:5111 [06/Dec/2026:10:00:02.001] fe be/s2 0/0/1/2/9 503 212 - - ---- 1/1/0/0/0 0/0 \"GET /a HTTP/1.1\"",
            "Dec 16 10:00:03 lb-01 kernel: eth0 link up",
        ];
        let (message, fields) = split(&lines);
        assert!(message.starts_with("192.0.2.1:5678 ["), "{message}");
        assert_eq!(field(&fields, "host"), Some("lb-01"));
        assert_eq!(field(&fields, "program"), Some("haproxy"));
        assert_eq!(field(&fields, "pid"), Some("1234"));
    }

    #[test]
    fn postgres_layout_with_levels_beside_log() {
        let lines = [
            "2026-12-06 10:00:01.123 UTC [12345] LOG:  duration: 12.345 ms  statement: SELECT 1",
            "2026-12-06 10:00:02.123 UTC [12346] ERROR:  deadlock detected",
            "2026-12-06 10:00:03.123 UTC [12346] DETAIL:  Process 12346 waits for ShareLock",
            "2026-12-06 10:00:04.123 UTC [12347] LOG:  checkpoint starting: time",
        ];
        let (message, fields) = split(&lines);
        assert_eq!(message, "duration: 12.345 ms  statement: SELECT 1");
        assert_eq!(field(&fields, "level"), Some("LOG"));
        assert_eq!(field(&fields, "pid"), Some("12345"));
    }

    #[test]
    fn klog_with_a_level_letter_glued_to_the_date() {
        let lines = [
            "I1206 10:00:01.123456      25 controller.go:188] \"Reconciled\" object=\"shop/a\"",
            "E1206 10:00:02.123456      25 controller.go:301] \"Reconciler error\" err=\"conflict\"",
            "W1206 10:00:03.123456       7 request.go:697] Waited for 1.2s due to client-side throttling",
        ];
        let (message, fields) = split(&lines);
        assert_eq!(message, "\"Reconciled\" object=\"shop/a\"");
        assert_eq!(field(&fields, "level"), Some("I"));
        assert_eq!(field(&fields, "source"), Some("controller.go:188"));
    }

    #[test]
    fn bracketed_time_and_level() {
        let lines = [
            "[2026-12-06 10:40:24,311] INFO [Partition orders-0 broker=1] Shrinking ISR from 1,2,3 to 1,3.",
            "[2026-12-06 10:40:25,311] ERROR Error processing append operation on partition payments-4",
            "[2026-12-06 10:40:26,311] INFO Client sent a request the broker did not expect",
        ];
        let (message, fields) = split(&lines);
        assert!(message.starts_with("[Partition orders-0"), "{message}");
        assert_eq!(field(&fields, "level"), Some("INFO"));
    }

    #[test]
    fn a_level_and_its_process_in_one_token_are_two_fields() {
        let lines = [
            "[2026-12-06 11:18:38,101: WARNING/MainProcess] Soft time limit (240s) exceeded",
            "[2026-12-06 11:18:38,164: ERROR/ForkPoolWorker-7] Task report raised unexpected",
            "[2026-12-06 11:18:39,001: INFO/ForkPoolWorker-3] Task report succeeded in 2.1s",
        ];
        let (message, fields) = split(&lines);
        assert!(message.starts_with("Soft time limit"), "{message}");
        assert_eq!(field(&fields, "level"), Some("WARNING"));
        assert_eq!(field(&fields, "process"), Some("MainProcess"));
    }

    #[test]
    fn a_level_and_a_thread_before_the_time() {
        let lines = [
            "INFO  [NativePoolCleaner] 2026-12-06 09:00:04,742 ColumnFamilyStore.java:1052 - Enqueuing flush of shop.products",
            "WARN  [Service Thread] 2026-12-06 09:00:05,441 GCInspector.java:294 - G1 Old Generation GC in 5118ms",
            "INFO  [PerDiskMemtableFlushWriter_0:171] 2026-12-06 09:00:06,516 Flushing.java:153 - Completed flushing",
            "ERROR [ReadStage-2] 2026-12-06 09:00:07,001 StorageProxy.java:1024 - Scanned over 100001 tombstones",
        ];
        let (message, fields) = split(&lines);
        assert_eq!(message, "Enqueuing flush of shop.products");
        assert_eq!(field(&fields, "level"), Some("INFO"));
        assert_eq!(field(&fields, "thread"), Some("NativePoolCleaner"));
        let (message, fields) = split(&[lines[1], lines[0], lines[2], lines[3]]);
        assert_eq!(message, "G1 Old Generation GC in 5118ms");
        assert_eq!(field(&fields, "thread"), Some("Service Thread"));
        // Words that are no level stay a shape of their own, or no header.
        assert!(columns_of_prefix("hello [x] ").is_none());
    }

    #[test]
    fn no_header_without_a_time() {
        assert!(infer(&["just some text", "more text here"]).is_none());
        assert!(infer(&[]).is_none());
    }

    #[test]
    fn odd_bytes_never_panic() {
        let lines = [
            "2026-12-06 10:00:01 [unclosed é bracket",
            "2026-12-06 10:00:02 ééé|||---  ",
            "2026-12-06 10:00:03 -",
            "2026-12-06 10:00:04",
        ];
        let _ = infer(&lines);
    }
}
