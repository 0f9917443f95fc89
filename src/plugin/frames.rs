//! Grafana data frames, encoded as Grafana reads them: one Arrow IPC file
//! per frame, frame `name`/`refId`/`meta` in the schema metadata, and each
//! field's `labels`/`config` (JSON) in its own metadata. Times are
//! nanosecond timestamps, text is Utf8, JSON fields are Binary.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use std::fmt::Write as _;

use arrow_array::builder::{BinaryBuilder, StringBuilder};
use arrow_array::{
    Array, ArrayRef, BinaryArray, Float64Array, RecordBatch, StringArray, TimestampNanosecondArray,
};
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field as ArrowField, Schema, TimeUnit};
use serde_json::{json, Value};

use super::row_ids;
use crate::source::{format_sample_value, Labels, QueryResult};

#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Time(Vec<i64>),
    Number(Vec<f64>),
    Text(Vec<String>),
    /// One JSON document per row.
    Json(Vec<Vec<u8>>),
    /// Text already in Arrow's layout (built without a `String` per row).
    Utf8(StringArray),
    /// JSON documents already in Arrow's layout.
    JsonBinary(BinaryArray),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Time(v) => v.len(),
            Values::Number(v) => v.len(),
            Values::Text(v) => v.len(),
            Values::Json(v) => v.len(),
            Values::Utf8(a) => a.len(),
            Values::JsonBinary(a) => a.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub values: Values,
    pub labels: Option<BTreeMap<String, String>>,
    pub config: Option<Value>,
}

impl Field {
    pub fn new(name: &str, values: Values) -> Field {
        Field {
            name: name.to_string(),
            values,
            labels: None,
            config: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub name: String,
    pub ref_id: String,
    pub meta: Value,
    pub fields: Vec<Field>,
}

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("frame {0:?}: fields of different lengths")]
    Ragged(String),
    #[error("frame {name:?} could not be encoded: {message}")]
    Arrow { name: String, message: String },
}

impl Frame {
    pub fn rows(&self) -> usize {
        self.fields.first().map_or(0, |f| f.values.len())
    }

    /// The frame as an Arrow IPC file (one record batch; none when empty).
    pub fn to_arrow(&self) -> Result<Vec<u8>, FrameError> {
        let rows = self.rows();
        if self.fields.iter().any(|f| f.values.len() != rows) {
            return Err(FrameError::Ragged(self.name.clone()));
        }
        let arrow = |e: arrow_schema::ArrowError| FrameError::Arrow {
            name: self.name.clone(),
            message: e.to_string(),
        };
        let mut fields = Vec::with_capacity(self.fields.len());
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let (data_type, tstype, column): (DataType, &str, ArrayRef) = match &f.values {
                Values::Time(v) => (
                    DataType::Timestamp(TimeUnit::Nanosecond, None),
                    "time",
                    Arc::new(TimestampNanosecondArray::from(v.clone())),
                ),
                Values::Number(v) => (
                    DataType::Float64,
                    "number",
                    Arc::new(Float64Array::from(v.clone())),
                ),
                Values::Text(v) => (
                    DataType::Utf8,
                    "string",
                    Arc::new(StringArray::from_iter_values(v.iter())),
                ),
                Values::Json(v) => (
                    DataType::Binary,
                    "other",
                    Arc::new(BinaryArray::from_iter_values(v.iter())),
                ),
                Values::Utf8(a) => (DataType::Utf8, "string", Arc::new(a.clone())),
                Values::JsonBinary(a) => (DataType::Binary, "other", Arc::new(a.clone())),
            };
            let mut metadata: HashMap<String, String> = HashMap::new();
            metadata.insert("name".into(), f.name.clone());
            metadata.insert("tstype".into(), tstype.into());
            if let Some(l) = &f.labels {
                metadata.insert(
                    "labels".into(),
                    serde_json::to_string(l).unwrap_or_default(),
                );
            }
            if let Some(c) = &f.config {
                metadata.insert("config".into(), c.to_string());
            }
            fields.push(ArrowField::new(&f.name, data_type, false).with_metadata(metadata));
            columns.push(column);
        }
        let mut metadata: HashMap<String, String> = HashMap::new();
        metadata.insert("name".into(), self.name.clone());
        metadata.insert("refId".into(), self.ref_id.clone());
        if !self.meta.is_null() {
            metadata.insert("meta".into(), self.meta.to_string());
        }
        let schema = Arc::new(Schema::new(fields).with_metadata(metadata));
        // Sized for the columns (plus the schema, twice: message and
        // footer) so the writer never regrows and copies it.
        let body: usize = columns.iter().map(|c| c.get_buffer_memory_size()).sum();
        let mut out = Vec::with_capacity(body + 4096 + 64 * columns.len());
        {
            let mut writer = FileWriter::try_new(&mut out, &schema).map_err(arrow)?;
            if rows > 0 {
                let batch = RecordBatch::try_new(schema.clone(), columns).map_err(arrow)?;
                writer.write(&batch).map_err(arrow)?;
            }
            writer.finish().map_err(arrow)?;
        }
        Ok(out)
    }
}

