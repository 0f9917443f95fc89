//! Cues read from the shape of a message's parameters rather than its
//! words: an exit status and what it means, a signal number, an HTTP
//! status, a measured value beside its limit, the state a transition ends
//! in, a peer or link reported down, an exception printed as the line's
//! subject, and diagnostic dumps (register values, dotted leaders) that
//! only accompany an event.

use std::sync::OnceLock;

use regex::Regex;

use super::classes::FailureClass::{self, *};
use super::cues::Hit;

fn fixed(cell: &'static OnceLock<Regex>, src: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(src).expect("a fixed regex"))
}

fn failure(class: FailureClass, weight: f64, why: &'static str) -> Hit {
    Hit {
        weight,
        class: Some(class),
        yields: false,
        specific: true,
        why,
    }
}

fn routine(weight: f64, why: &'static str) -> Hit {
    Hit {
        weight: -weight,
        class: None,
        yields: true,
        specific: true,
        why,
    }
}

/// Every shape cue of a message (`plain` view, see [`super::views`]).
pub fn hits(message: &str, plain: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    out.extend(exception_print(message));
    out.extend(exit_status(plain));
    out.extend(signal(plain));
    out.extend(http_status(plain));
    out.extend(over_limit(plain));
    out.extend(state_target(plain));
    out.extend(down(plain));
    out.extend(event_name(plain));
    out.extend(dump(message));
    out
}

/// `SomeError: …` / `pkg.SomeException: …` as the line's subject: the last
/// line of a traceback, or an error printed as it propagates.
fn exception_print(message: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = fixed(
        &RE,
        r"^\s*(?:[A-Za-z_$][\w$]*\.)*([A-Z]\w*(?:Error|Exception|Fault))(?::|\s*$)",
    );
    let name = re.captures(message)?.get(1)?.as_str().to_ascii_lowercase();
    let class = if name.contains("assert") || name.contains("deadlock") {
        Invariant
    } else if name.contains("memory") || name.contains("heap") {
        Resource
    } else if ["fs", "disk", "storage", "file"]
        .iter()
        .any(|w| name.contains(w))
    {
        Storage
    } else if ["timeout", "connect", "socket", "network", "unavailable"]
        .iter()
        .any(|w| name.contains(w))
    {
        Communication
    } else {
        Crash
    };
    Some(failure(
        class,
        4.0,
        "an exception printed as the line's subject",
    ))
}

/// Exit statuses: 0 is success, 130/143 a requested stop (SIGINT/SIGTERM),
/// 137 a SIGKILL (the OOM killer, mostly), 132–139 other fatal signals,
/// anything else a failure.
fn exit_status(plain: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    static NONZERO: OnceLock<Regex> = OnceLock::new();
    let re = fixed(
        &RE,
        r"(?i)\bexit(?:ed)?(?: with)?(?: exit| return)?\s+(?:code|status|value)\s*[:=]?\s*(-?\d+)\b|\bstatus=(\d+)/|\bWEXITSTATUS\s+(\d+)\b|\bexit\b[^.;]{0,30}\bstatus[=:]\s*(\d+)\b",
    );
    if fixed(
        &NONZERO,
        r"(?i)\b(?:returned|exited with) (?:a )?non-?zero exit",
    )
    .is_match(plain)
    {
        return Some(failure(Service, 4.0, "a non-zero exit status"));
    }
    let c = re.captures(plain)?;
    let code: i64 = (1..=4).find_map(|i| c.get(i))?.as_str().parse().ok()?;
    Some(match code {
        0 => routine(2.5, "exit status 0"),
        130 | 143 => routine(1.5, "exit status of a requested stop"),
        137 => failure(
            Resource,
            4.0,
            "exit status 137: killed (out of memory, mostly)",
        ),
        132..=139 => failure(Crash, 4.0, "exit status of a fatal signal"),
        _ => failure(Service, 4.0, "a non-zero exit status"),
    })
}

