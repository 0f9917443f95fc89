//! Parsing: the templates of the selected lines, most frequent first, with
//! counts, typed parameters and an example.

use std::collections::HashMap;

use serde::Serialize;

use super::lines::Prepared;
use crate::knowledge::ParamType;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedTemplate {
    pub id: String,
    pub template: String,
    pub count: usize,
    /// One type per `<*>`, from the values seen.
    pub params: Vec<String>,
    pub example: String,
}

pub fn templates(p: &Prepared) -> Vec<ParsedTemplate> {
    // id → (template, count, example, values per parameter, its matcher)
    type Acc<'p> = (
        &'p str,
        usize,
        &'p str,
        Vec<Vec<String>>,
        Option<regex::Regex>,
    );
    let mut acc: HashMap<&str, Acc<'_>> = HashMap::new();
    for l in &p.lines {
        let t = p.miner.template(l.cluster);
        let e = acc.entry(t.id.as_str()).or_insert_with(|| {
            (
                t.text.as_str(),
                0,
                l.text.as_str(),
                Vec::new(),
                matcher(&t.text),
            )
        });
        e.1 += 1;
        if e.1 <= 50 {
            if let Some(values) = e.4.as_ref().and_then(|re| values_with(re, l.message())) {
                e.3.resize(values.len(), Vec::new());
                for (slot, v) in e.3.iter_mut().zip(values) {
                    slot.push(v);
                }
            }
        }
    }
    let mut out: Vec<ParsedTemplate> = acc
        .into_iter()
        .map(
            |(id, (template, count, example, values, _))| ParsedTemplate {
                id: id.to_string(),
                template: template.to_string(),
                count,
                params: values
                    .iter()
                    .map(|vs| majority_type(vs).name().to_string())
                    .collect(),
                example: crate::llm::untrusted(example),
            },
        )
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The values a message gives the template's variables, if it fits.
pub fn values_of(template: &str, message: &str) -> Option<Vec<String>> {
    values_with(&matcher(template)?, message)
}

/// A regex matching the template's messages, a group per variable.
pub fn matcher(template: &str) -> Option<regex::Regex> {
    let parts: Vec<&str> = template.split("<*>").collect();
    let mut pattern = String::from("^");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            pattern.push_str("(.*?)");
        }
        pattern.push_str(&regex::escape(part));
    }
    pattern.push_str(r"\s*$");
    regex::Regex::new(&pattern).ok()
}

/// The values `re` (from [`matcher`]) finds in a message.
pub fn values_with(re: &regex::Regex, message: &str) -> Option<Vec<String>> {
    let caps = re.captures(message.trim_end())?;
    Some(
        caps.iter()
            .skip(1)
            .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
            .collect(),
    )
}

fn majority_type(values: &[String]) -> ParamType {
    let mut counts: HashMap<ParamType, usize> = HashMap::new();
    for v in values {
        *counts.entry(ParamType::of(v)).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(t, n)| (*n, t.name()))
        .map_or(ParamType::Word, |(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lines::prepare;
    use crate::source::Labels;

    #[test]
    fn templates_with_counts_and_typed_parameters() {
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        let lines = [
            "Accepted password for bob from 10.0.0.1 port 22",
            "Accepted password for bob from 10.0.0.2 port 23",
            "Accepted password for bob from 10.0.0.3 port 24",
            "Connection closed",
        ];
        let p = prepare(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (labels.clone(), i as i64, l.to_string())),
        );
        let t = templates(&p);
        assert_eq!(t[0].count, 3, "{t:#?}");
        assert_eq!(t[0].template, "Accepted password for bob from <*> port <*>");
        assert_eq!(t[0].params, ["ip", "int"]);
        assert_eq!(t[1].count, 1);
    }
}
