//! Access-log layouts: the common log format (`ip ident user [time]
//! "request" status bytes`), its combined form (`"referer" "user agent"`
//! after it, as Apache and nginx write by default) and whatever columns a
//! server appends (ingress-nginx's upstream fields among them); and the
//! proxies' layouts that open with `[time] "request" status`: Envoy's
//! default text format and Istio's (every sidecar in a mesh writes it),
//! with the fields named as their documentation names them.
//!
//! A layout is inferred from one line's columns: bare words, `"quoted"`
//! and `[bracketed]` text separated by single spaces, with an HTTP request
//! line in quotes after the bracketed time. The same layout is also a
//! LogQL `| pattern` stage that extracts the same fields on Loki; the
//! extractor only accepts lines where the two agree (see [`extract`]).

use logql::pattern::{Pattern, PatternPart};
use serde::{Deserialize, Serialize};

/// How a column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delim {
    Bare,
    Quoted,
    Bracketed,
}

/// One column of a layout. `names` has one entry per space-separated part
/// (three for the request line: method, path, protocol; one otherwise);
/// `None` parts are not extracted (`<_>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Column {
    pub delim: Delim,
    pub names: Vec<Option<String>>,
    /// An address written `host:port`, split at its first `:` into the
    /// two names (`<ip>:<port>`), as the pattern splits it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub host_port: bool,
}

/// An access-log layout.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccessLayout {
    /// `common`, `combined`, `ingress-nginx`, or `combined+N` / `common+N`
    /// for N further columns.
    pub name: String,
    pub columns: Vec<Column>,
    /// Columns separated by tabs (each one bare text, spaces and all), not
    /// by single spaces.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tabs: bool,
}

/// The columns ingress-nginx's default `upstreaminfo` format appends to
/// the combined format, in order.
const INGRESS_TAIL: [(Delim, &str); 9] = [
    (Delim::Bare, "request_length"),
    (Delim::Bare, "request_time"),
    (Delim::Bracketed, "upstream_name"),
    (Delim::Bracketed, "upstream_alternative"),
    (Delim::Bare, "upstream_addr"),
    (Delim::Bare, "upstream_response_length"),
    (Delim::Bare, "upstream_response_time"),
    (Delim::Bare, "upstream_status"),
    (Delim::Bare, "request_id"),
];

/// Where the request line sits: after ip, ident, user and `[time]`.
const REQUEST: usize = 4;

/// One column of a proxy layout: how it is written and its field name
/// (`None`: not extracted; the request column is always method, path and
/// protocol).
type ProxyColumn = (Delim, Option<&'static str>);

/// Envoy's default text format: `[start_time] "METHOD path protocol"
/// response_code response_flags bytes_received bytes_sent duration
/// upstream_service_time "x_forwarded_for" "user_agent" "request_id"
/// "authority" "upstream_host"`. Durations are in milliseconds.
const ENVOY: [ProxyColumn; 13] = [
    (Delim::Bracketed, None),
    (Delim::Quoted, Some("request")),
    (Delim::Bare, Some("response_code")),
    (Delim::Bare, Some("response_flags")),
    (Delim::Bare, Some("bytes_received")),
    (Delim::Bare, Some("bytes_sent")),
    (Delim::Bare, Some("duration")),
    (Delim::Bare, Some("upstream_service_time")),
    (Delim::Quoted, Some("x_forwarded_for")),
    (Delim::Quoted, Some("user_agent")),
    (Delim::Quoted, Some("request_id")),
    (Delim::Quoted, Some("authority")),
    (Delim::Quoted, Some("upstream_host")),
];

/// Istio's text format (1.8 on): Envoy's columns with the response's
/// details after its flags, and the cluster, addresses, server name and
/// route after the upstream host.
const ISTIO: [ProxyColumn; 22] = [
    (Delim::Bracketed, None),
    (Delim::Quoted, Some("request")),
    (Delim::Bare, Some("response_code")),
    (Delim::Bare, Some("response_flags")),
    (Delim::Bare, Some("response_code_details")),
    (Delim::Bare, Some("connection_termination_details")),
    (Delim::Quoted, Some("upstream_transport_failure_reason")),
    (Delim::Bare, Some("bytes_received")),
    (Delim::Bare, Some("bytes_sent")),
    (Delim::Bare, Some("duration")),
    (Delim::Bare, Some("upstream_service_time")),
    (Delim::Quoted, Some("x_forwarded_for")),
    (Delim::Quoted, Some("user_agent")),
    (Delim::Quoted, Some("request_id")),
    (Delim::Quoted, Some("authority")),
    (Delim::Quoted, Some("upstream_host")),
    (Delim::Bare, Some("upstream_cluster")),
    (Delim::Bare, Some("upstream_local_address")),
    (Delim::Bare, Some("downstream_local_address")),
    (Delim::Bare, Some("downstream_remote_address")),
    (Delim::Bare, Some("requested_server_name")),
    (Delim::Bare, Some("route_name")),
];

/// The proxy layouts, longest first so that Istio's wins over the Envoy
/// columns it starts like.
const PROXY_LAYOUTS: [(&str, &[ProxyColumn]); 2] = [("istio", &ISTIO), ("envoy", &ENVOY)];

pub(super) struct Token<'a> {
    pub(super) delim: Delim,
    pub(super) text: &'a str,
}

