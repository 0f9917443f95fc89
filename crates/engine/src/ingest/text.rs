//! Plain-text log files: the time format is inferred once from the first
//! lines, then each line is read with it; lines without a header of their
//! own (stack traces, tracebacks) join the entry they continue.

use std::io::BufRead;
use std::path::Path;

use chrono::Datelike;

use super::multiline::{looks_continued, MAX_ENTRY_LINES};
use super::timeinfer::{self, Inference, TimeParser};
use super::{note_length, take_line, IngestError, IngestOptions, IngestReport, InputFormat};
use crate::source::Labels;
use crate::store::StoreBuilder;
use goformat::time::format_rfc3339_nano;

/// Lines the time format is inferred from.
pub const SAMPLE_LINES: usize = 1000;
/// How far the sample grows while it leaves the order of a date's fields
/// open (4×, 16×, 64× the first sample).
const MAX_SAMPLE_LINES: usize = 64 * SAMPLE_LINES;

/// Spacing of lines that have no timestamp at all: they keep their order
/// and spread out enough for windows and steps to mean something.
const INGESTION_ORDER_SPACING_NS: i64 = 1_000_000;

const DAY_NS: i64 = 86_400_000_000_000;

pub(super) fn ingest(
    reader: &mut dyn BufRead,
    path: &Path,
    opts: &IngestOptions,
    mtime_ns: i64,
    size_hint: Option<u64>,
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) -> Result<(), IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
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
    let mtime_year = chrono::DateTime::from_timestamp(mtime_ns.div_euclid(1_000_000_000), 0)
        .map(|t| t.year())
        .unwrap_or(1970);
    let probe_year = opts.default_year.unwrap_or(mtime_year);
    let mut want = SAMPLE_LINES;
    let (sample_text, inference) = loop {
        let mut more = false;
        while sample.len() < want {
            buf.clear();
            if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
                break;
            }
            sample.push(std::mem::take(&mut buf));
            more = true;
        }
        let sample_text = sample_lines(&sample);
        let inference = infer_sample(&sample_text, path, opts, probe_year)?;
        // An order the sample left open (`03/07/2026` all day) is settled
        // by reading on, until the day changes, within a bound.
        let unsettled = inference.as_ref().is_some_and(|i| !i.settled);
        if !unsettled || !more || sample.len() < want || want >= MAX_SAMPLE_LINES {
            break (sample_text, inference);
        }
        want = (want * 4).min(MAX_SAMPLE_LINES);
    };
    let sample_refs: Vec<&str> = sample_text.iter().map(String::as_str).collect();
    let year = opts.default_year.unwrap_or_else(|| {
        // A file is written after its lines: a year-less first line that
        // would fall after the file's modification time is from the year
        // before (a December log copied in November).
        let first = inference.as_ref().and_then(|i| {
            let mut parser = TimeParser::new(&i.format, mtime_year);
            sample_refs.iter().find_map(|l| parser.parse(l))
        });
        match first {
            Some(ts) if ts > mtime_ns + DAY_NS => mtime_year - 1,
            _ => mtime_year,
        }
    });
    if let Some(i) = inference.as_ref().filter(|i| !i.settled) {
        report.warnings.push(format!(
            "{}: the first {} lines do not tell day from month (every date reads either way); read as {}; give --time-format if that is wrong",
            path.display(),
            sample.len(),
            i.format.pattern
        ));
    }
    match &inference {
        Some(i) => report.timestamp_format = Some(describe(i, year, opts)),
        None => {
            report.ingestion_order = true;
            report.warnings.push(format!(
                "{}: no timestamp format recognised in the first lines; entries keep file order, 1 ms apart from {} (the file's modification time); give one with --time-format",
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
    let mtime_day = mtime_ns.div_euclid(DAY_NS);
    let first_entry = builder.stream_len(id);
    let chosen = inference.clone();
    let mut entries = Entries {
        parser: inference.map(|i| TimeParser::new(&i.format, year).starting_on_day(mtime_day)),
        multiline: opts.multiline,
        previous: None,
        fallback_next: mtime_ns,
        leading: Vec::new(),
        open: None,
        text: String::new(),
        spare: Vec::new(),
        lines: 0,
        builder,
        id,
    };
    for raw in &mut sample {
        entries.add(raw, report);
    }
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
            break;
        }
        entries.add(&mut buf, report);
    }
    entries.place_leading(None, report);
    entries.flush(report);
    entries.builder.dedupe = dedupe;
    if let (Some(i), Some(parser)) = (&chosen, &entries.parser) {
        if !i.format.pattern.has_date() {
            date_from_mtime(
                path,
                i,
                parser,
                mtime_ns,
                first_entry,
                id,
                entries.builder,
                report,
            );
        }
        if let Some(zone) = parser.unresolved_zone() {
            report.warnings.push(format!(
                "{}: the zone {zone:?} {}; those times are read as UTC",
                path.display(),
                if zone.contains('/') {
                    "is not in this system's time zone database"
                } else {
                    "names several zones (an abbreviation shared by more than one)"
                }
            ));
        }
    }
    Ok(())
}

/// Lines with a time of day and no date were read from the day of the
/// file's modification time on; a file is written as its lines are, so the
/// whole stream moves back by as many days as put its last line after that
/// time. Reported, since the dates are assumed.
#[allow(clippy::too_many_arguments)]
fn date_from_mtime(
    path: &Path,
    inference: &Inference,
    parser: &TimeParser,
    mtime_ns: i64,
    first_entry: usize,
    id: usize,
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) {
    /// Clocks of writer and file system may differ a little.
    const SLACK_NS: i64 = 60_000_000_000;
    let Some(last) = parser.last_read() else {
        return;
    };
    let late = last - mtime_ns - SLACK_NS;
    let days_back = if late > 0 {
        (late + DAY_NS - 1) / DAY_NS
    } else {
        0
    };
    builder.shift_since(id, first_entry, -days_back * DAY_NS);
    let last_day = (last - days_back * DAY_NS).div_euclid(DAY_NS);
    let changes = parser.day_changes() as i64;
    let date = |day: i64| {
        let (y, m, d) = goformat::calendar::civil_from_days(day);
        format!("{y:04}-{m:02}-{d:02}")
    };
    let span = if changes == 0 {
        format!("all on {}", date(last_day))
    } else {
        format!("{} to {}", date(last_day - changes), date(last_day))
    };
    report.timestamp_format = Some(format!(
        "{} (read {} of {} sampled lines; no date in the text: the file's modification time dates the last line, a new day where the time steps back past midnight; {span}{})",
        inference.format,
        inference.read,
        inference.eligible,
        if inference.format.pattern.has_zone() { "" } else { "; no zone: UTC" }
    ));
    report.warnings.push(format!(
        "{}: the lines carry a time of day but no date; dates assumed from the file's modification time ({span})",
        path.display()
    ));
}

/// The sample's non-empty lines as text.
fn sample_lines(sample: &[Vec<u8>]) -> Vec<String> {
    sample
        .iter()
        .map(|l| String::from_utf8_lossy(l).trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The time format of a sample: located where `--time-format` gives it,
/// inferred otherwise.
fn infer_sample(
    sample: &[String],
    path: &Path,
    opts: &IngestOptions,
    probe_year: i32,
) -> Result<Option<Inference>, IngestError> {
    let refs: Vec<&str> = sample.iter().map(String::as_str).collect();
    Ok(match &opts.time_format {
        Some(pattern) => Some(
            timeinfer::locate(&refs, pattern, probe_year).ok_or_else(|| {
                IngestError::TimeFormat {
                    path: path.to_path_buf(),
                    format: pattern.to_string(),
                    lines: refs.len(),
                }
            })?,
        ),
        None => timeinfer::infer(&refs, probe_year),
    })
}

/// The report's line on timestamps: the format, where it is, how much of
/// the sample it read and what it had to assume.
fn describe(i: &Inference, year: i32, opts: &IngestOptions) -> String {
    let p = &i.format.pattern;
    let mut notes = vec![format!("read {} of {} sampled lines", i.read, i.eligible)];
    if opts.time_format.is_some() {
        notes.push("from --time-format".into());
    }
    if !p.has_year() {
        notes.push(format!(
            "no year in the text: {year}{}, rolling over at Dec→Jan",
            if opts.default_year.is_some() {
                " (--year)"
            } else {
                " from the file's modification time"
            }
        ));
    } else if p.has_two_digit_year() {
        notes.push("two-digit years: 69–99 → 19xx, else 20xx".into());
    }
    if !p.has_zone() && !p.is_epoch() {
        notes.push("no zone: UTC".into());
    }
    format!("{} ({})", i.format, notes.join("; "))
}

/// Entries as they are built: a line with its own time opens one, a
/// continuation joins the open one. Lines move from the read buffer into
/// the entry and back without being copied.
struct Entries<'a> {
    parser: Option<TimeParser>,
    multiline: bool,
    previous: Option<i64>,
    fallback_next: i64,
    /// Lines before the first timestamped one (`--------- beginning of
    /// main`): they take its time, the start of what the file shows.
    leading: Vec<String>,
    /// The open entry's time, text and line count.
    open: Option<i64>,
    text: String,
    lines: usize,
    /// A buffer for the next read.
    spare: Vec<u8>,
    builder: &'a mut StoreBuilder,
    id: usize,
}

impl Entries<'_> {
    fn add(&mut self, raw: &mut Vec<u8>, report: &mut IngestReport) {
        let line = take_line(raw, std::mem::take(&mut self.spare), report);
        if line.is_empty() {
            report.empty_lines_skipped += 1;
            self.recycle(line);
            return;
        }
        let Some(parser) = &mut self.parser else {
            // No format: every line is an entry, in file order.
            note_length(line.len(), report);
            self.builder
                .push_to(self.id, self.fallback_next, &line, None);
            self.fallback_next += INGESTION_ORDER_SPACING_NS;
            self.recycle(line);
            return;
        };
        let ts = match parser.parse(&line) {
            Some(ts) => {
                self.previous = Some(ts);
                self.place_leading(Some(ts), report);
                ts
            }
            None => {
                // A line with a time in another layout is an event of its
                // own: only lines with no header at all are joined.
                let joins = self.multiline
                    && self.open.is_some()
                    && self.lines < MAX_ENTRY_LINES
                    && (looks_continued(&line) || !timeinfer::starts_with_time(&line));
                if joins {
                    self.text.push('\n');
                    self.text.push_str(&line);
                    self.lines += 1;
                    report.joined_lines += 1;
                    self.recycle(line);
                    return;
                }
                report.lines_without_timestamp += 1;
                let Some(previous) = self.previous else {
                    self.leading.push(line);
                    return;
                };
                previous
            }
        };
        self.flush(report);
        self.open = Some(ts);
        self.lines = 1;
        let done = std::mem::replace(&mut self.text, line);
        self.recycle(done);
    }

    /// Lines read before the first time: entries at `first`, or where the
    /// file has no time at all, at its modification time in file order.
    fn place_leading(&mut self, first: Option<i64>, report: &mut IngestReport) {
        for line in std::mem::take(&mut self.leading) {
            note_length(line.len(), report);
            let ts = first.unwrap_or_else(|| {
                let ts = self.fallback_next;
                self.fallback_next += INGESTION_ORDER_SPACING_NS;
                ts
            });
            self.builder.push_to(self.id, ts, &line, None);
        }
    }

    fn recycle(&mut self, s: String) {
        let mut bytes = s.into_bytes();
        bytes.clear();
        self.spare = bytes;
    }

    fn flush(&mut self, report: &mut IngestReport) {
        if let Some(ts) = self.open.take() {
            note_length(self.text.len(), report);
            self.builder.push_to(self.id, ts, &self.text, None);
        }
    }
}
