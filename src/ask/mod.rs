//! The ask pipeline: from a question to LogQL, results and an answer.
//!
//! Built stage by stage; today it has stage 1, [`understand`]: intent,
//! entities and time from the question, deterministically.

pub mod understand;
