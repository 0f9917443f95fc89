//! The knowledge base on disk: one Arrow IPC file, a row per template,
//! versioned in the schema metadata.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder, UInt64Builder};
use arrow_array::{Array, Int64Array, RecordBatch, StringArray, UInt64Array};
use arrow_ipc::reader::FileReader;
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field, Schema};

use super::{Knowledge, StoredParts, TemplateInfo, FORMAT_VERSION};
use crate::source::Labels;

pub const KNOWLEDGE_FILE: &str = "knowledge.arrow";
const FORMAT_KEY: &str = "askloki.knowledge.format";

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a usable AskLoki knowledge base: {why}; build it again with askloki index"
    )]
    Invalid { path: PathBuf, why: String },
}

fn schema(k: &Knowledge) -> Schema {
    Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("count", DataType::UInt64, false),
        Field::new("first_seen", DataType::Int64, false),
        Field::new("last_seen", DataType::Int64, false),
        Field::new("parts", DataType::Utf8, false),
        Field::new("summary", DataType::Utf8, true),
    ])
    .with_metadata(
        [
            (FORMAT_KEY.to_string(), k.version.to_string()),
            ("scope".to_string(), k.scope.clone()),
            ("source".to_string(), k.source.clone()),
            ("lines".to_string(), k.lines.to_string()),
            ("covered_until".to_string(), k.covered_until.to_string()),
        ]
        .into_iter()
        .chain(k.header.as_ref().map(|h| {
            (
                "header".to_string(),
                serde_json::to_string(h).expect("plain data serializes"),
            )
        }))
        .chain(k.fields.as_ref().map(|f| {
            (
                "fields".to_string(),
                serde_json::to_string(f).expect("plain data serializes"),
            )
        }))
        .collect(),
    )
}

/// Write `DIR/knowledge.arrow` (atomically, through a rename).
pub fn save(k: &Knowledge, dir: &Path) -> Result<PathBuf, KnowledgeError> {
    let path = dir.join(KNOWLEDGE_FILE);
    let io = |source| KnowledgeError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let arrow = |e: arrow_schema::ArrowError| io(std::io::Error::other(e.to_string()));
    let schema = Arc::new(schema(k));
    let mut id = StringBuilder::new();
    let mut text = StringBuilder::new();
    let mut count = UInt64Builder::new();
    let mut first = Int64Builder::new();
    let mut last = Int64Builder::new();
    let mut parts = StringBuilder::new();
    let mut summary = StringBuilder::new();
    for t in &k.templates {
        id.append_value(&t.id);
        text.append_value(&t.text);
        count.append_value(t.count);
        first.append_value(t.first_seen);
        last.append_value(t.last_seen);
        let stored = StoredParts {
            label_sets: t
                .label_sets
                .iter()
                .map(|l| {
                    l.iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect()
                })
                .collect(),
            examples: t.examples.clone(),
            params: t.params.clone(),
            queries: t.queries.clone(),
            header_len: t.header_len,
            embedding: t.embedding.as_deref().map(super::enrich::encode_vector),
        };
        parts.append_value(serde_json::to_string(&stored).map_err(|e| io(e.into()))?);
        summary.append_option(t.summary.as_deref());
    }
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(id.finish()),
            Arc::new(text.finish()),
            Arc::new(count.finish()),
            Arc::new(first.finish()),
            Arc::new(last.finish()),
            Arc::new(parts.finish()),
            Arc::new(summary.finish()),
        ],
    )
    .map_err(arrow)?;
    let tmp = path.with_extension("tmp");
    let file = File::create(&tmp).map_err(io)?;
    let mut writer = FileWriter::try_new(std::io::BufWriter::new(file), &schema).map_err(arrow)?;
    writer.write(&batch).map_err(arrow)?;
    writer.finish().map_err(arrow)?;
    drop(writer);
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(path)
}

/// Read a knowledge base from `DIR` (or the file itself).
pub fn load(dir_or_file: &Path) -> Result<Knowledge, KnowledgeError> {
    let path = if dir_or_file.is_dir() {
        dir_or_file.join(KNOWLEDGE_FILE)
    } else {
        dir_or_file.to_path_buf()
    };
    let invalid = |why: String| KnowledgeError::Invalid {
        path: path.clone(),
        why,
    };
    let file = File::open(&path).map_err(|source| KnowledgeError::Io {
        path: path.clone(),
        source,
    })?;
    let reader = FileReader::try_new(std::io::BufReader::new(file), None)
        .map_err(|e| invalid(format!("not an Arrow IPC file ({e})")))?;
    let meta = reader.schema().metadata().clone();
    let version: u32 = meta
        .get(FORMAT_KEY)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| invalid("no format marker".into()))?;
    if version != FORMAT_VERSION {
        return Err(invalid(format!(
            "format {version}, this askloki reads {FORMAT_VERSION}"
        )));
    }
    let num = |k: &str| meta.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let mut k = Knowledge {
        version,
        scope: meta.get("scope").cloned().unwrap_or_default(),
        source: meta.get("source").cloned().unwrap_or_default(),
        lines: num("lines").max(0) as u64,
        covered_until: num("covered_until"),
        templates: Vec::new(),
        header: match meta.get("header") {
            Some(h) => Some(serde_json::from_str(h).map_err(|e| invalid(format!("header: {e}")))?),
            None => None,
        },
        fields: match meta.get("fields") {
            Some(f) => Some(serde_json::from_str(f).map_err(|e| invalid(format!("fields: {e}")))?),
            None => None,
        },
    };
    for batch in reader {
        let batch = batch.map_err(|e| invalid(e.to_string()))?;
        read_batch(&batch, &mut k.templates).map_err(invalid)?;
    }
    Ok(k)
}

fn read_batch(batch: &RecordBatch, out: &mut Vec<TemplateInfo>) -> Result<(), String> {
    fn col<'a, T: 'static>(b: &'a RecordBatch, name: &str) -> Result<&'a T, String> {
        b.column_by_name(name)
            .and_then(|c| c.as_any().downcast_ref::<T>())
            .ok_or_else(|| format!("column {name} is missing or of the wrong type"))
    }
    let id = col::<StringArray>(batch, "id")?;
    let text = col::<StringArray>(batch, "text")?;
    let count = col::<UInt64Array>(batch, "count")?;
    let first = col::<Int64Array>(batch, "first_seen")?;
    let last = col::<Int64Array>(batch, "last_seen")?;
    let parts = col::<StringArray>(batch, "parts")?;
    let summary = col::<StringArray>(batch, "summary")?;
    for i in 0..batch.num_rows() {
        let stored: StoredParts = serde_json::from_str(parts.value(i))
            .map_err(|e| format!("template {}: {e}", id.value(i)))?;
        out.push(TemplateInfo {
            id: id.value(i).to_string(),
            text: text.value(i).to_string(),
            count: count.value(i),
            first_seen: first.value(i),
            last_seen: last.value(i),
            label_sets: stored
                .label_sets
                .into_iter()
                .map(Labels::from_pairs)
                .collect(),
            examples: stored.examples,
            header_len: stored.header_len,
            embedding: match stored.embedding.as_deref() {
                Some(e) => Some(
                    super::enrich::decode_vector(e)
                        .ok_or_else(|| format!("template {}: a broken embedding", id.value(i)))?,
                ),
                None => None,
            },
            params: stored.params,
            queries: stored.queries,
            summary: (!summary.is_null(i)).then(|| summary.value(i).to_string()),
            samples: Vec::new(),
        });
    }
    Ok(())
}
