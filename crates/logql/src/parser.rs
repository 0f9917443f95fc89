//! Recursive-descent parser for LogQL.
//!
//! It follows Loki's behaviour closely enough to agree on which queries are
//! valid and where a syntax error is:
//! - a syntax error points at the first token that cannot continue any valid
//!   query, which is where Loki's LALR parser stops too;
//! - errors Loki raises while building a node (a bad regex in a matcher, a bad
//!   `regexp`/`pattern` parser) stop parsing at once, with no position;
//! - semantic errors (Loki's validation) are reported only when the whole query
//!   parsed, the first one in a pre-order walk; see [`Checked`].

use super::ast::*;
use super::error::ParseError;
use super::lexer::{parse_float_error, Func, Kw, Lexer, Sym, Tok, Token};
use super::validate;

/// A node with the first semantic error found in it (pre-order), reported
/// only if the whole query parses.
struct Checked<T> {
    value: T,
    deferred: Option<ParseError>,
}

impl<T> Checked<T> {
    fn ok(value: T) -> Self {
        Checked {
            value,
            deferred: None,
        }
    }

    fn with(value: T, own: Option<ParseError>, children: Option<ParseError>) -> Self {
        Checked {
            value,
            deferred: own.or(children),
        }
    }
}

/// A log or metric expression, before we know where it is used.
enum Node {
    Log(LogExpr),
    Metric(MetricExpr),
}

impl Node {
    fn depth(&self) -> usize {
        match self {
            Node::Log(l) => l.depth(),
            Node::Metric(m) => m.depth(),
        }
    }
}

/// A log range being assembled; `range` is `None` until `[...]` is seen.
struct PartialRange {
    log: LogExpr,
    unwrap: Option<Unwrap>,
    range: Option<i64>,
    offset: i64,
}

pub(super) struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    i: usize,
    /// Levels of nesting open at the current token (see [`MAX_DEPTH`]).
    depth: usize,
}

type PResult<T> = Result<T, ParseError>;

/// When less than this much stack is left, the next level runs on a new
/// segment of [`STACK_SEGMENT`] bytes.
const STACK_RED_ZONE: usize = 96 << 10;
const STACK_SEGMENT: usize = 1 << 20;

/// Recursion the parser allows: twice the tree's bound, since a printed
/// query spends a level on the parentheses around each nested node.
const MAX_RECURSION: usize = 2 * MAX_DEPTH + 16;

impl<'a> Parser<'a> {
    pub(super) fn new(src: &'a str) -> PResult<Self> {
        let tokens = Lexer::new(src).tokenize()?;
        Ok(Parser {
            src,
            tokens,
            i: 0,
            depth: 0,
        })
    }

    /// Parse the whole input as one query, with Loki's validation.
    pub(super) fn parse_query(mut self) -> PResult<Expr> {
        let parsed = self.parse_binary(0)?;
        if self.peek() != &Tok::Eof {
            return Err(self.unexpected());
        }
        if let Some(e) = parsed.deferred {
            return Err(e);
        }
        let expr = match parsed.value {
            Node::Log(l) => Expr::Log(l),
            Node::Metric(m) => Expr::Metric(m),
        };
        Ok(expr)
    }

    /// Parse the whole input as the stages of a log pipeline (no selector,
    /// no `unwrap`).
    pub(super) fn parse_stages(mut self) -> PResult<Vec<Stage>> {
        let (stages, _) = self.parse_pipeline(false)?;
        if self.peek() != &Tok::Eof {
            return Err(self.unexpected());
        }
        Ok(stages)
    }

    // ---- token helpers -------------------------------------------------

    fn peek(&self) -> &Tok {
        &self.tokens[self.i].tok
    }

    fn peek_at(&self, n: usize) -> &Tok {
        let idx = (self.i + n).min(self.tokens.len() - 1);
        &self.tokens[idx].tok
    }

    fn bump(&mut self) -> Tok {
        let t = self.tokens[self.i].tok.clone();
        if self.i + 1 < self.tokens.len() {
            self.i += 1;
        }
        t
    }

    fn at_sym(&self, s: Sym) -> bool {
        self.peek() == &Tok::Sym(s)
    }

    fn at_kw(&self, k: Kw) -> bool {
        self.peek() == &Tok::Keyword(k)
    }

    fn eat_sym(&mut self, s: Sym) -> bool {
        let hit = self.at_sym(s);
        if hit {
            self.bump();
        }
        hit
    }

    fn eat_kw(&mut self, k: Kw) -> bool {
        let hit = self.at_kw(k);
        if hit {
            self.bump();
        }
        hit
    }

    /// An error at the current token, with Loki's position rules.
    fn err_here(&self, msg: impl Into<String>) -> ParseError {
        self.err_at(self.i, msg)
    }

