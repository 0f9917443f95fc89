//! A memory budget per query. The engine serves many users from one
//! process, so one query's intermediate series, samples and kept lines may
//! not grow past a set number of bytes: past it, the query stops with an
//! error that says what to change, before the process grows.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::EngineError;

/// Per-query memory, shared by the threads scanning for one query.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    used: AtomicUsize,
    exceeded: AtomicBool,
}

/// What a thread charges locally before it tells the shared budget: small
/// enough to stop soon after the limit, large enough to keep atomics rare.
const FLUSH_BYTES: usize = 256 << 10;

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget {
            limit,
            used: AtomicUsize::new(0),
            exceeded: AtomicBool::new(false),
        }
    }

    /// Add `bytes`; false once the query is over its budget.
    pub fn charge(&self, bytes: usize) -> bool {
        let used = self.used.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if used > self.limit {
            self.exceeded.store(true, Ordering::Relaxed);
        }
        !self.is_exceeded()
    }

    pub fn is_exceeded(&self) -> bool {
        self.exceeded.load(Ordering::Relaxed)
    }

    /// The query's error when it went over its budget.
    pub fn check(&self, series: usize) -> Result<(), EngineError> {
        if !self.is_exceeded() {
            return Ok(());
        }
        Err(EngineError::Limit(format!(
            "the query needs more than {} MiB of memory (over {series} series or lines held at once): \
             narrow the selector or the time range, group by fewer or lower-cardinality labels \
             (for the largest few of many values, approx_topk), or raise the per-query memory limit \
             (askloki --max-query-memory, or the datasource's maxQueryMemoryMB)",
            self.limit >> 20
        )))
    }

    /// A thread's running charge, flushed in batches.
    pub fn meter(&self) -> Meter<'_> {
        Meter {
            budget: self,
            pending: 0,
        }
    }
}

/// Charges of one thread, told to the [`Budget`] every [`FLUSH_BYTES`].
pub struct Meter<'a> {
    budget: &'a Budget,
    pending: usize,
}

impl Meter<'_> {
    /// Add `bytes`; false once the query is over its budget.
    #[inline]
    pub fn charge(&mut self, bytes: usize) -> bool {
        self.pending += bytes;
        if self.pending < FLUSH_BYTES {
            return true;
        }
        let pending = std::mem::take(&mut self.pending);
        self.budget.charge(pending)
    }
}

impl Drop for Meter<'_> {
    fn drop(&mut self) {
        if self.pending > 0 {
            self.budget.charge(self.pending);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meter_stops_soon_after_the_limit() {
        let budget = Budget::new(1 << 20);
        let mut meter = budget.meter();
        let mut charged = 0;
        while meter.charge(1000) {
            charged += 1000;
            assert!(charged < 2 << 20, "never stopped");
        }
        assert!((1 << 20..=(1 << 20) + FLUSH_BYTES).contains(&charged));
        drop(meter);
        let err = budget.check(12).unwrap_err().to_string();
        assert!(err.contains("more than 1 MiB"), "{err}");
        assert!(err.contains("--max-query-memory"), "{err}");
    }

    #[test]
    fn within_the_limit_nothing_is_said() {
        let budget = Budget::new(1 << 20);
        assert!(budget.meter().charge(1000));
        assert!(budget.check(1).is_ok());
    }
}
