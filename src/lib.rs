//! AskLoki: ask questions of logs in plain language.
//!
//! The crate reads as the pipeline: [`logql`] is the language every query is
//! checked against before it reaches a log source.

pub mod logql;
