//! Regular expressions as LogQL uses them (RE2 syntax, which Rust's `regex`
//! crate follows closely).

use regex::Regex;

/// Compile an unanchored regex, as line filters use it.
pub fn compile(re: &str) -> Result<Regex, String> {
    Regex::new(re).map_err(|e| describe(&e))
}

/// Compile a label matcher's regex, anchored at both ends as Prometheus does.
pub fn compile_anchored(re: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?s:{re})$")).map_err(|e| describe(&e))
}

/// The `regexp` parser stage needs at least one named capture group.
pub fn check_named_captures(re: &str) -> Result<Regex, String> {
    let compiled = compile(re)?;
    if compiled.capture_names().flatten().next().is_none() {
        return Err("at least one named capture must be supplied".into());
    }
    Ok(compiled)
}

fn describe(e: &regex::Error) -> String {
    // The regex crate's messages span several lines; keep errors on one line.
    let text = e.to_string();
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
    fn errors_stay_on_one_line() {
        let e = compile("(").unwrap_err();
        assert!(e.starts_with("error parsing regexp:"), "{e}");
        assert!(!e.contains('\n'));
        assert!(check_named_captures("(a)").is_err());
        assert!(check_named_captures("(?P<x>a)").is_ok());
    }
}
