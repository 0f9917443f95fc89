//! The Grafana backend plugin: the go-plugin handshake and the pluginv2
//! gRPC services (QueryData, CheckHealth, CollectMetrics, CallResource)
//! over the same ask pipeline the CLI uses. Each refId of a QueryData call
//! is answered concurrently and fails on its own; each datasource is an
//! [`instance::Instance`] kept until its settings change.
//!
//! A query flows one way: [`model`] (the saved JSON) and [`mode`] are
//! decoded by [`query`], which routes to the ask pipeline, to [`analysis`]
//! or to [`volume`]; all of them answer through [`response`] and
//! [`frames`]. Nothing below `query` imports it back.

pub mod analysis;
pub mod answer_frame;
pub mod codec;
pub mod explain_alert;
pub mod frames;
pub mod incidents;
pub mod instance;
pub mod metrics;
pub mod mode;
pub mod model;
pub mod operator;
pub mod proto;
pub mod query;
pub mod resources;
pub mod response;
mod row_ids;
pub mod settings;
pub mod stats;
pub mod volume;

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::Notify;
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

use instance::{Instance, Instances};
use metrics::Metrics;
use proto::*;

/// The go-plugin magic cookie Grafana sets for datasource plugins.
pub const MAGIC_COOKIE_KEY: &str = "grafana_plugin_type";
pub const MAGIC_COOKIE_VALUE: &str = "datasource";

#[derive(Clone, Default)]
pub struct Plugin {
    instances: Arc<Instances>,
    metrics: Arc<Metrics>,
    shutdown: Arc<Notify>,
}

fn settings_of(ctx: &Option<PluginContext>) -> Result<&DataSourceInstanceSettings, String> {
    ctx.as_ref()
        .and_then(|c| c.data_source_instance_settings.as_ref())
        .ok_or_else(|| "the request carries no datasource settings".to_string())
}

impl Plugin {
    /// The plugin as Grafana starts it: operator settings from its environment.
    pub fn new() -> Plugin {
        Plugin::with_operator(operator::OperatorSettings::from_env())
    }

    pub fn with_operator(operator: operator::OperatorSettings) -> Plugin {
        Plugin {
            instances: Arc::new(Instances::new(operator)),
            ..Plugin::default()
        }
    }

    /// Resolves when Grafana asked the plugin to stop.
    pub async fn stopped(&self) {
        self.shutdown.notified().await;
    }

    fn instance(&self, ctx: &Option<PluginContext>) -> Result<Arc<Instance>, String> {
        let settings = settings_of(ctx)?;
        self.instances.get(settings).map_err(|e| e.to_string())
    }

    /// The gRPC services, ready for a tonic server.
    pub fn services(
        &self,
    ) -> (
        data_server::DataServer<Plugin>,
        diagnostics_server::DiagnosticsServer<Plugin>,
        resource_server::ResourceServer<Plugin>,
        grpc_controller_server::GRPCControllerServer<Plugin>,
    ) {
        (
            data_server::DataServer::new(self.clone()).max_encoding_message_size(usize::MAX),
            diagnostics_server::DiagnosticsServer::new(self.clone()),
            resource_server::ResourceServer::new(self.clone()),
            grpc_controller_server::GRPCControllerServer::new(self.clone()),
        )
    }
}

#[tonic::async_trait]
impl data_server::Data for Plugin {
    async fn query_data(
        &self,
        request: Request<QueryDataRequest>,
    ) -> Result<Response<QueryDataResponse>, Status> {
        self.metrics.request("query");
        let req = request.into_inner();
        let from_alert = req
            .headers
            .get("FromAlert")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let instance = match self.instance(&req.plugin_context) {
            Ok(i) => i,
            Err(e) => {
                // Every refId gets the settings error: nothing can run.
                self.metrics.error("query");
                let responses = req
                    .queries
                    .iter()
                    .map(|q| {
                        (
                            q.ref_id.clone(),
                            response::failure(400, "plugin", e.clone()),
                        )
                    })
                    .collect();
                return Ok(Response::new(QueryDataResponse { responses }));
            }
        };
        // Each refId is its own task: a panic in one answers that refId with
        // an error, and the others are served.
        let caller = resources::Caller::of(&req.plugin_context);
        let mut tasks = tokio::task::JoinSet::new();
        let mut ref_ids = HashMap::new();
        for q in req.queries {
            let instance = instance.clone();
            let metrics = self.metrics.clone();
            let caller = caller.clone();
            let ref_id = q.ref_id.clone();
            let task = tasks.spawn(async move {
                let ref_id = q.ref_id.clone();
                let response = query::run(instance, &metrics, q, &caller, from_alert).await;
                (ref_id, response)
            });
            ref_ids.insert(task.id(), ref_id);
        }
        let mut responses = HashMap::new();
        while let Some(done) = tasks.join_next().await {
            match done {
                Ok((ref_id, r)) => {
                    responses.insert(ref_id, r);
                }
                Err(e) => {
                    self.metrics.error("query");
                    let ref_id = ref_ids.remove(&e.id()).unwrap_or_default();
                    let message = crate::isolate::internal_error("query", e);
                    responses.insert(ref_id, response::failure(500, "plugin", message));
                }
            }
        }
        Ok(Response::new(QueryDataResponse { responses }))
    }
}

