//! Parser: tokens to a syntax tree, with Go's parse-time checks and messages
//! (`function "x" not defined`, `undefined variable "$x"`, `unexpected EOF`, ...).

use goformat::quote::{unquote_char, unquote_string};

use super::funcs::Func;
use super::gofmt::go_quote;
use super::lex::{lex, Item, Tok};
use super::util::parse_go_uint;
use super::{TemplateError, MAX_NESTING_DEPTH};

#[derive(Clone, Debug)]
pub(super) enum Node {
    Text(String),
    Action(Pipe),
    If(Box<Branch>),
    Range(Box<Branch>),
    With(Box<Branch>),
    Break,
    Continue,
}

#[derive(Clone, Debug)]
pub(super) struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

#[derive(Clone, Debug)]
pub(super) struct Pipe {
    pub pos: usize,
    pub is_assign: bool,
    pub decl: Vec<String>,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug)]
pub(super) struct Command {
    pub pos: usize,
    pub args: Vec<Arg>,
    /// Pre-compiled regular expression when the command is a regex function
    /// whose pattern is a string literal.
    pub regex: Option<Result<regex::Regex, String>>,
}

#[derive(Clone, Debug)]
pub(super) struct Number {
    pub text: String,
    pub int: Option<i64>,
    pub is_uint: bool,
    pub float: Option<f64>,
}

#[derive(Clone, Debug)]
pub(super) enum Arg {
    /// `.a.b`, idents without the dots.
    Field {
        pos: usize,
        idents: Vec<String>,
    },
    /// `$x.a.b`: idents[0] is the variable name including `$`.
    Variable {
        pos: usize,
        idents: Vec<String>,
    },
    Dot(usize),
    Nil(usize),
    Bool(usize, bool),
    Number(usize, Box<Number>),
    Str {
        pos: usize,
        quoted: String,
        val: String,
    },
    Func(usize, Func),
    Pipe(Box<Pipe>),
    /// `(pipeline).a.b`
    Chain {
        pos: usize,
        node: Box<Arg>,
        fields: Vec<String>,
    },
}

impl Arg {
    pub(super) fn pos(&self) -> usize {
        match self {
            Arg::Field { pos, .. }
            | Arg::Variable { pos, .. }
            | Arg::Dot(pos)
            | Arg::Nil(pos)
            | Arg::Bool(pos, _)
            | Arg::Number(pos, _)
            | Arg::Str { pos, .. }
            | Arg::Func(pos, _)
            | Arg::Chain { pos, .. } => *pos,
            Arg::Pipe(p) => p.pos,
        }
    }
}

// ---- Go-style String() of nodes, used in execution error context ----

pub(super) fn arg_string(a: &Arg) -> String {
    match a {
        Arg::Field { idents, .. } => idents.iter().map(|i| format!(".{i}")).collect(),
        Arg::Variable { idents, .. } => idents.join("."),
        Arg::Dot(_) => ".".to_string(),
        Arg::Nil(_) => "nil".to_string(),
        Arg::Bool(_, b) => b.to_string(),
        Arg::Number(_, n) => n.text.clone(),
        Arg::Str { quoted, .. } => quoted.clone(),
        Arg::Func(_, f) => f.name().to_string(),
        Arg::Pipe(p) => format!("({})", pipe_string(p)),
        Arg::Chain { node, fields, .. } => {
            let mut s = match node.as_ref() {
                Arg::Pipe(p) => format!("({})", pipe_string(p)),
                other => arg_string(other),
            };
            for f in fields {
                s.push('.');
                s.push_str(f);
            }
            s
        }
    }
}

pub(super) fn cmd_string(c: &Command) -> String {
    c.args.iter().map(arg_string).collect::<Vec<_>>().join(" ")
}

pub(super) fn pipe_string(p: &Pipe) -> String {
    let mut s = String::new();
    if !p.decl.is_empty() {
        s.push_str(&p.decl.join(", "));
        s.push_str(if p.is_assign { " = " } else { " := " });
    }
    s.push_str(
        &p.cmds
            .iter()
            .map(cmd_string)
            .collect::<Vec<_>>()
            .join(" | "),
    );
    s
}

// ---- Parser ----

type PResult<T> = Result<T, TemplateError>;

enum Parsed {
    Node(Node),
    End,
    Else,
}

struct Parser<'s> {
    name: &'s str,
    toks: Vec<Item>,
    idx: usize,
    vars: Vec<String>,
    range_depth: usize,
    depth: usize,
    last_line: usize,
    action_line: usize,
}

