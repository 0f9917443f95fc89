//! Relaxing: a planned query that found nothing because its word filters
//! (`|~ "(?i)login"`, one per word of the question the planner could not
//! tie to a template) ask for words that no line holds together — "failed
//! ssh logins" over lines that say "Failed password … ssh2". The caller
//! runs the variants this module builds, without the words no line holds
//! and then without one more word each, and keeps the first that finds
//! lines; the words dropped are named in the explanation. Queries over
//! parsed fields write the words as the lines do (`|= "Connection"`): those
//! literal one-word filters are relaxed too where the caller asks.

use logql::visit::{rewrite_expr, walk_expr, Rewriter, Visitor};
use logql::{FilterValue, LineFilterOp, LogExpr, Stage};

use super::plan::Plan;

/// Most variants one question runs.
pub const MAX_VARIANTS: usize = 5;

/// A word filter of a query: `|~ "(?i)login"`, or, where literals are
/// relaxed too, `|= "Connection"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordFilter {
    pub word: String,
    pub literal: bool,
}

/// The word filter a stage is, if any.
fn word_of(stage: &Stage, literals: bool) -> Option<WordFilter> {
    let Stage::LineFilter(f) = stage else {
        return None;
    };
    let [FilterValue::Text(pattern)] = f.values.as_slice() else {
        return None;
    };
    let plain = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    match f.op {
        LineFilterOp::Regex => {
            let word = pattern.strip_prefix("(?i)")?;
            plain(word).then(|| WordFilter {
                word: word.to_string(),
                literal: false,
            })
        }
        LineFilterOp::Contains if literals && plain(pattern) => Some(WordFilter {
            word: pattern.clone(),
            literal: true,
        }),
        _ => None,
    }
}

/// The word filters of a query, in order.
pub fn words(query: &str, literals: bool) -> Vec<WordFilter> {
    let Ok(expr) = logql::parse(query) else {
        return Vec::new();
    };
    let mut collect = Collect(Vec::new(), literals);
    walk_expr(&mut collect, &expr);
    collect.0
}

struct Collect(Vec<WordFilter>, bool);

impl Visitor for Collect {
    fn visit_stage(&mut self, stage: &Stage) {
        self.0.extend(word_of(stage, self.1));
    }
}

/// Drops the word filters on `words`; keeps track of whether any filter
/// on the lines is left.
struct Drop<'a> {
    words: &'a [WordFilter],
    filters_left: bool,
}

impl Rewriter for Drop<'_> {
    fn rewrite_log_expr(&mut self, log: &mut LogExpr) {
        log.pipeline
            .retain(|s| word_of(s, true).is_none_or(|w| !self.words.contains(&w)));
        self.filters_left |= log
            .pipeline
            .iter()
            .any(|s| matches!(s, Stage::LineFilter(_) | Stage::LabelFilter(_)));
    }
}

/// The plan without the word filters on `drop`; None when no filter on
/// the lines would be left (that would count every line) or the query
/// does not parse.
pub fn without(plan: &Plan, drop: &[WordFilter]) -> Option<Plan> {
    let mut expr = logql::parse(plan.query()).ok()?;
    let mut dropper = Drop {
        words: drop,
        filters_left: false,
    };
    rewrite_expr(&mut dropper, &mut expr);
    if !dropper.filters_left {
        return None;
    }
    Some(plan.with_query(expr.to_string()))
}

/// Puts `|~ "(?i)stem"` in place of the word filter on `word`: the word
/// the lines use for it ("new connections" over `Connection accepted`).
struct Swap<'a> {
    word: &'a WordFilter,
    stem: &'a str,
}

impl Rewriter for Swap<'_> {
    fn rewrite_log_expr(&mut self, log: &mut LogExpr) {
        for stage in log.pipeline.iter_mut() {
            if word_of(stage, true).as_ref() == Some(self.word) {
                *stage = Stage::LineFilter(logql::LineFilter {
                    op: LineFilterOp::Regex,
                    values: vec![FilterValue::Text(format!(
                        "(?i){}",
                        regex::escape(self.stem)
                    ))],
                });
            }
        }
    }
}

/// The plan with the filter on `word` asking for `stem` instead.
pub fn swapped(plan: &Plan, word: &WordFilter, stem: &str) -> Option<Plan> {
    let mut expr = logql::parse(plan.query()).ok()?;
    rewrite_expr(&mut Swap { word, stem }, &mut expr);
    Some(plan.with_query(expr.to_string()))
}

