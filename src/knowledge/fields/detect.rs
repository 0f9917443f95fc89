//! Which format a sample of lines is written in (JSON, logfmt or an
//! access-log layout), and reading fields from one line in that format
//! the way the matching LogQL parser stage does.

use std::borrow::Cow;
use std::collections::HashMap;

use logql::ParserStage;
use serde::{Deserialize, Serialize};

use super::access::AccessLayout;
use super::header::HeaderLayout;
use crate::engine::parsers::{json_all, logfmt, FnSink};
use crate::knowledge::header::Splitter;

/// The share of a sample's non-empty lines that must parse in a format
/// for the sample to be taken as written in it.
pub const MIN_SHARE: f64 = 0.5;

/// How lines carry their fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FieldFormat {
    /// JSON objects; nested keys are joined with `_` (`| json`).
    Json,
    /// `key=value` pairs (`| logfmt`).
    Logfmt,
    /// An access-log layout (`| pattern "..."`).
    Access(AccessLayout),
    /// Plain text whose header (level, thread, logger …) was inferred
    /// (`| regexp "..."`).
    Header(HeaderLayout),
}

impl FieldFormat {
    /// `json`, `logfmt`, or the layout's name (`combined`, `ingress-nginx`).
    pub fn name(&self) -> &str {
        match self {
            FieldFormat::Json => "json",
            FieldFormat::Logfmt => "logfmt",
            FieldFormat::Access(l) => &l.name,
            FieldFormat::Header(_) => "header",
        }
    }
}

/// Reads the fields of lines in one format, as the LogQL stage from
/// [`stage`](Self::stage) reads them on Loki.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldExtractor {
    format: FieldFormat,
}

impl FieldExtractor {
    pub fn new(format: FieldFormat) -> FieldExtractor {
        FieldExtractor { format }
    }

    /// The format most of the sample's non-empty lines parse in, if at
    /// least [`MIN_SHARE`] of them do. Nothing about the source (a file
    /// name, a label) is consulted: only the lines.
    pub fn detect<'l>(sample: impl IntoIterator<Item = &'l str>) -> Option<FieldExtractor> {
        let sample: Vec<&str> = sample.into_iter().collect();
        Self::detect_structured(sample.iter().copied())
            .or_else(|| Self::header(HeaderLayout::infer(&sample)))
    }

    /// [`detect`](Self::detect) where the header layout of the sample is
    /// already known (the knowledge build splits headers off anyway).
    pub fn detect_with_header<'l>(
        sample: impl IntoIterator<Item = &'l str>,
        header: Option<&Splitter>,
    ) -> Option<FieldExtractor> {
        Self::detect_structured(sample).or_else(|| Self::header(header.and_then(HeaderLayout::of)))
    }

    fn header(layout: Option<HeaderLayout>) -> Option<FieldExtractor> {
        layout.map(|h| FieldExtractor {
            format: FieldFormat::Header(h),
        })
    }

    /// JSON, logfmt or an access log (a known layout, else columns
    /// inferred from the sample), if most lines are one of them.
    fn detect_structured<'l>(sample: impl IntoIterator<Item = &'l str>) -> Option<FieldExtractor> {
        let sample: Vec<&str> = sample.into_iter().collect();
        Self::detect_known(sample.iter().copied()).or_else(|| {
            super::columns::infer(sample.iter().copied()).map(|l| FieldExtractor {
                format: FieldFormat::Access(l),
            })
        })
    }

    /// JSON, logfmt or a known access-log layout, if most lines are one.
    fn detect_known<'l>(sample: impl IntoIterator<Item = &'l str>) -> Option<FieldExtractor> {
        let mut lines = 0usize;
        let mut json = 0usize;
        let mut logfmt = 0usize;
        let mut layouts: HashMap<AccessLayout, usize> = HashMap::new();
        for line in sample {
            let line = line.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() {
                continue;
            }
            lines += 1;
            if is_json_object(line) {
                json += 1;
            } else if let Some(l) = AccessLayout::of_line(line) {
                *layouts.entry(l).or_default() += 1;
            } else if is_logfmt(line) {
                logfmt += 1;
            }
        }
        let access = layouts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.name.cmp(&a.0.name)));
        let access_count = access.as_ref().map_or(0, |a| a.1);
        let best = json.max(logfmt).max(access_count);
        if best == 0 || (best as f64) < MIN_SHARE * lines as f64 {
            return None;
        }
        let format = if best == json {
            FieldFormat::Json
        } else if best == access_count {
            FieldFormat::Access(access?.0)
        } else {
            FieldFormat::Logfmt
        };
        Some(FieldExtractor { format })
    }

    pub fn format(&self) -> &FieldFormat {
        &self.format
    }

    /// The LogQL parser stage that extracts the same fields on Loki:
    /// `| json`, `| logfmt` or `| pattern "..."`.
    pub fn stage(&self) -> ParserStage {
        match &self.format {
            FieldFormat::Json => ParserStage::Json(Vec::new()),
            FieldFormat::Logfmt => ParserStage::Logfmt {
                strict: false,
                keep_empty: false,
                params: Vec::new(),
            },
            FieldFormat::Access(l) => ParserStage::Pattern(l.pattern().to_string()),
            FieldFormat::Header(h) => ParserStage::Regexp(h.regex.clone()),
        }
    }

    /// Call `emit(name, value)` for each field of `line`; `false` when the
    /// line is not in this format (fields found before a JSON syntax error
    /// are still emitted, as Loki keeps them).
    pub fn extract_with(&self, line: &str, emit: &mut dyn FnMut(&str, &str)) -> bool {
        match &self.format {
            FieldFormat::Json => {
                if !line.trim_start().starts_with('{') {
                    return false;
                }
                let mut sink = FnSink(|k: &str, v: Cow<'_, str>| emit(k, &v));
                json_all(line, &mut sink).is_ok()
            }
            FieldFormat::Logfmt => {
                let mut any = false;
                let mut sink = FnSink(|k: &str, v: Cow<'_, str>| {
                    any = true;
                    emit(k, &v)
                });
                let _ = logfmt(line, false, false, &[], &mut sink);
                any
            }
            FieldFormat::Access(l) => l.extract(line, emit),
            FieldFormat::Header(h) => h.extract(line, emit),
        }
    }

    /// The fields of `line` as `(name, value)` pairs in line order, a name
    /// given again keeping its last value as in Loki; `None` when the line
    /// is not in this format.
    pub fn extract(&self, line: &str) -> Option<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = Vec::new();
        let ok = self.extract_with(
            line,
            &mut |k, v| match out.iter_mut().find(|(n, _)| n == k) {
                Some(slot) => slot.1 = v.to_string(),
                None => out.push((k.to_string(), v.to_string())),
            },
        );
        ok.then_some(out)
    }
}

