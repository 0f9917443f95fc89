//! Anomaly detection without an LLM.
//!
//! Per line: how severe its level is, whether its message speaks of a
//! system failure (a crash, a severed link, an I/O error, a kill) rather
//! than a user's mistake (a missing file, a denied permission), and whether
//! it is a diagnostic dump (register values, dotted leaders) that only
//! accompanies an event. Over time: per template, windows whose count
//! jumps far above the template's usual rate, templates first seen late,
//! and bursts of error-level lines; each finding with a score, the LogQL
//! that shows it and example lines.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::lines::{Line, Prepared};

/// Lines scoring at least this are anomalous.
pub const THRESHOLD: f64 = 0.7;

fn severity(level: Option<&str>) -> f64 {
    match level.map(|l| l.to_ascii_uppercase()) {
        Some(l)
            if l.starts_with("FATAL")
                || l.starts_with("FAIL")
                || l.starts_with("EMERG")
                || l.starts_with("PANIC") =>
        {
            0.5
        }
        Some(l) if l.starts_with("CRIT") || l.starts_with("SEVERE") || l.starts_with("ALERT") => {
            0.45
        }
        Some(l) if l.starts_with("ERR") => 0.4,
        Some(l) if l.starts_with("WARN") => 0.2,
        _ => 0.0,
    }
}

fn regex(cell: &'static OnceLock<Regex>, src: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(src).expect("a fixed regex"))
}

/// Words of a system failing.
fn system_failure(message: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)(panic|severed|connection reset|reset by peer|timed? ?out|input/output error|i/o error|mount failed|failed to mount|terminated|killed|segfault|segmentation fault|out of memory|\boom\b|unreachable|crash|corrupt|interrupt|error (reading|receiving|writing|sending)|failed to (read|write|send|receive|connect)|fatal error|core dump|stack trace|exception)",
    )
    .is_match(message)
}

/// A user's or a configuration's mistake, not the system failing.
fn user_error(message: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)(no such file|permission denied|exec format error|invalid or missing|not found|too big|bad file descriptor|invalid (user|argument|option)|authentication failure|unknown (user|command))",
    )
    .is_match(message)
}

/// A diagnostic dump: register values, dotted leaders, a field list.
fn dump_line(message: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)(\.{5,}|\b\w+=0x[0-9a-f]+|\b[a-z]{1,5}\d{0,2}[=:][0-9a-fx]{4,}|register|\benable\b|:\s*$)",
    )
    .is_match(message)
}

