//! Retrieval: which templates and labels a question is about. BM25 over
//! each template's text, summary and parameter names, and over label names
//! and values; every hit says which terms made it.
//!
//! Terms are normalised the same way for documents and questions: lower
//! case, split at anything not alphanumeric, a light stemmer, and a few
//! log-specific equivalences (`failed`/`failure`, `login`/`logon`/`auth`).

use std::collections::HashMap;

use crate::knowledge::Knowledge;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Template,
    LabelName,
    LabelValue,
}

#[derive(Debug, Clone)]
struct Doc {
    kind: DocKind,
    /// Template id, label name, or `name=value`.
    key: String,
    terms: HashMap<String, u32>,
    len: u32,
}

/// One retrieved document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: DocKind,
    pub key: String,
    pub score: f64,
    /// The question terms this document contains: why it was chosen.
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Retriever {
    docs: Vec<Doc>,
    df: HashMap<String, u32>,
    avg_len: f64,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;

impl Retriever {
    /// Index a knowledge base's templates and a source's labels
    /// (`(name, values)`; values may be empty).
    pub fn new(knowledge: Option<&Knowledge>, labels: &[(String, Vec<String>)]) -> Retriever {
        let mut r = Retriever::default();
        if let Some(k) = knowledge {
            for t in &k.templates {
                let mut text = t.text.clone();
                for p in &t.params {
                    text.push(' ');
                    text.push_str(&p.name);
                    text.push(' ');
                    text.push_str(p.kind.name());
                }
                if let Some(s) = &t.summary {
                    text.push(' ');
                    text.push_str(s);
                }
                r.add(DocKind::Template, t.id.clone(), &text);
            }
        }
        for (name, values) in labels {
            r.add(DocKind::LabelName, name.clone(), name);
            for v in values {
                r.add(DocKind::LabelValue, format!("{name}={v}"), v);
            }
        }
        let total: u64 = r.docs.iter().map(|d| u64::from(d.len)).sum();
        r.avg_len = total as f64 / r.docs.len().max(1) as f64;
        r
    }

    fn add(&mut self, kind: DocKind, key: String, text: &str) {
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut len = 0;
        for t in terms_of(text) {
            len += 1;
            *terms.entry(t).or_default() += 1;
        }
        for t in terms.keys() {
            *self.df.entry(t.clone()).or_default() += 1;
        }
        self.docs.push(Doc {
            kind,
            key,
            terms,
            len,
        });
    }

    /// The best `limit` documents for the question's words, best first;
    /// documents matching no term are not returned.
    pub fn search(&self, words: &[String], limit: usize) -> Vec<Hit> {
        let mut query: Vec<String> = words.iter().flat_map(|w| terms_of(w)).collect();
        query.sort();
        query.dedup();
        let n = self.docs.len() as f64;
        let mut hits: Vec<Hit> = self
            .docs
            .iter()
            .filter_map(|d| {
                let mut score = 0.0;
                let mut matched = Vec::new();
                for q in &query {
                    let Some(&tf) = d.terms.get(q) else {
                        continue;
                    };
                    let df = f64::from(self.df.get(q).copied().unwrap_or(0));
                    let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                    let tf = f64::from(tf);
                    let norm = K1 * (1.0 - B + B * f64::from(d.len) / self.avg_len.max(1.0));
                    score += idf * tf * (K1 + 1.0) / (tf + norm);
                    matched.push(q.clone());
                }
                (score > 0.0).then(|| Hit {
                    kind: d.kind,
                    key: d.key.clone(),
                    score,
                    matched,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
        hits.truncate(limit);
        hits
    }
}

/// Normalised terms of a text.
pub fn terms_of(text: &str) -> Vec<String> {
    // Digits are cut away: `ssh2` is about ssh, and numbers are values.
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(|w| canonical(&stem(&w.to_lowercase())).to_string())
        .collect()
}

/// A light English stemmer: enough to meet `logins`/`login`,
/// `failed`/`fail`, `connections`/`connection`, `lost`/`lose`,
/// `leadership`/`leader`.
fn stem(w: &str) -> String {
    if let Some(base) = irregular_base(w) {
        return stem(base);
    }
    // A state or role word meets its root: `ownership`, `leadership`.
    if let Some(base) = w.strip_suffix("ship") {
        if base.len() >= 4 {
            return stem(base);
        }
    }
    // `retried` and `retries` meet `retry`, `queries` meets `query`.
    if let Some(base) = w.strip_suffix("ied").or_else(|| w.strip_suffix("ies")) {
        if base.len() >= 3 {
            return format!("{base}y");
        }
    }
    if let Some(base) = w.strip_suffix('s') {
        if base.len() >= 3 && !base.ends_with('s') {
            return stem(base);
        }
    }
    // `generation` meets `generated`, `connection` meets `connected`.
    for suffix in ["ing", "ed", "ion"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.len() >= 3 {
                return base.to_string();
            }
        }
    }
    // `delete` meets `deleting` and `deleted`.
    if let Some(base) = w.strip_suffix('e') {
        if base.len() >= 4 && !base.ends_with('e') {
            return base.to_string();
        }
    }
    w.to_string()
}

/// The base form of an irregular English verb's past forms, which no
/// suffix rule reaches: "did the controller lose its lease" is about
/// `lease lost`.
fn irregular_base(w: &str) -> Option<&'static str> {
    const FORMS: &[(&str, &[&str])] = &[
        ("lose", &["lost"]),
        ("find", &["found"]),
        ("send", &["sent"]),
        ("get", &["got", "gotten"]),
        ("write", &["wrote", "written"]),
        ("begin", &["began", "begun"]),
        ("run", &["ran"]),
        ("hold", &["held"]),
        ("take", &["took", "taken"]),
        ("give", &["gave", "given"]),
        ("keep", &["kept"]),
        ("build", &["built"]),
        ("break", &["broke", "broken"]),
        ("choose", &["chose", "chosen"]),
        ("fall", &["fell", "fallen"]),
        ("freeze", &["froze", "frozen"]),
        ("hang", &["hung"]),
        ("hide", &["hid", "hidden"]),
        ("spend", &["spent"]),
        ("steal", &["stole", "stolen"]),
        ("throw", &["threw", "thrown"]),
        ("bind", &["bound"]),
        ("catch", &["caught"]),
        ("bring", &["brought"]),
        ("make", &["made"]),
        ("say", &["said"]),
        ("tell", &["told"]),
        ("sell", &["sold"]),
        ("go", &["went", "gone"]),
        ("come", &["came"]),
        ("become", &["became"]),
        ("see", &["saw", "seen"]),
        ("know", &["knew", "known"]),
        ("grow", &["grew", "grown"]),
        ("draw", &["drew", "drawn"]),
        ("lead", &["led"]),
        ("feed", &["fed"]),
        ("meet", &["met"]),
        ("pay", &["paid"]),
        ("rise", &["rose", "risen"]),
        ("speak", &["spoke", "spoken"]),
        ("wake", &["woke", "woken"]),
        ("tear", &["tore", "torn"]),
        ("drive", &["drove", "driven"]),
        ("deal", &["dealt"]),
        ("mean", &["meant"]),
        ("strike", &["struck"]),
        ("stick", &["stuck"]),
        ("sleep", &["slept"]),
        ("spin", &["spun"]),
        ("win", &["won"]),
        ("seek", &["sought"]),
        ("shake", &["shook", "shaken"]),
        ("forget", &["forgot", "forgotten"]),
        ("overwrite", &["overwrote", "overwritten"]),
    ];
    FORMS
        .iter()
        .find(|(_, forms)| forms.contains(&w))
        .map(|(base, _)| *base)
}

/// Words logs and people use for the same thing.
fn canonical(w: &str) -> &str {
    match w {
        "failure" | "fail" | "unsuccessful" | "failur" => "fail",
        "login" | "logon" | "log-in" | "signin" | "auth" | "authentication" | "authenticat" => {
            "login"
        }
        // "Trouble serving blocks" is what logs call an error or exception.
        "err" | "error" | "exception" | "except" | "fatal" | "problem" | "trouble" | "troubl" => {
            "error"
        }
        "warn" | "warning" => "warn",
        "disconnect" | "disconnection" => "disconnect",
        "refus" | "refuse" | "reject" => "refuse",
        "sshd" | "ssh" => "ssh",
        "password" | "passwd" => "password",
        "restart" | "reboot" => "restart",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Knowledge, TemplateInfo};

    fn template(id: &str, text: &str) -> TemplateInfo {
        TemplateInfo {
            id: id.into(),
            text: text.into(),
            count: 1,
            first_seen: 0,
            last_seen: 0,
            label_sets: Vec::new(),
            examples: Vec::new(),
            params: Vec::new(),
            queries: crate::knowledge::queries::build(text, &[], |_| 1.0),
            summary: None,
            embedding: None,
            header_len: 0,
            samples: Vec::new(),
        }
    }

    #[test]
    fn finds_the_template_a_question_is_about() {
        let k = Knowledge {
            version: 1,
            scope: String::new(),
            source: String::new(),
            lines: 3,
            covered_until: 0,
            header: None,
            fields: None,
            templates: vec![
                template("a", "Failed password for <*> from <*> port <*> ssh2"),
                template("b", "Accepted password for <*> from <*> port <*> ssh2"),
                template("c", "Connection closed by <*> [preauth]"),
            ],
        };
        let labels = vec![(
            "app".to_string(),
            vec!["sshd".to_string(), "nginx".to_string()],
        )];
        let r = Retriever::new(Some(&k), &labels);
        let words: Vec<String> = ["failed", "ssh", "logins"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let hits = r.search(&words, 3);
        assert_eq!(hits[0].key, "a", "{hits:?}");
        assert!(hits[0].matched.contains(&"fail".to_string()));
        // The label value sshd answers "ssh" too.
        assert!(hits.iter().any(|h| h.key == "app=sshd"), "{hits:?}");
        assert!(r.search(&["kubernetes".to_string()], 3).is_empty());
    }

    #[test]
    fn terms_are_normalised() {
        assert_eq!(
            terms_of("Failed logins, failures!"),
            ["fail", "login", "fail"]
        );
        assert_eq!(terms_of("Connections closed 42"), ["connect", "clos"]);
        assert_eq!(
            terms_of("invoice generation"),
            terms_of("invoice generated")
        );
    }

    #[test]
    fn irregular_past_forms_and_role_words_meet_their_roots() {
        assert_eq!(terms_of("lose leadership"), terms_of("lost leader"));
        assert_eq!(terms_of("was it found"), terms_of("was it finding"));
        assert_eq!(terms_of("ownership"), terms_of("owner"));
        assert_eq!(terms_of("retried retries"), terms_of("retry retrying"));
        assert_eq!(terms_of("slow queries"), terms_of("slow query"));
        // Short words keep their own spelling.
        assert_eq!(terms_of("ship"), vec!["ship".to_string()]);
    }
}
