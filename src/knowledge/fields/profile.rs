//! Profiles of fields: for each, its type (decided from all its values'
//! shapes and its name), how many lines carry it, its distinct values and
//! the most frequent ones, and for numeric types min/max/mean/quantiles.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::kind::{FieldKind, NameHint, TimeUnit, ValueKind, ValueRead};

/// Limits of a profile.
#[derive(Debug, Clone, Copy)]
pub struct ProfileOptions {
    /// Most frequent values kept per field.
    pub top: usize,
    /// Distinct values counted per field; beyond it the count is a floor.
    pub distinct: usize,
    /// Numbers kept per field for quantiles (a uniform sample beyond it).
    pub numbers: usize,
    /// Fields profiled; later new names are counted in `FieldsInfo::skipped_fields`.
    pub fields: usize,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        ProfileOptions {
            top: 10,
            distinct: 1000,
            numbers: 10_000,
            fields: 200,
        }
    }
}

/// One value and how many lines had it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValue {
    pub value: String,
    pub count: u64,
}

/// The distribution of a numeric field, in the units its `unwrap` yields.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NumericStats {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

/// One field as the lines show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldProfile {
    /// The label name the LogQL stage gives it (`http_status` for JSON's
    /// `{"http":{"status":..}}`).
    pub name: String,
    pub kind: FieldKind,
    /// Lines with a value (not empty, not `-`).
    pub count: u64,
    /// Lines where it is present but empty or `-`.
    pub empty: u64,
    /// Distinct values among those counted.
    pub distinct: u64,
    /// More distinct values were seen than counted: `distinct` is a floor.
    pub distinct_capped: bool,
    /// The most frequent values, most frequent first.
    pub top: Vec<TopValue>,
    /// For numeric kinds ([`FieldKind::is_numeric`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<NumericStats>,
}

impl FieldProfile {
    /// How `| unwrap` reads the field for `*_over_time` aggregations:
    /// with `duration()`/`bytes()` when values carry their unit; `None`
    /// for kinds that are not numeric.
    pub fn unwrap(&self) -> Option<logql::Unwrap> {
        let conversion = match self.kind {
            FieldKind::Number
            | FieldKind::Duration {
                suffixed: false, ..
            }
            | FieldKind::Bytes { suffixed: false } => None,
            FieldKind::Duration { suffixed: true, .. } => Some(logql::Conversion::Duration),
            FieldKind::Bytes { suffixed: true } => Some(logql::Conversion::Bytes),
            _ => return None,
        };
        Some(logql::Unwrap {
            label: self.name.clone(),
            conversion,
            post_filters: Vec::new(),
        })
    }

    /// A top value equal to `word` ignoring case, as the logs write it.
    pub fn value_like(&self, word: &str) -> Option<&str> {
        self.top
            .iter()
            .find(|t| t.value.eq_ignore_ascii_case(word))
            .map(|t| t.value.as_str())
    }
}

/// A uniform sample of numbers (reservoir sampling with a fixed seed, so
/// profiles are reproducible).
#[derive(Debug, Default)]
struct Reservoir {
    seen: u64,
    kept: Vec<f64>,
    min: f64,
    max: f64,
    sum: f64,
    rng: u64,
}

impl Reservoir {
    fn add(&mut self, v: f64, cap: usize) {
        if self.seen == 0 {
            self.min = v;
            self.max = v;
            self.rng = 0x9E37_79B9_7F4A_7C15;
        }
        self.seen += 1;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        self.sum += v;
        if self.kept.len() < cap {
            self.kept.push(v);
            return;
        }
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let r = self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let j = r % self.seen;
        if let Some(slot) = self.kept.get_mut(j as usize) {
            *slot = v;
        }
    }

    /// Both samples as one (exact min, max and mean; the kept numbers of
    /// both, which is close enough for quantiles when one side is small).
    fn merge(mut self, other: Reservoir) -> Reservoir {
        if other.seen == 0 {
            return self;
        }
        if self.seen == 0 {
            return other;
        }
        self.seen += other.seen;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        self.sum += other.sum;
        self.kept.extend(other.kept);
        self
    }

    fn stats(mut self) -> Option<NumericStats> {
        if self.seen == 0 {
            return None;
        }
        self.kept.sort_by(f64::total_cmp);
        let q = |p: f64| -> f64 {
            // Nearest rank.
            let n = self.kept.len();
            let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
            self.kept[rank - 1]
        };
        Some(NumericStats {
            min: self.min,
            max: self.max,
            mean: self.sum / self.seen as f64,
            p50: q(0.50),
            p95: q(0.95),
            p99: q(0.99),
        })
    }
}

