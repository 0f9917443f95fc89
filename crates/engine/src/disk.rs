//! The store on disk: one Arrow IPC file, one record batch per stream,
//! the stream label sets in the schema's metadata.
//!
//! Loading maps the file into memory and hands its buffers to Arrow without
//! copying. Lines are stored as bytes (`LargeBinary`, format 2), so Arrow's
//! checks on opening read only the offsets, never the lines themselves:
//! opening a gigabyte store costs milliseconds. Lines become text where
//! they are read ([`StreamData::line`]). Format 1 stores (`LargeUtf8`
//! lines, checked in full on opening) still load.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::sync::Arc;

use arrow_array::{
    new_null_array, Array, ArrayRef, Int64Array, LargeBinaryArray, LargeStringArray, RecordBatch,
    StringArray,
};
use arrow_buffer::Buffer;
use arrow_ipc::convert::fb_to_schema;
use arrow_ipc::reader::{read_footer_length, FileDecoder};
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field, Schema};

use super::store::{Store, StreamData};
use crate::source::Labels;

const FORMAT_KEY: &str = "askloki.store.format";
const FORMAT_VERSION: &str = "2";
/// Format 1 held lines as `LargeUtf8`; it reads the same otherwise.
const FORMAT_VERSIONS_READ: [&str; 2] = ["1", "2"];
const STREAMS_KEY: &str = "askloki.store.streams";
const ARROW_MAGIC: &[u8] = b"ARROW1";

#[derive(Debug, thiserror::Error)]
pub enum DiskError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not an AskLoki store: {why}; ingest the logs again (askloki ingest FILE --out DIR) or point --data at the log file itself")]
    Foreign { path: PathBuf, why: String },
    #[error("{path} is a corrupt AskLoki store: {why}; delete it and ingest the logs again")]
    Corrupt { path: PathBuf, why: String },
}

fn schema(streams: &[Labels]) -> Schema {
    let labels: Vec<serde_json::Value> = streams.iter().map(Labels::to_json).collect();
    Schema::new(vec![
        Field::new("ts", DataType::Int64, false),
        Field::new("line", DataType::LargeBinary, false),
        Field::new("metadata", DataType::Utf8, true),
    ])
    .with_metadata(
        [
            (FORMAT_KEY.to_string(), FORMAT_VERSION.to_string()),
            (
                STREAMS_KEY.to_string(),
                serde_json::Value::Array(labels).to_string(),
            ),
        ]
        .into(),
    )
}

/// Write the store to `path` (atomically: a temporary file is renamed).
pub fn save(store: &Store, path: &Path) -> Result<(), DiskError> {
    let io = |source| DiskError::Io {
        path: path.to_path_buf(),
        source,
    };
    let labels: Vec<Labels> = store.streams().iter().map(|s| s.labels.clone()).collect();
    let schema = Arc::new(schema(&labels));
    let tmp = path.with_extension("tmp");
    let file = File::create(&tmp).map_err(io)?;
    let arrow_err = |e: arrow_schema::ArrowError| io(std::io::Error::other(e.to_string()));
    let mut writer =
        FileWriter::try_new(std::io::BufWriter::new(file), &schema).map_err(arrow_err)?;
    for s in store.streams() {
        let metadata: ArrayRef = match &s.metadata {
            Some(m) => Arc::new(m.clone()),
            None => new_null_array(&DataType::Utf8, s.len()),
        };
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(s.ts.clone()), Arc::new(s.lines.clone()), metadata],
        )
        .map_err(arrow_err)?;
        writer.write(&batch).map_err(arrow_err)?;
    }
    writer.finish().map_err(arrow_err)?;
    drop(writer);
    std::fs::rename(&tmp, path).map_err(io)
}

/// Whether `path` starts like an Arrow IPC file (then it must be a store).
pub fn looks_like_store(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 6];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == ARROW_MAGIC)
}

