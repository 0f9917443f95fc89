//! Which templates a question is about. Templates are ranked by how much of
//! the question's content they cover (rare words weigh more), by phrases
//! they share with it, and only then by how often they occur. Templates
//! that cover the question equally are variants of one event and are
//! selected together.

use std::collections::{HashMap, HashSet};

use crate::knowledge::{Knowledge, TemplateInfo};
use crate::retrieve::terms_of;

/// Words that say what a question wants done, not what the logs say.
const GENERIC: &[&str] = &[
    "report",
    "logg",
    "tri",
    "try",
    "attempt",
    "made",
    "make",
    "anyon",
    "someon",
    "somebody",
    "anybody",
    "caus",
    "cause",
    "many",
    "overall",
    "altogether",
    "whole",
    "level",
    "chang",
    "change",
    "evolv",
    "vari",
    "trend",
    "grow",
];

/// Question words and the words logs use for them (stemmed).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("success", &["accept", "succeed", "success", "ok"]),
    ("successful", &["accept", "succeed", "success", "ok"]),
    ("successfully", &["accept", "succeed", "success", "ok"]),
    ("connect", &["connection", "connect"]),
    ("connection", &["connection", "connect"]),
    ("terminat", &["terminat", "termin", "kill", "stop"]),
    ("stopp", &["stop", "shutdown", "terminat"]),
    ("start", &["start", "begin", "spawn", "launch"]),
    ("delet", &["delet", "remov"]),
    ("remov", &["delet", "remov"]),
    ("replicat", &["replicat", "transfer", "copi", "copy"]),
    ("spawn", &["spawn", "start", "launch", "creat"]),
    // A connection or session begins and ends in many words.
    ("new", &["new", "accept", "open", "establish"]),
    ("open", &["open", "accept", "establish"]),
    ("clos", &["clos", "end", "disconnect"]),
    // Refusals: servers say a request was denied in several words.
    (
        "deni",
        &["deni", "deny", "forbid", "refus", "reject", "block"],
    ),
    (
        "deny",
        &["deni", "deny", "forbid", "refus", "reject", "block"],
    ),
    (
        "block",
        &["block", "deni", "deny", "forbid", "refus", "reject"],
    ),
    ("refus", &["refus", "reject", "deni", "deny"]),
    ("reject", &["reject", "refus", "deni", "deny"]),
];

/// Stems that say how something ended: a question word of these that no
/// line has still means "no" ("did any block fail verification?" over
/// lines that only say "Verification succeeded").
const OUTCOMES: &[&str] = &[
    "fail", "error", "err", "succe", "success", "ok", "deni", "deny", "refus", "reject", "invalid",
    "timeout", "crash", "panic", "except", "abort", "kill", "lost", "lose", "drop", "unabl",
    "cannot", "not", "never", "bad", "wrong", "broken", "warn", "manag",
];

/// Whether a question's stemmed term says how something ended.
pub(crate) fn is_outcome(term: &str) -> bool {
    // Short stems whole ("not" is not "notice"), longer ones as prefixes.
    OUTCOMES
        .iter()
        .any(|o| term == *o || (o.len() >= 4 && term.starts_with(o)))
}

/// The words logs use for a question's stemmed term, the term aside.
pub(crate) fn synonyms(term: &str) -> impl Iterator<Item = &'static str> + '_ {
    SYNONYMS
        .iter()
        .filter(move |(w, _)| *w == term)
        .flat_map(|(_, alternatives)| alternatives.iter().copied())
        .filter(move |a| *a != term)
}

#[derive(Debug, Clone)]
pub struct Selected<'k> {
    /// The best template first; more than one when they are variants.
    pub templates: Vec<&'k TemplateInfo>,
    /// The question's terms the templates contain.
    pub matched: Vec<String>,
    /// The share of the question's content covered, weighted by rarity.
    pub coverage: f64,
    /// Terms no template (nor label value) contains.
    pub unknown: Vec<String>,
}

impl<'k> Selected<'k> {
    /// Templates chosen for what they hold (a parameter), not for the
    /// question's words: all of them, as if they covered it whole.
    pub fn all_of(templates: Vec<&'k TemplateInfo>) -> Selected<'k> {
        Selected {
            templates,
            matched: Vec::new(),
            coverage: 1.0,
            unknown: Vec::new(),
        }
    }
}

/// The terms of a template's constant text, camelCase split
/// (`addStoredBlock` → add, stored, block): the message's, and the header's
/// apart (they say less about what happened).
fn template_terms(t: &TemplateInfo) -> (Vec<String>, Vec<String>) {
    let cut = t.header_len.min(t.text.len());
    let cut = if t.text.is_char_boundary(cut) { cut } else { 0 };
    // Both `addStoredBlock` as parts and `addstoredblock` whole.
    let terms = |s: &str| {
        let text = s.replace("<*>", " ");
        let mut t = terms_of(&split_camel(&text));
        for whole in terms_of(&text) {
            if !t.contains(&whole) {
                t.push(whole);
            }
        }
        t
    };
    (terms(&t.text[cut..]), terms(&t.text[..cut]))
}

fn split_camel(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        out.push(c);
    }
    out
}

