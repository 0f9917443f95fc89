//! `askloki logql check|fmt|facts` as other tools call them.

use std::process::{Command, Output};

fn askloki(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_askloki"))
        .args(args)
        .output()
        .expect("run askloki")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_accepts_a_valid_query_silently() {
    let o = askloki(&[
        "logql",
        "check",
        r#"sum by (a) (rate({app="x"} |= "e" [5m]))"#,
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).is_empty());
}

#[test]
fn check_refuses_an_invalid_query_with_one_line_on_stderr() {
    let o = askloki(&["logql", "check", r#"{foo="bar"} |~"#]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert_eq!(
        stderr(&o),
        "parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING or ip\n"
    );
}

#[test]
fn fmt_prints_the_canonical_form() {
    let o = askloki(&["logql", "fmt", r#"sum(rate({x="y"} | json [5m])) by (a)"#]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "sum by (a)(rate({x=\"y\"} | json[5m]))\n");
}

#[test]
fn fmt_with_a_scope_confines_every_selector() {
    let o = askloki(&[
        "logql",
        "fmt",
        "--scope",
        r#"{namespace="prod"}"#,
        r#"count_over_time({app="a"}[1m]) / count_over_time({app="b"}[1m])"#,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "(count_over_time({app=\"a\", namespace=\"prod\"}[1m]) / count_over_time({app=\"b\", namespace=\"prod\"}[1m]))\n"
    );
}

#[test]
fn check_with_a_scope_refuses_a_query_that_leaves_it() {
    let o = askloki(&[
        "logql",
        "check",
        "--scope",
        r#"{namespace="prod"}"#,
        r#"{namespace="kube-system"}"#,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("limited to {namespace=\"prod\"}"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn facts_describe_cost() {
    let o = askloki(&[
        "logql",
        "facts",
        r#"rate({app="x"} | json [10m] offset 1h)"#,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("kind: metric"), "{out}");
    assert!(out.contains("max range: 10m"), "{out}");
    assert!(out.contains("max offset: 1h0m0s"), "{out}");
    assert!(out.contains("parsers: json"), "{out}");
    assert!(out.contains("unbounded series: true"), "{out}");
}