/// Signal numbers and names: faults and kills against requested stops.
fn signal(plain: &str) -> Option<Hit> {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static KILL: OnceLock<Regex> = OnceLock::new();
    static STOP: OnceLock<Regex> = OnceLock::new();
    if fixed(&KILL, r"(?i)\bSIGKILL(ed)?\b").is_match(plain) {
        return Some(failure(Crash, 3.0, "SIGKILL"));
    }
    if fixed(
        &STOP,
        r"(?i)\bSIG(TERM|HUP|INT|WINCH|USR1|USR2|QUIT|CHLD)\b",
    )
    .is_match(plain)
    {
        return Some(routine(2.0, "a signal that asks to stop or reload"));
    }
    let re = fixed(&NUM, r"(?i)\b(?:signal|sig)\s*:?\s*(\d+)\b");
    let n: u32 = re.captures(plain)?.get(1)?.as_str().parse().ok()?;
    match n {
        4 | 5 | 6 | 7 | 8 | 11 | 31 => Some(failure(Crash, 4.0, "a fatal signal")),
        9 => Some(failure(Crash, 3.0, "SIGKILL")),
        1 | 2 | 10 | 12 | 15 | 28 => Some(routine(2.0, "a signal that asks to stop or reload")),
        _ => None,
    }
}

/// HTTP status codes: 5xx the server failed, 4xx the client erred, below
/// that the request was served.
fn http_status(plain: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = fixed(
        &RE,
        r#"(?i)"[A-Z]+ [^"]* HTTP/[\d.]+" (\d{3})\b|\bHTTP/[\d.]+"?\s+(\d{3})\b|\b(?:status|status_?code|statuscode|response_?code|http_?code|http_?status)\s*["']?\s*[:=]\s*["']?(\d{3})\b|\b(?:got|returned|received|responded with|answered with)\s+(?:an?\s+)?(?:http\s+)?(?:status\s+)?(?:code\s+)?(\d{3})\b|<--\s*(\d{3})\b|\b(\d{3})\s+(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Not Found|Unauthorized|Forbidden|Too Many Requests|OK|Created|Accepted|No Content|Not Modified|Bad Request)\b"#,
    );
    let c = re.captures(plain)?;
    let code: u32 = (1..=6).find_map(|i| c.get(i))?.as_str().parse().ok()?;
    match code {
        500..=599 => Some(failure(
            Communication,
            4.0,
            "a server-side request failure (5xx)",
        )),
        400..=499 => Some(routine(2.5, "a client error (4xx)")),
        100..=399 => Some(routine(2.5, "a request served")),
        _ => None,
    }
}

/// A measured value beside its limit: `842s (threshold 300s)`,
/// `91% exceeds the limit of 90%`, `disk usage 97%`.
fn over_limit(plain: &str) -> Option<Hit> {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    static INLINE: OnceLock<Regex> = OnceLock::new();
    static USAGE: OnceLock<Regex> = OnceLock::new();
    static COMPARED: OnceLock<Regex> = OnceLock::new();
    let paren = fixed(
        &PAREN,
        r"(?i)(\d+(?:\.\d+)?)\s*([a-z%]*)\s*\(\s*(?:threshold|limit|max(?:imum)?|allowed|budget|slo)\s*(?:is|of)?\s*[:=]?\s*(\d+(?:\.\d+)?)\s*([a-z%]*)\s*\)",
    );
    let inline = fixed(
        &INLINE,
        r"(?i)(\d+(?:\.\d+)?)\s*([a-z%]*)\s+(?:exceeds|exceeded|is above|above|over)\s+(?:the\s+)?(?:threshold|limit|max(?:imum)?)\s*(?:of\s+)?(\d+(?:\.\d+)?)\s*([a-z%]*)",
    );
    // `(1042 > 100)` beside words of a limit.
    let compared = fixed(
        &COMPARED,
        r"(?i)\b(?:exceed\w*|limit|threshold|over|above)\b[^()]{0,40}\(\s*(\d+(?:\.\d+)?)\s*([a-z%]*)\s*>\s*(\d+(?:\.\d+)?)\s*([a-z%]*)\s*\)",
    );
    let usage = fixed(
        &USAGE,
        r"(?i)\b(?:usage|used|utili[sz]ation|full|capacity)\b\D{0,20}?(\d{1,3}(?:\.\d+)?)\s*%",
    );
    for re in [paren, inline, compared] {
        if let Some(c) = re.captures(plain) {
            let (value, unit) = (c[1].parse::<f64>().ok()?, &c[2]);
            let (limit, limit_unit) = (c[3].parse::<f64>().ok()?, &c[4]);
            if !unit.is_empty() && !limit_unit.is_empty() && !unit.eq_ignore_ascii_case(limit_unit)
            {
                return None;
            }
            return Some(if value > limit {
                failure(Resource, 4.0, "a value over its limit")
            } else {
                routine(1.5, "a value within its limit")
            });
        }
    }
    let pct: f64 = usage.captures(plain)?.get(1)?.as_str().parse().ok()?;
    (pct >= 95.0).then(|| failure(Resource, 3.5, "a resource nearly full"))
}

