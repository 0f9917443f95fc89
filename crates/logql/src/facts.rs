//! Facts about a query that cost checks need, without running it.

use super::ast::*;
use super::visit::{walk_expr, Visitor};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryFacts {
    /// A log query returns lines; otherwise samples.
    pub is_log: bool,
    /// The largest `[range]` of any range aggregation, in nanoseconds.
    pub max_range: i64,
    /// The largest `offset`, in nanoseconds.
    pub max_offset: i64,
    /// Parsers used, by name (`json`, `logfmt`, `regexp`, `pattern`, `unpack`).
    pub parsers: Vec<&'static str>,
    /// Number of stream selectors in the query.
    pub selectors: usize,
    /// Line filters that narrow the lines read (positive filters).
    pub positive_line_filters: usize,
    /// Regex line filters (`|~`, `!~`), the costliest kind.
    pub regex_line_filters: usize,
    pub has_unwrap: bool,
    /// The result's series are not bounded by an aggregation: a metric query
    /// whose outermost range aggregation keeps every label (including labels a
    /// parser extracts), or a log query.
    pub unbounded_series: bool,
}

impl QueryFacts {
    pub fn of(expr: &Expr) -> QueryFacts {
        let mut f = Collect(QueryFacts {
            is_log: expr.is_log(),
            ..QueryFacts::default()
        });
        walk_expr(&mut f, expr);
        let mut facts = f.0;
        facts.unbounded_series = match expr {
            Expr::Log(_) => true,
            Expr::Metric(m) => series_unbounded(m),
        };
        facts
    }
}

struct Collect(QueryFacts);

impl Visitor for Collect {
    fn visit_log_range(&mut self, range: &LogRange) {
        self.0.max_range = self.0.max_range.max(range.range);
        self.0.max_offset = self.0.max_offset.max(range.offset);
        self.0.has_unwrap |= range.unwrap.is_some();
    }

    fn visit_log_expr(&mut self, _log: &LogExpr) {
        self.0.selectors += 1;
    }

    fn visit_stage(&mut self, stage: &Stage) {
        match stage {
            Stage::Parser(p) => {
                let name = match p {
                    ParserStage::Json(_) => "json",
                    ParserStage::Logfmt { .. } => "logfmt",
                    ParserStage::Regexp(_) => "regexp",
                    ParserStage::Pattern(_) => "pattern",
                    ParserStage::Unpack => "unpack",
                };
                if !self.0.parsers.contains(&name) {
                    self.0.parsers.push(name);
                }
            }
            Stage::LineFilter(lf) => {
                if !lf.op.is_negative() {
                    self.0.positive_line_filters += 1;
                }
                if matches!(lf.op, LineFilterOp::Regex | LineFilterOp::NotRegex) {
                    self.0.regex_line_filters += 1;
                }
            }
            _ => {}
        }
    }
}

/// Whether a metric expression can yield an unbounded number of series.
fn series_unbounded(m: &MetricExpr) -> bool {
    match m {
        MetricExpr::RangeAgg(r) => match &r.grouping {
            Some(g) => g.without,
            None => true,
        },
        MetricExpr::VectorAgg(v) => match v.op {
            VectorOp::Topk | VectorOp::Bottomk | VectorOp::ApproxTopk => false,
            VectorOp::Sort | VectorOp::SortDesc => series_unbounded(&v.inner),
            _ => match &v.grouping {
                Some(g) if g.without => series_unbounded(&v.inner),
                _ => false,
            },
        },
        MetricExpr::Binary(b) => series_unbounded(&b.lhs) || series_unbounded(&b.rhs),
        MetricExpr::LabelReplace(l) => series_unbounded(&l.inner),
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn collects_ranges_parsers_and_bounds() {
        let e = parse(
            r#"sum by (host) (rate({app="x"} |= "err" | json | unwrap bytes(size) [5m] offset 1h)) / count_over_time({app="y"} | logfmt [10m])"#,
        )
        .unwrap();
        let f = QueryFacts::of(&e);
        assert!(!f.is_log);
        assert_eq!(f.max_range, 600_000_000_000);
        assert_eq!(f.max_offset, 3_600_000_000_000);
        assert_eq!(f.parsers, vec!["json", "logfmt"]);
        assert_eq!(f.selectors, 2);
        assert_eq!(f.positive_line_filters, 1);
        assert!(f.has_unwrap);
        assert!(f.unbounded_series, "the right-hand count keeps every label");
        let bounded =
            parse(r#"topk(5, sum by (ip) (count_over_time({app="x"} | json [1h])))"#).unwrap();
        assert!(!QueryFacts::of(&bounded).unbounded_series);
    }
}
