//! `askloki templates fields PATH [--json]`: the typed fields of
//! structured lines, from a knowledge base or read from logs now.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use askloki::engine::data::{self, Opened};
use askloki::knowledge::fields::{self, FieldProfile, FieldsInfo};
use askloki::knowledge::{self, KNOWLEDGE_FILE};

use crate::{ingest_options, TextArgs};

pub fn run(path: &Path, json: bool, text: &TextArgs) -> anyhow::Result<ExitCode> {
    let is_knowledge = (path.is_dir() && path.join(KNOWLEDGE_FILE).exists())
        || path.file_name().is_some_and(|n| n == KNOWLEDGE_FILE);
    let info: Option<FieldsInfo> = if is_knowledge {
        knowledge::load(path)?.fields
    } else {
        let opts = ingest_options(None, None, text)?;
        let Opened { store, .. } = data::open(path, &opts)?;
        let lines = store
            .streams()
            .iter()
            .flat_map(|s| (0..s.timestamps().len()).map(move |i| s.line(i)));
        fields::profile_lines(lines)
    };
    if json {
        return crate::print_stdout(&serde_json::to_string_pretty(&info)?);
    }
    let Some(info) = info else {
        return crate::print_stdout(&format!(
            "{}: the lines are not mostly JSON, logfmt or an access-log layout; no fields",
            path.display()
        ));
    };
    crate::print_stdout(&render(&info)?)
}

/// A table: one row per field with its type, lines, distinct values and
/// either its distribution (numeric types) or its most frequent values.
fn render(info: &FieldsInfo) -> anyhow::Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "{} fields; {} of {} lines are {}{}",
        info.fields.len(),
        info.parsed,
        info.lines,
        info.format.name(),
        match info.skipped_fields {
            0 => String::new(),
            n => format!(" ({n} more field names not profiled)"),
        }
    )?;
    writeln!(out, "LogQL: {}", info.stage())?;
    write!(
        out,
        "{:<28}  {:<13}  {:>8}  {:>6}  {:>8}  values",
        "field", "type", "lines", "empty", "distinct"
    )?;
    for f in &info.fields {
        let distinct = if f.distinct_capped {
            format!(">={}", f.distinct)
        } else {
            f.distinct.to_string()
        };
        write!(
            out,
            "\n{:<28}  {:<13}  {:>8}  {:>6}  {:>8}  {}",
            f.name,
            f.kind.name(),
            f.count,
            f.empty,
            distinct,
            values(f)
        )?;
    }
    Ok(out)
}

fn values(f: &FieldProfile) -> String {
    if let Some(s) = &f.stats {
        return format!(
            "min {}  p50 {}  p95 {}  p99 {}  max {}",
            num(s.min),
            num(s.p50),
            num(s.p95),
            num(s.p99),
            num(s.max)
        );
    }
    f.top
        .iter()
        .take(3)
        .map(|t| {
            let v: String = t.value.chars().take(40).collect();
            let cut = if v.len() < t.value.len() { "…" } else { "" };
            format!("{v}{cut} ({})", t.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number short enough for a table: whole numbers as they are, others
/// to four significant decimals.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let digits = if x.abs() >= 100.0 {
        1
    } else if x.abs() >= 1.0 {
        3
    } else {
        4
    };
    let s = format!("{x:.digits$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
