//! A datasource's settings as Grafana sends them: `url` and basic auth at
//! the top, the rest in `jsonData`, secrets in `decryptedSecureJsonData`
//! (see docs/plugin-api.md). Secrets are never logged: `Debug` redacts.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use super::operator::OperatorSettings;
use super::proto::DataSourceInstanceSettings;
use crate::ask::vet::CostLimits;
use crate::llm::LlmConfig;
use crate::logql::Scope;
use crate::loki::{Auth, LokiConfig};
use crate::redact::RedactionConfig;

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsonData {
    tenant: Option<String>,
    bearer_auth: bool,
    tls_skip_verify: bool,
    scope: Option<String>,
    data_path: Option<String>,
    llm_url: Option<String>,
    llm_model: Option<String>,
    llm_embedding_model: Option<String>,
    llm_azure_api_version: Option<String>,
    max_lines: Option<u32>,
    max_range_hours: Option<u64>,
    timeout_seconds: Option<u64>,
    knowledge_refresh_minutes: Option<u64>,
    knowledge_sample_lines: Option<usize>,
    max_query_memory_mb: Option<usize>,
    redact_secrets: Option<bool>,
    redact_emails: Option<bool>,
    redact_ips: Option<bool>,
    redact_users: Option<bool>,
}

/// Where the logs are.
#[derive(Debug, Clone)]
pub enum SourceSettings {
    Loki(Box<LokiConfig>),
    /// A local file or store, for the embedded engine.
    Embedded(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub uid: String,
    pub name: String,
    /// Grafana's last change to the settings (epoch ms): a new instance when it moves.
    pub updated: i64,
    pub source: SourceSettings,
    /// The selector every query is held to (may be empty: all streams).
    pub scope: String,
    pub llm: Option<LlmConfig>,
    pub limits: CostLimits,
    /// How often the knowledge base is refreshed (None: never).
    pub refresh: Option<Duration>,
    pub sample_lines: usize,
    /// The memory budget of one query on local data (at most the operator's).
    pub max_query_bytes: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("the datasource's JSON settings are invalid: {0}")]
    Json(String),
    #[error(
        "the scope {0:?} is not a stream selector ({1}); write it like {{namespace=\"prod\"}}"
    )]
    Scope(String, String),
    #[error(
        "no Loki URL is set: give the datasource's URL (http://loki:3100), or a local data path"
    )]
    NoSource,
    #[error("{0}")]
    Invalid(String),
}

