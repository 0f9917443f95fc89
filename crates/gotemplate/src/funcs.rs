//! The function table: text/template's builtins, Loki's own functions and
//! the Sprig functions Loki registers, with their Go signatures (argument
//! types are checked the way text/template checks them) and behaviour.

use std::borrow::Cow;
use std::rc::Rc;

use regex::Regex;

use super::gofmt::{self, fmt_v};
use super::gotime::{self, GoTime, Loc};
use super::util::{self, to_float64, to_int64, Dec};
use super::value::{string_value, MapKind, Value};
use super::{TemplateData, MAX_OUTPUT_BYTES};

/// Go parameter types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    Str,
    Int,
    Float,
    Time,
    /// `interface {}` / `reflect.Value`: anything, including nil.
    Any,
}

impl Ty {
    pub(super) fn go_name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "int",
            Ty::Float => "float64",
            Ty::Time => "time.Time",
            Ty::Any => "interface {}",
        }
    }
}

/// A Go function signature: fixed parameters, then an optional variadic one.
pub(super) struct Sig {
    pub fixed: &'static [Ty],
    pub variadic: Option<Ty>,
}

macro_rules! func_table {
    ($($variant:ident $name:literal [$($t:ident),*] $var:ident;)*) => {
        /// Every function a template may call.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(super) enum Func { $($variant,)* }

        impl Func {
            pub(super) fn from_name(name: &str) -> Option<Func> {
                match name {
                    $($name => Some(Func::$variant),)*
                    _ => None,
                }
            }

            pub(super) fn name(self) -> &'static str {
                match self { $(Func::$variant => $name,)* }
            }

            pub(super) fn sig(self) -> Sig {
                match self {
                    $(Func::$variant => Sig {
                        fixed: &[$(Ty::$t),*],
                        variadic: func_table!(@var $var),
                    },)*
                }
            }

            /// All function names, for documentation and tests.
            pub(super) fn all_names() -> &'static [&'static str] {
                &[$($name,)*]
            }
        }
    };
    (@var None) => { None };
    (@var $t:ident) => { Some(Ty::$t) };
}

func_table! {
    // text/template builtins.
    And "and" [Any] Any;
    Or "or" [Any] Any;
    Not "not" [Any] None;
    Len "len" [Any] None;
    Index "index" [Any] Any;
    Slice "slice" [Any] Any;
    Eq "eq" [Any] Any;
    Ne "ne" [Any, Any] None;
    Lt "lt" [Any, Any] None;
    Le "le" [Any, Any] None;
    Gt "gt" [Any, Any] None;
    Ge "ge" [Any, Any] None;
    Print "print" [] Any;
    Printf "printf" [Str] Any;
    Println "println" [] Any;
    Html "html" [] Any;
    Js "js" [] Any;
    Urlquery "urlquery" [] Any;
    Call "call" [Any] Any;
    // Loki.
    Line "__line__" [] None;
    Timestamp "__timestamp__" [] None;
    GoToLower "ToLower" [Str] None;
    GoToUpper "ToUpper" [Str] None;
    GoReplace "Replace" [Str, Str, Str, Int] None;
    GoTrim "Trim" [Str, Str] None;
    GoTrimLeft "TrimLeft" [Str, Str] None;
    GoTrimRight "TrimRight" [Str, Str] None;
    GoTrimPrefix "TrimPrefix" [Str, Str] None;
    GoTrimSuffix "TrimSuffix" [Str, Str] None;
    GoTrimSpace "TrimSpace" [Str] None;
    RegexReplaceAll "regexReplaceAll" [Str, Str, Str] None;
    RegexReplaceAllLiteral "regexReplaceAllLiteral" [Str, Str, Str] None;
    Count "count" [Str, Str] None;
    Urldecode "urldecode" [Str] None;
    Urlencode "urlencode" [Str] None;
    Bytes "bytes" [Str] None;
    Duration "duration" [Str] None;
    DurationSeconds "duration_seconds" [Str] None;
    UnixEpochMillis "unixEpochMillis" [Time] None;
    UnixEpochNanos "unixEpochNanos" [Time] None;
    ToDateInZone "toDateInZone" [Str, Str, Str] None;
    UnixToTime "unixToTime" [Str] None;
    AlignLeft "alignLeft" [Int, Str] None;
    AlignRight "alignRight" [Int, Str] None;
    // Sprig.
    B64enc "b64enc" [Str] None;
    B64dec "b64dec" [Str] None;
    Lower "lower" [Str] None;
    Upper "upper" [Str] None;
    Title "title" [Str] None;
    Trunc "trunc" [Int, Str] None;
    Substr "substr" [Int, Int, Str] None;
    Contains "contains" [Str, Str] None;
    HasPrefix "hasPrefix" [Str, Str] None;
    HasSuffix "hasSuffix" [Str, Str] None;
    Indent "indent" [Int, Str] None;
    Nindent "nindent" [Int, Str] None;
    Replace "replace" [Str, Str, Str] None;
    Repeat "repeat" [Int, Str] None;
    Trim "trim" [Str] None;
    TrimAll "trimAll" [Str, Str] None;
    TrimSuffix "trimSuffix" [Str, Str] None;
    TrimPrefix "trimPrefix" [Str, Str] None;
    ToInt "int" [Any] None;
    ToFloat64 "float64" [Any] None;
    Add "add" [] Any;
    Sub "sub" [Any, Any] None;
    Mul "mul" [Any] Any;
    Div "div" [Any, Any] None;
    Mod "mod" [Any, Any] None;
    Addf "addf" [] Any;
    Subf "subf" [Any] Any;
    Mulf "mulf" [Any] Any;
    Divf "divf" [Any] Any;
    Max "max" [Any] Any;
    Min "min" [Any] Any;
    Maxf "maxf" [Any] Any;
    Minf "minf" [Any] Any;
    Ceil "ceil" [Any] None;
    Floor "floor" [Any] None;
    Round "round" [Any, Int] Float;
    FromJson "fromJson" [Str] None;
    Date "date" [Str, Any] None;
    ToDate "toDate" [Str, Str] None;
    Now "now" [] None;
    UnixEpoch "unixEpoch" [Time] None;
    Default "default" [Any] Any;
}

