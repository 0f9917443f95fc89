//! Prompt tokens per question: the generation prompt AskLoki would send an
//! LLM for each question, packed under the default budget and counted with
//! tiktoken (gpt-4o-mini's tokenizer). No LLM is called.
//!
//! `cargo run --release --example prompt_tokens [-- LOGFILE [BUDGET]]`
//! (default: the shipped examples/logs/sshd.log, budget 3000).

use askloki::ask::prompt;
use askloki::ask::understand::{understand, Clock};
use askloki::ask::Asker;
use askloki::engine::ingest::{ingest_files, IngestOptions};
use askloki::engine::Engine;
use askloki::knowledge::{BuildOptions, KnowledgeBuilder};
use askloki::llm::tokens::TokenCounter;

const QUESTIONS: [&str; 8] = [
    "which IPs failed logins most often?",
    "how many failed password attempts were there?",
    "when did the first accepted login happen?",
    "show me the logs of user root",
    "what errors happened?",
    "how many distinct users failed to log in?",
    "how did the number of disconnects change over time?",
    "were there any connections from 203.0.113.5?",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/logs/sshd.log").into());
    let budget: usize = args.next().and_then(|b| b.parse().ok()).unwrap_or(3000);
    let (store, _) =
        ingest_files(&[file.clone().into()], &IngestOptions::default()).expect("ingest");
    let (first, last) = store.time_span().expect("lines");
    let scope = askloki::knowledge::sample::selector_of(&store.streams()[0].labels);
    let mut builder = KnowledgeBuilder::new(&scope, &file, BuildOptions::default());
    builder.add_store(&store);
    let knowledge = builder.finish();
    let engine = Engine::new(store);
    let clock = Clock {
        now: last + 1,
        utc_offset_secs: 0,
    };
    let mut asker = Asker::new(&engine, scope, (first, last + 1), clock);
    asker.knowledge = Some(&knowledge);
    let counter = TokenCounter::for_model("gpt-4o-mini");
    let mut sizes = Vec::new();
    println!("{:>6} {:>9}  question", "tokens", "templates");
    for q in QUESTIONS {
        let u = understand(q, &clock);
        let templates = asker.retrieved(&u, 20);
        let input = asker.prompt_input(&u, (first, last + 1), templates, None, &[]);
        let p = prompt::pack(&input, &counter, budget);
        println!(
            "{:>6} {:>4}+{:<4}  {q}",
            p.tokens, p.templates_included, p.templates_left_out
        );
        sizes.push(p.tokens);
    }
    sizes.sort_unstable();
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    println!(
        "{} templates known; prompt tokens per question: mean {mean:.0}, median {}, max {} (budget {budget})",
        knowledge.templates.len(),
        sizes[sizes.len() / 2],
        sizes[sizes.len() - 1]
    );
}
