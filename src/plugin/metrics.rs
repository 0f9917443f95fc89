//! The plugin's own metrics, served to Grafana by CollectMetrics in the
//! Prometheus text format: requests and errors per endpoint, latency per
//! stage (as summaries: `_sum` and `_count`), LLM tokens and cache hits.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<&'static str, u64>,
    errors: BTreeMap<&'static str, u64>,
    /// stage → (seconds, count)
    stages: BTreeMap<String, (f64, u64)>,
    origins: BTreeMap<String, u64>,
    prompt_tokens: u64,
    completion_tokens: u64,
}

impl Metrics {
    fn with<R>(&self, f: impl FnOnce(&mut Inner) -> R) -> R {
        f(&mut self.inner.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn request(&self, endpoint: &'static str) {
        self.with(|m| *m.requests.entry(endpoint).or_default() += 1);
    }

    pub fn error(&self, endpoint: &'static str) {
        self.with(|m| *m.errors.entry(endpoint).or_default() += 1);
    }

    pub fn stage(&self, stage: &str, seconds: f64) {
        self.with(|m| {
            let e = m.stages.entry(stage.to_string()).or_default();
            e.0 += seconds;
            e.1 += 1;
        });
    }

    /// Where an answered query came from: `cache` and `pinned` are hits.
    pub fn origin(&self, origin: &str) {
        self.with(|m| *m.origins.entry(origin.to_string()).or_default() += 1);
    }

    pub fn tokens(&self, prompt: u64, completion: u64) {
        self.with(|m| {
            m.prompt_tokens += prompt;
            m.completion_tokens += completion;
        });
    }

    pub fn render(&self) -> String {
        self.with(|m| {
            let mut out = String::new();
            out.push_str("# HELP askloki_requests_total Requests by endpoint.\n# TYPE askloki_requests_total counter\n");
            for (k, v) in &m.requests {
                let _ = writeln!(out, "askloki_requests_total{{endpoint=\"{k}\"}} {v}");
            }
            out.push_str("# HELP askloki_errors_total Failed requests (or queries) by endpoint.\n# TYPE askloki_errors_total counter\n");
            for (k, v) in &m.errors {
                let _ = writeln!(out, "askloki_errors_total{{endpoint=\"{k}\"}} {v}");
            }
            out.push_str("# HELP askloki_stage_seconds Time spent per stage.\n# TYPE askloki_stage_seconds summary\n");
            for (k, (sum, count)) in &m.stages {
                let _ = writeln!(out, "askloki_stage_seconds_sum{{stage=\"{k}\"}} {sum}");
                let _ = writeln!(out, "askloki_stage_seconds_count{{stage=\"{k}\"}} {count}");
            }
            out.push_str("# HELP askloki_queries_total Answered queries by where the LogQL came from (cache and pinned are cache hits).\n# TYPE askloki_queries_total counter\n");
            for (k, v) in &m.origins {
                let _ = writeln!(out, "askloki_queries_total{{origin=\"{k}\"}} {v}");
            }
            out.push_str("# HELP askloki_llm_tokens_total LLM tokens used.\n# TYPE askloki_llm_tokens_total counter\n");
            let _ = writeln!(out, "askloki_llm_tokens_total{{kind=\"prompt\"}} {}", m.prompt_tokens);
            let _ = writeln!(out, "askloki_llm_tokens_total{{kind=\"completion\"}} {}", m.completion_tokens);
            out
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.request("query");
        m.request("query");
        m.stage("execute", 0.5);
        m.stage("execute", 0.25);
        m.origin("cache");
        m.tokens(10, 2);
        let text = m.render();
        assert!(text.contains("askloki_requests_total{endpoint=\"query\"} 2"));
        assert!(text.contains("askloki_stage_seconds_sum{stage=\"execute\"} 0.75"));
        assert!(text.contains("askloki_stage_seconds_count{stage=\"execute\"} 2"));
        assert!(text.contains("askloki_queries_total{origin=\"cache\"} 1"));
        assert!(text.contains("askloki_llm_tokens_total{kind=\"prompt\"} 10"));
    }
}
