//! The fields a question can be grounded in: what `| json`, `| logfmt` or
//! an access log's `| pattern` yields on a sample of the scope's lines
//! (the format inferred by [`FieldExtractor`]), with each field's shape —
//! numeric or not, its unit, its observed values and their word shapes.
//! The planner filters, groups and unwraps on these instead of guessing
//! from the question's words.

use std::collections::BTreeMap;

/// A field name's parts (`providerLatencyMs` → provider, latency, ms).
pub use crate::knowledge::fields::split_name;
use crate::knowledge::fields::{
    FieldExtractor, FieldFormat, FieldKind as TypedKind, LineProfiler, ProfileOptions,
    DECLARED_COLUMNS,
};
use logql::ParserStage;

/// Distinct values kept per field; beyond it a field is high-cardinality.
const MAX_VALUES: usize = 400;

/// Fields with at most this many values take the knowledge base's rare
/// ones (levels, categories); beyond, a missed value is one of many.
const KNOWN_VALUES: usize = 32;
/// A field seen in fewer of the sampled lines than this share is noise.
const MIN_SHARE: f64 = 0.02;
/// Lines of all a knowledge base read that make a rare numeric field one
/// to measure (see [`Catalog::add_known_fields`]).
const MIN_KNOWN_LINES: u64 = 3;

/// How a field's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Plain numbers (`duration_ms: 183`).
    Number,
    /// Go durations with a unit (`183.456ms`, `2m10s`): `unwrap duration()`.
    Duration,
    /// Anything else: words, ids, addresses, free text.
    Text,
}

/// One field as the sample shows it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The label name the parser gives it (`http_status` for `http.status`).
    pub name: String,
    pub kind: FieldKind,
    /// Sampled lines that have it.
    pub lines: usize,
    /// Observed values with counts, up to [`MAX_VALUES`].
    pub values: BTreeMap<String, usize>,
    /// More distinct values were seen than are kept.
    pub high_cardinality: bool,
    /// The word shapes of its values (see [`shape`]), with counts.
    pub shapes: BTreeMap<String, usize>,
    /// Values contain spaces: a message, not a category.
    pub free_text: bool,
    pub min: f64,
    pub max: f64,
    /// The type the knowledge layer infers from values and name (a size
    /// in bytes, a duration in a unit, a status code...).
    pub typed: Option<TypedKind>,
    /// A stream label (`pod`, `host`) rather than a parsed field: it
    /// filters in the selector and groups without a parser.
    pub stream: bool,
    /// Too rare for the sample: known only from the knowledge base's
    /// reading of all lines (see [`Catalog::add_known_fields`]).
    pub rare: bool,
    /// The fields some sampled line holds together with this one.
    pub companions: std::collections::BTreeSet<String>,
}

impl Field {
    /// The name's parts: `provider_latency_ms` → provider, latency, ms.
    pub fn parts(&self) -> Vec<String> {
        split_name(&self.name)
    }

    /// A value of its own on every line (a request or trace id): ranking
    /// its values by lines counts one each.
    pub fn unique_per_line(&self) -> bool {
        !self.stream
            && self.lines >= 50
            && self.values.values().all(|&n| n == 1)
            && (self.high_cardinality || self.values.len() == self.lines)
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self.kind, FieldKind::Number | FieldKind::Duration)
    }

    /// Values are HTTP status codes.
    pub fn is_status(&self) -> bool {
        self.kind == FieldKind::Number
            && self.min >= 100.0
            && self.max <= 599.0
            && self.values.keys().all(|v| v.len() == 3)
    }

    /// The value as the data writes it, compared without case.
    pub fn value_like(&self, word: &str) -> Option<&str> {
        self.values
            .keys()
            .find(|v| v.eq_ignore_ascii_case(word))
            .map(String::as_str)
    }

    /// The value a word names in the singular or the plural: "pod" of
    /// `resource="pods"`, "deployments" of `kind="Deployment"`.
    pub fn value_in_number(&self, word: &str) -> Option<&str> {
        if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let w = word.to_ascii_lowercase();
        self.values
            .keys()
            .find(|v| {
                let v = v.to_ascii_lowercase();
                v.strip_suffix('s') == Some(w.as_str()) || w.strip_suffix('s') == Some(v.as_str())
            })
            .map(String::as_str)
    }

    /// The share of values with this word shape.
    /// A regex of the one shape all the sampled values have
    /// (`[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+` for addresses); None where
    /// values differ in shape or any is free text.
    pub fn shape_regex(&self) -> Option<String> {
        let [(shape, _)] = self.shapes.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        if self.free_text || shape.len() > 32 {
            return None;
        }
        let mut re = String::new();
        for c in shape.chars() {
            match c {
                '9' => re.push_str("[0-9]+"),
                'a' => re.push_str("[a-z]+"),
                'A' => re.push_str("[A-Z]+"),
                c if c.is_ascii_alphanumeric() => re.push(c),
                c if c.is_ascii_punctuation() => re.push_str(&regex::escape(&c.to_string())),
                _ => return None,
            }
        }
        Some(re)
    }

    pub fn shape_share(&self, shape: &str) -> f64 {
        let total: usize = self.shapes.values().sum();
        if total == 0 {
            return 0.0;
        }
        *self.shapes.get(shape).unwrap_or(&0) as f64 / total as f64
    }
}

