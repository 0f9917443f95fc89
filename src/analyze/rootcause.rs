//! Root-cause analysis for an error burst: rank the templates (with the
//! component or host they come from) whose activity starts before the burst
//! and goes on with it, weighted by how failure-like their lines read, and
//! lay out the timeline.

use std::collections::HashMap;

use serde::Serialize;

use super::anomaly;
use super::classes::FailureClass;
use super::context;
use super::lines::{Line, Prepared};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub template: String,
    /// `component=...` / `host=...` the lines come from, when the header says.
    pub source: String,
    pub score: f64,
    /// First line in the lookback window, Unix ns.
    pub first: i64,
    pub count: usize,
    /// Before the burst started.
    pub precedes: bool,
    pub example: String,
    /// The failure class its most anomalous line reads as.
    pub class: Option<FailureClass>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootCause {
    /// The burst examined: its window (Unix ns) and lines.
    pub burst_start: i64,
    pub burst_end: i64,
    pub burst_lines: usize,
    pub candidates: Vec<Candidate>,
}

fn source_of(l: &Line) -> String {
    for key in ["component", "program", "node", "host", "service", "app"] {
        if let Some(v) = l
            .fields
            .get(key)
            .map(String::as_str)
            .or_else(|| l.labels.get(key))
        {
            return format!("{key}={v}");
        }
    }
    String::new()
}

/// The burst: the window around `at` (Unix ns), or the window with the most
/// anomalous lines.
pub fn analyze(p: &Prepared, at: Option<i64>) -> Option<RootCause> {
    let (first, _last, width) = context::window_of(p);
    let bucket = |ts: i64| (ts - first) / width;
    let scored = anomaly::score_all(p).0;
    let scores: Vec<f64> = scored.iter().map(|s| s.score).collect();
    let target = match at {
        Some(t) => bucket(t),
        None => {
            let mut per: HashMap<i64, usize> = HashMap::new();
            for (l, s) in p.lines.iter().zip(&scores) {
                if *s >= anomaly::THRESHOLD {
                    *per.entry(bucket(l.ts)).or_default() += 1;
                }
            }
            per.into_iter().max_by_key(|(w, n)| (*n, -w))?.0
        }
    };
    let burst_start = first + target * width;
    let burst_end = burst_start + width;
    let lookback = burst_start - 10 * width;
    let burst_lines = p
        .lines
        .iter()
        .zip(&scores)
        .filter(|(l, s)| l.ts >= burst_start && l.ts < burst_end && **s >= anomaly::THRESHOLD)
        .count();
    // Templates seen before the lookback are the background, not causes.
    let mut usual: HashMap<(&str, String), usize> = HashMap::new();
    // (lines, first seen, worst score, seen before the burst, the worst line)
    type Recent = (usize, i64, f64, bool, usize);
    let mut recent: HashMap<(&str, String), Recent> = HashMap::new();
    for (i, (l, s)) in p.lines.iter().zip(&scores).enumerate() {
        let key = (p.template(l), source_of(l));
        if l.ts < lookback {
            *usual.entry(key).or_default() += 1;
        } else if l.ts < burst_end {
            let e = recent.entry(key).or_insert((0, l.ts, -1.0, false, i));
            e.0 += 1;
            e.1 = e.1.min(l.ts);
            if *s > e.2 {
                e.2 = *s;
                e.4 = i;
            }
            e.3 |= l.ts < burst_start;
        }
    }
    let lookback_windows = ((burst_end - lookback) / width).max(1) as f64;
    let background_windows = ((lookback - first) / width).max(1) as f64;
    let mut candidates: Vec<Candidate> = recent
        .into_iter()
        .map(
            |((t, source), (count, first_seen, worst, precedes, example))| {
                // How much busier than usual, how failure-like, how early.
                let rate_now = count as f64 / lookback_windows;
                let rate_before = usual.get(&(t, source.clone())).copied().unwrap_or(0) as f64
                    / background_windows;
                let novelty = (rate_now / (rate_before + 0.1)).ln().clamp(0.0, 5.0) / 5.0;
                let score =
                    (0.5 * novelty + 0.4 * worst + if precedes { 0.1 } else { 0.0 }).min(1.0);
                Candidate {
                    template: t.to_string(),
                    source,
                    score: (score * 1000.0).round() / 1000.0,
                    first: first_seen,
                    count,
                    precedes,
                    example: crate::llm::untrusted(&p.lines[example].text),
                    class: scored[example].message.class,
                }
            },
        )
        .filter(|c| c.score > 0.2)
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
    candidates.truncate(10);
    Some(RootCause {
        burst_start,
        burst_end,
        burst_lines,
        candidates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lines::prepare;
    use crate::source::Labels;

    #[test]
    fn the_failure_that_starts_first_ranks_first() {
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        let mut input = Vec::new();
        for i in 0..300i64 {
            input.push((
                labels.clone(),
                i * 1_000_000_000,
                format!("2024-01-01T00:00:00Z INFO request {i} served"),
            ));
        }
        // The disk fills at t=250s, requests start failing at t=280s.
        for i in 0..5i64 {
            input.push((
                labels.clone(),
                (250 + i) * 1_000_000_000,
                "2024-01-01T00:04:10Z ERROR write failed: no space left on device, I/O error"
                    .to_string(),
            ));
        }
        for i in 0..20i64 {
            input.push((
                labels.clone(),
                280 * 1_000_000_000 + i,
                format!("2024-01-01T00:04:40Z FATAL request {i} crashed: storage unavailable"),
            ));
        }
        input.sort_by_key(|x| x.1);
        let p = prepare(input);
        let rc = analyze(&p, None).unwrap();
        assert!(rc.burst_lines >= 20, "{rc:#?}");
        let top = &rc.candidates[0];
        assert!(
            top.template.contains("write failed") || top.template.contains("crashed"),
            "{rc:#?}"
        );
        let disk = rc
            .candidates
            .iter()
            .find(|c| c.template.contains("write failed"))
            .unwrap();
        assert!(disk.precedes);
        assert!(
            rc.candidates.iter().all(|c| !c.template.contains("served")),
            "routine lines are no cause: {rc:#?}"
        );
    }
}
