//! `parse`: the templates of the lines, with counts and parameters.

use super::{number, text, Analysis, Context};
use crate::analyze::parse;
use crate::plugin::frames::{Field, Frame};
use crate::plugin::proto::DataResponse;

pub(crate) struct Parse;

impl Analysis for Parse {
    async fn frames(&self, cx: &mut Context<'_>) -> Result<Vec<Frame>, DataResponse> {
        let t = parse::templates(&cx.lines);
        let table = cx.frame(
            "templates",
            vec![
                Field::new("count", number(t.iter().map(|x| x.count as f64).collect())),
                Field::new(
                    "template",
                    text(t.iter().map(|x| x.template.clone()).collect()),
                ),
                Field::new(
                    "parameters",
                    text(t.iter().map(|x| x.params.join(", ")).collect()),
                ),
                Field::new(
                    "example",
                    text(t.iter().map(|x| x.example.clone()).collect()),
                ),
            ],
        );
        cx.lead(format!(
            "{} templates in {} lines",
            t.len(),
            cx.lines.lines.len()
        ));
        Ok(vec![table])
    }
}
