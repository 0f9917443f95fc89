//! Reading log files into the store: Loki push bodies (one JSON document or
//! one per line) and plain text with inferred timestamps and multi-line
//! entries, optionally gzipped.
//!
//! Nothing is dropped silently: CRLF endings, invalid UTF-8, very long lines,
//! empty lines, lines without a timestamp, joined continuation lines and
//! duplicates are counted in the [`IngestReport`].

pub mod multiline;
mod push;
mod text;
pub mod timeinfer;
pub mod timestamp;

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use super::store::{Store, StoreBuilder};
use crate::source::Labels;

/// Loki's default `max_line_size`: longer lines are kept here but reported,
/// because a Loki with default limits would refuse them.
pub const LONG_LINE_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Invalid { path: PathBuf, msg: String },
    #[error("invalid --labels {0:?}: {1}; write a selector of equality matchers such as '{{app=\"web\", host=\"a\"}}'")]
    Labels(String, String),
    #[error("{path}: the time format {format:?} reads none of the first {lines} lines")]
    TimeFormat {
        path: PathBuf,
        format: String,
        lines: usize,
    },
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Labels for plain-text lines; default `{filename="<file name>"}`.
    pub labels: Option<Labels>,
    /// The year for timestamps that carry none (syslog); default: the
    /// file's modification year.
    pub default_year: Option<i32>,
    /// The time pattern of plain-text lines (`--time-format`), for files
    /// whose format inference cannot decide; where it sits is still found.
    pub time_format: Option<timeinfer::Pattern>,
    /// Join continuation lines of plain text to the entry they continue
    /// (on by default; `--no-multiline` turns it off).
    pub multiline: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            labels: None,
            default_year: None,
            time_format: None,
            multiline: true,
        }
    }
}

