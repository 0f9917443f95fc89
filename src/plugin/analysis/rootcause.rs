//! `rootcause` and `recommend`: what started before the worst burst of
//! failures and went on with it, as candidates; `recommend` adds what to
//! check (for one line, when the question quotes it after a colon).

use super::{number, text, Analysis, Context};
use crate::analyze::lines::Prepared;
use crate::analyze::{anomaly, explain, recommend, rootcause};
use crate::plugin::frames::{Field, Frame, Values};
use crate::plugin::proto::DataResponse;

pub(crate) struct RootCause {
    /// `recommend`: advice rather than the bare ranking.
    pub advise: bool,
}

impl Analysis for RootCause {
    async fn frames(&self, cx: &mut Context<'_>) -> Result<Vec<Frame>, DataResponse> {
        let req = cx.req;
        if self.advise {
            if let Some(line) = recommend::line_in(&req.model.question) {
                return Ok(vec![advise_line(cx, line).await]);
            }
        }
        let Some(rc) = rootcause::analyze(&cx.lines, None) else {
            // The analysis ran and found no failure: an answer, not an
            // error (a 400 would blame the query and turn panels red).
            let verdict = no_failure(&cx.lines);
            cx.lead(verdict);
            return Ok(vec![candidates(cx, &[])]);
        };
        let table = candidates(cx, &rc.candidates);
        let advice = match (self.advise, cx.llm) {
            (true, Some(llm)) => match recommend::with_llm(&rc, &req.model.question, llm).await {
                Ok(t) => t,
                Err(e) => {
                    cx.warn(format!("no LLM recommendation: {e}"));
                    recommend::deterministic(&rc)
                }
            },
            _ => recommend::deterministic(&rc),
        };
        cx.lead(advice);
        Ok(vec![table])
    }
}

/// The root-cause candidates as a table.
fn candidates(cx: &Context<'_>, c: &[rootcause::Candidate]) -> Frame {
    cx.frame(
        "candidates",
        vec![
            Field::new("Time", Values::Time(c.iter().map(|x| x.first).collect())),
            Field::new("score", number(c.iter().map(|x| x.score).collect())),
            Field::new(
                "template",
                text(c.iter().map(|x| x.template.clone()).collect()),
            ),
            Field::new("source", text(c.iter().map(|x| x.source.clone()).collect())),
            Field::new("lines", number(c.iter().map(|x| x.count as f64).collect())),
            Field::new(
                "example",
                text(c.iter().map(|x| x.example.clone()).collect()),
            ),
        ],
    )
}

/// Why nothing was explained: no line reads as a failure, and what the
/// lines with failure words read as instead (failed logins read as access
/// control working, for one).
fn no_failure(p: &Prepared) -> String {
    let scored = anomaly::score_all(p).0;
    let mut out = format!(
        "None of the {} lines analysed reads as a failure, so there is no burst to explain.",
        p.lines.len()
    );
    let worded: Vec<_> = p
        .lines
        .iter()
        .zip(&scored)
        .filter(|(_, s)| s.message.failure > 0.0)
        .collect();
    let strongest = worded
        .iter()
        .max_by(|a, b| a.1.message.failure.total_cmp(&b.1.message.failure));
    if let Some((line, s)) = strongest {
        let reading: Vec<&str> = s.message.hits.iter().map(|h| h.why).collect();
        out.push_str(&format!(
            " {} lines have failure words but read as routine, e.g. {} ({}).",
            worded.len(),
            crate::llm::untrusted(p.template(line)),
            reading.join(", ")
        ));
    }
    out
}

/// Advice for the one line the question quotes.
async fn advise_line(cx: &mut Context<'_>, line: &str) -> Frame {
    let advice = recommend::for_line(line);
    let plain = recommend::describe_line(&advice);
    let req = cx.req;
    let written = match cx.llm {
        Some(llm) => match recommend::line_with_llm(&advice, &req.model.question, llm).await {
            Ok(t) => t,
            Err(e) => {
                cx.warn(format!("no LLM recommendation: {e}"));
                plain.clone()
            }
        },
        None => plain.clone(),
    };
    let what = ["line", "score", "class", "component", "advice"];
    let table = cx.frame(
        "advice",
        vec![
            Field::new("what", text(what.iter().map(|w| w.to_string()).collect())),
            Field::new(
                "value",
                text(vec![
                    advice.line.clone(),
                    format!("{:.2}", advice.score),
                    advice.class.map(explain::class_id).unwrap_or_default(),
                    advice.component.describe().unwrap_or_default(),
                    plain,
                ]),
            ),
        ],
    );
    cx.lead(written);
    table
}
