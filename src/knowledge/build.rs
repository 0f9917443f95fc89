//! Building a knowledge base from log lines: mine templates, keep bounded
//! samples per template, then type the parameters and write and verify the
//! LogQL of every template against all the samples.

use std::collections::{BTreeSet, HashMap};

use super::params::{ParamInfo, ParamStats};
use super::queries::{self, Matcher, TemplateQueries};
use super::{Knowledge, TemplateInfo, FORMAT_VERSION};
use crate::engine::pipeline::{Pipeline, Row};
use crate::logql::{self, Expr};
use crate::mining::{ClusterId, Miner, MinerConfig};
use crate::source::Labels;

#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    pub examples: usize,
    /// Lines kept per template for parameter statistics.
    pub samples: usize,
    /// Lines per template used to verify every selection.
    pub verify_samples: usize,
    /// Label sets remembered per template.
    pub label_sets: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            examples: 3,
            samples: 200,
            verify_samples: 20,
            label_sets: 20,
        }
    }
}

#[derive(Default)]
struct ClusterAcc {
    count: u64,
    first: i64,
    last: i64,
    label_sets: BTreeSet<Labels>,
    samples: Vec<String>,
}

pub struct KnowledgeBuilder {
    miner: Miner,
    clusters: HashMap<ClusterId, ClusterAcc>,
    options: BuildOptions,
    scope: String,
    source: String,
    lines: u64,
    last_ts: i64,
}

impl KnowledgeBuilder {
    pub fn new(scope: &str, source: &str, options: BuildOptions) -> KnowledgeBuilder {
        KnowledgeBuilder {
            miner: Miner::new(MinerConfig::default()),
            clusters: HashMap::new(),
            options,
            scope: scope.to_string(),
            source: source.to_string(),
            lines: 0,
            last_ts: i64::MIN,
        }
    }

    /// Add one line of a stream (the miner reads JSON and logfmt lines by
    /// their message field; the LogQL still matches whole lines).
    pub fn add(&mut self, labels: &Labels, ts: i64, line: &str) {
        self.lines += 1;
        self.last_ts = self.last_ts.max(ts);
        let id = self.miner.add(line);
        let acc = self.clusters.entry(id).or_insert_with(|| ClusterAcc {
            first: ts,
            last: ts,
            ..ClusterAcc::default()
        });
        acc.count += 1;
        acc.first = acc.first.min(ts);
        acc.last = acc.last.max(ts);
        if acc.label_sets.len() < self.options.label_sets && !acc.label_sets.contains(labels) {
            acc.label_sets.insert(labels.clone());
        }
        if acc.samples.len() < self.options.samples {
            acc.samples.push(line.to_string());
        }
    }

    pub fn lines(&self) -> u64 {
        self.lines
    }

    pub fn finish(mut self) -> Knowledge {
        self.miner.finish();
        // Clusters merged by the miner share a final template.
        let mut by_template: HashMap<String, (String, ClusterAcc)> = HashMap::new();
        for (cluster, acc) in self.clusters {
            let t = self.miner.template(cluster);
            let entry = by_template.entry(t.id.clone()).or_insert_with(|| {
                (
                    t.text.clone(),
                    ClusterAcc {
                        first: acc.first,
                        last: acc.last,
                        ..ClusterAcc::default()
                    },
                )
            });
            let merged = &mut entry.1;
            merged.count += acc.count;
            merged.first = merged.first.min(acc.first);
            merged.last = merged.last.max(acc.last);
            for l in acc.label_sets {
                if merged.label_sets.len() < self.options.label_sets {
                    merged.label_sets.insert(l);
                }
            }
            let room = self.options.samples.saturating_sub(merged.samples.len());
            merged.samples.extend(acc.samples.into_iter().take(room));
        }
        let total: u64 = by_template.values().map(|(_, a)| a.count).sum();
        let texts: Vec<(String, u64)> = by_template
            .values()
            .map(|(t, a)| (t.clone(), a.count))
            .collect();
        // How much of the corpus a constant would also select.
        let selectivity = |lit: &str| -> f64 {
            texts
                .iter()
                .filter(|(t, _)| t.contains(lit))
                .map(|(_, c)| *c as f64)
                .sum::<f64>()
                / total.max(1) as f64
        };
        let mut templates: Vec<TemplateInfo> = by_template
            .into_iter()
            .map(|(id, (text, acc))| {
                let names = queries::param_names(&text);
                let mut queries = queries::build(&text, &names, selectivity);
                // Structured lines: the template is their message field's.
                queries.field = acc
                    .samples
                    .first()
                    .and_then(|l| queries::MessageField::of(l))
                    .filter(|f| {
                        acc.samples
                            .iter()
                            .all(|l| queries::MessageField::of(l).as_ref() == Some(f))
                    });
                let messages: Vec<String> = match &queries.field {
                    Some(f) => acc
                        .samples
                        .iter()
                        .filter_map(|l| field_value(l, f))
                        .collect(),
                    None => acc.samples.clone(),
                };
                let params = param_stats(&messages, &queries, &names);
                TemplateInfo {
                    id,
                    text,
                    count: acc.count,
                    first_seen: acc.first,
                    last_seen: acc.last,
                    label_sets: acc.label_sets.into_iter().collect(),
                    examples: acc
                        .samples
                        .iter()
                        .take(self.options.examples)
                        .cloned()
                        .collect(),
                    samples: acc.samples,
                    params,
                    queries,
                    summary: None,
                }
            })
            .collect();
        templates.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        verify(&mut templates, self.options.verify_samples);
        for t in &mut templates {
            t.samples.clear();
        }
        Knowledge {
            version: FORMAT_VERSION,
            scope: self.scope,
            source: self.source,
            lines: self.lines,
            covered_until: self.last_ts,
            templates,
        }
    }
}

