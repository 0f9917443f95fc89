//! Proposing: the queries that answer a grounded question, built as LogQL
//! ASTs in the idiom an expert writes — the stream selector, line filters
//! on the data's own words, the parser only when a field is needed, label
//! filters on fields, `unwrap` with the unit, `by (…)` on the field asked
//! for — and printed by our printer.

use logql::{
    BinOp, BinaryExpr, Conversion, Expr, FilterValue, Grouping, LabelFilter, LabelFormatItem,
    LineFilter, LineFilterOp, LogExpr, LogRange, MatchOp, Matcher, MetricExpr, ParserStage,
    RangeAgg, RangeOp, Stage, Unwrap, VectorAgg, VectorOp,
};

use super::catalog::{Catalog, Field, FieldKind, IPV4, IPV4_WITH_PORT};
use super::ground::Grounded;
use super::plan::Plan;
use super::understand::{named_statistic, Aggregate, Intent, Understanding};
use crate::knowledge::fields::{FieldKind as TypedKind, TimeUnit};
use crate::source::Direction;

/// A query that may answer the question, and why it was built.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub plan: Plan,
    pub why: String,
    /// The field whose values it counts, ranks or aggregates per value, if any.
    pub group_by: Option<String>,
}

/// Where and how the question is asked.
pub struct Frame<'a> {
    pub selector: &'a [Matcher],
    pub window: (i64, i64),
    pub log_limit: u32,
    /// The source answers `approx_topk` in bounded memory.
    pub approx_topk: bool,
    /// For a share ("what percentage of requests failed"), the lines it is
    /// a part of.
    pub whole: Option<&'a Grounded>,
}

/// A grouped field whose values carry a part that splits one group into
/// many: an address written with its port (`"remote":"10.2.0.55:51234"`)
/// is grouped as the address, a label of its own; a request path with its
/// query string (`/api/products?page=4`) as the path, in place.
struct GroupCut {
    field: String,
    label: String,
    /// What `regexReplaceAll` removes (a Go regexp in a template string).
    suffix: &'static str,
    new_label: bool,
}

impl GroupCut {
    fn of(f: &Field) -> Option<GroupCut> {
        if f.shape_share(IPV4_WITH_PORT) >= 0.5 && f.shape_share(IPV4) < 0.5 {
            return Some(GroupCut {
                field: f.name.clone(),
                label: format!("{}_ip", f.name),
                suffix: ":[0-9]+$",
                new_label: true,
            });
        }
        let paths = f.values.keys().filter(|v| v.starts_with('/')).count();
        let queried = f
            .values
            .keys()
            .any(|v| v.starts_with('/') && v.contains('?'));
        (queried && paths * 10 >= f.values.len() * 9).then(|| GroupCut {
            field: f.name.clone(),
            label: f.name.clone(),
            suffix: "[?].*",
            new_label: false,
        })
    }
}

