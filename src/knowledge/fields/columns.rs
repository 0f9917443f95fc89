//! Space-separated column layouts nobody listed: load balancer, DNS,
//! proxy and firewall logs that write one record per line as bare,
//! `"quoted"` and `[bracketed]` columns in a fixed order, with no names.
//!
//! The layout is inferred from a sample: the lines that split into the
//! same columns (the most common split) must be most of the sample, and
//! their columns must read as fields, not as words of a sentence: most
//! hold one kind of value on every line (an address, a status code, a
//! number, a duration, a time, a level, an HTTP request line), and at
//! least one of them says the line records a request or a connection (an
//! address, a status code or a request line). A column is named after what
//! its values are (`ip` and `port` for `host:port`, `status`, `duration`,
//! `level`, `method`/`path`/`protocol`), a second one of a kind with a
//! number (`ip_2`); the rest are named by their position (`col7`).
//! Columns that never change, and times, are not extracted.
//!
//! Where the file declares its columns — a W3C `#Fields:` line (CDN and
//! web-server logs) or a first line of column names (flow logs) — the
//! columns take those names, and the columns may be separated by tabs.
//!
//! The result is an [`AccessLayout`], so the same `| pattern` reads the
//! fields on Loki, and lines that do not split the same way have none.

use std::collections::HashMap;

use super::access::{is_request, tokenize_with, AccessLayout, Column, Delim, Token};
use super::kind::{is_datetime, is_empty_value, is_status_code};
use crate::knowledge::header::SEVERITIES;

/// The layout's name in the knowledge base and in `templates fields`.
pub const NAME: &str = "columns";
/// The name of a layout whose columns the file itself names.
pub const DECLARED: &str = "declared columns";

/// Fewer columns than this is a sentence or a short header, not a record.
const MIN_COLUMNS: usize = 6;
/// Fewer lines of one split than this tell nothing.
const MIN_LINES: usize = 4;
/// The share of a column's values (empty ones aside) that must have its kind.
const KIND_SHARE: f64 = 0.95;
/// A column of status codes has at most this many (a server sends few).
const MAX_STATUSES: usize = 24;
/// Of the columns, the share that must hold one kind of value.
const TYPED_SHARE: f64 = 0.4;

/// What a column's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The same value on every line: nothing to extract.
    Constant,
    Time,
    Request,
    HostPort,
    Ip,
    Status,
    Duration,
    Number,
    Level,
    /// Words, identifiers, text: a field named by its position.
    Other,
}

impl Kind {
    /// Values of one type, not just words.
    fn is_typed(self) -> bool {
        !matches!(self, Kind::Constant | Kind::Other)
    }

    /// A kind that says the line records a request or a connection.
    fn is_record(self) -> bool {
        matches!(
            self,
            Kind::Request | Kind::HostPort | Kind::Ip | Kind::Status
        )
    }
}

/// The column layout of `sample`, if its lines are such records.
pub fn infer<'l>(sample: impl IntoIterator<Item = &'l str>) -> Option<AccessLayout> {
    let sample: Vec<&str> = sample
        .into_iter()
        .map(|l| l.trim_end_matches(['\r', '\n']))
        .filter(|l| !l.trim().is_empty())
        .collect();
    let lines = sample.len();
    let tabbed = sample.iter().filter(|l| l.contains('\t')).count();
    let tabs = tabbed > 0 && tabbed as f64 >= super::MIN_SHARE * lines as f64;
    let declared = declared_names(&sample, tabs);
    let mut splits: HashMap<Vec<Delim>, Vec<Vec<Token<'l>>>> = HashMap::new();
    for (i, line) in sample.iter().enumerate() {
        // The line of names is no record.
        if i == 0 && declared.as_ref().is_some_and(|d| d.first_line) {
            continue;
        }
        if let Some(tokens) = tokenize_with(line, tabs) {
            let delims: Vec<Delim> = tokens.iter().map(|t| t.delim).collect();
            splits.entry(delims).or_default().push(tokens);
        }
    }
    // The most common split; of equals, the one with more columns.
    let (delims, rows) = splits
        .into_iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.0.len().cmp(&b.0.len())))?;
    if delims.len() < MIN_COLUMNS
        || rows.len() < MIN_LINES
        || (rows.len() as f64) < super::MIN_SHARE * lines as f64
    {
        return None;
    }
    let kinds: Vec<Kind> = (0..delims.len())
        .map(|i| kind_of(delims[i], rows.iter().map(|r| r[i].text)))
        .collect();
    if let Some(names) = declared.filter(|d| d.names.len() == delims.len()) {
        return Some(AccessLayout {
            name: DECLARED.to_string(),
            columns: declared_columns(&delims, &kinds, &names.names),
            tabs,
        });
    }
    let typed = kinds.iter().filter(|k| k.is_typed()).count();
    if typed < 4
        || (typed as f64) < TYPED_SHARE * kinds.len() as f64
        || !kinds.iter().any(|k| k.is_record())
    {
        return None;
    }
    Some(AccessLayout {
        name: NAME.to_string(),
        columns: name_columns(&delims, &kinds),
        tabs,
    })
}

