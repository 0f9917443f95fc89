//! Explore's logs volume: the lines of a logs query counted per level over
//! time, as Grafana's Loki datasource asks Loki for them —
//! `sum by (level, detected_level) (count_over_time(<the logs query>[step]))`,
//! with `| drop __error__` after a parser so lines that failed to parse
//! still count. The query is built as AST from the logs query the
//! question gets (or the pinned one) and printed.

use super::frames;
use super::model::QueryModel;
use super::proto::DataResponse;
use super::query::Request;
use super::response::{encode, error_class, failure, MS};
use crate::ask::{Asker, Want};
use crate::logql::{
    Expr, Grouping, LabelSelector, LogExpr, LogRange, MetricExpr, RangeAgg, RangeOp, Stage,
    VectorAgg, VectorOp,
};

/// The labels the histogram is split by, as Explore reads them.
const LEVEL_LABELS: [&str; 2] = ["level", "detected_level"];

const SECOND: i64 = 1_000_000_000;

/// The volume of a logs query over buckets of `step` ns.
pub fn volume_of(log: &LogExpr, step: i64) -> Expr {
    let mut log = log.clone();
    if log.pipeline.iter().any(|s| matches!(s, Stage::Parser(_))) {
        log.pipeline
            .push(Stage::Drop(vec![LabelSelector::Name("__error__".into())]));
    }
    let count = MetricExpr::RangeAgg(RangeAgg {
        op: RangeOp::CountOverTime,
        param: None,
        range: LogRange {
            log,
            unwrap: None,
            range: step,
            offset: 0,
        },
        grouping: None,
    });
    Expr::Metric(MetricExpr::VectorAgg(VectorAgg {
        op: VectorOp::Sum,
        param: None,
        inner: Box::new(count),
        grouping: Some(Grouping {
            without: false,
            labels: LEVEL_LABELS.iter().map(|l| l.to_string()).collect(),
        }),
    }))
}

/// The logs query a model stands for: the pinned one, or the one the
/// question gets (the query cache makes this the query the logs panel ran).
async fn logs_query(asker: &Asker<'_>, model: &QueryModel) -> Result<String, (i32, String)> {
    if let Some(pinned) = model.pinned() {
        return Ok(pinned.to_string());
    }
    match asker.propose(&model.question).await {
        Ok(p) => Ok(p.logql),
        Err(e) => Err((error_class(&e).0, e.to_string())),
    }
}

/// The volume frames for a logs query; none when the query gives numbers.
pub async fn run(asker: &mut Asker<'_>, req: &Request) -> DataResponse {
    // The query the main one gets (same mode, same want): in `auto`, a
    // question answered with numbers has no histogram.
    let logql = match logs_query(asker, &req.model).await {
        Ok(q) => q,
        Err((status, message)) => return failure(status, "plugin", message),
    };
    let Ok(Expr::Log(log)) = crate::logql::parse(&logql) else {
        // A metric answer has no lines to count: an empty histogram.
        return encode(&[]);
    };
    // Buckets as wide as the step the range query runs at. A question that
    // names its own time range may get another step: then once more with it.
    let mut step = crate::loki::choose_step(req.window.0, req.window.1, None)
        .max(SECOND)
        .max(req.min_step);
    asker.options.want = Want::Metrics;
    asker.options.write_answer = false;
    let mut tries = 0;
    let answer = loop {
        tries += 1;
        let volume = volume_of(&log, step).to_string();
        let answer = match asker.ask_pinned(&req.model.question, &volume).await {
            Ok(a) => a,
            Err(e) => {
                let (status, source) = error_class(&e);
                return failure(status, source, e.to_string());
            }
        };
        if answer.step == step || answer.step <= 0 || tries == 2 {
            break answer;
        }
        step = answer.step;
    };
    let mut series = frames::metric_frames(&req.ref_id, &answer.result, None, answer.step / MS);
    let executed = super::response::executed_query_string(&answer);
    for frame in &mut series {
        if let serde_json::Value::Object(m) = &mut frame.meta {
            m.insert("executedQueryString".into(), executed.clone().into());
        }
    }
    encode(&series)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(q: &str) -> LogExpr {
        match crate::logql::parse(q).unwrap() {
            Expr::Log(l) => l,
            Expr::Metric(_) => panic!("{q} is a metric query"),
        }
    }

    #[test]
    fn the_volume_counts_the_logs_query_per_level() {
        let v = volume_of(&log(r#"{app="api"} |= "timeout""#), 60 * SECOND);
        assert_eq!(
            v.to_string(),
            r#"sum by (level,detected_level)(count_over_time({app="api"} |= "timeout"[1m]))"#
        );
        // After a parser, lines that failed to parse still count.
        let v = volume_of(&log(r#"{app="api"} | json | status >= 500"#), 30 * SECOND);
        let printed = v.to_string();
        assert!(printed.contains("| drop __error__[30s]"), "{printed}");
        // What we print, Loki's grammar reads back as the same query.
        assert_eq!(crate::logql::parse(&printed).unwrap(), v);
    }
}