/// The fields of a scope's lines.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Reads the fields here, and gives the stage that reads them on Loki.
    pub extractor: FieldExtractor,
    pub sampled: usize,
    pub fields: Vec<Field>,
    /// The field that carries the message text (`msg`, `message`), if any:
    /// the free-text field present on most lines.
    pub message: Option<String>,
    /// A few of the sampled lines, to check a shortened stage on.
    pub examples: Vec<String>,
    /// Sampled lines the extractor does not read (an error log's among
    /// access lines): a pattern may still read pieces of them.
    pub unread: usize,
}

/// Lines a shortened pattern is checked on.
const EXAMPLES: usize = 64;

impl Catalog {
    /// The catalog of a sample of lines, when most of them are structured.
    pub fn from_lines<'l>(lines: impl IntoIterator<Item = &'l str>) -> Option<Catalog> {
        Catalog::from_lines_known(lines, None)
    }

    /// [`from_lines`](Self::from_lines), reading the lines in `known`'s
    /// format where the knowledge base learned one the sample cannot show:
    /// columns the file names once, at its start.
    pub fn from_lines_known<'l>(
        lines: impl IntoIterator<Item = &'l str>,
        known: Option<&FieldFormat>,
    ) -> Option<Catalog> {
        let lines: Vec<&str> = lines.into_iter().collect();
        let declared = match known {
            Some(FieldFormat::Access(l)) if l.name == DECLARED_COLUMNS => {
                Some(FieldExtractor::new(FieldFormat::Access(l.clone())))
            }
            _ => None,
        };
        let extractor = declared.or_else(|| FieldExtractor::detect(lines.iter().copied()))?;
        let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
        let mut sampled = 0;
        let mut companions: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        let mut names: Vec<String> = Vec::new();
        for line in &lines {
            names.clear();
            let read = extractor.extract_with(line, &mut |k, v| {
                acc.entry(k.to_string()).or_default().add(v);
                if !v.is_empty() && v != "-" {
                    names.push(k.to_string());
                }
            });
            if read {
                sampled += 1;
            }
            for n in &names {
                let set = companions.entry(n.clone()).or_default();
                set.extend(names.iter().filter(|m| *m != n).cloned());
            }
        }
        if sampled == 0 {
            return None;
        }
        let mut fields: Vec<Field> = acc
            .into_iter()
            .filter(|(_, a)| a.lines as f64 >= MIN_SHARE * sampled as f64)
            .map(|(name, a)| a.finish(name))
            .collect();
        fields.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.name.cmp(&b.name)));
        for f in &mut fields {
            f.companions = companions.remove(&f.name).unwrap_or_default();
        }
        // The knowledge layer's types, read with the extractor found above.
        let mut profiler = LineProfiler::new(extractor.clone(), ProfileOptions::default());
        for line in &lines {
            profiler.add(line);
        }
        let typed = profiler.finish();
        for f in &mut fields {
            f.typed = typed.field(&f.name).map(|p| p.kind);
        }
        let message = fields
            .iter()
            .filter(|f| f.free_text && f.lines * 2 >= sampled)
            .max_by_key(|f| f.lines)
            .map(|f| f.name.clone());
        let examples: Vec<String> = lines
            .iter()
            .filter(|l| extractor.extract(l).is_some())
            .take(EXAMPLES)
            .map(|l| l.to_string())
            .collect();
        Some(Catalog {
            unread: lines.len() - sampled,
            examples,
            extractor,
            sampled,
            fields,
            message,
        })
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether some sampled line holds both fields (stream labels are on
    /// every line).
    pub fn together(&self, a: &str, b: &str) -> bool {
        let stream = |n: &str| self.field(n).is_some_and(|f| f.stream);
        a == b || stream(a) || stream(b) || self.field(a).is_some_and(|f| f.companions.contains(b))
    }

    /// Adds the stream labels that tell the scope's streams apart (`pod`
    /// over three pods) as fields, so "which pod" groups by the label and
    /// a pod's name filters in the selector. Labels with one value, the
    /// ones the scope fixes, and names a parsed field already has, add
    /// nothing.
    pub fn add_stream_labels(&mut self, labels: &[(String, Vec<String>)], fixed: &[String]) {
        for (name, values) in labels {
            let distinct = values.len() >= 2;
            let internal = name.starts_with("__");
            if !distinct || internal || fixed.contains(name) || self.field(name).is_some() {
                continue;
            }
            let shapes = shapes_of(values);
            self.fields.push(Field {
                name: name.clone(),
                kind: FieldKind::Text,
                lines: self.sampled,
                values: values
                    .iter()
                    .take(MAX_VALUES)
                    .map(|v| (v.clone(), 1))
                    .collect(),
                high_cardinality: values.len() > MAX_VALUES,
                shapes,
                free_text: false,
                min: 0.0,
                max: 0.0,
                typed: None,
                stream: true,
                rare: false,
                companions: Default::default(),
            });
        }
    }

    /// Values the knowledge base saw over all lines but the sample missed
    /// (a level written on 8 lines of 10,000), for fields with few values:
    /// each counts as one sampled line, so shares stay the sample's.
    pub fn add_known_values(&mut self, known: &crate::knowledge::fields::FieldsInfo) {
        for f in self.fields.iter_mut().filter(|f| !f.stream && !f.free_text) {
            let Some(profile) = known.field(&f.name) else {
                continue;
            };
            if profile.distinct_capped || profile.top.len() > KNOWN_VALUES {
                continue;
            }
            for top in &profile.top {
                if f.values.len() >= MAX_VALUES {
                    break;
                }
                if !f.values.contains_key(&top.value) {
                    f.values.insert(top.value.clone(), 1);
                    *f.shapes.entry(shape(&top.value)).or_default() += 1;
                }
            }
        }
    }

    /// Numeric fields the knowledge base read over all lines but the
    /// sample missed or took for noise (`elapsed` on 18 lines of 14,000:
    /// the measure of a rare event). Each counts as one sampled line, so
    /// a field the sample saw always ranks first on a tie.
    pub fn add_known_fields(&mut self, known: &crate::knowledge::fields::FieldsInfo) {
        for p in &known.fields {
            if !p.kind.is_numeric() || p.count < MIN_KNOWN_LINES || self.field(&p.name).is_some() {
                continue;
            }
            let Some(stats) = p.stats else {
                continue;
            };
            let kind = match p.kind {
                TypedKind::Duration { suffixed: true, .. } => FieldKind::Duration,
                _ => FieldKind::Number,
            };
            let values: BTreeMap<String, usize> =
                p.top.iter().map(|t| (t.value.clone(), 1)).collect();
            let shapes = shapes_of(values.keys());
            let field = Field {
                name: p.name.clone(),
                kind,
                lines: 1,
                high_cardinality: p.distinct_capped || p.distinct as usize > values.len(),
                values,
                shapes,
                free_text: false,
                min: stats.min,
                max: stats.max,
                typed: Some(p.kind),
                stream: false,
                rare: true,
                companions: Default::default(),
            };
            // A rare number between 100 and 599 is no status code.
            if !field.is_status() {
                self.fields.push(field);
            }
        }
    }

    /// The parser stage that extracts the fields in LogQL.
    pub fn stage(&self) -> ParserStage {
        self.extractor.stage()
    }

    /// The stage that extracts `needed`, as short as it can be: an access
    /// log's pattern names only those fields and stops after the last one
    /// (`<_> <_> <_> [<_>] "<_> <_> <_>" <status> <_>`), kept only where it
    /// reads the same values as the full one on the sampled lines.
    pub fn stage_for(&self, needed: &[&str]) -> ParserStage {
        let full = self.stage();
        let ParserStage::Pattern(pattern) = &full else {
            return full;
        };
        let Some(short) = shorten_pattern(pattern, needed) else {
            return full;
        };
        let stage = ParserStage::Pattern(short);
        if self.reads_the_same(&stage, needed) {
            stage
        } else {
            full
        }
    }

    fn reads_the_same(&self, stage: &ParserStage, needed: &[&str]) -> bool {
        let log = logql::LogExpr {
            selector: vec![logql::Matcher::new("a", logql::MatchOp::Eq, "b")],
            pipeline: vec![logql::Stage::Parser(stage.clone())],
        };
        let Ok(pipeline) = crate::engine::pipeline::Pipeline::compile(&log) else {
            return false;
        };
        let stream = crate::source::Labels::from_pairs([("a", "b")]);
        self.examples.iter().all(|line| {
            let Some(fields) = self.extractor.extract(line) else {
                return true;
            };
            let mut row = crate::engine::pipeline::Row::new(0, line, &stream);
            if !pipeline.process(&mut row) {
                return false;
            }
            needed.iter().all(|name| {
                let want = fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str());
                row.labels.get(name) == want
            })
        })
    }
}

