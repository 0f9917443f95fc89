//! Ingestion: push bodies, JSON lines of them, plain text with detected
//! timestamps, gzip, and everything odd about real files reported.

use std::io::Write;
use std::path::PathBuf;

use askloki::engine::ingest::{ingest_files, parse_labels, IngestOptions, InputFormat};

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
        default_year: None,
    };
    let (store, report) = ingest_files(&[path], &opts).unwrap();
    assert_eq!(report.crlf_lines, 4);
    assert_eq!(report.invalid_utf8_lines, 1);
    assert_eq!(report.empty_lines_skipped, 1);
    assert_eq!(report.lines_without_timestamp, 1);
    assert!(report
        .timestamp_format
        .as_deref()
        .unwrap()
        .starts_with("RFC3339"));
    let s = &store.streams()[0];
    assert_eq!(s.labels.get("app"), Some("x"));
    let t0 = 1_714_557_600_000_000_000_i64; // 2024-05-01T10:00:00Z
    let s_ns = 1_000_000_000;
    assert_eq!(
        s.timestamps(),
        &[t0, t0 + s_ns, t0 + 2 * s_ns, t0 + 2 * s_ns]
    );
    assert_eq!(s.line(1), "2024-05-01T10:00:01Z bad \u{fffd} byte");
    // The continuation keeps the time of the line before it, and its order.
    assert_eq!(s.line(2), "2024-05-01T10:00:02Z boom");
    assert_eq!(s.line(3), "  at frame one");
    let text = report.to_string();
    assert!(text.contains("1 lines had invalid UTF-8"), "{text}");
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
