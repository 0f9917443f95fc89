//! CallResource: what the editors need besides queries (docs/plugin-api.md).

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};

use super::instance::Instance;
use crate::retrieve::{DocKind, Retriever};
use crate::source::TimeRange;

const MS: i64 = 1_000_000;
const HOUR_NS: i64 = 3_600_000_000_000;

/// (HTTP status, JSON body)
pub type Reply = (u16, Value);

fn error(code: u16, message: impl Into<String>) -> Reply {
    (code, json!({"error": message.into()}))
}

fn query_param<'u>(url: &'u str, name: &str) -> Option<std::borrow::Cow<'u, str>> {
    let query = url.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GenerateRequest {
    question: String,
    from: Option<i64>,
    to: Option<i64>,
}

/// A Grafana organisation role, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    None,
    Viewer,
    Editor,
    Admin,
}

impl Role {
    /// Grafana's role names; anything else (or no user) has no role.
    pub fn parse(name: &str) -> Role {
        match name.trim().to_ascii_lowercase().as_str() {
            "admin" => Role::Admin,
            "editor" => Role::Editor,
            "viewer" => Role::Viewer,
            _ => Role::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::None => "no role",
            Role::Viewer => "Viewer",
            Role::Editor => "Editor",
            Role::Admin => "Admin",
        }
    }
}

/// Who is calling, as Grafana says in the plugin context.
#[derive(Debug, Clone)]
pub struct Caller {
    pub login: String,
    pub role: Role,
}

impl Caller {
    pub fn of(ctx: &Option<super::proto::PluginContext>) -> Caller {
        match ctx.as_ref().and_then(|c| c.user.as_ref()) {
            Some(u) => Caller {
                login: u.login.clone(),
                role: Role::parse(&u.role),
            },
            None => Caller {
                login: String::new(),
                role: Role::None,
            },
        }
    }
}

/// The role each resource needs (docs/plugin-api.md). Grafana lets anyone
/// who can see a datasource call its resources, so the plugin decides:
/// reading is open, spending LLM tokens needs an Editor, and a full scan of
/// the datasource (a knowledge rebuild) needs an Admin.
pub fn required_role(method: &str, path: &str) -> Role {
    match (method, path.trim_matches('/')) {
        ("POST", "knowledge/rebuild") => Role::Admin,
        ("POST", "generate") => Role::Editor,
        _ => Role::Viewer,
    }
}

pub async fn call(
    instance: Arc<Instance>,
    caller: &Caller,
    method: &str,
    path: &str,
    url: &str,
    body: &[u8],
) -> Reply {
    let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
    // Variable queries pass Grafana's range as from/to (ms).
    let ms = |name: &str| query_param(url, name).and_then(|v| v.parse::<i64>().ok());
    let last_hour = match (ms("from"), ms("to")) {
        (Some(from), Some(to)) if to > from => TimeRange {
            start: from * MS,
            end: to * MS,
        },
        _ => instance.default_range(),
    };
    let needed = required_role(method, path);
    if caller.role < needed {
        return error(
            403,
            format!(
                "{method} {} needs the {} role; you have {}",
                path.trim_matches('/'),
                needed.name(),
                caller.role.name()
            ),
        );
    }
    match (method, path.trim_matches('/')) {
        ("GET", "status") => (200, instance.status_json()),
        ("POST", "knowledge/rebuild") => {
            instance.start_knowledge();
            (202, json!({"state": "building"}))
        }
        ("GET", "labels") => match instance.source.labels(last_hour).await {
            Ok(names) => (200, json!(names)),
            Err(e) => error(502, format!("the log source failed: {e}")),
        },
        ("GET", "label-values") => {
            let Some(name) = query_param(url, "name") else {
                return error(400, "give the label: label-values?name=app");
            };
            match instance.source.label_values(&name, last_hour).await {
                Ok(values) => (200, json!(values)),
                Err(e) => error(502, format!("the log source failed: {e}")),
            }
        }
        ("GET", "templates") => {
            let Some(k) = instance.knowledge() else {
                return (200, json!([]));
            };
            let words: Vec<String> = query_param(url, "q")
                .map(|q| q.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default();
            let limit = query_param(url, "limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(20usize)
                .clamp(1, 200);
            let chosen: Vec<&crate::knowledge::TemplateInfo> = if words.is_empty() {
                k.templates.iter().take(limit).collect()
            } else {
                Retriever::new(Some(&k), &[])
                    .search(&words, limit)
                    .iter()
                    .filter(|h| h.kind == DocKind::Template)
                    .filter_map(|h| k.template(&h.key))
                    .collect()
            };
            let out: Vec<Value> = chosen
                .iter()
                .map(|t| {
                    json!({
                        "id": t.id,
                        "text": t.text,
                        "count": t.count,
                        "summary": t.summary,
                        "selection": t.queries.selection(),
                        "params": t.params.iter().map(|p| json!({"name": p.name, "type": p.kind.name()})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            (200, Value::Array(out))
        }
        ("POST", "generate") => {
            let req: GenerateRequest = if body.is_empty() {
                GenerateRequest::default()
            } else {
                match serde_json::from_slice(body) {
                    Ok(r) => r,
                    Err(e) => return error(400, format!("the body is not the JSON expected: {e}")),
                }
            };
            if req.question.trim().is_empty() {
                return error(400, "ask a question");
            }
            let window = (
                req.from.map_or(now - HOUR_NS, |f| f * MS),
                req.to.map_or(now, |t| t * MS),
            );
            let labels = instance
                .labels(TimeRange {
                    start: window.0,
                    end: window.1,
                })
                .await;
            let knowledge = instance
                .knowledge_within(std::time::Duration::from_secs(3))
                .await;
            let llm = instance.llm_for(caller);
            let asker = instance.asker(window, knowledge.as_deref(), labels, llm.client.as_ref());
            match asker.propose(&req.question).await {
                Ok(g) => (
                    200,
                    json!({"logql": g.logql, "reusable": g.reusable, "origin": g.origin, "why": g.why, "notice": llm.notice}),
                ),
                Err(e) => error(400, e.to_string()),
            }
        }
        // What the logs show in an alert's window (src/plugin/explain_alert.rs).
        ("GET", "explain") => {
            let req = super::explain_alert::ExplainRequest::from_url(url);
            super::explain_alert::call(&instance, req).await
        }
        ("POST", "explain") => {
            match serde_json::from_slice(if body.is_empty() { b"{}" } else { body }) {
                Ok(req) => super::explain_alert::call(&instance, req).await,
                Err(e) => error(400, format!("the body is not the JSON expected: {e}")),
            }
        }
        (m, p) => error(404, format!("no resource {m} {p}; see docs/plugin-api.md")),
    }
}
