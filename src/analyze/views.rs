//! Two views of a message for the cue tables to read.
//!
//! * `plain`: the message with failure words that a zero or "no" quantifies
//!   ("0 errors", "failed: 0", "no data loss", "0% packet loss") replaced by
//!   a marker, since a count of nothing reports that nothing went wrong.
//! * `prose`: `plain` with identifiers masked (paths, dotted and snake_case
//!   names, camelCase, `key=` keys, long hyphenated names) and the level
//!   token removed, so that `TimeoutError -> 504`, `errorHandler`,
//!   `retry_on_timeout=true` or `/templates/errors` do not read as the
//!   words they contain, and "not ready" reads as one bad state.

use std::sync::OnceLock;

use regex::Regex;

/// What replaces a zero-quantified failure phrase.
pub const NONE_MARK: &str = " zerocount ";
/// What replaces "not ready", "no healthy", "not OK"...
pub const NOT_GOOD_MARK: &str = " notgoodstate ";
/// What replaces an identifier in the prose view.
const ID_MARK: &str = "ID";

pub struct Views {
    pub plain: String,
    pub prose: String,
}

fn fixed(cell: &'static OnceLock<Regex>, src: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(src).expect("a fixed regex"))
}

/// Failure nouns a count can quantify.
const FAILURE_NOUNS: &str = r"errors?|failures?|failed|faults?|warnings?|exceptions?|crash(?:es)?|timeouts?|drops?|dropped|lost|loss|rejected|rejects?|rejections?|mismatch(?:es)?|issues?|problems?|corrupt\w*|bad \w+|data loss";

fn zero_counts(text: &str) -> String {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    static PERCENT: OnceLock<Regex> = OnceLock::new();
    let before = fixed(
        &BEFORE,
        &format!(
            r"(?i)\b(?:0|no|zero|without(?: any)?)\s+(?:[\w-]+\s+){{0,2}}?(?:{FAILURE_NOUNS})\b"
        ),
    );
    let after = fixed(
        &AFTER,
        &format!(
            r"(?i)\b(?:{FAILURE_NOUNS}|error count|errors? found|mismatch(?:es)? found)\s*[:=]?\s*0\b"
        ),
    );
    let percent = fixed(&PERCENT, r"(?i)\b0(?:\.0+)?\s*%\s+(?:packet\s+)?loss\b");
    let t = percent.replace_all(text, NONE_MARK);
    // A zero that ends a dotted number (0.0.0.0, 1.0) counts nothing.
    let t = before
        .replace_all(&t, |c: &regex::Captures| {
            let m = c.get(0).expect("whole match");
            let prev = t[..m.start()].chars().next_back();
            if prev.is_some_and(|ch| ch == '.' || ch == ',' || ch == ':' || ch.is_ascii_digit()) {
                m.as_str().to_string()
            } else {
                NONE_MARK.to_string()
            }
        })
        .into_owned();
    // "0" followed by a decimal point or digits is no zero ("failed 0.5").
    after
        .replace_all(&t, |c: &regex::Captures| {
            let m = c.get(0).expect("whole match");
            if t[m.end()..].starts_with(['.', ','])
                && t[m.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                m.as_str().to_string()
            } else {
                NONE_MARK.to_string()
            }
        })
        .into_owned()
}

fn not_good(text: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    fixed(
        &RE,
        r"(?i)\b(?:not|no|never|non)[ -](?:ok|okay|ready|healthy|available|running|responding|connected|established|reachable|up|operational|functional|live)\b",
    )
    .replace_all(text, NOT_GOOD_MARK)
    .into_owned()
}

/// Whether a token (stripped of surrounding punctuation) names something
/// rather than saying something.
fn identifier(core: &str) -> bool {
    let b = core.as_bytes();
    let inner = |c: u8| {
        b.windows(3)
            .any(|w| w[1] == c && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric())
    };
    let camel = b
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let hyphens = core.matches('-').count();
    inner(b'_') || inner(b'.') || core.contains('/') || core.contains("::") || camel || hyphens >= 2
}

fn mask_identifiers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, token) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // `key=value`: the key names, the value may say (state=failed).
        let (key, value) = match token.split_once('=') {
            Some((k, v)) if !k.is_empty() => (Some(k), v),
            _ => (None, token),
        };
        if key.is_some() {
            out.push_str(ID_MARK);
            out.push('=');
        }
        let trim = |c: char| !c.is_alphanumeric();
        let core = value.trim_matches(trim);
        if !core.is_empty() && identifier(core) {
            let start = value.find(core).unwrap_or(0);
            out.push_str(&value[..start]);
            out.push_str(ID_MARK);
            out.push_str(&value[start + core.len()..]);
        } else {
            out.push_str(value);
        }
    }
    out
}

/// Both views; `level` is the byte range of the message's own level token,
/// if any, which the prose view blanks (the level is weighed on its own).
pub fn views(message: &str, level: Option<std::ops::Range<usize>>) -> Views {
    let plain = zero_counts(message);
    let mut for_prose = message.to_string();
    if let Some(r) = level {
        if r.end <= for_prose.len()
            && for_prose.is_char_boundary(r.start)
            && for_prose.is_char_boundary(r.end)
        {
            for_prose.replace_range(r, " ");
        }
    }
    let prose = mask_identifiers(&not_good(&zero_counts(&for_prose)));
    Views { plain, prose }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_nothing_are_not_failures() {
        for (m, gone) in [
            (
                "scan complete: 0 errors, 0 warnings, 1412 files checked",
                "errors",
            ),
            (
                "Tests run: 412, Failures: 0, Errors: 0, Skipped: 2",
                "Errors",
            ),
            ("fsck: no errors found", "errors"),
            ("3 packets transmitted, 3 received, 0% packet loss", "loss"),
            ("failover completed in 4.1s, no data loss", "loss"),
            ("imported 88112 rows, skipped 0, failed 0", "failed"),
        ] {
            let v = views(m, None);
            assert!(!v.plain.contains(gone), "{m} -> {}", v.plain);
        }
        assert!(views("failed 0.5% of requests", None)
            .plain
            .contains("failed"));
        assert!(views("3 errors in 10 files", None).plain.contains("errors"));
        assert!(views("Bind to port 22 on 0.0.0.0 failed", None)
            .plain
            .contains("failed"));
    }

    #[test]
    fn identifiers_do_not_speak_but_their_values_do() {
        let v = views(
            "registered handler for TimeoutError -> 504 in app.errors",
            None,
        );
        assert!(
            !v.prose.contains("Timeout") && !v.prose.contains("errors"),
            "{}",
            v.prose
        );
        let v = views("config: retry_on_timeout=true state=failed", None);
        assert!(
            !v.prose.contains("timeout") && v.prose.contains("failed"),
            "{}",
            v.prose
        );
        let v = views("loaded 14 templates from /srv/app/templates/errors", None);
        assert!(!v.prose.contains("errors"), "{}", v.prose);
        let v = views("upstream timed out (110: Connection timed out)", None);
        assert!(v.prose.contains("timed out"), "{}", v.prose);
        assert!(views("pod is not ready", None)
            .prose
            .contains(NOT_GOOD_MARK.trim()));
    }

    #[test]
    fn the_level_token_leaves_the_prose() {
        let m = "2024-01-01 12:00:00 ERROR worker stopped";
        let at = m.find("ERROR").unwrap();
        let v = views(m, Some(at..at + 5));
        assert!(!v.prose.contains("ERROR") && v.plain.contains("ERROR"));
    }
}
