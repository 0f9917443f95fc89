//! Binary operators between scalars and vectors, with Prometheus' vector
//! matching (`on`/`ignoring`, `group_left`/`group_right`) and `bool`.

use std::collections::{HashMap, HashSet};

use super::{Value, Vector};
use crate::source::Labels;
use crate::EngineError;
use logql::{BinOp, BinaryExpr, Cardinality, VectorMatching};

pub(super) fn apply(b: &BinaryExpr, lhs: Value, rhs: Value) -> Result<Value, EngineError> {
    let op = b.op;
    Ok(match (lhs, rhs) {
        (Value::Scalar(l), Value::Scalar(r)) => Value::Scalar(
            l.into_iter()
                .zip(r)
                .map(|(a, c)| scalar_op(op, a, c, true).unwrap_or(0.0))
                .collect(),
        ),
        (Value::Vector(l), Value::Scalar(r)) => Value::Vector(
            l.into_iter()
                .zip(r)
                .map(|(v, s)| with_scalar(op, b.return_bool, v, s, false))
                .collect(),
        ),
        (Value::Scalar(l), Value::Vector(r)) => Value::Vector(
            r.into_iter()
                .zip(l)
                .map(|(v, s)| with_scalar(op, b.return_bool, v, s, true))
                .collect(),
        ),
        (Value::Vector(l), Value::Vector(r)) => Value::Vector(
            l.into_iter()
                .zip(r)
                .map(|(lv, rv)| vectors(b, lv, rv))
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// `a op b`; for comparisons `Some(1/0)` with `bool`, else `Some(a)` when
/// it holds and `None` when it does not. `None` for set operators.
fn scalar_op(op: BinOp, a: f64, b: f64, return_bool: bool) -> Option<f64> {
    let value = op.eval(a, b)?;
    if !op.is_comparison() || return_bool {
        return Some(value);
    }
    (value == 1.0).then_some(a)
}

/// Vector with scalar; `scalar_first` when the scalar is the left operand.
/// A comparison without `bool` keeps the vector's own value.
fn with_scalar(op: BinOp, return_bool: bool, v: Vector, s: f64, scalar_first: bool) -> Vector {
    v.into_iter()
        .filter_map(|(labels, x)| {
            let (a, b) = if scalar_first { (s, x) } else { (x, s) };
            let out = scalar_op(op, a, b, return_bool)?;
            let value = if op.is_comparison() && !return_bool {
                x
            } else {
                out
            };
            Some((labels, value))
        })
        .collect()
}

fn signature(labels: &Labels, matching: Option<&VectorMatching>) -> Labels {
    let mut sig = labels.clone();
    match matching {
        Some(m) if m.on => sig.retain(|k, _| m.labels.iter().any(|l| l == k)),
        Some(m) => sig.retain(|k, _| !m.labels.iter().any(|l| l == k)),
        None => {}
    }
    sig
}

fn vectors(b: &BinaryExpr, lhs: Vector, rhs: Vector) -> Result<Vector, EngineError> {
    let matching = b.matching.as_ref();
    match b.op {
        BinOp::And | BinOp::Or | BinOp::Unless => Ok(set_op(b.op, matching, lhs, rhs)),
        _ => arithmetic(b, matching, lhs, rhs),
    }
}

fn set_op(op: BinOp, matching: Option<&VectorMatching>, lhs: Vector, rhs: Vector) -> Vector {
    let rhs_sigs: HashSet<Labels> = rhs.iter().map(|(l, _)| signature(l, matching)).collect();
    match op {
        BinOp::And => lhs
            .into_iter()
            .filter(|(l, _)| rhs_sigs.contains(&signature(l, matching)))
            .collect(),
        BinOp::Unless => lhs
            .into_iter()
            .filter(|(l, _)| !rhs_sigs.contains(&signature(l, matching)))
            .collect(),
        _ => {
            let lhs_sigs: HashSet<Labels> =
                lhs.iter().map(|(l, _)| signature(l, matching)).collect();
            let mut out = lhs;
            out.extend(
                rhs.into_iter()
                    .filter(|(l, _)| !lhs_sigs.contains(&signature(l, matching))),
            );
            out
        }
    }
}

fn arithmetic(
    b: &BinaryExpr,
    matching: Option<&VectorMatching>,
    lhs: Vector,
    rhs: Vector,
) -> Result<Vector, EngineError> {
    let card = matching.map_or(Cardinality::OneToOne, |m| m.card);
    // The "one" side is indexed by signature; for group_right it is the left.
    let (one, many, many_is_lhs) = match card {
        Cardinality::OneToMany => (lhs, rhs, false),
        _ => (rhs, lhs, true),
    };
    let mut index: HashMap<Labels, (Labels, f64)> = HashMap::new();
    for (labels, v) in one {
        let sig = signature(&labels, matching);
        if index.insert(sig, (labels, v)).is_some() {
            let side = if many_is_lhs { "right" } else { "left" };
            return Err(EngineError::BadQuery(format!(
                "found duplicate series on the {side} hand-side;many-to-many matching not allowed: matching labels must be unique on one side"
            )));
        }
    }
    let mut out = Vector::new();
    let mut seen_one_to_one: HashSet<Labels> = HashSet::new();
    let mut seen_results: HashSet<Labels> = HashSet::new();
    for (labels, v) in many {
        let sig = signature(&labels, matching);
        let Some((one_labels, one_v)) = index.get(&sig) else {
            continue;
        };
        if card == Cardinality::OneToOne && !seen_one_to_one.insert(sig) {
            return Err(EngineError::BadQuery(
                "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)".into(),
            ));
        }
        let (a, c) = if many_is_lhs {
            (v, *one_v)
        } else {
            (*one_v, v)
        };
        // Uniqueness is checked before a comparison filters anything out.
        let result = result_labels(&labels, one_labels, matching, card);
        if card != Cardinality::OneToOne && !seen_results.insert(result.clone()) {
            return Err(EngineError::BadQuery(
                "multiple matches for labels: grouping labels must ensure unique matches".into(),
            ));
        }
        let Some(value) = scalar_op(b.op, a, c, b.return_bool) else {
            continue;
        };
        out.push((result, value));
    }
    Ok(out)
}

/// Prometheus' result labels: one-to-one keeps the `on` labels (or drops
/// the `ignoring` ones); group_left/right keep the "many" side's labels and
/// copy the listed ones from the "one" side.
fn result_labels(
    many: &Labels,
    one: &Labels,
    matching: Option<&VectorMatching>,
    card: Cardinality,
) -> Labels {
    let mut out = many.clone();
    let Some(m) = matching else {
        return out;
    };
    if card == Cardinality::OneToOne {
        if m.on {
            out.retain(|k, _| m.labels.iter().any(|l| l == k));
        } else {
            out.retain(|k, _| !m.labels.iter().any(|l| l == k));
        }
        return out;
    }
    for name in &m.include {
        match one.get(name) {
            Some(v) if !v.is_empty() => out.set(name.clone(), v.to_string()),
            _ => {
                out.remove(name);
            }
        }
    }
    out
}
