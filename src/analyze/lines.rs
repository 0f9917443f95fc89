//! Lines prepared for analysis: each line's time, header fields (level,
//! component, node...), message and template, from one pass of the header
//! splitter and the miner.

use std::collections::HashMap;

use crate::knowledge::header::Splitter;
use crate::mining::{ClusterId, Miner, MinerConfig};
use crate::source::Labels;

#[derive(Debug, Clone)]
pub struct Line {
    pub ts: i64,
    pub text: String,
    pub labels: Labels,
    /// Header fields by name (level, component, host, node...).
    pub fields: HashMap<String, String>,
    /// Where the message starts in `text`.
    pub message_at: usize,
    pub cluster: ClusterId,
}

impl Line {
    pub fn message(&self) -> &str {
        self.text.get(self.message_at..).unwrap_or(&self.text)
    }

    /// The level from the header, upper-cased (`FATAL`, `ERROR`...), if any.
    pub fn level(&self) -> Option<String> {
        self.fields
            .get("level")
            .map(String::as_str)
            .or_else(|| self.labels.get("level"))
            .map(str::to_ascii_uppercase)
    }
}

/// Fields a header may carry that say nothing about what happened and, in
/// some datasets, carry answers (BGL's first column is its anomaly label):
/// analysis never reads them.
pub const IGNORED_FIELDS: &[&str] = &["alert", "epoch", "date", "timestamp"];

pub struct Prepared {
    pub lines: Vec<Line>,
    pub miner: Miner,
    pub header: Option<Splitter>,
}

impl Prepared {
    pub fn template(&self, line: &Line) -> &str {
        &self.miner.template(line.cluster).text
    }
}

/// Split, mine and keep every line (in input order).
pub fn prepare(input: impl IntoIterator<Item = (Labels, i64, String)>) -> Prepared {
    let input: Vec<(Labels, i64, String)> = input.into_iter().collect();
    let sample: Vec<&str> = input
        .iter()
        .take(1000)
        .map(|(_, _, l)| l.as_str())
        .collect();
    let splitter = Splitter::detect(&sample);
    let mut miner = Miner::new(MinerConfig::default());
    let mut lines = Vec::with_capacity(input.len());
    for (labels, ts, text) in input {
        let split = splitter.as_ref().and_then(|s| s.split(&text));
        let mut fields = HashMap::new();
        let mut message_at = 0;
        if let (Some(s), Some(sp)) = (&splitter, &split) {
            for (i, r) in &sp.fields {
                let name = &s.names()[*i];
                if !IGNORED_FIELDS.contains(&name.as_str()) {
                    fields.insert(name.clone(), text[r.clone()].to_string());
                }
            }
            message_at = sp.message;
        }
        let cluster = miner.add(&text[message_at..]);
        lines.push(Line {
            ts,
            text,
            labels,
            fields,
            message_at,
            cluster,
        });
    }
    miner.finish();
    Prepared {
        lines,
        miner,
        header: splitter,
    }
}
