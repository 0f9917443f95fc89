//! The integration tests, one binary: each module drives AskLoki through
//! a public surface (the CLI, the plugin over gRPC, the library API, the
//! Loki and LLM clients against in-test servers speaking their protocols).
//! One binary links once instead of once per file.

mod support;

mod analyze;
mod ask;
mod ask_llm;
mod ask_loghub;
mod cli_logql;
mod cli_query;
mod cli_templates;
mod engine_eval;
mod engine_ingest;
mod fields;
mod knowledge;
mod logql_syntax;
mod loki_client;
mod loki_push_rerun;
mod loki_tls;
mod plugin;
mod plugin_alerts;
mod plugin_answer;
mod plugin_modes;
