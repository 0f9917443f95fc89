//! Re-running a push (docker-compose's loader) adds nothing twice and loses
//! nothing, against an in-test Loki that keeps entries the way Loki's
//! ingester does: one copy of an identical (stream, time, line) entry, and
//! "entry too far behind" for entries more than an hour behind a stream's
//! newest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{Recorded, Reply, TestLoki};
use askloki::engine::StoreBuilder;
use askloki::loki::push::PushOptions;
use askloki::loki::{LokiClient, LokiConfig, RetryPolicy};
use askloki::source::{Entry, Labels, QueryResult, Stream};

const S: i64 = 1_000_000_000;
/// Loki's window for out-of-order entries: half of `max_chunk_age` (2h).
const WINDOW: i64 = 3600 * S;

/// Streams by their labels' text, each entry once, in time order.
#[derive(Default)]
struct Ingester {
    streams: BTreeMap<String, (Labels, Vec<(i64, String)>)>,
    /// Push requests to fail with a 500 (counting down), to cut a push short.
    fail_after: Option<usize>,
}

impl Ingester {
    fn push(&mut self, body: &[u8]) -> Reply {
        if let Some(n) = self.fail_after.as_mut() {
            if *n == 0 {
                return Reply::text(500, "ingester is shutting down");
            }
            *n -= 1;
        }
        let body: serde_json::Value = serde_json::from_slice(body).unwrap();
        let mut ignored = 0;
        let mut total = 0;
        let mut first_refusal = None;
        for s in body["streams"].as_array().unwrap() {
            let labels = Labels::from_pairs(
                s["stream"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())),
            );
            let (_, entries) = self
                .streams
                .entry(labels.to_string())
                .or_insert_with(|| (labels.clone(), Vec::new()));
            for v in s["values"].as_array().unwrap() {
                total += 1;
                let ts: i64 = v[0].as_str().unwrap().parse().unwrap();
                let line = v[1].as_str().unwrap().to_string();
                // As Loki's stream.validateEntries: the last appended entry
                // again is dropped quietly, anything too far behind the
                // newest is refused (even when it is held already).
                if entries.last() == Some(&(ts, line.clone())) {
                    continue;
                }
                let newest = entries.iter().map(|e| e.0).max().unwrap_or(i64::MIN);
                if newest != i64::MIN && ts < newest - WINDOW {
                    ignored += 1;
                    first_refusal.get_or_insert((ts, newest - WINDOW));
                    continue;
                }
                if !entries.contains(&(ts, line.clone())) {
                    entries.push((ts, line));
                    entries.sort();
                }
            }
        }
        match first_refusal {
            None => Reply::text(204, ""),
            Some((ts, cutoff)) => Reply::text(
                400,
                format!(
                    "entry with timestamp {ts} ignored, reason: 'entry too far behind, entry timestamp is: {ts}, oldest acceptable timestamp is: {cutoff}' for stream: {{app=\"sshd\"}},\ntotal ignored: {ignored} out of {total}"
                ),
            ),
        }
    }

    /// A log query for one exact selector, `limit` newest entries in [start, end).
    fn query_range(&self, req: &Recorded) -> Reply {
        let ns = |k: &str| req.param(k).unwrap().parse::<i64>().unwrap();
        let (start, end) = (ns("start"), ns("end"));
        assert_eq!(req.param("direction"), Some("backward"));
        let limit: usize = req.param("limit").unwrap().parse().unwrap();
        let mut result = Vec::new();
        if let Some((labels, entries)) = self.streams.get(req.param("query").unwrap()) {
            let entries: Vec<Entry> = entries
                .iter()
                .rev()
                .filter(|(ts, _)| (start..end).contains(ts))
                .take(limit)
                .map(|(ts, line)| Entry::new(*ts, line.clone()))
                .collect();
            if !entries.is_empty() {
                result.push(Stream {
                    labels: labels.clone(),
                    entries,
                });
            }
        }
        Reply::json(QueryResult::Streams(result).to_loki_json().to_string())
    }

    fn all(&self) -> Vec<(i64, String)> {
        self.streams
            .values()
            .flat_map(|(_, e)| e.iter().cloned())
            .collect()
    }
}

async fn mini_loki() -> (TestLoki, Arc<Mutex<Ingester>>) {
    let state: Arc<Mutex<Ingester>> = Arc::default();
    let s = state.clone();
    let server = TestLoki::start(move |req, _| {
        let mut loki = s.lock().unwrap();
        if req.path.ends_with("/loki/api/v1/push") {
            loki.push(&req.body)
        } else if req.path.ends_with("/loki/api/v1/query_range") {
            loki.query_range(req)
        } else {
            Reply::text(404, "not found")
        }
    })
    .await;
    (server, state)
}

fn example_log() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/sshd.log")
}

