//! Typed fields of structured lines (`askloki::knowledge::fields`): JSON
//! with nested objects, logfmt with Go durations, combined and
//! ingress-nginx access logs; the LogQL stage that goes with each, run on
//! the embedded engine, extracts exactly what the extractor does; bad
//! lines never panic; profiles survive the knowledge base's file and show
//! in `askloki templates fields`.

use crate::support::askloki;

use askloki::engine::pipeline::{Pipeline, Row};
use askloki::knowledge::fields::{profile_lines, FieldExtractor, FieldKind, FieldsInfo, TimeUnit};
use askloki::knowledge::{self, BuildOptions, KnowledgeBuilder};
use askloki::logql::{self, Expr, LogExpr, MatchOp, Matcher, Stage};
use askloki::source::Labels;

/// A small deterministic generator (no test data copied from anywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.below(16) as u32, 16).unwrap_or('0'))
            .collect()
    }
}

fn json_lines(n: usize) -> Vec<String> {
    let mut r = Lcg(7);
    (0..n)
        .map(|i| {
            let status = r.pick(&["200", "200", "200", "201", "404", "502"]);
            let level = if status.starts_with('5') { "error" } else { "info" };
            let tags = if i % 3 == 0 { r#","tags":["a","b"]"# } else { "" };
            format!(
                r#"{{"ts":"2026-12-06T09:{:02}:{:02}.{:03}Z","level":"{level}","msg":"charge {}","http":{{"method":"{}","status":{status},"route":"/api/pay"}},"latency_ms":{},"amount":{{"value":{}.{:02},"currency":"{}"}},"trace_id":"{}","client":{{"ip":"10.0.{}.{}"}}{tags}}}"#,
                i / 60 % 60,
                i % 60,
                r.below(1000),
                if level == "error" { "failed" } else { "ok" },
                r.pick(&["POST", "GET"]),
                5 + r.below(400),
                r.below(500),
                r.below(100),
                r.pick(&["EUR", "USD", "GBP"]),
                r.hex(32),
                r.below(4),
                1 + r.below(250),
            )
        })
        .collect()
}

fn logfmt_lines(n: usize) -> Vec<String> {
    let mut r = Lcg(11);
    (0..n)
        .map(|i| {
            let duration = match r.below(4) {
                0 => format!("{}.{:03}ms", r.below(900), r.below(1000)),
                1 => format!("{}µs", r.below(900)),
                2 => format!("{}.{}s", r.below(5), r.below(10)),
                _ => format!("{}m{}.{:03}s", 1 + r.below(2), r.below(60), r.below(1000)),
            };
            format!(
                r#"time=2026-12-06T10:{:02}:{:02}.{:03}Z level={} msg="{}" user=u-{} duration={duration} sent={}KB remote=192.0.2.{} ok={}"#,
                i / 60 % 60,
                i % 60,
                r.below(1000),
                r.pick(&["INFO", "INFO", "WARN", "ERROR"]),
                r.pick(&["login ok", "login failed", "token refreshed"]),
                1000 + r.below(5000),
                1 + r.below(900),
                1 + r.below(254),
                r.pick(&["true", "false"]),
            )
        })
        .collect()
}

const AGENTS: [&str; 4] = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    "curl/8.5.0",
    "-",
];

fn request(r: &mut Lcg) -> (String, &'static str) {
    let method = r.pick(&["GET", "GET", "GET", "POST", "HEAD", "PUT"]);
    let path = match r.below(4) {
        0 => "/".to_string(),
        1 => format!("/products/{}?ref=home&page={}", r.below(9999), r.below(9)),
        2 => format!("/static/app.{}.js", r.hex(6)),
        _ => "/api/v1/cart".to_string(),
    };
    let proto = r.pick(&["HTTP/1.1", "HTTP/1.1", "HTTP/2.0", "HTTP/1.0"]);
    (format!("{method} {path} {proto}"), proto)
}

fn combined_lines(n: usize) -> Vec<String> {
    let mut r = Lcg(13);
    (0..n)
        .map(|i| {
            let (req, _) = request(&mut r);
            let status = r.pick(&["200", "200", "200", "304", "404", "500", "301"]);
            let user = r.pick(&["-", "-", "-", "alice"]);
            let bytes = if status == "304" {
                "-".to_string()
            } else {
                r.below(90_000).to_string()
            };
            format!(
                r#"198.51.100.{} - {user} [06/Dec/2026:11:{:02}:{:02} +0100] "{req}" {status} {bytes} "{}" "{}""#,
                1 + r.below(200),
                i / 60 % 60,
                i % 60,
                r.pick(&["-", "https://shop.example/", "https://search.example/?q=a b"]),
                r.pick(&AGENTS),
            )
        })
        .collect()
}

