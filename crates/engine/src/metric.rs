//! Metric queries, evaluated step by step the way Loki's engine does:
//! every step `t` sees the window `(t - offset - range, t - offset]`.

use std::collections::HashMap;

use super::budget::Budget;
use super::pipeline::{
    compile_filter, compile_selector, filter_row, CompiledFilter, Pipeline, Row,
    ERROR_DETAILS_LABEL, ERROR_LABEL,
};
use super::scan::{self, Chunk};
use super::{values, EngineError, Limits, Store};
use crate::source::{Labels, Point, QueryResult, Sample, Series};
use logql::{
    Conversion, Grouping, LabelReplace, MatchOp, MetricExpr, RangeAgg, RangeOp, Unwrap, VectorAgg,
    VectorOp,
};

mod approx;
mod avg_split;
mod binary;
mod groups;
mod limit;
mod range_fn;
mod sums;
mod topk;

use limit::SeriesLimit;

/// One step's samples.
pub(super) type Vector = Vec<(Labels, f64)>;

/// A value per step: a scalar, or a vector.
enum Value {
    Scalar(Vec<f64>),
    Vector(Vec<Vector>),
}

pub struct Output {
    steps: Vec<i64>,
    value: Value,
}

pub fn evaluate(
    store: &Store,
    expr: &MetricExpr,
    steps: &[i64],
    limits: Limits,
) -> Result<Output, EngineError> {
    let budget = Budget::new(limits.max_query_bytes);
    let series = SeriesLimit::new(expr, limits.max_series);
    let quotients = avg_split::quotient_averages(expr);
    let value = Evaluator {
        store,
        steps,
        budget: &budget,
        series: &series,
        quotients: &quotients,
    }
    .eval(expr)?;
    if let Value::Vector(vectors) = &value {
        check_series(vectors, limits.max_series)?;
    }
    Ok(Output {
        steps: steps.to_vec(),
        value,
    })
}

/// Loki's series limit on the result, over all the steps of a vector.
fn check_series(vectors: &[Vector], max_series: usize) -> Result<(), EngineError> {
    // No more samples than the limit: no more series either.
    if vectors.iter().map(Vec::len).sum::<usize>() <= max_series {
        return Ok(());
    }
    let mut seen: foldhash::HashSet<&Labels> = foldhash::HashSet::default();
    for (labels, _) in vectors.iter().flatten() {
        seen.insert(labels);
        if seen.len() > max_series {
            return Err(limit::exceeded(max_series));
        }
    }
    Ok(())
}

fn to_ms(ns: i64) -> i64 {
    ns.div_euclid(1_000_000)
}

impl Output {
    /// A range query's answer: series sorted by labels.
    pub fn into_matrix(self) -> QueryResult {
        let mut series: HashMap<Labels, Vec<Point>> = HashMap::new();
        match self.value {
            Value::Scalar(values) => {
                let points = self
                    .steps
                    .iter()
                    .zip(values)
                    .map(|(&t, value)| Point {
                        ts_ms: to_ms(t),
                        value,
                    })
                    .collect();
                series.insert(Labels::new(), points);
            }
            Value::Vector(vectors) => {
                for (&t, vector) in self.steps.iter().zip(vectors) {
                    for (labels, value) in vector {
                        series.entry(labels).or_default().push(Point {
                            ts_ms: to_ms(t),
                            value,
                        });
                    }
                }
            }
        }
        let mut out: Vec<Series> = series
            .into_iter()
            .map(|(labels, points)| Series { labels, points })
            .collect();
        out.sort_by(|a, b| a.labels.cmp(&b.labels));
        QueryResult::Matrix(out)
    }

    /// An instant query's answer: a scalar, or a vector sorted by labels
    /// unless the query itself sorts.
    pub fn into_instant(self, expr: &MetricExpr) -> QueryResult {
        let t = to_ms(self.steps[0]);
        match self.value {
            Value::Scalar(v) => QueryResult::Scalar(Point {
                ts_ms: t,
                value: v[0],
            }),
            Value::Vector(mut vectors) => {
                let mut vector = vectors.swap_remove(0);
                if !sorts_anywhere(expr) {
                    vector.sort_by(|a, b| a.0.cmp(&b.0));
                }
                QueryResult::Vector(
                    vector
                        .into_iter()
                        .map(|(labels, value)| Sample {
                            labels,
                            point: Point { ts_ms: t, value },
                        })
                        .collect(),
                )
            }
        }
    }
}

