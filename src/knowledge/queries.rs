//! The LogQL for one template: a selection that keeps exactly its lines
//! (a cheap `|=` on its most selective constant, then `|>` or an anchored
//! `|~`), and `pattern`/`regexp` parsers that extract its parameters.

use serde::{Deserialize, Serialize};

use crate::logql::{
    self, Extraction, FilterValue, LabelFilter, LineFilter, LineFilterOp, MatchOp, ParserStage,
    Stage,
};

/// A template cut at its variables; adjacent `<*>` count as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Var,
}

pub fn segments(template: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for (i, part) in template.split("<*>").enumerate() {
        if i > 0 && out.last() != Some(&Segment::Var) {
            out.push(Segment::Var);
        }
        if !part.is_empty() {
            out.push(Segment::Literal(part.to_string()));
        }
    }
    out
}

/// How a template's lines are selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Matcher {
    /// `|> "pattern"`
    Pattern,
    /// `|~ "^...$"`
    Regex,
}

/// Where the message of a structured line sits: the template describes
/// that field, so the queries parse it out before matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageField {
    /// `json` or `logfmt`
    pub parser: String,
    pub key: String,
}

impl MessageField {
    /// The field of a JSON object or logfmt line that holds its message.
    pub fn of(line: &str) -> Option<MessageField> {
        // The keys the miner reads a message from (so the template is that
        // field's), as far as a label can be named so.
        let keys = || {
            crate::mining::MESSAGE_KEYS
                .into_iter()
                .filter(|k| logql::is_label_name(k))
        };
        let t = line.trim_start();
        if t.starts_with('{') {
            let v: serde_json::Value = serde_json::from_str(t).ok()?;
            // The miner's choice: the first key present, of any type.
            let key = keys().find(|k| v.get(*k).is_some_and(|m| !m.is_null()))?;
            return v[key].is_string().then(|| MessageField {
                parser: "json".into(),
                key: key.to_string(),
            });
        }
        let key =
            keys().find(|k| t.starts_with(&format!("{k}=")) || t.contains(&format!(" {k}=")))?;
        (t.matches('=').count() >= 2).then(|| MessageField {
            parser: "logfmt".into(),
            key: key.to_string(),
        })
    }