/// How anomalous one line is, in [0, 1].
pub fn line_score(line: &Line) -> f64 {
    let message = line.message();
    let level = line.level();
    let mut s = severity(level.as_deref());
    if system_failure(message) {
        s += 0.4;
    }
    if user_error(message) {
        s -= 0.3;
    }
    if dump_line(message) {
        s -= 0.4;
    }
    s.clamp(0.0, 1.0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineVerdict {
    /// 1-based, in input order.
    pub line: usize,
    pub anomalous: bool,
    pub score: f64,
}

pub fn per_line(p: &Prepared) -> Vec<LineVerdict> {
    p.lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let score = (line_score(l) * 1000.0).round() / 1000.0;
            LineVerdict {
                line: i + 1,
                anomalous: score >= THRESHOLD,
                score,
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A template's count in a window far above its usual rate.
    Spike,
    /// A template first seen well into the data.
    NewTemplate,
    /// More error-level lines in a window than usual.
    ErrorBurst,
    /// Lines that score as anomalous by themselves.
    AnomalousLines,
    /// A numeric parameter far outside the values its template usually has.
    UnusualValue,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub score: f64,
    /// Window start and end, Unix ns.
    pub start: i64,
    pub end: i64,
    pub template: String,
    pub count: usize,
    pub summary: String,
    /// LogQL that shows the evidence (within `scope`).
    pub evidence: String,
    pub examples: Vec<String>,
}

/// Windows to count in: about 60 over the span, at least a second.
pub fn window_of(p: &Prepared) -> (i64, i64, i64) {
    let first = p.lines.iter().map(|l| l.ts).min().unwrap_or(0);
    let last = p.lines.iter().map(|l| l.ts).max().unwrap_or(0);
    let width = ((last - first) / 60).max(1_000_000_000);
    (first, last, width)
}

fn quote(s: &str) -> String {
    crate::logql::go_quote(s)
}

/// Windowed findings, most anomalous first.
pub fn findings(p: &Prepared, scope: &str) -> Vec<Finding> {
    let (first, last, width) = window_of(p);
    let windows = ((last - first) / width + 1) as usize;
    let bucket = |ts: i64| (((ts - first) / width) as usize).min(windows - 1);
    let mut per_template: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut examples: HashMap<&str, Vec<&Line>> = HashMap::new();
    let mut errors = vec![0usize; windows];
    for l in &p.lines {
        let t = p.template(l);
        per_template.entry(t).or_insert_with(|| vec![0; windows])[bucket(l.ts)] += 1;
        let ex = examples.entry(t).or_default();
        if ex.len() < 3 {
            ex.push(l);
        }
        if severity(l.level().as_deref()) >= 0.4 {
            errors[bucket(l.ts)] += 1;
        }
    }
    let selector = if scope.trim().is_empty() {
        "{}".to_string()
    } else {
        scope.to_string()
    };
    let literal = |t: &str| {
        t.split("<*>")
            .max_by_key(|s| s.trim().len())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let mut out = Vec::new();
    for (t, counts) in &per_template {
        let total: usize = counts.iter().sum();
        let mean = total as f64 / windows as f64;
        let var = counts
            .iter()
            .map(|&c| (c as f64 - mean).powi(2))
            .sum::<f64>()
            / windows as f64;
        let sd = var.sqrt().max(0.5);
        let ex: Vec<String> = examples[t]
            .iter()
            .map(|l| crate::llm::untrusted(&l.text))
            .collect();
        let evidence = format!(
            "sum(count_over_time({selector} |= {} [{}s]))",
            quote(&literal(t)),
            width / 1_000_000_000
        );
        // Spikes: the busiest window, when far above the rest.
        if let Some((w, &c)) = counts.iter().enumerate().max_by_key(|(_, c)| **c) {
            let z = (c as f64 - mean) / sd;
            if c >= 5 && z >= 4.0 && windows >= 5 {
                out.push(Finding {
                    kind: Kind::Spike,
                    score: (z / 10.0).min(1.0),
                    start: first + w as i64 * width,
                    end: first + (w as i64 + 1) * width,
                    template: t.to_string(),
                    count: c,
                    summary: format!("{c} lines in one window against {mean:.1} on average"),
                    evidence: evidence.clone(),
                    examples: ex.clone(),
                });
            }
        }
        // New templates: absent from the first fifth of the data.
        let start = counts.iter().position(|&c| c > 0).unwrap_or(0);
        if windows >= 5 && start >= windows / 5 {
            // Late and failure-like matters more than late alone.
            let worst = examples[t]
                .iter()
                .map(|l| line_score(l))
                .fold(0.0, f64::max);
            out.push(Finding {
                kind: Kind::NewTemplate,
                score: 0.3 + 0.3 * (start as f64 / windows as f64) + 0.4 * worst,
                start: first + start as i64 * width,
                end: first + (start as i64 + 1) * width,
                template: t.to_string(),
                count: total,
                summary: format!(
                    "first seen {:.0}% into the data",
                    100.0 * start as f64 / windows as f64
                ),
                evidence,
                examples: ex,
            });
        }
    }
    let total_errors: usize = errors.iter().sum();
    let mean = total_errors as f64 / windows as f64;
    if let Some((w, &c)) = errors.iter().enumerate().max_by_key(|(_, c)| **c) {
        if c >= 5 && c as f64 >= 3.0 * mean.max(1.0) {
            let in_window: Vec<&Line> = p
                .lines
                .iter()
                .filter(|l| bucket(l.ts) == w && severity(l.level().as_deref()) >= 0.4)
                .collect();
            out.push(Finding {
                kind: Kind::ErrorBurst,
                score: (c as f64 / (10.0 * mean.max(1.0))).min(1.0),
                start: first + w as i64 * width,
                end: first + (w as i64 + 1) * width,
                template: in_window
                    .first()
                    .map(|l| p.template(l).to_string())
                    .unwrap_or_default(),
                count: c,
                summary: format!(
                    "{c} error-level lines in one window against {mean:.1} on average"
                ),
                evidence: format!(
                    "sum(count_over_time({selector} |~ {} [{}s]))",
                    quote("(?i)(fatal|error|severe|crit|fail)"),
                    width / 1_000_000_000
                ),
                examples: in_window
                    .iter()
                    .take(3)
                    .map(|l| crate::llm::untrusted(&l.text))
                    .collect(),
            });
        }
    }
    out.extend(unusual_values(p, &selector));
    // Templates whose lines are anomalous by themselves.
    let mut by_template: HashMap<&str, (usize, f64, i64, i64, Vec<String>)> = HashMap::new();
    for l in &p.lines {
        let s = line_score(l);
        if s >= THRESHOLD {
            let e = by_template
                .entry(p.template(l))
                .or_insert((0, 0.0, l.ts, l.ts, Vec::new()));
            e.0 += 1;
            e.1 = e.1.max(s);
            e.2 = e.2.min(l.ts);
            e.3 = e.3.max(l.ts);
            if e.4.len() < 3 {
                e.4.push(crate::llm::untrusted(&l.text));
            }
        }
    }
    for (t, (count, score, start, end, ex)) in by_template {
        out.push(Finding {
            kind: Kind::AnomalousLines,
            score,
            start,
            end,
            template: t.to_string(),
            count,
            summary: format!("{count} lines that read as failures"),
            evidence: format!("{selector} |= {}", quote(&literal(t))),
            examples: ex,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.count.cmp(&a.count)));
    out
}

/// Numeric parameters far from their template's usual values: more than
/// 6 median absolute deviations from the median (robust to the outliers
/// themselves), among at least 20 values.
fn unusual_values(p: &Prepared, selector: &str) -> Vec<Finding> {
    let mut values: HashMap<&str, Vec<Vec<(f64, &Line)>>> = HashMap::new();
    let mut matchers: HashMap<&str, Option<Regex>> = HashMap::new();
    for l in &p.lines {
        let t = p.template(l);
        if !t.contains("<*>") {
            continue;
        }
        let re = matchers
            .entry(t)
            .or_insert_with(|| super::parse::matcher(t));
        let Some(vs) = re
            .as_ref()
            .and_then(|re| super::parse::values_with(re, l.message()))
        else {
            continue;
        };
        let slots = values
            .entry(t)
            .or_insert_with(|| vec![Vec::new(); vs.len()]);
        for (slot, v) in slots.iter_mut().zip(vs) {
            if let Ok(x) = v.trim().parse::<f64>() {
                slot.push((x, l));
            }
        }
    }
    let mut out = Vec::new();
    for (t, slots) in values {
        for (index, slot) in slots.iter().enumerate() {
            if slot.len() < 20 {
                continue;
            }
            let mut xs: Vec<f64> = slot.iter().map(|(x, _)| *x).collect();
            xs.sort_by(f64::total_cmp);
            let median = xs[xs.len() / 2];
            let mut dev: Vec<f64> = xs.iter().map(|x| (x - median).abs()).collect();
            dev.sort_by(f64::total_cmp);
            let mad = dev[dev.len() / 2].max(1e-9);
            let outliers: Vec<&(f64, &Line)> = slot
                .iter()
                .filter(|(x, _)| (x - median).abs() / mad > 6.0)
                .collect();
            // Only a few values can be unusual; many is a wide distribution.
            if outliers.is_empty() || outliers.len() * 20 > slot.len() {
                continue;
            }
            let worst = outliers
                .iter()
                .map(|(x, _)| (x - median).abs() / mad)
                .fold(0.0, f64::max);
            out.push(Finding {
                kind: Kind::UnusualValue,
                score: (0.5 + worst / 100.0).min(0.95),
                start: outliers.iter().map(|(_, l)| l.ts).min().unwrap_or(0),
                end: outliers.iter().map(|(_, l)| l.ts).max().unwrap_or(0),
                template: t.to_string(),
                count: outliers.len(),
                summary: format!(
                    "parameter {} is usually about {median}, but {} lines have values like {}",
                    index + 1,
                    outliers.len(),
                    outliers[0].0
                ),
                evidence: format!(
                    "{selector} |= {}",
                    quote(
                        t.split("<*>")
                            .max_by_key(|s| s.trim().len())
                            .unwrap_or("")
                            .trim()
                    )
                ),
                examples: outliers
                    .iter()
                    .take(3)
                    .map(|(_, l)| crate::llm::untrusted(&l.text))
                    .collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lines::prepare;
    use crate::source::Labels;

    fn prepared(lines: &[&str]) -> Prepared {
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        prepare(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (labels.clone(), i as i64 * 1_000_000_000, l.to_string())),
        )
    }

    #[test]
    fn failures_score_high_and_user_errors_and_dumps_low() {
        let p = prepared(&[
            "2024-01-01T00:00:00Z INFO request served in 3ms",
            "2024-01-01T00:00:01Z ERROR connection reset by peer while reading from upstream",
            "2024-01-01T00:00:02Z ERROR open /etc/app.conf: no such file or directory",
            "2024-01-01T00:00:03Z FATAL kernel panic - not syncing",
            "2024-01-01T00:00:04Z FATAL machine check enable..............0",
        ]);
        let v = per_line(&p);
        let flags: Vec<bool> = v.iter().map(|x| x.anomalous).collect();
        assert_eq!(flags, [false, true, false, true, false], "{v:?}");
        assert_eq!(v[3].line, 4);
    }

    #[test]
    fn spikes_new_templates_and_bursts_are_found_with_evidence() {
        let mut lines: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    "2024-01-01T00:{:02}:{:02}Z INFO heartbeat ok seq={i}",
                    i / 60,
                    i % 60
                )
            })
            .collect();
        for i in 0..20 {
            lines[150 + i] = format!(
                "2024-01-01T00:02:{:02}Z ERROR disk write failed to sync block {i}",
                30 + i
            );
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        let p = prepare(refs.iter().enumerate().map(|(i, l)| {
            let ts = if (150..170).contains(&i) {
                150
            } else {
                i as i64
            };
            (labels.clone(), ts * 1_000_000_000, l.to_string())
        }));
        let f = findings(&p, "{app=\"x\"}");
        assert!(
            f.iter().all(|x| x.kind != Kind::UnusualValue),
            "sequence numbers are no outliers: {f:#?}"
        );
        assert!(
            f.iter()
                .any(|x| x.kind == Kind::ErrorBurst && x.count == 20),
            "{f:#?}"
        );
        let new = f
            .iter()
            .find(|x| x.kind == Kind::NewTemplate)
            .expect("the new failure template");
        assert!(new.template.contains("disk write failed"));
        assert!(new
            .evidence
            .starts_with("sum(count_over_time({app=\"x\"} |= "));
        crate::logql::parse(&new.evidence).unwrap();
    }

    #[test]
    fn a_value_far_from_its_usual_range_is_reported() {
        let mut lines: Vec<String> = (0..100)
            .map(|i| {
                format!(
                    "2024-01-01T00:00:{:02}Z INFO request took {} ms",
                    i % 60,
                    20 + i % 7
                )
            })
            .collect();
        lines[70] = "2024-01-01T00:00:10Z INFO request took 9000 ms".into();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let p = prepared(&refs);
        let f = findings(&p, "{app=\"x\"}");
        let u = f
            .iter()
            .find(|x| x.kind == Kind::UnusualValue)
            .unwrap_or_else(|| panic!("{f:#?}"));
        assert_eq!(u.count, 1);
        assert!(u.examples[0].contains("9000"));
    }
}
