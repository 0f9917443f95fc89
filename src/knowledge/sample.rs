//! Feeding a knowledge build from a log source by sampling: for each
//! stream of the scope, at most a bounded number of lines and bytes, spread
//! over the window in pieces (newest lines of each piece).

use super::KnowledgeBuilder;
use crate::logql::{LogExpr, MatchOp, Matcher};
use crate::source::{
    Direction, Labels, LogSource, QueryResult, RangeQuery, SourceError, TimeRange,
};

#[derive(Debug, Clone, Copy)]
pub struct SampleOptions {
    pub window: TimeRange,
    /// The window is read in this many pieces, so samples span it.
    pub pieces: usize,
    pub lines_per_stream: usize,
    pub bytes_per_stream: usize,
}

impl SampleOptions {
    pub fn new(window: TimeRange) -> SampleOptions {
        SampleOptions {
            window,
            pieces: 10,
            lines_per_stream: 5000,
            bytes_per_stream: 5 << 20,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SampleReport {
    pub streams: usize,
    pub lines: u64,
    pub bytes: u64,
    /// Streams whose sample stopped at the line or byte bound.
    pub capped_streams: usize,
}

/// The exact selector of one stream.
pub fn selector_of(labels: &Labels) -> String {
    let selector = labels
        .iter()
        .map(|(k, v)| Matcher::new(k, MatchOp::Eq, v))
        .collect();
    LogExpr {
        selector,
        pipeline: Vec::new(),
    }
    .to_string()
}

/// Sample the streams of `selector` into `builder`; `progress(done, total)`
/// is called after each request.
pub async fn sample_source(
    source: &dyn LogSource,
    selector: &str,
    opts: SampleOptions,
    builder: &mut KnowledgeBuilder,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<SampleReport, SourceError> {
    let streams = source.series(selector, opts.window).await?;
    let pieces = opts.pieces.max(1);
    let total = (streams.len() * pieces) as u64;
    let per_piece = (opts.lines_per_stream / pieces).clamp(1, 5000) as u32;
    let span = opts.window.end.saturating_sub(opts.window.start).max(1);
    // i128: a window of decades times the piece count overflows i64.
    let at = |k: usize| opts.window.start + (i128::from(span) * k as i128 / pieces as i128) as i64;
    let mut report = SampleReport {
        streams: streams.len(),
        ..SampleReport::default()
    };
    let mut done = 0;
    for labels in &streams {
        let query = selector_of(labels);
        let (mut lines, mut bytes) = (0usize, 0usize);
        let mut capped = false;
        // Newest piece first: a capped sample keeps the recent lines.
        for p in (0..pieces).rev() {
            done += 1;
            if capped {
                progress(done, total);
                continue;
            }
            let (start, end) = (at(p), at(p + 1));
            let q = RangeQuery {
                query: query.clone(),
                start,
                end,
                step: crate::loki::choose_step(start, end, None),
                limit: per_piece,
                direction: Direction::Backward,
            };
            if let QueryResult::Streams(result) = source.query_range(&q).await?.result {
                for s in result {
                    for e in s.entries {
                        if lines >= opts.lines_per_stream || bytes >= opts.bytes_per_stream {
                            capped = true;
                            break;
                        }
                        lines += 1;
                        bytes += e.line.len();
                        builder.add(labels, e.ts, &e.line);
                    }
                }
            }
            progress(done, total);
        }
        report.lines += lines as u64;
        report.bytes += bytes as u64;
        report.capped_streams += usize::from(capped);
    }
    Ok(report)
}
