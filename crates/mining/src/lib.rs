//! Online log template mining.
//!
//! [`Miner`] turns a stream of log messages into templates such as
//! `Receiving block <*> src: <*>:<*> dest: <*>:<*>`, in one pass, with
//! bounded memory. It is in the Drain family (fixed-depth routing plus a
//! similarity search among the clusters of one leaf) with these changes:
//!
//! * **Masking before clustering** ([`mask`]): numbers, hex, UUIDs, block and
//!   request ids, IPs (v4 with ports, v6, MAC), paths, URLs, host names,
//!   e-mail addresses, durations and sizes, `ctime` dates and user names after
//!   `user` / `user=` become `<*>` *inside* tokens, so the punctuation around
//!   a variable is kept (`/10.0.0.1:50010` → `<*>:<*>`).
//! * **Original spacing**: templates are printed with the whitespace of the
//!   first message of the cluster.
//! * **Exact-shape cache**: a hash of the masked token sequence maps straight
//!   to its cluster, so repeated shapes (the common case) skip the tree.
//! * **Token-level generalisation**: when two tokens differ only in part
//!   (`(host)` / `()`), only the differing part becomes `<*>`.
//! * **Evidence before generalising words**: a position holding constant
//!   words (`VM Started` / `VM Stopped`) becomes `<*>` only once
//!   `min_variants` clusters differ only there (many user names do);
//!   digit-bearing or masked differences generalise at once.
//! * **Merging on [`Miner::finish`]**: clusters with identical templates,
//!   clusters one of which generalises the other, and clusters that differ
//!   only in variable-looking tokens are merged.
//! * **Bounded memory**: at most `max_clusters` live clusters, evicted by a
//!   segmented LRU (clusters seen at least twice are protected), so one-off
//!   messages cannot flush the frequent templates.
//!
//! Template ids are the FNV-1a 64 hash of the template text as 16 hex digits,
//! stable across runs and machines.

mod lru;
mod mask;
mod merge;
mod message;
mod tokens;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use mask::Masked;
pub use mask::WILDCARD;
pub use message::{message_of, MESSAGE_KEYS};
use tokens::*;

/// Index of a cluster inside a [`Miner`].
pub type ClusterId = u32;

/// Miner settings.
#[derive(Debug, Clone)]
pub struct MinerConfig {
    /// Maximum number of live clusters; the least recently used unprotected
    /// cluster is evicted beyond it. Ids of evicted clusters may be reused.
    pub max_clusters: usize,
    /// Minimum share of constant tokens a message must share with a
    /// cluster's template to join it (0..=1).
    pub similarity: f64,
    /// Routing depth as in Drain: `depth - 2` leading tokens (after masking)
    /// select the leaf besides the token count.
    pub depth: usize,
    /// Run [`message_of`] on every input (mine the `msg` of JSON/logfmt lines).
    pub extract_message: bool,
    /// A position holding constant words (no digits, not masked) only becomes
    /// `<*>` once this many clusters differ from each other only there;
    /// until then each value keeps its own cluster (`VM Started` vs
    /// `VM Stopped` stay apart, many user names merge).
    pub min_variants: usize,
}

impl Default for MinerConfig {
    fn default() -> Self {
        MinerConfig {
            max_clusters: 50_000,
            similarity: 0.5,
            depth: 4,
            extract_message: true,
            min_variants: 5,
        }
    }
}

/// A mined template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// 16 hex digits of the FNV-1a 64 hash of `text`.
    pub id: String,
    /// The template, `<*>` marking variables.
    pub text: String,
    /// Number of messages mined into it.
    pub count: u64,
}

static EMPTY_TEMPLATE: Template = Template {
    id: String::new(),
    text: String::new(),
    count: 0,
};

/// FNV-1a 64 of the template text, as 16 lowercase hex digits.
pub fn template_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

const NIL: u32 = u32::MAX;
/// At most this many clusters of a leaf (the most recently created or
/// matched ones) are compared with a message, so the cost of [`Miner::add`]
/// stays bounded however many clusters a leaf holds.
const MAX_SCAN: usize = 128;
const PROBATION: u8 = 0;
const PROTECTED: u8 = 1;
const NO_LIST: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Live,
    Merged,
    Evicted,
    Free,
}

#[derive(Debug)]
struct Cluster {
    tokens: Vec<Box<str>>,
    seps: Vec<Box<str>>,
    /// Print runs of bare `<*>` as one (set once lists of several lengths
    /// were merged into this cluster).
    lists: bool,
    template: Template,
    parent: ClusterId,
    generation: u32,
    state: State,
    children: u32,
    leaf: u64,
    /// Index of the cluster inside its leaf's vector.
    slot: u32,
    prev: u32,
    next: u32,
    list: u8,
}

