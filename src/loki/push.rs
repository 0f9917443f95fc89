//! Loading logs into Loki through `/loki/api/v1/push` (JSON), in batches,
//! reporting what Loki accepted and what it rejected and why.

use std::fmt;
use std::time::Duration;

use serde_json::{json, Value};

use super::{LokiClient, LokiError};
use crate::engine::Store;

#[derive(Debug, Clone, Copy)]
pub struct PushOptions {
    /// Entries per request at most.
    pub batch_entries: usize,
    /// Line bytes per request at most (Loki's default gRPC and rate limits
    /// favour small pushes).
    pub batch_bytes: usize,
    /// Move all timestamps so that the newest entry is `Some(now)`: Loki
    /// rejects entries older than `reject_old_samples_max_age`.
    pub shift_to: Option<i64>,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch_entries: 5000,
            batch_bytes: 1 << 20,
            shift_to: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    pub batches: usize,
    pub accepted: usize,
    pub rejected: usize,
    /// Distinct reasons Loki gave, with how many batches gave each.
    pub reasons: Vec<(String, usize)>,
    pub shifted_by_ns: i64,
}

impl fmt::Display for PushReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "pushed {} batches: {} entries accepted, {} rejected",
            self.batches, self.accepted, self.rejected
        )?;
        if self.shifted_by_ns != 0 {
            writeln!(
                f,
                "timestamps were shifted by {} so the newest entry is now",
                crate::logql::duration::format_go_duration(self.shifted_by_ns)
            )?;
        }
        for (reason, n) in &self.reasons {
            writeln!(f, "rejected ({n} batch(es)): {reason}")?;
        }
        if self.reasons.iter().any(|(r, _)| {
            r.contains("too old") || r.contains("too far behind") || r.contains("out of order")
        }) {
            writeln!(
                f,
                "hint: Loki refuses entries older than reject_old_samples_max_age (a week by default) and, per stream, entries far behind the newest; push again with --shift-to-now to move the logs to the present"
            )?;
        }
        Ok(())
    }
}

impl PushReport {
    fn reject(&mut self, n: usize, reason: String) {
        self.rejected += n;
        match self.reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += 1,
            None => self.reasons.push((reason, 1)),
        }
    }
}

impl LokiClient {
    /// Push every entry of `store`. Batches Loki refuses are reported, not
    /// fatal; a connection or auth failure stops the push.
    pub async fn push_store(
        &self,
        store: &Store,
        opts: PushOptions,
    ) -> Result<PushReport, LokiError> {
        let mut report = PushReport::default();
        if let (Some(now), Some((_, newest))) = (opts.shift_to, store.time_span()) {
            report.shifted_by_ns = now - newest;
        }
        let shift = report.shifted_by_ns;
        for stream in store.streams() {
            let labels = stream.labels.to_json();
            let ts = stream.timestamps();
            let mut start = 0;
            while start < stream.len() {
                let mut end = start;
                let mut bytes = 0;
                while end < stream.len()
                    && end - start < opts.batch_entries
                    && (bytes == 0 || bytes + stream.line(end).len() <= opts.batch_bytes)
                {
                    bytes += stream.line(end).len();
                    end += 1;
                }
                let values: Vec<Value> = (start..end)
                    .map(|i| {
                        let t = (ts[i] + shift).to_string();
                        let meta = stream.metadata(i);
                        if meta.is_empty() {
                            json!([t, stream.line(i)])
                        } else {
                            let m: serde_json::Map<String, Value> = meta
                                .into_iter()
                                .map(|(k, v)| (k, Value::String(v)))
                                .collect();
                            json!([t, stream.line(i), m])
                        }
                    })
                    .collect();
                let body = json!({"streams": [{"stream": labels, "values": values}]});
                report.batches += 1;
                let n = end - start;
                match self.push_body(&body).await {
                    Ok(()) => report.accepted += n,
                    Err(PushError::Rejected(msg)) => {
                        let ignored = partially_ignored(&msg).unwrap_or(n).min(n);
                        report.accepted += n - ignored;
                        report.reject(ignored, first_reason(&msg));
                    }
                    Err(PushError::Fatal(e)) => return Err(e),
                }
                start = end;
            }
        }
        Ok(report)
    }

    /// One push request; 429 (nothing was taken) is retried after
    /// `Retry-After`, everything else is reported.
    async fn push_body(&self, body: &Value) -> Result<(), PushError> {
        let policy = self.config.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let resp = self
                .request(reqwest::Method::POST, "loki/api/v1/push")
                .map_err(PushError::Fatal)?
                .json(body)
                .send()
                .await
                .map_err(|e| PushError::Fatal(self.transport(e, attempt)))?;
            let status = resp.status().as_u16();
            if resp.status().is_success() {
                return Ok(());
            }
            let retry_after = crate::retry::retry_after(resp.headers());
            let text = resp.text().await.unwrap_or_default();
            match status {
                400 | 413 => return Err(PushError::Rejected(text.trim().to_string())),
                429 if attempt < policy.attempts.max(5) => {
                    let delay = retry_after
                        .unwrap_or(Duration::from_secs(1))
                        .min(policy.max_delay);
                    tracing::info!(?delay, "Loki is rate limiting the push; waiting");
                    tokio::time::sleep(delay).await;
                }
                _ => {
                    return Err(PushError::Fatal(LokiError::from_status(
                        status,
                        &text,
                        "loki/api/v1/push",
                        attempt,
                    )))
                }
            }
        }
    }
}

enum PushError {
    Rejected(String),
    Fatal(LokiError),
}

/// Loki's partial rejections end with `total ignored: N out of M`.
fn partially_ignored(msg: &str) -> Option<usize> {
    let rest = msg.rsplit("total ignored: ").next()?;
    if rest.len() == msg.len() {
        return None;
    }
    rest.split_whitespace().next()?.parse().ok()
}

/// The first line of Loki's message, without per-entry timestamps, so that
/// similar rejections group together.
fn first_reason(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg);
    match first.find("reason: ") {
        Some(i) => first[i + "reason: ".len()..]
            .trim_matches(|c| c == '\'' || c == ',')
            .split(" for stream")
            .next()
            .unwrap_or(first)
            .trim_end_matches(['\'', ','])
            .to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lokis_rejections() {
        let msg = "entry with timestamp 2005-06-03 22:42:50 +0000 UTC ignored, reason: 'entry too far behind, entry timestamp is: 2005-06-03T22:42:50Z, oldest acceptable timestamp is: 2024-05-01T00:00:00Z' for stream: {app=\"bgl\"},\ntotal ignored: 1999 out of 2000";
        assert_eq!(partially_ignored(msg), Some(1999));
        assert!(
            first_reason(msg).starts_with("entry too far behind"),
            "{}",
            first_reason(msg)
        );
        assert_eq!(partially_ignored("error at stream"), None);
    }
}
