//! TEMPORARY stand-in until the real miner lands: every distinct line with
//! digits masked is its own template.
use std::borrow::Cow;
use std::collections::HashMap;
pub type ClusterId = u32;
#[derive(Debug, Clone, Default)]
pub struct MinerConfig {}
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub text: String,
    pub count: u64,
}
#[derive(Default)]
pub struct Miner {
    index: HashMap<String, u32>,
    templates: Vec<Template>,
}
impl Miner {
    pub fn new(_c: MinerConfig) -> Miner {
        Miner::default()
    }
    pub fn add(&mut self, message: &str) -> ClusterId {
        let text: String = message
            .split(' ')
            .map(|t| {
                if t.bytes().any(|b| b.is_ascii_digit()) {
                    "<*>"
                } else {
                    t
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let n = self.templates.len() as u32;
        let id = *self.index.entry(text.clone()).or_insert(n);
        if id == n {
            self.templates.push(Template {
                id: format!("{:016x}", n),
                text,
                count: 0,
            });
        }
        self.templates[id as usize].count += 1;
        id
    }
    pub fn finish(&mut self) {}
    pub fn template(&self, id: ClusterId) -> &Template {
        &self.templates[id as usize]
    }
    pub fn templates(&self) -> Vec<&Template> {
        self.templates.iter().collect()
    }
}
pub fn message_of(line: &str) -> Cow<'_, str> {
    Cow::Borrowed(line)
}