/// A line's columns, or `None` when it is not a run of bare, quoted and
/// bracketed columns separated by single spaces.
/// A line's columns where `tabs` separate them: each one bare text.
pub(super) fn tokenize_with(line: &str, tabs: bool) -> Option<Vec<Token<'_>>> {
    if !tabs {
        return tokenize(line);
    }
    Some(
        line.split('\t')
            .map(|text| Token {
                delim: Delim::Bare,
                text,
            })
            .collect(),
    )
}

pub(super) fn tokenize(line: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::with_capacity(16);
    let mut rest = line;
    while !rest.is_empty() {
        let (delim, text, after) = match rest.as_bytes()[0] {
            b'"' => {
                let end = rest[1..].find('"')? + 1;
                (Delim::Quoted, &rest[1..end], &rest[end + 1..])
            }
            b'[' => {
                let end = rest[1..].find(']')? + 1;
                (Delim::Bracketed, &rest[1..end], &rest[end + 1..])
            }
            b' ' => return None,
            _ => {
                let end = rest.find(' ').unwrap_or(rest.len());
                (Delim::Bare, &rest[..end], &rest[end..])
            }
        };
        out.push(Token { delim, text });
        rest = match after.strip_prefix(' ') {
            Some("") => return None,
            Some(r) => r,
            None if after.is_empty() => after,
            None => return None,
        };
    }
    Some(out)
}

/// An HTTP request line split as the pattern splits it: method, path and
/// the rest (the protocol). `None` unless it has all three.
fn request_parts(text: &str) -> Option<[&str; 3]> {
    let mut it = text.splitn(3, ' ');
    Some([it.next()?, it.next()?, it.next()?])
}

pub(super) fn is_request(text: &str) -> bool {
    request_parts(text).is_some_and(|[m, p, proto]| {
        !m.is_empty()
            && m.len() <= 16
            && m.bytes().all(|b| b.is_ascii_uppercase())
            && !p.is_empty()
            && proto.starts_with("HTTP/")
    })
}

impl AccessLayout {
    /// The layout of one line, if it is an access-log line.
    pub fn of_line(line: &str) -> Option<AccessLayout> {
        let tokens = tokenize(line)?;
        if let Some(proxy) = Self::proxy_layout(&tokens) {
            return Some(proxy);
        }
        if tokens.len() < REQUEST + 3 {
            return None;
        }
        let delims: Vec<Delim> = tokens.iter().map(|t| t.delim).collect();
        let head = [
            Delim::Bare,
            Delim::Bare,
            Delim::Bare,
            Delim::Bracketed,
            Delim::Quoted,
            Delim::Bare,
            Delim::Bare,
        ];
        if delims[..head.len()] != head
            || !is_request(tokens[REQUEST].text)
            || !super::kind::is_status_code(tokens[REQUEST + 1].text)
        {
            return None;
        }
        let bytes = tokens[REQUEST + 2].text;
        if bytes != "-" && !bytes.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(AccessLayout::from_delims(&delims))
    }

