//! Log queries: the entries in `[start, end)` that survive the pipeline,
//! the `limit` newest (backward) or oldest (forward) of them, grouped into
//! streams by their final label sets.

use std::collections::HashMap;

use super::budget::Budget;
use super::pipeline::{compile_selector, Pipeline};
use super::scan;
use super::EngineError;
use crate::source::{Direction, Entry, Labels, Stream};
use logql::LogExpr;

pub fn select(
    store: &super::Store,
    log: &LogExpr,
    (start, end): (i64, i64),
    limit: u32,
    direction: Direction,
    budget: &Budget,
) -> Result<Vec<Stream>, EngineError> {
    let selector = compile_selector(&log.selector)?;
    let pipeline = Pipeline::compile(log)?;
    let limit = limit as usize;
    let chunks = scan::chunks(store, &selector, start, end);
    // Each chunk is read from the end the direction starts at and stops
    // after `limit` entries: no more can make the final cut.
    let per_chunk = scan::parallel(&chunks, |chunk| {
        let order: Box<dyn Iterator<Item = usize>> = match direction {
            Direction::Forward => Box::new(chunk.range.clone()),
            Direction::Backward => Box::new(chunk.range.clone().rev()),
        };
        let mut kept: Vec<(i64, usize, String, Labels)> = Vec::new();
        let mut meter = budget.meter();
        for i in order {
            if kept.len() == limit {
                break;
            }
            let mut row = scan::row_at(chunk.stream, i);
            if pipeline.process(&mut row) {
                // Many streams each keep up to `limit` lines until the cut.
                if !meter.charge(64 + row.line.len() + row.labels.heap_bytes()) {
                    break;
                }
                kept.push((row.ts, i, row.line.into_owned(), row.labels));
            }
        }
        (chunk.stream_index, kept)
    });
    budget.check(per_chunk.iter().map(|(_, kept)| kept.len()).sum())?;
    let mut all: Vec<(i64, usize, usize, String, Labels)> = per_chunk
        .into_iter()
        .flat_map(|(s, kept)| {
            kept.into_iter()
                .map(move |(ts, i, line, labels)| (ts, s, i, line, labels))
        })
        .collect();
    match direction {
        Direction::Forward => all.sort_by_key(|e| (e.0, e.1, e.2)),
        Direction::Backward => all.sort_by_key(|e| std::cmp::Reverse((e.0, e.1, e.2))),
    }
    all.truncate(limit);

    let mut groups: HashMap<Labels, Vec<Entry>> = HashMap::new();
    for (ts, _, _, line, labels) in all {
        groups.entry(labels).or_default().push(Entry::new(ts, line));
    }
    let mut streams: Vec<Stream> = groups
        .into_iter()
        .map(|(labels, entries)| Stream { labels, entries })
        .collect();
    // Loki orders streams by the text of their label sets.
    streams.sort_by_cached_key(|s| s.labels.to_string());
    Ok(streams)
}