/// The content terms of the question's keywords, in order, without
/// generic words and without `drop` (words used for grouping or levels).
pub fn content_terms(keywords: &[String], drop: &[String]) -> Vec<String> {
    let dropped: HashSet<String> = drop.iter().flat_map(|w| terms_of(w)).collect();
    let mut out: Vec<String> = Vec::new();
    for k in keywords {
        for t in terms_of(k) {
            if !dropped.contains(&t) && !GENERIC.contains(&t.as_str()) && !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// How well the template's terms meet one question term: 1 for the word
/// itself or a synonym, 0.8 for a word it begins (`ftp` → `ftpd`).
fn strength(q: &str, terms: &HashSet<&str>) -> f64 {
    let alternatives: &[&str] = SYNONYMS
        .iter()
        .find(|(w, _)| *w == q)
        .map_or(&[], |(_, s)| *s);
    if terms.contains(q) || alternatives.iter().any(|a| terms.contains(a)) {
        return 1.0;
    }
    if q.len() >= 3 && terms.iter().any(|t| t.len() > q.len() && t.starts_with(q)) {
        return 0.8;
    }
    // A noun made of a word the templates have: "invalidation" (stemmed
    // `invalidat`) of `invalidSet`.
    let derived = |t: &&str| {
        t.len() >= 5
            && q.strip_prefix(*t).is_some_and(|rest| {
                matches!(
                    rest,
                    "at" | "ation" | "ion" | "ment" | "ance" | "ence" | "al"
                )
            })
    };
    if terms.iter().any(derived) {
        return 0.8;
    }
    0.0
}

/// A template token part constant, part parameter (`recsys-v<*>`) can be
/// the one-word `quoted` (`recsys-v43`): its constant pieces in order, the
/// first at the start and the last at the end. A bare `<*>` holds anything,
/// so it says nothing.
fn glob_holds(token: &str, quoted: &str, case: bool) -> bool {
    if !token.contains("<*>") || quoted.contains(char::is_whitespace) {
        return false;
    }
    let (token, quoted) = if case {
        (token.to_string(), quoted.to_string())
    } else {
        (token.to_lowercase(), quoted.to_lowercase())
    };
    let pieces: Vec<&str> = token.split("<*>").collect();
    if pieces.iter().map(|p| p.len()).sum::<usize>() < 2 {
        return false;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    let Some(mut rest) = quoted.strip_prefix(first) else {
        return false;
    };
    for middle in &pieces[1..pieces.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    rest.len() > last.len() && rest.ends_with(last)
}

/// Select the templates `terms` are about; `quoted` phrases must appear in
/// them verbatim (case-sensitive when any template has them so); `usable`
/// narrows the candidates (templates with the parameter a question groups
/// by, say) when any qualifies.
pub fn select<'k>(
    k: &'k Knowledge,
    terms: &[String],
    quoted: &[String],
    extra_vocabulary: &[String],
    usable: &dyn Fn(&TemplateInfo) -> bool,
) -> Option<Selected<'k>> {
    if terms.is_empty() && quoted.is_empty() {
        return None;
    }
    let per_template: Vec<(Vec<String>, Vec<String>)> =
        k.templates.iter().map(template_terms).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (message, head) in &per_template {
        let unique: HashSet<&str> = message.iter().chain(head).map(String::as_str).collect();
        for t in unique {
            *df.entry(t).or_default() += 1;
        }
    }
    let extra: HashSet<String> = extra_vocabulary.iter().flat_map(|w| terms_of(w)).collect();
    let n = k.templates.len().max(1) as f64;
    let idf = |df: usize| ((n + 1.0) / (df as f64 + 0.5)).ln().max(0.1);
    let all_terms: HashSet<&str> = df.keys().copied().collect();
    // A word no template has, where the templates have a word logs use
    // for it ("denied" over `forbidden by rule`): that word.
    let terms: Vec<String> = terms
        .iter()
        .map(|q| {
            if strength(q, &all_terms) > 0.0 || extra.contains(q) {
                return q.clone();
            }
            synonyms(q)
                .find(|a| strength(a, &all_terms) > 0.0)
                .map_or_else(|| q.clone(), str::to_string)
        })
        .collect();
    let terms = terms.as_slice();
    let unknown: Vec<String> = terms
        .iter()
        .filter(|q| strength(q, &all_terms) == 0.0 && !extra.contains(*q))
        .cloned()
        .collect();
    // A word no template has counts as much as a typical word: it says
    // the question is about something else, without drowning the rest.
    let known: Vec<f64> = terms
        .iter()
        .filter_map(|q| df.get(q.as_str()).map(|&d| idf(d)))
        .collect();
    let typical = if known.is_empty() {
        1.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    let weight = |q: &str| -> f64 {
        match df.get(q) {
            Some(&d) => idf(d),
            None => typical,
        }
    };
    let total: f64 = terms.iter().map(|q| weight(q)).sum::<f64>().max(1e-9);

    // Quoted phrases: verbatim if any template has them so, else ignoring
    // case; in the constant text or as a value a parameter was seen to take
    // (`Model <*> loaded` holds "recsys-v43" as well as `… recsys-v43 found`).
    let contains_quoted = |t: &TemplateInfo, case: bool| {
        quoted.iter().all(|q| {
            let in_text = if case {
                t.text.contains(q.as_str())
            } else {
                t.text.to_lowercase().contains(&q.to_lowercase())
            };
            // A value holds it as a whole token: `com.example.shop/.ui.Main`
            // holds "com.example.shop".
            let seen = |v: &String| {
                if case {
                    super::anchor::holds_whole(v, q)
                } else {
                    super::anchor::holds_whole(&v.to_lowercase(), &q.to_lowercase())
                }
            };
            in_text
                || t.params
                    .iter()
                    .any(|p| p.top_values.iter().any(|(v, _)| seen(v)))
                || t.text
                    .split_whitespace()
                    .any(|token| glob_holds(token, q, case))
        })
    };
    let case_sensitive = k.templates.iter().any(|t| contains_quoted(t, true));
    let quoted_ok = |t: &TemplateInfo| quoted.is_empty() || contains_quoted(t, case_sensitive);
    let any_usable = k.templates.iter().any(|t| quoted_ok(t) && usable(t));

    struct Scored {
        index: usize,
        coverage: f64,
        phrases: usize,
        matched: Vec<String>,
    }
    let mut scored: Vec<Scored> = Vec::new();
    for (index, t) in k.templates.iter().enumerate() {
        if !quoted_ok(t) || (any_usable && !usable(t)) {
            continue;
        }
        let (seq, head) = &per_template[index];
        let set: HashSet<&str> = seq.iter().map(String::as_str).collect();
        let head: HashSet<&str> = head.iter().map(String::as_str).collect();
        let mut covered = 0.0;
        let mut matched = Vec::new();
        for q in terms {
            let s = strength(q, &set).max(0.8 * strength(q, &head));
            if s > 0.0 {
                covered += s * weight(q);
                matched.push(q.clone());
            }
        }
        if matched.is_empty() && quoted.is_empty() {
            continue;
        }
        let phrases = terms
            .windows(2)
            .filter(|w| seq.windows(2).any(|p| p[0] == w[0] && p[1] == w[1]))
            .count();
        let coverage = if terms.is_empty() {
            1.0
        } else {
            covered / total
        };
        scored.push(Scored {
            index,
            coverage,
            phrases,
            matched,
        });
    }
    let score = |s: &Scored| {
        s.coverage + 0.25 * s.phrases as f64 + 0.03 * (1.0 + k.templates[s.index].count as f64).ln()
    };
    let best = scored.iter().max_by(|a, b| score(a).total_cmp(&score(b)))?;
    // Variants: the same words, as well covered, the same phrases.
    let mut templates: Vec<&TemplateInfo> = scored
        .iter()
        .filter(|s| {
            s.matched == best.matched
                && s.phrases == best.phrases
                && (s.coverage - best.coverage).abs() < 1e-6
        })
        .map(|s| &k.templates[s.index])
        .collect();
    let first = &k.templates[best.index];
    templates.sort_by_key(|t| (!std::ptr::eq(*t, first), std::cmp::Reverse(t.count)));
    Some(Selected {
        templates,
        matched: best.matched.clone(),
        coverage: best.coverage,
        unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{BuildOptions, KnowledgeBuilder};
    use crate::source::Labels;

    fn knowledge(lines: &[&str]) -> Knowledge {
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a".to_string(), "b".to_string())]);
        for (i, l) in lines.iter().enumerate() {
            for j in 0..3 {
                b.add(&labels, (i * 3 + j) as i64, &l.replace('#', &j.to_string()));
            }
        }
        b.finish()
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn coverage_and_phrases_beat_frequency() {
        let k = knowledge(&[
            "Failed password for root from 10.0.0.# port 22 ssh2",
            "reverse mapping checking getaddrinfo for host# failed - POSSIBLE BREAK-IN ATTEMPT!",
            "reverse mapping checking getaddrinfo for other# failed - POSSIBLE BREAK-IN ATTEMPT!",
            "Accepted password for bob from 10.0.0.# port 22 ssh2",
        ]);
        let terms = content_terms(&words("failed password attempts"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert!(
            s.templates[0].text.starts_with("Failed password"),
            "{:?}",
            s.templates[0].text
        );
        let terms = content_terms(&words("successful logins"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert!(
            s.templates[0].text.starts_with("Accepted"),
            "{:?}",
            s.templates[0].text
        );
    }

    #[test]
    fn a_noun_made_of_a_template_word_meets_it() {
        let k = knowledge(&[
            "BLOCK* NameSystem.delete: blk_# is added to invalidSet of 10.0.0.1:50010",
            "PacketResponder # for block blk_# terminating",
            "Receiving block blk_# src: /10.0.0.#:50010",
            "Received block blk_# of size 6710# from /10.0.0.1",
        ]);
        let terms = content_terms(&words("blocks queued invalidation"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert!(
            s.templates[0].text.contains("invalidSet"),
            "{:?}",
            s.templates[0].text
        );
    }

    #[test]
    fn unknown_words_and_quotes() {
        let k = knowledge(&[
            "kernel: Memory: #k available",
            "kernel: Linux version 2.6.#",
            "ftpd[#]: connection from 10.0.0.# at Jul",
            "xinetd: warning: can't get client address: Connection reset by peer #",
        ]);
        let terms = content_terms(&words("kernel panics"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert_eq!(s.unknown, vec!["panic".to_string()]);
        let terms = content_terms(&words("ftp connections"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert_eq!(s.templates.len(), 1);
        assert!(s.templates[0].text.contains("ftpd"));
        let s = select(&k, &[], &["Connection reset".into()], &[], &|_| true).unwrap();
        assert!(s.templates[0].text.contains("xinetd"));
    }

    #[test]
    fn a_word_no_template_has_is_met_by_the_word_logs_use_for_it() {
        let k = knowledge(&[
            "[client 10.0.0.#] Directory index forbidden by rule: /var/www/html/",
            "[client 10.0.0.#] File does not exist: /var/www/html/favicon.ico",
            "jk2_init() Found child # in scoreboard slot 6",
        ]);
        let terms = content_terms(&words("was anyone denied"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true).unwrap();
        assert!(s.templates[0].text.contains("forbidden"), "{s:?}");
        assert!(!s.unknown.iter().any(|w| w.starts_with("den")), "{s:?}");
        // A word with no such alternative in the data stays unknown.
        let terms = content_terms(&words("was anyone throttled"), &[]);
        let s = select(&k, &terms, &[], &[], &|_| true);
        assert!(
            s.as_ref()
                .is_none_or(|s| s.unknown.iter().any(|w| w.starts_with("throttl"))),
            "{s:?}"
        );
    }

    #[test]
    fn a_quoted_name_is_held_by_a_parameter_that_took_it() {
        // The model's name is constant in the one line that found it, and a
        // parameter's value where models are loaded.
        let mut lines: Vec<String> = ["m1", "m2", "recsys-v43"]
            .iter()
            .map(|m| format!("Model {m} loaded in 1#.5s"))
            .collect();
        lines.push("New model version recsys-v43 found, reloading".into());
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let k = knowledge(&lines);
        let terms = content_terms(&words("model loaded"), &[]);
        let s = select(&k, &terms, &["recsys-v43".into()], &[], &|_| true).unwrap();
        assert!(
            s.templates[0].text.contains("loaded"),
            "{:?}",
            s.templates[0].text
        );
        // A value that holds the name as a whole token holds it too.
        let k = knowledge(&[
            "Displayed com.shop/.Main# for user 0",
            "Displayed com.mail/.Inbox# for user 0",
            "Displayed org.maps/.View# for user 0",
            "GC freed 12# objects in com.shop",
        ]);
        let terms = content_terms(&words("displayed"), &[]);
        let s = select(&k, &terms, &["com.shop".into()], &[], &|_| true).unwrap();
        assert!(
            s.templates[0].text.contains("Displayed"),
            "{:?}",
            s.templates[0].text
        );
    }

    #[test]
    fn a_token_part_parameter_may_be_the_quoted_word() {
        assert!(glob_holds("recsys-v<*>", "recsys-v43", true));
        assert!(glob_holds("<*>.log", "app.log", true));
        assert!(glob_holds("blk_<*>", "BLK_12", false));
        assert!(!glob_holds("blk_<*>", "BLK_12", true));
        assert!(!glob_holds("<*>", "anything", true));
        assert!(!glob_holds("recsys-v<*>", "recsys-v", true));
        assert!(!glob_holds("v<*>x", "v1y", true));
    }
}
