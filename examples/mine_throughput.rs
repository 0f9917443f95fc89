//! Template-mining throughput: `mine_throughput FILE` mines every line of
//! `FILE` (one message per line) with the default [`MinerConfig`] and prints
//! messages per second of the mining loop (file reading excluded).

use std::time::Instant;

use askloki::mining::{Miner, MinerConfig};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: mine_throughput FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut miner = Miner::new(MinerConfig::default());
    let start = Instant::now();
    let mut sink = 0u64;
    for line in &lines {
        sink = sink.wrapping_add(u64::from(miner.add(line)));
    }
    let mined = start.elapsed();
    miner.finish();
    let total = start.elapsed();
    let secs = mined.as_secs_f64().max(1e-9);
    println!(
        "messages={} templates={} mine_seconds={:.3} finish_seconds={:.3} messages_per_second={:.0} (checksum {})",
        lines.len(),
        miner.templates().len(),
        secs,
        (total - mined).as_secs_f64(),
        lines.len() as f64 / secs,
        sink % 1000
    );
}
