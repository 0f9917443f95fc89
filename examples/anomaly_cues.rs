//! Why each line of a file scores as it does: one JSON object per line with
//! its score, class, the message's log-odds, the context's, and the cues
//! that counted. For tuning and for answering "why was this flagged?".
//!
//! `cargo run --release --example anomaly_cues -- FILE`

use std::io::Write;

use askloki::analyze::anomaly;
use askloki::analyze::lines::prepare;
use askloki::source::Labels;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: anomaly_cues FILE"))?;
    let text = std::fs::read_to_string(&path)?;
    let labels = Labels::from_pairs([("filename".to_string(), path.clone())]);
    let p = prepare(
        text.lines()
            .enumerate()
            .map(|(i, l)| (labels.clone(), i as i64 * 1_000_000, l.to_string())),
    );
    let (scored, _) = anomaly::score_all(&p);
    let mut out = std::io::stdout().lock();
    for (i, s) in scored.iter().enumerate() {
        let hits: Vec<String> = s
            .message
            .hits
            .iter()
            .map(|h| format!("{}:{}", h.why, h.weight))
            .collect();
        let record = serde_json::json!({
            "line": i + 1,
            "score": s.score,
            "class": s.message.class,
            "level": s.message.level,
            "message": s.message.logit,
            "context": s.context,
            "context_why": s.context_why,
            "hits": hits,
        });
        writeln!(out, "{record}")?;
    }
    Ok(())
}
