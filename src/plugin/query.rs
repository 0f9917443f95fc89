//! QueryData: each refId answered on its own, into Grafana frames with the
//! answer, the executed LogQL and notices in the first frame's meta.

use std::sync::Arc;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{json, Value};

use super::frames::{self, Frame};
use super::instance::{Instance, RequestLlm};
use super::metrics::Metrics;
use super::mode::QueryMode;
use super::proto::{DataQuery, DataResponse};
use super::resources::Caller;
use crate::ask::{Answer, Want};
use crate::source::{QueryResult, TimeRange};

/// The query model the frontend sends (docs/plugin-api.md); unknown
/// fields are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QueryModel {
    pub question: String,
    pub mode: Option<String>,
    pub logql: Option<String>,
    #[serde(deserialize_with = "lenient_count")]
    pub max_lines: Option<u32>,
    pub legend_format: Option<String>,
    /// Set by the plugin for annotation queries (mode `annotations` or refId `Anno`).
    #[serde(skip)]
    pub annotations: bool,
}

/// A count as editors and hand-written JSON send it: any number (`1e12`,
/// `250.0`) or numeric string, saturated to `u32`; the datasource's limit
/// then bounds it. Anything else is no value rather than a failed query.
fn lenient_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = Value::deserialize(d)?;
    let n = match &v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(n.filter(|n| n.is_finite())
        .map(|n| n.clamp(0.0, f64::from(u32::MAX)) as u32))
}

const MS: i64 = 1_000_000;

/// The status and error source Grafana files a failed question under: the
/// user's query (400, ours to explain), or Loki failing or timing out
/// (502/504, downstream), so alerting and dashboards treat them apart.
pub(crate) fn error_class(e: &crate::ask::AskError) -> (i32, &'static str) {
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
pub(crate) fn failure(status: i32, source: &str, message: impl Into<String>) -> DataResponse {
    DataResponse {
        error: message.into(),
        status,
        error_source: source.to_string(),
        ..Default::default()
    }
}

pub async fn run(
    instance: Arc<Instance>,
    metrics: &Metrics,
    q: DataQuery,
    caller: &Caller,
    from_alert: bool,
) -> DataResponse {
    let started = Instant::now();
    let model: QueryModel = if q.json.is_empty() {
        QueryModel::default()
    } else {
        match serde_json::from_slice(&q.json) {
            Ok(m) => m,
            Err(e) => return failure(400, "plugin", format!("the query is not valid JSON: {e}")),
        }
    };
    let range = q.time_range.unwrap_or_default();
    let window = (
        range.from_epoch_ms * MS,
        range.to_epoch_ms.max(range.from_epoch_ms + 1) * MS,
    );
    let mode = match QueryMode::parse(model.mode.as_deref()) {
        Ok(m) => m,
        Err(e) => return failure(400, "plugin", e),
    };
    // Grafana's annotation support sends refId "Anno".
    let mut model = model;
    model.annotations = mode == QueryMode::Annotations || q.ref_id == "Anno";
    // An alert evaluation never waits on an LLM.
    let llm = if from_alert {
        RequestLlm {
            client: None,
            notice: None,
        }
    } else {
        instance.llm_for(caller)
    };
    if let Some(task) = mode.analysis() {
        let llm = llm.client.as_ref();
        return super::analysis::run(&instance, task, &model, &q.ref_id, window, from_alert, llm)
            .await;
    }
    let pinned = model
        .logql
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if model.question.trim().is_empty() && pinned.is_none() {
        return failure(400, "plugin", "ask a question, or pin a LogQL query");
    }
    let want = if model.annotations {
        Want::Events
    } else {
        mode.want()
    };
    let labels = instance
        .labels(TimeRange {
            start: window.0,
            end: window.1,
        })
        .await;
    // Right after a start the knowledge base is being built: worth a short
    // wait for questions (never for alerts or pinned queries).
    let patience = if from_alert || pinned.is_some() { 0 } else { 3 };
    let knowledge = instance
        .knowledge_within(std::time::Duration::from_secs(patience))
        .await;
    let mut asker = instance.asker(window, knowledge.as_deref(), labels, llm.client.as_ref());
    asker.options.log_limit = model
        .max_lines
        .unwrap_or(instance.settings.limits.max_lines)
        .clamp(1, instance.settings.limits.max_lines);
    // Grafana's interval, and never more points than the panel can show.
    let by_points = if q.max_data_points > 0 {
        (window.1 - window.0) / q.max_data_points
    } else {
        0
    };
    asker.options.min_step = (q.interval_ms.max(0) * MS).max(by_points);
    asker.options.want = if from_alert { Want::Metrics } else { want };
    asker.options.write_answer = !from_alert;
    let asked = match pinned {
        Some(logql) => asker.ask_pinned(&model.question, logql).await,
        None => asker.ask(&model.question).await,
    };
    let answer = match asked {
        Ok(a) => a,
        Err(e) => {
            metrics.error("query");
            let (status, source) = error_class(&e);
            return failure(status, source, e.to_string());
        }
    };
    metrics.origin(answer.origin.as_str());
    metrics.tokens(
        answer.llm_usage.prompt_tokens,
        answer.llm_usage.completion_tokens,
    );
    for (stage, seconds) in &answer.stages {
        metrics.stage(stage, *seconds);
    }
    if from_alert && matches!(answer.result, QueryResult::Streams(_)) {
        return failure(
            400,
            "plugin",
            "alert rules need a metric: ask how many, how often or a rate, or pin a metric LogQL query",
        );
    }
    let response = if model.annotations {
        annotate(&q.ref_id, &answer)
    } else {
        respond(
            &q.ref_id,
            &model,
            &answer,
            asker.options.log_limit,
            llm.notice,
        )
    };
    metrics.stage("query", started.elapsed().as_secs_f64());
    response
}

/// Events for Grafana's annotations: one per line found (or per step with
/// a count, for a metric), titled with the question, the line as text.
pub fn annotate(ref_id: &str, answer: &Answer) -> DataResponse {
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
    encode(&frames)
}

/// `Expr: <LogQL>`, with `Step: <duration>` for a query over time, as
/// Grafana's Loki datasource writes it.
fn executed_query_string(answer: &Answer) -> String {
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
pub(crate) fn encode(frames: &[Frame]) -> DataResponse {
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
