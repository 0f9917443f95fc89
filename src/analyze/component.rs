//! Which component a line comes from and what it is about, from the header
//! fields when there are some, else from common message shapes: a
//! `program[pid]:` prefix, an Android tag, a Kubernetes event's source, a
//! logger name; a device (`/dev/sda`, `sdc`, `eth0`), a peer or node named
//! after "server", "node", "peer"…, a systemd unit, a killed process.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Component {
    /// The program or subsystem that logged it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// The device, peer, unit or process the line is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Component {
    /// "smartd, about /dev/sda", or None when nothing was found.
    pub fn describe(&self) -> Option<String> {
        match (&self.program, &self.subject) {
            (Some(p), Some(s)) if p != s => Some(format!("{p}, about {s}")),
            (Some(p), _) => Some(p.clone()),
            (None, Some(s)) => Some(format!("about {s}")),
            (None, None) => None,
        }
    }
}

fn first(res: &'static OnceLock<Vec<Regex>>, sources: &[&str], text: &str) -> Option<String> {
    let res = res.get_or_init(|| {
        sources
            .iter()
            .map(|s| Regex::new(s).expect("a fixed regex"))
            .collect()
    });
    res.iter()
        .find_map(|re| re.captures(text).and_then(|c| c.get(1)))
        .map(|m| m.as_str().trim_end_matches([':', ',']).to_string())
}

fn program(message: &str) -> Option<String> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let found = first(
        &RES,
        &[
            // Android: `03-14 06:51:03.441  1422  1460 E ActivityManager: ANR`
            r"^\d\d-\d\d \S+\s+\d+\s+\d+\s+[VDIWEF]\s+([^\s:]+)\s*:",
            // syslog: `Mar 14 03:12:55 host prog[pid]: msg`
            r"^[A-Z][a-z]{2}\s+\d+\s+[\d:]+\s+\S+\s+([\w./-]+?)(?:\[\d+\])?:\s",
            // A Kubernetes event row: `Warning  BackOff  3m (x4 over 9m)  kubelet  msg`
            r"^(?:Normal|Warning)\s+\w+\s+\S+(?:\s+\(x\d+ over \S+\))?\s+([\w-]+)\s",
            // Apache: `[core:notice]`
            r"\[(\w+):(?:emerg|alert|crit|error|warn|notice|info|debug)\]",
            // Python logging: `ERROR:app.sync:msg`
            r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):([\w.]+):",
            // A logger after the level: `ERROR 1 --- [main] o.a.c.Foo : msg`, `WARN  c.a.Bar - msg`
            r"\b(?:ERROR|WARN|INFO|DEBUG|FATAL|TRACE)\s+(?:\d+\s+---\s+\[[^\]]*\]\s+)?([a-zA-Z][\w$]*(?:\.[\w$]+){2,})",
            // `prog[pid]: msg`, `prog: msg` (after a kernel timestamp, if any)
            r"^(?:\[\s*\d+\.\d+\]\s*)?([A-Za-z][\w./-]{1,40}?)(?:\[[\w.-]+\])?:\s",
        ],
        message,
    )?;
    // An exception's name or a lone level is no program.
    let lower = found.to_ascii_lowercase();
    let noise = lower.ends_with("error")
        || lower.ends_with("exception")
        || super::severity::Level::parse(&found).is_some();
    (!noise).then_some(found)
}

fn subject(message: &str) -> Option<String> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    static PEER: OnceLock<Regex> = OnceLock::new();
    if let Some(s) = first(
        &RES,
        &[
            r"(/dev/[\w/.-]+)",
            r"(?i)\b(?:device|dev|disk|drive|on)\s*:?\s*\(?((?:sd[a-z]+|hd[a-z]|vd[a-z]|xvd[a-z])\d*|nvme\d+n\d+(?:p\d+)?|md\d+|dm-\d+)\b",
            r"\(((?:sd[a-z]+|vd[a-z])\d*|nvme\d+n\d+(?:p\d+)?|dm-\d+)\)",
            r"\b(eth\d+|en[ops]\w+|wl[op]\w+|wlan\d+|ib\d+|bond\d+|br-\w+)\b",
            r"\b([\w@.-]+\.(?:service|socket|mount|timer))\b",
            r"(?i)\bkilled process \d+ \(([^)]+)\)",
            r"\b([\w.-]+)\[\d+\]:\s+segfault\b",
            r"(?i)\bcontainer\s+([\w.-]+)\s+in pod\b",
            r"(?i)\bfor servlet \[([^\]]+)\]",
        ],
        message,
    ) {
        return Some(s);
    }
    // A peer or node named after its role; plain words ("upstream timed
    // out") are no names.
    let re = PEER.get_or_init(|| {
        Regex::new(r"(?i)\b(?:server|host|node|nodes|peer|neighbou?r|member|replica|upstream|instance|broker|backend|endpoint|sensor|probe|pod|job)\s+([\w.:/@\[\]-]+)")
            .expect("a fixed regex")
    });
    re.captures_iter(message)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().trim_end_matches([':', ',', '.', ']', '[']))
        .find(|s| {
            s.chars()
                .any(|c| c.is_ascii_digit() || ".:-_/@".contains(c) || c.is_ascii_uppercase())
        })
        .map(str::to_string)
}

/// The component of a line with these header `fields` and `message`.
pub fn of(message: &str, fields: &HashMap<String, String>) -> Component {
    let from_header = ["component", "program", "service", "app", "logger"]
        .iter()
        .find_map(|k| fields.get(*k))
        .cloned();
    Component {
        program: from_header.or_else(|| program(message)),
        subject: subject(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(m: &str) -> Component {
        of(m, &HashMap::new())
    }

    #[test]
    fn programs_and_subjects_from_message_shapes() {
        let x =
            c("smartd[903]: Device: /dev/sda [SAT], FAILED SMART self-check. BACK UP DATA NOW!");
        assert_eq!(
            (x.program.as_deref(), x.subject.as_deref()),
            (Some("smartd"), Some("/dev/sda"))
        );
        let x = c("EXT4-fs error (device sda3): ext4_lookup:1837: inode #1311289");
        assert_eq!(x.subject.as_deref(), Some("sda3"));
        let x = c("nfs: server filer01.corp.local not responding, still trying");
        assert_eq!(
            (x.program.as_deref(), x.subject.as_deref()),
            (Some("nfs"), Some("filer01.corp.local"))
        );
        let x = c("03-14 06:51:03.441  1422  1460 E ActivityManager: ANR in com.acme.fit");
        assert_eq!(x.program.as_deref(), Some("ActivityManager"));
        let x = c("Warning  BackOff  3m12s (x41 over 12m)  kubelet  Back-off restarting failed container api");
        assert_eq!(x.program.as_deref(), Some("kubelet"));
        assert_eq!(
            c("systemd[1]: nginx.service: Main process exited")
                .subject
                .as_deref(),
            Some("nginx.service")
        );
        assert_eq!(c("AssertionError: expected 200, got 503").program, None);
        assert_eq!(c("upstream timed out while reading").subject, None);
    }

    #[test]
    fn header_fields_come_first() {
        let fields = HashMap::from([("component".to_string(), "KERNEL".to_string())]);
        assert_eq!(
            of("data storage interrupt", &fields).program.as_deref(),
            Some("KERNEL")
        );
    }
}
