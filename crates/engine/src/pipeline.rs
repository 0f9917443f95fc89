//! A log pipeline compiled for execution: line filters, parsers, label
//! filters and formatters applied to one entry at a time, with Loki's rules
//! for extracted-label collisions and the `__error__` labels.

use std::borrow::Cow;

use regex::Regex;

use super::linefilter::{contains_ip, LineMatcher};
use super::parsers::{self, JsonPath, ParserError, PatternMatcher, Sink};
use super::values;
use super::EngineError;
use crate::source::Labels;
use gotemplate::{Template, TemplateData};
use logql::ipmatch::IpMatcher;
use logql::pattern::Pattern;
use logql::{
    CmpOp, LabelFilter, LabelFormatItem, LabelSelector, LogExpr, MatchOp, Matcher, ParserStage,
    Stage,
};

pub const ERROR_LABEL: &str = "__error__";
pub const ERROR_DETAILS_LABEL: &str = "__error_details__";
/// Suffix Loki gives an extracted label whose name a stream label already has.
const DUPLICATE_SUFFIX: &str = "_extracted";

/// A compiled stream matcher (`{app="x", env=~"p.*"}`).
#[derive(Debug, Clone)]
pub struct LabelMatcher {
    name: String,
    op: MatchOp,
    value: String,
    regex: Option<Regex>,
}

impl LabelMatcher {
    pub fn new(m: &Matcher) -> Result<LabelMatcher, EngineError> {
        let regex = match m.op {
            MatchOp::Re | MatchOp::Nre => Some(
                logql::regex_check::compile_anchored(&m.value)
                    .map_err(|e| EngineError::BadQuery(e.to_string()))?,
            ),
            _ => None,
        };
        Ok(LabelMatcher {
            name: m.name.clone(),
            op: m.op,
            value: m.value.clone(),
            regex,
        })
    }

    /// Prometheus semantics: a missing label has the value "".
    pub fn matches_value(&self, v: &str) -> bool {
        match self.op {
            MatchOp::Eq => v == self.value,
            MatchOp::Neq => v != self.value,
            MatchOp::Re => self.regex.as_ref().is_some_and(|r| r.is_match(v)),
            MatchOp::Nre => !self.regex.as_ref().is_some_and(|r| r.is_match(v)),
        }
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.matches_value(labels.get(&self.name).unwrap_or(""))
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

pub fn compile_selector(selector: &[Matcher]) -> Result<Vec<LabelMatcher>, EngineError> {
    selector.iter().map(LabelMatcher::new).collect()
}

#[derive(Debug)]
enum CompiledStage {
    Line(LineMatcher),
    Json(Option<Vec<(String, JsonPath)>>),
    Logfmt {
        strict: bool,
        keep_empty: bool,
        params: Vec<(String, String)>,
    },
    Regexp(Regex),
    Pattern(PatternMatcher),
    Unpack,
    LabelFilter(CompiledFilter),
    LineFormat(Template),
    LabelFormat(Vec<CompiledLabelFormat>),
    Drop(Vec<CompiledSelector>),
    Keep(Vec<CompiledSelector>),
    Decolorize,
}

#[derive(Debug)]
pub enum CompiledFilter {
    Matcher(LabelMatcher),
    Ip {
        name: String,
        negated: bool,
        ip: IpMatcher,
    },
    Number {
        name: String,
        op: CmpOp,
        value: f64,
    },
    Duration {
        name: String,
        op: CmpOp,
        value: i64,
    },
    Bytes {
        name: String,
        op: CmpOp,
        value: u64,
    },
    And(Box<CompiledFilter>, Box<CompiledFilter>),
    Or(Box<CompiledFilter>, Box<CompiledFilter>),
}

#[derive(Debug)]
enum CompiledLabelFormat {
    Rename { dst: String, src: String },
    Template { dst: String, template: Template },
}

#[derive(Debug)]
enum CompiledSelector {
    Name(String),
    Matcher(LabelMatcher),
}

/// An entry as it moves through the pipeline. A scan keeps one row and
/// [`Row::reset`]s it for each entry, so the label strings of one entry
/// are reused for the next rather than allocated again.
#[derive(Clone)]
pub struct Row<'a> {
    pub ts: i64,
    pub line: Cow<'a, str>,
    pub labels: Labels,
    /// The stream's own labels: extracted labels that collide get a suffix.
    stream: &'a Labels,
    /// Labels set by parsers and `label_format`: a later parser does not
    /// overwrite them (Loki 3's extraction hints). Their names are back to
    /// back in `extracted_names`.
    extracted: Vec<std::ops::Range<usize>>,
    extracted_names: String,
    /// Names of this entry's structured metadata labels, back to back:
    /// since Loki 3.7 a parsed label that collides with one gets the
    /// suffix too, as it does for stream labels (grafana/loki#19991).
    metadata: Vec<std::ops::Range<usize>>,
    metadata_names: String,
    /// Label pairs the last entry used and this one has not yet.
    spare: Vec<(String, String)>,
    /// The json parser's working buffers, kept from one entry to the next.
    scratch: parsers::JsonScratch,
    /// Capture slots of each `| regexp` stage met, by the address of its
    /// regex (fixed while a scan runs), kept from one entry to the next.
    captures: Vec<(usize, regex::CaptureLocations)>,
}

impl<'a> Row<'a> {
    pub fn new(ts: i64, line: &'a str, stream: &'a Labels) -> Row<'a> {
        Row {
            ts,
            line: Cow::Borrowed(line),
            labels: stream.clone(),
            stream,
            extracted: Vec::new(),
            extracted_names: String::new(),
            metadata: Vec::new(),
            metadata_names: String::new(),
            spare: Vec::new(),
            scratch: parsers::JsonScratch::default(),
            captures: Vec::new(),
        }
    }