/// Compiles a regular expression; the error reads like Go's regexp errors.
pub(super) fn compile_regex(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(8 << 20)
        .build()
        .map_err(|e| {
            let msg = e.to_string();
            let detail = msg
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid pattern")
                .trim()
                .trim_start_matches("error: ")
                .to_string();
            format!("error parsing regexp: {detail}: `{pattern}`")
        })
}

fn too_large(len: usize) -> Result<(), String> {
    if len > MAX_OUTPUT_BYTES {
        Err(format!(
            "result of {len} bytes exceeds the {MAX_OUTPUT_BYTES} byte limit"
        ))
    } else {
        Ok(())
    }
}

fn s_owned(s: String) -> Result<Value<'static>, String> {
    too_large(s.len())?;
    Ok(string_value(s))
}

/// Argument accessors; the executor has already checked the Go types.
struct Args<'a>(Vec<Value<'a>>);

impl<'a> Args<'a> {
    fn v(&self, i: usize) -> &Value<'a> {
        self.0.get(i).unwrap_or(&Value::Nil)
    }
    fn s(&self, i: usize) -> &str {
        match self.0.get(i) {
            Some(Value::Str(s)) => s,
            _ => "",
        }
    }
    fn i(&self, i: usize) -> i64 {
        match self.0.get(i) {
            Some(Value::Int(n) | Value::Int64(n)) => *n,
            _ => 0,
        }
    }
    fn t(&self, i: usize) -> GoTime {
        match self.0.get(i) {
            Some(Value::Time(t)) => t.clone(),
            _ => GoTime::zero(),
        }
    }
    fn take(&mut self, i: usize) -> Value<'a> {
        match self.0.get_mut(i) {
            Some(v) => std::mem::replace(v, Value::Nil),
            None => Value::Nil,
        }
    }
}

fn chars_clamp(s: &str, start: usize, end: usize) -> &str {
    let mut it = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()));
    let b_start = it.clone().nth(start).unwrap_or(s.len());
    let b_end = it.nth(end).unwrap_or(s.len());
    s.get(b_start..b_end.max(b_start)).unwrap_or("")
}

