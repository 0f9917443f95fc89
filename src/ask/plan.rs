//! The LLM-free planner: LogQL from the understood question, the retrieved
//! templates and the scope's labels. Deterministic; every query it returns
//! parses and stays inside the scope.

use super::literal::{shortest_selection, LineSelection};
use super::propose::count_over;
use super::select::{content_terms, select};
use super::understand::{Aggregate, Intent, Understanding};
use crate::knowledge::header::HeaderInfo;
use crate::knowledge::{Knowledge, ParamInfo, ParamType, TemplateInfo};
use crate::logql::{
    self, Conversion, Expr, FilterValue, LabelFilter, LineFilter, LineFilterOp, LogExpr, LogRange,
    MatchOp, Matcher, MetricExpr, ParserStage, RangeAgg, RangeOp, RangeVariable, Scope, Stage,
    Unwrap, VectorAgg, VectorOp,
};
use crate::retrieve::{terms_of, DocKind, Retriever};
use crate::source::Direction;

/// What the planner knows besides the question.
pub struct Context<'a> {
    /// The datasource scope, a stream selector (`{app="sshd"}`).
    pub scope: &'a str,
    pub knowledge: Option<&'a Knowledge>,
    /// Label names with their values, within the scope.
    pub labels: &'a [(String, Vec<String>)],
    /// The window when the question names none (the dashboard range).
    pub window: (i64, i64),
    /// Most lines a log query returns.
    pub log_limit: u32,
    /// The smallest step for queries over time (Grafana's interval), ns.
    pub min_step: i64,
}

/// A query and how to run it.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// A log query over `[start, end)`.
    Logs {
        query: String,
        start: i64,
        end: i64,
        limit: u32,
        direction: Direction,
    },
    /// A metric query at `time`.
    Instant { query: String, time: i64 },
    /// A metric query over a range.
    Range {
        query: String,
        start: i64,
        end: i64,
        step: i64,
    },
}

impl Plan {
    /// The same plan (window, step, limit) over another query.
    pub fn with_query(&self, query: String) -> Plan {
        let mut plan = self.clone();
        *plan.query_mut() = query;
        plan
    }

    fn query_mut(&mut self) -> &mut String {
        match self {
            Plan::Logs { query, .. } | Plan::Instant { query, .. } | Plan::Range { query, .. } => {
                query
            }
        }
    }

    pub fn query(&self) -> &str {
        match self {
            Plan::Logs { query, .. } | Plan::Instant { query, .. } | Plan::Range { query, .. } => {
                query
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub plan: Plan,
    /// The query with `$__range`/`$__interval` unexpanded, for pinning.
    pub reusable: String,
    /// The template the query is built on, if any.
    pub template: Option<String>,
    /// Why: retrieval hits and choices, for `--explain`.
    pub why: Vec<String>,
    /// The lines are kept by a threshold on a measured parameter: finding
    /// none is the answer, not a reason to try without it.
    pub compared: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the scope {0:?} is not a stream selector: {1}")]
    Scope(String, String),
    #[error("the planner built an invalid query {query:?}: {error}")]
    Invalid { query: String, error: String },
}

/// How far a plan may lean on the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Use the best template's LogQL.
    Template,
    /// Only keyword and entity line filters (the fallback).
    Keywords,
}

const SECOND: i64 = 1_000_000_000;

/// A machine by its role ("datanode", "worker node", "backend server").
fn names_a_machine(word: &str) -> bool {
    ["node", "server", "host", "machine"]
        .iter()
        .any(|m| word.ends_with(m))
}

/// Whether a word the question groups by asks for addresses.
fn asks_for_address(word: &str) -> bool {
    matches!(
        word,
        "ip" | "address" | "client" | "source" | "peer" | "remote"
    ) || names_a_machine(word)
}

/// Whether every template whose message holds an IPv4 address holds just
/// one, and those are `with`: then the address's shape extracts it from
/// any line, and only from theirs.
fn one_address_each(all: &[TemplateInfo], with: &[&TemplateInfo]) -> bool {
    let v4 = |v: &str| v.parse::<std::net::Ipv4Addr>().is_ok();
    // An address parameter: typed so, or every value seen is one (`rhost=`,
    // typed by its mix of forms).
    let is_address = |p: &&crate::knowledge::params::ParamInfo| {
        p.kind == ParamType::Ip
            || !p.top_values.is_empty() && p.top_values.iter().all(|(v, _)| v4(v))
    };
    all.iter().all(|t| {
        let addresses: Vec<_> = t
            .params
            .iter()
            .skip(header_params(t))
            .filter(is_address)
            .collect();
        let chosen = with.iter().any(|w| std::ptr::eq(*w, t));
        let ipv4 = addresses
            .iter()
            .all(|p| p.top_values.iter().all(|(v, _)| v4(v)));
        // A chosen template with no address seen (`rhost=` holding host
        // names) gives the shape nothing to find: no harm.
        match addresses.len() {
            0 => true,
            1 => chosen && ipv4,
            _ => false,
        }
    })
}

/// Most `| regexp` stages that extract a parameter from every template
/// holding it, in place of selecting those templates' lines.
const MAX_SHARED_EXTRACTIONS: usize = 3;

/// Lines read to rank kinds of events when there is no label to rank by.
const MAX_LINES_TO_RANK: u32 = 5000;

/// Whether a template's lines may hold this address: a parameter saw it,
/// or an address parameter has more values than the knowledge kept.
fn may_hold_ip(t: &TemplateInfo, ip: &str) -> bool {
    t.params.iter().any(|p| {
        p.top_values.iter().any(|(v, _)| v == ip)
            || (p.kind == crate::knowledge::params::ParamType::Ip
                && p.cardinality > p.top_values.len())
    })
}

pub fn plan(u: &Understanding, cx: &Context<'_>, mode: Mode) -> Result<Planned, PlanError> {
    let scope =
        Scope::parse(cx.scope).map_err(|e| PlanError::Scope(cx.scope.into(), e.to_string()))?;
    let (start, end) = u.time.as_ref().map_or(cx.window, |t| (t.start, t.end));
    let end = end.max(start + SECOND);
    let mut why = Vec::new();
    let header = cx.knowledge.and_then(|k| k.header.as_ref());

    // A level the question names ("FATAL events", "warnings"), when the
    // lines have a header with a level field.
    let level = header.and_then(|h| level_named(&u.question, h));
    if let Some((value, _)) = &level {
        why.push(format!("the question names the level {value}"));
    }
    // What to group by: a stream label, a header field or a template parameter.
    let needs_group = matches!(u.intent, Intent::TopK { .. } | Intent::DistinctCount);
    let group_words = if needs_group {
        group_words(u)
    } else {
        Vec::new()
    };
    let fixed_group = group_words
        .iter()
        .find_map(|w| fixed_group(w, &u.question, cx, header).map(|g| (w.clone(), g)));
    let param_word = match &fixed_group {
        Some(_) => None,
        None => group_words
            .iter()
            .find(|w| {
                // The question's own word for a dimension only where a
                // parameter bears its name (`[instance: <*>]`).
                let own = u.by.as_deref().is_none_or(|by| by != w.as_str())
                    && u.by_words
                        .last()
                        .is_some_and(|b| super::ground::name_base(b) == **w);
                cx.knowledge.is_some_and(|k| {
                    k.templates.iter().any(|t| {
                        param_for(t, w, &u.question).is_some()
                            && (!own || t.params.iter().any(|p| p.name == **w))
                    })
                })
            })
            .cloned(),
    };
    let measure_needed = matches!(u.intent, Intent::NumericAggregate(_));

    // The words that say what the lines are about.
    let mut drop: Vec<String> = Vec::new();
    if let Some((_, words)) = &level {
        drop.extend(words.iter().cloned());
    }
    if let Some((w, _)) = &fixed_group {
        drop.push(w.clone());
    }
    if let Some(w) = &param_word {
        drop.push(w.clone());
    }
    // Words in capitals are names (GET, POST, ERROR) even where they are
    // also common words the reading drops; bare words read as hosts are words.
    let mut keywords = u.keywords.clone();
    for h in &u.entities.hosts {
        if h.chars().all(char::is_alphabetic) {
            keywords.push(h.to_lowercase());
        }
    }
    for w in u.question.split(|c: char| !c.is_alphanumeric()) {
        let capitals = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
        if capitals && !keywords.iter().any(|k| k.eq_ignore_ascii_case(w)) {
            keywords.push(w.to_ascii_lowercase());
        }
    }
    let mut terms = content_terms(&keywords, &drop);
    if u.intent == Intent::ErrorSummary {
        terms.retain(|t| !matches!(t.as_str(), "error" | "fail" | "warn" | "problem" | "issue"));
    }
    let label_values: Vec<String> = cx.labels.iter().flat_map(|(_, v)| v.clone()).collect();
    // "httpd's error log" over `log="error_log"`: words that spell the
    // stream's own name say nothing about which of its lines.
    let own_names: Vec<&str> = cx
        .labels
        .iter()
        .filter_map(|(_, values)| match values.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        })
        .collect();
    // "orders-worker batch time" over journald's `SYSLOG_IDENTIFIER=
    // "orders-worker"`: a value a structured field holds picks the lines
    // by that field; its words say nothing about which message.
    let mut own_names = own_names;
    if let Some(f) = cx.knowledge.and_then(|k| k.fields.as_ref()) {
        let e = &u.entities;
        own_names.extend(
            e.ids
                .iter()
                .chain(&e.hosts)
                .chain(&e.users)
                .chain(&e.quoted)
                .filter(|v| f.structured_value(v))
                .map(String::as_str),
        );
    }
    let spelled = super::ground::stream_phrase_words(&u.question, &own_names);
    terms.retain(|t| !spelled.iter().any(|w| w.starts_with(t.as_str())));
    // "How many 404s": where some templates hold the status asked for
    // (as text or as a value their parameter took), only those.
    let holds_codes = |t: &TemplateInfo| {
        u.entities.status_codes.iter().all(|code| {
            let code = code.to_string();
            t.text
                .split(|c: char| !c.is_ascii_digit())
                .any(|token| token == code)
                || t.params
                    .iter()
                    .any(|p| p.top_values.iter().any(|(v, _)| *v == code))
        })
    };
    let codes_held = !u.entities.status_codes.is_empty()
        && cx
            .knowledge
            .is_some_and(|k| k.templates.iter().any(&holds_codes));
    let usable = |t: &TemplateInfo| {
        (!codes_held || holds_codes(t))
            && t.queries.exact
            && t.queries.field.is_none()
            && param_word
                .as_deref()
                .is_none_or(|w| param_for(t, w, &u.question).is_some())
            && (!measure_needed
                || measure_param(t, u.measure.as_deref(), &u.keywords, &u.question).is_some())
    };
    // Quoted text, and words in capitals that lines contain as written
    // ("DELETE requests"), must appear in the templates.
    let mut literals = u.entities.quoted.clone();
    if let Some(k) = cx.knowledge {
        // Template messages lower-cased once, and only if a capital word needs them.
        let lowered = std::cell::OnceCell::new();
        for w in u.question.split(|c: char| !c.is_alphanumeric()) {
            let capitals = w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase());
            let lower = w.to_lowercase();
            let used = level
                .as_ref()
                .is_some_and(|(_, words)| words.contains(&lower));
            if !capitals || used || literals.iter().any(|l| l == w) {
                continue;
            }
            // Only where case tells lines apart: every occurrence, in any
            // case, is written so ("DELETE", not also "delete" or "ftpd").
            let verbatim: usize = k
                .templates
                .iter()
                .map(|t| t.message().matches(w).count())
                .sum();
            let any_case: usize = lowered
                .get_or_init(|| {
                    k.templates
                        .iter()
                        .map(|t| t.message().to_lowercase())
                        .collect::<Vec<_>>()
                })
                .iter()
                .map(|m| m.matches(&lower).count())
                .sum();
            if verbatim > 0 && verbatim == any_case {
                literals.push(w.to_string());
            }
        }
        // Grouping needs a template with the parameter: capitals give way.
        let fits = |t: &&TemplateInfo| literals.iter().all(|l| t.text.contains(l.as_str()));
        if param_word.is_some() && !k.templates.iter().filter(fits).any(&usable) {
            literals.truncate(u.entities.quoted.len());
        }
    }
    let selected = match (mode, cx.knowledge) {
        (Mode::Template, Some(k)) if !terms.is_empty() || !literals.is_empty() => {
            select(k, &terms, &literals, &label_values, &usable)
        }
        _ => None,
    };
    // "Was blk_-87… ever removed from disk?": where the question names the
    // thing it asks about, words no line has ("disk", "directly") are the
    // asker's, not the event's, unless they say how it ended ("fail").
    let selected = match (selected, cx.knowledge) {
        (Some(s), Some(k))
            if u.intent == Intent::Exists
                && names_an_entity(&u.entities)
                && !s.unknown.is_empty()
                && !s.unknown.iter().any(|w| super::select::is_outcome(w)) =>
        {
            let known: Vec<String> = terms
                .iter()
                .filter(|t| !s.unknown.contains(t))
                .cloned()
                .collect();
            let narrower = (!known.is_empty())
                .then(|| select(k, &known, &literals, &label_values, &usable))
                .flatten()
                .filter(|n| n.unknown.is_empty());
            match narrower {
                Some(n) => {
                    why.push(format!(
                        "the question names what it asks about; words no line has are left out: {:?}",
                        s.unknown
                    ));
                    Some(n)
                }
                None => Some(s),
            }
        }
        (s, _) => s,
    };
    // What a selection too weak to stand matched ("TLS handshakes" of a
    // question whose other words no line has) still narrows a fallback.
    let weakly_matched: Vec<String> = selected
        .as_ref()
        .map(|s| s.matched.clone())
        .unwrap_or_default();
    let selected = selected.filter(|s| {
        let enough = s.coverage >= 0.4 || !u.entities.quoted.is_empty();
        // "Were there any kernel panics?": a word no line has means no.
        let sure = u.intent != Intent::Exists || s.unknown.is_empty();
        if !enough || !sure {
            why.push(format!(
                "no template covers the question well enough (best: {:.0}%, unknown words {:?})",
                s.coverage * 100.0,
                s.unknown
            ));
        }
        enough && sure
    });
    // Grouping by a parameter with nothing else to go on: every template
    // that has it. Where a few short extractions serve them all (`from
    // (?P<ip>\S+) port`, `rhost=(?P<ip>\S+)`), they are the whole
    // selection: lines without the parameter have no value to count.
    let mut extraction_selects = false;
    let mut address_shape = false;
    let selected = selected.or_else(|| {
        let k = cx.knowledge?;
        param_word.as_ref()?;
        // An address the question names: only templates whose lines can
        // hold it ("users 45.95.147.12 tried" is not every user line).
        let all: Vec<&TemplateInfo> = k
            .templates
            .iter()
            .filter(|t| usable(t))
            .filter(|t| u.entities.ips.iter().all(|ip| may_hold_ip(t, ip)))
            .collect();
        // Of them, those that hold what the question's words did match.
        let holding: Vec<&TemplateInfo> = all
            .iter()
            .copied()
            .filter(|t| {
                let held = terms_of(&t.text);
                weakly_matched.iter().any(|m| held.contains(m))
            })
            .collect();
        let all = if holding.is_empty() { all } else { holding };
        let w = param_word.as_deref()?;
        let shared = param_chain(&all, &label_name(w), |t| param_for(t, w, &u.question))
            .is_some_and(|c| {
                c.len() <= MAX_SHARED_EXTRACTIONS
                    && all.iter().all(|t| param_for(t, w, &u.question).is_some())
            });
        extraction_selects = shared && all.len() > 1;
        // Too many contexts, but one address in each line of any template
        // that has one: its shape finds it.
        if !shared && all.len() > 1 && asks_for_address(w) && one_address_each(&k.templates, &all) {
            address_shape = true;
            extraction_selects = true;
        }
        let shared = shared || address_shape;
        (!all.is_empty() && (all.len() <= 12 || shared) && mode == Mode::Template).then(|| {
            why.push(format!(
                "{} templates have the parameter the question groups by",
                all.len()
            ));
            super::select::Selected::all_of(all)
        })
    });
    // The few usable templates, where the question has nothing else to
    // go on than what they hold.
    let few_usable = || -> Option<Vec<&TemplateInfo>> {
        let all: Vec<&TemplateInfo> = cx
            .knowledge?
            .templates
            .iter()
            .filter(|t| usable(t))
            .collect();
        (!all.is_empty() && all.len() <= MAX_MEASURED_TEMPLATES).then_some(all)
    };
    let mut code_selects = false;
    // A status asked ("how many 404s did the API return"): the few
    // templates that hold it.
    let selected = selected.or_else(|| {
        if !codes_held || mode != Mode::Template {
            return None;
        }
        let all = few_usable()?;
        why.push(format!(
            "{} templates hold the status the question asks for",
            all.len()
        ));
        // Their status written as they write it picks their lines.
        code_selects = u
            .entities
            .status_codes
            .iter()
            .all(|c| status_literal(&all, *c).is_some());
        Some(super::select::Selected::all_of(all))
    });
    // Measuring a named quantity ("p99 slow query duration"): the few
    // templates that have the measured parameter.
    let selected = selected.or_else(|| {
        u.measure.as_ref()?;
        if !measure_needed || mode != Mode::Template {
            return None;
        }
        let all = few_usable()?;
        why.push(format!(
            "{} templates have the parameter the question measures",
            all.len()
        ));
        Some(super::select::Selected::all_of(all))
    });
    let templates: Vec<&TemplateInfo> = selected
        .as_ref()
        .map(|s| s.templates.clone())
        .unwrap_or_default();
    if let Some(s) = &selected {
        let t = s.templates[0];
        why.push(format!(
            "template {} ({} lines) covers {:.0}% of the question ({}): {}",
            t.id,
            t.count,
            s.coverage * 100.0,
            s.matched.join(", "),
            super::answer::quote_line(&t.text)
        ));
        if s.templates.len() > 1 {
            why.push(format!(
                "{} templates describe the same event; selecting them all",
                s.templates.len()
            ));
        }
    }