#[derive(Debug, Default, Clone, Copy)]
struct List {
    head: u32,
    tail: u32,
    len: usize,
}

/// Identity hasher for keys that already are hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// The online template miner.
#[derive(Debug)]
pub struct Miner {
    config: MinerConfig,
    clusters: Vec<Cluster>,
    leaves: IdMap<Vec<ClusterId>>,
    cache: IdMap<(ClusterId, u32)>,
    lists: [List; 2],
    free: Vec<ClusterId>,
    live: usize,
    messages: u64,
    scratch: Masked,
}

impl std::fmt::Debug for IdHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdHasher")
    }
}

impl Miner {
    /// A miner with the given settings.
    pub fn new(config: MinerConfig) -> Miner {
        Miner {
            config,
            clusters: Vec::new(),
            leaves: IdMap::default(),
            cache: IdMap::default(),
            lists: [List {
                head: NIL,
                tail: NIL,
                len: 0,
            }; 2],
            free: Vec::new(),
            live: 0,
            messages: 0,
            scratch: Masked::default(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &MinerConfig {
        &self.config
    }

    /// Number of live clusters.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True before the first message.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Number of messages mined.
    pub fn messages(&self) -> u64 {
        self.messages
    }

    /// Mine one message; returns its cluster (follow merges with
    /// [`Miner::template`] / [`Miner::cluster_of`]).
    pub fn add(&mut self, message: &str) -> ClusterId {
        self.messages += 1;
        let msg = if self.config.extract_message {
            message_of(message)
        } else {
            std::borrow::Cow::Borrowed(message)
        };
        let mut sc = std::mem::take(&mut self.scratch);
        mask::mask_message(&msg, &mut sc);
        let id = self.add_masked(&msg, &sc);
        self.scratch = sc;
        id
    }

    fn add_masked(&mut self, msg: &str, sc: &Masked) -> ClusterId {
        let h = shape_hash(sc);
        if let Some(&(id, generation)) = self.cache.get(&h) {
            if let Some(root) = self.resolve_cached(id, generation) {
                if self.clusters[root as usize].tokens.len() == sc.len() {
                    self.hit(root, 1);
                    return root;
                }
            }
        }
        let routing = self.config.depth.saturating_sub(2);
        let key = leaf_key(sc, routing);
        // Best candidate: a cluster the message can join without a word
        // difference (`soft`) first, then the highest similarity, then the
        // most messages. Preferring `soft` matters: a sibling with another
        // word value can score as high as the message's own cluster.
        let mut best: Option<(ClusterId, bool, f64, u64)> = None;
        if let Some(leaf) = self.leaves.get(&key) {
            let from = leaf.len().saturating_sub(MAX_SCAN);
            for &cid in &leaf[from..] {
                let c = &self.clusters[cid as usize];
                if c.tokens.len() != sc.len() {
                    continue;
                }
                let (s, soft) = score(&c.tokens, sc);
                let soft = soft && s >= self.config.similarity;
                let better = match best {
                    None => true,
                    Some((_, bsoft, bs, bc)) => (soft, s, c.template.count) > (bsoft, bs, bc),
                };
                if better {
                    best = Some((cid, soft, s, c.template.count));
                }
            }
        }
        let id = match best {
            Some((cid, _, s, _)) if s >= self.config.similarity => {
                let hard = hard_positions(&self.clusters[cid as usize].tokens, sc);
                if hard.is_empty() {
                    self.absorb(cid, sc);
                    self.hit(cid, 1);
                    self.promote(cid);
                    cid
                } else {
                    let sibs = self.siblings(key, sc, &hard);
                    // variants are the values seen at the position, not
                    // the clusters (two may hold one value, differing
                    // elsewhere in values only)
                    let values = || {
                        let mut v: Vec<&str> = sibs
                            .iter()
                            .map(|&c| self.clusters[c as usize].tokens[hard[0]].as_ref())
                            .chain(std::iter::once(sc.tok(hard[0])))
                            .collect();
                        v.sort_unstable();
                        v.dedup();
                        v.len()
                    };
                    if hard.len() == 1
                        && sibs.len() + 1 >= self.config.min_variants.max(1)
                        && sibs.contains(&cid)
                        && values() >= self.config.min_variants.max(1)
                    {
                        for &sib in &sibs {
                            if sib != cid {
                                self.merge_into(cid, sib);
                            }
                        }
                        self.absorb(cid, sc);
                        self.hit(cid, 1);
                        self.promote(cid);
                        cid
                    } else {
                        self.create(msg, sc, key)
                    }
                }
            }
            _ => self.create(msg, sc, key),
        };
        if self.cache.len() >= self.config.max_clusters.saturating_mul(8).max(1 << 16) {
            self.cache.clear();
        }
        let generation = self.clusters[id as usize].generation;
        self.cache.insert(h, (id, generation));
        id
    }

    /// Clusters of leaf `key` that agree with the message everywhere except
    /// at the `hard` positions.
    fn siblings(&self, key: u64, sc: &Masked, hard: &[usize]) -> Vec<ClusterId> {
        let Some(leaf) = self.leaves.get(&key) else {
            return Vec::new();
        };
        let from = leaf.len().saturating_sub(MAX_SCAN);
        leaf[from..]
            .iter()
            .copied()
            .filter(|&cid| {
                let t = &self.clusters[cid as usize].tokens;
                t.len() == sc.len()
                    && t.iter().enumerate().all(|(i, x)| {
                        let m = sc.tok(i);
                        hard.contains(&i) || x.as_ref() == m || glob(m, x) || !is_hard(x, m)
                    })
            })
            .collect()
    }

    fn resolve_cached(&self, id: ClusterId, generation: u32) -> Option<ClusterId> {
        let c = self.clusters.get(id as usize)?;
        if c.generation != generation {
            return None;
        }
        let root = self.cluster_of(id);
        (self.clusters[root as usize].state == State::Live).then_some(root)
    }

    /// Generalise cluster `cid` so that it covers the masked message.
    fn absorb(&mut self, cid: ClusterId, sc: &Masked) {
        let c = &mut self.clusters[cid as usize];
        let mut changed = false;
        for (i, t) in c.tokens.iter_mut().enumerate() {
            if let Some(g) = generalize_token(t, sc.tok(i)) {
                *t = g;
                changed = true;
            }
        }
        if changed {
            c.template.text = build_text(&c.tokens, &c.seps, c.lists);
            c.template.id = template_id(&c.template.text);
        }
    }

    fn create(&mut self, msg: &str, sc: &Masked, key: u64) -> ClusterId {
        if self.live >= self.config.max_clusters.max(1) {
            self.evict();
        }
        let tokens: Vec<Box<str>> = (0..sc.len()).map(|i| sc.tok(i).into()).collect();
        let seps: Vec<Box<str>> = (0..sc.seps.len()).map(|i| sc.sep(msg, i).into()).collect();
        let text = build_text(&tokens, &seps, false);
        let template = Template {
            id: template_id(&text),
            text,
            count: 0,
        };
        let id = match self.free.pop() {
            Some(id) => {
                let c = &mut self.clusters[id as usize];
                c.tokens = tokens;
                c.seps = seps;
                c.lists = false;
                c.template = template;
                c.parent = id;
                c.state = State::Live;
                c.children = 0;
                c.leaf = key;
                c.slot = 0;
                id
            }
            None => {
                let id = self.clusters.len() as ClusterId;
                self.clusters.push(Cluster {
                    tokens,
                    seps,
                    lists: false,
                    template,
                    parent: id,
                    generation: 0,
                    state: State::Live,
                    children: 0,
                    leaf: key,
                    slot: 0,
                    prev: NIL,
                    next: NIL,
                    list: NO_LIST,
                });
                id
            }
        };
        let leaf = self.leaves.entry(key).or_default();
        self.clusters[id as usize].slot = leaf.len() as u32;
        leaf.push(id);
        self.push_front(PROBATION, id);
        self.live += 1;
        self.hit(id, 1);
        id
    }

    // ---- results --------------------------------------------------------------

    /// The live cluster a cluster was merged into (itself if not merged).
    pub fn cluster_of(&self, id: ClusterId) -> ClusterId {
        let mut id = id;
        let mut guard = 0;
        while let Some(c) = self.clusters.get(id as usize) {
            if c.parent == id || guard > self.clusters.len() {
                break;
            }
            id = c.parent;
            guard += 1;
        }
        id
    }

    /// The current template of a cluster, following merges.
    pub fn template(&self, id: ClusterId) -> &Template {
        let root = self.cluster_of(id);
        self.clusters
            .get(root as usize)
            .map_or(&EMPTY_TEMPLATE, |c| &c.template)
    }

    /// All live templates, most frequent first.
    pub fn templates(&self) -> Vec<&Template> {
        let mut v: Vec<&Template> = self
            .clusters
            .iter()
            .filter(|c| c.state == State::Live)
            .map(|c| &c.template)
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        v
    }
}

#[cfg(test)]
mod tests;
