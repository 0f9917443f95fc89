//! Typed template parameters: what kind of value sits at each `<*>`, and
//! statistics over the values seen there.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    Ip,
    Int,
    Float,
    Duration,
    Bytes,
    Id,
    Path,
    Word,
}

impl ParamType {
    pub fn name(self) -> &'static str {
        match self {
            ParamType::Ip => "ip",
            ParamType::Int => "int",
            ParamType::Float => "float",
            ParamType::Duration => "duration",
            ParamType::Bytes => "bytes",
            ParamType::Id => "id",
            ParamType::Path => "path",
            ParamType::Word => "word",
        }
    }

    /// Whether `unwrap` can aggregate it (with a conversion for some).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ParamType::Int | ParamType::Float | ParamType::Duration | ParamType::Bytes
        )
    }

    /// The type of one value.
    pub fn of(v: &str) -> ParamType {
        let v = v.trim();
        if v.is_empty() {
            return ParamType::Word;
        }
        if is_ip(v) {
            return ParamType::Ip;
        }
        if v.parse::<i64>().is_ok() {
            return ParamType::Int;
        }
        if v.parse::<f64>().is_ok() && v.bytes().any(|b| b.is_ascii_digit()) {
            return ParamType::Float;
        }
        if crate::engine::values::parse_duration(v).is_ok() {
            return ParamType::Duration;
        }
        if v.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && crate::engine::values::parse_bytes(v).is_ok()
        {
            return ParamType::Bytes;
        }
        if v.starts_with('/') || v.contains("://") || (v.contains('/') && !v.contains(' ')) {
            return ParamType::Path;
        }
        if is_id(v) {
            return ParamType::Id;
        }
        ParamType::Word
    }
}

fn is_ip(v: &str) -> bool {
    let host = v
        .rsplit_once(':')
        .filter(|(h, port)| h.contains('.') && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(v, |(h, _)| h);
    host.parse::<std::net::IpAddr>().is_ok()
}

/// Hex strings, UUIDs and tokens mixing letters and digits (`blk_123`,
/// `req-9f2c`): identifiers rather than words.
fn is_id(v: &str) -> bool {
    if v.len() < 4 || v.contains(' ') {
        return false;
    }
    let hex = v.bytes().filter(|b| b.is_ascii_hexdigit()).count();
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    let alnum = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    alnum && (digits > 0 && (hex == v.len() || digits * 4 >= v.len() || v.contains(['-', '_'])))
}

/// What was seen at one `<*>` of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamInfo {
    /// A label name for extraction, from the word before the variable.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ParamType,
    /// Distinct values seen (counting stops at `MAX_DISTINCT`).
    pub cardinality: usize,
    pub top_values: Vec<(String, u64)>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    pub samples: u64,
}

const MAX_DISTINCT: usize = 10_000;
const TOP_VALUES: usize = 5;

/// Accumulates the values of one position.
#[derive(Debug, Default, Clone)]
pub struct ParamStats {
    counts: HashMap<String, u64>,
    overflow: bool,
    types: HashMap<ParamType, u64>,
    sum: f64,
    min: Option<f64>,
    max: Option<f64>,
    numeric: u64,
    samples: u64,
}

impl ParamStats {
    pub fn add(&mut self, value: &str) {
        self.samples += 1;
        let kind = ParamType::of(value);
        *self.types.entry(kind).or_default() += 1;
        if let Some(n) = numeric_value(kind, value) {
            self.numeric += 1;
            self.sum += n;
            self.min = Some(self.min.map_or(n, |m| m.min(n)));
            self.max = Some(self.max.map_or(n, |m| m.max(n)));
        }
        if let Some(c) = self.counts.get_mut(value) {
            *c += 1;
        } else if self.counts.len() < MAX_DISTINCT {
            self.counts.insert(value.to_string(), 1);
        } else {
            self.overflow = true;
        }
    }

    /// The position's type: the one at least 90% of values have, else word.
    pub fn kind(&self) -> ParamType {
        let (best, n) = self
            .types
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(t.name())))
            .map_or((ParamType::Word, 0), |(t, n)| (*t, *n));
        // Ints among floats make a float position.
        let ints = self.types.get(&ParamType::Int).copied().unwrap_or(0);
        let floats = self.types.get(&ParamType::Float).copied().unwrap_or(0);
        if floats > 0 && (ints + floats) * 10 >= self.samples * 9 {
            return ParamType::Float;
        }
        if n * 10 >= self.samples * 9 {
            best
        } else {
            ParamType::Word
        }
    }

    pub fn info(&self, name: String) -> ParamInfo {
        let kind = self.kind();
        let mut top: Vec<(String, u64)> =
            self.counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top.truncate(TOP_VALUES);
        let numeric = kind.is_numeric() && self.numeric > 0;
        ParamInfo {
            name,
            kind,
            cardinality: self.counts.len() + usize::from(self.overflow),
            top_values: top,
            min: numeric.then_some(self.min).flatten(),
            max: numeric.then_some(self.max).flatten(),
            mean: numeric.then(|| self.sum / self.numeric as f64),
            samples: self.samples,
        }
    }
}

/// Durations in seconds and sizes in bytes, so `unwrap` agrees with them.
fn numeric_value(kind: ParamType, v: &str) -> Option<f64> {
    match kind {
        ParamType::Int | ParamType::Float => v.trim().parse().ok(),
        ParamType::Duration => crate::engine::values::parse_duration(v.trim())
            .ok()
            .map(|ns| ns as f64 / 1e9),
        ParamType::Bytes => crate::engine::values::parse_bytes(v.trim())
            .ok()
            .map(|b| b as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_values() {
        assert_eq!(ParamType::of("10.0.0.1"), ParamType::Ip);
        assert_eq!(ParamType::of("10.0.0.1:8080"), ParamType::Ip);
        assert_eq!(ParamType::of("::1"), ParamType::Ip);
        assert_eq!(ParamType::of("42"), ParamType::Int);
        assert_eq!(ParamType::of("-3.5"), ParamType::Float);
        assert_eq!(ParamType::of("150ms"), ParamType::Duration);
        assert_eq!(ParamType::of("1.5KB"), ParamType::Bytes);
        assert_eq!(ParamType::of("/var/log/syslog"), ParamType::Path);
        assert_eq!(ParamType::of("blk_-1608999687919862906"), ParamType::Id);
        assert_eq!(ParamType::of("3f2c9a1b"), ParamType::Id);
        assert_eq!(ParamType::of("root"), ParamType::Word);
    }

    #[test]
    fn stats_per_position() {
        let mut s = ParamStats::default();
        for v in ["10", "20", "30", "20"] {
            s.add(v);
        }
        let info = s.info("took".into());
        assert_eq!(info.kind, ParamType::Int);
        assert_eq!(info.cardinality, 3);
        assert_eq!(info.top_values[0], ("20".to_string(), 2));
        assert_eq!(
            (info.min, info.max, info.mean),
            (Some(10.0), Some(30.0), Some(20.0))
        );
        let mut mixed = ParamStats::default();
        for v in ["1", "2.5", "3"] {
            mixed.add(v);
        }
        assert_eq!(mixed.kind(), ParamType::Float);
    }
}
