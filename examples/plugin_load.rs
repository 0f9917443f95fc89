//! Load on the plugin as Grafana drives it: the release `gpx_askloki`
//! started with go-plugin's environment, a Loki stand-in on loopback that
//! answers every log query with the same 5,000 lines (and the count the
//! plugin asks for when an answer fills the line limit with one sample, as
//! Loki answers a metric query), and QueryData calls over gRPC with a
//! pinned query (so no generation).
//!
//! Reports, in one run: the latency of fetching the 5,000-line answer from
//! the stand-in directly, the latency of a QueryData call for it, their
//! difference (the plugin's own cost: Loki client, frames, gRPC), the
//! throughput of 50 concurrent calls, and the plugin's peak memory.
//!
//! `cargo build --release --bins --examples && target/release/examples/plugin_load`

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use askloki::plugin::proto::*;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const LINES: usize = 5000;
const CONCURRENT: usize = 50;
const ROUNDS: usize = 4;

fn loki_body() -> String {
    let base: i64 = 1_772_540_000_000_000_000;
    let values: Vec<serde_json::Value> = (0..LINES)
        .map(|i| {
            json!([
                (base - i as i64 * 1_000_000).to_string(),
                format!(
                    "level=info method=GET path=/api/items/{i} status=200 took={}ms user=u{}",
                    i % 900,
                    i % 37
                )
            ])
        })
        .collect();
    json!({"status": "success", "data": {"resultType": "streams", "result": [
        {"stream": {"app": "web"}, "values": values}], "stats": {}}})
    .to_string()
}

/// The answer to the instant `sum(count_over_time(…))` the plugin sends
/// for the total when the lines fill the limit: one sample.
const TOTAL_BODY: &str = r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1772541000,"12345"]}],"stats":{}}}"#;

