//! Loki's answers turned into typed errors that keep Loki's own message
//! (and the position in a parse error) and add what to change.

use std::time::Duration;

use crate::logql::{ParseError, ScopeError};
use crate::source::SourceError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LokiError {
    /// The query was refused before anything was sent.
    #[error("{0}")]
    InvalidQuery(ParseError),
    #[error("{0}")]
    Scope(ScopeError),
    /// Loki refused the request (400) for a reason other than a limit.
    #[error("Loki rejected the query: {message}{}", hint_suffix(.hint))]
    BadRequest {
        message: String,
        /// (line, column) of a parse error, as Loki reported it.
        position: Option<(usize, usize)>,
        hint: String,
    },
    /// A Loki limit refused the request.
    #[error("Loki limit: {message}{}", hint_suffix(.hint))]
    Limit { message: String, hint: String },
    /// Loki gave up on the query (504), or our own timeout fired.
    #[error("Loki timed out: {message}; narrow the time range or the selector, or add line filters before parsers")]
    Timeout { message: String },
    /// The request was cancelled (Loki's 499).
    #[error("the query was cancelled: {message}")]
    Canceled { message: String },
    #[error("Loki refused the credentials (HTTP {status}): {message}; check the user/password or token and the tenant (X-Scope-OrgID)")]
    Unauthorized { status: u16, message: String },
    /// 404: wrong base URL or path prefix, or an endpoint Loki has off.
    #[error("{path} not found on Loki (HTTP 404): {message}; check the URL and its path prefix")]
    NotFound { path: String, message: String },
    #[error("Loki is rate limiting (HTTP 429) and retries ran out: {message}")]
    RateLimited {
        message: String,
        retry_after: Option<Duration>,
    },
    #[error("Loki failed (HTTP {status}) after {attempts} attempt(s): {message}")]
    Server {
        status: u16,
        message: String,
        attempts: u32,
    },
    #[error("cannot reach Loki at {url} after {attempts} attempt(s): {message}")]
    Connect {
        url: String,
        message: String,
        attempts: u32,
    },
    #[error("Loki answered something that is not {what}: {message}")]
    Decode { what: String, message: String },
    #[error("invalid Loki connection settings: {0}")]
    Config(String),
}

fn hint_suffix(hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!("; {hint}")
    }
}

impl LokiError {
    /// Map a non-2xx answer. `body` is Loki's plain-text (or JSON) error.
    pub fn from_status(status: u16, body: &str, path: &str, attempts: u32) -> LokiError {
        let message = error_message(body);
        match status {
            400 | 422 => classify_bad_request(message),
            401 | 403 => LokiError::Unauthorized { status, message },
            404 => LokiError::NotFound {
                path: path.to_string(),
                message,
            },
            429 => LokiError::RateLimited {
                message,
                retry_after: None,
            },
            499 => LokiError::Canceled { message },
            504 => LokiError::Timeout { message },
            _ => LokiError::Server {
                status,
                message,
                attempts,
            },
        }
    }

    /// The limit Loki named when it refused a range as too long.
    pub fn max_query_length(&self) -> Option<i64> {
        let LokiError::Limit { message, .. } = self else {
            return None;
        };
        let limit = message.split("limit: ").nth(1)?;
        let limit = limit.trim_end_matches(')').trim();
        crate::logql::duration::parse_model_duration(limit)
    }
}

/// Loki answers errors as plain text; some proxies and newer versions wrap
/// them as `{"status":"error","error":"..."}` or `{"message":"..."}`.
fn error_message(body: &str) -> String {
    let trimmed = body.trim();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
        for key in ["error", "message"] {
            if let Some(m) = v.get(key).and_then(|m| m.as_str()) {
                return m.to_string();
            }
        }
    }
    if trimmed.is_empty() {
        "(empty response)".into()
    } else {
        trimmed.to_string()
    }
}

fn classify_bad_request(message: String) -> LokiError {
    let lower = message.to_lowercase();
    let limit_hint = if lower.contains("max entries limit") {
        Some("lower the line limit or narrow the time range")
    } else if lower.contains("query time range exceeds the limit")
        || lower.contains("the query time range")
    {
        Some("shorten the time range (AskLoki splits range queries by itself when it can)")
    } else if lower.contains("maximum resolution of 11,000 points") {
        Some("increase the step")
    } else if lower.contains("maximum of series") || lower.contains("maximum number of series") {
        Some("aggregate with sum by (...) over fewer labels, or narrow the selector")
    } else if lower.contains("too many outstanding requests")
        || lower.contains("max chunks")
        || lower.contains("bytes limit")
    {
        Some("narrow the time range or the selector")
    } else {
        None
    };
    if let Some(hint) = limit_hint {
        return LokiError::Limit {
            message,
            hint: hint.into(),
        };
    }
    let position = parse_position(&message);
    let hint = match position {
        Some((line, col)) => format!("fix the query at line {line}, column {col}"),
        None if lower.starts_with("pipeline error") => {
            "filter the failing lines out with | __error__=\"\" or fix the parser".into()
        }
        None => String::new(),
    };
    LokiError::BadRequest {
        message,
        position,
        hint,
    }
}

/// `parse error at line 1, col 13: ...`
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let rest = message.split("at line ").nth(1)?;
    let (line, rest) = rest.split_once(", col ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

impl From<LokiError> for SourceError {
    fn from(e: LokiError) -> Self {
        match e {
            LokiError::InvalidQuery(_) | LokiError::Scope(_) | LokiError::BadRequest { .. } => {
                SourceError::BadRequest(e.to_string())
            }
            LokiError::Limit { .. } => SourceError::Limit(e.to_string()),
            LokiError::NotFound { .. } => SourceError::Unsupported(e.to_string()),
            LokiError::Timeout { .. } => SourceError::Timeout(e.to_string()),
            _ => SourceError::Unavailable(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_loki_answers() {
        let e = LokiError::from_status(
            400,
            "parse error at line 1, col 13: syntax error: unexpected IDENTIFIER\n",
            "/q",
            1,
        );
        assert!(matches!(
            &e,
            LokiError::BadRequest {
                position: Some((1, 13)),
                ..
            }
        ));
        assert!(
            e.to_string()
                .ends_with("fix the query at line 1, column 13"),
            "{e}"
        );
        let e = LokiError::from_status(
            400,
            "max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)",
            "/q",
            1,
        );
        assert!(matches!(e, LokiError::Limit { .. }));
        let e = LokiError::from_status(
            400,
            "the query time range exceeds the limit (query length: 745h0m0s, limit: 30d1h)",
            "/q",
            1,
        );
        assert_eq!(
            e.max_query_length(),
            Some((30 * 24 + 1) * 3_600_000_000_000)
        );
        assert!(matches!(
            LokiError::from_status(504, "context deadline exceeded", "/q", 1),
            LokiError::Timeout { .. }
        ));
        assert!(matches!(
            LokiError::from_status(499, "context canceled", "/q", 1),
            LokiError::Canceled { .. }
        ));
        let e = LokiError::from_status(500, r#"{"status":"error","error":"boom"}"#, "/q", 3);
        assert_eq!(
            e.to_string(),
            "Loki failed (HTTP 500) after 3 attempt(s): boom"
        );
    }
}
