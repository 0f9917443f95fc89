//! Redaction of what leaves for an LLM. Log lines, label and field values,
//! template examples, error texts and questions can carry secrets; before a
//! prompt leaves, each secret becomes a placeholder (`REDACTED_EMAIL_1`),
//! the same one for the same value within a request. What the model writes
//! back (a query, an answer) gets the real values again, so a filter on a
//! masked value still works and only the user sees the values.
//!
//! Found: private keys, credentials in URLs, authorization headers, bearer
//! tokens, well-known API key shapes, JWTs, `password=`/`token=`/`api_key=`
//! style fields, e-mail addresses; optionally IP addresses and user names.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// What to mask. Secrets and e-mail addresses by default; IP addresses and
/// user names when the operator asks (they are often what a question is
/// about, and masking them costs the model context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedactionConfig {
    pub secrets: bool,
    pub emails: bool,
    pub ips: bool,
    pub users: bool,
}

impl Default for RedactionConfig {
    fn default() -> Self {
        RedactionConfig {
            secrets: true,
            emails: true,
            ips: false,
            users: false,
        }
    }
}

impl RedactionConfig {
    /// Nothing masked (`--no-redact`).
    pub fn off() -> RedactionConfig {
        RedactionConfig {
            secrets: false,
            emails: false,
            ips: false,
            users: false,
        }
    }

    pub fn is_off(&self) -> bool {
        *self == RedactionConfig::off()
    }
}

/// The kinds of value masked, each a rule: the pattern and which capture
/// group is the value (the rest, e.g. `password=`, stays for context).
struct Rule {
    kind: &'static str,
    re: Regex,
    group: usize,
}

fn rule(kind: &'static str, pattern: &str, group: usize) -> Rule {
    Rule {
        kind,
        re: Regex::new(pattern).expect("a valid redaction pattern"),
        group,
    }
}

/// Secret rules, most specific first: a private key block before the
/// words inside it, a URL's credentials before the e-mail-like `user@host`.
static SECRET_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            "PRIVATE_KEY",
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
            0,
        ),
        rule(
            "CREDENTIALS",
            r"[A-Za-z][A-Za-z0-9+.-]*://([^/\s:@]+:[^/\s@]+)@",
            1,
        ),
        rule(
            "TOKEN",
            r#"(?i)\b(?:proxy-)?authorization\s*[:=]\s*"?(?:bearer|basic|token|digest|negotiate)?\s*([^\s,;"']{6,})"#,
            1,
        ),
        rule("TOKEN", r"(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{8,})", 1),
        rule(
            "TOKEN",
            r"\b(sk-[A-Za-z0-9_-]{16,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})\b",
            1,
        ),
        rule(
            "TOKEN",
            r"\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})",
            1,
        ),
        rule(
            "SECRET",
            r#"(?i)\b[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)["']?\s*[=:]\s*["']?([^\s"',;&})\]]{4,})"#,
            1,
        ),
    ]
});

static EMAIL: LazyLock<Rule> = LazyLock::new(|| {
    rule(
        "EMAIL",
        r"\b([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b",
        1,
    )
});

static IP: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            "IP",
            r"\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b",
            1,
        ),
        rule(
            "IP",
            r"(?i)(?:^|[^0-9a-z:])((?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4})?)",
            1,
        ),
    ]
});

static USER: LazyLock<Rule> = LazyLock::new(|| {
    rule(
        "USER",
        r#"(?i)\b(?:user(?:name)?|login|account)["']?(?:\s*[=:]\s*["']?|\s+)([A-Za-z0-9][A-Za-z0-9._-]{1,63})"#,
        1,
    )
});

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"REDACTED_[A-Z_]+?_\d+").expect("a valid placeholder pattern"));

/// Values a `password=`-style rule should leave alone: they say nothing.
fn is_trivial(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "none" | "nil" | "empty" | "****" | "*****" | "******"
    ) || value.starts_with("REDACTED_")
        || value.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

