//! `approx_topk(k, sum by (…) (count_over_time(…)))` in fixed memory: the
//! summed value of each group goes into a count-min sketch, and only the
//! groups whose estimate may still reach the top are kept as candidates.
//! However many distinct groups there are (millions of IPs), a query holds
//! a few MiB. Estimates never undercount; they overcount by at most a small
//! share of the total (see [`WIDTH`]). Instant queries only, as in Loki;
//! other forms of `approx_topk` are answered exactly.

use std::collections::HashMap;

use super::{
    pipeline_error, scan, unwrap_value, CompiledUnwrap, Evaluator, SampleKind, SeriesGrouping,
    Vector,
};
use crate::pipeline::{compile_selector, Pipeline, ERROR_LABEL};
use crate::source::Labels;
use crate::EngineError;
use logql::{Grouping, RangeAgg, RangeOp};

/// Counters per row of the sketch: the overcount is at most about
/// `e / WIDTH` of the total with probability `1 - e^-DEPTH`.
const WIDTH: usize = 1 << 16;
const DEPTH: usize = 4;

/// A count-min sketch of per-group sums.
struct Sketch {
    cells: Vec<f64>,
}

impl Sketch {
    fn new() -> Sketch {
        Sketch {
            cells: vec![0.0; WIDTH * DEPTH],
        }
    }

    /// Cell of row `row` for a key hash (double hashing from one 64-bit hash).
    fn cell(row: usize, hash: u64) -> usize {
        let (h1, h2) = (hash as u32 as u64, (hash >> 32) | 1);
        row * WIDTH + (h1.wrapping_add(h2.wrapping_mul(row as u64)) as usize % WIDTH)
    }

    fn add(&mut self, hash: u64, value: f64) {
        for row in 0..DEPTH {
            self.cells[Self::cell(row, hash)] += value;
        }
    }

    fn estimate(&self, hash: u64) -> f64 {
        (0..DEPTH)
            .map(|row| self.cells[Self::cell(row, hash)])
            .fold(f64::INFINITY, f64::min)
    }

    fn merge(&mut self, other: &Sketch) {
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            *a += b;
        }
    }
}

/// Groups that may be in the top: admitted while there is room or while
/// their estimate reaches the threshold of the last pruning.
struct Candidates {
    keep: usize,
    groups: HashMap<u64, Labels>,
    threshold: f64,
}

impl Candidates {
    fn new(k: usize) -> Candidates {
        Candidates {
            keep: (k * 8).max(256),
            groups: HashMap::new(),
            threshold: f64::NEG_INFINITY,
        }
    }

    fn offer(
        &mut self,
        hash: u64,
        estimate: f64,
        labels: impl FnOnce() -> Labels,
        sketch: &Sketch,
    ) {
        if self.groups.contains_key(&hash) || estimate < self.threshold {
            return;
        }
        self.groups.insert(hash, labels());
        if self.groups.len() >= 2 * self.keep {
            self.prune(sketch);
        }
    }

    /// Keep the `keep` best by current estimate; later groups must reach
    /// the smallest of them.
    fn prune(&mut self, sketch: &Sketch) {
        let mut ranked: Vec<(f64, u64)> = self
            .groups
            .keys()
            .map(|&h| (sketch.estimate(h), h))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.truncate(self.keep);
        self.threshold = ranked.last().map_or(f64::NEG_INFINITY, |r| r.0);
        let kept: std::collections::HashSet<u64> = ranked.iter().map(|r| r.1).collect();
        self.groups.retain(|h, _| kept.contains(h));
    }
}

/// FNV-1a over the grouped labels' names and values.
fn group_hash<'l>(pairs: impl Iterator<Item = (&'l str, &'l str)>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, v) in pairs {
        for b in k.bytes().chain([0xff]).chain(v.bytes()).chain([0xfe]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Evaluator<'_> {
    /// The `k` largest groups of `sum by (grouping) (range)` at the one
    /// step of an instant query, from a sketch.
    pub(super) fn approx_topk(
        &self,
        k: usize,
        range: &RangeAgg,
        grouping: &Grouping,
    ) -> Result<Vec<Vector>, EngineError> {
        let [t] = self.steps else {
            return Err(EngineError::BadQuery(
                "approx_topk is only supported for instant queries".into(),
            ));
        };
        let lr = &range.range;
        let selector = compile_selector(&lr.log.selector)?;
        let unwrap = lr.unwrap.as_ref().map(CompiledUnwrap::new).transpose()?;
        let pipeline = Pipeline::compile(&lr.log)?.with_hints(super::label_hints(
            &lr.log,
            lr.unwrap.as_ref(),
            Some(grouping),
        ));
        let hi = t.saturating_sub(lr.offset);
        let lo = hi.saturating_sub(lr.range);
        let chunks = scan::chunks(
            self.store,
            &selector,
            lo.saturating_add(1),
            hi.saturating_add(1),
        );
        let kind = SampleKind::of(range.op, unwrap.as_ref());
        let grouper = SeriesGrouping {
            grouping,
            keep_errors: true,
        };
        let parts = scan::parallel(&chunks, |chunk| {
            let mut sketch = Sketch::new();
            let mut candidates = Candidates::new(k);
            let mut error: Option<Labels> = None;
            scan::rows(chunk, &pipeline, |_, row| {
                let value = match (kind, unwrap.as_ref()) {
                    (SampleKind::Unwrapped, Some(u)) => {
                        match unwrap_value(u, row, !grouping.without) {
                            Some(v) => v,
                            None => return true,
                        }
                    }
                    (SampleKind::Bytes, _) => row.line.len() as f64,
                    _ => 1.0,
                };
                grouper.apply_row(row);
                let labels = &row.labels;
                if labels.contains(ERROR_LABEL) {
                    error = Some(labels.clone());
                    return false;
                }
                let hash = group_hash(labels.iter());
                sketch.add(hash, value);
                let estimate = sketch.estimate(hash);
                candidates.offer(hash, estimate, || labels.clone(), &sketch);
                true
            });
            (sketch, candidates, error)
        });
        let mut merged = Sketch::new();
        let mut groups: HashMap<u64, Labels> = HashMap::new();
        for (sketch, candidates, error) in parts {
            if let Some(labels) = error {
                return Err(pipeline_error(&labels));
            }
            merged.merge(&sketch);
            groups.extend(candidates.groups);
        }
        let seconds = lr.range as f64 / 1e9;
        let mut top: Vec<(Labels, f64)> = groups
            .into_iter()
            .map(|(h, labels)| {
                let sum = merged.estimate(h);
                let value = match range.op {
                    RangeOp::Rate | RangeOp::BytesRate => sum / seconds,
                    _ => sum,
                };
                (labels, value)
            })
            .collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top.truncate(k);
        Ok(vec![top])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_never_undercounts_and_merges() {
        let mut a = Sketch::new();
        let mut b = Sketch::new();
        for i in 0..50_000u64 {
            a.add(
                group_hash([("ip", i.to_string().as_str())].into_iter()),
                1.0,
            );
        }
        let heavy = group_hash([("ip", "heavy")].into_iter());
        for _ in 0..1000 {
            b.add(heavy, 1.0);
        }
        a.merge(&b);
        let est = a.estimate(heavy);
        assert!((1000.0..1000.0 + 0.01 * 51_000.0).contains(&est), "{est}");
    }
}
