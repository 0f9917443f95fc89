//! Anomaly detection without an LLM.
//!
//! Every line gets a probability-like score that it reports a failure:
//! the message's own evidence ([`super::message`]: failure cues of a
//! class, benign look-alikes, parameter shapes, the level) plus what its
//! context adds when there is one ([`super::context`]: a rare or late
//! template, a spike, an error burst, an unusual parameter value), mapped
//! through one calibrated logistic curve. A line is anomalous at
//! [`THRESHOLD`] or above. Findings over time (spikes, late templates,
//! bursts, unusual values, failure lines by template) carry the score of
//! their most anomalous line, so a finding is anomalous exactly when one of
//! its lines is.

use std::collections::HashMap;

use crate::logql::{
    Expr, FilterValue, LineFilter, LineFilterOp, LogExpr, LogRange, Matcher, MetricExpr, RangeAgg,
    RangeOp, Scope, Stage, VectorAgg, VectorOp,
};
use serde::Serialize;

use super::classes::FailureClass;
use super::context::{self, Facts};
use super::lines::Prepared;
use super::message::{self, MessageScore};

/// Lines (and findings) scoring at least this are anomalous: even odds.
pub const THRESHOLD: f64 = 0.5;

/// The logistic curve's slope: cue weights are log-odds, and this maps
/// their sum to a probability-like score. On the development messages
/// (`eval/anomaly/dev.tsv`, and `dev-extra.tsv`) the best-fitting slope is
/// steeper (about 2.8), but those are the lines the cues were written
/// against, so their separation is optimistic; 1.5 hedges toward unseen
/// systems. The threshold stays at log-odds 0 whatever the slope.
pub const SLOPE: f64 = 1.5;

/// A log-odds as a score in [0, 1], rounded for output.
pub fn probability(logit: f64) -> f64 {
    let p = 1.0 / (1.0 + (-SLOPE * logit).exp());
    (p * 1000.0).round() / 1000.0
}

/// One line's score and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    pub score: f64,
    pub message: MessageScore,
    /// The context's log-odds and what it was.
    pub context: f64,
    pub context_why: Vec<&'static str>,
}

/// Every line scored with its context, and the windowed facts behind it.
pub fn score_all(p: &Prepared) -> (Vec<Scored>, Facts) {
    let messages: Vec<MessageScore> = p
        .lines
        .iter()
        .map(|l| message::score(l.message(), l.level().as_deref()))
        .collect();
    let facts = context::facts(p, &messages);
    let scored = messages
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let (context, context_why) = context::logit(&facts, p, i, &m);
            Scored {
                score: probability(m.logit + context),
                message: m,
                context,
                context_why,
            }
        })
        .collect();
    (scored, facts)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineVerdict {
    /// 1-based, in input order.
    pub line: usize,
    pub anomalous: bool,
    pub score: f64,
    /// The kind of failure it reads as (see `classes`), when it reads as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<FailureClass>,
}

pub fn verdicts(scored: &[Scored]) -> Vec<LineVerdict> {
    scored
        .iter()
        .enumerate()
        .map(|(i, s)| LineVerdict {
            line: i + 1,
            anomalous: s.score >= THRESHOLD,
            score: s.score,
            class: (s.score >= THRESHOLD).then_some(s.message.class).flatten(),
        })
        .collect()
}