/// A minimal HTTP/1.1 server: the big body for log queries (`query_range`),
/// one sample for instant metric queries (`query`), a label list otherwise.
async fn serve_loki(body: Arc<String>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let mut got = Vec::new();
                loop {
                    let Ok(n) = socket.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    got.extend_from_slice(&buf[..n]);
                    if got.windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                let head = String::from_utf8_lossy(&got);
                let reply: &str = if head.contains("/query_range") {
                    &body
                } else if head.contains("/query?") {
                    TOTAL_BODY
                } else {
                    r#"{"status":"success","data":["app"]}"#
                };
                let out = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    reply.len()
                );
                let _ = socket.write_all(out.as_bytes()).await;
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time the process's threads have run, ns (the scheduler's own
/// count: steadier on a shared machine than wall time).
fn cpu_ns(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let body = Arc::new(loki_body());
    let loki = serve_loki(body.clone()).await;
    let exe = std::env::current_exe().unwrap();
    let plugin = exe.parent().unwrap().parent().unwrap().join("gpx_askloki");
    let mut child = Command::new(&plugin)
        .env("grafana_plugin_type", "datasource")
        .env(
            "ASKLOKI_DATA_DIR",
            std::env::temp_dir().join("askloki-load"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (build it: cargo build --release --bins)",
                plugin.display()
            )
        });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line.trim().split('|').nth(3).unwrap().to_string();
    let channel = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let ctx = PluginContext {
        data_source_instance_settings: Some(DataSourceInstanceSettings {
            uid: "load".into(),
            url: loki.clone(),
            json_data:
                json!({"scope": "{app=\"web\"}", "maxLines": 5000, "knowledgeRefreshMinutes": 0})
                    .to_string()
                    .into_bytes(),
            last_updated_ms: 1,
            ..Default::default()
        }),
        ..Default::default()
    };
    let request = QueryDataRequest {
        plugin_context: Some(ctx),
        headers: Default::default(),
        queries: vec![DataQuery {
            ref_id: "A".into(),
            max_data_points: 1000,
            interval_ms: 1000,
            time_range: Some(TimeRange {
                from_epoch_ms: 1_772_530_000_000,
                to_epoch_ms: 1_772_541_000_000,
            }),
            json: json!({"logql": "{app=\"web\"}", "maxLines": 5000})
                .to_string()
                .into_bytes(),
            query_type: String::new(),
        }],
    };
    let mut diagnostics = diagnostics_client::DiagnosticsClient::new(channel.clone());
    let client = data_client::DataClient::new(channel).max_decoding_message_size(usize::MAX);
    let call = |client: data_client::DataClient<tonic::transport::Channel>,
                req: QueryDataRequest| async move {
        let mut client = client;
        let started = Instant::now();
        let r = client.query_data(req).await.expect("QueryData");
        let a = &r.get_ref().responses["A"];
        assert!(a.error.is_empty(), "{}", a.error);
        assert!(!a.frames.is_empty());
        started.elapsed().as_secs_f64() * 1e3
    };
    // Warm up (the first call builds the datasource instance).
    for _ in 0..3 {
        call(client.clone(), request.clone()).await;
    }
    let http = reqwest::Client::new();
    let mut direct = Vec::new();
    let mut through = Vec::new();
    let cpu_before = cpu_ns(child.id());
    for _ in 0..30 {
        let started = Instant::now();
        let text = http
            .get(format!("{loki}/loki/api/v1/query_range?query=x"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(text.len(), body.len());
        direct.push(started.elapsed().as_secs_f64() * 1e3);
        through.push(call(client.clone(), request.clone()).await);
    }
    let cpu_per_call = (cpu_ns(child.id()) - cpu_before) as f64 / 30.0 / 1e6;
    // The plugin's own view: time per query minus time waiting on Loki.
    let stages = |text: &str, stage: &str, part: &str| -> f64 {
        text.lines()
            .find(|l| {
                l.starts_with(&format!(
                    "askloki_stage_seconds_{part}{{stage=\"{stage}\"}}"
                ))
            })
            .and_then(|l| l.rsplit(' ').next()?.parse().ok())
            .unwrap_or(0.0)
    };
    let text = String::from_utf8(
        diagnostics
            .collect_metrics(CollectMetricsRequest {
                plugin_context: None,
            })
            .await
            .unwrap()
            .into_inner()
            .metrics
            .unwrap()
            .prometheus,
    )
    .unwrap();
    let (query_s, query_n) = (
        stages(&text, "query", "sum"),
        stages(&text, "query", "count"),
    );
    let execute_s = stages(&text, "execute", "sum");
    let (d, t) = (median(&mut direct), median(&mut through));
    println!("5,000-line answer: direct from the stand-in {d:.2} ms, through the plugin {t:.2} ms (medians of 30)");
    println!("plugin's own cost per call: {:.2} ms end to end beyond the raw fetch (gRPC both ways included; target < 10 ms), {:.1}x the raw fetch", t - d, t / d);
    println!("plugin's CPU time per call, all its threads (gRPC, HTTP, JSON, frames): {cpu_per_call:.2} ms");
    println!(
        "inside the plugin, per query: {:.2} ms in all, {:.2} ms of it in the Loki client (HTTP, JSON), {:.2} ms the rest (planning, vetting, frames, Arrow)",
        query_s / query_n * 1e3,
        execute_s / query_n * 1e3,
        (query_s - execute_s) / query_n * 1e3
    );

    let rss_before = peak_rss_kib(child.id());
    let started = Instant::now();
    let mut latencies = Vec::new();
    for _ in 0..ROUNDS {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..CONCURRENT {
            tasks.spawn(call(client.clone(), request.clone()));
        }
        while let Some(ms) = tasks.join_next().await {
            latencies.push(ms.expect("no call failed"));
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let calls = CONCURRENT * ROUNDS;
    println!(
        "{calls} calls, {CONCURRENT} at a time: {:.0} calls/s ({:.0} lines/s), mean latency {:.1} ms, all succeeded",
        calls as f64 / elapsed,
        (calls * LINES) as f64 / elapsed,
        mean(&latencies)
    );
    println!(
        "plugin peak memory: {:.1} MiB after warm-up, {:.1} MiB after the concurrent rounds",
        rss_before as f64 / 1024.0,
        peak_rss_kib(child.id()) as f64 / 1024.0
    );
    let _ = child.kill();
    let _ = child.wait();
}