    /// A proxy's layout (`[time] "request" status …`): the known one whose
    /// columns the line has, in order, with any further columns as
    /// `extra_N`.
    fn proxy_layout(tokens: &[Token<'_>]) -> Option<AccessLayout> {
        let status = tokens.get(2)?.text;
        // Envoy writes 0 when no response was sent (the client went away).
        if tokens[0].delim != Delim::Bracketed
            || tokens[1].delim != Delim::Quoted
            || !is_request(tokens[1].text)
            || !(super::kind::is_status_code(status) || status == "0")
        {
            return None;
        }
        let (name, spec) = PROXY_LAYOUTS.iter().find(|(_, spec)| {
            tokens.len() >= spec.len()
                && tokens.iter().zip(spec.iter()).all(|(t, c)| t.delim == c.0)
        })?;
        let mut columns: Vec<Column> = spec
            .iter()
            .map(|&(delim, name)| Column {
                delim,
                host_port: false,
                names: match name {
                    Some("request") => ["method", "path", "protocol"]
                        .iter()
                        .map(|n| Some(n.to_string()))
                        .collect(),
                    n => vec![n.map(str::to_string)],
                },
            })
            .collect();
        let extra = &tokens[spec.len()..];
        for (i, t) in extra.iter().enumerate() {
            columns.push(Column {
                delim: t.delim,
                names: vec![Some(unnamed_column(i))],
                host_port: false,
            });
        }
        let name = match extra.len() {
            0 => name.to_string(),
            n => format!("{name}+{n}"),
        };
        Some(AccessLayout {
            name,
            columns,
            tabs: false,
        })
    }

    /// The layout with these column delimiters (the first seven being the
    /// common log format's).
    fn from_delims(delims: &[Delim]) -> AccessLayout {
        let one = |delim: Delim, name: Option<&str>| Column {
            delim,
            names: vec![name.map(str::to_string)],
            host_port: false,
        };
        let mut columns = vec![
            one(Delim::Bare, Some("ip")),
            one(Delim::Bare, None),
            one(Delim::Bare, Some("user")),
            one(Delim::Bracketed, None),
            Column {
                delim: Delim::Quoted,
                names: vec![
                    Some("method".into()),
                    Some("path".into()),
                    Some("protocol".into()),
                ],
                host_port: false,
            },
            one(Delim::Bare, Some("status")),
            one(Delim::Bare, Some("bytes")),
        ];
        let mut tail = &delims[columns.len()..];
        let mut name = "common".to_string();
        if tail.starts_with(&[Delim::Quoted, Delim::Quoted]) {
            columns.push(one(Delim::Quoted, Some("referer")));
            columns.push(one(Delim::Quoted, Some("user_agent")));
            tail = &tail[2..];
            name = "combined".into();
            let ingress: Vec<Delim> = INGRESS_TAIL.iter().map(|(d, _)| *d).collect();
            if tail == ingress {
                columns.extend(INGRESS_TAIL.iter().map(|(d, n)| one(*d, Some(n))));
                tail = &[];
                name = "ingress-nginx".into();
            }
        }
        if !tail.is_empty() {
            name = format!("{name}+{}", tail.len());
        }
        for (i, d) in tail.iter().enumerate() {
            columns.push(one(*d, Some(&unnamed_column(i))));
        }
        AccessLayout {
            name,
            columns,
            tabs: false,
        }
    }

    /// The field names in order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .flat_map(|c| c.names.iter().filter_map(|n| n.as_deref()))
    }

    /// The `| pattern` expression that extracts the same fields on Loki.
    pub fn pattern(&self) -> Pattern {
        let mut parts: Vec<PatternPart> = Vec::new();
        let lit = |parts: &mut Vec<PatternPart>, s: &str| match parts.last_mut() {
            Some(PatternPart::Literal(l)) => l.push_str(s),
            _ => parts.push(PatternPart::Literal(s.to_string())),
        };
        for (i, c) in self.columns.iter().enumerate() {
            if i > 0 {
                lit(&mut parts, if self.tabs { "\t" } else { " " });
            }
            let (open, close) = match c.delim {
                Delim::Bare => ("", ""),
                Delim::Quoted => ("\"", "\""),
                Delim::Bracketed => ("[", "]"),
            };
            lit(&mut parts, open);
            let between = if c.host_port { ":" } else { " " };
            for (j, n) in c.names.iter().enumerate() {
                if j > 0 {
                    lit(&mut parts, between);
                }
                parts.push(PatternPart::Capture(n.clone()));
            }
            lit(&mut parts, close);
        }
        parts.retain(|p| !matches!(p, PatternPart::Literal(l) if l.is_empty()));
        Pattern { parts }
    }

