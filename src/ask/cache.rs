//! Generated queries, remembered by (question, scope, knowledge version), so
//! a question asked again — by a dashboard refresh or an alert rule — runs
//! without generation. Queries are kept with Grafana's `$__range` and
//! `$__interval` unexpanded, so they fit any time window. A pinned entry is
//! never evicted or replaced by generation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cached {
    pub logql: String,
    pub pinned: bool,
    pub hits: u64,
    /// A use counter, for evicting the least recently used.
    pub last_used: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("query cache {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("query cache {path} is not a cache file ({message}); delete it to start afresh")]
    Corrupt { path: PathBuf, message: String },
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    entries: Vec<(String, Cached)>,
}

pub struct QueryCache {
    capacity: usize,
    path: Option<PathBuf>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Cached>,
    clock: u64,
}

/// The key: the question with case, spacing and end punctuation folded.
pub fn key(question: &str, scope: &str, knowledge_version: &str) -> String {
    let words: Vec<String> = question
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let q = words.join(" ");
    let q = q.trim_end_matches(['?', '.', '!']);
    format!("{q}\u{1f}{scope}\u{1f}{knowledge_version}")
}

impl QueryCache {
    pub fn in_memory(capacity: usize) -> QueryCache {
        QueryCache {
            capacity: capacity.max(1),
            path: None,
            state: Mutex::default(),
        }
    }

    /// A cache kept in `path` (created on the first save).
    pub fn open(path: &Path, capacity: usize) -> Result<QueryCache, CacheError> {
        let mut state = State::default();
        match std::fs::read(path) {
            Ok(bytes) => {
                let file: File =
                    serde_json::from_slice(&bytes).map_err(|e| CacheError::Corrupt {
                        path: path.into(),
                        message: e.to_string(),
                    })?;
                for (k, v) in file.entries {
                    state.clock = state.clock.max(v.last_used);
                    state.entries.insert(k, v);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(CacheError::Io {
                    path: path.into(),
                    source,
                })
            }
        }
        Ok(QueryCache {
            capacity: capacity.max(1),
            path: Some(path.into()),
            state: Mutex::new(state),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn get(&self, key: &str) -> Option<Cached> {
        let mut s = self.lock();
        s.clock += 1;
        let now = s.clock;
        let e = s.entries.get_mut(key)?;
        e.hits += 1;
        e.last_used = now;
        Some(e.clone())
    }

    /// Remember a generated query; a pinned entry is left alone.
    pub fn put(&self, key: &str, logql: &str) {
        self.insert(key, logql, false);
    }

    /// Pin a query: every later ask of the question runs it.
    pub fn pin(&self, key: &str, logql: &str) {
        self.insert(key, logql, true);
    }

    /// Forget a generated query that stopped working (pins stay).
    pub fn forget(&self, key: &str) {
        let mut s = self.lock();
        if s.entries.get(key).is_some_and(|e| !e.pinned) {
            s.entries.remove(key);
        }
    }

    fn insert(&self, key: &str, logql: &str, pinned: bool) {
        let mut s = self.lock();
        if !pinned && s.entries.get(key).is_some_and(|e| e.pinned) {
            return;
        }
        s.clock += 1;
        let now = s.clock;
        s.entries.insert(
            key.to_string(),
            Cached {
                logql: logql.to_string(),
                pinned,
                hits: 0,
                last_used: now,
            },
        );
        while s.entries.len() > self.capacity {
            let oldest = s
                .entries
                .iter()
                .filter(|(_, e)| !e.pinned)
                .min_by_key(|(_, e)| e.last_used)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => s.entries.remove(&k),
                None => break, // all pinned: pins are never evicted
            };
        }
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write the cache to its file (atomically), if it has one.
    pub fn save(&self) -> Result<(), CacheError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut entries: Vec<(String, Cached)> = self
            .lock()
            .entries
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let bytes = serde_json::to_vec_pretty(&File { entries }).expect("plain data serializes");
        let io = |source| CacheError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, bytes).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_spacing_and_punctuation() {
        assert_eq!(
            key("How many  ERRORS?", "{a=\"b\"}", "v1"),
            key("how many errors", "{a=\"b\"}", "v1")
        );
        assert_ne!(
            key("errors", "{a=\"b\"}", "v1"),
            key("errors", "{a=\"c\"}", "v1")
        );
        assert_ne!(
            key("errors", "{a=\"b\"}", "v1"),
            key("errors", "{a=\"b\"}", "v2")
        );
    }

    #[test]
    fn least_recently_used_goes_first_and_pins_stay() {
        let c = QueryCache::in_memory(2);
        c.pin("p", "{a=\"pinned\"}");
        c.put("x", "{a=\"x\"}");
        c.put("p", "{a=\"generated\"}");
        assert_eq!(c.get("p").unwrap().logql, "{a=\"pinned\"}");
        c.put("y", "{a=\"y\"}");
        assert!(c.get("x").is_none(), "x was the least recently used");
        assert!(c.get("p").is_some() && c.get("y").is_some());
        c.forget("p");
        assert!(c.get("p").is_some(), "pins are not forgotten");
    }

    #[test]
    fn survives_a_save_and_reopen_and_refuses_garbage() {
        let dir = std::env::temp_dir().join(format!("askloki-cache-{}", std::process::id()));
        let path = dir.join("queries.json");
        let c = QueryCache::open(&path, 10).unwrap();
        c.pin("k", "{a=\"b\"}");
        c.save().unwrap();
        let again = QueryCache::open(&path, 10).unwrap();
        assert_eq!(again.get("k").unwrap().logql, "{a=\"b\"}");
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(
            QueryCache::open(&path, 10),
            Err(CacheError::Corrupt { .. })
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
