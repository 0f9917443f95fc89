//! Counting prompt tokens, so prompts stay inside a budget. The model's own
//! tokenizer when tiktoken knows it, else `o200k_base` (newer OpenAI
//! models) as a stand-in: local models tokenize differently, so budgets keep
//! a margin rather than trusting the count to the token.

use tiktoken_rs::CoreBPE;

pub struct TokenCounter {
    bpe: &'static CoreBPE,
}

impl TokenCounter {
    pub fn for_model(model: &str) -> TokenCounter {
        let bpe = tiktoken_rs::bpe_for_model(model)
            .unwrap_or_else(|_| tiktoken_rs::o200k_base_singleton());
        TokenCounter { bpe }
    }

    pub fn count(&self, text: &str) -> usize {
        self.bpe.encode_ordinary(text).len()
    }

    /// Tokens of a chat request: each message's text plus OpenAI's framing
    /// (about 4 per message and 3 to prime the reply).
    pub fn count_messages(&self, messages: &[super::Message]) -> usize {
        3 + messages
            .iter()
            .map(|m| 4 + self.count(&m.content))
            .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_grow_with_text_and_unknown_models_get_a_default() {
        let known = TokenCounter::for_model("gpt-4o");
        let unknown = TokenCounter::for_model("llama3.1:8b");
        let short = known.count("failed password for root");
        let long = known.count(&"failed password for root ".repeat(10));
        assert!((3..=8).contains(&short), "{short}");
        assert!(long >= 9 * short, "{long} vs {short}");
        assert_eq!(unknown.count("hello world"), known.count("hello world"));
        let m = [super::super::Message::user("hello world")];
        assert_eq!(known.count_messages(&m), 3 + 4 + known.count("hello world"));
    }
}
