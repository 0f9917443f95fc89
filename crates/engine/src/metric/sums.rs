//! An instant `sum by (…)` of counts, rates or bytes, answered with one
//! number per group while extracting: no samples are held, sorted or
//! replayed over steps. At one step the window is exactly the range
//! scanned, and sums of whole numbers (counts, byte lengths) do not depend
//! on the order they are added in, so the answer is the same to the last
//! digit as the general path's.

use std::collections::HashMap;

use super::{pipeline_error, scan, series_bytes, Evaluator, SampleKind, SeriesGrouping, Vector};
use crate::budget::Budget;
use crate::pipeline::{Pipeline, ERROR_LABEL};
use crate::source::Labels;
use crate::EngineError;
use logql::{RangeAgg, RangeOp};

/// Whether [`Evaluator::instant_sums`] answers this range aggregation: a
/// pushed-down sum at one step, of samples that are whole numbers.
pub(super) fn applies(op: RangeOp, kind: SampleKind, steps: usize) -> bool {
    steps == 1
        && kind != SampleKind::Unwrapped
        && matches!(
            op,
            RangeOp::CountOverTime | RangeOp::Rate | RangeOp::BytesOverTime | RangeOp::BytesRate
        )
}

impl Evaluator<'_> {
    pub(super) fn instant_sums(
        &self,
        agg: &RangeAgg,
        chunks: &[scan::Chunk<'_>],
        pipeline: &Pipeline,
        kind: SampleKind,
        grouping: &SeriesGrouping<'_>,
    ) -> Result<Vec<Vector>, EngineError> {
        let parts = scan::parallel(chunks, |chunk| {
            sum_chunk(chunk, pipeline, kind, grouping, self.budget)
        });
        self.budget
            .check(parts.iter().map(HashMap::len).sum::<usize>())?;
        let mut parts = parts.into_iter();
        let mut sums = parts.next().unwrap_or_default();
        for part in parts {
            for (labels, v) in part {
                *sums.entry(labels).or_default() += v;
            }
        }
        // The error labels were kept only to fail here, as Loki does.
        if let Some(labels) = sums.keys().find(|l| l.contains(ERROR_LABEL)) {
            return Err(pipeline_error(labels));
        }
        let seconds = agg.range.range as f64 / 1e9;
        let per_second = matches!(agg.op, RangeOp::Rate | RangeOp::BytesRate);
        // In no particular order: the enclosing `sum` regroups them.
        let out: Vector = sums
            .into_iter()
            .map(|(labels, sum)| (labels, if per_second { sum / seconds } else { sum }))
            .collect();
        Ok(vec![out])
    }
}

/// One chunk's sums per group.
fn sum_chunk(
    chunk: &scan::Chunk<'_>,
    pipeline: &Pipeline,
    kind: SampleKind,
    grouping: &SeriesGrouping<'_>,
    budget: &Budget,
) -> HashMap<Labels, f64> {
    let stream = chunk.stream;
    let mut sums: HashMap<Labels, f64> = HashMap::new();
    if pipeline.is_line_filter_only() && !stream.has_metadata() {
        // Labels cannot change: one group, no per-line label work.
        let mut total = 0.0;
        let mut any = false;
        scan::raw_matches(chunk, pipeline, |i| {
            total += match kind {
                SampleKind::Bytes => stream.line_len(i) as f64,
                _ => 1.0,
            };
            any = true;
            true
        });
        if any {
            let mut labels = stream.labels.clone();
            grouping.apply(&mut labels);
            sums.insert(labels, total);
        }
        return sums;
    }
    let mut meter = budget.meter();
    scan::rows(chunk, pipeline, |_, row| {
        let value = match kind {
            SampleKind::Bytes => row.line.len() as f64,
            _ => 1.0,
        };
        let labels = &mut row.labels;
        grouping.apply(labels);
        match sums.get_mut(labels) {
            Some(sum) => {
                *sum += value;
                true
            }
            None => {
                let bytes = series_bytes(labels);
                sums.insert(labels.clone(), value);
                meter.charge(bytes)
            }
        }
    });
    sums
}
