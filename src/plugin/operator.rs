//! Settings only the Grafana operator can make, for the whole plugin
//! process. They are written in grafana.ini's plugin section,
//!
//! ```ini
//! [plugin.askloki-nlq-datasource]
//! allowed_data_roots = /var/lib/askloki/logs, /srv/logs
//! ```
//!
//! which Grafana hands to the backend as `GF_PLUGIN_<KEY>` environment
//! variables (since 12.4 a plugin inherits nothing else from the host).
//! Anything a datasource editor sets (jsonData) stays within these.

use std::path::{Path, PathBuf};

use super::settings::SettingsError;

/// The plugin's id: its grafana.ini section is `[plugin.<id>]`.
pub const PLUGIN_ID: &str = "askloki-nlq-datasource";

#[derive(Debug, Clone, PartialEq)]
pub struct OperatorSettings {
    /// Folders whose files a datasource's `dataPath` may serve (none: local
    /// data is off). `allowed_data_roots`, comma-separated.
    pub allowed_data_roots: Vec<PathBuf>,
    /// Where knowledge bases are kept. `data_dir`; default
    /// `$GF_PATHS_DATA/askloki`.
    pub data_dir: Option<PathBuf>,
    /// The most memory one query may hold on local data; datasources may
    /// set less. `max_query_memory_mb`.
    pub max_query_bytes: usize,
    /// LLM requests one user may start per minute on one datasource.
    /// `llm_requests_per_minute`.
    pub llm_requests_per_minute: u32,
}

impl Default for OperatorSettings {
    fn default() -> Self {
        OperatorSettings {
            allowed_data_roots: Vec::new(),
            data_dir: None,
            max_query_bytes: crate::engine::DEFAULT_QUERY_MEMORY,
            llm_requests_per_minute: 20,
        }
    }
}

impl OperatorSettings {
    /// From the process environment Grafana gave the plugin.
    pub fn from_env() -> OperatorSettings {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// From variables looked up by name (`GF_PLUGIN_ALLOWED_DATA_ROOTS`, …).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> OperatorSettings {
        let get = |key: &str| {
            var(&format!("GF_PLUGIN_{}", key.to_ascii_uppercase()))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut s = OperatorSettings::default();
        if let Some(roots) = get("allowed_data_roots") {
            s.allowed_data_roots = roots
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(PathBuf::from)
                .collect();
        }
        s.data_dir = get("data_dir")
            .map(PathBuf::from)
            .or_else(|| var("ASKLOKI_DATA_DIR").map(PathBuf::from))
            .or_else(|| var("GF_PATHS_DATA").map(|d| PathBuf::from(d).join("askloki")));
        match get("max_query_memory_mb").map(|v| v.parse::<usize>()) {
            Some(Ok(mb)) if mb > 0 => s.max_query_bytes = mb << 20,
            Some(_) => tracing::warn!(
                "max_query_memory_mb is not a positive number of MiB; using the default"
            ),
            None => {}
        }
        match get("llm_requests_per_minute").map(|v| v.parse::<u32>()) {
            Some(Ok(n)) => s.llm_requests_per_minute = n,
            Some(Err(_)) => {
                tracing::warn!("llm_requests_per_minute is not a whole number; using the default")
            }
            None => {}
        }
        s
    }

    /// The file or folder `data_path` names, if it lies inside an allowed
    /// root once links and `..` are resolved.
    pub fn allow_data_path(&self, data_path: &str) -> Result<PathBuf, SettingsError> {
        if self.allowed_data_roots.is_empty() {
            return Err(SettingsError::Invalid(format!(
                "local data is off on this Grafana: the operator allows folders with allowed_data_roots in grafana.ini's [plugin.{PLUGIN_ID}] section (or GF_PLUGIN_ALLOWED_DATA_ROOTS)"
            )));
        }
        let refused = || {
            let roots: Vec<String> = self
                .allowed_data_roots
                .iter()
                .map(|r| r.display().to_string())
                .collect();
            SettingsError::Invalid(format!(
                "the local data path {data_path:?} does not exist or is outside the folders the operator allowed ({}); put the data there, or ask the operator to add its folder to allowed_data_roots in grafana.ini's [plugin.{PLUGIN_ID}] section",
                roots.join(", ")
            ))
        };
        let path = Path::new(data_path.trim());
        if !path.is_absolute() {
            return Err(SettingsError::Invalid(format!(
                "the local data path {data_path:?} must be absolute"
            )));
        }
        let real = path.canonicalize().map_err(|_| refused())?;
        let inside = self
            .allowed_data_roots
            .iter()
            .filter_map(|root| root.canonicalize().ok())
            .any(|root| real.starts_with(&root));
        if inside {
            Ok(real)
        } else {
            Err(refused())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_roots(roots: &str) -> OperatorSettings {
        OperatorSettings::from_vars(|k| {
            (k == "GF_PLUGIN_ALLOWED_DATA_ROOTS").then(|| roots.to_string())
        })
    }

    #[test]
    fn reads_grafana_ini_keys_as_grafana_passes_them() {
        let vars = [
            ("GF_PLUGIN_ALLOWED_DATA_ROOTS", " /a , /b/c ,"),
            ("GF_PLUGIN_MAX_QUERY_MEMORY_MB", "64"),
            ("GF_PLUGIN_LLM_REQUESTS_PER_MINUTE", "5"),
            ("GF_PATHS_DATA", "/var/lib/grafana"),
        ];
        let s = OperatorSettings::from_vars(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        assert_eq!(
            s.allowed_data_roots,
            vec![PathBuf::from("/a"), PathBuf::from("/b/c")]
        );
        assert_eq!(s.max_query_bytes, 64 << 20);
        assert_eq!(s.llm_requests_per_minute, 5);
        assert_eq!(s.data_dir, Some(PathBuf::from("/var/lib/grafana/askloki")));
    }

    #[test]
    fn serves_only_inside_the_allowed_roots() {
        let dir = std::env::temp_dir().join(format!("askloki-roots-{}", std::process::id()));
        let allowed = dir.join("allowed");
        let outside = dir.join("outside");
        std::fs::create_dir_all(&allowed).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(allowed.join("app.log"), "hello\n").unwrap();
        std::fs::write(outside.join("secret.log"), "secret\n").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.log"), allowed.join("link.log")).unwrap();
        let op = with_roots(allowed.to_str().unwrap());

        let served = op.allow_data_path(allowed.join("app.log").to_str().unwrap());
        assert!(served.is_ok(), "{served:?}");
        for escape in [
            outside.join("secret.log"),
            allowed.join("link.log"),
            allowed.join("..").join("outside").join("secret.log"),
            allowed.join("missing.log"),
        ] {
            let err = op.allow_data_path(escape.to_str().unwrap()).unwrap_err();
            assert!(err.to_string().contains("allowed_data_roots"), "{err}");
        }
        assert!(op.allow_data_path("relative/app.log").is_err());
        let off = OperatorSettings::default()
            .allow_data_path(allowed.join("app.log").to_str().unwrap())
            .unwrap_err();
        assert!(off.to_string().contains("local data is off"), "{off}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
