//! Explanations where people look, over gRPC as Grafana calls the plugin:
//! annotation queries answered with one explained event per incident (or
//! per line on request); the provisioned alert rules evaluated as Grafana
//! evaluates them (`FromAlert`), their annotation templates rendered
//! against our frames with our Go-template engine as Grafana renders them;
//! and the `explain` resource each rule links to, called as Grafana's
//! resource proxy calls it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use arrow_array::{Array, Float64Array, StringArray, TimestampNanosecondArray};
use askloki::plugin::proto::*;
use gotemplate::{Template, TemplateData};
use serde_json::{json, Value};

use crate::plugin::{decode, embedded, query, query_data, sshd_log, start, Decoded, Running};

fn strings(d: &Decoded, name: &str) -> Vec<String> {
    let Some(b) = d.batch.as_ref() else {
        return Vec::new();
    };
    let i = d.fields.iter().position(|(n, _)| n == name).unwrap();
    let a = b.column(i).as_any().downcast_ref::<StringArray>().unwrap();
    (0..a.len()).map(|i| a.value(i).to_string()).collect()
}

fn times(d: &Decoded, name: &str) -> Vec<i64> {
    let Some(b) = d.batch.as_ref() else {
        return Vec::new();
    };
    let i = d.fields.iter().position(|(n, _)| n == name).unwrap();
    let a = b
        .column(i)
        .as_any()
        .downcast_ref::<TimestampNanosecondArray>()
        .unwrap();
    (0..a.len()).map(|i| a.value(i)).collect()
}

fn failed_password_lines() -> Vec<String> {
    std::fs::read_to_string(sshd_log())
        .unwrap()
        .lines()
        .filter(|l| l.contains("Failed password"))
        .map(str::to_string)
        .collect()
}

/// The address most failed passwords come from, and its count.
fn top_address() -> (String, usize) {
    let mut by: HashMap<String, usize> = HashMap::new();
    for l in failed_password_lines() {
        if let Some(ip) = l.split(" from ").nth(1).and_then(|r| r.split(' ').next()) {
            *by.entry(ip.to_string()).or_default() += 1;
        }
    }
    by.into_iter().max_by_key(|(_, n)| *n).unwrap()
}

#[tokio::test]
async fn annotation_queries_explain_incidents_and_lines_stay_available() {
    let r = start("anno-incidents").await;
    let question = json!("when did failed password attempts happen?");
    let pinned = json!("{filename=\"sshd.log\"} |= \"Failed password\"");
    let responses = query_data(
        &r,
        embedded(),
        vec![
            query("Anno", json!({"question": question, "logql": pinned})),
            query(
                "lines",
                json!({"question": question, "logql": pinned, "mode": "annotations", "annotationEvents": "lines"}),
            ),
        ],
        &[],
    )
    .await;
    let all = failed_password_lines();

    let a = &responses["Anno"];
    assert!(a.error.is_empty(), "{}", a.error);
    let d = decode(&a.frames[0]);
    let names: Vec<&str> = d.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["time", "timeEnd", "title", "text", "tags", "logql"]);
    let (start, end) = (times(&d, "time"), times(&d, "timeEnd"));
    let (titles, texts, tags, logql) = (
        strings(&d, "title"),
        strings(&d, "text"),
        strings(&d, "tags"),
        strings(&d, "logql"),
    );
    // Fewer events than lines, each a region that says what happened.
    assert!(
        !start.is_empty() && start.len() < all.len() / 4,
        "{titles:?}"
    );
    let mut counted = 0;
    for i in 0..start.len() {
        assert!(end[i] >= start[i], "{i}");
        assert!(
            ["burst", "new-template", "error-spike", "steady"].contains(&tags[i].as_str()),
            "{}",
            tags[i]
        );
        let n: usize = titles[i]
            .split(": ")
            .nth(1)
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{}", titles[i]));
        counted += n;
        let text = &texts[i];
        assert!(
            text.contains(" lines from ") || text.starts_with("1 line from"),
            "{text}"
        );
        assert!(text.contains("\nMostly: Failed password for"), "{text}");
        assert!(text.contains("\nTop: ip="), "{text}");
        assert!(text.contains(&format!("\nLogQL: {}", logql[i])), "{text}");
        assert!(logql[i].starts_with("{filename=\"sshd.log\"} |= \"Failed password\""));
        askloki::logql::parse(&logql[i]).unwrap();
    }
    assert!(counted <= all.len(), "{counted} > {}", all.len());

    // Per line, as before: every line an event, the line as its text.
    let l = decode(&responses["lines"].frames[0]);
    let names: Vec<&str> = l.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["time", "title", "text", "tags"]);
    let texts = strings(&l, "text");
    assert_eq!(texts.len(), all.len());
    assert!(texts.iter().all(|t| t.contains("Failed password")));
}

