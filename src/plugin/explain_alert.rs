//! The `explain` resource: what the logs show in a window, for an alert
//! that fired on an AskLoki query. The rule's LogQL (a metric query, or
//! a log query) gives the lines it counts; those lines in the window are
//! read and told in full: how many, since when, which entities contribute
//! most, the kinds of line, the lines that read most like failures, the
//! incidents within, and the LogQL to see them. No LLM: the same window
//! gives the same explanation, and nothing here waits on a model.
//!
//! `GET explain?logql=...&from=...&to=...` (a link an alert's annotation
//! can carry; `from`/`to` are epoch ms or Grafana's `now`, `now-10m`) or
//! `POST explain` with `{"logql", "question", "from", "to"}`.

use serde::Deserialize;
use serde_json::{json, Value};

use super::incidents::{self, clock, push_details};
use super::instance::Instance;
use super::resources::Reply;
use crate::ask::Want;
use crate::logql::{Expr, LogExpr, MetricExpr};
use crate::source::TimeRange;

const MS: i64 = 1_000_000;

/// What to explain; `from`/`to` as numbers (epoch ms) or strings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExplainRequest {
    pub logql: String,
    pub question: String,
    pub from: Option<Value>,
    pub to: Option<Value>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ExplainError {
    #[error("give the rule's query: explain?logql=... (or a question)")]
    NoQuery,
    #[error("{0:?} is not a time: use epoch milliseconds, now or now-<duration> (now-10m)")]
    BadTime(String),
    #[error("the window ends before it starts")]
    EmptyWindow,
    #[error("the query does not read log lines: {0}")]
    NoLines(String),
}

impl ExplainRequest {
    /// The request from a GET's query string.
    pub fn from_url(url: &str) -> ExplainRequest {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let mut r = ExplainRequest::default();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "logql" => r.logql = v.into_owned(),
                "question" => r.question = v.into_owned(),
                "from" => r.from = Some(Value::String(v.into_owned())),
                "to" => r.to = Some(Value::String(v.into_owned())),
                _ => {}
            }
        }
        r
    }

    /// The window, ns: `from` defaults to an hour before `to`, `to` to now.
    pub fn window(&self, now_ns: i64) -> Result<(i64, i64), ExplainError> {
        let to = match &self.to {
            Some(v) => time_of(v, now_ns)?,
            None => now_ns,
        };
        let from = match &self.from {
            Some(v) => time_of(v, now_ns)?,
            None => to.saturating_sub(3_600_000 * MS),
        };
        if to <= from {
            return Err(ExplainError::EmptyWindow);
        }
        Ok((from, to))
    }
}

/// Epoch ms (number or digits), `now`, or `now-<duration>`.
fn time_of(v: &Value, now_ns: i64) -> Result<i64, ExplainError> {
    let bad = || ExplainError::BadTime(v.to_string());
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
            .map(|ms| ms.saturating_mul(MS))
            .ok_or_else(bad),
        Value::String(s) => {
            let s = s.trim();
            if let Ok(ms) = s.parse::<i64>() {
                return Ok(ms.saturating_mul(MS));
            }
            if s == "now" {
                return Ok(now_ns);
            }
            let ago = s
                .strip_prefix("now-")
                .and_then(crate::logql::duration::parse_range_duration)
                .ok_or_else(bad)?;
            Ok(now_ns.saturating_sub(ago))
        }
        _ => Err(bad()),
    }
}

/// The log query whose lines a query counts: itself for a log query, the
/// first range aggregation's lines for a metric query.
pub fn lines_query(logql: &str) -> Result<String, ExplainError> {
    fn log_of(m: &MetricExpr) -> Option<&LogExpr> {
        match m {
            MetricExpr::RangeAgg(r) => Some(&r.range.log),
            MetricExpr::VectorAgg(v) => log_of(&v.inner),
            MetricExpr::Binary(b) => log_of(&b.lhs).or_else(|| log_of(&b.rhs)),
            MetricExpr::LabelReplace(l) => log_of(&l.inner),
            MetricExpr::Literal(_) | MetricExpr::Vector(_) => None,
        }
    }
    // Any window expands `$__range` and friends: only the lines part is kept.
    let expanded = crate::ask::vet::expand_variables(logql, (0, 60_000 * MS), 60_000 * MS, false);
    match crate::logql::parse(&expanded) {
        Ok(Expr::Log(log)) => Ok(Expr::Log(log).to_string()),
        Ok(Expr::Metric(m)) => log_of(&m)
            .map(|log| Expr::Log(log.clone()).to_string())
            .ok_or_else(|| ExplainError::NoLines(logql.to_string())),
        Err(e) => Err(ExplainError::NoLines(e.to_string())),
    }
}

fn error(code: u16, message: impl ToString) -> Reply {
    (code, json!({"error": message.to_string()}))
}