/// Log lines in the shape of Grafana's own Loki datasource: `labels`
/// (JSON), `Time`, `Line`, `tsNs`, `id`; newest first unless `forward`.
/// Columns are written straight into Arrow's layout, sized up front: no
/// per-row allocation.
pub fn logs_frame(ref_id: &str, result: &QueryResult, forward: bool) -> Frame {
    // (ts, line, index of its labels JSON)
    let mut rows: Vec<(i64, &str, usize)> = Vec::new();
    let mut label_docs: Vec<Vec<u8>> = Vec::new();
    if let QueryResult::Streams(streams) = result {
        rows.reserve(streams.iter().map(|s| s.entries.len()).sum());
        for s in streams {
            let stream_labels: BTreeMap<&str, &str> = s.labels.iter().collect();
            // One JSON document per stream; entries with metadata get their own.
            let shared = label_docs.len();
            label_docs.push(labels_json(&stream_labels));
            for e in &s.entries {
                let doc = if e.metadata.is_empty() {
                    shared
                } else {
                    let mut labels = stream_labels.clone();
                    labels.extend(e.metadata.iter());
                    label_docs.push(labels_json(&labels));
                    label_docs.len() - 1
                };
                rows.push((e.ts, e.line.as_str(), doc));
            }
        }
    }
    // Stable, so entries sharing a timestamp keep the order Loki gave them.
    if forward {
        rows.sort_by_key(|r| r.0);
    } else {
        rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    }
    // Row ids as Grafana's Loki datasource makes them: `<tsNs>_<hash>` with
    // the hash in lower-case hex (no padding) of `<line>_<labels JSON>`, and
    // `_<n>` on the n-th repeat. Grafana hashes the labels as Loki sent
    // them; ours are the stream's labels as compact JSON with sorted keys.
    // Repeats share a timestamp, and rows are sorted by it, so only a run
    // of equal timestamps needs remembering.
    let n = rows.len();
    let line_bytes: usize = rows.iter().map(|r| r.1.len()).sum();
    let label_bytes: usize = rows.iter().map(|r| label_docs[r.2].len()).sum();
    let mut ids = StringBuilder::with_capacity(n, n * 30);
    let mut ts_ns = StringBuilder::with_capacity(n, n * 19);
    let mut times = Vec::with_capacity(n);
    let mut lines = StringBuilder::with_capacity(n, line_bytes);
    let mut labels = BinaryBuilder::with_capacity(n, label_bytes);
    let hashes = row_ids::row_hashes(
        &rows
            .iter()
            .map(|r| (r.1.as_bytes(), label_docs[r.2].as_slice()))
            .collect::<Vec<_>>(),
    );
    let mut run: Vec<(u32, usize)> = Vec::new();
    let mut run_ts = None;
    let (mut digits, mut hex) = ([0u8; 20], [0u8; 8]);
    for ((ts, line, doc), hash) in rows.into_iter().zip(hashes) {
        if run_ts != Some(ts) {
            run.clear();
            run_ts = Some(ts);
        }
        let repeat = match run.iter_mut().find(|(h, _)| *h == hash) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                run.push((hash, 1));
                0
            }
        };
        let ts_text = row_ids::decimal(ts, &mut digits);
        ts_ns.append_value(ts_text);
        // Writing to a builder cannot fail; the empty value ends the row.
        let _ = ids.write_str(ts_text);
        let _ = ids.write_str("_");
        let _ = ids.write_str(row_ids::hex(hash, &mut hex));
        if repeat > 0 {
            let _ = write!(ids, "_{repeat}");
        }
        ids.append_value("");
        times.push(ts);
        lines.append_value(line);
        labels.append_value(&label_docs[doc]);
    }
    Frame {
        name: String::new(),
        ref_id: ref_id.to_string(),
        meta: json!({
            "typeVersion": [0, 0],
            "custom": {"frameType": "LabeledTimeValues"},
            "preferredVisualisationType": "logs",
        }),
        fields: vec![
            Field::new("labels", Values::JsonBinary(labels.finish())),
            Field::new("Time", Values::Time(times)),
            Field::new("Line", Values::Utf8(lines.finish())),
            Field::new("tsNs", Values::Utf8(ts_ns.finish())),
            Field::new("id", Values::Utf8(ids.finish())),
        ],
    }
}

/// A label set as compact JSON with sorted keys.
fn labels_json(labels: &BTreeMap<&str, &str>) -> Vec<u8> {
    serde_json::to_vec(labels).unwrap_or_else(|_| b"{}".to_vec())
}

