//! Loading logs into Loki through `/loki/api/v1/push` (JSON), in batches,
//! reporting what Loki accepted and what it rejected and why.
//!
//! Pushing the same entries twice is safe when they are identical (same
//! stream, timestamp and line): Loki keeps one copy. What is not safe is
//! pushing entries far behind a stream's newest one: Loki refuses them ("entry
//! too far behind"). So with `resume`, a push first asks Loki for the newest
//! entry it already holds in each stream's time span; when that entry is one
//! of ours, everything before it was pushed by an earlier run (a push goes
//! oldest first) and only the rest is sent.

use std::fmt;
use std::time::Duration;

use serde_json::{json, Value};

use super::{LokiClient, LokiError};
use crate::engine::store::StreamData;
use crate::engine::Store;
use crate::source::{Direction, QueryResult, RangeQuery};

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
    /// Ask Loki what it already holds of each stream and send only the
    /// rest (see the module's documentation).
    pub resume: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch_entries: 5000,
            batch_bytes: 1 << 20,
            shift_to: None,
            resume: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    pub batches: usize,
    pub accepted: usize,
    pub rejected: usize,
    /// Entries not sent because Loki held them already (`resume`).
    pub already_in_loki: usize,
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
        if self.already_in_loki > 0 {
            writeln!(
                f,
                "{} entries were in Loki already (an earlier push of the same entries) and were not sent again",
                self.already_in_loki
            )?;
        }
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
            if opts.resume {
                start = self.resume_point(stream, shift).await?;
                report.already_in_loki += start;
            }
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

    /// Whether Loki holds any entry in the time span of any of `store`'s
    /// streams once shifted by `shift` nanoseconds.
    pub async fn holds_any(&self, store: &Store, shift: i64) -> Result<bool, LokiError> {
        for stream in store.streams() {
            if self.newest_held(stream, shift).await?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The newest entry Loki holds of `stream`'s selector inside the
    /// stream's (shifted) time span.
    async fn newest_held(
        &self,
        stream: &StreamData,
        shift: i64,
    ) -> Result<Option<(i64, String)>, LokiError> {
        let ts = stream.timestamps();
        let (Some(first), Some(last)) = (ts.first(), ts.last()) else {
            return Ok(None);
        };
        let (start, end) = (first + shift, last + shift + 1);
        let q = RangeQuery {
            query: stream.labels.to_string(),
            start,
            end,
            // A log query ignores the step, but Loki still checks it.
            step: super::split::choose_step(start, end, None),
            limit: 1,
            direction: Direction::Backward,
        };
        let newest = match self.query_range(&q).await?.result {
            QueryResult::Streams(streams) => streams
                .into_iter()
                .flat_map(|s| s.entries)
                .max_by_key(|e| e.ts)
                .map(|e| (e.ts, e.line)),
            _ => None,
        };
        Ok(newest)
    }

    /// How many of `stream`'s entries (shifted by `shift`) an earlier push
    /// delivered: those before the newest entry Loki holds in the stream's
    /// span, when that entry is one of ours. Entries at its timestamp are
    /// sent again (Loki keeps one copy of identical entries), so an
    /// interrupted batch is completed, not skipped.
    async fn resume_point(&self, stream: &StreamData, shift: i64) -> Result<usize, LokiError> {
        let Some((t, line)) = self.newest_held(stream, shift).await? else {
            return Ok(0);
        };
        let ts = stream.timestamps();
        let from = ts.partition_point(|&x| x + shift < t);
        let ours = (from..ts.len())
            .take_while(|&i| ts[i] + shift == t)
            .any(|i| stream.line(i) == line);
        if ours {
            Ok(from)
        } else {
            tracing::info!(
                stream = %stream.labels,
                "Loki holds other entries in this stream's span; pushing all of it"
            );
            Ok(0)
        }
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
