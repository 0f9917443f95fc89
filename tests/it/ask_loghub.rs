//! The LLM-free planner on the public Loghub samples: questions of each
//! kind, with the expected answers worked out here from the ground-truth
//! CSVs (never from AskLoki's own output). A guard against regressions;
//! the full 120-question evaluation is `scripts/eval_ask.py`.

use std::collections::HashMap;

use askloki::ask::understand::Clock;
use askloki::ask::{Answer, Asker};
use askloki::engine::ingest::{ingest_files, IngestOptions};
use askloki::engine::Engine;
use askloki::knowledge::{BuildOptions, Knowledge, KnowledgeBuilder};
use askloki::source::QueryResult;

/// Rows of a structured CSV as column → value (quotes handled).
fn truth(name: &str) -> Vec<HashMap<String, String>> {
    let path = crate::support::loghub(name).with_extension("log_structured.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut lines = text.lines();
    let header = split_csv(lines.next().unwrap());
    lines
        .map(|l| header.iter().cloned().zip(split_csv(l)).collect())
        .collect()
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

struct Sample {
    engine: Engine,
    knowledge: Knowledge,
    scope: String,
    window: (i64, i64),
}

fn sample(name: &str) -> Sample {
    let (store, _) =
        ingest_files(&[crate::support::loghub(name)], &IngestOptions::default()).unwrap();
    let (first, last) = store.time_span().unwrap();
    let scope = askloki::knowledge::sample::selector_of(&store.streams()[0].labels);
    let mut b = KnowledgeBuilder::new(&scope, name, BuildOptions::default());
    b.add_store(&store);
    Sample {
        knowledge: b.finish(),
        engine: Engine::new(store),
        scope,
        window: (first, last + 1),
    }
}

fn ask(s: &Sample, question: &str) -> Answer {
    let clock = Clock {
        now: s.window.1,
        utc_offset_secs: 0,
    };
    let mut a = Asker::new(&s.engine, s.scope.clone(), s.window, clock);
    a.knowledge = Some(&s.knowledge);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(a.ask(question))
        .unwrap_or_else(|e| panic!("{question}: {e}"))
}

fn number(a: &Answer) -> f64 {
    match &a.result {
        QueryResult::Vector(v) if v.len() == 1 => v[0].point.value,
        QueryResult::Vector(v) if v.is_empty() => 0.0,
        other => panic!("{}: expected one number, got {other:?}", a.logql),
    }
}

/// The label value of the largest sample.
fn top(a: &Answer) -> String {
    let QueryResult::Vector(v) = &a.result else {
        panic!("{}: expected a vector", a.logql);
    };
    let best = v
        .iter()
        .max_by(|x, y| x.point.value.total_cmp(&y.point.value))
        .unwrap_or_else(|| panic!("{}: empty", a.logql));
    let values: Vec<&str> = best.labels.iter().map(|(_, v)| v).collect();
    assert_eq!(values.len(), 1, "{}: {:?}", a.logql, best.labels);
    values[0].to_string()
}

fn most_common<'r>(values: impl Iterator<Item = &'r str>) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let max = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .filter(|(_, n)| *n == max)
        .map(|(v, _)| v.to_string())
        .collect()
}

#[test]
fn openssh_counts_and_rankings() {
    if crate::support::skip_without_loghub(&["OpenSSH"]) {
        return;
    }
    let s = sample("OpenSSH");
    let rows = truth("OpenSSH");
    let failed: Vec<&HashMap<String, String>> = rows
        .iter()
        // "message repeated 2 times: [ Failed password for root …]" too.
        .filter(|r| r["Content"].contains("Failed password for"))
        .collect();
    let a = ask(&s, "How many failed password attempts were there?");
    assert_eq!(number(&a), failed.len() as f64, "{}", a.logql);
    let ips = most_common(failed.iter().map(|r| {
        r["Content"]
            .split(" from ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
    }));
    let a = ask(
        &s,
        "Which IP address had the most failed password attempts?",
    );
    assert!(ips.contains(&top(&a)), "{ips:?} vs {}", a.logql);
}

#[test]
fn header_levels_and_fields_answer_which_and_how_many() {
    if crate::support::skip_without_loghub(&["BGL", "HDFS"]) {
        return;
    }
    let s = sample("BGL");
    let rows = truth("BGL");
    let fatal: Vec<&HashMap<String, String>> =
        rows.iter().filter(|r| r["Level"] == "FATAL").collect();
    let a = ask(&s, "How many FATAL events were logged?");
    assert_eq!(number(&a), fatal.len() as f64, "{}", a.logql);
    let nodes = most_common(fatal.iter().map(|r| r["Node"].as_str()));
    let a = ask(&s, "Which node logged the most FATAL messages?");
    assert!(nodes.contains(&top(&a)), "{nodes:?} vs {}", a.logql);

    let s = sample("HDFS");
    let rows = truth("HDFS");
    let components = most_common(
        rows.iter()
            .filter(|r| r["Level"] == "WARN")
            .map(|r| r["Component"].as_str()),
    );
    let a = ask(&s, "Which component logged the most warnings?");
    assert!(
        components.contains(&top(&a)),
        "{components:?} vs {}",
        a.logql
    );
    let a = ask(&s, "Were there any ERROR level messages?");
    let errors = rows.iter().filter(|r| r["Level"] == "ERROR").count();
    assert_eq!(number(&a), errors as f64, "{}", a.logql);
}

#[test]
fn words_no_line_has_mean_no_and_prefixes_meet() {
    if crate::support::skip_without_loghub(&["Linux"]) {
        return;
    }
    let s = sample("Linux");
    let rows = truth("Linux");
    let a = ask(&s, "Were there any kernel panics?");
    let panics = rows
        .iter()
        .filter(|r| r["Content"].to_lowercase().contains("panic"))
        .count();
    assert_eq!(number(&a), panics as f64, "{}", a.logql);
    let a = ask(&s, "How many FTP connections were there?");
    let ftp = rows
        .iter()
        .filter(|r| r["Component"] == "ftpd" && r["Content"].starts_with("connection from"))
        .count();
    assert_eq!(number(&a), ftp as f64, "{}", a.logql);
}

#[test]
fn numbers_in_lines_are_aggregated() {
    if crate::support::skip_without_loghub(&["OpenStack"]) {
        return;
    }
    let s = sample("OpenStack");
    let rows = truth("OpenStack");
    let times: Vec<f64> = rows
        .iter()
        .filter(|r| r["Content"].contains("\"GET "))
        .filter_map(|r| r["Content"].split("time: ").nth(1)?.trim().parse().ok())
        .collect();
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let a = ask(&s, "What is the average response time of GET requests?");
    assert!((number(&a) - mean).abs() < 1e-6, "{mean} vs {}", a.logql);
}
