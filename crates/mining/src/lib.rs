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

mod mask;
mod message;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use mask::Masked;
pub use mask::WILDCARD;
pub use message::message_of;

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

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn hash_bytes(mut h: u64, s: &[u8]) -> u64 {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    mix(h, u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56))
}

fn shape_hash(m: &Masked) -> u64 {
    let mut h = mix(0x9e37_79b9_7f4a_7c15, m.len() as u64);
    for i in 0..m.len() {
        h = hash_bytes(h, m.tok(i).as_bytes());
    }
    h
}

/// Tokens that select a tree branch; variable-looking ones share one branch.
fn routes_as_wildcard(t: &str) -> bool {
    t.len() > 40 || t.contains(WILDCARD) || t.bytes().any(|b| b.is_ascii_digit())
}

fn leaf_key(m: &Masked, routing: usize) -> u64 {
    let mut h = mix(0x2545_f491_4f6c_dd1d, m.len() as u64);
    for i in 0..routing.min(m.len()) {
        let t = m.tok(i);
        h = if routes_as_wildcard(t) {
            mix(h, 0x5a5a)
        } else {
            hash_bytes(h, t.as_bytes())
        };
    }
    h
}

/// Does `pat` (with `<*>` wildcards matching one or more characters) match `s`?
/// Allocation-free: it runs for every token of every candidate cluster.
fn glob(pat: &str, s: &str) -> bool {
    let Some(first_w) = pat.find(WILDCARD) else {
        return pat == s;
    };
    let last_w = pat.rfind(WILDCARD).unwrap_or(first_w);
    let first = &pat[..first_w];
    let last = &pat[last_w + WILDCARD.len()..];
    if s.len() < first.len() + last.len() || !s.starts_with(first) || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    if last_w > first_w {
        for p in pat[first_w + WILDCARD.len()..last_w].split(WILDCARD) {
            // each wildcard consumes at least one character
            let skip = rest.chars().next().map_or(0, char::len_utf8);
            if skip == 0 {
                return false;
            }
            match rest[skip..].find(p) {
                Some(pos) => rest = &rest[skip + pos + p.len()..],
                None => return false,
            }
        }
    }
    !rest.is_empty()
}

/// The most specific common generalisation of template token `t` and token
/// `m`: the common prefix up to a delimiter, `<*>`, the common suffix from a
/// delimiter. `None` when `t` already covers `m`.
fn generalize_token(t: &str, m: &str) -> Option<Box<str>> {
    if t == m || t == WILDCARD || glob(t, m) {
        return None;
    }
    let tb = t.as_bytes();
    let mb = m.as_bytes();
    let max = tb.len().min(mb.len());
    let mut p = 0;
    while p < max && tb[p] == mb[p] {
        p += 1;
    }
    // cut the prefix right after its last delimiter
    while p > 0 && mask::is_word(tb[p - 1]) {
        p -= 1;
    }
    // never cut inside a `<*>` of the template
    while p > 0 && (t[..p].ends_with('<') || t[..p].ends_with("<*")) {
        p -= 1;
    }
    let mut s = 0;
    while s < max - p && tb[tb.len() - 1 - s] == mb[mb.len() - 1 - s] {
        s += 1;
    }
    while s > 0 && mask::is_word(tb[tb.len() - s]) {
        s -= 1;
    }
    while s > 0 && (t[tb.len() - s..].starts_with('>') || t[tb.len() - s..].starts_with("*>")) {
        s -= 1;
    }
    if !t.is_char_boundary(p) || !t.is_char_boundary(tb.len() - s) {
        return Some(WILDCARD.into());
    }
    let mut out = String::with_capacity(p + 3 + s);
    out.push_str(&t[..p]);
    out.push_str(WILDCARD);
    out.push_str(&t[tb.len() - s..]);
    mask::collapse(&mut out, 0);
    Some(out.into_boxed_str())
}