    /// Make this row the entry `(ts, line)` of the same stream.
    pub fn reset(&mut self, ts: i64, line: &'a str) {
        self.ts = ts;
        self.line = Cow::Borrowed(line);
        self.labels.copy_reusing(self.stream, &mut self.spare);
        self.extracted.clear();
        self.extracted_names.clear();
        self.metadata.clear();
        self.metadata_names.clear();
    }

    pub fn with_metadata(mut self, metadata: Vec<(String, String)>) -> Self {
        self.add_metadata(metadata);
        self
    }

    /// Structured metadata joins the labels; a name the stream already has
    /// gets the `_extracted` suffix.
    pub fn add_metadata(&mut self, metadata: Vec<(String, String)>) {
        for (k, v) in metadata {
            let k = parsers::sanitize_label_name(&k).into_owned();
            let name = if self.stream.contains(&k) {
                format!("{k}{DUPLICATE_SUFFIX}")
            } else {
                k
            };
            let start = self.metadata_names.len();
            self.metadata_names.push_str(&name);
            self.metadata.push(start..self.metadata_names.len());
            self.labels.set(name, v);
        }
    }

    /// Keep only the labels `keep` says yes to; the dropped pairs are
    /// reused by the next entry rather than freed.
    pub fn retain_labels(&mut self, keep: impl FnMut(&str, &str) -> bool) {
        self.labels.retain_reusing(keep, &mut self.spare);
    }

    /// Remove a label, keeping its strings for the next entry.
    pub fn remove_label(&mut self, name: &str) {
        self.labels.remove_reusing(name, &mut self.spare);
    }

    fn set_error(&mut self, label: &str, details: String) {
        self.labels.set(ERROR_LABEL.into(), label.into());
        self.labels.set(ERROR_DETAILS_LABEL.into(), details);
    }

    pub fn has_error(&self) -> bool {
        self.labels.contains(ERROR_LABEL)
    }

    /// Whether `name` is among the extracted names in `range`.
    fn extracted_among(&self, range: std::ops::Range<usize>, name: &str) -> bool {
        self.extracted[range]
            .iter()
            .any(|r| &self.extracted_names[r.clone()] == name)
    }

    /// Whether a parsed label named `key` would hide a stream label or a
    /// structured metadata label, and so takes the `_extracted` suffix.
    fn collides(&self, key: &str) -> bool {
        // The stream labels as pushed, even when a stage dropped one; the
        // metadata only while its label is still there (Loki reads the
        // base labels, but the live structured metadata category).
        self.stream.contains(key)
            || (self
                .metadata
                .iter()
                .any(|r| &self.metadata_names[r.clone()] == key)
                && self.labels.contains(key))
    }

    fn mark_extracted(&mut self, name: &str) {
        let start = self.extracted_names.len();
        self.extracted_names.push_str(name);
        self.extracted.push(start..self.extracted_names.len());
    }

    /// A sink for one parser stage: keys earlier stages extracted stay.
    fn sink(&mut self) -> ExtractSink<'_, 'a> {
        self.sink_for(None)
    }

    /// A sink that keeps only the `wanted` labels, when the query says
    /// which it needs (Loki's parser hints).
    fn sink_for<'r>(&'r mut self, wanted: Option<&'r Hints>) -> ExtractSink<'r, 'a> {
        let before = self.extracted.len();
        ExtractSink {
            row: self,
            before,
            wanted,
            first_wins: false,
        }
    }

    /// A sink where the first value of a name in this stage wins too:
    /// Loki 3.7's `| json` skips a key whose label it already extracted
    /// from the line (`ParserHint.Extracted`), so `{"a":1,"a":2}` gives
    /// `a="1"`, and so does a flat key meeting a nested one of the same
    /// flattened name.
    fn sink_first_wins<'r>(&'r mut self, wanted: Option<&'r Hints>) -> ExtractSink<'r, 'a> {
        let mut sink = self.sink_for(wanted);
        sink.first_wins = true;
        sink
    }

    fn set_parser_error(&mut self, e: &ParserError) {
        self.labels.set(ERROR_LABEL.into(), e.error_label().into());
        if let Some(details) = e.error_details() {
            self.labels.set(ERROR_DETAILS_LABEL.into(), details);
        }
    }
}

/// Parsers write extracted labels through this, applying the collision
/// rule; within one stage a repeated key's last value wins.
struct ExtractSink<'r, 'a> {
    row: &'r mut Row<'a>,
    /// How many names earlier stages extracted.
    before: usize,
    wanted: Option<&'r Hints>,
    /// Names this stage extracted keep their first value.
    first_wins: bool,
}

