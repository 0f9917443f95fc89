//! Scoring timestamp inference against files whose times are known: the
//! output of `eval/timestamps/gen_layouts.py` (a directory of `SLUG.log`
//! and one `manifest.json`). Each file is ingested as plain text through
//! the engine's real path; an event counts when its entry's time is within
//! a minute of the written one (year-less layouts take the year from the
//! truth). Used by `tests/it/engine_ingest.rs` and
//! `examples/timestamp_layouts.rs`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use askloki::engine::ingest::{ingest_files, IngestOptions};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};

const S: i64 = 1_000_000_000;

/// One layout of the manifest.
#[derive(Debug, serde::Deserialize)]
pub struct Truth {
    pub slug: String,
    pub name: String,
    pub has_year: bool,
    pub lines_per_event: usize,
    /// The text has a time of day and no date: the date comes from the
    /// file's modification time, set here just after the last event.
    #[serde(default = "yes")]
    pub has_date: bool,
    /// The file cannot tell day from month (all on one date, day <= 12).
    pub order_open: bool,
    /// The zone is an abbreviation several zones share (IST): reading it as
    /// UTC passes only if ingestion says so.
    #[serde(default)]
    pub zone_open: bool,
    pub times_ns: Vec<i64>,
}

/// How one layout was read.
#[derive(Debug)]
pub struct Score {
    pub events: usize,
    /// Events whose time is within a minute of the written one.
    pub near: usize,
    /// Events whose time is the written one.
    pub exact: usize,
    /// The chosen format as the ingestion report names it.
    pub format: String,
    /// The report warned that the lines do not tell day from month.
    pub warned_order: bool,
    /// The report warned that a zone name is ambiguous.
    pub warned_zone: bool,
    /// The report warned that a region is missing from the system's time
    /// zone database (a machine without tzdata).
    pub warned_no_tz_database: bool,
}

fn yes() -> bool {
    true
}

impl Score {
    pub fn near_share(&self) -> f64 {
        self.near as f64 / self.events.max(1) as f64
    }
    pub fn exact_share(&self) -> f64 {
        self.exact as f64 / self.events.max(1) as f64
    }
}

pub fn manifest(dir: &Path) -> Vec<Truth> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest.json");
    serde_json::from_str(&text).expect("manifest.json is a list of layouts")
}

/// Ingest `dir/SLUG.log` with default options and score it.
pub fn score(dir: &Path, truth: &Truth) -> Score {
    let mut path = dir.join(format!("{}.log", truth.slug));
    let text = std::fs::read_to_string(&path).expect("layout file");
    if !truth.has_date {
        path = copy_written_after_last_event(&path, truth);
    }
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).expect("ingest");
    // An entry by its first line (lines carry a counter, so are unique).
    let mut stored: HashMap<&str, i64> = HashMap::new();
    for s in store.streams() {
        for i in 0..s.len() {
            let first = s.line(i).split('\n').next().unwrap_or_default();
            stored.insert(first, s.timestamps()[i]);
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let (mut near, mut exact) = (0, 0);
    for (k, &want) in truth.times_ns.iter().enumerate() {
        let Some(&got) = lines
            .get(k * truth.lines_per_event)
            .and_then(|l| stored.get(l))
        else {
            continue;
        };
        let got = if truth.has_year {
            got
        } else {
            nearest_with_year_of(got, want)
        };
        near += usize::from((got - want).abs() <= 60 * S);
        exact += usize::from(got == want);
    }
    let warned_order = report
        .warnings
        .iter()
        .any(|w| w.contains("do not tell day from month"));
    let warned_zone = report
        .warnings
        .iter()
        .any(|w| w.contains("names several zones"));
    let warned_no_tz_database = report
        .warnings
        .iter()
        .any(|w| w.contains("not in this system's time zone database"));
    let format = report.timestamp_format.unwrap_or_else(|| "none".into());
    Score {
        events: truth.times_ns.len(),
        near,
        exact,
        format: format.split(" (read").next().unwrap_or(&format).to_string(),
        warned_order,
        warned_zone,
        warned_no_tz_database,
    }
}

/// Whether this machine has an IANA time zone database where ingestion
/// looks for one.
pub fn has_tz_database() -> bool {
    std::env::var_os("TZDIR").is_some()
        || [
            "/usr/share/zoneinfo",
            "/usr/lib/zoneinfo",
            "/usr/share/lib/zoneinfo",
        ]
        .iter()
        .any(|d| std::path::Path::new(d).join("UTC").exists())
}

/// A copy of a date-less layout file whose modification time is a second
/// after its last event, as a log being written has (checkouts and copies
/// do not keep the generator's).
fn copy_written_after_last_event(path: &Path, truth: &Truth) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("askloki-time-truth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let copy = dir.join(format!("{}.log", truth.slug));
    std::fs::copy(path, &copy).expect("copy layout file");
    let last = truth.times_ns.last().copied().unwrap_or(0).div_euclid(S) + 1;
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(last.max(0) as u64);
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .and_then(|f| f.set_modified(at))
        .expect("set modification time");
    copy
}

fn civil(t: i64) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(t.div_euclid(S), t.rem_euclid(S) as u32)
        .unwrap_or_default()
        .naive_utc()
}

/// `t` moved to the truth's year, or the year either side (an event just
/// across New Year), whichever lands closest.
fn nearest_with_year_of(t: i64, truth: i64) -> i64 {
    let year = civil(truth).year();
    (year - 1..=year + 1)
        .filter_map(|y| civil(t).with_year(y))
        .filter_map(|d| d.and_utc().timestamp_nanos_opt())
        .min_by_key(|&c| (c - truth).abs())
        .unwrap_or(t)
}
