//! A vector `avg` as Loki's query frontend evaluates it: where the shard
//! mapping sends it downstream whole, `avg(x)` becomes `sum(x) / count(x)`
//! (pkg/logql/shardmapper.go, `OpTypeAvg`), so the last digits are a
//! quotient's rather than a running mean's. The walk follows the same
//! rules as [`super::limit`] for which parts the mapping reaches.
//!
//! Loki 3.7.4 also rewrote a grouped `avg_over_time` as a sum over a count
//! of every line, those without the unwrapped value included
//! (grafana/loki#23890); that bug is fixed upstream (#23906), and the
//! engine keeps the true average.

use std::collections::HashSet;

use super::limit::{reduces_labels, vector_shardable};
use logql::{MetricExpr, VectorAgg, VectorOp};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
