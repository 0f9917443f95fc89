//! Walking and rewriting a query tree.
//!
//! Visitors see every node once, parents before children; the default
//! methods do nothing, so a visitor implements only what it cares about.

use super::ast::*;

pub trait Visitor {
    fn visit_metric(&mut self, _metric: &MetricExpr) {}
    fn visit_log_range(&mut self, _range: &LogRange) {}
    fn visit_log_expr(&mut self, _log: &LogExpr) {}
    fn visit_stage(&mut self, _stage: &Stage) {}
}

pub fn walk_expr<V: Visitor + ?Sized>(v: &mut V, expr: &Expr) {
    match expr {
        Expr::Log(log) => walk_log_expr(v, log),
        Expr::Metric(m) => walk_metric(v, m),
    }
}

pub fn walk_metric<V: Visitor + ?Sized>(v: &mut V, metric: &MetricExpr) {
    v.visit_metric(metric);
    match metric {
        MetricExpr::RangeAgg(r) => {
            v.visit_log_range(&r.range);
            walk_log_expr(v, &r.range.log);
        }
        MetricExpr::VectorAgg(a) => walk_metric(v, &a.inner),
        MetricExpr::Binary(b) => {
            walk_metric(v, &b.lhs);
            walk_metric(v, &b.rhs);
        }
        MetricExpr::LabelReplace(l) => walk_metric(v, &l.inner),
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => {}
    }
}

pub fn walk_log_expr<V: Visitor + ?Sized>(v: &mut V, log: &LogExpr) {
    v.visit_log_expr(log);
    for stage in &log.pipeline {
        v.visit_stage(stage);
    }
}

/// Mutable counterpart of [`Visitor`], for rewrites such as scoping.
pub trait Rewriter {
    fn rewrite_metric(&mut self, _metric: &mut MetricExpr) {}
    fn rewrite_log_expr(&mut self, _log: &mut LogExpr) {}
}

pub fn rewrite_expr<R: Rewriter + ?Sized>(r: &mut R, expr: &mut Expr) {
    match expr {
        Expr::Log(log) => r.rewrite_log_expr(log),
        Expr::Metric(m) => rewrite_metric(r, m),
    }
}

pub fn rewrite_metric<R: Rewriter + ?Sized>(r: &mut R, metric: &mut MetricExpr) {
    r.rewrite_metric(metric);
    match metric {
        MetricExpr::RangeAgg(agg) => r.rewrite_log_expr(&mut agg.range.log),
        MetricExpr::VectorAgg(a) => rewrite_metric(r, &mut a.inner),
        MetricExpr::Binary(b) => {
            rewrite_metric(r, &mut b.lhs);
            rewrite_metric(r, &mut b.rhs);
        }
        MetricExpr::LabelReplace(l) => rewrite_metric(r, &mut l.inner),
        MetricExpr::Literal(_) | MetricExpr::Vector(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn visits_every_selector() {
        struct Count(usize);
        impl Visitor for Count {
            fn visit_log_expr(&mut self, _: &LogExpr) {
                self.0 += 1;
            }
        }
        let e = parse(r#"sum(rate({a="1"}[1m])) / sum(rate({b="2"}[1m])) or vector(0)"#).unwrap();
        let mut c = Count(0);
        walk_expr(&mut c, &e);
        assert_eq!(c.0, 2);
    }
}