/// A rule of `provisioning/alerting/askloki-rules.yaml`, as far as the
/// test needs it. The file keeps queries and annotations in quoted
/// scalars: double-quoted ones are read as JSON strings.
#[derive(Debug)]
struct Rule {
    title: String,
    logql: String,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
}

fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    if raw.starts_with('"') {
        serde_json::from_str(raw).unwrap_or_else(|e| panic!("{raw}: {e}"))
    } else if let Some(inner) = raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        raw.to_string()
    }
}

fn provisioned_rules() -> Vec<Rule> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("provisioning/alerting/askloki-rules.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut rules = Vec::new();
    for block in text.split("\n      - uid: ").skip(1) {
        let mut rule = Rule {
            title: String::new(),
            logql: String::new(),
            labels: BTreeMap::new(),
            annotations: BTreeMap::new(),
        };
        let mut section = "";
        for line in block.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.is_empty() {
                continue;
            }
            let indent = line.len() - trimmed.len();
            let Some((key, value)) = trimmed.split_once(':') else {
                continue;
            };
            if indent == 8 {
                section = key;
                if key == "title" {
                    rule.title = scalar(value);
                }
            } else if indent == 14 && key == "logql" && rule.logql.is_empty() {
                rule.logql = scalar(value);
            } else if indent == 10 && section == "labels" {
                rule.labels.insert(key.to_string(), scalar(value));
            } else if indent == 10 && section == "annotations" {
                rule.annotations.insert(key.to_string(), scalar(value));
            }
        }
        rules.push(rule);
    }
    rules
}

/// What a Grafana annotation template sees, in our engine's terms:
/// Grafana's `$labels`, `$values`, `$value` are set by a preamble from
/// JSON documents, as Grafana sets them from `.Labels`, `.Values`, `.Value`.
struct Instance {
    data: HashMap<String, String>,
}

impl TemplateData for Instance {
    fn label(&self, name: &str) -> Option<&str> {
        self.data.get(name).map(String::as_str)
    }
    fn line(&self) -> &str {
        ""
    }
    fn timestamp_ns(&self) -> i64 {
        0
    }
}

const PREAMBLE: &str = "{{- $labels := fromJson .__labels__ -}}{{- $values := fromJson .__values__ -}}{{- $value := .__value__ -}}";
/// Grafana's `externalURL` (the server's root_url); our engine has no such function.
const EXTERNAL_URL: &str = "http://grafana.example:3000";

fn render(template: &str, labels: &BTreeMap<String, String>, b: f64) -> String {
    let src = format!(
        "{PREAMBLE}{}",
        template.replace("{{ externalURL }}", EXTERNAL_URL)
    );
    let t = Template::parse_named("annotation", &src).unwrap_or_else(|e| panic!("{template}: {e}"));
    let values = json!({"B": {"Value": b, "Labels": labels}});
    let data = Instance {
        data: HashMap::from([
            ("__labels__".to_string(), json!(labels).to_string()),
            ("__values__".to_string(), values.to_string()),
            ("__value__".to_string(), format!("[ var='B' value={b} ]")),
        ]),
    };
    t.render_to_string(&data)
        .unwrap_or_else(|e| panic!("{template}: {e}"))
}