fn go_replace(s: &str, old: &str, new: &str, n: i64) -> Result<String, String> {
    if old == new || n == 0 {
        return Ok(s.to_string());
    }
    let m = if old.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(old).count()
    };
    if m == 0 {
        return Ok(s.to_string());
    }
    let n = if n < 0 || n as usize > m {
        m
    } else {
        n as usize
    };
    too_large(
        s.len()
            .saturating_add(n.saturating_mul(new.len()))
            .saturating_sub(n * old.len()),
    )?;
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for i in 0..n {
        let mut j = start;
        if old.is_empty() {
            if i > 0 {
                j += s[start..].chars().next().map_or(0, char::len_utf8);
            }
        } else {
            j += s[start..].find(old).unwrap_or(0);
        }
        out.push_str(&s[start..j]);
        out.push_str(new);
        start = j + old.len();
    }
    out.push_str(&s[start..]);
    Ok(out)
}

fn regex_replace(re: &Regex, s: &str, repl: &str, literal: bool) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in re.captures_iter(s) {
        let Some(m) = caps.get(0) else { continue };
        out.push_str(&s[last..m.start()]);
        if literal {
            out.push_str(repl);
        } else {
            caps.expand(repl, &mut out);
        }
        last = m.end();
        too_large(out.len())?;
    }
    out.push_str(&s[last..]);
    too_large(out.len())?;
    Ok(out)
}

fn indent(spaces: i64, v: &str) -> Result<String, String> {
    if spaces < 0 {
        return Err("strings: negative Repeat count".to_string());
    }
    let spaces = spaces as usize;
    let lines = v.matches('\n').count() + 1;
    too_large(v.len().saturating_add(spaces.saturating_mul(lines)))?;
    let pad = " ".repeat(spaces);
    Ok(format!("{pad}{}", v.replace('\n', &format!("\n{pad}"))))
}

fn align(count: i64, src: &str, left: bool) -> Result<String, String> {
    let l = src.chars().count();
    if count < 0 || count as usize == l {
        return Ok(src.to_string());
    }
    let count = count as usize;
    if count > l {
        too_large(src.len().saturating_add(count - l))?;
        let pad = " ".repeat(count - l);
        return Ok(if left {
            format!("{src}{pad}")
        } else {
            format!("{pad}{src}")
        });
    }
    Ok(if left {
        chars_clamp(src, 0, count).to_string()
    } else {
        chars_clamp(src, l - count, l).to_string()
    })
}

/// Sprig's `empty`.
fn empty(v: &Value<'_>) -> bool {
    match v {
        Value::Nil => true,
        Value::Str(s) => s.is_empty(),
        Value::Int(i) | Value::Int64(i) => *i == 0,
        Value::Byte(b) => *b == 0,
        Value::Float(f) => *f == 0.0,
        Value::Bool(b) => !b,
        Value::Time(_) | Value::Labels => false,
        Value::List(l) => l.is_empty(),
        Value::Map(m, _) => m.is_empty(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    Str,
    Other,
}

fn kind(v: &Value<'_>) -> Kind {
    match v {
        Value::Nil => Kind::Invalid,
        Value::Bool(_) => Kind::Bool,
        Value::Int(_) | Value::Int64(_) => Kind::Int,
        Value::Byte(_) => Kind::Uint,
        Value::Float(_) => Kind::Float,
        Value::Str(_) => Kind::Str,
        _ => Kind::Other,
    }
}

fn int_of(v: &Value<'_>) -> i128 {
    match v {
        Value::Int(i) | Value::Int64(i) => i128::from(*i),
        Value::Byte(b) => i128::from(*b),
        _ => 0,
    }
}

const ERR_BAD_COMPARISON: &str = "incompatible types for comparison";
const ERR_BAD_COMPARISON_TYPE: &str = "invalid type for comparison";

fn eq2(a: &Value<'_>, b: &Value<'_>) -> Result<bool, String> {
    let (k1, k2) = (kind(a), kind(b));
    if k1 != k2 {
        return match (k1, k2) {
            (Kind::Int | Kind::Uint, Kind::Int | Kind::Uint) => Ok(int_of(a) == int_of(b)),
            (Kind::Invalid, _) | (_, Kind::Invalid) => Ok(false),
            _ => Err(ERR_BAD_COMPARISON.to_string()),
        };
    }
    Ok(match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Nil, Value::Nil) => true,
        (Value::Time(x), Value::Time(y)) => x == y,
        _ if k1 == Kind::Int || k1 == Kind::Uint => int_of(a) == int_of(b),
        _ => {
            return Err(format!(
                "non-comparable type {}: {}",
                fmt_v(b),
                b.type_name()
            ))
        }
    })
}

