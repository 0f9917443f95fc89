//! Field-profiling throughput: `fields_throughput [--lines N] FILE...`
//! profiles N lines (default 100,000; a shorter file is read again from the
//! top) of each file with `knowledge::fields::profile_lines` and prints lines
//! per second of detection plus profiling (file reading excluded).

use std::time::Instant;

use askloki::knowledge::fields::profile_lines;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut n = 100_000usize;
    if let Some(i) = args.iter().position(|a| a == "--lines") {
        n = args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                eprintln!("--lines takes a number");
                std::process::exit(2);
            });
        args.drain(i..i + 2);
    }
    if args.is_empty() {
        eprintln!("usage: fields_throughput [--lines N] FILE...");
        std::process::exit(2);
    }
    for path in &args {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let file: Vec<&str> = text.lines().collect();
        if file.is_empty() {
            eprintln!("{path}: empty");
            continue;
        }
        let lines: Vec<&str> = file.iter().copied().cycle().take(n).collect();
        let start = Instant::now();
        let info = profile_lines(lines.iter().copied());
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        let (format, fields, parsed) = info.as_ref().map_or(("none", 0, 0), |i| {
            (i.format.name(), i.fields.len(), i.parsed)
        });
        println!(
            "{path}: lines={} format={format} parsed={parsed} fields={fields} seconds={secs:.3} lines_per_second={:.0}",
            lines.len(),
            lines.len() as f64 / secs
        );
    }
}