    /// An error at token `i`, with Loki's position rules.
    fn err_at(&self, i: usize, msg: impl Into<String>) -> ParseError {
        let t = &self.tokens[i];
        // Loki has no position at all for an empty query.
        if t.tok == Tok::Eof && self.src.is_empty() {
            return ParseError::whole(msg);
        }
        let e = ParseError::at(self.src, t.start, msg);
        if t.line_zero {
            e.line_zero()
        } else {
            e
        }
    }

    /// The error for a tree nesting past [`MAX_DEPTH`], at token `i`.
    fn too_deep(&self, i: usize) -> ParseError {
        self.err_at(i, format!("query nests deeper than {MAX_DEPTH} levels"))
    }

    /// Run `then` one level of recursion deeper. Every recursive rule goes
    /// through here, so untrusted input cannot make the parser recurse
    /// without bound. Parentheses recurse without making a node, so this
    /// bound is looser than the tree's: a printed query (which parenthesises
    /// every nested label filter) must parse back.
    fn nested<T>(&mut self, then: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_RECURSION {
            return Err(self.too_deep(self.i));
        }
        self.depth += 1;
        // Parser frames are large in unoptimised builds (about 20 KiB a
        // level): grow the stack on the heap rather than trust its size.
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || then(self));
        self.depth -= 1;
        result
    }

    /// Every node the parser makes has a subtree at most [`MAX_DEPTH`] deep,
    /// so the whole tree is too; `at` is the token where the node starts.
    fn check_tree(&self, depth: usize, at: usize) -> PResult<()> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep(at));
        }
        Ok(())
    }

    fn unexpected(&self) -> ParseError {
        self.err_here(format!(
            "syntax error: unexpected {}",
            self.peek().describe()
        ))
    }

    /// `unexpected X, expecting A or B`, for the places where Loki's parser
    /// names what it wanted.
    fn unexpected_expecting(&self, expecting: &[&str]) -> ParseError {
        self.err_here(format!(
            "syntax error: unexpected {}, expecting {}",
            self.peek().describe(),
            expecting.join(" or ")
        ))
    }

    fn expect_sym(&mut self, s: Sym) -> PResult<()> {
        if self.eat_sym(s) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn expect_ident(&mut self) -> PResult<String> {
        match self.peek() {
            Tok::Ident(s) => {
                let s = s.clone();
                self.bump();
                Ok(s)
            }
            _ => Err(self.unexpected()),
        }
    }

    fn expect_string(&mut self) -> PResult<String> {
        match self.peek() {
            Tok::Str(s) => {
                let s = s.clone();
                self.bump();
                Ok(s)
            }
            _ => Err(self.unexpected()),
        }
    }

    // ---- metric expressions ----------------------------------------------

    fn peek_binop(&self) -> Option<BinOp> {
        Some(match self.peek() {
            Tok::Keyword(Kw::Or) => BinOp::Or,
            Tok::Keyword(Kw::And) => BinOp::And,
            Tok::Keyword(Kw::Unless) => BinOp::Unless,
            Tok::Sym(Sym::Add) => BinOp::Add,
            Tok::Sym(Sym::Sub) => BinOp::Sub,
            Tok::Sym(Sym::Mul) => BinOp::Mul,
            Tok::Sym(Sym::Div) => BinOp::Div,
            Tok::Sym(Sym::Mod) => BinOp::Mod,
            Tok::Sym(Sym::Pow) => BinOp::Pow,
            Tok::Sym(Sym::CmpEq) => BinOp::CmpEq,
            Tok::Sym(Sym::Neq) => BinOp::Neq,
            Tok::Sym(Sym::Gt) => BinOp::Gt,
            Tok::Sym(Sym::Gte) => BinOp::Gte,
            Tok::Sym(Sym::Lt) => BinOp::Lt,
            Tok::Sym(Sym::Lte) => BinOp::Lte,
            _ => return None,
        })
    }

    /// Precedence climbing over binary operators.
    fn parse_binary(&mut self, min_prec: u8) -> PResult<Checked<Node>> {
        self.nested(|p| p.parse_binary_chain(min_prec))
    }

    fn parse_binary_chain(&mut self, min_prec: u8) -> PResult<Checked<Node>> {
        let start = self.i;
        let mut lhs = self.parse_primary()?;
        let mut lhs_depth = lhs.value.depth();
        self.check_tree(lhs_depth, start)?;
        while let Some(op) = self.peek_binop() {
            let prec = op.precedence();
            if prec < min_prec {
                break;
            }
            let operator = self.i;
            self.bump();
            let (return_bool, matching) = self.parse_bin_modifiers()?;
            let next_min = if op.right_associative() {
                prec
            } else {
                prec + 1
            };
            let rhs = self.parse_binary(next_min)?;
            lhs_depth = 1 + lhs_depth.max(rhs.value.depth());
            self.check_tree(lhs_depth, operator)?;
            lhs = make_binary(op, lhs, rhs, return_bool, matching);
        }
        Ok(lhs)
    }

    /// An expression that must be a metric expression. A log expression here
    /// fails at the token after it, where Loki's grammar wanted an operator.
    fn parse_metric(&mut self) -> PResult<Checked<MetricExpr>> {
        let parsed = self.parse_binary(0)?;
        match parsed.value {
            Node::Metric(m) => Ok(Checked {
                value: m,
                deferred: parsed.deferred,
            }),
            Node::Log(_) => Err(self.unexpected()),
        }
    }

    fn parse_bin_modifiers(&mut self) -> PResult<(bool, Option<VectorMatching>)> {
        let return_bool = self.eat_kw(Kw::Bool);
        let on = if self.eat_kw(Kw::On) {
            true
        } else if self.eat_kw(Kw::Ignoring) {
            false
        } else {
            return Ok((return_bool, None));
        };
        let labels = self.parse_label_list()?;
        let card = if self.eat_kw(Kw::GroupLeft) {
            Cardinality::ManyToOne
        } else if self.eat_kw(Kw::GroupRight) {
            Cardinality::OneToMany
        } else {
            Cardinality::OneToOne
        };
        let include = if card != Cardinality::OneToOne && self.at_sym(Sym::LParen) {
            self.parse_label_list()?
        } else {
            Vec::new()
        };
        // `ignoring ()` matches on every label, which is no modifier at all; Loki
        // prints it (and any group modifier after it) as nothing.
        if !on && labels.is_empty() {
            return Ok((return_bool, None));
        }
        let matching = VectorMatching {
            on,
            labels,
            card,
            include,
        };
        Ok((return_bool, Some(matching)))
    }

    /// `( a, b, c )`, possibly empty.
    fn parse_label_list(&mut self) -> PResult<Vec<String>> {
        self.expect_sym(Sym::LParen)?;
        let mut labels = Vec::new();
        if self.eat_sym(Sym::RParen) {
            return Ok(labels);
        }
        loop {
            match self.peek() {
                Tok::Ident(_) => labels.push(self.expect_ident()?),
                _ if labels.is_empty() => {
                    return Err(self.unexpected_expecting(&["IDENTIFIER", ")"]))
                }
                _ => return Err(self.unexpected_expecting(&["IDENTIFIER"])),
            }
            if self.eat_sym(Sym::Comma) {
                continue;
            }
            if self.eat_sym(Sym::RParen) {
                return Ok(labels);
            }
            return Err(self.unexpected_expecting(&[",", ")"]));
        }
    }

    fn literal(text: &str, value: Option<f64>, negative: bool) -> Checked<Node> {
        match value {
            Some(v) => Checked::ok(Node::Metric(MetricExpr::Literal(if negative {
                -v
            } else {
                v
            }))),
            None => Checked::with(
                Node::Metric(MetricExpr::Literal(f64::NAN)),
                Some(ParseError::whole(format!(
                    "unable to parse literal as a float: {}",
                    parse_float_error(text)
                ))),
                None,
            ),
        }
    }

    fn parse_primary(&mut self) -> PResult<Checked<Node>> {
        match self.peek().clone() {
            Tok::Sym(Sym::LBrace) => {
                let log = self.parse_log_expr()?;
                Ok(log_node(log))
            }
            Tok::Sym(Sym::LParen) => {
                self.bump();
                let inner = self.parse_binary(0)?;
                self.expect_sym(Sym::RParen)?;
                Ok(inner)
            }
            Tok::Sym(Sym::Add) | Tok::Sym(Sym::Sub) => {
                let negative = self.bump() == Tok::Sym(Sym::Sub);
                match self.peek().clone() {
                    Tok::Number(v, text) => {
                        self.bump();
                        Ok(Self::literal(&text, v, negative))
                    }
                    _ => Err(self.unexpected()),
                }
            }
            Tok::Number(v, text) => {
                self.bump();
                Ok(Self::literal(&text, v, false))
            }
            Tok::Func(Func::RangeAgg(op)) => {
                self.bump();
                let agg = self.parse_range_agg(op)?;
                Ok(metric_node(agg))
            }
            Tok::Func(Func::VectorAgg(op)) => {
                self.bump();
                let agg = self.parse_vector_agg(op)?;
                Ok(metric_node(agg))
            }
            Tok::Func(Func::Vector) => {
                self.bump();
                self.expect_sym(Sym::LParen)?;
                let Tok::Number(v, text) = self.peek().clone() else {
                    return Err(self.unexpected_expecting(&["NUMBER"]));
                };
                self.bump();
                self.expect_sym(Sym::RParen)?;
                let own = v.is_none().then(|| {
                    ParseError::whole(format!(
                        "unable to parse vectorExpr as a float: {}",
                        parse_float_error(&text)
                    ))
                });
                Ok(Checked::with(
                    Node::Metric(MetricExpr::Vector(v.unwrap_or(f64::NAN))),
                    own,
                    None,
                ))
            }
            Tok::Func(Func::LabelReplace) => {
                self.bump();
                let lr = self.parse_label_replace()?;
                Ok(metric_node(lr))
            }
            _ => Err(self.unexpected()),
        }
    }

    fn parse_label_replace(&mut self) -> PResult<Checked<MetricExpr>> {
        self.expect_sym(Sym::LParen)?;
        let inner = self.parse_metric()?;
        let mut args = Vec::with_capacity(4);
        for _ in 0..4 {
            if !self.eat_sym(Sym::Comma) {
                return Err(self.unexpected_expecting(&[","]));
            }
            match self.peek() {
                Tok::Str(_) => args.push(self.expect_string()?),
                _ => return Err(self.unexpected_expecting(&["STRING"])),
            }
        }
        self.expect_sym(Sym::RParen)?;
        let [dst, replacement, src, regex] = <[String; 4]>::try_from(args).expect("four args");
        let lr = LabelReplace {
            inner: inner.value,
            dst,
            replacement,
            src,
            regex,
        };
        let own = validate::check_label_replace(&lr).err();
        Ok(Checked::with(
            MetricExpr::LabelReplace(Box::new(lr)),
            own,
            inner.deferred,
        ))
    }

    fn parse_grouping(&mut self) -> PResult<Option<Grouping>> {
        let without = if self.eat_kw(Kw::By) {
            false
        } else if self.eat_kw(Kw::Without) {
            true
        } else {
            return Ok(None);
        };
        let labels = self.parse_label_list()?;
        Ok(Some(Grouping { without, labels }))
    }

    fn parse_range_agg(&mut self, op: RangeOp) -> PResult<Checked<MetricExpr>> {
        self.expect_sym(Sym::LParen)?;
        let param = match self.peek().clone() {
            Tok::Number(v, text) => {
                self.bump();
                self.expect_sym(Sym::Comma)?;
                Some((v, text))
            }
            Tok::Sym(Sym::LBrace) | Tok::Sym(Sym::LParen) => None,
            _ => return Err(self.unexpected_expecting(&["NUMBER", "{", "("])),
        };
        let (range, selector_error) = self.parse_log_range()?;
        self.expect_sym(Sym::RParen)?;
        let grouping = self.parse_grouping()?;
        let agg = RangeAgg {
            op,
            param: param.as_ref().and_then(|(v, _)| *v),
            range,
            grouping,
        };
        let param_text = param.as_ref().map(|(_, t)| t.as_str());
        let own = validate::check_range_agg(&agg, param_text).err();
        Ok(Checked::with(
            MetricExpr::RangeAgg(agg),
            own,
            selector_error,
        ))
    }

    fn parse_vector_agg(&mut self, op: VectorOp) -> PResult<Checked<MetricExpr>> {
        let before = self.parse_grouping()?;
        self.expect_sym(Sym::LParen)?;
        let param_text = match self.peek().clone() {
            Tok::Number(_, text) if self.peek_at(1) == &Tok::Sym(Sym::Comma) => {
                self.bump();
                self.bump();
                Some(text)
            }
            _ => None,
        };
        let inner = self.parse_metric()?;
        self.expect_sym(Sym::RParen)?;
        let mut grouping = match before {
            Some(g) => Some(g),
            None => self.parse_grouping()?,
        };
        let (param, own) =
            match validate::check_vector_agg(op, param_text.as_deref(), grouping.as_ref()) {
                Ok(p) => (p, None),
                Err(e) => (None, Some(e)),
            };
        // `sum by () (x)` is `sum(x)`: Loki prints and evaluates them alike.
        if grouping
            .as_ref()
            .is_some_and(|g| !g.without && g.labels.is_empty())
        {
            grouping = None;
        }
        let agg = VectorAgg {
            op,
            param,
            inner: Box::new(inner.value),
            grouping,
        };
        Ok(Checked::with(
            MetricExpr::VectorAgg(agg),
            own,
            inner.deferred,
        ))
    }

    /// The log range of a range aggregation, with the selector check's result.
    fn parse_log_range(&mut self) -> PResult<(LogRange, Option<ParseError>)> {
        let part = self.parse_range_part()?;
        let Some(range) = part.range else {
            return Err(self.unexpected());
        };
        let selector_error = validate::check_selector(&part.log.selector).err();
        Ok((
            LogRange {
                log: part.log,
                unwrap: part.unwrap,
                range,
                offset: part.offset,
            },
            selector_error,
        ))
    }

    /// The forms Loki accepts inside a range aggregation: the range may follow
    /// the selector or the pipeline, and parentheses may wrap the log part or
    /// the whole.
    fn parse_range_part(&mut self) -> PResult<PartialRange> {
        self.nested(Self::parse_range_part_inner)
    }

    fn parse_range_part_inner(&mut self) -> PResult<PartialRange> {
        if self.eat_sym(Sym::LParen) {
            let mut inner = self.parse_range_part()?;
            self.expect_sym(Sym::RParen)?;
            if inner.range.is_none() {
                inner.range = Some(self.expect_range()?);
                inner.offset = self.parse_offset()?;
            }
            return Ok(inner);
        }
        if !self.at_sym(Sym::LBrace) {
            return Err(self.unexpected());
        }
        let selector = self.parse_selector()?;
        if let Tok::Range(r) = *self.peek() {
            self.bump();
            let offset = self.parse_offset()?;
            let (pipeline, unwrap) = self.parse_pipeline(true)?;
            return Ok(PartialRange {
                log: LogExpr { selector, pipeline },
                unwrap,
                range: Some(r),
                offset,
            });
        }
        let (pipeline, unwrap) = self.parse_pipeline(true)?;
        let mut part = PartialRange {
            log: LogExpr { selector, pipeline },
            unwrap,
            range: None,
            offset: 0,
        };
        if let Tok::Range(r) = *self.peek() {
            self.bump();
            part.range = Some(r);
            part.offset = self.parse_offset()?;
        }
        Ok(part)
    }

    fn expect_range(&mut self) -> PResult<i64> {
        match *self.peek() {
            Tok::Range(r) => {
                self.bump();
                Ok(r)
            }
            _ => Err(self.unexpected()),
        }
    }

    fn parse_offset(&mut self) -> PResult<i64> {
        if !self.eat_kw(Kw::Offset) {
            return Ok(0);
        }
        match *self.peek() {
            Tok::Duration(d) => {
                self.bump();
                Ok(d)
            }
            _ => Err(self.unexpected_expecting(&["DURATION"])),
        }
    }

    // ---- log expressions -----------------------------------------------

    fn parse_log_expr(&mut self) -> PResult<LogExpr> {
        let selector = self.parse_selector()?;
        let (pipeline, _) = self.parse_pipeline(false)?;
        Ok(LogExpr { selector, pipeline })
    }

    fn parse_selector(&mut self) -> PResult<Vec<Matcher>> {
        self.expect_sym(Sym::LBrace)?;
        let mut matchers = Vec::new();
        if self.eat_sym(Sym::RBrace) {
            return Ok(matchers);
        }
        loop {
            matchers.push(self.parse_matcher()?);
            if self.eat_sym(Sym::Comma) {
                continue;
            }
            if self.eat_sym(Sym::RBrace) {
                return Ok(matchers);
            }
            return Err(self.unexpected_expecting(&["}", ","]));
        }
    }

    fn match_op(&self) -> Option<MatchOp> {
        Some(match self.peek() {
            Tok::Sym(Sym::Eq) => MatchOp::Eq,
            Tok::Sym(Sym::Neq) => MatchOp::Neq,
            Tok::Sym(Sym::Re) => MatchOp::Re,
            Tok::Sym(Sym::Nre) => MatchOp::Nre,
            _ => return None,
        })
    }

    fn parse_matcher(&mut self) -> PResult<Matcher> {
        let name = self.expect_ident()?;
        let Some(op) = self.match_op() else {
            return Err(self.unexpected_expecting(&["=", "=~", "!~", "!="]));
        };
        self.bump();
        let value = match self.peek() {
            Tok::Str(_) => self.expect_string()?,
            _ => return Err(self.unexpected_expecting(&["STRING"])),
        };
        check_regex(op, &value)?;
        Ok(Matcher { name, op, value })
    }

    fn line_filter_op(&self) -> Option<LineFilterOp> {
        let op = match self.peek() {
            Tok::Sym(Sym::PipeExact) => LineFilterOp::Contains,
            Tok::Sym(Sym::PipeMatch) => LineFilterOp::Regex,
            Tok::Sym(Sym::PipePattern) => LineFilterOp::Pattern,
            Tok::Sym(Sym::Neq) => LineFilterOp::NotContains,
            Tok::Sym(Sym::Nre) => LineFilterOp::NotRegex,
            Tok::Sym(Sym::NPattern) => LineFilterOp::NotPattern,
            _ => return None,
        };
        // `!=` also compares numbers; it is a line filter only before a string or ip().
        if op == LineFilterOp::NotContains
            && !matches!(self.peek_at(1), Tok::Str(_) | Tok::Func(Func::Ip))
        {
            return None;
        }
        Some(op)
    }

    /// Stages after a selector. With `allow_unwrap`, an `| unwrap` may close the
    /// pipeline, followed only by label filters.
    fn parse_pipeline(&mut self, allow_unwrap: bool) -> PResult<(Vec<Stage>, Option<Unwrap>)> {
        let mut stages = Vec::new();
        loop {
            if let Some(op) = self.line_filter_op() {
                self.bump();
                self.parse_line_filter(op, &mut stages)?;
                continue;
            }
            if !self.at_sym(Sym::Pipe) {
                return Ok((stages, None));
            }
            self.bump();
            let Tok::Keyword(kw) = *self.peek() else {
                if matches!(self.peek(), Tok::Ident(_) | Tok::Sym(Sym::LParen)) {
                    stages.push(Stage::LabelFilter(self.parse_label_filter(0)?));
                    continue;
                }
                return Err(self.unexpected());
            };
            if kw == Kw::Unwrap && allow_unwrap {
                self.bump();
                let unwrap = self.parse_unwrap()?;
                return Ok((stages, Some(unwrap)));
            }
            let stage = match kw {
                Kw::Json => {
                    Stage::Parser(ParserStage::Json(self.after_kw(Self::parse_extractions)?))
                }
                Kw::Logfmt => Stage::Parser(self.after_kw(Self::parse_logfmt)?),
                Kw::Regexp => {
                    let re = self.after_kw(Self::expect_string)?;
                    super::regex_check::check_named_captures(&re)
                        .map_err(|e| ParseError::whole(format!("invalid regexp parser: {e}")))?;
                    Stage::Parser(ParserStage::Regexp(re))
                }
                Kw::Pattern => {
                    let p = self.after_kw(Self::expect_string)?;
                    super::pattern::Pattern::parse(&p)
                        .map_err(|e| ParseError::whole(format!("invalid pattern parser: {e}")))?;
                    Stage::Parser(ParserStage::Pattern(p))
                }
                Kw::Unpack => self.after_kw(|_| Ok(Stage::Parser(ParserStage::Unpack)))?,
                Kw::LineFormat => Stage::LineFormat(self.after_kw(Self::expect_string)?),
                Kw::LabelFormat => Stage::LabelFormat(self.after_kw(Self::parse_label_format)?),
                Kw::Drop => Stage::Drop(self.after_kw(Self::parse_label_selectors)?),
                Kw::Keep => Stage::Keep(self.after_kw(Self::parse_label_selectors)?),
                Kw::Decolorize => self.after_kw(|_| Ok(Stage::Decolorize))?,
                _ => return Err(self.unexpected()),
            };
            stages.push(stage);
        }
    }

    /// Skip the stage keyword just peeked and parse what follows it.
    fn after_kw<T>(&mut self, then: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.bump();
        then(self)
    }

    fn parse_filter_value(&mut self) -> PResult<FilterValue> {
        match self.peek().clone() {
            Tok::Str(s) => {
                self.bump();
                Ok(FilterValue::Text(s))
            }
            Tok::Func(Func::Ip) => {
                self.bump();
                self.expect_sym(Sym::LParen)?;
                let cidr = self.expect_string()?;
                self.expect_sym(Sym::RParen)?;
                Ok(FilterValue::Ip(cidr))
            }
            _ => Err(self.unexpected_expecting(&["STRING", "ip"])),
        }
    }

    /// One line filter with its `or` alternatives. A negative filter's
    /// alternatives must all be absent, so `!= "a" or "b"` is `!= "a" != "b"`,
    /// which is how Loki stores and prints it.
    fn parse_line_filter(&mut self, op: LineFilterOp, stages: &mut Vec<Stage>) -> PResult<()> {
        let mut values = vec![self.parse_filter_value()?];
        while self.at_kw(Kw::Or) && matches!(self.peek_at(1), Tok::Str(_) | Tok::Func(Func::Ip)) {
            self.bump();
            values.push(self.parse_filter_value()?);
        }
        if op.is_negative() {
            stages.extend(values.into_iter().map(|v| {
                Stage::LineFilter(LineFilter {
                    op,
                    values: vec![v],
                })
            }));
        } else {
            stages.push(Stage::LineFilter(LineFilter { op, values }));
        }
        Ok(())
    }

    /// `json`/`logfmt` parameters: `a, b="expr", ...` (possibly none).
    fn parse_extractions(&mut self) -> PResult<Vec<Extraction>> {
        let mut out = Vec::new();
        if !matches!(self.peek(), Tok::Ident(_)) {
            return Ok(out);
        }
        loop {
            let label = self.expect_ident()?;
            let expr = if self.eat_sym(Sym::Eq) {
                self.expect_string()?
            } else {
                label.clone()
            };
            out.push(Extraction { label, expr });
            if self.eat_sym(Sym::Comma) {
                continue;
            }
            return Ok(out);
        }
    }

    fn parse_logfmt(&mut self) -> PResult<ParserStage> {
        let mut strict = false;
        let mut keep_empty = false;
        while let Tok::Flag(flag) = self.peek().clone() {
            match flag.as_str() {
                "strict" => strict = true,
                _ => keep_empty = true,
            }
            self.bump();
        }
        let params = self.parse_extractions()?;
        Ok(ParserStage::Logfmt {
            strict,
            keep_empty,
            params,
        })
    }

    fn parse_label_format(&mut self) -> PResult<Vec<LabelFormatItem>> {
        let mut items = Vec::new();
        loop {
            let dst = self.expect_ident()?;
            self.expect_sym(Sym::Eq)?;
            let item = match self.peek().clone() {
                Tok::Ident(src) => {
                    self.bump();
                    LabelFormatItem::Rename { dst, src }
                }
                Tok::Str(template) => {
                    self.bump();
                    LabelFormatItem::Template { dst, template }
                }
                _ => return Err(self.unexpected()),
            };
            items.push(item);
            if self.eat_sym(Sym::Comma) {
                continue;
            }
            return Ok(items);
        }
    }

    fn parse_label_selectors(&mut self) -> PResult<Vec<LabelSelector>> {
        let mut items = Vec::new();
        loop {
            let name = self.expect_ident()?;
            if let Some(op) = self.match_op() {
                self.bump();
                let value = self.expect_string()?;
                check_regex(op, &value)?;
                items.push(LabelSelector::Matcher(Matcher { name, op, value }));
            } else {
                items.push(LabelSelector::Name(name));
            }
            if self.eat_sym(Sym::Comma) {
                continue;
            }
            return Ok(items);
        }
    }

    fn parse_unwrap(&mut self) -> PResult<Unwrap> {
        let conversion = match self.peek() {
            Tok::Func(Func::Bytes) => Some(Conversion::Bytes),
            Tok::Func(Func::Duration) => Some(Conversion::Duration),
            Tok::Func(Func::DurationSeconds) => Some(Conversion::DurationSeconds),
            _ => None,
        };
        let label = if conversion.is_some() {
            self.bump();
            self.expect_sym(Sym::LParen)?;
            let l = self.expect_ident()?;
            self.expect_sym(Sym::RParen)?;
            l
        } else {
            self.expect_ident()?
        };
        let mut post_filters = Vec::new();
        while self.at_sym(Sym::Pipe) {
            self.bump();
            if !matches!(self.peek(), Tok::Ident(_) | Tok::Sym(Sym::LParen)) {
                return Err(self.unexpected());
            }
            post_filters.push(self.parse_label_filter(0)?);
        }
        Ok(Unwrap {
            label,
            conversion,
            post_filters,
        })
    }

    // ---- label filters -------------------------------------------------

    /// Label filters combine as Loki's grammar does: `or` binds loosest, `and`
    /// tighter (both left-associative), while `,` and plain juxtaposition have
    /// no precedence at all, so they take everything that follows them.
    fn parse_label_filter(&mut self, min_prec: u8) -> PResult<LabelFilter> {
        self.nested(|p| p.parse_label_filter_chain(min_prec))
    }

    fn parse_label_filter_chain(&mut self, min_prec: u8) -> PResult<LabelFilter> {
        let start = self.i;
        let mut lhs = self.parse_label_filter_primary()?;
        let mut lhs_depth = lhs.depth();
        loop {
            let juxtaposed = matches!(self.peek(), Tok::Ident(_) | Tok::Sym(Sym::LParen));
            if juxtaposed || self.at_sym(Sym::Comma) {
                if !juxtaposed {
                    self.bump();
                }
                let rhs = self.parse_label_filter(0)?;
                self.check_tree(1 + lhs_depth.max(rhs.depth()), start)?;
                return Ok(LabelFilter::And(Box::new(lhs), Box::new(rhs)));
            }
            let (prec, is_and) = match self.peek() {
                Tok::Keyword(Kw::Or) => (1, false),
                Tok::Keyword(Kw::And) => (2, true),
                _ => return Ok(lhs),
            };
            if prec < min_prec {
                return Ok(lhs);
            }
            let operator = self.i;
            self.bump();
            let rhs = self.parse_label_filter(prec + 1)?;
            lhs_depth = 1 + lhs_depth.max(rhs.depth());
            self.check_tree(lhs_depth, operator)?;
            lhs = if is_and {
                LabelFilter::And(Box::new(lhs), Box::new(rhs))
            } else {
                LabelFilter::Or(Box::new(lhs), Box::new(rhs))
            };
        }
    }

    fn parse_label_filter_primary(&mut self) -> PResult<LabelFilter> {
        if self.eat_sym(Sym::LParen) {
            let inner = self.parse_label_filter(0)?;
            self.expect_sym(Sym::RParen)?;
            return Ok(inner);
        }
        let name = self.expect_ident()?;
        let cmp = match self.peek() {
            Tok::Sym(Sym::Eq) | Tok::Sym(Sym::CmpEq) => Some(CmpOp::Eq),
            Tok::Sym(Sym::Neq) => Some(CmpOp::Neq),
            Tok::Sym(Sym::Gt) => Some(CmpOp::Gt),
            Tok::Sym(Sym::Gte) => Some(CmpOp::Gte),
            Tok::Sym(Sym::Lt) => Some(CmpOp::Lt),
            Tok::Sym(Sym::Lte) => Some(CmpOp::Lte),
            _ => None,
        };
        let match_op = self.match_op();
        if cmp.is_none() && match_op.is_none() {
            return Err(self.unexpected());
        }
        self.bump();
        match self.peek().clone() {
            Tok::Str(s) if match_op.is_some() => {
                self.bump();
                let op = match_op.unwrap_or(MatchOp::Eq);
                check_regex(op, &s)?;
                Ok(LabelFilter::Matcher(Matcher { name, op, value: s }))
            }
            Tok::Func(Func::Ip) if matches!(match_op, Some(MatchOp::Eq | MatchOp::Neq)) => {
                self.bump();
                self.expect_sym(Sym::LParen)?;
                let cidr = self.expect_string()?;
                self.expect_sym(Sym::RParen)?;
                Ok(LabelFilter::Ip {
                    name,
                    negated: match_op == Some(MatchOp::Neq),
                    cidr,
                })
            }
            _ => {
                let Some(op) = cmp else {
                    return Err(self.unexpected());
                };
                self.parse_comparison_value(name, op)
            }
        }
    }

    /// The right side of a numeric, duration or byte-size label filter.
    fn parse_comparison_value(&mut self, name: String, op: CmpOp) -> PResult<LabelFilter> {
        match self.peek().clone() {
            Tok::Duration(d) => {
                self.bump();
                return Ok(LabelFilter::Duration { name, op, value: d });
            }
            Tok::Bytes(b) => {
                self.bump();
                return Ok(LabelFilter::Bytes { name, op, value: b });
            }
            _ => {}
        }
        let negative = match self.peek() {
            Tok::Sym(Sym::Sub) => {
                self.bump();
                true
            }
            Tok::Sym(Sym::Add) => {
                self.bump();
                false
            }
            _ => false,
        };
        match self.peek().clone() {
            Tok::Number(v, text) => {
                self.bump();
                let v = v.ok_or_else(|| {
                    ParseError::whole(format!(
                        "unable to parse literal as a float: {}",
                        parse_float_error(&text)
                    ))
                })?;
                Ok(LabelFilter::Number {
                    name,
                    op,
                    value: if negative { -v } else { v },
                })
            }
            _ => Err(self.unexpected()),
        }
    }
}