/// Column names a file declares, as label names.
struct Declared {
    names: Vec<String>,
    /// Declared by the first line (a line of the records' shape), not by
    /// a `#Fields:` directive.
    first_line: bool,
}

/// The names of a W3C `#Fields:` directive, else of a first line that is
/// only column names (`version account-id srcaddr …`).
fn declared_names(sample: &[&str], tabs: bool) -> Option<Declared> {
    if let Some(rest) = sample.iter().find_map(|l| l.strip_prefix("#Fields:")) {
        let names: Vec<&str> = rest.split_whitespace().collect();
        return (names.len() >= MIN_COLUMNS).then(|| Declared {
            names: label_names(&names),
            first_line: false,
        });
    }
    let first = sample.first()?;
    let names: Vec<&str> = tokenize_with(first, tabs)?
        .iter()
        .map(|t| (t.delim == Delim::Bare).then_some(t.text))
        .collect::<Option<_>>()?;
    let all_names = names.len() >= MIN_COLUMNS && names.iter().all(|n| is_column_name(n));
    let distinct = names.iter().collect::<std::collections::HashSet<_>>().len() == names.len();
    (all_names && distinct).then(|| Declared {
        names: label_names(&names),
        first_line: true,
    })
}

/// `srcaddr`, `x-edge-location`, `cs(User-Agent)`: a letter first, then
/// letters, digits and the punctuation names use.
fn is_column_name(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')'))
}

/// Declared names as label names (`cs(User-Agent)` → `cs_user_agent`),
/// a repeated one numbered.
fn label_names(names: &[&str]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    names
        .iter()
        .map(|raw| {
            let mut name = String::new();
            for c in raw.chars() {
                if c.is_ascii_alphanumeric() {
                    name.push(c.to_ascii_lowercase());
                } else if !name.is_empty() && !name.ends_with('_') {
                    name.push('_');
                }
            }
            let mut name = name.trim_end_matches('_').to_string();
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                name.insert(0, '_');
            }
            let n = seen.entry(name.clone()).or_default();
            *n += 1;
            if *n > 1 {
                name = format!("{name}_{n}");
            }
            name
        })
        .collect()
}

/// Columns named as declared; times and constants are not extracted, a
/// `host:port` column gives the host under its name and the port beside
/// it, a request line its method, path and protocol.
fn declared_columns(delims: &[Delim], kinds: &[Kind], names: &[String]) -> Vec<Column> {
    delims
        .iter()
        .zip(kinds)
        .zip(names)
        .map(|((&delim, &kind), name)| {
            let names = match kind {
                Kind::Constant | Kind::Time => vec![None],
                Kind::Request => ["method", "path", "protocol"]
                    .into_iter()
                    .map(|n| Some(format!("{name}_{n}")))
                    .collect(),
                Kind::HostPort => vec![Some(name.clone()), Some(format!("{name}_port"))],
                _ => vec![Some(name.clone())],
            };
            Column {
                delim,
                names,
                host_port: kind == Kind::HostPort,
            }
        })
        .collect()
}

