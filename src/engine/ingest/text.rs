//! Plain-text log files: one entry per line, timestamps detected from the
//! first lines, continuation lines (stack traces) kept with the time of the
//! line before them.

use std::io::BufRead;
use std::path::Path;

use chrono::Datelike;

use super::timestamp::{detect, format_rfc3339_nano, TimestampParser, DETECT_SAMPLE_LINES};
use super::{clean_line, IngestOptions, IngestReport, InputFormat};
use crate::engine::store::StoreBuilder;
use crate::source::Labels;

/// Spacing of lines that have no timestamp at all: they keep their order
/// and spread out enough for windows and steps to mean something.
const INGESTION_ORDER_SPACING_NS: i64 = 1_000_000;

pub(super) fn ingest(
    reader: &mut dyn BufRead,
    path: &Path,
    opts: &IngestOptions,
    mtime_ns: i64,
    size_hint: Option<u64>,
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) -> std::io::Result<()> {
    report.format = Some(InputFormat::PlainText);
    let dedupe = std::mem::replace(&mut builder.dedupe, false);
    let labels = opts.labels.clone().unwrap_or_else(|| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Labels::from_pairs([("filename", name)])
    });

    // Read a sample to choose the timestamp format, then stream the rest.
    let mut sample: Vec<Vec<u8>> = Vec::new();
    let mut buf = Vec::new();
    while sample.len() < DETECT_SAMPLE_LINES {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        sample.push(std::mem::take(&mut buf));
    }
    let sample_text: Vec<String> = sample
        .iter()
        .map(|l| String::from_utf8_lossy(l).trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let sample_refs: Vec<&str> = sample_text.iter().map(String::as_str).collect();
    let format = detect(&sample_refs);
    let year = opts.default_year.unwrap_or_else(|| {
        let mtime_year = chrono::DateTime::from_timestamp(mtime_ns.div_euclid(1_000_000_000), 0)
            .map(|t| t.year())
            .unwrap_or(1970);
        // A file is written after its lines: a first line that would fall
        // after the file's modification time is from the year before
        // (a December log copied in November).
        let first = format.and_then(|f| {
            let mut parser = TimestampParser::new(f, mtime_year);
            sample_refs.iter().find_map(|l| parser.parse(l))
        });
        match first {
            Some(ts) if ts > mtime_ns + 86_400_000_000_000 => mtime_year - 1,
            _ => mtime_year,
        }
    });
    let mut state = LineTimes {
        parser: format.map(|f| TimestampParser::new(f, year)),
        previous: None,
        fallback_next: mtime_ns,
    };
    match format {
        Some(f) => report.timestamp_format = Some(f.describe().to_string()),
        None => {
            report.ingestion_order = true;
            report.warnings.push(format!(
                "{}: no timestamp format recognised in the first lines; entries keep file order, 1 ms apart from {} (the file's modification time)",
                path.display(),
                format_rfc3339_nano(mtime_ns)
            ));
        }
    }

    let id = builder.stream_id(&labels);
    if let Some(size) = size_hint.and_then(|s| usize::try_from(s).ok()) {
        // Estimate the line count from the sample; 5% slack for variation.
        let sample_bytes: usize = sample.iter().map(Vec::len).sum();
        let per_line = (sample_bytes / sample.len().max(1)).max(1);
        builder.reserve(id, size / per_line + size / per_line / 20 + 16, size);
    }
    let mut add = |raw: &[u8], report: &mut IngestReport| {
        let line = clean_line(raw, report);
        if line.is_empty() {
            report.empty_lines_skipped += 1;
            return;
        }
        let ts = state.time_of(&line, report);
        builder.push_to(id, ts, &line, None);
    };
    for raw in &sample {
        add(raw, report);
    }
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        add(&buf, report);
    }
    builder.dedupe = dedupe;
    Ok(())
}

struct LineTimes {
    parser: Option<TimestampParser>,
    previous: Option<i64>,
    fallback_next: i64,
}

impl LineTimes {
    fn time_of(&mut self, line: &str, report: &mut IngestReport) -> i64 {
        let Some(parser) = &mut self.parser else {
            let ts = self.fallback_next;
            self.fallback_next += INGESTION_ORDER_SPACING_NS;
            return ts;
        };
        if let Some(ts) = parser.parse(line) {
            self.previous = Some(ts);
            return ts;
        }
        report.lines_without_timestamp += 1;
        // Before any timestamped line there is nothing to inherit: such
        // leading lines take the file's modification time.
        self.previous.unwrap_or(self.fallback_next)
    }
}