/// The candidates for a grounded question, best first; none when the
/// question needs something the grounding did not find (a field to group
/// or measure), so the caller can plan otherwise.
pub fn propose(
    u: &Understanding,
    g: &Grounded,
    catalog: &Catalog,
    frame: &Frame<'_>,
) -> Vec<Candidate> {
    let (start, end) = frame.window;
    let range = range_of(start, end);
    let parsed = parsed_fields(g, catalog);
    let needs_fields = !parsed.is_empty();
    let cut = g
        .group_by
        .as_deref()
        .and_then(|by| catalog.field(by))
        .and_then(GroupCut::of);
    let with_port = cut.as_ref().filter(|c| c.new_label);
    let group_label = match &cut {
        Some(c) => Some(c.label.clone()),
        None => g.group_by.clone(),
    };
    // Lines without the grouped field would form a group of their own
    // (`user=""`): an expert filters them out where some lines lack it (an
    // address part is filtered after it is made, below).
    let stage = catalog.stage_for(&parsed);
    let mut grouped = g.clone();
    if let Some(by) = g.group_by.as_deref().filter(|_| with_port.is_none()) {
        if catalog.field(by).is_some_and(|f| f.lines < catalog.sampled) {
            grouped
                .filters
                .push(LabelFilter::Matcher(Matcher::new(by, MatchOp::Neq, "")));
        }
        // Lines of another layout can give a pattern's first field a piece
        // of themselves (`[2026-12-06` as an address): the values keep the
        // shape the field's own have.
        if let Some(re) = catalog
            .field(by)
            .filter(|_| catalog.unread > 0 && matches!(stage, ParserStage::Pattern(_)))
            .and_then(|f| f.shape_regex())
        {
            grouped
                .filters
                .push(LabelFilter::Matcher(Matcher::new(by, MatchOp::Re, re)));
        }
    }
    let log = |with_parser: bool| log_expr(frame.selector, g, catalog, &stage, with_parser);
    let log_grouped = || {
        let mut e = log_expr(frame.selector, &grouped, catalog, &stage, needs_fields);
        if let Some(c) = &cut {
            e.pipeline
                .push(Stage::LabelFormat(vec![LabelFormatItem::Template {
                    dst: c.label.clone(),
                    template: format!(
                        r#"{{{{ regexReplaceAll "{}" .{} "" }}}}"#,
                        c.suffix, c.field
                    ),
                }]));
            if c.new_label {
                e.pipeline
                    .push(Stage::LabelFilter(LabelFilter::Matcher(Matcher::new(
                        &c.label,
                        MatchOp::Neq,
                        "",
                    ))));
            }
        }
        e
    };
    let count = |log: LogExpr| count_over(log, range);
    let instant = |m: MetricExpr, why: &str| Candidate {
        plan: Plan::Instant {
            query: Expr::Metric(m).to_string(),
            time: end,
        },
        why: why.into(),
        group_by: None,
    };
    let logs = |limit: u32, direction: Direction, why: &str| Candidate {
        plan: Plan::Logs {
            query: Expr::Log(log(needs_fields)).to_string(),
            start,
            end,
            limit,
            direction,
        },
        why: why.into(),
        group_by: None,
    };
    // The statistic a ranking names ("top 5 paths by p95 request time").
    let statistic = named_statistic(&u.question);
    let mut candidates = match &u.intent {
        Intent::Count if g.group_by.is_some() => {
            let by = group_label.as_deref();
            vec![instant(
                sum(count(log_grouped()), by),
                "counting the matching lines of each of the field's values",
            )]
        }
        Intent::Count if u.share.is_some() && frame.whole.is_some() => {
            let (Some(share), Some(whole)) = (&u.share, frame.whole) else {
                return Vec::new();
            };
            let fields = parsed_fields(whole, catalog);
            let stage = catalog.stage_for(&fields);
            let of = log_expr(frame.selector, whole, catalog, &stage, !fields.is_empty());
            let part = sum(count(log(needs_fields)), None);
            let mut m = binary(BinOp::Div, part, sum(count(of), None));
            if share.percent {
                m = binary(BinOp::Mul, m, MetricExpr::Literal(100.0));
            }
            vec![instant(
                m,
                "the matching lines as a share of the lines they are part of",
            )]
        }
        Intent::Count | Intent::Exists => {
            vec![instant(
                sum(count(log(needs_fields)), None),
                "counting the matching lines",
            )]
        }
        Intent::RateOverTime if u.step.is_some() && u.average_rate(frame.window) => {
            let m = average_rate(log(needs_fields), frame.window, u.step.unwrap_or(60));
            vec![instant(m, "the window's count divided by its length")]
        }
        // "Error rate per pod": the count of each value in each step, a
        // series per value.
        Intent::RateOverTime if g.group_by.is_some() && grouped_in_words(u) => {
            let step = u
                .step_ns()
                .unwrap_or_else(|| crate::loki::choose_step(start, end, None));
            vec![Candidate {
                plan: Plan::Range {
                    query: Expr::Metric(sum(
                        count_over(log_grouped(), step),
                        group_label.as_deref(),
                    ))
                    .to_string(),
                    start: super::plan::first_step(start, end, step),
                    end,
                    step,
                },
                why: "the matching lines of each of the field's values counted in each step".into(),
                group_by: g.group_by.clone(),
            }]
        }
        // A few steps: the count in each, which add up to the window's.
        Intent::RateOverTime => match u.step_ns() {
            Some(step) => vec![Candidate {
                plan: Plan::Range {
                    query: Expr::Metric(with_empty_steps(sum(
                        count_over(log(needs_fields), step),
                        None,
                    )))
                    .to_string(),
                    start: super::plan::first_step(start, end, step),
                    end,
                    step,
                },
                why: "the matching lines counted in each step of the window".into(),
                group_by: None,
            }],
            None => Vec::new(),
        },
        // "Top 5 paths by p95 request time": ranked by the statistic of the
        // measure, not by lines.
        Intent::TopK { k } if g.measure.is_some() && statistic.is_some() => {
            match (&group_label, &g.measure, statistic.clone()) {
                (Some(by), Some(field), Some(agg)) => {
                    let conversion = catalog
                        .field(field)
                        .filter(|f| f.kind == FieldKind::Duration)
                        .map(|_| Conversion::Duration);
                    let over =
                        aggregate_over(agg, log_grouped(), field, conversion, range, Some(by));
                    vec![instant(
                        topk(*k, over, VectorOp::Topk),
                        "ranking the field's values by the statistic of the measure",
                    )]
                }
                _ => Vec::new(),
            }
        }
        Intent::TopK { k } => match &group_label {
            Some(by) => {
                let exact = instant(
                    topk(*k, sum(count(log_grouped()), Some(by)), VectorOp::Topk),
                    "ranking the field's values by matching lines",
                );
                // More values than a default Loki keeps series for: the
                // sketch first where the source has one, exact as fallback.
                let many = catalog.field(by).is_some_and(|f| f.high_cardinality);
                if many && frame.approx_topk {
                    vec![
                        instant(
                            topk(
                                *k,
                                sum(count(log_grouped()), Some(by)),
                                VectorOp::ApproxTopk,
                            ),
                            "ranking the field's many values with approx_topk's sketch",
                        ),
                        exact,
                    ]
                } else {
                    vec![exact]
                }
            }
            None => Vec::new(),
        },
        Intent::DistinctCount => match &group_label {
            Some(by) => vec![instant(
                vector(VectorOp::Count, sum(count(log_grouped()), Some(by)), None),
                "counting the field's distinct values",
            )],
            None => Vec::new(),
        },
        Intent::NumericAggregate(agg) => match &g.measure {
            Some(field) => {
                let conversion = catalog
                    .field(field)
                    .filter(|f| f.kind == FieldKind::Duration)
                    .map(|_| Conversion::Duration);
                let by = g.group_by.as_deref();
                let log = if by.is_some() {
                    log_grouped()
                } else {
                    log(true)
                };
                let mut over = aggregate_over(agg.clone(), log, field, conversion, range, by);
                // "in ms" over values unwrapped in seconds: scaled to the unit asked.
                let unit = match (conversion, catalog.field(field).and_then(|f| f.typed)) {
                    (Some(Conversion::Duration), _) => Some(TimeUnit::S),
                    (
                        _,
                        Some(TypedKind::Duration {
                            unit,
                            suffixed: false,
                        }),
                    ) => Some(unit),
                    _ => None,
                };
                if let Some(from) = unit {
                    over = in_asked_unit(over, from, &u.question);
                }
                let bytes = catalog
                    .field(field)
                    .and_then(|f| f.typed)
                    .is_some_and(|t| matches!(t, TypedKind::Bytes { .. }));
                if bytes {
                    over = in_asked_size(over, &u.question);
                }
                vec![instant(
                    over,
                    if by.is_some() {
                        "aggregating the field's values over the window, per value of the field grouped by"
                    } else {
                        "aggregating the field's values over the window"
                    },
                )]
            }
            None => Vec::new(),
        },
        Intent::First => vec![logs(1, Direction::Forward, "the earliest matching line")],
        Intent::Last => vec![logs(1, Direction::Backward, "the latest matching line")],
        Intent::ShowLogs => vec![logs(
            frame.log_limit,
            Direction::Backward,
            "the matching lines",
        )],
        _ => Vec::new(),
    };
    let grouped_aggregate = matches!(u.intent, Intent::NumericAggregate(_)) && g.group_by.is_some();
    if matches!(u.intent, Intent::TopK { .. } | Intent::DistinctCount) || grouped_aggregate {
        for c in &mut candidates {
            c.group_by = group_label.clone();
        }
    }
    candidates
}