/// The parts of `t` and `m` that [`generalize_token`] would replace by `<*>`.
fn diff_mids<'a>(t: &'a str, m: &'a str) -> (&'a str, &'a str) {
    let tb = t.as_bytes();
    let mb = m.as_bytes();
    let max = tb.len().min(mb.len());
    let mut p = 0;
    while p < max && tb[p] == mb[p] {
        p += 1;
    }
    while p > 0 && mask::is_word(tb[p - 1]) {
        p -= 1;
    }
    let mut s = 0;
    while s < max - p && tb[tb.len() - 1 - s] == mb[mb.len() - 1 - s] {
        s += 1;
    }
    while s > 0 && mask::is_word(tb[tb.len() - s]) {
        s -= 1;
    }
    match (t.get(p..tb.len() - s), m.get(p..mb.len() - s)) {
        (Some(a), Some(b)) => (a, b),
        _ => (t, m),
    }
}

/// A constant-looking difference: letters and punctuation, no digit, no `<*>`.
fn is_wordish(x: &str) -> bool {
    !x.is_empty() && !x.contains(WILDCARD) && !x.bytes().any(|b| b.is_ascii_digit())
}

/// Does template token `t` differ from message token `m` in a way that is not
/// variable-looking on both sides (a word difference)?
fn is_hard(t: &str, m: &str) -> bool {
    if t == m || glob(t, m) {
        return false;
    }
    let (a, b) = diff_mids(t, m);
    is_wordish(a) || is_wordish(b)
}

/// Positions where the template has a constant that differs from the
/// message in a way that is not variable-looking on both sides.
fn hard_positions(tokens: &[Box<str>], sc: &Masked) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&i| is_hard(&tokens[i], sc.tok(i)))
        .collect()
}

/// Hash of a plain-word token (no digit, no `<*>`; never 0), else 0. Two
/// different plain words always differ in a word-like way, so clusters
/// holding them at one position are never [`Miner::mergeable`].
fn word_sig(t: &str) -> u64 {
    if t.contains(WILDCARD) || t.bytes().any(|b| b.is_ascii_digit()) {
        0
    } else {
        hash_bytes(0x243f_6a88_85a3_08d3, t.as_bytes()) | 1
    }
}

