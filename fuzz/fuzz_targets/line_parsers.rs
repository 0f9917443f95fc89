//! Log lines are untrusted: the `json`, `unpack` and `logfmt` parsers and a
//! `line_format` template over the labels they find must never panic,
//! whatever the line (deep nesting, bad escapes, invalid UTF-8 replaced).
#![no_main]

use askloki::engine::parsers::{json_all, logfmt, unpack};
use askloki::engine::template::{Template, TemplateData};
use libfuzzer_sys::fuzz_target;

struct Row<'a> {
    line: &'a str,
    labels: &'a [(String, String)],
}

impl TemplateData for Row<'_> {
    fn label(&self, name: &str) -> Option<&str> {
        self.labels.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn line(&self) -> &str {
        self.line
    }
    fn timestamp_ns(&self) -> i64 {
        1_700_000_000_000_000_000
    }
    fn for_each_label(&self, f: &mut dyn FnMut(&str, &str)) {
        for (k, v) in self.labels {
            f(k, v);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let mut labels: Vec<(String, String)> = Vec::new();
    let _ = json_all(&line, &mut labels);
    let _ = unpack(&line, &mut labels);
    for strict in [false, true] {
        let _ = logfmt(&line, strict, !strict, &[], &mut labels);
    }
    let template = Template::parse(
        r#"{{ range $k, $v := . }}{{ $k }}={{ $v | trunc 20 | upper }} {{ end }}{{ __line__ | len }}"#,
    )
    .expect("a valid template");
    let _ = template.render_to_string(&Row { line: &line, labels: &labels });
});
