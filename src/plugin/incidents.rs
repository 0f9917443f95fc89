//! Incidents in a query's lines: where the lines come in a burst, where a
//! kind of line first appears, where error-level lines spike, each told in
//! a few words (how many lines, of what kind, from whom, since when, an
//! example or three) with the LogQL that shows it. What annotations and
//! the `explain` resource say; no LLM, the same lines give the same words.
//!
//! The lines are cut into about 60 windows over the query's range; a run
//! of windows well above the usual (median) count is a burst. The kinds of
//! line and the error bursts come from the anomaly analysis's facts
//! ([`crate::analyze::context`]) over the same lines.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::analyze::anomaly::{self, Scored};
use crate::analyze::context::Facts;
use crate::analyze::lines::{prepare, Prepared};
use crate::analyze::severity::Level;
use crate::logql::{Expr, FilterValue, LineFilter, LineFilterOp, LogExpr, MatchOp, Stage};
use crate::source::Labels;

/// The most incidents one answer lists (the largest, in time order).
pub const MAX_INCIDENTS: usize = 100;
/// Windows the range is cut into.
const WINDOWS: i64 = 60;
const SECOND: i64 = 1_000_000_000;
/// Templates, contributors and example lines an incident names.
const TOP: usize = 3;

/// What makes a stretch of lines an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Error-level lines far above their usual count.
    ErrorSpike,
    /// A kind of line first seen well into the range.
    NewTemplate,
    /// Lines far above their usual count.
    Burst,
    /// No stretch stands out: the lines as a whole.
    Steady,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ErrorSpike => "error-spike",
            Kind::NewTemplate => "new-template",
            Kind::Burst => "burst",
            Kind::Steady => "steady",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::ErrorSpike => "Error spike",
            Kind::NewTemplate => "New kind of line",
            Kind::Burst => "Burst",
            Kind::Steady => "Lines",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateCount {
    pub template: String,
    pub lines: usize,
}

/// A value many of the lines share: a label, a header field or a
/// parameter of their template (named by the word before it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributor {
    pub key: String,
    pub value: String,
    pub lines: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// Unix ns.
    pub time: i64,
    pub line: String,
}

/// What a set of lines says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub lines: usize,
    /// The first and last line, Unix ns.
    pub first: i64,
    pub last: i64,
    pub error_lines: usize,
    pub templates: Vec<TemplateCount>,
    pub contributors: Vec<Contributor>,
    /// The lines that read most like failures, else the first ones.
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub kind: Kind,
    /// The region, Unix ns.
    pub start: i64,
    pub end: i64,
    pub summary: Summary,
    /// Lines per window usually (the median window), and the window, ns.
    pub usual: f64,
    pub window: i64,
    /// Kinds of line first seen in it.
    pub new_templates: Vec<String>,
    /// LogQL for its lines: the query, narrowed to the main kind of line
    /// when the query matches several.
    pub logql: String,
}

/// A query's lines, prepared and scored once.
pub struct Analysed {
    p: Prepared,
    scored: Vec<Scored>,
    facts: Facts,
    /// The query's log expression (none for a metric or an unreadable one).
    log: Option<LogExpr>,
    logql: String,
    /// Labels the selector fixes: naming them says nothing.
    fixed: HashSet<String>,
    matchers: HashMap<String, Option<regex::Regex>>,
}

/// `(labels, ts, line)` in any order, and the query that found them.
pub fn analyse(mut lines: Vec<(Labels, i64, String)>, logql: &str) -> Option<Analysed> {
    if lines.is_empty() {
        return None;
    }
    lines.sort_by_key(|l| l.1);
    let p = prepare(lines);
    let (scored, facts) = anomaly::score_all(&p);
    let log = match crate::logql::parse(logql) {
        Ok(Expr::Log(log)) => Some(log),
        _ => None,
    };
    let fixed = log
        .iter()
        .flat_map(|l| l.selector.iter())
        .filter(|m| m.op == MatchOp::Eq)
        .map(|m| m.name.clone())
        .collect();
    Some(Analysed {
        p,
        scored,
        facts,
        log,
        logql: logql.to_string(),
        fixed,
        matchers: HashMap::new(),
    })
}