/// Parse `--labels '{app="x", host="y"}'`.
pub fn parse_labels(text: &str) -> Result<Labels, IngestError> {
    let err = |m: String| IngestError::Labels(text.to_string(), m);
    let expr = logql::parse(text).map_err(|e| err(e.to_string()))?;
    let logql::Expr::Log(log) = expr else {
        return Err(err("not a stream selector".into()));
    };
    if !log.pipeline.is_empty() {
        return Err(err("a pipeline is not allowed here".into()));
    }
    let mut labels = Labels::new();
    for m in log.selector {
        if m.op != logql::MatchOp::Eq {
            return Err(err(format!("{} must use =", m.name)));
        }
        labels.set(m.name, m.value);
    }
    Ok(labels)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    PushBody,
    PushLines,
    PlainText,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub files: Vec<String>,
    pub format: Option<InputFormat>,
    pub gzip: bool,
    pub entries: usize,
    pub streams: usize,
    pub bytes: usize,
    /// The chosen time format, where it is and how much of the sample it read.
    pub timestamp_format: Option<String>,
    /// Lines in ingestion order because no timestamp format was found.
    pub ingestion_order: bool,
    /// Lines with no time that became entries of their own, with the
    /// previous line's time.
    pub lines_without_timestamp: usize,
    /// Continuation lines joined to the entry before them.
    pub joined_lines: usize,
    pub crlf_lines: usize,
    pub invalid_utf8_lines: usize,
    pub long_lines: usize,
    pub empty_lines_skipped: usize,
    pub duplicates_dropped: usize,
    pub out_of_order_streams: usize,
    pub warnings: Vec<String>,
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.format {
            Some(InputFormat::PushBody) => "Loki push body",
            Some(InputFormat::PushLines) => "JSON lines of Loki push bodies",
            Some(InputFormat::PlainText) | None => "plain text",
        };
        writeln!(
            f,
            "ingested {} entries in {} streams ({} bytes) from {} [{}{}]",
            self.entries,
            self.streams,
            self.bytes,
            self.files.join(", "),
            format,
            if self.gzip { ", gzip" } else { "" }
        )?;
        if let Some(ts) = &self.timestamp_format {
            writeln!(f, "timestamps: {ts}")?;
        }
        let counts = [
            (self.joined_lines, "continuation lines (stack frames, tracebacks, lines with no header) were joined to the entry before them with \"\\n\"; --no-multiline keeps them apart"),
            (self.lines_without_timestamp, "lines without a timestamp became entries with the previous line's time (before the first timestamped line, with its time)"),
            (self.crlf_lines, "lines ended in CRLF; the CR was removed"),
            (self.invalid_utf8_lines, "lines had invalid UTF-8; bad bytes became U+FFFD"),
            (self.long_lines, "entries are longer than 256 KiB (kept; a Loki with default limits would refuse them)"),
            (self.empty_lines_skipped, "empty lines were skipped"),
            (self.duplicates_dropped, "entries repeated an earlier entry's stream, time and line and were kept once, as Loki does"),
            (self.out_of_order_streams, "streams arrived out of time order and were sorted"),
        ];
        for (n, what) in counts {
            if n > 0 {
                writeln!(f, "note: {n} {what}")?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

/// Ingest files into a new store.
pub fn ingest_files(
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<(Store, IngestReport), IngestError> {
    let mut builder = StoreBuilder::new();
    let mut report = IngestReport::default();
    for path in paths {
        ingest_file(path, opts, &mut builder, &mut report)?;
    }
    let (store, build) = builder.finish();
    report.entries = store.entry_count();
    report.streams = store.streams().len();
    report.duplicates_dropped = build.duplicates_dropped;
    report.out_of_order_streams = build.out_of_order_streams;
    Ok((store, report))
}

fn ingest_file(
    path: &Path,
    opts: &IngestOptions,
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) -> Result<(), IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let mut raw = BufReader::with_capacity(1 << 20, file);
    let gzip = raw.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    report.gzip |= gzip;
    report.files.push(path.display().to_string());
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(1 << 20, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let first = reader.fill_buf().map_err(io)?;
    let looks_json = first
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if looks_json {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(io)?;
        let invalid = |msg: String| IngestError::Invalid {
            path: path.to_path_buf(),
            msg,
        };
        if let Some(format) = push::ingest(&bytes, builder, report).map_err(invalid)? {
            report.format = Some(format);
            return Ok(());
        }
        // JSON application logs: plain text whose lines happen to be JSON.
        let size = Some(bytes.len() as u64);
        return text::ingest(&mut &bytes[..], path, opts, mtime_ns, size, builder, report);
    }
    // A gzip file's size says little about its content's.
    let size = (!gzip).then_some(meta.len());
    text::ingest(&mut reader, path, opts, mtime_ns, size, builder, report)
}

/// Count an entry Loki would refuse for its length.
pub(crate) fn note_length(len: usize, report: &mut IngestReport) {
    if len > LONG_LINE_BYTES {
        report.long_lines += 1;
    }
}

/// Split off the line terminator, counting CRLF endings and text bytes.
fn strip_terminator<'a>(raw: &'a [u8], report: &mut IngestReport) -> &'a [u8] {
    let mut bytes = raw.strip_suffix(b"\n").unwrap_or(raw);
    if let Some(b) = bytes.strip_suffix(b"\r") {
        bytes = b;
        report.crlf_lines += 1;
    }
    report.bytes += bytes.len();
    bytes
}

/// Split off the line terminator and make the bytes text, counting what
/// had to change.
pub(crate) fn clean_line<'a>(
    raw: &'a [u8],
    report: &mut IngestReport,
) -> std::borrow::Cow<'a, str> {
    let bytes = strip_terminator(raw, report);
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            report.invalid_utf8_lines += 1;
            String::from_utf8_lossy(bytes)
        }
    }
}

/// [`clean_line`] that takes the line's buffer instead of copying it,
/// leaving `spare` in its place for the next read.
pub(crate) fn take_line(raw: &mut Vec<u8>, spare: Vec<u8>, report: &mut IngestReport) -> String {
    let n = strip_terminator(raw, report).len();
    raw.truncate(n);
    match String::from_utf8(std::mem::replace(raw, spare)) {
        Ok(s) => s,
        Err(e) => {
            report.invalid_utf8_lines += 1;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}
