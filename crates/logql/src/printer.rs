//! The canonical printed form of a query: the form Loki's `String()` gives, so
//! that printing and parsing again yields the same tree.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::*;
use super::duration::{format_bytes, format_go_duration, format_model_duration};

pub use goformat::quote::quote as go_quote;

/// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest decimal that
/// round-trips, never in exponent form.
pub fn format_float_plain(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    // Rust's Display for f64 is the shortest round-trip form without exponent.
    format!("{v}")
}

/// Go's `%v` for a float (`strconv.FormatFloat(v, 'g', -1, 64)`): the
/// shortest round-trip digits, in exponent form (`1e+06`, `1e-05`) when the
/// decimal exponent is below -4 or at least 6.
pub fn format_float_go(v: f64) -> String {
    if !v.is_finite() {
        return format_float_plain(v);
    }
    if v == 0.0 {
        return if v.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    // `{:e}` gives the shortest round-trip mantissa, e.g. `1.234567e6`.
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    format_float_plain(v)
}

impl Display for Matcher {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}{}",
            self.name,
            self.op.as_str(),
            go_quote(&self.value)
        )
    }
}

pub(crate) fn write_selector(f: &mut Formatter<'_>, matchers: &[Matcher]) -> fmt::Result {
    f.write_char('{')?;
    for (i, m) in matchers.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{m}")?;
    }
    f.write_char('}')
}

impl Display for LogExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_selector(f, &self.selector)?;
        for stage in &self.pipeline {
            write!(f, " {stage}")?;
        }
        Ok(())
    }
}

impl Display for FilterValue {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FilterValue::Text(s) => f.write_str(&go_quote(s)),
            FilterValue::Ip(s) => write!(f, "ip({})", go_quote(s)),
        }
    }
}

impl Display for LineFilter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.op.as_str())?;
        for (i, v) in self.values.iter().enumerate() {
            if i > 0 {
                f.write_str(" or ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

fn write_extractions(f: &mut Formatter<'_>, params: &[Extraction]) -> fmt::Result {
    for (i, p) in params.iter().enumerate() {
        f.write_str(if i == 0 { " " } else { "," })?;
        write!(f, "{}={}", p.label, go_quote(&p.expr))?;
    }
    Ok(())
}

impl Display for ParserStage {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ParserStage::Json(params) => {
                f.write_str("| json")?;
                write_extractions(f, params)
            }
            ParserStage::Logfmt {
                strict,
                keep_empty,
                params,
            } => {
                f.write_str("| logfmt")?;
                if *strict {
                    f.write_str(" --strict")?;
                }
                if *keep_empty {
                    f.write_str(" --keep-empty")?;
                }
                write_extractions(f, params)
            }
            ParserStage::Regexp(re) => write!(f, "| regexp {}", go_quote(re)),
            ParserStage::Pattern(p) => write!(f, "| pattern {}", go_quote(p)),
            ParserStage::Unpack => f.write_str("| unpack"),
        }
    }
}

impl Display for LabelFilter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            // Loki prints a regex it cannot reduce to literals between backticks.
            LabelFilter::Matcher(m)
                if m.op == MatchOp::Re
                    && !m.value.contains('`')
                    && !super::regex_simplify::is_simplifiable(&m.value) =>
            {
                write!(f, "{}=~`{}`", m.name, m.value)
            }
            LabelFilter::Matcher(m) => write!(f, "{m}"),
            LabelFilter::Ip {
                name,
                negated,
                cidr,
            } => {
                let op = if *negated { "!=" } else { "=" };
                write!(f, "{name}{op}ip({})", go_quote(cidr))
            }
            LabelFilter::Number { name, op, value } => {
                write!(f, "{name}{}{}", op.as_str(), format_float_plain(*value))
            }
            LabelFilter::Duration { name, op, value } => {
                write!(f, "{name}{}{}", op.as_str(), format_go_duration(*value))
            }
            LabelFilter::Bytes { name, op, value } => {
                write!(f, "{name}{}{}", op.as_str(), format_bytes(*value))
            }
            LabelFilter::And(a, b) => write!(f, "( {a} , {b} )"),
            LabelFilter::Or(a, b) => write!(f, "( {a} or {b} )"),
        }
    }
}

