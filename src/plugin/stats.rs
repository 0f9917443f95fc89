//! Loki's `stats` block as Grafana's query inspector lists it
//! (`meta.stats`: a display name, a unit and a value each): the summary of
//! what a query read and how long it took.

use serde_json::{json, Value};

/// (Loki's summary key, the name shown, Grafana's unit)
const SUMMARY: [(&str, &str, &str); 6] = [
    (
        "bytesProcessedPerSecond",
        "Summary: bytes processed per second",
        "Bps",
    ),
    (
        "linesProcessedPerSecond",
        "Summary: lines processed per second",
        "",
    ),
    (
        "totalBytesProcessed",
        "Summary: total bytes processed",
        "decbytes",
    ),
    ("totalLinesProcessed", "Summary: total lines processed", ""),
    ("totalEntriesReturned", "Summary: entries returned", ""),
    ("execTime", "Summary: exec time", "s"),
];

/// The stats Grafana shows for a Loki `stats` block; none when it has no summary.
pub fn query_stats(loki: &Value) -> Vec<Value> {
    let Some(summary) = loki.get("summary") else {
        return Vec::new();
    };
    SUMMARY
        .iter()
        .filter_map(|(key, name, unit)| {
            let value = summary.get(key)?.as_f64()?;
            let mut stat = json!({"displayName": name, "value": value});
            if !unit.is_empty() {
                stat["unit"] = json!(unit);
            }
            Some(stat)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_becomes_named_values_with_units() {
        let loki = json!({"summary": {"totalLinesProcessed": 468, "execTime": 0.012, "other": 1},
                          "querier": {"store": {}}});
        let stats = query_stats(&loki);
        assert_eq!(
            stats,
            vec![
                json!({"displayName": "Summary: total lines processed", "value": 468.0}),
                json!({"displayName": "Summary: exec time", "value": 0.012, "unit": "s"}),
            ]
        );
        assert!(query_stats(&json!({})).is_empty());
        assert!(query_stats(&json!({"summary": {"execTime": "soon"}})).is_empty());
    }
}