/// Parses a whole template into its top-level node list.
pub(super) fn parse(name: &str, src: &str) -> PResult<Vec<Node>> {
    let mut toks = lex(src);
    if let Some(last) = toks.last().cloned() {
        // Padding so that reading past the end keeps returning the final token.
        toks.push(last.clone());
        toks.push(last);
    }
    let mut p = Parser {
        name,
        toks,
        idx: 0,
        vars: vec!["$".to_string()],
        range_depth: 0,
        depth: 0,
        last_line: 1,
        action_line: 0,
    };
    let mut list = Vec::new();
    loop {
        if p.peek().typ == Tok::Eof {
            break;
        }
        match p.text_or_action()? {
            Parsed::Node(n) => push_node(&mut list, n),
            Parsed::End => return Err(p.errorf("unexpected {{end}}")),
            Parsed::Else => return Err(p.errorf("unexpected {{else}}")),
        }
    }
    Ok(list)
}

/// Appends a node, merging adjacent text so plain templates become one literal.
fn push_node(list: &mut Vec<Node>, n: Node) {
    if let Node::Text(t) = &n {
        if let Some(Node::Text(prev)) = list.last_mut() {
            prev.push_str(t);
            return;
        }
    }
    list.push(n);
}

impl Parser<'_> {
    fn errorf(&self, msg: impl AsRef<str>) -> TemplateError {
        TemplateError::Parse(format!(
            "template: {}:{}: {}",
            self.name,
            self.last_line,
            msg.as_ref()
        ))
    }

    fn unexpected(&self, t: &Item, context: &str) -> TemplateError {
        if t.typ == Tok::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != t.line {
                extra = format!(" in action started at {}:{}", self.name, self.action_line);
                if t.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format!("{}{}", t.val, extra));
        }
        self.errorf(format!("unexpected {} in {}", t.describe(), context))
    }

    fn next(&mut self) -> Item {
        let last = self.toks.len().saturating_sub(1);
        let i = self.idx.min(last);
        if self.idx < last {
            self.idx += 1;
        }
        let it = self.toks.get(i).cloned().unwrap_or(Item {
            typ: Tok::Eof,
            pos: 0,
            val: String::new(),
            line: 1,
        });
        self.last_line = it.line;
        it
    }

    fn backup(&mut self) {
        self.idx = self.idx.saturating_sub(1);
    }

    fn peek(&mut self) -> Item {
        let t = self.next();
        self.backup();
        t
    }

    fn next_non_space(&mut self) -> Item {
        loop {
            let t = self.next();
            if t.typ != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn expect(&mut self, typ: Tok, context: &str) -> PResult<Item> {
        let t = self.next_non_space();
        if t.typ != typ {
            return Err(self.unexpected(&t, context));
        }
        Ok(t)
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING_DEPTH {
            return Err(self.errorf(format!("nesting deeper than {MAX_NESTING_DEPTH} levels")));
        }
        Ok(())
    }

    fn text_or_action(&mut self) -> PResult<Parsed> {
        let t = self.next_non_space();
        match t.typ {
            Tok::Text => Ok(Parsed::Node(Node::Text(t.val))),
            Tok::LeftDelim => {
                let saved = self.action_line;
                self.action_line = t.line;
                let r = self.action();
                self.action_line = saved;
                r
            }
            _ => Err(self.unexpected(&t, "input")),
        }
    }

    fn action(&mut self) -> PResult<Parsed> {
        let t = self.next_non_space();
        match t.typ {
            Tok::Block => Err(self.errorf("{{block}} is not supported")),
            Tok::Define => Err(self.errorf("{{define}} is not supported")),
            Tok::Template => Err(self.errorf("{{template}} is not supported")),
            Tok::Break | Tok::Continue => {
                let word = if t.typ == Tok::Break {
                    "break"
                } else {
                    "continue"
                };
                let n = self.next_non_space();
                if n.typ != Tok::RightDelim {
                    return Err(self.unexpected(&n, &format!("{{{{{word}}}}}")));
                }
                if self.range_depth == 0 {
                    return Err(self.errorf(format!("{{{{{word}}}}} outside {{{{range}}}}")));
                }
                Ok(Parsed::Node(if t.typ == Tok::Break {
                    Node::Break
                } else {
                    Node::Continue
                }))
            }
            Tok::Else => {
                let peek = self.peek_non_space();
                if peek.typ != Tok::If && peek.typ != Tok::With {
                    self.expect(Tok::RightDelim, "else")?;
                }
                Ok(Parsed::Else)
            }
            Tok::End => {
                self.expect(Tok::RightDelim, "end")?;
                Ok(Parsed::End)
            }
            Tok::If => Ok(Parsed::Node(Node::If(Box::new(self.parse_control("if")?)))),
            Tok::Range => Ok(Parsed::Node(Node::Range(Box::new(
                self.parse_control("range")?,
            )))),
            Tok::With => Ok(Parsed::Node(Node::With(Box::new(
                self.parse_control("with")?,
            )))),
            _ => {
                self.backup();
                let pipe = self.pipeline("command", Tok::RightDelim)?;
                Ok(Parsed::Node(Node::Action(pipe)))
            }
        }
    }

    fn parse_control(&mut self, context: &str) -> PResult<Branch> {
        self.enter()?;
        let mark = self.vars.len();
        let pipe = self.pipeline(context, Tok::RightDelim)?;
        let is_range = context == "range";
        if is_range {
            self.range_depth += 1;
        }
        let (list, next) = self.item_list()?;
        if is_range {
            self.range_depth -= 1;
        }
        let else_list = match next {
            Parsed::Else => {
                let peek = self.peek();
                if context == "if" && peek.typ == Tok::If {
                    self.next();
                    Some(vec![Node::If(Box::new(self.parse_control("if")?))])
                } else if context == "with" && peek.typ == Tok::With {
                    self.next();
                    Some(vec![Node::With(Box::new(self.parse_control("with")?))])
                } else {
                    let (l, n) = self.item_list()?;
                    if !matches!(n, Parsed::End) {
                        return Err(self.errorf("expected end; found {{else}}"));
                    }
                    Some(l)
                }
            }
            _ => None,
        };
        self.vars.truncate(mark);
        self.depth -= 1;
        Ok(Branch {
            pipe,
            list,
            else_list,
        })
    }

    /// Nodes up to `{{end}}` or `{{else}}`, which is returned separately.
    fn item_list(&mut self) -> PResult<(Vec<Node>, Parsed)> {
        let mut list = Vec::new();
        loop {
            if self.peek_non_space().typ == Tok::Eof {
                return Err(self.errorf("unexpected EOF"));
            }
            match self.text_or_action()? {
                Parsed::Node(n) => push_node(&mut list, n),
                end => return Ok((list, end)),
            }
        }
    }

    fn pipeline(&mut self, context: &str, end: Tok) -> PResult<Pipe> {
        let first = self.peek_non_space();
        let mut pipe = Pipe {
            pos: first.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        loop {
            let v = self.peek_non_space();
            if v.typ != Tok::Variable {
                break;
            }
            let save = self.idx;
            self.next();
            let next = self.peek_non_space();
            if next.typ == Tok::Assign || next.typ == Tok::Declare {
                pipe.is_assign = next.typ == Tok::Assign;
                self.next_non_space();
                pipe.decl.push(v.val.clone());
                self.vars.push(v.val);
            } else if next.typ == Tok::Char && next.val == "," {
                self.next_non_space();
                pipe.decl.push(v.val.clone());
                self.vars.push(v.val);
                if context == "range" && pipe.decl.len() < 2 {
                    match self.peek_non_space().typ {
                        Tok::Variable | Tok::RightDelim | Tok::RightParen => continue,
                        _ => return Err(self.errorf("range can only initialize variables")),
                    }
                }
                return Err(self.errorf(format!("too many declarations in {context}")));
            } else {
                self.idx = save;
            }
            break;
        }
        loop {
            let t = self.next_non_space();
            if t.typ == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match t.typ {
                Tok::Bool
                | Tok::CharConstant
                | Tok::Complex
                | Tok::Dot
                | Tok::Field
                | Tok::Identifier
                | Tok::Number
                | Tok::Nil
                | Tok::RawString
                | Tok::String
                | Tok::Variable
                | Tok::LeftParen => {
                    self.backup();
                    let c = self.command()?;
                    pipe.cmds.push(c);
                }
                _ => return Err(self.unexpected(&t, context)),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.errorf(format!("missing value for {context}")));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if let Some(
                Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(..) | Arg::Str { .. },
            ) = c.args.first()
            {
                return Err(self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Command> {
        let pos = self.peek_non_space().pos;
        let mut args = Vec::new();
        loop {
            self.peek_non_space();
            if let Some(op) = self.operand()? {
                args.push(op);
            }
            let t = self.next();
            match t.typ {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => self.backup(),
                Tok::Pipe => {}
                Tok::Error => return Err(self.errorf(&t.val)),
                _ => return Err(self.errorf(format!("unexpected {} in operand", t.describe()))),
            }
            break;
        }
        if args.is_empty() {
            return Err(self.errorf("empty command"));
        }
        let regex = match (args.first(), args.get(1)) {
            (
                Some(Arg::Func(
                    _,
                    Func::RegexReplaceAll | Func::RegexReplaceAllLiteral | Func::Count,
                )),
                Some(Arg::Str { val, .. }),
            ) => Some(super::funcs::compile_regex(val)),
            _ => None,
        };
        Ok(Command { pos, args, regex })
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().typ != Tok::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().typ == Tok::Field {
            let f = self.next();
            fields.push(f.val.get(1..).unwrap_or_default().to_string());
        }
        Ok(Some(match node {
            Arg::Field { pos, mut idents } => {
                idents.extend(fields);
                Arg::Field { pos, idents }
            }
            Arg::Variable { pos, mut idents } => {
                idents.extend(fields);
                Arg::Variable { pos, idents }
            }
            Arg::Bool(..) | Arg::Str { .. } | Arg::Number(..) | Arg::Nil(_) | Arg::Dot(_) => {
                return Err(self.errorf(format!(
                    "unexpected . after term {}",
                    go_quote(&arg_string(&node))
                )))
            }
            other => Arg::Chain {
                pos: chain_pos,
                node: Box::new(other),
                fields,
            },
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        Ok(Some(match t.typ {
            Tok::Error => return Err(self.errorf(&t.val)),
            Tok::Identifier => match Func::from_name(&t.val) {
                Some(f) => Arg::Func(t.pos, f),
                None => {
                    return Err(self.errorf(format!("function {} not defined", go_quote(&t.val))))
                }
            },
            Tok::Dot => Arg::Dot(t.pos),
            Tok::Nil => Arg::Nil(t.pos),
            Tok::Variable => {
                if !self.vars.contains(&t.val) {
                    return Err(self.errorf(format!("undefined variable {}", go_quote(&t.val))));
                }
                Arg::Variable {
                    pos: t.pos,
                    idents: vec![t.val],
                }
            }
            Tok::Field => Arg::Field {
                pos: t.pos,
                idents: vec![t.val.get(1..).unwrap_or_default().to_string()],
            },
            Tok::Bool => Arg::Bool(t.pos, t.val == "true"),
            Tok::CharConstant | Tok::Complex | Tok::Number => {
                let n = self.new_number(&t)?;
                Arg::Number(t.pos, Box::new(n))
            }
            Tok::LeftParen => {
                self.enter()?;
                let p = self.pipeline("parenthesized pipeline", Tok::RightParen)?;
                self.depth -= 1;
                Arg::Pipe(Box::new(p))
            }
            Tok::String | Tok::RawString => {
                let val = unquote_string(&t.val).map_err(|e| self.errorf(e))?;
                Arg::Str {
                    pos: t.pos,
                    quoted: t.val,
                    val,
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }

    fn new_number(&self, t: &Item) -> PResult<Number> {
        let text = t.val.clone();
        if t.typ == Tok::Complex || text.ends_with('i') {
            return Err(self.errorf(format!(
                "complex number {} is not supported",
                go_quote(&text)
            )));
        }
        if t.typ == Tok::CharConstant {
            let c = unquote_char(&text).map_err(|e| self.errorf(e))?;
            let v = i64::from(u32::from(c));
            return Ok(Number {
                text,
                int: Some(v),
                is_uint: true,
                float: Some(v as f64),
            });
        }
        let (neg, body) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text.as_str()),
        };
        let unsigned = if body.starts_with(['+', '-']) {
            None
        } else {
            parse_go_uint(body, true).ok()
        };
        let int = unsigned.and_then(|u| {
            if neg {
                if u <= 1u64 << 63 {
                    Some((u as i64).wrapping_neg())
                } else {
                    None
                }
            } else {
                i64::try_from(u).ok()
            }
        });
        let is_uint = !neg && unsigned.is_some();
        let mut n = Number {
            text: text.clone(),
            int,
            is_uint,
            float: None,
        };
        if let Some(i) = int {
            n.float = Some(i as f64);
        } else if let (true, Some(u)) = (is_uint, unsigned) {
            n.float = Some(u as f64);
        } else if let Some(f) = parse_go_float_literal(&text) {
            if !text.contains(['.', 'e', 'E', 'p', 'P']) {
                return Err(self.errorf(format!("integer overflow: {}", go_quote(&text))));
            }
            n.float = Some(f);
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                n.int = Some(f as i64);
            }
        }
        if n.int.is_none() && !n.is_uint && n.float.is_none() {
            return Err(self.errorf(format!("illegal number syntax: {}", go_quote(&text))));
        }
        Ok(n)
    }
}

/// Decimal float literal as Go's strconv.ParseFloat would accept it (no hex floats).
fn parse_go_float_literal(text: &str) -> Option<f64> {
    if text.contains(['_', 'x', 'X', 'p', 'P']) {
        return None;
    }
    let f: f64 = text.parse().ok()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}