/// What one field's values looked like so far.
#[derive(Debug, Default)]
struct Acc {
    count: u64,
    empty: u64,
    numbers: u64,
    integers: u64,
    durations: u64,
    sized: u64,
    ips: u64,
    times: u64,
    statuses: u64,
    ids: u64,
    spaced: u64,
    long: u64,
    values: HashMap<String, u64>,
    capped: bool,
    plain: Reservoir,
    seconds: Reservoir,
    bytes: Reservoir,
}

impl Acc {
    fn add(&mut self, v: &str, opts: &ProfileOptions) {
        let read = ValueRead::of(v);
        match read.what {
            ValueKind::Empty => {
                self.empty += 1;
                return;
            }
            ValueKind::Number { n, integer, status } => {
                self.numbers += 1;
                self.integers += u64::from(integer);
                self.statuses += u64::from(status);
                // Plain numbers also count as sizes (`bytes()` reads `512`)
                // and a bare 0 as a duration: merged in once the kind is known.
                self.plain.add(n, opts.numbers);
            }
            ValueKind::Duration(s) => {
                self.durations += 1;
                self.seconds.add(s, opts.numbers);
            }
            ValueKind::Bytes(b) => {
                self.sized += 1;
                self.bytes.add(b, opts.numbers);
            }
            ValueKind::Ip => self.ips += 1,
            ValueKind::Time => self.times += 1,
            ValueKind::Other => {}
        }
        self.count += 1;
        self.ids += u64::from(read.id_like);
        self.spaced += u64::from(read.spaced);
        self.long += u64::from(read.long);
        let room = self.values.len() < opts.distinct;
        match self.values.get_mut(v) {
            Some(c) => *c += 1,
            None if room => {
                self.values.insert(v.to_string(), 1);
            }
            None => self.capped = true,
        }
    }

    /// The field's type from its values' shapes and its name.
    fn kind(&self, name: &str) -> FieldKind {
        let n = self.count;
        if n == 0 {
            return FieldKind::Text;
        }
        // "Most": 90% of the values, so a stray value does not flip a type.
        let most = |k: u64| k * 10 >= n * 9;
        let hint = NameHint::of(name);
        let distinct = self.values.len() as u64;
        if most(self.ips) {
            return FieldKind::Ip;
        }
        if most(self.times) {
            return FieldKind::Time;
        }
        if most(self.numbers) {
            // Epoch seconds (or finer) under a time name.
            if hint.time && self.plain.min >= 1e9 {
                return FieldKind::Time;
            }
            let all_status = self.statuses == self.numbers && self.numbers == n;
            // Few distinct codes, or a name that says status: a latency in
            // 100-599 has many distinct values and no such name.
            if all_status
                && !hint.bytes
                && hint.duration.is_none()
                && (hint.status || (distinct <= 16 && n >= 2 * distinct))
            {
                return FieldKind::Status;
            }
            if hint.id && self.integers == self.numbers {
                return FieldKind::Id;
            }
            if let Some(unit) = hint.duration {
                let fractional = self.integers < self.numbers;
                // Without a unit in the name: fractions are seconds (nginx's
                // `request_time`); whole numbers stay plain numbers.
                let unit = match unit {
                    Some(u) => Some(u),
                    None if fractional && self.plain.max < 30.0 * 86_400.0 => Some(TimeUnit::S),
                    None => None,
                };
                if let Some(unit) = unit {
                    return FieldKind::Duration {
                        unit,
                        suffixed: false,
                    };
                }
            }
            if hint.bytes && self.integers == self.numbers && self.plain.min >= 0.0 {
                return FieldKind::Bytes { suffixed: false };
            }
            return FieldKind::Number;
        }
        if self.durations > 0 && most(self.durations + self.numbers) {
            return FieldKind::Duration {
                unit: TimeUnit::S,
                suffixed: true,
            };
        }
        if self.sized > 0 && most(self.sized + self.numbers) {
            return FieldKind::Bytes { suffixed: true };
        }
        if hint.id && most(self.ids) {
            return FieldKind::Id;
        }
        // Few values, each seen again and again: a category (levels,
        // methods, service names); a few dozen values need more repeats.
        let words = self.spaced == 0 && self.long == 0;
        let repeated = (distinct <= 20 && (distinct <= 2 || n >= 2 * distinct))
            || (distinct <= 100 && n >= 20 * distinct);
        if words && !self.capped && repeated {
            return FieldKind::Enum;
        }
        // Ids may repeat (an order's few lines), not like a category's values.
        if most(self.ids) && (self.capped || distinct * 4 >= n) {
            return FieldKind::Id;
        }
        FieldKind::Text
    }

