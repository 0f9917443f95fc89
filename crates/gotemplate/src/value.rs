//! The dynamic values a template computes with, modelled on the Go types
//! Loki's template functions produce.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::gotime::GoTime;

/// Element type of a map value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MapKind {
    /// `map[string]string` (the label map): a missing key reads as "".
    Str,
    /// `map[string]interface {}` (from fromJson): a missing key reads as nil.
    Any,
}

#[derive(Clone, Debug)]
pub(super) enum Value<'a> {
    /// Go's untyped nil / an invalid reflect.Value.
    Nil,
    Str(Cow<'a, str>),
    /// Go `int`.
    Int(i64),
    /// Go `int64`.
    Int64(i64),
    /// Go `uint8` (indexing a string).
    Byte(u8),
    Float(f64),
    Bool(bool),
    Time(GoTime),
    /// `[]interface {}`.
    List(Rc<Vec<Value<'static>>>),
    Map(Rc<BTreeMap<String, Value<'static>>>, MapKind),
    /// The template's data: the label map, looked up lazily.
    Labels,
}

impl Value<'_> {
    /// Go's reflect type name, as used in error messages.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "<nil>",
            Value::Str(_) => "string",
            Value::Int(_) => "int",
            Value::Int64(_) => "int64",
            Value::Byte(_) => "uint8",
            Value::Float(_) => "float64",
            Value::Bool(_) => "bool",
            Value::Time(_) => "time.Time",
            Value::List(_) => "[]interface {}",
            Value::Map(_, MapKind::Str) | Value::Labels => "map[string]string",
            Value::Map(_, MapKind::Any) => "map[string]interface {}",
        }
    }

    /// text/template's notion of truth (`if`, `with`, `and`, `or`, `not`).
    /// `Labels` must be materialized by the caller first.
    pub(super) fn is_true(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Str(s) => !s.is_empty(),
            Value::Int(i) | Value::Int64(i) => *i != 0,
            Value::Byte(b) => *b != 0,
            Value::Float(f) => *f != 0.0,
            Value::Bool(b) => *b,
            Value::Time(_) => true,
            Value::List(l) => !l.is_empty(),
            Value::Map(m, _) => !m.is_empty(),
            Value::Labels => true,
        }
    }
}

/// Owned string value.
pub(super) fn string_value(s: String) -> Value<'static> {
    Value::Str(Cow::Owned(s))
}