/// The rules over the example file: its scope instead of the compose one's.
fn over_example(logql: &str) -> String {
    logql.replace("{app=\"sshd\"}", "{filename=\"sshd.log\"}")
}

async fn explain(
    r: &Running,
    ctx: PluginContext,
    method: &str,
    url: &str,
    body: Value,
) -> (i32, Value) {
    let path = url.split('?').next().unwrap_or_default().to_string();
    let mut client = resource_client::ResourceClient::new(r.channel.clone());
    let mut stream = client
        .call_resource(CallResourceRequest {
            plugin_context: Some(ctx),
            path,
            method: method.into(),
            url: url.into(),
            headers: Default::default(),
            body: if body.is_null() {
                Vec::new()
            } else {
                body.to_string().into_bytes()
            },
        })
        .await
        .unwrap()
        .into_inner();
    let reply = stream.message().await.unwrap().unwrap();
    (reply.code, serde_json::from_slice(&reply.body).unwrap())
}

#[tokio::test]
async fn provisioned_rules_explain_what_fired_with_their_own_templates() {
    let r = start("alert-rules").await;
    let rules = provisioned_rules();
    assert_eq!(rules.len(), 2, "{rules:#?}");
    let span = query("x", json!(null)).time_range.unwrap();
    let (top_ip, top_count) = top_address();
    for rule in &rules {
        // A as Grafana evaluates it: FromAlert, the rule's model.
        let model = json!({"refId": "A", "mode": "metrics", "logql": over_example(&rule.logql)});
        let responses = query_data(
            &r,
            embedded(),
            vec![query("A", model)],
            &[("FromAlert", "true")],
        )
        .await;
        let a = &responses["A"];
        assert!(
            a.error.is_empty() && !a.frames.is_empty(),
            "{}: {}",
            rule.title,
            a.error
        );
        let mut instances = 0;
        for f in &a.frames {
            let d = decode(f);
            let (name, meta) = &d.fields[1];
            assert_eq!(name, "Value");
            let series: BTreeMap<String, String> = meta
                .get("labels")
                .map(|l| serde_json::from_str(l).unwrap())
                .unwrap_or_default();
            // Stable and bounded: only the query's own grouping names a series.
            assert!(
                series.keys().all(|k| k == "ip"),
                "{}: {series:?}",
                rule.title
            );
            let b = d.batch.as_ref().unwrap();
            let v = b.column(1).as_any().downcast_ref::<Float64Array>().unwrap();
            // B: Grafana's reduce `last`.
            let last = v.value(v.len() - 1);
            let mut labels = rule.labels.clone();
            labels.extend(series.clone());
            let summary = render(&rule.annotations["summary"], &labels, last);
            let description = render(&rule.annotations["description"], &labels, last);
            let link = render(&rule.annotations["explanation"], &labels, last);
            let count = format!("{last:.0}");
            assert!(
                summary.contains(&count) && !summary.contains("{{"),
                "{summary}"
            );
            assert!(description.contains("LogQL: "), "{description}");
            if let Some(ip) = series.get("ip") {
                assert!(summary.starts_with(&format!("{ip}: ")), "{summary}");
                assert!(
                    description.contains(&format!("|= \\\"from {ip} \\\""))
                        || description.contains(&format!("|= \"from {ip} \"")),
                    "{description}"
                );
            }
            assert_eq!(rule.annotations["__dashboardUid__"], "askloki-ssh");

            // The link: the explain resource over the rule's lines. Called as
            // Grafana's proxy calls it, over the example's span.
            let rest = link
                .strip_prefix(&format!(
                    "{EXTERNAL_URL}/api/datasources/uid/askloki/resources/"
                ))
                .unwrap_or_else(|| panic!("{link}"));
            let (resource, query_string) = rest.split_once('?').unwrap();
            assert_eq!(resource, "explain");
            let mut params: Vec<(String, String)> =
                url::form_urlencoded::parse(query_string.as_bytes())
                    .into_owned()
                    .collect();
            let logql = params.iter().find(|(k, _)| k == "logql").unwrap().1.clone();
            params.retain(|(k, _)| k == "logql");
            params[0].1 = over_example(&logql);
            params.push(("from".into(), span.from_epoch_ms.to_string()));
            params.push(("to".into(), span.to_epoch_ms.to_string()));
            let url = format!(
                "explain?{}",
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&params)
                    .finish()
            );
            let (code, body) = explain(&r, embedded(), "GET", &url, Value::Null).await;
            assert_eq!(code, 200, "{body}");
            let lines = body["lines"].as_u64().unwrap() as usize;
            let expected: Vec<String> = match series.get("ip") {
                Some(ip) => failed_password_lines()
                    .into_iter()
                    .filter(|l| l.contains(&format!("from {ip} ")))
                    .collect(),
                None => failed_password_lines(),
            };
            assert_eq!(lines, expected.len(), "{body}");
            let text = body["text"].as_str().unwrap();
            assert!(text.contains("\nMostly: Failed password for"), "{text}");
            assert!(
                text.contains("\nLogQL: {filename=\"sshd.log\"} |= \"Failed password\""),
                "{text}"
            );
            let examples = body["examples"].as_array().unwrap();
            assert!(!examples.is_empty() && examples.len() <= 3);
            assert!(examples
                .iter()
                .all(|e| e["line"].as_str().unwrap().contains("Failed password")));
            let contributors = body["contributors"].as_array().unwrap();
            match series.get("ip") {
                Some(ip) => assert!(
                    contributors
                        .iter()
                        .any(|c| c["key"] == "ip" && c["value"] == ip.as_str()),
                    "{body}"
                ),
                None => assert_eq!(
                    (
                        &contributors[0]["key"],
                        &contributors[0]["value"],
                        contributors[0]["lines"].as_u64()
                    ),
                    (&json!("ip"), &json!(top_ip), Some(top_count as u64)),
                    "{body}"
                ),
            }
            assert!(body["first"].as_i64().unwrap() <= body["last"].as_i64().unwrap());
            instances += 1;
        }
        assert!(instances >= 1, "{}", rule.title);
    }
}

