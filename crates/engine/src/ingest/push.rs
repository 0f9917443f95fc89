//! Loki push bodies: `{"streams":[{"stream":{...},"values":[["<ns>","<line>",{...}]]}]}`,
//! as one document or as JSON lines of documents.

use serde::Deserialize;
use serde_json::Value;

use super::{clean_line, note_length, IngestReport, InputFormat};
use crate::source::Labels;
use crate::store::StoreBuilder;
use logql::is_label_name;

#[derive(Deserialize)]
struct PushBody {
    streams: Vec<PushStream>,
}

#[derive(Deserialize)]
struct PushStream {
    stream: serde_json::Map<String, Value>,
    values: Vec<Vec<Value>>,
}

/// Ingest `bytes` if they are push bodies; `Ok(None)` when they are not
/// (the caller then reads them as plain text).
pub(super) fn ingest(
    bytes: &[u8],
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) -> Result<Option<InputFormat>, String> {
    if let Ok(body) = serde_json::from_slice::<PushBody>(bytes) {
        add_body(body, builder, report).map_err(|e| format!("push body: {e}"))?;
        return Ok(Some(InputFormat::PushBody));
    }
    let mut lines = bytes.split(|&b| b == b'\n').enumerate();
    let first_is_push = lines
        .clone()
        .find(|(_, l)| !l.trim_ascii().is_empty())
        .is_some_and(|(_, l)| {
            serde_json::from_slice::<Value>(l).is_ok_and(|v| v.get("streams").is_some())
        });
    if !first_is_push {
        return Ok(None);
    }
    for (n, line) in lines.by_ref() {
        if line.trim_ascii().is_empty() {
            continue;
        }
        let body: PushBody = serde_json::from_slice(line)
            .map_err(|e| format!("line {}: not a Loki push body: {e}", n + 1))?;
        add_body(body, builder, report).map_err(|e| format!("line {}: {e}", n + 1))?;
    }
    Ok(Some(InputFormat::PushLines))
}

fn add_body(
    body: PushBody,
    builder: &mut StoreBuilder,
    report: &mut IngestReport,
) -> Result<(), String> {
    for (si, stream) in body.streams.into_iter().enumerate() {
        let mut labels = Labels::new();
        for (k, v) in stream.stream {
            if !is_label_name(&k) {
                return Err(format!(
                    "stream {si}: invalid label name {k:?}: use letters, digits and _ (not starting with a digit)"
                ));
            }
            let Value::String(v) = v else {
                return Err(format!("stream {si}: label {k} must be a string"));
            };
            labels.set(k, v);
        }
        if labels.is_empty() {
            return Err(format!("stream {si}: a stream needs at least one label"));
        }
        for (vi, value) in stream.values.into_iter().enumerate() {
            let at = || format!("stream {si} value {vi}");
            let (ts, line, meta) = match value.as_slice() {
                [ts, line] => (ts, line, None),
                [ts, line, meta] => (ts, line, Some(meta)),
                _ => {
                    return Err(format!(
                    "{}: expected [\"<ns>\", \"<line>\"] or [\"<ns>\", \"<line>\", {{metadata}}]",
                    at()
                ))
                }
            };
            let ts = match ts {
                Value::String(s) => s.parse::<i64>().ok(),
                Value::Number(n) => n.as_i64(),
                _ => None,
            }
            .ok_or_else(|| {
                format!(
                    "{}: the timestamp must be Unix nanoseconds as a string",
                    at()
                )
            })?;
            let Value::String(line) = line else {
                return Err(format!("{}: the line must be a string", at()));
            };
            let meta = match meta {
                None | Some(Value::Null) => None,
                Some(Value::Object(m)) if m.is_empty() => None,
                Some(Value::Object(m)) => {
                    if m.values().any(|v| !v.is_string()) {
                        return Err(format!(
                            "{}: structured metadata values must be strings",
                            at()
                        ));
                    }
                    Some(Value::Object(m.clone()).to_string())
                }
                Some(_) => return Err(format!("{}: structured metadata must be an object", at())),
            };
            let line = clean_line(line.as_bytes(), report);
            note_length(line.len(), report);
            builder.push(&labels, ts, &line, meta.as_deref());
        }
    }
    Ok(())
}
