//! Merging over-split clusters once mining is done: identical templates,
//! one template generalising another, and differences only in
//! variable-looking tokens.

use super::*;

/// Half-open token range of a value span.
type Span = (usize, usize);

impl Miner {
    /// Merge over-split clusters; call after the last `add` (idempotent).
    pub fn finish(&mut self) {
        for _round in 0..8 {
            let a = self.merge_identical();
            let b = self.merge_similar();
            let c = self.merge_variants();
            let d = self.merge_lists();
            let e = self.merge_word_columns();
            let f = self.merge_spans();
            let g = self.merge_crossed_columns();
            let h = self.merge_absorbed();
            if !(a || b || c || d || e || f || g || h) {
                break;
            }
        }
    }

    /// Clusters equal everywhere but at one position that holds a plain word
    /// in each: once `min_variants` of them exist, the position is a
    /// variable (user, program or host names). Online, this evidence is only
    /// gathered inside one routing leaf; a word in the leading tokens sends
    /// every variant to its own leaf, so it is gathered here over all leaves.
    fn merge_variants(&mut self) -> bool {
        let k = self.config.min_variants.max(2);
        let mut groups: HashMap<u64, Vec<ClusterId>> = HashMap::new();
        for id in self.live_by_rank() {
            let toks = &self.clusters[id as usize].tokens;
            let n = toks.len();
            let sig: Vec<u64> = toks
                .iter()
                .map(|t| hash_bytes(0x1357, t.as_bytes()))
                .collect();
            let mut suf = vec![0x2468u64; n + 1];
            for i in (0..n).rev() {
                suf[i] = mix(suf[i + 1], sig[i]);
            }
            let mut pre = mix(0x9e37_79b9, n as u64);
            // short templates need three other constant words, unless
            // the varying token is compound (`com.a.b/.Main`), not one word
            let words = toks.iter().filter(|t| word_sig(t) != 0).count();
            for p in 0..n {
                if word_sig(&toks[p]) != 0 && (words >= 4 || is_compound(&toks[p])) {
                    let key = mix(mix(pre, 0xa5a5 ^ p as u64), suf[p + 1]);
                    groups.entry(key).or_default().push(id);
                }
                pre = mix(pre, sig[p]);
            }
        }
        let mut big: Vec<Vec<ClusterId>> = groups.into_values().filter(|g| g.len() >= k).collect();
        big.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
        let mut changed = false;
        for g in big {
            let live: Vec<ClusterId> = g
                .into_iter()
                .filter(|&id| self.clusters[id as usize].state == State::Live)
                .collect();
            if live.len() < k {
                continue;
            }
            for &from in &live[1..] {
                self.merge_into(live[0], from);
            }
            changed = true;
        }
        changed
    }

    /// Clusters of one token shape that differ in words at several
    /// positions at once (`group falcon-consumers ... [yarrow-1, cedar-2]`):
    /// [`Miner::merge_variants`] needs all but one position equal, so it
    /// never sees them. A position is a variable column when at least
    /// `min_variants` different tokens fill it among clusters that agree
    /// everywhere else; a set of such clusters, itself `min_variants` strong
    /// and holding three constant words, is one template.
    fn merge_word_columns(&mut self) -> bool {
        let k = self.config.min_variants.max(2);
        let mut shapes: HashMap<u64, Vec<ClusterId>> = HashMap::new();
        for id in self.live_by_rank() {
            let toks = &self.clusters[id as usize].tokens;
            let key = toks
                .iter()
                .fold(mix(0x5bd1_e995, toks.len() as u64), |h, t| {
                    mix(h, skeleton_hash(t))
                });
            shapes.entry(key).or_default().push(id);
        }
        let mut sets: Vec<Vec<ClusterId>> = Vec::new();
        let mut shapes: Vec<Vec<ClusterId>> =
            shapes.into_values().filter(|g| g.len() >= k).collect();
        shapes.sort_by_key(|g| g[0]);
        for g in shapes {
            self.column_sets(g, k, 0, &mut sets);
        }
        let mut changed = false;
        for set in sets {
            for &from in &set[1..] {
                self.merge_into(set[0], from);
            }
            changed = true;
        }
        changed
    }

