//! What the lines around a line say about it: how rare its template is,
//! whether the template spikes or first appears late, whether the line
//! falls in a burst of error-level lines, whether one of its parameters is
//! far from the template's usual values.
//!
//! Context only amplifies what a message already says: its bonus is
//! scaled by the message's own failure evidence, so a rare or late line
//! that reads as routine stays routine. And rarity and lateness count only
//! as far as the data repeats itself: in a file of distinct messages every
//! template is rare, which says nothing.

use std::collections::HashMap;

use regex::Regex;

use super::lines::{Line, Prepared};
use super::message::MessageScore;
use super::severity::Level;

/// Windows to count in: about 60 over the span, at least a second.
pub fn window_of(p: &Prepared) -> (i64, i64, i64) {
    let first = p.lines.iter().map(|l| l.ts).min().unwrap_or(0);
    let last = p.lines.iter().map(|l| l.ts).max().unwrap_or(0);
    let width = ((last - first) / 60).max(1_000_000_000);
    (first, last, width)
}

/// Per template: its count per window and what stands out.
#[derive(Debug, Clone)]
pub struct TemplateFacts {
    pub count: usize,
    pub counts: Vec<usize>,
    pub mean: f64,
    /// The busiest window, when far above the template's usual rate.
    pub spike: Option<usize>,
    /// The first window, when well into the data.
    pub late: Option<usize>,
}

/// Values of one parameter far from its template's usual ones.
#[derive(Debug, Clone)]
pub struct Outliers {
    pub template: String,
    /// 0-based parameter index.
    pub slot: usize,
    pub median: f64,
    /// (line index, value, deviations from the median in MADs)
    pub lines: Vec<(usize, f64, f64)>,
}

pub struct Facts {
    pub first: i64,
    pub width: i64,
    pub windows: usize,
    pub templates: HashMap<String, TemplateFacts>,
    /// Error-level lines per window, and the burst window if any.
    pub errors: Vec<usize>,
    pub burst: Option<usize>,
    pub outliers: Vec<Outliers>,
    /// How much the data repeats itself, 0 (all distinct) to 1.
    pub repetition: f64,
}

impl Facts {
    pub fn bucket(&self, ts: i64) -> usize {
        (((ts - self.first) / self.width) as usize).min(self.windows - 1)
    }
}

fn error_level(level: Option<Level>) -> bool {
    level.is_some_and(|l| l >= Level::Error)
}

pub fn facts(p: &Prepared, messages: &[MessageScore]) -> Facts {
    let (first, last, width) = window_of(p);
    let windows = ((last - first) / width + 1) as usize;
    let mut f = Facts {
        first,
        width,
        windows,
        templates: HashMap::new(),
        errors: vec![0; windows],
        burst: None,
        outliers: Vec::new(),
        repetition: 0.0,
    };
    for (l, m) in p.lines.iter().zip(messages) {
        let b = f.bucket(l.ts);
        let t = f
            .templates
            .entry(p.template(l).to_string())
            .or_insert_with(|| TemplateFacts {
                count: 0,
                counts: vec![0; windows],
                mean: 0.0,
                spike: None,
                late: None,
            });
        t.count += 1;
        t.counts[b] += 1;
        if error_level(m.level) {
            f.errors[b] += 1;
        }
    }
    f.repetition = if p.lines.is_empty() {
        0.0
    } else {
        1.0 - f.templates.len() as f64 / p.lines.len() as f64
    };
    for t in f.templates.values_mut() {
        t.mean = t.count as f64 / windows as f64;
        let var = t
            .counts
            .iter()
            .map(|&c| (c as f64 - t.mean).powi(2))
            .sum::<f64>()
            / windows as f64;
        let sd = var.sqrt().max(0.5);
        if let Some((w, &c)) = t.counts.iter().enumerate().max_by_key(|(_, c)| **c) {
            if c >= 5 && (c as f64 - t.mean) / sd >= 4.0 && windows >= 5 {
                t.spike = Some(w);
            }
        }
        let start = t.counts.iter().position(|&c| c > 0).unwrap_or(0);
        if windows >= 5 && start >= windows / 5 {
            t.late = Some(start);
        }
    }
    let total: usize = f.errors.iter().sum();
    let mean = total as f64 / windows as f64;
    if let Some((w, &c)) = f.errors.iter().enumerate().max_by_key(|(_, c)| **c) {
        if c >= 5 && c as f64 >= 3.0 * mean.max(1.0) {
            f.burst = Some(w);
        }
    }
    f.outliers = outliers(p);
    f
}

