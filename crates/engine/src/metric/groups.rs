//! One number per group, for many groups in little memory: a group's
//! labels are written once, back to back, into one byte arena, and a hash
//! table holds where each group's bytes are and its number. A million
//! groups of one short label (IP addresses) hold about 60 MB, against
//! several hundred as a map from label sets; scanning a line whose group
//! is already known allocates nothing. Each slot keeps its key's hash, so
//! growing the table and merging the threads' tables never go back to the
//! arena (a cache miss per group, for millions of groups).
//!
//! A label set is encoded as `name 0xFF value 0xFE` per label, in the set's
//! (sorted) order: neither byte occurs in UTF-8 text, so the encoding is
//! unambiguous and decodes back to the same labels.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::source::Labels;

const NAME_END: u8 = 0xFF;
const VALUE_END: u8 = 0xFE;

/// What a group costs beyond its encoded labels: its table slot with the
/// table's spare capacity (up to twice 25 bytes) and the arena's growth.
pub(super) const GROUP_OVERHEAD: usize = 56;

/// 24 bytes: a million groups need a table of 48 MiB at most.
#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    value: f64,
    hash: u64,
}

/// One hasher for every table of the process, so a table merged into
/// another keeps its slots' hashes (seeded at random once, against
/// crafted collisions).
static HASHER: std::sync::LazyLock<foldhash::fast::RandomState> =
    std::sync::LazyLock::new(foldhash::fast::RandomState::default);

impl Slot {
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// What a group reports it holds when the arena cannot address it: more
/// than any memory budget, so the scan stops with the budget's error.
const UNADDRESSABLE: usize = usize::MAX / 4;

pub(super) struct GroupSums {
    arena: Vec<u8>,
    table: HashTable<Slot>,
    hasher: foldhash::fast::RandomState,
    /// The key being looked up, reused from line to line.
    key: Vec<u8>,
}

impl GroupSums {
    pub(super) fn new() -> GroupSums {
        GroupSums {
            arena: Vec::new(),
            table: HashTable::new(),
            hasher: HASHER.clone(),
            key: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.table.len()
    }

    /// Add `value` to the group of `labels`; the bytes a new group holds
    /// (0 when the group was known).
    pub(super) fn add<'l>(
        &mut self,
        labels: impl Iterator<Item = (&'l str, &'l str)>,
        value: f64,
    ) -> usize {
        self.key.clear();
        for (k, v) in labels {
            self.key.extend_from_slice(k.as_bytes());
            self.key.push(NAME_END);
            self.key.extend_from_slice(v.as_bytes());
            self.key.push(VALUE_END);
        }
        let key = std::mem::take(&mut self.key);
        let held = self.add_encoded(&key, value);
        self.key = key;
        held
    }

    fn add_encoded(&mut self, key: &[u8], value: f64) -> usize {
        let hash = self.hasher.hash_one(key);
        self.add_hashed(key, hash, value)
    }

    /// [`GroupSums::add_encoded`] with the key's hash known.
    fn add_hashed(&mut self, key: &[u8], hash: u64, value: f64) -> usize {
        let arena = &self.arena;
        if let Some(slot) = self.table.find_mut(hash, |s| &arena[s.range()] == key) {
            slot.value += value;
            return 0;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.arena.len()), u32::try_from(key.len()))
        else {
            return UNADDRESSABLE;
        };
        if start.checked_add(len).is_none() {
            return UNADDRESSABLE;
        }
        self.arena.extend_from_slice(key);
        let slot = Slot {
            start,
            len,
            value,
            hash,
        };
        self.table.insert_unique(hash, slot, |s| s.hash);
        key.len() + GROUP_OVERHEAD
    }

    /// Add every group of `other` into this one.
    pub(super) fn merge(&mut self, other: GroupSums) {
        // Both tables hash with the process's one hasher.
        for slot in other.table.iter() {
            let key = &other.arena[slot.range()];
            self.add_hashed(key, slot.hash, slot.value);
        }
    }

