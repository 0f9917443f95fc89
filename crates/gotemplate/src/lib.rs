//! A Go `text/template` engine with the semantics of Loki's
//! `| line_format "..."` and `| label_format dst="..."` stages.
//!
//! Written from the Go, Sprig and Loki documentation and observed
//! behaviour:
//!
//! * Syntax: text and `{{ }}` actions, `{{-`/`-}}` trim markers,
//!   `{{/* comments */}}`, pipelines, parenthesised pipelines, variables
//!   (`$x := ...`, `$x = ...`, `$`), literals (strings with Go escapes, raw
//!   strings, chars, ints, floats, booleans, nil), `if`/`else if`/`else`,
//!   `range` (lists, maps, integers; `break`/`continue`), `with`/`else with`.
//!   `define`, `template` and `block` are rejected at parse time.
//! * Data is the label map (`map[string]string`) with Loki's
//!   `missingkey=zero` option, so a missing label reads as "".
//! * Functions: text/template's builtins, Loki's functions and the Sprig
//!   functions Loki registers (see [`Template::function_names`]), with
//!   Go's argument type checks (`wrong type for value; expected int; got
//!   int64`) and Go's error texts (`error calling div: runtime error:
//!   integer divide by zero`).
//! * Times are UTC (Loki's process-local zone in its containers); only UTC
//!   and fixed-offset zones (Etc/GMT±N, EST, MST, HST) are available to
//!   `toDateInZone`, other IANA zones are an execution error.
//!
//! Resource bounds: nesting depth ([`MAX_NESTING_DEPTH`]), output and
//! string size ([`MAX_OUTPUT_BYTES`]) and evaluation steps
//! ([`MAX_EXEC_STEPS`]) are limited; exceeding them is an execution error.

mod exec;
mod funcs;
mod gofmt;
mod lex;
mod parse;
mod util;
mod value;

// Go's time.Time lives with the other Go formats.
use goformat::gotime;

#[cfg(test)]
mod tests;

/// Largest output, and largest string any function may build, in bytes.
pub const MAX_OUTPUT_BYTES: usize = 16 << 20;
/// Deepest nesting of parentheses and control structures (and of JSON
/// documents decoded by `fromJson`).
pub const MAX_NESTING_DEPTH: usize = 100;
/// Evaluation budget per render: commands evaluated plus range iterations.
pub const MAX_EXEC_STEPS: u64 = 1_000_000;

/// Values a template sees: `.label` lookups, `__line__`, `__timestamp__`.
pub trait TemplateData {
    /// The value of label `name`, if it exists.
    fn label(&self, name: &str) -> Option<&str>;
    /// The current log line (for `__line__`).
    fn line(&self) -> &str;
    /// The entry's timestamp in Unix nanoseconds (for `__timestamp__`).
    fn timestamp_ns(&self) -> i64;
    /// Calls `f` for every label. Only needed when a template uses the whole
    /// map (`{{ . }}`, `{{ range $k, $v := $ }}`, `len .`); the default
    /// reports no labels.
    fn for_each_label(&self, f: &mut dyn FnMut(&str, &str)) {
        let _ = f;
    }
}

/// A parse or execution error, with Go's message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The template does not parse, e.g.
    /// `template: line:1: function "foo" not defined`.
    #[error("{0}")]
    Parse(String),
    /// Executing the template failed, e.g. `template: line:1:2: executing
    /// "line" at <div 1 0>: error calling div: runtime error: integer divide
    /// by zero`. Loki keeps the line or label unchanged and sets
    /// `__error__=TemplateFormatErr`.
    #[error("{0}")]
    Exec(String),
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    name: String,
    src: String,
    root: Vec<parse::Node>,
    literal: Option<String>,
}

impl Template {
    /// Parses `src` under the name Loki's line_format uses ("line").
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        Template::parse_named("line", src)
    }

    /// Parses `src`; `name` appears in error messages (Loki uses "line" for
    /// line_format and "label" for label_format).
    pub fn parse_named(name: &str, src: &str) -> Result<Template, TemplateError> {
        let root = parse::parse(name, src)?;
        let literal = match root.as_slice() {
            [] => Some(String::new()),
            [parse::Node::Text(t)] => Some(t.clone()),
            _ => None,
        };
        Ok(Template {
            name: name.to_string(),
            src: src.to_string(),
            root,
            literal,
        })
    }

    /// Render into `out` (appending). Execution errors are returned; Loki
    /// then keeps the line/label unchanged and sets
    /// `__error__=TemplateFormatErr`, the caller handles that. On error
    /// nothing is appended.
    pub fn render(&self, data: &dyn TemplateData, out: &mut String) -> Result<(), TemplateError> {
        if let Some(t) = &self.literal {
            out.push_str(t);
            return Ok(());
        }
        let start = out.len();
        let r = exec::execute(self, data, out);
        if r.is_err() {
            out.truncate(start);
        }
        r
    }

    /// Renders into a new string.
    pub fn render_to_string(&self, data: &dyn TemplateData) -> Result<String, TemplateError> {
        let mut s = String::new();
        self.render(data, &mut s)?;
        Ok(s)
    }

    /// The output when the template is plain text with no actions (fast
    /// path: the output is the text).
    pub fn literal(&self) -> Option<&str> {
        self.literal.as_deref()
    }

    /// The name given at parse time.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// Label names the template reads through `.name` fields, like Loki's
    /// `RequiredLabelNames` (every identifier of a field chain, deduplicated,
    /// in first-use order).
    pub fn required_labels(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        fn add(out: &mut Vec<String>, s: &str) {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
        fn arg(out: &mut Vec<String>, a: &parse::Arg) {
            match a {
                parse::Arg::Field { idents, .. } => idents.iter().for_each(|i| add(out, i)),
                parse::Arg::Pipe(p) => pipe(out, p),
                parse::Arg::Chain { node, .. } => arg(out, node),
                _ => {}
            }
        }
        fn pipe(out: &mut Vec<String>, p: &parse::Pipe) {
            for c in &p.cmds {
                c.args.iter().for_each(|a| arg(out, a));
            }
        }
        fn nodes(out: &mut Vec<String>, ns: &[parse::Node]) {
            for n in ns {
                match n {
                    parse::Node::Action(p) => pipe(out, p),
                    parse::Node::If(b) | parse::Node::Range(b) | parse::Node::With(b) => {
                        pipe(out, &b.pipe);
                        nodes(out, &b.list);
                        if let Some(e) = &b.else_list {
                            nodes(out, e);
                        }
                    }
                    _ => {}
                }
            }
        }
        nodes(&mut out, &self.root);
        out
    }

    /// Names of all functions templates may call.
    pub fn function_names() -> &'static [&'static str] {
        funcs::Func::all_names()
    }
}