    fn finish(self, name: String, opts: &ProfileOptions) -> FieldProfile {
        let kind = self.kind(&name);
        let stats = match kind {
            FieldKind::Number
            | FieldKind::Duration {
                suffixed: false, ..
            }
            | FieldKind::Bytes { suffixed: false } => self.plain.stats(),
            FieldKind::Duration { suffixed: true, .. } => self.seconds.merge(self.plain).stats(),
            FieldKind::Bytes { suffixed: true } => self.bytes.merge(self.plain).stats(),
            _ => None,
        };
        let mut top: Vec<TopValue> = self
            .values
            .iter()
            .map(|(v, c)| TopValue {
                value: v.clone(),
                count: *c,
            })
            .collect();
        top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        top.truncate(opts.top);
        FieldProfile {
            name,
            kind,
            count: self.count,
            empty: self.empty,
            distinct: self.values.len() as u64,
            distinct_capped: self.capped,
            top,
            stats,
        }
    }
}

/// Accumulates the fields of lines one at a time.
#[derive(Debug, Default)]
pub struct Profiler {
    opts: ProfileOptions,
    /// In the order first seen.
    fields: Vec<(String, Acc)>,
    index: HashMap<String, usize>,
    /// The field found at each position of the last lines: structured
    /// lines mostly repeat their order, so a name compare replaces a hash.
    at: Vec<usize>,
    pos: usize,
    skipped: HashMap<String, ()>,
}

impl Profiler {
    pub fn new(opts: ProfileOptions) -> Profiler {
        Profiler {
            opts,
            ..Profiler::default()
        }
    }

    /// One value of a field. Within a line, give each name once (the
    /// extractors do); call [`end_line`](Self::end_line) after each line.
    pub fn add(&mut self, name: &str, value: &str) {
        let pos = self.pos;
        self.pos += 1;
        let cached = self
            .at
            .get(pos)
            .copied()
            .filter(|&i| self.fields.get(i).is_some_and(|(n, _)| n == name));
        let i = match cached {
            Some(i) => i,
            None => {
                let i = match self.index.get(name) {
                    Some(&i) => i,
                    None if self.fields.len() < self.opts.fields => {
                        self.fields.push((name.to_string(), Acc::default()));
                        self.index.insert(name.to_string(), self.fields.len() - 1);
                        self.fields.len() - 1
                    }
                    None => {
                        if self.skipped.len() < 10_000 {
                            self.skipped.insert(name.to_string(), ());
                        }
                        return;
                    }
                };
                if pos < self.at.len() {
                    self.at[pos] = i;
                } else if pos == self.at.len() && pos < 256 {
                    self.at.push(i);
                }
                i
            }
        };
        if let Some((_, acc)) = self.fields.get_mut(i) {
            acc.add(value, &self.opts);
        }
    }

    /// The line's fields are all added.
    pub fn end_line(&mut self) {
        self.pos = 0;
    }

    /// Names beyond [`ProfileOptions::fields`] that were not profiled.
    pub fn skipped(&self) -> usize {
        self.skipped.len()
    }

    /// The profiles, in the order the fields were first seen.
    pub fn finish(self) -> Vec<FieldProfile> {
        let opts = self.opts;
        self.fields
            .into_iter()
            .map(|(name, acc)| acc.finish(name, &opts))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, values: &[&str]) -> FieldProfile {
        let mut p = Profiler::new(ProfileOptions::default());
        for v in values {
            p.add(name, v);
            p.end_line();
        }
        p.finish().remove(0)
    }