/// The lines of a stream result, with their labels.
pub fn lines_of(result: &crate::source::QueryResult) -> Vec<(Labels, i64, String)> {
    let mut out = Vec::new();
    if let crate::source::QueryResult::Streams(streams) = result {
        for s in streams {
            for e in &s.entries {
                out.push((s.labels.clone(), e.ts, e.line.clone()));
            }
        }
    }
    out
}

/// Runs of windows well above the usual count, merged across a one-window
/// gap, and the usual count (the median window).
pub fn hot_runs(counts: &[f64]) -> (Vec<(usize, usize)>, f64) {
    if counts.is_empty() {
        return (Vec::new(), 0.0);
    }
    let mut sorted: Vec<f64> = counts.iter().map(|c| c.max(0.0)).collect();
    sorted.sort_by(f64::total_cmp);
    let usual = sorted[sorted.len() / 2];
    // Where lines are usually absent any is news; else about three
    // Poisson deviations above the usual, and at least three more.
    let hot = |c: f64| {
        if usual <= 0.0 {
            c > 0.0
        } else {
            c >= usual + (3.0 * usual.sqrt()).max(3.0)
        }
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in counts.iter().enumerate() {
        if !hot(c) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if i <= run.1 + 2 => run.1 = i,
            _ => runs.push((i, i)),
        }
    }
    (runs, usual)
}

impl Analysed {
    pub fn len(&self) -> usize {
        self.p.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.p.lines.is_empty()
    }

    /// The incidents within `window` (the query's range, ns), largest
    /// [`MAX_INCIDENTS`] kept, in time order.
    pub fn incidents(&mut self, window: (i64, i64)) -> Vec<Incident> {
        let (start, end) = (window.0, window.1.max(window.0.saturating_add(1)));
        let len = end.saturating_sub(start).max(1);
        let width = (len / WINDOWS).max(SECOND);
        let buckets = (len / width + 1) as usize;
        let at = |b: i64| start.saturating_add(b.saturating_mul(width));
        let bucket = |ts: i64| (ts.saturating_sub(start).max(0) / width).min(buckets as i64 - 1);
        let mut counts = vec![0.0; buckets];
        for l in &self.p.lines {
            counts[bucket(l.ts) as usize] += 1.0;
        }
        let (runs, usual) = hot_runs(&counts);
        let mut spans: Vec<(Kind, i64, i64)> = runs
            .iter()
            .map(|&(a, b)| (Kind::Burst, at(a as i64), at(b as i64 + 1).min(end)))
            .collect();
        // What the anomaly facts find that no burst covers.
        for (s, e) in self.new_template_spans() {
            if !spans.iter().any(|x| overlaps((x.1, x.2), (s, e))) {
                spans.push((Kind::NewTemplate, s, e));
            }
        }
        if let Some(s) = self.error_burst_span() {
            if !spans.iter().any(|x| overlaps((x.1, x.2), s)) {
                spans.push((Kind::ErrorSpike, s.0, s.1));
            }
        }
        if spans.is_empty() {
            let first = self.p.lines.first().map_or(start, |l| l.ts);
            let last = self.p.lines.last().map_or(end, |l| l.ts);
            spans.push((Kind::Steady, first, last));
        }
        let mut out: Vec<Incident> = spans
            .into_iter()
            .filter_map(|(kind, s, e)| self.incident(kind, s, e, usual, width))
            .collect();
        out.sort_by(|a, b| {
            b.summary
                .lines
                .cmp(&a.summary.lines)
                .then(a.start.cmp(&b.start))
        });
        out.truncate(MAX_INCIDENTS);
        out.sort_by_key(|x| x.start);
        out
    }

    /// Kinds of line first seen well into the lines: from their first line
    /// to the end of the facts' window it falls in.
    fn new_template_spans(&self) -> Vec<(i64, i64)> {
        let mut firsts: BTreeMap<&str, i64> = BTreeMap::new();
        for l in &self.p.lines {
            firsts.entry(self.p.template(l)).or_insert(l.ts);
        }
        let f = &self.facts;
        firsts
            .into_iter()
            .filter(|(t, _)| f.templates.get(*t).is_some_and(|t| t.late.is_some()))
            .map(|(_, ts)| {
                let w = f.bucket(ts) as i64;
                (ts, f.first + (w + 1) * f.width)
            })
            .collect()
    }

