//! Line headers: the timestamp, level, host, program, component... that
//! common log formats put before the message. Detected from a sample, a
//! header lets mining see only the message (so templates do not split by
//! node or weekday), names the header's variables after their fields, and
//! gives the planner a `| regexp` that extracts them as labels for "which
//! component…" and "how many FATAL…" questions.

mod infer;

pub(crate) use infer::SEVERITIES;

use infer::infer;

use std::collections::HashMap;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// Known layouts, tried in order. Each is an RE2 expression (so it runs in
/// Loki as a `| regexp` stage too) anchored at the line start; the groups
/// name the fields, and what follows the match is the message.
const FORMATS: &[(&str, &str)] = &[
    (
        // Jun 14 15:16:01 combo sshd(pam_unix)[19939]: msg
        "syslog",
        r"^(?P<timestamp>[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}) (?P<host>\S+) (?P<program>[^\s\[\]:]+)(?:\[(?P<pid>\d+)\])?: ",
    ),
    (
        // [Sun Dec 04 04:47:44 2005] [notice] msg
        "apache_error",
        r"^\[(?P<timestamp>[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \d{4})\] \[(?P<level>[a-z]+)\] ",
    ),
    (
        // 081109 203615 148 INFO dfs.DataNode$PacketResponder: msg
        "hadoop",
        r"^(?P<timestamp>\d{6} \d{6}) (?P<pid>\d+) (?P<level>[A-Z]+) (?P<component>[^\s:]+): ",
    ),
    (
        // [file] 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-…] msg
        "oslo",
        r"^(?:(?P<logfile>\S+) )?(?P<timestamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+) (?P<pid>\d+) (?P<level>[A-Z]+) (?P<component>\S+) (?:\[(?P<request>[^\]]*)\] )?",
    ),
    (
        // - 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO msg
        "bgl",
        r"^(?P<alert>\S+) (?P<epoch>\d{9,10}) (?P<date>\d{4}\.\d{2}\.\d{2}) (?P<node>\S+) (?P<timestamp>\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}\.\d+) (?P<location>\S+) (?P<type>[A-Z]+) (?P<component>[A-Z_]+) (?P<level>[A-Z]+) ",
    ),
    (
        // 2024-01-02T03:04:05.678Z ERROR [worker] component: msg
        "iso_level",
        r"^(?P<timestamp>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?) +\[?(?P<level>(?i:trace|debug|info|notice|warn|warning|error|err|fatal|critical|crit|severe))\]? +",
    ),
];

/// The format name of a layout inferred from the lines.
pub const INFERRED: &str = "inferred";

/// A share of the sample the layout must match to be chosen.
const MIN_COVERAGE: f64 = 0.9;
const TOP_VALUES: usize = 10;
const MAX_DISTINCT: usize = 10_000;

/// A detected layout.
#[derive(Debug, Clone)]
pub struct Splitter {
    /// A known layout's name, or `inferred`.
    pub format: String,
    re: Regex,
    /// Field names, in group order.
    names: Vec<String>,
    /// The same split for a LogQL stage that reads the fields: the time
    /// not named (it is the entry's own timestamp).
    stage: String,
}

/// Where a line's header fields and message are.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// (field index, byte range) of each field present, in line order.
    pub fields: Vec<(usize, std::ops::Range<usize>)>,
    /// Where the message starts.
    pub message: usize,
}

impl Splitter {
    /// The layout most of `lines` follow, if any: inferred from the lines
    /// (see [`infer`]), else one of the known layouts.
    pub fn detect(lines: &[&str]) -> Option<Splitter> {
        if lines.is_empty() {
            return None;
        }
        let known = Self::detect_known(lines);
        let inferred = infer(lines).and_then(|i| {
            let re = Regex::new(&i.regex).ok()?;
            Some(Splitter::new(INFERRED, re, i.stage_regex))
        });
        match (known, inferred) {
            (Some(k), Some(i)) => Some(if i.reads_further(&k, lines) { i } else { k }),
            (k, i) => k.or(i),
        }
    }

    fn new(format: &str, re: Regex, stage: String) -> Splitter {
        Splitter {
            format: format.to_string(),
            names: re.capture_names().flatten().map(str::to_string).collect(),
            re,
            stage,
        }
    }

    /// Whether this layout's header ends later than `other`'s on most
    /// lines both read: an inferred layout that finds a thread and a
    /// logger after the level wins over a known one; where both end in
    /// the same place the known one keeps its field names (`node`).
    fn reads_further(&self, other: &Splitter, lines: &[&str]) -> bool {
        let (mut both, mut longer) = (0usize, 0usize);
        for line in lines {
            if let (Some(a), Some(b)) = (other.re.find(line), self.re.find(line)) {
                both += 1;
                longer += usize::from(b.end() > a.end());
            }
        }
        longer * 2 > both
    }

    /// The known layout most of `lines` follow.
    fn detect_known(lines: &[&str]) -> Option<Splitter> {
        FORMATS
            .iter()
            .filter_map(|(name, src)| {
                let re = Regex::new(src).expect("the header layouts are valid");
                let hits = lines.iter().filter(|l| re.is_match(l)).count();
                let coverage = hits as f64 / lines.len() as f64;
                (coverage >= MIN_COVERAGE).then_some((coverage, name, re))
            })
            // The first listed wins ties: the list goes specific to generic.
            .fold(None, |best: Option<(f64, &&str, Regex)>, c| match &best {
                Some(b) if b.0 >= c.0 => best,
                _ => Some(c),
            })
            .map(|(_, name, re)| {
                let stage = re.as_str().replacen("(?P<timestamp>", "(?:", 1);
                Splitter::new(name, re, stage)
            })
    }