impl Settings {
    pub fn from_instance(
        s: &DataSourceInstanceSettings,
        operator: &OperatorSettings,
    ) -> Result<Settings, SettingsError> {
        let json: JsonData = if s.json_data.iter().all(u8::is_ascii_whitespace) {
            JsonData::default()
        } else {
            serde_json::from_slice(&s.json_data).map_err(|e| SettingsError::Json(e.to_string()))?
        };
        let secret = |k: &str| {
            s.decrypted_secure_json_data
                .get(k)
                .filter(|v| !v.is_empty())
                .cloned()
        };
        let scope_text = json.scope.clone().unwrap_or_default();
        let scope = if scope_text.trim().is_empty() {
            Scope::unrestricted()
        } else {
            Scope::parse(&scope_text)
                .map_err(|e| SettingsError::Scope(scope_text.clone(), e.to_string()))?
        };
        let timeout = Duration::from_secs(json.timeout_seconds.unwrap_or(60).clamp(1, 600));
        let source = match json.data_path.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(path) => SourceSettings::Embedded(operator.allow_data_path(path)?),
            None if s.url.trim().is_empty() => return Err(SettingsError::NoSource),
            None => {
                let mut c = LokiConfig::new(s.url.trim());
                c.tenant = json.tenant.clone().filter(|t| !t.is_empty());
                c.auth = if s.basic_auth_enabled {
                    Auth::Basic {
                        user: s.basic_auth_user.clone(),
                        password: secret("basicAuthPassword").unwrap_or_default(),
                    }
                } else if json.bearer_auth {
                    Auth::Bearer(secret("lokiToken").ok_or_else(|| {
                        SettingsError::Invalid(
                            "bearer auth is on but no Loki token is saved".into(),
                        )
                    })?)
                } else {
                    Auth::None
                };
                c.ca_pem = secret("tlsCACert").map(String::into_bytes);
                c.insecure_skip_verify = json.tls_skip_verify;
                c.timeout = timeout;
                c.scope = scope.clone();
                SourceSettings::Loki(Box::new(c))
            }
        };
        let llm = json
            .llm_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(|url| {
                let model = json
                    .llm_model
                    .clone()
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "gpt-4o-mini".into());
                let mut c = LlmConfig::new(url.trim(), model);
                c.api_key = secret("llmApiKey");
                c.embedding_model = json.llm_embedding_model.clone().filter(|m| !m.is_empty());
                c.azure_api_version = json.llm_azure_api_version.clone().filter(|m| !m.is_empty());
                let on = RedactionConfig::default();
                c.redaction = RedactionConfig {
                    secrets: json.redact_secrets.unwrap_or(on.secrets),
                    emails: json.redact_emails.unwrap_or(on.emails),
                    ips: json.redact_ips.unwrap_or(on.ips),
                    users: json.redact_users.unwrap_or(on.users),
                };
                c.timeout = timeout;
                c
            });
        let hours = json.max_range_hours.unwrap_or(720).clamp(1, 24 * 3650) as i64;
        Ok(Settings {
            uid: s.uid.clone(),
            name: s.name.clone(),
            updated: s.last_updated_ms,
            source,
            scope: scope_text,
            llm,
            limits: CostLimits {
                max_range: hours * 3_600_000_000_000,
                max_lines: json.max_lines.unwrap_or(1000).clamp(1, 5000),
            },
            refresh: match json.knowledge_refresh_minutes.unwrap_or(60) {
                0 => None,
                m => Some(Duration::from_secs(m * 60)),
            },
            sample_lines: json
                .knowledge_sample_lines
                .unwrap_or(5000)
                .clamp(100, 100_000),
            max_query_bytes: json
                .max_query_memory_mb
                .map_or(operator.max_query_bytes, |mb| {
                    (mb.max(1) << 20).min(operator.max_query_bytes)
                }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op() -> OperatorSettings {
        OperatorSettings::default()
    }

    fn instance(json: &str, secrets: &[(&str, &str)]) -> DataSourceInstanceSettings {
        DataSourceInstanceSettings {
            uid: "u".into(),
            url: "http://loki:3100".into(),
            json_data: json.as_bytes().to_vec(),
            decrypted_secure_json_data: secrets
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn reads_loki_llm_scope_and_limits_and_hides_secrets() {
        let s = Settings::from_instance(&instance(
            r#"{"scope":"{app=\"sshd\"}","tenant":"t1","bearerAuth":true,"llmUrl":"http://llm/v1","maxLines":200,"unknown":1}"#,
            &[("lokiToken", "tok-secret"), ("llmApiKey", "key-secret")],
        ), &op())
        .unwrap();
        let SourceSettings::Loki(loki) = &s.source else {
            panic!("expected Loki");
        };
        assert_eq!(loki.tenant.as_deref(), Some("t1"));
        assert!(matches!(&loki.auth, Auth::Bearer(t) if t == "tok-secret"));
        assert_eq!(
            s.llm.as_ref().unwrap().api_key.as_deref(),
            Some("key-secret")
        );
        assert_eq!(s.limits.max_lines, 200);
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("tok-secret") && !shown.contains("key-secret"),
            "{shown}"
        );
    }

    #[test]
    fn says_what_to_fix() {
        let err =
            Settings::from_instance(&instance(r#"{"scope":"app=sshd"}"#, &[]), &op()).unwrap_err();
        assert!(err.to_string().contains("namespace"), "{err}");
        let mut i = instance("", &[]);
        i.url.clear();
        assert!(matches!(
            Settings::from_instance(&i, &op()),
            Err(SettingsError::NoSource)
        ));
        assert!(Settings::from_instance(&instance("{not json", &[]), &op()).is_err());
    }
}
