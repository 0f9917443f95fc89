//! `line_format`/`label_format` templates come from queries, so from users
//! and LLMs: any template text must parse or fail cleanly, and render
//! within its budgets (nesting, steps, output size) without panicking.
#![no_main]

use askloki::engine::template::{Template, TemplateData};
use libfuzzer_sys::fuzz_target;

struct Row;

impl TemplateData for Row {
    fn label(&self, name: &str) -> Option<&str> {
        match name {
            "x" => Some("42"),
            "msg" => Some("hello world"),
            _ => None,
        }
    }
    fn line(&self) -> &str {
        r#"{"x":42,"msg":"hello world"}"#
    }
    fn timestamp_ns(&self) -> i64 {
        1_700_000_000_000_000_000
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = Template::parse(src) {
        let _ = t.render_to_string(&Row);
    }
});
