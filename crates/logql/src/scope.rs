//! Keeping queries inside a datasource's scope.
//!
//! A scope is a stream selector such as `{namespace="prod", app=~"api|web"}`.
//! Every stream selector of a query gets the scope's matchers added, so the
//! query can only read streams the scope allows; a query whose own matchers
//! contradict the scope is refused rather than silently emptied.

use std::fmt;

use super::ast::*;
use super::printer::write_selector;
use super::validate::matches_empty;
use super::visit::{rewrite_expr, walk_expr, Rewriter, Visitor};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScopeError {
    #[error("invalid scope selector {input:?}: {reason}")]
    InvalidScope { input: String, reason: String },
    #[error("the query asks for {query} but this datasource is limited to {scope}; remove that matcher or ask within the scope")]
    Conflict { query: String, scope: String },
    #[error(
        "the query reads streams outside the scope {scope}: selector {selector} lacks {missing}"
    )]
    OutsideScope {
        scope: String,
        selector: String,
        missing: String,
    },
}

/// The label scope of a datasource.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scope {
    matchers: Vec<Matcher>,
}

impl Scope {
    /// No restriction at all.
    pub fn unrestricted() -> Scope {
        Scope::default()
    }

    /// Parse a scope from a selector. An empty string means unrestricted.
    pub fn parse(selector: &str) -> Result<Scope, ScopeError> {
        if selector.trim().is_empty() || selector.trim() == "{}" {
            return Ok(Scope::unrestricted());
        }
        let invalid = |reason: String| ScopeError::InvalidScope {
            input: selector.to_string(),
            reason,
        };
        let expr = super::parse(selector).map_err(|e| invalid(e.to_string()))?;
        match expr {
            Expr::Log(LogExpr { selector, pipeline }) if pipeline.is_empty() => {
                Ok(Scope { matchers: selector })
            }
            _ => Err(invalid(
                "a scope is a stream selector only, like {namespace=\"prod\"}".into(),
            )),
        }
    }

    pub fn matchers(&self) -> &[Matcher] {
        &self.matchers
    }

    pub fn is_unrestricted(&self) -> bool {
        self.matchers.is_empty()
    }

    /// Rewrite every stream selector of `expr` so it stays inside the scope.
    pub fn apply(&self, expr: &mut Expr) -> Result<(), ScopeError> {
        struct Apply<'s> {
            scope: &'s Scope,
            error: Option<ScopeError>,
        }
        impl Rewriter for Apply<'_> {
            fn rewrite_log_expr(&mut self, log: &mut LogExpr) {
                if self.error.is_none() {
                    if let Err(e) = self.scope.scope_selector(&mut log.selector) {
                        self.error = Some(e);
                    }
                }
            }
        }
        let mut apply = Apply {
            scope: self,
            error: None,
        };
        rewrite_expr(&mut apply, expr);
        apply.error.map_or(Ok(()), Err)
    }

    /// Check, without changing it, that every selector of `expr` is inside the
    /// scope: the last line of defence before a query leaves AskLoki.
    pub fn check(&self, expr: &Expr) -> Result<(), ScopeError> {
        struct Check<'s> {
            scope: &'s Scope,
            error: Option<ScopeError>,
        }
        impl Visitor for Check<'_> {
            fn visit_log_expr(&mut self, log: &LogExpr) {
                if self.error.is_some() {
                    return;
                }
                for m in &self.scope.matchers {
                    if !implied_by(m, &log.selector) {
                        self.error = Some(ScopeError::OutsideScope {
                            scope: self.scope.to_string(),
                            selector: selector_text(&log.selector),
                            missing: m.to_string(),
                        });
                        return;
                    }
                }
            }
        }
        let mut check = Check {
            scope: self,
            error: None,
        };
        walk_expr(&mut check, expr);
        check.error.map_or(Ok(()), Err)
    }

    fn scope_selector(&self, selector: &mut Vec<Matcher>) -> Result<(), ScopeError> {
        for scope_m in &self.matchers {
            for query_m in selector.iter() {
                if query_m.name == scope_m.name && contradicts(query_m, scope_m) {
                    return Err(ScopeError::Conflict {
                        query: query_m.to_string(),
                        scope: self.to_string(),
                    });
                }
            }
            if !implied_by(scope_m, selector) {
                selector.push(scope_m.clone());
            }
        }
        Ok(())
    }
}

