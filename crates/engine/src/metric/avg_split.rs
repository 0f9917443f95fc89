//! A grouped `avg_over_time` as Loki's query frontend evaluates it.
//!
//! Where the frontend's shard mapping reaches a grouped `avg_over_time`
//! (`by (…)`, `by ()`, `without (labels)`, or a pipeline that narrows the
//! labels), it rewrites it as
//! `sum by (g) (sum_over_time(… | unwrap x)) / sum by (g) (count_over_time(…))`,
//! the count taken on the same pipeline with the unwrap removed (Loki 3.x,
//! pkg/logql/shardmapper.go, the `OpRangeTypeAvg` case; it does so whatever
//! the number of shards). So lines that lack the unwrapped label, or that
//! its post-filters drop, still count in the denominator, and the value is a
//! quotient rather than a running mean. An ungrouped `avg_over_time` is left
//! as it is. The walk follows the same rules as [`super::limit`] for which
//! parts the mapping reaches.

use std::collections::HashSet;

use super::limit::{range_shardable, reduces_labels, vector_shardable};
use logql::{
    BinOp, BinaryExpr, Grouping, LogRange, MetricExpr, RangeAgg, RangeOp, VectorAgg, VectorOp,
};

/// The `avg` aggregations the frontend evaluates as `sum(…) / count(…)`:
/// those it sends downstream whole (`avg(x)` becomes
/// `sum(x) / count(x)`, pkg/logql/shardmapper.go, `OpTypeAvg`), so their
/// value is a quotient rather than Loki's running mean. Addresses of nodes
/// of `expr`, which must not move while the set is used.
pub(super) fn quotient_averages(expr: &MetricExpr) -> HashSet<*const MetricExpr> {
    fn walk(expr: &MetricExpr, top_level: bool, out: &mut HashSet<*const MetricExpr>) {
        match expr {
            MetricExpr::Literal(_) | MetricExpr::Vector(_) | MetricExpr::RangeAgg(_) => {}
            MetricExpr::VectorAgg(a) => {
                if a.op == VectorOp::ApproxTopk {
                    return;
                }
                if vector_shardable(a, top_level) {
                    if a.op == VectorOp::Avg {
                        out.insert(expr);
                    }
                    if sent_whole(a) {
                        return;
                    }
                }
                walk(&a.inner, false, out);
            }
            MetricExpr::LabelReplace(lr) => walk(&lr.inner, top_level, out),
            MetricExpr::Binary(b) => {
                walk(&b.lhs, top_level, out);
                walk(&b.rhs, top_level, out);
            }
        }
    }
    let mut out = HashSet::new();
    walk(expr, true, &mut out);
    out
}

/// Whether a shardable vector aggregation goes downstream whole, so that
/// nothing below it is mapped.
fn sent_whole(a: &VectorAgg) -> bool {
    match a.op {
        VectorOp::Sum | VectorOp::Avg => true,
        VectorOp::Min | VectorOp::Max | VectorOp::Count => !reduces_labels(&a.inner),
        _ => false,
    }
}

/// `expr` with every grouped `avg_over_time` the mapping reaches split in two.
pub(super) fn split_grouped_averages(expr: &MetricExpr) -> MetricExpr {
    let mut out = expr.clone();
    visit(&mut out, true);
    out
}

fn visit(expr: &mut MetricExpr, top_level: bool) {
    match expr {
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => {}
        MetricExpr::RangeAgg(r) => {
            if r.op == RangeOp::AvgOverTime && range_shardable(r, top_level) && is_grouped(expr) {
                if let MetricExpr::RangeAgg(r) = expr {
                    *expr = split(r);
                }
            }
        }
        MetricExpr::VectorAgg(a) => {
            if a.op == VectorOp::ApproxTopk {
                return;
            }
            // A vector aggregation the frontend sends downstream whole is
            // evaluated there as written: nothing below it is rewritten.
            if vector_shardable(a, top_level) && sent_whole(a) {
                return;
            }
            visit(&mut a.inner, false);
        }
        MetricExpr::LabelReplace(lr) => visit(&mut lr.inner, top_level),
        MetricExpr::Binary(b) => {
            visit(&mut b.lhs, top_level);
            visit(&mut b.rhs, top_level);
        }
    }
}

