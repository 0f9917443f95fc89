//! Scoring one message on its own: no header, level or neighbours needed.
//! The cue tables ([`super::cues`]) and parameter shapes
//! ([`super::shapes`]) give weighted hits; the level (from the header, or
//! the message's own first tokens) adds its weight; the sum is a log-odds
//! that the line reports a failure, before any context.

use serde::Serialize;

use super::classes::FailureClass;
use super::cues::{self, Hit, STRONG};
use super::severity::{self, Level};
use super::shapes;
use super::views;

/// Log-odds of a line with nothing to say: most lines are routine. A
/// phrase that names a failure (3.5 and up) alone brings a line to even
/// odds; a common word ("error", "failed") alone does not.
pub const PRIOR: f64 = -3.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageScore {
    /// Prior + evidence + level: log-odds of a failure, before context.
    pub logit: f64,
    /// The failure evidence (≥ 0) and the benign evidence (≥ 0).
    pub failure: f64,
    pub benign: f64,
    pub level: Option<Level>,
    /// The kind of failure it reads as, when it reads as one.
    pub class: Option<FailureClass>,
    /// The cues that counted, failures first.
    pub hits: Vec<Hit>,
}

/// Strongest first, each further one counting half the one before: three
/// ways of saying "timed out" are not three times the evidence.
fn diminishing(mut weights: Vec<f64>) -> f64 {
    weights.sort_by(|a, b| b.total_cmp(a));
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| w / f64::from(1u32 << i.min(16)))
        .sum()
}

/// Score a message; `header_level` is the level its header gave, if any.
pub fn score(message: &str, header_level: Option<&str>) -> MessageScore {
    let from_text = severity::from_text(message);
    let level = header_level
        .and_then(Level::parse)
        .or(from_text.as_ref().map(|(l, _)| *l));
    let v = views::views(message, from_text.map(|(_, r)| r));
    let mut hits = cues::hits(&v);
    hits.extend(shapes::hits(message, &v.plain));
    // A specific failure overrides the benign readings that yield to it.
    let strong = hits.iter().any(|h| h.weight >= STRONG);
    hits.retain(|h| !(strong && h.yields));
    // Common words add little beside a phrase that names the failure (and
    // often contains them: "mount failed" is also "failed").
    let positive = |specific: bool| {
        diminishing(
            hits.iter()
                .filter(|h| h.weight > 0.0 && h.specific == specific)
                .map(|h| h.weight)
                .collect(),
        )
    };
    let (named, common) = (positive(true), positive(false));
    let failure = if named > 0.0 {
        named + 0.25 * common
    } else {
        common
    };
    let benign = diminishing(
        hits.iter()
            .filter(|h| h.weight < 0.0)
            .map(|h| -h.weight)
            .collect(),
    );
    let logit = PRIOR + failure - benign + level.map_or(0.0, Level::weight);
    let class = (failure - benign >= 2.0).then(|| {
        hits.iter()
            .filter(|h| h.weight > 0.0 && h.class.is_some())
            .fold(None::<&Hit>, |best, h| match best {
                Some(b) if b.weight >= h.weight => Some(b),
                _ => Some(h),
            })
            .and_then(|h| h.class)
            .unwrap_or(FailureClass::Other)
    });
    hits.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    MessageScore {
        logit,
        failure,
        benign,
        level,
        class,
        hits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strong_cue_alone_reaches_even_odds_and_yielding_cues_give_way() {
        let s = score(
            "kernel: EXT4-fs error (device sda3): ext4_lookup: deleted inode referenced",
            None,
        );
        assert!(s.logit >= 0.0, "{s:?}");
        assert_eq!(s.class, Some(FailureClass::Storage));
        // A missing file is the caller's problem, unless a library failed to load.
        let s = score(
            "open() \"/srv/www/favicon.ico\" failed (2: No such file or directory)",
            None,
        );
        assert!(s.logit < 0.0, "{s:?}");
        let s = score("PAM unable to dlopen(/lib/security/pam_x.so): cannot open shared object file: No such file or directory", None);
        assert!(s.logit >= 0.0, "{s:?}");
    }

    #[test]
    fn the_level_weighs_but_does_not_decide() {
        let info = score("backup job nightly failed", Some("INFO")).logit;
        let error = score("backup job nightly failed", Some("ERROR")).logit;
        assert!(error > info);
        assert!(score("registered handler for errors", Some("ERROR")).logit < 0.0);
        assert!(
            score(
                "DEBUG registered exception mapping IllegalArgumentException -> 400",
                None
            )
            .logit
                < -4.0
        );
    }

    #[test]
    fn evidence_diminishes() {
        assert_eq!(diminishing(vec![2.0, 4.0, 4.0]), 4.0 + 2.0 + 0.5);
        assert_eq!(diminishing(vec![]), 0.0);
    }
}
