//! The embedded engine, construct by construct. Expected values are worked
//! out by hand from Loki's documented semantics; the data is small enough
//! to check each one against the lines below.

use askloki::engine::{Engine, Limits, StoreBuilder};
use askloki::source::{
    Direction, InstantQuery, Labels, Point, QueryResult, RangeQuery, Sample, Series,
};

/// 2023-11-14T22:13:20Z: a multiple of every step used below.
const T0: i64 = 1_700_000_000;
const S: i64 = 1_000_000_000;

fn at(secs: i64) -> i64 {
    (T0 + secs) * S
}

fn labels(pairs: &[(&str, &str)]) -> Labels {
    Labels::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn engine() -> Engine {
    let api = labels(&[("app", "api"), ("env", "prod")]);
    let web = labels(&[("app", "web"), ("env", "prod")]);
    let meta = labels(&[("app", "meta")]);
    let mut b = StoreBuilder::new();
    for (t, line) in [
        (
            10,
            "level=info method=GET path=/users status=200 took=120ms size=1.5KB",
        ),
        (
            20,
            "level=error method=POST path=/orders status=500 took=2s size=300B",
        ),
        (
            30,
            "level=warn method=GET path=/users status=404 took=45ms size=512B",
        ),
        (
            60,
            "level=error method=GET path=/health status=503 took=5s size=0B",
        ),
    ] {
        b.push(&api, at(t), line, None);
    }
    for (t, line) in [
        (
            15,
            r#"{"level":"info","req":{"method":"GET","path":"/"},"status":200}"#,
        ),
        (
            45,
            r#"{"level":"error","req":{"method":"GET","path":"/cart"},"status":502}"#,
        ),
        (70, "not json at all"),
    ] {
        b.push(&web, at(t), line, None);
    }
    b.push(&meta, at(5), "hello", Some(r#"{"trace_id":"abc"}"#));
    b.push(&meta, at(6), "bye", None);
    Engine::new(b.finish().0)
}

fn range(e: &Engine, query: &str, start: i64, end: i64, step: i64) -> QueryResult {
    e.query_range(&RangeQuery {
        query: query.into(),
        start: at(start),
        end: at(end),
        step: step * S,
        limit: 100,
        direction: Direction::Backward,
    })
    .unwrap_or_else(|err| panic!("{query}: {err}"))
}

fn logs(
    e: &Engine,
    query: &str,
    limit: u32,
    direction: Direction,
) -> Vec<(Labels, Vec<(i64, String)>)> {
    let r = e
        .query_range(&RangeQuery {
            query: query.into(),
            start: at(0),
            end: at(100),
            step: S,
            limit,
            direction,
        })
        .unwrap_or_else(|err| panic!("{query}: {err}"));
    let QueryResult::Streams(streams) = r else {
        panic!("{query}: not streams: {r:?}")
    };
    streams
        .into_iter()
        .map(|s| {
            let entries = s
                .entries
                .into_iter()
                .map(|e| (e.ts / S - T0, e.line))
                .collect();
            (s.labels, entries)
        })
        .collect()
}

/// Timestamps (seconds after T0) of the lines a log query returns.
fn times(e: &Engine, query: &str) -> Vec<i64> {
    let mut t: Vec<i64> = logs(e, query, 100, Direction::Forward)
        .into_iter()
        .flat_map(|(_, entries)| entries.into_iter().map(|(t, _)| t))
        .collect();
    t.sort();
    t
}

fn instant(e: &Engine, query: &str, secs: i64) -> Result<QueryResult, String> {
    e.query_instant(&InstantQuery {
        query: query.into(),
        time: at(secs),
        limit: 100,
        direction: Direction::Backward,
    })
    .map_err(|err| err.to_string())
}

/// The instant vector as (labels, value) pairs.
fn vector(e: &Engine, query: &str, secs: i64) -> Vec<(Labels, f64)> {
    match instant(e, query, secs).unwrap_or_else(|err| panic!("{query}: {err}")) {
        QueryResult::Vector(v) => v.into_iter().map(|s| (s.labels, s.point.value)).collect(),
        other => panic!("{query}: not a vector: {other:?}"),
    }
}

fn single(e: &Engine, query: &str, secs: i64) -> f64 {
    let v = vector(e, query, secs);
    assert_eq!(v.len(), 1, "{query}: {v:?}");
    v[0].1
}

#[test]
fn stream_selection_direction_and_limit() {
    let e = engine();
    let backward = logs(&e, r#"{app="api"} |= "error""#, 100, Direction::Backward);
    assert_eq!(backward.len(), 1);
    assert_eq!(backward[0].0, labels(&[("app", "api"), ("env", "prod")]));
    let t: Vec<i64> = backward[0].1.iter().map(|(t, _)| *t).collect();
    assert_eq!(t, [60, 20], "backward: newest first");

    let forward = logs(&e, r#"{env="prod"}"#, 2, Direction::Forward);
    let t: Vec<i64> = forward
        .iter()
        .flat_map(|(_, es)| es.iter().map(|(t, _)| *t))
        .collect();
    assert_eq!(t, [10, 15], "forward limit 2: the two oldest lines overall");
    let backward = logs(&e, r#"{env="prod"}"#, 2, Direction::Backward);
    let mut t: Vec<i64> = backward
        .iter()
        .flat_map(|(_, es)| es.iter().map(|(t, _)| *t))
        .collect();
    t.sort();
    assert_eq!(t, [60, 70]);
    // Regex and negative matchers on stream labels.
    assert_eq!(
        times(&e, r#"{app=~"a.i|w.b", app!="web"} |= "status=5""#),
        [20, 60]
    );
}

#[test]
fn line_filters() {
    let e = engine();
    assert_eq!(times(&e, r#"{app="api"} != "GET""#), [20]);
    assert_eq!(times(&e, r#"{app="api"} |~ "status=5\\d\\d""#), [20, 60]);
    assert_eq!(times(&e, r#"{app="api"} !~ "(?i)LEVEL=ERROR""#), [10, 30]);
    assert_eq!(
        times(&e, r#"{app="api"} |= "users" or "health""#),
        [10, 30, 60]
    );
    assert_eq!(times(&e, r#"{app="api"} |> "<_> method=POST <_>""#), [20]);
    assert_eq!(times(&e, r#"{app="api"} |= "GET" != "users""#), [60]);
}

#[test]
fn logfmt_and_label_filters_of_every_type() {
    let e = engine();
    assert_eq!(
        times(&e, r#"{app="api"} | logfmt | status >= 500"#),
        [20, 60]
    );
    assert_eq!(times(&e, r#"{app="api"} | logfmt | took > 1s"#), [20, 60]);
    assert_eq!(times(&e, r#"{app="api"} | logfmt | size >= 1KB"#), [10]);
    assert_eq!(
        times(
            &e,
            r#"{app="api"} | logfmt | level="error" and method!="GET""#
        ),
        [20]
    );
    assert_eq!(
        times(
            &e,
            r#"{app="api"} | logfmt | status == 404 or took < 100ms"#
        ),
        [30]
    );
    assert_eq!(
        times(&e, r#"{app="api"} | logfmt | path=~"/u.*""#),
        [10, 30]
    );
    // Parsed labels split the stream: one output stream per label set.
    let streams = logs(
        &e,
        r#"{app="api"} | logfmt | level="error""#,
        100,
        Direction::Forward,
    );
    assert_eq!(streams.len(), 2);
    // Ordered by label text: method="GET" sorts before method="POST".
    assert_eq!(streams[0].0.get("status"), Some("503"));
    assert_eq!(streams[1].0.get("status"), Some("500"));
}

#[test]
fn json_parser_nested_keys_params_and_errors() {
    let e = engine();
    let streams = logs(
        &e,
        r#"{app="web"} | json | req_method="GET""#,
        100,
        Direction::Forward,
    );
    // Streams come ordered by the text of their label sets: level="error" first.
    let t: Vec<i64> = streams
        .iter()
        .flat_map(|(_, es)| es.iter().map(|(t, _)| *t))
        .collect();
    assert_eq!(t, [45, 15]);
    let info = &streams[1].0;
    assert_eq!(info.get("req_path"), Some("/"));
    assert_eq!(info.get("status"), Some("200"));
    assert_eq!(info.get("level"), Some("info"));

    assert_eq!(
        times(&e, r#"{app="web"} | json | __error__="JSONParserErr""#),
        [70]
    );
    assert_eq!(times(&e, r#"{app="web"} | json | __error__="""#), [15, 45]);
    let lines: Vec<String> = logs(
        &e,
        r#"{app="web"} | json m="req.method", s="status" | __error__="" | line_format "{{.m}}:{{.s}}""#,
        100,
        Direction::Forward,
    )
    .into_iter()
    .flat_map(|(_, es)| es.into_iter().map(|(_, l)| l))
    .collect();
    assert_eq!(lines, ["GET:200", "GET:502"]);
}

#[test]
fn pattern_regexp_formats_drop_keep() {
    let e = engine();
    assert_eq!(
        times(
            &e,
            r#"{app="api"} | pattern "level=<level> method=<method> <_>" | method="POST""#
        ),
        [20]
    );
    assert_eq!(
        times(
            &e,
            r#"{app="api"} | regexp "status=(?P<code>\\d+)" | code="404""#
        ),
        [30]
    );
    let got = logs(
        &e,
        r#"{app="api"} | logfmt | line_format "{{.method | ToLower}} {{.path}}" |= "post""#,
        100,
        Direction::Forward,
    );
    assert_eq!(got[0].1[0].1, "post /orders");
    let got = logs(
        &e,
        r#"{app="api"} | logfmt | status="404" | keep app, status | label_format code=status"#,
        100,
        Direction::Forward,
    );
    assert_eq!(got[0].0, labels(&[("app", "api"), ("code", "404")]));
    let got = logs(
        &e,
        r#"{app="api"} | logfmt | status="404" | drop level, method, path, took, size, env"#,
        100,
        Direction::Forward,
    );
    assert_eq!(got[0].0, labels(&[("app", "api"), ("status", "404")]));
}

#[test]
fn structured_metadata_is_a_label() {
    let e = engine();
    let got = logs(
        &e,
        r#"{app="meta"} | trace_id="abc""#,
        100,
        Direction::Forward,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, labels(&[("app", "meta"), ("trace_id", "abc")]));
    assert_eq!(got[0].1, [(5, "hello".to_string())]);
}

#[test]
fn range_windows_are_half_open() {
    let e = engine();
    // (T0+10, T0+20]: the line at T0+10 sits on the window's start: excluded.
    assert_eq!(single(&e, r#"count_over_time({app="api"}[10s])"#, 20), 1.0);
    // (T0, T0+60]: all four api lines.
    assert_eq!(single(&e, r#"count_over_time({app="api"}[1m])"#, 60), 4.0);
    assert_eq!(single(&e, r#"rate({app="api"}[1m])"#, 60), 4.0 / 60.0);
    // offset 10s moves the window to (T0+10, T0+20] but keeps the timestamp.
    let r = instant(&e, r#"count_over_time({app="api"}[10s] offset 10s)"#, 30).unwrap();
    let QueryResult::Vector(v) = r else { panic!() };
    assert_eq!(
        v[0].point,
        Point {
            ts_ms: (T0 + 30) * 1000,
            value: 1.0
        }
    );
    // bytes_over_time counts line bytes.
    let api_bytes: usize = [
        "level=info method=GET path=/users status=200 took=120ms size=1.5KB",
        "level=error method=POST path=/orders status=500 took=2s size=300B",
    ]
    .iter()
    .map(|l| l.len())
    .sum();
    assert_eq!(
        single(&e, r#"bytes_over_time({app="api"}[20s])"#, 20),
        api_bytes as f64
    );
}

#[test]
fn range_queries_align_steps_to_the_step() {
    let e = engine();
    let want = QueryResult::Matrix(vec![Series {
        labels: labels(&[("app", "api"), ("env", "prod")]),
        points: [10, 20, 30]
            .iter()
            .map(|s| Point {
                ts_ms: (T0 + s) * 1000,
                value: 1.0,
            })
            .collect(),
    }]);
    assert_eq!(
        range(&e, r#"count_over_time({app="api"}[10s])"#, 10, 30, 10),
        want
    );
    // Start rounds down to T0+10 and end up to T0+30.
    assert_eq!(
        range(&e, r#"count_over_time({app="api"}[10s])"#, 13, 27, 10),
        want
    );
}

#[test]
fn unwrap_with_conversions_and_pipeline_errors() {
    let e = engine();
    let v = single(
        &e,
        r#"sum by (app) (sum_over_time({app="api"} | logfmt | unwrap duration(took) [1m]))"#,
        60,
    );
    assert!((v - 7.165).abs() < 1e-9, "{v}");
    assert_eq!(
        single(
            &e,
            r#"sum by (app) (sum_over_time({app="api"} | logfmt | unwrap bytes(size) [1m]))"#,
            60
        ),
        1500.0 + 300.0 + 512.0
    );
    // Sorted durations 0.045, 0.12, 2, 5; rank 0.5*3 = 1.5 → (0.12 + 2) / 2.
    let q = single(
        &e,
        r#"quantile_over_time(0.5, {app="api"} | logfmt | unwrap duration(took) [1m]) by (app)"#,
        60,
    );
    assert!((q - 1.06).abs() < 1e-9, "{q}");
    assert_eq!(
        single(
            &e,
            r#"max_over_time({app="api"} | logfmt | unwrap status [1m]) by (app)"#,
            60
        ),
        503.0
    );
    // The unwrapped label leaves the series labels, unless a `by`
    // grouping names it.
    let v = vector(
        &e,
        r#"max_over_time({app="api"} | logfmt | unwrap status [1m]) without (level, method, path, took, size)"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "api"), ("env", "prod")]), 503.0)]);
    let v = vector(
        &e,
        r#"max_over_time({app="api"} | logfmt | unwrap status [1m]) by (status)"#,
        60,
    );
    assert_eq!(v.len(), 4, "{v:?}");

    let err = instant(
        &e,
        r#"sum(sum_over_time({app="api"} | logfmt | unwrap took [1m]))"#,
        60,
    )
    .unwrap_err();
    assert!(
        err.starts_with("pipeline error: 'SampleExtractionErr' for series: '{"),
        "{err}"
    );
    // A line without the unwrapped label is skipped, not an error.
    assert_eq!(
        single(
            &e,
            r#"sum(sum_over_time({app="web"} | json | unwrap status [2m]))"#,
            70
        ),
        200.0 + 502.0
    );
    // Without labels to keep, Loki does not run the parser: no error.
    assert_eq!(
        single(&e, r#"sum(count_over_time({app="web"} | json [2m]))"#, 70),
        3.0
    );
    let err = instant(
        &e,
        r#"sum by (level) (count_over_time({app="web"} | json [2m]))"#,
        70,
    )
    .unwrap_err();
    assert!(err.starts_with("pipeline error: 'JSONParserErr'"), "{err}");
    assert!(
        err.contains("(e.g | __error__!=\"JSONParserErr\")"),
        "{err}"
    );
    // Filtering the error out makes the same query work.
    assert_eq!(
        single(
            &e,
            r#"sum(count_over_time({app="web"} | json | __error__="" [2m]))"#,
            70
        ),
        2.0
    );
}

#[test]
fn vector_aggregations_topk_sort() {
    let e = engine();
    let v = vector(
        &e,
        r#"sum by (app) (count_over_time({env="prod"}[1m]))"#,
        60,
    );
    assert_eq!(
        v,
        [
            (labels(&[("app", "api")]), 4.0),
            (labels(&[("app", "web")]), 2.0)
        ]
    );
    assert_eq!(
        single(&e, r#"sum(count_over_time({env="prod"}[1m]))"#, 60),
        6.0
    );
    assert_eq!(
        single(&e, r#"avg(count_over_time({env="prod"}[1m]))"#, 60),
        3.0
    );
    assert_eq!(
        single(&e, r#"count(count_over_time({env="prod"}[1m]))"#, 60),
        2.0
    );
    assert_eq!(
        single(&e, r#"max(count_over_time({env="prod"}[1m]))"#, 60),
        4.0
    );
    assert_eq!(
        single(&e, r#"stddev(count_over_time({env="prod"}[1m]))"#, 60),
        1.0
    );
    let v = vector(
        &e,
        r#"topk(1, sum by (app) (count_over_time({env="prod"}[1m])))"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "api")]), 4.0)]);
    let v = vector(
        &e,
        r#"bottomk(1, sum by (app) (count_over_time({env="prod"}[1m])))"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "web")]), 2.0)]);
    let v = vector(
        &e,
        r#"sort(sum by (app) (count_over_time({env="prod"}[1m])))"#,
        60,
    );
    assert_eq!(v[0].1, 2.0, "sort keeps ascending order in instant queries");
    let v = vector(
        &e,
        r#"sum without (env) (count_over_time({env="prod"}[1m]))"#,
        60,
    );
    assert_eq!(v[0].0, labels(&[("app", "api")]));
}

#[test]
fn binary_operators_matching_and_bool() {
    let e = engine();
    assert_eq!(
        single(&e, r#"sum(count_over_time({env="prod"}[1m])) / 2"#, 60),
        3.0
    );
    assert_eq!(
        single(&e, r#"2 * sum(count_over_time({env="prod"}[1m]))"#, 60),
        12.0
    );
    assert_eq!(
        single(&e, r#"count_over_time({app="api"}[1m]) > bool 3"#, 60),
        1.0
    );
    assert!(vector(&e, r#"count_over_time({app="api"}[1m]) > 4"#, 60).is_empty());
    // A comparison without bool keeps the vector's value.
    assert_eq!(
        single(&e, r#"count_over_time({app="api"}[1m]) >= 4"#, 60),
        4.0
    );
    let v = vector(
        &e,
        r#"sum by (app) (count_over_time({env="prod"} |= "error" [1m])) / on (app) sum by (app) (count_over_time({env="prod"}[1m]))"#,
        60,
    );
    assert_eq!(
        v,
        [
            (labels(&[("app", "api")]), 0.5),
            (labels(&[("app", "web")]), 0.5)
        ]
    );
    let v = vector(
        &e,
        r#"count_over_time({env="prod"}[1m]) / ignoring(app) group_left sum by (env) (count_over_time({env="prod"}[1m]))"#,
        60,
    );
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].1, 4.0 / 6.0);
    let v = vector(
        &e,
        r#"sum by (app) (count_over_time({env="prod"}[1m])) and on (app) sum by (app) (count_over_time({app="web"}[1m]))"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "web")]), 2.0)]);
    let v = vector(
        &e,
        r#"sum by (app) (count_over_time({app="api"}[1m])) or sum by (app) (count_over_time({app="web"}[1m]))"#,
        60,
    );
    assert_eq!(v.len(), 2);
    let v = vector(
        &e,
        r#"sum by (app) (count_over_time({env="prod"}[1m])) unless on (app) sum by (app) (count_over_time({app="web"}[1m]))"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "api")]), 4.0)]);
    // Loki divides by zero to NaN, not to an infinity.
    assert!(single(&e, r#"sum(count_over_time({env="prod"}[1m])) / 0"#, 60).is_nan());
    assert!(single(&e, r#"sum(count_over_time({env="prod"}[1m])) % 0"#, 60).is_nan());
    let err = instant(
        &e,
        r#"count_over_time({env="prod"}[1m]) / on(env) count_over_time({env="prod"}[1m])"#,
        60,
    )
    .unwrap_err();
    assert_eq!(
        err,
        "found duplicate series on the right hand-side;many-to-many matching not allowed: matching labels must be unique on one side"
    );
    // A sort anywhere keeps value order in an instant vector.
    let v = vector(
        &e,
        r#"sort_desc(sum by (app) (count_over_time({env="prod"}[1m]))) * 1"#,
        60,
    );
    assert_eq!(v[0], (labels(&[("app", "api")]), 4.0));
    let v = vector(
        &e,
        r#"sort(sum by (app) (count_over_time({env="prod"}[1m]))) * 1"#,
        60,
    );
    assert_eq!(v[0], (labels(&[("app", "web")]), 2.0));
}

#[test]
fn label_replace_vector_literals_absent() {
    let e = engine();
    let v = vector(
        &e,
        r#"label_replace(sum by (app) (count_over_time({app="api"}[1m])), "svc", "$1-svc", "app", "(.*)")"#,
        60,
    );
    assert_eq!(v, [(labels(&[("app", "api"), ("svc", "api-svc")]), 4.0)]);
    assert_eq!(
        instant(&e, "1 + 1", 60).unwrap(),
        QueryResult::Scalar(Point {
            ts_ms: (T0 + 60) * 1000,
            value: 2.0
        })
    );
    assert_eq!(
        instant(&e, "vector(3)", 60).unwrap(),
        QueryResult::Vector(vec![Sample {
            labels: Labels::new(),
            point: Point {
                ts_ms: (T0 + 60) * 1000,
                value: 3.0
            }
        }])
    );
    let v = vector(&e, r#"absent_over_time({app="nope", env=~".+"}[1m])"#, 60);
    assert_eq!(v, [(labels(&[("app", "nope")]), 1.0)]);
    // A name matched twice cannot say what the absent series was.
    let v = vector(
        &e,
        r#"absent_over_time({app="nope", app="x", job="j"}[1m])"#,
        60,
    );
    assert_eq!(v, [(labels(&[("job", "j")]), 1.0)]);
    assert!(vector(&e, r#"absent_over_time({app="api"}[1m])"#, 60).is_empty());
    // A literal over a range is one series of the value at every step.
    let QueryResult::Matrix(m) = range(&e, "2", 0, 20, 10) else {
        panic!()
    };
    assert_eq!(m[0].points.len(), 3);
}

#[test]
fn loki_limits_and_errors() {
    let e = engine();
    let err = e
        .query_range(&RangeQuery {
            query: r#"{app="api"}"#.into(),
            start: at(0),
            end: at(100),
            step: S,
            limit: 6000,
            direction: Direction::Backward,
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)"
    );
    let err = e
        .query_range(&RangeQuery {
            query: r#"count_over_time({app="api"}[1m])"#.into(),
            start: at(0),
            end: at(100),
            step: S / 1000,
            limit: 100,
            direction: Direction::Backward,
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter"
    );
    assert_eq!(
        instant(&e, r#"{app="api"}"#, 60).unwrap_err(),
        "log queries are not supported as an instant query type, please change your query to a range query type"
    );
    let small = engine().with_limits(Limits {
        max_series: 1,
        ..Limits::default()
    });
    assert_eq!(
        instant(&small, r#"count_over_time({env="prod"}[1m])"#, 60).unwrap_err(),
        "maximum of series (1) reached for a single query"
    );
    // The limit is on the result: four intermediate series aggregated
    // into one are fine.
    assert_eq!(
        single(
            &small,
            r#"max(max_over_time({app="api"} | logfmt | unwrap status [1m]))"#,
            60
        ),
        503.0
    );
    // A range too long for i64 nanoseconds is refused, not allocated.
    let err = e
        .query_range(&RangeQuery {
            query: r#"count_over_time({app="api"}[1m])"#.into(),
            start: i64::MIN / 2 - 1,
            end: i64::MAX / 2 + 1,
            step: S,
            limit: 100,
            direction: Direction::Backward,
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "the time range is too large");
    let err = instant(&e, r#"count_over_time({app="api"}[1m]"#, 60).unwrap_err();
    assert!(err.starts_with("parse error at line 1"), "{err}");
}

#[test]
fn loki_json_shapes() {
    let e = engine();
    let body = range(&e, r#"count_over_time({app="api"}[10s])"#, 10, 20, 10).to_loki_json();
    assert_eq!(
        body.to_string(),
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"app":"api","env":"prod"},"values":[[1700000010,"1"],[1700000020,"1"]]}]}}"#
    );
    let body = e
        .query_range(&RangeQuery {
            query: r#"{app="meta"}"#.into(),
            start: at(0),
            end: at(6),
            step: S,
            limit: 10,
            direction: Direction::Backward,
        })
        .unwrap()
        .to_loki_json();
    assert_eq!(
        body["data"]["result"][0]["values"][0],
        serde_json::json!(["1700000005000000000", "hello"])
    );
}

/// Drive a future that never waits (the embedded engine answers at once).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn the_engine_is_a_log_source() {
    use askloki::source::{LogSource, SourceError, TimeRange};
    let e = engine();
    let source: &dyn LogSource = &e;
    let all = TimeRange {
        start: at(0),
        end: at(100),
    };
    assert_eq!(block_on(source.labels(all)).unwrap(), ["app", "env"]);
    assert_eq!(
        block_on(source.label_values("app", all)).unwrap(),
        ["api", "meta", "web"]
    );
    // Only streams with entries in the window count.
    let early = TimeRange {
        start: at(0),
        end: at(8),
    };
    assert_eq!(
        block_on(source.label_values("app", early)).unwrap(),
        ["meta"]
    );
    assert_eq!(
        block_on(source.series(r#"{env="prod", app=~"w.*"}"#, all)).unwrap(),
        [labels(&[("app", "web"), ("env", "prod")])]
    );
    let q = InstantQuery {
        query: r#"sum(count_over_time({env="prod"}[1m]))"#.into(),
        time: at(60),
        limit: 100,
        direction: Direction::Backward,
    };
    let QueryResult::Vector(v) = block_on(source.query_instant(&q)).unwrap().result else {
        panic!()
    };
    assert_eq!(v[0].point.value, 6.0);
    let bad = InstantQuery {
        query: "sum(".into(),
        ..q
    };
    assert!(matches!(
        block_on(source.query_instant(&bad)),
        Err(SourceError::BadRequest(m)) if m.starts_with("parse error")
    ));
}

/// One query cannot hold more than its memory budget: a top-k over more
/// distinct values than the budget holds stops with an error that says
/// what to change, and the same query fits a budget large enough.
#[test]
fn a_query_stays_within_its_memory_budget() {
    let ssh = labels(&[("app", "ssh")]);
    let mut b = StoreBuilder::new();
    for i in 0..100_000u32 {
        let line = format!(
            "Failed password for root from 10.{}.{}.{} port 22 ssh2",
            i >> 16,
            (i >> 8) & 255,
            i & 255
        );
        b.push(&ssh, at(i64::from(i % 3000)), &line, None);
    }
    let store = b.finish().0;
    let query = r#"topk(3, sum by (ip) (count_over_time({app="ssh"} |= "Failed password" | regexp "from (?P<ip>\\S+) port" [1h])))"#;
    let tight = Engine::new(store.clone()).with_limits(Limits {
        max_query_bytes: 4 << 20,
        max_series: usize::MAX / 1000,
        ..Limits::default()
    });
    let err = instant(&tight, query, 3600).unwrap_err();
    assert!(err.contains("needs more than 4 MiB"), "{err}");
    assert!(
        err.contains("approx_topk") && err.contains("--max-query-memory"),
        "{err}"
    );
    // Kept log lines count too: a log query over many streams.
    let roomy = Engine::new(store).with_limits(Limits {
        max_series: usize::MAX / 1000,
        ..Limits::default()
    });
    let QueryResult::Vector(top) = instant(&roomy, query, 3600).unwrap() else {
        panic!("a vector");
    };
    assert_eq!(top.len(), 3);
}

/// `topk` and `bottomk` of a sum over many groups stay exact while the
/// groups fit the budget (a few dozen bytes each, not a label set each),
/// and past it fail with the budget's error, which names approx_topk.
#[test]
fn exact_top_k_over_many_groups_within_the_budget() {
    let web = labels(&[("app", "web")]);
    let mut b = StoreBuilder::new();
    let mut t = 0;
    let mut push = |ip: &str, b: &mut StoreBuilder| {
        t += 1;
        b.push(
            &web,
            at(t % 3000),
            &format!("method=GET ip={ip} status=200"),
            None,
        );
    };
    for i in 0..60_000u32 {
        push(
            &format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
            &mut b,
        );
    }
    for (ip, n) in [("192.0.2.1", 40), ("192.0.2.2", 30), ("192.0.2.3", 20)] {
        for _ in 0..n {
            push(ip, &mut b);
        }
    }
    let store = b.finish().0;
    let inner = r#"sum by (ip) (count_over_time({app="web"} | logfmt [1h]))"#;
    let within = Engine::new(store.clone()).with_limits(Limits {
        max_query_bytes: 8 << 20,
        max_series: usize::MAX / 1000,
        ..Limits::default()
    });
    let top = vector(&within, &format!("topk(3, {inner})"), 3600);
    let mut got: Vec<(&str, f64)> = top
        .iter()
        .map(|(l, v)| (l.get("ip").unwrap_or_default(), *v))
        .collect();
    got.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert_eq!(
        got,
        [
            ("192.0.2.1", 40.0),
            ("192.0.2.2", 30.0),
            ("192.0.2.3", 20.0)
        ]
    );
    let bottom = vector(&within, &format!("bottomk(2, {inner})"), 3600);
    assert_eq!(bottom.len(), 2);
    assert!(bottom
        .iter()
        .all(|(l, v)| *v == 1.0 && l.get("ip").is_some_and(|ip| ip.starts_with("10."))));
    // The default series limit applies before any budget, as in Loki.
    let default_series = Engine::new(store.clone()).with_limits(Limits {
        max_query_bytes: 8 << 20,
        ..Limits::default()
    });
    let err = instant(&default_series, &format!("topk(3, {inner})"), 3600).unwrap_err();
    assert!(err.contains("maximum of series (500)"), "{err}");
    let over = Engine::new(store).with_limits(Limits {
        max_query_bytes: 1 << 20,
        max_series: usize::MAX / 1000,
        ..Limits::default()
    });
    let err = instant(&over, &format!("topk(3, {inner})"), 3600).unwrap_err();
    assert!(
        err.contains("needs more than 1 MiB") && err.contains("approx_topk"),
        "{err}"
    );
}

#[test]
fn kept_log_lines_count_against_the_budget() {
    let mut b = StoreBuilder::new();
    for s in 0..400 {
        let l = labels(&[("app", "web"), ("pod", &format!("p{s}"))]);
        for i in 0..100 {
            b.push(&l, at(i), &"x".repeat(2000), None);
        }
    }
    let tight = Engine::new(b.finish().0).with_limits(Limits {
        max_query_bytes: 1 << 20,
        ..Limits::default()
    });
    let err = tight
        .query_range(&RangeQuery {
            query: r#"{app="web"}"#.into(),
            start: at(0),
            end: at(200),
            step: S,
            limit: 5000,
            direction: Direction::Backward,
        })
        .unwrap_err();
    assert!(err.to_string().contains("needs more than 1 MiB"), "{err}");
}

/// The apps of an instant vector, in the order the engine returned them,
/// with their values.
fn ordered(e: &Engine, query: &str) -> Vec<(String, f64)> {
    vector(e, query, 60)
        .into_iter()
        .map(|(l, v)| (l.get("app").unwrap_or_default().to_string(), v))
        .collect()
}

/// NaN sorts after every number in both directions; topk takes it as the
/// smallest value and bottomk as the largest, so both prefer numbers;
/// ±Inf are ordinary extremes.
#[test]
fn nan_and_infinities_in_sorting_and_top_k() {
    let e = engine();
    // Per app over (0s, 60s]: api 4 lines, web 2, meta 2.
    let n = r#"sum by (app) (count_over_time({app=~".+"}[1m]))"#;
    // api: 4/2 = 2; web and meta: 2/0, which Loki makes NaN.
    let with_nan = format!("{n} / ({n} - 2)");
    let sorted = ordered(&e, &format!("sort({with_nan})"));
    assert_eq!(sorted[0], ("api".to_string(), 2.0));
    assert!(sorted[1].1.is_nan() && sorted[2].1.is_nan(), "{sorted:?}");
    let desc = ordered(&e, &format!("sort_desc({with_nan})"));
    assert_eq!(desc[0].0, "api");
    assert!(desc[1].1.is_nan() && desc[2].1.is_nan(), "{desc:?}");
    let top = ordered(&e, &format!("topk(1, {with_nan})"));
    assert_eq!(top, vec![("api".to_string(), 2.0)]);
    let bottom = ordered(&e, &format!("bottomk(1, {with_nan})"));
    assert_eq!(bottom, vec![("api".to_string(), 2.0)]);
    // Asked for more than the numbers, NaN fills the rest.
    let top2 = ordered(&e, &format!("topk(2, {with_nan})"));
    assert_eq!(top2.len(), 2);
    assert_eq!(
        top2.iter().filter(|(_, v)| v.is_nan()).count(),
        1,
        "{top2:?}"
    );

    // api: (4 - 3) * 1e309 = +Inf; web and meta: -Inf.
    let inf = format!("({n} - 3) * 1e308 * 10");
    let desc = ordered(&e, &format!("sort_desc({inf})"));
    assert_eq!(desc[0], ("api".to_string(), f64::INFINITY));
    assert_eq!(desc[2].1, f64::NEG_INFINITY);
    let top = ordered(&e, &format!("topk(1, {inf})"));
    assert_eq!(top, vec![("api".to_string(), f64::INFINITY)]);
    let bottom = ordered(&e, &format!("bottomk(1, {inf})"));
    assert_eq!(bottom[0].1, f64::NEG_INFINITY);
    // Comparisons with NaN are false: the filter drops, `bool` gives 0.
    assert_eq!(
        ordered(&e, &format!("{with_nan} > 0")),
        vec![("api".to_string(), 2.0)]
    );
    let flags = ordered(&e, &format!("sort_desc({with_nan} > bool 0)"));
    assert_eq!(
        flags.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
        vec![1.0, 0.0, 0.0]
    );
    // `!=` is the one comparison NaN passes: it keeps the NaN series with
    // their value, and `!= bool` gives them 1 where `== bool` gives 0.
    let only_nan = format!("{with_nan} != 2");
    assert_eq!(single(&e, &format!("count({only_nan})"), 60), 2.0);
    let ne = ordered(&e, &format!("sort({with_nan} != bool 2)"));
    assert_eq!(ne[0], ("api".to_string(), 0.0));
    assert_eq!((ne[1].1, ne[2].1), (1.0, 1.0));
    let eq = ordered(&e, &format!("sort_desc({with_nan} == bool 2)"));
    assert_eq!(eq[0], ("api".to_string(), 1.0));
    assert_eq!((eq[1].1, eq[2].1), (0.0, 0.0));
    // min and max pass over NaN: NaN only when every value is NaN.
    assert_eq!(single(&e, &format!("max({with_nan})"), 60), 2.0);
    assert_eq!(single(&e, &format!("min({with_nan})"), 60), 2.0);
    assert!(single(&e, &format!("max({only_nan})"), 60).is_nan());
    assert!(single(&e, &format!("min({only_nan})"), 60).is_nan());
    // Infinities are ordinary extremes for min and max.
    assert_eq!(single(&e, &format!("max({inf})"), 60), f64::INFINITY);
    assert_eq!(single(&e, &format!("min({inf})"), 60), f64::NEG_INFINITY);
}

/// As a default Loki does, the series limit counts inner aggregations too:
/// a query that runs here runs there.
#[test]
fn the_series_limit_applies_to_inner_aggregations() {
    let two = engine().with_limits(Limits {
        max_series: 2,
        ..Limits::default()
    });
    // Three apps inside, one series out: refused, as Loki refuses it.
    let err = instant(
        &two,
        r#"count(count by (app) (count_over_time({app=~".+"}[1m])))"#,
        60,
    )
    .unwrap_err();
    assert_eq!(err, "maximum of series (2) reached for a single query");
    let err = instant(
        &two,
        r#"topk(1, sum by (app) (count_over_time({app=~".+"}[1m])))"#,
        60,
    )
    .unwrap_err();
    assert_eq!(err, "maximum of series (2) reached for a single query");
    // A range aggregation's streams summed into one are fine.
    assert_eq!(
        single(&two, r#"sum(count_over_time({app=~".+"}[1m]))"#, 60),
        8.0
    );
}

/// Twelve users on seven paths, over three pods, inside one minute.
fn shop() -> askloki::engine::Store {
    let mut b = StoreBuilder::new();
    for i in 0..36u32 {
        let pod = ["a", "b", "c"][(i % 3) as usize];
        let l = labels(&[("app", "shop"), ("pod", pod)]);
        let line = format!("user=u{} path=/p{} ms={}", i % 12, i % 7, i);
        b.push(&l, at(10 + i64::from(i)), &line, None);
    }
    b.finish().0
}

fn shop_with(max_series: usize) -> Engine {
    Engine::new(shop()).with_limits(Limits {
        max_series,
        ..Limits::default()
    })
}

/// Loki counts the series of every part its frontend runs downstream
/// (together), not only the result's: both sides of each bound.
#[test]
fn the_series_limit_counts_what_loki_runs_downstream() {
    let x = r#"count_over_time({app="shop"} | logfmt [1m])"#;
    let refused = |max: usize, q: &str| {
        assert_eq!(
            instant(&shop_with(max), q, 60).unwrap_err(),
            format!("maximum of series ({max}) reached for a single query"),
            "{q}"
        );
    };
    // Counting the users: the 12 groups of `count by (user)` are counted.
    let users = format!("count(count by (user) ({x}))");
    refused(11, &users);
    assert_eq!(single(&shop_with(12), &users, 60), 12.0);
    // topk over averages: the 12 averages are counted.
    let top = format!("topk(3, avg by (user) ({x}))");
    refused(11, &top);
    assert_eq!(vector(&shop_with(12), &top, 60).len(), 3);
    // topk straight over a range aggregation: its 3 pods are counted.
    let pods = r#"topk(1, count_over_time({app="shop"}[1m]))"#;
    refused(2, pods);
    assert_eq!(vector(&shop_with(3), pods, 60).len(), 1);
    // The sides of a binary operation count together: 12 users + 7 paths.
    let both = format!("count(count by (user) ({x})) + count(count by (path) ({x}))");
    refused(18, &both);
    assert_eq!(single(&shop_with(19), &both, 60), 19.0);
    // What runs downstream as one series is fine however many it sums.
    assert_eq!(
        single(&shop_with(1), &format!("sum(sum by (user) ({x}))"), 60),
        36.0
    );
    assert_eq!(
        single(
            &shop_with(1),
            r#"max(max_over_time({app="shop"} | logfmt | unwrap ms [1m]))"#,
            60
        ),
        35.0
    );
    // approx_topk is answered from a sketch: nothing below it is counted.
    assert_eq!(
        vector(
            &shop_with(2),
            &format!("approx_topk(2, sum by (user) ({x}))"),
            60
        )
        .len(),
        2
    );
}

/// An instant `sum by` of counts, rates and bytes is summed while
/// extracting; it answers what the general path (a range query's step at
/// the same time) answers, and still fails on pipeline errors.
#[test]
fn instant_sums_agree_with_the_general_path() {
    let e = engine();
    for q in [
        r#"sum by (app) (count_over_time({env="prod"} [1m]))"#,
        r#"sum by (level) (rate({app="api"} | logfmt [1m]))"#,
        r#"sum without (env) (bytes_over_time({env="prod"} |= "GET" [1m]))"#,
        r#"sum(bytes_rate({app=~".+"} [2m]))"#,
        r#"sum by (status) (count_over_time({app="web"} |= "{" | json [2m]))"#,
    ] {
        let mut fast = vector(&e, q, 60);
        fast.sort_by(|a, b| a.0.cmp(&b.0));
        let QueryResult::Matrix(series) = range(&e, q, 0, 60, 20) else {
            panic!("a matrix");
        };
        let general: Vec<(Labels, f64)> = series
            .into_iter()
            .filter_map(|s| {
                let last = s.points.last()?;
                (last.ts_ms == at(60) / 1_000_000).then_some((s.labels, last.value))
            })
            .collect();
        assert_eq!(fast, general, "{q}");
        assert!(!fast.is_empty(), "{q}");
    }
    let err = instant(
        &e,
        r#"sum by (status) (count_over_time({app="web"} | json [2m]))"#,
        80,
    )
    .unwrap_err();
    assert!(err.starts_with("pipeline error: 'JSONParserErr'"), "{err}");
}

/// approx_topk answers in fixed memory where the exact top-k runs out of
/// budget, and finds the same heavy hitters.
#[test]
fn approx_topk_finds_the_heavy_hitters_in_fixed_memory() {
    let ssh = labels(&[("app", "ssh")]);
    let mut b = StoreBuilder::new();
    let mut t = 0;
    let mut push = |ip: String, b: &mut StoreBuilder| {
        t += 1;
        let line = format!("Failed password for root from {ip} port 22 ssh2");
        b.push(&ssh, at(t % 3000), &line, None);
    };
    for i in 0..150_000u32 {
        push(
            format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
            &mut b,
        );
    }
    for (ip, n) in [
        ("203.0.113.5", 900),
        ("203.0.113.77", 600),
        ("198.51.100.9", 300),
    ] {
        for _ in 0..n {
            push(ip.to_string(), &mut b);
        }
    }
    let store = b.finish().0;
    let inner = r#"sum by (ip) (count_over_time({app="ssh"} |= "Failed password" | regexp "from (?P<ip>\\S+) port" [1h]))"#;
    // The exact top-k holds its 150,000 groups in about 8 MiB.
    let tight = Limits {
        max_query_bytes: 4 << 20,
        max_series: usize::MAX / 1000,
        ..Limits::default()
    };
    let e = Engine::new(store).with_limits(tight);
    let exact = instant(&e, &format!("topk(3, {inner})"), 3600).unwrap_err();
    assert!(exact.contains("needs more than 4 MiB"), "{exact}");
    let QueryResult::Vector(top) = instant(&e, &format!("approx_topk(3, {inner})"), 3600).unwrap()
    else {
        panic!("a vector");
    };
    // Instant vectors come back in label order, as Loki gives them.
    let mut got: Vec<(&str, f64)> = top
        .iter()
        .map(|s| (s.labels.get("ip").unwrap(), s.point.value))
        .collect();
    got.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert_eq!(
        got.iter().map(|g| g.0).collect::<Vec<_>>(),
        ["203.0.113.5", "203.0.113.77", "198.51.100.9"]
    );
    // Never under the true count, and within a small share of the total over.
    for ((_, est), truth) in got.iter().zip([900.0, 600.0, 300.0]) {
        assert!(
            *est >= truth && *est <= truth + 0.002 * 151_800.0,
            "{got:?}"
        );
    }
    use askloki::source::LogSource;
    assert!(e.capabilities().approx_topk, "planners may propose it here");
    // Range queries fall back to the exact top-k (within its own budget).
    let roomy = engine();
    let r = range(
        &roomy,
        r#"approx_topk(1, sum by (app) (count_over_time({app=~".+"}[1m])))"#,
        0,
        60,
        30,
    );
    assert!(matches!(r, QueryResult::Matrix(_)));
}

/// A row that already carries an error passes the numeric, duration and
/// bytes filters whether or not it has the label (only string matchers
/// can drop it), as Loki's label filters do.
#[test]
fn typed_label_filters_let_rows_with_errors_through() {
    let e = engine();
    // web: 200 at 15 (dropped), 502 at 45, and a line that is not JSON at
    // 70, which has no `status` but carries JSONParserErr.
    assert_eq!(times(&e, r#"{app="web"} | json | status >= 500"#), [45, 70]);
    assert_eq!(times(&e, r#"{app="web"} | json | status > 1KB"#), [70]);
    // "200" is no duration: those rows stay too, marked LabelFilterErr.
    assert_eq!(
        times(&e, r#"{app="web"} | json | status > 1s"#),
        [15, 45, 70]
    );
    assert_eq!(
        times(
            &e,
            r#"{app="web"} | json | status > 1s | __error__="LabelFilterErr""#
        ),
        [15, 45]
    );
    // A string matcher does drop it.
    assert_eq!(
        times(&e, r#"{app="web"} | json | status >= 500 | level="error""#),
        [45]
    );
    // In a metric query the kept row is a pipeline error, as in Loki.
    let err = instant(
        &e,
        r#"sum by (level) (count_over_time({app="web"} | json | status >= 500 [2m]))"#,
        70,
    )
    .unwrap_err();
    assert!(err.starts_with("pipeline error: 'JSONParserErr'"), "{err}");
}

/// Since Loki 3.7 a parsed label that has the name of a structured
/// metadata label takes the `_extracted` suffix, as it does for a stream
/// label, so the metadata value stays.
#[test]
fn parsed_labels_do_not_override_structured_metadata() {
    let job = labels(&[("job", "checkout")]);
    let mut b = StoreBuilder::new();
    b.push(
        &job,
        at(10),
        "trace_id=from-line job=worker level=info",
        Some(r#"{"trace_id":"from-metadata"}"#),
    );
    b.push(&job, at(20), r#"{"trace_id":"json-line"}"#, None);
    let e = Engine::new(b.finish().0);
    let streams = logs(&e, r#"{job="checkout"} | logfmt"#, 100, Direction::Forward);
    let first = &streams
        .iter()
        .find(|(_, es)| es.iter().any(|(t, _)| *t == 10))
        .unwrap()
        .0;
    assert_eq!(first.get("trace_id"), Some("from-metadata"));
    assert_eq!(first.get("trace_id_extracted"), Some("from-line"));
    assert_eq!(first.get("job_extracted"), Some("worker"));
    // A line without that metadata keeps the plain name.
    let streams = logs(&e, r#"{job="checkout"} | json"#, 100, Direction::Forward);
    let second = &streams
        .iter()
        .find(|(_, es)| es.iter().any(|(t, _)| *t == 20))
        .unwrap()
        .0;
    assert_eq!(second.get("trace_id"), Some("json-line"));
    // The metric path (with parser hints) agrees.
    let v = vector(
        &e,
        r#"sum by (trace_id_extracted) (count_over_time({job="checkout"} | logfmt | __error__="" [1m]))"#,
        30,
    );
    assert!(
        v.iter()
            .any(|(l, n)| l.get("trace_id_extracted") == Some("from-line") && *n == 1.0),
        "{v:?}"
    );
}

/// NaN read from a line is the lowest value for quantile_over_time, as in
/// Loki's ordering; min and max pass over it.
#[test]
fn nan_samples_in_range_aggregations() {
    let svc = labels(&[("svc", "q")]);
    let mut b = StoreBuilder::new();
    for (t, v) in [(10, "2"), (20, "NaN"), (30, "1")] {
        b.push(&svc, at(t), &format!("v={v}"), None);
    }
    let e = Engine::new(b.finish().0);
    let q = |p: &str| {
        single(
            &e,
            &format!(r#"quantile_over_time({p}, {{svc="q"}} | logfmt | unwrap v [1m]) by (svc)"#),
            30,
        )
    };
    // Sorted: NaN, 1, 2.
    assert!(q("0").is_nan());
    assert_eq!(q("0.5"), 1.0);
    assert_eq!(q("1"), 2.0);
    assert_eq!(
        single(
            &e,
            r#"max_over_time({svc="q"} | logfmt | unwrap v [1m]) by (svc)"#,
            30
        ),
        2.0
    );
    assert_eq!(
        single(
            &e,
            r#"min_over_time({svc="q"} | logfmt | unwrap v [1m]) by (svc)"#,
            30
        ),
        1.0
    );
}

/// Loki's `stdvar`/`stddev` start a group at its first value, so a group
/// of one is 0 even when that value is infinite.
#[test]
fn vector_stdvar_of_a_single_infinite_value_is_zero() {
    let e = engine();
    let inf = r#"sum(count_over_time({app="api"}[1m])) * 1e308 * 10"#;
    assert_eq!(single(&e, inf, 60), f64::INFINITY);
    assert_eq!(single(&e, &format!("stdvar({inf})"), 60), 0.0);
    assert_eq!(single(&e, &format!("stddev({inf})"), 60), 0.0);
    // Two values still follow Welford's method: Inf - Inf is NaN.
    let two = r#"sum by (app) (count_over_time({app=~"api|web"}[1m])) * 1e308 * 10"#;
    assert!(single(&e, &format!("stdvar({two})"), 60).is_nan());
}

/// Where Loki's frontend sends `avg(x)` downstream it computes
/// `sum(x) / count(x)`, not a running mean; the last digits differ.
#[test]
fn sharded_avg_is_a_sum_over_a_count() {
    let e = engine();
    // Per stream over (0s, 60s]: api 4 lines; meta 1 line with trace_id
    // metadata and 1 without, two series.
    let v = single(
        &e,
        r#"avg(count_over_time({app=~"api|meta"}[1m]) * 0.1)"#,
        60,
    );
    assert_eq!(v, (4.0 * 0.1 + 0.1 + 0.1) / 3.0);
    // A running mean of 0.4, 0.1, 0.1 gives 0.2 exactly.
    assert_ne!(v, 0.2);
}