    /// A rare cluster whose message is a frequent template with some of its
    /// bare `<*>` written in several tokens (`thunderbird.exe *64 - ... close,
    /// 1190 bytes (1.16 KB) sent, ... lifetime <1 sec` under `<*> - ... close,
    /// <*> sent, ... lifetime <*>`): the frequent template already says
    /// those positions are variables, and a span of a value with its units,
    /// qualifiers or bitness is one value. [`Miner::merge_spans`] needs the
    /// same rare cluster with spans of other lengths to see that; this needs
    /// the template that holds the values of many. Only spans of two tokens
    /// or more are read into a `<*>` this way (a lone word in place of a
    /// `<*>` is still a word difference), and every constant of the template
    /// must be there, in order.
    fn merge_absorbed(&mut self) -> bool {
        let ranked = self.live_by_rank();
        // templates that can hold others: three constant words, a bare `<*>`
        let patterns: Vec<ClusterId> = ranked
            .iter()
            .copied()
            .filter(|&id| {
                let c = &self.clusters[id as usize];
                c.template.count >= 3
                    && c.tokens.iter().any(|t| t.as_ref() == WILDCARD)
                    && c.tokens
                        .iter()
                        .filter(|t| !has_wildcard(t) && word_sig(t) != 0)
                        .count()
                        >= 3
            })
            .collect();
        if patterns.is_empty() {
            return false;
        }
        let mut changed = false;
        for &sid in ranked.iter().rev() {
            if self.clusters[sid as usize].state != State::Live {
                continue;
            }
            let (scount, slen) = {
                let c = &self.clusters[sid as usize];
                (c.template.count, c.tokens.len())
            };
            // the most frequent few that could hold it (bounded work per cluster)
            let into = patterns
                .iter()
                .copied()
                .filter(|&tid| {
                    let t = &self.clusters[tid as usize];
                    tid != sid
                        && t.state == State::Live
                        && t.template.count > scount
                        && t.tokens.len() < slen
                        && slen <= t.tokens.len() + 4 * MAX_SPAN
                })
                .take(MAX_HOLDERS)
                .find(|&tid| {
                    spans_match(
                        &self.clusters[tid as usize].tokens,
                        &self.clusters[sid as usize].tokens,
                    )
                });
            if let Some(tid) = into {
                self.merge_into(tid, sid);
                changed = true;
            }
        }
        changed
    }

    /// Clusters of one shape that differ only at a few positions holding
    /// words, where the words combine freely (`allDrawn= true, ... = false`
    /// in all sixteen ways, `LOOKING (n.state) ... FOLLOWING (my state)` in
    /// all nine): values that vary independently of each other are
    /// variables, however few each takes; words naming events do not cross
    /// like that (`from NEW to RUNNING` never meets `from RUNNING to NEW`).
    /// Two columns of two values each could be two events of two objects
    /// (`eth0 up`, `eth1 down`), so it takes three columns, or columns of
    /// three values at least, and three quarters of all combinations seen.
    fn merge_crossed_columns(&mut self) -> bool {
        let mut shapes: HashMap<u64, Vec<ClusterId>> = HashMap::new();
        for id in self.live_by_rank() {
            let toks = &self.clusters[id as usize].tokens;
            let key = toks
                .iter()
                .fold(mix(0x85eb_ca6b, toks.len() as u64), |h, t| {
                    mix(h, skeleton_hash(t))
                });
            shapes.entry(key).or_default().push(id);
        }
        let mut shapes: Vec<Vec<ClusterId>> =
            shapes.into_values().filter(|g| g.len() >= 4).collect();
        shapes.sort_by_key(|g| g[0]);
        let mut sets = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for g in shapes {
            self.crossed_sets(g, 0, &mut taken, &mut sets);
        }
        let changed = !sets.is_empty();
        for set in sets {
            for &from in &set[1..] {
                self.merge_into(set[0], from);
            }
        }
        changed
    }