/// A complete JSON object with at least one field.
fn is_json_object(line: &str) -> bool {
    let t = line.trim();
    if !t.starts_with('{') || !t.ends_with('}') {
        return false;
    }
    let mut fields = 0;
    let mut sink = FnSink(|_: &str, _: Cow<'_, str>| fields += 1);
    json_all(t, &mut sink).is_ok() && fields > 0
}

/// Mostly `key=value` pairs: at least two, and at least two thirds of the
/// line's words (a quoted value counts as one word). A message with a
/// stray `a=b` in it is not logfmt.
fn is_logfmt(line: &str) -> bool {
    let mut pairs = 0usize;
    let mut words = 0usize;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'\t' {
            i += 1;
            continue;
        }
        words += 1;
        let start = i;
        let mut key_end = None;
        let mut quoted = false;
        while i < b.len() {
            match b[i] {
                b'\\' if quoted => i += 1,
                b'"' => quoted = !quoted,
                b'=' if !quoted && key_end.is_none() => key_end = Some(i),
                b' ' | b'\t' if !quoted => break,
                _ => {}
            }
            i += 1;
        }
        if let Some(k) = key_end {
            let key = &b[start..k];
            if !key.is_empty()
                && key
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'/'))
            {
                pairs += 1;
            }
        }
    }
    pairs >= 2 && pairs * 3 >= words * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_lines() {
        let json = [r#"{"a":1,"b":{"c":"x"}}"#, r#"{"a":2}"#, "not json"];
        let e = FieldExtractor::detect(json).unwrap();
        assert_eq!(e.format(), &FieldFormat::Json);
        assert_eq!(e.stage().to_string(), "| json");
        assert_eq!(
            e.extract(json[0]).unwrap(),
            [("a".into(), "1".into()), ("b_c".into(), "x".into())]
        );
        assert_eq!(e.extract("not json"), None);

        let lf = [
            r#"time=2026-12-06T09:00:00Z level=INFO msg="login ok" user=ann duration=1.5ms"#,
            "level=WARN msg=slow",
        ];
        let e = FieldExtractor::detect(lf).unwrap();
        assert_eq!(e.format(), &FieldFormat::Logfmt);
        assert_eq!(e.stage().to_string(), "| logfmt");
    }

    #[test]
    fn plain_text_has_no_format() {
        let lines = [
            "Mar  3 10:00:00 web1 sshd[1]: Accepted password for ann from 10.0.0.1 port 22",
            "kernel: audit: type=1400 apparmor=DENIED operation=open profile=snap name=/etc/x pid=1 comm=cat",
            "Mar  3 10:00:02 web1 sshd[1]: Connection closed",
        ];
        assert_eq!(FieldExtractor::detect(lines), None);
        assert_eq!(FieldExtractor::detect([]), None);
        assert_eq!(FieldExtractor::detect(["", "  "]), None);
    }

    #[test]
    fn a_minority_of_structured_lines_is_not_enough() {
        let lines = [r#"{"a":1}"#, "text one", "text two", "text three"];
        assert_eq!(FieldExtractor::detect(lines), None);
    }

    #[test]
    fn logfmt_words_test() {
        assert!(is_logfmt(r#"a=1 b="x y" c=3"#));
        assert!(!is_logfmt("user a=1 logged in from b=2 somewhere"));
        assert!(!is_logfmt("a=1"));
    }
}
