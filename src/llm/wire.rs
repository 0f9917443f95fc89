//! The OpenAI wire format: requests as the API documents them, responses
//! read leniently. Servers that speak "OpenAI-compatible" differ in the
//! details (content as parts, missing usage, `null`s, extra fields), so each
//! answer is read field by field from JSON rather than into strict structs.

use serde::Serialize;
use serde_json::{json, Value};

use super::LlmError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn system(content: impl Into<String>) -> Message {
        Message {
            role: Role::System,
            content: content.into(),
        }
    }
    pub fn user(content: impl Into<String>) -> Message {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }
    pub fn assistant(content: impl Into<String>) -> Message {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// A JSON schema the answer must follow (OpenAI structured outputs).
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub name: String,
    pub schema: Value,
}

/// What a chat completion came back with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completion {
    pub content: String,
    pub finish_reason: Option<String>,
    pub usage: Usage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// How the token limit is named: `max_tokens` for most servers,
/// `max_completion_tokens` for OpenAI's newer models, which refuse the old name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenLimitName {
    MaxTokens,
    MaxCompletionTokens,
}

pub(crate) struct ChatBody<'a> {
    pub model: &'a str,
    pub messages: &'a [Message],
    pub temperature: Option<f32>,
    pub max_tokens: u32,
    pub limit_name: TokenLimitName,
    pub schema: Option<&'a Schema>,
    pub stream: bool,
}

impl ChatBody<'_> {
    pub fn to_json(&self) -> Value {
        let mut body = json!({
            "model": self.model,
            "messages": self.messages,
        });
        let limit = match self.limit_name {
            TokenLimitName::MaxTokens => "max_tokens",
            TokenLimitName::MaxCompletionTokens => "max_completion_tokens",
        };
        body[limit] = json!(self.max_tokens);
        if let Some(t) = self.temperature {
            body["temperature"] = json!(t);
        }
        if let Some(s) = self.schema {
            body["response_format"] = json!({
                "type": "json_schema",
                "json_schema": {"name": s.name, "strict": true, "schema": s.schema},
            });
        }
        if self.stream {
            body["stream"] = json!(true);
            body["stream_options"] = json!({"include_usage": true});
        }
        body
    }
}

/// The text of a message's `content`: a string, or a list of text parts.
fn content_text(content: &Value) -> Option<String> {
    match content {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect(),
        ),
        _ => None,
    }
}

fn usage_of(v: &Value) -> Usage {
    let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    Usage {
        prompt_tokens: n("prompt_tokens"),
        completion_tokens: n("completion_tokens"),
    }
}

/// A whole (non-streamed) chat completion.
pub(crate) fn parse_completion(body: &[u8]) -> Result<Completion, LlmError> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| LlmError::Malformed(format!("not JSON ({e})")))?;
    if let Some(e) = v.get("error") {
        return Err(LlmError::Malformed(format!(
            "an error in a 200 answer: {e}"
        )));
    }
    let choice = v
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .ok_or_else(|| LlmError::Malformed("no `choices` in the answer".into()))?;
    let finish_reason = choice
        .get("finish_reason")
        .and_then(Value::as_str)
        .map(str::to_string);
    let message = choice
        .get("message")
        .ok_or_else(|| LlmError::Malformed("the choice has no `message`".into()))?;
    let content = message.get("content").and_then(content_text);
    let usage = v.get("usage").map(usage_of).unwrap_or_default();
    match content {
        Some(c) if !c.trim().is_empty() => Ok(Completion {
            content: c,
            finish_reason,
            usage,
        }),
        _ => match message.get("refusal").and_then(Value::as_str) {
            Some(r) => Err(LlmError::Empty(Some(format!("refusal: {r}")))),
            None => Err(LlmError::Empty(finish_reason)),
        },
    }
}

/// Server-sent events, fed in arbitrary byte chunks; each complete `data:`
/// payload is handed back.
#[derive(Default)]
pub(crate) struct SseReader {
    buffer: Vec<u8>,
}

impl SseReader {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<String> {
        self.buffer.extend_from_slice(bytes);
        let mut out = Vec::new();
        while let Some(end) = find_event_end(&self.buffer) {
            let event: Vec<u8> = self.buffer.drain(..end.0).collect();
            self.buffer.drain(..end.1);
            let text = String::from_utf8_lossy(&event);
            let data: Vec<&str> = text
                .lines()
                .filter_map(|l| l.strip_prefix("data:"))
                .map(|d| d.strip_prefix(' ').unwrap_or(d))
                .collect();
            if !data.is_empty() {
                out.push(data.join("\n"));
            }
        }
        out
    }

    /// What is left once the stream ended (a last event without its blank line).
    pub fn finish(&mut self) -> Vec<String> {
        if self.buffer.iter().all(u8::is_ascii_whitespace) {
            return Vec::new();
        }
        self.buffer.extend_from_slice(b"\n\n");
        self.feed(&[])
    }
}