    /// The groups as label sets with their numbers, sorted by label set.
    /// Sorted on the encoded keys (a ranked prefix, then the bytes): a
    /// million label sets sorted by their strings cost more than the scan
    /// that counted them. The table is freed before the label sets are
    /// built.
    pub(super) fn into_sorted_labels(self) -> Vec<(Labels, f64)> {
        let GroupSums { arena, table, .. } = self;
        let key = |s: &Slot| GroupKey(&arena[s.range()]);
        let mut slots: Vec<([u64; 2], Slot)> = table
            .into_iter()
            .map(|s| (key(&s).sort_prefix(), s))
            .collect();
        // Keys are distinct, so an unstable sort has one outcome.
        slots.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| key(&a.1).cmp_as_labels(key(&b.1)))
        });
        slots
            .into_iter()
            .map(|(_, s)| (key(&s).labels(), s.value))
            .collect()
    }

    /// The groups and their numbers, in no particular order.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (GroupKey<'_>, f64)> {
        self.table
            .iter()
            .map(|s| (GroupKey(&self.arena[s.range()]), s.value))
    }
}

/// A byte's place in the order of label sets: end marks below all text
/// (see [`GroupKey::cmp_as_labels`]). UTF-8 has no byte above 0xF4, so
/// text ranks fit a byte.
fn rank(b: u8) -> u8 {
    match b {
        VALUE_END => 0,
        NAME_END => 1,
        text => text.saturating_add(2),
    }
}

/// A group's encoded labels.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct GroupKey<'a>(&'a [u8]);

impl<'a> GroupKey<'a> {
    /// The labels, as (name, value) pairs in order.
    pub(super) fn pairs(self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.0
            .split(|&b| b == VALUE_END)
            .filter(|pair| !pair.is_empty())
            .filter_map(|pair| {
                let at = pair.iter().position(|&b| b == NAME_END)?;
                // Both halves were whole `str`s when encoded.
                let name = std::str::from_utf8(&pair[..at]).ok()?;
                let value = std::str::from_utf8(&pair[at + 1..]).ok()?;
                Some((name, value))
            })
    }

    pub(super) fn labels(self) -> Labels {
        Labels::from_pairs(self.pairs())
    }

    /// The order of the groups' [`Labels`] (pair by pair, name then value,
    /// a shorter set first), read from the encoded bytes: sorting keys
    /// this way touches one buffer instead of each label set's strings.
    ///
    /// Up to their first difference two keys are at the same place of the
    /// same pair. There, two text bytes order as the text does; an end
    /// mark against a text byte means that name or value is a prefix of
    /// the other's, so it is the smaller; a key that ends first has fewer
    /// pairs. So marks rank below every text byte, and the rest is bytes.
    pub(super) fn cmp_as_labels(self, other: GroupKey<'_>) -> std::cmp::Ordering {
        let (a, b) = (self.0, other.0);
        let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        match (a.get(same), b.get(same)) {
            (Some(&x), Some(&y)) => rank(x).cmp(&rank(y)),
            (x, y) => x.is_some().cmp(&y.is_some()),
        }
    }

    /// The first 16 ranked bytes as two big-endian words (8-byte aligned,
    /// unlike a u128), zero-padded: two keys whose
    /// prefixes differ order as their prefixes do under
    /// [`GroupKey::cmp_as_labels`] (a pad ties with a value's end mark,
    /// never beats a byte), so most comparisons of a sort stay out of the
    /// arena.
    pub(super) fn sort_prefix(self) -> [u64; 2] {
        let mut bytes = [0u8; 16];
        for (to, &from) in bytes.iter_mut().zip(self.0) {
            *to = rank(from);
        }
        let (high, low) = bytes.split_at(8);
        let word = |b: &[u8]| b.iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
        [word(high), word(low)]
    }

    /// Whether the group has a label `name`.
    #[cfg(test)]
    pub(super) fn has(self, name: &str) -> bool {
        self.has_found(&memchr::memmem::Finder::new(name))
    }

