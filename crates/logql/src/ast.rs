//! The typed syntax tree of a LogQL query.
//!
//! Durations are nanoseconds (`i64`), as Go's `time.Duration` is, so that ranges
//! and offsets print back exactly. Parentheses are not kept: the printer adds
//! them where Loki's canonical form has them.

/// A whole query: either a log query (lines) or a metric query (samples).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Log(LogExpr),
    Metric(MetricExpr),
}

/// `{selector} | stage | stage ...`
#[derive(Debug, Clone, PartialEq)]
pub struct LogExpr {
    pub selector: Vec<Matcher>,
    pub pipeline: Vec<Stage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchOp {
    Eq,
    Neq,
    Re,
    Nre,
}

impl MatchOp {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchOp::Eq => "=",
            MatchOp::Neq => "!=",
            MatchOp::Re => "=~",
            MatchOp::Nre => "!~",
        }
    }
}

/// `name op "value"`, in a stream selector, a label filter, `drop` or `keep`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Matcher {
    pub name: String,
    pub op: MatchOp,
    pub value: String,
}

impl Matcher {
    pub fn new(name: impl Into<String>, op: MatchOp, value: impl Into<String>) -> Self {
        Matcher {
            name: name.into(),
            op,
            value: value.into(),
        }
    }
}

/// One stage of a log pipeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    LineFilter(LineFilter),
    Parser(ParserStage),
    LabelFilter(LabelFilter),
    LineFormat(String),
    LabelFormat(Vec<LabelFormatItem>),
    Drop(Vec<LabelSelector>),
    Keep(Vec<LabelSelector>),
    Decolorize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFilterOp {
    /// `|=`
    Contains,
    /// `!=`
    NotContains,
    /// `|~`
    Regex,
    /// `!~`
    NotRegex,
    /// `|>`
    Pattern,
    /// `!>`
    NotPattern,
}

impl LineFilterOp {
    pub fn as_str(self) -> &'static str {
        match self {
            LineFilterOp::Contains => "|=",
            LineFilterOp::NotContains => "!=",
            LineFilterOp::Regex => "|~",
            LineFilterOp::NotRegex => "!~",
            LineFilterOp::Pattern => "|>",
            LineFilterOp::NotPattern => "!>",
        }
    }

    pub fn is_negative(self) -> bool {
        matches!(
            self,
            LineFilterOp::NotContains | LineFilterOp::NotRegex | LineFilterOp::NotPattern
        )
    }
}

/// `|= "a" or "b"`: the alternatives of one line filter.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFilter {
    pub op: LineFilterOp,
    pub values: Vec<FilterValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterValue {
    Text(String),
    /// `ip("192.168.0.0/16")`
    Ip(String),
}

impl FilterValue {
    pub fn text(&self) -> &str {
        match self {
            FilterValue::Text(s) | FilterValue::Ip(s) => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParserStage {
    Json(Vec<Extraction>),
    Logfmt {
        strict: bool,
        keep_empty: bool,
        params: Vec<Extraction>,
    },
    Regexp(String),
    Pattern(String),
    Unpack,
}

/// `label="expression"` in `json`/`logfmt` parameters; a bare `label` means
/// `label="label"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub label: String,
    pub expr: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Neq => "!=",
            CmpOp::Gt => ">",
            CmpOp::Gte => ">=",
            CmpOp::Lt => "<",
            CmpOp::Lte => "<=",
        }
    }

    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Neq => a != b,
            CmpOp::Gt => a > b,
            CmpOp::Gte => a >= b,
            CmpOp::Lt => a < b,
            CmpOp::Lte => a <= b,
        }
    }
}

/// A label filter stage, possibly a tree of `and`/`or`.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelFilter {
    Matcher(Matcher),
    Ip {
        name: String,
        negated: bool,
        cidr: String,
    },
    Number {
        name: String,
        op: CmpOp,
        value: f64,
    },
    Duration {
        name: String,
        op: CmpOp,
        value: i64,
    },
    Bytes {
        name: String,
        op: CmpOp,
        value: u64,
    },
    And(Box<LabelFilter>, Box<LabelFilter>),
    Or(Box<LabelFilter>, Box<LabelFilter>),
}

