//! Loki's series limit, counted where a default Loki counts it.
//!
//! Loki's query frontend splits a metric query into the parts its queriers
//! run ("downstream" queries: the largest sub-expressions that can be
//! sharded) and counts the distinct series of all their answers, together,
//! against `max_query_series`; the querier's engine counts the final
//! result too. So `count(count by (user) (…))` over 752 users is refused
//! (the inner `count by (user)` is a downstream query) while
//! `sum(count_over_time(…))` over 10,000 streams is not (the whole `sum`
//! runs downstream and answers one series). This module finds those
//! downstream parts from the query alone, following the sharding rules of
//! Loki 3.x with its default limits (no `shard_aggregations`), and keeps
//! the count.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasher;

use foldhash::fast::RandomState;

use super::Vector;
use crate::EngineError;
use logql::{BinOp, MetricExpr, RangeAgg, RangeOp, Stage, VectorAgg, VectorOp};

/// The series counted so far for one query, across its downstream parts.
pub(super) struct SeriesLimit {
    max: usize,
    /// Addresses of the sub-expressions Loki runs downstream.
    roots: HashSet<*const MetricExpr>,
    seen: RefCell<HashSet<u64>>,
    hasher: RandomState,
}

impl SeriesLimit {
    pub(super) fn new(expr: &MetricExpr, max: usize) -> SeriesLimit {
        let mut roots = HashSet::new();
        if !map(expr, true, &mut roots) {
            // Nothing shards: the whole query is one downstream query.
            roots.insert(expr as *const MetricExpr);
        }
        SeriesLimit {
            max,
            roots,
            seen: RefCell::new(HashSet::new()),
            hasher: RandomState::default(),
        }
    }

    /// Whether Loki would run `expr` as a downstream query of its own.
    pub(super) fn is_downstream(&self, expr: &MetricExpr) -> bool {
        self.roots.contains(&(expr as *const MetricExpr))
    }

    /// Whether a part of `samples` samples is within the limit whatever
    /// they are: it is the query's only downstream part (no other part's
    /// series add to it) and has no more samples than the limit allows
    /// series. Hashing a million label sets to learn that is most of a
    /// high-cardinality query's time.
    fn alone_within(&self, samples: usize) -> bool {
        self.roots.len() == 1 && samples <= self.max
    }

    /// Count the series of a downstream part's answer (all steps).
    pub(super) fn count(&self, vectors: &[Vector]) -> Result<(), EngineError> {
        if self.alone_within(vectors.iter().map(Vec::len).sum()) {
            return Ok(());
        }
        let mut seen = self.seen.borrow_mut();
        for (labels, _) in vectors.iter().flatten() {
            seen.insert(self.hasher.hash_one(labels));
            if seen.len() > self.max {
                return Err(exceeded(self.max));
            }
        }
        Ok(())
    }
}

impl SeriesLimit {
    /// Fails when `series` distinct series are over the limit by
    /// themselves, whatever else the query counted.
    pub(super) fn check_at_most(&self, series: usize) -> Result<(), EngineError> {
        if series > self.max {
            return Err(exceeded(self.max));
        }
        Ok(())
    }

    /// [`SeriesLimit::count`] for an answer given as its label sets.
    pub(super) fn count_each(
        &self,
        labels: impl ExactSizeIterator<Item = crate::source::Labels>,
    ) -> Result<(), EngineError> {
        if self.alone_within(labels.len()) {
            return Ok(());
        }
        let mut seen = self.seen.borrow_mut();
        for l in labels {
            seen.insert(self.hasher.hash_one(&l));
            if seen.len() > self.max {
                return Err(exceeded(self.max));
            }
        }
        Ok(())
    }
}

/// Loki's message, word for word.
pub(super) fn exceeded(max: usize) -> EngineError {
    EngineError::Limit(format!(
        "maximum of series ({max}) reached for a single query"
    ))
}

