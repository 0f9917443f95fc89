//! The embedded store: streams of (timestamp, line) kept as Arrow columns.
//!
//! Each stream's lines sit in one contiguous buffer (an Arrow `LargeBinary`
//! column), sorted by timestamp, so a line filter can scan the buffer the way
//! grep scans a file, and the same columns are written to and mapped back
//! from disk without conversion. Lines are kept as bytes and read as text
//! one at a time where they are used: opening a store then never needs a
//! pass over all of it.

use std::collections::HashMap;
use std::ops::Range;

use arrow_array::builder::{LargeStringBuilder, StringBuilder};
use arrow_array::{Array, Int64Array, LargeBinaryArray, StringArray};

use crate::source::Labels;

/// One stream: its labels and its entries in timestamp order.
#[derive(Debug, Clone)]
pub struct StreamData {
    pub labels: Labels,
    pub(crate) ts: Int64Array,
    /// UTF-8 when written by the builder; see [`StreamData::line`].
    pub(crate) lines: LargeBinaryArray,
    /// Structured metadata of each entry as a JSON object, null when none.
    pub(crate) metadata: Option<StringArray>,
}

impl StreamData {
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    pub fn timestamps(&self) -> &[i64] {
        self.ts.values()
    }

    /// Line `i` as text. Every store the builder writes holds UTF-8; a
    /// damaged file's line that is not reads as its valid beginning.
    pub fn line(&self, i: usize) -> &str {
        let bytes = self.lines.value(i);
        match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        }
    }

    /// The length of line `i` in bytes, without reading it as text.
    pub fn line_len(&self, i: usize) -> usize {
        self.lines.value_length(i) as usize
    }

    /// All lines back to back, and where each starts: line `i` is
    /// `bytes[offsets[i]..offsets[i + 1]]`.
    pub fn line_bytes(&self) -> (&[u8], &[i64]) {
        (self.lines.values().as_slice(), self.lines.value_offsets())
    }

    /// Structured metadata of entry `i` as name/value pairs.
    pub fn metadata(&self, i: usize) -> Vec<(String, String)> {
        let Some(col) = &self.metadata else {
            return Vec::new();
        };
        if col.is_null(i) {
            return Vec::new();
        }
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(col.value(i)) {
            Ok(map) => map
                .into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, v)
                })
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    pub fn has_metadata(&self) -> bool {
        self.metadata.is_some()
    }

    /// Entries with `start <= ts < end`.
    pub fn index_range(&self, start: i64, end: i64) -> Range<usize> {
        let ts = self.timestamps();
        let lo = ts.partition_point(|&t| t < start);
        let hi = ts.partition_point(|&t| t < end);
        lo..hi.max(lo)
    }

    pub fn raw_bytes(&self) -> usize {
        self.lines.values().len()
    }
}

/// Reads the lines of one stream as text in blocks: each block of about
/// [`LineReader::BLOCK`] bytes of whole lines is checked as UTF-8 once, and
/// its lines are then sliced out of it, which costs far less than checking
/// each short line on its own. Lines outside the last block start a new one.
pub struct LineReader<'a> {
    stream: &'a StreamData,
    bytes: &'a [u8],
    offsets: &'a [i64],
    /// The block checked last, and the byte offset in `bytes` it starts at.
    block: &'a str,
    base: usize,
}

impl<'a> LineReader<'a> {
    const BLOCK: i64 = 256 << 10;

    pub fn new(stream: &'a StreamData) -> LineReader<'a> {
        let (bytes, offsets) = stream.line_bytes();
        LineReader {
            stream,
            bytes,
            offsets,
            block: "",
            base: 0,
        }
    }

    /// Line `i`, the same text as [`StreamData::line`].
    pub fn line(&mut self, i: usize) -> &'a str {
        let (start, end) = (self.offsets[i], self.offsets[i + 1]);
        let (from, to) = (start as usize, end as usize);
        if from >= self.base {
            if let Some(line) = self.block.get(from - self.base..to - self.base) {
                return line;
            }
        }
        // The block: lines from `i` until one ends BLOCK bytes on.
        let last = self.offsets.len() - 1;
        let stop = i + 1 + self.offsets[i + 1..].partition_point(|&o| o < start + Self::BLOCK);
        let block_end = self.offsets[stop.min(last)] as usize;
        match std::str::from_utf8(&self.bytes[from..block_end]) {
            Ok(block) => {
                self.block = block;
                self.base = from;
                block.get(..to - from).unwrap_or_default()
            }
            // Only a damaged store gets here: the lines before the bad
            // byte still come from the block, the bad one on its own.
            Err(e) => {
                let valid = &self.bytes[from..from + e.valid_up_to()];
                self.block = std::str::from_utf8(valid).unwrap_or_default();
                self.base = from;
                match self.block.get(..to - from) {
                    Some(line) => line,
                    None => self.stream.line(i),
                }
            }
        }
    }
}

