//! Opening `--data PATH`: a store file, a directory holding one, or a log
//! file that is ingested once and cached as a store, so later runs map the
//! cache instead of parsing the logs again.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::disk::{self, DiskError};
use super::ingest::{self, IngestError, IngestOptions, IngestReport};
use super::Store;

/// The file name of a store inside a data directory.
pub const STORE_FILE: &str = "store.arrow";

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(transparent)]
    Disk(#[from] DiskError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("{0} does not exist; give a log file, a store file or a data directory")]
    Missing(PathBuf),
}

/// What opening did: `report` is set when the logs were ingested now
/// rather than read from a store.
pub struct Opened {
    pub store: Store,
    pub report: Option<IngestReport>,
    pub cache: Option<PathBuf>,
}

/// Bumped when ingestion reads the same file differently (syslog years;
/// inferred time formats and multi-line entries; leading lines without a
/// time), so stores cached by an older build are not reused.
const INGEST_REVISION: u32 = 4;

/// Where cached stores live: `$ASKLOKI_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/askloki/stores`, else `~/.cache/askloki/stores`.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("ASKLOKI_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("askloki").join("stores"))
}

pub fn open(path: &Path, opts: &IngestOptions) -> Result<Opened, DataError> {
    if !path.exists() {
        return Err(DataError::Missing(path.to_path_buf()));
    }
    let store_path = if path.is_dir() {
        path.join(STORE_FILE)
    } else {
        path.to_path_buf()
    };
    if path.is_dir() || disk::looks_like_store(&store_path) {
        return Ok(Opened {
            store: disk::load(&store_path)?,
            report: None,
            cache: None,
        });
    }
    let cached = cache_dir().map(|d| d.join(cache_name(path, opts)));
    if let Some(c) = &cached {
        if c.exists() {
            match disk::load(c) {
                Ok(store) => {
                    return Ok(Opened {
                        store,
                        report: None,
                        cache: cached,
                    })
                }
                Err(e) => tracing::warn!("ignoring unusable cache {}: {e}", c.display()),
            }
        }
    }
    let (store, report) = ingest::ingest_files(&[path.to_path_buf()], opts)?;
    let saved = cached.filter(|c| {
        let result = c
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|()| disk::save(&store, c).map_err(|e| e.to_string()));
        if let Err(e) = &result {
            tracing::warn!("could not cache the store at {}: {e}", c.display());
        }
        result.is_ok()
    });
    Ok(Opened {
        store,
        report: Some(report),
        cache: saved,
    })
}

/// A name that changes whenever the file, its labels or the format do.
fn cache_name(path: &Path, opts: &IngestOptions) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    canonical.hash(&mut h);
    if let Ok(meta) = std::fs::metadata(path) {
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    opts.labels.as_ref().map(|l| l.to_string()).hash(&mut h);
    opts.default_year.hash(&mut h);
    opts.time_format
        .as_ref()
        .map(|p| p.to_string())
        .hash(&mut h);
    opts.multiline.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    INGEST_REVISION.hash(&mut h);
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{stem}-{:016x}.arrow", h.finish())
}