/// Map a store file into memory.
pub fn load(path: &Path) -> Result<Store, DiskError> {
    let io = |source| DiskError::Io {
        path: path.to_path_buf(),
        source,
    };
    let foreign = |why: &str| DiskError::Foreign {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let corrupt = |why: String| DiskError::Corrupt {
        path: path.to_path_buf(),
        why,
    };
    let file = File::open(path).map_err(io)?;
    // SAFETY: the map is read-only; a store file is only ever replaced by
    // rename, never modified in place, so the mapped bytes do not change.
    let mmap = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
    let len = mmap.len();
    if len < 2 * ARROW_MAGIC.len() + 10 || !mmap.starts_with(ARROW_MAGIC) {
        return Err(foreign("it is not an Arrow IPC file"));
    }
    if !mmap.ends_with(ARROW_MAGIC) {
        return Err(corrupt("the file is truncated (no Arrow footer)".into()));
    }
    let buffer = {
        let ptr =
            NonNull::new(mmap.as_ptr() as *mut u8).ok_or_else(|| corrupt("empty map".into()))?;
        // SAFETY: `ptr` points at `len` readable bytes owned by `mmap`,
        // which the buffer keeps alive.
        unsafe { Buffer::from_custom_allocation(ptr, len, Arc::new(mmap)) }
    };
    let trailer_start = len - 10;
    let mut trailer = [0u8; 10];
    trailer.copy_from_slice(&buffer[trailer_start..]);
    let footer_len = read_footer_length(trailer).map_err(|e| corrupt(e.to_string()))?;
    if footer_len > trailer_start {
        return Err(corrupt("the footer length is out of range".into()));
    }
    let footer = arrow_ipc::root_as_footer(&buffer[trailer_start - footer_len..trailer_start])
        .map_err(|e| corrupt(e.to_string()))?;
    let fb_schema = footer.schema().ok_or_else(|| corrupt("no schema".into()))?;
    let schema = fb_to_schema(fb_schema);
    if !schema
        .metadata()
        .get(FORMAT_KEY)
        .is_some_and(|v| FORMAT_VERSIONS_READ.contains(&v.as_str()))
    {
        return Err(foreign(&format!(
            "no {FORMAT_KEY}={FORMAT_VERSION} marker (another program's Arrow file, or a store from an incompatible version)"
        )));
    }
    let labels: Vec<serde_json::Map<String, serde_json::Value>> = schema
        .metadata()
        .get(STREAMS_KEY)
        .and_then(|s| serde_json::from_str(s).ok())
        .ok_or_else(|| corrupt("the stream label sets are missing".into()))?;
    let decoder = FileDecoder::new(Arc::new(schema), footer.version());
    let blocks: Vec<_> = footer
        .recordBatches()
        .map(|b| b.iter().copied().collect())
        .unwrap_or_default();
    if blocks.len() != labels.len() {
        return Err(corrupt(format!(
            "{} record batches for {} streams",
            blocks.len(),
            labels.len()
        )));
    }
    let mut streams = Vec::with_capacity(blocks.len());
    for (block, labels) in blocks.iter().zip(labels) {
        let offset = usize::try_from(block.offset()).map_err(|e| corrupt(e.to_string()))?;
        let size = usize::try_from(block.bodyLength())
            .ok()
            .and_then(|b| b.checked_add(usize::try_from(block.metaDataLength()).ok()?))
            .ok_or_else(|| corrupt("bad block size".into()))?;
        if offset
            .checked_add(size)
            .is_none_or(|end| end > trailer_start)
        {
            return Err(corrupt("a record batch lies outside the file".into()));
        }
        let batch = decoder
            .read_record_batch(block, &buffer.slice_with_length(offset, size))
            .map_err(|e| corrupt(e.to_string()))?
            .ok_or_else(|| corrupt("an empty record batch".into()))?;
        streams.push(stream_from_batch(&batch, labels).map_err(corrupt)?);
    }
    Ok(Store::from_streams(streams))
}

fn stream_from_batch(
    batch: &RecordBatch,
    labels: serde_json::Map<String, serde_json::Value>,
) -> Result<StreamData, String> {
    let column = |i: usize| batch.columns().get(i).cloned();
    let ts = column(0)
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>().cloned())
        .ok_or("the ts column is not Int64")?;
    let lines = column(1)
        .and_then(|c| {
            let any = c.as_any();
            any.downcast_ref::<LargeBinaryArray>().cloned().or_else(|| {
                any.downcast_ref::<LargeStringArray>()
                    .map(|a| LargeBinaryArray::from(a.clone()))
            })
        })
        .ok_or("the line column is neither LargeBinary nor LargeUtf8")?;
    let metadata = column(2)
        .and_then(|c| c.as_any().downcast_ref::<StringArray>().cloned())
        .ok_or("the metadata column is not Utf8")?;
    if !ts.values().is_sorted() {
        return Err("a stream's timestamps are out of order".into());
    }
    let labels = Labels::from_pairs(
        labels
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string())),
    );
    let metadata = (metadata.null_count() < metadata.len()).then_some(metadata);
    Ok(StreamData {
        labels,
        ts,
        lines,
        metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StoreBuilder;

    #[test]
    fn round_trips_and_refuses_foreign_or_corrupt_files() {
        let dir = std::env::temp_dir().join(format!("askloki-disk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.arrow");
        let mut b = StoreBuilder::new();
        let labels = Labels::from_pairs([("app", "x")]);
        b.push(&labels, 1, "one", None);
        b.push(&labels, 2, "two", Some(r#"{"k":"v"}"#));
        let (store, _) = b.finish();
        save(&store, &path).unwrap();
        let back = load(&path).unwrap();
        let s = &back.streams()[0];
        assert_eq!(s.labels, labels);
        assert_eq!(s.timestamps(), &[1, 2]);
        assert_eq!(s.line(1), "two");
        assert_eq!(s.metadata(1), vec![("k".into(), "v".into())]);

        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(matches!(load(&path), Err(DiskError::Corrupt { .. })));
        std::fs::write(&path, b"hello world, not arrow at all").unwrap();
        assert!(matches!(load(&path), Err(DiskError::Foreign { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A store file written by hand: `format`, and lines as `line_type`.
    fn write_raw(path: &Path, format: &str, lines: ArrayRef) {
        let labels = serde_json::json!([{"app": "x"}]).to_string();
        let schema = Arc::new(
            Schema::new(vec![
                Field::new("ts", DataType::Int64, false),
                Field::new("line", lines.data_type().clone(), false),
                Field::new("metadata", DataType::Utf8, true),
            ])
            .with_metadata(
                [
                    (FORMAT_KEY.to_string(), format.to_string()),
                    (STREAMS_KEY.to_string(), labels),
                ]
                .into(),
            ),
        );
        let n = lines.len();
        let ts: ArrayRef = Arc::new(Int64Array::from_iter_values(0..n as i64));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![ts, lines, new_null_array(&DataType::Utf8, n)],
        )
        .unwrap();
        let mut w = FileWriter::try_new(File::create(path).unwrap(), &schema).unwrap();
        w.write(&batch).unwrap();
        w.finish().unwrap();
    }

    #[test]
    fn format_1_stores_still_load_and_damaged_lines_read_as_their_valid_start() {
        let dir = std::env::temp_dir().join(format!("askloki-disk-v1-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.arrow");
        write_raw(
            &path,
            "1",
            Arc::new(LargeStringArray::from(vec!["é one", "two"])),
        );
        let back = load(&path).unwrap();
        assert_eq!(back.streams()[0].line(0), "é one");
        assert_eq!(back.streams()[0].line_len(0), 6);

        let damaged: Vec<&[u8]> = vec![b"ok", b"caf\xc3", b"\xff\xfe rest"];
        write_raw(&path, "2", Arc::new(LargeBinaryArray::from(damaged)));
        let back = load(&path).unwrap();
        let s = &back.streams()[0];
        assert_eq!((s.line(0), s.line(1), s.line(2)), ("ok", "caf", ""));

        write_raw(&path, "3", Arc::new(LargeStringArray::from(vec!["x"])));
        assert!(matches!(load(&path), Err(DiskError::Foreign { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
