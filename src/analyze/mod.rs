//! Log analysis by instruction: one interface, five capabilities.
//!
//! [`route`] reads a free-form instruction ("explain this line", "what is
//! unusual since 10:00?", "what caused the errors?", "how do I fix this?")
//! and picks a [`Task`]: [`parse`] (templates with counts and parameters),
//! [`anomaly`] detection, [`explain`] (interpretation of a line), [`rootcause`]
//! and [`recommend`]ation. Everything works without an LLM; with one,
//! interpretation and recommendations add its words, grounded in the
//! evidence found, and LLM output stays data, never instructions.

pub mod anomaly;
pub mod classes;
pub mod component;
pub mod context;
pub mod cues;
pub mod explain;
pub mod lines;
pub mod message;
pub mod parse;
pub mod recommend;
pub mod rootcause;
pub mod severity;
pub mod shapes;
pub mod views;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    Parse,
    Anomalies,
    Explain,
    RootCause,
    Recommend,
}

/// The task an instruction asks for. Fixes first (a fix presumes a cause),
/// then causes, explanations, anomalies; parsing when it names templates
/// or structure; anomalies otherwise, the broadest look.
pub fn route(instruction: &str) -> Task {
    let i = instruction.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| i.contains(w));
    if has(&[
        "fix",
        "solve",
        "resolve",
        "remedy",
        "recommend",
        "what should i",
        "how do i",
        "how can i",
        "mitigat",
    ]) {
        Task::Recommend
    } else if has(&[
        "cause",
        "why did",
        "why do",
        "why is",
        "why are",
        "root",
        "led to",
        "responsible",
        "triggered",
    ]) {
        Task::RootCause
    } else if has(&[
        "explain",
        "what does",
        "what is this",
        "meaning",
        "mean?",
        "means",
        "interpret",
        "what's this",
    ]) {
        Task::Explain
    } else if has(&[
        "template",
        "parse",
        "structure",
        "pattern",
        "kinds of",
        "group",
    ]) {
        Task::Parse
    } else {
        Task::Anomalies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_find_their_task() {
        assert_eq!(
            route("explain this line: kernel: oom-killer invoked"),
            Task::Explain
        );
        assert_eq!(route("What is unusual since 10:00?"), Task::Anomalies);
        assert_eq!(route("what caused the errors at 10:05?"), Task::RootCause);
        assert_eq!(route("How do I fix this?"), Task::Recommend);
        assert_eq!(route("parse these logs into templates"), Task::Parse);
        assert_eq!(route("anything odd?"), Task::Anomalies);
    }
}
