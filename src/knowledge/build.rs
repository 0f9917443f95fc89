//! Building a knowledge base from log lines: mine templates, keep bounded
//! samples per template, then type the parameters and write and verify the
//! LogQL of every template against all the samples.

use std::collections::{BTreeSet, HashMap};

use super::fields::{FieldExtractor, LineProfiler, ProfileOptions};
use super::header::{FieldCounter, HeaderInfo, Split, Splitter};
use super::params::{ParamInfo, ParamStats, ParamType};
use super::queries::{self, Matcher, TemplateQueries};
use super::{Knowledge, TemplateInfo, FORMAT_VERSION};
use crate::engine::pipeline::{Pipeline, Row};
use crate::logql::{self, LogExpr};
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
    header: Option<HeaderAcc>,
}

/// The header of a template's lines: one line's layout, and which fields
/// took more than one value.
#[derive(Debug, Clone)]
struct HeaderAcc {
    line: String,
    split: Split,
    values: Vec<Option<String>>,
    varied: Vec<bool>,
}

impl HeaderAcc {
    fn new(line: &str, split: &Split, fields: usize) -> HeaderAcc {
        let mut values = vec![None; fields];
        for (i, r) in &split.fields {
            values[*i] = Some(line[r.clone()].to_string());
        }
        HeaderAcc {
            line: line[..split.message].to_string(),
            split: split.clone(),
            values,
            varied: vec![false; fields],
        }
    }

    /// One more line of the template: fields that differ have varied.
    fn observe_line(&mut self, line: &str, split: &Split) {
        for i in 0..self.values.len() {
            let value = split
                .fields
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, r)| &line[r.clone()]);
            if self.values[i].as_deref() != value {
                self.varied[i] = true;
            }
        }
    }

    fn observe(&mut self, values: &[Option<String>]) {
        for (i, v) in values.iter().enumerate() {
            if self.values.get(i) != Some(v) {
                self.varied[i] = true;
            }
        }
    }

    /// The header as template text (`<*>` for fields that vary) and the
    /// names of its variables.
    fn template(&self, names: &[String]) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut vars = Vec::new();
        let mut at = 0;
        let mut fields = self.split.fields.clone();
        fields.sort_by_key(|(_, r)| r.start);
        for (i, r) in fields {
            text.push_str(&self.line[at..r.start]);
            // Times and ids are variables even where a template's few lines agree.
            let always_varies = matches!(
                names[i].as_str(),
                "timestamp" | "epoch" | "date" | "pid" | "request" | "logfile"
            );
            if self.varied[i] || always_varies {
                text.push_str("<*>");
                vars.push(names[i].clone());
            } else {
                text.push_str(&self.line[r.clone()]);
            }
            at = r.end;
        }
        text.push_str(&self.line[at..]);
        (text, vars)
    }
}

/// Lines read before the header layout is decided.
const DETECT_LINES: usize = 500;

