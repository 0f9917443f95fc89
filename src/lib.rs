//! AskLoki: ask questions of logs in plain language.
//!
//! The crate reads as the pipeline: [`logql`] is the language every query is
//! checked against; [`source`] is the interface to wherever logs live;
//! [`engine`] is the embedded single-machine log store and LogQL evaluator;
//! [`loki`] is the client for production Loki; [`mining`] finds the
//! templates of log lines and [`knowledge`] keeps what they say.

pub mod analyze;
pub mod ask;
pub mod calendar;
pub mod engine;
pub mod isolate;
pub mod knowledge;
pub mod llm;
pub mod logql;
pub mod loki;
pub mod mining;
pub mod plugin;
pub mod redact;
pub mod retrieve;
pub mod retry;
pub mod source;
