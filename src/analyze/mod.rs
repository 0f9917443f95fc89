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

/// The analyses; one classifier reads them and the question's intent
/// from the same words ([`crate::ask::understand`]).
pub use crate::ask::understand::Analysis as Task;

/// The task an instruction asks for (see [`crate::ask::understand::Analysis`]).
pub fn route(instruction: &str) -> Task {
    crate::ask::understand::understand(instruction, &crate::ask::understand::Clock::system(0))
        .analysis
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
        // The line explained decides nothing, nor do quoted words.
        assert_eq!(
            route("explain: kernel: fix-up of page table failed, caused by a bad DIMM"),
            Task::Explain
        );
        assert_eq!(
            route(r#"what does "fix applied to root cause" mean?"#),
            Task::Explain
        );
        assert_eq!(route("why did checkout fail at 10:20?"), Task::RootCause);
        assert_eq!(route("what should we do about the 502s?"), Task::Recommend);
        assert_eq!(route("what kinds of messages are there?"), Task::Parse);
    }
}
