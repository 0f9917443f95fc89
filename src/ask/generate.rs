//! The LLM generator: a packed prompt to an OpenAI-compatible endpoint, and
//! the LogQL read back out of whatever the model answered.

use serde_json::{json, Value};

use super::prompt::{self, PromptInput};
use crate::llm::tokens::TokenCounter;
use crate::llm::{ChatOptions, LlmClient, LlmError, Schema, Usage};

/// Default prompt budget in tokens: room for ~20 templates, cheap enough to
/// run per question.
pub const DEFAULT_PROMPT_BUDGET: usize = 3000;

pub struct Generator<'a> {
    pub llm: &'a LlmClient,
    pub budget: usize,
    counter: TokenCounter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub logql: String,
    pub explanation: Option<String>,
    /// What the server reported.
    pub usage: Usage,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Llm(#[from] LlmError),
    #[error("the LLM's answer holds no LogQL query: {0:?}")]
    NotLogql(String),
}

fn schema() -> Schema {
    Schema {
        name: "logql_query".into(),
        schema: json!({
            "type": "object",
            "properties": {
                "logql": {"type": "string", "description": "One LogQL query."},
                "explanation": {"type": "string"}
            },
            "required": ["logql", "explanation"],
            "additionalProperties": false
        }),
    }
}

impl<'a> Generator<'a> {
    pub fn new(llm: &'a LlmClient, budget: usize) -> Generator<'a> {
        Generator {
            counter: TokenCounter::for_model(&llm.config().model),
            llm,
            budget,
        }
    }

    /// One query for the input; the prompt's token count comes back with an
    /// error too, for the attempt record.
    pub async fn generate(
        &self,
        input: &PromptInput<'_>,
    ) -> (usize, Result<Generated, GenerateError>) {
        let prompt = prompt::pack(input, &self.counter, self.budget);
        tracing::debug!(
            tokens = prompt.tokens,
            templates = prompt.templates_included,
            left_out = prompt.templates_left_out,
            "generation prompt packed"
        );
        let schema = schema();
        let opts = ChatOptions {
            schema: Some(&schema),
        };
        let completion = match self.llm.chat(&prompt.messages, &opts).await {
            Ok(c) => c,
            Err(e) => return (prompt.tokens, Err(e.into())),
        };
        let result = match extract_logql(&completion.content) {
            Some((logql, explanation)) => Ok(Generated {
                logql,
                explanation,
                usage: completion.usage,
            }),
            None => Err(GenerateError::NotLogql(crate::llm::error::truncate(
                &completion.content,
                200,
            ))),
        };
        (prompt.tokens, result)
    }
}

/// The query in a model's answer: the JSON object asked for (bare, fenced
/// or amid prose), else a fenced code block, else the whole answer if it
/// parses as LogQL.
pub fn extract_logql(content: &str) -> Option<(String, Option<String>)> {
    let text = content.trim();
    let from_object = |v: &Value| {
        let q = v
            .get("logql")
            .or_else(|| v.get("query"))
            .and_then(Value::as_str)?
            .trim();
        if q.is_empty() {
            return None;
        }
        let why = v
            .get("explanation")
            .and_then(Value::as_str)
            .map(str::to_string);
        Some((q.to_string(), why))
    };
    for candidate in [Some(text), fenced(text), braces(text)]
        .into_iter()
        .flatten()
    {
        if let Ok(v) = serde_json::from_str::<Value>(candidate) {
            if let Some(found) = from_object(&v) {
                return Some(found);
            }
        }
    }
    for candidate in [fenced(text), Some(text)].into_iter().flatten() {
        let q = candidate.trim();
        // `$__range` and friends are ours to expand: any window will do here.
        let expanded =
            super::vet::expand_variables(q, (0, 3_600_000_000_000), 60_000_000_000, true);
        if !q.is_empty() && crate::logql::parse(&expanded).is_ok() {
            return Some((q.to_string(), None));
        }
    }
    None
}

/// The inside of the first ``` block.
fn fenced(text: &str) -> Option<&str> {
    let start = text.find("```")? + 3;
    let rest = &text[start..];
    // Skip a language tag on the fence's line.
    let body_start = rest.find('\n').map_or(0, |i| i + 1);
    let body = &rest[body_start..];
    let end = body.find("```")?;
    Some(body[..end].trim())
}

/// From the first `{` that starts a JSON object to the last `}`.
fn braces(text: &str) -> Option<&str> {
    let start = text.find("{\"")?;
    let end = text.rfind('}')?;
    (end > start).then(|| &text[start..=end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_query_in_the_shapes_models_answer_in() {
        let q = r#"sum(count_over_time({app="x"} [$__range]))"#;
        let json = format!(r#"{{"logql": {}, "explanation": "counts"}}"#, json!(q));
        assert_eq!(
            extract_logql(&json),
            Some((q.to_string(), Some("counts".into())))
        );
        let fenced_json = format!("Here you go:\n```json\n{json}\n```");
        assert_eq!(extract_logql(&fenced_json).unwrap().0, q);
        let prose = format!("Sure! {json} Hope that helps.");
        assert_eq!(extract_logql(&prose).unwrap().0, q);
        let fenced_logql = "```logql\n{app=\"x\"} |= \"error\"\n```";
        assert_eq!(
            extract_logql(fenced_logql).unwrap().0,
            r#"{app="x"} |= "error""#
        );
        assert_eq!(
            extract_logql(r#"{app="x"} |= "error""#).unwrap().0,
            r#"{app="x"} |= "error""#
        );
        let fenced_vars = "```\nsum(count_over_time({app=\"x\"} [$__range]))\n```";
        assert_eq!(extract_logql(fenced_vars).unwrap().0, q);
        assert_eq!(extract_logql("I cannot help with that."), None);
        assert_eq!(extract_logql(r#"{"logql": ""}"#), None);
    }
}