/// Loki's shard mapping, reduced to what it sends downstream: records the
/// downstream parts of `expr` in `roots`, and says whether any part of
/// `expr` went downstream (false: `expr` is left as it is).
fn map(expr: &MetricExpr, top_level: bool, roots: &mut HashSet<*const MetricExpr>) -> bool {
    match expr {
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => false,
        MetricExpr::RangeAgg(r) => {
            // quantile/first/last_over_time shard only when enabled in
            // `shard_aggregations`, which a default Loki does not.
            let sharded = range_shardable(r, top_level)
                && matches!(
                    r.op,
                    RangeOp::CountOverTime
                        | RangeOp::Rate
                        | RangeOp::BytesOverTime
                        | RangeOp::BytesRate
                        | RangeOp::SumOverTime
                        | RangeOp::MaxOverTime
                        | RangeOp::MinOverTime
                        | RangeOp::AvgOverTime
                );
            if sharded {
                roots.insert(expr);
            }
            sharded
        }
        MetricExpr::VectorAgg(a) => {
            // A count-min sketch answers downstream: no series to count.
            if a.op == VectorOp::ApproxTopk {
                return true;
            }
            if vector_shardable(a, top_level) {
                let whole = match a.op {
                    VectorOp::Sum | VectorOp::Avg => true,
                    VectorOp::Min | VectorOp::Max | VectorOp::Count => !reduces_labels(&a.inner),
                    _ => false,
                };
                if whole {
                    roots.insert(expr);
                    return true;
                }
            }
            map(&a.inner, false, roots)
        }
        MetricExpr::LabelReplace(lr) => map(&lr.inner, top_level, roots),
        MetricExpr::Binary(b) => {
            // Each side runs downstream, whole when it does not shard (the
            // frontend itself can only evaluate literals and vectors).
            let mut changed = false;
            for side in [&b.lhs, &b.rhs] {
                if map(side, top_level, roots) {
                    changed = true;
                } else if !matches!(side, MetricExpr::Literal(_) | MetricExpr::Vector(_)) {
                    roots.insert(side);
                    changed = true;
                }
            }
            changed
        }
    }
}

/// Loki's `Shardable(topLevel)` of a sample expression.
fn shardable(expr: &MetricExpr, top_level: bool) -> bool {
    match expr {
        MetricExpr::Literal(_) => true,
        MetricExpr::Vector(_) | MetricExpr::LabelReplace(_) => false,
        MetricExpr::RangeAgg(r) => range_shardable(r, top_level),
        MetricExpr::VectorAgg(a) => vector_shardable(a, top_level),
        MetricExpr::Binary(b) => {
            let relabels = b
                .matching
                .as_ref()
                .is_some_and(|m| m.on || !m.labels.is_empty());
            !relabels
                && matches!(b.op, BinOp::Add | BinOp::Mul)
                && shardable(&b.lhs, top_level)
                && shardable(&b.rhs, top_level)
        }
    }
}

pub(super) fn range_shardable(r: &RangeAgg, top_level: bool) -> bool {
    match r.op {
        RangeOp::QuantileOverTime => top_level,
        RangeOp::AvgOverTime
        | RangeOp::CountOverTime
        | RangeOp::FirstOverTime
        | RangeOp::LastOverTime
        | RangeOp::Rate
        | RangeOp::BytesOverTime
        | RangeOp::BytesRate
        | RangeOp::SumOverTime
        | RangeOp::MaxOverTime
        | RangeOp::MinOverTime => true,
        RangeOp::RateCounter
        | RangeOp::StdvarOverTime
        | RangeOp::StddevOverTime
        | RangeOp::AbsentOverTime => false,
    }
}

pub(super) fn vector_shardable(a: &VectorAgg, top_level: bool) -> bool {
    let op_shards = matches!(
        a.op,
        VectorOp::Sum | VectorOp::Avg | VectorOp::Count | VectorOp::Max | VectorOp::Min
    );
    if !op_shards || !shardable(&a.inner, top_level) {
        return false;
    }
    match a.op {
        // The same value may sit on two shards once labels are reduced.
        VectorOp::Count | VectorOp::Avg => !reduces_labels(&a.inner),
        // The largest per shard is the largest overall only for series
        // that live on one shard: range aggregations.
        VectorOp::Max | VectorOp::Min => {
            matches!(a.inner.as_ref(), MetricExpr::RangeAgg(r) if range_shardable(r, false))
        }
        // A sum of per-shard minima is not a minimum.
        VectorOp::Sum => !matches!(
            a.inner.as_ref(),
            MetricExpr::VectorAgg(c) if matches!(c.op, VectorOp::Min | VectorOp::Max)
        ),
        _ => true,
    }
}

