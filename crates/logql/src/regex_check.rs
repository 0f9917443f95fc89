//! Regular expressions as LogQL uses them (RE2 syntax, which Rust's `regex`
//! crate follows closely).
//!
//! Parsing only validates, so it uses `regex-syntax` without building a
//! matcher: compiling an automaton costs tens of microseconds per regex, far
//! more than the rest of a parse.

use regex::Regex;
use regex_syntax::hir::Hir;

/// Compile an unanchored regex, as line filters use it.
pub fn compile(re: &str) -> Result<Regex, String> {
    Regex::new(re).map_err(|e| go_error(re, &e.to_string()))
}

/// Compile a label matcher's regex, anchored at both ends as Prometheus does.
/// Errors quote the regex as written: Prometheus parses a matcher's regex
/// on its own before anchoring it.
pub fn compile_anchored(re: &str) -> Result<Regex, String> {
    Regex::new(&anchored(re)).map_err(|e| go_error(re, &e.to_string()))
}

fn anchored(re: &str) -> String {
    format!("^(?s:{re})$")
}

/// Check a regex's syntax without compiling it.
pub fn validate(re: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(re)
        .map_err(|e| go_error(re, &e.to_string()))
}

/// Check an anchored label-matcher regex without compiling it.
pub fn validate_anchored(re: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(&anchored(re))
        .map_err(|e| go_error(re, &e.to_string()))
}

/// Check a `label_replace` regex, which Loki compiles as `^(?:re)$`: its
/// errors quote that whole text.
pub fn validate_label_replace(re: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(&anchored(re))
        .map_err(|e| go_error(&format!("^(?:{re})$"), &e.to_string()))
}

/// Does an anchored matcher regex accept the empty string? Most regexes can
/// be decided from their minimum length; the rest are compiled.
pub fn anchored_matches_empty(re: &str) -> bool {
    match validate_anchored(re) {
        Ok(hir) if hir.properties().minimum_len().is_some_and(|n| n > 0) => false,
        Ok(_) => compile_anchored(re).is_ok_and(|r| r.is_match("")),
        Err(_) => false,
    }
}

/// The `regexp` parser stage needs at least one named capture group.
pub fn check_named_captures(re: &str) -> Result<(), String> {
    let hir = validate(re)?;
    if !has_named_capture(&hir) {
        return Err("at least one named capture must be supplied".into());
    }
    Ok(())
}

fn has_named_capture(hir: &Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => c.name.is_some() || has_named_capture(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(has_named_capture),
        HirKind::Repetition(r) => has_named_capture(&r.sub),
        _ => false,
    }
}

/// Go's message for a regex that does not parse, `error parsing regexp:
/// CODE: `TEXT``, where TEXT is the part Go quotes for that code
/// (regexp/syntax's `Error`), worked out from where the regex crate
/// stopped in `go_form`, the text Go parses. Errors without a Go
/// counterpart keep the regex crate's wording.
fn go_error(go_form: &str, fallback: &str) -> String {
    use regex_syntax::ast::ErrorKind as K;
    let Err(e) = regex_syntax::ast::parse::Parser::new().parse(go_form) else {
        return describe(fallback);
    };
    let span = e.span();
    let (start, end) = (span.start.offset, span.end.offset);
    let at = |a: usize, b: usize| go_form.get(a..b).unwrap_or("");
    // Where the `(?` of the group holding the error opens.
    let open = go_form.get(..start).and_then(|h| h.rfind("(?"));
    let (code, text) = match e.kind() {
        K::GroupUnclosed => ("missing closing )", go_form),
        K::GroupUnopened => ("unexpected )", go_form),
        K::ClassUnclosed => ("missing closing ]", at(start, go_form.len())),
        K::EscapeUnrecognized | K::UnsupportedBackreference => {
            ("invalid escape sequence", at(start, end))
        }
        K::EscapeUnexpectedEof => ("trailing backslash at end of expression", ""),
        K::RepetitionMissing => {
            // Go quotes the operator, with its `?` when lazy.
            let rest = at(start, go_form.len());
            let mut len = match rest.as_bytes().first() {
                Some(b'{') => rest.find('}').map_or(rest.len(), |i| i + 1),
                Some(_) => 1,
                None => 0,
            };
            if rest.as_bytes().get(len) == Some(&b'?') {
                len += 1;
            }
            (
                "missing argument to repetition operator",
                at(start, start + len),
            )
        }
        K::ClassRangeInvalid => ("invalid character class range", at(start, end)),
        K::RepetitionCountInvalid => ("invalid repeat count", at(start, end)),
        K::FlagUnrecognized | K::FlagDanglingNegation => (
            "invalid or unsupported Perl syntax",
            open.map_or("", |o| at(o, end)),
        ),
        K::UnsupportedLookAround => {
            let text = at(start, end);
            if text.starts_with("(?<") {
                // Go reads `(?<` as a named group: up to its `>`, if any.
                let rest = at(start, go_form.len());
                let name = rest.find('>').map_or(rest, |i| &rest[..=i]);
                ("invalid named capture", name)
            } else {
                ("invalid or unsupported Perl syntax", text)
            }
        }
        K::GroupNameEmpty | K::GroupNameInvalid | K::GroupNameUnexpectedEof => {
            // Go quotes the group's opening up to its `>`, if any.
            let rest = at(open.unwrap_or(start), go_form.len());
            let name = rest.find('>').map_or(rest, |i| &rest[..=i]);
            ("invalid named capture", name)
        }
        _ => return describe(fallback),
    };
    format!("error parsing regexp: {code}: `{text}`")
}

