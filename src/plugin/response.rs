//! What a refId's answer becomes: Grafana frames with the answer, the
//! executed LogQL and notices in the first frame's meta, or a failure with
//! the status and error source Grafana files it under. The query modes
//! all answer through here; nothing here runs a query.

use serde_json::{json, Value};

use super::frames::{self, Frame};
use super::model::QueryModel;
use super::proto::DataResponse;
use crate::ask::Answer;
use crate::source::QueryResult;

pub(crate) const MS: i64 = 1_000_000;

/// The status and error source Grafana files a failed question under: the
/// user's query (400, ours to explain), or Loki failing or timing out
/// (502/504, downstream), so alerting and dashboards treat them apart.
pub fn error_class(e: &crate::ask::AskError) -> (i32, &'static str) {
    use crate::ask::AskError;
    use crate::source::SourceError;
    match e {
        AskError::Plan(_) => (400, "plugin"),
        AskError::Pinned(s) | AskError::Source(s) => match s {
            SourceError::BadRequest(_) | SourceError::Limit(_) => (400, "downstream"),
            SourceError::Unavailable(_) => (502, "downstream"),
            SourceError::Timeout(_) => (504, "downstream"),
            SourceError::Unsupported(_) => (501, "downstream"),
        },
    }
}

/// A refId's failure as Grafana shows it.
pub fn failure(status: i32, source: &str, message: impl Into<String>) -> DataResponse {
    DataResponse {
        error: message.into(),
        status,
        error_source: source.to_string(),
        ..Default::default()
    }
}

/// Events for Grafana's annotations: one per incident, explained
/// (`annotationEvents: "incidents"`, the default), or one per line found
/// (or per step with a count, for a metric), the line as text.
pub fn annotate(
    ref_id: &str,
    answer: &Answer,
    events: super::model::AnnotationEvents,
) -> DataResponse {
    match events {
        super::model::AnnotationEvents::Lines => annotate_lines(ref_id, answer),
        super::model::AnnotationEvents::Incidents => annotate_incidents(ref_id, answer),
    }
}