/// Whether anything in `expr` narrows the label sets: a grouping with
/// labels (`by (x)` or `without (x)`), `keep`, `drop`, or a label rename.
pub(super) fn reduces_labels(expr: &MetricExpr) -> bool {
    let groups = |g: &Option<logql::Grouping>| g.as_ref().is_some_and(|g| !g.labels.is_empty());
    match expr {
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => false,
        MetricExpr::RangeAgg(r) => {
            groups(&r.grouping)
                || r.range.log.pipeline.iter().any(|s| match s {
                    Stage::Keep(_) | Stage::Drop(_) => true,
                    Stage::LabelFormat(items) => items
                        .iter()
                        .any(|i| matches!(i, logql::LabelFormatItem::Rename { .. })),
                    _ => false,
                })
        }
        MetricExpr::VectorAgg(a) => groups(&a.grouping) || reduces_labels(&a.inner),
        MetricExpr::LabelReplace(lr) => reduces_labels(&lr.inner),
        MetricExpr::Binary(b) => reduces_labels(&b.lhs) || reduces_labels(&b.rhs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Queries in the printer's canonical form.
    fn canon<const N: usize>(queries: [String; N]) -> Vec<String> {
        queries.iter().map(|q| logql::format(q).unwrap()).collect()
    }

    /// The downstream parts of a query, printed.
    fn downstream(query: &str) -> Vec<String> {
        let logql::Expr::Metric(expr) = logql::parse(query).unwrap() else {
            panic!("a metric query");
        };
        let limit = SeriesLimit::new(&expr, 500);
        let mut out = Vec::new();
        collect(&expr, &limit, &mut out);
        out
    }

    fn collect(expr: &MetricExpr, limit: &SeriesLimit, out: &mut Vec<String>) {
        if limit.is_downstream(expr) {
            out.push(expr.to_string());
        }
        match expr {
            MetricExpr::VectorAgg(a) => collect(&a.inner, limit, out),
            MetricExpr::LabelReplace(l) => collect(&l.inner, limit, out),
            MetricExpr::Binary(b) => {
                collect(&b.lhs, limit, out);
                collect(&b.rhs, limit, out);
            }
            _ => {}
        }
    }

    #[test]
    fn inner_aggregations_that_loki_runs_downstream_are_counted() {
        let s = r#"{job="web"} | json"#;
        // Counting the groups of a grouping: the grouping runs downstream.
        assert_eq!(
            downstream(&format!(
                "count(count by (user) (count_over_time({s} [5m])))"
            )),
            canon([format!("count by (user) (count_over_time({s} [5m]))")])
        );
        // topk does not shard; the averages it picks from do.
        assert_eq!(
            downstream(&format!("topk(3, avg by (path) (rate({s} [5m])))")),
            canon([format!("avg by (path) (rate({s} [5m]))")])
        );
        assert_eq!(
            downstream(&format!("topk(3, rate({s} [5m]))")),
            canon([format!("rate({s} [5m])")])
        );
        // sum over sum, and max over a range aggregation: one series each.
        assert_eq!(
            downstream(&format!("sum(sum by (user) (rate({s} [5m])))")),
            canon([format!("sum(sum by (user) (rate({s} [5m])))")])
        );
        assert_eq!(
            downstream(&format!("max(max_over_time({s} | unwrap n [5m]))")),
            canon([format!("max(max_over_time({s} | unwrap n [5m]))")])
        );
        // max over a grouping must see every group: the grouping goes down.
        assert_eq!(
            downstream(&format!("max(sum by (user) (rate({s} [5m])))")),
            canon([format!("sum by (user) (rate({s} [5m]))")])
        );
    }

    #[test]
    fn unshardable_parts_go_down_whole() {
        let s = r#"{job="web"} | logfmt | unwrap ms"#;
        // Nothing shards: the query is one downstream query.
        let q = format!("max(quantile_over_time(0.9, {s} [5m]))");
        assert_eq!(downstream(&q), canon([q.clone()]));
        let q = format!("topk(2, stddev_over_time({s} [5m]))");
        assert_eq!(downstream(&q), canon([q.clone()]));
        // Each side of a binary operation on its own.
        assert_eq!(
            downstream(&format!(
                "sum(rate({s} [5m])) / max(quantile_over_time(0.9, {s} [5m]))"
            )),
            canon([
                format!("sum(rate({s} [5m]))"),
                format!("max(quantile_over_time(0.9, {s} [5m]))")
            ])
        );
        // A sketch answers approx_topk: nothing is counted below it.
        assert!(downstream(&format!("approx_topk(3, sum by (user) (rate({s} [5m])))")).is_empty());
    }
}