#[tokio::test]
async fn the_explain_resource_answers_viewers_and_refuses_what_it_cannot_read() {
    let r = start("explain-resource").await;
    let span = query("x", json!(null)).time_range.unwrap();
    let mut viewer = embedded();
    viewer.user = Some(User {
        login: "viewer".into(),
        role: "Viewer".into(),
        ..Default::default()
    });
    // POST with a question and no LogQL: the planner, never an LLM.
    let (code, body) = explain(
        &r,
        viewer.clone(),
        "POST",
        "explain",
        json!({"question": "failed password attempts", "from": span.from_epoch_ms, "to": span.to_epoch_ms}),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    assert!(body["lines"].as_u64().unwrap() > 0, "{body}");
    assert!(
        body["incidents"].as_array().is_some_and(|i| !i.is_empty()),
        "{body}"
    );
    for (method, url, body, status) in [
        ("GET", "explain", Value::Null, 400),
        ("GET", "explain?logql=vector(1)", Value::Null, 400),
        ("GET", "explain?logql=%7B&from=now-1h", Value::Null, 400),
        (
            "GET",
            "explain?logql=%7Bfilename%3D%22sshd.log%22%7D&from=tomorrow",
            Value::Null,
            400,
        ),
        (
            "GET",
            "explain?logql=%7Bfilename%3D%22other.log%22%7D&from=0&to=1",
            Value::Null,
            400,
        ),
        ("POST", "explain", json!("not an object"), 400),
    ] {
        let (code, reply) = explain(&r, viewer.clone(), method, url, body).await;
        assert_eq!(code, status, "{url}: {reply}");
        assert!(
            reply["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{reply}"
        );
    }
}
