//! Long ranges in pieces Loki accepts, and the step Grafana would choose.

use std::collections::HashMap;

use super::{LokiClient, LokiError};
use crate::logql::Expr;
use crate::source::{Direction, Labels, Point, QueryResponse, QueryResult, RangeQuery, Stream};

/// Loki's API refuses more than this many points per series.
pub const MAX_POINTS: i64 = 11_000;

/// The step for a range query, as Grafana picks it: the requested step (or
/// Loki's default of a 250th of the range, at least 1 s), raised when it
/// would give more than 11,000 points.
pub fn choose_step(start: i64, end: i64, requested: Option<i64>) -> i64 {
    const SECOND: i64 = 1_000_000_000;
    let range = end.saturating_sub(start).max(0);
    let wanted = requested.unwrap_or(((range / SECOND / 250).max(1)) * SECOND);
    // Round the minimum up to a whole millisecond, Loki's step resolution.
    let min = range / MAX_POINTS + i64::from(range % MAX_POINTS != 0);
    let min = min
        .div_euclid(1_000_000)
        .saturating_add(i64::from(min % 1_000_000 != 0))
        .saturating_mul(1_000_000);
    wanted.max(min).max(1_000_000)
}

/// Run `q` as consecutive pieces of at most `max` nanoseconds and merge.
pub(super) async fn run(
    client: &LokiClient,
    q: &RangeQuery,
    expr: &Expr,
    max: i64,
) -> Result<QueryResponse, LokiError> {
    let pieces = pieces(q, expr.is_log(), max);
    tracing::debug!(pieces = pieces.len(), "split range query");
    let mut parts: Vec<QueryResponse> = Vec::new();
    let mut entries = 0usize;
    for piece in pieces {
        let resp = client.range_once(&piece).await?;
        if let QueryResult::Streams(s) = &resp.result {
            entries += s.iter().map(|s| s.entries.len()).sum::<usize>();
        }
        parts.push(resp);
        // Pieces run in the query's direction: once the limit is met the
        // rest cannot make the cut.
        if expr.is_log() && entries >= q.limit as usize {
            break;
        }
    }
    Ok(merge(parts, q))
}

/// Log queries: `[start, end)` windows in the query's direction. Metric
/// queries: windows on the step grid, each step evaluated once.
fn pieces(q: &RangeQuery, is_log: bool, max: i64) -> Vec<RangeQuery> {
    let mut out = Vec::new();
    if is_log {
        let mut from = q.start;
        while from < q.end {
            let to = from.saturating_add(max).min(q.end);
            out.push(RangeQuery {
                start: from,
                end: to,
                ..q.clone()
            });
            from = to;
        }
        if q.direction == Direction::Backward {
            out.reverse();
        }
    } else {
        let step = q.step.max(1);
        let steps_per_piece = (max / step).max(1);
        // Pieces on the step grid Loki's frontend aligns to, so no step
        // falls in two pieces.
        let mut from = q.start - q.start.rem_euclid(step);
        while from <= q.end {
            let to = from
                .saturating_add((steps_per_piece - 1).saturating_mul(step))
                .min(q.end);
            out.push(RangeQuery {
                start: from,
                end: to,
                ..q.clone()
            });
            let Some(next) = to.checked_add(step) else {
                break;
            };
            from = next - next.rem_euclid(step);
        }
    }
    out
}