    /// Whether the group has the label `name` that `finder` searches for:
    /// a name starts the key or follows a value's end, and is followed by
    /// its own end mark.
    pub(super) fn has_found(self, finder: &memchr::memmem::Finder<'_>) -> bool {
        let (b, n) = (self.0, finder.needle().len());
        finder
            .find_iter(b)
            .any(|i| (i == 0 || b[i - 1] == VALUE_END) && b.get(i + n) == Some(&NAME_END))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sum_merge_and_decode_to_their_labels() {
        let a = Labels::from_pairs([("ip", "10.0.0.1"), ("method", "GET")]);
        let b = Labels::from_pairs([("ip", "10.0.0.2")]);
        let empty = Labels::from_pairs([("ip", "")]);
        let none = Labels::new();
        let mut left = GroupSums::new();
        assert!(left.add(a.iter(), 1.0) > 0);
        assert_eq!(left.add(a.iter(), 2.0), 0);
        left.add(b.iter(), 5.0);
        let mut right = GroupSums::new();
        right.add(b.iter(), 1.0);
        right.add(empty.iter(), 1.0);
        right.add(none.iter(), 7.0);
        left.merge(right);
        let mut got: Vec<(Labels, f64)> = left.iter().map(|(k, v)| (k.labels(), v)).collect();
        got.sort_by(|x, y| x.0.cmp(&y.0));
        let mut want = vec![(a, 3.0), (b, 6.0), (empty, 1.0), (none, 7.0)];
        want.sort_by(|x, y| x.0.cmp(&y.0));
        assert_eq!(got, want);
        let keys: Vec<GroupKey<'_>> = left.iter().map(|(k, _)| k).collect();
        assert_eq!(keys.iter().filter(|k| k.has("ip")).count(), 3);
        assert_eq!(keys.iter().filter(|k| k.has("method")).count(), 1);
        // A value or a longer name that contains the name is not the name.
        assert!(!keys
            .iter()
            .any(|k| k.has("10.0.0.1") || k.has("p") || k.has("i")));
    }

    #[test]
    fn keys_sort_as_their_labels() {
        // Names and values that are prefixes of others, empty values,
        // sets of different sizes, and text above the marks' neighbours.
        let sets: Vec<Labels> = [
            vec![],
            vec![("ip", "")],
            vec![("ip", "1")],
            vec![("ip", "10")],
            vec![("ip", "1"), ("method", "GET")],
            vec![("ip", "1"), ("m", "GET")],
            vec![("ipx", "1")],
            vec![("i", "9")],
            vec![("ip", "é")],
            vec![("ip", "z"), ("a_", "")],
            vec![("a", "1"), ("ip", "1")],
        ]
        .into_iter()
        .map(Labels::from_pairs)
        .collect();
        let mut sums = GroupSums::new();
        for l in &sets {
            sums.add(l.iter(), 1.0);
        }
        let mut keys: Vec<GroupKey<'_>> = sums.iter().map(|(k, _)| k).collect();
        keys.sort_by(|x, y| x.cmp_as_labels(*y));
        let got: Vec<Labels> = keys.iter().map(|k| k.labels()).collect();
        let mut want = sets.clone();
        want.sort();
        assert_eq!(got, want);
        // Built in the other order, and merged from two tables.
        let (mut copy, mut rest) = (GroupSums::new(), GroupSums::new());
        for (i, l) in sets.iter().rev().enumerate() {
            let part = if i % 2 == 0 { &mut copy } else { &mut rest };
            part.add(l.iter(), 1.0);
        }
        copy.merge(rest);
        let sorted: Vec<Labels> = copy
            .into_sorted_labels()
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(sorted, want);
        // Prefixes never contradict the full order.
        for pair in keys.windows(2) {
            assert!(pair[0].sort_prefix() <= pair[1].sort_prefix());
        }
        for x in &keys {
            assert_eq!(x.cmp_as_labels(*x), std::cmp::Ordering::Equal);
        }
    }

    #[test]
    fn many_groups_stay_distinct() {
        let mut sums = GroupSums::new();
        for round in 0..2 {
            for i in 0..20_000u32 {
                let ip = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
                let held = sums.add([("ip", ip.as_str())].into_iter(), 1.0);
                assert_eq!(held > 0, round == 0);
            }
        }
        assert_eq!(sums.len(), 20_000);
        assert!(sums.iter().all(|(_, v)| v == 2.0));
    }
}
