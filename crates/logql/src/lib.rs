//! The LogQL language: parsing, Loki's semantic rules, the canonical printed
//! form, scoping and query facts. Nothing here does I/O.
//!
//! ```
//! let expr = logql::parse(r#"sum by (host) (rate({app="api"} |= "error" [5m]))"#).unwrap();
//! assert_eq!(expr.to_string(), r#"sum by (host)(rate({app="api"} |= "error"[5m]))"#);
//! ```

pub mod ast;
pub mod duration;
mod error;
pub mod facts;
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
pub use printer::{format_float_plain, go_quote};
pub use scope::{Scope, ScopeError};

/// Parse a query and apply Loki's semantic checks.
pub fn parse(query: &str) -> Result<Expr, ParseError> {
    parser::Parser::new(query)?.parse_query()
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
