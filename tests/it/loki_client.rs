//! The Loki client against an in-test server that answers as Loki's HTTP API
//! documents: the requests it sends, how it reads answers and errors,
//! retries, splitting, truncation, scope and push.

use std::time::{Duration, Instant};

use crate::support::{Recorded, Reply, TestLoki};
use askloki::engine::{Engine, StoreBuilder};
use askloki::logql::Scope;
use askloki::loki::push::PushOptions;
use askloki::loki::{Auth, LokiClient, LokiConfig, LokiError, RetryPolicy};
use askloki::source::{
    Direction, InstantQuery, Labels, LogSource, QueryResult, RangeQuery, SourceError, TimeRange,
};

const T0: i64 = 1_700_000_000;
const S: i64 = 1_000_000_000;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    Labels::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn engine() -> Engine {
    let mut b = StoreBuilder::new();
    let api = labels(&[("app", "api"), ("namespace", "prod")]);
    for (t, line) in [
        (10, "GET /a 200"),
        (20, "POST /b 500"),
        (30, "GET /c 200"),
        (50, "GET /d 503"),
    ] {
        b.push(&api, (T0 + t) * S, line, None);
    }
    Engine::new(b.finish().0)
}

fn config(url: &str) -> LokiConfig {
    let mut c = LokiConfig::new(url);
    c.retry = RetryPolicy {
        attempts: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_secs(2),
    };
    c.timeout = Duration::from_secs(5);
    c
}

fn client(url: &str) -> LokiClient {
    LokiClient::new(config(url)).unwrap()
}

fn range(query: &str, start: i64, end: i64, step: i64, limit: u32) -> RangeQuery {
    RangeQuery {
        query: query.into(),
        start: (T0 + start) * S,
        end: (T0 + end) * S,
        step: step * S,
        limit,
        direction: Direction::Backward,
    }
}

/// Answer a query request the way Loki would, from the embedded engine.
fn engine_reply(engine: &Engine, req: &Recorded) -> Reply {
    let query = req.param("query").unwrap_or_default().to_string();
    let limit = req
        .param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100);
    let direction = match req.param("direction") {
        Some("forward") => Direction::Forward,
        _ => Direction::Backward,
    };
    let result = if req.path.ends_with("/query_range") {
        let ns = |k: &str| req.param(k).unwrap().parse::<i64>().unwrap();
        let step: f64 = req.param("step").unwrap().parse().unwrap();
        engine.query_range(&RangeQuery {
            query,
            start: ns("start"),
            end: ns("end"),
            step: (step * 1e9) as i64,
            limit,
            direction,
        })
    } else {
        engine.query_instant(&InstantQuery {
            query,
            time: req.param("time").unwrap().parse().unwrap(),
            limit,
            direction,
        })
    };
    match result {
        Ok(r) => Reply::json(r.to_loki_json().to_string()),
        Err(e) => Reply::text(400, e.to_string()),
    }
}

/// A server that answers every query with what the embedded engine says.
async fn loki_like(engine: Engine) -> TestLoki {
    TestLoki::start(move |req: &Recorded, _| engine_reply(&engine, req)).await
}

