//! One number per group, for many groups in little memory: a group's
//! labels are written once, back to back, into one byte arena, and a hash
//! table holds where each group's bytes are and its number. A million
//! groups of one short label (IP addresses) hold about 50 MB, against
//! several hundred as a map from label sets; scanning a line whose group
//! is already known allocates nothing.
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
/// table's spare capacity (up to twice 17 bytes) and the arena's growth.
pub(super) const GROUP_OVERHEAD: usize = 40;

/// 16 bytes: a million groups need a table of 32 MiB at most.
#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    value: f64,
}

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
            hasher: foldhash::fast::RandomState::default(),
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
        let (arena, hasher) = (&self.arena, &self.hasher);
        self.table
            .insert_unique(hash, Slot { start, len, value }, |s| {
                hasher.hash_one(&arena[s.range()])
            });
        key.len() + GROUP_OVERHEAD
    }

    /// Add every group of `other` into this one.
    pub(super) fn merge(&mut self, other: GroupSums) {
        for slot in other.table.iter() {
            let key = &other.arena[slot.range()];
            self.add_encoded(key, slot.value);
        }
    }

    /// The groups and their numbers, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (GroupKey<'_>, f64)> {
        self.table
            .iter()
            .map(|s| (GroupKey(&self.arena[s.range()]), s.value))
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