fn lt2(a: &Value<'_>, b: &Value<'_>) -> Result<bool, String> {
    let (k1, k2) = (kind(a), kind(b));
    if matches!(k1, Kind::Invalid | Kind::Other) || matches!(k2, Kind::Invalid | Kind::Other) {
        return Err(ERR_BAD_COMPARISON_TYPE.to_string());
    }
    if k1 != k2 {
        return match (k1, k2) {
            (Kind::Int | Kind::Uint, Kind::Int | Kind::Uint) => Ok(int_of(a) < int_of(b)),
            _ => Err(ERR_BAD_COMPARISON.to_string()),
        };
    }
    Ok(match (a, b) {
        (Value::Bool(_), _) => return Err(ERR_BAD_COMPARISON_TYPE.to_string()),
        (Value::Float(x), Value::Float(y)) => x < y,
        (Value::Str(x), Value::Str(y)) => x < y,
        _ => int_of(a) < int_of(b),
    })
}

fn index_arg(v: &Value<'_>, cap: usize, slice: bool) -> Result<usize, String> {
    let x = match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Byte(b) => i64::from(*b),
        Value::Nil => return Err("cannot index slice/array with nil".to_string()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ))
        }
    };
    if x < 0 || x as u64 > cap as u64 || (!slice && x as u64 == cap as u64) {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

fn index<'a>(item: Value<'a>, indexes: &[Value<'a>]) -> Result<Value<'a>, String> {
    if let Value::Nil = item {
        return Err("index of untyped nil".to_string());
    }
    let mut item = item;
    for ix in indexes {
        item = match &item {
            Value::List(l) => l[index_arg(ix, l.len(), false)?].clone(),
            Value::Str(s) => Value::Byte(s.as_bytes()[index_arg(ix, s.len(), false)?]),
            Value::Map(m, k) => match ix {
                Value::Str(key) => match m.get(key.as_ref()) {
                    Some(v) => v.clone(),
                    None if *k == MapKind::Str => Value::Str(Cow::Borrowed("")),
                    None => Value::Nil,
                },
                Value::Nil => return Err("value is nil; should be of type string".to_string()),
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ))
                }
            },
            Value::Nil => return Err("index of nil pointer".to_string()),
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(item)
}

fn slice<'a>(item: Value<'a>, indexes: &[Value<'a>]) -> Result<Value<'a>, String> {
    if let Value::Nil = item {
        return Err("slice of untyped nil".to_string());
    }
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &item {
        Value::Str(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".to_string());
            }
            s.len()
        }
        Value::List(l) => l.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0, len, len];
    for (i, ix) in indexes.iter().enumerate() {
        idx[i] = index_arg(ix, len, true)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(match item {
        Value::Str(s) => match s {
            Cow::Borrowed(b) => match b.get(idx[0]..idx[1]) {
                Some(sub) => Value::Str(Cow::Borrowed(sub)),
                None => string_value(
                    String::from_utf8_lossy(&b.as_bytes()[idx[0]..idx[1]]).into_owned(),
                ),
            },
            Cow::Owned(o) => {
                string_value(String::from_utf8_lossy(&o.as_bytes()[idx[0]..idx[1]]).into_owned())
            }
        },
        Value::List(l) => Value::List(Rc::new(l[idx[0]..idx[1]].to_vec())),
        _ => Value::Nil,
    })
}

/// html/js/urlquery argument evaluation (text/template's evalArgs).
fn eval_args(args: &[Value<'_>]) -> String {
    if let [Value::Str(s)] = args {
        return s.to_string();
    }
    let printable: Vec<Value<'_>> = args
        .iter()
        .map(|a| match a {
            Value::Nil => Value::Str(Cow::Borrowed("<no value>")),
            other => other.clone(),
        })
        .collect();
    gofmt::sprint(&printable)
}

fn decimal_op(
    first: f64,
    rest: &[Value<'_>],
    op: fn(Dec, Dec) -> Option<Dec>,
    name: &str,
) -> Result<f64, String> {
    let mut acc = Dec::from_f64(first)?;
    let mut fallback = first;
    let mut exact = true;
    for x in rest {
        let xf = to_float64(x);
        let dx = Dec::from_f64(xf)?;
        if name == "divf" && xf == 0.0 {
            return Err("decimal division by zero".to_string());
        }
        fallback = match name {
            "addf" => fallback + xf,
            "subf" => fallback - xf,
            "mulf" => fallback * xf,
            _ => fallback / xf,
        };
        if exact {
            match op(acc, dx) {
                Some(d) => acc = d,
                None => exact = false,
            }
        }
    }
    Ok(if exact { acc.to_f64() } else { fallback })
}

fn unix_to_time(epoch: &str) -> Result<GoTime, String> {
    let i = util::parse_go_int(epoch, false).map_err(|e| {
        format!(
            "unable to parse time '{epoch}': {}",
            util::parse_int_error(epoch, e)
        )
    })?;
    Ok(match epoch.len() {
        5 => GoTime::unix(i.wrapping_mul(86_400), 0),
        10 => GoTime::unix(i, 0),
        13 => GoTime::unix(0, i.wrapping_mul(1_000_000)),
        16 => GoTime::unix(0, i.wrapping_mul(1_000)),
        19 => GoTime::unix(0, i),
        _ => return Err(format!("unable to parse time '{epoch}': %!w(<nil>)")),
    })
}

fn regex_for<'r>(
    cached: Option<&'r Result<Regex, String>>,
    pattern: &str,
) -> Result<Cow<'r, Regex>, String> {
    match cached {
        Some(Ok(re)) => Ok(Cow::Borrowed(re)),
        Some(Err(e)) => Err(e.clone()),
        None => compile_regex(pattern).map(Cow::Owned),
    }
}

/// Calls a function other than `and`/`or` (which the executor evaluates
/// lazily). Arguments have already been type-checked. An `Err` becomes
/// `error calling NAME: ...`.
pub(super) fn call<'a>(
    f: Func,
    data: &'a dyn TemplateData,
    args: Vec<Value<'a>>,
    cached_re: Option<&Result<Regex, String>>,
) -> Result<Value<'a>, String> {
    use Func::*;
    let mut a = Args(args);
    let b = |x: bool| Ok(Value::Bool(x));
    match f {
        GoToLower
        | Lower
        | GoToUpper
        | Upper
        | Title
        | GoReplace
        | Replace
        | GoTrim
        | TrimAll
        | GoTrimLeft
        | GoTrimRight
        | GoTrimPrefix
        | GoTrimSuffix
        | TrimPrefix
        | TrimSuffix
        | GoTrimSpace
        | Trim
        | RegexReplaceAll
        | RegexReplaceAllLiteral
        | Count
        | Urldecode
        | Urlencode
        | AlignLeft
        | AlignRight
        | B64enc
        | B64dec
        | Trunc
        | Substr
        | Contains
        | HasPrefix
        | HasSuffix
        | Indent
        | Nindent
        | Repeat => call_string(f, a, cached_re),
        ToInt | ToFloat64 | Add | Sub | Mul | Div | Mod | Addf | Subf | Mulf | Divf | Max | Min
        | Maxf | Minf | Ceil | Floor | Round => call_number(f, a),
        Bytes | Duration | DurationSeconds | UnixEpochMillis | UnixEpochNanos | UnixEpoch
        | ToDateInZone | ToDate | UnixToTime | Date | Now => call_time(f, a),
        And | Or => Ok(a.0.pop().unwrap_or(Value::Nil)),
        Not => b(!a.v(0).is_true()),
        Len => match a.v(0) {
            Value::Str(s) => Ok(Value::Int(s.len() as i64)),
            Value::List(l) => Ok(Value::Int(l.len() as i64)),
            Value::Map(m, _) => Ok(Value::Int(m.len() as i64)),
            Value::Nil => Err("reflect: call of reflect.Value.Type on zero Value".to_string()),
            other => Err(format!("len of type {}", other.type_name())),
        },
        Index => {
            let item = a.take(0);
            index(item, &a.0[1..])
        }
        Slice => {
            let item = a.take(0);
            slice(item, &a.0[1..])
        }
        Eq => {
            if a.0.len() < 2 {
                return Err("missing argument for comparison".to_string());
            }
            for other in &a.0[1..] {
                if eq2(a.v(0), other)? {
                    return b(true);
                }
            }
            b(false)
        }
        Ne => b(!eq2(a.v(0), a.v(1))?),
        Lt => b(lt2(a.v(0), a.v(1))?),
        Le => b(lt2(a.v(0), a.v(1))? || eq2(a.v(0), a.v(1))?),
        Gt => b(!(lt2(a.v(0), a.v(1))? || eq2(a.v(0), a.v(1))?)),
        Ge => b(!lt2(a.v(0), a.v(1))?),
        Print => s_owned(gofmt::sprint(&a.0)),
        Println => s_owned(gofmt::sprintln(&a.0)),
        Printf => s_owned(gofmt::sprintf(a.s(0), &a.0[1..])),
        Html => s_owned(util::html_escape(&eval_args(&a.0))),
        Js => s_owned(util::js_escape(&eval_args(&a.0))),
        Urlquery => s_owned(util::query_escape(&eval_args(&a.0))),
        Call => match a.v(0) {
            Value::Nil => Err("call of nil".to_string()),
            other => Err(format!("non-function of type {}", other.type_name())),
        },
        Line => Ok(Value::Str(Cow::Borrowed(data.line()))),
        Timestamp => {
            let ns = data.timestamp_ns();
            Ok(Value::Time(GoTime::unix(0, ns)))
        }
        FromJson => Ok(util::parse_json(a.s(0)).unwrap_or(Value::Nil)),
        Default => {
            let d = a.take(0);
            if a.0.len() < 2 || empty(a.v(1)) {
                Ok(d)
            } else {
                Ok(a.take(1))
            }
        }
    }
}

