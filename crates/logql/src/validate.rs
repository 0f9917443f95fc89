//! Loki's semantic rules for a parsed node. The parser runs them as it builds
//! each node and reports the first failure once the whole query has parsed,
//! which is the order Loki's validation follows.
//!
//! These errors concern a node as a whole, so they carry no position: Loki
//! prints them as `parse error : MESSAGE`.

use super::ast::*;
use super::error::ParseError;

pub const ERR_NEED_MATCHER: &str = "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will";

/// A range aggregation's parameter, grouping and unwrap rules, in Loki's
/// order. `param_text` is the parameter as written.
pub fn check_range_agg(r: &RangeAgg, param_text: Option<&str>) -> Result<(), ParseError> {
    let op = r.op.name();
    match (r.op, param_text) {
        (RangeOp::QuantileOverTime, None) => {
            return Err(ParseError::whole(format!(
                "parameter required for operation {op}"
            )))
        }
        (RangeOp::QuantileOverTime, Some(text)) if r.param.is_none() => {
            return Err(ParseError::whole(format!(
                "invalid parameter for operation {op}: {}",
                super::lexer::parse_float_error(text)
            )))
        }
        (RangeOp::QuantileOverTime, Some(_)) | (_, None) => {}
        (_, Some(text)) => {
            return Err(ParseError::whole(format!(
                "parameter {text} not supported for operation {op}"
            )))
        }
    }
    if r.grouping.is_some() && !r.op.allows_grouping() {
        return Err(ParseError::whole(format!(
            "grouping not allowed for {op} aggregation"
        )));
    }
    match (r.op.unwrap_rule(), r.range.unwrap.is_some()) {
        (UnwrapRule::Forbidden, true) => Err(ParseError::whole(format!(
            "invalid aggregation {op} with unwrap"
        ))),
        (UnwrapRule::Required, false) => Err(ParseError::whole(format!(
            "invalid aggregation {op} without unwrap"
        ))),
        _ => Ok(()),
    }
}

/// A vector aggregation's parameter (as written, e.g. the `5` of `topk(5, ...)`)
/// and grouping. Returns the parameter's value.
pub fn check_vector_agg(
    op: VectorOp,
    param_text: Option<&str>,
    grouping: Option<&Grouping>,
) -> Result<Option<f64>, ParseError> {
    let name = op.name();
    let param = if op.takes_param() {
        let Some(text) = param_text else {
            return Err(ParseError::whole(format!(
                "parameter required for operation {name}"
            )));
        };
        // Loki reads the parameter with Go's Atoi: digits with an optional sign.
        let k: i64 = text
            .parse()
            .map_err(|_| ParseError::whole(format!("invalid parameter {name}({text},")))?;
        if k <= 0 {
            return Err(ParseError::whole(format!(
                "invalid parameter (must be greater than 0) {name}({text}"
            )));
        }
        Some(k as f64)
    } else if let Some(text) = param_text {
        return Err(ParseError::whole(format!(
            "unsupported parameter for operation {name}({text},"
        )));
    } else {
        None
    };
    if op == VectorOp::ApproxTopk && grouping.is_some() {
        return Err(ParseError::whole(format!(
            "grouping not allowed for {name} aggregation"
        )));
    }
    if matches!(op, VectorOp::Sort | VectorOp::SortDesc)
        && grouping.is_some_and(|g| !g.labels.is_empty())
    {
        return Err(ParseError::whole(
            "sort and sort_desc doesn't allow grouping by ",
        ));
    }
    Ok(param)
}

/// A set operation (`and`, `or`, `unless`) cannot have a literal leg.
pub fn check_binary(b: &BinaryExpr) -> Result<(), ParseError> {
    let op = b.op.as_str();
    if b.op.is_set_op() {
        for (leg, side) in [(&b.lhs, "left"), (&b.rhs, "right")] {
            if let MetricExpr::Literal(v) = leg {
                return Err(ParseError::whole(format!(
                    "unexpected literal for {side} leg of logical/set binary operation ({op}): {v:.6}"
                )));
            }
        }
    }
    Ok(())
}

pub fn check_label_replace(l: &LabelReplace) -> Result<(), ParseError> {
    super::regex_check::validate_label_replace(&l.regex)
        .map_err(|e| ParseError::whole(format!("invalid regex in label_replace: {e}")))?;
    Ok(())
}

/// Does a matcher accept the empty string (and so select every stream that
/// lacks the label)?
pub fn matches_empty(m: &Matcher) -> bool {
    match m.op {
        MatchOp::Eq => m.value.is_empty(),
        MatchOp::Neq => !m.value.is_empty(),
        MatchOp::Re => super::regex_check::anchored_matches_empty(&m.value),
        MatchOp::Nre => !super::regex_check::anchored_matches_empty(&m.value),
    }
}

/// A selector needs one matcher that rejects the empty value, or it would
/// select every stream.
pub fn check_selector(selector: &[Matcher]) -> Result<(), ParseError> {
    if selector.iter().all(matches_empty) {
        return Err(ParseError::whole(ERR_NEED_MATCHER));
    }
    Ok(())
}