/// Masks values in text going out and puts them back in text coming in.
/// One per request: placeholders are numbered per kind as values appear.
#[derive(Debug, Default, Clone)]
pub struct Redactor {
    config: RedactionConfig,
    placeholder_of: HashMap<String, String>,
    value_of: HashMap<String, String>,
    counts: HashMap<&'static str, usize>,
}

impl Redactor {
    pub fn new(config: RedactionConfig) -> Redactor {
        Redactor {
            config,
            ..Redactor::default()
        }
    }

    pub fn config(&self) -> RedactionConfig {
        self.config
    }

    /// How many distinct values were masked.
    pub fn masked(&self) -> usize {
        self.value_of.len()
    }

    fn placeholder(&mut self, kind: &'static str, value: &str) -> String {
        if let Some(p) = self.placeholder_of.get(value) {
            return p.clone();
        }
        let n = self.counts.entry(kind).or_insert(0);
        *n += 1;
        let p = format!("REDACTED_{kind}_{n}");
        self.placeholder_of.insert(value.to_string(), p.clone());
        self.value_of.insert(p.clone(), value.to_string());
        p
    }

    fn apply(&mut self, rule: &Rule, text: &str) -> String {
        if !rule.re.is_match(text) {
            return text.to_string();
        }
        rule.re
            .replace_all(text, |c: &Captures<'_>| {
                let whole = c.get(0).expect("a match");
                let Some(value) = c.get(rule.group) else {
                    return whole.as_str().to_string();
                };
                // A value already masked (or holding a placeholder) stays.
                if value.as_str().contains("REDACTED_")
                    || (rule.kind == "SECRET" && is_trivial(value.as_str()))
                {
                    return whole.as_str().to_string();
                }
                let p = self.placeholder(rule.kind, value.as_str());
                let before = &text[whole.start()..value.start()];
                let after = &text[value.end()..whole.end()];
                format!("{before}{p}{after}")
            })
            .into_owned()
    }

    /// `text` with every configured kind of value masked.
    pub fn redact(&mut self, text: &str) -> String {
        let mut out = text.to_string();
        if self.config.secrets {
            for r in SECRET_RULES.iter() {
                out = self.apply(r, &out);
            }
        }
        if self.config.emails {
            out = self.apply(&EMAIL, &out);
        }
        if self.config.ips {
            for r in IP.iter() {
                out = self.apply(r, &out);
            }
        }
        if self.config.users {
            out = self.apply(&USER, &out);
        }
        out
    }

    /// `text` with this request's placeholders replaced by their values;
    /// placeholders it never made are left as they are.
    pub fn restore(&self, text: &str) -> String {
        if self.value_of.is_empty() || !text.contains("REDACTED_") {
            return text.to_string();
        }
        PLACEHOLDER
            .replace_all(text, |c: &Captures<'_>| {
                self.value_of
                    .get(&c[0])
                    .cloned()
                    .unwrap_or_else(|| c[0].to_string())
            })
            .into_owned()
    }

    /// How much of the end of a streamed piece might be the start of a
    /// placeholder, to hold back until the next piece.
    pub fn pending_tail(text: &str) -> usize {
        const HEAD: &str = "REDACTED_";
        if let Some(at) = text.rfind(HEAD) {
            let rest = &text[at + HEAD.len()..];
            if rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            {
                return text.len() - at;
            }
        }
        (1..HEAD.len())
            .rev()
            .find(|&n| text.ends_with(&HEAD[..n]))
            .unwrap_or(0)
    }
}