/// Template text: tokens with the original separators; a run of three or
/// more bare `<*>` tokens (a variable-length list) is printed as one `<*>`.
fn build_text(tokens: &[Box<str>], seps: &[Box<str>]) -> String {
    let mut s = String::new();
    let mut i = 0;
    while i < tokens.len() {
        if i > 0 {
            s.push_str(seps.get(i - 1).map_or(" ", |x| x));
        }
        s.push_str(&tokens[i]);
        if tokens[i].as_ref() == WILDCARD {
            let run = tokens[i..]
                .iter()
                .take_while(|t| t.as_ref() == WILDCARD)
                .count();
            if run >= 3 {
                i += run;
                continue;
            }
        }
        i += 1;
    }
    s
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
                    if hard.len() == 1
                        && sibs.len() + 1 >= self.config.min_variants.max(1)
                        && sibs.contains(&cid)
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
            c.template.text = build_text(&c.tokens, &c.seps);
            c.template.id = template_id(&c.template.text);
        }
    }

    fn create(&mut self, msg: &str, sc: &Masked, key: u64) -> ClusterId {
        if self.live >= self.config.max_clusters.max(1) {
            self.evict();
        }
        let tokens: Vec<Box<str>> = (0..sc.len()).map(|i| sc.tok(i).into()).collect();
        let seps: Vec<Box<str>> = (0..sc.seps.len()).map(|i| sc.sep(msg, i).into()).collect();
        let text = build_text(&tokens, &seps);
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

    // ---- segmented LRU ------------------------------------------------------

    fn unlink(&mut self, id: ClusterId) {
        let (prev, next, list) = {
            let c = &self.clusters[id as usize];
            (c.prev, c.next, c.list)
        };
        if list == NO_LIST {
            return;
        }
        let l = &mut self.lists[list as usize];
        if prev == NIL {
            l.head = next;
        } else {
            self.clusters[prev as usize].next = next;
        }
        let l = &mut self.lists[list as usize];
        if next == NIL {
            l.tail = prev;
        } else {
            self.clusters[next as usize].prev = prev;
        }
        self.lists[list as usize].len -= 1;
        let c = &mut self.clusters[id as usize];
        c.prev = NIL;
        c.next = NIL;
        c.list = NO_LIST;
    }

    fn push_front(&mut self, list: u8, id: ClusterId) {
        let head = self.lists[list as usize].head;
        {
            let c = &mut self.clusters[id as usize];
            c.prev = NIL;
            c.next = head;
            c.list = list;
        }
        if head != NIL {
            self.clusters[head as usize].prev = id;
        } else {
            self.lists[list as usize].tail = id;
        }
        let l = &mut self.lists[list as usize];
        l.head = id;
        l.len += 1;
    }

    fn hit(&mut self, id: ClusterId, n: u64) {
        let c = &mut self.clusters[id as usize];
        c.template.count += n;
        let count = c.template.count;
        let list = c.list;
        let target = if count >= 2 { PROTECTED } else { PROBATION };
        if list == target && self.lists[target as usize].head == id {
            return;
        }
        self.unlink(id);
        self.push_front(target, id);
        let cap = (self.config.max_clusters.max(1) * 4 / 5).max(1);
        while self.lists[PROTECTED as usize].len > cap {
            let tail = self.lists[PROTECTED as usize].tail;
            self.unlink(tail);
            self.push_front(PROBATION, tail);
        }
    }

    fn evict(&mut self) {
        let victim = match self.lists[PROBATION as usize].tail {
            NIL => self.lists[PROTECTED as usize].tail,
            t => t,
        };
        if victim == NIL {
            return;
        }
        self.unlink(victim);
        self.remove_from_leaf(victim);
        let c = &mut self.clusters[victim as usize];
        c.generation = c.generation.wrapping_add(1);
        c.tokens = Vec::new();
        c.seps = Vec::new();
        if c.children == 0 {
            c.state = State::Free;
            self.free.push(victim);
        } else {
            c.state = State::Evicted;
        }
        self.live -= 1;
    }

    fn remove_from_leaf(&mut self, id: ClusterId) {
        let (key, slot) = {
            let c = &self.clusters[id as usize];
            (c.leaf, c.slot as usize)
        };
        if let Some(v) = self.leaves.get_mut(&key) {
            let pos = if v.get(slot) == Some(&id) {
                Some(slot)
            } else {
                v.iter().position(|&x| x == id)
            };
            if let Some(pos) = pos {
                v.swap_remove(pos);
                if let Some(&moved) = v.get(pos) {
                    self.clusters[moved as usize].slot = pos as u32;
                }
            }
            if v.is_empty() {
                self.leaves.remove(&key);
            }
        }
    }

    /// Move a cluster that just matched halfway towards the end of its leaf,
    /// the part [`Miner::add_masked`] scans: frequently matched clusters stay
    /// in the scan window however large the leaf grows.
    fn promote(&mut self, id: ClusterId) {
        let (key, slot) = {
            let c = &self.clusters[id as usize];
            (c.leaf, c.slot as usize)
        };
        let Some(v) = self.leaves.get_mut(&key) else {
            return;
        };
        if v.get(slot) != Some(&id) || slot + 1 >= v.len() {
            return;
        }
        let to = slot + (v.len() - slot) / 2;
        v.swap(slot, to);
        let other = v[slot];
        self.clusters[other as usize].slot = slot as u32;
        self.clusters[id as usize].slot = to as u32;
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

    /// Merge over-split clusters; call after the last `add` (idempotent).
    pub fn finish(&mut self) {
        for _round in 0..8 {
            let a = self.merge_identical();
            let b = self.merge_similar();
            if !(a || b) {
                break;
            }
        }
    }

    fn live_by_rank(&self) -> Vec<ClusterId> {
        let mut ids: Vec<ClusterId> = (0..self.clusters.len() as ClusterId)
            .filter(|&i| self.clusters[i as usize].state == State::Live)
            .collect();
        ids.sort_by(|&a, &b| {
            let (ca, cb) = (&self.clusters[a as usize], &self.clusters[b as usize]);
            cb.template
                .count
                .cmp(&ca.template.count)
                .then_with(|| a.cmp(&b))
        });
        ids
    }

    fn merge_identical(&mut self) -> bool {
        let mut seen: HashMap<String, ClusterId> = HashMap::new();
        let mut changed = false;
        for id in self.live_by_rank() {
            let text = self.clusters[id as usize].template.text.clone();
            match seen.get(&text) {
                Some(&into) => {
                    self.merge_into(into, id);
                    changed = true;
                }
                None => {
                    seen.insert(text, id);
                }
            }
        }
        changed
    }

    fn merge_similar(&mut self) -> bool {
        let mut groups: HashMap<usize, Vec<ClusterId>> = HashMap::new();
        for id in self.live_by_rank() {
            groups
                .entry(self.clusters[id as usize].tokens.len())
                .or_default()
                .push(id);
        }
        let mut keys: Vec<usize> = groups.keys().copied().collect();
        keys.sort_unstable();
        let mut changed = false;
        const WINDOW: usize = 2000;
        for n in keys {
            let ids = &groups[&n];
            // per position: hash of a plain word (no digit, no `<*>`), else 0;
            // two clusters with different words at one position never merge
            let mut sigs: Vec<u64> = Vec::with_capacity(ids.len() * n);
            for &id in ids {
                sigs.extend(
                    self.clusters[id as usize]
                        .tokens
                        .iter()
                        .map(|t| word_sig(t)),
                );
            }
            for (i, &a) in ids.iter().enumerate() {
                if self.clusters[a as usize].state != State::Live {
                    continue;
                }
                for (k, &b) in ids.iter().enumerate().skip(i + 1).take(WINDOW) {
                    if self.clusters[b as usize].state != State::Live {
                        continue;
                    }
                    let (sa, sb) = (&sigs[i * n..(i + 1) * n], &sigs[k * n..(k + 1) * n]);
                    if sa.iter().zip(sb).any(|(&x, &y)| x != 0 && y != 0 && x != y) {
                        continue;
                    }
                    if self.mergeable(a, b) {
                        self.merge_into(a, b);
                        changed = true;
                        for (p, t) in self.clusters[a as usize].tokens.iter().enumerate() {
                            sigs[i * n + p] = word_sig(t);
                        }
                    }
                }
            }
        }
        changed
    }

    fn mergeable(&self, a: ClusterId, b: ClusterId) -> bool {
        let ta = &self.clusters[a as usize].tokens;
        let tb = &self.clusters[b as usize].tokens;
        if ta.len() != tb.len() {
            return false;
        }
        let mut diffs = 0usize;
        let mut constants = 0usize;
        for (x, y) in ta.iter().zip(tb.iter()) {
            if x == y {
                if !x.contains(WILDCARD) {
                    constants += 1;
                }
                continue;
            }
            let (mx, my) = diff_mids(x, y);
            if glob(x, y) || glob(y, x) || (!is_wordish(mx) && !is_wordish(my)) {
                diffs += 1;
            } else {
                return false;
            }
        }
        let n = ta.len();
        let allowed = ((n as f64) * (1.0 - self.config.similarity)).floor() as usize;
        constants >= 1 && diffs <= allowed.max(1)
    }

    /// Merge cluster `from` into `into`, generalising `into`'s template.
    fn merge_into(&mut self, into: ClusterId, from: ClusterId) {
        if into == from {
            return;
        }
        let from_tokens = std::mem::take(&mut self.clusters[from as usize].tokens);
        let count = self.clusters[from as usize].template.count;
        {
            let c = &mut self.clusters[into as usize];
            if c.tokens.len() == from_tokens.len() {
                for (t, m) in c.tokens.iter_mut().zip(from_tokens.iter()) {
                    if let Some(g) = generalize_token(t, m) {
                        *t = g;
                    } else if t.as_ref() != m.as_ref() && glob(m, t) {
                        *t = m.clone();
                    }
                }
            }
            c.template.text = build_text(&c.tokens, &c.seps);
            c.template.id = template_id(&c.template.text);
            c.template.count += count;
            c.children += 1;
        }
        self.unlink(from);
        self.remove_from_leaf(from);
        let (text, tid) = {
            let t = &self.clusters[into as usize].template;
            (t.text.clone(), t.id.clone())
        };
        let f = &mut self.clusters[from as usize];
        f.state = State::Merged;
        f.parent = into;
        f.seps = Vec::new();
        f.template.text = text;
        f.template.id = tid;
        self.live -= 1;
    }
}

/// Share of the template's constant tokens found in the message (positions
/// where both hold the same masked variable are neutral), and whether the
/// message differs from the template only in variable-looking parts (no
/// [`is_hard`] position).
fn score(tokens: &[Box<str>], sc: &Masked) -> (f64, bool) {
    let mut matched = 0usize;
    let mut total = 0usize;
    let mut soft = true;
    for (i, t) in tokens.iter().enumerate() {
        let m = sc.tok(i);
        if t.as_ref() == m {
            if !t.contains(WILDCARD) {
                matched += 1;
                total += 1;
            }
            continue;
        }
        total += 1;
        if t.contains(WILDCARD) && glob(t, m) {
            if t.as_ref() != WILDCARD {
                matched += 1;
            }
            continue;
        }
        if soft {
            let (a, b) = diff_mids(t, m);
            soft = !is_wordish(a) && !is_wordish(b);
        }
    }
    let s = if total == 0 {
        1.0
    } else {
        matched as f64 / total as f64
    };
    (s, soft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mine(lines: &[&str]) -> (Miner, Vec<ClusterId>) {
        let mut m = Miner::new(MinerConfig::default());
        let ids = lines.iter().map(|l| m.add(l)).collect();
        m.finish();
        (m, ids)
    }

    #[test]
    fn keeps_punctuation_and_spacing() {
        let (m, ids) = mine(&[
            "Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010",
            "Receiving block blk_-2 src: /10.0.0.3:50010 dest: /10.0.0.4:50011",
        ]);
        assert_eq!(
            m.template(ids[0]).text,
            "Receiving block <*> src: <*>:<*> dest: <*>:<*>"
        );
        assert_eq!(m.template(ids[0]), m.template(ids[1]));
        let (m, ids) = mine(&[
            "[instance: 0b2e3c4d-1111-2222-3333-444455556666] VM Started (Lifecycle Event)",
        ]);
        assert_eq!(
            m.template(ids[0]).text,
            "[instance: <*>] VM Started (Lifecycle Event)"
        );
        let (m, ids) = mine(&["a  b\tc 1"]);
        assert_eq!(m.template(ids[0]).text, "a  b\tc <*>");
    }

    #[test]
    fn generalises_words() {
        let users = ["alice", "bob", "carol", "dave", "erin", "frank"];
        let mut lines: Vec<String> = users
            .iter()
            .enumerate()
            .map(|(i, u)| format!("Accepted password for {u} from 1.2.3.{i} port 2{i} ssh2"))
            .collect();
        lines.push("Failed password for carol from 1.2.3.5 port 23 ssh2".into());
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (m, ids) = mine(&refs);
        assert_eq!(
            m.template(ids[0]).text,
            "Accepted password for <*> from <*> port <*> ssh2"
        );
        assert_eq!(m.template(ids[0]).count, 6);
        assert_eq!(m.template(ids[5]), m.template(ids[0]));
        assert_ne!(m.template(ids[6]).id, m.template(ids[0]).id);
        assert_eq!(m.templates().len(), 2);
        assert_eq!(m.templates()[0].count, 6);
    }

    #[test]
    fn few_constant_variants_stay_apart() {
        let mut lines = Vec::new();
        for i in 0..20 {
            for w in ["Started", "Stopped", "Paused"] {
                lines.push(format!(
                    "[instance: 0b2e3c4d-1111-2222-3333-4444555566{i:02}] VM {w} (Lifecycle Event)"
                ));
            }
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (m, _) = mine(&refs);
        let texts: Vec<&str> = m.templates().iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.contains(&"[instance: <*>] VM Paused (Lifecycle Event)"));
    }

    #[test]
    fn partial_token_generalisation() {
        assert_eq!(
            generalize_token("tty=NODEVssh", "tty=:<*>").as_deref(),
            Some("tty=<*>")
        );
        assert_eq!(generalize_token("alice", "bob").as_deref(), Some("<*>"));
        assert_eq!(generalize_token("<*>]", "x]").as_deref(), None);
        assert_eq!(generalize_token("(a)", "(b)").as_deref(), Some("(<*>)"));
        assert!(glob("a<*>b<*>c", "axxbyc"));
        assert!(!glob("a<*>b", "ab"));
        assert!(glob("<*>", "x"));
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(template_id(""), "cbf29ce484222325");
        assert_eq!(template_id("a"), "af63dc4c8601ec8c");
        let (m1, i1) = mine(&["disk sda1 full at 99%"]);
        let (m2, i2) = mine(&["disk sda1 full at 98%"]);
        assert_eq!(m1.template(i1[0]).id, m2.template(i2[0]).id);
        assert_eq!(m1.template(i1[0]).id, template_id(&m1.template(i1[0]).text));
    }

    #[test]
    fn json_and_logfmt_are_mined_on_message() {
        let (m, ids) = mine(&[
            r#"{"level":"info","msg":"user 42 connected"}"#,
            r#"level=info msg="user 43 connected" ts=1"#,
        ]);
        assert_eq!(m.template(ids[0]).text, "user <*> connected");
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn eviction_is_bounded_and_protects_frequent() {
        let mut m = Miner::new(MinerConfig {
            max_clusters: 10,
            ..MinerConfig::default()
        });
        for _ in 0..5 {
            m.add("frequent message here");
        }
        for i in 0..1000 {
            m.add(&format!(
                "unique{} word{} x{}",
                char::from(b'a' + (i % 26) as u8),
                i % 7,
                i
            ));
            assert!(m.len() <= 10);
        }
        assert!(m
            .templates()
            .iter()
            .any(|t| t.text == "frequent message here"));
        assert!(m.clusters.len() <= 11);
    }

    #[test]
    fn finish_merges_over_split() {
        let mut m = Miner::new(MinerConfig::default());
        // different routing branches (variable in the first tokens)
        let a = m.add("R02-M1-N0 node card failed code 7");
        let b = m.add("R13-M0-N4 node card failed code 9");
        m.finish();
        assert_eq!(m.cluster_of(a), m.cluster_of(b));
        assert_eq!(m.template(a).text, "<*> node card failed code <*>");
        assert_eq!(m.template(a).count, 2);
        let before: Vec<Template> = m.templates().into_iter().cloned().collect();
        m.finish();
        let after: Vec<Template> = m.templates().into_iter().cloned().collect();
        assert_eq!(before, after);
        // constants that differ are not merged
        let mut m = Miner::new(MinerConfig::default());
        let a = m.add("cupsd startup succeeded");
        let b = m.add("hcid startup succeeded");
        m.finish();
        assert_ne!(m.cluster_of(a), m.cluster_of(b));
    }

    /// Regression: logfmt access logs without a `msg` field (RFC 3339
    /// timestamp, word values for level/method/agent, numeric rest) must
    /// converge to one cluster per combination of word values while mining,
    /// not one per message.
    #[test]
    fn access_logs_converge_online() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let levels = ["info", "info", "info", "warn", "error"];
        let methods = ["GET", "GET", "POST", "PUT", "DELETE"];
        let paths = ["/api/users", "/api/orders", "/health", "/static/app.js"];
        let agents = [
            "Mozilla/5.0",
            "curl/8.5.0",
            "Go-http-client/1.1",
            "python-requests/2.31",
        ];
        let mut m = Miner::new(MinerConfig::default());
        let mut ms = 0u64;
        for _ in 0..20_000 {
            ms += next(40);
            let line = format!(
                "2024-05-{:02}T{:02}:{:02}:{:02}.{:03}Z level={} method={} path={}/{} status={} took={}ms ip=10.{}.{}.{} agent=\"{}\"",
                1 + ms / 86_400_000,
                ms / 3_600_000 % 24,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                ms % 1000,
                levels[next(5) as usize],
                methods[next(5) as usize],
                paths[next(4) as usize],
                next(100_000),
                [200, 201, 404, 503][next(4) as usize],
                next(3000),
                next(256),
                next(256),
                next(256),
                agents[next(4) as usize],
            );
            m.add(&line);
        }
        // 3 levels x 4 methods x 4 agents = 48 templates
        assert!(m.len() <= 200, "{} live clusters", m.len());
        m.finish();
        let t = m.templates();
        assert!(t.len() <= 48, "{} templates", t.len());
        assert!(t[0]
            .text
            .starts_with("<*> level=info method=GET path=<*> status=<*> took=<*> ip=<*> agent="));
    }

    /// Many distinct word combinations in one leaf: every add stays bounded.
    #[test]
    fn large_leaf_stays_bounded() {
        let words = [
            "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta",
        ];
        let mut m = Miner::new(MinerConfig::default());
        for i in 0..20_000usize {
            let line = format!(
                "job state {} {} {} {}",
                words[i % 8],
                words[i / 8 % 8],
                words[i / 64 % 8],
                words[i / 512 % 8]
            );
            m.add(&line);
        }
        assert!(m.len() <= 4096, "{}", m.len());
        m.finish();
        assert!(!m.templates().is_empty());
    }

    #[test]
    fn no_panics_on_random_input() {
        let alphabet = [
            "a",
            "Z",
            "0",
            "9",
            " ",
            "  ",
            "\t",
            ":",
            "::",
            ".",
            "/",
            "-",
            "_",
            "=",
            "\"",
            "'",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "<*>",
            "<",
            "*",
            ">",
            "@",
            "é",
            "ü1",
            "\u{1F600}",
            "0x",
            "ff",
            "user",
            "Jun",
            "Mon",
            "12:00:00",
            "2005",
            "HTTP/1.1",
            "http://",
            "blk_",
            "req-",
            "?",
            "&",
            "%",
            "msg=",
            "{\"msg\":",
            "\\",
            ",",
            "k",
            "ms",
        ];
        let mut seed: u64 = 0x1234_5678;
        let mut m = Miner::new(MinerConfig {
            max_clusters: 50,
            ..MinerConfig::default()
        });
        for _ in 0..5000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 24) as usize;
            for k in 0..n {
                let r = seed.rotate_left(k as u32 * 5) as usize;
                s.push_str(alphabet[r % alphabet.len()]);
            }
            let id = m.add(&s);
            assert!(m.len() <= 50);
            let _ = m.template(id);
        }
        m.finish();
        let _ = m.templates();
    }

    #[test]
    fn no_panics_on_odd_input() {
        let mut m = Miner::new(MinerConfig::default());
        for s in [
            "",
            " ",
            "<*>",
            "<*><*>",
            "é",
            "\u{0}",
            "{",
            "{}",
            "a=",
            "=",
            "\"",
            "::",
            "/",
            "x/\u{1F600}",
            "<",
            "<*",
            "*>",
            "<*>.<*>",
            "1.2.3.4.5.6.7.8.9",
            "a<*>b <*>c<",
            "ü1:ü2:ü3",
        ] {
            let id = m.add(s);
            let _ = m.template(id);
            let id2 = m.add(&format!("{s} {s}"));
            let _ = m.template(id2);
        }
        m.finish();
        let _ = m.template(123_456);
    }
}