fn ingress_lines(n: usize) -> Vec<String> {
    let mut r = Lcg(17);
    (0..n)
        .map(|i| {
            let (req, _) = request(&mut r);
            let status = r.pick(&["200", "200", "200", "200", "304", "502", "499", "404"]);
            let upstream = r.pick(&["shop-web-80", "shop-checkout-8080", "auth-8080"]);
            let time = format!("0.{:03}", r.below(1000));
            let tail = if status == "499" {
                format!("10.244.{}.{}:8080 0 {time} -", r.below(4), r.below(250))
            } else {
                format!(
                    "10.244.{}.{}:8080 {} {time} {status}",
                    r.below(4),
                    r.below(250),
                    r.below(50_000)
                )
            };
            format!(
                r#"203.0.113.{} - - [06/Dec/2026:12:{:02}:{:02} +0000] "{req}" {status} {} "-" "{}" {} {time} [{upstream}] [] {tail} {}"#,
                1 + r.below(200),
                i / 60 % 60,
                i % 60,
                r.below(50_000),
                r.pick(&AGENTS),
                200 + r.below(800),
                r.hex(32),
            )
        })
        .collect()
}

fn profile(lines: &[String]) -> FieldsInfo {
    profile_lines(lines.iter().map(String::as_str)).expect("a structured format")
}

fn kind(info: &FieldsInfo, name: &str) -> FieldKind {
    info.field(name)
        .unwrap_or_else(|| panic!("no field {name} in {:?}", names(info)))
        .kind
}