    #[test]
    fn kinds_from_values_and_names() {
        let k = |name: &str, values: &[&str]| profile(name, values).kind;
        assert_eq!(k("n", &["1", "2.5", "3"]), FieldKind::Number);
        assert_eq!(
            k("duration", &["12ms", "1.5s", "2m10s", "0"]),
            FieldKind::Duration {
                unit: TimeUnit::S,
                suffixed: true
            }
        );
        assert_eq!(
            k("latency_ms", &["12", "30012", "15"]),
            FieldKind::Duration {
                unit: TimeUnit::Ms,
                suffixed: false
            }
        );
        assert_eq!(
            k("request_time", &["0.031", "0.004", "10.002"]),
            FieldKind::Duration {
                unit: TimeUnit::S,
                suffixed: false
            }
        );
        // A whole-number `*_time` without a unit is not guessed at.
        assert_eq!(k("request_time", &["31", "4", "10"]), FieldKind::Number);
        assert_eq!(k("start_time", &["0.5", "0.7"]), FieldKind::Number);
        assert_eq!(
            k("body_bytes_sent", &["512", "0", "1024"]),
            FieldKind::Bytes { suffixed: false }
        );
        assert_eq!(
            k("size", &["1.5KB", "10MiB", "0"]),
            FieldKind::Bytes { suffixed: true }
        );
        let codes = ["200", "200", "404", "200", "502", "304", "200", "200"];
        assert_eq!(k("code", &codes), FieldKind::Status);
        assert_eq!(k("x", &codes), FieldKind::Status);
        // Many distinct values in 100-599 and no status name: a number.
        let spread: Vec<String> = (100..300).map(|i| i.to_string()).collect();
        let spread: Vec<&str> = spread.iter().map(String::as_str).collect();
        assert_eq!(k("wait", &spread), FieldKind::Number);
        assert_eq!(
            k("latency_ms", &codes),
            FieldKind::Duration {
                unit: TimeUnit::Ms,
                suffixed: false
            }
        );
        assert_eq!(
            k("addr", &["10.0.0.1", "2001:db8::7", "10.0.0.2"]),
            FieldKind::Ip
        );
        assert_eq!(k("user_id", &["1001", "1002", "1001"]), FieldKind::Id);
        let ids: Vec<String> = (0..50).map(|i| format!("{:032x}", i * 7919 + 13)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(k("trace", &ids), FieldKind::Id);
        assert_eq!(
            k("level", &["info", "warn", "info", "error", "info", "info"]),
            FieldKind::Enum
        );
        assert_eq!(k("ok", &["true", "false"]), FieldKind::Enum);
        assert_eq!(
            k("ts", &["2026-12-06T09:00:01.5Z", "2026-12-06T09:00:02Z"]),
            FieldKind::Time
        );
        assert_eq!(k("ts", &["1764000000", "1764000001.5"]), FieldKind::Time);
        assert_eq!(k("ts", &["12", "13"]), FieldKind::Number);
        assert_eq!(
            k("msg", &["login ok", "login ok", "slow", "login failed"]),
            FieldKind::Text
        );
        assert_eq!(
            k("path", &["/a/1", "/a/2", "/b/3", "/c/4"]),
            FieldKind::Text
        );
        // Only empty values: nothing to type.
        let p = profile("upstream", &["-", "", "-"]);
        assert_eq!((p.kind, p.count, p.empty), (FieldKind::Text, 0, 3));
    }

    #[test]
    fn a_stray_value_does_not_flip_a_type() {
        let mut values = vec!["12"; 30];
        values.push("n/a");
        assert_eq!(profile("n", &values).kind, FieldKind::Number);
        let mut values = vec!["12"; 5];
        values.extend(["a", "b"]);
        assert_ne!(profile("n", &values).kind, FieldKind::Number);
    }

    #[test]
    fn stats_and_top_values() {
        let values: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let p = profile("n", &values);
        let s = p.stats.unwrap();
        assert_eq!(
            (s.min, s.max, s.p50, s.p95, s.p99),
            (1.0, 100.0, 50.0, 95.0, 99.0)
        );
        assert!((s.mean - 50.5).abs() < 1e-9);
        assert_eq!(p.distinct, 100);
        assert_eq!(p.top.len(), 10);

        let p = profile("d", &["500ms", "1s", "1.5s"]);
        let s = p.stats.unwrap();
        assert_eq!((s.min, s.max), (0.5, 1.5));
        assert_eq!(p.unwrap().unwrap().to_string(), "| unwrap duration(d)");

        let p = profile("level", &["info", "warn", "info"]);
        assert_eq!(
            p.top[0],
            TopValue {
                value: "info".into(),
                count: 2
            }
        );
        assert_eq!(p.value_like("WARN"), Some("warn"));
        assert!(p.stats.is_none() && p.unwrap().is_none());
    }

    #[test]
    fn bounded_memory() {
        let opts = ProfileOptions {
            distinct: 50,
            numbers: 100,
            fields: 3,
            ..ProfileOptions::default()
        };
        let mut p = Profiler::new(opts);
        for i in 0..10_000 {
            p.add("n", &i.to_string());
            p.add(&format!("k{}", i % 7), "x");
            p.end_line();
        }
        assert_eq!(p.skipped(), 5);
        let out = p.finish();
        assert_eq!(out.len(), 3);
        let n = &out[0];
        assert!(n.distinct_capped && n.distinct == 50);
        let s = n.stats.unwrap();
        assert_eq!((s.min, s.max), (0.0, 9999.0));
        // A uniform sample: the median is near the middle.
        assert!((s.p50 - 5000.0).abs() < 1500.0, "{}", s.p50);
    }
}
