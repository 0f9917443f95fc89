//! `explain`: the line given after a colon in the question, explained from
//! the lines around it (and by the LLM, when one is configured).

use super::{text, Analysis, Context};
use crate::analyze::explain;
use crate::plugin::frames::{Field, Frame};
use crate::plugin::proto::DataResponse;

pub(crate) struct Explain;

impl Analysis for Explain {
    async fn frames(&self, cx: &mut Context<'_>) -> Result<Vec<Frame>, DataResponse> {
        let mut e = explain::explain_line(&cx.lines, explain::line_of(&cx.req.model.question));
        if let Some(llm) = cx.llm {
            if let Err(err) = explain::with_llm(&mut e, llm).await {
                cx.warn(format!("no LLM explanation: {err}"));
            }
        }
        let described = explain::describe(&e);
        // `what: value` lines become the table's rows.
        let rows: Vec<(String, String)> = described
            .lines()
            .filter_map(|l| {
                l.split_once(": ")
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect();
        let table = cx.frame(
            "explanation",
            vec![
                Field::new("what", text(rows.iter().map(|r| r.0.clone()).collect())),
                Field::new("value", text(rows.iter().map(|r| r.1.clone()).collect())),
            ],
        );
        cx.lead(e.llm.clone().unwrap_or(described));
        Ok(vec![table])
    }
}
