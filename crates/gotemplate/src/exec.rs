//! Executor: walks the syntax tree against a [`TemplateData`], following
//! text/template's evaluation rules (pipelines pass their value as the last
//! argument, `and`/`or` short-circuit, variables are scoped to the enclosing
//! control structure, `missingkey=zero` for the label map).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::funcs::{self, Func, Sig, Ty};
use super::gofmt::{self, go_quote};
use super::parse::{arg_string, cmd_string, pipe_string, Arg, Branch, Command, Node, Number, Pipe};
use super::value::{MapKind, Value};
use super::{Template, TemplateData, TemplateError, MAX_EXEC_STEPS, MAX_OUTPUT_BYTES};

type R<T> = Result<T, TemplateError>;

enum Flow {
    Normal,
    Break,
    Continue,
}

/// The node an error message points at.
#[derive(Clone, Copy)]
enum At<'a> {
    None,
    Pipe(&'a Pipe),
    Cmd(&'a Command),
    Arg(&'a Arg),
}

struct Exec<'a, 'o> {
    tmpl: &'a Template,
    data: &'a dyn TemplateData,
    vars: Vec<(&'a str, Value<'a>)>,
    out: &'o mut String,
    start: usize,
    at: At<'a>,
    steps: u64,
}

/// Renders `t` into `out`.
pub(super) fn execute(t: &Template, data: &dyn TemplateData, out: &mut String) -> R<()> {
    let start = out.len();
    let mut ex = Exec {
        tmpl: t,
        data,
        vars: vec![("$", Value::Labels)],
        out,
        start,
        at: At::None,
        steps: 0,
    };
    ex.walk(&Value::Labels, &t.root).map(|_| ())
}

fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let text = src.get(..pos).unwrap_or(src);
    let line = 1 + text.matches('\n').count();
    let col = match text.rfind('\n') {
        Some(i) => pos - (i + 1),
        None => pos,
    };
    (line, col)
}

fn is_hex_int(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' && !s.contains(['p', 'P'])
}

impl<'a> Exec<'a, '_> {
    fn errorf(&self, msg: impl Into<String>) -> TemplateError {
        let name = &self.tmpl.name;
        let msg = msg.into();
        let (pos, ctx) = match self.at {
            At::None => return TemplateError::Exec(format!("template: {name}: {msg}")),
            At::Pipe(p) => (p.pos, pipe_string(p)),
            At::Cmd(c) => (c.pos, cmd_string(c)),
            At::Arg(a) => (a.pos(), arg_string(a)),
        };
        let (line, col) = line_col(&self.tmpl.src, pos);
        TemplateError::Exec(format!(
            "template: {name}:{line}:{col}: executing {} at <{ctx}>: {msg}",
            go_quote(name)
        ))
    }

    fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_EXEC_STEPS {
            return Err(self.errorf(format!("execution exceeded {MAX_EXEC_STEPS} steps")));
        }
        Ok(())
    }

    fn write(&mut self, s: &str) -> R<()> {
        if self.out.len() - self.start + s.len() > MAX_OUTPUT_BYTES {
            return Err(self.errorf(format!("output exceeds the {MAX_OUTPUT_BYTES} byte limit")));
        }
        self.out.push_str(s);
        Ok(())
    }

    /// Replaces the lazy label map with a concrete map value.
    fn materialize(&self, v: Value<'a>) -> Value<'a> {
        match v {
            Value::Labels => {
                let mut m = BTreeMap::new();
                self.data.for_each_label(&mut |k, v| {
                    m.insert(k.to_string(), Value::Str(Cow::Owned(v.to_string())));
                });
                Value::Map(Rc::new(m), MapKind::Str)
            }
            v => v,
        }
    }

    fn truth(&self, v: &Value<'a>) -> bool {
        match v {
            Value::Labels => self.materialize(Value::Labels).is_true(),
            v => v.is_true(),
        }
    }

    fn walk(&mut self, dot: &Value<'a>, nodes: &'a [Node]) -> R<Flow> {
        for n in nodes {
            let flow = match n {
                Node::Text(t) => {
                    self.write(t)?;
                    Flow::Normal
                }
                Node::Action(p) => {
                    let v = self.eval_pipeline(dot, p)?;
                    if p.decl.is_empty() {
                        let v = self.materialize(v);
                        let mut s = String::new();
                        gofmt::print_value(&mut s, &v);
                        self.write(&s)?;
                    }
                    Flow::Normal
                }
                Node::If(b) => self.walk_if_with(dot, b, false)?,
                Node::With(b) => self.walk_if_with(dot, b, true)?,
                Node::Range(b) => self.walk_range(dot, b)?,
                Node::Break => Flow::Break,
                Node::Continue => Flow::Continue,
            };
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk_if_with(&mut self, dot: &Value<'a>, b: &'a Branch, with: bool) -> R<Flow> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let flow = if self.truth(&val) {
            if with {
                self.walk(&val, &b.list)
            } else {
                self.walk(dot, &b.list)
            }
        } else if let Some(e) = &b.else_list {
            self.walk(dot, e)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        flow
    }

    fn walk_range(&mut self, dot: &Value<'a>, b: &'a Branch) -> R<Flow> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let val = self.materialize(val);
        let body_mark = self.vars.len();
        let ndecl = b.pipe.decl.len();
        let mut items: Vec<(Value<'a>, Value<'a>)> = Vec::new();
        match &val {
            Value::List(l) => {
                for (i, e) in l.iter().enumerate() {
                    items.push((Value::Int(i as i64), e.clone()));
                }
            }
            Value::Map(m, _) => {
                for (k, e) in m.iter() {
                    items.push((Value::Str(Cow::Owned(k.clone())), e.clone()));
                }
            }
            Value::Int(n) | Value::Int64(n) => {
                if ndecl > 1 {
                    return Err(self.errorf(format!(
                        "can't use {n} to iterate over more than one variable"
                    )));
                }
                let n = *n;
                if n > 0 && (n as u64) > MAX_EXEC_STEPS {
                    return Err(self.errorf(format!("execution exceeded {MAX_EXEC_STEPS} steps")));
                }
                let int64 = matches!(val, Value::Int64(_));
                for i in 0..n.max(0) {
                    let v = if int64 {
                        Value::Int64(i)
                    } else {
                        Value::Int(i)
                    };
                    items.push((v.clone(), v));
                }
            }
            Value::Nil => {}
            other => {
                return Err(self.errorf(format!("range can't iterate over {}", gofmt::fmt_v(other))))
            }
        }
        let ran = !items.is_empty();
        for (index, elem) in items {
            self.step()?;
            if ndecl > 0 {
                if let Some(slot) = self.vars.get_mut(body_mark - 1) {
                    slot.1 = elem.clone();
                }
            }
            if ndecl > 1 {
                if let Some(slot) = self.vars.get_mut(body_mark - 2) {
                    slot.1 = index;
                }
            }
            let flow = self.walk(&elem, &b.list)?;
            self.vars.truncate(body_mark);
            if let Flow::Break = flow {
                break;
            }
        }
        let mut flow = Flow::Normal;
        if !ran {
            if let Some(e) = &b.else_list {
                flow = self.walk(dot, e)?;
            }
        }
        self.vars.truncate(mark);
        Ok(flow)
    }

    fn eval_pipeline(&mut self, dot: &Value<'a>, pipe: &'a Pipe) -> R<Value<'a>> {
        self.at = At::Pipe(pipe);
        let mut value: Option<Value<'a>> = None;
        for cmd in &pipe.cmds {
            value = Some(self.eval_command(dot, cmd, value)?);
        }
        let value = value.unwrap_or(Value::Nil);
        for name in &pipe.decl {
            if pipe.is_assign {
                self.set_var(name, value.clone())?;
            } else {
                self.vars.push((name, value.clone()));
            }
        }
        Ok(value)
    }

    fn set_var(&mut self, name: &str, v: Value<'a>) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| *n == name) {
            Some(slot) => {
                slot.1 = v;
                Ok(())
            }
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn var_value(&self, name: &str) -> R<Value<'a>> {
        match self.vars.iter().rev().find(|(n, _)| *n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn not_a_function(&self, args: &'a [Arg], final_: &Option<Value<'a>>) -> R<()> {
        if args.len() > 1 || final_.is_some() {
            let first = args.first().map(arg_string).unwrap_or_default();
            return Err(self.errorf(format!("can't give argument to non-function {first}")));
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        dot: &Value<'a>,
        cmd: &'a Command,
        final_: Option<Value<'a>>,
    ) -> R<Value<'a>> {
        self.step()?;
        let Some(first) = cmd.args.first() else {
            return Err(self.errorf("empty command"));
        };
        match first {
            Arg::Field { idents, .. } => {
                self.at = At::Arg(first);
                self.eval_field_chain(dot, dot.clone(), first, idents, &cmd.args, final_)
            }
            Arg::Chain { node, fields, .. } => {
                self.eval_chain(dot, first, node, fields, &cmd.args, final_)
            }
            Arg::Func(_, f) => {
                self.at = At::Arg(first);
                self.eval_call(
                    dot,
                    *f,
                    At::Cmd(cmd),
                    &cmd.args[1..],
                    final_,
                    cmd.regex.as_ref(),
                )
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &final_)?;
                self.eval_pipeline(dot, p)
            }
            Arg::Variable { idents, .. } => {
                self.eval_variable(dot, first, idents, &cmd.args, final_)
            }
            _ => {
                self.at = At::Arg(first);
                self.not_a_function(&cmd.args, &final_)?;
                match first {
                    Arg::Bool(_, b) => Ok(Value::Bool(*b)),
                    Arg::Dot(_) => Ok(dot.clone()),
                    Arg::Nil(_) => Err(self.errorf("nil is not a command")),
                    Arg::Number(_, n) => self.ideal_constant(n),
                    Arg::Str { val, .. } => Ok(Value::Str(Cow::Borrowed(val))),
                    _ => Err(self.errorf(format!(
                        "can't evaluate command {}",
                        go_quote(&arg_string(first))
                    ))),
                }
            }
        }
    }

    fn ideal_constant(&self, n: &Number) -> R<Value<'a>> {
        let t = &n.text;
        if n.float.is_some()
            && !is_hex_int(t)
            && !t.starts_with('\'')
            && t.contains(['.', 'e', 'E', 'p', 'P'])
        {
            return Ok(Value::Float(n.float.unwrap_or(0.0)));
        }
        if let Some(i) = n.int {
            return Ok(Value::Int(i));
        }
        if n.is_uint {
            return Err(self.errorf(format!("{t} overflows int")));
        }
        Ok(Value::Nil)
    }

    fn eval_variable(
        &mut self,
        dot: &Value<'a>,
        node: &'a Arg,
        idents: &'a [String],
        args: &'a [Arg],
        final_: Option<Value<'a>>,
    ) -> R<Value<'a>> {
        self.at = At::Arg(node);
        let v = self.var_value(idents.first().map_or("$", String::as_str))?;
        if idents.len() <= 1 {
            self.not_a_function(args, &final_)?;
            return Ok(v);
        }
        self.eval_field_chain(dot, v, node, &idents[1..], args, final_)
    }

    fn eval_chain(
        &mut self,
        dot: &Value<'a>,
        node: &'a Arg,
        inner: &'a Arg,
        fields: &'a [String],
        args: &'a [Arg],
        final_: Option<Value<'a>>,
    ) -> R<Value<'a>> {
        self.at = At::Arg(node);
        if let Arg::Nil(_) = inner {
            return Err(self.errorf(format!(
                "indirection through explicit nil in {}",
                arg_string(node)
            )));
        }
        let recv = self.eval_arg(dot, Ty::Any, inner)?;
        self.eval_field_chain(dot, recv, node, fields, args, final_)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Value<'a>,
        receiver: Value<'a>,
        node: &'a Arg,
        idents: &'a [String],
        args: &'a [Arg],
        final_: Option<Value<'a>>,
    ) -> R<Value<'a>> {
        let Some((last, init)) = idents.split_last() else {
            return Ok(receiver);
        };
        let mut recv = receiver;
        for id in init {
            recv = self.eval_field(dot, id, node, &[], None, recv)?;
        }
        self.eval_field(dot, last, node, args, final_, recv)
    }

    fn eval_field(
        &mut self,
        dot: &Value<'a>,
        name: &'a str,
        node: &'a Arg,
        args: &'a [Arg],
        final_: Option<Value<'a>>,
        recv: Value<'a>,
    ) -> R<Value<'a>> {
        let has_args = args.len() > 1 || final_.is_some();
        self.at = At::Arg(node);
        let not_method = |ex: &Self| ex.errorf(format!("{name} is not a method but has arguments"));
        match recv {
            Value::Nil => Ok(Value::Nil),
            Value::Labels => {
                if has_args {
                    return Err(not_method(self));
                }
                Ok(Value::Str(Cow::Borrowed(
                    self.data.label(name).unwrap_or(""),
                )))
            }
            Value::Map(m, kind) => {
                if has_args {
                    return Err(not_method(self));
                }
                Ok(match m.get(name) {
                    Some(v) => v.clone(),
                    None if kind == MapKind::Str => Value::Str(Cow::Borrowed("")),
                    None => Value::Nil,
                })
            }
            Value::Time(t) => {
                let Some(fixed) = funcs::time_method_sig(name) else {
                    return Err(
                        self.errorf(format!("can't evaluate field {name} in type time.Time"))
                    );
                };
                let sig = Sig {
                    fixed,
                    variadic: None,
                };
                let call_args = args.get(1..).unwrap_or(&[]);
                let argv = self.collect_args(dot, name, &sig, call_args, final_)?;
                Ok(funcs::call_time_method(&t, name, &argv))
            }
            other => Err(self.errorf(format!(
                "can't evaluate field {name} in type {}",
                other.type_name()
            ))),
        }
    }

    /// Checks the argument count and evaluates the arguments with their types.
    fn collect_args(
        &mut self,
        dot: &Value<'a>,
        name: &str,
        sig: &Sig,
        args: &'a [Arg],
        final_: Option<Value<'a>>,
    ) -> R<Vec<Value<'a>>> {
        let fixed = sig.fixed.len();
        let num_in = args.len() + usize::from(final_.is_some());
        if sig.variadic.is_some() {
            if num_in < fixed {
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {}",
                    args.len()
                )));
            }
        } else if num_in != fixed {
            return Err(self.errorf(format!(
                "wrong number of args for {name}: want {fixed} got {num_in}"
            )));
        }
        let ty_at = |i: usize| {
            sig.fixed
                .get(i)
                .copied()
                .or(sig.variadic)
                .unwrap_or(Ty::Any)
        };
        let mut argv = Vec::with_capacity(num_in);
        for (i, a) in args.iter().enumerate() {
            let v = self.eval_arg(dot, ty_at(i), a)?;
            argv.push(v);
        }
        if let Some(fv) = final_ {
            let v = self.validate_type(fv, ty_at(num_in - 1))?;
            argv.push(v);
        }
        Ok(argv)
    }

    fn eval_call(
        &mut self,
        dot: &Value<'a>,
        f: Func,
        node: At<'a>,
        args: &'a [Arg],
        final_: Option<Value<'a>>,
        cached_re: Option<&'a Result<regex::Regex, String>>,
    ) -> R<Value<'a>> {
        let sig = f.sig();
        if matches!(f, Func::And | Func::Or) {
            let num_in = args.len() + usize::from(final_.is_some());
            if num_in < 1 {
                return Err(self.errorf(format!(
                    "wrong number of args for {}: want at least 1 got 0",
                    f.name()
                )));
            }
            let want = f == Func::Or;
            let mut v = Value::Nil;
            for a in args {
                v = self.eval_arg(dot, Ty::Any, a)?;
                if self.truth(&v) == want {
                    return Ok(v);
                }
            }
            if let Some(fv) = final_ {
                v = fv;
            }
            return Ok(v);
        }
        let argv = self.collect_args(dot, f.name(), &sig, args, final_)?;
        let argv: Vec<Value<'a>> = argv.into_iter().map(|v| self.materialize(v)).collect();
        match funcs::call(f, self.data, argv, cached_re) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.at = node;
                Err(self.errorf(format!("error calling {}: {e}", f.name())))
            }
        }
    }

    fn eval_arg(&mut self, dot: &Value<'a>, ty: Ty, arg: &'a Arg) -> R<Value<'a>> {
        self.at = At::Arg(arg);
        let v = match arg {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => {
                if ty == Ty::Any {
                    return Ok(Value::Nil);
                }
                return Err(self.errorf(format!("cannot assign nil to {}", ty.go_name())));
            }
            Arg::Field { idents, .. } => self.eval_field_chain(
                dot,
                dot.clone(),
                arg,
                idents,
                std::slice::from_ref(arg),
                None,
            )?,
            Arg::Variable { idents, .. } => self.eval_variable(dot, arg, idents, &[], None)?,
            Arg::Pipe(p) => self.eval_pipeline(dot, p)?,
            Arg::Func(_, f) => self.eval_call(dot, *f, At::Arg(arg), &[], None, None)?,
            Arg::Chain { node, fields, .. } => {
                self.eval_chain(dot, arg, node, fields, &[], None)?
            }
            Arg::Bool(_, b) => {
                return match ty {
                    Ty::Any => Ok(Value::Bool(*b)),
                    _ => Err(self.bad_literal(ty, arg)),
                }
            }
            Arg::Number(_, n) => {
                return match ty {
                    Ty::Int => n
                        .int
                        .map(Value::Int)
                        .ok_or_else(|| self.bad_literal(ty, arg)),
                    Ty::Float => n
                        .float
                        .map(Value::Float)
                        .ok_or_else(|| self.bad_literal(ty, arg)),
                    Ty::Any => self.ideal_constant(n),
                    _ => Err(self.bad_literal(ty, arg)),
                }
            }
            Arg::Str { val, .. } => {
                return match ty {
                    Ty::Str | Ty::Any => Ok(Value::Str(Cow::Borrowed(val))),
                    _ => Err(self.bad_literal(ty, arg)),
                }
            }
        };
        self.validate_type(v, ty)
    }

    fn bad_literal(&self, ty: Ty, arg: &'a Arg) -> TemplateError {
        let s = arg_string(arg);
        self.errorf(match ty {
            Ty::Int => format!("expected integer; found {s}"),
            Ty::Float => format!("expected float; found {s}"),
            Ty::Str => format!("expected string; found {s}"),
            _ => format!("can't handle {s} for arg of type {}", ty.go_name()),
        })
    }

    fn validate_type(&self, v: Value<'a>, ty: Ty) -> R<Value<'a>> {
        let ok = matches!(
            (ty, &v),
            (Ty::Any, _)
                | (Ty::Str, Value::Str(_))
                | (Ty::Int, Value::Int(_))
                | (Ty::Float, Value::Float(_))
                | (Ty::Time, Value::Time(_))
        );
        if ok {
            return Ok(v);
        }
        if let Value::Nil = v {
            return Err(self.errorf(format!("invalid value; expected {}", ty.go_name())));
        }
        Err(self.errorf(format!(
            "wrong type for value; expected {}; got {}",
            ty.go_name(),
            v.type_name()
        )))
    }
}
