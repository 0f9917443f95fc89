//! The segmented LRU that bounds live clusters: one-off messages stay on
//! probation, clusters seen twice are protected, the oldest probationer
//! is evicted first.

use super::*;

impl Miner {
    pub(super) fn unlink(&mut self, id: ClusterId) {
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

    pub(super) fn push_front(&mut self, list: u8, id: ClusterId) {
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

    pub(super) fn hit(&mut self, id: ClusterId, n: u64) {
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

    pub(super) fn evict(&mut self) {
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

    pub(super) fn remove_from_leaf(&mut self, id: ClusterId) {
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
    pub(super) fn promote(&mut self, id: ClusterId) {
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
}