    let mut selector: Vec<Matcher> = scope.matchers().to_vec();
    let retriever = Retriever::new(None, cx.labels);
    let mut words = u.keywords.clone();
    words.extend(u.entities.quoted.iter().cloned());
    for h in retriever
        .search(&words, 4)
        .iter()
        .filter(|h| h.kind == DocKind::LabelValue)
        .take(1)
    {
        if let Some((name, value)) = h.key.split_once('=') {
            if !scope.matchers().iter().any(|m| m.name == name) {
                selector.push(Matcher::new(name, MatchOp::Eq, value));
                why.push(format!(
                    "label {name}={value} matched {}",
                    h.matched.join(", ")
                ));
            }
        }
    }

    // Line selection: the templates', else keywords.
    let mut pipeline: Vec<Stage> = Vec::new();
    // What a structured line holds besides its message: its other fields'
    // names and frequent values, where a literal must not be.
    let message_key = templates
        .first()
        .and_then(|t| t.queries.field.as_ref())
        .map(|f| f.key.as_str());
    let field_values: Vec<&str> = cx
        .knowledge
        .and_then(|k| k.fields.as_ref())
        .map(|f| {
            f.fields
                .iter()
                .filter(|p| Some(p.name.as_str()) != message_key)
                .flat_map(|p| {
                    std::iter::once(p.name.as_str()).chain(p.top.iter().map(|t| t.value.as_str()))
                })
                .collect()
        })
        .unwrap_or_default();
    let literal = cx
        .knowledge
        .and_then(|k| shortest_selection(&templates, &k.templates, &field_values))
        .map(|selection| match selection {
            LineSelection::Contains(l) => line_filter(LineFilterOp::Contains, l),
            LineSelection::AnyOf(ls) => {
                let alternatives: Vec<String> = ls.iter().map(|l| regex::escape(l)).collect();
                line_filter(LineFilterOp::Regex, alternatives.join("|"))
            }
        });
    match templates.as_slice() {
        [] => {
            for q in &u.entities.quoted {
                pipeline.push(line_filter(LineFilterOp::Contains, q.as_str()));
            }
            if u.entities.quoted.is_empty() {
                let known: Vec<&String> = if u.intent == Intent::Exists {
                    terms.iter().collect()
                } else {
                    let unknown = cx
                        .knowledge
                        .and_then(|k| select(k, &terms, &[], &label_values, &|_| true))
                        .map(|s| s.unknown)
                        .unwrap_or_default();
                    let known: Vec<&String> =
                        terms.iter().filter(|t| !unknown.contains(t)).collect();
                    if known.is_empty() {
                        terms.iter().take(1).collect()
                    } else {
                        known
                    }
                };
                for k in known.iter().filter(|k| k.len() >= 3) {
                    pipeline.push(line_filter(
                        LineFilterOp::Regex,
                        format!("(?i){}", regex::escape(k)),
                    ));
                }
                if !known.is_empty() {
                    why.push(format!("filtering lines on the words {known:?}"));
                }
            }
        }
        _ if extraction_selects || code_selects => {}
        selected if literal.is_some() => {
            why.push(format!(
                "{} selected by the shortest text only they contain",
                if selected.len() == 1 {
                    "the template's lines"
                } else {
                    "their lines"
                }
            ));
            pipeline.extend(literal);
        }
        [t] => pipeline.extend(stored_stages(&t.queries.selection())?),
        many => {
            // A template of a field's messages (`msg`) is anchored to the
            // field, not the line: unanchored, it finds the line's copy.
            let union: Vec<String> = many
                .iter()
                .map(|t| {
                    let re = unquote_regex(&t.queries.regex_filter);
                    let re = match t.queries.field {
                        Some(_) => re
                            .strip_prefix('^')
                            .unwrap_or(&re)
                            .trim_end_matches(r"\s*$")
                            .to_string(),
                        None => re,
                    };
                    format!("(?:{re})")
                })
                .collect();
            pipeline.push(line_filter(LineFilterOp::Regex, union.join("|")));
        }
    }
    // A quoted name some selected template holds only as a parameter's value
    // (`Model recsys-v<*> loaded` for "recsys-v43") filters the lines itself.
    if !templates.is_empty() && !extraction_selects {
        for q in &u.entities.quoted {
            let lower = q.to_lowercase();
            if !templates
                .iter()
                .all(|t| t.text.to_lowercase().contains(&lower))
            {
                pipeline.push(line_filter(LineFilterOp::Contains, q.as_str()));
            }
        }
    }
    let e = &u.entities;
    // A "user" or "host" that is a word of the question ("invalid user
    // attempts") is no name.
    let named = |v: &&String| {
        !(v.chars().all(char::is_alphabetic)
            && content_terms(std::slice::from_ref(*v), &[]).is_empty())
    };
    // A host has a dot, a dash or a digit; a bare word ("terminated") is
    // a word of the question.
    let hostlike = |v: &&String| v.contains(['.', '-']) || v.chars().any(|c| c.is_ascii_digit());
    for v in e
        .ips
        .iter()
        .chain(&e.ids)
        .chain(e.users.iter().filter(named))
        .chain(e.hosts.iter().filter(hostlike))
        .chain(&e.paths)
    {
        pipeline.push(line_filter(LineFilterOp::Contains, v.as_str()));
    }
    for code in &e.status_codes {
        match status_literal(&templates, *code) {
            Some(written) => pipeline.push(line_filter(LineFilterOp::Contains, written)),
            None => pipeline.push(line_filter(LineFilterOp::Regex, format!(r"\b{code}\b"))),
        }
    }
    // "su sessions for the cyrus user": a word the selected templates hold
    // only as a parameter's value names the lines that hold it.
    if let Some(sel) = selected.as_ref().filter(|_| !extraction_selects) {
        for w in &u.keywords {
            let covered = terms_of(w).iter().any(|t| sel.matched.contains(t));
            let grouped = param_word.as_deref() == Some(w.as_str());
            let level_word = level
                .as_ref()
                .is_some_and(|(_, words)| words.contains(&w.to_lowercase()));
            // A word the logs also write as text is the logs' word, not a name.
            let written = || {
                cx.knowledge.is_some_and(|k| {
                    k.templates.iter().any(|t| {
                        t.text
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|token| token.eq_ignore_ascii_case(w))
                    })
                })
            };
            // The stream's own name ("cassandra" of `app="cassandra"`) is no
            // value to look for in its lines.
            let own = own_names.iter().any(|v| super::ground::names_stream(v, w));
            if covered || grouped || level_word || own || written() {
                continue;
            }
            if let Some(v) = super::param_value::word_value(&templates, w) {
                if !pipeline.iter().any(|s| {
                    matches!(s, Stage::LineFilter(f) if f.op == LineFilterOp::Contains
                        && matches!(f.values.as_slice(), [FilterValue::Text(t)] if t.contains(v.as_str())))
                }) {
                    why.push(format!("{w:?} is a value the lines write as {v:?}"));
                    pipeline.push(line_filter(LineFilterOp::Contains, v));
                }
            }
        }
    }
    // "error state 6": a number the templates take after the same words.
    for (before, raw) in numbers_with_words_before(&u.question, &e.numbers) {
        if let Some(p) = super::param_value::phrase(&templates, &before, &raw) {
            why.push(format!("{raw} is a value the lines write as {p:?}"));
            // The phrase says all a shorter literal inside it says.
            pipeline.retain(|s| {
                !matches!(s, Stage::LineFilter(f) if f.op == LineFilterOp::Contains
                    && matches!(f.values.as_slice(), [FilterValue::Text(t)] if p.contains(t.as_str())))
            });
            pipeline.push(line_filter(LineFilterOp::Contains, p));
        }
    }
    // "How many processes did lmkd kill" over `I lmkd : Kill '<*>'`: a
    // header field the selected lines all hold one value of counts nothing
    // distinct; the lines are counted.
    let constant_header = match &fixed_group {
        Some((_, Grouping::Header(field))) if u.intent == Intent::DistinctCount => {
            !templates.is_empty()
                && templates.iter().all(|t| {
                    !t.params
                        .iter()
                        .take(header_params(t))
                        .any(|p| &p.name == field)
                })
        }
        _ => false,
    };
    if constant_header {
        why.push("the selected lines hold one value of that header field: counting them".into());
    }
    // Header fields: parsed when a level filters or a field groups.
    let header_group = matches!(fixed_group, Some((_, Grouping::Header(_)))) && !constant_header;
    if let (Some(h), true) = (header, level.is_some() || header_group) {
        pipeline.extend(stored_stages(&h.stage)?);
        if let Some((value, _)) = &level {
            pipeline.push(label_filter(Matcher::new("level", MatchOp::Eq, value)));
        }
    }
    if u.intent == Intent::ErrorSummary && templates.is_empty() && level.is_none() {
        let error_levels = |h: &&HeaderInfo| {
            h.field("level").is_some_and(|f| {
                f.top_values.iter().any(|(v, _)| {
                    let v = v.to_lowercase();
                    ["err", "fatal", "crit", "severe", "alert", "emerg", "fail"]
                        .iter()
                        .any(|e| v.starts_with(e))
                })
            })
        };
        match header.filter(error_levels) {
            Some(h) => {
                pipeline.extend(stored_stages(&h.stage)?);
                pipeline.push(label_filter(Matcher::new(
                    "level",
                    MatchOp::Re,
                    "(?i)(err|error|fatal|crit|critical|severe|failure|alert|emerg)",
                )));
            }
            None => pipeline.push(line_filter(
                LineFilterOp::Regex,
                "(?i)(error|fail|fatal|exception|critical|panic)",
            )),
        }
    }
    // "Took longer than 0.5 seconds": the measured parameter, extracted
    // and compared (aggregates measure it themselves).
    let mut compared = false;
    if !measure_needed {
        if let Some(stages) = threshold_stages(u, &templates, &mut why) {
            pipeline.extend(stages);
            compared = true;
        }
    }
    let logs = LogExpr { selector, pipeline };

    // Extraction of the grouping parameter (or the measure), renamed to one
    // label across the selected templates.
    let group: Option<Grouping> = match (&fixed_group, &param_word) {
        (Some(_), _) if constant_header => None,
        (Some((_, g)), _) => Some(g.clone()),
        (None, Some(w)) if !templates.is_empty() => {
            let label = label_name(w);
            let chain = if address_shape {
                Some(vec![Stage::Parser(ParserStage::Regexp(format!(
                    r"(?P<{label}>\d{{1,3}}(?:\.\d{{1,3}}){{3}})"
                )))])
            } else {
                param_chain(&templates, &label, |t| param_for(t, w, &u.question))
            };
            chain.map(|mut c| {
                why.push(format!(
                    "grouping by the parameter the question calls {w:?}"
                ));
                if extraction_selects {
                    why.push(format!(
                        "one extraction serves the {} templates that have it: it selects the lines",
                        templates.len()
                    ));
                }
                // A line the extraction misses (one the literal also finds
                // elsewhere) has no value: no group of its own.
                c.push(label_filter(Matcher::new(&label, MatchOp::Neq, "")));
                Grouping::Param(label, c)
            })
        }
        _ => None,
    };
    if needs_group && group.is_none() {
        why.push("no label or parameter to group by was found; counting instead".into());
    }
    // The lines, with the stages that extract the group's parameter.
    let grouped = || {
        let mut log = logs.clone();
        if let Some(Grouping::Param(_, chain)) = &group {
            extend_unrepeated(&mut log.pipeline, chain.iter().cloned());
        }
        log
    };
    let count = |log: LogExpr, over: RangeVariable| count_over(log, over.as_range());
    // `sum by (g) (count_over_time(…))`: what rankings and distinct counts count.
    let per_group = |g: &Grouping| {
        vector_agg(
            VectorOp::Sum,
            None,
            count(grouped(), RangeVariable::Range),
            Some(g.name()),
        )
    };
    let total = || {
        vector_agg(
            VectorOp::Sum,
            None,
            count(logs.clone(), RangeVariable::Range),
            None,
        )
    };
    let mut step = SECOND;

    // "The highest child pid": a ranking with nothing to group by, of a
    // number the question names, asks for the largest (or smallest) value.
    let mut intent = u.intent.clone();
    let mut measure = u.measure.clone();
    if matches!(intent, Intent::TopK { .. }) && group.is_none() {
        // "The largest number of … in one message": the template's only number.
        let extreme = [
            "largest", "highest", "biggest", "maximum", "smallest", "lowest", "minimum",
        ]
        .iter()
        .any(|w| u.question.to_lowercase().contains(w));
        let named = templates.first().and_then(|t| {
            let mut numbers = t
                .params
                .iter()
                .skip(header_params(t))
                .filter(|p| p.kind.is_numeric());
            let only = numbers.clone().count() == 1;
            numbers
                .clone()
                .find(|p| keywords.contains(&p.name))
                .or_else(|| numbers.next().filter(|_| extreme && only))
        });
        if let Some(p) = named {
            let lowest = ["lowest", "smallest", "least", "minimum", "fewest"]
                .iter()
                .any(|w| u.question.to_lowercase().contains(w));
            intent = Intent::NumericAggregate(if lowest {
                Aggregate::Min
            } else {
                Aggregate::Max
            });
            measure = Some(p.name.clone());
            why.push(format!("ranking the values of {} itself", p.name));
        }
    }
    // "How many core files did ciod write" over `generated <*> core files`:
    // the lines write the count asked for; their sum is the answer.
    if intent == Intent::Count && group.is_none() {
        if let Some(p) = templates
            .first()
            .and_then(|t| counted_param(t, &u.question))
        {
            why.push(format!(
                "the messages write the number counted: summing {}",
                p.name
            ));
            intent = Intent::NumericAggregate(Aggregate::Sum);
            measure = Some(p.name.clone());
        }
    }
    let log_query = || Expr::Log(logs.clone()).to_string();
    let metric_query = |m: MetricExpr| Expr::Metric(m).to_string();
    let plan = match &intent {
        Intent::ShowLogs | Intent::ErrorSummary | Intent::Explain => Plan::Logs {
            query: log_query(),
            start,
            end,
            limit: cx.log_limit,
            direction: Direction::Backward,
        },
        Intent::First | Intent::Last => Plan::Logs {
            query: log_query(),
            start,
            end,
            limit: 1,
            direction: if u.intent == Intent::First {
                Direction::Forward
            } else {
                Direction::Backward
            },
        },
        Intent::Count | Intent::Exists => Plan::Instant {
            query: metric_query(total()),
            time: end,
        },
        // "Requests per second": one average over the window.
        Intent::RateOverTime if u.average_rate((start, end)) => Plan::Instant {
            query: metric_query(super::propose::average_rate(
                logs.clone(),
                (start, end),
                u.step.unwrap_or(60),
            )),
            time: end,
        },
        Intent::RateOverTime => {
            // Never more than Loki's 11,000 points, whatever the question says.
            step = crate::loki::choose_step(start, end, u.step_ns())
                .max(SECOND)
                .max(cx.min_step);
            Plan::Range {
                query: metric_query(super::propose::with_empty_steps(vector_agg(
                    VectorOp::Sum,
                    None,
                    count(logs.clone(), RangeVariable::Interval),
                    None,
                ))),
                start: first_step(start, end, step),
                end,
                step,
            }
        }
        Intent::TopK { k } => match &group {
            Some(g) => Plan::Instant {
                query: metric_query(vector_agg(
                    VectorOp::Topk,
                    Some(*k as f64),
                    per_group(g),
                    None,
                )),
                time: end,
            },
            // "What happened most often?": nothing to group by but the
            // kind of event; the lines are read and grouped by template.
            None => {
                let limit = MAX_LINES_TO_RANK.min(cx.log_limit.max(1000));
                why.push(format!(
                    "ranking the kinds of the newest {limit} lines at most"
                ));
                Plan::Logs {
                    query: log_query(),
                    start,
                    end,
                    limit,
                    direction: Direction::Backward,
                }
            }
        },
        Intent::DistinctCount => match &group {
            Some(g) => Plan::Instant {
                query: metric_query(vector_agg(VectorOp::Count, None, per_group(g), None)),
                time: end,
            },
            None => Plan::Instant {
                query: metric_query(total()),
                time: end,
            },
        },
        Intent::NumericAggregate(agg) => {
            let measured = templates.first().and_then(|t| {
                measure_param(t, measure.as_deref(), &keywords, &u.question).map(|p| (t, p))
            });
            match measured {
                Some((t, p)) => {
                    why.push(format!(
                        "aggregating the {} parameter {}",
                        p.kind.name(),
                        p.name
                    ));
                    let value = "value";
                    let kind = p.kind;
                    // Each variant's own parameter of that name, wherever it
                    // sits in its template (variants without one add nothing).
                    let chain = t
                        .params
                        .iter()
                        .position(|q| q.name == p.name)
                        .and_then(|index| measured_chain(&templates, value, t, index));
                    let mut log = logs.clone();
                    extend_unrepeated(&mut log.pipeline, chain.unwrap_or_default());
                    let conversion = match kind {
                        ParamType::Duration => Some(Conversion::Duration),
                        ParamType::Bytes => Some(Conversion::Bytes),
                        _ => None,
                    };
                    // A plain number the messages write in bytes (`<*> bytes`).
                    let written_in_bytes = t
                        .params
                        .iter()
                        .position(|q| std::ptr::eq(q, p))
                        .and_then(|i| param_places(t).get(i).map(|place| place.word_after.clone()))
                        .is_some_and(|w| matches!(w.as_str(), "b" | "byte" | "bytes"));
                    // Lines whose value does not convert are left out.
                    let unwrap = Unwrap {
                        label: value.into(),
                        conversion,
                        post_filters: vec![LabelFilter::Matcher(Matcher::new(
                            "__error__",
                            MatchOp::Eq,
                            "",
                        ))],
                    };
                    let by = logql::Grouping {
                        without: false,
                        labels: group
                            .as_ref()
                            .map(|g| g.name().to_string())
                            .into_iter()
                            .collect(),
                    };
                    let over = |op: RangeOp, param: Option<f64>, grouping| {
                        MetricExpr::RangeAgg(RangeAgg {
                            op,
                            param,
                            range: LogRange {
                                log: log.clone(),
                                unwrap: Some(unwrap.clone()),
                                range: RangeVariable::Range.as_range(),
                                offset: 0,
                            },
                            grouping,
                        })
                    };
                    let query = match agg {
                        Aggregate::Avg => over(RangeOp::AvgOverTime, None, Some(by)),
                        Aggregate::Max => over(RangeOp::MaxOverTime, None, Some(by)),
                        Aggregate::Min => over(RangeOp::MinOverTime, None, Some(by)),
                        Aggregate::Sum => MetricExpr::VectorAgg(VectorAgg {
                            op: VectorOp::Sum,
                            param: None,
                            inner: Box::new(over(RangeOp::SumOverTime, None, None)),
                            // `sum by ()` is `sum`, as Loki prints it.
                            grouping: (!by.labels.is_empty()).then_some(by),
                        }),
                        Aggregate::Quantile(q) => {
                            over(RangeOp::QuantileOverTime, Some(*q), Some(by))
                        }
                    };
                    // `duration()` gives seconds; "in ms" asks for milliseconds.
                    let query = match conversion {
                        Some(Conversion::Duration) => super::propose::in_asked_unit(
                            query,
                            crate::knowledge::fields::TimeUnit::S,
                            &u.question,
                        ),
                        // `bytes()` gives bytes; "(kB)" asks for kilobytes.
                        Some(Conversion::Bytes) => {
                            super::propose::in_asked_size(query, &u.question)
                        }
                        None if written_in_bytes => {
                            super::propose::in_asked_size(query, &u.question)
                        }
                        _ => query,
                    };
                    Plan::Instant {
                        query: metric_query(query),
                        time: end,
                    }
                }
                None => Plan::Instant {
                    query: metric_query(total()),
                    time: end,
                },
            }
        }
    };
    // Grafana expands its range variables in the text before the query is
    // parsed; the query as it runs is that expansion, printed canonically.
    let reusable = plan.query().to_string();
    let mut plan = plan;
    let instant = matches!(plan, Plan::Instant { .. });
    let expanded = super::vet::expand_variables(&reusable, (start, end), step, instant);
    *plan.query_mut() = checked(&expanded, &scope)?.to_string();
    Ok(Planned {
        plan,
        reusable,
        template: templates.first().map(|t| t.id.clone()),
        why,
        compared,
    })
}