/// `{{label}}` placeholders filled from the series' labels; without a
/// format, Prometheus' `{k="v", ...}`.
pub fn series_name(labels: &Labels, legend: Option<&str>) -> String {
    match legend.filter(|l| !l.trim().is_empty()) {
        Some(format) => {
            static PLACEHOLDER: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| {
                    regex::Regex::new(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
                        .expect("a fixed regex")
                });
            PLACEHOLDER
                .replace_all(format, |c: &regex::Captures<'_>| {
                    labels.get(&c[1]).unwrap_or("").to_string()
                })
                .into_owned()
        }
        None => labels.to_string(),
    }
}

/// One frame per series (`Time`, `Value` with the labels), as Grafana's
/// Loki datasource returns metric results: `timeseries-multi` over a
/// range, the data plane's `numeric-multi` for an instant (one value per
/// series); `step_ms` is the series' interval (0 for instant results).
pub fn metric_frames(
    ref_id: &str,
    result: &QueryResult,
    legend: Option<&str>,
    step_ms: i64,
) -> Vec<Frame> {
    let series: Vec<(&Labels, Vec<i64>, Vec<f64>)> = match result {
        QueryResult::Matrix(m) => m
            .iter()
            .map(|s| {
                (
                    &s.labels,
                    s.points.iter().map(|p| p.ts_ms * 1_000_000).collect(),
                    s.points.iter().map(|p| p.value).collect(),
                )
            })
            .collect(),
        QueryResult::Vector(v) => v
            .iter()
            .map(|s| {
                (
                    &s.labels,
                    vec![s.point.ts_ms * 1_000_000],
                    vec![s.point.value],
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let kind = match result {
        QueryResult::Matrix(_) => "timeseries-multi",
        _ => "numeric-multi",
    };
    if let QueryResult::Scalar(p) = result {
        let mut value = Field::new("Value", Values::Number(vec![p.value]));
        value.config = Some(json!({"displayNameFromDS": format_sample_value(p.value)}));
        return vec![Frame {
            name: String::new(),
            ref_id: ref_id.to_string(),
            meta: json!({"type": kind, "typeVersion": [0, 1]}),
            fields: vec![
                Field::new("Time", Values::Time(vec![p.ts_ms * 1_000_000])),
                value,
            ],
        }];
    }
    series
        .into_iter()
        .map(|(labels, times, values)| {
            let name = series_name(labels, legend);
            let mut time = Field::new("Time", Values::Time(times));
            if step_ms > 0 {
                time.config = Some(json!({"interval": step_ms}));
            }
            let mut value = Field::new("Value", Values::Number(values));
            value.labels = Some(
                labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            );
            value.config = Some(json!({"displayNameFromDS": name}));
            Frame {
                name,
                ref_id: ref_id.to_string(),
                meta: json!({"type": kind, "typeVersion": [0, 1]}),
                fields: vec![time, value],
            }
        })
        .collect()
}

/// An empty frame: somewhere to put the meta when a result has no rows.
pub fn empty_frame(ref_id: &str) -> Frame {
    Frame {
        name: String::new(),
        ref_id: ref_id.to_string(),
        meta: json!({}),
        fields: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use arrow_ipc::reader::FileReader;

    #[test]
    fn a_frame_reads_back_with_grafana_metadata() {
        let mut value = Field::new("Value", Values::Number(vec![1.0, 2.5]));
        value.labels = Some([("ip".to_string(), "10.0.0.1".to_string())].into());
        value.config = Some(json!({"displayNameFromDS": "10.0.0.1"}));
        let frame = Frame {
            name: "f".into(),
            ref_id: "A".into(),
            meta: json!({"type": "timeseries-multi"}),
            fields: vec![Field::new("Time", Values::Time(vec![1, 2])), value],
        };
        let bytes = frame.to_arrow().unwrap();
        assert_eq!(&bytes[..6], b"ARROW1");
        let reader = FileReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
        let schema = reader.schema();
        assert_eq!(schema.metadata()["refId"], "A");
        assert_eq!(schema.metadata()["meta"], r#"{"type":"timeseries-multi"}"#);
        let v = schema.field(1);
        assert_eq!(v.metadata()["labels"], r#"{"ip":"10.0.0.1"}"#);
        assert_eq!(v.metadata()["tstype"], "number");
        assert_eq!(
            schema.field(0).data_type(),
            &DataType::Timestamp(TimeUnit::Nanosecond, None)
        );
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].column(1).len(), 2);
        // No rows: schema and footer only.
        let empty = empty_frame("B").to_arrow().unwrap();
        let reader = FileReader::try_new(std::io::Cursor::new(empty), None).unwrap();
        assert_eq!(reader.count(), 0);
    }

    #[test]
    fn legends_and_row_ids() {
        let labels = Labels::from_pairs([("ip".to_string(), "1.2.3.4".to_string())]);
        assert_eq!(series_name(&labels, Some("from {{ ip }}")), "from 1.2.3.4");
        assert_eq!(series_name(&labels, None), r#"{ip="1.2.3.4"}"#);
    }
}