/// Is matcher `m` guaranteed by the selector: present verbatim, or implied by an
/// equality on the same label whose value `m` accepts?
fn implied_by(m: &Matcher, selector: &[Matcher]) -> bool {
    selector.iter().any(|q| {
        q == m
            || (q.name == m.name
                && q.op == MatchOp::Eq
                && !q.value.is_empty()
                && accepts(m, &q.value))
    })
}

/// Does matcher `m` accept `value`?
fn accepts(m: &Matcher, value: &str) -> bool {
    match m.op {
        MatchOp::Eq => m.value == value,
        MatchOp::Neq => m.value != value,
        MatchOp::Re | MatchOp::Nre => {
            let hit = super::regex_check::compile_anchored(&m.value)
                .map(|re| re.is_match(value))
                .unwrap_or(false);
            hit == (m.op == MatchOp::Re)
        }
    }
}

/// Two matchers on one label that no value can satisfy together. Only
/// equalities are decided; anything else is kept and ANDed, which is safe.
fn contradicts(query: &Matcher, scope: &Matcher) -> bool {
    if query.op == MatchOp::Eq {
        // An empty equality means "label absent", which a scoped stream never is
        // unless the scope itself accepts the empty value.
        if query.value.is_empty() {
            return !matches_empty(scope);
        }
        return !accepts(scope, &query.value);
    }
    if scope.op == MatchOp::Eq && !scope.value.is_empty() {
        return !accepts(query, &scope.value);
    }
    false
}

fn selector_text(matchers: &[Matcher]) -> String {
    struct Sel<'a>(&'a [Matcher]);
    impl fmt::Display for Sel<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_selector(f, self.0)
        }
    }
    Sel(matchers).to_string()
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_selector(f, &self.matchers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn scoped(scope: &str, query: &str) -> Result<String, ScopeError> {
        let scope = Scope::parse(scope).unwrap();
        let mut e = parse(query).unwrap();
        scope.apply(&mut e)?;
        scope.check(&e)?;
        Ok(e.to_string())
    }

    #[test]
    fn adds_scope_matchers_to_every_selector() {
        let out = scoped(
            r#"{namespace="prod"}"#,
            r#"sum(rate({app="a"}[1m])) / sum(rate({app="b"}[1m]))"#,
        )
        .unwrap();
        assert_eq!(
            out,
            r#"(sum(rate({app="a", namespace="prod"}[1m])) / sum(rate({app="b", namespace="prod"}[1m])))"#
        );
    }

    #[test]
    fn keeps_implied_matchers_once() {
        let out = scoped(r#"{app=~"api|web"}"#, r#"{app="api"} |= "x""#).unwrap();
        assert_eq!(out, r#"{app="api"} |= "x""#);
    }

    #[test]
    fn refuses_contradictions() {
        let e = scoped(r#"{namespace="prod"}"#, r#"{namespace="dev"}"#).unwrap_err();
        assert!(matches!(e, ScopeError::Conflict { .. }), "{e}");
        let e = scoped(r#"{app=~"api|web"}"#, r#"{app="db"}"#).unwrap_err();
        assert!(matches!(e, ScopeError::Conflict { .. }));
        let e = scoped(r#"{namespace="prod"}"#, r#"{namespace=~"dev|staging"}"#).unwrap_err();
        assert!(matches!(e, ScopeError::Conflict { .. }));
    }

    #[test]
    fn regex_widening_attempts_are_narrowed() {
        let out = scoped(r#"{namespace="prod"}"#, r#"{namespace=~".+", app="x"}"#).unwrap();
        assert_eq!(out, r#"{namespace=~".+", app="x", namespace="prod"}"#);
    }

    #[test]
    fn check_catches_unscoped_queries() {
        let scope = Scope::parse(r#"{namespace="prod"}"#).unwrap();
        let e = parse(r#"{app="x"}"#).unwrap();
        assert!(matches!(
            scope.check(&e),
            Err(ScopeError::OutsideScope { .. })
        ));
    }

    #[test]
    fn invalid_scopes_are_reported() {
        assert!(Scope::parse(r#"{a="b"} |= "x""#).is_err());
        assert!(Scope::parse(r#"{a=~".*"}"#).is_err());
        assert!(Scope::parse("").unwrap().is_unrestricted());
    }
}
