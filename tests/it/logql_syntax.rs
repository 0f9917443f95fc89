//! The LogQL language core against the behaviour Loki documents: every
//! construct, its canonical form, the round trip `parse → print → parse`, and
//! the errors (wording and position) for invalid queries.

use askloki::logql;

/// Parse, print, and check the printed form parses back to the same tree.
fn canonical(query: &str) -> String {
    let expr = logql::parse(query).unwrap_or_else(|e| panic!("{query:?} should parse: {e}"));
    let printed = expr.to_string();
    let again = logql::parse(&printed)
        .unwrap_or_else(|e| panic!("canonical form {printed:?} of {query:?} should parse: {e}"));
    assert_eq!(expr, again, "round trip changed the tree of {printed:?}");
    printed
}

fn error(query: &str) -> String {
    match logql::parse(query) {
        Ok(e) => panic!("{query:?} should be invalid, parsed as {e}"),
        Err(e) => e.to_string(),
    }
}

fn check_canonical(cases: &[(&str, &str)]) {
    for (input, want) in cases {
        assert_eq!(canonical(input), *want, "canonical form of {input:?}");
    }
}

fn check_errors(cases: &[(&str, &str)]) {
    for (input, want) in cases {
        assert_eq!(error(input), *want, "error for {input:?}");
    }
}

