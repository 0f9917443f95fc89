//! Knowledge bases built on the fly (`ask --data FILE`) are kept beside the
//! cached stores, so a second question over the same file loads the
//! knowledge in milliseconds instead of mining the file again.
//!
//! The key is the store file (path, size, modification time), the scope,
//! the knowledge format and the build: any change builds afresh.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::{
    load, save, BuildOptions, Knowledge, KnowledgeBuilder, BUILD_REVISION, FORMAT_VERSION,
};
use crate::engine::Store;

/// The directory a store's knowledge is cached in, under `cache_root`.
pub fn cache_dir_for(cache_root: &Path, store_file: &Path, scope: &str) -> PathBuf {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let canonical = std::fs::canonicalize(store_file).unwrap_or_else(|_| store_file.to_path_buf());
    canonical.hash(&mut h);
    if let Ok(meta) = std::fs::metadata(store_file) {
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    scope.hash(&mut h);
    FORMAT_VERSION.hash(&mut h);
    BUILD_REVISION.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    let stem = store_file
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    cache_root.join(format!("{stem}-{:016x}", h.finish()))
}

/// The knowledge of `store` within `scope`: loaded from `cached` when a
/// usable one is there, else built and saved there (a failed save only
/// warns: the answer does not depend on it).
pub fn load_or_build(
    store: &Store,
    scope: &str,
    source_name: &str,
    cached: Option<&Path>,
) -> Knowledge {
    if let Some(dir) = cached {
        if dir.exists() {
            match load(dir) {
                Ok(k) => return k,
                Err(e) => {
                    tracing::warn!("rebuilding the cached knowledge at {}: {e}", dir.display())
                }
            }
        }
    }
    let mut b = KnowledgeBuilder::new(scope, source_name, BuildOptions::default());
    b.add_store(store);
    let k = b.finish();
    if let Some(dir) = cached {
        let saved = std::fs::create_dir_all(dir)
            .map_err(|e| e.to_string())
            .and_then(|()| save(&k, dir).map_err(|e| e.to_string()));
        if let Err(e) = saved {
            tracing::warn!("could not cache the knowledge at {}: {e}", dir.display());
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::StoreBuilder;
    use crate::source::Labels;

    fn store() -> Store {
        let labels = Labels::from_pairs([("app", "api")]);
        let mut b = StoreBuilder::new();
        for i in 0..50 {
            b.push(
                &labels,
                1_000 + i,
                &format!("request {i} took {}ms", i * 3),
                None,
            );
        }
        b.finish().0
    }

    #[test]
    fn a_second_ask_loads_what_the_first_built() {
        let root = std::env::temp_dir().join(format!("askloki-kcache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let store_file = root.join("store.arrow");
        std::fs::write(&store_file, b"stand-in for a store file").unwrap();
        let dir = cache_dir_for(&root.join("knowledge"), &store_file, "{app=\"api\"}");

        let built = load_or_build(&store(), "{app=\"api\"}", "t", Some(&dir));
        assert!(dir.join(super::super::KNOWLEDGE_FILE).exists());
        // An empty store would mine nothing: what comes back was loaded.
        let empty = StoreBuilder::new().finish().0;
        let loaded = load_or_build(&empty, "{app=\"api\"}", "t", Some(&dir));
        assert_eq!(loaded.templates, built.templates);
        assert!(!loaded.templates.is_empty());

        // Another scope, or a changed store file, is another key.
        let other_scope = cache_dir_for(&root.join("knowledge"), &store_file, "{app=\"web\"}");
        assert_ne!(other_scope, dir);
        std::fs::write(&store_file, b"the store file was rewritten, longer now").unwrap();
        assert_ne!(
            cache_dir_for(&root.join("knowledge"), &store_file, "{app=\"api\"}"),
            dir
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_broken_cache_is_rebuilt() {
        let root = std::env::temp_dir().join(format!("askloki-kcache-bad-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join(super::super::KNOWLEDGE_FILE), b"not arrow").unwrap();
        let k = load_or_build(&store(), "{app=\"api\"}", "t", Some(&root));
        assert!(!k.templates.is_empty());
        assert!(
            super::super::load(&root).is_ok(),
            "the rebuilt knowledge replaced the broken file"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
