//! Synthetic logs with the instant of every line known: the header layouts
//! of the 16 Loghub 2k datasets, reproduced from their shape (no real data),
//! and common layouts none of them show. Used by `tests/it/engine_ingest.rs`
//! and `examples/time_layouts.rs`.

#![allow(dead_code)]

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};

/// How a layout writes a line at instant `t` (Unix ns, already cut to the
/// layout's resolution); `i` makes every line unique.
pub type Render = fn(&mut Rng, i64, usize) -> String;

pub struct Layout {
    pub name: &'static str,
    /// Whether the text carries the year (year-less lines are compared on
    /// the rest of the date).
    pub has_year: bool,
    /// The finest unit the layout writes.
    pub resolution_ns: i64,
    /// Times are not in line order (merged from many nodes).
    pub shuffled: bool,
    pub render: Render,
}

/// xorshift64: deterministic, so runs compare like with like.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const S: i64 = 1_000_000_000;
const MS: i64 = 1_000_000;
const US: i64 = 1_000;

/// The civil time `offset_s` east of UTC at `t`.
fn local(t: i64, offset_s: i64) -> NaiveDateTime {
    let t = t + offset_s * S;
    DateTime::<Utc>::from_timestamp(t.div_euclid(S), t.rem_euclid(S) as u32)
        .expect("in range")
        .naive_utc()
}

fn utc(t: i64) -> NaiveDateTime {
    local(t, 0)
}

fn fmt(t: i64, f: &str) -> String {
    utc(t).format(f).to_string()
}