#[derive(Default)]
struct Acc {
    lines: usize,
    numbers: usize,
    durations: usize,
    spaced: usize,
    values: BTreeMap<String, usize>,
    overflow: bool,
    shapes: BTreeMap<String, usize>,
    min: f64,
    max: f64,
}

impl Acc {
    fn add(&mut self, v: &str) {
        // An empty value, or an access log's "-", is the field's absence.
        if v.is_empty() || v == "-" {
            return;
        }
        if self.lines == 0 {
            self.min = f64::INFINITY;
            self.max = f64::NEG_INFINITY;
        }
        self.lines += 1;
        let number = v.parse::<f64>().ok().filter(|n| n.is_finite());
        if let Some(n) = number {
            self.numbers += 1;
            self.min = self.min.min(n);
            self.max = self.max.max(n);
        } else if let Some(secs) = go_duration_seconds(v) {
            self.durations += 1;
            self.min = self.min.min(secs);
            self.max = self.max.max(secs);
        }
        if v.contains(' ') {
            self.spaced += 1;
        }
        if self.shapes.len() < 64 || self.shapes.contains_key(&shape(v)) {
            *self.shapes.entry(shape(v)).or_default() += 1;
        }
        let room = self.values.len() < MAX_VALUES;
        match self.values.get_mut(v) {
            Some(c) => *c += 1,
            None if room => {
                self.values.insert(v.to_string(), 1);
            }
            None => self.overflow = true,
        }
    }

