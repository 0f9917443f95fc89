//! The analysis query modes: the lines of the scope in the dashboard's
//! range (up to Max lines), analysed as the CLI does, as frames: anomalous
//! lines over time (a time series panels and alerts can use), and tables of
//! templates, findings, root-cause candidates or an explanation, with the
//! text in the first frame's notices.

use serde_json::json;

use super::frames::{Field, Frame, Values};
use super::instance::Instance;
use super::proto::DataResponse;
use super::query::{failure, QueryModel};
use crate::analyze::lines::{prepare, Prepared};
use crate::analyze::{anomaly, explain, parse, recommend, rootcause, route, Task};
use crate::source::{Direction, RangeQuery};

fn text(values: Vec<String>) -> Values {
    Values::Text(values)
}

fn text_values<const N: usize>(values: [&str; N]) -> Values {
    Values::Text(values.iter().map(|v| v.to_string()).collect())
}

fn number(values: Vec<f64>) -> Values {
    Values::Number(values)
}

async fn lines(
    instance: &Instance,
    window: (i64, i64),
    limit: u32,
) -> Result<(Prepared, bool), String> {
    let scope = instance.settings.scope.trim();
    if scope.is_empty() {
        return Err(
            "analysis needs the datasource's scope (a stream selector) to read lines from".into(),
        );
    }
    let r = instance
        .source
        .query_range(&RangeQuery {
            query: scope.to_string(),
            start: window.0,
            end: window.1,
            step: crate::loki::choose_step(window.0, window.1, None),
            limit,
            direction: Direction::Backward,
        })
        .await
        .map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    if let crate::source::QueryResult::Streams(streams) = &r.result {
        for s in streams {
            for e in &s.entries {
                all.push((s.labels.clone(), e.ts, e.line.clone()));
            }
        }
    }
    if all.is_empty() {
        return Err("no lines in the range to analyse".into());
    }
    let cut = all.len() as u32 >= limit;
    all.sort_by_key(|x| x.1);
    Ok((prepare(all), cut))
}

fn finish(ref_id: &str, mut frames: Vec<Frame>, notes: Vec<(&str, String)>) -> DataResponse {
    if frames.is_empty() {
        frames.push(super::frames::empty_frame(ref_id));
    }
    let notices: Vec<_> = notes
        .into_iter()
        .map(|(severity, text)| json!({"severity": severity, "text": text}))
        .collect();
    frames[0].meta = json!({"notices": notices, "preferredVisualisationType": "table"});
    super::query::encode(&frames)
}