    /// The fields of a line of this layout, in column order, as the
    /// layout's `| pattern` stage gives them; `false` (and nothing emitted)
    /// for a line that does not have the layout's columns, or whose request
    /// line lacks a method, path and protocol, where the pattern would
    /// misalign.
    pub fn extract(&self, line: &str, emit: &mut dyn FnMut(&str, &str)) -> bool {
        let Some(tokens) = tokenize_with(line, self.tabs) else {
            return false;
        };
        if tokens.len() != self.columns.len()
            || tokens
                .iter()
                .zip(&self.columns)
                .any(|(t, c)| t.delim != c.delim)
        {
            return false;
        }
        let mut parts: Vec<[&str; 3]> = Vec::new();
        for (t, c) in tokens.iter().zip(&self.columns) {
            if c.host_port && !t.text.contains(':') {
                return false;
            }
            if c.names.len() == 3 {
                match request_parts(t.text) {
                    Some(p) => parts.push(p),
                    None => return false,
                }
            }
        }
        let mut requests = parts.into_iter();
        for (t, c) in tokens.iter().zip(&self.columns) {
            if c.host_port {
                let (host, port) = t.text.split_once(':').unwrap_or((t.text, ""));
                for (n, v) in c.names.iter().zip([host, port]) {
                    if let Some(n) = n {
                        emit(n, v);
                    }
                }
            } else if c.names.len() == 3 {
                let Some(p) = requests.next() else {
                    return false;
                };
                for (n, v) in c.names.iter().zip(p) {
                    if let Some(n) = n {
                        emit(n, v);
                    }
                }
            } else if let Some(Some(n)) = c.names.first() {
                emit(n, t.text);
            }
        }
        true
    }
}

/// The name of the `i`th column past the ones a known layout names.
fn unnamed_column(i: usize) -> String {
    format!("{UNNAMED_PREFIX}{}", i + 1)
}

const UNNAMED_PREFIX: &str = "extra_";