/// Loki leaves the range aggregation alone when it has no grouping, or
/// `without ()`, and nothing in it narrows the labels.
fn is_grouped(expr: &MetricExpr) -> bool {
    let MetricExpr::RangeAgg(r) = expr else {
        return false;
    };
    let noop = r
        .grouping
        .as_ref()
        .is_none_or(|g| g.without && g.labels.is_empty());
    !noop || reduces_labels(expr)
}

fn split(r: &RangeAgg) -> MetricExpr {
    // A range aggregation without grouping keeps every label but the
    // unwrapped one: `without ()` on the sums, `without (x)` on the counts.
    let grouping = r.grouping.clone().unwrap_or(Grouping {
        without: true,
        labels: Vec::new(),
    });
    let mut count_grouping = grouping.clone();
    if count_grouping.without {
        if let Some(u) = &r.range.unwrap {
            count_grouping.labels.push(u.label.clone());
        }
    }
    let summed = |op: RangeOp, range: LogRange, grouping: Grouping| {
        MetricExpr::VectorAgg(VectorAgg {
            op: VectorOp::Sum,
            param: None,
            inner: Box::new(MetricExpr::RangeAgg(RangeAgg {
                op,
                param: None,
                range,
                grouping: None,
            })),
            grouping: Some(grouping),
        })
    };
    let sums = summed(RangeOp::SumOverTime, r.range.clone(), grouping);
    let counts = summed(
        RangeOp::CountOverTime,
        LogRange {
            unwrap: None,
            ..r.range.clone()
        },
        count_grouping,
    );
    MetricExpr::Binary(Box::new(BinaryExpr {
        op: BinOp::Div,
        lhs: sums,
        rhs: counts,
        return_bool: false,
        matching: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(query: &str) -> String {
        let logql::Expr::Metric(expr) = logql::parse(query).unwrap() else {
            panic!("a metric query");
        };
        split_grouped_averages(&expr).to_string()
    }

    fn canon(query: &str) -> String {
        logql::format(query).unwrap()
    }

    #[test]
    fn grouped_averages_become_a_sum_over_a_count() {
        let s = r#"{job="web"} | logfmt"#;
        assert_eq!(
            split_text(&format!("avg_over_time({s} | unwrap ms [5m]) by (host)")),
            canon(&format!(
                "sum by (host) (sum_over_time({s} | unwrap ms [5m])) / sum by (host) (count_over_time({s} [5m]))"
            ))
        );
        // `without` leaves the unwrapped label out of the counts too.
        assert_eq!(
            split_text(&format!("avg_over_time({s} | unwrap ms [5m]) without (pod)")),
            canon(&format!(
                "sum without (pod) (sum_over_time({s} | unwrap ms [5m])) / sum without (pod, ms) (count_over_time({s} [5m]))"
            ))
        );
        // Reached through a vector aggregation that is not sent down whole.
        assert_eq!(
            split_text(&format!("topk(2, avg_over_time({s} | unwrap ms [5m]) by (host))")),
            canon(&format!(
                "topk(2, sum by (host) (sum_over_time({s} | unwrap ms [5m])) / sum by (host) (count_over_time({s} [5m])))"
            ))
        );
    }

    #[test]
    fn averages_sent_downstream_whole_are_quotients() {
        let count = |query: &str| {
            let logql::Expr::Metric(expr) = logql::parse(query).unwrap() else {
                panic!("a metric query");
            };
            quotient_averages(&expr).len()
        };
        let r = r#"rate({job="web"} | logfmt [5m])"#;
        assert_eq!(count(&format!("avg by (host) ({r})")), 1);
        assert_eq!(count(&format!("avg({r}) / avg({r})")), 2);
        // Not shardable: a grouping below reduces the labels.
        assert_eq!(count(&format!("avg(sum by (host) ({r}))")), 0);
        // Below a sum that goes down whole, nothing is mapped.
        assert_eq!(count(&format!("sum(avg by (host) ({r}))")), 0);
    }

    #[test]
    fn ungrouped_or_unreached_averages_stay() {
        let s = r#"{job="web"} | logfmt | unwrap ms"#;
        for q in [
            format!("avg_over_time({s} [5m])"),
            format!("avg_over_time({s} [5m]) without ()"),
            // The sum goes downstream whole, average and all.
            format!("sum by (host) (avg_over_time({s} [5m]) by (host))"),
        ] {
            assert_eq!(split_text(&q), canon(&q), "{q}");
        }
    }
}