    fn finish(self, name: String) -> Field {
        let kind = if self.numbers * 10 >= self.lines * 9 {
            FieldKind::Number
        } else if (self.durations + self.numbers) * 10 >= self.lines * 9 && self.durations > 0 {
            FieldKind::Duration
        } else {
            FieldKind::Text
        };
        Field {
            name,
            kind,
            lines: self.lines,
            values: self.values,
            high_cardinality: self.overflow,
            shapes: self.shapes,
            free_text: self.spaced * 2 >= self.lines,
            min: self.min,
            max: self.max,
            typed: None,
            stream: false,
            rare: false,
            companions: Default::default(),
        }
    }
}

/// A Go duration (`183.456ms`, `2m10.057s`, `1h`) in seconds, as
/// `unwrap duration()` reads it.
pub fn go_duration_seconds(v: &str) -> Option<f64> {
    crate::engine::values::parse_duration(v)
        .ok()
        .map(|ns| ns as f64 / 1e9)
}

/// The [`shape`] of an IPv4 address.
pub const IPV4: &str = "9.9.9.9";
/// The [`shape`] of an IPv4 address written with its port.
pub const IPV4_WITH_PORT: &str = "9.9.9.9:9";

/// The shapes of `values`, each with how many of them have it.
fn shapes_of<'v>(values: impl IntoIterator<Item = &'v String>) -> BTreeMap<String, usize> {
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    for v in values {
        *shapes.entry(shape(v)).or_default() += 1;
    }
    shapes
}

