//! A tour of the crate: parse a query, print its canonical form, read its
//! facts, keep it inside a scope, see Loki's error for a bad one, and
//! build one from the tree.
//!
//!     cargo run -p askloki-logql --example tour -- '{app="api"} |= "error"'

use logql::{
    Expr, FilterValue, LineFilter, LineFilterOp, LogExpr, MatchOp, Matcher, QueryFacts, Scope,
    Stage,
};

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| {
        r#"sum by (host) (count_over_time({app="api"} |= "timeout" | json | status >= 500 [5m]))"#
            .to_string()
    });

    // Parse and validate in one step: an error reads as Loki's would.
    let mut expr = match logql::parse(&text) {
        Ok(expr) => expr,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("canonical: {expr}");

    // What a cost check needs without running the query.
    let facts = QueryFacts::of(&expr);
    println!(
        "facts: log query {}, parsers {:?}, largest range {}",
        facts.is_log,
        facts.parsers,
        logql::duration::format_model_duration(facts.max_range)
    );

    // Keep the query inside a datasource's scope: its matchers join every
    // selector, and a contradicting matcher is refused.
    let scope = Scope::parse(r#"{env="prod"}"#).expect("a valid scope");
    match scope.apply(&mut expr) {
        Ok(()) => println!("scoped: {expr}"),
        Err(e) => println!("refused: {e}"),
    }

    // Errors carry Loki's wording and position.
    if let Err(e) = logql::parse(r#"sum(rate({app="x"}[5m])"#) {
        println!("error: {e}");
    }

    // Build a query as a tree; the printer quotes and escapes.
    let built = Expr::Log(LogExpr {
        selector: vec![Matcher::new("app", MatchOp::Eq, "web")],
        pipeline: vec![Stage::LineFilter(LineFilter {
            op: LineFilterOp::Contains,
            values: vec![FilterValue::Text(r#"said "hi""#.into())],
        })],
    });
    println!("built: {built}");
}
