//! The LLM-free planner: LogQL from the understood question, the retrieved
//! templates and the scope's labels. Deterministic; every query it returns
//! parses and stays inside the scope.

use super::understand::{Aggregate, Intent, Understanding};
use crate::knowledge::{Knowledge, ParamInfo, ParamType, TemplateInfo};
use crate::logql::{self, go_quote, Scope};
use crate::retrieve::{DocKind, Retriever};
use crate::source::Direction;

/// What the planner knows besides the question.
pub struct Context<'a> {
    /// The datasource scope, a stream selector (`{app="sshd"}`).
    pub scope: &'a str,
    pub knowledge: Option<&'a Knowledge>,
    /// Label names with their values, within the scope.
    pub labels: &'a [(String, Vec<String>)],
    /// The window when the question names none (the dashboard range).
    pub window: (i64, i64),
}

/// A query and how to run it.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// A log query over `[start, end)`.
    Logs {
        query: String,
        start: i64,
        end: i64,
        limit: u32,
        direction: Direction,
    },
    /// A metric query at `time`.
    Instant { query: String, time: i64 },
    /// A metric query over a range.
    Range {
        query: String,
        start: i64,
        end: i64,
        step: i64,
    },
}

impl Plan {
    fn query_mut(&mut self) -> &mut String {
        match self {
            Plan::Logs { query, .. } | Plan::Instant { query, .. } | Plan::Range { query, .. } => {
                query
            }
        }
    }

