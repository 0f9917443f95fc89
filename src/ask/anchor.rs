//! Anchors: tokens of the question written the way programs write them —
//! `node-4`, `min.isr`, `MaxRequestWorkers`, `recsys-v43`, `blk_-1608`.
//! People copy these from the logs, so where the data has one as written
//! it pins the answer better than any word around it ("did payments-4
//! fall below min.isr?": the lines hold `payments-4` and `min.isr`, and
//! no line says "fall").
//!
//! Each candidate is looked up, not guessed: constant text of a mined
//! template makes it a required phrase; otherwise one count over the
//! window says whether any line holds it (a parameter's value). A token
//! the data lacks changes nothing.

/// Most tokens one question probes, so a long question stays cheap.
pub const MAX_PROBES: usize = 3;

/// How the data holds an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Constant text of a template: the lines are the template's.
    Constant(String),
    /// Lines hold it, but as a variable part (a partition, a host).
    Value(String),
}

/// The question's identifier-shaped tokens, as written, in order; none
/// that the question's reading already took as an address, a path, a
/// status code or a quoted phrase, and none that names a stream label's
/// value (the selector handles those).
pub fn candidates(question: &str, taken: &[String], label_values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in question.split_whitespace() {
        let token = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches('.');
        let known = taken.iter().any(|t| t == token)
            // The system's own name (`QuorumKeeper` of `filename="quorumkeeper.log"`):
            // the selector already says it.
            || label_values
                .iter()
                .any(|v| super::ground::names_stream(v, &token.to_lowercase()));
        // "(ANR)": an acronym the question quotes from the logs.
        let quoted_acronym = (raw.starts_with('(') || raw.starts_with('`'))
            && token.len() >= 2
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && token.chars().any(|c| c.is_ascii_uppercase());
        if (identifier_shaped(token) || quoted_acronym) && !known && !out.iter().any(|o| o == token)
        {
            out.push(token.to_string());
        }
    }
    out
}

