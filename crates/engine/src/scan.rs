//! Running a pipeline over stored entries, on every core.
//!
//! Work is cut into chunks of roughly equal bytes (a big stream is split in
//! pieces); each chunk is scanned on its own thread and the results come
//! back in chunk order, so entries stay in time order within a stream.

use std::ops::Range;

use memchr::memmem;

use super::pipeline::{LabelMatcher, Pipeline, Row};
use super::store::{LineReader, Store, StreamData};

/// Below this many bytes a chunk is not worth a thread.
const MIN_CHUNK_BYTES: usize = 4 << 20;

/// A piece of one stream to scan.
#[derive(Debug, Clone)]
pub struct Chunk<'a> {
    pub stream_index: usize,
    pub stream: &'a StreamData,
    pub range: Range<usize>,
}

/// Streams matching the selector, as chunks covering `[start, end)`.
pub fn chunks<'a>(
    store: &'a Store,
    selector: &[LabelMatcher],
    start: i64,
    end: i64,
) -> Vec<Chunk<'a>> {
    let threads = threads();
    let selected: Vec<(usize, &StreamData, Range<usize>)> = store
        .streams()
        .iter()
        .enumerate()
        .filter(|(_, s)| selector.iter().all(|m| m.matches(&s.labels)))
        .map(|(i, s)| (i, s, s.index_range(start, end)))
        .filter(|(_, _, r)| !r.is_empty())
        .collect();
    let total: usize = selected
        .iter()
        .map(|(_, s, r)| bytes_of(s, r.clone()))
        .sum();
    let target = (total / threads).max(MIN_CHUNK_BYTES);
    let mut out = Vec::new();
    for (stream_index, stream, range) in selected {
        let (_, offsets) = stream.line_bytes();
        let mut from = range.start;
        while from < range.end {
            // The first line whose end passes `target` bytes from `from`.
            let limit = offsets[from] + target as i64;
            let to = from
                + 1
                + offsets[from + 1..=range.end]
                    .partition_point(|&o| o < limit)
                    .min(range.end - from - 1);
            out.push(Chunk {
                stream_index,
                stream,
                range: from..to,
            });
            from = to;
        }
    }
    out
}

fn bytes_of(s: &StreamData, r: Range<usize>) -> usize {
    let (_, offsets) = s.line_bytes();
    (offsets[r.end] - offsets[r.start]) as usize
}

pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Run `work` on each chunk in parallel; results in chunk order.
pub fn parallel<'a, T: Send>(
    chunks: &[Chunk<'a>],
    work: impl Fn(&Chunk<'a>) -> T + Sync,
) -> Vec<T> {
    if chunks.len() <= 1 {
        return chunks.iter().map(&work).collect();
    }
    let threads = threads().min(chunks.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else {
                            break;
                        };
                        mine.push((i, work(chunk)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker fails the query rather than silently
            // dropping that worker's part of the answer.
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, t)| t).collect()
}

/// The entries of a chunk that the pipeline's leading line filters keep,
/// in order, until `found` returns false. With a required literal, the
/// whole byte range is searched at once (as grep does) instead of line by
/// line.
pub fn raw_matches(chunk: &Chunk<'_>, pipeline: &Pipeline, mut found: impl FnMut(usize) -> bool) {
    let mut lines = LineReader::new(chunk.stream);
    matches_with(chunk, pipeline, &mut lines, |i, _| found(i));
}

/// [`raw_matches`], reading lines as text through `lines`, which `found`
/// gets to read the entry's line too.
fn matches_with<'a>(
    chunk: &Chunk<'a>,
    pipeline: &Pipeline,
    lines: &mut LineReader<'a>,
    mut found: impl FnMut(usize, &mut LineReader<'a>) -> bool,
) {
    let stream = chunk.stream;
    let filters: Vec<_> = pipeline.line_filters().collect();
    // Any positive literal filter can drive the search; the others check
    // the lines it finds.
    let Some((lead, literal)) = filters
        .iter()
        .enumerate()
        .find_map(|(i, f)| f.required_literal().map(|l| (i, l)))
    else {
        for i in chunk.range.clone() {
            if (filters.is_empty() || pipeline.keeps_raw_line(lines.line(i))) && !found(i, lines) {
                return;
            }
        }
        return;
    };
    let rest: Vec<_> = filters
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != lead)
        .map(|(_, f)| *f)
        .collect();
    let (bytes, offsets) = stream.line_bytes();
    let finder = memmem::Finder::new(literal);
    let end_byte = offsets[chunk.range.end] as usize;
    let mut line = chunk.range.start;
    let mut pos = offsets[line] as usize;
    while line < chunk.range.end {
        let Some(hit) = finder.find(&bytes[pos..end_byte]) else {
            break;
        };
        let at = (pos + hit) as i64;
        line = line_holding(offsets, line, chunk.range.end, at);
        let line_end = offsets[line + 1] as usize;
        // A hit that runs past the line's end spans two lines: not a match.
        if (at as usize) + literal.len() <= line_end
            && (rest.is_empty() || {
                let text = lines.line(line);
                rest.iter().all(|f| f.is_match(text))
            })
            && !found(line, lines)
        {
            return;
        }
        line += 1;
        pos = line_end;
    }
}

/// The line holding byte `at`, at or after `line` (whose start is at or
/// before `at`) and before `end`. Hits come in order and mostly a few lines
/// apart, so the search gallops forward from `line` rather than bisecting
/// the whole rest of the chunk for each hit.
fn line_holding(offsets: &[i64], line: usize, end: usize, at: i64) -> usize {
    // starts[k] is where line `line + 1 + k` starts.
    let starts = &offsets[line + 1..=end];
    let (mut known, mut step) = (0, 1);
    while step <= starts.len() && starts[step - 1] <= at {
        known = step;
        step *= 2;
    }
    let bound = step.min(starts.len());
    line + known + starts[known..bound].partition_point(|&o| o <= at)
}

/// Entry `i` of a stream as a pipeline row, with its structured metadata.
pub fn row_at(stream: &StreamData, i: usize) -> Row<'_> {
    let row = Row::new(stream.timestamps()[i], stream.line(i), &stream.labels);
    if stream.has_metadata() {
        row.with_metadata(stream.metadata(i))
    } else {
        row
    }
}

/// Run the full pipeline on the entries of a chunk, calling `keep` with
/// each surviving row until it returns false. One row is reused for every
/// entry: `keep` must copy out what it keeps.
pub fn rows<'a>(
    chunk: &Chunk<'a>,
    pipeline: &Pipeline,
    mut keep: impl FnMut(usize, &mut Row<'a>) -> bool,
) {
    let stream = chunk.stream;
    let ts = stream.timestamps();
    let mut lines = LineReader::new(stream);
    let mut row = Row::new(0, "", &stream.labels);
    matches_with(chunk, pipeline, &mut lines, |i, lines| {
        row.reset(ts[i], lines.line(i));
        if stream.has_metadata() {
            row.add_metadata(stream.metadata(i));
        }
        !pipeline.process_rest(&mut row) || keep(i, &mut row)
    });
}

#[cfg(test)]
mod tests {
    use super::line_holding;

    #[test]
    fn galloping_finds_the_line_holding_a_byte() {
        // Lines of 0..7 bytes, some empty.
        let lens = [3, 0, 5, 1, 0, 0, 7, 2, 4, 6, 1, 3];
        let mut offsets = vec![0i64];
        for l in lens {
            offsets.push(offsets.last().unwrap() + l);
        }
        let end = lens.len();
        let total = *offsets.last().unwrap();
        for from in 0..end {
            for at in offsets[from]..total {
                // The line whose byte range holds `at` (never an empty one).
                let want = (0..end)
                    .find(|&l| offsets[l] <= at && at < offsets[l + 1])
                    .unwrap();
                assert_eq!(line_holding(&offsets, from, end, at), want, "{from} {at}");
            }
        }
    }
}