pub async fn run(
    instance: &Instance,
    task: Option<Task>,
    model: &QueryModel,
    ref_id: &str,
    window: (i64, i64),
    from_alert: bool,
    llm: Option<&crate::llm::LlmClient>,
) -> DataResponse {
    let task = task.unwrap_or_else(|| route(&model.question));
    let limit = model
        .max_lines
        .unwrap_or(instance.settings.limits.max_lines)
        .clamp(1, instance.settings.limits.max_lines);
    let (p, cut) = match lines(instance, window, limit).await {
        Ok(x) => x,
        Err(e) => return failure(400, "downstream", e),
    };
    let mut notes = Vec::new();
    if cut {
        notes.push((
            "warning",
            format!("analysed the newest {limit} lines of the range; raise Max lines to read more"),
        ));
    }
    let frame = |name: &str, fields: Vec<Field>| Frame {
        name: name.to_string(),
        ref_id: ref_id.to_string(),
        meta: json!({}),
        fields,
    };
    match task {
        Task::Anomalies => {
            // Anomalous lines per step: a series panels and alert rules read.
            let step = crate::loki::choose_step(window.0, window.1, None).max(1_000_000_000);
            let buckets = ((window.1 - window.0) / step + 1) as usize;
            let mut counts = vec![0.0; buckets];
            let (scored, facts) = anomaly::score_all(&p);
            for (l, s) in p.lines.iter().zip(&scored) {
                if s.score >= anomaly::THRESHOLD {
                    let b = ((l.ts - window.0).max(0) / step) as usize;
                    counts[b.min(buckets - 1)] += 1.0;
                }
            }
            let times: Vec<i64> = (0..buckets).map(|i| window.0 + i as i64 * step).collect();
            let mut value = Field::new("anomalous lines", number(counts));
            value.config = Some(json!({"displayNameFromDS": "anomalous lines"}));
            let mut series = frame(
                "anomalous lines",
                vec![Field::new("Time", Values::Time(times)), value],
            );
            series.meta = json!({"type": "timeseries-multi"});
            if from_alert {
                return finish(ref_id, vec![series], notes);
            }
            let f = anomaly::findings_from(&p, &instance.settings.scope, &scored, &facts);
            let class_of = |x: &anomaly::Finding| {
                x.class
                    .map(|c| explain::class_id(c.info()))
                    .unwrap_or_default()
            };
            if model.annotations {
                // Anomalous findings as events: an incident is annotated
                // exactly when one of its lines is counted in the series.
                let f: Vec<&anomaly::Finding> = f.iter().filter(|x| x.anomalous()).collect();
                let events = frame(
                    "annotations",
                    vec![
                        Field::new("time", Values::Time(f.iter().map(|x| x.start).collect())),
                        Field::new("timeEnd", Values::Time(f.iter().map(|x| x.end).collect())),
                        Field::new(
                            "title",
                            text(
                                f.iter()
                                    .map(|x| {
                                        let class = class_of(x);
                                        if class.is_empty() {
                                            format!("{:?} ({:.2})", x.kind, x.score)
                                        } else {
                                            format!("{:?}: {class} ({:.2})", x.kind, x.score)
                                        }
                                    })
                                    .collect(),
                            ),
                        ),
                        Field::new(
                            "text",
                            text(
                                f.iter()
                                    .map(|x| format!("{}: {}", x.template, x.summary))
                                    .collect(),
                            ),
                        ),
                    ],
                );
                return finish(ref_id, vec![events], notes);
            }
            let table = frame(
                "findings",
                vec![
                    Field::new("Time", Values::Time(f.iter().map(|x| x.start).collect())),
                    Field::new("score", number(f.iter().map(|x| x.score).collect())),
                    Field::new(
                        "kind",
                        text(f.iter().map(|x| format!("{:?}", x.kind)).collect()),
                    ),
                    Field::new("class", text(f.iter().map(class_of).collect())),
                    Field::new(
                        "template",
                        text(f.iter().map(|x| x.template.clone()).collect()),
                    ),
                    Field::new(
                        "summary",
                        text(f.iter().map(|x| x.summary.clone()).collect()),
                    ),
                    Field::new(
                        "evidence",
                        text(f.iter().map(|x| x.evidence.clone()).collect()),
                    ),
                ],
            );
            notes.insert(
                0,
                (
                    "info",
                    format!("{} findings in {} lines", f.len(), p.lines.len()),
                ),
            );
            finish(ref_id, vec![series, table], notes)
        }
        _ if from_alert => failure(
            400,
            "plugin",
            "alert rules can use the anomalies mode; the other analyses are for people",
        ),
        Task::Parse => {
            let t = parse::templates(&p);
            let table = frame(
                "templates",
                vec![
                    Field::new("count", number(t.iter().map(|x| x.count as f64).collect())),
                    Field::new(
                        "template",
                        text(t.iter().map(|x| x.template.clone()).collect()),
                    ),
                    Field::new(
                        "parameters",
                        text(t.iter().map(|x| x.params.join(", ")).collect()),
                    ),
                    Field::new(
                        "example",
                        text(t.iter().map(|x| x.example.clone()).collect()),
                    ),
                ],
            );
            notes.insert(
                0,
                (
                    "info",
                    format!("{} templates in {} lines", t.len(), p.lines.len()),
                ),
            );
            finish(ref_id, vec![table], notes)
        }
        Task::Explain => {
            let mut e = explain::explain_line(&p, explain::line_of(&model.question));
            if let Some(llm) = llm {
                if let Err(err) = explain::with_llm(&mut e, llm).await {
                    notes.push(("warning", format!("no LLM explanation: {err}")));
                }
            }
            let described = explain::describe(&e);
            let rows: Vec<(String, String)> = described
                .lines()
                .filter_map(|l| {
                    l.split_once(": ")
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                })
                .collect();
            let table = frame(
                "explanation",
                vec![
                    Field::new("what", text(rows.iter().map(|r| r.0.clone()).collect())),
                    Field::new("value", text(rows.iter().map(|r| r.1.clone()).collect())),
                ],
            );
            notes.insert(0, ("info", e.llm.clone().unwrap_or(described)));
            finish(ref_id, vec![table], notes)
        }
        Task::Recommend if recommend::line_in(&model.question).is_some() => {
            let line = recommend::line_in(&model.question).unwrap_or_default();
            let advice = recommend::for_line(line);
            let plain = recommend::describe_line(&advice);
            let written = match &instance.llm {
                Some(llm) => match recommend::line_with_llm(&advice, &model.question, llm).await {
                    Ok(t) => t,
                    Err(e) => {
                        notes.push(("warning", format!("no LLM recommendation: {e}")));
                        plain.clone()
                    }
                },
                None => plain.clone(),
            };
            let table = frame(
                "advice",
                vec![
                    Field::new(
                        "what",
                        text_values(["line", "score", "class", "component", "advice"]),
                    ),
                    Field::new(
                        "value",
                        text(vec![
                            advice.line.clone(),
                            format!("{:.2}", advice.score),
                            advice.class.map(explain::class_id).unwrap_or_default(),
                            advice.component.describe().unwrap_or_default(),
                            plain,
                        ]),
                    ),
                ],
            );
            notes.insert(0, ("info", written));
            finish(ref_id, vec![table], notes)
        }
        Task::RootCause | Task::Recommend => {
            let Some(rc) = rootcause::analyze(&p, None) else {
                return failure(
                    400,
                    "plugin",
                    "no line in the range reads as a failure: nothing to explain",
                );
            };
            let c = &rc.candidates;
            let table = frame(
                "candidates",
                vec![
                    Field::new("Time", Values::Time(c.iter().map(|x| x.first).collect())),
                    Field::new("score", number(c.iter().map(|x| x.score).collect())),
                    Field::new(
                        "template",
                        text(c.iter().map(|x| x.template.clone()).collect()),
                    ),
                    Field::new("source", text(c.iter().map(|x| x.source.clone()).collect())),
                    Field::new("lines", number(c.iter().map(|x| x.count as f64).collect())),
                    Field::new(
                        "example",
                        text(c.iter().map(|x| x.example.clone()).collect()),
                    ),
                ],
            );
            let advice = match (task, llm) {
                (Task::Recommend, Some(llm)) => {
                    match recommend::with_llm(&rc, &model.question, llm).await {
                        Ok(t) => t,
                        Err(e) => {
                            notes.push(("warning", format!("no LLM recommendation: {e}")));
                            recommend::deterministic(&rc)
                        }
                    }
                }
                _ => recommend::deterministic(&rc),
            };
            notes.insert(0, ("info", advice));
            finish(ref_id, vec![table], notes)
        }
    }
}
