//! `topk`/`bottomk` of an instant `sum by (…)` of counts, rates or bytes,
//! answered exactly from the table of per-group sums: the groups are never
//! turned into a vector of label sets, only the `k` kept ones are, so
//! millions of groups (IP addresses, user ids) fit the query's memory
//! budget; past it the budget's error points at `approx_topk`.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::groups::GroupKey;
use super::{
    ascending_nan_last, descending_nan_last, pushdown, sums, vector_agg, Evaluator, RangeOut,
    Vector,
};
use crate::EngineError;
use logql::{MetricExpr, VectorAgg, VectorOp};

impl Evaluator<'_> {
    /// The answer of `agg` when it is such a `topk`/`bottomk` at one step;
    /// `None` for any other expression.
    pub(super) fn exact_topk(&self, agg: &VectorAgg) -> Result<Option<Vec<Vector>>, EngineError> {
        if !matches!(agg.op, VectorOp::Topk | VectorOp::Bottomk)
            || agg.grouping.is_some()
            || self.steps.len() != 1
        {
            return Ok(None);
        }
        let MetricExpr::VectorAgg(inner) = agg.inner.as_ref() else {
            return Ok(None);
        };
        let Some((range, grouping)) = pushdown(inner) else {
            return Ok(None);
        };
        let groups = match self.range_agg_out(range, Some(&grouping), true)? {
            RangeOut::Groups(groups) => groups,
            // Not answered by sums (an unwrap, say): what evaluating the
            // inner sum and then `agg` would have done.
            RangeOut::Vectors(vectors) => {
                if self.series.is_downstream(&agg.inner) {
                    self.series.count(&vectors)?;
                }
                return Ok(Some(
                    vectors
                        .into_iter()
                        .map(|v| vector_agg(agg, v, false))
                        .collect(),
                ));
            }
        };
        if self.series.is_downstream(&agg.inner) {
            self.series
                .count_each(groups.iter().map(|(key, _)| key.labels()))?;
        }
        let k = agg.param.unwrap_or(1.0).max(0.0) as usize;
        let order = if agg.op == VectorOp::Bottomk {
            ascending_nan_last
        } else {
            descending_nan_last
        };
        let scale = sums::per_second(range);
        let best = best_k(groups.iter().map(|(key, sum)| (key, scale(sum))), k, order);
        Ok(Some(vec![best
            .into_iter()
            .map(|(key, value)| (key.labels(), value))
            .collect()]))
    }
}

/// A group ranked by `order` (first is best), ties by its labels' bytes.
struct Ranked<'a> {
    key: GroupKey<'a>,
    value: f64,
    order: fn(f64, f64) -> Ordering,
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.order)(self.value, other.value).then_with(|| self.key.cmp(&other.key))
    }
}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked<'_> {}

/// The `k` best groups by `order`, holding no more than `k` at a time.
fn best_k<'a>(
    groups: impl Iterator<Item = (GroupKey<'a>, f64)>,
    k: usize,
    order: fn(f64, f64) -> Ordering,
) -> Vec<(GroupKey<'a>, f64)> {
    if k == 0 {
        return Vec::new();
    }
    // The worst kept group on top, to be replaced by a better one.
    let mut kept: BinaryHeap<Ranked<'a>> = BinaryHeap::new();
    for (key, value) in groups {
        let candidate = Ranked { key, value, order };
        if kept.len() < k {
            kept.push(candidate);
        } else if let Some(mut worst) = kept.peek_mut() {
            if candidate < *worst {
                *worst = candidate;
            }
        }
    }
    kept.into_sorted_vec()
        .into_iter()
        .map(|r| (r.key, r.value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::groups::GroupSums;
    use super::*;
    use crate::source::Labels;

    #[test]
    fn the_k_best_whatever_the_input_order() {
        let mut sums = GroupSums::new();
        let values = [3.0, f64::NAN, 9.0, 1.0, 9.0, 4.0, 0.5, 7.0];
        for (i, v) in values.iter().enumerate() {
            let name = format!("g{i}");
            sums.add([("g", name.as_str())].into_iter(), *v);
        }
        let top: Vec<f64> = best_k(sums.iter(), 3, descending_nan_last)
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(top, vec![9.0, 9.0, 7.0]);
        let bottom: Vec<f64> = best_k(sums.iter(), 2, ascending_nan_last)
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(bottom, vec![0.5, 1.0]);
        // NaN only when too few numbers remain.
        let all = best_k(sums.iter(), 8, descending_nan_last);
        assert!(all.last().is_some_and(|(_, v)| v.is_nan()));
        assert!(best_k(sums.iter(), 0, descending_nan_last).is_empty());
        let labels: Vec<Labels> = best_k(sums.iter(), 1, ascending_nan_last)
            .into_iter()
            .map(|(k, _)| k.labels())
            .collect();
        assert_eq!(labels, vec![Labels::from_pairs([("g", "g6")])]);
    }
}