/// `a == b` for names of equal length, by a loop: they are short, and a
/// call to compare them costs more than the comparing.
#[inline]
fn same_bytes(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

impl ExtractSink<'_, '_> {
    /// Whether `key` is wanted as itself and suffixed (when it hides a
    /// stream label); `None` when every key is wanted.
    #[inline]
    fn wanted_as(&self, key: &str) -> Option<(bool, bool)> {
        let wanted = self.wanted?;
        let (mut plain, mut suffixed) = (false, false);
        if !wanted.has_length(key.len()) && !wanted.has_length(key.len() + DUPLICATE_SUFFIX.len()) {
            return Some((plain, suffixed));
        }
        for w in &wanted.names {
            // Lengths first: most keys differ from every wanted name there.
            if w.len() == key.len() {
                plain |= same_bytes(w, key);
            } else if w.len() == key.len() + DUPLICATE_SUFFIX.len() {
                suffixed |= w.strip_suffix(DUPLICATE_SUFFIX) == Some(key);
            }
        }
        Some((plain, suffixed))
    }
}

impl Sink for ExtractSink<'_, '_> {
    fn emit(&mut self, key: &str, value: Cow<'_, str>) {
        let suffixed;
        let name = if self.row.collides(key) {
            suffixed = format!("{key}{DUPLICATE_SUFFIX}");
            suffixed.as_str()
        } else {
            key
        };
        if let Some(wanted) = self.wanted {
            if !wanted.names.iter().any(|w| w == name) {
                return;
            }
        }
        let row = &mut *self.row;
        if row.extracted_among(0..self.before, name) {
            return;
        }
        if !row.extracted_among(self.before..row.extracted.len(), name) {
            row.mark_extracted(name);
        } else if self.first_wins {
            return;
        }
        row.labels.set_reusing(name, &value, &mut row.spare);
    }

    fn wants(&self, key: &str) -> bool {
        let Some((plain, suffixed)) = self.wanted_as(key) else {
            return true;
        };
        if !plain && !suffixed {
            return false;
        }
        if self.row.collides(key) {
            suffixed
        } else {
            plain
        }
    }

    fn may_want(&self, key: &str) -> bool {
        self.wanted_as(key)
            .is_none_or(|(plain, suffixed)| plain || suffixed)
    }

    fn may_want_lengths(&self) -> u64 {
        self.wanted.map_or(u64::MAX, |w| w.key_lengths)
    }

    fn may_want_under(&self, prefix: &str) -> bool {
        // A suffixed name starts with the name it hides, so this covers it.
        self.wanted.is_none_or(|wanted| {
            wanted.names.iter().any(|w| {
                w.len() > prefix.len()
                    && w.as_bytes()[prefix.len()] == b'_'
                    && w.starts_with(prefix)
            })
        })
    }

    fn is_stream_label(&self, key: &str) -> bool {
        self.row.stream.contains(key)
    }
}

impl TemplateData for Row<'_> {
    fn label(&self, name: &str) -> Option<&str> {
        self.labels.get(name)
    }

    fn line(&self) -> &str {
        &self.line
    }

    fn timestamp_ns(&self) -> i64 {
        self.ts
    }

    fn for_each_label(&self, f: &mut dyn FnMut(&str, &str)) {
        for (k, v) in self.labels.iter() {
            f(k, v);
        }
    }
}

/// A compiled pipeline.
#[derive(Debug)]
pub struct Pipeline {
    stages: Vec<CompiledStage>,
    /// How many leading stages are line filters (they run on the raw line,
    /// before any label work).
    leading_line_filters: usize,
    /// The only labels `json` and `logfmt` need to extract, when known.
    hints: Option<Hints>,
}

/// The labels a query needs its parsers to extract (Loki's parser hints),
/// with the lengths of their names: most keys a parser meets are no
/// wanted name's length, which answers "not wanted" without a comparison.
#[derive(Debug)]
struct Hints {
    names: Vec<String>,
    /// The [`parsers::name_length_bit`]s of the names.
    lengths: u64,
    /// Those of the keys that give a name: the names, and those with the
    /// collision suffix without it.
    key_lengths: u64,
}

impl Hints {
    fn new(names: Vec<String>) -> Hints {
        let bit = parsers::name_length_bit;
        let lengths = names.iter().fold(0, |m, n| m | bit(n.len()));
        let key_lengths =
            names
                .iter()
                .fold(lengths, |m, n| match n.strip_suffix(DUPLICATE_SUFFIX) {
                    Some(key) => m | bit(key.len()),
                    None => m,
                });
        Hints {
            names,
            lengths,
            key_lengths,
        }
    }

    /// Whether some name is `len` bytes long.
    #[inline]
    fn has_length(&self, len: usize) -> bool {
        self.lengths & parsers::name_length_bit(len) != 0
    }
}

impl Pipeline {
    pub fn compile(log: &LogExpr) -> Result<Pipeline, EngineError> {
        Pipeline::compile_with(log, false)
    }

