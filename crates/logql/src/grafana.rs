//! Grafana's range variables (`[$__range]`, `[$__interval]`, `[$__auto]`)
//! in a query built as a tree.
//!
//! Grafana expands them in the query's text before Loki parses it, so the
//! parser never reads one. A tree meant to be printed for a dashboard (a
//! query to pin, to run over any window) holds a variable as a range no
//! parsed query has — a negative duration — and the printer writes the
//! variable's name there.

use crate::ast::LogRange;

/// A Grafana variable that stands for a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangeVariable {
    /// `$__range`: the dashboard's whole time window.
    Range,
    /// `$__interval`: the step of a query over time.
    Interval,
    /// `$__auto`: the window for an instant query, else the step.
    Auto,
}

impl RangeVariable {
    pub const ALL: [RangeVariable; 3] = [
        RangeVariable::Range,
        RangeVariable::Interval,
        RangeVariable::Auto,
    ];

    /// The name as a query writes it.
    pub fn name(self) -> &'static str {
        match self {
            RangeVariable::Range => "$__range",
            RangeVariable::Interval => "$__interval",
            RangeVariable::Auto => "$__auto",
        }
    }

    /// The range a [`LogRange`] holds to stand for the variable: negative,
    /// so no parsed duration is ever taken for it.
    pub const fn as_range(self) -> i64 {
        match self {
            RangeVariable::Range => -1,
            RangeVariable::Interval => -2,
            RangeVariable::Auto => -3,
        }
    }

    /// The variable a range stands for, if it is one.
    pub fn of_range(range: i64) -> Option<RangeVariable> {
        RangeVariable::ALL
            .into_iter()
            .find(|v| v.as_range() == range)
    }
}

impl LogRange {
    /// The variable this range stands for, if it is one.
    pub fn variable(&self) -> Option<RangeVariable> {
        RangeVariable::of_range(self.range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::*;

    fn count(range: i64) -> Expr {
        Expr::Metric(MetricExpr::RangeAgg(RangeAgg {
            op: RangeOp::CountOverTime,
            param: None,
            range: LogRange {
                log: LogExpr {
                    selector: vec![Matcher::new("app", MatchOp::Eq, "api")],
                    pipeline: Vec::new(),
                },
                unwrap: None,
                range,
                offset: 0,
            },
            grouping: None,
        }))
    }

    #[test]
    fn a_variable_prints_by_name_and_expands_to_what_the_parser_reads() {
        for v in RangeVariable::ALL {
            let printed = count(v.as_range()).to_string();
            assert_eq!(
                printed,
                format!(r#"count_over_time({{app="api"}}[{}])"#, v.name())
            );
            // The parser never reads a variable: Grafana expands it first.
            assert!(crate::parse(&printed).is_err());
            let expanded = printed.replace(v.name(), "5m");
            assert_eq!(
                crate::parse(&expanded).unwrap(),
                count(5 * 60 * 1_000_000_000)
            );
        }
    }

    #[test]
    fn a_parsed_range_is_never_a_variable() {
        let Ok(Expr::Metric(MetricExpr::RangeAgg(r))) = crate::parse(r#"rate({a="b"}[1m])"#) else {
            panic!("a range aggregation");
        };
        assert_eq!(r.range.variable(), None);
        assert_eq!(RangeVariable::of_range(60_000_000_000), None);
        for v in RangeVariable::ALL {
            assert_eq!(RangeVariable::of_range(v.as_range()), Some(v));
        }
    }
}
