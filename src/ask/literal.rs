//! The shortest line filter that selects a set of templates' lines: what
//! an expert writes (`|= "Failed password"`) instead of the templates as
//! anchored regex alternations, which are long to read and slow to run.
//!
//! A candidate is a span of whole words from the constant text of a
//! template's message. It must be in every selected template's constant
//! text (so it is in every line of theirs) and nowhere in the others:
//! not in their text, their example lines or their parameters' frequent
//! values.

use crate::knowledge::TemplateInfo;

/// Spans longer than this many words are no shorter than the templates.
const MAX_SPAN_WORDS: usize = 6;
/// Shorter literals match by accident ("id", "ok").
const MIN_LITERAL_CHARS: usize = 4;

/// How lines are selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineSelection {
    /// `|= "literal"`: one literal all the selected templates share.
    Contains(String),
    /// `|~ "a|b"`: one literal per template.
    AnyOf(Vec<String>),
}

/// The shortest selection of `selected` among `all`, if there is one.
///
/// Templates of a structured line's message field (`MESSAGE` of journald's
/// JSON) are matched on the whole line, so a literal must also be absent
/// from the frequent values of the lines' other fields (`field_values`),
/// and written the same inside a JSON string (plain ASCII, no quote or
/// backslash).
pub fn shortest_selection(
    selected: &[&TemplateInfo],
    all: &[TemplateInfo],
    field_values: &[&str],
) -> Option<LineSelection> {
    let first = selected.first()?;
    let field = shared_field(selected)?; // else lines of different shapes
    let written_alike = |c: &str| {
        field.is_none()
            || (c.is_ascii()
                && !c.contains(['"', '\\'])
                && !field_values.iter().any(|v| v.contains(c)))
    };
    let is_selected = |t: &TemplateInfo| selected.iter().any(|s| s.id == t.id);
    let others: Vec<&TemplateInfo> = all.iter().filter(|t| !is_selected(t)).collect();
    let usable = |c: &String| absent(&others, c) && written_alike(c);
    let shared = candidates(first)
        .into_iter()
        .find(|c| selected.iter().all(|t| in_constants(t, c)) && usable(c));
    if let Some(l) = shared {
        return Some(LineSelection::Contains(l));
    }
    if selected.len() == 1 {
        return None;
    }
    let each: Option<Vec<String>> = selected
        .iter()
        .map(|t| candidates(t).into_iter().find(usable))
        .collect();
    each.map(|mut ls| {
        ls.sort();
        ls.dedup();
        LineSelection::AnyOf(ls)
    })
}

/// The message field the templates' lines all hand their message in
/// (`Some(None)` for plain lines), or None where their shapes differ.
pub fn shared_field<'t>(
    templates: &[&'t TemplateInfo],
) -> Option<Option<&'t crate::knowledge::queries::MessageField>> {
    let field = templates.first()?.queries.field.as_ref();
    templates
        .iter()
        .all(|t| t.queries.field.as_ref() == field)
        .then_some(field)
}

/// Spans of whole words of a template's message constants, shortest first.
fn candidates(t: &TemplateInfo) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in t.message().split("<*>") {
        let words: Vec<&str> = segment.split_whitespace().collect();
        for start in 0..words.len() {
            for end in start + 1..=(start + MAX_SPAN_WORDS).min(words.len()) {
                let span = words[start..end].join(" ");
                let span = span.trim_matches(|c: char| !c.is_alphanumeric());
                if span.chars().count() >= MIN_LITERAL_CHARS
                    && span.chars().any(char::is_alphabetic)
                    && !out.iter().any(|o| o == span)
                {
                    out.push(span.to_string());
                }
            }
        }
    }
    out.sort_by_key(|s| s.chars().count());
    out
}

/// The literal is in the template's constant text.
fn in_constants(t: &TemplateInfo, literal: &str) -> bool {
    t.message().split("<*>").any(|seg| seg.contains(literal))
}

