//! The LLM client: chat completions (whole or streamed), embeddings and the
//! model list over the OpenAI wire protocol, for any compatible endpoint —
//! OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp server.
//!
//! Written on reqwest rather than a generated SDK so that answers are read
//! leniently (local servers differ from OpenAI in small ways) and the
//! project keeps one HTTP and TLS stack.

pub mod error;
pub mod tokens;
pub mod wire;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use url::Url;

pub use error::LlmError;
pub use wire::{Completion, Message, Role, Schema, Usage};

use crate::redact::{RedactionConfig, Redactor};
use crate::retry::{backoff, RetryPolicy};
use wire::{ChatBody, SseReader, StreamState, TokenLimitName};

/// Longest piece of untrusted text (a line, a value, an error) put in a prompt.
pub const MAX_DATA_CHARS: usize = 300;

/// Untrusted text for a prompt: one line, bounded, unable to close or open
/// a data block.
pub fn untrusted(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_DATA_CHARS)
        .collect();
    if text.chars().count() > MAX_DATA_CHARS {
        s.push('…');
    }
    // Case-insensitive: `</DATA>` would close the block as well in a reader's eyes.
    let lower = s.to_ascii_lowercase();
    if lower.contains("<data") || lower.contains("</data") {
        s = s.replace('<', "‹").replace('>', "›");
    }
    s
}

/// Keep the model's citations `[<tag>1]`…`[<tag>n]` of things it was given
/// and drop the rest; returns the text and the numbers cited, in order.
pub fn keep_citations(text: &str, tag: &str, n: usize) -> (String, Vec<usize>) {
    let re = regex::Regex::new(&format!(r"\[{}(\d+)\]", regex::escape(tag))).expect("a valid tag");
    let mut cited = Vec::new();
    let kept = re.replace_all(text, |c: &regex::Captures<'_>| {
        match c[1].parse::<usize>() {
            Ok(k) if k >= 1 && k <= n => {
                if !cited.contains(&k) {
                    cited.push(k);
                }
                c[0].to_string()
            }
            _ => String::new(),
        }
    });
    (kept.into_owned(), cited)
}

/// Where the LLM is and how to call it.
#[derive(Clone)]
pub struct LlmConfig {
    /// The API base, e.g. `https://api.openai.com/v1`,
    /// `http://localhost:11434/v1` (Ollama), or for Azure
    /// `https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT`.
    pub base_url: String,
    pub model: String,
    /// Sent as a bearer token, or as `api-key` for Azure.
    pub api_key: Option<String>,
    /// Azure's `api-version` query parameter; setting it selects Azure's
    /// `api-key` header.
    pub azure_api_version: Option<String>,
    /// The model for embeddings, when retrieval should use them.
    pub embedding_model: Option<String>,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
    /// Most tokens an answer may have.
    pub max_tokens: u32,
    /// `None` leaves the server's default (some reasoning models take no other).
    pub temperature: Option<f32>,
    /// Ask for JSON-schema structured output; turned off automatically for
    /// servers that refuse it.
    pub structured_output: bool,
    /// What is masked in every prompt before it leaves (see [`crate::redact`]).
    pub redaction: RedactionConfig,
}

impl LlmConfig {
    pub fn new(base_url: impl Into<String>, model: impl Into<String>) -> LlmConfig {
        LlmConfig {
            base_url: base_url.into(),
            model: model.into(),
            api_key: None,
            azure_api_version: None,
            embedding_model: None,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            max_tokens: 800,
            temperature: Some(0.0),
            structured_output: true,
            redaction: RedactionConfig::default(),
        }
    }
}

/// The key never reaches logs.
impl std::fmt::Debug for LlmConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmConfig")
            .field("base_url", &crate::redact::redacted_url(&self.base_url))
            .field("model", &self.model)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("azure_api_version", &self.azure_api_version)
            .field("embedding_model", &self.embedding_model)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Per-call choices.
#[derive(Debug, Clone, Default)]
pub struct ChatOptions<'a> {
    pub schema: Option<&'a Schema>,
}

