//! Parsing speed on a realistic mix of queries: what the ask pipeline parses
//! for every candidate, and what dashboards send on every refresh.
//!
//! `cargo bench --bench logql_parse` reports the time per query of each kind
//! and of the whole mix.

use askloki::logql;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const MIX: &[(&str, &str)] = &[
    ("selector", r#"{app="sshd", env="prod"}"#),
    (
        "line_filters",
        r#"{app="sshd"} |= "Failed password" != "invalid user" |~ "port \\d+""#,
    ),
    (
        "json_filter",
        r#"{app="api", namespace="prod"} | json | status >= 500 and method="POST" | line_format "{{.path}} {{.status}}""#,
    ),
    (
        "count_by",
        r#"sum by (host) (count_over_time({app="nginx"} |= "error" [5m]))"#,
    ),
    (
        "topk_regexp",
        r#"topk(10, sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp "from (?P<ip>\\S+) port" [1h])))"#,
    ),
    (
        "quantile_unwrap",
        r#"quantile_over_time(0.99, {app="api"} | logfmt | unwrap duration(latency) | __error__="" [5m]) by (route)"#,
    ),
    (
        "ratio",
        r#"sum(rate({app="api"} |= "error" [5m])) by (service) / ignoring (level) group_left sum(rate({app="api"}[5m])) by (service) > 0.05"#,
    ),
    (
        "pattern",
        r#"sum by (status) (rate({app="nginx"} | pattern "<ip> - - [<_>] \"<method> <path> <_>\" <status> <size>" | status >= 400 [5m]))"#,
    ),
];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, query) in MIX {
        group.bench_function(*name, |b| {
            b.iter(|| logql::parse(black_box(query)).expect("valid"))
        });
    }
    group.bench_function("whole_mix", |b| {
        b.iter(|| {
            for (_, q) in MIX {
                black_box(logql::parse(black_box(q)).expect("valid"));
            }
        })
    });
    group.finish();
}

fn print(c: &mut Criterion) {
    let parsed: Vec<_> = MIX.iter().map(|(_, q)| logql::parse(q).unwrap()).collect();
    c.bench_function("print/whole_mix", |b| {
        b.iter(|| {
            for e in &parsed {
                black_box(e.to_string());
            }
        })
    });
}

criterion_group!(benches, parse, print);
criterion_main!(benches);
