//! The log-source interface: what the ask pipeline and the Grafana plugin
//! call, whether the logs live in the embedded engine or in Loki.
//!
//! Results are typed the way Loki's HTTP API shapes them, so the two
//! implementations can be compared value for value and printed as Loki's JSON.

use std::fmt;

use async_trait::async_trait;
use serde_json::{json, Value};

use logql::go_quote;

/// A label set, sorted by name (names are unique).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labels(Vec<(String, String)>);

/// `a.cmp(b)`, deciding on the first bytes when they differ (as they do
/// for most pairs of label names) without a call to compare the rest: the
/// engine looks labels up several times per line.
#[inline]
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) if x != y => x.cmp(y),
        _ => a.cmp(b),
    }
}

impl Labels {
    pub fn new() -> Labels {
        Labels(Vec::new())
    }

    /// Build from pairs in any order; a later duplicate name wins.
    pub fn from_pairs<I, K, V>(pairs: I) -> Labels
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut out = Labels::new();
        for (k, v) in pairs {
            out.set(k.into(), v.into());
        }
        out
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.position(name).ok().map(|i| self.0[i].1.as_str())
    }

    pub fn set(&mut self, name: String, value: String) {
        match self.position(&name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    /// Become a copy of `other`, reusing this set's strings; pairs beyond
    /// `other`'s length go to `spare` for [`Labels::set_reusing`].
    pub fn copy_reusing(&mut self, other: &Labels, spare: &mut Vec<(String, String)>) {
        // A pair or two at most, usually: popping beats a drain.
        while self.0.len() > other.0.len() {
            spare.extend(self.0.pop());
        }
        for ((k, v), (ok, ov)) in self.0.iter_mut().zip(&other.0) {
            k.clone_from(ok);
            v.clone_from(ov);
        }
        let have = self.0.len();
        self.0.extend(other.0[have..].iter().cloned());
    }

    /// [`Labels::set`] from borrowed text, filling a pair from `spare`
    /// (when it has one) instead of allocating.
    pub fn set_reusing(&mut self, name: &str, value: &str, spare: &mut Vec<(String, String)>) {
        match self.position(name) {
            Ok(i) => {
                let slot = &mut self.0[i].1;
                slot.clear();
                slot.push_str(value);
            }
            Err(i) => {
                let (mut k, mut v) = spare.pop().unwrap_or_default();
                k.clear();
                k.push_str(name);
                v.clear();
                v.push_str(value);
                self.0.insert(i, (k, v));
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<String> {
        self.position(name).ok().map(|i| self.0.remove(i).1)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Roughly what this label set holds on the heap, for memory budgets.
    pub fn heap_bytes(&self) -> usize {
        24 + self
            .0
            .iter()
            .map(|(k, v)| 48 + k.len() + v.len())
            .sum::<usize>()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keep only the labels `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }

    /// [`Labels::retain`], moving the pairs it drops to `spare` (for
    /// [`Labels::set_reusing`]) instead of freeing them: a scan that
    /// narrows every entry's labels then allocates nothing per entry.
    pub fn retain_reusing(
        &mut self,
        mut keep: impl FnMut(&str, &str) -> bool,
        spare: &mut Vec<(String, String)>,
    ) {
        let mut kept = 0;
        for i in 0..self.0.len() {
            let (k, v) = &self.0[i];
            if keep(k, v) {
                // Kept pairs move forward in order: the set stays sorted.
                self.0.swap(kept, i);
                kept += 1;
            }
        }
        spare.extend(self.0.drain(kept..));
    }

    /// [`Labels::remove`], moving the pair to `spare`; true if it was there.
    pub fn remove_reusing(&mut self, name: &str, spare: &mut Vec<(String, String)>) -> bool {
        match self.position(name) {
            Ok(i) => {
                spare.push(self.0.remove(i));
                true
            }
            Err(_) => false,
        }
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        // Most sets are a few labels: a scan in order mispredicts less than
        // halving does.
        if self.0.len() <= 8 {
            for (i, (k, _)) in self.0.iter().enumerate() {
                match cmp_names(k, name) {
                    std::cmp::Ordering::Less => {}
                    std::cmp::Ordering::Equal => return Ok(i),
                    std::cmp::Ordering::Greater => return Err(i),
                }
            }
            return Err(self.0.len());
        }
        self.0.binary_search_by(|(k, _)| cmp_names(k, name))
    }

    pub fn to_json(&self) -> Value {
        Value::Object(
            self.0
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    }
}

/// Prometheus' text form: `{a="1", b="2"}`.
impl fmt::Display for Labels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{k}={}", go_quote(v))?;
        }
        f.write_str("}")
    }
}

/// One log line as a source returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Unix nanoseconds.
    pub ts: i64,
    pub line: String,
    /// Structured metadata when the source reports it per entry (Loki's
    /// categorised responses); empty when it is merged into the stream's
    /// labels, Loki's default and the embedded engine's form.
    pub metadata: Labels,
}

impl Entry {
    pub fn new(ts: i64, line: impl Into<String>) -> Entry {
        Entry {
            ts,
            line: line.into(),
            metadata: Labels::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub labels: Labels,
    pub entries: Vec<Entry>,
}

/// A sample point: Unix milliseconds (Loki's metric resolution) and a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub ts_ms: i64,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub labels: Labels,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub labels: Labels,
    pub point: Point,
}

/// The four result types of Loki's query API.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryResult {
    Streams(Vec<Stream>),
    Matrix(Vec<Series>),
    Vector(Vec<Sample>),
    Scalar(Point),
}

impl QueryResult {
    /// How many rows it holds: log lines, or series (a scalar is one).
    pub fn rows(&self) -> usize {
        match self {
            QueryResult::Streams(s) => s.iter().map(|s| s.entries.len()).sum(),
            QueryResult::Matrix(m) => m.len(),
            QueryResult::Vector(v) => v.len(),
            QueryResult::Scalar(_) => 1,
        }
    }

    pub fn result_type(&self) -> &'static str {
        match self {
            QueryResult::Streams(_) => "streams",
            QueryResult::Matrix(_) => "matrix",
            QueryResult::Vector(_) => "vector",
            QueryResult::Scalar(_) => "scalar",
        }
    }

    /// The body Loki's `/loki/api/v1/query(_range)` answers with.
    pub fn to_loki_json(&self) -> Value {
        let result = match self {
            QueryResult::Streams(streams) => Value::Array(
                streams
                    .iter()
                    .map(|s| {
                        json!({
                            "stream": s.labels.to_json(),
                            "values": s.entries.iter().map(entry_json).collect::<Vec<_>>(),
                        })
                    })
                    .collect(),
            ),
            QueryResult::Matrix(series) => Value::Array(
                series
                    .iter()
                    .map(|s| {
                        json!({
                            "metric": s.labels.to_json(),
                            "values": s.points.iter().map(point_json).collect::<Vec<_>>(),
                        })
                    })
                    .collect(),
            ),
            QueryResult::Vector(samples) => Value::Array(
                samples
                    .iter()
                    .map(|s| json!({"metric": s.labels.to_json(), "value": point_json(&s.point)}))
                    .collect(),
            ),
            QueryResult::Scalar(p) => point_json(p),
        };
        json!({"status": "success", "data": {"resultType": self.result_type(), "result": result}})
    }
}

impl QueryResult {
    /// [`QueryResult::to_loki_json`] written out as it is serialised, the
    /// same bytes, without building the document first: an answer of a
    /// million series would take gigabytes as a document.
    pub fn write_loki_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let values_key = match self {
            QueryResult::Vector(_) => "value",
            QueryResult::Matrix(_) => "values",
            _ => {
                return serde_json::to_writer(out, &self.to_loki_json())
                    .map_err(std::io::Error::from)
            }
        };
        write!(
            out,
            r#"{{"status":"success","data":{{"resultType":"{}","result":["#,
            self.result_type()
        )?;
        // `{"metric":{…},"value":` (`"values":` for a matrix), the i-th series.
        let open_series = |out: &mut dyn std::io::Write, i: usize, labels: &Labels| {
            out.write_all(if i > 0 {
                b",{\"metric\":{"
            } else {
                b"{\"metric\":{"
            })?;
            for (j, (k, v)) in labels.iter().enumerate() {
                if j > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, k)?;
                out.write_all(b":")?;
                serde_json::to_writer(&mut *out, v)?;
            }
            write!(out, r#"}},"{values_key}":"#)
        };
        match self {
            QueryResult::Vector(samples) => {
                for (i, s) in samples.iter().enumerate() {
                    open_series(out, i, &s.labels)?;
                    serde_json::to_writer(&mut *out, &point_json(&s.point))?;
                    out.write_all(b"}")?;
                }
            }
            QueryResult::Matrix(all) => {
                for (i, s) in all.iter().enumerate() {
                    open_series(out, i, &s.labels)?;
                    out.write_all(b"[")?;
                    for (j, p) in s.points.iter().enumerate() {
                        if j > 0 {
                            out.write_all(b",")?;
                        }
                        serde_json::to_writer(&mut *out, &point_json(p))?;
                    }
                    out.write_all(b"]}")?;
                }
            }
            _ => {}
        }
        out.write_all(b"]}}")
    }
}

/// `["<ns>", "<line>"]`, with a third element for per-entry metadata.
fn entry_json(e: &Entry) -> Value {
    if e.metadata.is_empty() {
        json!([e.ts.to_string(), e.line])
    } else {
        json!([e.ts.to_string(), e.line, {"structuredMetadata": e.metadata.to_json()}])
    }
}

/// `[<seconds as a JSON number>, "<value>"]`, the way Prometheus' model
/// marshals a sample: milliseconds printed as a decimal number of seconds.
fn point_json(p: &Point) -> Value {
    let secs = p.ts_ms.div_euclid(1000);
    let ms = p.ts_ms.rem_euclid(1000);
    let ts: Value = if ms == 0 {
        Value::from(secs)
    } else {
        // An exact decimal, never a binary-float rounding of it.
        let text = format!("{secs}.{ms:03}");
        let text = text.trim_end_matches('0');
        serde_json::from_str(text).unwrap_or(Value::from(p.ts_ms as f64 / 1000.0))
    };
    Value::Array(vec![ts, Value::String(format_sample_value(p.value))])
}

/// Go's `strconv.FormatFloat(v, 'f', -1, 64)` with Prometheus' spellings of
/// the specials.
pub fn format_sample_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        logql::format_float_plain(v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    Forward,
    #[default]
    Backward,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Direction> {
        match s.to_ascii_lowercase().as_str() {
            "forward" => Some(Direction::Forward),
            "backward" => Some(Direction::Backward),
            _ => None,
        }
    }
}

/// `/loki/api/v1/query_range`: times in Unix nanoseconds, step in nanoseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeQuery {
    pub query: String,
    pub start: i64,
    pub end: i64,
    pub step: i64,
    pub limit: u32,
    pub direction: Direction,
}

/// `/loki/api/v1/query`.
#[derive(Debug, Clone, PartialEq)]
pub struct InstantQuery {
    pub query: String,
    pub time: i64,
    pub limit: u32,
    pub direction: Direction,
}

/// A query's result with what the source says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResponse {
    pub result: QueryResult,
    /// Loki's `stats` block, as sent (the embedded engine has none).
    pub stats: Option<Value>,
    /// A log query returned as many entries as its limit: more may exist.
    pub truncated: bool,
}

impl QueryResponse {
    pub fn new(result: QueryResult, limit: u32) -> QueryResponse {
        let truncated = match &result {
            QueryResult::Streams(streams) => {
                limit > 0
                    && streams.iter().map(|s| s.entries.len()).sum::<usize>() >= limit as usize
            }
            _ => false,
        };
        QueryResponse {
            result,
            stats: None,
            truncated,
        }
    }
}

/// `/loki/api/v1/index/stats`: what a selector covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct IndexStats {
    pub streams: u64,
    pub chunks: u64,
    pub entries: u64,
    pub bytes: u64,
}

/// One pattern from Loki's `/loki/api/v1/patterns`, with its counts over time.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternSeries {
    pub pattern: String,
    /// (Unix milliseconds, count)
    pub samples: Vec<(i64, u64)>,
}

/// A time window for metadata calls (labels, values, series).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub start: i64,
    pub end: i64,
}

/// Errors every source can produce; implementations carry their own detail
/// in the message (Loki's text is kept verbatim).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// The query or a parameter is wrong; the message says what to change.
    #[error("{0}")]
    BadRequest(String),
    /// A limit refused the query (series, entries, points, range).
    #[error("{0}")]
    Limit(String),
    /// The source could not be reached or failed.
    #[error("{0}")]
    Unavailable(String),
    /// The source (or our wait for it) timed out.
    #[error("{0}")]
    Timeout(String),
    /// The source does not offer this call (e.g. Loki's patterns endpoint off).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

/// What a source can run beyond plain LogQL, for planners that choose
/// between queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// `approx_topk` answered in bounded memory. Loki runs it only with its
    /// query frontend's sharding on, which a client cannot see, so the Loki
    /// client does not claim it.
    pub approx_topk: bool,
}

/// What both the embedded engine and the Loki client offer.
#[async_trait]
pub trait LogSource: Send + Sync {
    /// What this source supports (default: nothing beyond plain LogQL).
    fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }

    async fn query_range(&self, q: &RangeQuery) -> Result<QueryResponse, SourceError>;
    async fn query_instant(&self, q: &InstantQuery) -> Result<QueryResponse, SourceError>;
    async fn labels(&self, range: TimeRange) -> Result<Vec<String>, SourceError>;
    async fn label_values(&self, name: &str, range: TimeRange) -> Result<Vec<String>, SourceError>;
    /// Label sets of the streams matching `selector`.
    async fn series(&self, selector: &str, range: TimeRange) -> Result<Vec<Labels>, SourceError>;
    /// Streams, chunks, entries and bytes a selector covers.
    async fn index_stats(
        &self,
        selector: &str,
        range: TimeRange,
    ) -> Result<IndexStats, SourceError>;
    /// Loki 3's detected patterns; `Unsupported` where the source has none.
    async fn patterns(
        &self,
        selector: &str,
        range: TimeRange,
        step: i64,
    ) -> Result<Vec<PatternSeries>, SourceError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(r: &QueryResult) -> String {
        let mut out = Vec::new();
        r.write_loki_json(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn labels_stay_sorted_and_found_whatever_their_number() {
        // Names sharing first bytes, an empty one, and non-ASCII ones, into
        // sets small enough to scan and large enough to halve.
        let names = [
            "b", "", "ab", "a", "é", "a_b", "b_", "aa", "z", "ä", "A", "_", "ba",
        ];
        for n in 1..=names.len() {
            let mut l = Labels::new();
            let mut spare = Vec::new();
            for (i, k) in names[..n].iter().enumerate() {
                l.set_reusing(k, &i.to_string(), &mut spare);
            }
            let mut sorted: Vec<&str> = names[..n].to_vec();
            sorted.sort();
            assert_eq!(l.iter().map(|(k, _)| k).collect::<Vec<_>>(), sorted);
            for (i, k) in names[..n].iter().enumerate() {
                assert_eq!(l.get(k), Some(i.to_string().as_str()), "{k} in {n}");
            }
            for k in ["c", "a_", "bb", "ü"] {
                assert_eq!(l.get(k), None);
            }
            l.set("a".into(), "x".into());
            assert_eq!(l.get("a"), Some("x"));
        }
    }

    #[test]
    fn written_json_is_the_documents_bytes() {
        let odd = Labels::from_pairs([("a", "q\"uo\\te\n\u{1}é"), ("ip", "10.0.0.1")]);
        let plain = Labels::from_pairs([("ip", "10.0.0.2")]);
        let vector = QueryResult::Vector(vec![
            Sample {
                labels: odd.clone(),
                point: Point {
                    ts_ms: 1_717_113_600_120,
                    value: 2.5,
                },
            },
            Sample {
                labels: Labels::new(),
                point: Point {
                    ts_ms: -1500,
                    value: f64::NAN,
                },
            },
        ]);
        let matrix = QueryResult::Matrix(vec![
            Series {
                labels: plain,
                points: vec![
                    Point {
                        ts_ms: 1000,
                        value: f64::INFINITY,
                    },
                    Point {
                        ts_ms: 2001,
                        value: 1e21,
                    },
                ],
            },
            Series {
                labels: odd,
                points: Vec::new(),
            },
        ]);
        for r in [
            vector,
            matrix,
            QueryResult::Vector(Vec::new()),
            QueryResult::Matrix(Vec::new()),
            QueryResult::Scalar(Point {
                ts_ms: 5,
                value: 1.0,
            }),
            QueryResult::Streams(Vec::new()),
        ] {
            assert_eq!(written(&r), r.to_loki_json().to_string());
        }
    }
}