impl Display for LabelSelector {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            LabelSelector::Name(n) => f.write_str(n),
            LabelSelector::Matcher(m) => write!(f, "{m}"),
        }
    }
}

fn write_list<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

impl Display for LabelFormatItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            LabelFormatItem::Rename { dst, src } => write!(f, "{dst}={src}"),
            LabelFormatItem::Template { dst, template } => {
                write!(f, "{dst}={}", go_quote(template))
            }
        }
    }
}

impl Display for Stage {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Stage::LineFilter(lf) => write!(f, "{lf}"),
            Stage::Parser(p) => write!(f, "{p}"),
            Stage::LabelFilter(lf) => write!(f, "| {lf}"),
            Stage::LineFormat(t) => write!(f, "| line_format {}", go_quote(t)),
            Stage::LabelFormat(items) => {
                f.write_str("| label_format ")?;
                write_list(f, items, ",")
            }
            Stage::Drop(items) => {
                f.write_str("| drop ")?;
                write_list(f, items, ",")
            }
            Stage::Keep(items) => {
                f.write_str("| keep ")?;
                write_list(f, items, ",")
            }
            Stage::Decolorize => f.write_str("| decolorize"),
        }
    }
}

impl Display for Unwrap {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.conversion {
            Some(c) => write!(f, "| unwrap {}({})", c.name(), self.label)?,
            None => write!(f, "| unwrap {}", self.label)?,
        }
        for pf in &self.post_filters {
            write!(f, " | {pf}")?;
        }
        Ok(())
    }
}

impl Display for LogRange {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.log)?;
        if let Some(u) = &self.unwrap {
            write!(f, " {u}")?;
        }
        match self.variable() {
            Some(v) => write!(f, "[{}]", v.name())?,
            None => write!(f, "[{}]", format_model_duration(self.range))?,
        }
        if self.offset != 0 {
            write!(f, " offset {}", format_go_duration(self.offset))?;
        }
        Ok(())
    }
}

impl Display for Grouping {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.without { " without (" } else { " by (" })?;
        write_list(f, &self.labels, ",")?;
        f.write_char(')')
    }
}

impl Display for MetricExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            MetricExpr::RangeAgg(r) => {
                write!(f, "{}(", r.op.name())?;
                if let Some(p) = r.param {
                    write!(f, "{},", format_float_plain(p))?;
                }
                write!(f, "{})", r.range)?;
                if let Some(g) = &r.grouping {
                    write!(f, "{g}")?;
                }
                Ok(())
            }
            MetricExpr::VectorAgg(v) => {
                f.write_str(v.op.name())?;
                if let Some(g) = &v.grouping {
                    write!(f, "{g}")?;
                }
                f.write_char('(')?;
                if let Some(p) = v.param {
                    write!(f, "{},", p as i64)?;
                }
                write!(f, "{})", v.inner)
            }
            MetricExpr::Binary(b) => {
                // Loki's spacing: `on (x) ` ends with a space even when no
                // group modifier follows, giving two spaces before the right leg.
                let mut op = b.op.as_str().to_string();
                if b.return_bool {
                    op.push_str(" bool");
                }
                if let Some(m) = &b.matching {
                    let kind = if m.on { "on" } else { "ignoring" };
                    let _ = write!(op, " {kind} ({}) ", m.labels.join(","));
                    match m.card {
                        Cardinality::OneToOne => {}
                        Cardinality::ManyToOne => op.push_str("group_left"),
                        Cardinality::OneToMany => op.push_str("group_right"),
                    }
                    if m.card != Cardinality::OneToOne && !m.include.is_empty() {
                        let _ = write!(op, " ({})", m.include.join(","));
                    }
                }
                write!(f, "({} {op} {})", b.lhs, b.rhs)
            }
            MetricExpr::Literal(v) => f.write_str(&format_float_go(*v)),
            MetricExpr::Vector(v) => write!(f, "vector({v:.6})"),
            MetricExpr::LabelReplace(l) => write!(
                f,
                "label_replace({},{},{},{},{})",
                l.inner,
                go_quote(&l.dst),
                go_quote(&l.replacement),
                go_quote(&l.src),
                go_quote(&l.regex)
            ),
        }
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Log(l) => write!(f, "{l}"),
            Expr::Metric(m) => write!(f, "{m}"),
        }
    }
}