    /// The expression that splits a line (anchored; groups name fields).
    pub fn regex(&self) -> &str {
        self.re.as_str()
    }

    /// The expression of a `| regexp` stage reading the header's fields
    /// (the time unnamed, and matched loosely where inferred).
    pub fn stage_regex(&self) -> &str {
        &self.stage
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The layout as a LogQL stage extracting its fields as labels (the
    /// time unnamed: the entry's own timestamp says it).
    pub fn logql_stage(&self) -> String {
        let stage = crate::logql::ParserStage::Regexp(self.stage.clone());
        crate::logql::Stage::Parser(stage).to_string()
    }

    pub fn split(&self, line: &str) -> Option<Split> {
        let caps = self.re.captures(line)?;
        let fields = self
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| caps.name(n).map(|m| (i, m.range())))
            .collect();
        Some(Split {
            fields,
            message: caps.get(0).map_or(0, |m| m.end()),
        })
    }
}

/// What the knowledge base keeps of the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderInfo {
    pub format: String,
    /// `| regexp "..."` extracting every field.
    pub stage: String,
    pub fields: Vec<HeaderField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderField {
    pub name: String,
    /// Distinct values seen (counting stops at 10,000).
    pub cardinality: usize,
    pub top_values: Vec<(String, u64)>,
}

impl HeaderInfo {
    pub fn field(&self, name: &str) -> Option<&HeaderField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Counts field values across all lines.
#[derive(Debug, Default)]
pub struct FieldCounter {
    counts: Vec<HashMap<String, u64>>,
}

impl FieldCounter {
    pub fn add(&mut self, splitter: &Splitter, line: &str, split: &Split) {
        if self.counts.len() < splitter.names.len() {
            self.counts.resize_with(splitter.names.len(), HashMap::new);
        }
        for (i, range) in &split.fields {
            let map = &mut self.counts[*i];
            let value = &line[range.clone()];
            if let Some(c) = map.get_mut(value) {
                *c += 1;
            } else if map.len() < MAX_DISTINCT {
                map.insert(value.to_string(), 1);
            }
        }
    }

    pub fn finish(self, splitter: &Splitter) -> HeaderInfo {
        let fields = splitter
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let map = self.counts.get(i).cloned().unwrap_or_default();
                let mut top: Vec<(String, u64)> = map.into_iter().collect();
                let cardinality = top.len();
                top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                top.truncate(TOP_VALUES);
                HeaderField {
                    name: name.clone(),
                    cardinality,
                    top_values: top,
                }
            })
            .collect();
        HeaderInfo {
            format: splitter.format.clone(),
            stage: splitter.logql_stage(),
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_layout_and_splits_the_message_off() {
        let cases = [
            ("syslog", "Jun  9 06:06:20 combo kernel: Linux version 2.6.5", "Linux version 2.6.5"),
            ("syslog", "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster", "Invalid user webmaster"),
            ("apache_error", "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok", "workerEnv.init() ok"),
            ("hadoop", "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating", "PacketResponder 1 terminating"),
            ("oslo", "nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b - - - - -] 10.11.10.1 \"GET /v2\"", "10.11.10.1 \"GET /v2\""),
            ("bgl", "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected", "instruction cache parity error corrected"),
            ("iso_level", "2024-01-02T03:04:05.678Z ERROR upstream timed out", "upstream timed out"),
        ];
        for (format, line, message) in cases {
            // Inferred from the line itself, or known by name: the split is the same.
            for s in [Splitter::detect(&[line]), Splitter::detect_known(&[line])] {
                let s = s.unwrap_or_else(|| panic!("{line}"));
                let split = s.split(line).unwrap();
                assert_eq!(
                    &line[split.message..],
                    message,
                    "{format} ({}): {line}",
                    s.format
                );
            }
            assert_eq!(Splitter::detect_known(&[line]).unwrap().format, format);
        }
        assert!(Splitter::detect(&["just some text", "more text"]).is_none());
    }

    #[test]
    fn needs_most_lines_to_follow_the_layout() {
        let mut lines = vec!["081109 203615 148 INFO a.B: x"; 8];
        lines.extend(["free text"; 2]);
        assert!(Splitter::detect(&lines).is_none(), "80% is not enough");
        lines.extend(["081109 203615 148 WARN a.B: y"; 12]);
        let s = Splitter::detect(&lines).unwrap();
        let mut counter = FieldCounter::default();
        for l in &lines {
            if let Some(split) = s.split(l) {
                counter.add(&s, l, &split);
            }
        }
        let info = counter.finish(&s);
        let level = info.field("level").unwrap();
        assert_eq!(
            level.top_values,
            vec![("WARN".into(), 12), ("INFO".into(), 8)]
        );
        // The time is the entry's own: the stage reads the other fields.
        assert!(info.stage.starts_with("| regexp \"^(?:"), "{}", info.stage);
        assert!(!info.stage.contains("timestamp"), "{}", info.stage);
        assert!(info.stage.contains("(?P<level>"), "{}", info.stage);
        // The stage is valid LogQL.
        crate::logql::parse(&format!("{{a=\"b\"}} {}", info.stage)).unwrap();
    }
}
