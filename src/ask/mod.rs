//! The ask pipeline: from a question to LogQL, results and an answer.
//!
//! [`understand`] reads the question; [`plan`] (the LLM-free planner)
//! builds LogQL from it, the retrieved templates and the labels, checked
//! against the scope; [`Asker::ask`] runs it on any [`LogSource`], falls
//! back to a keyword-only plan when the template-based one fails or finds
//! nothing, records every attempt, and [`answer`] words the result.

pub mod answer;
pub mod plan;
pub mod understand;

use crate::knowledge::Knowledge;
use crate::source::{InstantQuery, LogSource, QueryResult, RangeQuery, SourceError};
use plan::{Context, Mode, Plan, PlanError};
use understand::{Clock, Understanding};

/// One query tried on the way to the answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Attempt {
    pub logql: String,
    /// `template` or `keywords`.
    pub planner: String,
    pub ok: bool,
    pub error: Option<String>,
    /// Lines (log queries) or series (metric queries) returned.
    pub returned: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub understanding: Understanding,
    pub logql: String,
    pub result: QueryResult,
    pub answer: String,
    pub attempts: Vec<Attempt>,
    /// Retrieval and planning choices, for `--explain`.
    pub why: Vec<String>,
    /// The window the query covered.
    pub window: (i64, i64),
}

#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("no query answered the question: {0}")]
    Source(SourceError),
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
}

impl Asker<'_> {
    pub async fn ask(&self, question: &str) -> Result<Answer, AskError> {
        let u = understand::understand(question, &self.clock);
        let window = u.time.as_ref().map_or(self.window, |t| (t.start, t.end));
        let cx = Context {
            scope: &self.scope,
            knowledge: self.knowledge,
            labels: &self.labels,
            window: self.window,
        };
        let mut attempts = Vec::new();
        let mut why = Vec::new();
        let mut last_error = None;
        // The latest result that ran but came back empty.
        let mut empty: Option<(QueryResult, plan::Planned)> = None;
        for mode in [Mode::Template, Mode::Keywords] {
            let planned = match plan::plan(&u, &cx, mode) {
                Ok(p) => p,
                // A template-based plan the checks refuse falls back.
                Err(e @ PlanError::Invalid { .. }) if mode == Mode::Template => {
                    why.push(format!("template plan refused: {e}"));
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if mode == Mode::Keywords
                && attempts
                    .iter()
                    .any(|a: &Attempt| a.logql == planned.plan.query())
            {
                break; // the fallback would repeat the same query
            }
            why.extend(planned.why.iter().cloned());
            let planner = match mode {
                Mode::Template => "template",
                Mode::Keywords => "keywords",
            };
            match self.run(&planned.plan).await {
                Ok(result) => {
                    let returned = count(&result);
                    attempts.push(Attempt {
                        logql: planned.plan.query().to_string(),
                        planner: planner.into(),
                        ok: true,
                        error: None,
                        returned,
                    });
                    // An empty answer from a template that has lines is
                    // worth a second, simpler try.
                    let retry =
                        returned == 0 && planned.template.is_some() && mode == Mode::Template;
                    if !retry {
                        return Ok(self.finish(u, result, &planned, attempts, why, window));
                    }
                    why.push("the template's query found nothing; retrying with keywords".into());
                    empty = Some((result, planned));
                }
                Err(e) => {
                    why.push(format!("{planner} query failed: {e}"));
                    attempts.push(Attempt {
                        logql: planned.plan.query().to_string(),
                        planner: planner.into(),
                        ok: false,
                        error: Some(e.to_string()),
                        returned: 0,
                    });
                    last_error = Some(e);
                }
            }
        }
        // Both tries ran: answer from the empty result if one ran at all.
        if let Some((result, planned)) = empty {
            return Ok(self.finish(u, result, &planned, attempts, why, window));
        }
        Err(AskError::Source(last_error.unwrap_or_else(|| {
            SourceError::BadRequest("no query could be planned".into())
        })))
    }

    fn finish(
        &self,
        understanding: Understanding,
        result: QueryResult,
        planned: &plan::Planned,
        attempts: Vec<Attempt>,
        why: Vec<String>,
        window: (i64, i64),
    ) -> Answer {
        let answer = answer::answer(
            &understanding,
            &result,
            self.knowledge,
            planned.template.as_deref(),
            window,
        );
        Answer {
            logql: planned.plan.query().to_string(),
            understanding,
            result,
            answer,
            attempts,
            why,
            window,
        }
    }

    async fn run(&self, plan: &Plan) -> Result<QueryResult, SourceError> {
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
                    .result
            }
            Plan::Instant { query, time } => {
                self.source
                    .query_instant(&InstantQuery {
                        query: query.clone(),
                        time: *time,
                        limit: 100,
                        direction: crate::source::Direction::Backward,
                    })
                    .await?
                    .result
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
                        direction: crate::source::Direction::Backward,
                    })
                    .await?
                    .result
            }
        })
    }
}

fn count(result: &QueryResult) -> usize {
    match result {
        QueryResult::Streams(s) => s.iter().map(|s| s.entries.len()).sum(),
        QueryResult::Matrix(m) => m.len(),
        QueryResult::Vector(v) => v.len(),
        QueryResult::Scalar(_) => 1,
    }
}