    /// `no_labels`: leave out the `json`, `logfmt` and `unpack` stages, as
    /// Loki does when a metric query needs no labels from them.
    pub fn compile_with(log: &LogExpr, no_labels: bool) -> Result<Pipeline, EngineError> {
        let stages = log
            .pipeline
            .iter()
            .filter(|s| {
                !(no_labels
                    && matches!(
                        s,
                        Stage::Parser(
                            ParserStage::Json(_) | ParserStage::Logfmt { .. } | ParserStage::Unpack
                        )
                    ))
            })
            .map(compile_stage)
            .collect::<Result<Vec<_>, _>>()?;
        let leading_line_filters = stages
            .iter()
            .take_while(|s| matches!(s, CompiledStage::Line(_)))
            .count();
        Ok(Pipeline {
            stages,
            leading_line_filters,
            hints: None,
        })
    }

    /// Extract only these labels with `json` and `logfmt` (a metric query
    /// that groups by them and filters on them needs no others).
    pub fn with_hints(mut self, hints: Option<Vec<String>>) -> Pipeline {
        self.hints = hints.map(Hints::new);
        self
    }

    /// True when every stage is a line filter: labels never change.
    pub fn is_line_filter_only(&self) -> bool {
        self.leading_line_filters == self.stages.len()
    }

    /// The leading line filters, which need only the raw line.
    pub fn line_filters(&self) -> impl Iterator<Item = &LineMatcher> {
        self.stages[..self.leading_line_filters]
            .iter()
            .filter_map(|s| match s {
                CompiledStage::Line(m) => Some(m),
                _ => None,
            })
    }

    /// Run the leading line filters only.
    pub fn keeps_raw_line(&self, line: &str) -> bool {
        self.line_filters().all(|m| m.is_match(line))
    }

    /// Run the stages after the leading line filters; false drops the row.
    pub fn process_rest(&self, row: &mut Row<'_>) -> bool {
        let hints = self.hints.as_ref();
        for stage in &self.stages[self.leading_line_filters..] {
            if !apply_stage(stage, row, hints) {
                return false;
            }
        }
        true
    }

    /// Run the whole pipeline.
    pub fn process(&self, row: &mut Row<'_>) -> bool {
        self.keeps_raw_line(&row.line) && self.process_rest(row)
    }
}

fn compile_stage(stage: &Stage) -> Result<CompiledStage, EngineError> {
    let bad = |e: String| EngineError::BadQuery(e);
    Ok(match stage {
        Stage::LineFilter(f) => CompiledStage::Line(LineMatcher::new(f)?),
        Stage::Parser(ParserStage::Json(params)) => CompiledStage::Json(if params.is_empty() {
            None
        } else {
            Some(
                params
                    .iter()
                    .map(|p| {
                        JsonPath::parse(&p.expr)
                            .map(|path| (p.label.clone(), path))
                            .map_err(|e| bad(e.to_string()))
                    })
                    .collect::<Result<_, _>>()?,
            )
        }),
        Stage::Parser(ParserStage::Logfmt {
            strict,
            keep_empty,
            params,
        }) => CompiledStage::Logfmt {
            strict: *strict,
            keep_empty: *keep_empty,
            params: params
                .iter()
                .map(|p| (p.label.clone(), p.expr.clone()))
                .collect(),
        },
        Stage::Parser(ParserStage::Regexp(re)) => {
            CompiledStage::Regexp(logql::regex_check::compile(re).map_err(|e| bad(e.to_string()))?)
        }
        Stage::Parser(ParserStage::Pattern(p)) => CompiledStage::Pattern(PatternMatcher::new(
            &Pattern::parse(p).map_err(|e| bad(e.to_string()))?,
        )),
        Stage::Parser(ParserStage::Unpack) => CompiledStage::Unpack,
        Stage::LabelFilter(f) => CompiledStage::LabelFilter(compile_filter(f)?),
        Stage::LineFormat(t) => CompiledStage::LineFormat(
            Template::parse(t).map_err(|e| bad(format!("invalid line template: {e}")))?,
        ),
        Stage::LabelFormat(items) => CompiledStage::LabelFormat({
            check_label_format(items)?;
            items
                .iter()
                .map(|item| match item {
                    LabelFormatItem::Rename { dst, src } => Ok(CompiledLabelFormat::Rename {
                        dst: dst.clone(),
                        src: src.clone(),
                    }),
                    LabelFormatItem::Template { dst, template } => {
                        Ok(CompiledLabelFormat::Template {
                            dst: dst.clone(),
                            template: Template::parse_named("label", template)
                                .map_err(|e| bad(format!("invalid label template: {e}")))?,
                        })
                    }
                })
                .collect::<Result<_, EngineError>>()?
        }),
        Stage::Drop(sel) => CompiledStage::Drop(compile_selectors(sel)?),
        Stage::Keep(sel) => CompiledStage::Keep(compile_selectors(sel)?),
        Stage::Decolorize => CompiledStage::Decolorize,
    })
}

/// Loki's checks when it builds a `label_format` stage.
fn check_label_format(items: &[LabelFormatItem]) -> Result<(), EngineError> {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let dst = item.dst();
        if dst == ERROR_LABEL {
            return Err(EngineError::BadQuery(format!(
                "{ERROR_LABEL} cannot be formatted"
            )));
        }
        if seen.contains(&dst) {
            return Err(EngineError::BadQuery(format!(
                "multiple label name '{dst}' not allowed in a single format operation"
            )));
        }
        seen.push(dst);
    }
    Ok(())
}