/// Durations unwrapped in `from`, scaled to the unit the question asks
/// for ("in ms" over `duration()`'s seconds: `* 1000`).
pub(super) fn in_asked_unit(expr: MetricExpr, from: TimeUnit, question: &str) -> MetricExpr {
    match asked_time_unit(question) {
        Some(to) if to != from => binary(
            BinOp::Mul,
            expr,
            MetricExpr::Literal(from.seconds() / to.seconds()),
        ),
        _ => expr,
    }
}

/// Bytes scaled to the size unit the question asks for ("how many MB":
/// `/ 1e6`; "MiB": `/ 1048576`).
pub(super) fn in_asked_size(expr: MetricExpr, question: &str) -> MetricExpr {
    let per_unit = question
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|w| size_unit_bytes(&w.to_lowercase()));
    match per_unit {
        Some(n) => binary(BinOp::Div, expr, MetricExpr::Literal(n)),
        None => expr,
    }
}

/// Bytes in one of a size unit: SI for "MB", binary for "MiB".
fn size_unit_bytes(w: &str) -> Option<f64> {
    let (exp, binary) = match w {
        "kb" | "kilobyte" | "kilobytes" => (1, false),
        "mb" | "megabyte" | "megabytes" => (2, false),
        "gb" | "gigabyte" | "gigabytes" => (3, false),
        "tb" | "terabyte" | "terabytes" => (4, false),
        "kib" => (1, true),
        "mib" => (2, true),
        "gib" => (3, true),
        "tib" => (4, true),
        _ => return None,
    };
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    Some(base.powi(exp))
}