/// A value's word shape: runs of digits become `9`, of lower-case letters
/// `a`, of upper-case `A`; other characters stay. `u-1337` → `a-9`,
/// `SKU-10042` → `A-9`, `10.0.0.7` → `9.9.9.9`.
pub fn shape(v: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in v.chars().take(64) {
        let class = if c.is_ascii_digit() {
            '9'
        } else if c.is_lowercase() {
            'a'
        } else if c.is_uppercase() {
            'A'
        } else {
            c
        };
        if Some(class) != last || !matches!(class, '9' | 'a' | 'A') {
            out.push(class);
        }
        last = Some(class);
    }
    out
}

/// A pattern with only `needed` named, cut after the last of them; None
/// when it names none of them or is no shorter.
fn shorten_pattern(pattern: &str, needed: &[&str]) -> Option<String> {
    // Captures and the literals between them.
    let mut parts: Vec<(bool, &str)> = Vec::new(); // (is a capture, text)
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        let is_name =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_name {
            parts.push((false, &rest[..=close]));
            rest = &rest[close + 1..];
            continue;
        }
        if open > 0 {
            parts.push((false, &rest[..open]));
        }
        parts.push((true, name));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    let last = parts
        .iter()
        .rposition(|(capture, text)| *capture && needed.contains(text))?;
    let mut out = String::new();
    for (i, (capture, text)) in parts.iter().enumerate() {
        if i == last + 1 && i + 1 < parts.len() {
            // Enough of the next literal to end the field, then the rest:
            // `[<upstream_name>] <_>`.
            let end = text.find(char::is_whitespace).map_or(text.len(), |w| w + 1);
            out.push_str(&text[..end]);
            out.push_str("<_>");
            break;
        }
        match (capture, needed.contains(text)) {
            (true, true) => out.push_str(&format!("<{text}>")),
            (true, false) => out.push_str("<_>"),
            (false, _) => out.push_str(text),
        }
    }
    (out.len() < pattern.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fields_are_flattened_and_typed() {
        let lines = [
            r#"{"level":"info","msg":"charge ok","http":{"status":201},"latency_ms":12}"#,
            r#"{"level":"error","msg":"charge failed","http":{"status":502},"latency_ms":30012}"#,
            r#"{"level":"info","msg":"charge ok","http":{"status":201},"latency_ms":15}"#,
        ];
        let c = Catalog::from_lines(lines).unwrap();
        assert_eq!(c.extractor.format().name(), "json");
        let status = c.field("http_status").unwrap();
        assert!(status.is_status());
        assert_eq!(c.field("latency_ms").unwrap().kind, FieldKind::Number);
        assert_eq!(c.message.as_deref(), Some("msg"));
        assert_eq!(c.field("level").unwrap().value_like("ERROR"), Some("error"));
    }

    #[test]
    fn rare_values_the_knowledge_base_saw_join_the_sample() {
        let mut all: Vec<String> = (0..500)
            .map(|i| format!(r#"{{"s":"I","msg":"checkpoint {i}"}}"#))
            .collect();
        all.push(r#"{"s":"E","msg":"disk full"}"#.into());
        let known =
            crate::knowledge::fields::profile_lines(all.iter().map(String::as_str)).unwrap();
        // The sample missed the one error line.
        let mut c = Catalog::from_lines(all[..100].iter().map(String::as_str)).unwrap();
        assert_eq!(c.field("s").unwrap().value_like("E"), None);
        c.add_known_values(&known);
        let s = c.field("s").unwrap();
        assert_eq!(s.value_like("e"), Some("E"));
        // Counted as one sampled line: shares stay the sample's.
        assert_eq!(s.values["E"], 1);
        assert_eq!(s.values["I"], 100);
        // A free-text field takes nothing.
        assert!(c.field("msg").unwrap().value_like("disk full").is_none());
    }

    #[test]
    fn logfmt_durations_are_durations() {
        let lines = [
            r#"time=1 level=INFO msg="login ok" user=ann duration=183.456ms"#,
            r#"time=2 level=INFO msg="login ok" user=bob duration=2m10.057s"#,
            r#"time=3 level=WARN msg="slow" user=bob duration=1.5s"#,
        ];
        let c = Catalog::from_lines(lines).unwrap();
        assert_eq!(c.extractor.format().name(), "logfmt");
        let d = c.field("duration").unwrap();
        assert_eq!(d.kind, FieldKind::Duration);
        assert!((d.max - 130.057).abs() < 1e-9);
    }

    #[test]
    fn plain_text_has_its_header_fields_only() {
        assert!(Catalog::from_lines(["Accepted password for root", "Connection closed"]).is_none());
        let lines = [
            "Mar  3 10:00:00 web1 sshd[11]: Accepted password for root",
            "Mar  3 10:00:01 web1 sshd[12]: Connection closed by 10.0.0.7",
            "Mar  3 10:00:02 web2 cron[13]: (root) CMD (run-parts)",
        ];
        let c = Catalog::from_lines(lines).unwrap();
        assert_eq!(c.extractor.format().name(), "header");
        assert!(c.field("program").is_some() && c.field("host").is_some());
        assert!(c.message.is_none(), "the message is not a header field");
    }

    #[test]
    fn shapes_and_names() {
        assert_eq!(shape("u-1337"), "a-9");
        assert_eq!(shape("SKU-10042"), "A-9");
        assert_eq!(shape("10.0.0.7"), "9.9.9.9");
        assert_eq!(
            split_name("providerLatencyMs"),
            ["provider", "latency", "ms"]
        );
        assert_eq!(split_name("http_status"), ["http", "status"]);
        assert_eq!(go_duration_seconds("2m10s"), Some(130.0));
        assert_eq!(go_duration_seconds("abc"), None);
    }

    #[test]
    fn lines_of_another_layout_are_counted_and_values_keep_their_shape() {
        let mut lines: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    r#"10.0.{}.{} - - [06/Dec/2026:10:{:02}:00 +0000] "GET /x HTTP/1.1" 200 {} "-" "curl/8.5""#,
                    i % 3,
                    i,
                    i % 60,
                    100 + i
                )
            })
            .collect();
        lines.push("[2026-12-06 10:25:01 +0000] [12] [ERROR] Worker timeout".into());
        let c = Catalog::from_lines(lines.iter().map(String::as_str)).expect("an access log");
        assert_eq!(c.unread, 1);
        let re = c
            .field("ip")
            .and_then(Field::shape_regex)
            .expect("one shape");
        assert_eq!(re, r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+");
        let re = regex::Regex::new(&format!("^{re}$")).unwrap();
        assert!(re.is_match("10.0.2.39") && !re.is_match("[2026-12-06"));
        assert_eq!(
            c.field("path").and_then(Field::shape_regex),
            Some("/[a-z]+".into())
        );
    }

    #[test]
    fn access_log_patterns_name_only_the_fields_a_query_needs() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    r#"10.0.{}.{} - - [06/Dec/2026:10:{:02}:00 +0000] "GET /api/v{} HTTP/1.1" {} {} "-" "curl/8.{}""#,
                    i % 3,
                    i,
                    i % 60,
                    i % 4,
                    [200, 404, 502][i % 3],
                    100 + i,
                    i % 5
                )
            })
            .collect();
        let c = Catalog::from_lines(lines.iter().map(String::as_str)).expect("an access log");
        let ParserStage::Pattern(full) = c.stage() else {
            panic!("an access log is read with a pattern");
        };
        let ParserStage::Pattern(short) = c.stage_for(&["status"]) else {
            panic!("still a pattern");
        };
        assert!(short.len() < full.len(), "{short} vs {full}");
        assert!(
            short.contains("<status> <_>") && !short.contains("<path>"),
            "{short}"
        );
        assert!(short.ends_with("<_>"), "{short}");
        // A field the pattern does not have leaves the full stage.
        assert_eq!(c.stage_for(&["nope"]), c.stage());
        assert_eq!(shorten_pattern("<a> <b>", &["b"]), None, "no shorter");
    }
}
