//! The answer frame (docs/plugin-api.md, "The answer frame") over gRPC as
//! Grafana calls QueryData: one row with the answer, the LogQL, the number
//! and its unit, last after the evidence and only when asked for; never for
//! alert rules. The same responses, as Grafana's `/api/ds/query` hands them
//! to the browser (data frames as JSON), are the answer panel's fixtures:
//! `frontend/harness/fixtures/answers.json`, rewritten with
//! `ASKLOKI_UPDATE_PANEL_FIXTURES=1` and otherwise checked for the same
//! frames and fields as the backend gives now.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use arrow_array::{Array, BinaryArray, Float64Array, StringArray, TimestampNanosecondArray};
use arrow_schema::DataType;
use askloki::plugin::proto::DataResponse;
use serde_json::{json, Map, Value};

use crate::plugin::{
    decode, embedded, frame_meta, query, query_data, settings, sshd_log, start, Decoded,
};
use crate::support::{Reply, TestLoki};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend/harness/fixtures/answers.json")
}

/// A frame as Grafana's data frame JSON (`schema` and `data.values`), the
/// way Grafana's server turns our Arrow frames into JSON for the browser.
fn frame_json(d: &Decoded) -> Value {
    let mut fields = Vec::new();
    let mut values = Vec::new();
    for (i, (name, meta)) in d.fields.iter().enumerate() {
        let mut field = Map::new();
        field.insert("name".into(), json!(name));
        let kind = meta.get("tstype").map(String::as_str).unwrap_or("other");
        field.insert("type".into(), json!(kind));
        for key in ["labels", "config"] {
            if let Some(v) = meta.get(key) {
                field.insert(key.into(), serde_json::from_str(v).unwrap());
            }
        }
        fields.push(Value::Object(field));
        let Some(batch) = &d.batch else {
            values.push(json!([]));
            continue;
        };
        let column = batch.column(i);
        let rows = 0..column.len();
        values.push(match column.data_type() {
            DataType::Timestamp(..) => {
                let a = column
                    .as_any()
                    .downcast_ref::<TimestampNanosecondArray>()
                    .unwrap();
                json!(rows.map(|r| a.value(r) / 1_000_000).collect::<Vec<_>>())
            }
            DataType::Float64 => {
                let a = column.as_any().downcast_ref::<Float64Array>().unwrap();
                json!(rows.map(|r| a.value(r)).collect::<Vec<_>>())
            }
            DataType::Utf8 => {
                let a = column.as_any().downcast_ref::<StringArray>().unwrap();
                json!(rows.map(|r| a.value(r)).collect::<Vec<_>>())
            }
            DataType::Binary => {
                let a = column.as_any().downcast_ref::<BinaryArray>().unwrap();
                json!(rows
                    .map(|r| serde_json::from_slice::<Value>(a.value(r)).unwrap())
                    .collect::<Vec<_>>())
            }
            other => panic!("no JSON for {other:?}"),
        });
    }
    let mut schema = Map::new();
    schema.insert("name".into(), json!(d.meta["name"]));
    schema.insert("refId".into(), json!(d.meta["refId"]));
    if d.meta.contains_key("meta") {
        schema.insert("meta".into(), frame_meta(d));
    }
    schema.insert("fields".into(), Value::Array(fields));
    json!({"schema": schema, "data": {"values": values}})
}

/// A refId's result as `/api/ds/query` answers it.
fn result_json(r: &DataResponse) -> Value {
    if !r.error.is_empty() {
        return json!({"status": r.status, "error": r.error, "errorSource": r.error_source});
    }
    let frames: Vec<Value> = r.frames.iter().map(|f| frame_json(&decode(f))).collect();
    json!({"status": r.status, "frames": frames})
}