/// Level names a question may use, with the words for each.
const LEVELS: &[(&str, &[&str])] = &[
    ("fatal", &["fatal"]),
    ("error", &["error", "errors", "err"]),
    ("warn", &["warn", "warning", "warnings"]),
    ("info", &["info", "informational"]),
    ("debug", &["debug"]),
    ("notice", &["notice", "notices"]),
    ("critical", &["critical", "crit"]),
    ("severe", &["severe"]),
];

/// The level value a question filters on, with the question's words for
/// it. "error" counts only in capitals or beside "level" ("ERROR messages",
/// "error-level"): in lower case it is usually what the lines say.
fn level_named(question: &str, h: &HeaderInfo) -> Option<(String, Vec<String>)> {
    let field = h.field("level")?;
    let words: Vec<&str> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let Some((canon, _)) = LEVELS.iter().find(|(_, ws)| ws.contains(&lower.as_str())) else {
            continue;
        };
        let capitals = w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
        let beside_level = words
            .get(i + 1)
            .or(if i > 0 { words.get(i - 1) } else { None })
            .is_some_and(|n| n.eq_ignore_ascii_case("level") || n.eq_ignore_ascii_case("severity"));
        let plain_word = !matches!(*canon, "error" | "critical" | "severe" | "info" | "debug");
        if !(capitals || beside_level || plain_word) {
            continue;
        }
        // The value as the logs write it, if seen; else in capitals.
        let seen = field.top_values.iter().map(|(v, _)| v).find(|v| {
            let v = v.to_lowercase();
            v == *canon || v.starts_with(canon) || (canon.starts_with(&v) && v.len() >= 3)
        });
        // A plain word, every value seen and this one not among them: the
        // lines hold the word as text ("PHP Fatal error" under
        // `[proxy_fcgi:error]`). "ERROR level" still asks for the level.
        let all_seen = field.cardinality <= field.top_values.len();
        if seen.is_none() && all_seen && !capitals && !beside_level {
            continue;
        }
        let value = seen.cloned().unwrap_or_else(|| canon.to_uppercase());
        let mut used = vec![lower];
        if beside_level {
            used.push("level".into());
        }
        return Some((value, used));
    }
    None
}

