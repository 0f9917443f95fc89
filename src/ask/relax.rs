//! Relaxing: a planned query that found nothing because its word filters
//! (`|~ "(?i)login"`, one per word of the question the planner could not
//! tie to a template) ask for words that no line holds together — "failed
//! ssh logins" over lines that say "Failed password … ssh2". The caller
//! runs the variants this module builds, without the words no line holds
//! and then without one more word each, and keeps the first that finds
//! lines; the words dropped are named in the explanation.

use logql::visit::{rewrite_expr, walk_expr, Rewriter, Visitor};
use logql::{FilterValue, LineFilterOp, LogExpr, Stage};

use super::plan::Plan;

/// Most variants one question runs.
pub const MAX_VARIANTS: usize = 5;

/// The word of a case-insensitive word filter, `|~ "(?i)login"` → `login`.
fn word_of(stage: &Stage) -> Option<String> {
    let Stage::LineFilter(f) = stage else {
        return None;
    };
    let [FilterValue::Text(pattern)] = f.values.as_slice() else {
        return None;
    };
    let word = pattern.strip_prefix("(?i)")?;
    let plain = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_');
    (f.op == LineFilterOp::Regex && plain).then(|| word.to_string())
}

/// The words of a query's word filters, in order.
pub fn words(query: &str) -> Vec<String> {
    let Ok(expr) = logql::parse(query) else {
        return Vec::new();
    };
    let mut collect = Collect(Vec::new());
    walk_expr(&mut collect, &expr);
    collect.0
}

struct Collect(Vec<String>);

impl Visitor for Collect {
    fn visit_stage(&mut self, stage: &Stage) {
        self.0.extend(word_of(stage));
    }
}

/// Drops the word filters on `words`; keeps track of whether any filter
/// on the lines is left.
struct Drop<'a> {
    words: &'a [String],
    filters_left: bool,
}

impl Rewriter for Drop<'_> {
    fn rewrite_log_expr(&mut self, log: &mut LogExpr) {
        log.pipeline
            .retain(|s| word_of(s).is_none_or(|w| !self.words.contains(&w)));
        self.filters_left |= log
            .pipeline
            .iter()
            .any(|s| matches!(s, Stage::LineFilter(_) | Stage::LabelFilter(_)));
    }
}

/// The plan without the word filters on `drop`; None when no filter on
/// the lines would be left (that would count every line) or the query
/// does not parse.
pub fn without(plan: &Plan, drop: &[String]) -> Option<Plan> {
    let mut expr = logql::parse(plan.query()).ok()?;
    let mut dropper = Drop {
        words: drop,
        filters_left: false,
    };
    rewrite_expr(&mut dropper, &mut expr);
    if !dropper.filters_left {
        return None;
    }
    let query = expr.to_string();
    Some(match plan {
        Plan::Logs {
            start,
            end,
            limit,
            direction,
            ..
        } => Plan::Logs {
            query,
            start: *start,
            end: *end,
            limit: *limit,
            direction: *direction,
        },
        Plan::Instant { time, .. } => Plan::Instant { query, time: *time },
        Plan::Range {
            start, end, step, ..
        } => Plan::Range {
            query,
            start: *start,
            end: *end,
            step: *step,
        },
    })
}

/// The log query of the lines holding one word, within `selector`.
pub fn word_probe(selector: &[logql::Matcher], word: &str) -> LogExpr {
    LogExpr {
        selector: selector.to_vec(),
        pipeline: vec![Stage::LineFilter(logql::LineFilter {
            op: LineFilterOp::Regex,
            values: vec![FilterValue::Text(format!("(?i){word}"))],
        })],
    }
}

/// The order to try: the words no line holds all at once, then each other
/// word in turn besides them.
pub fn variants(words: &[String], absent: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if !absent.is_empty() {
        out.push(absent.to_vec());
    }
    for w in words.iter().filter(|w| !absent.contains(w)) {
        let mut drop = absent.to_vec();
        drop.push(w.clone());
        out.push(drop);
    }
    out.truncate(MAX_VARIANTS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &str =
        r#"sum(count_over_time({app="sshd"} |~ "(?i)ssh" |~ "(?i)login" |= "Failed" [1h]))"#;

    #[test]
    fn word_filters_are_found_and_dropped() {
        assert_eq!(words(Q), ["ssh", "login"]);
        let plan = Plan::Instant {
            query: Q.into(),
            time: 0,
        };
        let relaxed = without(&plan, &["login".into()]).unwrap();
        assert_eq!(
            relaxed.query(),
            r#"sum(count_over_time({app="sshd"} |~ "(?i)ssh" |= "Failed"[1h]))"#
        );
    }

    #[test]
    fn nothing_is_dropped_down_to_no_filter() {
        let plan = Plan::Logs {
            query: r#"{app="a"} |~ "(?i)talk""#.into(),
            start: 0,
            end: 1,
            limit: 10,
            direction: crate::source::Direction::Backward,
        };
        assert!(without(&plan, &["talk".into()]).is_none());
        // Other regexes are not word filters.
        assert!(words(r#"{app="a"} |~ "(?i)(error|fail)" |~ "\\b503\\b""#).is_empty());
    }

    #[test]
    fn absent_words_go_first_then_one_more_each() {
        let w: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let v = variants(&w, &["b".into()]);
        assert_eq!(v[0], ["b"]);
        assert_eq!(v[1], ["b", "a"]);
        assert_eq!(v[2], ["b", "c"]);
    }
}