    /// The facts' error burst window, if any.
    fn error_burst_span(&self) -> Option<(i64, i64)> {
        let f = &self.facts;
        f.burst.map(|w| {
            let s = f.first + w as i64 * f.width;
            (s, s + f.width)
        })
    }

    fn incident(&mut self, kind: Kind, s: i64, e: i64, usual: f64, width: i64) -> Option<Incident> {
        let idx: Vec<usize> = (0..self.p.lines.len())
            .filter(|&i| {
                let ts = self.p.lines[i].ts;
                ts >= s && (ts < e || (ts == e && kind == Kind::Steady))
            })
            .collect();
        if idx.is_empty() {
            return None;
        }
        let summary = self.summarize(&idx);
        // Kinds of line whose first appearance in the lines is here.
        let mut seen = HashSet::new();
        let mut new_templates = Vec::new();
        for l in &self.p.lines {
            let t = self.p.template(l);
            if !seen.insert(t) {
                continue;
            }
            if l.ts >= s
                && l.ts <= e
                && self
                    .facts
                    .templates
                    .get(t)
                    .is_some_and(|x| x.late.is_some())
            {
                new_templates.push(crate::llm::untrusted(t));
            }
        }
        new_templates.truncate(TOP);
        let spiking = self.error_burst_span().is_some_and(|b| overlaps(b, (s, e)))
            && summary.error_lines >= 5;
        let kind = match kind {
            Kind::Steady => Kind::Steady,
            _ if spiking => Kind::ErrorSpike,
            _ if !new_templates.is_empty() => Kind::NewTemplate,
            k => k,
        };
        let logql = self.narrowed(&summary);
        Some(Incident {
            kind,
            start: s,
            end: e.max(s),
            summary,
            usual,
            window: width,
            new_templates,
            logql,
        })
    }

    /// The query narrowed to the incident's main kind of line, when the
    /// query matches several kinds and one makes up most of the incident.
    fn narrowed(&self, s: &Summary) -> String {
        let Some(log) = &self.log else {
            return self.logql.clone();
        };
        let kinds: HashSet<&str> = self.p.lines.iter().map(|l| self.p.template(l)).collect();
        let main = s.templates.first().filter(|t| t.lines * 2 > s.lines);
        let literal = main
            .map(|t| crate::analyze::anomaly::literal(&t.template))
            .unwrap_or_default();
        if kinds.len() < 2 || literal.len() < 4 {
            return Expr::Log(log.clone()).to_string();
        }
        let mut narrowed = log.clone();
        narrowed.pipeline.push(Stage::LineFilter(LineFilter {
            op: LineFilterOp::Contains,
            values: vec![FilterValue::Text(literal)],
        }));
        Expr::Log(narrowed).to_string()
    }

    /// What all the lines say.
    pub fn summary(&mut self) -> Summary {
        let idx: Vec<usize> = (0..self.p.lines.len()).collect();
        self.summarize(&idx)
    }

    fn summarize(&mut self, idx: &[usize]) -> Summary {
        let p = &self.p;
        let mut templates: HashMap<&str, usize> = HashMap::new();
        for &i in idx {
            *templates.entry(p.template(&p.lines[i])).or_default() += 1;
        }
        let mut templates: Vec<(&str, usize)> = templates.into_iter().collect();
        templates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let error_lines = idx
            .iter()
            .filter(|&&i| {
                self.scored[i]
                    .message
                    .level
                    .is_some_and(|l| l >= Level::Error)
            })
            .count();
        let mut by_score = idx.to_vec();
        by_score.sort_by(|&a, &b| {
            self.scored[b]
                .score
                .total_cmp(&self.scored[a].score)
                .then(a.cmp(&b))
        });
        let examples = by_score
            .iter()
            .take(TOP)
            .map(|&i| Example {
                time: p.lines[i].ts,
                line: crate::llm::untrusted(&p.lines[i].text),
            })
            .collect();
        let templates_out = templates
            .iter()
            .take(TOP)
            .map(|(t, n)| TemplateCount {
                template: crate::llm::untrusted(t),
                lines: *n,
            })
            .collect();
        let contributors = self.contributors(idx);
        Summary {
            lines: idx.len(),
            first: idx.iter().map(|&i| self.p.lines[i].ts).min().unwrap_or(0),
            last: idx.iter().map(|&i| self.p.lines[i].ts).max().unwrap_or(0),
            error_lines,
            templates: templates_out,
            contributors,
            examples,
        }
    }