/// `askloki push` as docker-compose's loader runs it; its exit status and stderr.
fn loader(url: &str, anchor: Option<&Path>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_askloki"));
    cmd.args([
        "push",
        "--loki",
        url,
        "--labels",
        r#"{app="sshd", host="web1"}"#,
    ])
    .arg("--shift-to-now");
    if let Some(a) = anchor {
        cmd.arg("--anchor").arg(a);
    }
    let out = cmd.arg(example_log()).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("askloki-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_with_an_anchor_adds_nothing_twice_and_loses_nothing() {
    let lines = std::fs::read_to_string(example_log()).unwrap();
    let n = lines.lines().filter(|l| !l.trim().is_empty()).count();
    let dir = scratch("anchor");
    let anchor = dir.join("state/sshd.anchor");

    let (server, loki) = mini_loki().await;
    let (ok, err) = loader(&server.url, Some(&anchor));
    assert!(ok, "{err}");
    let first = loki.lock().unwrap().all();
    assert_eq!(first.len(), n, "{err}");
    let written = std::fs::read_to_string(&anchor).unwrap();

    // Again, later: the same entries, nothing new, nothing refused.
    std::thread::sleep(Duration::from_millis(20));
    let (ok, err) = loader(&server.url, Some(&anchor));
    assert!(ok, "{err}");
    assert_eq!(loki.lock().unwrap().all(), first, "{err}");
    assert!(
        err.contains(&format!("{} entries were in Loki already", n - 1)),
        "{err}"
    );
    assert!(err.contains("as in the first push"), "{err}");
    assert_eq!(std::fs::read_to_string(&anchor).unwrap(), written);

    // Loki lost its data (its volume was removed): a new anchor at now, all
    // pushed again.
    loki.lock().unwrap().streams.clear();
    let (ok, err) = loader(&server.url, Some(&anchor));
    assert!(ok, "{err}");
    assert!(err.contains("Loki holds nothing pushed at"), "{err}");
    assert_eq!(loki.lock().unwrap().all().len(), n);
    assert_ne!(std::fs::read_to_string(&anchor).unwrap(), written);

    // An unreadable anchor is an error, not a silent new anchor.
    std::fs::write(&anchor, "yesterday\n").unwrap();
    let (ok, err) = loader(&server.url, Some(&anchor));
    assert!(!ok);
    assert!(err.contains("does not hold an RFC 3339 time"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Why the loader keeps an anchor: without one, a re-run moves the logs to a
/// new "now", and Loki refuses the part of the copy far behind the newest
/// entry of the first run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rerun_without_an_anchor_is_refused_in_part() {
    let (server, loki) = mini_loki().await;
    let (ok, err) = loader(&server.url, None);
    assert!(ok, "{err}");
    let first = loki.lock().unwrap().all().len();
    std::thread::sleep(Duration::from_millis(20));
    let (ok, err) = loader(&server.url, None);
    assert!(!ok, "{err}");
    assert!(err.contains("entry too far behind"), "{err}");
    assert!(loki.lock().unwrap().all().len() > first);
}

/// A push cut short (the connection or Loki failed midway) is completed by
/// the next one, which sends only what is missing.
#[tokio::test]
async fn an_interrupted_push_is_completed_by_the_next() {
    let (server, loki) = mini_loki().await;
    let mut config = LokiConfig::new(&server.url);
    config.retry = RetryPolicy {
        attempts: 1,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    };
    let client = LokiClient::new(config).unwrap();
    let app = Labels::from_pairs([("app".to_string(), "sshd".to_string())]);
    let mut b = StoreBuilder::new();
    // Four hours of entries, one a minute, two of them at the same second.
    for i in 0..240 {
        b.push(
            &app,
            1_700_000_000 * S + i * 60 * S,
            &format!("line {i}"),
            None,
        );
    }
    b.push(&app, 1_700_000_000 * S + 239 * 60 * S, "line 239b", None);
    let (store, _) = b.finish();
    let opts = PushOptions {
        batch_entries: 50,
        shift_to: Some(1_800_000_000 * S),
        resume: true,
        ..PushOptions::default()
    };

    loki.lock().unwrap().fail_after = Some(2);
    assert!(client.push_store(&store, opts).await.is_err());
    assert_eq!(loki.lock().unwrap().all().len(), 100);

    loki.lock().unwrap().fail_after = None;
    let report = client.push_store(&store, opts).await.unwrap();
    assert_eq!(report.rejected, 0, "{report}");
    // Resent from the newest entry Loki held (line 99) on.
    assert_eq!(report.already_in_loki, 99, "{report}");
    let all = loki.lock().unwrap().all();
    assert_eq!(all.len(), 241);
    assert_eq!(all.last().unwrap().0, 1_800_000_000 * S);

    // A third time: only the entries at the newest timestamp go again, and
    // Loki keeps one copy.
    let report = client.push_store(&store, opts).await.unwrap();
    assert_eq!((report.rejected, report.already_in_loki), (0, 239));
    assert_eq!(loki.lock().unwrap().all().len(), 241);
}
