//! The Loki client: the production log source, over Loki's HTTP API.
//!
//! Every query is parsed and checked against the datasource scope before a
//! request leaves; reads are retried with backoff and jitter on 429, 5xx and
//! connection errors (honouring `Retry-After`); a range longer than Loki's
//! `max_query_length` is split into pieces and merged; a log result that
//! filled its limit says so. Dropping a call's future cancels its request.

mod error;
pub mod push;
pub mod results;
mod split;
pub mod wire;

use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use url::Url;

use crate::redact::redacted_url;

pub use error::LokiError;
pub use split::choose_step;

use crate::logql::{self, Scope};
use crate::retry::backoff;
use crate::source::{
    Direction, IndexStats, InstantQuery, Labels, LogSource, PatternSeries, QueryResponse,
    RangeQuery, SourceError, TimeRange,
};

#[derive(Clone, Default, PartialEq, Eq)]
pub enum Auth {
    #[default]
    None,
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
}

/// Secrets never reach logs: `Debug` shows only which kind of auth is set.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Basic { user, .. } => {
                write!(f, "Basic {{ user: {user:?}, password: <redacted> }}")
            }
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
        }
    }
}

pub use crate::retry::RetryPolicy;

#[derive(Clone)]
pub struct LokiConfig {
    /// Base URL, possibly with a path prefix (`https://host/loki-proxy`).
    pub url: String,
    pub auth: Auth,
    /// `X-Scope-OrgID`
    pub tenant: Option<String>,
    /// Extra headers sent with every request. Values may be secrets and are
    /// never logged.
    pub headers: Vec<(String, String)>,
    /// A PEM bundle of extra CA certificates.
    pub ca_pem: Option<Vec<u8>>,
    pub insecure_skip_verify: bool,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Every query must stay inside it.
    pub scope: Scope,
    /// Loki's `max_query_length`, when known: longer ranges are split up
    /// front instead of after Loki refuses them.
    pub max_query_length: Option<Duration>,
}

impl LokiConfig {
    pub fn new(url: impl Into<String>) -> LokiConfig {
        LokiConfig {
            url: url.into(),
            auth: Auth::None,
            tenant: None,
            headers: Vec::new(),
            ca_pem: None,
            insecure_skip_verify: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            scope: Scope::unrestricted(),
            max_query_length: None,
        }
    }
}

impl std::fmt::Debug for LokiConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LokiConfig")
            .field("url", &redacted_url(&self.url))
            .field("auth", &self.auth)
            .field("tenant", &self.tenant)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("insecure_skip_verify", &self.insecure_skip_verify)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct LokiClient {
    http: reqwest::Client,
    base: Url,
    config: LokiConfig,
}

