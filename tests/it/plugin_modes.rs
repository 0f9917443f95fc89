//! Saved dashboards and alert rules keep working: the query JSON of every
//! mode, as panels, annotations, alert rules and Explore save it today
//! (`fixtures/saved_queries/`), decoded and answered over gRPC as Grafana
//! calls QueryData. And the frames as Grafana's Loki datasource shapes
//! them: instants in the data plane's numeric shape, row ids hashed as it
//! hashes them, Explore's logs volume.

use std::path::Path;

use arrow_array::{Array, BinaryArray, StringArray};
use serde_json::{json, Value};

use crate::plugin::{decode, embedded, frame_meta, query, query_data, sshd_log, start, Decoded};

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/saved_queries")
}

/// What a saved query's answer must look like.
enum Expect {
    /// The first frame's field names.
    Fields(&'static [&'static str]),
    /// The first frame's data-plane type.
    Type(&'static str),
    /// The first frame's name.
    Named(&'static str),
}

fn expectation(name: &str) -> (Expect, bool) {
    use Expect::*;
    // (expected shape, run as an alert rule)
    match name {
        "auto" => (Type("numeric-multi"), false),
        "auto-without-mode" | "logs" => (Fields(&["labels", "Time", "Line", "tsNs", "id"]), false),
        "metrics" | "pinned" | "logs-volume" => (Type("timeseries-multi"), false),
        "metrics-alert-rule" => (Fields(&["Time", "Value"]), true),
        "annotations" => (
            Fields(&["time", "timeEnd", "title", "text", "tags", "logql"]),
            false,
        ),
        "anomalies" => (Named("anomalous lines"), false),
        "parse" | "instruct" => (Named("templates"), false),
        "explain" => (Named("explanation"), false),
        "rootcause" | "recommend" => (Named("candidates"), false),
        "recommend-line" => (Named("advice"), false),
        other => panic!("no expectation for the fixture {other}: add one"),
    }
}

#[tokio::test]
async fn every_saved_query_of_every_mode_is_answered() {
    let r = start("saved").await;
    let mut files: Vec<_> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut modes_seen = std::collections::BTreeSet::new();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        modes_seen.insert(saved["mode"].as_str().unwrap_or("auto").to_string());
        let ref_id = saved["refId"].as_str().unwrap();
        let mut q = query(ref_id, json!(null));
        // The JSON exactly as saved, as Grafana forwards it.
        q.json = std::fs::read(&path).unwrap();
        let (expect, alert) = expectation(&name);
        let headers: &[(&str, &str)] = if alert { &[("FromAlert", "true")] } else { &[] };
        let responses = query_data(&r, embedded(), vec![q], headers).await;
        let got = &responses[ref_id];
        assert!(
            got.error.is_empty() && got.status == 200,
            "{name}: {} {}",
            got.status,
            got.error
        );
        assert!(!got.frames.is_empty(), "{name}: no frames");
        let first = decode(&got.frames[0]);
        match expect {
            Expect::Fields(names) => {
                let fields: Vec<&str> = first.fields.iter().map(|(n, _)| n.as_str()).collect();
                assert_eq!(fields, names, "{name}");
            }
            Expect::Type(kind) => assert_eq!(frame_meta(&first)["type"], kind, "{name}"),
            Expect::Named(frame) => assert_eq!(first.meta["name"], frame, "{name}"),
        }
    }
    // A mode without a fixture would go untested: every one has one.
    let all: Vec<Value> =
        serde_json::from_str(include_str!("../../frontend/src/queryModes.json")).unwrap();
    for m in all {
        let mode = m["value"].as_str().unwrap();
        assert!(modes_seen.contains(mode), "no saved query of mode {mode}");
    }
}

/// Go's hash/fnv New32 (FNV-1) over `<line>_<labels>`, written out here
/// from its definition.
fn grafana_row_hash(line: &str, labels: &[u8]) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for b in line
        .bytes()
        .chain(std::iter::once(b'_'))
        .chain(labels.iter().copied())
    {
        h = h.wrapping_mul(16_777_619) ^ u32::from(b);
    }
    h
}

fn strings(d: &Decoded, column: usize) -> Vec<String> {
    let b = d.batch.as_ref().unwrap();
    let a = b
        .column(column)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    (0..a.len()).map(|i| a.value(i).to_string()).collect()
}

