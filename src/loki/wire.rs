//! Loki's JSON response bodies for labels, series, index stats and
//! patterns, read into the typed results of [`crate::source`]. Parsing is
//! by hand over `serde_json::Value` so an unexpected shape gets an error
//! that says which part was wrong. Query results have their own decoder
//! ([`super::results`]), which reads the bytes directly.

use serde_json::Value;

use super::LokiError;
use crate::source::{IndexStats, Labels, PatternSeries};

fn decode(what: &str, message: impl Into<String>) -> LokiError {
    LokiError::Decode {
        what: what.into(),
        message: message.into(),
    }
}

/// `{"status":"success","data":...}` → `data`.
pub fn success_data(body: &Value, what: &str) -> Result<Value, LokiError> {
    match body.get("status").and_then(Value::as_str) {
        Some("success") => body
            .get("data")
            .cloned()
            .ok_or_else(|| decode(what, "no \"data\" field")),
        Some(other) => Err(decode(
            what,
            format!(
                "status {other:?}: {}",
                body.get("error").and_then(Value::as_str).unwrap_or("")
            ),
        )),
        None => Err(decode(what, "no \"status\" field")),
    }
}

pub fn label_set(v: &Value, what: &str) -> Result<Labels, LokiError> {
    let obj = v
        .as_object()
        .ok_or_else(|| decode(what, "a label set is not an object"))?;
    let mut out = Labels::new();
    for (k, v) in obj {
        let v = v
            .as_str()
            .ok_or_else(|| decode(what, format!("label {k} is not a string")))?;
        out.set(k.clone(), v.to_string());
    }
    Ok(out)
}

/// The items of a `data` list; Loki answers `"data": null` when nothing
/// matches.
fn data_items(body: &Value, what: &str) -> Result<Vec<Value>, LokiError> {
    match success_data(body, what)? {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => Ok(items),
        _ => Err(decode(what, "data is not an array")),
    }
}

/// `/loki/api/v1/labels` and `/label/<name>/values`: a list of strings.
pub fn string_list(body: &Value, what: &str) -> Result<Vec<String>, LokiError> {
    data_items(body, what)?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| decode(what, "an item is not a string"))
        })
        .collect()
}

pub fn series_list(body: &Value) -> Result<Vec<Labels>, LokiError> {
    const WHAT: &str = "a Loki series response";
    data_items(body, WHAT)?
        .iter()
        .map(|v| label_set(v, WHAT))
        .collect()
}

pub fn index_stats(body: &Value) -> Result<IndexStats, LokiError> {
    serde_json::from_value(body.clone()).map_err(|e| decode("Loki index stats", e.to_string()))
}

pub fn patterns(body: &Value) -> Result<Vec<PatternSeries>, LokiError> {
    const WHAT: &str = "a Loki patterns response";
    data_items(body, WHAT)?
        .iter()
        .map(|p| {
            let pattern = p
                .get("pattern")
                .and_then(Value::as_str)
                .ok_or_else(|| decode(WHAT, "no pattern"))?
                .to_string();
            let samples = p
                .get("samples")
                .and_then(Value::as_array)
                .ok_or_else(|| decode(WHAT, "no samples"))?
                .iter()
                .map(|s| {
                    let ts = s.get(0).and_then(Value::as_f64);
                    let n = s.get(1).and_then(Value::as_u64);
                    match (ts, n) {
                        (Some(ts), Some(n)) => Ok(((ts * 1000.0).round() as i64, n)),
                        _ => Err(decode(WHAT, "a sample is not [seconds, count]")),
                    }
                })
                .collect::<Result<_, _>>()?;
            Ok(PatternSeries { pattern, samples })
        })
        .collect()
}