/// Loki keeps an instant vector in value order when a `sort`/`sort_desc`
/// appears anywhere in the query, not only at the top.
fn sorts_anywhere(expr: &MetricExpr) -> bool {
    match expr {
        MetricExpr::VectorAgg(a) => {
            matches!(a.op, VectorOp::Sort | VectorOp::SortDesc) || sorts_anywhere(&a.inner)
        }
        MetricExpr::Binary(b) => sorts_anywhere(&b.lhs) || sorts_anywhere(&b.rhs),
        MetricExpr::LabelReplace(l) => sorts_anywhere(&l.inner),
        MetricExpr::RangeAgg(_) | MetricExpr::Literal(_) | MetricExpr::Vector(_) => false,
    }
}

struct Evaluator<'a> {
    store: &'a Store,
    steps: &'a [i64],
    budget: &'a Budget,
    /// Loki's series limit, counted on the parts Loki runs downstream.
    series: &'a SeriesLimit,
    /// The `avg` nodes Loki evaluates as a sum over a count.
    quotients: &'a std::collections::HashSet<*const MetricExpr>,
}

impl Evaluator<'_> {
    fn eval(&self, expr: &MetricExpr) -> Result<Value, EngineError> {
        let value = self.eval_node(expr)?;
        if let Value::Vector(vectors) = &value {
            if self.series.is_downstream(expr) {
                self.series.count(vectors)?;
            }
        }
        Ok(value)
    }

    fn eval_node(&self, expr: &MetricExpr) -> Result<Value, EngineError> {
        Ok(match expr {
            MetricExpr::Literal(v) => Value::Scalar(vec![*v; self.steps.len()]),
            MetricExpr::Vector(v) => {
                Value::Vector(vec![vec![(Labels::new(), *v)]; self.steps.len()])
            }
            MetricExpr::RangeAgg(agg) => Value::Vector(self.range_agg(agg, None)?),
            MetricExpr::VectorAgg(agg) => {
                if let Some((k, range, grouping)) = approximable(agg, self.steps.len()) {
                    return Ok(Value::Vector(self.approx_topk(k, range, &grouping)?));
                }
                if let Some(top) = self.exact_topk(agg)? {
                    return Ok(Value::Vector(top));
                }
                if let Some((range, grouping)) = pushdown(agg) {
                    // Grouped while extracting: each step already holds one
                    // sum per group, so the sum itself has nothing to add.
                    return Ok(Value::Vector(
                        match self.range_agg_out(range, Some(&grouping), true)? {
                            RangeOut::Vectors(v) => v,
                            RangeOut::Groups(groups) => {
                                // More groups than the series limit fail
                                // before any is turned into labels.
                                if self.series.is_downstream(expr) {
                                    self.series.check_at_most(groups.len())?;
                                }
                                sums::to_vectors(range, groups)
                            }
                        },
                    ));
                }
                let inner = self.eval_vector(&agg.inner)?;
                let quotient = self.quotients.contains(&(expr as *const MetricExpr));
                Value::Vector(
                    inner
                        .into_iter()
                        .map(|v| vector_agg(agg, v, quotient))
                        .collect(),
                )
            }
            MetricExpr::LabelReplace(lr) => {
                let inner = self.eval_vector(&lr.inner)?;
                let re = logql::regex_check::compile_anchored(&lr.regex)
                    .map_err(|e| EngineError::BadQuery(e.to_string()))?;
                Value::Vector(
                    inner
                        .into_iter()
                        .map(|v| label_replace(lr, &re, v))
                        .collect(),
                )
            }
            MetricExpr::Binary(b) => {
                let lhs = self.eval(&b.lhs)?;
                let rhs = self.eval(&b.rhs)?;
                binary::apply(b, lhs, rhs)?
            }
        })
    }

    fn eval_vector(&self, expr: &MetricExpr) -> Result<Vec<Vector>, EngineError> {
        match self.eval(expr)? {
            Value::Vector(v) => Ok(v),
            // The parser refuses aggregations over scalars; a scalar here
            // is an evaluator bug, reported rather than panicking.
            Value::Scalar(_) => Err(EngineError::BadQuery(
                "expected a vector expression, found a scalar".into(),
            )),
        }
    }

    /// `pushed`: grouping applied while extracting samples, on behalf of an
    /// enclosing `sum` (see [`pushdown`]).
    fn range_agg(
        &self,
        agg: &RangeAgg,
        pushed: Option<&Grouping>,
    ) -> Result<Vec<Vector>, EngineError> {
        match self.range_agg_out(agg, pushed, false)? {
            RangeOut::Vectors(v) => Ok(v),
            RangeOut::Groups(groups) => Ok(sums::to_vectors(agg, groups)),
        }
    }

    /// [`Evaluator::range_agg`]; with `groups`, an instant pushed-down sum
    /// is answered as its table of sums, for a caller that reads only a
    /// few of them.
    fn range_agg_out(
        &self,
        agg: &RangeAgg,
        pushed: Option<&Grouping>,
        groups: bool,
    ) -> Result<RangeOut, EngineError> {
        let lr = &agg.range;
        let selector = compile_selector(&lr.log.selector)?;
        let unwrap = lr.unwrap.as_ref().map(CompiledUnwrap::new).transpose()?;
        // With no labels left to tell series apart (a plain `sum` pushed
        // down, or absent_over_time) and none read by the pipeline, Loki
        // does not run the label parsers at all, so they cannot fail.
        let singleton = match pushed.or(agg.grouping.as_ref()) {
            Some(g) => !g.without && g.labels.is_empty(),
            None => false,
        };
        let no_labels = (singleton || agg.op == RangeOp::AbsentOverTime)
            && unwrap.is_none()
            && !reads_labels(&lr.log);
        let pipeline = Pipeline::compile_with(&lr.log, no_labels)?.with_hints(label_hints(
            &lr.log,
            lr.unwrap.as_ref(),
            pushed.or(agg.grouping.as_ref()),
        ));
        let (Some(&first), Some(&last)) = (self.steps.first(), self.steps.last()) else {
            return Ok(RangeOut::Vectors(Vec::new()));
        };
        // Entries with first - offset - range < ts <= last - offset.
        let lo = first.saturating_sub(lr.offset).saturating_sub(lr.range);
        let hi = last.saturating_sub(lr.offset);
        let chunks = scan::chunks(
            self.store,
            &selector,
            lo.saturating_add(1),
            hi.saturating_add(1),
        );
        let kind = SampleKind::of(agg.op, unwrap.as_ref());
        let grouping = match (pushed, &agg.grouping) {
            (Some(g), _) => Some(SeriesGrouping {
                grouping: g,
                keep_errors: true,
            }),
            (None, Some(g)) => Some(SeriesGrouping {
                grouping: g,
                keep_errors: false,
            }),
            (None, None) => None,
        };
        let grouping = grouping.as_ref();
        if let Some(g) = grouping.filter(|_| pushed.is_some()) {
            if sums::applies(agg.op, kind, self.steps.len()) {
                let sums = self.group_sums(&chunks, &pipeline, kind, g)?;
                if groups {
                    return Ok(RangeOut::Groups(sums));
                }
                return Ok(RangeOut::Vectors(sums::to_vectors(agg, sums)));
            }
        }
        let parts = scan::parallel(&chunks, |chunk| {
            extract(
                chunk,
                &pipeline,
                kind,
                unwrap.as_ref(),
                grouping,
                self.budget,
            )
        });
        self.budget
            .check(parts.iter().map(Vec::len).sum::<usize>())?;
        let mut series: HashMap<Labels, Vec<(i64, f64)>> = HashMap::new();
        for part in parts {
            for (labels, samples) in part {
                series.entry(labels).or_default().extend(samples);
            }
        }
        for (labels, samples) in series.iter_mut() {
            if labels.contains(ERROR_LABEL) {
                return Err(pipeline_error(labels));
            }
            if !samples.is_sorted_by_key(|s| s.0) {
                samples.sort_by_key(|s| s.0);
            }
        }
        if pushed.is_some() {
            // The error labels were kept only for the check above.
            series = regroup_without_errors(series);
        }

        let mut out: Vec<Vector> = vec![Vec::new(); self.steps.len()];
        let mut ordered: Vec<(Labels, Vec<(i64, f64)>)> = series.into_iter().collect();
        ordered.sort_by(|a, b| a.0.cmp(&b.0));
        let mut meter = self.budget.meter();
        for (labels, samples) in &ordered {
            let mut start = 0;
            let mut end = 0;
            for (step, &t) in self.steps.iter().enumerate() {
                let window_end = t.saturating_sub(lr.offset);
                let window_start = window_end.saturating_sub(lr.range);
                while start < samples.len() && samples[start].0 <= window_start {
                    start += 1;
                }
                end = end.max(start);
                while end < samples.len() && samples[end].0 <= window_end {
                    end += 1;
                }
                let window = &samples[start..end];
                if window.is_empty() {
                    continue;
                }
                if let Some(v) = range_fn::apply(agg.op, agg.param, window, lr.range) {
                    // Each step holds its own copy of the labels.
                    if !meter.charge(16 + labels.heap_bytes()) {
                        drop(meter);
                        return Err(self.budget.check(ordered.len()).unwrap_err());
                    }
                    out[step].push((labels.clone(), v));
                }
            }
        }
        if agg.op == RangeOp::AbsentOverTime {
            return Ok(RangeOut::Vectors(absent(&out, &lr.log.selector)));
        }
        Ok(RangeOut::Vectors(out))
    }
}

