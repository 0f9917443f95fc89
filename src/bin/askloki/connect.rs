//! Command-line options for reaching Loki. Secrets come from the
//! environment, never from arguments (which other users can see).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use askloki::logql::Scope;
use askloki::loki::{Auth, LokiClient, LokiConfig};
use clap::Args;

#[derive(Args, Clone)]
pub struct LokiArgs {
    /// Loki's base URL, with any path prefix (http://localhost:3100).
    #[arg(long, value_name = "URL")]
    pub loki: Option<String>,
    /// Tenant, sent as X-Scope-OrgID.
    #[arg(long, env = "LOKI_TENANT")]
    pub tenant: Option<String>,
    /// Basic-auth user; the password is read from $LOKI_PASSWORD.
    #[arg(long, env = "LOKI_USER")]
    pub user: Option<String>,
    /// Send $LOKI_TOKEN as a bearer token.
    #[arg(long)]
    pub bearer: bool,
    /// An extra header, 'Name: value' (repeatable).
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// A PEM file of CA certificates to trust as well.
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Do not verify Loki's TLS certificate (testing only).
    #[arg(long)]
    pub insecure_skip_verify: bool,
    /// Seconds to wait for an answer.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Refuse queries outside this selector, e.g. '{namespace="prod"}'.
    #[arg(long)]
    pub scope: Option<String>,
}

impl LokiArgs {
    pub fn client(&self) -> anyhow::Result<LokiClient> {
        let url = self.loki.clone().context("--loki URL is required")?;
        let mut config = LokiConfig::new(url);
        config.tenant = self.tenant.clone();
        config.auth = match (&self.user, self.bearer) {
            (Some(_), true) => anyhow::bail!("give either --user or --bearer, not both"),
            (Some(user), false) => Auth::Basic {
                user: user.clone(),
                password: std::env::var("LOKI_PASSWORD")
                    .context("--user needs the password in $LOKI_PASSWORD")?,
            },
            (None, true) => Auth::Bearer(
                std::env::var("LOKI_TOKEN").context("--bearer needs the token in $LOKI_TOKEN")?,
            ),
            (None, false) => Auth::None,
        };
        for h in &self.headers {
            let (name, value) = h
                .split_once(':')
                .context("--header: missing ':'; write 'Name: value'")?;
            config
                .headers
                .push((name.trim().to_string(), value.trim().to_string()));
        }
        if let Some(ca) = &self.ca {
            config.ca_pem =
                Some(std::fs::read(ca).with_context(|| format!("reading --ca {}", ca.display()))?);
        }
        config.insecure_skip_verify = self.insecure_skip_verify;
        config.timeout = Duration::from_secs(self.timeout.max(1));
        if let Some(scope) = &self.scope {
            config.scope = Scope::parse(scope).context("--scope")?;
        }
        Ok(LokiClient::new(config)?)
    }
}

/// Command-line options for an OpenAI-compatible LLM endpoint. The key is
/// read from $ASKLOKI_LLM_KEY only.
#[derive(Args, Clone)]
pub struct LlmArgs {
    /// The API base URL (https://api.openai.com/v1, http://localhost:11434/v1
    /// for Ollama, …). Without it, the LLM-free planner answers.
    #[arg(long, value_name = "URL", env = "ASKLOKI_LLM_URL")]
    pub llm_url: Option<String>,
    /// The model (or, on Azure, set --llm-azure-api-version and put the
    /// deployment in the URL).
    #[arg(long, env = "ASKLOKI_LLM_MODEL", default_value = "gpt-4o-mini")]
    pub llm_model: String,
    /// A model for embeddings (hybrid retrieval), e.g. text-embedding-3-small.
    #[arg(long, env = "ASKLOKI_LLM_EMBEDDING_MODEL")]
    pub llm_embedding_model: Option<String>,
    /// Azure OpenAI's api-version; sends the key as `api-key`.
    #[arg(long, value_name = "VERSION")]
    pub llm_azure_api_version: Option<String>,
    /// Seconds to wait for the LLM.
    #[arg(long, default_value_t = 60)]
    pub llm_timeout: u64,
    /// Send log lines and values to the LLM unmasked (by default secrets and
    /// e-mail addresses are replaced by placeholders before a prompt leaves).
    #[arg(long)]
    pub no_redact: bool,
    /// Also mask IP addresses in what the LLM sees.
    #[arg(long, conflicts_with = "no_redact")]
    pub redact_ips: bool,
    /// Also mask user names (`user=…`, `login …`) in what the LLM sees.
    #[arg(long, conflicts_with = "no_redact")]
    pub redact_users: bool,
}

impl LlmArgs {
    pub fn client(&self) -> anyhow::Result<Option<askloki::llm::LlmClient>> {
        let Some(url) = &self.llm_url else {
            return Ok(None);
        };
        let mut config = askloki::llm::LlmConfig::new(url.clone(), self.llm_model.clone());
        config.api_key = std::env::var("ASKLOKI_LLM_KEY")
            .ok()
            .filter(|k| !k.is_empty());
        config.azure_api_version = self.llm_azure_api_version.clone();
        config.embedding_model = self.llm_embedding_model.clone();
        config.timeout = Duration::from_secs(self.llm_timeout.max(1));
        config.redaction = if self.no_redact {
            askloki::redact::RedactionConfig::off()
        } else {
            askloki::redact::RedactionConfig {
                ips: self.redact_ips,
                users: self.redact_users,
                ..Default::default()
            }
        };
        Ok(Some(askloki::llm::LlmClient::new(config)?))
    }
}
