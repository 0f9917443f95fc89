//! The level a line was logged at: from its header when one was split off,
//! else from the message's own first tokens (`ERROR`, `[warn]`, `<info>`,
//! `FATAL:`, `prog: error:`, Android's ` E Tag:`, klog's `E0314`, a
//! Kubernetes event's `Warning`). The author's own judgement of severity:
//! worth something, but less than what the words say, since failures are
//! logged at INFO and routine chatter at ERROR.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

impl Level {
    /// A level name as logs spell it, any case.
    pub fn parse(name: &str) -> Option<Level> {
        let n = name.trim().to_ascii_uppercase();
        Some(match n.as_str() {
            "TRACE" | "DEBUG" | "DBG" | "VERBOSE" | "FINE" | "FINER" | "FINEST" | "D" | "V" => {
                Level::Debug
            }
            "INFO" | "INFORMATION" | "INF" | "NOTICE" | "NOTE" | "LOG" | "SYSTEM" | "STATEMENT"
            | "DETAIL" | "HINT" | "NORMAL" | "I" => Level::Info,
            "WARN" | "WARNING" | "WRN" | "W" => Level::Warn,
            "ERROR" | "ERR" | "E" => Level::Error,
            "FATAL" | "CRIT" | "CRITICAL" | "SEVERE" | "EMERG" | "EMERGENCY" | "ALERT"
            | "PANIC" | "FAILURE" | "F" => Level::Fatal,
            _ => return None,
        })
    }

    /// Log-odds the level adds to a line reading as a failure.
    pub fn weight(self) -> f64 {
        match self {
            Level::Debug => -2.5,
            Level::Info => -0.5,
            Level::Warn => 0.0,
            Level::Error => 1.0,
            Level::Fatal => 1.5,
        }
    }
}

/// The level a message states in its first tokens, and where.
pub fn from_text(message: &str) -> Option<(Level, Range<usize>)> {
    static SHAPES: OnceLock<Vec<Regex>> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        [
            // klog: E0314 12:00:00.000000
            r"^(?P<l>[IWEF])\d{4} \d\d:",
            // Android logcat: 03-14 06:51:03.441  1422  1460 E Tag:
            r"^\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+\s+(?P<l>[VDIWEF])\s",
            // A Kubernetes event row: `Warning  BackOff  3m ...`
            r"^(?P<l>Normal|Warning)\s{2,}\S",
            // Python logging: `WARNING:root:...`
            r"^(?P<l>DEBUG|INFO|WARNING|ERROR|CRITICAL):[\w.]+:",
            // `prog[pid]: error: ...`
            r"^[\w./-]+(?:\[\d+\])?:\s+(?P<l>(?i:error|warning|warn|fatal|info|notice|debug|crit|critical)):",
        ]
        .iter()
        .map(|s| Regex::new(s).expect("a fixed regex"))
        .collect()
    });
    if let Some(found) = numeric(message).or_else(|| structured(message)) {
        return Some(found);
    }
    for re in shapes {
        if let Some(c) = re.captures(message) {
            let m = c.name("l").expect("the level group");
            return Level::parse(m.as_str()).map(|l| (l, m.range()));
        }
    }
    token_level(message)
}

/// Numeric syslog severities (0 emergency … 7 debug): a `<PRI>` prefix
/// (severity = PRI mod 8) or a network OS's `%FACILITY-SEVERITY-MNEMONIC:`.
fn numeric(message: &str) -> Option<(Level, Range<usize>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^<(?P<pri>\d{1,3})>|%[A-Z0-9_]+-(?P<sev>[0-7])-[A-Z0-9_]+:")
            .expect("a fixed regex")
    });
    let c = re.captures(message)?;
    let (m, severity) = match (c.name("pri"), c.name("sev")) {
        (Some(p), _) => (p, p.as_str().parse::<u32>().ok()? % 8),
        (_, Some(s)) => (s, s.as_str().parse::<u32>().ok()?),
        _ => return None,
    };
    let level = match severity {
        0..=2 => Level::Fatal,
        3 => Level::Error,
        4 => Level::Warn,
        5 | 6 => Level::Info,
        _ => Level::Debug,
    };
    Some((level, m.range()))
}