/// The time unit a question asks its answer in: "in ms", "(seconds)".
fn asked_time_unit(question: &str) -> Option<TimeUnit> {
    let unit = |w: &str| -> Option<TimeUnit> {
        Some(match w.trim_end_matches('s') {
            "m" | "msec" | "milli" | "millisecond" => TimeUnit::Ms,
            "µ" | "u" | "usec" | "micro" | "microsecond" => TimeUnit::Us,
            "n" | "nanosecond" => TimeUnit::Ns,
            "" | "sec" | "second" => TimeUnit::S,
            "min" | "minute" => TimeUnit::M,
            "hour" | "hr" => TimeUnit::H,
            _ => return None,
        })
    };
    unit_words(question, &["in"]).iter().find_map(|w| unit(w))
}

/// The words a question gives as units, lower-case: in parentheses
/// ("(bpm)") or right after one of `leads` ("in ms").
pub(super) fn unit_words(question: &str, leads: &[&str]) -> Vec<String> {
    let words: Vec<String> = question
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '?' | '.' | ';' | ':' | '!'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .iter()
        .enumerate()
        .filter_map(
            |(i, w)| match w.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                Some(inner) => Some(inner.to_string()),
                None => (i > 0 && leads.contains(&words[i - 1].as_str())).then(|| w.clone()),
            },
        )
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .collect()
}

/// The fields a grounded reading filters, groups or measures on that a
/// parser must extract (stream labels need none).
fn parsed_fields<'g>(g: &'g Grounded, catalog: &Catalog) -> Vec<&'g str> {
    let mut out: Vec<&str> = g.filters.iter().flat_map(LabelFilter::names).collect();
    out.extend(g.group_by.as_deref());
    out.extend(g.measure.as_deref());
    out.retain(|name| !catalog.field(name).is_some_and(|f| f.stream));
    out.sort_unstable();
    out.dedup();
    out
}