/// `dst=src` (rename) or `dst="{{ template }}"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelFormatItem {
    Rename { dst: String, src: String },
    Template { dst: String, template: String },
}

impl LabelFormatItem {
    pub fn dst(&self) -> &str {
        match self {
            LabelFormatItem::Rename { dst, .. } | LabelFormatItem::Template { dst, .. } => dst,
        }
    }
}

/// An item of `drop`/`keep`: a label name, or a matcher on a label's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelSelector {
    Name(String),
    Matcher(Matcher),
}

/// The metric (sample) half of LogQL.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricExpr {
    RangeAgg(RangeAgg),
    VectorAgg(VectorAgg),
    Binary(Box<BinaryExpr>),
    Literal(f64),
    /// `vector(1)`
    Vector(f64),
    LabelReplace(Box<LabelReplace>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangeOp {
    CountOverTime,
    Rate,
    RateCounter,
    BytesOverTime,
    BytesRate,
    AvgOverTime,
    SumOverTime,
    MinOverTime,
    MaxOverTime,
    StdvarOverTime,
    StddevOverTime,
    QuantileOverTime,
    FirstOverTime,
    LastOverTime,
    AbsentOverTime,
}

impl RangeOp {
    pub const ALL: [RangeOp; 15] = [
        RangeOp::CountOverTime,
        RangeOp::Rate,
        RangeOp::RateCounter,
        RangeOp::BytesOverTime,
        RangeOp::BytesRate,
        RangeOp::AvgOverTime,
        RangeOp::SumOverTime,
        RangeOp::MinOverTime,
        RangeOp::MaxOverTime,
        RangeOp::StdvarOverTime,
        RangeOp::StddevOverTime,
        RangeOp::QuantileOverTime,
        RangeOp::FirstOverTime,
        RangeOp::LastOverTime,
        RangeOp::AbsentOverTime,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RangeOp::CountOverTime => "count_over_time",
            RangeOp::Rate => "rate",
            RangeOp::RateCounter => "rate_counter",
            RangeOp::BytesOverTime => "bytes_over_time",
            RangeOp::BytesRate => "bytes_rate",
            RangeOp::AvgOverTime => "avg_over_time",
            RangeOp::SumOverTime => "sum_over_time",
            RangeOp::MinOverTime => "min_over_time",
            RangeOp::MaxOverTime => "max_over_time",
            RangeOp::StdvarOverTime => "stdvar_over_time",
            RangeOp::StddevOverTime => "stddev_over_time",
            RangeOp::QuantileOverTime => "quantile_over_time",
            RangeOp::FirstOverTime => "first_over_time",
            RangeOp::LastOverTime => "last_over_time",
            RangeOp::AbsentOverTime => "absent_over_time",
        }
    }

    pub fn from_name(name: &str) -> Option<RangeOp> {
        RangeOp::ALL.into_iter().find(|op| op.name() == name)
    }

    /// Aggregations over the unwrapped sample values (they need `| unwrap`).
    /// `rate` takes either form: counting lines, or summing unwrapped values.
    pub fn unwrap_rule(self) -> UnwrapRule {
        match self {
            RangeOp::Rate | RangeOp::AbsentOverTime => UnwrapRule::Optional,
            RangeOp::CountOverTime | RangeOp::BytesOverTime | RangeOp::BytesRate => {
                UnwrapRule::Forbidden
            }
            _ => UnwrapRule::Required,
        }
    }

    /// Aggregations that select samples keep labels and accept `by`/`without`.
    pub fn allows_grouping(self) -> bool {
        matches!(
            self,
            RangeOp::AvgOverTime
                | RangeOp::StddevOverTime
                | RangeOp::StdvarOverTime
                | RangeOp::QuantileOverTime
                | RangeOp::MaxOverTime
                | RangeOp::MinOverTime
                | RangeOp::FirstOverTime
                | RangeOp::LastOverTime
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnwrapRule {
    Required,
    Forbidden,
    Optional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VectorOp {
    Sum,
    Avg,
    Min,
    Max,
    Count,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    Sort,
    SortDesc,
    ApproxTopk,
}

impl VectorOp {
    pub const ALL: [VectorOp; 12] = [
        VectorOp::Sum,
        VectorOp::Avg,
        VectorOp::Min,
        VectorOp::Max,
        VectorOp::Count,
        VectorOp::Stddev,
        VectorOp::Stdvar,
        VectorOp::Topk,
        VectorOp::Bottomk,
        VectorOp::Sort,
        VectorOp::SortDesc,
        VectorOp::ApproxTopk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            VectorOp::Sum => "sum",
            VectorOp::Avg => "avg",
            VectorOp::Min => "min",
            VectorOp::Max => "max",
            VectorOp::Count => "count",
            VectorOp::Stddev => "stddev",
            VectorOp::Stdvar => "stdvar",
            VectorOp::Topk => "topk",
            VectorOp::Bottomk => "bottomk",
            VectorOp::Sort => "sort",
            VectorOp::SortDesc => "sort_desc",
            VectorOp::ApproxTopk => "approx_topk",
        }
    }

    pub fn from_name(name: &str) -> Option<VectorOp> {
        VectorOp::ALL.into_iter().find(|op| op.name() == name)
    }

    /// `topk(5, ...)`-style aggregations take a leading integer parameter.
    pub fn takes_param(self) -> bool {
        matches!(
            self,
            VectorOp::Topk | VectorOp::Bottomk | VectorOp::ApproxTopk
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    pub without: bool,
    pub labels: Vec<String>,
}

/// `count_over_time({...} | ... [5m] offset 1h)`
#[derive(Debug, Clone, PartialEq)]
pub struct RangeAgg {
    pub op: RangeOp,
    pub param: Option<f64>,
    pub range: LogRange,
    pub grouping: Option<Grouping>,
}

/// The log side of a range aggregation.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRange {
    pub log: LogExpr,
    pub unwrap: Option<Unwrap>,
    /// The window, in nanoseconds.
    pub range: i64,
    /// The offset, in nanoseconds (0 when absent).
    pub offset: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    Bytes,
    Duration,
    DurationSeconds,
}

impl Conversion {
    pub fn name(self) -> &'static str {
        match self {
            Conversion::Bytes => "bytes",
            Conversion::Duration => "duration",
            Conversion::DurationSeconds => "duration_seconds",
        }
    }
}

/// `| unwrap [conv(]label[)] | post-filter ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Unwrap {
    pub label: String,
    pub conversion: Option<Conversion>,
    pub post_filters: Vec<LabelFilter>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VectorAgg {
    pub op: VectorOp,
    pub param: Option<f64>,
    pub inner: Box<MetricExpr>,
    pub grouping: Option<Grouping>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Unless,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    CmpEq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Unless => "unless",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::CmpEq => "==",
            BinOp::Neq => "!=",
            BinOp::Gt => ">",
            BinOp::Gte => ">=",
            BinOp::Lt => "<",
            BinOp::Lte => "<=",
        }
    }

    /// Binding strength: higher binds tighter (Prometheus' table).
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And | BinOp::Unless => 2,
            BinOp::CmpEq | BinOp::Neq | BinOp::Gt | BinOp::Gte | BinOp::Lt | BinOp::Lte => 3,
            BinOp::Add | BinOp::Sub => 4,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 5,
            BinOp::Pow => 6,
        }
    }

    pub fn right_associative(self) -> bool {
        self == BinOp::Pow
    }

    pub fn is_set_op(self) -> bool {
        matches!(self, BinOp::Or | BinOp::And | BinOp::Unless)
    }

    pub fn is_comparison(self) -> bool {
        self.precedence() == 3
    }

    /// `a op b` on two numbers: comparisons give 1 or 0, division or modulo
    /// by zero give NaN (Loki's rule, not ±Inf); `None` for set operators.
    pub fn eval(self, a: f64, b: f64) -> Option<f64> {
        let truth = |t: bool| if t { 1.0 } else { 0.0 };
        Some(match self {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div | BinOp::Mod if b == 0.0 => f64::NAN,
            BinOp::Div => a / b,
            BinOp::Mod => a % b,
            BinOp::Pow => a.powf(b),
            BinOp::CmpEq => truth(a == b),
            BinOp::Neq => truth(a != b),
            BinOp::Gt => truth(a > b),
            BinOp::Gte => truth(a >= b),
            BinOp::Lt => truth(a < b),
            BinOp::Lte => truth(a <= b),
            BinOp::Or | BinOp::And | BinOp::Unless => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    OneToOne,
    /// `group_left`
    ManyToOne,
    /// `group_right`
    OneToMany,
}

/// `on(...)`/`ignoring(...)` with an optional `group_left/right(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VectorMatching {
    pub on: bool,
    pub labels: Vec<String>,
    pub card: Cardinality,
    pub include: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BinaryExpr {
    pub op: BinOp,
    pub lhs: MetricExpr,
    pub rhs: MetricExpr,
    pub return_bool: bool,
    pub matching: Option<VectorMatching>,
}

/// `label_replace(expr, "dst", "replacement", "src", "regex")`
#[derive(Debug, Clone, PartialEq)]
pub struct LabelReplace {
    pub inner: MetricExpr,
    pub dst: String,
    pub replacement: String,
    pub src: String,
    pub regex: String,
}

impl Expr {
    pub fn is_log(&self) -> bool {
        matches!(self, Expr::Log(_))
    }
}

/// How deep a query's tree may nest: parentheses, aggregations, binary
/// operations (a flat chain `a + b + c …` nests one level per operator) and
/// `and`/`or` label filters all count. Every recursive walk over a tree
/// (printing, validation, scoping, evaluation, dropping) is safe at this
/// depth on a 2 MiB thread stack, so the parser refuses anything deeper.
pub const MAX_DEPTH: usize = 128;

impl LabelFilter {
    /// Levels of this filter tree (a single filter is 1). Only called on
    /// trees the parser bounded, so the recursion is shallow.
    pub fn depth(&self) -> usize {
        match self {
            LabelFilter::And(a, b) | LabelFilter::Or(a, b) => 1 + a.depth().max(b.depth()),
            _ => 1,
        }
    }

    /// The label names the filter compares, left to right (repeats kept).
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.push_names(&mut out);
        out
    }

    fn push_names<'f>(&'f self, out: &mut Vec<&'f str>) {
        match self {
            LabelFilter::Matcher(m) => out.push(&m.name),
            LabelFilter::Ip { name, .. }
            | LabelFilter::Number { name, .. }
            | LabelFilter::Duration { name, .. }
            | LabelFilter::Bytes { name, .. } => out.push(name),
            LabelFilter::And(a, b) | LabelFilter::Or(a, b) => {
                a.push_names(out);
                b.push_names(out);
            }
        }
    }
}

