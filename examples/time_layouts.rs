//! Timestamp inference per layout: generate each layout (the 16 Loghub
//! header layouts and other common ones) with known times, ingest it, and
//! print the chosen format, the share of lines read within a minute and
//! exactly, and the ingestion rate.
//!
//! `cargo run --release --example time_layouts [-- LINES]` (default 20000)

use std::collections::HashMap;
use std::time::Instant;

use askloki::engine::ingest::{ingest_files, IngestOptions};

#[path = "../tests/it/support/layouts.rs"]
mod layouts;

/// 2026-12-05T18:00:00Z
const START_NS: i64 = 1_796_493_600_000_000_000;

fn main() {
    let lines: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let dir = std::env::temp_dir().join(format!("askloki-time-layouts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    println!("| layout | chosen format | read within a minute | exact | MB/s |");
    println!("|---|---|---|---|---|");
    let all = layouts::loghub().into_iter().chain(layouts::others());
    for (k, layout) in all.enumerate() {
        let generated = layouts::generate(&layout, lines, START_NS, 7 + k as u64);
        let path = dir.join(format!("layout-{k}.log"));
        std::fs::write(&path, &generated.text).expect("write");
        let began = Instant::now();
        let (store, report) = ingest_files(&[path], &IngestOptions::default()).expect("ingest");
        let secs = began.elapsed().as_secs_f64();
        let stored: HashMap<String, i64> = store
            .streams()
            .iter()
            .flat_map(|s| (0..s.len()).map(move |i| (s.line(i).to_string(), s.timestamps()[i])))
            .collect();
        let (near, exact) = layouts::share_read(&layout, &generated, &stored);
        let format = report.timestamp_format.as_deref().unwrap_or("none");
        // The format without the sample note, which repeats on every row.
        let format = format.split(" (read").next().unwrap_or(format);
        println!(
            "| {} | `{}` | {:.1}% | {:.1}% | {:.0} |",
            layout.name,
            format,
            near * 100.0,
            exact * 100.0,
            generated.text.len() as f64 / secs / 1e6
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