/// Frame names and field names and types: what the fixture must keep.
fn shape(results: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (ref_id, r) in results.as_object().unwrap() {
        if let Some(e) = r.get("error") {
            out.push(format!(
                "{ref_id}: error {}",
                !e.as_str().unwrap().is_empty()
            ));
        }
        for f in r["frames"].as_array().into_iter().flatten() {
            let fields: Vec<String> = f["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| format!("{}:{}", f["name"].as_str().unwrap(), f["type"]))
                .collect();
            out.push(format!(
                "{ref_id}: {} [{}]",
                f["schema"]["name"],
                fields.join(" ")
            ));
        }
    }
    out
}

/// The answer frame of a response: the last, named `answer`, typed.
fn answer_of(r: &DataResponse) -> Option<Value> {
    let last = decode(r.frames.last()?);
    let meta = frame_meta(&last);
    if last.meta["name"] != "answer" || meta["custom"]["frameType"] != "AskLokiAnswer" {
        return None;
    }
    let json = frame_json(&last);
    let mut row = Map::new();
    for (field, values) in json["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .zip(json["data"]["values"].as_array().unwrap())
    {
        let values = values.as_array().unwrap();
        assert_eq!(values.len(), 1, "one row");
        row.insert(field["name"].as_str().unwrap().into(), values[0].clone());
    }
    Some(Value::Object(row))
}

const PINNED_LOGS: &str = r#"{filename="sshd.log"} |= "Failed password""#;

#[tokio::test]
async fn the_answer_frame_comes_last_when_asked_and_never_to_alerts() {
    // A written answer long enough to scroll, citing two lines and the query.
    let long: String = (1..=40)
        .map(|i| {
            format!(
                "Paragraph {i}: failed password attempts keep coming from the same few \
                 addresses, 3 to 12 a minute, mostly for root and invalid users [L1]. "
            )
        })
        .collect::<String>()
        + "The query is [Q]; the newest failure is [L2].";
    let llm = TestLoki::start(move |req, _| {
        if req.path.ends_with("/chat/completions") {
            Reply::json(
                json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": long.clone()}, "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": 10, "completion_tokens": 900}})
                .to_string(),
            )
        } else {
            Reply::text(404, "not here")
        }
    })
    .await;
    let with_llm = settings(
        "",
        json!({"dataPath": sshd_log(), "scope": "{filename=\"sshd.log\"}",
               "llmUrl": format!("{}/v1", llm.url), "knowledgeRefreshMinutes": 0}),
        &[("llmApiKey", "sk-test")],
    );
    let r = start("answer-frame").await;
    let asked = |ref_id: &str, model: Value| {
        let mut m = model;
        m["answerFrame"] = json!(true);
        query(ref_id, m)
    };
    let mut responses: HashMap<String, DataResponse> = query_data(
        &r,
        embedded(),
        vec![
            asked("number", json!({"question": "how many failed password attempts?"})),
            asked(
                "logs",
                json!({"question": "show failed password logs", "mode": "logs", "maxLines": 20}),
            ),
            asked(
                "series",
                json!({"question": "how many failed password attempts over time?", "mode": "metrics"}),
            ),
            asked("error", json!({"logql": "{filename=\"other.log\"}"})),
            query("plain", json!({"question": "how many failed password attempts?"})),
        ],
        &[],
    )
    .await;
    responses.extend(
        query_data(
            &r,
            with_llm,
            vec![asked(
                "long",
                json!({"question": "why do logins fail?", "logql": PINNED_LOGS, "maxLines": 20}),
            )],
            &[],
        )
        .await,
    );

    // One number: the value, its unit, the question as its display name.
    let number = answer_of(&responses["number"]).expect("an answer frame");
    let failed = std::fs::read_to_string(sshd_log())
        .unwrap()
        .lines()
        .filter(|l| l.contains("Failed password"))
        .count();
    assert_eq!(number["value"], json!(failed as f64), "{number}");
    assert_eq!(number["unit"], "lines");
    assert_eq!(number["result"], "number");
    assert_eq!(number["question"], "how many failed password attempts?");
    assert!(number["logql"]
        .as_str()
        .unwrap()
        .contains("count_over_time"));
    assert!(number["from"].as_f64().unwrap() < number["to"].as_f64().unwrap());
    let first = decode(&responses["number"].frames[0]);
    assert_eq!(
        frame_meta(&first)["custom"]["askloki"]["answer"],
        number["answer"],
        "the frame and the meta say the same"
    );

    // Logs: the frame is last, after the logs frame, which keeps the meta;
    // no number, so no value field.
    let logs = &responses["logs"];
    assert!(logs.frames.len() >= 2);
    let logs_frame = frame_meta(&decode(&logs.frames[0]));
    assert_eq!(logs_frame["preferredVisualisationType"], "logs");
    assert!(logs_frame["custom"]["askloki"].is_object());
    let logs_answer = answer_of(logs).unwrap();
    assert_eq!(logs_answer["result"], "logs");
    assert!(logs_answer.get("value").is_none(), "{logs_answer}");
    assert_eq!(logs_answer["rows"], json!(20.0));

    let series = answer_of(&responses["series"]).unwrap();
    assert_eq!(series["result"], "series");
    assert!(series.get("value").is_none());

    // The written answer: shown instead of the computed one, cited lines counted.
    let long_answer = answer_of(&responses["long"]).unwrap();
    assert_eq!(long_answer["origin"], "pinned");
    assert_eq!(long_answer["cited"], json!(2.0), "{long_answer}");
    assert!(long_answer["answer"].as_str().unwrap().len() > 4000);
    assert_eq!(long_answer["answer"], long_answer["written"]);
    assert_ne!(long_answer["answer"], long_answer["computed"]);

    // Not asked for: the response is as it always was.
    assert!(answer_of(&responses["plain"]).is_none());
    assert_eq!(
        responses["plain"].frames.len(),
        responses["number"].frames.len() - 1
    );
    assert!(responses["error"].status >= 400 && responses["error"].frames.is_empty());

    // An alert rule never gets one, even when its model says so.
    let alert = query_data(
        &r,
        embedded(),
        vec![asked("A", json!({"question": "failed password attempts"}))],
        &[("FromAlert", "true")],
    )
    .await;
    assert!(alert["A"].error.is_empty(), "{}", alert["A"].error);
    assert!(answer_of(&alert["A"]).is_none());

    // The panel's fixtures: these responses as the browser gets them.
    let mut results = Map::new();
    for name in ["number", "logs", "series", "error", "long"] {
        results.insert(name.into(), result_json(&responses[name]));
    }
    let results = Value::Object(results);
    let path = fixture();
    if std::env::var_os("ASKLOKI_UPDATE_PANEL_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = serde_json::to_string(&json!({"results": results})).unwrap();
        std::fs::write(&path, text + "\n").unwrap();
    }
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with ASKLOKI_UPDATE_PANEL_FIXTURES=1",
            path.display()
        )
    }))
    .unwrap();
    assert_eq!(
        shape(&saved["results"]),
        shape(&results),
        "the panel's fixtures are not what the backend answers now: rerun with ASKLOKI_UPDATE_PANEL_FIXTURES=1"
    );
}
