//! What can go wrong talking to an OpenAI-compatible endpoint, worded so the
//! user knows what to change.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LlmError {
    #[error("the LLM endpoint setting is invalid: {0}")]
    Config(String),
    #[error(
        "could not reach the LLM endpoint {url}: {reason}; check the URL and that the server runs"
    )]
    Connect { url: String, reason: String },
    #[error(
        "the LLM endpoint did not answer within {0:?}; raise the timeout or use a faster model"
    )]
    Timeout(Duration),
    #[error("the LLM endpoint refused the API key (HTTP {status}): {message}; check the key in the datasource's secure settings")]
    Unauthorized { status: u16, message: String },
    #[error("the LLM endpoint has no model {model:?} (HTTP 404): {message}; check the model name (or the Azure deployment)")]
    NoModel { model: String, message: String },
    #[error("the LLM endpoint is rate limiting (HTTP 429) and retries ran out: {message}")]
    RateLimited {
        message: String,
        retry_after: Option<Duration>,
    },
    #[error("the LLM endpoint failed (HTTP {status}): {message}")]
    Http { status: u16, message: String },
    #[error("the LLM endpoint sent an answer that is not the OpenAI format: {0}")]
    Malformed(String),
    #[error("the LLM returned no content (finish reason {0:?})")]
    Empty(Option<String>),
}

impl LlmError {
    /// Worth another try: rate limits, server errors, timeouts, resets.
    pub fn is_transient(&self) -> bool {
        match self {
            LlmError::RateLimited { .. } | LlmError::Timeout(_) | LlmError::Connect { .. } => true,
            LlmError::Http { status, .. } => *status >= 500 && *status != 501,
            _ => false,
        }
    }
}

/// The message of an error body: OpenAI's `{"error": {"message": ...}}`, a
/// bare `{"error": "..."}` (Ollama, llama.cpp), or the text itself.
pub(crate) fn error_message(body: &str) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let from_json = parsed.as_ref().and_then(|v| {
        let e = v.get("error")?;
        e.get("message")
            .and_then(|m| m.as_str())
            .or_else(|| e.as_str())
            .map(str::to_string)
    });
    let text = from_json.unwrap_or_else(|| body.trim().to_string());
    truncate(&text, 500)
}

pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes more)", &text[..end], text.len() - end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_from_each_server_shape() {
        assert_eq!(
            error_message(r#"{"error":{"message":"bad key","type":"invalid_request_error"}}"#),
            "bad key"
        );
        assert_eq!(
            error_message(r#"{"error":"model 'x' not found"}"#),
            "model 'x' not found"
        );
        assert_eq!(error_message("  upstream down \n"), "upstream down");
        assert!(error_message(&"x".repeat(2000)).contains("1500 bytes more"));
    }

    #[test]
    fn which_errors_are_retried() {
        let http = |status| LlmError::Http {
            status,
            message: String::new(),
        };
        assert!(http(500).is_transient());
        assert!(http(503).is_transient());
        assert!(!http(501).is_transient());
        assert!(!http(400).is_transient());
        assert!(LlmError::Timeout(Duration::from_secs(1)).is_transient());
        assert!(!LlmError::Malformed(String::new()).is_transient());
    }
}