/// Candidate words for what to group by, best first: understand's reading,
/// then the words after "which"/"what"/"distinct"… from the last back
/// ("which scoreboard slot" → slot, scoreboard).
fn group_words(u: &Understanding) -> Vec<String> {
    // The question's own word before the dimension it was read as
    // ("instances" before "host"): a parameter it names is what it means.
    let mut out: Vec<String> = match u.by.as_deref() {
        // The phrase's head noun ("codes" of "error codes").
        Some(by) if super::understand::dimension(by).is_some() => u
            .by_words
            .last()
            .map(|w| super::ground::name_base(w))
            .filter(|w| w.as_str() != by && w.len() >= 3)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    out.extend(u.by.iter().cloned());
    let words: Vec<String> = u
        .question
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        // "what's" is "what is": its `s` is no name to group by.
        .map(|w| if w == "s" { "is".to_string() } else { w })
        .collect();
    const TRIGGERS: [&str; 7] = [
        "which",
        "what",
        "distinct",
        "different",
        "unique",
        "common",
        "frequent",
    ];
    // Verbs, articles and pronouns end the phrase ("which partition shrank
    // its ISR": not "its").
    const STOPS: [&str; 32] = [
        "is", "was", "were", "are", "did", "does", "do", "had", "has", "have", "made", "logged",
        "the", "a", "an", "most", "of", "in", "for", "with", "appears", "appear", "stored",
        "served", "it", "its", "their", "them", "his", "her", "our", "my",
    ];
    for (i, w) in words.iter().enumerate() {
        if !TRIGGERS.contains(&w.as_str()) {
            continue;
        }
        let phrase: Vec<&String> = words[i + 1..]
            .iter()
            .skip_while(|w| ["the", "a", "an", "most", "common", "frequent"].contains(&w.as_str()))
            .take_while(|w| !STOPS.contains(&w.as_str()))
            .take(3)
            .collect();
        for w in phrase.iter().rev() {
            let singular = w
                .strip_suffix("es")
                .filter(|s| s.ends_with("ss") || s.ends_with("sh") || s.ends_with("ch"))
                .or_else(|| {
                    w.strip_suffix('s')
                        .filter(|s| s.len() >= 2 && !s.ends_with('s'))
                })
                .unwrap_or(w)
                .to_string();
            if !out.contains(&singular) {
                out.push(singular);
            }
        }
    }
    out
}

/// A group that needs no template: a stream label or a header field with
/// more than one value.
fn fixed_group(
    word: &str,
    question: &str,
    cx: &Context<'_>,
    header: Option<&HeaderInfo>,
) -> Option<Grouping> {
    let word = word.to_ascii_lowercase();
    let itself = [word.as_str()];
    let names: &[&str] = match word.as_str() {
        "host" | "server" | "machine" | "hostname" => &["host", "hostname", "instance", "node"],
        "service" | "app" | "application" | "program" | "process" | "daemon" => &[
            "service",
            "service_name",
            "app",
            "job",
            "container",
            "program",
            "component",
        ],
        "component" | "module" | "class" | "logger" | "subsystem" | "source" => {
            &["component", "logger", "module", "class"]
        }
        "level" | "severity" | "priority" => &["level", "severity", "detected_level"],
        "node" | "location" => &["node", "location", "host"],
        _ => &itself,
    };
    if let Some((name, _)) = cx
        .labels
        .iter()
        .find(|(n, v)| v.len() > 1 && names.iter().any(|s| n == s))
    {
        return Some(Grouping::Label(name.clone()));
    }
    // "remote host", "client": what a line says about its peer, not its header.
    let lower = question.to_lowercase();
    if ["remote", "client", "peer", "source ip"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let h = header?;
    names
        .iter()
        .find_map(|n| h.field(n).filter(|f| f.cardinality > 1))
        .map(|f| Grouping::Header(f.name.clone()))
}

/// The index of the template parameter a grouping word names.
fn param_for(t: &TemplateInfo, word: &str, question: &str) -> Option<usize> {
    let word = word.to_ascii_lowercase();
    let itself = [word.as_str()];
    let lower = question.to_lowercase();
    let machine = names_a_machine;
    let names: &[&str] = match word.as_str() {
        "ip" | "address" | "client" | "source" | "peer" | "remote" | "hostname" => &[
            "ip", "rhost", "from", "src", "client", "addr", "address", "peer", "remote", "host",
            "hostname",
        ],
        "user" | "account" | "username" | "login" | "name" => &[
            "user", "username", "for", "ruser", "account", "logname", "name",
        ],
        w if machine(w) => &[
            "ip", "rhost", "from", "src", "client", "addr", "address", "peer", "remote", "host",
            "hostname",
        ],
        "status" | "code" => &["status", "code", "status_code"],
        "path" | "url" | "endpoint" | "uri" | "file" => &["path", "url", "uri", "endpoint", "file"],
        _ => &itself,
    };
    let skip = header_params(t);
    let by_name = t.params.iter().skip(skip).position(|p| {
        names.iter().any(|n| p.name == *n)
            || (p.name.len() >= 3 && (p.name.contains(word.as_str()) || word.contains(&p.name)))
    });
    let by_name = by_name.map(|i| i + skip);
    if by_name.is_some() {
        return by_name;
    }
    let want_type = match word.as_str() {
        w if asks_for_address(w) => Some(ParamType::Ip),
        "path" | "url" | "endpoint" | "uri" | "file" => Some(ParamType::Path),
        _ => None,
    };
    let want_type = want_type?;
    // "to another datanode": the last address; else the first.
    let mut of_type = t
        .params
        .iter()
        .enumerate()
        .skip(skip)
        .filter(|(_, p)| p.kind == want_type);
    if lower.contains(" to ") && word.contains("node") {
        of_type.next_back().map(|(i, _)| i)
    } else {
        of_type.next().map(|(i, _)| i)
    }
}

/// A label name for a grouping word.
fn label_name(word: &str) -> String {
    let w: String = word
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if logql::is_label_name(&w) && !w.starts_with("__") {
        w
    } else {
        "value".into()
    }
}

/// `| regexp` stages, one per template, each extracting the parameter
/// `pick` chooses as `label` (the others unnamed): a line gets the label
/// from whichever template it belongs to.
/// The extraction, as `label`, of the parameter at `index` of `measured`
/// and of each other selected template's own numeric parameter of that
/// name past its header (variants without one add nothing).
fn measured_chain(
    templates: &[&TemplateInfo],
    label: &str,
    measured: &TemplateInfo,
    index: usize,
) -> Option<Vec<Stage>> {
    let name = &measured.params.get(index)?.name;
    param_chain(templates, label, |other| {
        if std::ptr::eq(other, measured) {
            return Some(index);
        }
        let skip = header_params(other);
        other
            .params
            .iter()
            .enumerate()
            .skip(skip)
            .find(|(_, q)| q.name == *name && q.kind.is_numeric())
            .map(|(i, _)| i)
    })
}

/// Most templates a measure alone selects: past that, the quantity is
/// too common a word to say which lines.
const MAX_MEASURED_TEMPLATES: usize = 12;

/// Appends stages, leaving out a parser the pipeline already ran with only
/// filters since: it would extract the same labels from the same line
/// (`| json MESSAGE="MESSAGE" |= "app-02" | json MESSAGE="MESSAGE"`).
fn extend_unrepeated(pipeline: &mut Vec<Stage>, stages: impl IntoIterator<Item = Stage>) {
    for stage in stages {
        let ran = matches!(stage, Stage::Parser(_))
            && pipeline.iter().rev().try_for_each(|s| match s {
                s if *s == stage => Err(true),
                Stage::LineFilter(_) | Stage::LabelFilter(_) => Ok(()),
                _ => Err(false),
            }) == Err(true);
        if !ran {
            pipeline.push(stage);
        }
    }
}

fn param_chain(
    templates: &[&TemplateInfo],
    label: &str,
    pick: impl Fn(&TemplateInfo) -> Option<usize>,
) -> Option<Vec<Stage>> {
    static GROUP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>").expect("a fixed regex")
    });
    let group = &*GROUP;
    // The selected templates' one message field, if they share one.
    let one_field = super::literal::shared_field(templates).flatten();
    let mut stages = Vec::new();
    // Per whole-line regex: where its stage is, and its cut form.
    let mut whole: Vec<(usize, Option<String>)> = Vec::new();
    for t in templates {
        let Some(index) = pick(t) else {
            continue;
        };
        let Some(name) = t.params.get(index).map(|p| p.name.as_str()) else {
            continue;
        };
        // Short regexes are checked on messages, and so run on them only
        // where every selected template's lines hand on the same field.
        let on_messages = t.queries.field.is_none() || one_field.is_some();
        let quoted = on_messages
            .then(|| quoted_value(&t.text, t.params.len(), index, label))
            .flatten();
        if let Some(quoted) = quoted {
            let stage = Stage::Parser(ParserStage::Regexp(quoted));
            if !stages.contains(&stage) {
                stages.push(stage);
            }
            continue;
        }
        let Some(re) = t.queries.regexp.as_deref().map(unquote_stage) else {
            continue;
        };
        let short = on_messages
            .then(|| short_extraction(t, index, &re, name, label))
            .flatten();
        if let Some(short) = short {
            let stage = Stage::Parser(ParserStage::Regexp(short));
            if !stages.contains(&stage) {
                stages.push(stage);
            }
            continue;
        }
        let renamed = group.replace_all(&re, |c: &regex::Captures<'_>| {
            if &c[1] == name {
                format!("(?P<{label}>")
            } else {
                "(?:".to_string()
            }
        });
        whole.push((
            stages.len(),
            messages(t).and_then(|m| up_to_the_parameter(&renamed, label, &m)),
        ));
        stages.push(Stage::Parser(ParserStage::Regexp(renamed.into_owned())));
    }
    // Whole-line regexes that, cut after the parameter, are one and the
    // same: that one regex reads every such line alike.
    let same_cut = whole
        .first()
        .and_then(|(_, cut)| cut.clone())
        .filter(|first| whole.iter().all(|(_, c)| c.as_ref() == Some(first)));
    if let Some(cut) = same_cut {
        stages = stages
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !whole.iter().any(|(at, _)| at == i))
            .map(|(_, stage)| stage)
            .collect();
        stages.push(Stage::Parser(ParserStage::Regexp(cut)));
    }
    // A regex of a structured line's message field runs on that field,
    // handed on as the line (`| json MESSAGE="MESSAGE" | line_format
    // "{{.MESSAGE}}"`): the raw line is JSON or logfmt, with its quotes
    // escaped, and the regexes were checked on the messages.
    if let Some(f) = one_field.filter(|_| !stages.is_empty()) {
        stages.splice(0..0, f.extract(true));
    }
    (!stages.is_empty()).then_some(stages)
}

