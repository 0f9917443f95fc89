//! QueryData for one refId: the query model decoded, then routed by its
//! mode: a question answered with lines or numbers, an analysis of the
//! scope's lines, or Explore's logs volume beside a logs query.

use std::sync::Arc;
use std::time::Instant;

use super::instance::{Instance, RequestLlm};
use super::metrics::Metrics;
use super::mode::QueryMode;
use super::model::{QueryModel, SupportingQuery};
use super::proto::{DataQuery, DataResponse};
use super::resources::Caller;
use super::response::{annotate, error_class, failure, respond, MS};
use crate::ask::{Asker, Want};
use crate::source::{QueryResult, TimeRange};

/// A refId's query as the plugin routes it.
pub struct Request {
    pub ref_id: String,
    pub model: QueryModel,
    pub mode: QueryMode,
    /// The dashboard's range, ns.
    pub window: (i64, i64),
    /// The smallest step Grafana asks for (its interval, and no more
    /// points than the panel shows), ns.
    pub min_step: i64,
    pub from_alert: bool,
}

impl Request {
    /// The query as Grafana sent it, or why it cannot run.
    pub fn decode(q: &DataQuery, from_alert: bool) -> Result<Request, DataResponse> {
        let mut model: QueryModel = if q.json.is_empty() {
            QueryModel::default()
        } else {
            serde_json::from_slice(&q.json)
                .map_err(|e| failure(400, "plugin", format!("the query is not valid JSON: {e}")))?
        };
        let mode =
            QueryMode::parse(model.mode.as_deref()).map_err(|e| failure(400, "plugin", e))?;
        // Grafana's annotation support sends refId "Anno".
        model.annotations = mode == QueryMode::Annotations || q.ref_id == "Anno";
        // Alerting reads every frame as a series: none that is not one.
        model.answer_frame &= !from_alert;
        let range = q.time_range.unwrap_or_default();
        let window = (
            range.from_epoch_ms.saturating_mul(MS),
            range
                .to_epoch_ms
                .max(range.from_epoch_ms.saturating_add(1))
                .saturating_mul(MS),
        );
        let by_points = if q.max_data_points > 0 {
            (window.1 - window.0) / q.max_data_points
        } else {
            0
        };
        Ok(Request {
            ref_id: q.ref_id.clone(),
            model,
            mode,
            window,
            min_step: q.interval_ms.max(0).saturating_mul(MS).max(by_points),
            from_alert,
        })
    }

    /// What the ask pipeline must return.
    fn want(&self) -> Want {
        if self.from_alert {
            Want::Metrics
        } else if self.model.annotations {
            Want::Events
        } else {
            self.mode.want()
        }
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
    let req = match Request::decode(&q, from_alert) {
        Ok(r) => r,
        Err(failed) => return failed,
    };
    // An alert evaluation never waits on an LLM.
    let llm = if from_alert {
        RequestLlm {
            client: None,
            notice: None,
        }
    } else {
        instance.llm_for(caller)
    };
    if let Some(task) = req.mode.analysis() {
        return super::analysis::run(&instance, task, &req, llm.client.as_ref()).await;
    }
    if req.model.question.trim().is_empty() && req.model.pinned().is_none() {
        return failure(400, "plugin", "ask a question, or pin a LogQL query");
    }
    let asker_parts = AskerParts::fetch(&instance, &req).await;
    let mut asker = asker_parts.asker(&instance, &req, llm.client.as_ref());
    if req.model.supporting_query_type == Some(SupportingQuery::LogsVolume) && !from_alert {
        let response = super::volume::run(&mut asker, &req).await;
        metrics.stage("volume", started.elapsed().as_secs_f64());
        return response;
    }
    let asked = match req.model.pinned() {
        Some(logql) => asker.ask_pinned(&req.model.question, logql).await,
        None => asker.ask(&req.model.question).await,
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
    let response = if req.model.annotations {
        annotate(&req.ref_id, &answer, req.model.annotation_events)
    } else {
        respond(
            &req.ref_id,
            &req.model,
            &answer,
            asker.options.log_limit,
            llm.notice,
        )
    };
    metrics.stage("query", started.elapsed().as_secs_f64());
    response
}

/// What an asker borrows: the labels and the knowledge base of the moment.
struct AskerParts {
    labels: super::instance::LabelList,
    knowledge: Option<Arc<crate::knowledge::Knowledge>>,
}

impl AskerParts {
    async fn fetch(instance: &Instance, req: &Request) -> AskerParts {
        let labels = instance
            .labels(TimeRange {
                start: req.window.0,
                end: req.window.1,
            })
            .await;
        // Right after a start the knowledge base is being built: worth a
        // short wait for questions (never for alerts or pinned queries).
        let patience = if req.from_alert || req.model.pinned().is_some() {
            0
        } else {
            3
        };
        let knowledge = instance
            .knowledge_within(std::time::Duration::from_secs(patience))
            .await;
        AskerParts { labels, knowledge }
    }

    fn asker<'a>(
        &'a self,
        instance: &'a Instance,
        req: &Request,
        llm: Option<&'a crate::llm::LlmClient>,
    ) -> Asker<'a> {
        let mut asker = instance.asker(
            req.window,
            self.knowledge.as_deref(),
            self.labels.clone(),
            llm,
        );
        if let Some(minutes) = req.model.utc_offset_minutes {
            asker.clock.utc_offset_secs = minutes * 60;
        }
        asker.options.log_limit = req.model.line_limit(instance.settings.limits.max_lines);
        asker.options.min_step = req.min_step;
        asker.options.want = req.want();
        asker.options.write_answer = !req.from_alert;
        asker
    }
}
