//! The ask pipeline: from a question to LogQL, results and an answer.
//!
//! [`understand`] reads the question. A query then comes from, in order: a
//! pinned query; the cache of generated queries ([`cache`]); the LLM
//! generator ([`generate`], with [`prompt`] packing the retrieved context)
//! and its repair loop; and the LLM-free planner ([`plan`]), which is also
//! the fallback whenever the LLM is absent, down or wrong. Every query
//! passes [`vet`] (parse, scope, cost) before it runs, every attempt is
//! recorded, [`answer`] words the result, and [`write`] adds an LLM-written
//! answer that cites the query and lines.

pub mod anchor;
pub mod answer;
pub mod cache;
pub mod catalog;
pub mod generate;
pub mod ground;
pub mod literal;
pub mod param_value;
pub mod plan;
pub mod prompt;
pub mod propose;
pub mod relax;
pub mod select;
pub mod shard;
pub mod status_words;
pub mod threshold;
pub mod understand;
pub mod vet;
pub mod write;

use crate::knowledge::{Knowledge, TemplateInfo};
use crate::llm::{LlmClient, LlmError, Usage};
use crate::logql::Scope;
use crate::retrieve::{DocKind, Retriever};
use crate::source::{
    Direction, InstantQuery, LogSource, QueryResponse, QueryResult, RangeQuery, SourceError,
};
use cache::QueryCache;
use generate::{GenerateError, Generator};
use plan::{Context, Mode, Plan, PlanError};
use understand::{Clock, Intent, Understanding};
use vet::{CostLimits, Vetted};

/// Where a query came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Pinned,
    Cache,
    Llm,
    /// The planner, on the best-matching template.
    Template,
    /// The planner, on keywords only.
    Keywords,
    /// The planner, on the parsed fields of structured lines.
    Fields,
}

impl Origin {
    /// The name `--json`, `--explain` and the plugin's metrics use.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Pinned => "pinned",
            Origin::Cache => "cache",
            Origin::Llm => "llm",
            Origin::Template => "template",
            Origin::Keywords => "keywords",
            Origin::Fields => "fields",
        }
    }
}

/// One query tried on the way to the answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Attempt {
    /// The query as generated (empty when generation itself failed).
    pub logql: String,
    #[serde(rename = "planner")]
    pub origin: Origin,
    pub ok: bool,
    pub error: Option<String>,
    /// Lines (log queries) or series (metric queries) returned.
    pub returned: usize,
    /// Tokens of the generation prompt, for LLM attempts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_tokens: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub understanding: Understanding,
    /// Loki's `stats` block for the query that answered (none from the
    /// embedded engine): Grafana's query inspector shows it.
    pub stats: Option<serde_json::Value>,
    /// The query that answered, as it ran.
    pub logql: String,
    /// The same with `$__range`/`$__interval` unexpanded: what to pin so a
    /// dashboard or alert re-runs it over its own window.
    pub reusable: String,
    pub origin: Origin,
    pub result: QueryResult,
    /// The deterministic answer, computed from the result.
    pub answer: String,
    /// The LLM's answer citing the query and lines, when an LLM is configured.
    pub written: Option<String>,
    pub attempts: Vec<Attempt>,
    /// Retrieval and planning choices, for `--explain`.
    pub why: Vec<String>,
    /// The window the query covered.
    pub window: (i64, i64),
    /// Tokens the LLM used for this question (prompt and completion, all calls).
    pub llm_usage: Usage,
    /// The step of a query over time, ns (0 for other queries).
    pub step: i64,
    /// Seconds spent per stage: `generate` (LLM), `execute` (log source), `write`.
    pub stages: std::collections::BTreeMap<&'static str, f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("the pinned query cannot run: {0}")]
    Pinned(SourceError),
    #[error("no query answered the question: {0}")]
    Source(SourceError),
}

/// What kind of result the caller needs, whatever the question says: a
/// logs panel wants lines, a graph or an alert rule wants numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Any,
    Logs,
    Metrics,
    /// Every matching line (annotations): never just the first or last.
    Events,
}

/// Tuning for one datasource.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AskOptions {
    pub want: Want,
    /// Most lines a log query returns.
    pub log_limit: u32,
    /// The smallest step for queries over time (Grafana's interval), ns.
    pub min_step: i64,
    /// Generation rounds after the first that see the earlier errors.
    pub max_repairs: usize,
    pub prompt_budget: usize,
    pub limits: CostLimits,
    /// Ask the LLM for a written answer.
    pub write_answer: bool,
}

impl Default for AskOptions {
    fn default() -> Self {
        AskOptions {
            want: Want::Any,
            log_limit: 100,
            min_step: 0,
            max_repairs: 2,
            prompt_budget: generate::DEFAULT_PROMPT_BUDGET,
            limits: CostLimits::default(),
            write_answer: true,
        }
    }
}

/// What a question is asked against.
pub struct Asker<'a> {
    pub source: &'a dyn LogSource,
    pub knowledge: Option<&'a Knowledge>,
    /// The datasource scope (a stream selector).
    pub scope: String,
    /// Label names and values within the scope.
    pub labels: Vec<(String, Vec<String>)>,
    /// The default window (the dashboard range).
    pub window: (i64, i64),
    pub clock: Clock,
    pub llm: Option<&'a LlmClient>,
    pub cache: Option<&'a QueryCache>,
    pub options: AskOptions,
}

/// Label names (the first 30) with some of their values (the first 100):
/// what retrieval, grouping and the prompt see of a source's labels.
/// A label call that fails leaves the list shorter, not the question unanswered.
pub async fn labels_of(
    source: &dyn LogSource,
    range: crate::source::TimeRange,
) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for name in source
        .labels(range)
        .await
        .unwrap_or_default()
        .into_iter()
        .take(30)
    {
        let mut values = source.label_values(&name, range).await.unwrap_or_default();
        values.truncate(100);
        out.push((name, values));
    }
    out
}

/// A query proposed for a question, not run.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Proposal {
    /// As it would run now (variables expanded, scope applied).
    pub logql: String,
    /// To pin: `$__range`/`$__interval` unexpanded.
    pub reusable: String,
    pub origin: Origin,
    pub why: Vec<String>,
}

/// A query that ran, and where it came from.
struct Ran {
    plan: Plan,
    reusable: String,
    result: QueryResult,
    /// Loki's stats for the query (none from the embedded engine).
    stats: Option<serde_json::Value>,
    origin: Origin,
    template: Option<String>,
}

impl Ran {
    fn new(
        reusable: String,
        plan: Plan,
        response: QueryResponse,
        origin: Origin,
        template: Option<String>,
    ) -> Ran {
        Ran {
            plan,
            reusable,
            result: response.result,
            stats: response.stats,
            origin,
            template,
        }
    }
}

/// The state of one question on its way to an answer.
struct Trail {
    attempts: Vec<Attempt>,
    why: Vec<String>,
    /// (query, what was wrong), shown to the generator when it repairs.
    failures: Vec<(String, String)>,
    usage: Usage,
    /// Time spent per stage (`generate`, `execute`, `write`).
    stages: std::collections::BTreeMap<&'static str, f64>,
    /// A field's values were too many for the source's series limit: no
    /// other plan answers the same question, so none may stand in for it.
    series_limited: Option<String>,
}

