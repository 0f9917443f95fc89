//! Command-line options for reaching Loki. Secrets come from the
//! environment, never from arguments (which other users can see).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use askloki::logql::Scope;
use askloki::loki::{Auth, LokiClient, LokiConfig};
use clap::Args;

/// Where Loki is when neither `--loki`/`--addr` nor `$LOKI_ADDR` says, as
/// logcli assumes.
pub const DEFAULT_LOKI: &str = "http://localhost:3100";

/// logcli's names work too: `--addr`/`$LOKI_ADDR`, `--org-id`/`$LOKI_ORG_ID`,
/// `--username`/`$LOKI_USERNAME` with `$LOKI_PASSWORD`, `$LOKI_BEARER_TOKEN`
/// or `--bearer-token-file`.
#[derive(Args, Clone)]
pub struct LokiArgs {
    /// Loki's base URL, with any path prefix (default: $LOKI_ADDR, else
    /// http://localhost:3100, as logcli).
    #[arg(long, visible_alias = "addr", value_name = "URL")]
    pub loki: Option<String>,
    /// Tenant, sent as X-Scope-OrgID.
    #[arg(long, visible_alias = "org-id", env = "LOKI_ORG_ID")]
    pub tenant: Option<String>,
    /// Basic-auth user; the password is read from $LOKI_PASSWORD.
    #[arg(long, visible_alias = "username", env = "LOKI_USERNAME")]
    pub user: Option<String>,
    /// Send a bearer token, read from $LOKI_BEARER_TOKEN (or $LOKI_TOKEN);
    /// setting $LOKI_BEARER_TOKEN is enough, as with logcli.
    #[arg(long)]
    pub bearer: bool,
    /// Read the bearer token from this file.
    #[arg(long, value_name = "FILE", conflicts_with = "user")]
    pub bearer_token_file: Option<PathBuf>,
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
    /// Loki's URL: the flag, else `$LOKI_ADDR`, else logcli's default.
    pub fn url(&self) -> String {
        self.loki
            .clone()
            .or_else(|| {
                std::env::var("LOKI_ADDR")
                    .ok()
                    .filter(|a| !a.trim().is_empty())
            })
            .unwrap_or_else(|| DEFAULT_LOKI.to_string())
    }

    /// The bearer token, when one is asked for or given.
    fn bearer_token(&self) -> anyhow::Result<Option<String>> {
        if let Some(file) = &self.bearer_token_file {
            let token = std::fs::read_to_string(file)
                .with_context(|| format!("reading --bearer-token-file {}", file.display()))?;
            return Ok(Some(token.trim().to_string()));
        }
        let from_env = |name: &str| std::env::var(name).ok().filter(|t| !t.is_empty());
        match (from_env("LOKI_BEARER_TOKEN"), self.bearer) {
            (Some(token), _) => Ok(Some(token)),
            (None, true) => from_env("LOKI_TOKEN").map(Some).context(
                "--bearer needs the token in $LOKI_BEARER_TOKEN (or $LOKI_TOKEN), or use --bearer-token-file",
            ),
            (None, false) => Ok(None),
        }
    }

    pub fn client(&self) -> anyhow::Result<LokiClient> {
        let mut config = LokiConfig::new(self.url());
        config.tenant = self.tenant.clone();
        let token = if self.user.is_some() && self.bearer {
            anyhow::bail!("give either --user or --bearer, not both")
        } else if self.user.is_some() {
            None
        } else {
            self.bearer_token()?
        };
        config.auth = match (&self.user, token) {
            (Some(user), _) => Auth::Basic {
                user: user.clone(),
                password: std::env::var("LOKI_PASSWORD")
                    .context("--user needs the password in $LOKI_PASSWORD")?,
            },
            (None, Some(token)) => Auth::Bearer(token),
            (None, None) => Auth::None,
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
