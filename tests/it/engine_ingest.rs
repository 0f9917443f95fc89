//! Ingestion: push bodies, JSON lines of them, plain text with detected
//! timestamps, gzip, and everything odd about real files reported.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use askloki::engine::ingest::{
    ingest_files, parse_labels, IngestError, IngestOptions, InputFormat,
};
use askloki::engine::Store;

use crate::support::{layouts, time_truth};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("askloki-ingest-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn push_body_with_structured_metadata() {
    let dir = TempDir::new("push");
    let body = r#"{"streams":[{"stream":{"app":"a"},"values":[["2","two",{"trace":"t1"}],["1","one"],["1","one"]]},{"stream":{"app":"b"},"values":[["3","three"]]}]}"#;
    let path = dir.file("push.json", body.as_bytes());
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert_eq!(report.format, Some(InputFormat::PushBody));
    assert_eq!(
        report.duplicates_dropped, 1,
        "Loki keeps one copy of an identical entry"
    );
    assert_eq!(report.out_of_order_streams, 1);
    assert_eq!(store.streams().len(), 2);
    let a = &store.streams()[0];
    assert_eq!(a.timestamps(), &[1, 2]);
    assert_eq!(a.metadata(1), vec![("trace".to_string(), "t1".to_string())]);
}

#[test]
fn json_lines_of_push_bodies_and_errors_name_the_line() {
    let dir = TempDir::new("jsonl");
    let good = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"x\"]]}]}\n{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"2\",\"y\"]]}]}\n";
    let path = dir.file("bodies.jsonl", good.as_bytes());
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert_eq!(report.format, Some(InputFormat::PushLines));
    assert_eq!(store.entry_count(), 2);

    let bad = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"x\"]]}]}\n{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"soon\",\"y\"]]}]}\n";
    let path = dir.file("bad.jsonl", bad.as_bytes());
    let err = ingest_files(&[path], &IngestOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("Unix nanoseconds"),
        "{err}"
    );
}

#[test]
fn json_application_logs_are_plain_text() {
    let dir = TempDir::new("applog");
    let path = dir.file(
        "app.log",
        b"{\"ts\":\"2024-05-01T10:00:00Z\",\"msg\":\"a\"}\n{\"ts\":\"2024-05-01T10:00:01Z\",\"msg\":\"b\"}\n",
    );
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert_eq!(report.format, Some(InputFormat::PlainText));
    assert_eq!(store.entry_count(), 2);
}