/// String functions (Go's `strings` and Sprig's).
fn call_string<'a>(
    f: Func,
    a: Args<'a>,
    cached_re: Option<&Result<Regex, String>>,
) -> Result<Value<'a>, String> {
    use Func::*;
    let b = |x: bool| Ok(Value::Bool(x));
    match f {
        GoToLower | Lower => s_owned(util::go_lower(a.s(0))),
        GoToUpper | Upper => s_owned(util::go_upper(a.s(0))),
        Title => s_owned(util::go_title(a.s(0))),
        GoReplace => s_owned(go_replace(a.s(0), a.s(1), a.s(2), a.i(3))?),
        Replace => s_owned(go_replace(a.s(2), a.s(0), a.s(1), -1)?),
        GoTrim | TrimAll => {
            let (s, cut) = if f == GoTrim {
                (a.s(0), a.s(1))
            } else {
                (a.s(1), a.s(0))
            };
            s_owned(s.trim_matches(|c| cut.contains(c)).to_string())
        }
        GoTrimLeft => s_owned(
            a.s(0)
                .trim_start_matches(|c| a.s(1).contains(c))
                .to_string(),
        ),
        GoTrimRight => s_owned(a.s(0).trim_end_matches(|c| a.s(1).contains(c)).to_string()),
        GoTrimPrefix => s_owned(a.s(0).strip_prefix(a.s(1)).unwrap_or(a.s(0)).to_string()),
        GoTrimSuffix => s_owned(a.s(0).strip_suffix(a.s(1)).unwrap_or(a.s(0)).to_string()),
        TrimPrefix => s_owned(a.s(1).strip_prefix(a.s(0)).unwrap_or(a.s(1)).to_string()),
        TrimSuffix => s_owned(a.s(1).strip_suffix(a.s(0)).unwrap_or(a.s(1)).to_string()),
        GoTrimSpace | Trim => s_owned(a.s(0).trim().to_string()),
        RegexReplaceAll | RegexReplaceAllLiteral => {
            let re = regex_for(cached_re, a.s(0))?;
            s_owned(regex_replace(
                &re,
                a.s(1),
                a.s(2),
                f == RegexReplaceAllLiteral,
            )?)
        }
        Count => {
            let re = regex_for(cached_re, a.s(0))?;
            Ok(Value::Int(re.find_iter(a.s(1)).count() as i64))
        }
        Urldecode => s_owned(util::query_unescape(a.s(0))?),
        Urlencode => s_owned(util::query_escape(a.s(0))),
        AlignLeft => s_owned(align(a.i(0), a.s(1), true)?),
        AlignRight => s_owned(align(a.i(0), a.s(1), false)?),
        B64enc => s_owned(util::b64_encode(a.s(0).as_bytes())),
        B64dec => s_owned(match util::b64_decode(a.s(0)) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => e,
        }),
        Trunc => {
            let (c, s) = (a.i(0), a.s(1));
            let l = s.chars().count() as i64;
            s_owned(if c < 0 && l + c > 0 {
                chars_clamp(s, (l + c) as usize, l as usize).to_string()
            } else if c >= 0 && l > c {
                chars_clamp(s, 0, c as usize).to_string()
            } else {
                s.to_string()
            })
        }
        Substr => {
            let (mut start, mut end, s) = (a.i(0), a.i(1), a.s(2));
            let l = s.chars().count() as i64;
            end = end.min(l);
            start = start.min(l);
            s_owned(if start < 0 {
                if end < 0 {
                    String::new()
                } else {
                    chars_clamp(s, 0, end as usize).to_string()
                }
            } else if end < 0 {
                chars_clamp(s, start as usize, l as usize).to_string()
            } else if start > end {
                String::new()
            } else {
                chars_clamp(s, start as usize, end as usize).to_string()
            })
        }
        Contains => b(a.s(1).contains(a.s(0))),
        HasPrefix => b(a.s(1).starts_with(a.s(0))),
        HasSuffix => b(a.s(1).ends_with(a.s(0))),
        Indent => s_owned(indent(a.i(0), a.s(1))?),
        Nindent => s_owned(format!("\n{}", indent(a.i(0), a.s(1))?)),
        Repeat => {
            let (n, s) = (a.i(0), a.s(1));
            if n < 0 {
                return Err("strings: negative Repeat count".to_string());
            }
            too_large((n as usize).saturating_mul(s.len()))?;
            s_owned(s.repeat(n as usize))
        }
        _ => Err(format!("{f:?} is not a string function")),
    }
}