/// The state a transition ends in: `CLOSED -> OPEN`, `changed state to
/// down`, `Entering FAULT STATE`, `is now DOWN`.
fn state_target(plain: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    static ARROW: OnceLock<Regex> = OnceLock::new();
    static CIRCUIT: OnceLock<Regex> = OnceLock::new();
    let re = fixed(
        &RE,
        r"(?i)\bstate\b[^.;]{0,40}?(?:->|→|=>|\bto\b)\s*:?\s*['\x22]?([\w-]+)|\b(?:changed|transition(?:ed|ing)?|moved|went|switched|entering|entered|is in|now in)\s+(?:the\s+)?(?:state\s+)?(?:to\s+)?([\w-]+)\s+state\b|\bis now\s+([\w-]+)",
    );
    // Upper-case states without the word "state": `CLOSED -> OPEN`.
    let arrow = fixed(&ARROW, r"\b[A-Z_]{2,}\s*(?:->|→|=>)\s*([A-Z][A-Z_-]+)\b");
    let c = re.captures(plain).or_else(|| arrow.captures(plain))?;
    let target = (1..=3)
        .find_map(|i| c.get(i))?
        .as_str()
        .to_ascii_lowercase();
    let head = target.split(['_', '-']).next().unwrap_or("");
    let circuit = fixed(&CIRCUIT, r"(?i)\b(circuit|breaker)\b").is_match(plain);
    match head {
        "open" | "tripped" if circuit => {
            Some(failure(Communication, 4.0, "a circuit breaker opened"))
        }
        "closed" if circuit => Some(routine(2.5, "a circuit breaker closed again")),
        "down" | "offline" | "unreachable" | "dead" | "lost" | "isolated" | "suspended" => {
            Some(failure(Liveness, 4.0, "a transition to a down state"))
        }
        "failed" | "failure" | "failing" | "error" | "errored" | "fault" | "faulted"
        | "crashed" | "broken" | "degraded" | "impaired" | "critical" | "unhealthy"
        | "unavailable" | "red" => Some(failure(Service, 4.0, "a transition to a failed state")),
        "up" | "ok" | "healthy" | "online" | "active" | "ready" | "running" | "available"
        | "normal" | "green" | "synced" | "connected" | "established" | "forwarding" | "master"
        | "backup" | "primary" | "secondary" | "leader" | "follower" | "standby" | "enabled"
        | "complete" | "completed" | "succeeded" | "resolved" | "recovered" => {
            Some(routine(2.5, "a transition to a working state"))
        }
        _ => None,
    }
}

/// Words before "down" that make it no state: "shut down", "slow down",
/// "scaled down", "going down for reboot".
const NOT_A_STATE: &[&str] = &[
    "shut",
    "shutting",
    "shuts",
    "slow",
    "slowing",
    "slowed",
    "scale",
    "scaled",
    "scaling",
    "step",
    "stepped",
    "stepping",
    "steps",
    "wind",
    "winding",
    "count",
    "counting",
    "cool",
    "cooling",
    "calm",
    "break",
    "broke",
    "breaking",
    "back",
    "turn",
    "turned",
    "turning",
    "power",
    "powered",
    "powering",
    "bring",
    "bringing",
    "brought",
    "tear",
    "tearing",
    "torn",
    "tone",
    "toned",
    "narrow",
    "narrowed",
    "narrowing",
    "track",
    "tracked",
    "tracking",
    "write",
    "wrote",
    "written",
    "upside",
    "going",
    "go",
    "put",
    "putting",
    "set",
    "setting",
    "pull",
    "pulled",
    "press",
    "pressed",
    "hold",
    "held",
    "holding",
    "settle",
    "settled",
    "ramp",
    "ramped",
    "ramping",
    "scroll",
    "scrolled",
    "cut",
    "cutting",
    "round",
    "rounded",
    "let",
    "knock",
    "knocked",
    "look",
    "looking",
    "push",
    "pushed",
    "pushing",
    "drill",
    "drilled",
    "mark",
    "marking",
    "up",
    "and",
    "or",
    "/",
];

