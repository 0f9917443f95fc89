//! The embedded engine: a log store and a LogQL evaluator with Loki's
//! semantics, for a single machine.
//!
//! [`Engine`] answers the same calls as Loki's query API (and implements
//! [`LogSource`]); `ingest` fills a [`Store`], `disk` keeps it between runs.

pub mod budget;
pub mod data;
pub mod disk;
pub mod ingest;
mod linefilter;
mod logs;
mod metric;
pub mod parsers;
pub mod pipeline;
mod scan;
pub mod source;
pub mod store;
pub mod values;

use async_trait::async_trait;

use crate::source::{
    Capabilities, IndexStats, InstantQuery, Labels, LogSource, PatternSeries, QueryResponse,
    QueryResult, RangeQuery, SourceError, TimeRange,
};
use logql::{self, Expr};
pub use store::{Store, StoreBuilder};

/// The default memory budget of one query (see [`budget`]).
pub const DEFAULT_QUERY_MEMORY: usize = 256 << 20;

/// Loki's default per-tenant query limits, and our memory budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `max_entries_limit_per_query`
    pub max_entries: u32,
    /// `max_query_series`
    pub max_series: usize,
    /// Points per series in a range query (Loki's API refuses more).
    pub max_points: i64,
    /// Memory one query may hold at once: series, samples, kept lines.
    pub max_query_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 5000,
            max_series: 500,
            max_points: 11_000,
            max_query_bytes: DEFAULT_QUERY_MEMORY,
        }
    }
}

/// Errors carry Loki's own messages, so callers (and the repair loop) see
/// what they would see from Loki.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// The query does not parse or cannot be compiled (Loki's 400).
    #[error("{0}")]
    BadQuery(String),
    /// A request parameter is wrong (time, step, limit, direction).
    #[error("{0}")]
    BadParam(String),
    /// A limit refused the query.
    #[error("{0}")]
    Limit(String),
    /// Samples carried `__error__` into a metric query.
    #[error("{0}")]
    Pipeline(String),
}

impl From<EngineError> for SourceError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::Limit(m) => SourceError::Limit(m),
            other => SourceError::BadRequest(other.to_string()),
        }
    }
}

const ERR_LOG_INSTANT: &str = "log queries are not supported as an instant query type, please change your query to a range query type";

#[derive(Debug, Clone, Default)]
pub struct Engine {
    store: Store,
    limits: Limits,
}

impl Engine {
    pub fn new(store: Store) -> Engine {
        Engine {
            store,
            limits: Limits::default(),
        }
    }

    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// `/loki/api/v1/query_range`.
    pub fn query_range(&self, q: &RangeQuery) -> Result<QueryResult, EngineError> {
        if q.end < q.start {
            return Err(EngineError::BadParam(
                "end timestamp must not be before or equal to start time".into(),
            ));
        }
        if q.step <= 0 {
            return Err(EngineError::BadParam(
                "zero or negative query resolution step widths are not accepted. Try a positive integer".into(),
            ));
        }
        let too_large = || EngineError::BadParam("the time range is too large".into());
        let span = q.end.checked_sub(q.start).ok_or_else(too_large)?;
        if span / q.step > self.limits.max_points {
            return Err(EngineError::BadParam(
                "exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter".into(),
            ));
        }
        match parse(&q.query)? {
            Expr::Log(log) => {
                self.check_entries_limit(q.limit)?;
                let budget = budget::Budget::new(self.limits.max_query_bytes);
                logs::select(
                    &self.store,
                    &log,
                    (q.start, q.end),
                    q.limit,
                    q.direction,
                    &budget,
                )
                .map(QueryResult::Streams)
            }
            Expr::Metric(m) => {
                // The query frontend aligns metric range queries to the
                // step: start rounded down, end rounded up.
                let start = q.start - q.start.rem_euclid(q.step);
                let end = match q.end.rem_euclid(q.step) {
                    0 => q.end,
                    r => q.end.checked_add(q.step - r).ok_or_else(too_large)?,
                };
                let steps: Vec<i64> = (0..)
                    .map(|k| start + k * q.step)
                    .take_while(|&t| t <= end)
                    .collect();
                metric::evaluate(&self.store, &m, &steps, self.limits).map(|out| out.into_matrix())
            }
        }
    }