pub fn per_line(p: &Prepared) -> Vec<LineVerdict> {
    verdicts(&score_all(p).0)
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
    /// Lines that score as anomalous.
    AnomalousLines,
    /// A numeric parameter far outside the values its template usually has.
    UnusualValue,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// The score of its most anomalous line; anomalous at [`THRESHOLD`].
    pub score: f64,
    /// The failure class of that line, when it reads as one.
    pub class: Option<FailureClass>,
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

impl Finding {
    pub fn anomalous(&self) -> bool {
        self.score >= THRESHOLD
    }
}

/// `{scope} |= "text"` (or `|~`), printed.
fn lines_query(selector: &[Matcher], op: LineFilterOp, text: &str) -> LogExpr {
    LogExpr {
        selector: selector.to_vec(),
        pipeline: vec![Stage::LineFilter(LineFilter {
            op,
            values: vec![FilterValue::Text(text.to_string())],
        })],
    }
}

/// `sum(count_over_time(LOG [width]))`, printed.
fn count_query(log: LogExpr, width_ns: i64) -> String {
    Expr::Metric(MetricExpr::VectorAgg(VectorAgg {
        op: VectorOp::Sum,
        param: None,
        grouping: None,
        inner: Box::new(MetricExpr::RangeAgg(RangeAgg {
            op: RangeOp::CountOverTime,
            param: None,
            grouping: None,
            range: LogRange {
                log,
                unwrap: None,
                range: width_ns,
                offset: 0,
            },
        })),
    }))
    .to_string()
}

/// The scope's matchers; an unreadable scope selects everything (its
/// queries are evidence to show, and the plugin checks scopes on load).
fn scope_matchers(scope: &str) -> Vec<Matcher> {
    match Scope::parse(scope) {
        Ok(s) => s.matchers().to_vec(),
        Err(e) => {
            tracing::warn!(error = %e, "anomaly evidence: scope does not parse");
            Vec::new()
        }
    }
}

/// The longest literal part of a template, for a line filter.
pub(crate) fn literal(t: &str) -> String {
    t.split("<*>")
        .max_by_key(|s| s.trim().len())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// What a set of lines (by index) scores: the worst line's score and
/// class, the time span and up to three examples, worst first.
struct Group {
    score: f64,
    class: Option<FailureClass>,
    start: i64,
    end: i64,
    examples: Vec<String>,
}

fn group(p: &Prepared, scored: &[Scored], idx: &[usize]) -> Group {
    let mut by_score: Vec<usize> = idx.to_vec();
    by_score.sort_by(|&a, &b| scored[b].score.total_cmp(&scored[a].score).then(a.cmp(&b)));
    let worst = by_score.first().copied();
    Group {
        score: worst.map_or(0.0, |i| scored[i].score),
        class: worst.and_then(|i| scored[i].message.class),
        start: idx.iter().map(|&i| p.lines[i].ts).min().unwrap_or(0),
        end: idx.iter().map(|&i| p.lines[i].ts).max().unwrap_or(0),
        examples: by_score
            .iter()
            .take(3)
            .map(|&i| crate::llm::untrusted(&p.lines[i].text))
            .collect(),
    }
}

/// Windowed findings, most anomalous first.
pub fn findings(p: &Prepared, scope: &str) -> Vec<Finding> {
    let (scored, facts) = score_all(p);
    findings_from(p, scope, &scored, &facts)
}

pub fn findings_from(p: &Prepared, scope: &str, scored: &[Scored], facts: &Facts) -> Vec<Finding> {
    let selector = scope_matchers(scope);
    // Whole seconds, as the windows are reported.
    let width_ns = facts.width / 1_000_000_000 * 1_000_000_000;
    let mut by_template: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, l) in p.lines.iter().enumerate() {
        by_template.entry(p.template(l)).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut push = |kind: Kind,
                    template: &str,
                    idx: &[usize],
                    summary: String,
                    evidence: String,
                    span: Option<(i64, i64)>| {
        let g = group(p, scored, idx);
        let (start, end) = span.unwrap_or((g.start, g.end));
        out.push(Finding {
            kind,
            score: g.score,
            class: g.class,
            start,
            end,
            template: template.to_string(),
            count: idx.len(),
            summary,
            evidence,
            examples: g.examples,
        });
    };
    let window = |w: usize| {
        let s = facts.first + w as i64 * facts.width;
        (s, s + facts.width)
    };
    let mut templates: Vec<(&&str, &Vec<usize>)> = by_template.iter().collect();
    templates.sort();
    for (t, idx) in templates {
        let tf = &facts.templates[*t];
        let count_query = count_query(
            lines_query(&selector, LineFilterOp::Contains, &literal(t)),
            width_ns,
        );
        if let Some(w) = tf.spike {
            let in_window: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| facts.bucket(p.lines[i].ts) == w)
                .collect();
            push(
                Kind::Spike,
                t,
                &in_window,
                format!(
                    "{} lines in one window against {:.1} on average",
                    in_window.len(),
                    tf.mean
                ),
                count_query.clone(),
                Some(window(w)),
            );
        }
        if let Some(w) = tf.late {
            push(
                Kind::NewTemplate,
                t,
                idx,
                format!(
                    "first seen {:.0}% into the data",
                    100.0 * w as f64 / facts.windows as f64
                ),
                count_query,
                Some(window(w)),
            );
        }
        let flagged: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| scored[i].score >= THRESHOLD)
            .collect();
        if !flagged.is_empty() {
            push(
                Kind::AnomalousLines,
                t,
                &flagged,
                format!("{} lines that read as failures", flagged.len()),
                lines_query(&selector, LineFilterOp::Contains, &literal(t)).to_string(),
                None,
            );
        }
    }
    if let Some(w) = facts.burst {
        let in_window: Vec<usize> = (0..p.lines.len())
            .filter(|&i| {
                facts.bucket(p.lines[i].ts) == w
                    && scored[i]
                        .message
                        .level
                        .is_some_and(|l| l >= super::severity::Level::Error)
            })
            .collect();
        let mean = facts.errors.iter().sum::<usize>() as f64 / facts.windows as f64;
        let template = in_window
            .first()
            .map(|&i| p.template(&p.lines[i]).to_string())
            .unwrap_or_default();
        push(
            Kind::ErrorBurst,
            &template,
            &in_window,
            format!(
                "{} error-level lines in one window against {mean:.1} on average",
                in_window.len()
            ),
            count_query(
                lines_query(
                    &selector,
                    LineFilterOp::Regex,
                    "(?i)(fatal|error|severe|crit|fail)",
                ),
                width_ns,
            ),
            Some(window(w)),
        );
    }
    for o in &facts.outliers {
        let idx: Vec<usize> = o.lines.iter().map(|(i, _, _)| *i).collect();
        push(
            Kind::UnusualValue,
            &o.template,
            &idx,
            format!(
                "parameter {} is usually about {}, but {} lines have values like {}",
                o.slot + 1,
                o.median,
                o.lines.len(),
                o.lines[0].1
            ),
            lines_query(&selector, LineFilterOp::Contains, &literal(&o.template)).to_string(),
            None,
        );
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.count.cmp(&a.count)));
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

    #[test]
    fn findings_and_verdicts_rest_on_the_same_scores() {
        let labels = Labels::from_pairs([("app".to_string(), "x".to_string())]);
        let mut input: Vec<(Labels, i64, String)> = (0..300)
            .map(|i| {
                (
                    labels.clone(),
                    i * 1_000_000_000,
                    format!("INFO heartbeat ok seq={i}"),
                )
            })
            .collect();
        // A spike of routine lines and, later, a burst of failures.
        for i in 0..30 {
            input.push((
                labels.clone(),
                100_000_000_000 + i,
                format!("INFO cache entry {i} refreshed"),
            ));
        }
        for i in 0..12 {
            input.push((
                labels.clone(),
                250_000_000_000 + i,
                format!("ERROR write to /dev/sdb failed: Input/output error, sector {i}"),
            ));
        }
        input.sort_by_key(|x| x.1);
        let p = prepare(input);
        let (scored, facts) = score_all(&p);
        let v = verdicts(&scored);
        let f = findings_from(&p, "{app=\"x\"}", &scored, &facts);
        let flagged: Vec<usize> = v
            .iter()
            .filter(|x| x.anomalous)
            .map(|x| x.line - 1)
            .collect();
        assert_eq!(flagged.len(), 12, "{v:?}");
        // Every flagged line is in an anomalous finding of its template ...
        for &i in &flagged {
            let t = p.template(&p.lines[i]);
            assert!(
                f.iter()
                    .any(|x| x.kind == Kind::AnomalousLines && x.template == t && x.anomalous()),
                "{t}: {f:#?}"
            );
        }
        // ... and an anomalous finding scores as one of the flagged lines.
        for x in f.iter().filter(|x| x.anomalous()) {
            assert!(
                flagged.iter().any(|&i| scored[i].score == x.score),
                "{x:#?}"
            );
            assert_eq!(x.class, Some(FailureClass::Storage));
        }
        // The routine spike is found, but is no incident.
        let spike = f
            .iter()
            .find(|x| x.kind == Kind::Spike && x.template.contains("refreshed"))
            .unwrap_or_else(|| panic!("{f:#?}"));
        assert!(!spike.anomalous(), "{spike:#?}");
    }
}