    fn crossed_sets(
        &self,
        ids: Vec<ClusterId>,
        depth: usize,
        taken: &mut std::collections::HashSet<ClusterId>,
        out: &mut Vec<Vec<ClusterId>>,
    ) {
        let ids: Vec<ClusterId> = ids.into_iter().filter(|id| !taken.contains(id)).collect();
        if ids.len() < 4 {
            return;
        }
        let tok = |id: ClusterId, p: usize| -> &str { &self.clusters[id as usize].tokens[p] };
        let n = self.clusters[ids[0] as usize].tokens.len();
        let varying: Vec<usize> = (0..n)
            .filter(|&p| ids.iter().any(|&id| tok(id, p) != tok(ids[0], p)))
            .collect();
        if varying.is_empty() || varying.len() > 8 {
            return;
        }
        let distinct: Vec<usize> = varying
            .iter()
            .map(|&p| {
                ids.iter()
                    .map(|&id| tok(id, p))
                    .collect::<std::collections::HashSet<_>>()
                    .len()
            })
            .collect();
        let product = distinct.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        let constants = (0..n)
            .filter(|p| !varying.contains(p) && word_sig(tok(ids[0], *p)) != 0)
            .count();
        // a `key=word` pair keeps its word (`method=GET` and `method=POST`
        // may be two events of one access log, see `same_key`)
        let wordy = varying.iter().all(|&p| {
            ids.iter().any(|&id| word_sig(tok(id, p)) != 0)
                && ids.iter().all(|&id| kv_key(tok(id, p)).is_none())
        });
        if let Some(product) = product {
            if varying.len() >= 2
                && (varying.len() >= 3 || distinct.iter().all(|&d| d >= 3))
                && product <= 4096
                && ids.len() * 4 >= product * 3
                && constants >= 2
                && wordy
            {
                taken.extend(ids.iter().copied());
                out.push(ids);
                return;
            }
        }
        if depth >= 2 {
            return;
        }
        // an event word among the varying positions: split by it and look again
        for &p in &varying {
            let mut parts: HashMap<&str, Vec<ClusterId>> = HashMap::new();
            for &id in &ids {
                parts.entry(tok(id, p)).or_default().push(id);
            }
            if parts.len() < 2 {
                continue;
            }
            let mut parts: Vec<Vec<ClusterId>> =
                parts.into_values().filter(|g| g.len() >= 4).collect();
            parts.sort_by_key(|g| g[0]);
            for part in parts {
                self.crossed_sets(part, depth + 1, taken, out);
            }
        }
    }

    /// Split clusters of one shape by their tokens outside the variable
    /// columns until the columns of every part are its own; push the parts
    /// that qualify as one template to `out`.
    fn column_sets(
        &self,
        ids: Vec<ClusterId>,
        k: usize,
        depth: usize,
        out: &mut Vec<Vec<ClusterId>>,
    ) {
        let n = self.clusters[ids[0] as usize].tokens.len();
        let columns: Vec<bool> = (0..n)
            .map(|p| {
                let distinct: std::collections::HashSet<&str> = ids
                    .iter()
                    .map(|&id| self.clusters[id as usize].tokens[p].as_ref())
                    .collect();
                distinct.len() >= k
            })
            .collect();
        if !columns.iter().any(|&c| c) {
            return;
        }
        let mut parts: HashMap<u64, Vec<ClusterId>> = HashMap::new();
        for &id in &ids {
            let toks = &self.clusters[id as usize].tokens;
            let key = (0..n)
                .filter(|&p| !columns[p])
                .fold(0x3c6e_f372u64, |h, p| {
                    hash_bytes(mix(h, p as u64), toks[p].as_bytes())
                });
            parts.entry(key).or_default().push(id);
        }
        let mut parts: Vec<Vec<ClusterId>> = parts.into_values().filter(|g| g.len() >= k).collect();
        parts.sort_by_key(|g| g[0]);
        let whole = parts.len() == 1 && parts[0].len() == ids.len();
        for part in parts {
            if whole {
                let toks = &self.clusters[part[0] as usize].tokens;
                let constants = (0..n)
                    .filter(|&p| !columns[p] && word_sig(&toks[p]) != 0)
                    .count();
                if constants >= 3 {
                    out.push(part);
                }
            } else if depth < 4 {
                self.column_sets(part, k, depth + 1, out);
            }
        }
    }