/// The template's example messages: the lines, or for a template of a
/// structured line's message field, that field of each (None if one lacks it).
fn messages(t: &TemplateInfo) -> Option<Vec<String>> {
    match &t.queries.field {
        Some(f) => t.examples.iter().map(|e| f.value_in(e)).collect(),
        None => Some(t.examples.clone()),
    }
}

/// `object="(?P<object>[^"]*)"`: where the parameter is (part of) a quoted
/// value whose key is the label itself (`object="<*>/<*>"`, asked as
/// "which object"), the whole quoted value is what is asked for, not the
/// part the miner split off.
fn quoted_value(text: &str, params: usize, index: usize, label: &str) -> Option<String> {
    let key = format!("{label}=\"");
    let parts: Vec<&str> = text.split("<*>").collect();
    if parts.len() != params + 1 {
        return None;
    }
    // The parameter's key opens before it, and no quote closes in between.
    let before = parts.get(..=index)?.join("<*>");
    let opened = before.rfind(&key)?;
    // The key itself, not the end of a longer one (`subobject="`).
    let glued = before[..opened]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if glued {
        return None;
    }
    let inside_before = &before[opened + key.len()..];
    if inside_before.contains('"') {
        return None;
    }
    Some(format!(r#"{}="(?P<{label}>[^"]*)""#, regex::escape(label)))
}

/// The shortest regex that extracts a template's parameter as an expert
/// writes it — the words around it, `from (?P<ip>\S+) port` — rather than
/// the whole template; checked on the template's example lines against
/// the full regex (`full`, whose group `name` is the parameter).
fn short_extraction(
    t: &TemplateInfo,
    index: usize,
    full: &str,
    name: &str,
    label: &str,
) -> Option<String> {
    let parts: Vec<&str> = t.text.split("<*>").collect();
    let examples = messages(t)?;
    if parts.len() != t.params.len() + 1 || examples.is_empty() {
        return None;
    }
    let top_values = &t.params.get(index)?.top_values;
    // A request written with its protocol as one parameter (`"GET <*>"` of
    // `GET /v2/servers HTTP/1.1`): the path asked for is its first word.
    let path_first = top_values.iter().all(|(v, _)| {
        v.contains(' ')
            && v.split(' ')
                .next()
                .is_some_and(|w| w.len() > 1 && w.starts_with('/'))
    }) && !top_values.is_empty();
    let spaced = !path_first
        && top_values
            .iter()
            .any(|(v, _)| v.contains(char::is_whitespace));
    // A name the miner split at its hyphens is asked for whole: `api-3` of
    // `be_api/api-<*>`, `orders-3` of `[Partition <*>-<*> …`.
    let (lead, last) = if spaced {
        ("", index)
    } else {
        glued_name(&parts, index)
    };
    let (before, after) = (
        &parts[index][..parts[index].len() - lead.len()],
        parts[last + 1],
    );
    let full = regex::Regex::new(full).ok()?;
    let wanted: Vec<Option<String>> = examples
        .iter()
        .map(|e| {
            let m = full.captures(e)?.name(name)?;
            let start = m.start().checked_sub(lead.len())?;
            let mut end = m.end();
            if last > index {
                end += e[end..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(e.len() - end);
            }
            let value = e.get(start..end)?;
            Some(match value.split_once(' ').filter(|_| path_first) {
                Some((path, _)) => path.to_string(),
                None => value.to_string(),
            })
        })
        .collect();
    if wanted.iter().any(Option::is_none) {
        return None;
    }
    // Java writes addresses as `/10.0.5.14`: the slash is no part of it.
    let prefix = address_prefix(&t.params.get(index)?.top_values);
    let wanted: Vec<Option<String>> = wanted
        .into_iter()
        .map(|w| w.map(|v| v.strip_prefix(prefix).unwrap_or(&v).to_string()))
        .collect();
    let value = if spaced { ".+?" } else { r"\S+" };
    // The text right after it: up to its first space-ended word.
    let after_ctx: String = match after.trim_start().find(' ') {
        _ if path_first => " ".to_string(),
        Some(_) if after.starts_with(' ') => {
            let word = after.trim_start().split(' ').next().unwrap_or("");
            format!(" {word}")
        }
        Some(i) => after[..i].to_string(),
        None => after.to_string(),
    };
    let before_words: Vec<&str> = before.split(' ').collect();
    for n in 1..=before_words.len().min(4) {
        let ctx = before_words[before_words.len() - n..].join(" ");
        // At least one word before it: `from (?P<ip>\S+) port`.
        if !ctx.chars().any(char::is_alphanumeric) && n < before_words.len() {
            continue;
        }
        let tail = if after_ctx.is_empty() {
            "$".to_string()
        } else {
            regex::escape(&after_ctx)
        };
        let candidate = format!(
            "{}(?P<{label}>{}{value}){tail}",
            regex::escape(&format!("{ctx}{prefix}")),
            regex::escape(lead)
        );
        let Ok(re) = regex::Regex::new(&candidate) else {
            continue;
        };
        let same = examples.iter().zip(&wanted).all(|(e, w)| {
            re.captures(e)
                .and_then(|c| c.name(label))
                .map(|m| m.as_str())
                == w.as_deref()
        });
        if same {
            return Some(candidate);
        }
    }
    None
}

/// Where a template's parameter `index` is part of a hyphenated name:
/// the constant text glued before it (`api-` of `be_api/api-<*>`), and the
/// last parameter joined to it by a lone hyphen or underscore (`<*>-<*>`).
fn glued_name<'t>(parts: &[&'t str], index: usize) -> (&'t str, usize) {
    let before = parts[index];
    let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| word(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let glued = &before[start..];
    let lead = if glued.ends_with(['-', '_']) && glued.chars().any(|c| c.is_ascii_alphabetic()) {
        glued
    } else {
        ""
    };
    let mut last = index;
    while last + 2 < parts.len() && matches!(parts[last + 1], "-" | "_") {
        last += 1;
    }
    (lead, last)
}

/// The punctuation every seen value of an address parameter starts with
/// (`/` of `/10.0.5.14`), else nothing.
fn address_prefix(values: &[(String, u64)]) -> &'static str {
    use super::catalog::{shape, IPV4, IPV4_WITH_PORT};
    let address = |v: &str| matches!(shape(v).as_str(), IPV4 | IPV4_WITH_PORT);
    let slashed = !values.is_empty()
        && values
            .iter()
            .all(|(v, _)| v.strip_prefix('/').is_some_and(address));
    if slashed {
        "/"
    } else {
        ""
    }
}

/// A template's whole-line regex cut after the parameter's group and the
/// text that ends it (`^h2 (?:.*?) app/(?:.*?) (?P<ip>.*?):`): the rest of
/// the line only makes it longer and slower. Kept only where it captures
/// what the whole regex does on the template's example lines.
fn up_to_the_parameter(full: &str, label: &str, examples: &[String]) -> Option<String> {
    let open = format!("(?P<{label}>.*?)");
    let end_of_group = full.find(&open)? + open.len();
    let rest = &full[end_of_group..];
    // The literal after the group, up to the next group or the line's end.
    let literal_end = ["(?:", "(?P<", r"\s*$"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    if literal_end == 0 || end_of_group + literal_end >= full.len() || examples.is_empty() {
        return None;
    }
    let cut = &full[..end_of_group + literal_end];
    let (whole, short) = (regex::Regex::new(full).ok()?, regex::Regex::new(cut).ok()?);
    let value = |re: &regex::Regex, line: &str| {
        re.captures(line)
            .and_then(|c| c.name(label))
            .map(|m| m.as_str().to_string())
    };
    examples
        .iter()
        .all(|e| value(&whole, e).is_some() && value(&whole, e) == value(&short, e))
        .then(|| cut.to_string())
}

/// The regex of a stored `| regexp "..."` stage.
fn unquote_stage(stage: &str) -> String {
    match logql::parse_pipeline(stage).as_deref() {
        Ok([Stage::Parser(ParserStage::Regexp(r)), ..]) => r.clone(),
        _ => String::new(),
    }
}

/// The regex of a stored `|~ "..."` filter.
fn unquote_regex(filter: &str) -> String {
    match logql::parse_pipeline(filter).as_deref() {
        Ok([Stage::LineFilter(f), ..]) if f.op == LineFilterOp::Regex => f
            .values
            .first()
            .map(|v| v.text().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Stages the knowledge base stores as text (a template's selection, the
/// header's parser), read back as trees.
fn stored_stages(text: &str) -> Result<Vec<Stage>, PlanError> {
    logql::parse_pipeline(text).map_err(|e| PlanError::Invalid {
        query: text.to_string(),
        error: e.to_string(),
    })
}

/// Every query must parse and stay inside the scope before it is run.
fn checked(query: &str, scope: &Scope) -> Result<Expr, PlanError> {
    let invalid = |error: String| PlanError::Invalid {
        query: query.to_string(),
        error,
    };
    let expr = logql::parse(query).map_err(|e| invalid(e.to_string()))?;
    scope.check(&expr).map_err(|e| invalid(e.to_string()))?;
    Ok(expr)
}

/// A line filter on one text.
/// The whole numbers of the question among `numbers`, as written, each
/// with the lower-case words before it.
fn numbers_with_words_before(question: &str, numbers: &[f64]) -> Vec<(Vec<String>, String)> {
    let tokens: Vec<&str> = question
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'))
        .collect();
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        .filter(|(_, t)| t.parse::<f64>().is_ok_and(|n| numbers.contains(&n)))
        .map(|(i, t)| {
            let before = tokens[..i].iter().map(|w| w.to_lowercase()).collect();
            (before, t.to_string())
        })
        .collect()
}

fn line_filter(op: LineFilterOp, text: impl Into<String>) -> Stage {
    Stage::LineFilter(LineFilter {
        op,
        values: vec![FilterValue::Text(text.into())],
    })
}

fn label_filter(m: Matcher) -> Stage {
    Stage::LabelFilter(LabelFilter::Matcher(m))
}

/// `op by (label) (inner)`, or `op(param, inner)`.
fn vector_agg(op: VectorOp, param: Option<f64>, inner: MetricExpr, by: Option<&str>) -> MetricExpr {
    MetricExpr::VectorAgg(VectorAgg {
        op,
        param,
        inner: Box::new(inner),
        grouping: by.map(|label| logql::Grouping {
            without: false,
            labels: vec![label.to_string()],
        }),
    })
}

#[derive(Debug, Clone)]
enum Grouping {
    /// A stream label.
    Label(String),
    /// A field of the line header.
    Header(String),
    /// A template parameter: the label, and the stages that extract it.
    Param(String, Vec<Stage>),
}

impl Grouping {
    fn name(&self) -> &str {
        match self {
            Grouping::Label(n) | Grouping::Header(n) | Grouping::Param(n, _) => n,
        }
    }
}

/// How many of a template's parameters are header fields (they come first).
fn header_params(t: &TemplateInfo) -> usize {
    let head = t.text.get(..t.header_len).unwrap_or("");
    crate::knowledge::queries::segments(head)
        .iter()
        .filter(|s| matches!(s, crate::knowledge::queries::Segment::Var))
        .count()
}

/// The numeric parameter a measure names (`latency`, `took`, `size`);
/// never a header field (a pid or an epoch is no measure).
fn measure_param<'t>(
    t: &'t TemplateInfo,
    measure: Option<&str>,
    words: &[String],
    question: &str,
) -> Option<&'t ParamInfo> {
    let skip = header_params(t);
    let places = param_places(t);
    let nowhere = ParamPlace::default();
    let place = |i: usize| places.get(i).unwrap_or(&nowhere);
    // Numbers glued into a word (`exec-4`, `INV-2026`) are parts of names.
    let numeric = || {
        t.params
            .iter()
            .enumerate()
            .skip(skip)
            .filter(|(_, p)| p.kind.is_numeric())
            .filter(move |(i, p)| !place(*i).glued || p.kind != ParamType::Int)
    };
    // "… in ms": the parameter the messages write with that unit.
    let asked: Vec<&str> = question
        .split(|c: char| !c.is_alphanumeric() && c != 'µ')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some((_, p)) = numeric().find(|(i, _)| {
        place(*i)
            .unit
            .is_some_and(|u| asked.iter().any(|w| same_unit(w, u)))
    }) {
        return Some(p);
    }
    // The question's tokens as parameter names: "anon-rss" names `anon_rss`
    // (or `rss`, the word right before the value).
    let tokens: Vec<String> = question
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .replace(['-', '.'], "_")
        })
        .filter(|t| t.len() >= 2)
        .collect();
    // Named as the logs write it ("anon-rss" names `anon_rss` or `rss`).
    let spelled = |name: &str| {
        tokens
            .iter()
            .filter(|t| t.contains('_'))
            .any(|t| t == name || t.rsplit('_').next() == Some(name))
    };
    // A parameter named after a little word (`in <*>`) is not named by
    // the question's "in".
    let named = |name: &str| {
        !super::understand::is_function_word(name)
            && (words.iter().any(|w| w == name)
                || tokens.iter().any(|t| t == name)
                || spelled(name))
    };
    let m = measure.map(str::to_ascii_lowercase);
    let sized = m
        .as_deref()
        .is_some_and(|m| m.contains("size") || m.contains("byte"));
    // A time measured ("processing time", "latency"): a duration, or a
    // number the messages write with a time unit.
    let timed = |i: usize, p: &ParamInfo| p.kind == ParamType::Duration || place(i).unit.is_some();
    if m.is_some() && !sized {
        let durations = || numeric().filter(|(i, p)| timed(*i, p));
        if let Some((_, p)) = durations()
            .find(|(_, p)| named(&p.name))
            .or_else(|| durations().next())
        {
            return Some(p);
        }
    }
    // "Batch time, in seconds": a time asked in its unit is a duration's,
    // before a number a plain word names (`processed batch <*>`).
    let units = super::propose::unit_words(question, &UNIT_LEADS);
    let time_unit = units
        .iter()
        .any(|u| TIME_UNITS.iter().any(|t| same_unit(u, t)));
    if time_unit {
        if let Some((_, p)) = numeric().find(|(i, p)| timed(*i, p)) {
            return Some(p);
        }
    }
    // A parameter the question names as the logs write it ("anon-rss")
    // before one a plain word names ("processes" and `Killed process <*>`).
    if let Some((_, p)) = numeric().find(|(_, p)| spelled(&p.name)) {
        return Some(p);
    }
    // A parameter the question names ("(len)"); of several, the one named
    // first: "the highest scoreboard slot a child was found in" measures
    // the slot, not the child.
    let first_named = |name: &str| tokens.iter().position(|t| t == name).unwrap_or(usize::MAX);
    if let Some((_, p)) = numeric()
        .filter(|(_, p)| named(&p.name))
        .min_by_key(|(_, p)| first_named(&p.name))
    {
        return Some(p);
    }
    // A time asked, and no time in the message: a port or a count is no
    // answer to "the average response time".
    let time_asked = m.as_deref().is_some_and(|m| {
        ["time", "latency", "duration", "took"]
            .iter()
            .any(|t| m.contains(t))
    });
    if time_asked {
        return None;
    }
    // "heart rate (bpm)" over `changed:<*> bpm`: the number the messages
    // write before the unit the question names: "(bpm)", "in kB", "how
    // many bytes".
    let before_asked = |i: usize| {
        let w = &place(i).word_after;
        w.len() >= 2 && units.contains(w)
    };
    if let Some((_, p)) = numeric().find(|(i, _)| before_asked(*i)) {
        return Some(p);
    }
    if let Some(m) = m {
        if let Some((_, p)) = numeric().find(|(_, p)| m.contains(&p.name) || p.name.contains(&m)) {
            return Some(p);
        }
        if sized {
            if let Some((_, p)) = numeric().find(|(_, p)| p.kind == ParamType::Bytes) {
                return Some(p);
            }
            // `<*> bytes`, `<*> MB`: a number written with a size unit;
            // else one the message calls a size (`size <*>`, `len: <*>`).
            if let Some((_, p)) = numeric()
                .find(|(i, _)| size_unit(&place(*i).word_after))
                .or_else(|| {
                    numeric().find(|(_, p)| matches!(p.name.as_str(), "size" | "len" | "length"))
                })
            {
                return Some(p);
            }
            // A size asked, and none written: a port or a count is no
            // answer to "how much data".
            return None;
        }
    }
    numeric().next().map(|(_, p)| p)
}

/// The numeric parameter the messages write right before what the
/// question counts ("how many core files" over `generated <*> core
/// files`); never a header field, a number inside a name, or a count of
/// "times".
fn counted_param<'t>(t: &'t TemplateInfo, question: &str) -> Option<&'t ParamInfo> {
    use super::understand::{is_error_word, is_stop};
    let words: Vec<String> = question
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let at = |i: usize| words.get(i).map_or("", String::as_str);
    let from = (0..words.len()).find_map(|i| {
        if at(i) == "how" && at(i + 1) == "many" {
            Some(i + 2)
        } else if matches!(at(i), "number" | "count") && at(i + 1) == "of" {
            Some(i + 2 + usize::from(at(i + 2) == "the"))
        } else {
            None
        }
    })?;
    // The counted noun phrase: "core files" of "how many core files did…".
    // Where it ends in a word for lines ("… exception messages", "…
    // timed out errors"), lines are what is counted.
    let phrase: Vec<&str> = words[from.min(words.len())..]
        .iter()
        .map(String::as_str)
        .take_while(|w| !is_stop(w) && !is_error_word(w))
        .take(4)
        .collect();
    let counts_lines = words[from.min(words.len())..]
        .iter()
        .take_while(|w| {
            !matches!(
                w.as_str(),
                "was" | "were" | "did" | "do" | "does" | "are" | "is" | "have" | "has" | "had"
            )
        })
        .take(6)
        .any(|w| {
            is_error_word(w)
                || matches!(
                    w.as_str(),
                    "message"
                        | "messages"
                        | "line"
                        | "lines"
                        | "entry"
                        | "entries"
                        | "event"
                        | "events"
                )
        });
    if phrase.is_empty() || counts_lines || phrase[0].len() < 3 {
        return None;
    }
    let singular = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
    let parts: Vec<&str> = t.text.split("<*>").collect();
    if parts.len() != t.params.len() + 1 {
        return None;
    }
    let places = param_places(t);
    t.params
        .iter()
        .enumerate()
        .skip(header_params(t))
        .find(|(i, p)| {
            // The words the message writes right after the number begin
            // the phrase, word for word.
            // (The first two words of a longer phrase: "core files" of "the
            // number of core files written".)
            let needed = phrase.len().min(2);
            let after: Vec<String> = parts[i + 1]
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .take(needed)
                .map(|w| singular(&w.to_lowercase()))
                .collect();
            p.kind.is_numeric()
                && !places.get(*i).is_some_and(|pl| pl.glued)
                && parts[i + 1].starts_with(' ')
                && after.len() == needed
                && after.iter().zip(&phrase).all(|(a, q)| *a == singular(q))
        })
        .map(|(_, p)| p)
}