fn compile_selectors(sel: &[LabelSelector]) -> Result<Vec<CompiledSelector>, EngineError> {
    sel.iter()
        .map(|s| match s {
            LabelSelector::Name(n) => Ok(CompiledSelector::Name(n.clone())),
            LabelSelector::Matcher(m) => LabelMatcher::new(m).map(CompiledSelector::Matcher),
        })
        .collect()
}

pub fn compile_filter(f: &LabelFilter) -> Result<CompiledFilter, EngineError> {
    Ok(match f {
        LabelFilter::Matcher(m) => CompiledFilter::Matcher(LabelMatcher::new(m)?),
        LabelFilter::Ip {
            name,
            negated,
            cidr,
        } => CompiledFilter::Ip {
            name: name.clone(),
            negated: *negated,
            ip: IpMatcher::parse(cidr).map_err(|e| EngineError::BadQuery(e.to_string()))?,
        },
        LabelFilter::Number { name, op, value } => CompiledFilter::Number {
            name: name.clone(),
            op: *op,
            value: *value,
        },
        LabelFilter::Duration { name, op, value } => CompiledFilter::Duration {
            name: name.clone(),
            op: *op,
            value: *value,
        },
        LabelFilter::Bytes { name, op, value } => CompiledFilter::Bytes {
            name: name.clone(),
            op: *op,
            value: *value,
        },
        LabelFilter::And(a, b) => {
            CompiledFilter::And(Box::new(compile_filter(a)?), Box::new(compile_filter(b)?))
        }
        LabelFilter::Or(a, b) => {
            CompiledFilter::Or(Box::new(compile_filter(a)?), Box::new(compile_filter(b)?))
        }
    })
}

fn apply_stage(stage: &CompiledStage, row: &mut Row<'_>, hints: Option<&Hints>) -> bool {
    match stage {
        CompiledStage::Line(m) => m.is_match(&row.line),
        CompiledStage::Json(paths) => {
            // The line is taken out while the parser writes labels, and put
            // back: no copy of it.
            let line = std::mem::take(&mut row.line);
            let result = match paths {
                None => {
                    let mut scratch = std::mem::take(&mut row.scratch);
                    let r = parsers::json_all_with(
                        &line,
                        &mut scratch,
                        &mut row.sink_first_wins(hints),
                    );
                    row.scratch = scratch;
                    r
                }
                Some(paths) => parsers::json_extract(&line, paths, &mut row.sink_for(hints)),
            };
            row.line = line;
            if let Err(e) = result {
                row.set_parser_error(&e);
            }
            true
        }
        CompiledStage::Logfmt {
            strict,
            keep_empty,
            params,
        } => {
            let line = std::mem::take(&mut row.line);
            let result = parsers::logfmt(
                &line,
                *strict,
                *keep_empty,
                params,
                &mut row.sink_for(hints),
            );
            row.line = line;
            if let Err(e) = result {
                row.set_parser_error(&e);
            }
            true
        }
        CompiledStage::Regexp(re) => {
            let line = std::mem::take(&mut row.line);
            // Reused slots: no allocation per entry, and groups by index.
            let id = re as *const Regex as usize;
            let mut locs = match row.captures.iter().position(|(r, _)| *r == id) {
                Some(i) => row.captures.swap_remove(i).1,
                None => re.capture_locations(),
            };
            if re.captures_read(&mut locs, &line).is_some() {
                let mut sink = row.sink_for(hints);
                for (i, name) in re.capture_names().enumerate() {
                    let Some(name) = name else { continue };
                    if let Some(m) = locs.get(i).and_then(|(s, e)| line.get(s..e)) {
                        sink.emit(name, Cow::Borrowed(m));
                    }
                }
            }
            row.captures.push((id, locs));
            row.line = line;
            true
        }
        CompiledStage::Pattern(p) => {
            let line = std::mem::take(&mut row.line);
            p.extract(&line, &mut row.sink_for(hints));
            row.line = line;
            true
        }
        CompiledStage::Unpack => {
            let line = std::mem::take(&mut row.line);
            let result = parsers::unpack(&line, &mut row.sink());
            row.line = line;
            match result {
                Ok(Some(entry)) => row.line = Cow::Owned(entry),
                Ok(None) => {}
                Err(e) => row.set_parser_error(&e),
            }
            true
        }
        CompiledStage::LabelFilter(f) => filter_row(f, row),
        CompiledStage::LineFormat(t) => {
            let mut out = String::new();
            match t.render(row, &mut out) {
                Ok(()) => row.line = Cow::Owned(out),
                Err(e) => row.set_error("TemplateFormatErr", e.to_string()),
            }
            true
        }
        CompiledStage::LabelFormat(items) => {
            apply_label_format(items, row);
            true
        }
        CompiledStage::Drop(sel) => {
            row.retain_labels(|k, v| !sel.iter().any(|s| selector_hits(s, k, v)));
            true
        }
        CompiledStage::Keep(sel) => {
            // The error labels are never dropped by `keep`.
            row.retain_labels(|k, v| {
                k == ERROR_LABEL
                    || k == ERROR_DETAILS_LABEL
                    || k == "__preserve_error__"
                    || sel.iter().any(|s| selector_hits(s, k, v))
            });
            true
        }
        CompiledStage::Decolorize => {
            if row.line.contains('\u{1b}') {
                row.line = Cow::Owned(strip_ansi(&row.line));
            }
            true
        }
    }
}

