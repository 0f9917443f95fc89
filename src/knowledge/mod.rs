//! The log knowledge base: what the logs of a scope say, as templates with
//! counts, times, label sets, examples, typed parameters and the LogQL that
//! selects and parses each; built from any [`LogSource`], persisted as
//! Arrow IPC and loaded in milliseconds.

mod build;
pub mod cache;
pub mod enrich;
pub mod fields;
pub mod header;
pub mod params;
pub mod queries;
pub mod sample;
mod store;

use serde::{Deserialize, Serialize};

pub use build::{BuildOptions, KnowledgeBuilder};
pub use params::{ParamInfo, ParamType};
pub use queries::TemplateQueries;
pub use sample::{sample_source, SampleOptions};
pub use store::{load, save, KnowledgeError, KNOWLEDGE_FILE};

use crate::source::Labels;

/// Bumped when the stored layout changes; older files are refused with a
/// message to rebuild.
pub const FORMAT_VERSION: u32 = 3;

/// Bumped when a build reads the same lines into different knowledge
/// (a field layout newly inferred, say) in the same format: knowledge
/// cached by an earlier build is then built afresh.
pub const BUILD_REVISION: u32 = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct TemplateInfo {
    pub id: String,
    /// The template, `<*>` for each variable.
    pub text: String,
    pub count: u64,
    /// Unix nanoseconds.
    pub first_seen: i64,
    pub last_seen: i64,
    pub label_sets: Vec<Labels>,
    pub examples: Vec<String>,
    pub params: Vec<ParamInfo>,
    pub queries: TemplateQueries,
    /// Bytes of `text` that are the line header (the message follows).
    pub header_len: usize,
    /// A plain-language summary, when an LLM wrote one.
    pub summary: Option<String>,
    /// An embedding of the template (and summary), when an embedding
    /// model was configured at indexing.
    pub embedding: Option<Vec<f32>>,
    /// Lines kept while building (not persisted).
    pub(crate) samples: Vec<String>,
}

impl TemplateInfo {
    /// The template's message: its text after the line header.
    pub fn message(&self) -> &str {
        self.text.get(self.header_len..).unwrap_or(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Knowledge {
    pub version: u32,
    /// The stream selector the knowledge describes.
    pub scope: String,
    /// Where it was built from (a file, a Loki URL).
    pub source: String,
    /// Lines read.
    pub lines: u64,
    /// The newest line read (Unix ns): a refresh continues from here.
    pub covered_until: i64,
    /// Most frequent first.
    pub templates: Vec<TemplateInfo>,
    /// The header layout the lines share, if any.
    pub header: Option<header::HeaderInfo>,
    /// The typed fields of structured lines (JSON, logfmt, access logs),
    /// if the lines are mostly structured.
    pub fields: Option<fields::FieldsInfo>,
}

impl Knowledge {
    pub fn template(&self, id: &str) -> Option<&TemplateInfo> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// Changes when the set of templates or their queries change, or the
    /// structured fields' names and types, not when counts do: what a
    /// cached generated query depends on. Stable across builds and Rust
    /// versions (FNV-1a), so it can be stored.
    pub fn fingerprint(&self) -> String {
        let mut parts: Vec<(&str, &str, String)> = self
            .templates
            .iter()
            .map(|t| (t.id.as_str(), t.text.as_str(), t.queries.selection()))
            .collect();
        parts.sort();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |s: &str| {
            for b in s.bytes().chain([0xff]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(&self.scope);
        for (id, text, selection) in &parts {
            eat(id);
            eat(text);
            eat(selection);
        }
        // The fields a planner may filter, group and unwrap on, by name and
        // type (not their counts).
        if let Some(f) = &self.fields {
            eat(f.format.name());
            for p in &f.fields {
                eat(&p.name);
                eat(&p.kind.name());
            }
        }
        format!("v{}-{hash:016x}", self.version)
    }

    /// Fold a newer build of the same scope into this one (an incremental
    /// refresh): counts add up, times widen, label sets and examples are
    /// united within their caps, and the newer parameters and queries win.
    pub fn merge(&mut self, newer: Knowledge) {
        self.lines += newer.lines;
        self.covered_until = self.covered_until.max(newer.covered_until);
        self.source = newer.source;
        if newer.header.is_some() {
            self.header = newer.header;
        }
        // Profiles do not add up (quantiles); the newer lines describe the
        // fields as they are now.
        if newer.fields.is_some() {
            self.fields = newer.fields;
        }
        for t in newer.templates {
            match self.templates.iter_mut().find(|old| old.id == t.id) {
                Some(old) => {
                    old.count += t.count;
                    old.first_seen = old.first_seen.min(t.first_seen);
                    old.last_seen = old.last_seen.max(t.last_seen);
                    for l in t.label_sets {
                        if !old.label_sets.contains(&l) && old.label_sets.len() < 20 {
                            old.label_sets.push(l);
                        }
                    }
                    old.examples = t.examples;
                    old.params = t.params;
                    old.queries = t.queries;
                    if t.summary.is_some() {
                        old.summary = t.summary;
                    }
                }
                None => self.templates.push(t),
            }
        }
        self.templates
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    }
}

/// The JSON form of the parts stored as text columns.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredParts {
    pub label_sets: Vec<std::collections::BTreeMap<String, String>>,
    pub examples: Vec<String>,
    pub params: Vec<ParamInfo>,
    pub queries: TemplateQueries,
    #[serde(default)]
    pub header_len: usize,
    /// Little-endian f32s, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
}
