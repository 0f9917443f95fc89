//! End-to-end `ask` latency on the embedded engine, process start and
//! knowledge building excluded: p50 and p95 over repeated questions.
//!
//! `cargo run --release --example ask_latency [-- LOGFILE]` (default: the
//! shipped examples/logs/sshd.log).

use std::time::Instant;

use askloki::ask::understand::Clock;
use askloki::ask::Asker;
use askloki::engine::ingest::{ingest_files, IngestOptions};
use askloki::engine::Engine;
use askloki::knowledge::{BuildOptions, KnowledgeBuilder};

const QUESTIONS: [&str; 6] = [
    "which IPs failed logins most often?",
    "how many failed password attempts were there?",
    "when did the first accepted login happen?",
    "show me the logs of user root",
    "what errors happened?",
    "how many distinct users failed to log in?",
];

fn main() {
    let file = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/logs/sshd.log").into());
    let (store, _) =
        ingest_files(&[file.clone().into()], &IngestOptions::default()).expect("ingest");
    let (first, last) = store.time_span().expect("lines");
    let scope = askloki::knowledge::sample::selector_of(&store.streams()[0].labels);
    let mut builder = KnowledgeBuilder::new(&scope, &file, BuildOptions::default());
    builder.add_store(&store);
    let knowledge = builder.finish();
    let lines = store.entry_count();
    let engine = Engine::new(store);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let clock = Clock {
        now: last + 1,
        utc_offset_secs: 0,
    };
    let mut asker = Asker::new(&engine, scope, (first, last + 1), clock);
    asker.knowledge = Some(&knowledge);
    let mut times = Vec::new();
    for _ in 0..20 {
        for q in QUESTIONS {
            let t = Instant::now();
            let answer = runtime.block_on(asker.ask(q));
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(answer.is_ok());
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{lines} lines, {} asks: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(0.5),
        pct(0.95),
        times[times.len() - 1]
    );
}
