//! Loki's JSON response bodies, read into the typed results of
//! [`crate::source`]. Parsing is by hand over `serde_json::Value` so an
//! unexpected shape gets an error that says which part was wrong.

use serde_json::Value;

use super::LokiError;
use crate::source::{
    Entry, IndexStats, Labels, PatternSeries, Point, QueryResult, Sample, Series, Stream,
};

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

/// The body of `/query` or `/query_range`: the result and the stats block.
pub fn query_response(body: &Value) -> Result<(QueryResult, Option<Value>), LokiError> {
    const WHAT: &str = "a Loki query response";
    let data = success_data(body, WHAT)?;
    let result_type = data
        .get("resultType")
        .and_then(Value::as_str)
        .ok_or_else(|| decode(WHAT, "no data.resultType"))?;
    let result = data
        .get("result")
        .ok_or_else(|| decode(WHAT, "no data.result"))?;
    let stats = data.get("stats").cloned();
    let items = || {
        result
            .as_array()
            .ok_or_else(|| decode(WHAT, "data.result is not an array"))
    };
    let parsed = match result_type {
        "streams" => QueryResult::Streams(items()?.iter().map(stream).collect::<Result<_, _>>()?),
        "matrix" => QueryResult::Matrix(items()?.iter().map(series).collect::<Result<_, _>>()?),
        "vector" => QueryResult::Vector(items()?.iter().map(sample).collect::<Result<_, _>>()?),
        "scalar" => QueryResult::Scalar(point(result)?),
        other => return Err(decode(WHAT, format!("unknown resultType {other:?}"))),
    };
    Ok((parsed, stats))
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

/// The label set under `key` (`"stream"`, `"metric"`).
fn labels_at(v: &Value, key: &str, what: &str) -> Result<Labels, LokiError> {
    label_set(
        v.get(key)
            .ok_or_else(|| decode(what, format!("no \"{key}\"")))?,
        what,
    )
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

fn stream(v: &Value) -> Result<Stream, LokiError> {
    const WHAT: &str = "a stream";
    let labels = labels_at(v, "stream", WHAT)?;
    let values = v
        .get("values")
        .and_then(Value::as_array)
        .ok_or_else(|| decode(WHAT, "no \"values\" array"))?;
    let entries = values
        .iter()
        .map(|e| {
            let parts = e
                .as_array()
                .ok_or_else(|| decode(WHAT, "an entry is not an array"))?;
            let ts = parts
                .first()
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<i64>().ok())
                .ok_or_else(|| decode(WHAT, "an entry's timestamp is not a nanosecond string"))?;
            let line = parts
                .get(1)
                .and_then(Value::as_str)
                .ok_or_else(|| decode(WHAT, "an entry's line is not a string"))?;
            // Categorised responses carry metadata per entry.
            let metadata = match parts.get(2).and_then(|m| m.get("structuredMetadata")) {
                Some(m) => label_set(m, WHAT)?,
                None => Labels::new(),
            };
            Ok(Entry {
                ts,
                line: line.to_string(),
                metadata,
            })
        })
        .collect::<Result<_, LokiError>>()?;
    Ok(Stream { labels, entries })
}

fn series(v: &Value) -> Result<Series, LokiError> {
    const WHAT: &str = "a matrix series";
    let labels = labels_at(v, "metric", WHAT)?;
    let points = v
        .get("values")
        .and_then(Value::as_array)
        .ok_or_else(|| decode(WHAT, "no \"values\" array"))?
        .iter()
        .map(point)
        .collect::<Result<_, _>>()?;
    Ok(Series { labels, points })
}

fn sample(v: &Value) -> Result<Sample, LokiError> {
    const WHAT: &str = "a vector sample";
    let labels = labels_at(v, "metric", WHAT)?;
    let point = point(v.get("value").ok_or_else(|| decode(WHAT, "no \"value\""))?)?;
    Ok(Sample { labels, point })
}

/// `[1700000000.123, "42"]`
fn point(v: &Value) -> Result<Point, LokiError> {
    const WHAT: &str = "a sample point";
    let parts = v.as_array().ok_or_else(|| decode(WHAT, "not an array"))?;
    let secs = parts
        .first()
        .and_then(Value::as_f64)
        .ok_or_else(|| decode(WHAT, "the timestamp is not a number"))?;
    let value = parts
        .get(1)
        .and_then(Value::as_str)
        .ok_or_else(|| decode(WHAT, "the value is not a string"))?;
    let value = match value {
        "NaN" => f64::NAN,
        "+Inf" | "Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        other => other
            .parse()
            .map_err(|_| decode(WHAT, format!("the value {other:?} is not a number")))?,
    };
    Ok(Point {
        ts_ms: (secs * 1000.0).round() as i64,
        value,
    })
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