/// The regex crates' messages span several lines; keep errors on one line.
fn describe(text: &str) -> String {
    let last = text
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().trim_start_matches("error:").trim().to_string());
    format!(
        "error parsing regexp: {}",
        last.unwrap_or_else(|| text.lines().next().unwrap_or("invalid").to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_matchers_match_whole_values() {
        let re = compile_anchored("api|web").unwrap();
        assert!(re.is_match("api"));
        assert!(!re.is_match("xapi"));
    }

    #[test]
    fn empty_acceptance_is_decided() {
        assert!(anchored_matches_empty(".*"));
        assert!(anchored_matches_empty("a|"));
        assert!(anchored_matches_empty("(a)?"));
        assert!(!anchored_matches_empty(".+"));
        assert!(!anchored_matches_empty("api|web"));
    }

    #[test]
    fn errors_read_as_go_writes_them() {
        let e = |re: &str| validate(re).unwrap_err();
        assert_eq!(e("(a"), "error parsing regexp: missing closing ): `(a`");
        assert_eq!(e("a)"), "error parsing regexp: unexpected ): `a)`");
        assert_eq!(e("x[ab"), "error parsing regexp: missing closing ]: `[ab`");
        assert_eq!(
            e(r"a\qb"),
            r"error parsing regexp: invalid escape sequence: `\q`"
        );
        assert_eq!(
            e("*a"),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
        assert_eq!(
            e("a|+?"),
            "error parsing regexp: missing argument to repetition operator: `+?`"
        );
        assert_eq!(
            e("[z-a]"),
            "error parsing regexp: invalid character class range: `z-a`"
        );
        assert_eq!(
            e("(?=a)"),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"
        );
        assert_eq!(
            e("(?P<a-b>x)"),
            "error parsing regexp: invalid named capture: `(?P<a-b>`"
        );
        assert_eq!(
            e("a\\"),
            "error parsing regexp: trailing backslash at end of expression: ``"
        );
        // A matcher's regex is quoted as written, a label_replace one as
        // Loki anchors it.
        assert_eq!(
            validate_anchored("(x").unwrap_err(),
            "error parsing regexp: missing closing ): `(x`"
        );
        assert_eq!(
            validate_label_replace("(x").unwrap_err(),
            "error parsing regexp: missing closing ): `^(?:(x)$`"
        );
    }

    #[test]
    fn errors_stay_on_one_line() {
        let e = validate("(").unwrap_err();
        assert!(e.starts_with("error parsing regexp:"), "{e}");
        assert!(!e.contains('\n'));
        assert!(check_named_captures("(a)").is_err());
        assert!(check_named_captures("(?P<x>a)").is_ok());
        assert!(check_named_captures("(?:(?P<x>a))+").is_ok());
    }
}