impl LogExpr {
    /// Levels of the expression: 1 plus its deepest label filter.
    pub fn depth(&self) -> usize {
        1 + self
            .pipeline
            .iter()
            .map(|s| match s {
                Stage::LabelFilter(f) => f.depth(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
}

impl MetricExpr {
    /// Levels of the expression tree, label filters included.
    pub fn depth(&self) -> usize {
        match self {
            MetricExpr::RangeAgg(a) => {
                let unwrap = a.range.unwrap.as_ref().map_or(0, |u| {
                    u.post_filters
                        .iter()
                        .map(LabelFilter::depth)
                        .max()
                        .unwrap_or(0)
                });
                1 + a.range.log.depth().max(unwrap)
            }
            MetricExpr::VectorAgg(a) => 1 + a.inner.depth(),
            MetricExpr::Binary(b) => 1 + b.lhs.depth().max(b.rhs.depth()),
            MetricExpr::LabelReplace(l) => 1 + l.inner.depth(),
            MetricExpr::Literal(_) | MetricExpr::Vector(_) => 1,
        }
    }
}

impl Expr {
    /// Levels of the whole query's tree (see [`MAX_DEPTH`]).
    pub fn depth(&self) -> usize {
        match self {
            Expr::Log(l) => l.depth(),
            Expr::Metric(m) => m.depth(),
        }
    }
}