#[tokio::test]
async fn frames_as_grafanas_loki_datasource_shapes_them() {
    let r = start("loki-shapes").await;
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query("logs", json!({"question": "show accepted logins", "mode": "logs"})),
            query(
                "instant",
                json!({"logql": "sum by (host) (count_over_time({filename=\"sshd.log\"} |= \"Accepted\" [$__range]))"}),
            ),
            query(
                "log-volume-logs",
                json!({"logql": "{filename=\"sshd.log\"} |= \"Accepted\"", "supportingQueryType": "logsVolume"}),
            ),
            query(
                "log-volume-metric",
                json!({"logql": "sum(count_over_time({filename=\"sshd.log\"}[$__range]))", "supportingQueryType": "logsVolume"}),
            ),
        ],
        &[],
    )
    .await;

    // Row ids: `<tsNs>_<FNV-1 of line "_" labels, unpadded hex>`.
    let logs = decode(&responses["logs"].frames[0]);
    let b = logs.batch.as_ref().unwrap();
    let labels = b.column(0).as_any().downcast_ref::<BinaryArray>().unwrap();
    let (lines, ts, ids) = (strings(&logs, 2), strings(&logs, 3), strings(&logs, 4));
    assert!(!ids.is_empty());
    for i in 0..ids.len() {
        let hash = grafana_row_hash(&lines[i], labels.value(i));
        assert!(
            ids[i] == format!("{}_{hash:x}", ts[i])
                || ids[i].starts_with(&format!("{}_{hash:x}_", ts[i])),
            "{} for {:?}",
            ids[i],
            lines[i]
        );
    }

    // An instant vector: one numeric-multi frame per series, as the data plane has it.
    let instant = &responses["instant"];
    assert!(instant.error.is_empty(), "{}", instant.error);
    for f in &instant.frames {
        let d = decode(f);
        let meta = frame_meta(&d);
        assert_eq!(meta["type"], "numeric-multi");
        assert!(meta["executedQueryString"]
            .as_str()
            .unwrap()
            .starts_with("Expr: sum by (host)"));
    }

    // The logs volume: the lines per level over the range; as many as the query matches.
    let volume = &responses["log-volume-logs"];
    assert!(volume.error.is_empty(), "{}", volume.error);
    let mut total = 0.0;
    for f in &volume.frames {
        let d = decode(f);
        let meta = frame_meta(&d);
        assert_eq!(meta["type"], "timeseries-multi");
        let executed = meta["executedQueryString"].as_str().unwrap();
        assert!(
            executed.starts_with(
                "Expr: sum by (level,detected_level)(count_over_time({filename=\"sshd.log\"} |= \"Accepted\"["
            ) && executed.contains("\nStep: "),
            "{executed}"
        );
        // Each bucket counts the lines of one step: the range is the step.
        let (expr, step) = executed.split_once("\nStep: ").unwrap();
        let range = expr.rsplit_once('[').unwrap().1.trim_end_matches("]))");
        let range_ns = askloki::logql::duration::parse_range_duration(range);
        assert!(range_ns.is_some_and(|ns| ns > 0), "{executed}");
        assert_eq!(
            range_ns,
            askloki::logql::duration::parse_go_duration(step),
            "{executed}"
        );
        let b = d.batch.unwrap();
        let v = b
            .column(1)
            .as_any()
            .downcast_ref::<arrow_array::Float64Array>()
            .unwrap();
        total += (0..v.len()).map(|i| v.value(i)).sum::<f64>();
    }
    let accepted = std::fs::read_to_string(sshd_log())
        .unwrap()
        .lines()
        .filter(|l| l.contains("Accepted"))
        .count();
    assert_eq!(total, accepted as f64);
    // A metric query has no lines to count: no histogram.
    let none = &responses["log-volume-metric"];
    assert!(
        none.error.is_empty() && none.frames.is_empty(),
        "{}",
        none.error
    );
}

/// sshd's failed logins read as access control working, not as failures:
/// root cause and recommend say so in a 200 answer (they were a 400 that
/// blamed the query).
#[tokio::test]
async fn root_cause_without_failures_is_an_answer_not_an_error() {
    let r = start("no-failure").await;
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query(
                "rc",
                json!({"mode": "rootcause", "question": "what caused the errors?"}),
            ),
            query(
                "rec",
                json!({"mode": "recommend", "question": "what should I fix?"}),
            ),
        ],
        &[],
    )
    .await;
    for id in ["rc", "rec"] {
        let got = &responses[id];
        assert_eq!(got.status, 200, "{id}: {}", got.error);
        let table = decode(&got.frames[0]);
        assert_eq!(table.meta["name"], "candidates");
        assert!(table.batch.is_none(), "{id}: no candidates expected");
        let notice = frame_meta(&table)["notices"][0]["text"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(notice.contains("reads as a failure"), "{notice}");
        assert!(notice.contains("access control working"), "{notice}");
    }
}

/// The editor sends the dashboard's time zone with each query: "11:00" is
/// 11:00 there. Alert rules send none and are read in UTC.
#[tokio::test]
async fn time_phrases_are_read_in_the_dashboards_zone() {
    let r = start("loki-zone").await;
    let question = "how many accepted logins between 11:00 and 12:00?";
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query("none", json!({ "question": question })),
            query(
                "utc",
                json!({ "question": question, "utcOffsetMinutes": 0 }),
            ),
            query(
                "plus1",
                json!({ "question": question, "utcOffsetMinutes": 60 }),
            ),
            query(
                "kolkata",
                json!({ "question": question, "utcOffsetMinutes": "330" }),
            ),
        ],
        &[],
    )
    .await;
    // The window the answer states, as RFC 3339 times.
    let window = |ref_id: &str| -> String {
        let r = &responses[ref_id];
        assert!(r.error.is_empty(), "{ref_id}: {}", r.error);
        let meta = frame_meta(&decode(&r.frames[0]));
        let answer = meta["custom"]["askloki"]["answer"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let times: Vec<&str> = answer
            .split_whitespace()
            .filter_map(|w| w.trim_end_matches('.').split_once('T').map(|(_, t)| t))
            .collect();
        assert_eq!(times.len(), 2, "{ref_id}: {answer}");
        times.join(" to ")
    };
    assert_eq!(window("none"), "11:00:00Z to 12:00:00Z");
    assert_eq!(window("utc"), "11:00:00Z to 12:00:00Z");
    // 11:00 to 12:00 at UTC+1 is 10:00 to 11:00 UTC; at UTC+5:30, 05:30 to 06:30.
    assert_eq!(window("plus1"), "10:00:00Z to 11:00:00Z");
    assert_eq!(window("kolkata"), "05:30:00Z to 06:30:00Z");
}