/// The kind most of a column's values have.
fn kind_of<'v>(delim: Delim, values: impl Iterator<Item = &'v str>) -> Kind {
    let values: Vec<&str> = values.collect();
    if values.windows(2).all(|w| w[0] == w[1]) {
        return Kind::Constant;
    }
    let present: Vec<&str> = values
        .iter()
        .copied()
        .filter(|v| !is_empty_value(v))
        .collect();
    if present.is_empty() {
        return Kind::Constant;
    }
    let share = |test: &dyn Fn(&str) -> bool| {
        present.iter().filter(|v| test(v)).count() as f64 / present.len() as f64
    };
    let all = |test: &dyn Fn(&str) -> bool| present.iter().all(|v| test(v));
    if delim == Delim::Quoted && share(&is_request) >= KIND_SHARE {
        return Kind::Request;
    }
    if share(&is_datetime) >= KIND_SHARE {
        return Kind::Time;
    }
    // Split only where every value splits, as the pattern would misalign.
    if delim == Delim::Bare && all(&is_host_port) {
        return Kind::HostPort;
    }
    if share(&is_ip) >= KIND_SHARE {
        return Kind::Ip;
    }
    // Codes repeat: a size or a count in the same range takes many values.
    if all(&is_status_code)
        && distinct(&present) <= MAX_STATUSES
        && share(&is_low_code) >= KIND_SHARE
    {
        return Kind::Status;
    }
    if share(&is_number) >= KIND_SHARE {
        return Kind::Number;
    }
    if share(&is_suffixed_duration) >= KIND_SHARE {
        return Kind::Duration;
    }
    if share(&|v| SEVERITIES.iter().any(|s| s.eq_ignore_ascii_case(v))) >= KIND_SHARE {
        return Kind::Level;
    }
    Kind::Other
}

/// Names after the kinds, numbered from the second of a kind on; the
/// request line is method, path and protocol.
fn name_columns(delims: &[Delim], kinds: &[Kind]) -> Vec<Column> {
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    let mut numbered = |base: &'static str| {
        let n = seen.entry(base).or_default();
        *n += 1;
        match *n {
            1 => base.to_string(),
            n => format!("{base}_{n}"),
        }
    };
    delims
        .iter()
        .zip(kinds)
        .enumerate()
        .map(|(i, (&delim, &kind))| {
            let mut host_port = false;
            let names = match kind {
                Kind::Constant | Kind::Time => vec![None],
                Kind::Request => ["method", "path", "protocol"]
                    .into_iter()
                    .map(|n| Some(numbered(n)))
                    .collect(),
                Kind::HostPort => {
                    host_port = true;
                    vec![Some(numbered("ip")), Some(numbered("port"))]
                }
                Kind::Ip => vec![Some(numbered("ip"))],
                Kind::Status => vec![Some(numbered("status"))],
                Kind::Duration => vec![Some(numbered("duration"))],
                Kind::Level => vec![Some(numbered("level"))],
                Kind::Number | Kind::Other => vec![Some(format!("col{}", i + 1))],
            };
            Column {
                delim,
                names,
                host_port,
            }
        })
        .collect()
}

/// HTTP's codes sit low in their hundred (200, 304, 404, 502): a size
/// that happens to have three digits does not stay there.
fn is_low_code(v: &str) -> bool {
    v.get(1..)
        .and_then(|r| r.parse::<u32>().ok())
        .is_some_and(|r| r <= 31)
}

fn distinct(values: &[&str]) -> usize {
    values
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len()
}

fn is_ip(v: &str) -> bool {
    v.parse::<std::net::IpAddr>().is_ok()
}

/// `10.0.0.7:8080`: an IPv4 address and a port.
fn is_host_port(v: &str) -> bool {
    v.split_once(':').is_some_and(|(host, port)| {
        host.parse::<std::net::Ipv4Addr>().is_ok()
            && !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
    })
}

fn is_number(v: &str) -> bool {
    v.bytes().any(|b| b.is_ascii_digit())
        && v.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'))
        && v.parse::<f64>().is_ok()
}