    /// The message this field holds in a line, as the parser reads it.
    pub fn value_in(&self, line: &str) -> Option<String> {
        let mut found = None;
        let mut sink = crate::engine::parsers::FnSink(|k: &str, v: std::borrow::Cow<'_, str>| {
            if k == self.key {
                found = Some(v.into_owned());
            }
        });
        let _ = match self.parser.as_str() {
            "json" => crate::engine::parsers::json_all(line, &mut sink),
            _ => crate::engine::parsers::logfmt(line, false, false, &[], &mut sink),
        };
        found
    }

    /// `| json msg="msg"` and, to hand the message on as the line, a
    /// `line_format` too.
    pub fn extract(&self, as_line: bool) -> Vec<Stage> {
        let params = vec![Extraction {
            label: self.key.clone(),
            expr: self.key.clone(),
        }];
        let parser = if self.parser == "logfmt" {
            ParserStage::Logfmt {
                strict: false,
                keep_empty: false,
                params,
            }
        } else {
            ParserStage::Json(params)
        };
        let mut stages = vec![Stage::Parser(parser)];
        if as_line {
            // A Go template, not LogQL: `{{.msg}}`.
            stages.push(Stage::LineFormat(format!("{{{{.{}}}}}", self.key)));
        }
        stages
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateQueries {
    /// `|= "constant"`, the template's most selective constant.
    pub line_filter: Option<String>,
    /// `|> "..."` with `<_>` for each variable.
    pub pattern_filter: String,
    /// `|~ "^...$"`, exact where the pattern filter is not.
    pub regex_filter: String,
    /// Which of the two the selection uses.
    pub matcher: Matcher,
    /// `!> "..."` filters for other templates the matcher would also take.
    pub exclusions: Vec<String>,
    /// `| pattern "..."` with a named capture per parameter.
    pub pattern: Option<String>,
    /// `| regexp "..."` with a named group per parameter.
    pub regexp: Option<String>,
    /// The selection was checked against the sampled lines of every
    /// template and keeps exactly this template's.
    pub exact: bool,
    /// Set when the template describes a field of JSON or logfmt lines.
    #[serde(default)]
    pub field: Option<MessageField>,
}

impl TemplateQueries {
    /// The pipeline stages that select the template's lines.
    pub fn selection(&self) -> String {
        let mut out = Vec::new();
        if let Some(l) = &self.line_filter {
            out.push(l.clone());
        }
        match &self.field {
            // The message field must match the template as a whole: a
            // label filter's regex is anchored.
            Some(f) => {
                let mut stages = f.extract(false);
                if let Some(re) = filter_text(&self.regex_filter, LineFilterOp::Regex) {
                    stages.push(Stage::LabelFilter(LabelFilter::Matcher(
                        logql::Matcher::new(&f.key, MatchOp::Re, re),
                    )));
                }
                out.push(print(&stages));
            }
            None => {
                out.push(match self.matcher {
                    Matcher::Pattern => self.pattern_filter.clone(),
                    Matcher::Regex => self.regex_filter.clone(),
                });
                out.extend(self.exclusions.iter().cloned());
            }
        }
        out.join(" ")
    }

    /// The stages that extract the parameters as labels: `pattern`, else
    /// `regexp` (after parsing out the message of structured lines).
    pub fn extraction(&self) -> Option<String> {
        let parser = self.pattern.as_ref().or(self.regexp.as_ref())?;
        Some(match &self.field {
            Some(f) => [print(&f.extract(true)), parser.clone()].join(" "),
            None => parser.clone(),
        })
    }

    /// `!> "..."`: the filter that drops this template's lines from
    /// another template's selection.
    pub fn exclusion(&self) -> Option<String> {
        let pattern = filter_text(&self.pattern_filter, LineFilterOp::Pattern)?;
        Some(line_filter(LineFilterOp::NotPattern, pattern).to_string())
    }
}

/// A line filter stage on one text.
fn line_filter(op: LineFilterOp, text: impl Into<String>) -> Stage {
    Stage::LineFilter(LineFilter {
        op,
        values: vec![FilterValue::Text(text.into())],
    })
}

/// Stages in their printed form, as the queries store them.
fn print(stages: &[Stage]) -> String {
    stages
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a stored one-value line filter with operator `op`.
fn filter_text(stored: &str, op: LineFilterOp) -> Option<String> {
    match logql::parse_pipeline(stored).ok()?.as_slice() {
        [Stage::LineFilter(f)] if f.op == op => match f.values.as_slice() {
            [FilterValue::Text(text)] => Some(text.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Build the queries for `template`, naming the variables `names` (one per
/// [`Segment::Var`]); `selectivity(literal)` says how common a constant
/// is across all templates (lower is rarer, so better).
pub fn build(
    template: &str,
    names: &[String],
    selectivity: impl Fn(&str) -> f64,
) -> TemplateQueries {
    let segs = segments(template);
    let contains = best_literal(&segs, selectivity)
        .map(|l| line_filter(LineFilterOp::Contains, l).to_string());
    let pattern_text: String = segs
        .iter()
        .map(|s| match s {
            Segment::Literal(l) => l.clone(),
            Segment::Var => "<_>".into(),
        })
        .collect();
    let regex = anchored_regex(&segs, None);
    let has_vars = segs.contains(&Segment::Var);
    let pattern = (has_vars
        && segs.iter().all(|s| match s {
            Segment::Literal(l) => !looks_like_capture(l),
            Segment::Var => true,
        }))
    .then(|| {
        let mut names = names.iter();
        let text: String = segs
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => l.clone(),
                Segment::Var => format!("<{}>", names.next().map_or("_", String::as_str)),
            })
            .collect();
        Stage::Parser(ParserStage::Pattern(text)).to_string()
    });
    let regexp = has_vars.then(|| {
        Stage::Parser(ParserStage::Regexp(anchored_regex(&segs, Some(names)))).to_string()
    });
    TemplateQueries {
        line_filter: contains,
        pattern_filter: line_filter(LineFilterOp::Pattern, pattern_text.clone()).to_string(),
        regex_filter: line_filter(LineFilterOp::Regex, regex).to_string(),
        matcher: if looks_like_capture(&pattern_text.replace("<_>", "")) {
            Matcher::Regex
        } else {
            Matcher::Pattern
        },
        exclusions: Vec::new(),
        pattern,
        regexp,
        exact: false,
        field: None,
    }
}

/// `^literal(.*?)literal$`, with named groups when `names` is given.
fn anchored_regex(segs: &[Segment], names: Option<&[String]>) -> String {
    let mut out = String::from("^");
    let mut i = 0;
    for s in segs {
        match s {
            Segment::Literal(l) => out.push_str(&regex::escape(l)),
            Segment::Var => {
                match names.and_then(|n| n.get(i)) {
                    Some(name) => out.push_str(&format!("(?P<{name}>.*?)")),
                    None => out.push_str(".*?"),
                }
                i += 1;
            }
        }
    }
    // Lines may carry trailing blanks the template does not show.
    out.push_str(r"\s*$");
    out
}

/// `<word>` inside a literal would read as a pattern capture.
fn looks_like_capture(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let ident: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !ident.is_empty()
            && !ident.starts_with(|c: char| c.is_ascii_digit())
            && after[ident.len()..].starts_with('>')
        {
            return true;
        }
        rest = after;
    }
    false
}

/// The rarest constant worth filtering on: words of the literals (at least
/// three characters), rarest first, longer on ties.
fn best_literal(segs: &[Segment], selectivity: impl Fn(&str) -> f64) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    for s in segs {
        if let Segment::Literal(l) = s {
            // Punctuation at the ends is left to the other stages.
            let trimmed = l.trim().trim_matches(|c: char| !c.is_alphanumeric());
            if trimmed.len() >= 3 {
                candidates.push(trimmed.to_string());
            }
            for w in l.split(|c: char| c.is_whitespace()) {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.len() >= 3 && !candidates.iter().any(|c| c == w) {
                    candidates.push(w.to_string());
                }
            }
        }
    }
    candidates
        .into_iter()
        .map(|c| (selectivity(&c), std::cmp::Reverse(c.len()), c))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, _, c)| c)
}

/// Label names for a template's variables: the word before each one
/// (`user <*>` → `user`), else `p1`, `p2`...; made unique.
/// `base`, or `base_<k>` for the first k from `first_suffix` up that no
/// name in `taken` has.
pub fn unique_name(base: &str, taken: &[String], first_suffix: usize) -> String {
    let mut name = base.to_string();
    let mut k = first_suffix;
    while taken.contains(&name) {
        name = format!("{base}_{k}");
        k += 1;
    }
    name
}

pub fn param_names(template: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut previous = String::new();
    let mut n = 0;
    for s in segments(template) {
        match s {
            Segment::Literal(l) => previous = l,
            Segment::Var => {
                n += 1;
                let word: String = previous
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let name = if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
                    format!("p{n}")
                } else {
                    word
                };
                let name = unique_name(&name, &names, n);
                names.push(name);
                previous.clear();
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_for_a_template() {
        let t = "Failed password for invalid user <*> from <*> port <*> ssh2";
        let names = param_names(t);
        assert_eq!(names, ["user", "from", "port"]);
        let q = build(t, &names, |lit| if lit == "Failed" { 0.1 } else { 1.0 });
        assert_eq!(q.line_filter.as_deref(), Some(r#"|= "Failed""#));
        assert_eq!(
            q.pattern_filter,
            r#"|> "Failed password for invalid user <_> from <_> port <_> ssh2""#
        );
        assert_eq!(
            q.pattern.as_deref(),
            Some(
                r#"| pattern "Failed password for invalid user <user> from <from> port <port> ssh2""#
            )
        );
        assert_eq!(
            q.regexp.as_deref(),
            Some(
                r#"| regexp "^Failed password for invalid user (?P<user>.*?) from (?P<from>.*?) port (?P<port>.*?) ssh2\\s*$""#
            )
        );
        for stage in [
            q.selection(),
            q.pattern.clone().unwrap(),
            q.regexp.clone().unwrap(),
        ] {
            crate::logql::parse(&format!(r#"{{app="sshd"}} {stage}"#)).unwrap();
        }
    }

    #[test]
    fn adjacent_variables_and_capture_lookalikes() {
        assert_eq!(
            segments("a <*><*> b"),
            [
                Segment::Literal("a ".into()),
                Segment::Var,
                Segment::Literal(" b".into())
            ]
        );
        let q = build("value <x> is <*>", &["is".into()], |_| 1.0);
        assert_eq!(q.matcher, Matcher::Regex);
        assert!(q.pattern.is_none());
        assert_eq!(param_names("<*> <*> x=<*>"), ["p1", "p2", "x"]);
        // Names stay unique even when a suffixed name is taken.
        assert_eq!(param_names("x_3 <*> x <*> x <*>"), ["x_3", "x", "x_4"]);
    }
}