/// No other template's lines hold the literal, as far as the knowledge
/// shows them.
fn absent(others: &[&TemplateInfo], literal: &str) -> bool {
    others.iter().all(|t| {
        !t.text.contains(literal)
            && !t.examples.iter().any(|e| e.contains(literal))
            && !t
                .params
                .iter()
                .any(|p| p.top_values.iter().any(|(v, _)| v.contains(literal)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{BuildOptions, Knowledge, KnowledgeBuilder};
    use crate::source::Labels;

    fn knowledge(lines: &[&str]) -> Knowledge {
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a", "b")]);
        for (i, l) in lines.iter().enumerate() {
            for j in 0..4 {
                b.add(
                    &labels,
                    (i * 4 + j) as i64,
                    &l.replace('#', &(j * 7).to_string()),
                );
            }
        }
        b.finish()
    }

    fn template<'k>(k: &'k Knowledge, starts: &str) -> &'k TemplateInfo {
        k.templates
            .iter()
            .find(|t| t.message().starts_with(starts))
            .unwrap_or_else(|| panic!("no template starts with {starts:?}"))
    }

    const SSH: [&str; 4] = [
        "Failed password for root from 10.0.0.# port 22 ssh2",
        "Accepted password for bob from 10.0.0.# port 22 ssh2",
        "Failed publickey for bob from 10.0.0.# port 22 ssh2",
        "Connection closed by 10.0.0.# port 22",
    ];

    #[test]
    fn the_shortest_text_only_the_template_has() {
        let k = knowledge(&SSH);
        // "Failed" and "password" are in other templates too; "root" is not.
        let failed = template(&k, "Failed password");
        assert_eq!(
            shortest_selection(&[failed], &k.templates, &[]),
            Some(LineSelection::Contains("root".into()))
        );
        let closed = template(&k, "Connection closed");
        // "closed" alone is the shortest span no other template holds.
        assert_eq!(
            shortest_selection(&[closed], &k.templates, &[]),
            Some(LineSelection::Contains("closed".into()))
        );
    }

    #[test]
    fn several_templates_share_one_literal_or_get_one_each() {
        let k = knowledge(&SSH);
        let failures = [
            template(&k, "Failed password"),
            template(&k, "Failed publickey"),
        ];
        assert_eq!(
            shortest_selection(&failures, &k.templates, &[]),
            Some(LineSelection::Contains("Failed".into()))
        );
        let mixed = [template(&k, "Accepted"), template(&k, "Connection")];
        assert_eq!(
            shortest_selection(&mixed, &k.templates, &[]),
            Some(LineSelection::AnyOf(vec![
                "Accepted".into(),
                "closed".into()
            ]))
        );
    }

    #[test]
    fn a_message_fields_literal_is_in_no_other_field_of_the_lines() {
        // Lines of other messages name the user "root" too, but not the
        // few kept as examples: only the field's frequent values say so.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = Labels::from_pairs([("a", "b")]);
        for i in 0..40 {
            let (user, msg) = if i % 2 == 0 {
                (
                    "admin",
                    format!("Failed password for root from 10.0.0.{i} port 22"),
                )
            } else {
                let user = if i < 10 { "bob" } else { "root" };
                (user, format!("Connection closed by 10.0.0.{i} port 22"))
            };
            let line = format!(r#"{{"user":"{user}","msg":"{msg}"}}"#);
            b.add(&labels, i, &line);
        }
        let k = b.finish();
        let failed = template(&k, "Failed password");
        assert!(failed.queries.field.is_some(), "{:?}", failed.queries);
        assert_eq!(
            shortest_selection(&[failed], &k.templates, &[]),
            Some(LineSelection::Contains("root".into()))
        );
        let Some(LineSelection::Contains(l)) =
            shortest_selection(&[failed], &k.templates, &["user", "root", "bob"])
        else {
            panic!("one literal selects the failures");
        };
        assert!(!l.contains("root") && failed.message().contains(&l), "{l}");
    }

    #[test]
    fn no_literal_when_every_word_is_elsewhere() {
        // The second template's constants are all in the first one's.
        let k = knowledge(&["job # started on node #", "job # started"]);
        let short = k
            .templates
            .iter()
            .find(|t| !t.message().contains("node"))
            .expect("two templates");
        assert_eq!(shortest_selection(&[short], &k.templates, &[]), None);
    }
}