/// A column no known layout names (`extra_1`): an access log's trailing
/// numbers, whose meaning only the operator's format string knows.
pub fn is_unnamed_column(name: &str) -> bool {
    name.strip_prefix(UNNAMED_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMBINED: &str = r#"203.0.113.9 - alice [06/Dec/2026:09:00:01 +0000] "GET /products/42?x=1 HTTP/1.1" 200 5120 "https://shop.example/" "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0""#;
    const INGRESS: &str = r#"81.2.69.160 - - [06/Dec/2026:09:00:02 +0000] "POST /api/v1/cart HTTP/2.0" 502 150 "-" "curl/8.5.0" 412 0.031 [shop-checkout-8080] [] 10.244.1.57:8080 150 0.030 502 4f1c2a9be0d7c3e5a1b2c3d4e5f60718"#;

    fn value<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn fields(l: &AccessLayout, line: &str) -> Option<Vec<(String, String)>> {
        let mut out = Vec::new();
        l.extract(line, &mut |k, v| out.push((k.to_string(), v.to_string())))
            .then_some(out)
    }

    #[test]
    fn combined_layout_and_its_pattern() {
        let l = AccessLayout::of_line(COMBINED).unwrap();
        assert_eq!(l.name, "combined");
        assert_eq!(
            l.pattern().to_string(),
            r#"<ip> <_> <user> [<_>] "<method> <path> <protocol>" <status> <bytes> "<referer>" "<user_agent>""#
        );
        let f = fields(&l, COMBINED).unwrap();
        assert_eq!(f[0], ("ip".into(), "203.0.113.9".into()));
        assert_eq!(f[3], ("path".into(), "/products/42?x=1".into()));
        assert_eq!(f.last().unwrap().0, "user_agent");
    }

    #[test]
    fn ingress_layout_names_the_upstream_fields() {
        let l = AccessLayout::of_line(INGRESS).unwrap();
        assert_eq!(l.name, "ingress-nginx");
        let f = fields(&l, INGRESS).unwrap();
        let get = |k: &str| value(&f, k);
        assert_eq!(get("upstream_alternative"), Some(""));
        assert_eq!(get("upstream_addr"), Some("10.244.1.57:8080"));
        assert_eq!(get("request_time"), Some("0.031"));
        assert_eq!(get("request_id"), Some("4f1c2a9be0d7c3e5a1b2c3d4e5f60718"));
    }

    #[test]
    fn common_and_extended_layouts() {
        let common = r#"10.1.2.3 - - [06/Dec/2026:09:00:01 +0000] "GET / HTTP/1.0" 304 -"#;
        assert_eq!(AccessLayout::of_line(common).unwrap().name, "common");
        let extra = format!("{COMBINED} 0.012 \"10.9.9.9\"");
        let l = AccessLayout::of_line(&extra).unwrap();
        assert_eq!(l.name, "combined+2");
        assert_eq!(l.field_names().last(), Some("extra_2"));
    }

    const ENVOY_LINE: &str = r#"[2026-12-06T09:00:04.574Z] "GET /v1/cart/7 HTTP/1.1" 503 UF 0 91 12 - "-" "curl/8.5.0" "5b1c0f2e-5a6f-4f11-9f00-03b2a1c4d5e6" "cart:8080" "10.1.2.3:8080""#;

    #[test]
    fn envoy_default_layout_names_its_fields() {
        let l = AccessLayout::of_line(ENVOY_LINE).unwrap();
        assert_eq!(l.name, "envoy");
        let f = fields(&l, ENVOY_LINE).unwrap();
        let get = |k: &str| value(&f, k);
        assert_eq!(get("method"), Some("GET"));
        assert_eq!(get("path"), Some("/v1/cart/7"));
        assert_eq!(get("response_code"), Some("503"));
        assert_eq!(get("response_flags"), Some("UF"));
        assert_eq!(get("duration"), Some("12"));
        assert_eq!(get("upstream_host"), Some("10.1.2.3:8080"));
        assert_eq!(
            l.pattern().to_string(),
            r#"[<_>] "<method> <path> <protocol>" <response_code> <response_flags> <bytes_received> <bytes_sent> <duration> <upstream_service_time> "<x_forwarded_for>" "<user_agent>" "<request_id>" "<authority>" "<upstream_host>""#
        );
    }

    #[test]
    fn istio_layout_and_a_client_that_went_away() {
        let line = r#"[2026-12-06T09:00:09.650Z] "POST /v1/pay HTTP/2" 0 DC downstream_remote_disconnect - "-" 120 0 3001 - "-" "grpc-go/1.60" "27501789-5a6f-df11-f7f9-803afaf4245a" "pay.shop.svc.cluster.local:9080" "10.244.3.17:9080" outbound|9080||pay.shop.svc.cluster.local 10.244.2.31:60066 10.96.31.7:9080 10.244.2.31:36423 - default"#;
        let l = AccessLayout::of_line(line).unwrap();
        assert_eq!(l.name, "istio");
        let f = fields(&l, line).unwrap();
        let get = |k: &str| value(&f, k);
        assert_eq!(get("response_code"), Some("0"));
        assert_eq!(get("duration"), Some("3001"));
        assert_eq!(
            get("upstream_cluster"),
            Some("outbound|9080||pay.shop.svc.cluster.local")
        );
        assert_eq!(get("route_name"), Some("default"));
        // A further column the proxy was configured to append.
        let longer = format!("{ENVOY_LINE} \"edge-1\"");
        let l = AccessLayout::of_line(&longer).unwrap();
        assert_eq!(l.name, "envoy+1");
        assert_eq!(l.field_names().last(), Some("extra_1"));
        // Not a request line, or not a status after it: not a proxy line.
        assert!(
            AccessLayout::of_line(r#"[t] "hello there" 200 - 0 0 1 - "-" "-" "-" "-" "-""#)
                .is_none()
        );
        assert!(
            AccessLayout::of_line(r#"[t] "GET / HTTP/1.1" x - 0 0 1 - "-" "-" "-" "-" "-""#)
                .is_none()
        );
    }

    #[test]
    fn lines_that_do_not_fit_are_refused() {
        let l = AccessLayout::of_line(COMBINED).unwrap();
        for bad in [
            "",
            " ",
            "plain text line",
            r#"1.2.3.4 - - [06/Dec/2026:09:00:01 +0000] "-" 400 0 "-" "-""#,
            r#"1.2.3.4 - - [06/Dec/2026:09:00:01 +0000] "GET / HTTP/1.1" 200 0 "-" "-" extra"#,
            r#"1.2.3.4 - - [06/Dec/2026:09:00:01 +0000] "GET / HTTP/1.1" 200 0 "-" "unterminated"#,
            r#"1.2.3.4  - - [06/Dec/2026:09:00:01 +0000] "GET / HTTP/1.1" 200 0 "-" "-""#,
            "[",
            "\"",
        ] {
            assert!(fields(&l, bad).is_none(), "{bad}");
            assert!(AccessLayout::of_line(bad).is_none_or(|x| x != l), "{bad}");
        }
        assert!(AccessLayout::of_line(r#"1.2.3.4 - - [t] "GET / HTTP/1.1" 999 0"#).is_none());
    }
}