impl LokiClient {
    pub fn new(config: LokiConfig) -> Result<LokiClient, LokiError> {
        let mut base = Url::parse(&config.url)
            .map_err(|e| LokiError::Config(format!("invalid Loki URL: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(LokiError::Config(
                "the Loki URL must start with http:// or https://".into(),
            ));
        }
        // A trailing slash makes `join` keep the path prefix.
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(concat!("askloki/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &config.ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| LokiError::Config(format!("CA certificate: {e}")))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        if config.insecure_skip_verify {
            tracing::warn!(
                "TLS certificate verification is off for {}",
                redacted_url(base.as_str())
            );
            builder = builder.danger_accept_invalid_certs(true);
        }
        let http = builder
            .build()
            .map_err(|e| LokiError::Config(e.to_string()))?;
        Ok(LokiClient { http, base, config })
    }

    pub fn config(&self) -> &LokiConfig {
        &self.config
    }

    /// Parse and scope-check a query; nothing leaves when this fails.
    fn vet(&self, query: &str) -> Result<logql::Expr, LokiError> {
        let expr = logql::parse(query).map_err(LokiError::InvalidQuery)?;
        self.config.scope.check(&expr).map_err(LokiError::Scope)?;
        Ok(expr)
    }

    fn request(
        &self,
        method: reqwest::Method,
        path: &str,
    ) -> Result<reqwest::RequestBuilder, LokiError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| LokiError::Config(format!("path {path}: {e}")))?;
        let mut req = self.http.request(method, url);
        match &self.config.auth {
            Auth::None => {}
            Auth::Basic { user, password } => req = req.basic_auth(user, Some(password)),
            Auth::Bearer(token) => req = req.bearer_auth(token),
        }
        if let Some(t) = &self.config.tenant {
            req = req.header("X-Scope-OrgID", t);
        }
        for (k, v) in &self.config.headers {
            req = req.header(k, v);
        }
        Ok(req)
    }

    /// GET with retries; the body parsed as JSON.
    async fn get_json(&self, path: &str, params: &[(&str, String)]) -> Result<Value, LokiError> {
        self.get_decoded(path, params, |bytes| {
            serde_json::from_slice(bytes).map_err(|e| LokiError::Decode {
                what: format!("JSON from {path}"),
                message: e.to_string(),
            })
        })
        .await
    }

    /// GET with retries; the body handed to `decode` as it arrived.
    async fn get_decoded<T>(
        &self,
        path: &str,
        params: &[(&str, String)],
        decode: impl FnOnce(&[u8]) -> Result<T, LokiError>,
    ) -> Result<T, LokiError> {
        let policy = self.config.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let req = self.request(reqwest::Method::GET, path)?.query(params);
            let outcome = req.send().await;
            let retry_after;
            let failure = match outcome {
                Ok(resp) if resp.status().is_success() => {
                    let bytes = resp.bytes().await.map_err(|e| self.transport(e, attempt))?;
                    return decode(&bytes);
                }
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    retry_after = crate::retry::retry_after(resp.headers());
                    let body = resp.text().await.unwrap_or_default();
                    let mut err = LokiError::from_status(status, &body, path, attempt);
                    if let LokiError::RateLimited {
                        retry_after: ra, ..
                    } = &mut err
                    {
                        *ra = retry_after;
                    }
                    let retryable = status == 429 || (500..600).contains(&status) && status != 501;
                    (err, retryable)
                }
                Err(e) => {
                    retry_after = None;
                    let retryable = e.is_connect() || e.is_request() && !e.is_timeout();
                    (self.transport(e, attempt), retryable)
                }
            };
            let (err, retryable) = failure;
            if !retryable || attempt >= policy.attempts {
                return Err(err);
            }
            let delay = retry_after
                .map(|d| d.min(policy.max_delay))
                .unwrap_or_else(|| backoff(policy, attempt));
            tracing::debug!(path, attempt, ?delay, "retrying Loki request: {err}");
            tokio::time::sleep(delay).await;
        }
    }

    fn transport(&self, e: reqwest::Error, attempts: u32) -> LokiError {
        if e.is_timeout() {
            return LokiError::Timeout {
                message: format!("no answer within {:?}", self.config.timeout),
            };
        }
        let message = crate::retry::error_chain(&e);
        LokiError::Connect {
            url: redacted_url(self.base.as_str()),
            message,
            attempts,
        }
    }

    async fn range_once(&self, q: &RangeQuery) -> Result<QueryResponse, LokiError> {
        let params = [
            ("query", q.query.clone()),
            ("start", q.start.to_string()),
            ("end", q.end.to_string()),
            ("step", format_step(q.step)),
            ("limit", q.limit.to_string()),
            ("direction", direction_param(q.direction).into()),
        ];
        let (result, stats) = self
            .get_decoded("loki/api/v1/query_range", &params, results::query_response)
            .await?;
        let mut resp = QueryResponse::new(result, q.limit);
        resp.stats = stats;
        Ok(resp)
    }

    /// `/loki/api/v1/query_range`, split into pieces when Loki's
    /// `max_query_length` would refuse the whole range.
    pub async fn query_range(&self, q: &RangeQuery) -> Result<QueryResponse, LokiError> {
        let expr = self.vet(&q.query)?;
        if let Some(max) = self.config.max_query_length {
            let max = max.as_nanos().min(i64::MAX as u128) as i64;
            if q.end.saturating_sub(q.start) > max {
                return split::run(self, q, &expr, max).await;
            }
        }
        match self.range_once(q).await {
            Err(e) => match e.max_query_length() {
                Some(max) if max > 0 && q.end.saturating_sub(q.start) > max => {
                    tracing::info!("Loki refused the range as too long; splitting it");
                    split::run(self, q, &expr, max).await
                }
                _ => Err(e),
            },
            ok => ok,
        }
    }

    /// `/loki/api/v1/query`.
    pub async fn query_instant(&self, q: &InstantQuery) -> Result<QueryResponse, LokiError> {
        self.vet(&q.query)?;
        let params = [
            ("query", q.query.clone()),
            ("time", q.time.to_string()),
            ("limit", q.limit.to_string()),
            ("direction", direction_param(q.direction).into()),
        ];
        let (result, stats) = self
            .get_decoded("loki/api/v1/query", &params, results::query_response)
            .await?;
        let mut resp = QueryResponse::new(result, q.limit);
        resp.stats = stats;
        Ok(resp)
    }

    fn range_params(range: TimeRange) -> [(&'static str, String); 2] {
        [
            ("start", range.start.to_string()),
            ("end", range.end.to_string()),
        ]
    }

    pub async fn label_names(&self, range: TimeRange) -> Result<Vec<String>, LokiError> {
        let mut params = Self::range_params(range).to_vec();
        if !self.config.scope.is_unrestricted() {
            params.push(("query", scope_selector(&self.config.scope)));
        }
        let body = self.get_json("loki/api/v1/labels", &params).await?;
        wire::string_list(&body, "a Loki labels response")
    }

    pub async fn label_values(
        &self,
        name: &str,
        range: TimeRange,
    ) -> Result<Vec<String>, LokiError> {
        if !logql::is_label_name(name) {
            return Err(LokiError::Config(format!("{name:?} is not a label name")));
        }
        let mut params = Self::range_params(range).to_vec();
        // Values of a label are scoped by asking within the scope's streams.
        if !self.config.scope.is_unrestricted() {
            params.push(("query", scope_selector(&self.config.scope)));
        }
        let body = self
            .get_json(&format!("loki/api/v1/label/{name}/values"), &params)
            .await?;
        wire::string_list(&body, "a Loki label values response")
    }

    pub async fn series(&self, selector: &str, range: TimeRange) -> Result<Vec<Labels>, LokiError> {
        self.vet(selector)?;
        let mut params = Self::range_params(range).to_vec();
        params.push(("match[]", selector.to_string()));
        let body = self.get_json("loki/api/v1/series", &params).await?;
        wire::series_list(&body)
    }

    pub async fn index_stats(
        &self,
        selector: &str,
        range: TimeRange,
    ) -> Result<IndexStats, LokiError> {
        self.vet(selector)?;
        let mut params = Self::range_params(range).to_vec();
        params.push(("query", selector.to_string()));
        let body = self.get_json("loki/api/v1/index/stats", &params).await?;
        wire::index_stats(&body)
    }

    pub async fn patterns(
        &self,
        selector: &str,
        range: TimeRange,
        step: i64,
    ) -> Result<Vec<PatternSeries>, LokiError> {
        self.vet(selector)?;
        let mut params = Self::range_params(range).to_vec();
        params.push(("query", selector.to_string()));
        params.push(("step", format_step(step)));
        let body = self.get_json("loki/api/v1/patterns", &params).await?;
        wire::patterns(&body)
    }
}