/// Arithmetic, integer and float (Sprig's).
fn call_number<'a>(f: Func, a: Args<'a>) -> Result<Value<'a>, String> {
    use Func::*;
    let fl = |x: f64| Ok(Value::Float(x));
    let i64v = |x: i64| Ok(Value::Int64(x));
    match f {
        ToInt => Ok(Value::Int(to_int64(a.v(0)))),
        ToFloat64 => fl(to_float64(a.v(0))),
        Add => i64v(
            a.0.iter()
                .fold(0i64, |acc, v| acc.wrapping_add(to_int64(v))),
        ),
        Sub => i64v(to_int64(a.v(0)).wrapping_sub(to_int64(a.v(1)))),
        Mul => i64v(
            a.0.iter()
                .fold(1i64, |acc, v| acc.wrapping_mul(to_int64(v))),
        ),
        Div | Mod => {
            let (x, y) = (to_int64(a.v(0)), to_int64(a.v(1)));
            if y == 0 {
                return Err("runtime error: integer divide by zero".to_string());
            }
            i64v(if f == Div {
                x.wrapping_div(y)
            } else {
                x.wrapping_rem(y)
            })
        }
        Addf => fl(decimal_op(0.0, &a.0, Dec::add, "addf")?),
        Subf => fl(decimal_op(to_float64(a.v(0)), &a.0[1..], Dec::sub, "subf")?),
        Mulf => fl(decimal_op(to_float64(a.v(0)), &a.0[1..], Dec::mul, "mulf")?),
        Divf => fl(decimal_op(to_float64(a.v(0)), &a.0[1..], Dec::div, "divf")?),
        Max => i64v(a.0.iter().map(to_int64).max().unwrap_or(0)),
        Min => i64v(a.0.iter().map(to_int64).min().unwrap_or(0)),
        Maxf | Minf => {
            let mut acc = to_float64(a.v(0));
            for v in &a.0[1..] {
                let x = to_float64(v);
                acc = if f == Maxf {
                    go_max(acc, x)
                } else {
                    go_min(acc, x)
                };
            }
            fl(acc)
        }
        Ceil => fl(to_float64(a.v(0)).ceil()),
        Floor => fl(to_float64(a.v(0)).floor()),
        Round => {
            let val = to_float64(a.v(0));
            let round_on = match a.0.get(2) {
                Some(Value::Float(r)) => *r,
                _ => 0.5,
            };
            let pow = 10f64.powf(a.i(1) as f64);
            let digit = pow * val;
            let div = digit.fract();
            let r = if div >= round_on {
                digit.ceil()
            } else {
                digit.floor()
            };
            fl(r / pow)
        }
        _ => Err(format!("{f:?} is not a number function")),
    }
}

