//! A number of the question that is a value of a template's parameter:
//! "workerEnv error state 6" over `… in error state <*>`, where 6 is a value
//! the parameter was seen to take. The question writes the number after the
//! same words the template writes before the parameter, so the lines meant
//! hold those words and the number side by side: `|= "error state 6"`, the
//! filter an expert writes.

use crate::knowledge::TemplateInfo;

/// Most constant words before the parameter the phrase takes.
const MAX_WORDS_BEFORE: usize = 2;

/// The phrase the lines hold for `number`, written as the question writes
/// it (`raw`), in every template of `selected`; `before` are the question's
/// words before the number, lower-case, nearest last.
pub fn phrase(selected: &[&TemplateInfo], before: &[String], raw: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for t in selected {
        let p = phrase_in(t, before, raw)?;
        match &found {
            Some(f) if f != &p => return None,
            _ => found = Some(p),
        }
    }
    found
}

fn phrase_in(t: &TemplateInfo, before: &[String], raw: &str) -> Option<String> {
    let tokens: Vec<&str> = t.text.split(' ').collect();
    let mut param = 0;
    for (i, token) in tokens.iter().enumerate() {
        if *token == "<*>" {
            let words = matching_words(&tokens[..i], before);
            if words > 0 && is_value(t.params.get(param)?, raw) {
                let mut phrase = tokens[i - words..i].join(" ");
                phrase.push(' ');
                phrase.push_str(raw);
                return Some(phrase);
            }
        }
        param += token.matches("<*>").count();
    }
    None
}

/// How many constant words end `tokens` as the question's words end
/// `before` (case aside), up to [`MAX_WORDS_BEFORE`].
fn matching_words(tokens: &[&str], before: &[String]) -> usize {
    tokens
        .iter()
        .rev()
        .zip(before.iter().rev())
        .take(MAX_WORDS_BEFORE)
        .take_while(|(t, b)| {
            !t.contains("<*>") && t.chars().all(char::is_alphabetic) && t.eq_ignore_ascii_case(b)
        })
        .count()
}

/// The number is one the parameter was seen to take, and no other value
/// starts with it (`state 6` would also find `state 60`): none of those
/// seen, and none possible past the values seen unless all were seen.
fn is_value(p: &crate::knowledge::params::ParamInfo, raw: &str) -> bool {
    let seen = p.top_values.iter().any(|(v, _)| v == raw);
    let extends = |v: &str| {
        v.len() > raw.len()
            && v.starts_with(raw)
            && v[raw.len()..].starts_with(|c: char| c.is_ascii_digit())
    };
    let longer_seen = p.top_values.iter().any(|(v, _)| extends(v));
    let all_seen = p.cardinality <= p.top_values.len();
    let digits = i32::try_from(raw.len()).unwrap_or(i32::MAX);
    let no_longer_numbers = p.max.is_some_and(|max| max < 10f64.powi(digits));
    seen && !longer_seen && (all_seen || no_longer_numbers)
}

/// Longest value a question's word may stand for.
const MAX_VALUE_CHARS: usize = 48;

/// The value, as the lines write it, that a word of the question names
/// among the parameters of the selected templates: a value the word is
/// ("cyrus" of `for user <*>`) or a whole token of ("su" of
/// `su(pam_unix)`). `None` when no value or more than one is named.
pub fn word_value(selected: &[&TemplateInfo], word: &str) -> Option<String> {
    if word.len() < 2 || !word.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let names = |v: &str| {
        v.eq_ignore_ascii_case(word)
            || v.split(|c: char| !c.is_alphanumeric())
                .any(|token| token.eq_ignore_ascii_case(word))
    };
    let mut found: Option<&str> = None;
    for t in selected {
        for p in &t.params {
            for (v, _) in &p.top_values {
                if v.len() > MAX_VALUE_CHARS || !names(v) {
                    continue;
                }
                match found {
                    Some(f) if f != v => return None,
                    _ => found = Some(v),
                }
            }
        }
    }
    found.map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{BuildOptions, Knowledge, KnowledgeBuilder};
    use crate::source::Labels;

    /// Knowledge of `lines`, each written `n` times.
    fn knowledge(lines: &[(&str, usize)]) -> Knowledge {
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a", "b")]);
        let mut at = 0;
        for (line, n) in lines {
            for _ in 0..*n {
                at += 1;
                b.add(&labels, at, line);
            }
        }
        b.finish()
    }

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    const STATES: [(&str, usize); 4] = [
        ("mod_jk child workerEnv in error state 6", 30),
        ("mod_jk child workerEnv in error state 7", 10),
        ("mod_jk child workerEnv in error state 8", 5),
        ("jk2_init() Found child 4 in scoreboard slot 7", 9),
    ];

    fn state_template(k: &Knowledge) -> &TemplateInfo {
        k.templates
            .iter()
            .find(|t| t.text.contains("error state"))
            .expect("a template of the error states")
    }

    #[test]
    fn a_seen_value_after_the_same_words_is_a_phrase() {
        let k = knowledge(&STATES);
        let t = state_template(&k);
        let before = words(&["report", "workerenv", "error", "state"]);
        assert_eq!(phrase(&[t], &before, "6").as_deref(), Some("error state 6"));
    }

    #[test]
    fn unseen_values_and_other_words_make_no_phrase() {
        let k = knowledge(&STATES);
        let t = state_template(&k);
        assert_eq!(phrase(&[t], &words(&["state"]), "5"), None);
        assert_eq!(phrase(&[t], &words(&["level"]), "6"), None);
        // "state 6" would also find "state 60".
        let wide = knowledge(&[
            ("error state 6", 9),
            ("error state 60", 3),
            ("error state 7", 3),
        ]);
        let t = state_template(&wide);
        assert_eq!(phrase(&[t], &words(&["state"]), "6"), None);
    }

    #[test]
    fn a_word_names_the_one_value_it_is_or_is_a_token_of() {
        let mut lines: Vec<(String, usize)> = Vec::new();
        for (i, (program, user, n)) in [
            ("su(pam_unix)", "cyrus", 6),
            ("su(pam_unix)", "news", 4),
            ("cron(pam_unix)", "root", 9),
            ("cron(pam_unix)", "cyrus", 2),
            ("login(pam_unix)", "root", 3),
            ("gdm(pam_unix)", "news", 3),
        ]
        .into_iter()
        .enumerate()
        {
            lines.push((
                format!(
                    "Jun 15 04:0{i}:18 combo {program}[{}]: session opened for user {user} by (uid=0)",
                    100 + i
                ),
                n,
            ));
        }
        let lines: Vec<(&str, usize)> = lines.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        let k = knowledge(&lines);
        let selected: Vec<&TemplateInfo> = k.templates.iter().collect();
        let texts: Vec<&str> = selected.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert_eq!(word_value(&selected, "cyrus").as_deref(), Some("cyrus"));
        assert_eq!(word_value(&selected, "su").as_deref(), Some("su(pam_unix)"));
        assert_eq!(
            word_value(&selected, "CRON").as_deref(),
            Some("cron(pam_unix)")
        );
        // Two values hold it: no one value is named.
        assert_eq!(word_value(&selected, "pam"), None);
        assert_eq!(word_value(&selected, "alice"), None);
        assert_eq!(word_value(&selected, "7"), None);
    }
}
