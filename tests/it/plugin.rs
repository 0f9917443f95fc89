//! The plugin as Grafana runs it: the built `gpx_askloki` started with
//! go-plugin's environment, its handshake line read from stdout, and the
//! pluginv2 services called over gRPC; frames decoded from Arrow IPC with
//! the `arrow` crate. Against the embedded engine and against an in-test
//! server answering as Loki.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Reply, TestLoki};
use arrow_array::{Array, BinaryArray, Float64Array, RecordBatch, StringArray};
use arrow_ipc::reader::FileReader;
use askloki::plugin::proto::*;
use serde_json::{json, Value};
use tonic::transport::Channel;

pub(crate) struct Running {
    child: Child,
    pub(crate) channel: Channel,
    _data: tempdir::Dir,
}

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new(tag: &str) -> Dir {
            let p =
                std::env::temp_dir().join(format!("askloki-plugin-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start the plugin as Grafana does and connect to the address it announces.
pub(crate) async fn start(tag: &str) -> Running {
    start_logging(tag, Stdio::null()).await
}

/// The same, with the plugin's log (stderr, every level) going to `log`.
async fn start_logging(tag: &str, log: Stdio) -> Running {
    let data = tempdir::Dir::new(tag);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gpx_askloki"))
        .env("ASKLOKI_LOG", "debug")
        .env("grafana_plugin_type", "datasource")
        .env("PLUGIN_PROTOCOL_VERSIONS", "2")
        .env("GF_VERSION", "12.2.0")
        // grafana.ini's [plugin.askloki-nlq-datasource] section, as Grafana
        // hands it over: knowledge in the temp folder, local data only
        // from the examples.
        .env("GF_PLUGIN_DATA_DIR", &data.0)
        .env("GF_PLUGIN_ALLOWED_DATA_ROOTS", examples_logs())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let parts: Vec<&str> = line.trim_end().split('|').collect();
    assert_eq!(parts.len(), 5, "handshake: {line:?}");
    assert_eq!(&parts[..3], ["1", "2", "tcp"]);
    assert_eq!(parts[4], "grpc");
    let channel = Channel::from_shared(format!("http://{}", parts[3]))
        .unwrap()
        .connect()
        .await
        .unwrap();
    Running {
        child,
        channel,
        _data: data,
    }
}

fn examples_logs() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/logs")
        .display()
        .to_string()
}

pub(crate) fn sshd_log() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/logs/sshd.log")
        .display()
        .to_string()
}

pub(crate) fn settings(url: &str, json_data: Value, secrets: &[(&str, &str)]) -> PluginContext {
    PluginContext {
        org_id: 1,
        plugin_id: "askloki-nlq-datasource".into(),
        data_source_instance_settings: Some(DataSourceInstanceSettings {
            id: 1,
            uid: format!("ds-{}", json_data.to_string().len()),
            name: "AskLoki".into(),
            url: url.into(),
            json_data: json_data.to_string().into_bytes(),
            decrypted_secure_json_data: secrets
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            last_updated_ms: 1,
            ..Default::default()
        }),
        user: Some(User {
            login: "admin".into(),
            role: "Admin".into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The same context for a user with another role.
fn as_role(mut ctx: PluginContext, login: &str, role: &str) -> PluginContext {
    ctx.user = Some(User {
        login: login.into(),
        role: role.into(),
        ..Default::default()
    });
    ctx
}

pub(crate) fn embedded() -> PluginContext {
    settings(
        "",
        json!({"dataPath": sshd_log(), "scope": "{filename=\"sshd.log\"}"}),
        &[],
    )
}

/// The sshd example's span in ms (its year comes from the file's mtime).
fn sshd_span() -> (i64, i64) {
    let (store, _) = askloki::engine::ingest::ingest_files(
        &[sshd_log().into()],
        &askloki::engine::ingest::IngestOptions::default(),
    )
    .unwrap();
    let (first, last) = store.time_span().unwrap();
    (first / 1_000_000, last / 1_000_000 + 1)
}

pub(crate) fn query(ref_id: &str, model: Value) -> DataQuery {
    DataQuery {
        ref_id: ref_id.into(),
        max_data_points: 1000,
        interval_ms: 60_000,
        time_range: Some({
            let (from, to) = sshd_span();
            TimeRange {
                from_epoch_ms: from,
                to_epoch_ms: to,
            }
        }),
        json: model.to_string().into_bytes(),
        query_type: String::new(),
    }
}

pub(crate) async fn query_data(
    r: &Running,
    ctx: PluginContext,
    queries: Vec<DataQuery>,
    headers: &[(&str, &str)],
) -> HashMap<String, DataResponse> {
    query_data_on(r.channel.clone(), ctx, queries, headers).await
}

async fn query_data_on(
    channel: Channel,
    ctx: PluginContext,
    queries: Vec<DataQuery>,
    headers: &[(&str, &str)],
) -> HashMap<String, DataResponse> {
    let mut client = data_client::DataClient::new(channel).max_decoding_message_size(usize::MAX);
    client
        .query_data(QueryDataRequest {
            plugin_context: Some(ctx),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            queries,
        })
        .await
        .unwrap()
        .into_inner()
        .responses
}

/// A frame: its schema metadata and its one record batch (if any rows).
pub(crate) struct Decoded {
    pub meta: HashMap<String, String>,
    pub fields: Vec<(String, HashMap<String, String>)>,
    pub batch: Option<RecordBatch>,
}

pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let reader = FileReader::try_new(std::io::Cursor::new(bytes.to_vec()), None).unwrap();
    let schema = reader.schema();
    let meta = schema.metadata().clone();
    let fields = schema
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.metadata().clone()))
        .collect();
    let mut batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
    assert!(batches.len() <= 1);
    Decoded {
        meta,
        fields,
        batch: batches.pop(),
    }
}

pub(crate) fn frame_meta(d: &Decoded) -> Value {
    serde_json::from_str(&d.meta["meta"]).unwrap()
}

#[tokio::test]
async fn logs_metrics_answers_and_errors_per_ref_id_on_the_embedded_engine() {
    let r = start("embedded").await;
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query("logs", json!({"question": "show failed password logs", "mode": "logs", "maxLines": 50})),
            query("metrics", json!({"question": "how many failed password attempts over time?", "mode": "metrics", "legendFormat": "failed"})),
            query("bad", json!("not an object")),
            query("outside", json!({"logql": "{filename=\"other.log\"}"})),
            query("empty", json!({"question": "  ", "unknownField": true})),
            query("Anno", json!({"question": "when did accepted logins happen?"})),
        ],
        &[],
    )
    .await;
    assert_eq!(responses.len(), 6);

    // Annotations: an event per incident, explained (plugin_alerts.rs has more).
    let anno = decode(&responses["Anno"].frames[0]);
    let names: Vec<&str> = anno.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["time", "timeEnd", "title", "text", "tags", "logql"]);
    let batch = anno
        .batch
        .unwrap_or_else(|| panic!("no events: {:?}", anno.meta));
    let texts = batch
        .column(3)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert!(
        batch.num_rows() > 0 && (0..batch.num_rows()).all(|i| texts.value(i).contains("Accepted"))
    );

    // Logs: Grafana's Loki shape, newest first, cut at maxLines with a notice.
    let logs = &responses["logs"];
    assert!(logs.error.is_empty(), "{}", logs.error);
    let d = decode(&logs.frames[0]);
    let names: Vec<&str> = d.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["labels", "Time", "Line", "tsNs", "id"]);
    assert_eq!(d.meta["refId"], "logs");
    let meta = frame_meta(&d);
    assert_eq!(meta["preferredVisualisationType"], "logs");
    assert_eq!(meta["custom"]["frameType"], "LabeledTimeValues");
    assert!(meta["executedQueryString"]
        .as_str()
        .unwrap()
        .starts_with("Expr: {filename=\"sshd.log\""));
    let notices = meta["notices"].as_array().unwrap();
    assert_eq!(notices[0]["severity"], "info");
    assert!(notices
        .iter()
        .any(|n| n["severity"] == "warning"
            && n["text"].as_str().unwrap().contains("cut at 50 lines")));
    assert_eq!(meta["custom"]["askloki"]["origin"], "template");
    let batch = d.batch.unwrap();
    assert_eq!(batch.num_rows(), 50);
    let lines = batch
        .column(2)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert!((0..50).all(|i| lines.value(i).contains("Failed password")));
    let labels = batch
        .column(0)
        .as_any()
        .downcast_ref::<BinaryArray>()
        .unwrap();
    let first: Value = serde_json::from_slice(labels.value(0)).unwrap();
    assert_eq!(first["filename"], "sshd.log");
    let ids = batch
        .column(4)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    let unique: std::collections::HashSet<&str> = (0..50).map(|i| ids.value(i)).collect();
    assert_eq!(unique.len(), 50);

    // Metrics: time series with the legend, the step as the interval.
    let metrics = &responses["metrics"];
    assert!(metrics.error.is_empty(), "{}", metrics.error);
    let d = decode(&metrics.frames[0]);
    assert_eq!(frame_meta(&d)["type"], "timeseries-multi");
    let (name, value_meta) = &d.fields[1];
    assert_eq!(name, "Value");
    let config: Value = serde_json::from_str(&value_meta["config"]).unwrap();
    assert_eq!(config["displayNameFromDS"], "failed");
    let total: f64 = {
        let b = d.batch.unwrap();
        let v = b.column(1).as_any().downcast_ref::<Float64Array>().unwrap();
        (0..v.len()).map(|i| v.value(i)).sum()
    };
    let expected = std::fs::read_to_string(sshd_log())
        .unwrap()
        .lines()
        .filter(|l| l.contains("Failed password"))
        .count();
    assert_eq!(total, expected as f64);

    // Each bad query fails alone, saying what to fix.
    assert!(
        responses["bad"].error.contains("not valid JSON")
            || responses["bad"].error.contains("invalid type"),
        "{}",
        responses["bad"].error
    );
    assert!(
        responses["outside"].error.contains("scope"),
        "{}",
        responses["outside"].error
    );
    assert!(
        responses["empty"].error.contains("ask a question"),
        "{}",
        responses["empty"].error
    );
    for bad in ["bad", "outside", "empty"] {
        assert!(responses[bad].status >= 400 && responses[bad].frames.is_empty());
    }
}