/// A level field of a structured line: `level=error`, `"level":"warn"`,
/// `severity: ERROR`.
fn structured(message: &str) -> Option<(Level, Range<usize>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i)(?:^|[\s{,"'])(?:level|lvl|severity|loglevel|log\.level)["']?\s*[:=]\s*["']?(?P<l>[a-z]+)\b"#)
            .expect("a fixed regex")
    });
    let m = re.captures(message)?.name("l")?;
    Level::parse(m.as_str()).map(|l| (l, m.range()))
}

/// A level word among the first eight tokens: bare upper case (`ERROR`,
/// `FATAL:`), or any case in brackets (`[error]`, `<warning>`,
/// `[core:notice]`, `[Note]`).
fn token_level(message: &str) -> Option<(Level, Range<usize>)> {
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    let re = TOKEN.get_or_init(|| Regex::new(r"\S+").expect("a fixed regex"));
    for m in re.find_iter(message).take(8) {
        let t = m.as_str();
        let bracketed = t.starts_with(['[', '<', '(']);
        let core = t.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != ':');
        // `[core:notice]`: the level follows the module.
        let word = core.rsplit(':').find(|w| !w.is_empty()).unwrap_or("");
        if word.len() < 3 {
            continue;
        }
        let upper = word.chars().all(|c| c.is_ascii_uppercase());
        // A bare upper-case ALERT/NOTE/LOG/SYSTEM is as likely a word of the message.
        let bare_ok = upper
            && !matches!(
                word,
                "ALERT" | "NOTE" | "LOG" | "SYSTEM" | "DETAIL" | "HINT" | "NORMAL" | "FAILURE"
            );
        let statement_ok =
            upper && t.ends_with(':') && matches!(word, "LOG" | "STATEMENT" | "DETAIL" | "HINT");
        if !(bracketed || bare_ok || statement_ok) {
            continue;
        }
        if let Some(l) = Level::parse(word) {
            let start = m.start() + t.find(word).unwrap_or(0);
            return Some((l, start..start + word.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(m: &str) -> Option<Level> {
        from_text(m).map(|(l, _)| l)
    }

    #[test]
    fn levels_in_the_message_itself() {
        assert_eq!(
            level("E0314 06:30:11.004512 1 reflector.go:1] boom"),
            Some(Level::Error)
        );
        assert_eq!(
            level("03-14 06:51:40.002  8812  8812 E AndroidRuntime: FATAL EXCEPTION: main"),
            Some(Level::Error)
        );
        assert_eq!(
            level("Warning  BackOff  3m  kubelet  Back-off"),
            Some(Level::Warn)
        );
        assert_eq!(
            level("DEBUG:app.errors:registered handler"),
            Some(Level::Debug)
        );
        assert_eq!(
            level("slurmctld: error: Nodes cn017 not responding"),
            Some(Level::Error)
        );
        assert_eq!(
            level("[2024-03-14 06:19:33 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:14)"),
            Some(Level::Fatal)
        );
        assert_eq!(
            level("2024-03-14 05:23:10.512 UTC [50402] FATAL:  the database system is in recovery mode"),
            Some(Level::Fatal)
        );
        assert_eq!(
            level("[Thu Mar 14 06:46:31.551203 2024] [core:notice] [pid 1022] AH00052: child pid 1088 exit"),
            Some(Level::Info)
        );
        assert_eq!(level("LOG:  checkpoint starting: time"), Some(Level::Info));
        assert_eq!(
            level("<info>  [1710412345.1122] device (wlp2s0): state change"),
            Some(Level::Info)
        );
        // Upper-case words of the message are no level.
        assert_eq!(
            level("smartd[903]: Device: /dev/sda [SAT], FAILED SMART self-check"),
            None
        );
        assert_eq!(level("Node card status: ALERT 0 is active"), None);
        assert_eq!(level("the answer is 42"), None);
        assert_eq!(
            level("%LINK-3-UPDOWN: Interface Gi0/1, changed state to up"),
            Some(Level::Error)
        );
        assert_eq!(
            level("<30>Mar 14 03:10:01 host cron[921]: job"),
            Some(Level::Info)
        );
    }

    #[test]
    fn the_range_covers_the_level_word() {
        let m = "2024-01-01 00:00:00 [warn] disk at 91%";
        let (l, r) = from_text(m).unwrap();
        assert_eq!((l, &m[r]), (Level::Warn, "warn"));
    }
}
