//! The one-row `answer` frame: the answer as data, for the answer panel
//! and for Grafana's own Stat and Table panels (docs/plugin-api.md,
//! "The answer frame"). It goes last in a response, after the logs or the
//! series, and only when the query asks for it (`answerFrame`), so Explore,
//! alert rules and panels saved before it see the frames they always saw.

use serde_json::json;

use super::frames::{Field, Frame, Values};
use crate::ask::Answer;
use crate::logql::{Expr, MetricExpr, RangeOp};
use crate::source::QueryResult;

/// The frame's name, and its `meta.custom.frameType`: how a reader tells it
/// from a series that a legend happened to name "answer".
pub const NAME: &str = "answer";
pub const FRAME_TYPE: &str = "AskLokiAnswer";

/// What one number of a metric answer counts, in words and as Grafana's unit id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub words: &'static str,
    pub grafana: &'static str,
}

/// The unit of a metric query's values, read from its range aggregation
/// (through any outer aggregation that keeps the unit); none for log
/// queries, unwrapped values and arithmetic.
pub fn unit_of(logql: &str) -> Option<Unit> {
    let Ok(Expr::Metric(mut expr)) = crate::logql::parse(logql) else {
        return None;
    };
    loop {
        match expr {
            MetricExpr::RangeAgg(r) => {
                return match r.op {
                    RangeOp::CountOverTime => Some(Unit {
                        words: "lines",
                        grafana: "short",
                    }),
                    RangeOp::Rate => Some(Unit {
                        words: "lines/s",
                        grafana: "suffix: lines/s",
                    }),
                    RangeOp::BytesOverTime => Some(Unit {
                        words: "bytes",
                        grafana: "decbytes",
                    }),
                    RangeOp::BytesRate => Some(Unit {
                        words: "bytes/s",
                        grafana: "Bps",
                    }),
                    _ => None,
                }
            }
            // sum/max/min/avg/topk/bottomk/sort keep the unit; count and
            // the statistics of spread do not.
            MetricExpr::VectorAgg(v) => {
                use crate::logql::VectorOp::*;
                match v.op {
                    Sum | Min | Max | Avg | Topk | Bottomk | Sort | SortDesc => expr = *v.inner,
                    _ => return None,
                }
            }
            MetricExpr::LabelReplace(l) => expr = l.inner,
            _ => return None,
        }
    }
}

/// The answer's number, when the result is one: a scalar, or an instant
/// vector of one sample.
pub fn single_value(result: &QueryResult) -> Option<f64> {
    match result {
        QueryResult::Scalar(p) => Some(p.value),
        QueryResult::Vector(v) if v.len() == 1 => Some(v[0].point.value),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

/// `logs`, `series`, `number` or `empty`: what the evidence frames hold.
pub fn result_kind(result: &QueryResult) -> &'static str {
    match result {
        QueryResult::Streams(s) if s.iter().any(|s| !s.entries.is_empty()) => "logs",
        QueryResult::Matrix(m) if !m.is_empty() => "series",
        QueryResult::Vector(v) if v.len() == 1 => "number",
        QueryResult::Vector(v) if !v.is_empty() => "series",
        QueryResult::Scalar(_) => "number",
        _ => "empty",
    }
}

/// The distinct lines a written answer cites (`[L1]`, `[L2]`, …).
pub fn cited_lines(written: Option<&str>) -> usize {
    static CITE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[L(\d+)\]").expect("a fixed regex"));
    let Some(text) = written else { return 0 };
    let cited: std::collections::BTreeSet<&str> = CITE
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    cited.len()
}

/// The one-row frame. The window is two numbers (epoch ms shown as dates)
/// rather than time fields: a frame with a time and a text field reads as
/// log lines to Grafana's logs panel, and this one is not.
pub fn answer_frame(ref_id: &str, answer: &Answer) -> Frame {
    let unit = unit_of(&answer.logql);
    let value = single_value(&answer.result);
    let shown = answer
        .written
        .as_deref()
        .filter(|w| !w.trim().is_empty())
        .unwrap_or(&answer.answer);
    let text = |name: &str, v: &str| Field::new(name, Values::Text(vec![v.to_string()]));
    let number = |name: &str, v: f64| Field::new(name, Values::Number(vec![v]));
    let date = |name: &str, ns: i64| {
        let mut f = number(name, (ns / super::response::MS) as f64);
        f.config = Some(json!({"unit": "dateTimeAsIso"}));
        f
    };
    let mut fields = vec![
        text("question", &answer.understanding.question),
        text("answer", shown),
        text("computed", &answer.answer),
        text("written", answer.written.as_deref().unwrap_or("")),
        text("logql", &answer.logql),
        text("reusable", &answer.reusable),
        text("origin", answer.origin.as_str()),
        text("result", result_kind(&answer.result)),
    ];
    if let Some(v) = value {
        let mut f = number("value", v);
        let mut config = json!({"displayNameFromDS": answer.understanding.question});
        if let Some(u) = unit {
            config["unit"] = json!(u.grafana);
        }
        f.config = Some(config);
        fields.push(f);
    }
    fields.extend([
        text("unit", unit.map_or("", |u| u.words)),
        date("from", answer.window.0),
        date("to", answer.window.1),
        number("rows", answer.result.rows() as f64),
        number("cited", cited_lines(answer.written.as_deref()) as f64),
    ]);
    Frame {
        name: NAME.to_string(),
        ref_id: ref_id.to_string(),
        meta: json!({
            "typeVersion": [0, 1],
            "preferredVisualisationType": "table",
            "custom": {"frameType": FRAME_TYPE},
        }),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_range_aggregation_through_sums() {
        let u = |q: &str| unit_of(q).map(|u| u.words);
        assert_eq!(
            u(r#"sum by (host) (count_over_time({app="a"}[5m]))"#),
            Some("lines")
        );
        assert_eq!(
            u(r#"topk(3, sum by (ip) (rate({app="a"}[1m])))"#),
            Some("lines/s")
        );
        assert_eq!(u(r#"sum(bytes_over_time({app="a"}[1h]))"#), Some("bytes"));
        // A count of series is not a count of lines; a log query has no unit.
        assert_eq!(u(r#"count(count_over_time({app="a"}[5m]))"#), None);
        assert_eq!(u(r#"{app="a"} |= "x""#), None);
        assert_eq!(u("not logql"), None);
    }

    #[test]
    fn cited_lines_are_counted_once_each() {
        assert_eq!(
            cited_lines(Some("[L1] and [L2], again [L1]; the query [Q]")),
            2
        );
        assert_eq!(cited_lines(Some("no citations")), 0);
        assert_eq!(cited_lines(None), 0);
    }
}
