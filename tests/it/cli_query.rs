//! `askloki logql query` end to end on the public Loghub samples in
//! `../shared/loghub`: counts are checked against the raw files.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn raw_lines(name: &str) -> Vec<String> {
    std::fs::read_to_string(crate::support::loghub(name))
        .unwrap()
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn askloki(args: &[&str], cache: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_askloki"))
        .args(args)
        .env("ASKLOKI_CACHE_DIR", cache)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn cache_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("askloki-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn query(args: &[&str], cache: &Path) -> Value {
    let run = askloki(args, cache);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn hdfs_count_matches_the_file_and_the_cache_is_reused() {
    if crate::support::skip_without_loghub(&["HDFS"]) {
        return;
    }
    let cache = cache_dir("hdfs");
    let data = crate::support::loghub("HDFS");
    let expected = raw_lines("HDFS")
        .iter()
        .filter(|l| l.contains("PacketResponder"))
        .count();
    let args = [
        "logql",
        "query",
        "--data",
        data.to_str().unwrap(),
        "--time",
        "2009-01-01T00:00:00Z",
        r#"sum(count_over_time({filename="HDFS_2k.log"} |= "PacketResponder" [1y]))"#,
    ];
    let body = query(&args, &cache);
    assert_eq!(body["status"], "success");
    assert_eq!(body["data"]["resultType"], "vector");
    assert_eq!(body["data"]["result"][0]["value"][0], 1230768000);
    assert_eq!(body["data"]["result"][0]["value"][1], expected.to_string());
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(cached.len(), 1, "the ingested store is cached");
    // The second run reads the cache and answers the same.
    assert_eq!(query(&args, &cache), body);
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn bgl_pattern_grouping_matches_the_file() {
    if crate::support::skip_without_loghub(&["BGL"]) {
        return;
    }
    let cache = cache_dir("bgl");
    let data = crate::support::loghub("BGL");
    let mut expected = std::collections::BTreeMap::<String, u64>::new();
    for l in raw_lines("BGL") {
        if let Some(level) = l.split(' ').nth(8) {
            *expected.entry(level.to_string()).or_default() += 1;
        }
    }
    let body = query(
        &[
            "logql",
            "query",
            "--data",
            data.to_str().unwrap(),
            "--time",
            "2006-02-01T00:00:00Z",
            r#"sum by (level) (count_over_time({filename="BGL_2k.log"} | pattern "<_> <_> <_> <_> <_> <_> <_> <_> <level> <_>" [1y]))"#,
        ],
        &cache,
    );
    let got: std::collections::BTreeMap<String, u64> = body["data"]["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["metric"]["level"].as_str().unwrap().to_string(),
                s["value"][1].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn openstack_log_query_limit_and_direction() {
    if crate::support::skip_without_loghub(&["OpenStack"]) {
        return;
    }
    let cache = cache_dir("openstack");
    let data = crate::support::loghub("OpenStack");
    let body = query(
        &[
            "logql",
            "query",
            "--data",
            data.to_str().unwrap(),
            "--limit",
            "3",
            "--labels",
            r#"{app="nova"}"#,
            r#"{app="nova"} |= "GET" | regexp "status: (?P<status>\\d+)" | status="200""#,
        ],
        &cache,
    );
    assert_eq!(body["data"]["resultType"], "streams");
    let streams = body["data"]["result"].as_array().unwrap();
    let returned: Vec<(i64, String)> = streams
        .iter()
        .flat_map(|s| s["values"].as_array().unwrap().iter())
        .map(|v| {
            (
                v[0].as_str().unwrap().parse().unwrap(),
                v[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(returned.len(), 3);
    // The newest matching lines: their "2017-05-16 00:00:00.008" fields
    // sort as text, so the third newest bounds the answer from below.
    let stamp = |l: &str| l.split(' ').skip(1).take(2).collect::<Vec<_>>().join(" ");
    let mut stamps: Vec<String> = raw_lines("OpenStack")
        .iter()
        .filter(|l| l.contains("GET") && l.contains("status: 200"))
        .map(|l| stamp(l))
        .collect();
    stamps.sort();
    let third_newest = &stamps[stamps.len() - 3];
    for (_, line) in &returned {
        assert!(
            line.contains("GET") && line.contains("status: 200"),
            "{line}"
        );
        assert!(
            &stamp(line) >= third_newest,
            "{line} is older than {third_newest}"
        );
    }
    let mut times: Vec<i64> = returned.iter().map(|(t, _)| *t).collect();
    let listed = times.clone();
    times.sort_by(|a, b| b.cmp(a));
    assert_eq!(listed, times, "backward: newest first");
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn errors_go_to_stderr_with_exit_1() {
    if crate::support::skip_without_loghub(&["Apache"]) {
        return;
    }
    let cache = cache_dir("errors");
    let data = crate::support::loghub("Apache");
    let run = askloki(
        &[
            "logql",
            "query",
            "--data",
            data.to_str().unwrap(),
            r#"sum(rate({app="x"}[5m])"#,
        ],
        &cache,
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with("parse error at line 1, col 24"),
        "{}",
        run.stderr
    );

    let run = askloki(
        &[
            "logql",
            "query",
            "--data",
            data.to_str().unwrap(),
            "--limit",
            "9000",
            r#"{filename="Apache_2k.log"}"#,
        ],
        &cache,
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim(),
        "max entries limit per query exceeded, limit > max_entries_limit_per_query (9000 > 5000)"
    );
    let run = askloki(
        &[
            "logql",
            "query",
            "--data",
            "/nonexistent/file.log",
            r#"{a="b"}"#,
        ],
        &cache,
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn ingest_writes_a_store_that_queries_answer_from() {
    if crate::support::skip_without_loghub(&["Apache"]) {
        return;
    }
    let cache = cache_dir("ingest");
    let out = cache.join("store");
    let data = crate::support::loghub("Apache");
    let run = askloki(
        &[
            "ingest",
            data.to_str().unwrap(),
            "--labels",
            r#"{app="apache"}"#,
            "--out",
            out.to_str().unwrap(),
        ],
        &cache,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ingested 2000 entries in 1 streams"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Apache"), "{}", run.stderr);
    let expected = raw_lines("Apache")
        .iter()
        .filter(|l| l.contains("[error]"))
        .count();
    let body = query(
        &[
            "logql",
            "query",
            "--data",
            out.to_str().unwrap(),
            "--time",
            "2006-01-01T00:00:00Z",
            r#"sum(count_over_time({app="apache"} |= "[error]" [1y]))"#,
        ],
        &cache,
    );
    assert_eq!(body["data"]["result"][0]["value"][1], expected.to_string());
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn data_files_take_the_text_options() {
    let cache = cache_dir("textopts");
    std::fs::create_dir_all(&cache).unwrap();
    let log = cache.join("app.log");
    std::fs::write(
        &log,
        "05/06/2026 10:00:00 ERROR boom\n\tat a.b(C.java:1)\n05/06/2026 10:00:05 INFO ok\n",
    )
    .unwrap();
    let log = log.to_str().unwrap();
    let count = |extra: &[&str]| {
        let mut args = vec![
            "logql",
            "query",
            "--data",
            log,
            "--time",
            "2026-06-05T10:00:06Z",
            "count_over_time({filename=\"app.log\"}[1m])",
        ];
        args.extend_from_slice(extra);
        let v = query(&args, &cache);
        v["data"]["result"]
            .as_array()
            .unwrap()
            .first()
            .map(|r| r["value"][1].as_str().unwrap().to_string())
    };
    // Month first by default: nothing on June 5.
    assert_eq!(count(&[]), None);
    let day_first = ["--time-format", "dd/MM/yyyy HH:mm:ss"];
    assert_eq!(count(&day_first).as_deref(), Some("2"));
    let apart = ["--time-format", "dd/MM/yyyy HH:mm:ss", "--no-multiline"];
    assert_eq!(count(&apart).as_deref(), Some("3"));
    let bad = askloki(
        &[
            "logql",
            "query",
            "--data",
            log,
            "--time-format",
            "QQ",
            "{a=\"b\"}",
        ],
        &cache,
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("--time-format"), "{}", bad.stderr);
    let _ = std::fs::remove_dir_all(&cache);
}