/// The log query of a grounding: the scope's selector with the stream
/// labels the question names, line filters on the data's words, then the
/// parser and the label filters on parsed fields.
fn log_expr(
    selector: &[Matcher],
    g: &Grounded,
    catalog: &Catalog,
    parser: &ParserStage,
    with_parser: bool,
) -> LogExpr {
    let on_stream = |f: &LabelFilter| match f {
        LabelFilter::Matcher(m) => catalog.field(&m.name).is_some_and(|f| f.stream),
        _ => false,
    };
    let mut selector = selector.to_vec();
    for f in g.filters.iter().filter(|f| on_stream(f)) {
        if let LabelFilter::Matcher(m) = f {
            if !selector.contains(m) {
                selector.push(m.clone());
            }
        }
    }
    let mut pipeline: Vec<Stage> = g
        .contains
        .iter()
        .map(|c| {
            Stage::LineFilter(LineFilter {
                op: LineFilterOp::Contains,
                values: vec![FilterValue::Text(c.clone())],
            })
        })
        .collect();
    if with_parser {
        pipeline.push(Stage::Parser(parser.clone()));
        pipeline.extend(
            g.filters
                .iter()
                .filter(|f| !on_stream(f))
                .cloned()
                .map(Stage::LabelFilter),
        );
    }
    LogExpr { selector, pipeline }
}

/// The range of an instant query at `end` that holds `[start, end]`:
/// `(end - range, end]` leaves a line at `start` out, so a window that is
/// not whole minutes (one taken from the data) gains a second; a window
/// picked on a clock (`[3h]`) reads better as it is.
fn range_of(start: i64, end: i64) -> i64 {
    const SECOND: i64 = 1_000_000_000;
    let length = (end - start).max(SECOND);
    if length % (60 * SECOND) == 0 {
        length
    } else {
        (length + 2 * SECOND - 1) / SECOND * SECOND
    }
}

/// The query that counts every line a log query over `window` finds
/// (`sum(count_over_time(… [range]))` at the window's end).
pub fn total_of(log_query: &str, window: (i64, i64)) -> Option<Plan> {
    let Ok(Expr::Log(log)) = logql::parse(log_query) else {
        return None;
    };
    Some(total_of_log(log, window))
}

/// [`total_of`] for a log query already built as a tree.
pub fn total_of_log(log: LogExpr, window: (i64, i64)) -> Plan {
    let total = sum(count_over(log, range_of(window.0, window.1)), None);
    Plan::Instant {
        query: Expr::Metric(total).to_string(),
        time: window.1,
    }
}

/// "Requests per second between 10:00 and 10:15": the window's count over
/// its length in the unit asked for (`step_secs`), one number where a
/// series of per-second counts would leave out the seconds with none.
pub(super) fn average_rate(log: LogExpr, window: (i64, i64), step_secs: i64) -> MetricExpr {
    let range = range_of(window.0, window.1);
    let per = range as f64 / 1e9 / step_secs.max(1) as f64;
    binary(
        BinOp::Div,
        sum(count_over(log, range), None),
        MetricExpr::Literal(per),
    )
}

/// `count_over_time(log [range])`.
pub(super) fn count_over(log: LogExpr, range: i64) -> MetricExpr {
    MetricExpr::RangeAgg(RangeAgg {
        op: RangeOp::CountOverTime,
        param: None,
        range: LogRange {
            log,
            unwrap: None,
            range,
            offset: 0,
        },
        grouping: None,
    })
}

fn vector(op: VectorOp, inner: MetricExpr, by: Option<&str>) -> MetricExpr {
    MetricExpr::VectorAgg(VectorAgg {
        op,
        param: None,
        inner: Box::new(inner),
        grouping: by.map(|b| Grouping {
            without: false,
            labels: vec![b.to_string()],
        }),
    })
}

fn sum(inner: MetricExpr, by: Option<&str>) -> MetricExpr {
    vector(VectorOp::Sum, inner, by)
}

fn topk(k: usize, inner: MetricExpr, op: VectorOp) -> MetricExpr {
    MetricExpr::VectorAgg(VectorAgg {
        op,
        param: Some(k as f64),
        inner: Box::new(inner),
        grouping: None,
    })
}

