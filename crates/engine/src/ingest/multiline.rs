//! Multi-line entries: which lines without a header of their own continue
//! the entry before them, as log shippers' multiline stages join them.

/// Most lines one entry takes, as Promtail's and Alloy's multiline stages
/// cap them (`max_lines`, 128 by default), so one runaway dump cannot
/// swallow the rest of a file.
pub const MAX_ENTRY_LINES: usize = 128;

/// Whether a line is shaped like the continuation of an entry: indented
/// (stack frames, wrapped text), a Java frame or cause, or a Python
/// traceback's start.
pub fn looks_continued(line: &str) -> bool {
    const OPENERS: [&str; 5] = ["at ", "Caused by:", "Suppressed:", "Traceback (", "..."];
    line.starts_with([' ', '\t']) || OPENERS.iter().any(|o| line.starts_with(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_shapes() {
        for l in [
            "\tat com.example.Foo.bar(Foo.java:42)",
            "    at x",
            "at com.example.Foo.bar(Foo.java:42)",
            "Caused by: java.io.IOException: closed",
            "\t... 12 more",
            "Traceback (most recent call last):",
            "  File \"x.py\", line 3, in <module>",
        ] {
            assert!(looks_continued(l), "{l}");
        }
        for l in [
            "2024-05-01 12:00:00 INFO x",
            "attempt 3 failed",
            "ValueError: bad",
        ] {
            assert!(!looks_continued(l), "{l}");
        }
    }
}