impl Trail {
    fn timed(&mut self, stage: &'static str, since: std::time::Instant) {
        *self.stages.entry(stage).or_default() += since.elapsed().as_secs_f64();
    }

    /// An LLM attempt, with its prompt's size.
    fn record_llm(&mut self, logql: &str, outcome: Result<usize, String>, prompt_tokens: usize) {
        self.record(logql, Origin::Llm, outcome);
        if let Some(a) = self.attempts.last_mut() {
            a.prompt_tokens = Some(prompt_tokens);
        }
    }

    fn record(&mut self, logql: &str, origin: Origin, outcome: Result<usize, String>) {
        let (ok, error, returned) = match outcome {
            Ok(n) => (true, None, n),
            Err(e) => (false, Some(e), 0),
        };
        self.attempts.push(Attempt {
            logql: logql.to_string(),
            origin,
            ok,
            error,
            returned,
            prompt_tokens: None,
        });
    }
}

const SECOND: i64 = 1_000_000_000;

impl<'a> Asker<'a> {
    /// An asker with no knowledge, labels, LLM or cache, and default options.
    pub fn new(
        source: &'a dyn LogSource,
        scope: impl Into<String>,
        window: (i64, i64),
        clock: Clock,
    ) -> Asker<'a> {
        Asker {
            source,
            knowledge: None,
            scope: scope.into(),
            labels: Vec::new(),
            window,
            clock,
            llm: None,
            cache: None,
            options: AskOptions::default(),
        }
    }

    /// The cache key of a question here.
    pub fn cache_key(&self, question: &str) -> String {
        let version = self
            .knowledge
            .map_or_else(|| "none".to_string(), |k| k.fingerprint());
        cache::key(question, &self.scope, &version)
    }

    pub async fn ask(&self, question: &str) -> Result<Answer, AskError> {
        self.ask_inner(question, None).await
    }

    /// Run `logql` for the question, with no generation: what dashboards and
    /// alert rules do with a pinned query. The query is still vetted.
    pub async fn ask_pinned(&self, question: &str, logql: &str) -> Result<Answer, AskError> {
        self.ask_inner(question, Some(logql)).await
    }

    /// What the planner sees of this asker.
    fn context(&self) -> Context<'_> {
        Context {
            scope: &self.scope,
            knowledge: self.knowledge,
            labels: &self.labels,
            window: self.window,
            log_limit: self.options.log_limit.min(self.options.limits.max_lines),
            min_step: self.options.min_step,
        }
    }

    /// The question read, with the intent bent to what the caller wants.
    fn understood(&self, question: &str) -> Understanding {
        let mut u = understand::understand(question, &self.clock);
        let metric = !matches!(
            u.intent,
            Intent::ShowLogs
                | Intent::First
                | Intent::Last
                | Intent::ErrorSummary
                | Intent::Explain
        );
        match (self.options.want, metric) {
            (Want::Logs, true) | (Want::Events, _) => u.intent = Intent::ShowLogs,
            (Want::Metrics, false) => u.intent = Intent::RateOverTime,
            _ => {}
        }
        // A panel that wants metrics draws a rate as a series, however
        // many steps it has.
        if matches!(self.options.want, Want::Metrics) && u.intent == Intent::RateOverTime {
            u.series = true;
        }
        u
    }

    /// A query for the question without running it (for an editor's
    /// preview): the cached one, else the LLM's (vetted, repaired from
    /// refusals), else the planner's.
    pub async fn propose(&self, question: &str) -> Result<Proposal, AskError> {
        let u = self.understood(question);
        let window = u.time.as_ref().map_or(self.window, |t| (t.start, t.end));
        let window = (window.0, window.1.max(window.0 + SECOND));
        let scope = Scope::parse(&self.scope)
            .map_err(|e| PlanError::Scope(self.scope.clone(), e.to_string()))?;
        let over_time = u.over_time(window);
        let step = crate::loki::choose_step(window.0, window.1, u.step_ns())
            .max(SECOND)
            .max(self.options.min_step);
        let vet = |q: &str| vet::vet(q, &scope, self.options.limits, window, step, !over_time);
        let mut why = Vec::new();
        if let Some(cached) = self.cache.and_then(|c| c.get(&self.cache_key(question))) {
            if let Ok(v) = vet(&cached.logql) {
                let origin = if cached.pinned {
                    Origin::Pinned
                } else {
                    Origin::Cache
                };
                return Ok(Proposal {
                    logql: v.logql,
                    reusable: cached.logql,
                    origin,
                    why: vec!["the query remembered for this question".into()],
                });
            }
        }
        if let Some(llm) = self.llm {
            let generator = Generator::new(llm, self.options.prompt_budget);
            let templates = self.retrieved(&u, 20);
            let mut failures: Vec<(String, String)> = Vec::new();
            for _ in 0..=self.options.max_repairs {
                let input = self.prompt_input(&u, window, templates.clone(), None, &failures);
                match generator.generate(&input).await.1 {
                    Ok(g) => match vet(&g.logql) {
                        Ok(v) => {
                            why.extend(g.explanation);
                            return Ok(Proposal {
                                logql: v.logql,
                                reusable: g.logql,
                                origin: Origin::Llm,
                                why,
                            });
                        }
                        Err(e) => failures.push((g.logql, e.to_string())),
                    },
                    Err(e) => {
                        why.push(format!("LLM generation failed, using the planner: {e}"));
                        break;
                    }
                }
            }
        }
        let cx = self.context();
        let planned = match plan::plan(&u, &cx, Mode::Template) {
            Ok(p) => p,
            Err(PlanError::Invalid { .. }) => plan::plan(&u, &cx, Mode::Keywords)?,
            Err(e) => return Err(e.into()),
        };
        why.extend(planned.why);
        let origin = if planned.template.is_some() {
            Origin::Template
        } else {
            Origin::Keywords
        };
        Ok(Proposal {
            logql: planned.plan.query().to_string(),
            reusable: planned.reusable,
            origin,
            why,
        })
    }

    async fn ask_inner(&self, question: &str, pinned: Option<&str>) -> Result<Answer, AskError> {
        let mut u = self.understood(question);
        let window = u.time.as_ref().map_or(self.window, |t| (t.start, t.end));
        let window = (window.0, window.1.max(window.0 + SECOND));
        let scope = Scope::parse(&self.scope)
            .map_err(|e| PlanError::Scope(self.scope.clone(), e.to_string()))?;
        let mut trail = Trail {
            attempts: Vec::new(),
            why: Vec::new(),
            failures: Vec::new(),
            usage: Usage::default(),
            stages: Default::default(),
            series_limited: None,
        };

        if let Some(logql) = pinned {
            return match self.try_query(logql, &u, &scope, window, &mut trail).await {
                Ok((plan, response)) => {
                    trail.record(plan.query(), Origin::Pinned, Ok(response.result.rows()));
                    Ok(self
                        .finish(
                            u,
                            Ran::new(logql.to_string(), plan, response, Origin::Pinned, None),
                            trail,
                            window,
                        )
                        .await)
                }
                Err(e) => Err(AskError::Pinned(e)),
            };
        }

        let key = self.cache_key(question);
        if let Some(cached) = self.cache.and_then(|c| c.get(&key)) {
            let origin = if cached.pinned {
                Origin::Pinned
            } else {
                Origin::Cache
            };
            match self
                .try_query(&cached.logql, &u, &scope, window, &mut trail)
                .await
            {
                Ok((plan, response)) => {
                    trail.record(plan.query(), origin, Ok(response.result.rows()));
                    trail.why.push(format!(
                        "reused the {} query for this question",
                        if cached.pinned { "pinned" } else { "cached" }
                    ));
                    return Ok(self
                        .finish(
                            u,
                            Ran::new(cached.logql.clone(), plan, response, origin, None),
                            trail,
                            window,
                        )
                        .await);
                }
                Err(e) => {
                    trail
                        .why
                        .push(format!("the cached query stopped working: {e}"));
                    trail.record(&cached.logql, origin, Err(e.to_string()));
                    if let Some(c) = self.cache {
                        c.forget(&key);
                    }
                }
            }
        }

        if u.intent != Intent::Explain {
            self.anchor(&mut u, &scope, window, &mut trail).await;
        }

        // The fields of structured lines, for the LLM's prompt and the
        // fields stage. A knowledge base that found no fields in the scope's
        // lines spares the sample's queries.
        let catalog = if self.knowledge.is_none_or(|k| k.fields.is_some()) {
            let started = std::time::Instant::now();
            let lines = self.sample_lines(window).await;
            trail.timed("sample", started);
            let known = self.knowledge.and_then(|k| k.fields.as_ref());
            catalog::Catalog::from_lines_known(
                lines.iter().map(String::as_str),
                known.map(|f| &f.format),
            )
            .map(|mut c| {
                let fixed: Vec<String> = scope
                    .matchers()
                    .iter()
                    .filter(|m| m.op == logql::MatchOp::Eq)
                    .map(|m| m.name.clone())
                    .collect();
                c.add_stream_labels(&self.labels, &fixed);
                if let Some(known) = known {
                    c.add_known_values(known);
                    c.add_known_fields(known);
                }
                c
            })
        } else {
            None
        };

        // The LLM's empty answer, kept in case nothing does better.
        let mut empty: Option<Ran> = None;
        if let Some(llm) = self.llm {
            match self
                .generate_and_run(llm, &u, &scope, window, catalog.as_ref(), &mut trail)
                .await
            {
                Some(Ok((raw, plan, response))) => {
                    if let Some(c) = self.cache {
                        c.put(&key, &raw);
                    }
                    return Ok(self
                        .finish(
                            u,
                            Ran::new(raw, plan, response, Origin::Llm, None),
                            trail,
                            window,
                        )
                        .await);
                }
                Some(Err((raw, plan, response))) => {
                    empty = Some(Ran::new(raw, plan, response, Origin::Llm, None))
                }
                None => {}
            }
        }

        // Fields first: a question grounded in the parsed fields of
        // structured lines.
        if let Some(ran) = match &catalog {
            Some(c) => self.structured(&u, c, &scope, window, &mut trail).await,
            None => None,
        } {
            return Ok(self.finish(u, ran, trail, window).await);
        }
        // Counting or ranking a field's values that the series limit
        // refuses: a line count would answer another question.
        if let Some(field) = trail.series_limited.take() {
            return Err(AskError::Source(SourceError::BadRequest(format!(
                "the field {field} has more distinct values in this window than the series limit \
                 allows (a default Loki keeps 500 series per query): narrow the time range or the \
                 question (a filter on another field), or have the operator raise \
                 max_query_series"
            ))));
        }

        // The LLM-free planner: the default, and the fallback.
        let cx = self.context();
        let mut last_error = None;
        for mode in [Mode::Template, Mode::Keywords] {
            let planned = match plan::plan(&u, &cx, mode) {
                Ok(p) => p,
                // A template-based plan the checks refuse falls back.
                Err(e @ PlanError::Invalid { .. }) if mode == Mode::Template => {
                    trail.why.push(format!("template plan refused: {e}"));
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if mode == Mode::Keywords
                && trail
                    .attempts
                    .iter()
                    .any(|a| a.logql == planned.plan.query())
            {
                break; // the fallback would repeat the same query
            }
            trail.why.extend(planned.why.iter().cloned());
            let origin = match mode {
                Mode::Template => Origin::Template,
                Mode::Keywords => Origin::Keywords,
            };
            let started = std::time::Instant::now();
            let ran = self.run(&planned.plan).await;
            trail.timed("execute", started);
            match ran {
                Ok(response) => {
                    let returned = response.result.rows();
                    trail.record(planned.plan.query(), origin, Ok(returned));
                    // Nothing holds every word of the question: fewer words.
                    // ("Any kernel panics?" answers no when no line says panic.)
                    // A yes/no question keeps its words: "any kernel panics?"
                    // is answered no when no line says panic, and the words
                    // left ("kernel") would say yes to another question.
                    let nothing = returned == 0 || all_zero(&response.result);
                    if nothing && u.intent != Intent::Exists {
                        if let Some((plan, response, reusable)) = self
                            .relaxed(
                                &planned.plan,
                                &planned.reusable,
                                &scope,
                                window,
                                &mut trail,
                                origin,
                            )
                            .await
                        {
                            return Ok(self
                                .finish(
                                    u,
                                    Ran::new(reusable, plan, response, origin, planned.template),
                                    trail,
                                    window,
                                )
                                .await);
                        }
                    }
                    // An empty answer from a template that has lines is
                    // worth a second, simpler try.
                    let retry = nothing
                        && planned.template.is_some()
                        && mode == Mode::Template
                        && !planned.compared;
                    if !retry {
                        return Ok(self
                            .finish(
                                u,
                                Ran::new(
                                    planned.reusable,
                                    planned.plan,
                                    response,
                                    origin,
                                    planned.template,
                                ),
                                trail,
                                window,
                            )
                            .await);
                    }
                    trail
                        .why
                        .push("the template's query found nothing; retrying with keywords".into());
                    if empty.is_none() {
                        empty = Some(Ran::new(
                            planned.reusable,
                            planned.plan,
                            response,
                            origin,
                            planned.template,
                        ));
                    }
                }
                Err(e) => {
                    trail.why.push(format!("{origin:?} query failed: {e}"));
                    trail.record(planned.plan.query(), origin, Err(e.to_string()));
                    // A ranking of more values than the series limit keeps:
                    // the source's sketch where it has one, else the limit
                    // to raise (other words would answer another question).
                    if is_series_limit(&e) && matches!(u.intent, Intent::TopK { .. }) {
                        if let Some(ran) = self.approximated(&planned, origin, &mut trail).await {
                            return Ok(self.finish(u, ran, trail, window).await);
                        }
                        return Err(AskError::Source(SourceError::BadRequest(format!(
                            "the values this question ranks are more than the series limit \
                             allows in one query ({e}): narrow the time range or the question, \
                             or have the operator raise max_query_series"
                        ))));
                    }
                    last_error = Some(e);
                }
            }
        }
        // Every try ran: answer from an empty result if one ran at all.
        if let Some(ran) = empty {
            return Ok(self.finish(u, ran, trail, window).await);
        }
        Err(AskError::Source(last_error.unwrap_or_else(|| {
            SourceError::BadRequest("no query could be planned".into())
        })))
    }

    /// What the generation prompt for a question holds (before packing):
    /// also how the prompt-size benchmark sees it.
    pub fn prompt_input<'s>(
        &'s self,
        u: &'s Understanding,
        window: (i64, i64),
        templates: Vec<&'s TemplateInfo>,
        fields: Option<&'s catalog::Catalog>,
        failures: &'s [(String, String)],
    ) -> prompt::PromptInput<'s> {
        prompt::PromptInput {
            question: &u.question,
            scope: &self.scope,
            window: format!(
                "{} to {} ({}s)",
                crate::engine::ingest::timestamp::format_rfc3339_nano(window.0),
                crate::engine::ingest::timestamp::format_rfc3339_nano(window.1),
                (window.1 - window.0) / SECOND
            ),
            labels: &self.labels,
            templates,
            fields,
            failures,
        }
    }

    /// BM25 fused with embedding similarity (reciprocal rank fusion) when
    /// the LLM endpoint has an embedding model and the templates have
    /// embeddings; BM25 alone otherwise, or when embedding the question fails.
    async fn retrieved_hybrid(
        &self,
        llm: &LlmClient,
        u: &Understanding,
        limit: usize,
        trail: &mut Trail,
    ) -> Vec<&'a TemplateInfo> {
        let lexical = self.retrieved(u, limit);
        let Some(k) = self.knowledge else {
            return lexical;
        };
        let embedded = k.templates.iter().any(|t| t.embedding.is_some());
        if llm.config().embedding_model.is_none() || !embedded {
            return lexical;
        }
        let question = match llm.embed(std::slice::from_ref(&u.question)).await {
            Ok(mut v) if !v.is_empty() => v.swap_remove(0),
            Ok(_) => return lexical,
            Err(e) => {
                trail
                    .why
                    .push(format!("embedding the question failed, BM25 only: {e}"));
                return lexical;
            }
        };
        let mut semantic: Vec<(f32, &'a TemplateInfo)> = k
            .templates
            .iter()
            .filter_map(|t| {
                let e = t.embedding.as_deref()?;
                Some((crate::knowledge::enrich::cosine(&question, e), t))
            })
            .collect();
        semantic.sort_by(|a, b| b.0.total_cmp(&a.0));
        const RRF_K: f64 = 60.0;
        let mut fused: Vec<(f64, &'a TemplateInfo)> = Vec::new();
        let mut add = |rank: usize, t: &'a TemplateInfo| {
            let score = 1.0 / (RRF_K + rank as f64 + 1.0);
            match fused.iter_mut().find(|(_, f)| std::ptr::eq(*f, t)) {
                Some(entry) => entry.0 += score,
                None => fused.push((score, t)),
            }
        };
        for (rank, t) in lexical.iter().enumerate() {
            add(rank, t);
        }
        for (rank, (_, t)) in semantic.iter().take(limit).enumerate() {
            add(rank, t);
        }
        fused.sort_by(|a, b| b.0.total_cmp(&a.0));
        fused.truncate(limit);
        trail
            .why
            .push("retrieval: BM25 and embeddings, fused by reciprocal rank".into());
        fused.into_iter().map(|(_, t)| t).collect()
    }

    /// Templates the question retrieves, best first.
    pub fn retrieved(&self, u: &Understanding, limit: usize) -> Vec<&'a TemplateInfo> {
        let Some(k) = self.knowledge else {
            return Vec::new();
        };
        let retriever = Retriever::new(Some(k), &self.labels);
        let mut words = u.keywords.clone();
        words.extend(u.entities.quoted.iter().cloned());
        retriever
            .search(&words, limit)
            .iter()
            .filter(|h| h.kind == DocKind::Template)
            .filter_map(|h| k.template(&h.key))
            .collect()
    }

    /// Generate, vet and run, repairing from each failure. `Some(Ok)` with
    /// the raw generated query on success, `Some(Err)` with an empty result
    /// the knowledge contradicts, `None` when nothing ran.
    #[allow(clippy::type_complexity)]
    async fn generate_and_run(
        &self,
        llm: &LlmClient,
        u: &Understanding,
        scope: &Scope,
        window: (i64, i64),
        fields: Option<&catalog::Catalog>,
        trail: &mut Trail,
    ) -> Option<Result<(String, Plan, QueryResponse), (String, Plan, QueryResponse)>> {
        let generator = Generator::new(llm, self.options.prompt_budget);
        let templates = self.retrieved_hybrid(llm, u, 20, trail).await;
        let mut empty = None;
        for round in 0..=self.options.max_repairs {
            let input = self.prompt_input(u, window, templates.clone(), fields, &trail.failures);
            let started = std::time::Instant::now();
            let (tokens, generated) = generator.generate(&input).await;
            trail.timed("generate", started);
            let generated = match generated {
                Ok(g) => g,
                Err(GenerateError::Llm(e)) => {
                    trail
                        .why
                        .push(format!("LLM generation failed, using the planner: {e}"));
                    trail.record_llm("", Err(e.to_string()), tokens);
                    // A failing endpoint will not do better on a repair round.
                    if !matches!(e, LlmError::Empty(_)) {
                        break;
                    }
                    continue;
                }
                Err(e @ GenerateError::NotLogql(_)) => {
                    trail.record_llm("", Err(e.to_string()), tokens);
                    trail.failures.push((
                        String::new(),
                        format!("{e}; answer with the JSON object asked for"),
                    ));
                    continue;
                }
            };
            trail.usage.prompt_tokens += generated.usage.prompt_tokens;
            trail.usage.completion_tokens += generated.usage.completion_tokens;
            if round > 0 {
                trail.why.push(format!("repair round {round}"));
            }
            let raw = generated.logql;
            let outcome = self.try_query(&raw, u, scope, window, trail).await;
            match outcome {
                Err(e) => {
                    let e = e.to_string();
                    trail.record_llm(&raw, Err(e.clone()), tokens);
                    trail.failures.push((raw, e));
                }
                Ok((plan, response)) => {
                    let returned = response.result.rows();
                    trail.record_llm(plan.query(), Ok(returned), tokens);
                    match (returned, templates.first()) {
                        (0, Some(t))
                            if t.count > 0
                                && t.first_seen <= window.1
                                && t.last_seen >= window.0 =>
                        {
                            let why = format!(
                                "the query returned nothing, but template {} has {} lines in the window, e.g. {}",
                                t.id,
                                t.count,
                                t.examples.first().map(String::as_str).unwrap_or(&t.text)
                            );
                            trail.why.push(why.clone());
                            trail.failures.push((raw.clone(), why));
                            empty = Some((raw.clone(), plan, response));
                        }
                        _ => return Some(Ok((raw, plan, response))),
                    }
                }
            }
        }
        empty.map(Err)
    }

    /// Vet a query, then run it as the question's intent asks.
    async fn try_query(
        &self,
        logql: &str,
        u: &Understanding,
        scope: &Scope,
        window: (i64, i64),
        trail: &mut Trail,
    ) -> Result<(Plan, QueryResponse), SourceError> {
        let over_time = u.over_time(window);
        let step = crate::loki::choose_step(window.0, window.1, u.step_ns())
            .max(SECOND)
            .max(self.options.min_step);
        // A query that fails vetting never leaves: the caller's to fix.
        let vetted = vet::vet(logql, scope, self.options.limits, window, step, !over_time)
            .map_err(|e| SourceError::BadRequest(e.to_string()))?;
        let plan = self.plan_for(vetted, u, window, step);
        let started = std::time::Instant::now();
        let result = self.run(&plan).await;
        trail.timed("execute", started);
        Ok((plan, result?))
    }

    fn plan_for(&self, v: Vetted, u: &Understanding, window: (i64, i64), step: i64) -> Plan {
        let (start, end) = window;
        if v.is_log {
            let (limit, direction) = match u.intent {
                Intent::First => (1, Direction::Forward),
                Intent::Last => (1, Direction::Backward),
                _ => (self.options.log_limit, Direction::Backward),
            };
            return Plan::Logs {
                query: v.logql,
                start,
                end,
                limit: limit.min(self.options.limits.max_lines),
                direction,
            };
        }
        if u.over_time(window) {
            Plan::Range {
                query: v.logql,
                start: plan::first_step(start, end, step),
                end,
                step,
            }
        } else {
            Plan::Instant {
                query: v.logql,
                time: end,
            }
        }
    }

    async fn finish(
        &self,
        understanding: Understanding,
        ran: Ran,
        mut trail: Trail,
        window: (i64, i64),
    ) -> Answer {
        let Ran {
            plan,
            reusable,
            result,
            stats,
            origin,
            template,
        } = ran;
        let plan = &plan;
        // "Total amount refunded" answered by a sum of the field, not a
        // count of lines: the answer says what it is.
        let mut understanding = understanding;
        // A share is answered as one only by a query that divides.
        if understanding.share.is_some() && !divides(plan.query()) {
            understanding.share = None;
        }
        if understanding.intent == Intent::Count && sums_a_field(plan.query()) {
            understanding.intent = Intent::NumericAggregate(understand::Aggregate::Sum);
        }
        // "How many distinct IPs" answered by a line count (no field or
        // parameter held the IPs) must not read as distinct values.
        let distinct_unanswered =
            understanding.intent == Intent::DistinctCount && !counts_groups(plan.query());
        // "The average response time" answered by a line count (nothing
        // measured holds it) must not read as the average.
        let measure_unanswered = matches!(understanding.intent, Intent::NumericAggregate(_))
            && is_line_total(plan.query());
        let mut answer = if measure_unanswered {
            let mut as_count = understanding.clone();
            as_count.intent = Intent::Count;
            let what = understanding.measure.as_deref().unwrap_or("the quantity");
            format!(
                "No field or parameter holds {what}, so it could not be measured; {}",
                answer::answer(
                    &as_count,
                    &result,
                    self.knowledge,
                    template.as_deref(),
                    window
                )
            )
        } else if distinct_unanswered {
            let mut as_count = understanding.clone();
            as_count.intent = Intent::Count;
            let what = understanding.by.as_deref().unwrap_or("the values");
            format!(
                "No field or parameter of these lines tells {what} apart, so the lines are counted; {}",
                answer::answer(&as_count, &result, self.knowledge, template.as_deref(), window)
            )
        } else if let Some(label) = counted_label(plan.query()).filter(|l| {
            understanding.intent == Intent::DistinctCount && understanding.by.as_ref() != Some(l)
        }) {
            // The answer names the label counted (`node`), not the word
            // the question was read as (`host`).
            let mut named = understanding.clone();
            named.by = Some(label);
            answer::answer(&named, &result, self.knowledge, template.as_deref(), window)
        } else {
            answer::answer(
                &understanding,
                &result,
                self.knowledge,
                template.as_deref(),
                window,
            )
        };
        if let Some(total) = self.total_beyond_limit(plan, &result, &mut trail).await {
            answer = format!(
                "{total} lines match in all; the newest {} are shown. {answer}",
                result.rows()
            );
        }
        let mut written = None;
        if let (Some(llm), true) = (self.llm, self.options.write_answer) {
            let started = std::time::Instant::now();
            let written_answer =
                write::write_answer(llm, &understanding.question, plan.query(), &answer, &result)
                    .await;
            trail.timed("write", started);
            match written_answer {
                Ok(w) => {
                    trail.usage.prompt_tokens += w.usage.prompt_tokens;
                    trail.usage.completion_tokens += w.usage.completion_tokens;
                    written = Some(w.text);
                }
                Err(e) => trail.why.push(format!("no written answer: {e}")),
            }
        }
        Answer {
            logql: plan.query().to_string(),
            stats,
            reusable,
            origin,
            understanding,
            result,
            answer,
            written,
            attempts: trail.attempts,
            why: trail.why,
            window,
            llm_usage: trail.usage,
            step: match plan {
                Plan::Range { step, .. } => *step,
                _ => 0,
            },
            stages: trail.stages,
        }
    }

    /// Ground the question in the fields of a sample of the scope's
    /// lines, run the candidates and keep the first that finds something.
    /// None when the lines are not structured or the question needs a
    /// field the data lacks: the template planner answers then.
    async fn structured(
        &self,
        u: &Understanding,
        catalog: &catalog::Catalog,
        scope: &Scope,
        window: (i64, i64),
        trail: &mut Trail,
    ) -> Option<Ran> {
        let started = std::time::Instant::now();
        // Values of labels that do not tell the scope's streams apart: a
        // word naming one names the stream itself. (Labels that do are
        // fields of the catalog.)
        let stream_values: Vec<String> = self
            .labels
            .iter()
            .filter(|(name, _)| !catalog.field(name).is_some_and(|f| f.stream))
            .flat_map(|(_, values)| values.iter().cloned())
            .collect();
        let texts: Vec<(String, u64)> = self
            .knowledge
            .map(|k| {
                // The messages, and a few whole lines of each: a field's
                // template holds only its message, the lines the rest.
                k.templates
                    .iter()
                    .flat_map(|t| {
                        let examples = t.examples.iter().take(2).map(|e| (e.clone(), 1));
                        std::iter::once((t.message().replace("<*>", " "), t.count)).chain(examples)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let evidence = ground::Evidence {
            stream_values: &stream_values,
            texts: &texts,
        };
        let summed = ground::total_of_a_field(u, catalog);
        if let Some(s) = &summed {
            trail.why.push(format!(
                "\"total {}\" names a numeric field: its sum, not a count of lines",
                s.measure.as_deref().unwrap_or_default()
            ));
        }
        let counted = ground::count_of_a_value(u, catalog);
        if counted.is_some() {
            trail.why.push(format!(
                "\"{}\" is a value, not a field: counting the lines with it",
                u.by.as_deref().unwrap_or_default()
            ));
        }
        let u = summed.as_ref().or(counted.as_ref()).unwrap_or(u);
        let readings = ground::ground(u, catalog, &evidence);
        trail.timed("ground", started);
        // A plain-text header's fields answer what names only them (a
        // level, a thread, a logger); where the question also names words
        // or numbers of the messages, the templates read those better.
        if matches!(
            catalog.extractor.format(),
            crate::knowledge::fields::FieldFormat::Header(_)
        ) && !readings
            .first()
            .is_some_and(|g| uses_a_field(g) && g.dropped.is_empty() && g.contains.is_empty())
        {
            trail
                .why
                .push("the question names no header field; using templates".into());
            return None;
        }
        // "What share of requests failed": the whole is the lines its own
        // words select, grounded as the question "how many requests".
        let whole = u.share.as_ref().and_then(|share| {
            let asked = understand::understand(&format!("how many {}", share.of), &self.clock);
            let mut of = u.clone();
            of.share = None;
            of.intent = Intent::Count;
            of.keywords = asked.keywords;
            of.entities = asked.entities;
            of.by = None;
            of.measure = None;
            of.question = asked.question;
            ground::ground(&of, catalog, &evidence).into_iter().next()
        });
        if let (Some(share), Some(g)) = (&u.share, &whole) {
            trail.why.push(format!(
                "a share of the lines of {:?}{}",
                share.of,
                if g.filters.is_empty() && g.contains.is_empty() {
                    " (every line in scope)".to_string()
                } else {
                    String::new()
                }
            ));
        }
        let selector = scope.matchers().to_vec();
        let frame = propose::Frame {
            selector: &selector,
            window,
            log_limit: self.options.log_limit.min(self.options.limits.max_lines),
            approx_topk: self.source.capabilities().approx_topk,
            whole: whole.as_ref(),
        };
        // Readings that differ only where the query does not show give one
        // query; it runs once.
        let mut seen = std::collections::HashSet::new();
        let candidates: Vec<propose::Candidate> = readings
            .iter()
            .flat_map(|g| propose::propose(u, g, catalog, &frame))
            .filter(|c| seen.insert(c.plan.query().to_string()))
            .take(MAX_CANDIDATES)
            .collect();
        if candidates.is_empty() {
            trail
                .why
                .push("the fields do not answer this question; using templates".into());
            return None;
        }
        trail.why.extend(readings[0].notes.iter().cloned());
        let mut empty: Option<Ran> = None;
        for c in candidates {
            // A grouping the series limit refused is refused whatever is
            // measured over it: another measure would answer another
            // question.
            if c.group_by.is_some() && c.group_by == trail.series_limited {
                continue;
            }
            let started = std::time::Instant::now();
            let ran = self.run(&c.plan).await;
            trail.timed("execute", started);
            match ran {
                Ok(response) => {
                    let returned = response.result.rows();
                    trail.record(c.plan.query(), Origin::Fields, Ok(returned));
                    let found = returned > 0 && !all_zero(&response.result);
                    let ran = Ran::new(
                        c.plan.query().to_string(),
                        c.plan,
                        response,
                        Origin::Fields,
                        None,
                    );
                    trail.why.push(c.why);
                    if found {
                        return Some(ran);
                    }
                    empty.get_or_insert(ran);
                }
                Err(e) => {
                    trail.record(c.plan.query(), Origin::Fields, Err(e.to_string()));
                    if is_series_limit(&e) {
                        if let Some(field) = &c.group_by {
                            let merge = match u.intent {
                                Intent::DistinctCount => Some(shard::Merge::Sum),
                                Intent::TopK { k } => Some(shard::Merge::Top(k)),
                                _ => None,
                            };
                            if let Some(merge) = merge {
                                if let Some(ran) =
                                    self.in_parts(&c.plan, field, merge, catalog, trail).await
                                {
                                    trail.why.push(c.why);
                                    return Some(ran);
                                }
                            }
                            trail.series_limited = Some(field.clone());
                        }
                    }
                }
            }
        }
        // Words the lines hold, never together ("new connections" over
        // lines that say "Connection accepted"): fewer words. A yes/no
        // question keeps its words, as in the template planner.
        if let Some(first) = empty.as_ref().filter(|_| u.intent != Intent::Exists) {
            let (plan, reusable) = (first.plan.clone(), first.reusable.clone());
            if let Some((plan, response, reusable)) = self
                .relaxed(&plan, &reusable, scope, window, trail, Origin::Fields)
                .await
            {
                return Some(Ran::new(reusable, plan, response, Origin::Fields, None));
            }
        }
        empty
    }

    /// A ranking the series limit refuses, run as `approx_topk` where the
    /// source answers it with a sketch in bounded memory.
    async fn approximated(
        &self,
        planned: &plan::Planned,
        origin: Origin,
        trail: &mut Trail,
    ) -> Option<Ran> {
        if !self.source.capabilities().approx_topk {
            return None;
        }
        let Plan::Instant { query, time } = &planned.plan else {
            return None;
        };
        let approx = Plan::Instant {
            query: shard::approximate(query)?,
            time: *time,
        };
        let started = std::time::Instant::now();
        let ran = self.run(&approx).await;
        trail.timed("execute", started);
        match ran {
            Ok(response) => {
                trail.record(approx.query(), origin, Ok(response.result.rows()));
                trail.why.push(
                    "more values than the series limit keeps: ranked with approx_topk's sketch \
                     (counts may be slightly over, never under)"
                        .into(),
                );
                let reusable = shard::approximate(&planned.reusable)
                    .unwrap_or_else(|| approx.query().to_string());
                Some(Ran::new(
                    reusable,
                    approx,
                    response,
                    origin,
                    planned.template.clone(),
                ))
            }
            Err(e) => {
                trail.record(approx.query(), origin, Err(e.to_string()));
                None
            }
        }
    }

    /// A distinct count or a ranking the series limit refuses, run on
    /// disjoint parts of the field's values (see [`shard`]) and merged: the
    /// counts add up, the top values of the whole are the top of the
    /// parts' tops. The query shown is the whole, as an expert writes it
    /// and as a Loki with a raised limit runs it; the parts are in the
    /// trail.
    async fn in_parts(
        &self,
        plan: &Plan,
        field: &str,
        merge: shard::Merge,
        catalog: &catalog::Catalog,
        trail: &mut Trail,
    ) -> Option<Ran> {
        let Plan::Instant { query, time } = plan else {
            return None;
        };
        let values: Vec<&str> = catalog
            .field(field)?
            .values
            .keys()
            .map(String::as_str)
            .collect();
        let started = std::time::Instant::now();
        let mut pending: Vec<(shard::Part, usize)> = shard::split(field, &values, &Vec::new(), 1)
            .into_iter()
            .map(|p| (p, 1))
            .collect();
        let (mut runs, mut last) = (0, None);
        let mut samples = Vec::new();
        while let Some((part, depth)) = pending.pop() {
            runs += 1;
            if runs > shard::MAX_PARTS {
                return None;
            }
            let part_plan = Plan::Instant {
                query: shard::restrict(query, &part)?,
                time: *time,
            };
            match self.run(&part_plan).await {
                Ok(response) => {
                    let QueryResult::Vector(v) = &response.result else {
                        return None;
                    };
                    samples.extend(v.iter().cloned());
                    trail.record(part_plan.query(), Origin::Fields, Ok(v.len()));
                    last = Some(response);
                }
                Err(e) if is_series_limit(&e) => {
                    trail.record(part_plan.query(), Origin::Fields, Err(e.to_string()));
                    let smaller = shard::split(field, &values, &part, depth + 1);
                    if smaller.len() < 2 {
                        return None;
                    }
                    pending.extend(smaller.into_iter().map(|p| (p, depth + 1)));
                }
                Err(_) => return None,
            }
        }
        trail.timed("parts", started);
        let mut response: QueryResponse = last?;
        response.result = QueryResult::Vector(merge.merge(samples));
        trail.why.push(format!(
            "the field {field} has more distinct values than the series limit allows in one \
             query: run on {runs} disjoint parts by their leading characters, {}",
            match merge {
                shard::Merge::Sum => "whose counts add up",
                shard::Merge::Top(_) => "whose top values hold the top of the whole",
            }
        ));
        Some(Ran::new(
            query.clone(),
            plan.clone(),
            response,
            Origin::Fields,
            None,
        ))
    }

    /// Ties the question's identifier-shaped tokens to the data (see
    /// [`anchor`]): constant text of a template becomes a phrase the lines
    /// must hold; a token some lines hold otherwise, a filter; a token no
    /// line holds, nothing.
    async fn anchor(
        &self,
        u: &mut Understanding,
        scope: &Scope,
        window: (i64, i64),
        trail: &mut Trail,
    ) {
        let e = &u.entities;
        let taken: Vec<String> = e
            .ips
            .iter()
            .chain(&e.paths)
            .chain(&e.quoted)
            .cloned()
            .chain(e.status_codes.iter().map(u16::to_string))
            .collect();
        let label_values: Vec<String> = self
            .labels
            .iter()
            .flat_map(|(_, values)| values.iter().cloned())
            .collect();
        let templates = self.knowledge.map_or(&[][..], |k| &k.templates[..]);
        for quote in &mut u.entities.quoted {
            if anchor::constant_form(quote, templates).is_some() {
                continue;
            }
            if let Some(form) = anchor::placeholder_form(quote, templates) {
                trail.why.push(format!(
                    "{quote:?} stands for lines that write {form:?}, with values where it has placeholders"
                ));
                *quote = form;
            }
        }
        for phrase in anchor::phrases(&u.question) {
            if let Some(form) = anchor::constant_form(&phrase, templates) {
                trail.why.push(format!(
                    "{phrase:?} is written {form:?} in the templates: the lines must hold it"
                ));
                u.entities.quoted.push(form);
            }
        }
        // A value of a structured line's field (`SYSLOG_IDENTIFIER=
        // "orders-worker"`) names the lines that hold it, whatever a few
        // messages also say: no phrase their templates must hold.
        let field_value = |token: &str| {
            self.knowledge
                .and_then(|k| k.fields.as_ref())
                .is_some_and(|f| f.structured_value(token))
        };
        let tokens = anchor::candidates(&u.question, &taken, &label_values);
        for token in tokens.into_iter().take(anchor::MAX_PROBES) {
            let e = &mut u.entities;
            if anchor::is_constant(&token, templates) && !field_value(&token) {
                trail.why.push(format!(
                    "{token:?} is written so in the templates: the lines must hold it"
                ));
                for list in [&mut e.ids, &mut e.hosts, &mut e.users] {
                    list.retain(|v| v != &token);
                }
                e.quoted.push(token);
                continue;
            }
            if e.ids
                .iter()
                .chain(&e.hosts)
                .chain(&e.users)
                .any(|v| v == &token)
            {
                continue;
            }
            let log = logql::LogExpr {
                selector: scope.matchers().to_vec(),
                pipeline: vec![logql::Stage::LineFilter(logql::LineFilter {
                    op: logql::LineFilterOp::Contains,
                    values: vec![logql::FilterValue::Text(token.clone())],
                })],
            };
            let probe = propose::total_of_log(log, window);
            let started = std::time::Instant::now();
            let found = match self.run(&probe).await.map(|r| r.result) {
                Ok(QueryResult::Vector(v)) => v.first().map_or(0.0, |s| s.point.value),
                _ => 0.0,
            };
            trail.timed("anchor", started);
            if found > 0.0 {
                trail.why.push(format!(
                    "{token:?} is in {found} lines as written: a filter"
                ));
                e.ids.push(token);
            } else {
                trail
                    .why
                    .push(format!("{token:?} is in no line of the window: no filter"));
            }
        }
    }

    /// The plan without the word filters that left it empty (see
    /// [`relax`]): the words no line holds, then one more word each; the
    /// first variant that finds lines, with its reusable form.
    async fn relaxed(
        &self,
        plan: &Plan,
        reusable: &str,
        scope: &Scope,
        window: (i64, i64),
        trail: &mut Trail,
        origin: Origin,
    ) -> Option<(Plan, QueryResponse, String)> {
        // Queries over parsed fields write the words as the lines do
        // (`|= "Connection"`): their literal filters are relaxed too.
        let literals = origin == Origin::Fields;
        let words = relax::words(plan.query(), literals);
        if words.is_empty() {
            return None;
        }
        let started = std::time::Instant::now();
        // How many lines hold each word alone.
        let mut held: Vec<(relax::WordFilter, f64)> = Vec::new();
        for w in &words {
            let total = propose::total_of_log(relax::word_probe(scope.matchers(), w), window);
            if let Ok(QueryResult::Vector(v)) = self.run(&total).await.map(|r| r.result) {
                held.push((w.clone(), v.first().map_or(0.0, |s| s.point.value)));
            }
        }
        let absent: Vec<relax::WordFilter> = held
            .iter()
            .filter(|(_, n)| *n <= 0.0)
            .map(|(w, _)| w.clone())
            .collect();
        // The rarest word goes first: the data says least of it ("login"
        // in a few lines, where the event's lines say "Failed password").
        held.sort_by(|a, b| a.1.total_cmp(&b.1));
        let order: Vec<relax::WordFilter> = held.into_iter().map(|(w, _)| w).collect();
        let named = |ws: &[relax::WordFilter]| -> Vec<String> {
            ws.iter().map(|w| w.word.clone()).collect()
        };
        // Before a word is dropped, the word the lines use for it ("new
        // connections" over `Connection accepted`), rarest word first.
        for w in &order {
            let stems = crate::retrieve::terms_of(&w.word);
            let alternatives: Vec<&str> = stems
                .iter()
                .flat_map(|t| select::synonyms(t))
                .filter(|a| a.len() >= 3)
                .collect();
            for alternative in alternatives.into_iter().take(MAX_SYNONYM_PROBES) {
                let Some(variant) = relax::swapped(plan, w, alternative) else {
                    continue;
                };
                let Ok(response) = self.run(&variant).await else {
                    continue;
                };
                trail.record(variant.query(), origin, Ok(response.result.rows()));
                if response.result.rows() > 0 && !all_zero(&response.result) {
                    trail.timed("relax", started);
                    trail.why.push(format!(
                        "no line holds every word of the question; the lines say {alternative:?} for {:?}",
                        w.word
                    ));
                    let reusable =
                        rewritten(reusable, &variant, |p| relax::swapped(p, w, alternative));
                    return Some((variant, response, reusable));
                }
            }
        }
        for drop in relax::variants(&order, &absent) {
            let Some(variant) = relax::without(plan, &drop) else {
                continue;
            };
            let Ok(response) = self.run(&variant).await else {
                continue;
            };
            let returned = response.result.rows();
            trail.record(variant.query(), origin, Ok(returned));
            if returned > 0 && !all_zero(&response.result) {
                trail.timed("relax", started);
                trail.why.push(format!(
                    "no line holds every word of the question; lines match without the words {:?} ({})",
                    named(&drop),
                    if absent.is_empty() {
                        "each is in some line, never with the others".to_string()
                    } else {
                        format!("no line holds {:?}", named(&absent))
                    }
                ));
                let reusable = rewritten(reusable, &variant, |p| relax::without(p, &drop));
                return Some((variant, response, reusable));
            }
        }
        trail.timed("relax", started);
        None
    }

    /// Lines from across the window: the newest of each of a few slices.
    async fn sample_lines(&self, window: (i64, i64)) -> Vec<String> {
        let span = (window.1 - window.0).max(SAMPLE_SLICES);
        let mut lines = Vec::new();
        for i in 0..SAMPLE_SLICES {
            let start = window.0 + span / SAMPLE_SLICES * i;
            let end = if i + 1 == SAMPLE_SLICES {
                window.1
            } else {
                start + span / SAMPLE_SLICES
            };
            let query = RangeQuery {
                query: self.scope.clone(),
                start,
                end,
                step: crate::loki::choose_step(start, end, None),
                limit: (SAMPLE_LINES / SAMPLE_SLICES as u32).max(1),
                direction: Direction::Backward,
            };
            if let Ok(r) = self.source.query_range(&query).await {
                if let QueryResult::Streams(streams) = r.result {
                    lines.extend(streams.into_iter().flat_map(|s| s.entries).map(|e| e.line));
                }
            }
        }
        lines
    }

    /// The plan's query on the source: the result, and Loki's stats.
    /// How many lines a log query found in all, when it returned as many
    /// as its limit (the answer shows a part; the count says how large).
    async fn total_beyond_limit(
        &self,
        plan: &Plan,
        result: &QueryResult,
        trail: &mut Trail,
    ) -> Option<u64> {
        let Plan::Logs {
            query,
            start,
            end,
            limit,
            ..
        } = plan
        else {
            return None;
        };
        if !matches!(result, QueryResult::Streams(_)) || result.rows() < *limit as usize {
            return None;
        }
        let total = propose::total_of(query, (*start, *end))?;
        let started = std::time::Instant::now();
        let response = self.run(&total).await;
        trail.timed("total", started);
        let value = match response.ok()?.result {
            QueryResult::Vector(v) => v.first().map(|s| s.point.value)?,
            _ => return None,
        };
        (value.is_finite() && value > *limit as f64).then_some(value as u64)
    }

    async fn run(&self, plan: &Plan) -> Result<QueryResponse, SourceError> {
        Ok(match plan {
            Plan::Logs {
                query,
                start,
                end,
                limit,
                direction,
            } => {
                self.source
                    .query_range(&RangeQuery {
                        query: query.clone(),
                        start: *start,
                        end: *end,
                        step: crate::loki::choose_step(*start, *end, None),
                        limit: *limit,
                        direction: *direction,
                    })
                    .await?
            }
            Plan::Instant { query, time } => {
                self.source
                    .query_instant(&InstantQuery {
                        query: query.clone(),
                        time: *time,
                        limit: 100,
                        direction: Direction::Backward,
                    })
                    .await?
            }
            Plan::Range {
                query,
                start,
                end,
                step,
            } => {
                self.source
                    .query_range(&RangeQuery {
                        query: query.clone(),
                        start: *start,
                        end: *end,
                        step: *step,
                        limit: 100,
                        direction: Direction::Backward,
                    })
                    .await?
            }
        })
    }
}

/// The reusable form of a query (its `$__range` kept) rewritten as the
/// relaxed variant was; the variant itself where the rewrite does not apply.
fn rewritten(reusable: &str, variant: &Plan, rewrite: impl Fn(&Plan) -> Option<Plan>) -> String {
    let plan = Plan::Instant {
        query: reusable.to_string(),
        time: 0,
    };
    rewrite(&plan).map_or_else(|| variant.query().to_string(), |p| p.query().to_string())
}

/// Words the lines may use for one word of the question, tried before it
/// is dropped.
const MAX_SYNONYM_PROBES: usize = 2;
/// How many lines a structured question samples to learn the fields, in
/// how many slices of the window (so an incident in the middle is seen).
const SAMPLE_LINES: u32 = 1600;
const SAMPLE_SLICES: i64 = 8;
/// Most queries one question runs to choose among readings.
const MAX_CANDIDATES: usize = 4;

/// Whether a query counts groups (`count(sum by (x) (…))`), as a count of
/// distinct values does.
fn counts_groups(query: &str) -> bool {
    matches!(
        logql::parse(query),
        Ok(logql::Expr::Metric(logql::MetricExpr::VectorAgg(a))) if a.op == logql::VectorOp::Count
    )
}

/// The label whose values a distinct count counts: `x` of
/// `count(sum by (x) (…))`.
fn counted_label(query: &str) -> Option<String> {
    use logql::{Expr, MetricExpr, VectorOp};
    let Ok(Expr::Metric(MetricExpr::VectorAgg(count))) = logql::parse(query) else {
        return None;
    };
    match (&count.op, &*count.inner) {
        (VectorOp::Count, MetricExpr::VectorAgg(inner)) => match &inner.grouping {
            Some(g) if !g.without && g.labels.len() == 1 => Some(g.labels[0].clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The range aggregation a query sums, `sum[ by (…)](op(…))`, and whether
/// the sum is grouped.
fn summed_range(query: &str) -> Option<(logql::RangeOp, bool)> {
    use logql::{Expr, MetricExpr, VectorOp};
    match logql::parse(query) {
        Ok(Expr::Metric(MetricExpr::VectorAgg(a))) if a.op == VectorOp::Sum => match &*a.inner {
            MetricExpr::RangeAgg(r) => Some((r.op, a.grouping.is_some())),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a query is the plain total of its lines,
/// `sum(count_over_time(…))`: it measures nothing in them.
fn is_line_total(query: &str) -> bool {
    summed_range(query) == Some((logql::RangeOp::CountOverTime, false))
}

/// Whether a metric query is a quotient (times a constant, for percent).
fn divides(query: &str) -> bool {
    fn quotient(m: &logql::MetricExpr) -> bool {
        match m {
            logql::MetricExpr::Binary(b) => {
                b.op == logql::BinOp::Div
                    || (b.op == logql::BinOp::Mul && (quotient(&b.lhs) || quotient(&b.rhs)))
            }
            _ => false,
        }
    }
    matches!(logql::parse(query), Ok(logql::Expr::Metric(m)) if quotient(&m))
}

/// `sum(sum_over_time(… | unwrap f …))`: the total of a field.
fn sums_a_field(query: &str) -> bool {
    summed_range(query).is_some_and(|(op, _)| op == logql::RangeOp::SumOverTime)
}

/// A metric result whose every value is 0 (or NaN) found nothing.
fn all_zero(result: &QueryResult) -> bool {
    match result {
        QueryResult::Vector(v) => v
            .iter()
            .all(|s| s.point.value == 0.0 || s.point.value.is_nan()),
        QueryResult::Scalar(p) => p.value == 0.0,
        // A series of zeros (`or vector(0)` fills the empty steps).
        QueryResult::Matrix(m) => m
            .iter()
            .flat_map(|s| &s.points)
            .all(|p| p.value == 0.0 || p.value.is_nan()),
        _ => false,
    }
}

/// The source refused a query for having too many series (the embedded
/// engine and Loki say it in the same words).
fn is_series_limit(e: &SourceError) -> bool {
    e.to_string().to_lowercase().contains("maximum of series")
}

/// Whether a reading filters, groups or measures a parsed field.
fn uses_a_field(g: &ground::Grounded) -> bool {
    g.group_by.is_some() || g.measure.is_some() || !g.filters.is_empty()
}

#[cfg(test)]
mod tests {
    use super::counted_label;

    #[test]
    fn the_label_a_distinct_count_counts() {
        let q = r#"count(sum by (node)(count_over_time({filename="x"} |= "image"[1h])))"#;
        assert_eq!(counted_label(q).as_deref(), Some("node"));
        assert_eq!(counted_label(r#"sum(count_over_time({a="b"}[1h]))"#), None);
        assert_eq!(counted_label("not logql"), None);
    }
}