fn selector_hits(s: &CompiledSelector, name: &str, value: &str) -> bool {
    match s {
        CompiledSelector::Name(n) => n == name,
        CompiledSelector::Matcher(m) => m.name() == name && m.matches_value(value),
    }
}

/// Renames apply in order; the templates all see one snapshot of the
/// labels, taken when the first template runs (after the renames before
/// it), as Loki's formatter does.
fn apply_label_format(items: &[CompiledLabelFormat], row: &mut Row<'_>) {
    let mut snapshot: Option<Row<'_>> = None;
    for item in items {
        match item {
            CompiledLabelFormat::Rename { dst, src } => {
                if let Some(v) = row.labels.remove(src) {
                    row.labels.set(dst.clone(), v);
                }
            }
            CompiledLabelFormat::Template { dst, template } => {
                let data = snapshot.get_or_insert_with(|| row.clone());
                let mut out = String::new();
                match template.render(&*data, &mut out) {
                    Ok(()) => {
                        row.mark_extracted(dst);
                        row.labels.set(dst.clone(), out);
                    }
                    Err(e) => row.set_error("TemplateFormatErr", e.to_string()),
                }
            }
        }
    }
}

/// Evaluate a label filter. A conversion failure keeps the row and marks
/// it `LabelFilterErr`; a missing label drops the row; a row that already
/// carries an error passes every filter but the string matchers.
pub fn filter_row(f: &CompiledFilter, row: &mut Row<'_>) -> bool {
    match f {
        CompiledFilter::Matcher(m) => m.matches(&row.labels),
        // Loki's binary label filter runs its right side even when the
        // left already failed an `and`, so an error the right side marks
        // stays on the row (pkg/logql/log/label_filter.go,
        // BinaryLabelFilter.Process); it shows once an enclosing `or` keeps it.
        CompiledFilter::And(a, b) => {
            let left = filter_row(a, row);
            let right = filter_row(b, row);
            left && right
        }
        CompiledFilter::Or(a, b) => filter_row(a, row) || filter_row(b, row),
        CompiledFilter::Ip { name, negated, ip } => {
            if row.has_error() {
                return true;
            }
            // Any address inside the value counts ("10.0.0.7:80" too).
            match row.labels.get(name) {
                Some(v) => contains_ip(v, ip) != *negated,
                None => false,
            }
        }
        CompiledFilter::Number { name, op, value } => {
            compare_label(row, name, values::parse_float, *op, *value)
        }
        CompiledFilter::Duration { name, op, value } => {
            compare_label(row, name, values::parse_duration, *op, *value)
        }
        CompiledFilter::Bytes { name, op, value } => {
            compare_label(row, name, values::parse_bytes, *op, *value)
        }
    }
}

/// Loki's numeric, duration and bytes filters let a row that already
/// carries an error through untouched, whether or not it has the label:
/// "if there's an error only the string matchers can filter it out"
/// (pkg/logql/log/label_filter.go). So `| json | status >= 500` keeps the
/// lines that are not JSON, marked `JSONParserErr`.
fn compare_label<T: PartialOrd>(
    row: &mut Row<'_>,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    op: CmpOp,
    want: T,
) -> bool {
    if row.has_error() {
        return true;
    }
    let Some(raw) = row.labels.get(name) else {
        return false;
    };
    match parse(raw) {
        Ok(v) => op.holds(v, want),
        Err(details) => {
            row.set_error("LabelFilterErr", details);
            true
        }
    }
}