/// Words before "down" that make it a state: "is down", "went down", "peer down".
const STATE_LEAD: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "now",
    "went",
    "gone",
    "goes",
    "marked",
    "as",
    "to",
    "state",
    "be",
    "being",
    "been",
    "remains",
    "still",
    "detected",
    "peer",
    "node",
    "host",
    "link",
    "interface",
    "port",
    "member",
    "replica",
    "backend",
    "server",
    "neighbor",
    "neighbour",
    "path",
    "tunnel",
    "instance",
    "broker",
    "endpoint",
    "target",
    "gateway",
    "service",
    "cluster",
    "site",
    "protocol",
    "carrier",
    "adjacency",
    "session",
    "status",
    "unit",
];

/// A peer, node or link reported down.
fn down(plain: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = fixed(&RE, r"(?i)\bdown\b");
    for m in re.find_iter(plain) {
        let before = plain[..m.start()].trim_end();
        let punct = before.ends_with([':', '=', '-']);
        // The word before, skipping adverbs ("definitely down").
        let prev = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[')
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase()
            })
            .find(|w| !(w.ends_with("ly") || w == "now" || w == "still" || w == "already"))
            .unwrap_or_default();
        let next = plain[m.end()..].trim_start().to_ascii_lowercase();
        let planned = [
            "for maintenance",
            "for reboot",
            "for upgrade",
            "for service",
            "for the",
        ];
        if NOT_A_STATE.contains(&prev.as_str())
            || planned.iter().any(|w| next.starts_with(w))
            || ["to ", "from ", "by "].iter().any(|w| next.starts_with(w))
        {
            continue;
        }
        let capital = m.as_str() != "down";
        // `ifOperStatus down(2)`, `link_state down`
        let field = prev.ends_with("status") || prev.ends_with("state");
        if capital || punct || field || STATE_LEAD.contains(&prev.as_str()) {
            return Some(failure(Liveness, 4.0, "reported down"));
        }
    }
    None
}

/// Event names in upper case (`BGP_CONNECT_FAILED`, `HEALTH_ERR`, a
/// `%FAC-3-MNEMONIC`) that say what happened.
fn event_name(plain: &str) -> Option<Hit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = fixed(
        &RE,
        r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|%[A-Z0-9_]+-[0-7]-([A-Z0-9_]+):",
    );
    const BAD: &[&str] = &[
        "DOWN",
        "FAIL",
        "FAILED",
        "FAILURE",
        "ERR",
        "ERROR",
        "CRASH",
        "CRASHED",
        "TIMEOUT",
        "LOST",
        "UNREACHABLE",
        "ABORT",
        "ABORTED",
        "PANIC",
        "FATAL",
        "DEAD",
        "OFFLINE",
        "FAULT",
        "OOM",
        "CRIT",
        "CRITICAL",
        "CORRUPT",
        "CORRUPTION",
        "DEGRADED",
    ];
    const GOOD: &[&str] = &[
        "UP",
        "OK",
        "SUCCESS",
        "ONLINE",
        "RESTORED",
        "CLEAR",
        "CLEARED",
        "RECOVERED",
    ];
    for c in re.captures_iter(plain) {
        let name = c
            .get(1)
            .unwrap_or_else(|| c.get(0).expect("whole match"))
            .as_str();
        let parts: Vec<&str> = name.split('_').collect();
        let bad = parts.iter().any(|p| {
            BAD.contains(p) || (p.len() > 6 && BAD.iter().any(|b| b.len() >= 4 && p.ends_with(b)))
        });
        let good = parts.iter().any(|p| GOOD.contains(p));
        match (bad, good) {
            (true, false) => {
                return Some(failure(Other, 3.0, "an event name that reports a failure"))
            }
            (false, true) => return Some(routine(1.5, "an event name that reports a recovery")),
            _ => {}
        }
    }
    None
}