/// A status as the templates write it: the words right before the
/// parameter that took it, and the code (`status: 404`, `"status":404`).
/// None unless every template writes it so, the same way.
fn status_literal(templates: &[&TemplateInfo], code: u16) -> Option<String> {
    let code = code.to_string();
    let mut written: Option<String> = None;
    for t in templates {
        let parts: Vec<&str> = t.text.split("<*>").collect();
        let index = t
            .params
            .iter()
            .position(|p| p.top_values.iter().any(|(v, _)| *v == code))?;
        let before = parts
            .get(index)
            .filter(|_| parts.len() == t.params.len() + 1)?;
        let start = before
            .trim_end()
            .rfind(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '[' | '('))
            .map_or(0, |i| i + 1);
        let lead = &before[start..];
        if !lead.chars().any(char::is_alphabetic) {
            return None;
        }
        let this = format!("{lead}{code}");
        if written.as_ref().is_some_and(|w| *w != this) {
            return None;
        }
        written = Some(this);
    }
    written
}

/// A unit of size as messages write it after a number (lower-cased).
fn size_unit(word: &str) -> bool {
    matches!(
        word,
        "b" | "byte" | "bytes" | "kb" | "kib" | "mb" | "mib" | "gb" | "gib" | "tb" | "tib"
    )
}