/// A range aggregation's answer: its vectors, or (instant sums asked for
/// as such) the table of one sum per group.
enum RangeOut {
    Vectors(Vec<Vector>),
    Groups(groups::GroupSums),
}

/// The labels a metric query needs from its parsers: those it groups by
/// (`by` only), filters on and unwraps. `None` (all) when anything else
/// could read labels: templates, drop/keep, `without`, no grouping.
fn label_hints(
    log: &logql::LogExpr,
    unwrap: Option<&Unwrap>,
    grouping: Option<&Grouping>,
) -> Option<Vec<String>> {
    use logql::Stage;
    let g = grouping.filter(|g| !g.without)?;
    let mut names = g.labels.clone();
    for stage in &log.pipeline {
        match stage {
            Stage::LabelFilter(f) => names.extend(f.names().into_iter().map(str::to_string)),
            Stage::LineFormat(_) | Stage::LabelFormat(_) | Stage::Drop(_) | Stage::Keep(_) => {
                return None
            }
            _ => {}
        }
    }
    if let Some(u) = unwrap {
        names.push(u.label.clone());
        for f in &u.post_filters {
            names.extend(f.names().into_iter().map(str::to_string));
        }
    }
    Some(names)
}

/// Whether a pipeline filters on or formats with labels.
fn reads_labels(log: &logql::LogExpr) -> bool {
    use logql::Stage;
    log.pipeline.iter().any(|s| {
        matches!(
            s,
            Stage::LabelFilter(_) | Stage::LineFormat(_) | Stage::LabelFormat(_)
        )
    })
}

