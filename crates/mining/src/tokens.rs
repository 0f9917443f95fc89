//! Token arithmetic of the miner: hashing shapes and routing keys,
//! matching `<*>` globs and generalising two tokens into one.

use crate::mask::{self, Masked};
use crate::WILDCARD;

#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

pub(crate) fn hash_bytes(mut h: u64, s: &[u8]) -> u64 {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    mix(h, mask::le_word(rest) ^ ((rest.len() as u64) << 56))
}

/// The masked message's identity: its tokens' text, hashed in one pass
/// over the buffer that holds them, and where each ends.
pub(crate) fn shape_hash(m: &Masked) -> u64 {
    let mut h = hash_bytes(
        mix(0x9e37_79b9_7f4a_7c15, m.len() as u64),
        m.text.as_bytes(),
    );
    for &(_, end) in &m.toks {
        h = mix(h, u64::from(end));
    }
    h
}

/// Where the first `<*>` of `s` starts. A byte scan for `<`: tokens are
/// short, and `str::find` sets up a substring searcher on every call (it
/// was a tenth of the mining time, from scoring candidates).
#[inline]
pub(crate) fn find_wildcard(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = memchr::memchr(b'<', b.get(from..)?) {
        let at = from + p;
        if b.get(at + 1..at + 3) == Some(b"*>") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where the last `<*>` of `s` starts (see [`find_wildcard`]).
fn rfind_wildcard(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut to = b.len();
    while let Some(at) = memchr::memrchr(b'<', &b[..to]) {
        if b.get(at + 1..at + 3) == Some(b"*>") {
            return Some(at);
        }
        to = at;
    }
    None
}

#[inline]
pub(crate) fn has_wildcard(s: &str) -> bool {
    find_wildcard(s).is_some()
}

/// Tokens that select a tree branch; variable-looking ones share one branch.
pub(crate) fn routes_as_wildcard(t: &str) -> bool {
    t.len() > 40 || has_wildcard(t) || t.bytes().any(|b| b.is_ascii_digit())
}

pub(crate) fn leaf_key(m: &Masked, routing: usize) -> u64 {
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
pub(crate) fn glob(pat: &str, s: &str) -> bool {
    let Some(first_w) = find_wildcard(pat) else {
        return pat == s;
    };
    let last_w = rfind_wildcard(pat).unwrap_or(first_w);
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
pub(crate) fn generalize_token(t: &str, m: &str) -> Option<Box<str>> {
    if t == m || t == WILDCARD || glob(t, m) {
        return None;
    }
    // `reshaped`: the two differ in their punctuation skeleton, so the
    // `<*>` may stand for a varying number of dotted labels
    let (g, reshaped) = match by_segments(t, m) {
        Some(g) => (g, false),
        None => match glued_prefix(t, m) {
            Some(p) => (format!("{p}{WILDCARD}"), false),
            None => (glued_tail(t, m).or_else(|| by_affixes(t, m))?, true),
        },
    };
    let mut g = drop_file_extensions(&drop_dotted_prefixes(&g, reshaped));
    // an object reference `Class@hash` whose class and hash both vary is one value
    if g.contains("<*>@<*>") {
        g = g.replace("<*>@<*>", WILDCARD);
    }
    (g != t).then(|| g.into_boxed_str())
}

/// The letters an id is glued to (`u0a` of `u0a49` / `u0a12`, `tty` of
/// `tty2` / `tty7`): the common prefix of two word runs that differ only in
/// the digits they end with, kept when it ends with a letter. The digits
/// vary, the prefix names what they number (Loghub keeps `u0a<*>`).
fn glued_prefix<'a>(a: &'a str, b: &str) -> Option<&'a str> {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    if !ab.iter().all(|&c| mask::is_word(c)) || !bb.iter().all(|&c| mask::is_word(c)) {
        return None;
    }
    let mut p = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    while p > 0 && ab[p - 1].is_ascii_digit() {
        p -= 1;
    }
    let digits = |r: &[u8]| !r.is_empty() && r.iter().all(u8::is_ascii_digit);
    (p > 0 && ab[p - 1].is_ascii_alphabetic() && digits(&ab[p..]) && digits(&bb[p..]))
        .then(|| &a[..p])
}

/// A file name varies as a whole: a `<*>` that starts a token or follows
/// punctuation, followed by one short extension label that ends the dotted
/// run (`<*>.exe`, `<*>.so:`), is printed `<*>`, as Loghub annotates
/// program and file names whose stem varies.
fn drop_file_extensions(g: &str) -> String {
    let b = g.as_bytes();
    let w = WILDCARD.as_bytes();
    let mut out = String::with_capacity(g.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(w) && (i == 0 || !(mask::is_word(b[i - 1]) || b[i - 1] == b'.')) {
            let dot = i + w.len();
            if b.get(dot) == Some(&b'.') {
                let mut k = dot + 1;
                while k < b.len() && b[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                let label = &b[dot + 1..k];
                let ends_run =
                    k == b.len() || !(mask::is_word(b[k]) || matches!(b[k], b'.' | b'<'));
                if (1..=4).contains(&label.len()) && label[0].is_ascii_alphabetic() && ends_run {
                    out.push_str(WILDCARD);
                    i = k;
                    continue;
                }
            }
        }
        let ch_len = g[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&g[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// Word pieces (runs of word bytes and `<*>`) and single delimiter bytes.
fn pieces(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() {
            if b[i..].starts_with(WILDCARD.as_bytes()) {
                i += WILDCARD.len();
            } else if mask::is_word(b[i]) {
                i += 1;
            } else {
                break;
            }
        }
        if i == start {
            i += 1;
        }
        v.push(&s[start..i]);
    }
    v
}

/// Generalise piece by piece when both tokens have the same punctuation
/// skeleton (`com.a.b/u0a49` and `com.c.d/u0a12` give `com.<*>/<*>`): every
/// word piece that differs becomes `<*>`, equal ones stay. `None` when the
/// skeletons differ or every piece differs.
fn by_segments(t: &str, m: &str) -> Option<String> {
    let (pt, pm) = (pieces(t), pieces(m));
    if pt.len() != pm.len() || pt.len() < 2 {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut kept = false;
    for (a, b) in pt.iter().zip(&pm) {
        let word = |p: &str| has_wildcard(p) || p.bytes().any(mask::is_word);
        match (word(a), word(b)) {
            (true, true) => {
                if a == b {
                    out.push_str(a);
                    kept = true;
                } else if glob(a, b) {
                    out.push_str(a);
                } else if let Some(p) = glued_prefix(a, b) {
                    out.push_str(p);
                    out.push_str(WILDCARD);
                } else {
                    out.push_str(WILDCARD);
                }
            }
            (false, false) if a == b => out.push_str(a),
            _ => return None,
        }
    }
    if !kept {
        return None;
    }
    mask::collapse(&mut out, 0);
    Some(out)
}

/// Common leading pieces, `<*>`, common trailing pieces where the trailing
/// run holds an id glued to its letters (`<*>:com.a.b:remote/u0a18` and
/// `<*>:android/u0a6` give `<*>:<*>/u0a<*>`): the character-wise affixes
/// would lose the `/u0a` the two share. `None` unless such an id is there.
fn glued_tail(t: &str, m: &str) -> Option<String> {
    // cheap test first: the last word piece of each ends in digits (or `<*>`)
    let ends_id = |x: &str, wild: bool| {
        let x = x.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '>'));
        x.ends_with(|c: char| c.is_ascii_digit()) || wild && x.ends_with(WILDCARD)
    };
    if !(ends_id(m, false) && ends_id(t, true)) {
        return None;
    }
    let (pt, pm) = (pieces(t), pieces(m));
    let n = pt.len().min(pm.len());
    let mut l = 0;
    while l < n && (pt[l] == pm[l] || has_wildcard(pt[l]) && glob(pt[l], pm[l])) {
        l += 1;
    }
    let mut tail: Vec<String> = Vec::new();
    let mut glued = false;
    while l + tail.len() < n {
        let r = tail.len();
        let (a, b) = (pt[pt.len() - 1 - r], pm[pm.len() - 1 - r]);
        if a == b {
            tail.push(a.to_string());
        } else if a != WILDCARD && has_wildcard(a) && glob(a, b) {
            // an id already generalised (`u0a<*>` against `u0a3`)
            tail.push(a.to_string());
            glued = true;
        } else if let Some(p) = glued_prefix(a, b) {
            tail.push(format!("{p}{WILDCARD}"));
            glued = true;
        } else {
            break;
        }
    }
    if !glued || l + tail.len() >= n {
        return None;
    }
    let mut out: String = pt[..l].concat();
    out.push_str(WILDCARD);
    for p in tail.iter().rev() {
        out.push_str(p);
    }
    mask::collapse(&mut out, 0);
    Some(out)
}

/// A dotted name varies as a whole: a lone leading label kept before a
/// `<*>` (`com.<*>`, `v1.<*>`) is no context and is dropped (`<*>`), and so
/// are several when the `<*>` ends the name and stands for a varying number
/// of labels (`com.apple.A.B:` / `com.apple.C:` give `<*>:`, while
/// `a.b.SCREEN_ON` / `a.b.SCREEN_OFF` give `a.b.<*>`).
fn drop_dotted_prefixes(g: &str, reshaped: bool) -> String {
    let b = g.as_bytes();
    let mut out = String::with_capacity(g.len());
    let mut i = 0;
    let mut run_start = 0; // start in `out` of the current word/dot run
    while i < b.len() {
        if b[i..].starts_with(WILDCARD.as_bytes()) {
            let run = &out[run_start..];
            let dots = run.bytes().filter(|&c| c == b'.').count();
            // the `<*>` ends the dotted name (`com.apple.<*>:`)
            let ends_name = b
                .get(i + WILDCARD.len())
                .is_none_or(|&c| !(mask::is_word(c) || c == b'.' || c == b'<'));
            if run.len() >= 2
                && run.ends_with('.')
                && (dots == 1 || reshaped && ends_name && !run.contains(".."))
                && run.bytes().next().is_some_and(mask::is_word)
            {
                out.truncate(run_start);
            }
            out.push_str(WILDCARD);
            i += WILDCARD.len();
            run_start = out.len();
            continue;
        }
        let c = b[i];
        let ch_len = g[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&g[i..i + ch_len]);
        i += ch_len;
        if !(mask::is_word(c) || c == b'.') {
            run_start = out.len();
        }
    }
    mask::collapse(&mut out, 0);
    out
}

/// Common prefix up to a delimiter, `<*>`, common suffix from a delimiter.
fn by_affixes(t: &str, m: &str) -> Option<String> {
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
    Some(out)
}

/// The parts of `t` and `m` that [`generalize_token`] would replace by `<*>`.
pub(crate) fn diff_mids<'a>(t: &'a str, m: &'a str) -> (&'a str, &'a str) {
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
pub(crate) fn is_wordish(x: &str) -> bool {
    !x.is_empty() && !has_wildcard(x) && !x.bytes().any(|b| b.is_ascii_digit())
}

/// The `key=` a token opens with (`ws=` of `ws=null,`, `tag="` of
/// `tag="RILJ",`): an identifier, after opening brackets at most, then `=`.
pub(crate) fn kv_key(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && matches!(b[i], b'(' | b'[' | b'{' | b',' | b';') {
        i += 1;
    }
    let k = i;
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while i < b.len() && (mask::is_word(b[i]) || matches!(b[i], b'.' | b'-')) {
        i += 1;
    }
    (b.get(i) == Some(&b'=') && i > k).then(|| &t[..=i])
}

/// Two tokens that give one key different values, one of them a structured
/// value (`ws=null,` and `ws=WorkSource{<*>},`): such a value is instance
/// data, so the difference is not a word difference. Two plain words
/// (`method=GET` / `method=POST`) may be an enumeration that names the
/// event, and a word against a bare number or mark (`tty=NODEVssh` /
/// `tty=:0`) may name a kind of event the number does not: those still
/// need the evidence of many variants.
pub(crate) fn same_key(t: &str, m: &str) -> bool {
    let wordy = |v: &str| v.bytes().any(|c| c.is_ascii_alphabetic());
    let plain = |v: &str| {
        let v = v
            .trim_start_matches(['"', '\''])
            .trim_end_matches([',', ';', '.', '"', '\'', ')', ']', '}']);
        v.bytes()
            .all(|c| c.is_ascii_alphabetic() || c == b'_' || c == b'-')
    };
    match (kv_key(t), kv_key(m)) {
        (Some(a), Some(b)) if a == b => {
            let (x, y) = (&t[a.len()..], &m[b.len()..]);
            wordy(x) && wordy(y) && !(plain(x) && plain(y))
        }
        _ => false,
    }
}

/// Two object references `pkg.Class@<*>` that differ in their class only
/// (`{android.os.Binder@<*>` / `{com.a.Record@<*>`): the object is one value.
fn same_ref(t: &str, m: &str) -> bool {
    let split = |x: &str| -> Option<(usize, usize)> {
        let at = memchr::memchr(b'@', x.as_bytes())?;
        if !x[at + 1..].starts_with(WILDCARD) {
            return None;
        }
        let b = x.as_bytes();
        let mut p = at;
        while p > 0 && (mask::is_word(b[p - 1]) || matches!(b[p - 1], b'.' | b'$')) {
            p -= 1;
        }
        (p < at && b[p].is_ascii_alphabetic()).then_some((p, at))
    };
    match (split(t), split(m)) {
        (Some((p, a)), Some((q, c))) => t[..p] == m[..q] && t[a..] == m[c..],
        _ => false,
    }
}

/// A difference between two tokens that is a value's, whatever it looks
/// like: a `key=` given a structured value, an object reference's class.
pub(crate) fn value_pair(t: &str, m: &str) -> bool {
    same_key(t, m) || same_ref(t, m)
}

/// Does template token `t` differ from message token `m` in a way that is not
/// variable-looking on both sides (a word difference)?
pub(crate) fn is_hard(t: &str, m: &str) -> bool {
    if t == m || glob(t, m) {
        return false;
    }
    let (a, b) = diff_mids(t, m);
    (is_wordish(a) || is_wordish(b)) && !value_pair(t, m)
}

/// Positions where the template has a constant that differs from the
/// message in a way that is not variable-looking on both sides.
pub(crate) fn hard_positions(tokens: &[Box<str>], sc: &Masked) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&i| is_hard(&tokens[i], sc.tok(i)))
        .collect()
}

/// Hash of a plain-word token (no digit, no `<*>`; never 0), else 0. Two
/// different plain words always differ in a word-like way, so clusters
/// holding them at one position are never [`Miner::mergeable`].
pub(crate) fn word_sig(t: &str) -> u64 {
    if let Some(k) = kv_key(t) {
        // a pair is its key: its value may vary
        hash_bytes(0x243f_6a88_85a3_08d3, k.as_bytes()) | 1
    } else if has_wildcard(t) || t.bytes().any(|b| b.is_ascii_digit()) {
        0
    } else {
        hash_bytes(0x243f_6a88_85a3_08d3, t.as_bytes()) | 1
    }
}

/// Hash of a token's punctuation skeleton: every run of letters (and the
/// dots between them) is one `a`, digits and `<*>` stay (`[yarrow-<*>,` and
/// `[cedar-<*>,` agree).
pub(crate) fn skeleton_hash(t: &str) -> u64 {
    let mut h = 0x6a09_e667_f3bc_c908u64;
    let mut in_letters = false;
    for &c in t.as_bytes() {
        // a dotted name is one run whatever its number of labels
        // (`com.a.b/.ui.Main` and `android/.Home` agree)
        if c.is_ascii_alphabetic() || c >= 0x80 || in_letters && matches!(c, b'.' | b'$') {
            if !in_letters {
                h = mix(h, u64::from(b'a'));
            }
            in_letters = true;
        } else {
            in_letters = false;
            h = mix(h, u64::from(c));
        }
    }
    h
}

/// A token that is nothing but variables and punctuation (`<*>`, `(<*>`,
/// `<*>:<*>`, `*<*>`): where a value span starts.
pub(crate) fn is_value_head(t: &str) -> bool {
    has_wildcard(t) && !t.replace(WILDCARD, "").bytes().any(mask::is_word)
}

/// A unit word, bracketed or followed by punctuation (`bytes`, `KB)`, `sec,`).
pub(crate) fn is_unit_word(t: &str) -> bool {
    let w = t
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', ',', ';', '.']);
    !w.is_empty()
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && mask::UNITS.iter().any(|u| u.eq_ignore_ascii_case(w))
}

/// Value spans of a template: maximal runs of a [`is_value_head`] token
/// followed by value heads or unit words (`<*> bytes (<*> KB)`, `<*> min <*>
/// sec`, `<*> *<*>`), as half-open token ranges.
pub(crate) fn value_spans(tokens: &[Box<str>]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if is_value_head(&tokens[i]) {
            let mut j = i + 1;
            while j < tokens.len() && (is_value_head(&tokens[j]) || is_unit_word(&tokens[j])) {
                j += 1;
            }
            v.push((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    v
}

/// The punctuation around a value span, brackets inside it left out:
/// `(<*>` … `KB),` gives `("", ",")`.
pub(crate) fn span_frame(span: &[Box<str>]) -> (&str, &str) {
    let (first, last) = (&span[0], &span[span.len() - 1]);
    let lead_end = first.find(WILDCARD).unwrap_or(0);
    // brackets and a comparison (`<1 sec`, `~5 min`) are part of the value
    let lead = first[..lead_end].trim_start_matches(['(', '[', '<', '>', '~']);
    let trail_start = last
        .rfind(|c: char| c.is_alphanumeric() || c == '_' || c == '>')
        .map_or(last.len(), |k| k + 1);
    // a closing bracket is the value's when the value opened it (`(<*> KB)`),
    // else it closes what opened before the span (`(stack @<*> @<*>)`)
    let opened = span.iter().any(|t| t.contains(['(', '[']));
    let trail = if opened {
        last[trail_start..].trim_start_matches([')', ']'])
    } else {
        &last[trail_start..]
    };
    (lead, trail)
}

/// A token of several word pieces joined by punctuation (`a.b/c`).
pub(crate) fn is_compound(t: &str) -> bool {
    pieces(t)
        .iter()
        .filter(|p| p.bytes().any(mask::is_word))
        .count()
        >= 2
}

/// Does the template hold a run of three or more bare `<*>` tokens?
pub(crate) fn has_wild_run(tokens: &[Box<str>]) -> bool {
    let mut run = 0;
    for t in tokens {
        run = if t.as_ref() == WILDCARD { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

/// Template text: tokens with the original separators; with `lists`, a run
/// of three or more bare `<*>` tokens (a variable-length list, once lists of
/// several lengths were seen) is printed as one `<*>`.
pub(crate) fn build_text(tokens: &[Box<str>], seps: &[Box<str>], lists: bool) -> String {
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
            if run >= 3 && lists {
                i += run;
                continue;
            }
        }
        i += 1;
    }
    s
}

/// Share of the template's constant tokens found in the message (positions
/// where both hold the same masked variable are neutral), and whether the
/// message differs from the template only in variable-looking parts (no
/// [`is_hard`] position).
pub(crate) fn score(tokens: &[Box<str>], sc: &Masked) -> (f64, bool) {
    let mut matched = 0usize;
    let mut total = 0usize;
    let mut soft = true;
    for (i, t) in tokens.iter().enumerate() {
        let m = sc.tok(i);
        if t.as_ref() == m {
            if !has_wildcard(t) {
                matched += 1;
                total += 1;
            }
            continue;
        }
        total += 1;
        if has_wildcard(t) && glob(t, m) {
            if t.as_ref() != WILDCARD {
                matched += 1;
            }
            continue;
        }
        if soft {
            let (a, b) = diff_mids(t, m);
            soft = !is_wordish(a) && !is_wordish(b) || value_pair(t, m);
        }
    }
    let s = if total == 0 {
        1.0
    } else {
        matched as f64 / total as f64
    };
    (s, soft)
}
