//! `anomalies`: anomalous lines per step (a series alert rules can use),
//! the findings behind them as a table, or as events for annotations.

use serde_json::json;

use super::{number, text, Analysis, Context};
use crate::analyze::{anomaly, explain};
use crate::plugin::frames::{Field, Frame, Values};
use crate::plugin::proto::DataResponse;

pub(crate) struct Anomalies;

impl Analysis for Anomalies {
    const FOR_ALERTS: bool = true;

    async fn frames(&self, cx: &mut Context<'_>) -> Result<Vec<Frame>, DataResponse> {
        let (scored, facts) = anomaly::score_all(&cx.lines);
        let series = series(cx, &scored);
        if cx.req.from_alert {
            return Ok(vec![series]);
        }
        let scope = &cx.instance.settings.scope;
        let f = anomaly::findings_from(&cx.lines, scope, &scored, &facts);
        if cx.req.model.annotations {
            return Ok(vec![events(cx, &f)]);
        }
        let table = findings(cx, &f);
        cx.lead(format!(
            "{} findings in {} lines",
            f.len(),
            cx.lines.lines.len()
        ));
        Ok(vec![series, table])
    }
}

/// Lines at or over the threshold, counted per step of the window.
fn series(cx: &Context<'_>, scored: &[anomaly::Scored]) -> Frame {
    let (start, end) = cx.req.window;
    let step = crate::loki::choose_step(start, end, None).max(1_000_000_000);
    let buckets = ((end - start) / step + 1) as usize;
    let mut counts = vec![0.0; buckets];
    for (l, s) in cx.lines.lines.iter().zip(scored) {
        if s.score >= anomaly::THRESHOLD {
            let b = ((l.ts - start).max(0) / step) as usize;
            counts[b.min(buckets - 1)] += 1.0;
        }
    }
    let times: Vec<i64> = (0..buckets).map(|i| start + i as i64 * step).collect();
    let mut value = Field::new("anomalous lines", number(counts));
    value.config = Some(json!({"displayNameFromDS": "anomalous lines"}));
    let mut frame = cx.frame(
        "anomalous lines",
        vec![Field::new("Time", Values::Time(times)), value],
    );
    frame.meta = json!({"type": "timeseries-multi", "typeVersion": [0, 1]});
    frame
}

fn class_of(x: &anomaly::Finding) -> String {
    x.class
        .map(|c| explain::class_id(c.info()))
        .unwrap_or_default()
}

/// Anomalous findings as events: an incident is annotated exactly when
/// one of its lines is counted in the series.
fn events(cx: &Context<'_>, all: &[anomaly::Finding]) -> Frame {
    let f: Vec<&anomaly::Finding> = all.iter().filter(|x| x.anomalous()).collect();
    let title = |x: &&anomaly::Finding| {
        let class = class_of(x);
        if class.is_empty() {
            format!("{:?} ({:.2})", x.kind, x.score)
        } else {
            format!("{:?}: {class} ({:.2})", x.kind, x.score)
        }
    };
    cx.frame(
        "annotations",
        vec![
            Field::new("time", Values::Time(f.iter().map(|x| x.start).collect())),
            Field::new("timeEnd", Values::Time(f.iter().map(|x| x.end).collect())),
            Field::new("title", text(f.iter().map(title).collect())),
            Field::new(
                "text",
                text(
                    f.iter()
                        .map(|x| format!("{}: {}", x.template, x.summary))
                        .collect(),
                ),
            ),
        ],
    )
}

fn findings(cx: &Context<'_>, f: &[anomaly::Finding]) -> Frame {
    let texts = |get: fn(&anomaly::Finding) -> String| text(f.iter().map(get).collect());
    cx.frame(
        "findings",
        vec![
            Field::new("Time", Values::Time(f.iter().map(|x| x.start).collect())),
            Field::new("score", number(f.iter().map(|x| x.score).collect())),
            Field::new("kind", texts(|x| format!("{:?}", x.kind))),
            Field::new("class", texts(class_of)),
            Field::new("template", texts(|x| x.template.clone())),
            Field::new("summary", texts(|x| x.summary.clone())),
            Field::new("evidence", texts(|x| x.evidence.clone())),
        ],
    )
}