/// The stages that keep lines whose measured parameter passes the
/// question's threshold: the parameter extracted as `value` from each
/// selected template that has it, compared in its unit (the unit the
/// message writes after it, a duration's own, or else the question's),
/// lines without a value left out.
fn threshold_stages(
    u: &Understanding,
    templates: &[&TemplateInfo],
    why: &mut Vec<String>,
) -> Option<Vec<Stage>> {
    use super::threshold::Unit;
    let t = super::threshold::threshold(&u.question)?;
    let first = templates.first()?;
    // A bare number ("more than 5 times") names no parameter here.
    let measure = match t.unit? {
        Unit::Time(_) => u.measure.as_deref().or(Some("duration")),
        Unit::Bytes(_) => Some("bytes"),
    };
    let p = measure_param(first, measure, &u.keywords, &u.question)?;
    let index = first.params.iter().position(|q| std::ptr::eq(q, p))?;
    let written = param_places(first)
        .get(index)
        .and_then(|place| place.unit)
        .and_then(|w| crate::knowledge::fields::TimeUnit::from_word(&w.to_ascii_lowercase()));
    let value = "value";
    let chain = measured_chain(templates, value, first, index)?;
    use super::threshold::Written;
    // A size only on a parameter written as one (`1.5KB`).
    let sized = matches!(t.unit, Some(Unit::Bytes(_)));
    let written = match (p.kind, written) {
        (ParamType::Duration, _) => Written::GoDuration,
        (ParamType::Bytes, _) => Written::SuffixedBytes,
        (ParamType::Int | ParamType::Float, _) if sized => return None,
        (ParamType::Int | ParamType::Float, Some(unit)) => Written::TimeIn(unit),
        (ParamType::Int | ParamType::Float, None) => Written::Plain,
        _ => return None,
    };
    // The message writes no unit: the number as the question says it.
    let filter = t.filter(value, written, true)?;
    why.push(format!(
        "{:?} compares the parameter {}: {filter}",
        t.words.join(" "),
        p.name
    ));
    let mut stages = chain;
    stages.push(Stage::LabelFilter(filter));
    stages.push(label_filter(Matcher::new("__error__", MatchOp::Eq, "")));
    Some(stages)
}

/// Words after which a question names a unit: "in kB", "how many bytes".
const UNIT_LEADS: [&str; 3] = ["in", "many", "much"];

/// Where a template's parameter sits in its text.
#[derive(Debug, Clone, Default)]
struct ParamPlace {
    /// Written inside a word (`exec-4`): an identifier's part.
    glued: bool,
    /// The time unit written right after it (`in 43 ms`, `in 0.4s`).
    unit: Option<&'static str>,
    /// The word written right after it, lower-case (`bpm` of `68 bpm`).
    word_after: String,
}

/// Time units as messages write them after a number.
const TIME_UNITS: [&str; 12] = [
    "ns", "us", "µs", "ms", "s", "sec", "secs", "seconds", "m", "min", "minutes", "h",
];

fn param_places(t: &TemplateInfo) -> Vec<ParamPlace> {
    let parts: Vec<&str> = t.text.split("<*>").collect();
    if parts.len() != t.params.len() + 1 {
        return Vec::new();
    }
    parts
        .windows(2)
        .map(|pair| {
            let glued = pair[0].ends_with(['-', '_'])
                && pair[0]
                    .trim_end_matches(['-', '_'])
                    .ends_with(char::is_alphanumeric);
            let after = pair[1].trim_start_matches(' ');
            let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            let unit = TIME_UNITS
                .iter()
                .copied()
                .find(|u| word.eq_ignore_ascii_case(u));
            ParamPlace {
                glued,
                unit,
                word_after: word.to_lowercase(),
            }
        })
        .collect()
}

/// "ms" and "milliseconds", "s" and "seconds" are one unit.
fn same_unit(word: &str, unit: &str) -> bool {
    let canonical = |u: &str| match u.to_ascii_lowercase().as_str() {
        "ns" | "nanosecond" | "nanoseconds" => "ns",
        "us" | "µs" | "microsecond" | "microseconds" => "us",
        "ms" | "millisecond" | "milliseconds" | "millis" => "ms",
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "m" | "min" | "mins" | "minute" | "minutes" => "m",
        "h" | "hour" | "hours" => "h",
        _ => "",
    };
    let c = canonical(word);
    !c.is_empty() && c == canonical(unit)
}

/// The first point of a series over `[start, end]`: one step in, so that
/// each point's range (the step before it) lies inside the window and the
/// points add up to the window's count.
pub(super) fn first_step(start: i64, end: i64, step: i64) -> i64 {
    start.saturating_add(step.max(1)).min(end)
}