/// (end of the event, length of the separator): `\n\n` or `\r\n\r\n`.
fn find_event_end(buf: &[u8]) -> Option<(usize, usize)> {
    let lf = memchr::memmem::find(buf, b"\n\n").map(|i| (i, 2));
    let crlf = memchr::memmem::find(buf, b"\r\n\r\n").map(|i| (i, 4));
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Folds streamed chunks into one completion.
#[derive(Default)]
pub(crate) struct StreamState {
    pub completion: Completion,
    pub done: bool,
}

impl StreamState {
    /// One `data:` payload; returns the new text, if any.
    pub fn apply(&mut self, data: &str) -> Result<Option<String>, LlmError> {
        if data.trim() == "[DONE]" {
            self.done = true;
            return Ok(None);
        }
        let v: Value = serde_json::from_str(data).map_err(|e| {
            LlmError::Malformed(format!(
                "a streamed chunk is not JSON ({e}): {}",
                super::error::truncate(data, 200)
            ))
        })?;
        if let Some(e) = v.get("error") {
            return Err(LlmError::Http {
                status: 200,
                message: super::error::error_message(&json!({ "error": e }).to_string()),
            });
        }
        if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
            self.completion.usage = usage_of(u);
        }
        let Some(choice) = v
            .get("choices")
            .and_then(Value::as_array)
            .and_then(|c| c.first())
        else {
            return Ok(None);
        };
        if let Some(r) = choice.get("finish_reason").and_then(Value::as_str) {
            self.completion.finish_reason = Some(r.to_string());
        }
        let delta = choice
            .get("delta")
            .and_then(|d| d.get("content"))
            .and_then(content_text);
        match delta {
            Some(d) if !d.is_empty() => {
                self.completion.content.push_str(&d);
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }
}

/// Embedding vectors in input order.
pub(crate) fn parse_embeddings(body: &[u8], inputs: usize) -> Result<Vec<Vec<f32>>, LlmError> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| LlmError::Malformed(format!("not JSON ({e})")))?;
    let data = v
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| LlmError::Malformed("no `data` list in the embeddings answer".into()))?;
    let mut out: Vec<Option<Vec<f32>>> = vec![None; inputs];
    for (position, item) in data.iter().enumerate() {
        let index = item
            .get("index")
            .and_then(Value::as_u64)
            .map_or(position, |i| i as usize);
        let vector = item
            .get("embedding")
            .and_then(Value::as_array)
            .ok_or_else(|| LlmError::Malformed(format!("item {index} has no `embedding` list")))?
            .iter()
            .map(|x| x.as_f64().map(|f| f as f32))
            .collect::<Option<Vec<f32>>>()
            .ok_or_else(|| LlmError::Malformed(format!("embedding {index} has a non-number")))?;
        let slot = out.get_mut(index).ok_or_else(|| {
            LlmError::Malformed(format!("embedding index {index} for {inputs} inputs"))
        })?;
        *slot = Some(vector);
    }
    out.into_iter()
        .enumerate()
        .map(|(i, v)| v.ok_or_else(|| LlmError::Malformed(format!("no embedding for input {i}"))))
        .collect()
}

/// Model ids from `GET /models`.
pub(crate) fn parse_models(body: &[u8]) -> Result<Vec<String>, LlmError> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| LlmError::Malformed(format!("not JSON ({e})")))?;
    let data = v
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| LlmError::Malformed("no `data` list in the models answer".into()))?;
    Ok(data
        .iter()
        .filter_map(|m| m.get("id").and_then(Value::as_str).map(str::to_string))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_shapes_from_different_servers() {
        let openai = br#"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"#;
        let c = parse_completion(openai).unwrap();
        assert_eq!(c.content, "hi");
        assert_eq!(c.usage.prompt_tokens, 5);
        // Parts, no usage (some local servers).
        let parts = br#"{"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]}"#;
        assert_eq!(parse_completion(parts).unwrap().content, "ab");
        let refusal =
            br#"{"choices":[{"message":{"content":null,"refusal":"no"},"finish_reason":"stop"}]}"#;
        assert!(
            matches!(parse_completion(refusal), Err(LlmError::Empty(Some(r))) if r.contains("no"))
        );
        assert!(matches!(
            parse_completion(b"<html>"),
            Err(LlmError::Malformed(_))
        ));
        assert!(matches!(
            parse_completion(br#"{"choices":[]}"#),
            Err(LlmError::Malformed(_))
        ));
    }

    #[test]
    fn sse_events_split_anywhere() {
        let stream = "data: {\"choices\":[{\"delta\":{\"content\":\"He\"}}]}\n\n: keep-alive\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"llo\"},\"finish_reason\":\"stop\"}]}\r\n\r\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
        for cut in 1..stream.len() {
            let mut r = SseReader::default();
            let mut state = StreamState::default();
            let (a, b) = stream.as_bytes().split_at(cut);
            for data in r.feed(a).into_iter().chain(r.feed(b)).chain(r.finish()) {
                state.apply(&data).unwrap();
            }
            assert_eq!(state.completion.content, "Hello", "cut at {cut}");
            assert_eq!(state.completion.usage.completion_tokens, 2);
            assert!(state.done);
        }
    }

    #[test]
    fn embeddings_in_input_order() {
        let body = br#"{"data":[{"index":1,"embedding":[0.5]},{"index":0,"embedding":[1,2]}]}"#;
        assert_eq!(
            parse_embeddings(body, 2).unwrap(),
            vec![vec![1.0, 2.0], vec![0.5]]
        );
        assert!(parse_embeddings(body, 3).is_err());
        assert!(parse_embeddings(br#"{"data":[{"embedding":"AAAA"}]}"#, 1).is_err());
    }
}
