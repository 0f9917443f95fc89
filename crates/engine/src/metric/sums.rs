//! An instant `sum by (…)` of counts, rates or bytes, answered with one
//! number per group while extracting: no samples are held, sorted or
//! replayed over steps. At one step the window is exactly the range
//! scanned, and sums of whole numbers (counts, byte lengths) do not depend
//! on the order they are added in, so the answer is the same to the last
//! digit as the general path's. Groups are held compactly (see
//! [`GroupSums`]), so millions of them fit a query's memory budget.

use super::groups::GroupSums;
use super::{pipeline_error, scan, Evaluator, SampleKind, SeriesGrouping, Vector};
use crate::budget::Budget;
use crate::pipeline::{Pipeline, ERROR_LABEL};
use crate::EngineError;
use logql::{RangeAgg, RangeOp};

/// Whether [`Evaluator::group_sums`] answers this range aggregation: a
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
    /// Every group's sum over the chunks, one table per thread merged in
    /// chunk order; fails on a pipeline error as Loki does.
    pub(super) fn group_sums(
        &self,
        chunks: &[scan::Chunk<'_>],
        pipeline: &Pipeline,
        kind: SampleKind,
        grouping: &SeriesGrouping<'_>,
    ) -> Result<GroupSums, EngineError> {
        let parts = scan::parallel(chunks, |chunk| {
            sum_chunk(chunk, pipeline, kind, grouping, self.budget)
        });
        self.budget
            .check(parts.iter().map(GroupSums::len).sum::<usize>())?;
        let mut parts = parts.into_iter();
        let mut sums = parts.next().unwrap_or_else(GroupSums::new);
        for part in parts {
            sums.merge(part);
        }
        // The error labels were kept only to fail here, as Loki does.
        let error = memchr::memmem::Finder::new(ERROR_LABEL);
        if let Some((key, _)) = sums.iter().find(|(k, _)| k.has_found(&error)) {
            return Err(pipeline_error(&key.labels()));
        }
        Ok(sums)
    }
}

/// The sums as an instant vector, in the order of their labels (see
/// [`GroupSums::into_sorted_labels`]): an instant answer's final sort by
/// labels then finds them in order.
pub(super) fn to_vectors(agg: &RangeAgg, sums: GroupSums) -> Vec<Vector> {
    let scale = per_second(agg);
    let mut vector = sums.into_sorted_labels();
    for (_, sum) in &mut vector {
        *sum = scale(*sum);
    }
    vec![vector]
}

/// Turns a window's sum into the aggregation's value (rates per second).
pub(super) fn per_second(agg: &RangeAgg) -> impl Fn(f64) -> f64 {
    let seconds = agg.range.range as f64 / 1e9;
    let rate = matches!(agg.op, RangeOp::Rate | RangeOp::BytesRate);
    move |sum| if rate { sum / seconds } else { sum }
}

/// One chunk's sums per group.
fn sum_chunk(
    chunk: &scan::Chunk<'_>,
    pipeline: &Pipeline,
    kind: SampleKind,
    grouping: &SeriesGrouping<'_>,
    budget: &Budget,
) -> GroupSums {
    let stream = chunk.stream;
    let mut sums = GroupSums::new();
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
            sums.add(
                stream.labels.iter().filter(|(k, _)| grouping.keeps(k)),
                total,
            );
        }
        return sums;
    }
    let mut meter = budget.meter();
    scan::rows(chunk, pipeline, |_, row| {
        let value = match kind {
            SampleKind::Bytes => row.line.len() as f64,
            _ => 1.0,
        };
        let held = sums.add(row.labels.iter().filter(|(k, _)| grouping.keeps(k)), value);
        held == 0 || meter.charge(held)
    });
    sums
}
