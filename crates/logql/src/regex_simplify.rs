//! Whether Loki can reduce a label filter's regex to literal matching.
//!
//! Loki prints `name=~"re"` when its regex simplifier turns the regex into
//! literal comparisons, and ``name=~`re` `` otherwise. This approximates Go's
//! rules: literals (optionally case-insensitive or in a group), the empty
//! regex, `.*`/`.+`, alternations of such, and a literal surrounded by `.*`.

/// Characters that make a regex more than a literal.
const META: &[char] = &[
    '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
];

fn is_literal(s: &str) -> bool {
    !s.contains(META)
}

pub fn is_simplifiable(re: &str) -> bool {
    let re = re.strip_prefix("(?i)").unwrap_or(re);
    if re.is_empty() || re == ".*" || re == ".+" || is_literal(re) {
        return true;
    }
    if let Some(inner) = re.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        if !inner.starts_with('?') && is_literal(inner) {
            return true;
        }
    }
    let branches = split_top_level_alternation(re);
    if branches.len() > 1 {
        // Go turns an alternation of single characters into a class.
        let all_single = branches.iter().all(|b| b.chars().count() == 1);
        return !all_single && branches.iter().all(|b| is_simplifiable(b));
    }
    // A literal with `.*` on either side: `.*foo`, `foo.*`, `.*foo.*`.
    let core = re.strip_prefix(".*").unwrap_or(re);
    let core = core.strip_suffix(".*").unwrap_or(core);
    core.len() < re.len() && !core.is_empty() && is_literal(core)
}

/// Split `a|b|c` at top-level bars (outside groups and classes).
fn split_top_level_alternation(re: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut in_class, mut escaped, mut start) = (0i32, false, false, 0);
    for (i, c) in re.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth -= 1,
            '|' if !in_class && depth == 0 => {
                parts.push(&re[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&re[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::is_simplifiable;

    #[test]
    fn literal_forms_are_simplifiable() {
        for re in [
            "",
            "error",
            "(?i)error",
            ".*",
            ".+",
            "error|warn",
            "err.*",
            ".*err.*",
            "(err)",
        ] {
            assert!(is_simplifiable(re), "{re}");
        }
    }

    #[test]
    fn classes_anchors_and_repeats_are_not() {
        for re in [r"\w.*", "a|b", "^err$", "err+", "[a-z]+", ".+foo", r"\d"] {
            assert!(!is_simplifiable(re), "{re}");
        }
    }
}