    /// Whether a label or header field has one value in every line.
    fn constant(&self, key: &str) -> bool {
        let mut seen: Option<&str> = None;
        for l in &self.p.lines {
            let v = l
                .labels
                .get(key)
                .or_else(|| l.fields.get(key).map(String::as_str));
            match (seen, v) {
                (_, None) => return false,
                (None, Some(v)) => seen = Some(v),
                (Some(a), Some(b)) if a != b => return false,
                _ => {}
            }
        }
        true
    }

    /// The values most lines share, one per key, most lines first: at
    /// least two lines and a fifth of them (all of one line).
    fn contributors(&mut self, idx: &[usize]) -> Vec<Contributor> {
        let mut counts: HashMap<(String, String), usize> = HashMap::new();
        for &i in idx {
            let mut pairs: Vec<(String, String)> = Vec::new();
            let l = &self.p.lines[i];
            for (k, v) in l.labels.iter() {
                if !k.starts_with("__") && !self.fixed.contains(k) {
                    pairs.push((k.to_string(), v.to_string()));
                }
            }
            for (k, v) in &l.fields {
                if k != "level" {
                    pairs.push((k.clone(), v.clone()));
                }
            }
            let t = self.p.template(l).to_string();
            let re = self
                .matchers
                .entry(t.clone())
                .or_insert_with(|| crate::analyze::parse::matcher(&t));
            if let Some(values) = re
                .as_ref()
                .and_then(|re| crate::analyze::parse::values_with(re, l.message()))
            {
                let names = param_names(&t);
                for (n, v) in names.into_iter().zip(values) {
                    let v = v.trim().to_string();
                    if !v.is_empty() {
                        pairs.push((param_key(&n, &v), v));
                    }
                }
            }
            pairs.sort();
            pairs.dedup();
            for pair in pairs {
                *counts.entry(pair).or_default() += 1;
            }
        }
        let need = if idx.len() == 1 {
            1
        } else {
            (idx.len().div_ceil(5)).max(2)
        };
        // A key with one value in every line the query found (the host of
        // a one-host query) is context; keys that vary say who stands out.
        let mut values_of_key: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (k, v) in counts.keys() {
            values_of_key.entry(k).or_default().insert(v);
        }
        let varies =
            |k: &str| values_of_key.get(k).is_some_and(|v| v.len() > 1) || !self.constant(k);
        let mut all: Vec<(bool, (String, String), usize)> = counts
            .iter()
            .filter(|(_, n)| **n >= need)
            .map(|((k, v), n)| (varies(k), (k.clone(), v.clone()), *n))
            .collect();
        all.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.2.cmp(&a.2))
                .then_with(|| a.1.cmp(&b.1))
        });
        let all = all.into_iter().map(|(_, kv, n)| (kv, n));
        let mut keys = HashSet::new();
        let mut out = Vec::new();
        for ((k, v), n) in all {
            if keys.insert(k.clone()) {
                out.push(Contributor {
                    key: crate::llm::untrusted(&k),
                    value: crate::llm::untrusted(&v),
                    lines: n,
                });
            }
            if out.len() == TOP {
                break;
            }
        }
        out
    }
}

fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Each parameter of a template named by the word before it
/// (`from <*>` → `from`, `user=<*>` → `user`), else by its position.
fn param_names(template: &str) -> Vec<String> {
    let parts: Vec<&str> = template.split("<*>").collect();
    (1..parts.len())
        .map(|i| {
            let before = parts[i - 1].trim_end_matches([' ', '=', ':', '[', '(', '"', '\'']);
            let word = before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .next()
                .unwrap_or("");
            if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
                format!("value {i}")
            } else {
                word.to_ascii_lowercase()
            }
        })
        .collect()
}