/// A URL fit for messages and logs: credentials in it are removed.
pub fn redacted_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => "(an unparsable URL)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> RedactionConfig {
        RedactionConfig {
            secrets: true,
            emails: true,
            ips: true,
            users: true,
        }
    }

    #[test]
    fn each_kind_of_secret_is_masked_and_comes_back() {
        let lines = [
            ("login ok password=hunter2secret retries=0", "hunter2secret"),
            (
                "GET https://bob:s3cr3tpass@repo.example.com/x",
                "bob:s3cr3tpass",
            ),
            (
                "Authorization: Bearer abcdef0123456789xyz",
                "abcdef0123456789xyz",
            ),
            (
                "calling with key sk-proj0123456789abcdefghij",
                "sk-proj0123456789abcdefghij",
            ),
            ("aws key AKIAABCDEFGHIJKLMNOP used", "AKIAABCDEFGHIJKLMNOP"),
            (
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
            ),
            (
                r#"{"api_key":"zx81-secret-value","n":1}"#,
                "zx81-secret-value",
            ),
            (
                "mail from alice.smith@example.org rejected",
                "alice.smith@example.org",
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                "MIIEowIBAAKCAQEA",
            ),
        ];
        for (line, secret) in lines {
            let mut r = Redactor::new(RedactionConfig::default());
            let out = r.redact(line);
            assert!(!out.contains(secret), "{line:?} became {out:?}");
            assert!(out.contains("REDACTED_"), "{out}");
            assert_eq!(r.restore(&out), line);
        }
    }

    #[test]
    fn placeholders_are_stable_within_a_request() {
        let mut r = Redactor::new(RedactionConfig::default());
        let a = r.redact("from bob@example.com");
        let b = r.redact("to carol@example.com and bob@example.com");
        assert_eq!(a, "from REDACTED_EMAIL_1");
        assert_eq!(b, "to REDACTED_EMAIL_2 and REDACTED_EMAIL_1");
        // The model's query with a placeholder runs with the real value.
        let query = r#"{app="mail"} |= "REDACTED_EMAIL_2""#;
        assert_eq!(r.restore(query), r#"{app="mail"} |= "carol@example.com""#);
        // A placeholder it never made stays as written.
        assert_eq!(r.restore("REDACTED_EMAIL_9"), "REDACTED_EMAIL_9");
    }

    #[test]
    fn ips_and_users_only_when_asked() {
        let line = "Failed password for user=deploy from 203.0.113.5 port 22";
        let mut default = Redactor::new(RedactionConfig::default());
        assert_eq!(default.redact(line), line);
        let mut r = Redactor::new(all());
        let out = r.redact(line);
        assert!(
            !out.contains("203.0.113.5") && !out.contains("deploy"),
            "{out}"
        );
        assert_eq!(r.restore(&out), line);
        let mut v6 = Redactor::new(all());
        assert!(!v6.redact("peer 2001:db8::1 down").contains("2001:db8::1"));
    }

    #[test]
    fn ordinary_text_and_empty_values_are_left_alone() {
        let mut r = Redactor::new(RedactionConfig::default());
        for line in [
            "password=true reset requested",
            "token refresh took 35ms",
            "Received block blk_123 of size 67108864 from 10.0.0.1",
            "sum by (host)(rate({app=\"api\"}[5m]))",
        ] {
            assert_eq!(r.redact(line), line);
        }
        assert_eq!(r.masked(), 0);
        assert_eq!(
            Redactor::new(RedactionConfig::off()).redact("password=abcdef"),
            "password=abcdef"
        );
    }

    #[test]
    fn a_stream_holds_back_only_what_may_be_a_placeholder() {
        assert_eq!(Redactor::pending_tail("the user REDAC"), 5);
        assert_eq!(Redactor::pending_tail("the user REDACTED_EMA"), 12);
        assert_eq!(Redactor::pending_tail("the user REDACTED_EMAIL_1"), 16);
        assert_eq!(Redactor::pending_tail("key REDACTED_PRIVATE_KEY_"), 21);
        assert_eq!(Redactor::pending_tail("Rows read"), 0);
        assert_eq!(Redactor::pending_tail("no capital"), 0);
    }
}
