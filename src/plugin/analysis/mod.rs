//! The analysis query modes: the lines of the scope in the dashboard's
//! range (up to Max lines), analysed as the CLI does, as frames — anomalous
//! lines over time (a series panels and alerts can use), and tables of
//! templates, findings, root-cause candidates or an explanation, with the
//! text in the first frame's notices. Each mode is an `Analysis`; this
//! module reads the lines and wraps what a mode returns.

mod anomalies;
mod explain;
mod parse;
mod rootcause;

use serde_json::json;

use super::frames::{Field, Frame, Values};
use super::instance::Instance;
use super::proto::DataResponse;
use super::query::Request;
use super::response::{encode, failure};
use crate::analyze::lines::{prepare, Prepared};
use crate::analyze::{route, Task};
use crate::llm::LlmClient;
use crate::source::{Direction, RangeQuery};

/// What a mode works from, and the notices it leaves for the user.
pub(crate) struct Context<'a> {
    pub instance: &'a Instance,
    pub req: &'a Request,
    pub lines: Prepared,
    pub llm: Option<&'a LlmClient>,
    notes: Vec<(&'static str, String)>,
    /// What reading the lines cost, for the query inspector.
    stats: Vec<serde_json::Value>,
}

impl Context<'_> {
    pub fn frame(&self, name: &str, fields: Vec<Field>) -> Frame {
        Frame {
            name: name.to_string(),
            ref_id: self.req.ref_id.clone(),
            meta: json!({}),
            fields,
        }
    }

    /// The headline: the first notice.
    pub fn lead(&mut self, text: String) {
        self.notes.insert(0, ("info", text));
    }

    pub fn warn(&mut self, text: String) {
        self.notes.push(("warning", text));
    }
}

/// One analysis mode: frames from the scope's lines, or a failure.
pub(crate) trait Analysis {
    /// Whether alert rules may run it (they need a series).
    const FOR_ALERTS: bool = false;

    async fn frames(&self, cx: &mut Context<'_>) -> Result<Vec<Frame>, DataResponse>;
}

/// Run the mode `task` names (`None`: the question says which).
pub async fn run(
    instance: &Instance,
    task: Option<Task>,
    req: &Request,
    llm: Option<&LlmClient>,
) -> DataResponse {
    match task.unwrap_or_else(|| route(&req.model.question)) {
        Task::Anomalies => answer(anomalies::Anomalies, instance, req, llm).await,
        Task::Parse => answer(parse::Parse, instance, req, llm).await,
        Task::Explain => answer(explain::Explain, instance, req, llm).await,
        Task::RootCause => answer(rootcause::RootCause { advise: false }, instance, req, llm).await,
        Task::Recommend => answer(rootcause::RootCause { advise: true }, instance, req, llm).await,
    }
}

async fn answer<A: Analysis>(
    analysis: A,
    instance: &Instance,
    req: &Request,
    llm: Option<&LlmClient>,
) -> DataResponse {
    if req.from_alert && !A::FOR_ALERTS {
        return failure(
            400,
            "plugin",
            "alert rules can use the anomalies mode; the other analyses are for people",
        );
    }
    let limit = req.model.line_limit(instance.settings.limits.max_lines);
    let read = match read_lines(instance, req.window, limit).await {
        Ok(x) => x,
        Err(e) => return failure(400, "downstream", e),
    };
    let mut cx = Context {
        instance,
        req,
        lines: read.lines,
        llm,
        notes: Vec::new(),
        stats: read.stats,
    };
    let cut = read.cut;
    if cut {
        cx.warn(format!(
            "analysed the newest {limit} lines of the range; raise Max lines to read more"
        ));
    }
    match analysis.frames(&mut cx).await {
        Ok(frames) => finish(&req.ref_id, frames, cx.notes, cx.stats),
        Err(failed) => failed,
    }
}

/// The scope's lines in the window, oldest first.
struct Read {
    lines: Prepared,
    /// The limit cut them: older lines were left out.
    cut: bool,
    /// The source's query stats, as Grafana lists them.
    stats: Vec<serde_json::Value>,
}

async fn read_lines(instance: &Instance, window: (i64, i64), limit: u32) -> Result<Read, String> {
    let scope = instance.settings.scope.trim();
    if scope.is_empty() {
        return Err(
            "analysis needs the datasource's scope (a stream selector) to read lines from".into(),
        );
    }
    let r = instance
        .source
        .query_range(&RangeQuery {
            query: scope.to_string(),
            start: window.0,
            end: window.1,
            step: crate::loki::choose_step(window.0, window.1, None),
            limit,
            direction: Direction::Backward,
        })
        .await
        .map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    if let crate::source::QueryResult::Streams(streams) = &r.result {
        for s in streams {
            for e in &s.entries {
                all.push((s.labels.clone(), e.ts, e.line.clone()));
            }
        }
    }
    if all.is_empty() {
        return Err("no lines in the range to analyse".into());
    }
    let cut = all.len() as u32 >= limit;
    all.sort_by_key(|x| x.1);
    Ok(Read {
        lines: prepare(all),
        cut,
        stats: r
            .stats
            .as_ref()
            .map(super::stats::query_stats)
            .unwrap_or_default(),
    })
}

/// The frames, with the notices on the first.
fn finish(
    ref_id: &str,
    mut frames: Vec<Frame>,
    notes: Vec<(&str, String)>,
    stats: Vec<serde_json::Value>,
) -> DataResponse {
    if frames.is_empty() {
        frames.push(super::frames::empty_frame(ref_id));
    }
    let notices: Vec<_> = notes
        .into_iter()
        .map(|(severity, text)| json!({"severity": severity, "text": text}))
        .collect();
    let meta = frames[0].meta.as_object_mut().map(std::mem::take);
    let mut meta = meta.unwrap_or_default();
    meta.insert("notices".into(), json!(notices));
    if !stats.is_empty() {
        meta.insert("stats".into(), json!(stats));
    }
    // A series keeps its data-plane type; anything else reads as a table.
    if !meta.contains_key("type") {
        meta.insert("preferredVisualisationType".into(), json!("table"));
    }
    frames[0].meta = serde_json::Value::Object(meta);
    encode(&frames)
}

pub(crate) fn text(values: Vec<String>) -> Values {
    Values::Text(values)
}

pub(crate) fn number(values: Vec<f64>) -> Values {
    Values::Number(values)
}