    /// Clusters equal but for value spans written with a varying number of
    /// tokens (`<*> bytes` / `<*> bytes (<*> KB)`, `<*> sec` / `<*>:<*>`,
    /// `<*>` / `<*> *<*>`) are one event: a span whose length varies among
    /// them is printed as one `<*>` and they are merged. Spans whose length
    /// never varies keep their text and keep clusters apart.
    fn merge_spans(&mut self) -> bool {
        let mut groups: HashMap<u64, Vec<(ClusterId, Vec<Span>)>> = HashMap::new();
        for id in self.live_by_rank() {
            let toks = &self.clusters[id as usize].tokens;
            let spans = value_spans(toks);
            if spans.is_empty() {
                continue;
            }
            let mut h = mix(0x7f4a_7c15, spans.len() as u64);
            let mut at = 0;
            for &(a, b) in &spans {
                for t in &toks[at..a] {
                    h = hash_bytes(h, t.as_bytes());
                }
                let (lead, trail) = span_frame(&toks[a..b]);
                h = hash_bytes(mix(h, 0x5a), lead.as_bytes());
                h = hash_bytes(mix(h, 0xa5), trail.as_bytes());
                at = b;
            }
            for t in &toks[at..] {
                h = hash_bytes(h, t.as_bytes());
            }
            groups.entry(h).or_default().push((id, spans));
        }
        let mut groups: Vec<_> = groups.into_values().filter(|g| g.len() >= 2).collect();
        groups.sort_by_key(|g| g[0].0);
        let mut changed = false;
        for g in groups {
            let k = g[0].1.len();
            let varies: Vec<bool> = (0..k)
                .map(|s| {
                    let len0 = g[0].1[s].1 - g[0].1[s].0;
                    g.iter().any(|(_, sp)| sp[s].1 - sp[s].0 != len0)
                })
                .collect();
            if !varies.iter().any(|&v| v) {
                continue;
            }
            // spans of one length stay literal and must agree
            let mut parts: HashMap<u64, Vec<usize>> = HashMap::new();
            for (m, (id, sp)) in g.iter().enumerate() {
                let toks = &self.clusters[*id as usize].tokens;
                let mut in_span = vec![false; toks.len()];
                for (s, &(a, b)) in sp.iter().enumerate() {
                    if varies[s] {
                        in_span[a..b].iter_mut().for_each(|x| *x = true);
                    }
                }
                // varying spans shift positions: count the other tokens instead
                let key = (0..toks.len())
                    .filter(|&p| !in_span[p])
                    .enumerate()
                    .fold(0x1f2e_3d4cu64, |h, (q, p)| {
                        hash_bytes(mix(h, q as u64), toks[p].as_bytes())
                    });
                parts.entry(key).or_default().push(m);
            }
            let mut parts: Vec<Vec<usize>> = parts.into_values().collect();
            parts.sort();
            for part in parts {
                let (into, spans) = &g[part[0]];
                self.collapse_spans(*into, spans, &varies);
                for &m in &part[1..] {
                    self.merge_into(*into, g[m].0);
                }
                changed = true;
            }
        }
        changed
    }

    /// Rewrite cluster `id` with each span marked in `collapse` as one token.
    fn collapse_spans(&mut self, id: ClusterId, spans: &[Span], collapse: &[bool]) {
        let c = &mut self.clusters[id as usize];
        let mut tokens: Vec<Box<str>> = Vec::with_capacity(c.tokens.len());
        let mut seps: Vec<Box<str>> = Vec::with_capacity(c.seps.len());
        let sep = |i: usize| -> Box<str> { c.seps.get(i).cloned().unwrap_or_else(|| " ".into()) };
        let mut i = 0;
        let mut s = 0;
        while i < c.tokens.len() {
            if i > 0 {
                seps.push(sep(i - 1));
            }
            match spans.get(s) {
                Some(&(a, b)) if a == i => {
                    if collapse[s] {
                        let (lead, trail) = span_frame(&c.tokens[a..b]);
                        tokens.push(format!("{lead}{WILDCARD}{trail}").into());
                        i = b;
                    } else {
                        tokens.push(c.tokens[i].clone());
                        i += 1;
                    }
                    s += 1;
                }
                _ => {
                    tokens.push(c.tokens[i].clone());
                    i += 1;
                }
            }
        }
        c.tokens = tokens;
        c.seps = seps;
        c.template.text = build_text(&c.tokens, &c.seps, c.lists);
        c.template.id = template_id(&c.template.text);
    }