fn log_node(log: LogExpr) -> Checked<Node> {
    let deferred = validate::check_selector(&log.selector).err();
    Checked {
        value: Node::Log(log),
        deferred,
    }
}

fn metric_node(m: Checked<MetricExpr>) -> Checked<Node> {
    Checked {
        value: Node::Metric(m.value),
        deferred: m.deferred,
    }
}

fn make_binary(
    op: BinOp,
    lhs: Checked<Node>,
    rhs: Checked<Node>,
    return_bool: bool,
    matching: Option<VectorMatching>,
) -> Checked<Node> {
    let children = lhs.deferred.or(rhs.deferred);
    let (lhs, lhs_err) = metric_leg(lhs.value, op, "left");
    let (rhs, rhs_err) = metric_leg(rhs.value, op, "right");
    let b = BinaryExpr {
        op,
        lhs,
        rhs,
        return_bool,
        matching,
    };
    let own = lhs_err
        .or(rhs_err)
        .or_else(|| validate::check_binary(&b).err());
    // Loki folds operations on two literals at parse time: `1 + 1` is `2`.
    let value = match (&b.lhs, &b.rhs) {
        (MetricExpr::Literal(a), MetricExpr::Literal(c)) if own.is_none() => {
            MetricExpr::Literal(fold_literals(op, *a, *c))
        }
        _ => MetricExpr::Binary(Box::new(b)),
    };
    Checked::with(Node::Metric(value), own, children)
}

/// A binary operand must be a metric; Loki names the Go type of a log leg.
fn metric_leg(node: Node, op: BinOp, side: &str) -> (MetricExpr, Option<ParseError>) {
    match node {
        Node::Metric(m) => (m, None),
        Node::Log(log) => {
            let go_type = if log.pipeline.is_empty() {
                "*syntax.MatchersExpr"
            } else {
                "*syntax.PipelineExpr"
            };
            let err = ParseError::whole(format!(
                "unexpected type for {side} leg of binary operation ({}): {go_type}",
                op.as_str()
            ));
            (MetricExpr::Literal(f64::NAN), Some(err))
        }
    }
}

/// The value of `a op b` for two literals (see [`BinOp::eval`]).
pub(super) fn fold_literals(op: BinOp, a: f64, b: f64) -> f64 {
    // Set operations on literals are refused by validation before this.
    op.eval(a, b).unwrap_or(a)
}

/// Regex matchers must compile; Loki reports this at once, without a position.
fn check_regex(op: MatchOp, value: &str) -> PResult<()> {
    if matches!(op, MatchOp::Re | MatchOp::Nre) {
        super::regex_check::validate_anchored(value).map_err(ParseError::whole)?;
    }
    Ok(())
}