/// `absent_over_time`: 1 at the steps where nothing matched, labelled with
/// the selector's equality matchers; a name matched twice (or also by
/// another operator) is left out, as Prometheus' `absent` does.
fn absent(present: &[Vector], selector: &[logql::Matcher]) -> Vec<Vector> {
    let mut labels = Labels::new();
    let mut seen: Vec<&str> = Vec::new();
    for m in selector {
        if m.op == MatchOp::Eq && !seen.contains(&m.name.as_str()) {
            labels.set(m.name.clone(), m.value.clone());
        } else {
            labels.remove(&m.name);
        }
        seen.push(&m.name);
    }
    present
        .iter()
        .map(|v| {
            if v.is_empty() {
                vec![(labels.clone(), 1.0)]
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// `sum by (g) (count_over_time(...))` and its kin: summing per group is
/// the same whether done per series first or while extracting, and the
/// latter never materialises one series per distinct parsed label set.
fn pushdown(agg: &VectorAgg) -> Option<(&RangeAgg, Grouping)> {
    let MetricExpr::RangeAgg(range) = agg.inner.as_ref() else {
        return None;
    };
    let summable = matches!(
        range.op,
        RangeOp::CountOverTime
            | RangeOp::Rate
            | RangeOp::BytesOverTime
            | RangeOp::BytesRate
            | RangeOp::SumOverTime
    );
    if agg.op != VectorOp::Sum || !summable || range.grouping.is_some() {
        return None;
    }
    let grouping = agg.grouping.clone().unwrap_or(Grouping {
        without: false,
        labels: Vec::new(),
    });
    Some((range, grouping))
}

/// `approx_topk(k, sum by (…) (range aggregation))` at one step, which a
/// sketch answers in fixed memory; other forms are answered exactly.
fn approximable(agg: &VectorAgg, steps: usize) -> Option<(usize, &RangeAgg, Grouping)> {
    if agg.op != VectorOp::ApproxTopk || agg.grouping.is_some() || steps != 1 {
        return None;
    }
    let MetricExpr::VectorAgg(inner) = agg.inner.as_ref() else {
        return None;
    };
    let (range, grouping) = pushdown(inner)?;
    let k = agg.param.unwrap_or(1.0).max(0.0) as usize;
    Some((k, range, grouping))
}

fn regroup_without_errors(
    series: HashMap<Labels, Vec<(i64, f64)>>,
) -> HashMap<Labels, Vec<(i64, f64)>> {
    let mut out: HashMap<Labels, Vec<(i64, f64)>> = HashMap::new();
    for (mut labels, samples) in series {
        labels.remove(ERROR_LABEL);
        labels.remove(ERROR_DETAILS_LABEL);
        out.entry(labels).or_default().extend(samples);
    }
    for samples in out.values_mut() {
        if !samples.is_sorted_by_key(|s| s.0) {
            samples.sort_by_key(|s| s.0);
        }
    }
    out
}

fn pipeline_error(labels: &Labels) -> EngineError {
    let kind = labels.get(ERROR_LABEL).unwrap_or_default();
    EngineError::Pipeline(format!(
        "pipeline error: '{kind}' for series: '{labels}'.\n\
         Use a label filter to intentionally skip this error. (e.g | __error__!=\"{kind}\").\n\
         To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n\
         The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n"
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SampleKind {
    One,
    Bytes,
    Unwrapped,
}

impl SampleKind {
    fn of(op: RangeOp, unwrap: Option<&CompiledUnwrap>) -> SampleKind {
        match op {
            _ if unwrap.is_some() => SampleKind::Unwrapped,
            RangeOp::BytesOverTime | RangeOp::BytesRate => SampleKind::Bytes,
            _ => SampleKind::One,
        }
    }
}

struct CompiledUnwrap {
    label: String,
    conversion: Option<Conversion>,
    post_filters: Vec<CompiledFilter>,
}

impl CompiledUnwrap {
    fn new(u: &Unwrap) -> Result<CompiledUnwrap, EngineError> {
        Ok(CompiledUnwrap {
            label: u.label.clone(),
            conversion: u.conversion,
            post_filters: u
                .post_filters
                .iter()
                .map(compile_filter)
                .collect::<Result<_, _>>()?,
        })
    }

    /// The sample value, or the error details Loki would attach.
    fn value(&self, raw: &str) -> Result<f64, String> {
        match self.conversion {
            None => values::parse_float(raw),
            Some(Conversion::Bytes) => values::parse_bytes(raw).map(|b| b as f64),
            Some(Conversion::Duration | Conversion::DurationSeconds) => {
                values::parse_duration(raw).map(|ns| ns as f64 / 1e9)
            }
        }
    }
}

type Extracted = Vec<(Labels, Vec<(i64, f64)>)>;

/// Samples of one chunk, grouped by series.
/// How extracted samples are grouped into series.
struct SeriesGrouping<'a> {
    grouping: &'a Grouping,
    /// Keep `__error__`/`__error_details__` whatever the grouping says, so
    /// that a pushed-down grouping cannot hide a pipeline error.
    keep_errors: bool,
}

impl SeriesGrouping<'_> {
    /// Whether the label `name` stays in the series' labels.
    fn keeps(&self, name: &str) -> bool {
        let g = self.grouping;
        (self.keep_errors && (name == ERROR_LABEL || name == ERROR_DETAILS_LABEL))
            || g.labels.iter().any(|l| l == name) != g.without
    }

    fn apply(&self, labels: &mut Labels) {
        labels.retain(|k, _| self.keeps(k));
    }

    /// [`SeriesGrouping::apply`] to a row being scanned: what it drops is
    /// reused by the next entry, not freed.
    fn apply_row(&self, row: &mut Row<'_>) {
        row.retain_labels(|k, _| self.keeps(k));
    }
}

fn extract(
    chunk: &Chunk<'_>,
    pipeline: &Pipeline,
    kind: SampleKind,
    unwrap: Option<&CompiledUnwrap>,
    grouping: Option<&SeriesGrouping<'_>>,
    budget: &Budget,
) -> Extracted {
    let stream = chunk.stream;
    let ts = stream.timestamps();
    let mut meter = budget.meter();
    if pipeline.is_line_filter_only() && unwrap.is_none() && !stream.has_metadata() {
        // Labels cannot change: one series, no per-line label work.
        let mut samples = Vec::new();
        scan::raw_matches(chunk, pipeline, |i| {
            let v = match kind {
                SampleKind::Bytes => stream.line_len(i) as f64,
                _ => 1.0,
            };
            samples.push((ts[i], v));
            meter.charge(SAMPLE_BYTES)
        });
        if samples.is_empty() {
            return Vec::new();
        }
        let mut labels = stream.labels.clone();
        if let Some(g) = grouping {
            g.apply(&mut labels);
        }
        return vec![(labels, samples)];
    }
    // Looked up once per line: a fast hash (the order is not kept anyway).
    let mut series: HashMap<Labels, Vec<(i64, f64)>, foldhash::fast::RandomState> =
        HashMap::default();
    scan::rows(chunk, pipeline, |_, row| {
        let value = match (kind, unwrap) {
            (SampleKind::Unwrapped, Some(u)) => {
                match unwrap_value(u, row, grouping.is_some_and(|g| !g.grouping.without)) {
                    Some(v) => v,
                    None => return true,
                }
            }
            (SampleKind::Bytes, _) => row.line.len() as f64,
            _ => 1.0,
        };
        if let Some(g) = grouping {
            g.apply_row(row);
        }
        let labels = &row.labels;
        let mut bytes = SAMPLE_BYTES;
        match series.get_mut(labels) {
            Some(samples) => samples.push((row.ts, value)),
            None => {
                bytes += series_bytes(labels);
                series.insert(labels.clone(), vec![(row.ts, value)]);
            }
        }
        meter.charge(bytes)
    });
    series.into_iter().collect()
}

/// What one sample costs while it is held: the pair and the growth slack of
/// the vector holding it.
const SAMPLE_BYTES: usize = 24;

/// What a new series costs while it is held: the map's slot, its sample
/// vector, and its labels, whose small strings cost about three times their
/// length once allocator rounding is counted (measured: about 475 bytes for
/// a one-label series of an IP address, against 440 charged).
fn series_bytes(labels: &Labels) -> usize {
    192 + 3 * labels.heap_bytes()
}

/// The unwrapped label's value, after the post-unwrap filters; `None`
/// drops the sample. Like Loki, a line without the label (or with it
/// empty) is skipped rather than failing the query; a value that does not
/// convert marks the sample `SampleExtractionErr`. The label leaves the
/// series unless a `by` grouping keeps it.
fn unwrap_value(u: &CompiledUnwrap, row: &mut Row<'_>, keep_label: bool) -> Option<f64> {
    let converted = match row.labels.get(&u.label) {
        None | Some("") => return None,
        Some(raw) => u.value(raw),
    };
    let value = match converted {
        Ok(v) => v,
        Err(details) => {
            row.labels
                .set(ERROR_LABEL.into(), "SampleExtractionErr".into());
            row.labels.set(ERROR_DETAILS_LABEL.into(), details);
            0.0
        }
    };
    if !keep_label {
        row.remove_label(&u.label);
    }
    for f in &u.post_filters {
        if !filter_row(f, row) {
            return None;
        }
    }
    Some(value)
}

fn group_labels(labels: &mut Labels, g: &Grouping) {
    if g.without {
        labels.retain(|k, _| !g.labels.iter().any(|l| l == k));
    } else {
        labels.retain(|k, _| g.labels.iter().any(|l| l == k));
    }
}

/// `quotient`: an `avg` Loki's frontend turns into `sum / count`.
fn vector_agg(agg: &VectorAgg, input: Vector, quotient: bool) -> Vector {
    match agg.op {
        VectorOp::Topk | VectorOp::Bottomk | VectorOp::ApproxTopk => {
            let k = agg.param.unwrap_or(1.0).max(0.0) as usize;
            let mut groups: HashMap<Labels, Vector> = HashMap::new();
            for (labels, v) in input {
                let mut key = labels.clone();
                match &agg.grouping {
                    Some(g) => group_labels(&mut key, g),
                    None => key = Labels::new(),
                }
                groups.entry(key).or_default().push((labels, v));
            }
            // NaN is the smallest value for topk and the largest for
            // bottomk: it is kept only when too few numbers remain.
            let order = if agg.op == VectorOp::Bottomk {
                ascending_nan_last
            } else {
                descending_nan_last
            };
            let mut out = Vector::new();
            for (_, mut members) in groups {
                members.sort_by(|a, b| order(a.1, b.1));
                members.truncate(k);
                out.extend(members);
            }
            out
        }
        VectorOp::Sort | VectorOp::SortDesc => {
            let mut out = input;
            let order = if agg.op == VectorOp::SortDesc {
                descending_nan_last
            } else {
                ascending_nan_last
            };
            out.sort_by(|a, b| order(a.1, b.1));
            out
        }
        _ => {
            let mut groups: HashMap<Labels, Vec<f64>> = HashMap::new();
            for (mut labels, v) in input {
                match &agg.grouping {
                    Some(g) => group_labels(&mut labels, g),
                    None => labels = Labels::new(),
                }
                groups.entry(labels).or_default().push(v);
            }
            groups
                .into_iter()
                .map(|(labels, values)| {
                    let value = if quotient {
                        values.iter().sum::<f64>() / values.len() as f64
                    } else {
                        aggregate(agg.op, &values)
                    };
                    (labels, value)
                })
                .collect()
        }
    }
}

/// Ascending, NaN after every number (Prometheus' `sort`, `bottomk`).
/// Numbers compare as Go's `<` does: -0 and +0 tie, and ties keep their
/// input order.
fn ascending_nan_last(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
        (a_nan, b_nan) => a_nan.cmp(&b_nan),
    }
}

/// Descending, NaN after every number (Prometheus' `sort_desc`, `topk`).
fn descending_nan_last(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => b.partial_cmp(&a).unwrap_or(std::cmp::Ordering::Equal),
        (a_nan, b_nan) => a_nan.cmp(&b_nan),
    }
}

/// Loki's vector aggregation arithmetic: a running mean for `avg` and
/// Welford's method for `stdvar`/`stddev` (the last digits depend on it).
fn aggregate(op: VectorOp, values: &[f64]) -> f64 {
    let n = values.len() as f64;
    match op {
        VectorOp::Sum => values.iter().sum(),
        VectorOp::Avg => {
            let mut mean = values[0];
            for (i, v) in values.iter().enumerate().skip(1) {
                mean += (v - mean) / (i + 1) as f64;
            }
            mean
        }
        VectorOp::Count => n,
        VectorOp::Min => {
            values
                .iter()
                .copied()
                .fold(f64::NAN, |m, v| if m.is_nan() || v < m { v } else { m })
        }
        VectorOp::Max => {
            values
                .iter()
                .copied()
                .fold(f64::NAN, |m, v| if m.is_nan() || v > m { v } else { m })
        }
        VectorOp::Stdvar | VectorOp::Stddev => {
            // Loki starts a group at its first value with nothing to add
            // (pkg/logql/evaluator.go, VectorAggEvaluator), so a group of
            // one is 0 even when its value is ±Inf or NaN.
            let (mut mean, mut aux) = (values[0], 0.0);
            for (i, v) in values.iter().enumerate().skip(1) {
                let delta = v - mean;
                mean += delta / (i + 1) as f64;
                aux += delta * (v - mean);
            }
            let var = aux / n;
            if op == VectorOp::Stddev {
                var.sqrt()
            } else {
                var
            }
        }
        // Handled by vector_agg before reaching here.
        VectorOp::Topk
        | VectorOp::Bottomk
        | VectorOp::ApproxTopk
        | VectorOp::Sort
        | VectorOp::SortDesc => f64::NAN,
    }
}

/// Prometheus' `label_replace`: on a full match of `src`'s value, `dst`
/// becomes the expanded replacement (an empty result removes it).
fn label_replace(lr: &LabelReplace, re: &regex::Regex, input: Vector) -> Vector {
    input
        .into_iter()
        .map(|(mut labels, v)| {
            let src = labels.get(&lr.src).unwrap_or_default().to_string();
            if let Some(caps) = re.captures(&src) {
                let mut out = String::new();
                caps.expand(&lr.replacement, &mut out);
                if out.is_empty() {
                    labels.remove(&lr.dst);
                } else {
                    labels.set(lr.dst.clone(), out);
                }
            }
            (labels, v)
        })
        .collect()
}