/// The scope as a selector (`{namespace="prod"}`), for label value calls.
fn scope_selector(scope: &Scope) -> String {
    let parts: Vec<String> = scope.matchers().iter().map(|m| m.to_string()).collect();
    format!("{{{}}}", parts.join(", "))
}

fn direction_param(d: Direction) -> &'static str {
    match d {
        Direction::Forward => "forward",
        Direction::Backward => "backward",
    }
}

/// Seconds, as Loki's `step` parameter reads a plain number.
fn format_step(step_ns: i64) -> String {
    if step_ns % 1_000_000_000 == 0 {
        (step_ns / 1_000_000_000).to_string()
    } else {
        crate::logql::format_float_plain(step_ns as f64 / 1e9)
    }
}

#[async_trait]
impl LogSource for LokiClient {
    async fn query_range(&self, q: &RangeQuery) -> Result<QueryResponse, SourceError> {
        LokiClient::query_range(self, q).await.map_err(Into::into)
    }

    async fn query_instant(&self, q: &InstantQuery) -> Result<QueryResponse, SourceError> {
        LokiClient::query_instant(self, q).await.map_err(Into::into)
    }

    async fn labels(&self, range: TimeRange) -> Result<Vec<String>, SourceError> {
        self.label_names(range).await.map_err(Into::into)
    }

    async fn label_values(&self, name: &str, range: TimeRange) -> Result<Vec<String>, SourceError> {
        LokiClient::label_values(self, name, range)
            .await
            .map_err(Into::into)
    }

    async fn series(&self, selector: &str, range: TimeRange) -> Result<Vec<Labels>, SourceError> {
        LokiClient::series(self, selector, range)
            .await
            .map_err(Into::into)
    }

    async fn index_stats(
        &self,
        selector: &str,
        range: TimeRange,
    ) -> Result<IndexStats, SourceError> {
        LokiClient::index_stats(self, selector, range)
            .await
            .map_err(Into::into)
    }

    async fn patterns(
        &self,
        selector: &str,
        range: TimeRange,
        step: i64,
    ) -> Result<Vec<PatternSeries>, SourceError> {
        match LokiClient::patterns(self, selector, range, step).await {
            Err(LokiError::NotFound { .. }) => Err(SourceError::Unsupported(
                "this Loki has the pattern ingester off (pattern_ingester.enabled); /loki/api/v1/patterns is not served".into(),
            )),
            other => other.map_err(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::parse_retry_after;

    #[test]
    fn steps_retry_after_and_backoff() {
        assert_eq!(format_step(15_000_000_000), "15");
        assert_eq!(format_step(500_000_000), "0.5");
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let p = RetryPolicy {
            attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
        };
        for attempt in 1..5 {
            let d = backoff(p, attempt);
            let cap = Duration::from_millis(100 * (1 << (attempt - 1))).min(p.max_delay);
            assert!(d >= cap / 2 && d <= cap, "{attempt}: {d:?}");
        }
        let secret = format!("{:?}", Auth::Bearer("s3cret".into()));
        assert!(!secret.contains("s3cret"));
        let url = redacted_url("https://me:s3cret@logs.example.com/loki");
        assert_eq!(url, "https://logs.example.com/loki");
        let config = format!(
            "{:?}",
            LokiConfig::new("https://me:s3cret@logs.example.com")
        );
        assert!(!config.contains("s3cret"), "{config}");
    }
}