/// A parameter's key: an address after a preposition is an `ip`.
fn param_key(name: &str, value: &str) -> String {
    const LINKING: [&str; 8] = ["from", "to", "by", "for", "at", "on", "of", "with"];
    if LINKING.contains(&name) && value.parse::<std::net::IpAddr>().is_ok() {
        "ip".to_string()
    } else {
        name.to_string()
    }
}

/// A time as people read it in an explanation (UTC).
pub fn clock(ns: i64) -> String {
    chrono::DateTime::from_timestamp_nanos(ns)
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

/// A duration in the largest whole unit that fits (`2m`, `90s`, `1h30m`).
fn span(ns: i64) -> String {
    let secs = (ns / SECOND).max(1);
    match secs {
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

impl Incident {
    /// `Burst: 14 lines` — what the annotation shows first.
    pub fn title(&self) -> String {
        match self.kind {
            Kind::ErrorSpike => format!(
                "{}: {} error lines",
                self.kind.title(),
                self.summary.error_lines
            ),
            _ => format!(
                "{}: {} lines",
                self.kind.title(),
                plural(self.summary.lines)
            ),
        }
    }

    /// The explanation: how many lines, since when, what kind, from whom,
    /// examples, and the LogQL.
    pub fn text(&self) -> String {
        let s = &self.summary;
        let mut out = format!(
            "{} from {} to {}",
            count_lines(s.lines),
            clock(s.first),
            clock(s.last)
        );
        if self.kind != Kind::Steady {
            if self.usual <= 0.0 {
                out.push_str(&format!("; usually none per {}", span(self.window)));
            } else {
                out.push_str(&format!(
                    "; usually about {} per {}",
                    round(self.usual),
                    span(self.window)
                ));
            }
        }
        if s.error_lines > 0 {
            out.push_str(&format!(", {} at error level", s.error_lines));
        }
        out.push('.');
        push_details(&mut out, s);
        for t in &self.new_templates {
            out.push_str(&format!("\nFirst seen here: {t}"));
        }
        out.push_str(&format!("\nLogQL: {}", self.logql));
        out
    }

    pub fn tags(&self) -> String {
        self.kind.as_str().to_string()
    }
}

/// Kinds of line, contributors and examples, a line each.
pub fn push_details(out: &mut String, s: &Summary) {
    if let Some(t) = s.templates.first() {
        out.push_str(&format!(
            "\nMostly: {} ({} of {})",
            t.template, t.lines, s.lines
        ));
    }
    if !s.contributors.is_empty() {
        let top: Vec<String> = s
            .contributors
            .iter()
            .map(|c| format!("{}={} ({})", c.key, c.value, c.lines))
            .collect();
        out.push_str(&format!("\nTop: {}", top.join(", ")));
    }
    for e in &s.examples {
        out.push_str(&format!("\n  {}", e.line));
    }
}

fn plural(n: usize) -> String {
    n.to_string()
}

fn count_lines(n: usize) -> String {
    if n == 1 {
        "1 line".into()
    } else {
        format!("{n} lines")
    }
}

fn round(x: f64) -> String {
    if x >= 10.0 || x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60 * SECOND;

    fn labels(host: &str) -> Labels {
        Labels::from_pairs([("app", "api"), ("host", host)])
    }

    #[test]
    fn runs_need_lines_well_above_the_usual() {
        // Usually none: any line is news, and near lines merge.
        let (runs, usual) = hot_runs(&[0.0, 0.0, 2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        assert_eq!(usual, 0.0);
        assert_eq!(runs, [(2, 4), (8, 8)]);
        // Usually 10: 19 is noise, 20 and more a burst.
        let mut counts = vec![10.0; 20];
        counts[5] = 19.0;
        counts[12] = 20.0;
        counts[13] = 40.0;
        let (runs, usual) = hot_runs(&counts);
        assert_eq!(usual, 10.0);
        assert_eq!(runs, [(12, 13)]);
        assert_eq!(hot_runs(&[]).0, []);
        assert_eq!(hot_runs(&[f64::NAN, -1.0]).0, []);
    }

    #[test]
    fn a_burst_is_one_incident_with_its_kind_contributors_and_logql() {
        let mut lines = Vec::new();
        // A steady trickle, then 30 failures from one address in two minutes.
        for i in 0..60 {
            lines.push((
                labels("a"),
                i * MIN,
                format!("GET /health 200 in {}ms", i % 7),
            ));
        }
        for i in 0..30 {
            lines.push((
                labels(if i % 3 == 0 { "b" } else { "c" }),
                30 * MIN + i * 4 * SECOND,
                format!(
                    "login failed for user admin from 203.0.113.5 port {}",
                    40000 + i
                ),
            ));
        }
        let mut a = analyse(lines, r#"{app="api"}"#).unwrap();
        let found = a.incidents((0, 60 * MIN));
        assert_eq!(found.len(), 1, "{found:#?}");
        let x = &found[0];
        assert_eq!(x.kind, Kind::NewTemplate);
        assert!(
            x.start <= 30 * MIN && x.end > 30 * MIN + 116 * SECOND,
            "{x:#?}"
        );
        assert_eq!(x.summary.templates[0].lines, 30);
        let top: Vec<(&str, &str)> = x
            .summary
            .contributors
            .iter()
            .map(|c| (c.key.as_str(), c.value.as_str()))
            .collect();
        assert!(top.contains(&("ip", "203.0.113.5")), "{top:?}");
        assert!(top.contains(&("user", "admin")), "{top:?}");
        assert!(top.contains(&("host", "c")), "{top:?}");
        assert!(
            !top.iter().any(|(k, _)| *k == "app" || *k == "port"),
            "{top:?}"
        );
        assert_eq!(x.logql, r#"{app="api"} |= "login failed for user""#);
        crate::logql::parse(&x.logql).unwrap();
        let text = x.text();
        assert!(
            text.contains(" lines from 1970-01-01 00:30:00 UTC to 1970-01-01 00:31:56 UTC"),
            "{text}"
        );
        assert!(text.contains("usually about 1 per 1m"), "{text}");
        assert!(text.contains("Top: "), "{text}");
        assert!(text.contains("\nLogQL: {app=\"api\"}"), "{text}");
    }

    #[test]
    fn even_lines_are_one_steady_event_and_sparse_lines_are_news() {
        let even: Vec<_> = (0..120)
            .map(|i| (labels("a"), i * 30 * SECOND, "heartbeat ok".to_string()))
            .collect();
        let mut a = analyse(even, r#"{app="api"} |= "heartbeat""#).unwrap();
        let found = a.incidents((0, 60 * MIN));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::Steady);
        assert_eq!(found[0].summary.lines, 120);
        // Only one kind of line: the query itself shows it.
        assert_eq!(found[0].logql, r#"{app="api"} |= "heartbeat""#);

        let sparse = vec![
            (labels("a"), 5 * MIN, "backup started".to_string()),
            (labels("a"), 5 * MIN + SECOND, "backup finished".to_string()),
            (labels("a"), 50 * MIN, "backup started".to_string()),
        ];
        let mut a = analyse(sparse, "not logql").unwrap();
        let found = a.incidents((0, 60 * MIN));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].summary.lines, 2);
        assert!(found[0].text().contains("usually none per 1m"));
        assert_eq!(found[1].logql, "not logql");
    }

    #[test]
    fn no_input_panics() {
        assert!(analyse(Vec::new(), "").is_none());
        let odd = vec![
            (Labels::new(), -5, String::new()),
            (Labels::new(), 1 << 50, "\u{0}<*>".to_string()),
            (Labels::new(), 0, "x=<*> <*>".to_string()),
        ];
        let mut a = analyse(odd, "{}").unwrap();
        for w in [
            (0, 0),
            (i64::MIN, i64::MAX),
            (10, -10),
            (i64::MAX - 1, i64::MAX),
        ] {
            for x in a.incidents(w) {
                let _ = (x.title(), x.text());
            }
        }
        assert_eq!(param_names("from <*> port <*>"), ["from", "port"]);
        assert_eq!(
            param_names("<*> user=<*> 12 <*>"),
            ["value 1", "user", "value 3"]
        );
    }
}