pub struct KnowledgeBuilder {
    miner: Miner,
    clusters: HashMap<ClusterId, ClusterAcc>,
    options: BuildOptions,
    scope: String,
    source: String,
    lines: u64,
    last_ts: i64,
    /// Lines held until the header layout is decided.
    pending: Vec<(Labels, i64, String)>,
    /// `None` until decided; then the layout, if the lines have one.
    splitter: Option<Option<Splitter>>,
    header_fields: FieldCounter,
    /// The structured lines' fields, once their format is decided.
    fields: Option<LineProfiler>,
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
            pending: Vec::new(),
            splitter: None,
            header_fields: FieldCounter::default(),
            fields: None,
        }
    }

    /// Add one line of a stream. The miner reads the message: after a
    /// header of a known layout, or the message field of JSON and logfmt
    /// lines; the LogQL still matches whole lines.
    pub fn add(&mut self, labels: &Labels, ts: i64, line: &str) {
        if self.splitter.is_none() {
            self.pending.push((labels.clone(), ts, line.to_string()));
            if self.pending.len() >= DETECT_LINES {
                self.decide();
            }
            return;
        }
        self.add_line(labels, ts, line);
    }

    /// Choose the header layout from the lines held, then add them.
    fn decide(&mut self) {
        let lines: Vec<&str> = self.pending.iter().map(|p| p.2.as_str()).collect();
        let splitter = Splitter::detect(&lines);
        if let Some(s) = &splitter {
            tracing::debug!(format = %s.format, regex = s.regex(), "log header layout detected");
        }
        let fields = FieldExtractor::detect_with_header(lines.iter().copied(), splitter.as_ref());
        self.fields = fields.map(|e| {
            tracing::debug!(
                format = e.format().name(),
                "structured line format detected"
            );
            LineProfiler::new(e, ProfileOptions::default())
        });
        self.splitter = Some(splitter);
        for (labels, ts, line) in std::mem::take(&mut self.pending) {
            self.add_line(&labels, ts, &line);
        }
    }

    fn add_line(&mut self, labels: &Labels, ts: i64, line: &str) {
        self.lines += 1;
        self.last_ts = self.last_ts.max(ts);
        if let Some(p) = &mut self.fields {
            p.add(line);
        }
        let splitter = self.splitter.as_ref().and_then(Option::as_ref);
        let split = splitter.and_then(|s| s.split(line));
        let message = split.as_ref().map_or(line, |sp| &line[sp.message..]);
        let id = self.miner.add(message);
        let acc = self.clusters.entry(id).or_insert_with(|| ClusterAcc {
            first: ts,
            last: ts,
            ..ClusterAcc::default()
        });
        if let (Some(s), Some(sp)) = (splitter, &split) {
            self.header_fields.add(s, line, sp);
            let fields = s.names().len();
            match &mut acc.header {
                None => acc.header = Some(HeaderAcc::new(line, sp, fields)),
                Some(h) => h.observe_line(line, sp),
            }
        }
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

    /// Add every line of an embedded store.
    pub fn add_store(&mut self, store: &crate::engine::Store) {
        for s in store.streams() {
            for (i, &ts) in s.timestamps().iter().enumerate() {
                self.add(&s.labels, ts, s.line(i));
            }
        }
    }

    pub fn lines(&self) -> u64 {
        self.lines + self.pending.len() as u64
    }

    pub fn finish(mut self) -> Knowledge {
        if self.splitter.is_none() {
            self.decide();
        }
        self.miner.finish();
        let splitter = self.splitter.take().flatten();
        let header_names: Vec<String> = splitter
            .as_ref()
            .map(|s| s.names().to_vec())
            .unwrap_or_default();
        // Clusters merged by the miner share a final template.
        let mut by_template: HashMap<String, (String, ClusterAcc)> = HashMap::new();
        // In the order the clusters were made, so that samples and header
        // statistics of merged clusters are the same on every run.
        let mut clusters: Vec<(ClusterId, ClusterAcc)> = self.clusters.into_iter().collect();
        clusters.sort_unstable_by_key(|(id, _)| *id);
        for (cluster, acc) in clusters {
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
            match (&mut merged.header, acc.header) {
                (None, h) => merged.header = h,
                (Some(m), Some(h)) => m.observe(&h.values),
                (Some(_), None) => {}
            }
            let room = self.options.samples.saturating_sub(merged.samples.len());
            merged.samples.extend(acc.samples.into_iter().take(room));
        }
        // The template's text: its header (constant fields kept) + message.
        let by_template: HashMap<String, (String, Vec<String>, ClusterAcc, usize)> = by_template
            .into_iter()
            .map(|(id, (message, acc))| {
                let (head, mut names) = acc
                    .header
                    .as_ref()
                    .map(|h| h.template(&header_names))
                    .unwrap_or_default();
                for n in queries::param_names(&message) {
                    let name = queries::unique_name(&n, &names, 2);
                    names.push(name);
                }
                (id, (format!("{head}{message}"), names, acc, head.len()))
            })
            .collect();
        let total: u64 = by_template.values().map(|(_, _, a, _)| a.count).sum();
        let texts: Vec<(String, u64)> = by_template
            .values()
            .map(|(t, _, a, _)| (t.clone(), a.count))
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
            .map(|(id, (text, names, acc, header_len))| {
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
                    Some(f) => acc.samples.iter().filter_map(|l| f.value_in(l)).collect(),
                    None => acc.samples.clone(),
                };
                let mut params = param_stats(&messages, &queries, &names);
                // "from <ip>": name an address after what it is.
                if let Some(renamed) = better_names(&params) {
                    let field = queries.field.take();
                    queries = queries::build(&text, &renamed, selectivity);
                    queries.field = field;
                    for (p, n) in params.iter_mut().zip(renamed) {
                        p.name = n;
                    }
                }
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
                    embedding: None,
                    header_len,
                }
            })
            .collect();
        templates.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        verify(&mut templates, self.options.verify_samples);
        for t in &mut templates {
            t.samples.clear();
        }
        let header: Option<HeaderInfo> = splitter
            .as_ref()
            .map(|s| std::mem::take(&mut self.header_fields).finish(s));
        Knowledge {
            version: FORMAT_VERSION,
            scope: self.scope,
            source: self.source,
            lines: self.lines,
            covered_until: self.last_ts,
            templates,
            header,
            fields: self.fields.map(LineProfiler::finish),
        }
    }
}