/// `… or vector(0)`: a step without lines counts 0 instead of being
/// left out, so the steps' mean is the window's rate.
pub(super) fn with_empty_steps(series: MetricExpr) -> MetricExpr {
    binary(BinOp::Or, series, MetricExpr::Vector(0.0))
}

fn binary(op: BinOp, lhs: MetricExpr, rhs: MetricExpr) -> MetricExpr {
    MetricExpr::Binary(Box::new(BinaryExpr {
        op,
        lhs,
        rhs,
        return_bool: false,
        matching: None,
    }))
}

/// `avg_over_time(… | unwrap f | __error__="" [range]) by ()`: one value
/// over every sample, whatever labels the parser added; `by (g)` with a
/// value per group where the question groups.
fn aggregate_over(
    agg: Aggregate,
    log: LogExpr,
    field: &str,
    conversion: Option<Conversion>,
    range: i64,
    by: Option<&str>,
) -> MetricExpr {
    // Loki 3.7's frontend computes a grouped average as a sum over a count
    // of the lines before `unwrap`: lines without the field must go before.
    let mut log = log;
    if matches!(agg, Aggregate::Avg) {
        log.pipeline
            .push(Stage::LabelFilter(LabelFilter::Matcher(Matcher::new(
                field,
                logql::MatchOp::Neq,
                "",
            ))));
    }
    let (op, param) = match agg {
        Aggregate::Avg => (RangeOp::AvgOverTime, None),
        Aggregate::Max => (RangeOp::MaxOverTime, None),
        Aggregate::Min => (RangeOp::MinOverTime, None),
        Aggregate::Sum => (RangeOp::SumOverTime, None),
        Aggregate::Quantile(q) => (RangeOp::QuantileOverTime, Some(q)),
    };
    let unwrap = Unwrap {
        label: field.to_string(),
        conversion,
        post_filters: vec![LabelFilter::Matcher(Matcher::new(
            "__error__",
            logql::MatchOp::Eq,
            "",
        ))],
    };
    // sum_over_time takes no grouping: its series are summed instead.
    let grouping = (op != RangeOp::SumOverTime).then(|| Grouping {
        without: false,
        labels: by.map(str::to_string).into_iter().collect(),
    });
    let over = MetricExpr::RangeAgg(RangeAgg {
        op,
        param,
        range: LogRange {
            log,
            unwrap: Some(unwrap),
            range,
            offset: 0,
        },
        grouping,
    });
    if op == RangeOp::SumOverTime {
        return sum(over, by);
    }
    over
}