    pub fn query(&self) -> &str {
        match self {
            Plan::Logs { query, .. } | Plan::Instant { query, .. } | Plan::Range { query, .. } => {
                query
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub plan: Plan,
    /// The query with `$__range`/`$__interval` unexpanded, for pinning.
    pub reusable: String,
    /// The template the query is built on, if any.
    pub template: Option<String>,
    /// Why: retrieval hits and choices, for `--explain`.
    pub why: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the scope {0:?} is not a stream selector: {1}")]
    Scope(String, String),
    #[error("the planner built an invalid query {query:?}: {error}")]
    Invalid { query: String, error: String },
}

/// How far a plan may lean on the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Use the best template's LogQL.
    Template,
    /// Only keyword and entity line filters (the fallback).
    Keywords,
}

const SECOND: i64 = 1_000_000_000;

pub fn plan(u: &Understanding, cx: &Context<'_>, mode: Mode) -> Result<Planned, PlanError> {
    let scope =
        Scope::parse(cx.scope).map_err(|e| PlanError::Scope(cx.scope.into(), e.to_string()))?;
    let (start, end) = u.time.as_ref().map_or(cx.window, |t| (t.start, t.end));
    let end = end.max(start + SECOND);
    let mut why = Vec::new();

    // Retrieval: the template the question is about, and label values it names.
    let retriever = Retriever::new(cx.knowledge, cx.labels);
    let mut words = u.keywords.clone();
    words.extend(u.entities.quoted.iter().cloned());
    let hits = retriever.search(&words, 8);
    // Among templates the words match, frequent ones are likelier to be
    // what the question means: weigh BM25 by the log of the line count.
    let weight =
        |h: &crate::retrieve::Hit, t: &TemplateInfo| h.score * (1.0 + (t.count as f64).ln());
    let candidates: Vec<(&crate::retrieve::Hit, &TemplateInfo)> = match (mode, cx.knowledge) {
        (Mode::Template, Some(k)) => hits
            .iter()
            .filter(|h| h.kind == DocKind::Template)
            .filter_map(|h| k.template(&h.key).map(|t| (h, t)))
            .filter(|(_, t)| t.queries.exact && t.queries.field.is_none())
            .collect(),
        _ => Vec::new(),
    };
    let best = candidates
        .iter()
        .copied()
        .max_by(|(ha, ta), (hb, tb)| weight(ha, ta).total_cmp(&weight(hb, tb)));
    let template: Option<&TemplateInfo> = best.map(|(h, t)| {
        why.push(format!(
            "template {} ({} lines) matched {}: {}",
            t.id,
            t.count,
            h.matched.join(", "),
            super::answer::quote_line(&t.text)
        ));
        t
    });
    // Templates the question matches just as well (the same words, a
    // comparable score) are variants of one event: selections that need no
    // extraction take them all.
    let siblings: Vec<&TemplateInfo> = match best {
        Some((bh, _)) => candidates
            .iter()
            .filter(|(h, _)| h.matched == bh.matched && h.score >= 0.6 * bh.score)
            .map(|(_, t)| *t)
            .collect(),
        None => Vec::new(),
    };

    let mut selector = scope_selector(&scope);
    for h in hits
        .iter()
        .filter(|h| h.kind == DocKind::LabelValue)
        .take(1)
    {
        if let Some((name, value)) = h.key.split_once('=') {
            if !scope.matchers().iter().any(|m| m.name == name) {
                selector.push(format!("{name}={}", go_quote(value)));
                why.push(format!(
                    "label {name}={value} matched {}",
                    h.matched.join(", ")
                ));
            }
        }
    }
    let selector = format!("{{{}}}", selector.join(", "));

    let mut pipeline: Vec<String> = Vec::new();
    let needs_extraction = matches!(
        u.intent,
        Intent::TopK { .. } | Intent::DistinctCount | Intent::NumericAggregate(_)
    );
    match template {
        Some(_) if siblings.len() > 1 && !needs_extraction => {
            let union: Vec<String> = siblings
                .iter()
                .map(|t| format!("(?:{})", unquote_regex(&t.queries.regex_filter)))
                .collect();
            why.push(format!(
                "{} templates describe the same event; selecting them all",
                siblings.len()
            ));
            pipeline.push(format!("|~ {}", go_quote(&union.join("|"))));
        }
        Some(t) => pipeline.push(t.queries.selection()),
        None => {
            for q in &u.entities.quoted {
                pipeline.push(format!("|= {}", go_quote(q)));
            }
            if u.entities.quoted.is_empty() {
                if let Some(k) = u.keywords.iter().find(|k| k.len() >= 3) {
                    pipeline.push(format!(
                        "|~ {}",
                        go_quote(&format!("(?i){}", regex::escape(k)))
                    ));
                    why.push(format!("no template: filtering lines on the keyword {k:?}"));
                }
            }
        }
    }
    let e = &u.entities;
    for v in e
        .ips
        .iter()
        .chain(&e.ids)
        .chain(&e.users)
        .chain(&e.hosts)
        .chain(&e.paths)
    {
        pipeline.push(format!("|= {}", go_quote(v)));
    }
    for code in &e.status_codes {
        pipeline.push(format!("|~ {}", go_quote(&format!(r"\b{code}\b"))));
    }
    let pipeline = pipeline.join(" ");
    let logs = format!("{selector} {pipeline}").trim_end().to_string();

    // The label to group by: a stream label, else a template parameter.
    let by = u.by.as_deref().and_then(|b| group_label(b, cx, template));
    let extraction = match (&by, template) {
        (Some(Grouping::Param(_)), Some(t)) | (None, Some(t)) => t.queries.extraction(),
        _ => None,
    };
    let extracted = extraction
        .as_deref()
        .map_or(logs.clone(), |x| format!("{logs} {x}"));
    // Grafana's variables keep the query reusable for any window (pinning,
    // caching); they are expanded below, before the query is checked.
    let range = "[$__range]";
    let mut step = SECOND;

    let plan = match &u.intent {
        Intent::ShowLogs | Intent::ErrorSummary | Intent::Explain => Plan::Logs {
            query: match (&u.intent, template) {
                (Intent::ErrorSummary, None) => format!(
                    "{selector} |~ {}",
                    go_quote("(?i)(error|fail|fatal|exception|critical|panic)")
                ),
                _ => logs.clone(),
            },
            start,
            end,
            limit: 100,
            direction: Direction::Backward,
        },
        Intent::First | Intent::Last => Plan::Logs {
            query: logs.clone(),
            start,
            end,
            limit: 1,
            direction: if u.intent == Intent::First {
                Direction::Forward
            } else {
                Direction::Backward
            },
        },
        Intent::Count | Intent::Exists => Plan::Instant {
            query: format!("sum(count_over_time({logs} {range}))"),
            time: end,
        },
        Intent::RateOverTime => {
            // Never more than Loki's 11,000 points, whatever the question says.
            step = crate::loki::choose_step(start, end, u.step_ns()).max(SECOND);
            Plan::Range {
                query: format!("sum(count_over_time({logs} [$__interval]))"),
                start,
                end,
                step,
            }
        }
        Intent::TopK { k } => match &by {
            Some(g) => Plan::Instant {
                query: format!(
                    "topk({k}, sum by ({}) (count_over_time({extracted} {range})))",
                    g.name()
                ),
                time: end,
            },
            None => Plan::Instant {
                query: format!("sum(count_over_time({logs} {range}))"),
                time: end,
            },
        },
        Intent::DistinctCount => match &by {
            Some(g) => Plan::Instant {
                query: format!(
                    "count(sum by ({}) (count_over_time({extracted} {range})))",
                    g.name()
                ),
                time: end,
            },
            None => Plan::Instant {
                query: format!("sum(count_over_time({logs} {range}))"),
                time: end,
            },
        },
        Intent::NumericAggregate(agg) => {
            match template.and_then(|t| measure_param(t, u.measure.as_deref())) {
                Some(p) => {
                    why.push(format!(
                        "aggregating the {} parameter {}",
                        p.kind.name(),
                        p.name
                    ));
                    let unwrap = match p.kind {
                        ParamType::Duration => format!("duration({})", p.name),
                        ParamType::Bytes => format!("bytes({})", p.name),
                        _ => p.name.clone(),
                    };
                    let inner = format!("{extracted} | unwrap {unwrap} | __error__=\"\" {range}");
                    let group = by.as_ref().map_or(String::new(), |g| g.name().to_string());
                    let query = match agg {
                        Aggregate::Avg => format!("avg_over_time({inner}) by ({group})"),
                        Aggregate::Max => format!("max_over_time({inner}) by ({group})"),
                        Aggregate::Min => format!("min_over_time({inner}) by ({group})"),
                        Aggregate::Sum => format!("sum by ({group}) (sum_over_time({inner}))"),
                        Aggregate::Quantile(q) => {
                            format!("quantile_over_time({q}, {inner}) by ({group})")
                        }
                    };
                    Plan::Instant { query, time: end }
                }
                None => Plan::Instant {
                    query: format!("sum(count_over_time({logs} {range}))"),
                    time: end,
                },
            }
        }
    };
    let reusable = plan.query().to_string();
    let mut plan = plan;
    let instant = matches!(plan, Plan::Instant { .. });
    *plan.query_mut() = super::vet::expand_variables(&reusable, (start, end), step, instant);
    check(plan.query(), &scope)?;
    Ok(Planned {
        plan,
        reusable,
        template: template.map(|t| t.id.clone()),
        why,
    })
}

/// The regex of a `|~ "..."` filter.
fn unquote_regex(filter: &str) -> String {
    let quoted = filter.trim_start_matches("|~").trim();
    match logql::parse(&format!("{{a=\"b\"}} |~ {quoted}")) {
        Ok(logql::Expr::Log(log)) => match log.pipeline.first() {
            Some(logql::Stage::LineFilter(f)) => f
                .values
                .first()
                .map(|v| v.text().to_string())
                .unwrap_or_default(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// Every query must parse and stay inside the scope before it is run.
fn check(query: &str, scope: &Scope) -> Result<(), PlanError> {
    let invalid = |error: String| PlanError::Invalid {
        query: query.to_string(),
        error,
    };
    let expr = logql::parse(query).map_err(|e| invalid(e.to_string()))?;
    scope.check(&expr).map_err(|e| invalid(e.to_string()))
}

fn scope_selector(scope: &Scope) -> Vec<String> {
    scope.matchers().iter().map(|m| m.to_string()).collect()
}

enum Grouping {
    Label(String),
    Param(String),
}

impl Grouping {
    fn name(&self) -> &str {
        match self {
            Grouping::Label(n) | Grouping::Param(n) => n,
        }
    }
}

/// `ip`, `user`, `host`... as a stream label or a template parameter.
fn group_label(by: &str, cx: &Context<'_>, template: Option<&TemplateInfo>) -> Option<Grouping> {
    let by = by.to_ascii_lowercase();
    let itself = [by.as_str()];
    let synonyms: &[&str] = match by.as_str() {
        "host" | "server" | "machine" => &["host", "hostname", "instance", "node"],
        "service" | "app" => &["service", "service_name", "app", "job", "container"],
        "level" | "severity" => &["level", "severity", "detected_level"],
        "ip" | "address" | "client" => &["ip", "client", "addr", "from", "src", "remote"],
        "user" | "account" => &["user", "username", "for"],
        "status" | "code" => &["status", "code", "status_code"],
        "path" | "url" | "endpoint" => &["path", "url", "uri", "endpoint"],
        _ => &itself,
    };
    if let Some((name, _)) = cx
        .labels
        .iter()
        .find(|(n, _)| synonyms.iter().any(|s| n == s))
    {
        return Some(Grouping::Label(name.clone()));
    }
    let t = template?;
    let want_type = match by.as_str() {
        "ip" | "address" | "client" => Some(ParamType::Ip),
        "path" | "url" | "endpoint" => Some(ParamType::Path),
        _ => None,
    };
    t.params
        .iter()
        .find(|p| synonyms.iter().any(|s| p.name == *s))
        .or_else(|| want_type.and_then(|w| t.params.iter().find(|p| p.kind == w)))
        .map(|p| Grouping::Param(p.name.clone()))
}

/// The numeric parameter a measure names (`latency`, `took`, `size`).
fn measure_param<'t>(t: &'t TemplateInfo, measure: Option<&str>) -> Option<&'t ParamInfo> {
    let numeric = || t.params.iter().filter(|p| p.kind.is_numeric());
    if let Some(m) = measure {
        let m = m.to_ascii_lowercase();
        if let Some(p) = numeric().find(|p| m.contains(&p.name) || p.name.contains(&m)) {
            return Some(p);
        }
        let wanted = if m.contains("size") || m.contains("byte") {
            ParamType::Bytes
        } else {
            ParamType::Duration
        };
        if let Some(p) = numeric().find(|p| p.kind == wanted) {
            return Some(p);
        }
    }
    numeric().next()
}