#[test]
fn stream_selectors() {
    check_canonical(&[
        (
            r#"{ app = "api" , env!="dev"}"#,
            r#"{app="api", env!="dev"}"#,
        ),
        (
            r#"{app=~"api|web", env!~"dev.*"}"#,
            r#"{app=~"api|web", env!~"dev.*"}"#,
        ),
        (r#"{app=~`a\d+`}"#, r#"{app=~"a\\d+"}"#),
        (r#"{app="a\"b\tc"}"#, r#"{app="a\"b\tc"}"#),
        (r#"{app="é"}"#, r#"{app="é"}"#),
        (r#"{app!=""}"#, r#"{app!=""}"#),
        (r#"{app="x", app2=""}"#, r#"{app="x", app2=""}"#),
        // Function words are label names when no call follows.
        (
            r#"{ip="1", rate="2", sum="3"}"#,
            r#"{ip="1", rate="2", sum="3"}"#,
        ),
        (r#"(({app="x"}))"#, r#"{app="x"}"#),
        ("{app=\"x\"} # a comment", r#"{app="x"}"#),
        ("{app=\"x\"}\n  |= \"y\"", r#"{app="x"} |= "y""#),
    ]);
}

#[test]
fn selectors_need_a_matcher_that_rejects_the_empty_value() {
    let msg = "parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will";
    for q in [
        "{}",
        r#"{app=""}"#,
        r#"{app=~".*"}"#,
        r#"{app!="x"}"#,
        r#"{app!~"a|b"}"#,
        r#"1 + count_over_time({app=~".*"}[5m])"#,
    ] {
        assert_eq!(error(q), msg, "{q}");
    }
    for q in [
        r#"{app=~".+"}"#,
        r#"{app=~"a|b"}"#,
        r#"{app="x", env!="dev"}"#,
    ] {
        canonical(q);
    }
}

#[test]
fn line_filters() {
    check_canonical(&[
        (
            r#"{a="b"} |= "x" != "y" |~ "z.*" !~ "w" |> "<_> k <_>" !> "v <_>""#,
            r#"{a="b"} |= "x" != "y" |~ "z.*" !~ "w" |> "<_> k <_>" !> "v <_>""#,
        ),
        (
            r#"{a="b"} |= "x" or "y" or "z""#,
            r#"{a="b"} |= "x" or "y" or "z""#,
        ),
        (r#"{a="b"} |~ "x" or "y""#, r#"{a="b"} |~ "x" or "y""#),
        // A negative filter's alternatives must all be absent.
        (r#"{a="b"} != "x" or "y""#, r#"{a="b"} != "x" != "y""#),
        (r#"{a="b"} !~ "x" or "y""#, r#"{a="b"} !~ "x" !~ "y""#),
        (
            r#"{a="b"} |= ip("10.0.0.0/8")"#,
            r#"{a="b"} |= ip("10.0.0.0/8")"#,
        ),
        (
            r#"{a="b"} != ip("::1") or "x""#,
            r#"{a="b"} != ip("::1") != "x""#,
        ),
        (
            r#"{a="b"} |= "x" or ip("1.2.3.4")"#,
            r#"{a="b"} |= "x" or ip("1.2.3.4")"#,
        ),
        (r#"{a="b"} |~ `err\s+\d`"#, r#"{a="b"} |~ "err\\s+\\d""#),
        (r#"{a="b"} |= """#, r#"{a="b"} |= """#),
        (r#"{a="b"}|="x"|json"#, r#"{a="b"} |= "x" | json"#),
    ]);
}

#[test]
fn parsers() {
    check_canonical(&[
        (r#"{a="b"} | json"#, r#"{a="b"} | json"#),
        (
            r#"{a="b"} | json first="servers[0]", ua="request.headers[\"User-Agent\"]""#,
            r#"{a="b"} | json first="servers[0]",ua="request.headers[\"User-Agent\"]""#,
        ),
        (
            r#"{a="b"} | json status, method"#,
            r#"{a="b"} | json status="status",method="method""#,
        ),
        (r#"{a="b"} | logfmt"#, r#"{a="b"} | logfmt"#),
        (
            r#"{a="b"} | logfmt --keep-empty --strict"#,
            r#"{a="b"} | logfmt --strict --keep-empty"#,
        ),
        (
            r#"{a="b"} | logfmt --strict host, lvl="level""#,
            r#"{a="b"} | logfmt --strict host="host",lvl="level""#,
        ),
        (
            r#"{a="b"} | regexp "(?P<ip>\\S+) (?P<code>\\d+)""#,
            r#"{a="b"} | regexp "(?P<ip>\\S+) (?P<code>\\d+)""#,
        ),
        (
            r#"{a="b"} | pattern `<ip> - <_> "<method> <path>"`"#,
            r#"{a="b"} | pattern "<ip> - <_> \"<method> <path>\"""#,
        ),
        (r#"{a="b"} | unpack"#, r#"{a="b"} | unpack"#),
        (r#"{a="b"} | JSON | LOGFMT"#, r#"{a="b"} | json | logfmt"#),
    ]);
    check_errors(&[
        (r#"{a="b"} | regexp "(a)""#, "parse error : invalid regexp parser: at least one named capture must be supplied"),
        (r#"{a="b"} | pattern "nothing""#, "parse error : invalid pattern parser: invalid pattern: at least one named capture is required (write <name> around a field)"),
        (r#"{a="b"} | logfmt --strict=1"#, "parse error at line 1, col 26: syntax error: unexpected ="),
    ]);
}

#[test]
fn label_filters() {
    check_canonical(&[
        (
            r#"{a="b"} | json | status >= 500"#,
            r#"{a="b"} | json | status>=500"#,
        ),
        (r#"{a="b"} | x = 5"#, r#"{a="b"} | x==5"#),
        (r#"{a="b"} | x > 1e3"#, r#"{a="b"} | x>1000"#),
        (r#"{a="b"} | x > -1.5"#, r#"{a="b"} | x>-1.5"#),
        (
            r#"{a="b"} | latency >= 250ms"#,
            r#"{a="b"} | latency>=250ms"#,
        ),
        (r#"{a="b"} | latency > 5m"#, r#"{a="b"} | latency>5m0s"#),
        (r#"{a="b"} | latency > 1.5s"#, r#"{a="b"} | latency>1.5s"#),
        (r#"{a="b"} | size > 20KB"#, r#"{a="b"} | size>20kB"#),
        (r#"{a="b"} | size <= 10GB"#, r#"{a="b"} | size<=10GB"#),
        (
            r#"{a="b"} | addr = ip("10.0.0.0/8")"#,
            r#"{a="b"} | addr=ip("10.0.0.0/8")"#,
        ),
        (
            r#"{a="b"} | addr != ip("10.0.0.1-10.0.0.9")"#,
            r#"{a="b"} | addr!=ip("10.0.0.1-10.0.0.9")"#,
        ),
        (r#"{a="b"} | level="error""#, r#"{a="b"} | level="error""#),
        (r#"{a="b"} | level=~"err.*""#, r#"{a="b"} | level=~"err.*""#),
        (r#"{a="b"} | level=~"^err$""#, r#"{a="b"} | level=~`^err$`"#),
        (r#"{a="b"} | level!~"^err$""#, r#"{a="b"} | level!~"^err$""#),
        (r#"{a="b"} | __error__="""#, r#"{a="b"} | __error__="""#),
        // `and`, `,` and juxtaposition are one operator; parentheses print as Loki does.
        (
            r#"{a="b"} | x="1" and y="2""#,
            r#"{a="b"} | ( x="1" , y="2" )"#,
        ),
        (
            r#"{a="b"} | x="1", y="2""#,
            r#"{a="b"} | ( x="1" , y="2" )"#,
        ),
        (r#"{a="b"} | x="1" y="2""#, r#"{a="b"} | ( x="1" , y="2" )"#),
        // `or` binds loosest; `,` takes everything after it.
        (
            r#"{a="b"} | x="1" or y="2" and z="3""#,
            r#"{a="b"} | ( x="1" or ( y="2" , z="3" ) )"#,
        ),
        (
            r#"{a="b"} | x="1" and y="2" or z="3""#,
            r#"{a="b"} | ( ( x="1" , y="2" ) or z="3" )"#,
        ),
        (
            r#"{a="b"} | x="1" , y="2" or z="3""#,
            r#"{a="b"} | ( x="1" , ( y="2" or z="3" ) )"#,
        ),
        (
            r#"{a="b"} | x="1" and y="2" and z="3""#,
            r#"{a="b"} | ( ( x="1" , y="2" ) , z="3" )"#,
        ),
        (
            r#"{a="b"} | latency >= 250ms or ( status < 500 and status > 200)"#,
            r#"{a="b"} | ( latency>=250ms or ( status<500 , status>200 ) )"#,
        ),
    ]);
    check_errors(&[
        (
            r#"{a="b"} | addr >= ip("1.2.3.4")"#,
            "parse error at line 1, col 19: syntax error: unexpected ip",
        ),
        (
            r#"{a="b"} | x > "5""#,
            "parse error at line 1, col 15: syntax error: unexpected STRING",
        ),
        (
            r#"{a="b"} | json="x""#,
            "parse error at line 1, col 15: syntax error: unexpected =",
        ),
        (
            r#"{a="b"} | or="x""#,
            "parse error at line 1, col 11: syntax error: unexpected or",
        ),
    ]);
}

#[test]
fn formatting_stages() {
    check_canonical(&[
        (
            r#"{a="b"} | line_format "{{.msg}} {{ .level | upper }}""#,
            r#"{a="b"} | line_format "{{.msg}} {{ .level | upper }}""#,
        ),
        (
            r#"{a="b"} | label_format dst=src, x="{{.a}}""#,
            r#"{a="b"} | label_format dst=src,x="{{.a}}""#,
        ),
        (
            r#"{a="b"} | drop a, b="c", d=~"e.*""#,
            r#"{a="b"} | drop a,b="c",d=~"e.*""#,
        ),
        (r#"{a="b"} | keep a, b!="c""#, r#"{a="b"} | keep a,b!="c""#),
        (r#"{a="b"} | decolorize"#, r#"{a="b"} | decolorize"#),
    ]);
}

#[test]
fn range_aggregations() {
    check_canonical(&[
        (
            r#"count_over_time({a="b"}[5m])"#,
            r#"count_over_time({a="b"}[5m])"#,
        ),
        (
            r#"rate({a="b"} |= "x" [60m])"#,
            r#"rate({a="b"} |= "x"[1h])"#,
        ),
        (
            r#"rate({a="b"}[90s] |= "x")"#,
            r#"rate({a="b"} |= "x"[1m30s])"#,
        ),
        (
            r#"rate(({a="b"} |= "x")[14d])"#,
            r#"rate({a="b"} |= "x"[2w])"#,
        ),
        (
            r#"bytes_over_time({a="b"}[1h30m])"#,
            r#"bytes_over_time({a="b"}[1h30m])"#,
        ),
        (
            r#"bytes_rate({a="b"}[1500ms])"#,
            r#"bytes_rate({a="b"}[1s500ms])"#,
        ),
        (
            r#"absent_over_time({a="b"}[365d])"#,
            r#"absent_over_time({a="b"}[1y])"#,
        ),
        (
            r#"count_over_time({a="b"}[5m] offset 1h)"#,
            r#"count_over_time({a="b"}[5m] offset 1h0m0s)"#,
        ),
        (
            r#"count_over_time({a="b"}[5m] offset -5m)"#,
            r#"count_over_time({a="b"}[5m] offset -5m0s)"#,
        ),
        (
            r#"count_over_time({a="b"}[5m] offset 1h | json)"#,
            r#"count_over_time({a="b"} | json[5m] offset 1h0m0s)"#,
        ),
        (
            r#"count_over_time(({a="b"} | json)[5m] offset 10m)"#,
            r#"count_over_time({a="b"} | json[5m] offset 10m0s)"#,
        ),
        (
            r#"sum_over_time({a="b"} | json | unwrap bytes(size) [5m])"#,
            r#"sum_over_time({a="b"} | json | unwrap bytes(size)[5m])"#,
        ),
        (
            r#"avg_over_time({a="b"} | logfmt | unwrap duration_seconds(latency) | __error__="" [1m]) by (host)"#,
            r#"avg_over_time({a="b"} | logfmt | unwrap duration_seconds(latency) | __error__=""[1m]) by (host)"#,
        ),
        (
            r#"max_over_time({a="b"} | unwrap duration(d) [1m]) without (x)"#,
            r#"max_over_time({a="b"} | unwrap duration(d)[1m]) without (x)"#,
        ),
        (
            r#"min_over_time({a="b"} | unwrap v [1m]) by ()"#,
            r#"min_over_time({a="b"} | unwrap v[1m]) by ()"#,
        ),
        (
            r#"quantile_over_time(0.99, {a="b"} | unwrap v [5m]) by (a, b)"#,
            r#"quantile_over_time(0.99,{a="b"} | unwrap v[5m]) by (a,b)"#,
        ),
        (
            r#"quantile_over_time(.5, {a="b"} | unwrap v [5m])"#,
            r#"quantile_over_time(0.5,{a="b"} | unwrap v[5m])"#,
        ),
        (
            r#"first_over_time({a="b"} | unwrap v [1m])"#,
            r#"first_over_time({a="b"} | unwrap v[1m])"#,
        ),
        (
            r#"last_over_time({a="b"} | unwrap v [1m])"#,
            r#"last_over_time({a="b"} | unwrap v[1m])"#,
        ),
        (
            r#"stddev_over_time({a="b"} | unwrap v [1m])"#,
            r#"stddev_over_time({a="b"} | unwrap v[1m])"#,
        ),
        (
            r#"stdvar_over_time({a="b"} | unwrap v [1m])"#,
            r#"stdvar_over_time({a="b"} | unwrap v[1m])"#,
        ),
        (
            r#"rate_counter({a="b"} | unwrap v [1m])"#,
            r#"rate_counter({a="b"} | unwrap v[1m])"#,
        ),
        (
            r#"rate({a="b"} | unwrap v [1m])"#,
            r#"rate({a="b"} | unwrap v[1m])"#,
        ),
        // `bytes` is a conversion only as a call.
        (
            r#"sum_over_time({a="b"} | unwrap bytes [1m])"#,
            r#"sum_over_time({a="b"} | unwrap bytes[1m])"#,
        ),
        (
            r#"COUNT_OVER_TIME({a="b"}[5m])"#,
            r#"count_over_time({a="b"}[5m])"#,
        ),
    ]);
    check_errors(&[
        (r#"sum_over_time({a="b"}[5m])"#, "parse error : invalid aggregation sum_over_time without unwrap"),
        (r#"count_over_time({a="b"} | unwrap x [5m])"#, "parse error : invalid aggregation count_over_time with unwrap"),
        (r#"rate_counter({a="b"}[5m])"#, "parse error : invalid aggregation rate_counter without unwrap"),
        (r#"quantile_over_time({a="b"} | unwrap x [5m])"#, "parse error : parameter required for operation quantile_over_time"),
        (r#"sum_over_time(50, {a="b"} | unwrap x [5m])"#, "parse error : parameter 50 not supported for operation sum_over_time"),
        (r#"absent_over_time({a="b"}[5m]) by (x)"#, "parse error : grouping not allowed for absent_over_time aggregation"),
        (r#"sum_over_time({a="b"} | unwrap x [5m]) by (x)"#, "parse error : grouping not allowed for sum_over_time aggregation"),
        (r#"rate({ foo = "bar" }[5minutes])"#, r#"parse error at line 0, col 21: unknown unit "minutes" in duration "5minutes""#),
        (r#"rate({ foo = "bar" }[1.5m])"#, r#"parse error at line 0, col 21: not a valid duration string: "1.5m""#),
        (r#"rate({ foo = "bar" }[5)"#, "parse error at line 0, col 21: missing closing ']' in duration"),
        (r#"rate({a="b"})"#, "parse error at line 1, col 13: syntax error: unexpected )"),
        (r#"rate({a="b"} | unwrap x | json [5m])"#, "parse error at line 1, col 27: syntax error: unexpected json"),
        (r#"quantile_over_time(foo,{a="b"} | unwrap latency [5m])"#, "parse error at line 1, col 20: syntax error: unexpected IDENTIFIER, expecting NUMBER or { or ("),
        (r#"count_over_time({a="b"}[5m] offset)"#, "parse error at line 1, col 35: syntax error: unexpected ), expecting DURATION"),
    ]);
}

#[test]
fn vector_aggregations() {
    check_canonical(&[
        (
            r#"sum by (a) (rate({x="y"}[5m]))"#,
            r#"sum by (a)(rate({x="y"}[5m]))"#,
        ),
        (
            r#"sum(rate({x="y"}[5m])) by (a, b)"#,
            r#"sum by (a,b)(rate({x="y"}[5m]))"#,
        ),
        (
            r#"sum by () (rate({x="y"}[5m]))"#,
            r#"sum(rate({x="y"}[5m]))"#,
        ),
        (
            r#"sum without () (rate({x="y"}[5m]))"#,
            r#"sum without ()(rate({x="y"}[5m]))"#,
        ),
        (
            r#"avg without (a) (rate({x="y"}[5m]))"#,
            r#"avg without (a)(rate({x="y"}[5m]))"#,
        ),
        (r#"min(rate({x="y"}[5m]))"#, r#"min(rate({x="y"}[5m]))"#),
        (r#"max(rate({x="y"}[5m]))"#, r#"max(rate({x="y"}[5m]))"#),
        (r#"count(rate({x="y"}[5m]))"#, r#"count(rate({x="y"}[5m]))"#),
        (
            r#"stddev(rate({x="y"}[5m]))"#,
            r#"stddev(rate({x="y"}[5m]))"#,
        ),
        (
            r#"stdvar(rate({x="y"}[5m]))"#,
            r#"stdvar(rate({x="y"}[5m]))"#,
        ),
        (
            r#"topk(5, sum by (ip) (count_over_time({x="y"} | json [1h])))"#,
            r#"topk(5,sum by (ip)(count_over_time({x="y"} | json[1h])))"#,
        ),
        (
            r#"bottomk by (a) (3, rate({x="y"}[5m]))"#,
            r#"bottomk by (a)(3,rate({x="y"}[5m]))"#,
        ),
        (
            r#"approx_topk(10, rate({x="y"}[5m]))"#,
            r#"approx_topk(10,rate({x="y"}[5m]))"#,
        ),
        (
            r#"sort(sum by (a) (rate({x="y"}[5m])))"#,
            r#"sort(sum by (a)(rate({x="y"}[5m])))"#,
        ),
        (
            r#"sort_desc(rate({x="y"}[5m]))"#,
            r#"sort_desc(rate({x="y"}[5m]))"#,
        ),
        (
            r#"SUM BY (a) (RATE({x="y"}[5m]))"#,
            r#"sum by (a)(rate({x="y"}[5m]))"#,
        ),
    ]);
    check_errors(&[
        (r#"topk(rate({x="y"}[5m]))"#, "parse error : parameter required for operation topk"),
        (r#"bottomk(1.2, rate({x="y"}[5m]))"#, "parse error : invalid parameter bottomk(1.2,"),
        (r#"topk(0, rate({x="y"}[5m]))"#, "parse error : invalid parameter (must be greater than 0) topk(0"),
        (r#"sum(3, rate({x="y"}[5m]))"#, "parse error : unsupported parameter for operation sum(3,"),
        (r#"approx_topk(5, rate({x="y"}[5m])) by (a)"#, "parse error : grouping not allowed for approx_topk aggregation"),
        (r#"sort by (a) (rate({x="y"}[5m]))"#, "parse error : sort and sort_desc doesn't allow grouping by "),
        (r#"min({ foo = "bar" }[5m])"#, "parse error at line 0, col 20: syntax error: unexpected RANGE"),
        (r#"stddev({ foo = "bar" })"#, "parse error at line 1, col 23: syntax error: unexpected )"),
        (r#"count without (rate({namespace="apps"}[15s]))"#, "parse error at line 1, col 16: syntax error: unexpected RATE, expecting IDENTIFIER or )"),
        (r#"bottomk(he,count_over_time({ foo = "bar" }[5h]))"#, "parse error at line 1, col 9: syntax error: unexpected IDENTIFIER"),
        (r#"sum by (a) (rate({x="y"}[5m])) by (b)"#, "parse error at line 1, col 32: syntax error: unexpected by"),
    ]);
}

#[test]
fn binary_operations() {
    let a = r#"sum(rate({x="y"}[5m]))"#;
    let b = r#"sum(rate({x="z"}[5m]))"#;
    check_canonical(&[
        (&format!("{a} / {b}"), &format!("({a} / {b})")),
        (&format!("{a} + {b} * 2"), &format!("({a} + ({b} * 2))")),
        (&format!("{a} ^ 2 ^ 3"), &format!("({a} ^ 8)")),
        (&format!("{a} - {b} - {a}"), &format!("(({a} - {b}) - {a})")),
        (&format!("{a} > bool 10"), &format!("({a} > bool 10)")),
        (
            &format!("{a} == 1 or {b} >= 2"),
            &format!("(({a} == 1) or ({b} >= 2))"),
        ),
        (
            &format!("{a} and {b} unless {a}"),
            &format!("(({a} and {b}) unless {a})"),
        ),
        (
            &format!("{a} / on (x) {b}"),
            &format!("({a} / on (x)  {b})"),
        ),
        (
            &format!("{a} / ignoring (x, y) group_left (z) {b}"),
            &format!("({a} / ignoring (x,y) group_left (z) {b})"),
        ),
        (
            &format!("{a} / on () group_right {b}"),
            &format!("({a} / on () group_right {b})"),
        ),
        (&format!("{a} + ignoring () {b}"), &format!("({a} + {b})")),
        (
            &format!("{a} or vector(0)"),
            &format!("({a} or vector(0.000000))"),
        ),
        (&format!("-1 * {a}"), &format!("(-1 * {a})")),
        (&format!("{a} % 3 != 0"), &format!("(({a} % 3) != 0)")),
        (&format!("{a} < 1 <= 2"), &format!("(({a} < 1) <= 2)")),
    ]);
    // Literals fold at parse time, as in Loki.
    check_canonical(&[
        ("1 + 1", "2"),
        ("1 > 1 > 1", "0"),
        ("2 ^ 3 ^ 2", "512"),
        ("10 / (5/2)", "4"),
        ("1 + -2 / 1", "-1"),
        ("(((1)))", "1"),
    ]);
    // Division by zero folds to NaN, which (as in Loki) prints but does not re-parse.
    assert_eq!(logql::format("1 / 0").unwrap(), "NaN");
    assert_eq!(logql::format("1 % 0").unwrap(), "NaN");
    // Negative zero keeps its sign; `-0` then lexes as a duration, in Loki too.
    assert_eq!(logql::format("-0.0").unwrap(), "-0");
    check_errors(&[
        (&format!("{a} + {{x=\"y\"}}"), "parse error : unexpected type for right leg of binary operation (+): *syntax.MatchersExpr"),
        (&format!("{{x=\"y\"}} |= \"e\" > {a}"), "parse error : unexpected type for left leg of binary operation (>): *syntax.PipelineExpr"),
        (&format!("{a} or 1"), "parse error : unexpected literal for right leg of logical/set binary operation (or): 1.000000"),
        (&format!("1 unless {a}"), "parse error : unexpected literal for left leg of logical/set binary operation (unless): 1.000000"),
        ("bool 1 > 1", "parse error at line 1, col 1: syntax error: unexpected bool"),
        (&format!("-{a}"), "parse error at line 1, col 2: syntax error: unexpected SUM"),
    ]);
}

#[test]
fn functions_and_literals() {
    check_canonical(&[
        ("vector(1)", "vector(1.000000)"),
        ("vector(0.5)", "vector(0.500000)"),
        (
            r#"label_replace(rate({a="b"}[1m]), "foo", "$1", "service", "(.*):.*")"#,
            r#"label_replace(rate({a="b"}[1m]),"foo","$1","service","(.*):.*")"#,
        ),
        ("1.6", "1.6"),
        ("1.0", "1"),
        ("100000", "100000"),
        ("1000000", "1e+06"),
        ("1234567", "1.234567e+06"),
        ("0.0001", "0.0001"),
        ("0.00001", "1e-05"),
        ("0x1p-2", "0.25"),
        ("0x1p4", "16"),
        ("0755", "755"),
    ]);
    check_errors(&[
        ("vector(abc)", "parse error at line 1, col 8: syntax error: unexpected IDENTIFIER, expecting NUMBER"),
        ("0x10", "parse error : unable to parse literal as a float: strconv.ParseFloat: parsing \"0x10\": invalid syntax"),
        (r#"label_replace(rate({ foo = "bar" }[5m]),"")"#, "parse error at line 1, col 43: syntax error: unexpected ), expecting ,"),
        (r#"label_replace(rate({a="b"}[1m]), "d", "r", "s", "\\q")"#, "parse error : invalid regex in label_replace: error parsing regexp: invalid escape sequence: `\\q`"),
    ]);
}

#[test]
fn syntax_error_positions() {
    check_errors(&[
        ("", "parse error : syntax error: unexpected $end"),
        ("   ", "parse error at line 1, col 4: syntax error: unexpected $end"),
        (r#"unk({ foo = "bar" }[5m])"#, "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"),
        (r#"{foo="bar}"#, "parse error at line 1, col 6: literal not terminated"),
        (r#"{foo="bar""#, "parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,"),
        (r#"{foo="bar"} |~"#, "parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING or ip"),
        (r#"{foo="bar"} "foo""#, "parse error at line 1, col 13: syntax error: unexpected STRING"),
        (r#"{foo="bar"} foo"#, "parse error at line 1, col 13: syntax error: unexpected IDENTIFIER"),
        (r#"#{app="foo"} | json"#, "parse error at line 1, col 20: syntax error: unexpected $end"),
        (r#"{foo.bar="x"}"#, "parse error at line 1, col 5: syntax error: unexpected ., expecting = or =~ or !~ or !="),
        (r#"{a="\q"}"#, "parse error at line 1, col 4: invalid char escape"),
        (r#"{json="x"}"#, "parse error at line 1, col 2: syntax error: unexpected json"),
        // Two-character operators are reported on line 0, as Loki's lexer does.
        (r#"{a="b"} |= "x" |= "#, "parse error at line 1, col 19: syntax error: unexpected $end, expecting STRING or ip"),
        (r#"{a="b"} |= "x" =~"#, "parse error at line 0, col 16: syntax error: unexpected =~"),
        ("{a=\"b\"}\n| json\n| x >", "parse error at line 3, col 6: syntax error: unexpected $end"),
        ("{a=\"é\"} @", "parse error at line 1, col 9: syntax error: unexpected IDENTIFIER"),
    ]);
}

#[test]
fn regex_matchers_are_checked() {
    let e = error(r#"{a=~"("}"#);
    assert!(e.starts_with("parse error : error parsing regexp:"), "{e}");
    let e = error(r#"{a="b"} | x=~"[""#);
    assert!(e.starts_with("parse error : error parsing regexp:"), "{e}");
}

#[test]
fn long_input_is_refused() {
    let q = format!("{{a=\"{}\"}}", "x".repeat(131_072));
    assert!(error(&q).starts_with("parse error : input size too long ("));
}

#[test]
fn canonical_form_is_a_fixed_point() {
    // Printing the canonical form's tree again gives the same text.
    for q in [
        r#"sum by (host) (rate({app="api", env=~"prod|stage"} |= "error" != "debug" | json | status >= 500 | line_format "{{.msg}}" [5m])) / ignoring (x) group_left sum(rate({app="api"}[5m]))"#,
        r#"topk(3, sum by (ip) (count_over_time({job="ssh"} |~ "Failed password" | regexp "from (?P<ip>\\S+)" [1h])))"#,
        r#"quantile_over_time(0.95, {app="api"} | logfmt | unwrap duration(latency) | __error__="" [5m]) by (route) > 0.5"#,
    ] {
        let once = canonical(q);
        assert_eq!(canonical(&once), once);
    }
}

// ---- depth: untrusted text never builds a tree deeper than MAX_DEPTH ----

/// `n` copies of `unit` joined by `sep`.
fn chain(unit: &str, sep: &str, n: usize) -> String {
    vec![unit; n].join(sep)
}

fn refused_as_too_deep(query: &str) {
    let err = error(query);
    assert!(
        err.contains(&format!(
            "query nests deeper than {} levels",
            logql::MAX_DEPTH
        )),
        "{} bytes: {err}",
        query.len()
    );
    assert!(
        err.starts_with("parse error at line 1, col "),
        "the error names where: {err}"
    );
}

#[test]
fn deep_nesting_is_refused_with_its_position() {
    let n = 5000;
    let q = format!(
        "{}count_over_time({{a=\"b\"}}[1m]){}",
        "sum(".repeat(n),
        ")".repeat(n)
    );
    refused_as_too_deep(&q);
    // The error points at a `sum` past the bound, not at the start.
    let err = error(&q);
    let col: usize = err
        .split("col ")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    assert!(col > 4 * logql::MAX_DEPTH && (col - 1) % 4 == 0, "{err}");
    refused_as_too_deep(&format!("{}vector(1){}", "(".repeat(n), ")".repeat(n)));
    refused_as_too_deep(&format!(
        "count_over_time({}{{a=\"b\"}}{}[1m])",
        "(".repeat(n),
        ")".repeat(n)
    ));
    refused_as_too_deep(&format!(
        "{{a=\"b\"}} | {}x=\"1\"{}",
        "(".repeat(n),
        ")".repeat(n)
    ));
    // Right-associative `^` recurses once per operator.
    refused_as_too_deep(&chain("vector(2)", " ^ ", n));
}

#[test]
fn long_flat_chains_are_refused_not_overflowed() {
    // About 120 KiB, 10,000 terms, no parenthesis: each operator is a level.
    let plus = chain("vector(1)", " + ", 10_000);
    assert!(plus.len() > 110_000, "{}", plus.len());
    refused_as_too_deep(&plus);
    refused_as_too_deep(&chain("vector(1)", " or ", 10_000));
    refused_as_too_deep(&chain(r#"count_over_time({a="b"}[1m])"#, " and ", 3_000));
    // Literal arithmetic folds, but the chain is still bounded first.
    refused_as_too_deep(&chain("1", "+", 60_000));
    // Label filters chain with `or`, `and`, commas and juxtaposition.
    for sep in [" or ", " and ", ", ", " "] {
        let q = format!("{{a=\"b\"}} | {}", chain(r#"x="1""#, sep, 10_000));
        refused_as_too_deep(&q);
    }
    let q = format!(
        "sum(sum_over_time({{a=\"b\"}} | json | unwrap x | {} [1m]))",
        chain("x>1", " or ", 10_000)
    );
    refused_as_too_deep(&q);
}

/// The deepest queries the parser accepts, one per way of nesting.
fn deepest_accepted() -> Vec<String> {
    let d = logql::MAX_DEPTH;
    let flat = |unit: &str, sep: &str| {
        (1..=d)
            .rev()
            .map(|n| chain(unit, sep, n))
            .find(|q| logql::parse(q).is_ok())
            .expect("some chain is accepted")
    };
    let nested = (1..=d)
        .rev()
        .map(|n| {
            format!(
                "{}count_over_time({{a=\"b\"}} | x=\"1\"[1m]){}",
                "sum(".repeat(n),
                ")".repeat(n)
            )
        })
        .find(|q| logql::parse(q).is_ok())
        .expect("some nesting is accepted");
    let filters = (1..=d)
        .rev()
        .map(|n| {
            format!(
                "sum by (x) (count_over_time({{a=\"b\"}} | logfmt | {} [1m]))",
                chain(r#"x="1""#, " or ", n)
            )
        })
        .find(|q| logql::parse(q).is_ok())
        .expect("some filter chain is accepted");
    vec![
        nested,
        filters,
        flat(r#"count_over_time({a="b"}[1m])"#, " + "),
        flat(r#"count_over_time({a="b"}[1m])"#, " or "),
        flat("vector(2)", " ^ "),
    ]
}

#[test]
fn every_walk_is_safe_at_the_bound() {
    use askloki::engine::{Engine, StoreBuilder};
    use askloki::source::{Direction, Labels, RangeQuery};
    let queries = deepest_accepted();
    for q in &queries {
        let depth = logql::parse(q).unwrap().depth();
        assert!(
            depth + 8 >= logql::MAX_DEPTH,
            "the bound is reached, not far from it: depth {depth} for {}…",
            &q[..80.min(q.len())]
        );
    }
    // Tokio's worker stack, in an unoptimised build (release frames are
    // about a quarter the size): printing, validation, scoping, facts,
    // evaluation and dropping all fit.
    let worker = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let mut b = StoreBuilder::new();
            let labels = Labels::from_pairs([("a", "b")]);
            for i in 0..50 {
                b.push(
                    &labels,
                    (1_700_000_000 + i) * 1_000_000_000,
                    "x=1 y=2",
                    None,
                );
            }
            let engine = Engine::new(b.finish().0);
            let scope = logql::Scope::parse(r#"{tenant="t"}"#).unwrap();
            for q in &queries {
                let mut expr = logql::parse(q).unwrap();
                let printed = expr.to_string();
                assert_eq!(logql::parse(&printed).unwrap(), expr);
                let _ = logql::QueryFacts::of(&expr);
                scope.apply(&mut expr).unwrap();
                scope.check(&expr).unwrap();
                let copy = expr.clone();
                drop(copy);
                engine
                    .query_range(&RangeQuery {
                        query: q.clone(),
                        start: 1_700_000_000 * 1_000_000_000,
                        end: 1_700_000_060 * 1_000_000_000,
                        step: 10 * 1_000_000_000,
                        limit: 100,
                        direction: Direction::Backward,
                    })
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        })
        .unwrap();
    worker.join().expect("no stack overflow at the bound");
}
