//! Words that name an HTTP status by its meaning: "throttled" requests
//! are 429s, "forbidden" ones 403s. These are the reason phrases of the
//! HTTP standard (RFC 9110, RFC 6585) and the words operators use for
//! them, not words of any one log; the grounder applies them only where a
//! field holds status codes and the messages do not say the word
//! themselves.

/// The meanings, as runs of lower-case words (a trailing `*` takes any
/// inflection of the word: `throttl*` is "throttled", "throttling").
const MEANINGS: &[(&[&str], u16)] = &[
    (&["too", "many", "requests"], 429),
    (&["rate", "limit*"], 429),
    (&["rate-limit*"], 429),
    (&["ratelimit*"], 429),
    (&["throttl*"], 429),
    (&["unauthorized"], 401),
    (&["unauthorised"], 401),
    (&["unauthenticated"], 401),
    (&["forbidden"], 403),
    (&["not", "found"], 404),
    (&["payload", "too", "large"], 413),
    (&["bad", "gateway"], 502),
    (&["service", "unavailable"], 503),
    (&["gateway", "timeout*"], 504),
];

/// The status a run of words starting at the first one names, and how
/// many words it took.
pub fn named_status(words: &[&str]) -> Option<(u16, usize)> {
    MEANINGS
        .iter()
        .filter(|(phrase, _)| phrase.len() <= words.len())
        .find(|(phrase, _)| phrase.iter().zip(words).all(|(p, w)| matches(p, w)))
        .map(|(phrase, code)| (*code, phrase.len()))
}

fn matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanings_name_their_codes() {
        assert_eq!(named_status(&["throttled", "the"]), Some((429, 1)));
        assert_eq!(named_status(&["rate", "limited"]), Some((429, 2)));
        assert_eq!(named_status(&["rate-limited"]), Some((429, 1)));
        assert_eq!(named_status(&["not", "found", "errors"]), Some((404, 2)));
        assert_eq!(named_status(&["gateway", "timeouts"]), Some((504, 2)));
        assert_eq!(named_status(&["forbidden"]), Some((403, 1)));
    }

    #[test]
    fn other_words_name_nothing() {
        assert_eq!(named_status(&["rate"]), None);
        assert_eq!(named_status(&["not"]), None);
        assert_eq!(named_status(&["gateway"]), None);
        assert_eq!(named_status(&["found"]), None);
        assert_eq!(named_status(&[]), None);
    }
}