/// A number with a time unit after it (`0.000123294s`, `12ms`).
fn is_suffixed_duration(v: &str) -> bool {
    v.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && v.bytes().last().is_some_and(|b| b.is_ascii_alphabetic())
        && crate::engine::values::parse_duration(v).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A load balancer's lines: scheme, time, name, client and target
    /// addresses, three timings, two statuses, two sizes, the request and
    /// the user agent.
    fn balancer_lines() -> Vec<String> {
        let mut out = Vec::new();
        for i in 0..40u32 {
            let (status, target_status) = if i % 7 == 0 { (504, "-") } else { (200, "200") };
            out.push(format!(
                "{scheme} 2026-03-0{d}T10:{m:02}:00.{i:03}Z lb/edge/7f 198.51.100.{c}:{p} 10.1.0.{t}:8080 0.00{a} 0.{b:03} 0.000 {status} {target_status} {rx} {tx} \"GET https://shop.test:443/item/{i} HTTP/1.1\" \"agent/{v}\"",
                scheme = if i % 2 == 0 { "https" } else { "h2" },
                d = 1 + i % 3,
                m = i % 60,
                c = 1 + i % 9,
                p = 30000 + i * 7,
                t = 1 + i % 4,
                a = i % 3,
                b = 11 * i % 997,
                rx = 300 + i,
                tx = 1000 + 13 * i,
                v = i % 5,
            ));
        }
        out
    }

    fn fields(l: &AccessLayout, line: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        assert!(l.extract(line, &mut |k, v| out.push((k.to_string(), v.to_string()))));
        out
    }

    #[test]
    fn a_record_layout_is_named_by_what_its_columns_hold() {
        let lines = balancer_lines();
        let l = infer(lines.iter().map(String::as_str)).unwrap();
        assert_eq!(l.name, NAME);
        assert_eq!(
            l.pattern().to_string(),
            r#"<col1> <_> <_> <ip>:<port> <ip_2>:<port_2> <col6> <col7> <_> <status> <status_2> <col11> <col12> "<method> <path> <protocol>" "<col14>""#
        );
        let f = fields(&l, &lines[7]);
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("ip"), Some("198.51.100.8"));
        assert_eq!(get("port_2"), Some("8080"));
        assert_eq!(get("status"), Some("504"));
        assert_eq!(get("status_2"), Some("-"));
        assert_eq!(get("path"), Some("https://shop.test:443/item/7"));
        // The same fields as the pattern reads them on Loki.
        let query = format!(r#"{{a="b"}} | pattern `{}`"#, l.pattern());
        let logql::Expr::Log(log) = logql::parse(&query).unwrap() else {
            panic!("a log query");
        };
        let pipeline = crate::engine::pipeline::Pipeline::compile(&log).unwrap();
        let stream = crate::source::Labels::from_pairs([("a", "b")]);
        for line in &lines {
            let mut row = crate::engine::pipeline::Row::new(0, line, &stream);
            assert!(pipeline.process(&mut row));
            for (k, v) in fields(&l, line) {
                assert_eq!(row.labels.get(&k), Some(v.as_str()), "{k} of {line}");
            }
        }
    }

    #[test]
    fn a_dns_query_log_behind_a_container_prefix() {
        let lines: Vec<String> = (0..30u32)
            .map(|i| {
                format!(
                    "2026-03-01T10:00:{s:02}.{i:09}Z stdout F [INFO] 10.244.{a}.{b}:{p} - {id} \"A IN svc{n}.local. udp 60 false 512\" {rcode} qr,aa,rd {size} 0.000{d}s",
                    s = i % 60,
                    a = i % 3,
                    b = 10 + i,
                    p = 40000 + i,
                    id = 1000 + 37 * i,
                    n = i % 4,
                    rcode = if i % 5 == 0 { "NXDOMAIN" } else { "NOERROR" },
                    size = 90 + 11 * (i % 7),
                    d = 100 + i,
                )
            })
            .collect();
        let l = infer(lines.iter().map(String::as_str)).unwrap();
        let names: Vec<&str> = l.field_names().collect();
        assert_eq!(
            names,
            ["ip", "port", "col7", "col8", "col9", "col11", "duration"]
        );
    }

    #[test]
    fn sentences_and_headers_are_not_records() {
        // Messages of one template: the same words on every line.
        let sshd: Vec<String> = (0..20)
            .map(|i| {
                format!("Dec 10 06:55:{i:02} host sshd[{p}]: Failed password for invalid user u{i} from 10.0.0.{i} port {p} ssh2", p = 2000 + i)
            })
            .collect();
        assert_eq!(infer(sshd.iter().map(String::as_str)), None);
        // An application log: time, level, thread and a message.
        let app: Vec<String> = (0..20)
            .map(|i| {
                format!("2026-03-01 10:00:{i:02},123 INFO [main-{i}] Cart {i} saved in {i} ms")
            })
            .collect();
        assert_eq!(infer(app.iter().map(String::as_str)), None);
        // Too few lines, or columns, to tell.
        let lines = balancer_lines();
        assert_eq!(infer(lines.iter().take(3).map(String::as_str)), None);
        assert_eq!(infer(["1.2.3.4:5 200 12", "1.2.3.5:6 404 13"]), None);
    }

    /// A CDN's tab-separated lines after its `#Version` and `#Fields`
    /// directives.
    fn declared_lines() -> Vec<String> {
        let mut out = vec![
            "#Version: 1.0".to_string(),
            "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(User-Agent) x-edge-result-type time-taken".to_string(),
        ];
        for i in 0..30u32 {
            out.push(
                [
                    "2026-03-01".to_string(),
                    format!("10:00:{:02}", i % 60),
                    ["FRA5-P1", "AMS1-C2", "LHR3-P4"][i as usize % 3].to_string(),
                    (500 + 37 * i).to_string(),
                    format!("198.51.100.{}", i % 7),
                    "GET".to_string(),
                    "d1.cdn.test".to_string(),
                    format!("/item/{i}"),
                    if i % 5 == 0 { "502" } else { "200" }.to_string(),
                    "Mozilla/5.0%20(X11;%20Linux)".to_string(),
                    if i % 2 == 0 { "Hit" } else { "Miss" }.to_string(),
                    format!("0.{:03}", 10 + i),
                ]
                .join("\t"),
            );
        }
        out
    }

    #[test]
    fn columns_the_file_names_take_its_names() {
        let lines = declared_lines();
        let l = infer(lines.iter().map(String::as_str)).unwrap();
        assert_eq!(l.name, DECLARED);
        assert!(l.tabs);
        let names: Vec<&str> = l.field_names().collect();
        // The date and the constant method and host are not extracted.
        assert_eq!(
            names,
            [
                "time",
                "x_edge_location",
                "sc_bytes",
                "c_ip",
                "cs_uri_stem",
                "sc_status",
                "x_edge_result_type",
                "time_taken"
            ]
        );
        let f = fields(&l, &lines[7]);
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("c_ip"), Some("198.51.100.5"));
        assert_eq!(get("x_edge_result_type"), Some("Miss"));
        assert_eq!(get("time_taken"), Some("0.015"));
        // A first line of names declares them too, and is no record.
        let mut flow =
            vec!["version srcaddr dstaddr srcport dstport packets bytes action".to_string()];
        flow.extend((0..20u32).map(|i| {
            format!(
                "2 10.0.1.{} 10.0.2.{} {} 443 {} {} {}",
                i % 5,
                i % 3,
                40000 + i,
                1 + i,
                100 * (i + 1),
                if i % 4 == 0 { "REJECT" } else { "ACCEPT" }
            )
        }));
        let l = infer(flow.iter().map(String::as_str)).unwrap();
        assert!(!l.tabs);
        let names: Vec<&str> = l.field_names().collect();
        assert_eq!(
            names,
            ["srcaddr", "dstaddr", "srcport", "packets", "bytes", "action"]
        );
    }

    #[test]
    fn declared_names_become_label_names() {
        assert_eq!(
            label_names(&["cs(User-Agent)", "time-taken", "c-ip", "c-ip", "9lives"]),
            ["cs_user_agent", "time_taken", "c_ip", "c_ip_2", "_9lives"]
        );
    }

    #[test]
    fn a_layout_most_lines_do_not_share_is_refused() {
        let mut lines = balancer_lines();
        lines.truncate(10);
        lines.extend((0..12).map(|i| format!("plain text message number {i}")));
        assert_eq!(infer(lines.iter().map(String::as_str)), None);
    }
}