/// Remove ANSI escape sequences (`ESC [ ... letter` and two-byte escapes).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            Some(_) => {
                chars.next();
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use logql::{parse, Expr};

    fn run(query: &str, line: &str) -> Option<(String, Labels)> {
        let Ok(Expr::Log(log)) = parse(query) else {
            panic!("not a log query: {query}")
        };
        let pipeline = Pipeline::compile(&log).unwrap();
        let stream = Labels::from_pairs([("app", "api")]);
        let mut row = Row::new(0, line, &stream);
        pipeline
            .process(&mut row)
            .then(|| (row.line.into_owned(), row.labels))
    }

    /// [`run`] with parser hints, as a metric query sets them.
    fn run_hinted(query: &str, hints: &[&str], line: &str) -> Option<Labels> {
        let Ok(Expr::Log(log)) = parse(query) else {
            panic!("not a log query: {query}")
        };
        let hints = hints.iter().map(|h| h.to_string()).collect();
        let pipeline = Pipeline::compile(&log).unwrap().with_hints(Some(hints));
        let stream = Labels::from_pairs([("app", "api")]);
        let mut row = Row::new(0, line, &stream);
        pipeline.process(&mut row).then_some(row.labels)
    }

    #[test]
    fn hinted_json_extracts_only_the_wanted_names() {
        let q = r#"{app="api"} | json"#;
        let line = r#"{"app":"web","status":503,"client":{"ip":"10.0.0.1","geo":{"cc":"DE"}},"took_ms":7}"#;
        let pairs = |l: Labels| -> Vec<(String, String)> {
            l.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let want = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            pairs(run_hinted(q, &["status"], line).unwrap()),
            want(&[("app", "api"), ("status", "503")])
        );
        // A key that hides a stream label is wanted under its suffixed name.
        assert_eq!(
            pairs(run_hinted(q, &["app_extracted", "client_geo_cc"], line).unwrap()),
            want(&[
                ("app", "api"),
                ("app_extracted", "web"),
                ("client_geo_cc", "DE")
            ])
        );
        assert_eq!(
            pairs(run_hinted(q, &["app"], line).unwrap()),
            want(&[("app", "api")])
        );
        // Malformed JSON under an object nothing is wanted from still marks
        // the line, with the labels Loki's scanner finds before the error.
        let labels = run_hinted(q, &["status"], r#"{"status":500,"client":{"ip":}}"#).unwrap();
        assert_eq!(labels.get("status"), Some("500"));
        assert_eq!(labels.get(ERROR_LABEL), Some("JSONParserErr"));
        assert_eq!(labels.get(ERROR_DETAILS_LABEL), Some("Unknown value type"));
    }

    #[test]
    fn regexp_stages_reuse_their_capture_slots_across_entries() {
        let Ok(Expr::Log(log)) = parse(
            r#"{app="api"} | regexp "(GET|PUT) (?P<path>/[a-z]+)?|code=(?P<code>[0-9]+)" | regexp "took=(?P<took>[0-9]+)(?P<unit>ms)?""#,
        ) else {
            panic!("not a log query")
        };
        let pipeline = Pipeline::compile(&log).unwrap();
        let stream = Labels::from_pairs([("app", "api")]);
        let mut row = Row::new(0, "", &stream);
        let cases: [(&str, &[(&str, &str)]); 4] = [
            (
                "GET /users took=5ms",
                &[("path", "/users"), ("took", "5"), ("unit", "ms")],
            ),
            // A group outside the match, and one of the other branch.
            ("code=503 took=7", &[("code", "503"), ("took", "7")]),
            ("PUT  nothing", &[]),
            (
                "GET /a took=1ms",
                &[("path", "/a"), ("took", "1"), ("unit", "ms")],
            ),
        ];
        for (line, want) in cases {
            row.reset(0, line);
            assert!(pipeline.process(&mut row));
            let got: Vec<(&str, &str)> = row.labels.iter().filter(|(k, _)| *k != "app").collect();
            assert_eq!(got, want.to_vec(), "{line}");
        }
    }

    #[test]
    fn label_filters_follow_loki_rules() {
        let line = "level=error status=503 took=1.5s size=2KB";
        assert!(run(r#"{app="api"} | logfmt | status >= 500"#, line).is_some());
        assert!(run(r#"{app="api"} | logfmt | status < 500"#, line).is_none());
        assert!(run(r#"{app="api"} | logfmt | took > 1s and size > 1KB"#, line).is_some());
        assert!(run(r#"{app="api"} | logfmt | missing > 1"#, line).is_none());
        // A value that is not a number keeps the line and marks it.
        let (_, labels) = run(r#"{app="api"} | logfmt | level > 1"#, line).unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("LabelFilterErr"));
    }

    #[test]
    fn typed_filters_pass_rows_with_errors_and_and_runs_both_sides() {
        // The JSON error passes `status >= 500` although `status` is missing.
        let (_, labels) = run(r#"{app="api"} | json | status >= 500"#, "plain text").unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("JSONParserErr"));
        // `and` runs its right side after the left failed, so the error the
        // right side marks stays on the row that `or` then keeps.
        let (_, labels) = run(
            r#"{app="api"} | logfmt | (a > 5 and b > 1) or c="x""#,
            "a=1 b=zz c=x",
        )
        .unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("LabelFilterErr"));
        assert!(run(r#"{app="api"} | logfmt | a > 5 and b > 1"#, "a=1 b=zz").is_none());
    }

    #[test]
    fn json_keeps_the_first_value_of_a_name_in_a_line() {
        let (_, labels) = run(r#"{app="api"} | json"#, r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(labels.get("a"), Some("1"));
        // Two keys that sanitize to one name, and a flat key meeting a
        // nested one of the same flattened name.
        let (_, labels) = run(r#"{app="api"} | json"#, r#"{"k-v":1,"k.v":2}"#).unwrap();
        assert_eq!(labels.get("k_v"), Some("1"));
        let (_, labels) = run(r#"{app="api"} | json"#, r#"{"x":{"y":1},"x_y":2}"#).unwrap();
        assert_eq!(labels.get("x_y"), Some("1"));
        // logfmt keeps the last (its key lookup is cached before the check).
        let (_, labels) = run(r#"{app="api"} | logfmt"#, "a=1 a=2").unwrap();
        assert_eq!(labels.get("a"), Some("2"));
    }

    #[test]
    fn parsed_labels_collide_with_live_structured_metadata_only() {
        let stream = Labels::from_pairs([("app", "api")]);
        let parse = |query: &str| {
            let Ok(Expr::Log(log)) = parse(query) else {
                panic!("{query}")
            };
            let pipeline = Pipeline::compile(&log).unwrap();
            let mut row = Row::new(0, r#"{"m":"line","app":"x"}"#, &stream)
                .with_metadata(vec![("m".into(), "meta".into())]);
            assert!(pipeline.process(&mut row));
            row.labels
        };
        let labels = parse(r#"{app="api"} | json"#);
        assert_eq!(labels.get("m"), Some("meta"));
        assert_eq!(labels.get("m_extracted"), Some("line"));
        assert_eq!(labels.get("app_extracted"), Some("x"));
        // Dropped before the parser, the metadata no longer collides; a
        // dropped stream label still does.
        let labels = parse(r#"{app="api"} | drop m, app | json"#);
        assert_eq!(labels.get("m"), Some("line"));
        assert_eq!(labels.get("app_extracted"), Some("x"));
    }

    #[test]
    fn extracted_label_colliding_with_stream_label_gets_suffix() {
        let (_, labels) = run(r#"{app="api"} | logfmt"#, "app=other msg=hi").unwrap();
        assert_eq!(labels.get("app"), Some("api"));
        assert_eq!(labels.get("app_extracted"), Some("other"));
    }

    #[test]
    fn label_format_templates_see_one_snapshot_taken_at_the_first_template() {
        // The rename before the first template is visible to it; the
        // first template's own result is not visible to the second.
        let (_, labels) = run(
            r#"{app="api"} | logfmt | label_format lvl=level, a="{{.lvl}}", b="{{.a}}-x""#,
            "level=warn",
        )
        .unwrap();
        assert_eq!(labels.get("lvl"), Some("warn"));
        assert_eq!(labels.get("level"), None);
        assert_eq!(labels.get("a"), Some("warn"));
        assert_eq!(labels.get("b"), Some("-x"));
    }

    #[test]
    fn later_parsers_keep_labels_earlier_stages_extracted() {
        let (_, labels) = run(r#"{app="api"} | logfmt | regexp `a=(?P<a>\d)`"#, "a=12").unwrap();
        assert_eq!(labels.get("a"), Some("12"));
        let (_, labels) = run(
            r#"{app="api"} | logfmt | label_format a="z" | logfmt"#,
            "a=12",
        )
        .unwrap();
        assert_eq!(labels.get("a"), Some("z"));
    }

    #[test]
    fn label_filter_errors_keep_the_first_error_and_go_texts() {
        let (_, labels) = run(r#"{app="api"} | logfmt | status > 300"#, "status=abc").unwrap();
        assert_eq!(
            labels.get(ERROR_DETAILS_LABEL),
            Some(r#"strconv.ParseFloat: parsing "abc": invalid syntax"#)
        );
        let (_, labels) = run(r#"{app="api"} | json | app > 1"#, "not json").unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("JSONParserErr"));
        let (_, labels) = run(r#"{app="api"} | logfmt | d > 1s"#, "d=1d").unwrap();
        assert_eq!(
            labels.get(ERROR_DETAILS_LABEL),
            Some(r#"time: unknown unit "d" in duration "1d""#)
        );
    }

    #[test]
    fn ip_label_filter_finds_addresses_inside_values() {
        assert!(run(
            r#"{app="api"} | logfmt | addr = ip("10.0.0.0/24")"#,
            r#"addr="10.0.0.7:80""#
        )
        .is_some());
        // A missing label drops the line even for !=.
        assert!(run(r#"{app="api"} | logfmt | addr != ip("10.0.0.5")"#, "msg=x").is_none());
        assert!(run(
            r#"{app="api"} | logfmt | addr != ip("10.0.0.5")"#,
            "addr=10.0.0.6"
        )
        .is_some());
    }

    #[test]
    fn keep_never_drops_error_labels_and_label_format_is_validated() {
        let (_, labels) = run(r#"{app="api"} | json | keep app"#, "not json").unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("JSONParserErr"));
        for (q, msg) in [
            (
                r#"{app="api"} | label_format a=b, a=c"#,
                "multiple label name 'a' not allowed in a single format operation",
            ),
            (
                r#"{app="api"} | label_format __error__=a"#,
                "__error__ cannot be formatted",
            ),
        ] {
            let Ok(Expr::Log(log)) = parse(q) else {
                panic!("{q}")
            };
            assert_eq!(Pipeline::compile(&log).unwrap_err().to_string(), msg);
        }
    }

    #[test]
    fn drop_keep_and_decolorize() {
        let (line, labels) = run(
            r#"{app="api"} | logfmt | drop level | decolorize"#,
            "\u{1b}[31mlevel=warn\u{1b}[0m a=1",
        )
        .unwrap();
        assert_eq!(line, "level=warn a=1");
        assert!(!labels.contains("level"));
        let (_, labels) = run(r#"{app="api"} | logfmt | keep a"#, "a=1 b=2").unwrap();
        assert_eq!(labels, Labels::from_pairs([("a", "1")]));
    }

    #[test]
    fn parser_errors_set_error_labels() {
        let (_, labels) = run(r#"{app="api"} | json"#, "not json").unwrap();
        assert_eq!(labels.get(ERROR_LABEL), Some("JSONParserErr"));
        assert!(labels.get(ERROR_DETAILS_LABEL).is_some());
        assert!(run(r#"{app="api"} | json | __error__="""#, "not json").is_none());
    }
}