fn names(info: &FieldsInfo) -> Vec<&str> {
    info.fields.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn json_nested_fields_are_flattened_and_typed() {
    let lines = json_lines(600);
    let info = profile(&lines);
    assert_eq!(info.format.name(), "json");
    assert_eq!((info.lines, info.parsed), (600, 600));
    assert_eq!(info.stage().to_string(), "| json");
    assert_eq!(kind(&info, "ts"), FieldKind::Time);
    assert_eq!(kind(&info, "http_status"), FieldKind::Status);
    assert_eq!(kind(&info, "http_method"), FieldKind::Enum);
    assert_eq!(kind(&info, "client_ip"), FieldKind::Ip);
    assert_eq!(kind(&info, "trace_id"), FieldKind::Id);
    assert_eq!(kind(&info, "amount_currency"), FieldKind::Enum);
    assert_eq!(kind(&info, "amount_value"), FieldKind::Number);
    assert_eq!(
        kind(&info, "latency_ms"),
        FieldKind::Duration {
            unit: TimeUnit::Ms,
            suffixed: false
        }
    );
    // Arrays are not fields, as `| json` skips them.
    assert!(info.field("tags").is_none());
    let latency = info.field("latency_ms").unwrap();
    let s = latency.stats.unwrap();
    assert!(s.min >= 5.0 && s.max < 405.0 && s.min <= s.p50 && s.p50 <= s.p95 && s.p95 <= s.p99);
    assert_eq!(latency.unwrap().unwrap().to_string(), "| unwrap latency_ms");
    let status = info.field("http_status").unwrap();
    assert_eq!(status.distinct, 4);
    assert_eq!(status.top[0].value, "200");
    assert!(status.stats.is_none());
    assert_eq!(info.message_field().map(|f| f.name.as_str()), Some("msg"));
    assert_eq!(
        info.field("level").unwrap().value_like("ERROR"),
        Some("error")
    );
    // Fields keep the order of the lines.
    assert_eq!(&names(&info)[..3], ["ts", "level", "msg"]);
}

#[test]
fn logfmt_go_durations_and_sizes_carry_their_units() {
    let lines = logfmt_lines(500);
    let info = profile(&lines);
    assert_eq!(info.format.name(), "logfmt");
    assert_eq!(info.stage().to_string(), "| logfmt");
    let d = info.field("duration").unwrap();
    assert_eq!(
        d.kind,
        FieldKind::Duration {
            unit: TimeUnit::S,
            suffixed: true
        }
    );
    assert_eq!(
        d.unwrap().unwrap().to_string(),
        "| unwrap duration(duration)"
    );
    // Statistics are in seconds, as `unwrap duration()` gives them.
    let s = d.stats.unwrap();
    assert!(s.min >= 0.0 && s.min < 0.001, "{s:?}");
    assert!(s.max > 60.0 && s.max < 180.0, "{s:?}");
    let sent = info.field("sent").unwrap();
    assert_eq!(sent.kind, FieldKind::Bytes { suffixed: true });
    assert_eq!(sent.unwrap().unwrap().to_string(), "| unwrap bytes(sent)");
    assert!(sent.stats.unwrap().max <= 900_000.0);
    assert_eq!(kind(&info, "remote"), FieldKind::Ip);
    assert_eq!(kind(&info, "level"), FieldKind::Enum);
    assert_eq!(kind(&info, "ok"), FieldKind::Enum);
    assert_eq!(kind(&info, "msg"), FieldKind::Text);
    assert_eq!(kind(&info, "time"), FieldKind::Time);
    assert_eq!(kind(&info, "user"), FieldKind::Id);
}

#[test]
fn combined_access_log_fields() {
    let lines = combined_lines(500);
    let info = profile(&lines);
    assert_eq!(info.format.name(), "combined");
    assert_eq!(info.parsed, 500);
    assert_eq!(
        info.stage().to_string(),
        r#"| pattern "<ip> <_> <user> [<_>] \"<method> <path> <protocol>\" <status> <bytes> \"<referer>\" \"<user_agent>\"""#
    );
    assert_eq!(kind(&info, "ip"), FieldKind::Ip);
    assert_eq!(kind(&info, "method"), FieldKind::Enum);
    assert_eq!(kind(&info, "protocol"), FieldKind::Enum);
    assert_eq!(kind(&info, "status"), FieldKind::Status);
    assert_eq!(kind(&info, "bytes"), FieldKind::Bytes { suffixed: false });
    assert_eq!(kind(&info, "path"), FieldKind::Text);
    let user = info.field("user").unwrap();
    assert_eq!(
        (user.kind, user.top[0].value.as_str()),
        (FieldKind::Enum, "alice")
    );
    assert!(user.empty > user.count, "`-` is no value");
    let bytes = info.field("bytes").unwrap();
    assert!(bytes.empty > 0 && bytes.count + bytes.empty == 500);
}

#[test]
fn ingress_nginx_upstream_fields() {
    let lines = ingress_lines(800);
    let info = profile(&lines);
    assert_eq!(info.format.name(), "ingress-nginx");
    assert_eq!(info.parsed, 800);
    assert_eq!(
        kind(&info, "request_time"),
        FieldKind::Duration {
            unit: TimeUnit::S,
            suffixed: false
        }
    );
    assert_eq!(
        kind(&info, "upstream_response_time"),
        FieldKind::Duration {
            unit: TimeUnit::S,
            suffixed: false
        }
    );
    assert_eq!(
        kind(&info, "request_length"),
        FieldKind::Bytes { suffixed: false }
    );
    assert_eq!(
        kind(&info, "upstream_response_length"),
        FieldKind::Bytes { suffixed: false }
    );
    assert_eq!(kind(&info, "upstream_name"), FieldKind::Enum);
    assert_eq!(kind(&info, "upstream_status"), FieldKind::Status);
    assert_eq!(kind(&info, "request_id"), FieldKind::Id);
    let up = info.field("upstream_status").unwrap();
    assert!(up.empty > 0, "499s have no upstream status");
    let alt = info.field("upstream_alternative").unwrap();
    assert_eq!((alt.count, alt.empty), (0, 800));
    let t = info.field("request_time").unwrap().stats.unwrap();
    assert!(t.min >= 0.0 && t.max < 1.0 && t.p50 <= t.p99);
}

/// The fields the format's LogQL stage yields on the embedded engine.
fn engine_fields(
    stage: &logql::ParserStage,
    lines: &[String],
) -> Vec<Option<Vec<(String, String)>>> {
    let ast = LogExpr {
        selector: vec![Matcher::new("job", MatchOp::Eq, "t")],
        pipeline: vec![Stage::Parser(stage.clone())],
    };
    // Through the printer and the parser, as a query sent to Loki would go.
    let printed = ast.to_string();
    let Ok(Expr::Log(log)) = logql::parse(&printed) else {
        panic!("the printed stage does not parse: {printed}");
    };
    assert_eq!(log, ast);
    let pipeline = Pipeline::compile(&log).unwrap();
    let stream = Labels::from_pairs([("job", "t")]);
    lines
        .iter()
        .map(|line| {
            let mut row = Row::new(0, line, &stream);
            if !pipeline.process(&mut row) || row.has_error() {
                return None;
            }
            let mut out: Vec<(String, String)> = row
                .labels
                .iter()
                .filter(|(k, v)| *k != "job" && !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            out.sort();
            Some(out)
        })
        .collect()
}

/// On every line the extractor reads, the stage gives the same fields.
fn assert_stage_agrees(e: &FieldExtractor, lines: &[String]) -> usize {
    let from_engine = engine_fields(&e.stage(), lines);
    let mut agreed = 0;
    for (line, engine) in lines.iter().zip(from_engine) {
        let Some(mut mine) = e.extract(line) else {
            continue;
        };
        mine.retain(|(_, v)| !v.is_empty());
        mine.sort();
        assert_eq!(Some(mine), engine, "line: {line}");
        agreed += 1;
    }
    agreed
}

#[test]
fn the_logql_stage_extracts_what_the_extractor_does() {
    let mut common = combined_lines(50);
    for l in &mut common {
        // The common log format: no referer, no user agent.
        let cut = l.match_indices(" \"").nth(1).map(|(i, _)| i).unwrap();
        l.truncate(cut);
    }
    let mut extended = combined_lines(50);
    for (i, l) in extended.iter_mut().enumerate() {
        l.push_str(&format!(" 0.{i:03} \"10.1.1.{i}\""));
    }
    for (lines, format) in [
        (json_lines(200), "json"),
        (logfmt_lines(200), "logfmt"),
        (combined_lines(300), "combined"),
        (ingress_lines(300), "ingress-nginx"),
        (common, "common"),
        (extended, "combined+2"),
    ] {
        let e = FieldExtractor::detect(lines.iter().map(String::as_str)).unwrap();
        assert_eq!(e.format().name(), format);
        assert_eq!(assert_stage_agrees(&e, &lines), lines.len(), "{format}");
    }
}

/// Bytes that break structure, at every position of good lines: never a
/// panic, and where the extractor still reads a line, Loki's stage agrees.
#[test]
fn malformed_lines_never_panic_and_never_disagree() {
    let mut r = Lcg(23);
    let breakers = [
        "\"", "[", "]", " ", "  ", "{", "}", "=", "\\", "é", "\t", "-", "\u{0}",
    ];
    for good in [
        json_lines(6),
        logfmt_lines(6),
        combined_lines(6),
        ingress_lines(6),
    ] {
        let e = FieldExtractor::detect(good.iter().map(String::as_str)).unwrap();
        let mut bad = Vec::new();
        for line in &good {
            for (i, _) in line.char_indices() {
                bad.push(line[..i].to_string());
                let mut s = line.clone();
                s.insert_str(i, r.pick(&breakers));
                bad.push(s);
            }
        }
        bad.extend(
            [
                "",
                " ",
                "\"\"",
                "[]",
                "{",
                "}",
                "=",
                "==",
                "a=",
                "\"a\" [b]",
            ]
            .map(String::from),
        );
        let read = assert_stage_agrees(&e, &bad);
        assert!(read < bad.len(), "some broken lines are refused");
        // Detection and profiling over garbage do not panic either.
        let _ = FieldExtractor::detect(bad.iter().map(String::as_str));
        let _ = profile_lines(bad.iter().map(String::as_str));
    }
}

#[test]
fn plain_text_has_its_header_fields_and_mixed_logs_none() {
    let syslog: Vec<String> = (0..100)
        .map(|i| format!("Dec  6 09:00:{:02} web1 sshd[{}]: Failed password for root from 203.0.113.{} port 22 ssh2", i % 60, 100 + i, i))
        .collect();
    // Plain text: the header's fields only, never the message's words.
    let info = profile_lines(syslog.iter().map(String::as_str)).unwrap();
    assert_eq!(info.format.name(), "header");
    let names: Vec<&str> = info.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["host", "program", "pid"]);
    // Two structured lines in five: not enough to call the scope structured.
    let mut mixed: Vec<String> = syslog[..60].to_vec();
    mixed.extend(json_lines(40));
    assert!(profile_lines(mixed.iter().map(String::as_str)).is_none());
    // Most lines structured: the rest count as lines without fields.
    let mut mostly: Vec<String> = json_lines(80);
    mostly.extend(syslog[..20].to_vec());
    let info = profile_lines(mostly.iter().map(String::as_str)).unwrap();
    assert_eq!((info.lines, info.parsed), (100, 80));
}

#[test]
fn the_knowledge_base_keeps_the_profiles() {
    let dir = std::env::temp_dir().join(format!("askloki-fields-kb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let labels = Labels::from_pairs([("app", "ingress")]);
    let mut b = KnowledgeBuilder::new(r#"{app="ingress"}"#, "test", BuildOptions::default());
    for (i, l) in ingress_lines(1200).iter().enumerate() {
        b.add(&labels, i as i64 * 1_000_000, l);
    }
    let k = b.finish();
    assert_eq!(k.version, knowledge::FORMAT_VERSION);
    let fields = k.fields.clone().expect("an access log has fields");
    assert_eq!(fields.format.name(), "ingress-nginx");
    assert_eq!((fields.lines, fields.parsed), (1200, 1200));
    knowledge::save(&k, &dir).unwrap();
    let loaded = knowledge::load(&dir).unwrap();
    assert_eq!(loaded.fields, Some(fields));
    // Cached queries depend on the fields' names and types.
    let mut retyped = loaded.clone();
    if let Some(f) = &mut retyped.fields {
        f.fields[0].kind = FieldKind::Text;
    }
    assert_ne!(retyped.fingerprint(), loaded.fingerprint());
    let mut recounted = loaded.clone();
    if let Some(f) = &mut recounted.fields {
        f.fields[0].count += 1;
    }
    assert_eq!(recounted.fingerprint(), loaded.fingerprint());
    // A store from before fields were kept is refused, to be rebuilt.
    let mut old = loaded;
    old.version = 2;
    knowledge::save(&old, &dir).unwrap();
    let err = knowledge::load(&dir).unwrap_err().to_string();
    assert!(err.contains("build it again"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn templates_fields_shows_types_units_and_cardinality() {
    let dir = std::env::temp_dir().join(format!("askloki-fields-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("payments.jsonl");
    std::fs::write(&log, json_lines(300).join("\n") + "\n").unwrap();
    let log = log.to_str().unwrap();

    // A log file, read now.
    let (code, out, err) = askloki(&["templates", "fields", log], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("of 300 lines are json"), "{out}");
    assert!(out.contains("LogQL: | json"), "{out}");
    let row = |name: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row {name}: {out}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(row("latency_ms")[1], "duration(ms)");
    assert_eq!(row("http_status")[1..4], ["status", "300", "0"]);
    assert_eq!(row("http_status")[4], "4");
    assert!(row("latency_ms").contains(&"p95".to_string()));

    // A knowledge base built by `askloki index`, as JSON.
    let kb = dir.join("kb");
    let (code, _, err) = askloki(
        &[
            "index",
            "--data",
            log,
            "--labels",
            r#"{app="pay"}"#,
            "--out",
            kb.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = askloki(&["templates", "list", kb.to_str().unwrap()], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("fields (json): ts:time, level:enum, msg:text"),
        "{out}"
    );
    let (code, out, err) = askloki(
        &["templates", "fields", kb.to_str().unwrap(), "--json"],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"]["type"], "json");
    let latency = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "latency_ms")
        .unwrap();
    assert_eq!(latency["kind"]["type"], "duration");
    assert_eq!(latency["kind"]["unit"], "ms");
    assert!(latency["stats"]["p99"].as_f64().unwrap() > 0.0);

    // Plain text: the header's fields; without a header, said so.
    let text = dir.join("plain.log");
    std::fs::write(
        &text,
        "Dec  6 09:00:01 web1 sshd[1]: Accepted password for ann\n",
    )
    .unwrap();
    let (code, out, _) = askloki(&["templates", "fields", text.to_str().unwrap()], &dir);
    assert_eq!(code, 0);
    assert!(out.contains("program") && out.contains("host"), "{out}");
    std::fs::write(&text, "Accepted password for ann\nConnection closed\n").unwrap();
    let (code, out, _) = askloki(&["templates", "fields", text.to_str().unwrap()], &dir);
    assert_eq!(code, 0);
    assert!(out.contains("no fields"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