/// One event per incident: time and timeEnd (a region), a title saying
/// what kind and how many lines, the explanation as text, the kind as a
/// tag and the LogQL that shows it. A metric's incidents are runs of steps
/// well above the series' usual value.
fn annotate_incidents(ref_id: &str, answer: &Answer) -> DataResponse {
    use super::incidents;
    let mut rows: Vec<Event> = Vec::new();
    match &answer.result {
        QueryResult::Streams(_) => {
            let lines = incidents::lines_of(&answer.result);
            if let Some(mut a) = incidents::analyse(lines, &answer.logql) {
                for x in a.incidents(answer.window) {
                    rows.push(Event {
                        start: x.start,
                        end: x.end,
                        title: x.title(),
                        text: x.text(),
                        tags: x.tags(),
                        logql: x.logql.clone(),
                    });
                }
            }
        }
        QueryResult::Matrix(m) => {
            for s in m.iter().take(incidents::MAX_INCIDENTS) {
                let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
                let (runs, usual) = incidents::hot_runs(&values);
                for (a, b) in runs {
                    let points = &s.points[a..=b.min(s.points.len() - 1)];
                    let peak = points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
                    let step = answer.step.max(1);
                    let start = points[0].ts_ms.saturating_mul(MS);
                    let end = points[points.len() - 1]
                        .ts_ms
                        .saturating_mul(MS)
                        .saturating_add(step);
                    let value = crate::source::format_sample_value;
                    rows.push(Event {
                        start,
                        end,
                        title: format!("Burst: up to {}", value(peak)),
                        text: format!(
                            "{} from {} to {}, up to {} against usually {}.\nLogQL: {}",
                            if s.labels.is_empty() {
                                "The series".to_string()
                            } else {
                                s.labels.to_string()
                            },
                            incidents::clock(start),
                            incidents::clock(end),
                            value(peak),
                            value(usual),
                            answer.logql
                        ),
                        tags: "burst".into(),
                        logql: answer.logql.clone(),
                    });
                    if rows.len() >= incidents::MAX_INCIDENTS {
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    rows.truncate(incidents::MAX_INCIDENTS);
    let column = |get: fn(&Event) -> String| frames::Values::Text(rows.iter().map(get).collect());
    let frame = Frame {
        name: "annotations".into(),
        ref_id: ref_id.to_string(),
        meta: json!({"executedQueryString": format!("Expr: {}", answer.logql)}),
        fields: vec![
            frames::Field::new(
                "time",
                frames::Values::Time(rows.iter().map(|r| r.start).collect()),
            ),
            frames::Field::new(
                "timeEnd",
                frames::Values::Time(rows.iter().map(|r| r.end).collect()),
            ),
            frames::Field::new("title", column(|r| r.title.clone())),
            frames::Field::new("text", column(|r| r.text.clone())),
            frames::Field::new("tags", column(|r| r.tags.clone())),
            frames::Field::new("logql", column(|r| r.logql.clone())),
        ],
    };
    encode(std::slice::from_ref(&frame))
}

/// One annotation event, a row of the frame.
struct Event {
    start: i64,
    end: i64,
    title: String,
    text: String,
    tags: String,
    logql: String,
}

/// One event per line found (or per step with a count, for a metric),
/// titled with the question, the line as text.
fn annotate_lines(ref_id: &str, answer: &Answer) -> DataResponse {
    let title = crate::llm::untrusted(&answer.understanding.question);
    let mut times = Vec::new();
    let mut texts = Vec::new();
    let mut tags = Vec::new();
    match &answer.result {
        QueryResult::Streams(streams) => {
            for s in streams {
                let tag = s
                    .labels
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",");
                for e in &s.entries {
                    times.push(e.ts);
                    texts.push(crate::llm::untrusted(&e.line));
                    tags.push(tag.clone());
                }
            }
        }
        QueryResult::Matrix(m) => {
            for s in m {
                for p in s.points.iter().filter(|p| p.value > 0.0) {
                    times.push(p.ts_ms * MS);
                    texts.push(format!(
                        "{} {}",
                        crate::source::format_sample_value(p.value),
                        s.labels
                    ));
                    tags.push(String::new());
                }
            }
        }
        _ => {}
    }
    let frame = Frame {
        name: "annotations".into(),
        ref_id: ref_id.to_string(),
        meta: json!({"executedQueryString": format!("Expr: {}", answer.logql)}),
        fields: vec![
            frames::Field::new("time", frames::Values::Time(times.clone())),
            frames::Field::new("title", frames::Values::Text(vec![title; times.len()])),
            frames::Field::new("text", frames::Values::Text(texts)),
            frames::Field::new("tags", frames::Values::Text(tags)),
        ],
    };
    encode(std::slice::from_ref(&frame))
}

/// Frames for an answer; the first carries the meta.
pub fn respond(
    ref_id: &str,
    model: &QueryModel,
    answer: &Answer,
    log_limit: u32,
    notice: Option<String>,
) -> DataResponse {
    let mut notices = vec![
        json!({"severity": "info", "text": answer.written.as_deref().unwrap_or(&answer.answer)}),
    ];
    if let Some(text) = notice {
        notices.push(json!({"severity": "warning", "text": text}));
    }
    let mut frames: Vec<Frame> = match &answer.result {
        QueryResult::Streams(_) => {
            let forward = answer.understanding.intent == crate::ask::understand::Intent::First;
            let frame = frames::logs_frame(ref_id, &answer.result, forward);
            if frame.rows() as u32 >= log_limit && log_limit > 1 {
                notices.push(json!({
                    "severity": "warning",
                    "text": format!("results were cut at {log_limit} lines; narrow the question or raise Max lines"),
                }));
            }
            vec![frame]
        }
        other => frames::metric_frames(
            ref_id,
            other,
            model.legend_format.as_deref(),
            answer.step / MS,
        ),
    };
    if frames.is_empty() {
        frames.push(frames::empty_frame(ref_id));
    }
    // As Grafana's Loki datasource does: the query (and its step) on every
    // frame, the words to highlight on log frames.
    let executed = executed_query_string(answer);
    let search_words = search_words(&answer.logql);
    for frame in frames.iter_mut() {
        if let Value::Object(m) = &mut frame.meta {
            m.insert("executedQueryString".into(), json!(executed));
            if m.get("preferredVisualisationType") == Some(&json!("logs")) {
                m.insert("searchWords".into(), json!(search_words));
                m.insert("limit".into(), json!(log_limit));
            }
        }
    }
    let first = &mut frames[0];
    let mut meta = match std::mem::take(&mut first.meta) {
        Value::Object(m) => m,
        _ => Default::default(),
    };
    meta.insert("notices".into(), Value::Array(notices));
    // Loki's summary, as the query inspector lists it.
    let stats = answer
        .stats
        .as_ref()
        .map(super::stats::query_stats)
        .unwrap_or_default();
    if !stats.is_empty() {
        meta.insert("stats".into(), json!(stats));
    }
    let custom = meta
        .entry("custom")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    let mut custom = custom;
    custom.insert(
        "askloki".into(),
        json!({
            "answer": answer.answer,
            "written": answer.written,
            "logql": answer.logql,
            "reusable": answer.reusable,
            "origin": answer.origin,
            "attempts": answer.attempts,
            "why": answer.why,
        }),
    );
    meta.insert("custom".into(), Value::Object(custom));
    first.meta = Value::Object(meta);
    // Last, so the first frame keeps the meta and Explore's and the panels'
    // reading of the logs or series is unchanged.
    if model.answer_frame {
        let mut frame = super::answer_frame::answer_frame(ref_id, answer);
        if let Value::Object(m) = &mut frame.meta {
            m.insert("executedQueryString".into(), json!(executed));
        }
        frames.push(frame);
    }
    encode(&frames)
}

/// `Expr: <LogQL>`, with `Step: <duration>` for a query over time, as
/// Grafana's Loki datasource writes it.
pub fn executed_query_string(answer: &Answer) -> String {
    if answer.step > 0 {
        format!(
            "Expr: {}\nStep: {}",
            answer.logql,
            crate::logql::duration::format_go_duration(answer.step)
        )
    } else {
        format!("Expr: {}", answer.logql)
    }
}

/// The literal text of a query's positive line filters (`|= "x"`): what a
/// logs panel highlights.
fn search_words(logql: &str) -> Vec<String> {
    use crate::logql::{Expr, LineFilterOp, Stage};
    let Ok(Expr::Log(log)) = crate::logql::parse(logql) else {
        return Vec::new();
    };
    log.pipeline
        .iter()
        .filter_map(|stage| match stage {
            Stage::LineFilter(f) if f.op == LineFilterOp::Contains => Some(&f.values),
            _ => None,
        })
        .flatten()
        .map(|v| v.text().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Frames as Arrow IPC files in a successful response.
pub fn encode(frames: &[Frame]) -> DataResponse {
    let mut encoded = Vec::with_capacity(frames.len());
    for f in frames {
        match f.to_arrow() {
            Ok(b) => encoded.push(b),
            Err(e) => return failure(500, "plugin", e.to_string()),
        }
    }
    DataResponse {
        frames: encoded,
        status: 200,
        ..Default::default()
    }
}