#[tokio::test]
async fn sends_lokis_parameters_headers_and_auth() {
    let server = loki_like(engine()).await;
    let mut c = config(&format!("{}/prefix/", server.url));
    c.auth = Auth::Basic {
        user: "grafana".into(),
        password: "s3cret".into(),
    };
    c.tenant = Some("team-a".into());
    c.headers.push(("X-Extra".into(), "yes".into()));
    let client = LokiClient::new(c).unwrap();
    let q = RangeQuery {
        direction: Direction::Forward,
        ..range(r#"count_over_time({app="api"}[10s])"#, 10, 30, 10, 50)
    };
    client.query_range(&q).await.unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/prefix/loki/api/v1/query_range");
    assert_eq!(
        req.param("query"),
        Some(r#"count_over_time({app="api"}[10s])"#)
    );
    assert_eq!(req.param("start"), Some("1700000010000000000"));
    assert_eq!(req.param("end"), Some("1700000030000000000"));
    assert_eq!(req.param("step"), Some("10"));
    assert_eq!(req.param("limit"), Some("50"));
    assert_eq!(req.param("direction"), Some("forward"));
    assert_eq!(req.header("X-Scope-OrgID"), Some("team-a"));
    assert_eq!(req.header("X-Extra"), Some("yes"));
    // base64("grafana:s3cret")
    assert_eq!(
        req.header("Authorization"),
        Some("Basic Z3JhZmFuYTpzM2NyZXQ=")
    );
    assert!(!format!("{:?}", client.config()).contains("s3cret"));

    let mut c = config(&server.url);
    c.auth = Auth::Bearer("tok".into());
    let client = LokiClient::new(c).unwrap();
    client
        .query_instant(&InstantQuery {
            query: "vector(1)".into(),
            time: 1_500_000_000,
            limit: 10,
            direction: Direction::Backward,
        })
        .await
        .unwrap();
    let req = &server.requests()[1];
    assert_eq!(req.path, "/loki/api/v1/query");
    assert_eq!(req.param("time"), Some("1500000000"));
    assert_eq!(req.header("Authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn the_same_query_gives_the_same_typed_result_as_the_embedded_engine() {
    let e = engine();
    let server = loki_like(engine()).await;
    let client = client(&server.url);
    for q in [
        range(r#"{app="api"} |= "GET""#, 0, 100, 1, 100),
        range(
            r#"sum by (app) (count_over_time({app="api"}[20s]))"#,
            0,
            60,
            10,
            100,
        ),
        range(
            r#"rate({app="api"} |~ "5\\d\\d" [30s]) > 0"#,
            0,
            60,
            15,
            100,
        ),
    ] {
        let over_http = client.query_range(&q).await.unwrap().result;
        assert_eq!(over_http, e.query_range(&q).unwrap(), "{}", q.query);
    }
    let q = InstantQuery {
        query: r#"topk(1, count_over_time({app="api"}[1m]))"#.into(),
        time: (T0 + 60) * S,
        limit: 100,
        direction: Direction::Backward,
    };
    assert_eq!(
        client.query_instant(&q).await.unwrap().result,
        e.query_instant(&q).unwrap()
    );
}

#[tokio::test]
async fn reads_categorised_entries_scalars_and_stats() {
    let body = r#"{"status":"success","data":{"resultType":"streams","result":[{"stream":{"app":"a"},"values":[["1700000000000000000","hi",{"structuredMetadata":{"trace_id":"t1"}}]]}],"stats":{"summary":{"totalEntriesReturned":1}}}}"#;
    let server = TestLoki::start(move |_, _| Reply::json(body)).await;
    let resp = client(&server.url)
        .query_range(&range(r#"{app="a"}"#, 0, 10, 1, 100))
        .await
        .unwrap();
    let QueryResult::Streams(s) = resp.result else {
        panic!()
    };
    assert_eq!(s[0].entries[0].metadata, labels(&[("trace_id", "t1")]));
    assert_eq!(resp.stats.unwrap()["summary"]["totalEntriesReturned"], 1);

    let server = TestLoki::start(|_, _| {
        Reply::json(
            r#"{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"NaN"]}}"#,
        )
    })
    .await;
    let resp = client(&server.url)
        .query_instant(&InstantQuery {
            query: "1/0".into(),
            time: T0 * S,
            limit: 1,
            direction: Direction::Backward,
        })
        .await
        .unwrap();
    let QueryResult::Scalar(p) = resp.result else {
        panic!()
    };
    assert_eq!(p.ts_ms, 1_700_000_000_500);
    assert!(p.value.is_nan());

    let server = TestLoki::start(|_, _| Reply::json("<html>proxy error</html>")).await;
    let err = client(&server.url)
        .query_instant(&InstantQuery {
            query: "vector(1)".into(),
            time: T0 * S,
            limit: 1,
            direction: Direction::Backward,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Decode { .. }), "{err}");
}

#[tokio::test]
async fn maps_lokis_plain_text_errors() {
    let server = TestLoki::start(|req, _| match req.param("limit") {
        Some("6000") => Reply::text(
            400,
            "max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)\n",
        ),
        _ => Reply::text(400, "parse error at line 1, col 13: syntax error: unexpected IDENTIFIER\n"),
    })
    .await;
    let c = client(&server.url);
    // The query parses locally; Loki still may refuse it (another version,
    // another rule): its message and position come through.
    let err = c
        .query_range(&range(r#"{app="a"}"#, 0, 10, 1, 100))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            LokiError::BadRequest {
                position: Some((1, 13)),
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("unexpected IDENTIFIER"), "{err}");
    let err = c
        .query_range(&range(r#"{app="a"}"#, 0, 10, 1, 6000))
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Limit { .. }), "{err}");
    assert!(err.to_string().contains("lower the line limit"), "{err}");
    assert_eq!(server.requests().len(), 2, "400s are not retried");
}

#[tokio::test]
async fn retries_5xx_and_429_honouring_retry_after() {
    let server = TestLoki::start(|_, n| match n {
        0 => Reply::text(503, "too many outstanding requests"),
        1 => Reply::text(429, "slow down").with_header("Retry-After", "1"),
        _ => Reply::json(r#"{"status":"success","data":["app","namespace"]}"#),
    })
    .await;
    let started = Instant::now();
    let names = client(&server.url)
        .label_names(TimeRange { start: 0, end: S })
        .await
        .unwrap();
    assert_eq!(names, ["app", "namespace"]);
    assert_eq!(server.requests().len(), 3);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );

    // Attempts run out: the last answer's error, with the attempt count.
    let server = TestLoki::start(|_, _| Reply::text(502, "bad gateway")).await;
    let err = client(&server.url)
        .label_names(TimeRange { start: 0, end: S })
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Loki failed (HTTP 502) after 3 attempt(s): bad gateway"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn resets_and_slow_answers() {
    let server = TestLoki::start(|_, n| {
        if n < 2 {
            Reply::Reset
        } else {
            Reply::json(r#"{"status":"success","data":["x"]}"#)
        }
    })
    .await;
    let values = client(&server.url)
        .label_values("app", TimeRange { start: 0, end: S })
        .await
        .unwrap();
    assert_eq!(values, ["x"]);
    assert_eq!(server.requests()[2].path, "/loki/api/v1/label/app/values");

    let server = TestLoki::start(|_, _| Reply::json("{}").after(Duration::from_secs(3))).await;
    let mut c = config(&server.url);
    c.timeout = Duration::from_millis(300);
    c.retry.attempts = 1;
    let err = LokiClient::new(c)
        .unwrap()
        .label_names(TimeRange { start: 0, end: S })
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Timeout { .. }), "{err}");

    let server = TestLoki::start(|_, _| Reply::text(504, "context deadline exceeded")).await;
    let mut c = config(&server.url);
    c.retry.attempts = 1;
    let err = LokiClient::new(c)
        .unwrap()
        .query_range(&range("vector(1)", 0, 10, 1, 10))
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("narrow the time range"), "{err}");
}

#[tokio::test]
async fn queries_outside_the_scope_never_leave() {
    let server = loki_like(engine()).await;
    let mut c = config(&server.url);
    c.scope = Scope::parse(r#"{namespace="prod"}"#).unwrap();
    let client = LokiClient::new(c).unwrap();
    let err = client
        .query_range(&range(r#"{app="api", namespace="dev"}"#, 0, 10, 1, 10))
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::Scope(_)), "{err}");
    let err = client
        .query_range(&range(r#"{app="api"}"#, 0, 10, 1, 10))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LokiError::Scope(_)),
        "an unscoped selector is refused too: {err}"
    );
    let err = client
        .query_range(&range("sum(", 0, 10, 1, 10))
        .await
        .unwrap_err();
    assert!(matches!(err, LokiError::InvalidQuery(_)));
    assert!(server.requests().is_empty(), "nothing was sent");
    // Inside the scope it goes through.
    client
        .query_range(&range(r#"{app="api", namespace="prod"}"#, 0, 100, 1, 10))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn long_ranges_are_split_when_loki_refuses_them() {
    let e = engine();
    // Refuses ranges over 20 s the way Loki does; answers the rest.
    let backend = engine();
    let server = TestLoki::start(move |req, _| {
        let ns = |k: &str| req.param(k).unwrap().parse::<i64>().unwrap();
        if ns("end") - ns("start") > 20 * S {
            return Reply::text(
                400,
                "the query time range exceeds the limit (query length: 1m0s, limit: 20s)",
            );
        }
        engine_reply(&backend, req)
    })
    .await;
    let client = client(&server.url);
    let logs = range(r#"{app="api"}"#, 0, 60, 1, 100);
    let resp = client.query_range(&logs).await.unwrap();
    assert_eq!(resp.result, e.query_range(&logs).unwrap());
    let metric = range(r#"count_over_time({app="api"}[10s])"#, 0, 60, 5, 100);
    let resp = client.query_range(&metric).await.unwrap();
    assert_eq!(resp.result, e.query_range(&metric).unwrap());
    let sent = server.requests();
    assert!(sent.len() > 4, "{}", sent.len());
    assert!(sent.iter().skip(1).all(|r| {
        let ns = |k: &str| r.param(k).unwrap().parse::<i64>().unwrap();
        ns("end") - ns("start") <= 20 * S || r.param("query") != Some(r#"{app="api"}"#)
    }));
}

#[tokio::test]
async fn truncation_is_reported_not_silent() {
    let server = loki_like(engine()).await;
    let c = client(&server.url);
    let full = c
        .query_range(&range(r#"{app="api"}"#, 0, 100, 1, 4))
        .await
        .unwrap();
    assert!(full.truncated, "4 lines for a limit of 4: more may exist");
    let room = c
        .query_range(&range(r#"{app="api"}"#, 0, 100, 1, 5))
        .await
        .unwrap();
    assert!(!room.truncated);
}

#[tokio::test]
async fn metadata_endpoints_and_patterns() {
    let server = TestLoki::start(|req, _| match req.path.as_str() {
        "/loki/api/v1/series" => {
            Reply::json(r#"{"status":"success","data":[{"app":"api","namespace":"prod"}]}"#)
        }
        "/loki/api/v1/index/stats" => {
            Reply::json(r#"{"streams":2,"chunks":5,"entries":100,"bytes":2048}"#)
        }
        "/loki/api/v1/labels" => Reply::json(r#"{"status":"success","data":null}"#),
        _ => Reply::text(404, "404 page not found"),
    })
    .await;
    let c = client(&server.url);
    let all = TimeRange {
        start: T0 * S,
        end: (T0 + 60) * S,
    };
    let series = LogSource::series(&c, r#"{app="api"}"#, all).await.unwrap();
    assert_eq!(series, [labels(&[("app", "api"), ("namespace", "prod")])]);
    let req = &server.requests()[0];
    assert_eq!(req.param("match[]"), Some(r#"{app="api"}"#));
    assert_eq!(req.param("start"), Some("1700000000000000000"));
    let stats = LogSource::index_stats(&c, r#"{app="api"}"#, all)
        .await
        .unwrap();
    assert_eq!(
        (stats.streams, stats.chunks, stats.entries, stats.bytes),
        (2, 5, 100, 2048)
    );
    assert!(LogSource::labels(&c, all).await.unwrap().is_empty());
    let err = LogSource::patterns(&c, r#"{app="api"}"#, all, 60 * S)
        .await
        .unwrap_err();
    assert!(matches!(err, SourceError::Unsupported(m) if m.contains("pattern")));
}

#[tokio::test]
async fn push_batches_and_reports_rejections() {
    let server = TestLoki::start(|req, n| {
        assert_eq!(req.path, "/loki/api/v1/push");
        assert_eq!(req.header("Content-Type"), Some("application/json"));
        match n {
            0 => Reply::text(429, "Ingestion rate limit exceeded").with_header("Retry-After", "0"),
            1 => Reply::text(204, ""),
            _ => Reply::text(
                400,
                "entry with timestamp 2005-06-03 22:42:50 +0000 UTC ignored, reason: 'entry too far behind, oldest acceptable timestamp is: 2024-01-01T00:00:00Z' for stream: {app=\"api\"},\ntotal ignored: 1 out of 2",
            ),
        }
    })
    .await;
    let c = client(&server.url);
    let mut b = StoreBuilder::new();
    let api = labels(&[("app", "api")]);
    for i in 0..4 {
        b.push(&api, (T0 + i) * S, &format!("line {i}"), None);
    }
    let (store, _) = b.finish();
    let opts = PushOptions {
        batch_entries: 2,
        ..PushOptions::default()
    };
    let report = c.push_store(&store, opts).await.unwrap();
    assert_eq!(report.batches, 2);
    assert_eq!((report.accepted, report.rejected), (3, 1));
    assert!(
        report.reasons[0].0.starts_with("entry too far behind"),
        "{:?}",
        report.reasons
    );
    assert!(report.to_string().contains("--shift-to-now"));
    let sent = server.requests();
    assert_eq!(sent.len(), 3, "the 429 was retried once");
    let body: serde_json::Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(body["streams"][0]["stream"]["app"], "api");
    assert_eq!(
        body["streams"][0]["values"][0],
        serde_json::json!(["1700000000000000000", "line 0"])
    );

    // Shifting moves the newest entry to the given time.
    let server = TestLoki::start(|_, _| Reply::text(204, "")).await;
    let opts = PushOptions {
        shift_to: Some((T0 + 1000) * S),
        ..PushOptions::default()
    };
    let report = client(&server.url).push_store(&store, opts).await.unwrap();
    assert_eq!(report.shifted_by_ns, 997 * S);
    let body: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_eq!(body["streams"][0]["values"][3][0], "1700001000000000000");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_prints_the_same_body_from_loki_and_from_a_file() {
    let dir = std::env::temp_dir().join(format!("askloki-cli-loki-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("push.json");
    std::fs::write(
        &file,
        r#"{"streams":[{"stream":{"app":"api"},"values":[["1700000010000000000","GET /a 200"],["1700000020000000000","POST /b 500"]]}]}"#,
    )
    .unwrap();
    let (store, _) = askloki::engine::ingest::ingest_files(
        std::slice::from_ref(&file),
        &askloki::engine::ingest::IngestOptions::default(),
    )
    .unwrap();
    let server = loki_like(Engine::new(store)).await;
    let run = |source: Vec<String>| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_askloki"))
            .args(["logql", "query"])
            .args(source)
            .args([
                "--start",
                "1700000000",
                "--end",
                "1700000060",
                "--step",
                "10s",
            ])
            .arg(r#"count_over_time({app="api"}[20s])"#)
            .env("ASKLOKI_CACHE_DIR", &dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let local = run(vec!["--data".into(), file.display().to_string()]);
    let remote = run(vec!["--loki".into(), server.url.clone()]);
    assert_eq!(local, remote);
    assert!(
        local.starts_with(r#"{"status":"success","data":{"resultType":"matrix""#),
        "{local}"
    );
    let sent = server.requests();
    assert_eq!(sent[0].param("step"), Some("10"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Someone used to logcli finds its names: `$LOKI_ADDR`, `$LOKI_ORG_ID`,
/// `$LOKI_BEARER_TOKEN`, `--from`/`--to`, `--since`, `-o raw|jsonl|default`.
// The CLI runs as a blocking child process: the in-test Loki needs a thread
// of its own meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_speaks_logclis_flags_and_environment() {
    let loki = loki_like(engine()).await;
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_askloki"));
        cmd.args(["logql", "query"]).args(args);
        for var in [
            "LOKI_ADDR",
            "LOKI_ORG_ID",
            "LOKI_BEARER_TOKEN",
            "LOKI_TOKEN",
            "LOKI_USERNAME",
        ] {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().copied());
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let from = (T0).to_string();
    let to = (T0 + 100).to_string();
    let env = [
        ("LOKI_ADDR", loki.url.as_str()),
        ("LOKI_ORG_ID", "team-a"),
        ("LOKI_BEARER_TOKEN", "tok-1"),
    ];
    let raw = run(
        &[
            "--from",
            &from,
            "--to",
            &to,
            "-o",
            "raw",
            "-q",
            r#"{app="api"}"#,
        ],
        &env,
    );
    let lines: Vec<&str> = raw.lines().collect();
    assert_eq!(lines.first(), Some(&"GET /d 503"), "newest first: {raw}");
    assert!(lines.contains(&"POST /b 500"), "{raw}");
    let sent = loki.requests();
    let req = sent.last().unwrap();
    assert_eq!(req.header("x-scope-orgid"), Some("team-a"));
    assert_eq!(req.header("authorization"), Some("Bearer tok-1"));
    assert_eq!(req.param("start"), Some(format!("{}", T0 * S).as_str()));

    let jsonl = run(
        &[
            "--addr",
            &loki.url,
            "--from",
            &from,
            "--to",
            &to,
            "--direction",
            "forward",
            "-o",
            "jsonl",
            r#"{app="api"}"#,
        ],
        &[],
    );
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["line"], "GET /a 200");
    assert_eq!(first["labels"]["app"], "api");
    assert!(first["timestamp"]
        .as_str()
        .unwrap()
        .starts_with("2023-11-14T22:13:30"));

    let default = run(
        &[
            "--from",
            &from,
            "--to",
            &to,
            "-o",
            "default",
            r#"{app="api"}"#,
        ],
        &env,
    );
    assert!(
        default
            .lines()
            .next()
            .unwrap()
            .ends_with(r#"{app="api", namespace="prod"} GET /d 503"#),
        "{default}"
    );
    // --since counts back from --to.
    run(&["--to", &to, "--since", "30s", r#"{app="api"}"#], &env);
    let req = loki.requests().last().cloned().unwrap();
    assert_eq!(
        req.param("start"),
        Some(format!("{}", (T0 + 70) * S).as_str())
    );
}
