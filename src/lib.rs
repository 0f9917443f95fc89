//! AskLoki: ask questions of logs in plain language.
//!
//! The crate reads as the pipeline: [`logql`] is the language every query is
//! checked against; [`source`] is the interface to wherever logs live;
//! [`engine`] is the embedded single-machine log store and LogQL evaluator;
//! [`loki`] is the client for production Loki; [`mining`] finds the
//! templates of log lines and [`knowledge`] keeps what they say.

pub mod analyze;
pub mod ask;
pub mod isolate;
pub mod knowledge;
pub mod llm;
pub mod loki;
pub mod plugin;
pub mod redact;
pub mod retrieve;
pub mod retry;

// The lower crates of the workspace, under the names the application uses.
pub use askloki_engine as engine;
pub use askloki_engine::source;
pub use askloki_mining as mining;
pub use goformat::calendar;
pub use logql;
