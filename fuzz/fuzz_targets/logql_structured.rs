//! Structure-aware LogQL: the input bytes are choices that build a query
//! which nests (aggregations, parentheses, label-filter groups) and chains
//! (binary operators, `or`/`and` label filters) far past what random text
//! reaches, up to 64 KiB. Parsing must never panic or overflow; what parses
//! must print, re-parse, scope and evaluate without panicking.
#![no_main]

use askloki::engine::{Engine, StoreBuilder};
use askloki::logql;
use askloki::source::{Direction, Labels, RangeQuery};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const S: i64 = 1_000_000_000;
const T0: i64 = 1_700_000_000 * S;

/// Choices read from the input; past its end, every choice is 0.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn next(&mut self, n: u8) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b % n
            }
            None => 0,
        }
    }
}

const LABEL_FILTERS: &[&str] = &[
    r#"x="1""#,
    r#"level=~"err.*""#,
    "status>=500",
    "took>1s",
    "size<1KB",
    r#"ip=ip("10.0.0.0/8")"#,
    r#"y!="""#,
];
const STAGES: &[&str] = &[
    r#" |= "a""#,
    r#" != "b" or "c""#,
    r#" |~ "a.*b""#,
    " | json",
    " | logfmt",
    r#" | regexp "(?P<x>\\d+)""#,
    r#" | pattern "<_> <x> <_>""#,
    r#" | line_format "{{.x}} {{ if .y }}{{ .y }}{{ end }}""#,
    r#" | label_format z="{{.x}}""#,
    " | drop x",
    " | keep x, y",
    " | decolorize",
];

fn label_filter(c: &mut Choices, out: &mut String, depth: usize) {
    match c.next(5) {
        0 if depth < 300 => {
            out.push('(');
            label_filter(c, out, depth + 1);
            out.push(')');
        }
        1 if depth < 300 => {
            label_filter(c, out, depth + 1);
            out.push_str([" or ", " and ", ", ", " "][c.next(4) as usize]);
            label_filter(c, out, depth + 1);
        }
        _ => out.push_str(LABEL_FILTERS[c.next(LABEL_FILTERS.len() as u8) as usize]),
    }
}

fn log_expr(c: &mut Choices, out: &mut String) {
    out.push_str(r#"{app="a"}"#);
    for _ in 0..c.next(4) {
        if c.next(3) == 0 {
            out.push_str(" | ");
            label_filter(c, out, 0);
        } else {
            out.push_str(STAGES[c.next(STAGES.len() as u8) as usize]);
        }
    }
}

fn metric(c: &mut Choices, out: &mut String, depth: usize) {
    if out.len() > 64 << 10 {
        out.push_str("vector(1)");
        return;
    }
    match c.next(7) {
        0 | 1 if depth < 400 => {
            out.push_str(["sum", "max", "count", "topk(2,", "sort_desc", "avg by (x)"][c.next(6) as usize]);
            if !out.ends_with(',') {
                out.push('(');
            }
            metric(c, out, depth + 1);
            out.push(')');
        }
        2 if depth < 400 => {
            out.push('(');
            metric(c, out, depth + 1);
            out.push(')');
        }
        3 => {
            // A flat chain, as long as the input asks.
            let n = 1 + c.next(255) as usize * (1 + c.next(40) as usize);
            for i in 0..n {
                if i > 0 {
                    out.push_str([" + ", " or ", " and ", " / ", " > bool ", " ^ "][c.next(6) as usize]);
                }
                out.push_str(r#"count_over_time({app="a"}[1m])"#);
            }
        }
        4 => out.push_str(["1", "vector(2)", "-3.5"][c.next(3) as usize]),
        _ => {
            let f = ["count_over_time", "rate", "bytes_over_time", "sum_over_time", "quantile_over_time(0.9,"][c.next(5) as usize];
            out.push_str(f);
            if !f.ends_with(',') {
                out.push('(');
            }
            log_expr(c, out);
            if f.starts_with("sum") || f.starts_with("quantile") {
                out.push_str(" | logfmt | unwrap x");
            }
            out.push_str("[1m])");
        }
    }
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let mut b = StoreBuilder::new();
        let labels = Labels::from_pairs([("app", "a")]);
        for i in 0..20 {
            b.push(&labels, T0 + i * S, &format!(r#"x={i} y=a status=50{} took=2s size=3KB {{"x":{i}}}"#, i % 3), None);
        }
        Engine::new(b.finish().0)
    })
}

fuzz_target!(|data: &[u8]| {
    let mut c = Choices(data);
    let mut q = String::new();
    if c.next(4) == 0 {
        log_expr(&mut c, &mut q);
    } else {
        metric(&mut c, &mut q, 0);
    }
    let Ok(mut expr) = logql::parse(&q) else {
        return;
    };
    assert!(expr.depth() <= logql::MAX_DEPTH + 2, "depth {} let through", expr.depth());
    let printed = expr.to_string();
    let again = logql::parse(&printed).unwrap_or_else(|e| panic!("{printed:?} does not parse: {e}"));
    let _ = logql::QueryFacts::of(&again);
    let scope = logql::Scope::parse(r#"{app="a"}"#).unwrap();
    let _ = scope.apply(&mut expr);
    let _ = engine().query_range(&RangeQuery {
        query: q,
        start: T0,
        end: T0 + 20 * S,
        step: 5 * S,
        limit: 10,
        direction: Direction::Forward,
    });
});