/// Text in parentheses or backticks of two words or more — "(object has
/// been modified)" — which people copy from a line to say which lines.
pub fn phrases(question: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('(', ')'), ('`', '`')] {
        let mut rest = question;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            let inner = after[..end].trim();
            if inner.split_whitespace().count() >= 2 {
                out.push(inner.to_string());
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

/// The form a template's constant text writes a phrase in, matched
/// without case ("Object has been modified" for "object has been modified").
pub fn constant_form(phrase: &str, templates: &[crate::knowledge::TemplateInfo]) -> Option<String> {
    let lower = phrase.to_lowercase();
    templates.iter().find_map(|t| {
        t.message().split("<*>").find_map(|constant| {
            // Lower-casing keeps byte offsets only for ASCII text.
            if !constant.is_ascii() {
                return None;
            }
            let at = whole_matches(&constant.to_lowercase(), &lower).next()?;
            Some(constant[at..at + lower.len()].to_string())
        })
    })
}

/// Words of a quote that stand for a number or a name the lines vary:
/// "'N more authentication failures'", "'Connection from X'".
fn is_placeholder(word: &str) -> bool {
    matches!(
        word,
        "N" | "X" | "Y" | "#" | "..." | "…" | "<n>" | "<N>" | "<x>" | "*"
    )
}

/// A quote that stands for a template with placeholders where its
/// parameters are ("'N more authentication failures'" for `PAM <*> more
/// authentication failures; …`): the longest run of the quote's words the
/// template writes as constant text, which its lines hold.
pub fn placeholder_form(
    quote: &str,
    templates: &[crate::knowledge::TemplateInfo],
) -> Option<String> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if !words.iter().any(|w| is_placeholder(w)) {
        return None;
    }
    // The runs of words between placeholders, longest first.
    let mut runs: Vec<String> = words
        .split(|w| is_placeholder(w))
        .map(|r| r.join(" "))
        .filter(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if runs.is_empty() {
        return None;
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    // Every run is in one template, in the order the quote says, with a
    // parameter where each placeholder is.
    // A plural the quote writes may be singular where N is 1
    // ("1 more authentication failure").
    let pattern: String = words
        .iter()
        .map(|w| {
            if is_placeholder(w) {
                "\\S+".to_string()
            } else if let Some(stem) = w.strip_suffix('s').filter(|s| s.len() >= 3) {
                format!("{}s?", regex::escape(stem))
            } else {
                regex::escape(w)
            }
        })
        .collect::<Vec<_>>()
        .join(r"\s+");
    let re = regex::RegexBuilder::new(&pattern)
        .case_insensitive(true)
        .build()
        .ok()?;
    let matched: Vec<&crate::knowledge::TemplateInfo> = templates
        .iter()
        .filter(|t| re.is_match(t.message()))
        .collect();
    if matched.is_empty() {
        return None;
    }
    // The longest run every such template writes, else its singular.
    // Bound before it is returned: the iterator borrows `runs`.
    let form = runs
        .iter()
        .flat_map(|r| [r.as_str(), r.strip_suffix('s').unwrap_or(r)])
        .find_map(|r| {
            let forms: Option<Vec<String>> = matched.iter().map(|t| written_in(r, t)).collect();
            forms?.into_iter().next()
        });
    form
}

/// The text a template's constants write a phrase as (any case; a prefix
/// of a word too: "failure" of "failures").
fn written_in(phrase: &str, t: &crate::knowledge::TemplateInfo) -> Option<String> {
    let lower = phrase.to_lowercase();
    t.message().split("<*>").find_map(|constant| {
        // Lower-casing keeps byte offsets only for ASCII text.
        let at = constant
            .is_ascii()
            .then(|| constant.to_lowercase().find(&lower))
            .flatten()?;
        Some(constant[at..at + lower.len()].to_string())
    })
}

/// A token a program wrote rather than a word of English: letters with
/// digits, parts joined by `.`, `_` or `-`, or capitals inside a word.
/// Quantities (`2s`, `500ms`, `p95`, `5xx`, `10:00`) are not.
fn identifier_shaped(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    if chars.len() < 3 || t.contains([':', '/', '@']) || is_quantity(t) {
        return false;
    }
    let letters = chars.iter().any(|c| c.is_alphabetic());
    let digits = chars.iter().any(char::is_ascii_digit);
    let joined = chars.windows(3).any(|w| {
        matches!(w[1], '.' | '_' | '-') && w[0].is_alphanumeric() && w[2].is_alphanumeric()
    });
    let inner_capital = chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    letters && (digits || joined || inner_capital)
}

/// Numbers with a unit or a class, percentiles, dates and counts.
pub fn is_quantity(t: &str) -> bool {
    let lower = t.to_lowercase();
    let body = lower.trim_start_matches(['<', '>', '=', '~', '+', '-']);
    let digits_end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    let (number, unit) = body.split_at(digits_end);
    let unitish = unit.len() <= 3 && unit.chars().all(|c| c.is_alphabetic() || c == '%');
    if !number.is_empty() && unitish {
        return true; // 2s, 500ms, 5xx, 1.5gb, 30%
    }
    // p95, p99.9, q1; dates and versions are digits with separators only.
    let percentile = body.len() >= 2
        && body.starts_with(['p', 'q'])
        && body[1..].chars().all(|c| c.is_ascii_digit() || c == '.');
    let only_numbers = body
        .chars()
        .all(|c| c.is_ascii_digit() || "-.,".contains(c));
    percentile || only_numbers
}

/// Whether some template holds the token in its constant text.
pub fn is_constant(token: &str, templates: &[crate::knowledge::TemplateInfo]) -> bool {
    templates.iter().any(|t| {
        t.message()
            .split("<*>")
            .any(|constant| holds_whole(constant, token))
    })
}

/// Where `text` holds `token` not as part of a longer name: `QuorumKeeper`
/// is not in `QuorumKeeperServer@617`.
pub(crate) fn whole_matches<'t>(text: &'t str, token: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(token)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + token.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// `text` holds `token` as a whole word (see [`whole_matches`]).
pub(crate) fn holds_whole(text: &str, token: &str) -> bool {
    whole_matches(text, token).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(q: &str) -> Vec<String> {
        candidates(q, &[], &[])
    }

    #[test]
    fn the_streams_own_name_and_parts_of_longer_names_are_no_anchors() {
        let files = ["quorumkeeper.log".to_string()];
        assert!(candidates("how many QuorumKeeper sessions?", &[], &files).is_empty());
        assert!(!holds_whole(
            "[CommitProcessor:QuorumKeeperServer@617]",
            "QuorumKeeper"
        ));
        assert!(holds_whole("model recsys-v43 found", "recsys-v43"));
    }

    #[test]
    fn identifiers_are_candidates_and_words_are_not() {
        assert_eq!(
            shaped("did payments-4 fall below min.isr?"),
            ["payments-4", "min.isr"]
        );
        assert_eq!(
            shaped("did we run out of apache workers (MaxRequestWorkers) at any point?"),
            ["MaxRequestWorkers"]
        );
        assert_eq!(shaped("first OOM kill on node-4?"), ["node-4"]);
        assert_eq!(shaped("did any app stop responding (ANR)?"), ["ANR"]);
        assert!(shaped("average heart rate (bpm)").is_empty());
        assert!(shaped("were there any kernel panics?").is_empty());
    }

    #[test]
    fn parenthesised_phrases_are_candidates() {
        assert_eq!(
            phrases("were there conflicts (object has been modified) after 11:00?"),
            ["object has been modified"]
        );
        assert!(phrases("errors (any) or `x`").is_empty());
    }

    #[test]
    fn quantities_times_and_known_values_are_not() {
        assert!(shaped("p95 latency above 500ms since 10:00 for 5xx").is_empty());
        assert!(shaped("requests slower than 2s on 2026-12-06").is_empty());
        assert!(candidates("errors from checkout-api", &[], &["checkout-api".into()]).is_empty());
        assert!(candidates("requests from /api/v1", &["/api/v1".into()], &[]).is_empty());
    }

    #[test]
    fn a_token_in_a_variable_part_is_no_constant() {
        use crate::knowledge::{BuildOptions, KnowledgeBuilder};
        use crate::source::Labels;
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a".to_string(), "b".to_string())]);
        for i in 0..40 {
            let line = format!("server reached MaxRequestWorkers setting on node-{}", i % 7);
            b.add(&labels, i, &line);
        }
        let k = b.finish();
        assert!(is_constant("MaxRequestWorkers", &k.templates));
        assert!(!is_constant("node-4", &k.templates));
        assert_eq!(
            constant_form("server REACHED maxrequestworkers", &k.templates).as_deref(),
            Some("server reached MaxRequestWorkers")
        );
        assert_eq!(constant_form("reached node", &k.templates), None);
    }

    #[test]
    fn a_quote_with_placeholders_stands_for_the_template_it_fits() {
        use crate::knowledge::{BuildOptions, KnowledgeBuilder};
        use crate::source::Labels;
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a".to_string(), "b".to_string())]);
        for i in 0..60 {
            let line = match i % 3 {
                0 => format!(
                    "PAM {} more authentication failures; rhost=10.0.0.{i}",
                    2 + i % 4
                ),
                1 => format!("PAM 1 more authentication failure; rhost=10.0.0.{i}"),
                _ => format!("Accepted password for user{} from 10.0.0.{i}", i % 5),
            };
            b.add(&labels, i, &line);
        }
        let k = b.finish();
        // The plural quoted, the singular written where N is 1: what both hold.
        assert_eq!(
            placeholder_form("N more authentication failures", &k.templates).as_deref(),
            Some("more authentication failure")
        );
        // No placeholder, or no template that fits: nothing.
        assert_eq!(
            placeholder_form("more authentication failures", &k.templates),
            None
        );
        assert_eq!(
            placeholder_form("N more password resets", &k.templates),
            None
        );
    }
}