#[tokio::test]
async fn alert_rules_get_metrics_and_never_wait_on_the_llm() {
    // The LLM endpoint records every request; an alert must send none.
    let llm = TestLoki::start(|_, _| Reply::json(r#"{"choices":[]}"#)).await;
    let r = start("alert").await;
    let ctx = settings(
        "",
        json!({"dataPath": sshd_log(), "scope": "{filename=\"sshd.log\"}", "llmUrl": format!("{}/v1", llm.url)}),
        &[("llmApiKey", "sk-secret")],
    );
    let responses = query_data(
        &r,
        ctx,
        vec![query("A", json!({"question": "failed password attempts"}))],
        &[("FromAlert", "true")],
    )
    .await;
    let a = &responses["A"];
    assert!(a.error.is_empty(), "{}", a.error);
    let d = decode(&a.frames[0]);
    assert_eq!(frame_meta(&d)["type"], "timeseries-multi");
    assert!(
        llm.requests().iter().all(|q| !q.path.contains("chat")),
        "no LLM call"
    );
}

#[tokio::test]
async fn loki_requests_carry_the_scope_and_results_become_frames() {
    let loki = TestLoki::start(|req, _| match req.path.as_str() {
        "/loki/api/v1/labels" => Reply::json(r#"{"status":"success","data":["app","host"]}"#),
        p if p.starts_with("/loki/api/v1/label/") => {
            Reply::json(r#"{"status":"success","data":["sshd"]}"#)
        }
        "/loki/api/v1/query_range" if req.param("query").unwrap().starts_with('{') => Reply::json(
            json!({"status": "success", "data": {"resultType": "streams", "result": [
                {"stream": {"app": "sshd", "host": "web1"}, "values": [
                    ["1772540000000000000", "Failed password for root from 10.0.0.1 port 22 ssh2"],
                    ["1772539000000000000", "Failed password for root from 10.0.0.2 port 22 ssh2"]]}],
                "stats": {"summary": {"totalLinesProcessed": 2, "execTime": 0.25}}}})
            .to_string(),
        ),
        "/loki/api/v1/query_range" => Reply::json(
            json!({"status": "success", "data": {"resultType": "matrix", "result": [
                {"metric": {"host": "web1"}, "values": [[1772539000, "3"], [1772539060, "5"]]}],
                "stats": {}}})
            .to_string(),
        ),
        _ => Reply::text(404, "404 page not found"),
    })
    .await;
    let r = start("loki").await;
    let ctx = settings(
        &loki.url,
        json!({"scope": "{app=\"sshd\"}", "tenant": "team-a", "knowledgeRefreshMinutes": 0}),
        &[],
    );
    let responses = query_data(
        &r,
        ctx,
        vec![
            query("L", json!({"logql": "{host=\"web1\"} |= \"Failed\""})),
            query("M", json!({"logql": "sum by (host) (count_over_time({app=\"sshd\"}[$__interval]))", "mode": "metrics"})),
            query("V", json!({"logql": "{host=\"web1\"} |= \"Failed\"", "supportingQueryType": "logsVolume"})),
            query("P", json!({"mode": "parse"})),
        ],
        &[],
    )
    .await;
    let l = &responses["L"];
    assert!(l.error.is_empty(), "{}", l.error);
    let d = decode(&l.frames[0]);
    assert_eq!(d.batch.as_ref().unwrap().num_rows(), 2);
    // As Grafana's Loki datasource: the words to highlight and the limit.
    let meta = frame_meta(&d);
    assert_eq!(meta["searchWords"], json!(["Failed"]));
    assert_eq!(meta["limit"], 1000);
    // And what the query cost, from Loki's stats, as the inspector lists it.
    assert_eq!(
        meta["stats"],
        json!([
            {"displayName": "Summary: total lines processed", "value": 2.0},
            {"displayName": "Summary: exec time", "value": 0.25, "unit": "s"}
        ])
    );
    // A block without a summary adds none.
    let m_meta = frame_meta(&decode(&responses["M"].frames[0]));
    assert!(m_meta.get("stats").is_none(), "{m_meta}");
    let m = &responses["M"];
    assert!(m.error.is_empty(), "{}", m.error);
    let d = decode(&m.frames[0]);
    assert_eq!(d.fields[1].1["labels"], r#"{"host":"web1"}"#);
    // Every frame says what ran, with the step of a query over time.
    for frame in &m.frames {
        let executed = frame_meta(&decode(frame))["executedQueryString"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(executed.starts_with("Expr: sum by (host)"), "{executed}");
        assert!(executed.contains("\nStep: "), "{executed}");
    }
    // An analysis shows what reading the lines cost, as Grafana's inspector lists it.
    let p = &responses["P"];
    assert!(p.error.is_empty(), "{}", p.error);
    let stats = &frame_meta(&decode(&p.frames[0]))["stats"];
    assert_eq!(
        stats[0],
        json!({"displayName": "Summary: total lines processed", "value": 2.0})
    );
    assert!(responses["V"].error.is_empty(), "{}", responses["V"].error);
    let queries: Vec<String> = loki
        .requests()
        .iter()
        .filter(|q| q.path.ends_with("query_range"))
        .map(|q| q.param("query").unwrap().to_string())
        .collect();
    assert!(!queries.is_empty());
    // Explore's logs volume reaches Loki as the count per level of the logs query.
    assert!(
        queries.iter().any(
            |q| q.starts_with("sum by (level,detected_level)(count_over_time(")
                && q.contains("|= \"Failed\"")
        ),
        "{queries:?}"
    );
    for q in &queries {
        assert!(
            q.contains("app=\"sshd\""),
            "the scope is on every query: {q}"
        );
        assert!(!q.contains("$__"), "variables are expanded: {q}");
    }
    assert!(loki
        .requests()
        .iter()
        .all(|q| q.header("X-Scope-OrgID") == Some("team-a")));
}

#[tokio::test]
async fn health_resources_metrics_and_shutdown() {
    let r = start("health").await;
    let mut diag = diagnostics_client::DiagnosticsClient::new(r.channel.clone());
    let ok = diag
        .check_health(CheckHealthRequest {
            plugin_context: Some(embedded()),
            headers: Default::default(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(ok.status, HealthStatus::Ok as i32, "{}", ok.message);
    assert!(
        ok.message.contains("local data") && ok.message.contains("LLM: not configured"),
        "{}",
        ok.message
    );
    // Nothing listens on port 9 of loopback.
    let down = diag
        .check_health(CheckHealthRequest {
            plugin_context: Some(settings(
                "http://127.0.0.1:9",
                json!({"timeoutSeconds": 2}),
                &[],
            )),
            headers: Default::default(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(down.status, HealthStatus::Error as i32);
    assert!(down.message.contains("127.0.0.1:9"), "{}", down.message);

    let resources = resource_client::ResourceClient::new(r.channel.clone());
    let call = |method: &str, path: &str, body: Value| {
        let req = CallResourceRequest {
            plugin_context: Some(embedded()),
            path: path.split('?').next().unwrap().into(),
            method: method.into(),
            url: path.into(),
            headers: Default::default(),
            body: if body.is_null() {
                Vec::new()
            } else {
                body.to_string().into_bytes()
            },
        };
        let mut client = resources.clone();
        async move {
            let mut stream = client.call_resource(req).await.unwrap().into_inner();
            let reply = stream.message().await.unwrap().unwrap();
            (
                reply.code,
                serde_json::from_slice::<Value>(&reply.body).unwrap(),
            )
        }
    };
    let (code, labels) = call("GET", "labels", Value::Null).await;
    assert_eq!((code, labels), (200, json!(["filename"])));
    let (code, values) = call("GET", "label-values?name=filename", Value::Null).await;
    assert_eq!((code, values), (200, json!(["sshd.log"])));
    let (code, g) = call(
        "POST",
        "generate",
        json!({"question": "how many failed password attempts?", "from": sshd_span().0, "to": sshd_span().1}),
    )
    .await;
    assert_eq!(code, 200, "{g}");
    assert!(
        g["reusable"].as_str().unwrap().contains("[$__range]"),
        "{g}"
    );
    assert!(
        g["logql"]
            .as_str()
            .unwrap()
            .starts_with("sum(count_over_time({filename=\"sshd.log\""),
        "{g}"
    );
    // The knowledge base is built in the background: wait for it.
    let started = Instant::now();
    loop {
        let (_, status) = call("GET", "status", Value::Null).await;
        if status["knowledge"]["state"] == "ready" {
            assert!(status["knowledge"]["templates"].as_u64().unwrap() > 3);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, templates) = call("GET", "templates?q=failed%20password&limit=3", Value::Null).await;
    assert_eq!(code, 200);
    let templates = templates.as_array().unwrap();
    assert!(!templates.is_empty() && templates.len() <= 3);
    assert!(templates[0]["text"]
        .as_str()
        .unwrap()
        .contains("Failed password"));
    let (code, rebuild) = call("POST", "knowledge/rebuild", Value::Null).await;
    assert_eq!((code, rebuild["state"].as_str()), (202, Some("building")));
    let (code, missing) = call("GET", "nope", Value::Null).await;
    assert_eq!(code, 404);
    assert!(missing["error"].as_str().unwrap().contains("no resource"));
    drop(resources);

    let text = diag
        .collect_metrics(CollectMetricsRequest {
            plugin_context: Some(embedded()),
        })
        .await
        .unwrap()
        .into_inner()
        .metrics
        .unwrap()
        .prometheus;
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("askloki_requests_total{endpoint=\"health\"} 2"),
        "{text}"
    );
    assert!(
        text.contains("askloki_requests_total{endpoint=\"resource\"}"),
        "{text}"
    );

    // Grafana's stop: Shutdown, then the process exits by itself.
    let mut controller = grpc_controller_client::GRPCControllerClient::new(r.channel.clone());
    controller.shutdown(Empty {}).await.unwrap();
    let mut r = r;
    let started = Instant::now();
    loop {
        if let Some(status) = r.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the plugin did not exit"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn analysis_modes_return_series_and_tables() {
    let r = start("analysis").await;
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query("anomalies", json!({"mode": "anomalies"})),
            query("parse", json!({"mode": "parse"})),
            query(
                "why",
                json!({"mode": "instruct", "question": "what caused the errors?"}),
            ),
        ],
        &[],
    )
    .await;
    let a = &responses["anomalies"];
    assert!(a.error.is_empty(), "{}", a.error);
    let series = decode(&a.frames[0]);
    assert_eq!(series.fields[0].0, "Time");
    assert_eq!(series.fields[1].0, "anomalous lines");
    let findings = decode(&a.frames[1]);
    let names: Vec<&str> = findings.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Time", "score", "kind", "class", "template", "summary", "evidence"]
    );

    let p = &responses["parse"];
    assert!(p.error.is_empty(), "{}", p.error);
    let table = decode(&p.frames[0]);
    let batch = table.batch.as_ref().unwrap();
    let counts = batch
        .column(0)
        .as_any()
        .downcast_ref::<Float64Array>()
        .unwrap();
    let total: f64 = (0..counts.len()).map(|i| counts.value(i)).sum();
    let lines = std::fs::read_to_string(sshd_log()).unwrap().lines().count();
    assert_eq!(total, lines as f64);
    let notes = frame_meta(&table)["notices"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(notes.contains("templates in"), "{notes}");

    // Routed by the question; an answer even when nothing reads as a failure.
    let why = &responses["why"];
    assert!(why.error.is_empty() && why.status == 200, "{}", why.error);
}

#[tokio::test]
async fn anomaly_findings_become_annotations() {
    let r = start("anno-findings").await;
    let responses = query_data(
        &r,
        embedded(),
        vec![query("Anno", json!({"mode": "anomalies"}))],
        &[],
    )
    .await;
    let a = &responses["Anno"];
    assert!(a.error.is_empty(), "{}", a.error);
    let d = decode(&a.frames[0]);
    let names: Vec<&str> = d.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["time", "timeEnd", "title", "text"]);
}

async fn resource(r: &Running, ctx: PluginContext, method: &str, path: &str) -> (i32, Value) {
    let mut client = resource_client::ResourceClient::new(r.channel.clone());
    let mut stream = client
        .call_resource(CallResourceRequest {
            plugin_context: Some(ctx),
            path: path.into(),
            method: method.into(),
            url: path.into(),
            headers: Default::default(),
            body: Vec::new(),
        })
        .await
        .unwrap()
        .into_inner();
    let reply = stream.message().await.unwrap().unwrap();
    (reply.code, serde_json::from_slice(&reply.body).unwrap())
}

async fn health(r: &Running, ctx: PluginContext) -> CheckHealthResponse {
    diagnostics_client::DiagnosticsClient::new(r.channel.clone())
        .check_health(CheckHealthRequest {
            plugin_context: Some(ctx),
            headers: Default::default(),
        })
        .await
        .unwrap()
        .into_inner()
}

/// What a Grafana user can send, from a Viewer up, does not take the
/// plugin down, read outside the operator's folders or run unbounded.
#[tokio::test]
async fn hostile_requests_are_answered_and_the_plugin_lives() {
    let r = start("hardening").await;
    let pinned = |q: &str| json!({"question": "", "logql": q});

    // 1. A 5,000-deep query fails alone; its neighbour is answered.
    let deep = format!(
        "{}count_over_time({{filename=\"sshd.log\"}}[1m]){}",
        "sum(".repeat(5000),
        ")".repeat(5000)
    );
    let out = query_data(
        &r,
        embedded(),
        vec![
            query("A", pinned(&deep)),
            query(
                "B",
                json!({"question": "how many failed password attempts?"}),
            ),
        ],
        &[],
    )
    .await;
    assert!(
        out["A"].error.contains("nests deeper than 128 levels"),
        "{}",
        out["A"].error
    );
    assert_eq!(out["A"].status, 400);
    assert!(out["B"].error.is_empty(), "{}", out["B"].error);
    assert!(!out["B"].frames.is_empty());

    // 2. 50 concurrent QueryData calls all succeed.
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..50 {
        let channel = r.channel.clone();
        let q = query(
            "A",
            pinned(&format!(
                "count_over_time({{filename=\"sshd.log\"}} |= \"port {i}\" [5m])"
            )),
        );
        calls.spawn(async move {
            let ctx = as_role(embedded(), "viewer", "Viewer");
            query_data_on(channel, ctx, vec![q], &[]).await
        });
    }
    let mut answered = 0;
    while let Some(out) = calls.join_next().await {
        let out = out.unwrap();
        assert!(out["A"].error.is_empty(), "{}", out["A"].error);
        answered += 1;
    }
    assert_eq!(answered, 50);

    // 3. A Viewer may not rebuild the knowledge base (a full scan); an Admin may.
    let (code, body) = resource(
        &r,
        as_role(embedded(), "viewer", "Viewer"),
        "POST",
        "knowledge/rebuild",
    )
    .await;
    assert_eq!(code, 403, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("needs the Admin role"),
        "{body}"
    );
    let (code, _) = resource(
        &r,
        as_role(embedded(), "editor", "Editor"),
        "POST",
        "knowledge/rebuild",
    )
    .await;
    assert_eq!(code, 403);
    let (code, _) = resource(&r, embedded(), "POST", "knowledge/rebuild").await;
    assert_eq!(code, 202);
    // Generating spends LLM tokens: Editors and Admins; reading is open.
    let (code, _) = resource(
        &r,
        as_role(embedded(), "viewer", "Viewer"),
        "POST",
        "generate",
    )
    .await;
    assert_eq!(code, 403);
    let (code, _) = resource(&r, as_role(embedded(), "viewer", "Viewer"), "GET", "status").await;
    assert_eq!(code, 200);

    // 4. A datasource pointed outside the allowed folders serves nothing.
    let outside = tempdir::Dir::new("outside-roots");
    let secret_file = outside.0.join("secret.log");
    std::fs::write(&secret_file, "2026-01-01T00:00:00Z top-secret-line-7\n").unwrap();
    let link = Path::new(&examples_logs()).join(format!("escape-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&secret_file, &link).unwrap();
    let escapes = [
        secret_file.display().to_string(),
        format!("{}/../../../{}", examples_logs(), secret_file.display()),
        link.display().to_string(),
    ];
    for (i, path) in escapes.iter().enumerate() {
        let mut ctx = settings("", json!({"dataPath": path}), &[]);
        ctx.data_source_instance_settings.as_mut().unwrap().uid = format!("outside-{i}");
        let out = query_data(
            &r,
            ctx.clone(),
            vec![query("A", pinned("{filename=~\".+\"}"))],
            &[],
        )
        .await;
        assert!(
            out["A"].error.contains("allowed_data_roots"),
            "{path}: {}",
            out["A"].error
        );
        assert!(out["A"]
            .frames
            .iter()
            .all(|f| !String::from_utf8_lossy(f).contains("top-secret")));
        let h = health(&r, ctx).await;
        assert_eq!(h.status, HealthStatus::Error as i32);
        assert!(h.message.contains("allowed_data_roots"), "{}", h.message);
    }
    std::fs::remove_file(&link).unwrap();

    // 5. maxLines far past any limit is bounded by the datasource's (1000).
    let out = query_data(
        &r,
        embedded(),
        vec![query(
            "A",
            json!({"logql": "{filename=\"sshd.log\"}", "maxLines": 1e12}),
        )],
        &[],
    )
    .await;
    assert!(out["A"].error.is_empty(), "{}", out["A"].error);
    let rows = decode(&out["A"].frames[0])
        .batch
        .map_or(0, |b| b.num_rows());
    assert!(rows > 0 && rows <= 1000, "{rows}");

    // 6. The process is alive and well.
    assert!(r_is_alive(&r));
    assert_eq!(health(&r, embedded()).await.status, HealthStatus::Ok as i32);
}

fn r_is_alive(r: &Running) -> bool {
    // `try_wait` needs `&mut`; a process that answers signal 0 is alive.
    std::process::Command::new("kill")
        .args(["-0", &r.child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

/// Grafana tells a broken Loki from a broken query by the status and the
/// error source of each refId.
#[tokio::test]
async fn errors_keep_their_class_per_ref_id() {
    let loki = TestLoki::start(|req, _| {
        let q = req.param("query").unwrap_or_default().to_string();
        match req.path.as_str() {
            "/loki/api/v1/labels" => Reply::json(r#"{"status":"success","data":["app"]}"#),
            _ if q.contains("boom") => Reply::text(500, "internal server error"),
            _ if q.contains("slow") => {
                Reply::json(r#"{"status":"success","data":{"resultType":"streams","result":[]}}"#)
                    .after(Duration::from_secs(5))
            }
            _ => Reply::json(r#"{"status":"success","data":{"resultType":"streams","result":[]}}"#),
        }
    })
    .await;
    let r = start("classes").await;
    let ctx = settings(
        &loki.url,
        json!({"timeoutSeconds": 1, "knowledgeRefreshMinutes": 0}),
        &[],
    );
    let out = query_data(
        &r,
        ctx,
        vec![
            query(
                "BAD",
                json!({"logql": "sum(rate({app=\"x\"}[5m]) by (host)"}),
            ),
            query("DOWN", json!({"logql": "{app=\"x\"} |= \"boom\""})),
            query("SLOW", json!({"logql": "{app=\"x\"} |= \"slow\""})),
        ],
        &[],
    )
    .await;
    let class = |r: &str| (out[r].status, out[r].error_source.as_str());
    assert_eq!(class("BAD"), (400, "downstream"), "{}", out["BAD"].error);
    assert_eq!(class("DOWN"), (502, "downstream"), "{}", out["DOWN"].error);
    assert_eq!(class("SLOW"), (504, "downstream"), "{}", out["SLOW"].error);
}

/// Secrets a datasource holds (a basic-auth password, credentials in the
/// Loki URL, the LLM key) appear in no log line, error, health message,
/// resource reply, metric or knowledge file, whatever fails.
#[tokio::test]
async fn secrets_stay_in_secure_json_data() {
    const PASSWORD: &str = "basic-pass-7d1f";
    const URL_PASSWORD: &str = "url-pass-93ab";
    const LLM_KEY: &str = "sk-llm-key-5c2e0123456789abcdef";
    let loki = TestLoki::start(|req, _| match req.path.as_str() {
        "/loki/api/v1/labels" => Reply::json(r#"{"status":"success","data":["app"]}"#),
        p if p.starts_with("/loki/api/v1/label/") => {
            Reply::json(r#"{"status":"success","data":["api"]}"#)
        }
        "/loki/api/v1/query_range" if req.param("query").unwrap_or_default().contains("boom") => {
            Reply::text(500, "upstream exploded")
        }
        "/loki/api/v1/query_range" => Reply::json(
            json!({"status": "success", "data": {"resultType": "streams", "result": [
                {"stream": {"app": "api"}, "values": [
                    ["1772540000000000000", "level=error msg=\"request failed\" status=500"],
                    ["1772539000000000000", "level=info msg=\"request ok\" status=200"]]}],
                "stats": {}}})
            .to_string(),
        ),
        _ => Reply::text(404, "404 page not found"),
    })
    .await;
    // The LLM refuses the key: its errors must not echo it either.
    let llm = TestLoki::start(|_, _| Reply::text(401, "invalid api key")).await;
    let log_path = std::env::temp_dir().join(format!("askloki-secrets-{}.log", std::process::id()));
    let log = std::fs::File::create(&log_path).unwrap();
    let r = start_logging("secrets", Stdio::from(log)).await;
    let url = loki
        .url
        .replacen("http://", &format!("http://admin:{URL_PASSWORD}@"), 1);
    let mut ctx = settings(
        &url,
        json!({"llmUrl": format!("{}/v1", llm.url), "knowledgeRefreshMinutes": 0}),
        &[("basicAuthPassword", PASSWORD), ("llmApiKey", LLM_KEY)],
    );
    {
        let ds = ctx.data_source_instance_settings.as_mut().unwrap();
        ds.basic_auth_enabled = true;
        ds.basic_auth_user = "grafana".into();
    }
    let mut seen = Vec::new();
    let out = query_data(
        &r,
        ctx.clone(),
        vec![
            query("Q", json!({"question": "how many errors?"})),
            query("P", json!({"logql": "{app=\"api\"} |= \"boom\""})),
            query(
                "BAD",
                json!({"logql": "sum(rate({app=\"api\"}[5m]) by (x)"}),
            ),
        ],
        &[],
    )
    .await;
    for (_, resp) in out {
        seen.push(resp.error.clone());
        seen.extend(
            resp.frames
                .iter()
                .map(|f| String::from_utf8_lossy(f).to_string()),
        );
    }
    seen.push(health(&r, ctx.clone()).await.message);
    for (method, path) in [
        ("GET", "status"),
        ("GET", "labels"),
        ("POST", "generate"),
        ("GET", "templates"),
    ] {
        let (_, body) = resource(&r, ctx.clone(), method, path).await;
        seen.push(body.to_string());
    }
    // The knowledge base is built from Loki in the background.
    let started = Instant::now();
    loop {
        let (_, status) = resource(&r, ctx.clone(), "GET", "status").await;
        if status["knowledge"]["state"] != "building" && status["knowledge"]["state"] != "empty" {
            seen.push(status.to_string());
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let metrics = diagnostics_client::DiagnosticsClient::new(r.channel.clone())
        .collect_metrics(CollectMetricsRequest {
            plugin_context: Some(ctx.clone()),
        })
        .await
        .unwrap()
        .into_inner();
    seen.push(String::from_utf8_lossy(&metrics.metrics.unwrap().prometheus).to_string());
    for entry in walk(&r._data.0) {
        seen.push(String::from_utf8_lossy(&std::fs::read(entry).unwrap()).to_string());
    }
    seen.push(std::fs::read_to_string(&log_path).unwrap());
    assert!(seen.last().unwrap().contains("LLM"), "the log is captured");
    for text in &seen {
        for secret in [PASSWORD, URL_PASSWORD, LLM_KEY] {
            assert!(!text.contains(secret), "{secret} leaked into: {text}");
        }
    }
    // The requests did carry them, where they belong.
    assert!(loki
        .requests()
        .iter()
        .any(|q| q.header("authorization").is_some()));
    assert!(llm
        .requests()
        .iter()
        .any(|q| q.header("authorization") == Some(&format!("Bearer {LLM_KEY}"))));
    let _ = std::fs::remove_file(&log_path);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