/// Parameter statistics from the samples, read with the template's own
/// `regexp` (so what the statistics say is what the query extracts).
fn param_stats(samples: &[String], q: &TemplateQueries, names: &[String]) -> Vec<ParamInfo> {
    let Some(re) = q
        .regexp
        .as_deref()
        .and_then(|r| regex_of(r.trim_start_matches("| regexp ")))
    else {
        return Vec::new();
    };
    let mut stats: Vec<ParamStats> = vec![ParamStats::default(); names.len()];
    for s in samples {
        if let Some(caps) = re.captures(s) {
            for (i, st) in stats.iter_mut().enumerate() {
                if let Some(m) = caps.get(i + 1) {
                    st.add(m.as_str());
                }
            }
        }
    }
    stats
        .iter()
        .zip(names)
        .map(|(s, n)| s.info(n.clone()))
        .collect()
}

/// The message field's value in a structured line.
fn field_value(line: &str, f: &queries::MessageField) -> Option<String> {
    let mut found = None;
    let mut sink = crate::engine::parsers::FnSink(|k: &str, v: std::borrow::Cow<'_, str>| {
        if k == f.key {
            found = Some(v.into_owned());
        }
    });
    let _ = match f.parser.as_str() {
        "json" => crate::engine::parsers::json_all(line, &mut sink),
        _ => crate::engine::parsers::logfmt(line, false, false, &[], &mut sink),
    };
    found
}

/// The regex inside a quoted LogQL string.
fn regex_of(quoted: &str) -> Option<regex::Regex> {
    let Ok(Expr::Log(log)) = logql::parse(&format!("{{a=\"b\"}} | regexp {quoted}")) else {
        return None;
    };
    match log.pipeline.first() {
        Some(logql::Stage::Parser(logql::ParserStage::Regexp(r))) => regex::Regex::new(r).ok(),
        _ => None,
    }
}

/// Check every template's selection against the samples of all templates
/// with the embedded engine's own pipeline; where it takes too much, fall
/// back from `|>` to the anchored regex, then add `!>` exclusions for the
/// templates it still takes.
fn verify(templates: &mut [TemplateInfo], per_template: usize) {
    let pool: Vec<(usize, &str)> = templates
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.samples
                .iter()
                .take(per_template)
                .map(move |s| (i, s.as_str()))
        })
        .collect();
    let labels = Labels::from_pairs([("a", "b")]);
    let selects = |selection: &str| -> Option<Vec<usize>> {
        let Ok(Expr::Log(log)) = logql::parse(&format!("{{a=\"b\"}} {selection}")) else {
            return None;
        };
        let pipeline = Pipeline::compile(&log).ok()?;
        Some(
            pool.iter()
                .filter(|(_, line)| pipeline.process(&mut Row::new(0, line, &labels)))
                .map(|(i, _)| *i)
                .collect(),
        )
    };
    let mut results: Vec<(Matcher, Vec<String>, bool)> = Vec::with_capacity(templates.len());
    for (i, t) in templates.iter().enumerate() {
        let own = pool.iter().filter(|(j, _)| *j == i).count();
        let mut q = t.queries.clone();
        let mut outcome = (q.matcher, Vec::new(), false);
        if q.field.is_some() {
            let exact = selects(&q.selection()).is_some_and(|h| {
                h.iter().filter(|&&j| j == i).count() == own && h.iter().all(|&j| j == i)
            });
            results.push((q.matcher, Vec::new(), exact));
            continue;
        }
        for matcher in [q.matcher, Matcher::Regex] {
            q.matcher = matcher;
            q.exclusions.clear();
            let Some(hits) = selects(&q.selection()) else {
                continue;
            };
            let mine = hits.iter().filter(|&&j| j == i).count();
            if mine != own {
                continue; // misses some of its own lines
            }
            let mut others: Vec<usize> = hits.into_iter().filter(|&j| j != i).collect();
            others.sort_unstable();
            others.dedup();
            if others.len() <= 5 {
                q.exclusions = others
                    .iter()
                    .map(|&j| format!("!{}", &templates[j].queries.pattern_filter[1..]))
                    .collect();
                let exact = selects(&q.selection()).is_some_and(|h| {
                    h.iter().filter(|&&j| j == i).count() == own && h.iter().all(|&j| j == i)
                });
                outcome = (matcher, q.exclusions.clone(), exact);
                if exact {
                    break;
                }
            }
        }
        results.push(outcome);
    }
    for (t, (matcher, exclusions, exact)) in templates.iter_mut().zip(results) {
        t.queries.matcher = matcher;
        t.queries.exclusions = exclusions;
        t.queries.exact = exact;
    }
}