/// Parameters named after a preposition or a position (`from`, `p3`)
/// renamed after their type when it says more (`ip`); `None` if none is.
fn better_names(params: &[ParamInfo]) -> Option<Vec<String>> {
    const VAGUE: [&str; 7] = ["from", "to", "for", "by", "at", "on", "src"];
    let mut names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
    let mut changed = false;
    for (i, p) in params.iter().enumerate() {
        let vague = VAGUE.contains(&p.name.as_str())
            || (p.name.starts_with('p') && p.name[1..].chars().all(|c| c.is_ascii_digit()));
        let better = match p.kind {
            ParamType::Ip => "ip",
            ParamType::Path => "path",
            _ => continue,
        };
        if vague {
            names[i] = queries::unique_name(better, &names, 2);
            changed = true;
        }
    }
    changed.then_some(names)
}

/// Parameter statistics from the samples, read with the template's own
/// `regexp` (so what the statistics say is what the query extracts).
fn param_stats(samples: &[String], q: &TemplateQueries, names: &[String]) -> Vec<ParamInfo> {
    let Some(re) = q.regexp.as_deref().and_then(regex_of) else {
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

/// The regex of a stored `| regexp "..."` stage.
fn regex_of(stage: &str) -> Option<regex::Regex> {
    let pipeline = logql::parse_pipeline(stage).ok()?;
    match pipeline.first() {
        Some(logql::Stage::Parser(logql::ParserStage::Regexp(r))) => regex::Regex::new(r).ok(),
        _ => None,
    }
}

/// A selection over the one stream `{a="b"}` the samples are checked in.
fn sample_query(selection: &str) -> Option<LogExpr> {
    Some(LogExpr {
        selector: vec![logql::Matcher::new("a", logql::MatchOp::Eq, "b")],
        pipeline: logql::parse_pipeline(selection).ok()?,
    })
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
        let log = sample_query(selection)?;
        let pipeline = Pipeline::compile(&log).ok()?;
        Some(
            pool.iter()
                .filter(|(_, line)| pipeline.process(&mut Row::new(0, line, &labels)))
                .map(|(i, _)| *i)
                .collect(),
        )
    };
    // Every kept line of the template itself, not just the shared pool.
    let keeps_all_own = |selection: &str, i: usize| -> bool {
        let Some(log) = sample_query(selection) else {
            return false;
        };
        let Ok(pipeline) = Pipeline::compile(&log) else {
            return false;
        };
        templates[i]
            .samples
            .iter()
            .all(|line| pipeline.process(&mut Row::new(0, line, &labels)))
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
            if mine != own || !keeps_all_own(&q.selection(), i) {
                continue; // misses some of its own lines
            }
            let mut others: Vec<usize> = hits.into_iter().filter(|&j| j != i).collect();
            others.sort_unstable();
            others.dedup();
            if others.len() <= 5 {
                q.exclusions = others
                    .iter()
                    .filter_map(|&j| templates[j].queries.exclusion())
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