    /// Clusters whose templates differ only in the length of runs of bare
    /// `<*>` tokens hold a variable-length list: merge them and print each
    /// run as one `<*>`. A run seen with a single length stays as it is.
    fn merge_lists(&mut self) -> bool {
        let mut groups: HashMap<String, Vec<ClusterId>> = HashMap::new();
        for id in self.live_by_rank() {
            let c = &self.clusters[id as usize];
            if c.lists || !has_wild_run(&c.tokens) {
                continue;
            }
            groups
                .entry(build_text(&c.tokens, &c.seps, true))
                .or_default()
                .push(id);
        }
        let mut multi: Vec<Vec<ClusterId>> = groups
            .into_values()
            .filter(|g| {
                let n0 = self.clusters[g[0] as usize].tokens.len();
                g.iter()
                    .any(|&id| self.clusters[id as usize].tokens.len() != n0)
            })
            .collect();
        multi.sort_by_key(|g| g[0]);
        let changed = !multi.is_empty();
        for g in multi {
            self.clusters[g[0] as usize].lists = true;
            for &from in &g[1..] {
                self.merge_into(g[0], from);
            }
            if g.len() == 1 {
                let c = &mut self.clusters[g[0] as usize];
                c.template.text = build_text(&c.tokens, &c.seps, true);
                c.template.id = template_id(&c.template.text);
            }
        }
        changed
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
                // a pair's key is a constant of the event (`flg=<*>,`)
                if !crate::tokens::has_wildcard(x) || kv_key(x).is_some() {
                    constants += 1;
                }
                continue;
            }
            let (mx, my) = diff_mids(x, y);
            if glob(x, y) || glob(y, x) || (!is_wordish(mx) && !is_wordish(my)) || value_pair(x, y)
            {
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
    pub(super) fn merge_into(&mut self, into: ClusterId, from: ClusterId) {
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
            c.template.text = build_text(&c.tokens, &c.seps, c.lists);
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

/// How many templates [`Miner::merge_absorbed`] tries for one cluster.
const MAX_HOLDERS: usize = 32;

/// Longest value span read into one `<*>` by [`spans_match`].
const MAX_SPAN: usize = 6;

/// A token that can continue a value span: a value head (`(<*>`, `*<*>`),
/// a unit (`bytes`, `KB)`, `sec`) or a bracketed qualifier (`(x64)`, `[beta]`).
fn continues_span(t: &str) -> bool {
    is_value_head(t)
        || is_unit_word(t)
        || (t.starts_with('(') && t.trim_end_matches([',', ';']).ends_with(')'))
        || (t.starts_with('[') && t.trim_end_matches([',', ';']).ends_with(']'))
}

/// Does message template `s` read as template `t` with at least one bare
/// `<*>` of `t` standing for a value span of two tokens or more of `s`, and
/// every other token of `t` matching its own token of `s`?
pub(super) fn spans_match(t: &[Box<str>], s: &[Box<str>]) -> bool {
    fn go(t: &[Box<str>], s: &[Box<str>], spanned: bool, budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let Some((head, rest)) = t.split_first() else {
            return s.is_empty() && spanned;
        };
        if s.len() < t.len() {
            return false;
        }
        if head.as_ref() == WILDCARD {
            let max = MAX_SPAN.min(s.len() - rest.len());
            // units follow a number: after a word only marks and brackets
            // continue (`app.exe *<*>`, `Tracker (32-bit)`)
            let numeric = has_wildcard(&s[0]);
            for k in 1..=max {
                if k >= 2 && !(continues_span(&s[k - 1]) && (numeric || !is_unit_word(&s[k - 1]))) {
                    break;
                }
                if go(rest, &s[k..], spanned || k >= 2, budget) {
                    return true;
                }
            }
            return false;
        }
        let m = &s[0];
        (head == m || has_wildcard(head) && glob(head, m)) && go(rest, &s[1..], spanned, budget)
    }
    let mut budget = 4096;
    go(t, s, false, &mut budget)
}
