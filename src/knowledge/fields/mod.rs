//! Typed fields of structured lines: JSON (nested keys joined with `_`, as
//! `| json` names them), logfmt, and access logs (common, combined,
//! ingress-nginx and extended layouts).
//!
//! The format is inferred from a sample of lines ([`FieldExtractor::detect`]);
//! every field is then profiled across lines ([`FieldProfile`]): its type
//! (number, duration with unit, bytes, status code, ip, id, enum, text),
//! how many lines carry it, its distinct and most frequent values, and for
//! numeric types min/max/mean/p50/p95/p99. With each profile comes the
//! LogQL that reads the field on Loki: the parser stage
//! ([`FieldsInfo::stage`]) and, for numbers, the `| unwrap`
//! ([`FieldProfile::unwrap`]).
//!
//! ```
//! use askloki::knowledge::fields::{profile_lines, FieldKind};
//! let lines = [
//!     r#"level=info msg="charge ok" took=12ms status=201"#,
//!     r#"level=error msg="charge failed" took=1.5s status=502"#,
//! ];
//! let info = profile_lines(lines).unwrap();
//! assert_eq!(info.stage().to_string(), "| logfmt");
//! let took = info.field("took").unwrap();
//! assert!(matches!(took.kind, FieldKind::Duration { .. }));
//! assert_eq!(took.unwrap().unwrap().to_string(), "| unwrap duration(took)");
//! ```

mod access;
mod columns;
mod detect;
mod header;
mod kind;
mod profile;

use serde::{Deserialize, Serialize};

pub use access::{is_unnamed_column, AccessLayout, Column, Delim};
pub use columns::DECLARED as DECLARED_COLUMNS;
pub use detect::{FieldExtractor, FieldFormat, MIN_SHARE};
pub use header::HeaderLayout;
pub use kind::{split_name, FieldKind, TimeUnit, ValueKind, ValueRead};
pub use profile::{FieldProfile, NumericStats, ProfileOptions, Profiler, TopValue};

/// The fields of a scope's lines, as stored in the knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldsInfo {
    /// The format the lines are written in.
    pub format: FieldFormat,
    /// Lines profiled.
    pub lines: u64,
    /// Of those, lines in the format (the rest have no fields here).
    pub parsed: u64,
    /// Field names beyond the profile's limit, not profiled.
    #[serde(default)]
    pub skipped_fields: u64,
    /// In the order first seen.
    pub fields: Vec<FieldProfile>,
}

impl FieldsInfo {
    pub fn field(&self, name: &str) -> Option<&FieldProfile> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The extractor for this format.
    pub fn extractor(&self) -> FieldExtractor {
        FieldExtractor::new(self.format.clone())
    }

    /// The LogQL parser stage that yields these fields
    /// (`| json`, `| logfmt`, `| pattern "..."`).
    pub fn stage(&self) -> logql::ParserStage {
        self.extractor().stage()
    }

    /// Whether one of the frequent values of a field of structured lines
    /// (JSON, logfmt) is this one: such a value picks lines by the field,
    /// whatever their messages say.
    pub fn structured_value(&self, value: &str) -> bool {
        matches!(self.format, FieldFormat::Json | FieldFormat::Logfmt)
            && self
                .fields
                .iter()
                .any(|f| f.top.iter().any(|t| t.value == value))
    }

    /// The field that carries the message text, if any: a text field with
    /// spaces in its values, on most parsed lines (`msg`, `message`).
    pub fn message_field(&self) -> Option<&FieldProfile> {
        self.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Text && f.count * 2 >= self.parsed)
            .filter(|f| f.top.iter().any(|t| t.value.contains(' ')))
            .max_by_key(|f| f.count)
    }
}

/// Profiles lines one at a time in a known format (what the knowledge
/// builder uses, so profiling needs no second pass).
#[derive(Debug)]
pub struct LineProfiler {
    extractor: FieldExtractor,
    profiler: Profiler,
    lines: u64,
    parsed: u64,
    /// One line's fields, committed only when the whole line parses.
    scratch: String,
    spans: Vec<(usize, usize, usize)>,
}

impl LineProfiler {
    pub fn new(extractor: FieldExtractor, opts: ProfileOptions) -> LineProfiler {
        LineProfiler {
            extractor,
            profiler: Profiler::new(opts),
            lines: 0,
            parsed: 0,
            scratch: String::new(),
            spans: Vec::new(),
        }
    }

    pub fn add(&mut self, line: &str) {
        self.lines += 1;
        if let FieldFormat::Access(layout) = self.extractor.format() {
            // Checked before anything is emitted, with unique names: no
            // need to hold the line's fields back.
            let profiler = &mut self.profiler;
            if layout.extract(line, &mut |k, v| profiler.add(k, v)) {
                self.parsed += 1;
            }
            self.profiler.end_line();
            return;
        }
        self.scratch.clear();
        self.spans.clear();
        let (scratch, spans) = (&mut self.scratch, &mut self.spans);
        let ok = self.extractor.extract_with(line, &mut |k, v| {
            let start = scratch.len();
            scratch.push_str(k);
            let mid = scratch.len();
            scratch.push_str(v);
            spans.push((start, mid, scratch.len()));
        });
        if !ok {
            return;
        }
        self.parsed += 1;
        for (i, &(a, b, c)) in self.spans.iter().enumerate() {
            let name = &self.scratch[a..b];
            // A repeated name keeps its last value, as Loki's labels do.
            if self.spans[i + 1..]
                .iter()
                .any(|&(x, y, _)| y - x == b - a && &self.scratch[x..y] == name)
            {
                continue;
            }
            self.profiler.add(name, &self.scratch[b..c]);
        }
        self.profiler.end_line();
    }

    pub fn finish(self) -> FieldsInfo {
        let skipped = self.profiler.skipped() as u64;
        FieldsInfo {
            format: self.extractor.format().clone(),
            lines: self.lines,
            parsed: self.parsed,
            skipped_fields: skipped,
            fields: self.profiler.finish(),
        }
    }
}

/// Detect the format of `lines` and profile their fields; `None` when
/// they are not mostly structured (see [`FieldExtractor::detect`]).
pub fn profile_lines<'l>(lines: impl IntoIterator<Item = &'l str>) -> Option<FieldsInfo> {
    profile_lines_with(lines, ProfileOptions::default())
}

/// [`profile_lines`] with limits of one's own (more top values, say).
pub fn profile_lines_with<'l>(
    lines: impl IntoIterator<Item = &'l str>,
    opts: ProfileOptions,
) -> Option<FieldsInfo> {
    let lines: Vec<&str> = lines.into_iter().collect();
    let extractor = FieldExtractor::detect(lines.iter().take(DETECT_LINES).copied())?;
    let mut p = LineProfiler::new(extractor, opts);
    for l in lines {
        p.add(l);
    }
    Some(p.finish())
}

/// Lines a format is detected from.
pub const DETECT_LINES: usize = 1000;
