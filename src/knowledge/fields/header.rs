//! The fields of a plain-text line's header (level, thread, logger,
//! program, pid …), as an inferred layout reads them: the same
//! expression runs on Loki as a `| regexp` stage.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::knowledge::header::Splitter;

/// A header layout inferred from a sample (see `knowledge::header`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeaderLayout {
    /// The anchored RE2 expression; its named groups are the fields. The
    /// time is not one: it is the entry's timestamp already.
    pub regex: String,
    #[serde(skip)]
    compiled: OnceLock<Option<Regex>>,
}

impl PartialEq for HeaderLayout {
    fn eq(&self, other: &Self) -> bool {
        self.regex == other.regex
    }
}

impl Eq for HeaderLayout {}

impl std::hash::Hash for HeaderLayout {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.regex.hash(state);
    }
}

impl HeaderLayout {
    /// The layout most of `sample` shares, if any, with at least one field
    /// besides the time.
    pub fn infer(sample: &[&str]) -> Option<HeaderLayout> {
        Self::of(&Splitter::detect(sample)?)
    }

    /// The fields a header splitter reads, if it names any besides the time.
    pub fn of(splitter: &Splitter) -> Option<HeaderLayout> {
        let layout = HeaderLayout {
            regex: splitter.stage_regex().to_string(),
            compiled: OnceLock::new(),
        };
        let fields = layout.regex()?.capture_names().flatten().count();
        (fields > 0).then_some(layout)
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(&self.regex).ok())
            .as_ref()
    }

    /// Calls `emit` for each field of `line`; `false` when the line does
    /// not have the header (a continuation line).
    pub fn extract(&self, line: &str, emit: &mut dyn FnMut(&str, &str)) -> bool {
        let Some(re) = self.regex() else {
            return false;
        };
        let Some(caps) = re.captures(line) else {
            return false;
        };
        for name in re.capture_names().flatten() {
            if let Some(m) = caps.name(name) {
                emit(name, m.as_str());
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_fields_but_not_the_time() {
        let lines = [
            "2026-12-06 10:00:01,123 ERROR [pool-1] c.e.Invoices - Invoice 9 failed",
            "2026-12-06 10:00:02,123 INFO [main] c.e.App - Started in 3 s",
            "2026-12-06 10:00:03,123 WARN [exec-1] c.e.Api - Slow call 812 ms",
        ];
        let layout = HeaderLayout::infer(&lines).unwrap();
        let mut got = Vec::new();
        assert!(layout.extract(lines[0], &mut |k, v| got.push(format!("{k}={v}"))));
        assert_eq!(
            got,
            ["level=ERROR", "thread=pool-1", "component=c.e.Invoices"]
        );
        assert!(!layout.extract("\tat c.e.Invoices.run(Invoices.java:42)", &mut |_, _| {}));
    }
}
