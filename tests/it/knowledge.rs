//! The knowledge base on the Loghub samples: each template's LogQL, run on
//! the embedded engine, selects exactly that template's lines; the base
//! round-trips through its Arrow file.

use askloki::engine::ingest::{ingest_files, IngestOptions};
use askloki::engine::Engine;
use askloki::knowledge::{self, BuildOptions, KnowledgeBuilder};
use askloki::source::{Direction, InstantQuery, QueryResult};

fn check_dataset(name: &str) {
    let (store, _) =
        ingest_files(&[crate::support::loghub(name)], &IngestOptions::default()).unwrap();
    let selector = format!(r#"{{filename="{name}_2k.log"}}"#);
    let mut builder = KnowledgeBuilder::new(&selector, name, BuildOptions::default());
    let (first, last) = store.time_span().unwrap();
    for s in store.streams() {
        for i in 0..s.len() {
            builder.add(&s.labels, s.timestamps()[i], s.line(i));
        }
    }
    let k = builder.finish();
    assert_eq!(k.templates.iter().map(|t| t.count).sum::<u64>(), 2000);
    let engine = Engine::new(store);
    let exact: Vec<_> = k.templates.iter().filter(|t| t.queries.exact).collect();
    assert!(
        exact.len() * 10 >= k.templates.len() * 9,
        "{name}: only {} of {} templates have verified LogQL",
        exact.len(),
        k.templates.len()
    );
    let window = (last - first) / 1_000_000_000 + 1;
    for t in exact {
        let query = format!(
            "sum(count_over_time({selector} {} [{window}s]))",
            t.queries.selection()
        );
        let result = engine
            .query_instant(&InstantQuery {
                query: query.clone(),
                time: last,
                limit: 100,
                direction: Direction::Backward,
            })
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let QueryResult::Vector(v) = result else {
            panic!("{query}")
        };
        let counted = v.first().map_or(0.0, |s| s.point.value);
        assert_eq!(
            counted as u64, t.count,
            "{name}: {} selects {counted} lines, not {}",
            query, t.count
        );
        // Every parser the knowledge offers is valid LogQL.
        for stage in t.queries.pattern.iter().chain(t.queries.regexp.iter()) {
            askloki::logql::parse(&format!("{selector} {stage}")).unwrap();
        }
    }
}

#[test]
fn openssh_templates_select_exactly_their_lines() {
    if crate::support::skip_without_loghub(&["OpenSSH"]) {
        return;
    }
    check_dataset("OpenSSH");
}

#[test]
fn hdfs_templates_select_exactly_their_lines() {
    if crate::support::skip_without_loghub(&["HDFS"]) {
        return;
    }
    check_dataset("HDFS");
}

#[test]
fn knowledge_round_trips_through_arrow_and_merges() {
    if crate::support::skip_without_loghub(&["Apache"]) {
        return;
    }
    let (store, _) = ingest_files(
        &[crate::support::loghub("Apache")],
        &IngestOptions::default(),
    )
    .unwrap();
    let mut builder = KnowledgeBuilder::new(r#"{app="apache"}"#, "test", BuildOptions::default());
    for s in store.streams() {
        for i in 0..s.len() {
            builder.add(&s.labels, s.timestamps()[i], s.line(i));
        }
    }
    let k = builder.finish();
    let dir = std::env::temp_dir().join(format!("askloki-kb-{}", std::process::id()));
    knowledge::save(&k, &dir).unwrap();
    let back = knowledge::load(&dir).unwrap();
    assert_eq!(back, k);
    let mut twice = back.clone();
    twice.merge(k.clone());
    assert_eq!(twice.lines, 2 * k.lines);
    assert_eq!(twice.templates.len(), k.templates.len());
    assert_eq!(twice.templates[0].count, 2 * k.templates[0].count);
    std::fs::write(dir.join(knowledge::KNOWLEDGE_FILE), b"garbage").unwrap();
    let err = knowledge::load(&dir).unwrap_err().to_string();
    assert!(err.contains("build it again"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_lines_are_described_by_their_message_field() {
    use askloki::engine::StoreBuilder;
    use askloki::source::Labels;
    let labels = Labels::from_pairs([("app", "pay")]);
    let mut b = StoreBuilder::new();
    let users = ["alice", "bob", "carol", "dave"];
    for i in 0..200i64 {
        let user = users[(i % 4) as usize];
        let line = if i % 3 == 0 {
            format!(
                r#"{{"level":"error","msg":"payment {i} failed for user {user}","took_ms":{}}}"#,
                10 + i
            )
        } else {
            format!(
                r#"{{"level":"info","msg":"payment {i} accepted","took_ms":{}}}"#,
                5 + i
            )
        };
        b.push(&labels, (1_700_000_000 + i) * 1_000_000_000, &line, None);
    }
    let (store, _) = b.finish();
    let mut builder = KnowledgeBuilder::new(r#"{app="pay"}"#, "test", BuildOptions::default());
    let s = &store.streams()[0];
    for (i, &ts) in s.timestamps().iter().enumerate() {
        builder.add(&s.labels, ts, s.line(i));
    }
    let k = builder.finish();
    let failed = k
        .templates
        .iter()
        .find(|t| t.text.contains("failed for user"))
        .unwrap_or_else(|| {
            panic!(
                "{:#?}",
                k.templates.iter().map(|t| &t.text).collect::<Vec<_>>()
            )
        });
    assert_eq!(failed.count, 67);
    assert_eq!(
        failed.queries.field.as_ref().map(|f| f.key.as_str()),
        Some("msg")
    );
    assert!(failed.queries.exact, "{}", failed.queries.selection());
    let engine = Engine::new(store);
    let query = format!(
        "sum(count_over_time({{app=\"pay\"}} {} [1h]))",
        failed.queries.selection()
    );
    let QueryResult::Vector(v) = engine
        .query_instant(&InstantQuery {
            query: query.clone(),
            time: 1_700_000_300 * 1_000_000_000,
            limit: 10,
            direction: Direction::Backward,
        })
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(v[0].point.value, 67.0, "{query}");
    let user = failed
        .params
        .iter()
        .find(|p| p.name == "user")
        .expect("a user parameter");
    assert_eq!(user.cardinality, 4);
}

/// The same lines make the same knowledge on every build: clusters the
/// miner merges (here lines whose padding differs) are folded in one order.
#[test]
fn the_same_lines_build_the_same_knowledge() {
    let labels = askloki::source::Labels::from_pairs([("job", "proxy")]);
    let lines: Vec<(i64, String)> = (0..600i64)
        .map(|i| {
            let elapsed = (i * 7919) % 100_000;
            let users = ["-", "ana", "bo", "chen", "dita", "emil", "fay", "gus"];
            let line = format!(
                "{}.{:03} {elapsed:>6} 10.0.{}.{} TCP_HIT/200 {} GET http://mirror/{} {} HIER_NONE/- text/plain",
                1_796_547_600 + i,
                (i * 37) % 1000,
                i % 7,
                i % 13,
                1000 + i * 11,
                i % 5,
                users[(i as usize * 5 + i as usize / 9) % users.len()]
            );
            (1_796_547_600_000_000_000 + i * 1_000_000_000, line)
        })
        .collect();
    let build = || {
        let mut b = KnowledgeBuilder::new(r#"{job="proxy"}"#, "t", BuildOptions::default());
        for (t, l) in &lines {
            b.add(&labels, *t, l);
        }
        b.finish()
    };
    let first = build();
    for _ in 0..4 {
        assert_eq!(build().templates, first.templates);
    }
}