    /// `/loki/api/v1/query`.
    pub fn query_instant(&self, q: &InstantQuery) -> Result<QueryResult, EngineError> {
        match parse(&q.query)? {
            Expr::Log(_) => Err(EngineError::BadQuery(ERR_LOG_INSTANT.into())),
            Expr::Metric(m) => metric::evaluate(&self.store, &m, &[q.time], self.limits)
                .map(|out| out.into_instant(&m)),
        }
    }

    fn check_entries_limit(&self, limit: u32) -> Result<(), EngineError> {
        if limit > self.limits.max_entries {
            return Err(EngineError::Limit(format!(
                "max entries limit per query exceeded, limit > max_entries_limit_per_query ({limit} > {})",
                self.limits.max_entries
            )));
        }
        Ok(())
    }

    fn streams_in(&self, range: TimeRange) -> impl Iterator<Item = &store::StreamData> {
        self.store
            .streams()
            .iter()
            .filter(move |s| !s.index_range(range.start, range.end).is_empty())
    }

    pub fn label_names(&self, range: TimeRange) -> Vec<String> {
        let mut names: Vec<String> = self
            .streams_in(range)
            .flat_map(|s| s.labels.iter().map(|(k, _)| k.to_string()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    pub fn label_values(&self, name: &str, range: TimeRange) -> Vec<String> {
        let mut values: Vec<String> = self
            .streams_in(range)
            .filter_map(|s| s.labels.get(name).map(str::to_string))
            .collect();
        values.sort();
        values.dedup();
        values
    }

    pub fn series(&self, selector: &str, range: TimeRange) -> Result<Vec<Labels>, EngineError> {
        Ok(self
            .selected(selector, range)?
            .map(|s| s.labels.clone())
            .collect())
    }

    /// Loki's index stats; a "chunk" here is one stream's stored column.
    pub fn index_stats(&self, selector: &str, range: TimeRange) -> Result<IndexStats, EngineError> {
        let mut stats = IndexStats::default();
        for s in self.selected(selector, range)? {
            let r = s.index_range(range.start, range.end);
            let (_, offsets) = s.line_bytes();
            stats.streams += 1;
            stats.chunks += 1;
            stats.entries += r.len() as u64;
            stats.bytes += (offsets[r.end] - offsets[r.start]) as u64;
        }
        Ok(stats)
    }

    /// Streams with entries in `range` that `selector` (a bare stream
    /// selector) matches.
    fn selected(
        &self,
        selector: &str,
        range: TimeRange,
    ) -> Result<impl Iterator<Item = &store::StreamData>, EngineError> {
        let Expr::Log(log) = parse(selector)? else {
            return Err(EngineError::BadQuery(format!(
                "{selector:?} is not a stream selector"
            )));
        };
        let matchers = pipeline::compile_selector(&log.selector)?;
        Ok(self
            .streams_in(range)
            .filter(move |s| matchers.iter().all(|m| m.matches(&s.labels))))
    }
}

fn parse(query: &str) -> Result<Expr, EngineError> {
    logql::parse(query).map_err(|e| EngineError::BadQuery(e.to_string()))
}

#[async_trait]
impl LogSource for Engine {
    fn capabilities(&self) -> Capabilities {
        Capabilities { approx_topk: true }
    }

    async fn query_range(&self, q: &RangeQuery) -> Result<QueryResponse, SourceError> {
        let result = Engine::query_range(self, q)?;
        Ok(QueryResponse::new(result, q.limit))
    }

    async fn query_instant(&self, q: &InstantQuery) -> Result<QueryResponse, SourceError> {
        let result = Engine::query_instant(self, q)?;
        Ok(QueryResponse::new(result, q.limit))
    }

    async fn labels(&self, range: TimeRange) -> Result<Vec<String>, SourceError> {
        Ok(self.label_names(range))
    }

    async fn label_values(&self, name: &str, range: TimeRange) -> Result<Vec<String>, SourceError> {
        Ok(Engine::label_values(self, name, range))
    }

    async fn series(&self, selector: &str, range: TimeRange) -> Result<Vec<Labels>, SourceError> {
        Engine::series(self, selector, range).map_err(Into::into)
    }

    async fn index_stats(
        &self,
        selector: &str,
        range: TimeRange,
    ) -> Result<IndexStats, SourceError> {
        Engine::index_stats(self, selector, range).map_err(Into::into)
    }

    async fn patterns(
        &self,
        _selector: &str,
        _range: TimeRange,
        _step: i64,
    ) -> Result<Vec<PatternSeries>, SourceError> {
        Err(SourceError::Unsupported(
            "the embedded engine does not detect patterns; mine templates with the knowledge base instead".into(),
        ))
    }
}