/// A client for one endpoint. Cloning is cheap; [`LlmClient::session`]
/// makes a clone for one request, with its own placeholders and the caller
/// named in the audit log.
#[derive(Clone)]
pub struct LlmClient {
    http: reqwest::Client,
    base: Url,
    config: LlmConfig,
    /// Adjustments learnt from the server's refusals, kept for later calls.
    quirks: Arc<Mutex<Quirks>>,
    session: Arc<Session>,
}

/// Who a request's LLM calls are for, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    pub user: String,
    pub datasource: String,
}

/// One request's redaction state and audit tag.
#[derive(Debug)]
struct Session {
    redactor: Mutex<Redactor>,
    audit: Option<Audit>,
}

impl Session {
    fn new(redaction: RedactionConfig, audit: Option<Audit>) -> Arc<Session> {
        Arc::new(Session {
            redactor: Mutex::new(Redactor::new(redaction)),
            audit,
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct Quirks {
    limit_name: TokenLimitName,
    structured_output: bool,
}

impl LlmClient {
    pub fn new(config: LlmConfig) -> Result<LlmClient, LlmError> {
        let mut base = Url::parse(&config.base_url)
            .map_err(|e| LlmError::Config(format!("invalid LLM URL {:?}: {e}", config.base_url)))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(LlmError::Config(
                "the LLM URL must start with http:// or https://".into(),
            ));
        }
        if config.model.trim().is_empty() {
            return Err(LlmError::Config("no model name is set".into()));
        }
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(concat!("askloki/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Config(e.to_string()))?;
        let quirks = Quirks {
            limit_name: TokenLimitName::MaxTokens,
            structured_output: config.structured_output,
        };
        let session = Session::new(config.redaction, None);
        Ok(LlmClient {
            http,
            base,
            config,
            quirks: Arc::new(Mutex::new(quirks)),
            session,
        })
    }

    pub fn config(&self) -> &LlmConfig {
        &self.config
    }

    /// This client for one request: placeholders of its own (stable within
    /// the request) and, with `audit`, one audit line per call.
    pub fn session(&self, audit: Option<Audit>) -> LlmClient {
        LlmClient {
            session: Session::new(self.config.redaction, audit),
            ..self.clone()
        }
    }

    fn redactor(&self) -> std::sync::MutexGuard<'_, Redactor> {
        self.session
            .redactor
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// The messages as they may leave: every value masked.
    fn redacted(&self, messages: &[Message]) -> Vec<Message> {
        let mut r = self.redactor();
        messages
            .iter()
            .map(|m| Message {
                role: m.role,
                content: r.redact(&m.content),
            })
            .collect()
    }

    /// Text from the model with this request's values back in place.
    fn restored(&self, text: &str) -> String {
        self.redactor().restore(text)
    }

    fn audit(&self, call: &str, usage: &Usage, ok: bool) {
        if let Some(a) = &self.session.audit {
            tracing::info!(
                target: "askloki::audit",
                user = %a.user,
                datasource = %a.datasource,
                call,
                model = %self.config.model,
                prompt_tokens = usage.prompt_tokens,
                completion_tokens = usage.completion_tokens,
                ok,
                "LLM call"
            );
        }
    }

    fn quirks(&self) -> Quirks {
        *self.quirks.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        // `path` is one of ours; joining it onto a valid base cannot fail.
        let mut url = self.base.join(path).unwrap_or_else(|_| self.base.clone());
        if let Some(v) = &self.config.azure_api_version {
            url.query_pairs_mut().append_pair("api-version", v);
        }
        let mut req = self.http.request(method, url);
        if let Some(key) = &self.config.api_key {
            req = match self.config.azure_api_version {
                Some(_) => req.header("api-key", key),
                None => req.bearer_auth(key),
            };
        }
        req
    }

    /// One request with retries on transient failures; the response of a
    /// success, unread.
    async fn send(&self, path: &str, body: Option<&Value>) -> Result<reqwest::Response, LlmError> {
        let policy = self.config.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let req = match body {
                Some(b) => self.request(reqwest::Method::POST, path).json(b),
                None => self.request(reqwest::Method::GET, path),
            };
            let err = match req.send().await {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let retry_after = crate::retry::retry_after(resp.headers());
                    let text = resp.text().await.unwrap_or_default();
                    self.status_error(status, &text, retry_after)
                }
                Err(e) => self.transport(e),
            };
            if !err.is_transient() || attempt >= policy.attempts {
                return Err(err);
            }
            let delay = match &err {
                LlmError::RateLimited {
                    retry_after: Some(d),
                    ..
                } => (*d).min(policy.max_delay),
                _ => backoff(policy, attempt),
            };
            tracing::debug!(path, attempt, ?delay, "retrying LLM request: {err}");
            tokio::time::sleep(delay).await;
        }
    }

    fn status_error(&self, status: u16, body: &str, retry_after: Option<Duration>) -> LlmError {
        let message = error::error_message(body);
        match status {
            401 | 403 => LlmError::Unauthorized { status, message },
            404 => LlmError::NoModel {
                model: self.config.model.clone(),
                message,
            },
            429 => LlmError::RateLimited {
                message,
                retry_after,
            },
            _ => LlmError::Http { status, message },
        }
    }

    fn transport(&self, e: reqwest::Error) -> LlmError {
        if e.is_timeout() {
            return LlmError::Timeout(self.config.timeout);
        }
        let reason = crate::retry::error_chain(&e);
        LlmError::Connect {
            url: crate::redact::redacted_url(self.base.as_str()),
            reason,
        }
    }

    /// Send a chat request; when the server refuses a parameter we chose
    /// (structured output, the token-limit name), adjust once and resend.
    async fn chat_response(
        &self,
        messages: &[Message],
        opts: &ChatOptions<'_>,
        stream: bool,
    ) -> Result<reqwest::Response, LlmError> {
        let mut adjusted = false;
        loop {
            let quirks = self.quirks();
            let body = ChatBody {
                model: &self.config.model,
                messages,
                temperature: self.config.temperature,
                max_tokens: self.config.max_tokens,
                limit_name: quirks.limit_name,
                schema: opts.schema.filter(|_| quirks.structured_output),
                stream,
            }
            .to_json();
            match self.send("chat/completions", Some(&body)).await {
                Err(LlmError::Http {
                    status: 400,
                    message,
                }) if !adjusted => {
                    let mut q = self.quirks.lock().unwrap_or_else(|p| p.into_inner());
                    let lower = message.to_ascii_lowercase();
                    if lower.contains("max_completion_tokens")
                        || (lower.contains("max_tokens") && lower.contains("not supported"))
                    {
                        q.limit_name = TokenLimitName::MaxCompletionTokens;
                    } else if q.structured_output
                        && opts.schema.is_some()
                        && (lower.contains("response_format") || lower.contains("json_schema"))
                    {
                        tracing::info!("the LLM endpoint refuses structured output; asking for JSON in the prompt only");
                        q.structured_output = false;
                    } else {
                        return Err(LlmError::Http {
                            status: 400,
                            message,
                        });
                    }
                    adjusted = true;
                }
                other => return other,
            }
        }
    }

    /// A whole chat completion.
    pub async fn chat(
        &self,
        messages: &[Message],
        opts: &ChatOptions<'_>,
    ) -> Result<Completion, LlmError> {
        let messages = self.redacted(messages);
        let completion = self.chat_completion(&messages, opts).await;
        self.finish_chat(completion)
    }

    /// A chat call's end: one audit line, and the user's values back in
    /// the model's text.
    fn finish_chat(
        &self,
        completion: Result<Completion, LlmError>,
    ) -> Result<Completion, LlmError> {
        let usage = completion.as_ref().map(|c| c.usage).unwrap_or_default();
        self.audit("chat", &usage, completion.is_ok());
        completion.map(|mut c| {
            c.content = self.restored(&c.content);
            c
        })
    }

    async fn chat_completion(
        &self,
        messages: &[Message],
        opts: &ChatOptions<'_>,
    ) -> Result<Completion, LlmError> {
        let resp = self.chat_response(messages, opts, false).await?;
        let bytes = resp.bytes().await.map_err(|e| self.transport(e))?;
        wire::parse_completion(&bytes)
    }

    /// A streamed chat completion: `on_text` sees each piece as it arrives;
    /// the whole completion is returned at the end.
    pub async fn chat_stream(
        &self,
        messages: &[Message],
        opts: &ChatOptions<'_>,
        mut on_text: impl FnMut(&str),
    ) -> Result<Completion, LlmError> {
        let messages = self.redacted(messages);
        // Pieces reach the caller with real values; a piece ending in what
        // may be the start of a placeholder waits for the next one.
        let mut held = String::new();
        let mut emit = |piece: &str, last: bool| {
            held.push_str(piece);
            let keep = if last {
                0
            } else {
                Redactor::pending_tail(&held)
            };
            let ready = held.len() - keep;
            if ready > 0 {
                let out = self.restored(&held[..ready]);
                on_text(&out);
                held.drain(..ready);
            }
        };
        let result = self
            .chat_stream_raw(&messages, opts, |t| emit(t, false))
            .await;
        emit("", true);
        self.finish_chat(result)
    }

    async fn chat_stream_raw(
        &self,
        messages: &[Message],
        opts: &ChatOptions<'_>,
        mut on_text: impl FnMut(&str),
    ) -> Result<Completion, LlmError> {
        let mut resp = self.chat_response(messages, opts, true).await?;
        let mut reader = SseReader::default();
        let mut state = StreamState::default();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.transport(e))? {
            for data in reader.feed(&chunk) {
                if let Some(text) = state.apply(&data)? {
                    on_text(&text);
                }
            }
            if state.done {
                break;
            }
        }
        for data in reader.finish() {
            if let Some(text) = state.apply(&data)? {
                on_text(&text);
            }
        }
        if state.completion.content.trim().is_empty() {
            return Err(LlmError::Empty(state.completion.finish_reason));
        }
        Ok(state.completion)
    }

    /// Embeddings of `inputs`, in order, with the configured embedding model.
    pub async fn embed(&self, inputs: &[String]) -> Result<Vec<Vec<f32>>, LlmError> {
        let model = self
            .config
            .embedding_model
            .as_deref()
            .ok_or_else(|| LlmError::Config("no embedding model is set".into()))?;
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        let inputs: Vec<String> = {
            let mut r = self.redactor();
            inputs.iter().map(|i| r.redact(i)).collect()
        };
        let body = json!({"model": model, "input": inputs, "encoding_format": "float"});
        let resp = self.send("embeddings", Some(&body)).await?;
        let bytes = resp.bytes().await.map_err(|e| self.transport(e))?;
        let out = wire::parse_embeddings(&bytes, inputs.len());
        self.audit("embeddings", &Usage::default(), out.is_ok());
        out
    }

    /// The models the endpoint serves.
    pub async fn models(&self) -> Result<Vec<String>, LlmError> {
        let resp = self.send("models", None).await?;
        let bytes = resp.bytes().await.map_err(|e| self.transport(e))?;
        wire::parse_models(&bytes)
    }

    /// Reachable, and the configured model is served. Azure deployments
    /// carry the model in the URL, so only reachability is checked there.
    pub async fn check(&self) -> Result<String, LlmError> {
        let models = self.models().await?;
        if self.config.azure_api_version.is_some() || models.iter().any(|m| m == &self.config.model)
        {
            return Ok(format!(
                "LLM endpoint reachable; model {} available",
                self.config.model
            ));
        }
        let mut known = models.clone();
        known.truncate(10);
        Err(LlmError::NoModel {
            model: self.config.model.clone(),
            message: format!("the endpoint serves {}", known.join(", ")),
        })
    }
}