fn merge(parts: Vec<QueryResponse>, q: &RangeQuery) -> QueryResponse {
    let mut streams: Vec<Stream> = Vec::new();
    let mut index: HashMap<Labels, usize> = HashMap::new();
    let mut series: Vec<(Labels, Vec<Point>)> = Vec::new();
    let mut series_index: HashMap<Labels, usize> = HashMap::new();
    let mut is_streams = true;
    for part in parts {
        match part.result {
            QueryResult::Streams(ss) => {
                for s in ss {
                    let i = *index.entry(s.labels.clone()).or_insert_with(|| {
                        streams.push(Stream {
                            labels: s.labels.clone(),
                            entries: Vec::new(),
                        });
                        streams.len() - 1
                    });
                    streams[i].entries.extend(s.entries);
                }
            }
            QueryResult::Matrix(ms) => {
                is_streams = false;
                for s in ms {
                    let i = *series_index.entry(s.labels.clone()).or_insert_with(|| {
                        series.push((s.labels.clone(), Vec::new()));
                        series.len() - 1
                    });
                    series[i].1.extend(s.points);
                }
            }
            other => return QueryResponse::new(other, q.limit),
        }
    }
    if !is_streams {
        series.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, points) in &mut series {
            points.sort_by_key(|p| p.ts_ms);
            points.dedup_by_key(|p| p.ts_ms);
        }
        let matrix = series
            .into_iter()
            .map(|(labels, points)| crate::source::Series { labels, points })
            .collect();
        return QueryResponse::new(QueryResult::Matrix(matrix), q.limit);
    }
    // Keep the `limit` entries nearest the direction's start.
    let mut all: Vec<(i64, usize, crate::source::Entry)> = streams
        .iter_mut()
        .enumerate()
        .flat_map(|(i, s)| {
            std::mem::take(&mut s.entries)
                .into_iter()
                .map(move |e| (e.ts, i, e))
        })
        .collect();
    match q.direction {
        Direction::Forward => all.sort_by_key(|e| (e.0, e.1)),
        Direction::Backward => all.sort_by_key(|e| std::cmp::Reverse((e.0, e.1))),
    }
    all.truncate(q.limit as usize);
    for (_, i, e) in all {
        streams[i].entries.push(e);
    }
    streams.retain(|s| !s.entries.is_empty());
    streams.sort_by_cached_key(|s| s.labels.to_string());
    QueryResponse::new(QueryResult::Streams(streams), q.limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000_000_000;

    #[test]
    fn step_is_capped_at_11000_points() {
        assert_eq!(choose_step(0, 3600 * S, Some(15 * S)), 15 * S);
        // 30 days at 15 s would be 172,800 points: raised to 236 s (rounded up to ms).
        let thirty_days = 30 * 86_400 * S;
        let step = choose_step(0, thirty_days, Some(15 * S));
        assert!(thirty_days / step <= MAX_POINTS, "{step}");
        assert_eq!(step, 235_637_000_000);
        // Loki's default: a 250th of the range.
        assert_eq!(choose_step(0, 3600 * S, None), 14 * S);
    }

    #[test]
    fn pieces_cover_the_range_once() {
        let q = RangeQuery {
            query: String::new(),
            start: 0,
            end: 100 * S,
            step: 10 * S,
            limit: 10,
            direction: Direction::Backward,
        };
        let logs = pieces(&q, true, 40 * S);
        let bounds: Vec<(i64, i64)> = logs.iter().map(|p| (p.start / S, p.end / S)).collect();
        assert_eq!(bounds, [(80, 100), (40, 80), (0, 40)]);
        let metric = pieces(&q, false, 40 * S);
        let bounds: Vec<(i64, i64)> = metric.iter().map(|p| (p.start / S, p.end / S)).collect();
        // Steps 0..=100 by 10, four per piece, none twice.
        assert_eq!(bounds, [(0, 30), (40, 70), (80, 100)]);
        // An unaligned start: pieces sit on the step grid, none overlap.
        let q = RangeQuery { start: 3 * S, ..q };
        let bounds: Vec<(i64, i64)> = pieces(&q, false, 40 * S)
            .iter()
            .map(|p| (p.start / S, p.end / S))
            .collect();
        assert_eq!(bounds, [(0, 30), (40, 70), (80, 100)]);
    }

    #[test]
    fn pieces_end_near_the_edge_of_time() {
        let q = RangeQuery {
            query: String::new(),
            start: i64::MAX - 100 * S,
            end: i64::MAX - 1,
            step: 10 * S,
            limit: 10,
            direction: Direction::Forward,
        };
        assert!(pieces(&q, true, 40 * S).len() <= 3);
        assert!(pieces(&q, false, 40 * S).len() <= 4);
        assert!(choose_step(i64::MIN, i64::MAX, None) > 0);
    }
}
