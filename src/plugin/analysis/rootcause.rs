//! `rootcause` and `recommend`: what started before the worst burst of
//! failures and went on with it, as candidates; `recommend` adds what to
//! check (for one line, when the question quotes it after a colon).

use super::{number, text, Analysis, Context};
use crate::analyze::{explain, recommend, rootcause};
use crate::plugin::frames::{Field, Frame, Values};
use crate::plugin::proto::DataResponse;
use crate::plugin::response::failure;

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
            return Err(failure(
                400,
                "plugin",
                "no line in the range reads as a failure: nothing to explain",
            ));
        };
        let c = &rc.candidates;
        let table = cx.frame(
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
        );
        let advice = match (self.advise, cx.llm) {
            (true, Some(llm)) => match recommend::with_llm(&rc, &req.model.question, llm).await
            {
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
