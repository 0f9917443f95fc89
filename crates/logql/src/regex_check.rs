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
    Regex::new(re).map_err(|e| describe(&e.to_string()))
}

/// Compile a label matcher's regex, anchored at both ends as Prometheus does.
pub fn compile_anchored(re: &str) -> Result<Regex, String> {
    Regex::new(&anchored(re)).map_err(|e| describe(&e.to_string()))
}

fn anchored(re: &str) -> String {
    format!("^(?s:{re})$")
}

/// Check a regex's syntax without compiling it.
pub fn validate(re: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(re)
        .map_err(|e| describe(&e.to_string()))
}

/// Check an anchored label-matcher regex without compiling it.
pub fn validate_anchored(re: &str) -> Result<Hir, String> {
    validate(&anchored(re))
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
    fn errors_stay_on_one_line() {
        let e = validate("(").unwrap_err();
        assert!(e.starts_with("error parsing regexp:"), "{e}");
        assert!(!e.contains('\n'));
        assert!(check_named_captures("(a)").is_err());
        assert!(check_named_captures("(?P<x>a)").is_ok());
        assert!(check_named_captures("(?:(?P<x>a))+").is_ok());
    }
}