/// The question names an address, an identifier, a user, a host or a
/// path: the lines about it are few and it anchors the event.
fn names_an_entity(e: &super::understand::Entities) -> bool {
    !(e.ips.is_empty()
        && e.ids.is_empty()
        && e.users.is_empty()
        && e.hosts.is_empty()
        && e.paths.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::understand::{understand, Clock};

    const HOUR: i64 = 3_600 * SECOND;

    fn planned(question: &str) -> Planned {
        let clock = Clock {
            now: 10 * HOUR,
            utc_offset_secs: 0,
        };
        let u = understand(question, &clock);
        let cx = Context {
            scope: r#"{app="api"}"#,
            knowledge: None,
            labels: &[],
            window: (8 * HOUR, 9 * HOUR),
            log_limit: 100,
            min_step: SECOND,
        };
        plan(&u, &cx, Mode::Keywords).expect("a plan")
    }

    #[test]
    fn whats_is_no_name_to_group_by() {
        let clock = Clock {
            now: 10 * HOUR,
            utc_offset_secs: 0,
        };
        let words = group_words(&understand(
            "What's the highest step count reported?",
            &clock,
        ));
        assert!(!words.iter().any(|w| w == "s"), "{words:?}");
        let words = group_words(&understand("which pods restarted most?", &clock));
        assert!(words.iter().any(|w| w == "pod"), "{words:?}");
        // The question's own word before the dimension it was read as,
        // and of a phrase only its head noun.
        let words = group_words(&understand("How many instances were terminated?", &clock));
        assert_eq!(words[..2], ["instance", "host"], "{words:?}");
        let words = group_words(&understand(
            "How many different error codes came back?",
            &clock,
        ));
        assert_eq!(words[..2], ["code", "status"], "{words:?}");
    }

    #[test]
    fn a_slash_before_every_address_is_no_part_of_it() {
        let values =
            |vs: &[&str]| -> Vec<(String, u64)> { vs.iter().map(|v| (v.to_string(), 1)).collect() };
        assert_eq!(
            address_prefix(&values(&["/10.0.5.14", "/10.0.9.5:2181"])),
            "/"
        );
        // Paths keep their slash; a mix is no address.
        assert_eq!(address_prefix(&values(&["/api/v1", "/health"])), "");
        assert_eq!(address_prefix(&values(&["/10.0.5.14", "10.0.9.5"])), "");
        assert_eq!(address_prefix(&[]), "");
    }

    #[test]
    fn a_parser_already_run_with_only_filters_since_is_not_repeated() {
        let stages = |s: &str| logql::parse_pipeline(s).unwrap();
        let mut p = stages(r#"| json MESSAGE="MESSAGE" | MESSAGE=~"x.*" |= "app-02""#);
        extend_unrepeated(
            &mut p,
            stages(r#"| json MESSAGE="MESSAGE" | line_format "{{.MESSAGE}}""#),
        );
        let want =
            r#"| json MESSAGE="MESSAGE" | MESSAGE=~"x.*" |= "app-02" | line_format "{{.MESSAGE}}""#;
        assert_eq!(p, stages(want));
        // After a stage that rewrites the line, parsing again reads another line.
        extend_unrepeated(&mut p, stages(r#"| json MESSAGE="MESSAGE""#));
        assert_eq!(p.len(), 5);
    }

    #[test]
    fn a_count_the_messages_write_is_summed() {
        use crate::knowledge::{BuildOptions, KnowledgeBuilder};
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = crate::source::Labels::from_pairs([("a", "b")]);
        for i in 0..40 {
            let line = format!(
                "ciod: generated {} core files for program /bgl/apps/job{}",
                i * 3 + 1,
                i % 5
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let t = &k.templates[0];
        let p = counted_param(t, "how many core files did ciod write in total?").unwrap();
        assert_eq!(p.name, "generated", "{p:?}");
        assert!(counted_param(t, "the number of core files written").is_some());
        // Lines are counted where the count asked for is of times, or of
        // something the messages do not number.
        assert!(counted_param(t, "how many times did ciod write core files?").is_none());
        assert!(counted_param(t, "how many programs dumped core?").is_none());
        assert!(counted_param(t, "how many core file messages were there?").is_none());
        assert!(counted_param(t, "number of core files written out errors").is_none());
    }

    #[test]
    fn the_number_written_before_a_word_of_the_question_is_the_measure() {
        use crate::knowledge::{BuildOptions, KnowledgeBuilder};
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        let labels = crate::source::Labels::from_pairs([("a", "b")]);
        for i in 0..40 {
            let line = format!(
                "sensor {} heart rate changed:{} bpm, quality={}",
                i % 4,
                60 + i,
                i % 3
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let t = &k.templates[0];
        let p = measure_param(t, None, &[], "average heart rate (bpm) since 10:00").unwrap();
        assert!(
            p.top_values
                .iter()
                .all(|(v, _)| v.parse::<u32>().unwrap() >= 60),
            "{p:?}"
        );
        let unit_words = |q: &str| super::super::propose::unit_words(q, &UNIT_LEADS);
        assert_eq!(unit_words("p95 latency in ms?"), ["ms"]);
        assert_eq!(unit_words("average heart rate (bpm)?"), ["bpm"]);
        assert_eq!(unit_words("how many bytes were sent"), ["bytes"]);
        assert!(unit_words("errors across (all pods)").is_empty());
        // A time asked in its unit is the duration's, not another number's.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "Displayed com.app/.Screen{} for user 0: +{}ms",
                i % 3,
                300 + i * 7
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let p =
            measure_param(&k.templates[0], None, &[], "average time to display, in ms").unwrap();
        assert_eq!(p.kind, ParamType::Duration, "{p:?}");
        // ... also where a word of the question names another number.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "processed batch {}: {} orders in {}.{}s",
                5000 + i * 13,
                20 + i,
                1 + i % 3,
                10 + i
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let words = ["batch".to_string()];
        let p = measure_param(
            &k.templates[0],
            None,
            &words,
            "average batch time, in seconds",
        )
        .unwrap();
        assert_eq!(p.kind, ParamType::Duration, "{p:?}");
        // "anon-rss", as the lines write it, before "processes".
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "Out of memory: Killed process {} (java) total-vm:{}kB, anon-rss:{}kB, file-rss:0kB",
                3000 + i,
                6_000_000 + i,
                2_000_000 + i * 31
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let words = ["anon-rss".to_string(), "process".to_string()];
        let q = "average anon-rss of the killed processes (kB)";
        let p = measure_param(&k.templates[0], Some("bytes"), &words, q).unwrap();
        assert!(
            p.top_values.iter().all(|(v, _)| v.starts_with('2')),
            "{p:?}"
        );
        // "How much data … in GB": the number written in bytes, not the
        // duration after "in", and no size where none is written.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "uploaded s3://bucket/obj-{i}.jpg: {} bytes in {}.{}ms",
                4_000_000 + i * 977,
                100 + i,
                i % 10
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let q = "how much data was uploaded in this window, in GB?";
        let words = ["data".to_string(), "uploaded".to_string()];
        let p = measure_param(&k.templates[0], Some("bytes"), &words, q).unwrap();
        assert!(
            p.top_values.iter().all(|(v, _)| v.starts_with('4')),
            "{p:?}"
        );
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            b.add(
                &labels,
                i64::from(i),
                &format!("worker {} retried in port {}", i % 4, 8000 + i),
            );
        }
        let k = b.finish();
        assert!(measure_param(&k.templates[0], Some("bytes"), &words, q).is_none());
        // A number the message calls a size, with no unit written.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "blockMap updated: 10.0.0.{}:50010 is added to blk_{} size {}",
                i % 7,
                9000 + i,
                67_108_864 - i * 3
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let q = "how many bytes in total were stored on 10.0.0.3?";
        let p = measure_param(&k.templates[0], Some("bytes"), &["stored".to_string()], q).unwrap();
        assert!(
            p.top_values.iter().all(|(v, _)| v.starts_with("671")),
            "{p:?}"
        );
        // Of two numbers the question names, the one it names first.
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..40 {
            let line = format!(
                "jk2_init() Found child {} in scoreboard slot {}",
                5000 + i * 37,
                i % 9
            );
            b.add(&labels, i64::from(i), &line);
        }
        let k = b.finish();
        let q = "What's the highest scoreboard slot a jk2 child was found in?";
        let words = [
            "scoreboard".to_string(),
            "slot".to_string(),
            "child".to_string(),
        ];
        let p = measure_param(&k.templates[0], None, &words, q).unwrap();
        assert_eq!(p.name, "slot", "{p:?}");
    }

    #[test]
    fn a_status_is_matched_as_the_templates_write_it() {
        use crate::knowledge::{BuildOptions, KnowledgeBuilder};
        let labels = crate::source::Labels::from_pairs([("a", "b")]);
        let mut b = KnowledgeBuilder::new("{a=\"b\"}", "t", BuildOptions::default());
        for i in 0..60 {
            let status = [200, 404, 200, 500][i % 4];
            let line = format!(
                "10.11.10.1 \"GET /v2/servers/{i} HTTP/1.1\" status: {status} len: {} time: 0.{}",
                1800 + i,
                200 + i
            );
            b.add(&labels, i as i64, &line);
        }
        let k = b.finish();
        let all: Vec<&TemplateInfo> = k.templates.iter().collect();
        assert_eq!(status_literal(&all, 404).as_deref(), Some("status: 404"));
        // A code no parameter took is not written.
        assert_eq!(status_literal(&all, 302), None);
    }

    /// The query as it runs is the printer's canonical form.
    fn assert_canonical(query: &str) {
        let printed = logql::parse(query).expect("it parses").to_string();
        assert_eq!(printed, query);
    }

    fn header_levels(values: &[(&str, u64)], cardinality: usize) -> HeaderInfo {
        HeaderInfo {
            format: "test".into(),
            stage: String::new(),
            fields: vec![crate::knowledge::header::HeaderField {
                name: "level".into(),
                cardinality,
                top_values: values.iter().map(|(v, n)| (v.to_string(), *n)).collect(),
            }],
        }
    }

    #[test]
    fn a_parameter_inside_a_quoted_value_named_by_the_question_extracts_the_whole_value() {
        let text = r#""Reconciling" controller="rollout" object="<*>/<*>" id=<*>"#;
        let whole = Some(r#"object="(?P<object>[^"]*)""#);
        assert_eq!(quoted_value(text, 3, 1, "object").as_deref(), whole);
        assert_eq!(quoted_value(text, 3, 0, "object").as_deref(), whole);
        // Another key, or a parameter outside the quotes: no.
        assert_eq!(quoted_value(text, 3, 1, "controller"), None);
        assert_eq!(quoted_value(text, 3, 2, "object"), None);
        assert_eq!(quoted_value(r#"subobject="<*>""#, 1, 0, "object"), None);
    }

    #[test]
    fn a_name_split_at_its_hyphens_is_taken_whole() {
        // `be_api/api-<*> <*>`: the constant `api-` is part of the name.
        assert_eq!(glued_name(&["x be_api/api-", " ", " end"], 0), ("api-", 0));
        // `[Partition <*>-<*> broker=<*>]`: both parameters are one name.
        let parts = ["[Partition ", "-", " broker=", "]"];
        assert_eq!(glued_name(&parts, 0), ("", 1));
        // A number after a word and a space, or a lone hyphen before: no.
        assert_eq!(glued_name(&["took ", " ms"], 0), ("", 0));
        assert_eq!(glued_name(&["range 10-", ""], 0), ("", 0));
    }

    #[test]
    fn a_whole_line_extraction_is_cut_after_the_parameter() {
        let full = r"^h2 (?:.*?) app/(?:.*?) (?P<ip>.*?):(?:.*?) (?:.*?) 200 end\s*$";
        let examples = vec![
            "h2 2026-12-06T10:00:00Z app/alb/1 10.0.0.1:5123 10.1.0.9:80 200 end".to_string(),
            "h2 2026-12-06T10:00:01Z app/alb/1 10.0.0.2:61 10.1.0.8:80 200 end".to_string(),
        ];
        assert_eq!(
            up_to_the_parameter(full, "ip", &examples).as_deref(),
            Some(r"^h2 (?:.*?) app/(?:.*?) (?P<ip>.*?):")
        );
        // Nothing after the group's own end: nothing to cut.
        let last = r"^user (?P<ip>.*?)\s*$";
        assert_eq!(up_to_the_parameter(last, "ip", &examples), None);
    }

    #[test]
    fn a_series_starts_one_step_in_so_its_points_add_up_to_the_window() {
        const HOUR: i64 = 3_600_000_000_000;
        assert_eq!(first_step(0, 4 * HOUR, HOUR), HOUR);
        // Never past the end.
        assert_eq!(first_step(0, HOUR / 2, HOUR), HOUR / 2);
    }

    #[test]
    fn a_level_word_that_no_seen_level_is_reads_as_text() {
        let h = header_levels(&[("proxy_fcgi:error", 90), ("notice", 10)], 2);
        // "fatal" is no value of a field whose values were all seen.
        assert_eq!(level_named("show me the PHP fatal errors", &h), None);
        // Past the values seen, the level may be rare: it is the level.
        let partly = header_levels(&[("proxy_fcgi:error", 90), ("notice", 10)], 7);
        assert_eq!(
            level_named("show me the fatal errors", &partly).map(|l| l.0),
            Some("FATAL".to_string())
        );
        // Written as a level, it is the level even where no line has it.
        assert_eq!(
            level_named("any FATAL messages?", &h).map(|l| l.0),
            Some("FATAL".to_string())
        );
    }
    #[test]
    fn a_count_keeps_the_window_variable_to_pin_and_runs_over_the_window() {
        let p = planned(r#"how many lines contain "C:\temp"?"#);
        assert_eq!(
            p.reusable,
            r#"sum(count_over_time({app="api"} |= "C:\\temp"[$__range]))"#
        );
        // `(end - range, end]` holds the window's first second too.
        assert_eq!(
            p.plan,
            Plan::Instant {
                query: r#"sum(count_over_time({app="api"} |= "C:\\temp"[1h1s]))"#.into(),
                time: 9 * HOUR,
            }
        );
        assert_canonical(p.plan.query());
    }

    #[test]
    fn a_count_over_time_steps_by_the_interval_variable() {
        let p = planned(r#"lines with "timeout" per minute"#);
        // A minute without such lines counts 0 (`or vector(0)`).
        assert!(
            p.reusable
                .ends_with(r#"|= "timeout"[$__interval])) or vector(0.000000))"#),
            "{}",
            p.reusable
        );
        let Plan::Range { query, step, .. } = &p.plan else {
            panic!("a range query: {:?}", p.plan);
        };
        assert_eq!(*step, 60 * SECOND);
        assert!(
            query.ends_with(r#"|= "timeout"[1m])) or vector(0.000000))"#),
            "{query}"
        );
        assert_canonical(query);
    }

    #[test]
    fn a_log_query_is_printed_from_its_tree() {
        let p = planned(r#"show the lines that say "disk full""#);
        let Plan::Logs { query, .. } = &p.plan else {
            panic!("a log query: {:?}", p.plan);
        };
        assert_eq!(query, r#"{app="api"} |= "disk full""#);
        assert_eq!(&p.reusable, query);
    }
}