#[test]
fn plain_text_timestamps_crlf_invalid_utf8_continuations() {
    let dir = TempDir::new("text");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"2024-05-01T10:00:00Z start\r\n");
    bytes.extend_from_slice(b"2024-05-01T10:00:02Z boom\r\n");
    bytes.extend_from_slice(b"  at frame one\r\n");
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(b"2024-05-01T10:00:01Z bad \xff byte\n");
    let path = dir.file("app.log", &bytes);
    let opts = IngestOptions {
        labels: Some(parse_labels(r#"{app="x"}"#).unwrap()),
        ..IngestOptions::default()
    };
    let (store, report) = ingest_files(std::slice::from_ref(&path), &opts).unwrap();
    assert_eq!(report.crlf_lines, 4);
    assert_eq!(report.invalid_utf8_lines, 1);
    assert_eq!(report.empty_lines_skipped, 1);
    assert_eq!(report.joined_lines, 1);
    assert_eq!(report.lines_without_timestamp, 0);
    let format = report.timestamp_format.as_deref().unwrap();
    assert!(
        format.starts_with("yyyy-MM-dd'T'HH:mm:ssZ at the start of the line"),
        "{format}"
    );
    let s = &store.streams()[0];
    assert_eq!(s.labels.get("app"), Some("x"));
    let t0 = 1_714_557_600_000_000_000_i64; // 2024-05-01T10:00:00Z
    let s_ns = 1_000_000_000;
    assert_eq!(s.timestamps(), &[t0, t0 + s_ns, t0 + 2 * s_ns]);
    assert_eq!(s.line(1), "2024-05-01T10:00:01Z bad \u{fffd} byte");
    // The continuation joins the entry it continues, without its CR.
    assert_eq!(s.line(2), "2024-05-01T10:00:02Z boom\n  at frame one");
    let text = report.to_string();
    assert!(text.contains("1 lines had invalid UTF-8"), "{text}");
    assert!(text.contains("1 continuation lines"), "{text}");

    // Without multi-line entries the continuation is its own entry, with
    // the time of the line before it.
    let opts = IngestOptions {
        multiline: false,
        ..opts
    };
    let (store, report) = ingest_files(&[path], &opts).unwrap();
    assert_eq!(
        (report.joined_lines, report.lines_without_timestamp),
        (0, 1)
    );
    let s = &store.streams()[0];
    assert_eq!(
        s.timestamps(),
        &[t0, t0 + s_ns, t0 + 2 * s_ns, t0 + 2 * s_ns]
    );
    assert_eq!(s.line(3), "  at frame one");
}

#[test]
fn no_timestamps_means_file_order_with_a_warning() {
    let dir = TempDir::new("order");
    let path = dir.file("plain.log", b"alpha\nbeta\ngamma\n");
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert!(report.ingestion_order);
    assert!(report.warnings[0].contains("no timestamp format recognised"));
    let s = &store.streams()[0];
    assert_eq!(s.labels.get("filename"), Some("plain.log"));
    let ts = s.timestamps();
    assert_eq!(ts[1] - ts[0], 1_000_000);
    assert_eq!(s.line(2), "gamma");
}

#[test]
fn gzip_and_long_lines() {
    let dir = TempDir::new("gzip");
    let long = "x".repeat(300 * 1024);
    let text = format!("2024-05-01T10:00:00Z short\n2024-05-01T10:00:01Z {long}\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    let path = dir.file("app.log.gz", &gz.finish().unwrap());
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert!(report.gzip);
    assert_eq!(report.long_lines, 1);
    assert_eq!(
        store.streams()[0].line(1).len(),
        21 + long.len(),
        "long lines are kept whole"
    );
}

#[test]
fn labels_option_must_be_equality_matchers() {
    assert!(parse_labels(r#"{app="x", host="h"}"#).is_ok());
    let err = parse_labels(r#"{app=~"x"}"#).unwrap_err().to_string();
    assert!(err.contains("app must use ="), "{err}");
    assert!(parse_labels("app=x").is_err());
}

/// Every entry's text and time.
fn entries(store: &Store) -> HashMap<String, i64> {
    let s = &store.streams()[0];
    (0..s.len())
        .map(|i| (s.line(i).to_string(), s.timestamps()[i]))
        .collect()
}

/// 2026-12-05T18:00:00Z: generated logs run into the next days.
const LAYOUT_START_NS: i64 = 1_796_493_600_000_000_000;

#[test]
fn every_layout_is_read_to_the_second() {
    let dir = TempDir::new("layouts");
    let mut failures = Vec::new();
    let all: Vec<layouts::Layout> = layouts::loghub()
        .into_iter()
        .chain(layouts::others())
        .collect();
    assert_eq!(all.len(), 30);
    for (k, layout) in all.iter().enumerate() {
        let generated = layouts::generate(layout, 1500, LAYOUT_START_NS, 7 + k as u64);
        let path = dir.file(&format!("layout-{k}.log"), generated.text.as_bytes());
        let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
        let (near, exact) = layouts::share_read(layout, &generated, &entries(&store));
        // Every line is an event of its own, and exact where it has seconds.
        if store.entry_count() != 1500 || near < 0.95 || exact < 0.95 {
            failures.push(format!(
                "{}: {} entries, {near:.3} within a minute, {exact:.3} exact; {:?}",
                layout.name,
                store.entry_count(),
                report.timestamp_format
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The layouts of `eval/timestamps/gen_layouts.py` (its output with 60
/// lines, committed): 95% of each file's events within a minute of the
/// written time, or, where the file cannot tell day from month, a warning
/// that says so.
#[test]
fn generated_timestamp_layouts_are_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/timestamps");
    let manifest = time_truth::manifest(&dir);
    assert!(manifest.len() >= 30, "{} layouts", manifest.len());
    let mut failures = Vec::new();
    let mut open = 0;
    for truth in &manifest {
        let s = time_truth::score(&dir, truth);
        open += usize::from(truth.order_open);
        // Region names need the system's time zone database; without one
        // they must be reported, not guessed.
        let excused = (truth.order_open && s.warned_order)
            || (truth.zone_open && s.warned_zone)
            || (s.warned_no_tz_database && !time_truth::has_tz_database());
        if s.near_share() < 0.95 && !excused {
            failures.push(format!(
                "{}: {:.3} within a minute ({}, order open: {})",
                truth.name,
                s.near_share(),
                s.format,
                truth.order_open
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Most files settle the order themselves; the excuse stays rare.
    assert!(
        open * 5 < manifest.len(),
        "{open} files leave the order open"
    );
}

fn set_mtime(path: &std::path::Path, unix_s: u64) {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix_s);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(at))
        .unwrap();
}

#[test]
fn time_of_day_lines_are_dated_from_the_modification_time_and_roll_over() {
    let dir = TempDir::new("time-only");
    let text = "23:59:58.250 [main] INFO a 1\n\
                00:00:01.500 [main] INFO b 2\n\
                23:59:59.900 [late] INFO c 3\n\
                00:10:00.000 [main] INFO d 4\n";
    let path = dir.file("app.log", text.as_bytes());
    // Written at 2026-03-10T00:10:30Z = 1773101430.
    set_mtime(&path, 1_773_101_430);
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    let format = report.timestamp_format.unwrap();
    assert!(
        format.starts_with("HH:mm:ss.SSS at the start of the line"),
        "{format}"
    );
    assert!(format.contains("2026-03-09 to 2026-03-10"), "{format}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("time of day but no date")),
        "{:?}",
        report.warnings
    );
    let at = |line: &str| {
        let s = &store.streams()[0];
        (0..s.len())
            .find(|&i| s.line(i).starts_with(line))
            .map(|i| s.timestamps()[i])
    };
    const S: i64 = 1_000_000_000;
    // 2026-03-09T23:59:58.25Z = 1773100798.25
    assert_eq!(at("23:59:58.250"), Some(1_773_100_798 * S + 250_000_000));
    assert_eq!(at("00:00:01.500"), Some(1_773_100_801 * S + 500_000_000));
    // A line just before midnight after one past it is from the day before.
    assert_eq!(at("23:59:59.900"), Some(1_773_100_799 * S + 900_000_000));
    assert_eq!(at("00:10:00.000"), Some(1_773_101_400 * S));
}

#[test]
fn zone_names_are_read_and_a_shared_abbreviation_is_reported() {
    const S: i64 = 1_000_000_000;
    let dir = TempDir::new("zones");
    let first = |text: &str| {
        let path = dir.file("z.log", text.as_bytes());
        let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
        (store.streams()[0].timestamps()[0], report)
    };
    // 2026-07-01T12:00:00Z = 1782907200
    let noon = 1_782_907_200 * S;
    let (t, report) = first("2026-07-01 14:00:00 CEST INFO a\n2026-07-01 14:00:01 CEST INFO b\n");
    assert_eq!(t, noon);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let (t, _) = first("Wed Jul 01 05:00:00 PDT 2026 a\nWed Jul 01 05:00:02 PDT 2026 b\n");
    assert_eq!(t, noon);
    // IST is India's, Ireland's and Israel's: not picked, read as UTC, said.
    let (t, report) = first("2026-07-01 12:00:00 IST a\n2026-07-01 12:00:05 IST b\n");
    assert_eq!(t, noon);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("\"IST\" names several zones")),
        "{:?}",
        report.warnings
    );
    // Regions need the system's time zone database.
    if std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
        let (summer, _) = first(
            "2026-07-01 14:00:00.000 Europe/Berlin a\n2026-07-01 14:00:00.500 Europe/Berlin b\n",
        );
        assert_eq!(summer, noon);
        // 2026-01-15T12:00:00Z = 1768478400: winter time is an hour less.
        let (winter, _) =
            first("2026-01-15 13:00:00 Europe/Berlin a\n2026-01-15 13:00:09 Europe/Berlin b\n");
        assert_eq!(winter, 1_768_478_400 * S);
    }
}

#[test]
fn a_day_month_order_the_file_leaves_open_is_settled_further_on_or_reported() {
    let dir = TempDir::new("order");
    // 3 July or 7 March for 1,500 lines; then the day changes.
    let mut text = String::new();
    for i in 0..1500 {
        text.push_str(&format!(
            "03/07/2026 10:{:02}:{:02} INFO a {i}\n",
            i / 60 % 60,
            i % 60
        ));
    }
    let open = dir.file("open.log", text.as_bytes());
    for i in 0..10 {
        text.push_str(&format!("04/07/2026 10:00:{i:02} INFO b {i}\n"));
    }
    let settled = dir.file("settled.log", text.as_bytes());
    let (store, report) = ingest_files(&[settled], &IngestOptions::default()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report
        .timestamp_format
        .unwrap()
        .starts_with("dd/MM/yyyy HH:mm:ss"));
    // 2026-07-03T10:00:00Z
    assert_eq!(
        store.streams()[0].timestamps()[0],
        1_783_072_800_000_000_000
    );
    let (_, report) = ingest_files(&[open], &IngestOptions::default()).unwrap();
    assert!(
        report.warnings[0].contains("do not tell day from month"),
        "{:?}",
        report.warnings
    );
}

#[test]
fn the_report_names_the_inferred_format() {
    let dir = TempDir::new("named");
    let layout = layouts::loghub()
        .into_iter()
        .find(|l| l.name == "Thunderbird")
        .unwrap();
    let generated = layouts::generate(&layout, 50, LAYOUT_START_NS, 3);
    let path = dir.file("tb.log", generated.text.as_bytes());
    let (_, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert_eq!(
        report.timestamp_format.as_deref(),
        Some("epoch_s in the line's 2nd field (read 50 of 50 sampled lines)")
    );
    let layout = layouts::loghub()
        .into_iter()
        .find(|l| l.name == "Proxifier")
        .unwrap();
    let generated = layouts::generate(&layout, 50, LAYOUT_START_NS, 3);
    let path = dir.file("px.log", generated.text.as_bytes());
    let opts = IngestOptions {
        default_year: Some(2026),
        ..IngestOptions::default()
    };
    let (_, report) = ingest_files(&[path], &opts).unwrap();
    assert_eq!(
        report.timestamp_format.as_deref(),
        Some("MM.dd HH:mm:ss at the start of the line (read 50 of 50 sampled lines; no year in the text: 2026 (--year), rolling over at Dec→Jan; no zone: UTC)")
    );
}

#[test]
fn stack_traces_and_tracebacks_join_their_entry() {
    let dir = TempDir::new("multiline");
    let text = "\
2024-05-01 10:00:00,001 INFO  [main] app: started
2024-05-01 10:00:01,002 ERROR [main] app: request failed
java.lang.IllegalStateException: connection closed
\tat com.example.Db.query(Db.java:42)
\tat com.example.Api.handle(Api.java:7)
Caused by: java.io.IOException: reset
\t... 2 more
2024-05-01 10:00:02,003 ERROR [worker] py: task failed
Traceback (most recent call last):
  File \"task.py\", line 3, in <module>
    run()
ValueError: bad input

Dec  1 10:00:03 host other[1]: a line in another layout is its own event
2024-05-01 10:00:04,004 INFO  [main] app: done
";
    let path = dir.file("app.log", text.as_bytes());
    let (store, report) =
        ingest_files(std::slice::from_ref(&path), &IngestOptions::default()).unwrap();
    assert_eq!(store.entry_count(), 5);
    assert_eq!(report.joined_lines, 9);
    assert_eq!(report.lines_without_timestamp, 1);
    assert_eq!(report.empty_lines_skipped, 1);
    let s = &store.streams()[0];
    assert!(s.line(1).starts_with("2024-05-01 10:00:01,002 ERROR"));
    assert!(s.line(1).ends_with("\n\t... 2 more"));
    assert_eq!(s.line(1).lines().count(), 6);
    assert!(s.line(2).ends_with("    run()\nValueError: bad input"));
    // The foreign-layout line keeps the time before it, as its own entry.
    assert_eq!(s.timestamps()[3], s.timestamps()[2]);
    assert!(s.line(3).starts_with("Dec  1 10:00:03"));
    assert!(report.to_string().contains("9 continuation lines"));

    let opts = IngestOptions {
        multiline: false,
        ..IngestOptions::default()
    };
    let (store, report) = ingest_files(&[path], &opts).unwrap();
    assert_eq!(store.entry_count(), 14);
    assert_eq!(
        (report.joined_lines, report.lines_without_timestamp),
        (0, 10)
    );
}

#[test]
fn lines_before_the_first_time_take_its_time() {
    let dir = TempDir::new("leading");
    let text = "--------- beginning of main\n--------- beginning of system\n\
2024-05-01 10:00:01.500 I first event\n2024-05-01 10:00:02.500 I second event\n";
    let path = dir.file("device.log", text.as_bytes());
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    assert_eq!(store.entry_count(), 4);
    assert_eq!(report.lines_without_timestamp, 2);
    let s = &store.streams()[0];
    // Not the file's modification time: the banner opens what the file shows.
    assert_eq!(s.timestamps()[0], s.timestamps()[2]);
    assert_eq!(s.timestamps()[1], s.timestamps()[2]);
    assert_eq!(store.time_span().unwrap().1, s.timestamps()[3]);
    assert_eq!(s.line(0), "--------- beginning of main");
}

#[test]
fn a_runaway_continuation_is_cut_into_entries() {
    let dir = TempDir::new("runaway");
    let mut text = String::from("2024-05-01T10:00:00Z dump follows\n");
    for i in 0..300 {
        text.push_str(&format!("  frame {i}\n"));
    }
    let path = dir.file("dump.log", text.as_bytes());
    let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
    // 128 lines an entry, as log shippers' multiline stages cap them.
    assert_eq!(store.entry_count(), 3);
    assert_eq!(report.joined_lines, 127 + 127 + 44);
    assert_eq!(report.lines_without_timestamp, 2);
}

#[test]
fn loghub_samples_keep_one_entry_per_line() {
    let root = std::env::var_os("ASKLOKI_LOGHUB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/loghub"));
    if !root.exists() {
        eprintln!(
            "skipped: no Loghub samples at {} (set ASKLOKI_LOGHUB)",
            root.display()
        );
        return;
    }
    for (name, format) in [
        (
            "Apache",
            "EEE MMM dd HH:mm:ss yyyy at the start of the line",
        ),
        ("BGL", "epoch_s in the line's 2nd field"),
        ("HDFS", "yyMMdd HHmmss at the start of the line"),
        ("Linux", "MMM dd HH:mm:ss at the start of the line"),
        ("OpenSSH", "MMM dd HH:mm:ss at the start of the line"),
        (
            "OpenStack",
            "yyyy-MM-dd HH:mm:ss.SSS in the line's 2nd field",
        ),
    ] {
        let path = root.join(name).join(format!("{name}_2k.log"));
        let (store, report) = ingest_files(&[path], &IngestOptions::default()).unwrap();
        assert_eq!(store.entry_count(), 2000, "{name}");
        assert_eq!(
            (report.joined_lines, report.lines_without_timestamp),
            (0, 0),
            "{name}"
        );
        let chosen = report.timestamp_format.unwrap();
        assert!(chosen.starts_with(format), "{name}: {chosen}");
    }
}

#[test]
fn a_given_time_format_settles_what_the_sample_cannot() {
    let dir = TempDir::new("override");
    // All on one day: month-first and day-first both fit.
    let text = "05/06/2026 10:00:00 a\n05/06/2026 10:00:05 b\n";
    let path = dir.file("eu.log", text.as_bytes());
    let (store, _) = ingest_files(std::slice::from_ref(&path), &IngestOptions::default()).unwrap();
    // 2026-05-06T10:00:00Z (month first, as with `/`).
    assert_eq!(
        store.streams()[0].timestamps()[0],
        1_778_061_600_000_000_000
    );
    let opts = IngestOptions {
        time_format: Some("dd/MM/yyyy HH:mm:ss".parse().unwrap()),
        ..IngestOptions::default()
    };
    let (store, report) = ingest_files(std::slice::from_ref(&path), &opts).unwrap();
    // 2026-06-05T10:00:00Z
    assert_eq!(
        store.streams()[0].timestamps()[0],
        1_780_653_600_000_000_000
    );
    assert!(report
        .timestamp_format
        .unwrap()
        .contains("from --time-format"));

    let opts = IngestOptions {
        time_format: Some("epoch_ms".parse().unwrap()),
        ..IngestOptions::default()
    };
    let err = ingest_files(&[path], &opts).unwrap_err();
    assert!(matches!(err, IngestError::TimeFormat { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("\"epoch_ms\" reads none of the first 2 lines"),
        "{err}"
    );
}