/// All streams, sorted by label set.
#[derive(Debug, Clone, Default)]
pub struct Store {
    streams: Vec<StreamData>,
}

impl Store {
    pub fn from_streams(mut streams: Vec<StreamData>) -> Store {
        streams.sort_by(|a, b| a.labels.cmp(&b.labels));
        Store { streams }
    }

    pub fn streams(&self) -> &[StreamData] {
        &self.streams
    }

    pub fn entry_count(&self) -> usize {
        self.streams.iter().map(StreamData::len).sum()
    }

    pub fn raw_bytes(&self) -> usize {
        self.streams.iter().map(StreamData::raw_bytes).sum()
    }

    /// The first and last timestamps held, if any.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        let firsts = self.streams.iter().filter_map(|s| s.timestamps().first());
        let lasts = self.streams.iter().filter_map(|s| s.timestamps().last());
        Some((*firsts.min()?, *lasts.max()?))
    }
}

/// Collects entries stream by stream, then sorts each stream once.
pub struct StoreBuilder {
    index: HashMap<Labels, usize>,
    streams: Vec<StreamBuilder>,
    /// Whether new streams keep one copy of identical entries (Loki's rule
    /// for pushed data). Plain-text files turn it off: two identical lines
    /// in the same second are two events.
    pub dedupe: bool,
}

impl Default for StoreBuilder {
    fn default() -> Self {
        StoreBuilder {
            index: HashMap::new(),
            streams: Vec::new(),
            dedupe: true,
        }
    }
}

struct StreamBuilder {
    labels: Labels,
    ts: Vec<i64>,
    lines: LargeStringBuilder,
    metadata: Option<StringBuilder>,
    sorted: bool,
    dedupe: bool,
}

/// What `StoreBuilder::finish` did beyond storing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Entries equal in stream, timestamp and line to one before them; Loki
    /// keeps one copy of such duplicates, and so do we.
    pub duplicates_dropped: usize,
    pub out_of_order_streams: usize,
}

impl StoreBuilder {
    pub fn new() -> StoreBuilder {
        StoreBuilder::default()
    }

    /// Add one entry; `metadata` is a JSON object of structured metadata.
    pub fn push(&mut self, labels: &Labels, ts: i64, line: &str, metadata: Option<&str>) {
        let id = self.stream_id(labels);
        self.push_to(id, ts, line, metadata);
    }

    /// The id of the stream with these labels, created if new; pushing by
    /// id saves hashing the labels for every line of a single-stream file.
    pub fn stream_id(&mut self, labels: &Labels) -> usize {
        if let Some(&i) = self.index.get(labels) {
            return i;
        }
        self.streams.push(StreamBuilder {
            labels: labels.clone(),
            ts: Vec::new(),
            lines: LargeStringBuilder::new(),
            metadata: None,
            sorted: true,
            dedupe: self.dedupe,
        });
        self.index.insert(labels.clone(), self.streams.len() - 1);
        self.streams.len() - 1
    }

    /// Make room for about `lines` entries of `bytes` bytes in a stream, so
    /// that a big file does not leave doubling slack behind.
    pub fn reserve(&mut self, id: usize, lines: usize, bytes: usize) {
        if let Some(s) = self.streams.get_mut(id) {
            if s.ts.is_empty() {
                s.ts.reserve_exact(lines);
                s.lines = LargeStringBuilder::with_capacity(lines, bytes);
            }
        }
    }

    pub fn push_to(&mut self, id: usize, ts: i64, line: &str, metadata: Option<&str>) {
        let s = &mut self.streams[id];
        if s.ts.last().is_some_and(|&last| last > ts) {
            s.sorted = false;
        }
        if metadata.is_some() && s.metadata.is_none() {
            let mut b = StringBuilder::new();
            for _ in 0..s.ts.len() {
                b.append_null();
            }
            s.metadata = Some(b);
        }
        if let Some(b) = &mut s.metadata {
            b.append_option(metadata);
        }
        s.ts.push(ts);
        s.lines.append_value(line);
    }

