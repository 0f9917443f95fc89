//! Timestamp inference on layouts nobody tuned for: score the output of
//! `eval/timestamps/gen_layouts.py` (each file ingested as plain text
//! through the engine) and print, per layout, the chosen format and the
//! share of events read within a minute of the written time and exactly.
//!
//! ```text
//! python3 eval/timestamps/gen_layouts.py /tmp/ts 2000
//! cargo run --release --example timestamp_layouts -- /tmp/ts
//! ```

use std::path::PathBuf;

#[path = "../tests/it/support/time_truth.rs"]
mod time_truth;

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: timestamp_layouts DIR (the output of eval/timestamps/gen_layouts.py)");
        std::process::exit(2);
    };
    println!("| layout | chosen format | within a minute | exact |");
    println!("|---|---|---|---|");
    let (mut layouts, mut passing) = (0, 0);
    for truth in time_truth::manifest(&dir) {
        let s = time_truth::score(&dir, &truth);
        layouts += 1;
        let excused = truth.zone_open && s.warned_zone;
        passing += usize::from(s.near_share() >= 0.95 || excused);
        let open = if truth.zone_open {
            if s.warned_zone {
                " (zone ambiguous; warned)"
            } else {
                " (zone ambiguous)"
            }
        } else if truth.order_open {
            if s.warned_order {
                " (day/month order open in this file; warned)"
            } else {
                " (day/month order open in this file)"
            }
        } else {
            ""
        };
        println!(
            "| {}{open} | `{}` | {:.1}% | {:.1}% |",
            truth.name,
            s.format,
            s.near_share() * 100.0,
            s.exact_share() * 100.0
        );
    }
    println!("\n{passing} of {layouts} layouts read >= 95% within a minute");
}