/// Register dumps and dotted-leader field lists: the details printed after
/// a fault, not the fault itself.
fn dump(message: &str) -> Option<Hit> {
    static LEADERS: OnceLock<Regex> = OnceLock::new();
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let m = message.trim();
    let leaders = fixed(&LEADERS, r"\.{4,}");
    let labelled = fixed(
        &LABELLED,
        r"(?i)^[a-z][\w ()/-]{0,40}:\s*(?:0x)?[0-9a-f]{8,}$|\bregisters?:$",
    );
    let pair = fixed(&PAIR, r"(?i)\b\w+[=:](?:0x)?[0-9a-f]{4,}\b");
    let tokens = m.split_whitespace().count().max(1);
    let pairs = pair.find_iter(m).count();
    let is_dump =
        leaders.is_match(m) || labelled.is_match(m) || (pairs >= 3 && pairs * 2 >= tokens);
    is_dump.then_some(Hit {
        weight: -3.0,
        class: None,
        yields: false,
        specific: true,
        why: "a diagnostic dump that accompanies an event",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(m: &str) -> f64 {
        hits(m, m).iter().map(|h| h.weight).sum()
    }

    #[test]
    fn exit_statuses_and_signals() {
        assert!(weight("job nightly finished: exit code 2") >= 4.0);
        assert!(weight("job nightly finished: exit code 0") < 0.0);
        assert!(weight("Main process exited, code=exited, status=1/FAILURE") >= 4.0);
        assert_eq!(
            exit_status("Exit Code:    137").unwrap().class,
            Some(Resource)
        );
        assert_eq!(
            exit_status("Exited with exit code 139.").unwrap().class,
            Some(Crash)
        );
        assert!(weight("worker received signal 15, exiting") < 0.0);
        assert!(weight("child killed by signal 11") >= 4.0);
    }

    #[test]
    fn http_statuses_split_server_from_client() {
        let access = |code| {
            format!("10.0.0.1 - - [14/Mar/2024:06:40:21 +0000] \"POST /api HTTP/1.1\" {code} 157 \"-\" \"curl\"")
        };
        assert!(weight(&access(502)) >= 4.0);
        assert!(weight(&access(404)) < 0.0);
        assert!(weight(&access(200)) < 0.0);
        assert!(weight("upstream answered with 503") >= 4.0);
    }

    #[test]
    fn values_against_limits() {
        assert!(weight("replication lag on replica r2 is 842s (threshold 300s)") >= 4.0);
        assert!(weight("replication lag on replica r2 is 12s (threshold 300s)") < 0.0);
        assert!(
            weight("heap 512MB (limit 1GB)") == 0.0,
            "different units say nothing"
        );
        assert!(weight("disk usage at 97% on /var") > 0.0);
        assert!(weight("Job 7 exceeded memory limit (8912340 > 8388608), being killed") >= 4.0);
        assert_eq!(
            weight("perf: interrupt took too long (2504 > 2500), lowering the rate"),
            0.0
        );
        assert!(weight("disk usage at 63% on /var") == 0.0);
    }

    #[test]
    fn states_and_downs() {
        assert!(weight("circuit breaker payments: state CLOSED -> OPEN") >= 4.0);
        assert!(weight("circuit breaker payments: state HALF_OPEN -> CLOSED") < 0.0);
        assert!(weight("Interface Gi0/1, changed state to down") >= 4.0);
        assert!(weight("Interface Gi0/1, changed state to up") < 0.0);
        assert!(weight("(VI_1) Entering FAULT STATE") >= 4.0);
        assert!(weight("(VI_1) Entering BACKUP STATE") < 0.0);
        assert!(weight("node 10.4.0.13 is now DOWN") >= 4.0);
        assert!(weight("peer 192.0.2.1 Down, hold timer expired") >= 4.0);
        assert!(weight("bond0: link status definitely down for interface eth1") >= 4.0);
        assert_eq!(weight("shutting down the worker pool"), 0.0);
        assert_eq!(weight("scaled down replica set web to 2"), 0.0);
        assert_eq!(weight("The system is going down for reboot NOW!"), 0.0);
    }

    #[test]
    fn event_names_speak() {
        assert!(weight("RPD_BGP_NEIGHBOR_STATE_CHANGED: BGP_CONNECT_FAILED for peer") >= 3.0);
        assert!(weight("%SYS-2-MALLOCFAIL: Memory allocation of 65536 bytes failed") >= 3.0);
        assert!(weight("cluster status HEALTH_OK") < 0.0);
        assert_eq!(weight("Resending TERMINATE_JOB request JobId=482260"), 0.0);
    }

    #[test]
    fn dumps_are_told_apart_from_events() {
        assert!(dump("machine check enable..............0").is_some());
        assert!(dump("instruction address: 0x00004ed8").is_some());
        assert!(dump("r24=0x00000000 r25=0x00000001 r26=0x1eb0c5b0 r27=0x00000000").is_some());
        assert!(dump("python3[22871]: segfault at 0 ip 00007f3a1c2b4e10 sp 00007ffd5e9a1b28 error 4 in libc-2.31.so").is_none());
        assert!(exception_print("AssertionError: expected 200, got 503")
            .is_some_and(|h| h.class == Some(Invariant)));
        assert!(
            exception_print("java.lang.OutOfMemoryError: Java heap space")
                .is_some_and(|h| h.class == Some(Resource))
        );
        assert!(exception_print("DeprecationWarning: use foo").is_none());
    }
}