/// The question groups in so many words: "per pod", "by status", "for
/// each user" ("how many jobs finished per minute" counts jobs, one
/// series).
fn grouped_in_words(u: &Understanding) -> bool {
    let Some(by) = u.by.as_deref() else {
        return false;
    };
    let words: Vec<String> = u
        .question
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(2).any(|p| {
        matches!(p[0].as_str(), "per" | "by" | "each")
            && (p[1] == by || p[1].strip_suffix('s') == Some(by))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::ground::{ground, Evidence};
    use crate::ask::understand::{understand, Clock};

    #[test]
    fn sizes_are_scaled_to_the_unit_asked() {
        let sum = || MetricExpr::Literal(2_000_000.0);
        let scaled = |q: &str| in_asked_size(sum(), q).to_string();
        assert_eq!(scaled("how many MB were sent?"), "(2e+06 / 1e+06)");
        assert_eq!(scaled("total KiB written"), "(2e+06 / 1024)");
        assert_eq!(scaled("total bytes sent"), "2e+06");
    }

    #[test]
    fn durations_are_scaled_to_the_unit_asked() {
        let expr = || match logql::parse(
            r#"max_over_time({app="a"} | logfmt | unwrap duration(took)[1h])"#,
        ) {
            Ok(logql::Expr::Metric(m)) => m,
            other => panic!("{other:?}"),
        };
        let ms = in_asked_unit(expr(), TimeUnit::S, "slowest job, in ms?");
        assert!(ms.to_string().ends_with("* 1000)"), "{ms}");
        let same = in_asked_unit(expr(), TimeUnit::S, "slowest job (seconds)");
        assert_eq!(same.to_string(), expr().to_string());
        let unasked = in_asked_unit(expr(), TimeUnit::S, "slowest job");
        assert_eq!(unasked.to_string(), expr().to_string());
    }

    #[test]
    fn the_total_of_a_log_query_counts_its_window() {
        const S: i64 = 1_000_000_000;
        let plan = total_of(r#"{app="a"} | json | level="error""#, (0, 3 * 3600 * S)).unwrap();
        assert_eq!(
            plan,
            Plan::Instant {
                query: r#"sum(count_over_time({app="a"} | json | level="error"[3h]))"#.into(),
                time: 3 * 3600 * S,
            }
        );
        // A window from the data keeps its first line.
        let Plan::Instant { query, .. } = total_of(r#"{app="a"}"#, (S / 2, 90 * S)).unwrap() else {
            panic!("an instant query")
        };
        assert!(query.ends_with("[1m31s]))"), "{query}");
        assert!(total_of("sum(rate({a=\"b\"}[1m]))", (0, S)).is_none());
        assert!(total_of("{a=", (0, S)).is_none());
    }

    /// JSON lines with `users` distinct users, every tenth line without one.
    fn catalog(users: usize) -> Catalog {
        let lines: Vec<String> = (0..1500)
            .map(|i| match i % 10 {
                0 => r#"{"level":"info","msg":"health check"}"#.to_string(),
                _ => format!(
                    r#"{{"level":"warn","msg":"login failed","user":"u-{}","took":"{}ms"}}"#,
                    i % users,
                    10 + i % 90
                ),
            })
            .collect();
        Catalog::from_lines(lines.iter().map(String::as_str)).expect("JSON lines")
    }

    fn queries(q: &str, catalog: &Catalog, approx_topk: bool) -> Vec<String> {
        let clock = Clock {
            now: 1_765_000_000_000_000_000,
            utc_offset_secs: 0,
        };
        let u = understand(q, &clock);
        let g = ground(&u, catalog, &Evidence::default()).remove(0);
        let selector = [Matcher::new("app", MatchOp::Eq, "auth")];
        let frame = Frame {
            selector: &selector,
            window: (clock.now - 3_600_000_000_000, clock.now),
            log_limit: 100,
            approx_topk,
            whole: None,
        };
        propose(&u, &g, catalog, &frame)
            .into_iter()
            .map(|c| c.plan.query().to_string())
            .collect()
    }

    #[test]
    fn a_ranking_by_a_named_statistic_ranks_by_it() {
        let q = queries("top 3 users by p95 latency", &catalog(20), false);
        assert_eq!(
            q[0],
            r#"topk(3,quantile_over_time(0.95,{app="auth"} | json | user!="" | unwrap duration(took) | __error__=""[1h]) by (user))"#
        );
        // Without a statistic, by lines.
        let q = queries(
            "top 3 users by number of failed logins",
            &catalog(20),
            false,
        );
        assert!(
            q[0].starts_with("topk(3,sum by (user)(count_over_time("),
            "{}",
            q[0]
        );
    }

    #[test]
    fn addresses_written_with_their_port_are_grouped_by_the_address() {
        let lines: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    r#"{{"msg":"Connection accepted","attr":{{"remote":"10.2.0.{}:{}"}}}}"#,
                    i % 8,
                    40000 + i
                )
            })
            .collect();
        let c = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        let q = queries("how many distinct client IPs connected?", &c, false);
        assert!(
            q[0].starts_with("count(sum by (attr_remote_ip)("),
            "{}",
            q[0]
        );
        assert!(
            q[0].contains(r#"| label_format attr_remote_ip="{{ regexReplaceAll \":[0-9]+$\" .attr_remote \"\" }}" | attr_remote_ip!="""#),
            "{}",
            q[0]
        );
        crate::logql::parse(&q[0]).expect("valid LogQL");
    }

    #[test]
    fn paths_written_with_query_strings_are_grouped_by_the_path() {
        let lines: Vec<String> = (0..400)
            .map(|i| {
                let path = match i % 3 {
                    0 => format!("/api/products?page={i}"),
                    1 => "/api/products".to_string(),
                    _ => "/api/reviews".to_string(),
                };
                format!(
                    r#"{{"msg":"request","path":"{path}","status":{}}}"#,
                    200 + i % 2
                )
            })
            .collect();
        let c = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        let q = queries("which 2 paths were requested most?", &c, false);
        assert!(
            q[0].contains(r#"| label_format path="{{ regexReplaceAll \"[?].*\" .path \"\" }}""#),
            "{}",
            q[0]
        );
        assert!(q[0].contains("sum by (path)("), "{}", q[0]);
        crate::logql::parse(&q[0]).expect("valid LogQL");
        // Paths without query strings are grouped as they are.
        let plain: Vec<String> = lines.iter().map(|l| l.replace("?page=", "/")).collect();
        let c = Catalog::from_lines(plain.iter().map(String::as_str)).unwrap();
        let q = queries("which 2 paths were requested most?", &c, false);
        assert!(!q[0].contains("label_format"), "{}", q[0]);
    }

    #[test]
    fn a_rate_per_value_is_a_series_per_value() {
        let q = queries("failed login rate per user", &catalog(20), false);
        assert!(
            q[0].starts_with("sum by (user)(count_over_time("),
            "{}",
            q[0]
        );
        crate::logql::parse(&q[0]).expect("valid LogQL");
    }

    #[test]
    fn rankings_leave_out_lines_without_the_field() {
        let q = queries("top 3 users with failed logins", &catalog(20), false);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].starts_with("topk(3,sum by (user)"), "{}", q[0]);
        assert!(q[0].contains(r#"user!="""#), "{}", q[0]);
    }

    #[test]
    fn many_values_use_the_sketch_where_the_source_has_one() {
        let many = catalog(1000);
        let q = queries("top 3 users with failed logins", &many, true);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q[0].starts_with("approx_topk(3,"), "{}", q[0]);
        assert!(q[1].starts_with("topk(3,"), "{}", q[1]);
        // Loki's client claims no sketch: the exact query only.
        let q = queries("top 3 users with failed logins", &many, false);
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("topk(3,"), "{}", q[0]);
    }

    #[test]
    fn stream_labels_group_and_filter_without_a_parser() {
        let mut c = catalog(20);
        let pods = vec!["api-1".to_string(), "api-2".to_string()];
        c.add_stream_labels(
            &[("pod".into(), pods), ("app".into(), vec!["auth".into()])],
            &[],
        );
        assert!(c.field("app").is_none(), "one value tells no stream apart");
        let q = queries("which pod logged the most warnings?", &c, false);
        assert!(q[0].starts_with("topk(10,sum by (pod)"), "{}", q[0]);
        let q = queries("failed logins on api-2", &c, false);
        assert!(
            q[0].starts_with(r#"{app="auth", pod="api-2"}"#),
            "the pod goes in the selector: {}",
            q[0]
        );
        assert!(
            !q[0].contains("| json"),
            "no parser for a stream label: {}",
            q[0]
        );
    }

    #[test]
    fn aggregates_keep_the_grouping_and_the_unit_asked() {
        let q = queries("average took per user", &catalog(20), false);
        assert!(q[0].ends_with("by (user)"), "{}", q[0]);
        let q = queries("max took in ms", &catalog(20), false);
        assert!(q[0].contains("* 1000"), "seconds scaled to ms: {}", q[0]);
        let q = queries("max took in seconds", &catalog(20), false);
        assert!(!q[0].contains('*'), "{}", q[0]);
    }

    #[test]
    fn durations_are_unwrapped_with_their_unit() {
        let q = queries("p95 of took for failed logins", &catalog(20), false);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].starts_with("quantile_over_time(0.95,"), "{}", q[0]);
        assert!(q[0].contains("| unwrap duration(took)"), "{}", q[0]);
        assert!(q[0].contains(r#"__error__="""#), "{}", q[0]);
    }
}