    pub fn len(&self) -> usize {
        self.streams.iter().map(|s| s.ts.len()).sum()
    }

    /// Entries pushed to one stream so far.
    pub fn stream_len(&self, id: usize) -> usize {
        self.streams.get(id).map_or(0, |s| s.ts.len())
    }

    /// Move the stream's entries from index `from` on by `delta_ns`: a file
    /// whose dates are known only once it has been read to the end.
    pub fn shift_since(&mut self, id: usize, from: usize, delta_ns: i64) {
        let Some(s) = self.streams.get_mut(id) else {
            return;
        };
        for t in s.ts.iter_mut().skip(from) {
            *t = t.saturating_add(delta_ns);
        }
        let boundary = from.checked_sub(1).and_then(|i| s.ts.get(i..=i + 1));
        if boundary.is_some_and(|w| w[0] > w[1]) {
            s.sorted = false;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn finish(self) -> (Store, BuildReport) {
        let mut report = BuildReport::default();
        let mut streams = Vec::with_capacity(self.streams.len());
        for mut s in self.streams {
            let ts = Int64Array::from(std::mem::take(&mut s.ts));
            let lines = s.lines.finish();
            let metadata = s.metadata.as_mut().map(|b| b.finish());
            let mut data = StreamData {
                labels: s.labels,
                ts,
                lines: lines.into(),
                metadata,
            };
            if !s.sorted {
                report.out_of_order_streams += 1;
                data = sort_stream(data);
            }
            if s.dedupe {
                let (deduped, dropped) = dedupe_stream(data);
                report.duplicates_dropped += dropped;
                data = deduped;
            }
            streams.push(data);
        }
        (Store::from_streams(streams), report)
    }
}

/// Stable sort by timestamp (ties keep ingestion order).
fn sort_stream(s: StreamData) -> StreamData {
    let ts = s.timestamps();
    let mut order: Vec<usize> = (0..ts.len()).collect();
    order.sort_by_key(|&i| ts[i]);
    rebuild(&s, &order)
}

/// Drop entries identical to an earlier one at the same timestamp.
fn dedupe_stream(s: StreamData) -> (StreamData, usize) {
    let ts = s.timestamps();
    let mut keep = Vec::with_capacity(ts.len());
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut dropped = 0;
    for i in 0..ts.len() {
        if i > 0 && ts[i] != ts[i - 1] {
            seen.clear();
        }
        if seen.insert(s.line(i)) {
            keep.push(i);
        } else {
            dropped += 1;
        }
    }
    if dropped == 0 {
        return (s, 0);
    }
    (rebuild(&s, &keep), dropped)
}

fn rebuild(s: &StreamData, order: &[usize]) -> StreamData {
    let ts: Int64Array = order.iter().map(|&i| s.timestamps()[i]).collect();
    let mut lines = LargeStringBuilder::with_capacity(order.len(), s.raw_bytes());
    for &i in order {
        lines.append_value(s.line(i));
    }
    let metadata = s.metadata.as_ref().map(|m| {
        order
            .iter()
            .map(|&i| (!m.is_null(i)).then(|| m.value(i)))
            .collect::<StringArray>()
    });
    StreamData {
        labels: s.labels.clone(),
        ts,
        lines: lines.finish().into(),
        metadata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_streams_and_entries_and_drops_exact_duplicates() {
        let a = Labels::from_pairs([("app", "a")]);
        let b = Labels::from_pairs([("app", "b")]);
        let mut builder = StoreBuilder::new();
        builder.push(&b, 5, "b5", None);
        builder.push(&a, 3, "a3", None);
        builder.push(&a, 1, "a1", Some(r#"{"trace":"x"}"#));
        builder.push(&a, 3, "a3", None);
        builder.push(&a, 3, "a3 other", None);
        let (store, report) = builder.finish();
        assert_eq!(report.duplicates_dropped, 1);
        assert_eq!(report.out_of_order_streams, 1);
        let s = &store.streams()[0];
        assert_eq!(s.labels, a);
        assert_eq!(s.timestamps(), &[1, 3, 3]);
        assert_eq!(s.line(0), "a1");
        assert_eq!(s.line(2), "a3 other");
        assert_eq!(s.metadata(0), vec![("trace".into(), "x".into())]);
        assert!(s.metadata(1).is_empty());
        assert_eq!(s.index_range(2, 4), 1..3);
        assert_eq!(store.time_span(), Some((1, 5)));
    }
}