/// Times, durations and byte sizes.
fn call_time<'a>(f: Func, a: Args<'a>) -> Result<Value<'a>, String> {
    use Func::*;
    let fl = |x: f64| Ok(Value::Float(x));
    match f {
        Bytes => fl(util::parse_bytes(a.s(0))?),
        Duration | DurationSeconds => {
            let ns = util::parse_duration(a.s(0))?;
            fl((ns / 1_000_000_000) as f64 + (ns % 1_000_000_000) as f64 / 1e9)
        }
        UnixEpochMillis => s_owned(a.t(0).unix_nano().div_euclid(1_000_000).to_string()),
        UnixEpochNanos => s_owned(a.t(0).unix_nano().to_string()),
        UnixEpoch => s_owned(a.t(0).sec.to_string()),
        ToDateInZone => {
            let loc = gotime::load_location(a.s(1))?;
            Ok(Value::Time(
                gotime::parse(a.s(0), a.s(2), &loc).unwrap_or_else(GoTime::zero),
            ))
        }
        ToDate => Ok(Value::Time(
            gotime::parse(a.s(0), a.s(1), &Loc::utc()).unwrap_or_else(GoTime::zero),
        )),
        UnixToTime => Ok(Value::Time(unix_to_time(a.s(0))?)),
        Date => {
            let t = match a.v(1) {
                Value::Time(t) => t.clone(),
                Value::Int(i) | Value::Int64(i) => GoTime::unix(*i, 0),
                _ => GoTime::now(),
            };
            s_owned(t.utc().format(a.s(0)))
        }
        Now => Ok(Value::Time(GoTime::now())),
        _ => Err(format!("{f:?} is not a time function")),
    }
}