/// Answer `explain` for the datasource.
pub async fn call(instance: &Instance, req: ExplainRequest) -> Reply {
    let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
    let window = match req.window(now) {
        Ok(w) => w,
        Err(e) => return error(400, e),
    };
    let pinned = req.logql.trim();
    let lines_logql = if pinned.is_empty() {
        None
    } else {
        match lines_query(pinned) {
            Ok(q) => Some(q),
            Err(e) => return error(400, e),
        }
    };
    if lines_logql.is_none() && req.question.trim().is_empty() {
        return error(400, ExplainError::NoQuery);
    }
    let labels = instance
        .labels(TimeRange {
            start: window.0,
            end: window.1,
        })
        .await;
    // Never waits for the knowledge base or an LLM.
    let knowledge = instance.knowledge();
    let mut asker = instance.asker(window, knowledge.as_deref(), labels, None);
    asker.options.want = Want::Events;
    asker.options.write_answer = false;
    let limit = instance.settings.limits.max_lines;
    asker.options.log_limit = limit;
    let asked = match &lines_logql {
        Some(q) => asker.ask_pinned("", q).await,
        None => asker.ask(&req.question).await,
    };
    let answer = match asked {
        Ok(a) => a,
        Err(e) => {
            let (status, _) = super::response::error_class(&e);
            return error(u16::try_from(status).unwrap_or(500), e);
        }
    };
    let lines = incidents::lines_of(&answer.result);
    let cut = lines.len() as u32 >= limit;
    let mut body = json!({
        "window": {"from": window.0 / MS, "to": window.1 / MS},
        "logql": if pinned.is_empty() { answer.logql.clone() } else { pinned.to_string() },
        "linesQuery": answer.logql,
        "lines": lines.len(),
        "cut": cut,
    });
    let Some(mut a) = incidents::analyse(lines, &answer.logql) else {
        body["text"] = json!(format!(
            "No lines from {} to {}.\nLogQL: {}",
            clock(window.0),
            clock(window.1),
            answer.logql
        ));
        return (200, body);
    };
    let summary = a.summary();
    let found = a.incidents(window);
    let mut text = format!(
        "{}{} lines from {} to {} (first at {}, last at {})",
        if cut { "At least " } else { "" },
        summary.lines,
        clock(window.0),
        clock(window.1),
        clock(summary.first),
        clock(summary.last)
    );
    if summary.error_lines > 0 {
        text.push_str(&format!(", {} at error level", summary.error_lines));
    }
    text.push('.');
    push_details(&mut text, &summary);
    for x in found.iter().filter(|x| x.kind != incidents::Kind::Steady) {
        text.push_str(&format!(
            "\n{} from {}: {}",
            x.title(),
            clock(x.start),
            x.summary.lines
        ));
    }
    text.push_str(&format!("\nLogQL: {}", answer.logql));
    let obj = body.as_object_mut();
    if let Some(m) = obj {
        m.insert("first".into(), json!(summary.first / MS));
        m.insert("last".into(), json!(summary.last / MS));
        m.insert("errorLines".into(), json!(summary.error_lines));
        m.insert("templates".into(), json!(summary.templates));
        m.insert("contributors".into(), json!(summary.contributors));
        m.insert(
            "examples".into(),
            json!(summary
                .examples
                .iter()
                .map(|e| json!({"time": e.time / MS, "line": e.line}))
                .collect::<Vec<_>>()),
        );
        m.insert(
            "incidents".into(),
            json!(found
                .iter()
                .map(|x| json!({
                    "kind": x.kind,
                    "start": x.start / MS,
                    "end": x.end / MS,
                    "lines": x.summary.lines,
                    "title": x.title(),
                    "text": x.text(),
                    "logql": x.logql,
                }))
                .collect::<Vec<_>>()),
        );
        m.insert("text".into(), json!(text));
    }
    (200, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000 * MS;

    #[test]
    fn windows_read_as_grafana_writes_them() {
        let r = ExplainRequest::from_url("explain?logql=x&from=now-10m&to=now");
        assert_eq!(r.logql, "x");
        assert_eq!(r.window(NOW), Ok((NOW - 600_000 * MS, NOW)));
        let r = ExplainRequest::from_url("explain?from=1000&to=2000");
        assert_eq!(r.window(NOW), Ok((1000 * MS, 2000 * MS)));
        let r: ExplainRequest = serde_json::from_str(r#"{"from": 1000, "to": 2000.5}"#).unwrap();
        assert_eq!(r.window(NOW), Ok((1000 * MS, 2000 * MS)));
        assert_eq!(
            ExplainRequest::from_url("explain?to=now-1h").window(NOW),
            Ok((NOW - 7_200_000 * MS, NOW - 3_600_000 * MS))
        );
        for bad in [
            "explain?from=yesterday",
            "explain?from=now-",
            "explain?from=now+5m",
        ] {
            assert!(matches!(
                ExplainRequest::from_url(bad).window(NOW),
                Err(ExplainError::BadTime(_))
            ));
        }
        assert_eq!(
            ExplainRequest::from_url("explain?from=2000&to=1000").window(NOW),
            Err(ExplainError::EmptyWindow)
        );
        let r: ExplainRequest = serde_json::from_str(r#"{"from": [1], "to": 9e300}"#).unwrap();
        assert!(r.window(NOW).is_err());
    }

    #[test]
    fn a_metric_query_is_explained_by_the_lines_it_counts() {
        assert_eq!(
            lines_query(r#"sum(count_over_time({app="sshd"} |= "Failed password" [5m]))"#),
            Ok(r#"{app="sshd"} |= "Failed password""#.to_string())
        );
        assert_eq!(
            lines_query(r#"sum by (ip) (rate({app="x"} | json | status >= 500 [$__range])) / 2"#),
            Ok(r#"{app="x"} | json | status>=500"#.to_string())
        );
        assert_eq!(lines_query(r#"{app="x"}"#), Ok(r#"{app="x"}"#.to_string()));
        assert!(matches!(
            lines_query("vector(1)"),
            Err(ExplainError::NoLines(_))
        ));
        assert!(matches!(lines_query("sum("), Err(ExplainError::NoLines(_))));
    }
}