/// The log query of the lines holding one word as the filter asks for it,
/// within `selector`.
pub fn word_probe(selector: &[logql::Matcher], w: &WordFilter) -> LogExpr {
    let (op, text) = if w.literal {
        (LineFilterOp::Contains, w.word.clone())
    } else {
        (LineFilterOp::Regex, format!("(?i){}", w.word))
    };
    LogExpr {
        selector: selector.to_vec(),
        pipeline: vec![Stage::LineFilter(logql::LineFilter {
            op,
            values: vec![FilterValue::Text(text)],
        })],
    }
}

/// The order to try: the words no line holds all at once, then each other
/// word in turn besides them; where three or more words are left and no
/// two of them meet, the first of `words` (the caller puts the rarest
/// first) alone.
pub fn variants<T: Clone + PartialEq>(words: &[T], absent: &[T]) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    if !absent.is_empty() {
        out.push(absent.to_vec());
    }
    let present: Vec<&T> = words.iter().filter(|w| !absent.contains(w)).collect();
    for w in &present {
        let mut drop = absent.to_vec();
        drop.push((*w).clone());
        out.push(drop);
    }
    out.truncate(MAX_VARIANTS);
    if let [rarest, rest @ ..] = present.as_slice() {
        if rest.len() >= 2 {
            let mut drop = absent.to_vec();
            drop.extend(rest.iter().map(|w| (*w).clone()));
            debug_assert!(!drop.contains(rarest));
            out.push(drop);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &str =
        r#"sum(count_over_time({app="sshd"} |~ "(?i)ssh" |~ "(?i)login" |= "Failed" [1h]))"#;

    fn regex(w: &str) -> WordFilter {
        WordFilter {
            word: w.into(),
            literal: false,
        }
    }

    fn names(ws: &[WordFilter]) -> Vec<&str> {
        ws.iter().map(|w| w.word.as_str()).collect()
    }

    #[test]
    fn word_filters_are_found_and_dropped() {
        assert_eq!(names(&words(Q, false)), ["ssh", "login"]);
        let plan = Plan::Instant {
            query: Q.into(),
            time: 0,
        };
        let relaxed = without(&plan, &[regex("login")]).unwrap();
        assert_eq!(
            relaxed.query(),
            r#"sum(count_over_time({app="sshd"} |~ "(?i)ssh" |= "Failed"[1h]))"#
        );
    }

    #[test]
    fn a_word_filter_is_swapped_for_the_word_the_lines_use() {
        let plan = Plan::Range {
            query: r#"sum(count_over_time({app="db"} |= "new" |= "Connection"[1m]))"#.into(),
            start: 0,
            end: 60,
            step: 60,
        };
        let new = WordFilter {
            word: "new".into(),
            literal: true,
        };
        let swapped = swapped(&plan, &new, "accept").unwrap();
        assert_eq!(
            swapped.query(),
            r#"sum(count_over_time({app="db"} |~ "(?i)accept" |= "Connection"[1m]))"#
        );
        assert!(matches!(swapped, Plan::Range { step: 60, .. }));
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
        assert!(without(&plan, &[regex("talk")]).is_none());
        // Other regexes are not word filters.
        assert!(words(r#"{app="a"} |~ "(?i)(error|fail)" |~ "\\b503\\b""#, true).is_empty());
    }

    #[test]
    fn literal_words_are_relaxed_only_where_asked() {
        let q = r#"sum(count_over_time({app="db"} |= "new" |= "Connection" |= "two words" | json[1h]))"#;
        assert!(words(q, false).is_empty());
        let found = words(q, true);
        assert_eq!(names(&found), ["new", "Connection"]);
        assert!(found.iter().all(|w| w.literal));
        let plan = Plan::Instant {
            query: q.into(),
            time: 0,
        };
        let relaxed = without(&plan, &found[..1]).unwrap();
        assert_eq!(
            relaxed.query(),
            r#"sum(count_over_time({app="db"} |= "Connection" |= "two words" | json[1h]))"#
        );
        let app = logql::Matcher::new("app", logql::MatchOp::Eq, "db");
        assert_eq!(
            word_probe(&[app], &found[1]).to_string(),
            r#"{app="db"} |= "Connection""#
        );
    }

    #[test]
    fn absent_words_go_first_then_one_more_each() {
        let w: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let v = variants(&w, &["b".into()]);
        assert_eq!(v[0], ["b"]);
        assert_eq!(v[1], ["b", "a"]);
        assert_eq!(v[2], ["b", "c"]);
        // Three words no two of which meet: the rarest alone, last.
        let v = variants(&w, &[]);
        assert_eq!(v.last().unwrap(), &["b", "c"]);
        assert_eq!(v.len(), 4);
        // Two words: never down to one by this step.
        assert_eq!(variants(&w[..2], &[]).len(), 2);
    }
}