/// math.Max semantics (NaN wins, +0 beats -0).
fn go_max(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { y } else { x };
    }
    x.max(y)
}

/// math.Min semantics (NaN wins, -0 beats +0).
fn go_min(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { x } else { y };
    }
    x.min(y)
}

/// Calls a method of time.Time (`.Unix`, `.Format "..."`, ...). `None` when
/// time.Time has no such method.
pub(super) fn time_method_sig(name: &str) -> Option<&'static [Ty]> {
    Some(match name {
        "Format" => &[Ty::Str],
        "Unix" | "UnixMilli" | "UnixMicro" | "UnixNano" | "Year" | "YearDay" | "Day" | "Hour"
        | "Minute" | "Second" | "Nanosecond" | "Month" | "Weekday" | "UTC" | "Local" | "String"
        | "IsZero" => &[],
        _ => return None,
    })
}

pub(super) fn call_time_method(t: &GoTime, name: &str, args: &[Value<'_>]) -> Value<'static> {
    let c = t.civil();
    match name {
        "Format" => {
            let layout = match args.first() {
                Some(Value::Str(s)) => s.as_ref(),
                _ => "",
            };
            string_value(t.format(layout))
        }
        "Unix" => Value::Int64(t.sec),
        "UnixMilli" => Value::Int64(t.unix_nano().div_euclid(1_000_000)),
        "UnixMicro" => Value::Int64(t.unix_nano().div_euclid(1_000)),
        "UnixNano" => Value::Int64(t.unix_nano()),
        "Year" => Value::Int(c.year),
        "YearDay" => Value::Int(c.yday),
        "Day" => Value::Int(c.day),
        "Hour" => Value::Int(c.hour),
        "Minute" => Value::Int(c.min),
        "Second" => Value::Int(c.sec),
        "Nanosecond" => Value::Int(i64::from(t.nsec)),
        "Month" => Value::Str(Cow::Borrowed(t.month_name())),
        "Weekday" => Value::Str(Cow::Borrowed(t.weekday_name())),
        "UTC" | "Local" => Value::Time(t.utc()),
        "String" => string_value(t.go_string()),
        "IsZero" => Value::Bool(t.sec == GoTime::zero().sec && t.nsec == 0),
        _ => Value::Nil,
    }
}