/// Numeric parameters more than 6 median absolute deviations from the
/// median (robust to the outliers themselves), among at least 20 values,
/// when only a few values are that far (many is a wide distribution).
fn outliers(p: &Prepared) -> Vec<Outliers> {
    let mut values: HashMap<&str, Vec<Vec<(f64, usize)>>> = HashMap::new();
    let mut matchers: HashMap<&str, Option<Regex>> = HashMap::new();
    for (i, l) in p.lines.iter().enumerate() {
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
                slot.push((x, i));
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
            let far: Vec<(usize, f64, f64)> = slot
                .iter()
                .map(|&(x, i)| (i, x, (x - median).abs() / mad))
                .filter(|(_, _, d)| *d > 6.0)
                .collect();
            if far.is_empty() || far.len() * 20 > slot.len() {
                continue;
            }
            out.push(Outliers {
                template: t.to_string(),
                slot: index,
                median,
                lines: far,
            });
        }
    }
    out.sort_by(|a, b| a.template.cmp(&b.template).then(a.slot.cmp(&b.slot)));
    out
}

/// The context's log-odds for line `i`, and what it was.
pub fn logit(f: &Facts, p: &Prepared, i: usize, m: &MessageScore) -> (f64, Vec<&'static str>) {
    let l: &Line = &p.lines[i];
    let t = &f.templates[p.template(l)];
    let n = p.lines.len();
    let mut why = Vec::new();
    let mut bonus = 0.0;
    let r = f.repetition;
    if t.count <= (n / 1000).max(2) && r > 0.0 {
        bonus += 1.0 * r;
        why.push("a rare kind of line");
    }
    if let Some(start) = t.late {
        bonus += 0.5 * r * start as f64 / f.windows as f64;
        why.push("first seen late");
    }
    let b = f.bucket(l.ts);
    if t.spike == Some(b) {
        bonus += 0.75;
        why.push("in a spike of its kind");
    }
    if f.burst == Some(b) && error_level(m.level) {
        bonus += 0.5;
        why.push("in a burst of error-level lines");
    }
    if f.outliers
        .iter()
        .any(|o| o.lines.iter().any(|(j, _, _)| *j == i))
    {
        bonus += 1.0;
        why.push("an unusual parameter value");
    }
    // Context amplifies failure evidence; it does not make it.
    let gate = ((m.failure - 1.5) / 2.5).clamp(0.0, 1.0);
    let mut total = bonus.min(1.5) * gate;
    if gate == 0.0 {
        why.clear();
    }
    // The template everyone sees all the time is the background.
    if t.count >= 20 && t.count as f64 >= 0.1 * n as f64 {
        total -= 1.0 * r;
        why.push("a common kind of line");
    }
    (total, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lines::prepare;
    use crate::analyze::message::score;
    use crate::source::Labels;

    fn prepared(lines: &[String]) -> Prepared {
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        prepare(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (labels.clone(), i as i64 * 1_000_000_000, l.clone())),
        )
    }

    #[test]
    fn distinct_messages_get_no_rarity_and_routine_lines_no_bonus() {
        let lines: Vec<String> = [
            "usb 1-1.2: new high-speed USB device number 4",
            "systemd[1]: Started Daily apt download activities.",
            "Accepted publickey for deploy from 10.0.0.4 port 51122",
            "cron[921]: (root) CMD (run-parts /etc/cron.hourly)",
            "backup job nightly failed",
        ]
        .map(String::from)
        .to_vec();
        let p = prepared(&lines);
        let m: Vec<MessageScore> = p.lines.iter().map(|l| score(l.message(), None)).collect();
        let f = facts(&p, &m);
        for (i, mi) in m.iter().enumerate() {
            let (x, _) = logit(&f, &p, i, mi);
            assert!(x.abs() < 0.2, "line {i}: {x}");
        }
    }

    #[test]
    fn a_rare_late_failure_in_repetitive_data_gains_and_a_rare_routine_line_does_not() {
        let mut lines: Vec<String> = (0..300).map(|i| format!("heartbeat ok seq={i}")).collect();
        lines.push("worker 3: connection reset by peer".into());
        lines.push("configuration reloaded".into());
        let p = prepared(&lines);
        let m: Vec<MessageScore> = p.lines.iter().map(|l| score(l.message(), None)).collect();
        let f = facts(&p, &m);
        let (fail, why) = logit(&f, &p, 300, &m[300]);
        assert!(fail > 0.5, "{fail} {why:?}");
        assert!(why.contains(&"a rare kind of line"));
        let (routine, _) = logit(&f, &p, 301, &m[301]);
        assert_eq!(routine, 0.0);
    }
}
