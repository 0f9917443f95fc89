//! The LogQL language, as Grafana Loki reads it: parsing, Loki's semantic
//! rules, the canonical printed form, scoping and query facts. Nothing here
//! does I/O.
//!
//! * [`parse`] turns text into an [`Expr`] and applies Loki's checks; a
//!   [`ParseError`] prints as Loki's message does.
//! * `Display` on every node prints the canonical form (what Loki's
//!   `String()` gives), so parse → print → parse is the identity. Write
//!   queries as trees and print them instead of assembling text.
//! * [`Scope`] keeps a query inside a stream selector; [`QueryFacts`] says
//!   what a cost check needs; [`visit`] walks and rewrites trees.
//!
//! ```
//! use logql::{Expr, FilterValue, LineFilter, LineFilterOp, LogExpr, MatchOp, Matcher, Stage};
//!
//! let expr = logql::parse(r#"sum by (host) (rate({app="api"} |= "error" [5m]))"#).unwrap();
//! assert_eq!(expr.to_string(), r#"sum by (host)(rate({app="api"} |= "error"[5m]))"#);
//!
//! // Loki's wording and position for a bad query.
//! let err = logql::parse(r#"{app="api"} |= "#).unwrap_err();
//! assert!(err.to_string().starts_with("parse error at line 1, col "));
//!
//! // A query built as a tree; the printer quotes and escapes.
//! let built = Expr::Log(LogExpr {
//!     selector: vec![Matcher::new("app", MatchOp::Eq, "web")],
//!     pipeline: vec![Stage::LineFilter(LineFilter {
//!         op: LineFilterOp::Contains,
//!         values: vec![FilterValue::Text(r#"say "hi""#.into())],
//!     })],
//! });
//! assert_eq!(built.to_string(), r#"{app="web"} |= "say \"hi\"""#);
//!
//! // A scope adds its matchers to every selector.
//! let mut scoped = logql::parse(r#"{app="web"}"#).unwrap();
//! logql::Scope::parse(r#"{env="prod"}"#).unwrap().apply(&mut scoped).unwrap();
//! assert_eq!(scoped.to_string(), r#"{app="web", env="prod"}"#);
//! ```

pub mod ast;
pub mod duration;
mod error;
pub mod facts;
pub mod grafana;
pub mod ipmatch;
mod lexer;
mod parser;
pub mod pattern;
mod printer;
pub mod regex_check;
mod regex_simplify;
pub mod scope;
pub mod validate;
pub mod visit;

pub use ast::*;
pub use error::{line_col, ParseError};
pub use facts::QueryFacts;
pub use grafana::RangeVariable;
pub use printer::{format_float_plain, go_quote};
pub use scope::{Scope, ScopeError};

/// Parse a query and apply Loki's semantic checks.
pub fn parse(query: &str) -> Result<Expr, ParseError> {
    parser::Parser::new(query)?.parse_query()
}

/// Parse pipeline stages on their own (`|= "x" | json | status >= 500`),
/// as stored stage text is read back; a query's selector is not expected.
pub fn parse_pipeline(stages: &str) -> Result<Vec<Stage>, ParseError> {
    parser::Parser::new(stages)?.parse_stages()
}

/// Whether `s` is a valid label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
pub fn is_label_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parse and print in canonical form.
pub fn format(query: &str) -> Result<String, ParseError> {
    parse(query).map(|e| e.to_string())
}