fn offset_text(offset_s: i64, colon: bool) -> String {
    let sign = if offset_s < 0 { '-' } else { '+' };
    let (h, m) = (offset_s.abs() / 3600, offset_s.abs() / 60 % 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

const LEVELS: &[&str] = &["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"];
const WORDS: &[&str] = &[
    "connection",
    "accepted",
    "closed",
    "request",
    "served",
    "cache",
    "miss",
    "retrying",
    "timeout",
    "session",
    "opened",
    "block",
    "replicated",
];

fn words(r: &mut Rng, i: usize) -> String {
    let n = 2 + r.below(5) as usize;
    let mut s: Vec<&str> = (0..n).map(|_| r.pick(WORDS)).collect();
    s.push("id");
    format!("{} {i}", s.join(" "))
}

/// The 16 Loghub 2k header layouts.
pub fn loghub() -> Vec<Layout> {
    vec![
        Layout {
            name: "Android",
            has_year: false,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                let lvl = r.pick(&["D", "I", "V", "W", "E"]);
                format!(
                    "{}  {:>5} {:>5} {lvl} WindowManager: {}",
                    fmt(t, "%m-%d %H:%M:%S%.3f"),
                    1000 + r.below(3000),
                    1000 + r.below(9000),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Apache",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                let lvl = r.pick(&["notice", "error", "warn"]);
                format!(
                    "[{}] [{lvl}] {}",
                    fmt(t, "%a %b %d %H:%M:%S %Y"),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "BGL",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            // The epoch is the instant; the texts are local time (UTC-7).
            render: |r, t, i| {
                let node = format!(
                    "R{:02}-M{}-N{}-C:J{:02}-U11",
                    r.below(64),
                    r.below(2),
                    r.below(16),
                    r.below(18)
                );
                let lt = local(t + r.below(1_000_000) as i64 * US, -7 * 3600);
                format!(
                    "{} {} {} {node} {} {node} RAS KERNEL {} {}",
                    r.pick(&["-", "-", "-", "KERNDTLB", "APPREAD"]),
                    t / S,
                    lt.format("%Y.%m.%d"),
                    lt.format("%Y-%m-%d-%H.%M.%S%.6f"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "HDFS",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} INFO dfs.DataNode$PacketResponder: {}",
                    fmt(t, "%y%m%d %H%M%S"),
                    r.below(300),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "HPC",
            has_year: true,
            resolution_ns: S,
            shuffled: true,
            // The first column counts lines; the epoch is the fifth.
            render: |r, t, i| {
                format!(
                    "{} node-{} {} {} {} 1 {}",
                    130_000 + i,
                    r.below(400),
                    r.pick(&["unix.hw", "action", "node"]),
                    r.pick(&["state_change.unavailable", "boot", "halt"]),
                    t / S,
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Hadoop",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: {}",
                    fmt(t, "%Y-%m-%d %H:%M:%S,%3f"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "HealthApp",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{}|Step_LSC|{}|onStandStepChanged {} {i}",
                    fmt(t, "%Y%m%d-%H:%M:%S:%3f"),
                    30_000_000 + r.below(9_999),
                    r.below(5000)
                )
            },
        },
        Layout {
            name: "Linux",
            has_year: false,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} combo sshd(pam_unix)[{}]: {}",
                    fmt(t, "%b %e %H:%M:%S"),
                    r.below(30_000),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Mac",
            has_year: false,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} calvisitor-10-105-160-95 kernel[0]: {}",
                    fmt(t, "%b %e %H:%M:%S"),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "OpenSSH",
            has_year: false,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} LabSZ sshd[{}]: Failed password for invalid user {} from 10.0.{}.{} port {} ssh2 {i}",
                    fmt(t, "%b %e %H:%M:%S"),
                    r.below(30_000),
                    r.pick(&["admin", "test", "oracle"]),
                    r.below(256),
                    r.below(256),
                    1024 + r.below(60_000)
                )
            },
        },
        Layout {
            name: "OpenStack",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            // A rotated file's name carries its own, later, date.
            render: |r, t, i| {
                let file = fmt(
                    t / (6 * 3600 * S) * (6 * 3600 * S) + 13 * 3600 * S,
                    "%Y-%m-%d_%H:%M:%S",
                );
                format!(
                    "nova-api.log.1.{file} {} {} INFO nova.osapi_compute.wsgi.server [req-{:08x} - - -] 10.11.10.1 \"GET /v2/servers/detail HTTP/1.1\" status: 200 len: 1893 time: 0.{} {i}",
                    fmt(t, "%Y-%m-%d %H:%M:%S%.3f"),
                    20_000 + r.below(9_999),
                    r.next() as u32,
                    r.below(9_999_999)
                )
            },
        },
        Layout {
            name: "Proxifier",
            has_year: false,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "[{}] chrome.exe - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS {} {i}",
                    fmt(t, "%m.%d %H:%M:%S"),
                    r.pick(&["open", "close"])
                )
            },
        },
        Layout {
            name: "Spark",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} executor.CoarseGrainedExecutorBackend: {}",
                    fmt(t, "%y/%m/%d %H:%M:%S"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Thunderbird",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            // The epoch is the instant, between a date and a local syslog time (UTC-8).
            render: |r, t, i| {
                let host = format!("dn{}", r.below(999));
                let lt = local(t, -8 * 3600);
                format!(
                    "{} {} {} {host} {} {host}/{host} crond(pam_unix)[{}]: {}",
                    r.pick(&["-", "-", "VAPI"]),
                    t / S,
                    lt.format("%Y.%m.%d"),
                    lt.format("%b %-d %H:%M:%S"),
                    r.below(30_000),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Windows",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{}, {}                  CBS    Loaded Servicing Stack v6.1.7601.{} with Core: C:\\Windows\\winsxs\\cbscore.dll {i}",
                    fmt(t, "%Y-%m-%d %H:%M:%S"),
                    r.pick(&["Info", "Info", "Warning"]),
                    r.below(30_000)
                )
            },
        },
        Layout {
            name: "Zookeeper",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} - {}  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - {}",
                    fmt(t, "%Y-%m-%d %H:%M:%S,%3f"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
    ]
}

/// Common layouts none of the Loghub samples show.
pub fn others() -> Vec<Layout> {
    vec![
        Layout {
            name: "RFC 5424 syslog, zone offsets",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                let off = [3600, -5 * 3600, 19_800, 0][r.below(4) as usize];
                let zone = if off == 0 {
                    "Z".to_string()
                } else {
                    offset_text(off, true)
                };
                format!(
                    "<{}>1 {}{zone} web{} app {} ID47 - {}",
                    r.below(191),
                    local(t, off).format("%Y-%m-%dT%H:%M:%S%.3f"),
                    r.below(9),
                    r.below(30_000),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "US date, 12-hour clock",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} {}",
                    fmt(t, "%m/%d/%Y %I:%M:%S %p"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "common log format",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "10.0.{}.{} - {} [{} {}] \"GET /api/{i} HTTP/1.1\" {} {}",
                    r.below(256),
                    r.below(256),
                    r.pick(&["-", "frank", "-"]),
                    local(t, 3600).format("%d/%b/%Y:%H:%M:%S"),
                    offset_text(3600, false),
                    r.pick(&["200", "404", "500"]),
                    r.below(10_000)
                )
            },
        },
        Layout {
            name: "month name, comma, year",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} {}",
                    fmt(t, "%b %d, %Y %H:%M:%S%.3f"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "Go log",
            has_year: true,
            resolution_ns: US,
            shuffled: false,
            render: |r, t, i| format!("{} {}", fmt(t, "%Y/%m/%d %H:%M:%S%.6f"), words(r, i)),
        },
        Layout {
            name: "ISO 8601, µs, Z",
            has_year: true,
            resolution_ns: US,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{} {} {}",
                    fmt(t, "%Y-%m-%dT%H:%M:%S%.6fZ"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "ISO 8601, ns, +05:30",
            has_year: true,
            resolution_ns: 1,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{}+05:30 {} {}",
                    local(t, 19_800).format("%Y-%m-%dT%H:%M:%S%.9f"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "epoch ms column",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| format!("{} {} {}", t / MS, r.pick(LEVELS), words(r, i)),
        },
        Layout {
            name: "epoch µs, third column",
            has_year: true,
            resolution_ns: US,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "worker-{} {} {} {}",
                    r.below(8),
                    r.pick(LEVELS),
                    t / US,
                    words(r, i)
                )
            },
        },
        Layout {
            name: "epoch ns column",
            has_year: true,
            resolution_ns: 1,
            shuffled: false,
            render: |r, t, i| format!("{} {}", t, words(r, i)),
        },
        Layout {
            name: "klog",
            has_year: false,
            resolution_ns: US,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    "{}{}    {} main.go:{}] {}",
                    r.pick(&["I", "I", "W", "E"]),
                    fmt(t, "%m%d %H:%M:%S%.6f"),
                    r.below(99),
                    r.below(500),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "JSON, float epoch ts",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                let ts = format!("{}.{:03}", t / S, t % S / MS);
                let msg = words(r, i);
                if r.below(2) == 0 {
                    format!(r#"{{"ts":{ts},"level":"info","msg":"{msg}"}}"#)
                } else {
                    format!(r#"{{"level":"warn","msg":"{msg}","ts":{ts}}}"#)
                }
            },
        },
        Layout {
            name: "JSON, @timestamp",
            has_year: true,
            resolution_ns: MS,
            shuffled: false,
            render: |r, t, i| {
                format!(
                    r#"{{"@timestamp":"{}","log.level":"{}","message":"{}"}}"#,
                    fmt(t, "%Y-%m-%dT%H:%M:%S%.3fZ"),
                    r.pick(LEVELS),
                    words(r, i)
                )
            },
        },
        Layout {
            name: "logfmt time=",
            has_year: true,
            resolution_ns: S,
            shuffled: false,
            render: |r, t, i| {
                let time = fmt(t, "%Y-%m-%dT%H:%M:%SZ");
                let msg = words(r, i);
                if r.below(2) == 0 {
                    format!(r#"time={time} level=info msg="{msg}""#)
                } else {
                    format!(r#"level=warn msg="{msg}" time={time}"#)
                }
            },
        },
    ]
}

/// A generated file: its text and every line with its instant.
pub struct Generated {
    pub text: String,
    pub lines: Vec<(String, i64)>,
}

/// `n` lines from `start` (Unix ns), a few seconds to minutes apart, so a
/// sample crosses midnight.
pub fn generate(layout: &Layout, n: usize, start: i64, seed: u64) -> Generated {
    let mut r = Rng(seed | 1);
    let mut t = start;
    let mut text = String::new();
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        t += (r.below(180) as i64) * S + r.below(1_000_000_000) as i64;
        let mut at = t;
        if layout.shuffled {
            at += (r.below(7200) as i64 - 3600) * S;
        }
        let at = at - at.rem_euclid(layout.resolution_ns);
        let line = (layout.render)(&mut r, at, i);
        text.push_str(&line);
        text.push('\n');
        lines.push((line, at));
    }
    Generated { text, lines }
}

/// How many lines an ingestion read: (within a minute, exactly), of all.
/// Year-less layouts are compared with the year taken from the truth.
pub fn share_read(
    layout: &Layout,
    generated: &Generated,
    stored: &HashMap<String, i64>,
) -> (f64, f64) {
    let (mut near, mut exact) = (0usize, 0usize);
    for (line, truth) in &generated.lines {
        let Some(&got) = stored.get(line) else {
            continue;
        };
        let got = if layout.has_year {
            got
        } else {
            with_year_of(got, *truth)
        };
        near += usize::from((got - truth).abs() <= 60 * S);
        exact += usize::from(got == *truth);
    }
    let n = generated.lines.len() as f64;
    (near as f64 / n, exact as f64 / n)
}

fn with_year_of(t: i64, truth: i64) -> i64 {
    let year = utc(truth).year();
    match utc(t).with_year(year) {
        Some(d) => d.and_utc().timestamp_nanos_opt().unwrap_or(t),
        None => t,
    }
}