#[tonic::async_trait]
impl diagnostics_server::Diagnostics for Plugin {
    async fn check_health(
        &self,
        request: Request<CheckHealthRequest>,
    ) -> Result<Response<CheckHealthResponse>, Status> {
        self.metrics.request("health");
        let req = request.into_inner();
        let reply = |status: HealthStatus, message: String| {
            Response::new(CheckHealthResponse {
                status: status as i32,
                message,
                json_details: Vec::new(),
            })
        };
        let instance = match self.instance(&req.plugin_context) {
            Ok(i) => i,
            Err(e) => return Ok(reply(HealthStatus::Error, e)),
        };
        let range = instance.default_range();
        let mut lines = Vec::new();
        let mut ok = true;
        let source = match &instance.settings.source {
            settings::SourceSettings::Loki(c) => {
                format!("Loki at {}", crate::redact::redacted_url(&c.url))
            }
            settings::SourceSettings::Embedded(p) => format!("local data {}", p.display()),
        };
        match instance.source.labels(range).await {
            Ok(labels) => lines.push(format!(
                "{source}: reachable, {} labels{}",
                labels.len(),
                if instance.settings.scope.is_empty() {
                    String::new()
                } else {
                    format!(" within {}", instance.settings.scope)
                }
            )),
            Err(e) => {
                ok = false;
                lines.push(format!("{source}: {e}"));
            }
        }
        match &instance.llm {
            None => lines.push("LLM: not configured; the LLM-free planner answers".into()),
            Some(llm) => match llm.check().await {
                Ok(m) => lines.push(format!("LLM: {m}")),
                Err(e) => {
                    ok = false;
                    lines.push(format!("LLM: {e}"));
                }
            },
        }
        let status = instance.status_json();
        let k = &status["knowledge"];
        lines.push(format!(
            "knowledge base: {} ({} templates over {} lines){}",
            k["state"].as_str().unwrap_or("?"),
            k["templates"],
            k["lines"],
            k["error"]
                .as_str()
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        ));
        let status = if ok {
            HealthStatus::Ok
        } else {
            HealthStatus::Error
        };
        if !ok {
            self.metrics.error("health");
        }
        Ok(reply(status, lines.join("\n")))
    }

    async fn collect_metrics(
        &self,
        _request: Request<CollectMetricsRequest>,
    ) -> Result<Response<CollectMetricsResponse>, Status> {
        Ok(Response::new(CollectMetricsResponse {
            metrics: Some(MetricsPayload {
                prometheus: self.metrics.render().into_bytes(),
            }),
        }))
    }
}

type ResourceStream =
    Pin<Box<dyn Stream<Item = Result<CallResourceResponse, Status>> + Send + 'static>>;

#[tonic::async_trait]
impl resource_server::Resource for Plugin {
    type CallResourceStream = ResourceStream;

    async fn call_resource(
        &self,
        request: Request<CallResourceRequest>,
    ) -> Result<Response<Self::CallResourceStream>, Status> {
        self.metrics.request("resource");
        let started = Instant::now();
        let req = request.into_inner();
        let (code, body) = match self.instance(&req.plugin_context) {
            Ok(instance) => {
                let caller = resources::Caller::of(&req.plugin_context);
                let call = async move {
                    resources::call(
                        instance,
                        &caller,
                        &req.method,
                        &req.path,
                        &req.url,
                        &req.body,
                    )
                    .await
                };
                crate::isolate::run("resource call", call)
                    .await
                    .unwrap_or_else(|e| (500, serde_json::json!({"error": e})))
            }
            Err(e) => (400, serde_json::json!({"error": e})),
        };
        if code >= 400 {
            self.metrics.error("resource");
        }
        self.metrics
            .stage("resource", started.elapsed().as_secs_f64());
        let headers = [(
            "Content-Type".to_string(),
            StringList {
                values: vec!["application/json".into()],
            },
        )]
        .into();
        let reply = CallResourceResponse {
            code: i32::from(code),
            headers,
            body: body.to_string().into_bytes(),
        };
        Ok(Response::new(Box::pin(tokio_stream::once(Ok(reply)))))
    }
}

#[tonic::async_trait]
impl grpc_controller_server::GRPCController for Plugin {
    async fn shutdown(&self, _request: Request<Empty>) -> Result<Response<Empty>, Status> {
        tracing::info!("Grafana asked the plugin to stop");
        self.shutdown.notify_one();
        Ok(Response::new(Empty {}))
    }
}
