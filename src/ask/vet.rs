//! The gate every generated, cached or pinned query passes before it runs:
//! Grafana's range variables expanded, parsed (syntax and Loki's rules),
//! held inside the datasource scope, and within the cost limits.

use crate::logql::{self, QueryFacts, Scope};

const SECOND: i64 = 1_000_000_000;

/// What a query may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostLimits {
    /// The longest range vector (`[7d]`) or window a query may cover, ns.
    pub max_range: i64,
    /// Most lines a log query may return.
    pub max_lines: u32,
}

impl Default for CostLimits {
    fn default() -> Self {
        CostLimits {
            max_range: 30 * 24 * 3600 * SECOND,
            max_lines: 5000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("invalid LogQL: {0}")]
    Parse(String),
    #[error("outside the datasource scope: {0}")]
    Scope(String),
    #[error("too costly: {0}")]
    Cost(String),
}

/// A query that passed, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Vetted {
    /// The query as it will run (variables expanded, scope applied).
    pub logql: String,
    pub is_log: bool,
    /// The scope had to be added to a selector.
    pub scoped: bool,
}

/// `$__range`, `$__interval` and `$__auto` as Grafana expands them for Loki:
/// the window's length and the step, in whole seconds or milliseconds;
/// `$__auto` is the window for an instant query and the step otherwise.
pub fn expand_variables(query: &str, window: (i64, i64), step: i64, instant: bool) -> String {
    let duration = |ns: i64| {
        let ns = ns.max(1_000_000);
        if ns % SECOND == 0 {
            format!("{}s", ns / SECOND)
        } else {
            format!("{}ms", ns / 1_000_000)
        }
    };
    // The window `(t - range, t]` must include its start; whole seconds
    // read better, and a window of minutes loses nothing by them.
    let length = window.1 - window.0 + SECOND;
    let length = if length >= 60 * SECOND {
        (length + SECOND - 1) / SECOND * SECOND
    } else {
        length
    };
    let range = duration(length);
    let auto = if instant {
        range.clone()
    } else {
        duration(step)
    };
    query
        .replace("$__range", &range)
        .replace("${__range}", &range)
        .replace("$__interval", &duration(step))
        .replace("${__interval}", &duration(step))
        .replace("$__auto", &auto)
        .replace("${__auto}", &auto)
}

pub fn vet(
    query: &str,
    scope: &Scope,
    limits: CostLimits,
    window: (i64, i64),
    step: i64,
    instant: bool,
) -> Result<Vetted, Refusal> {
    let expanded = expand_variables(query.trim(), window, step, instant);
    let mut expr = logql::parse(&expanded).map_err(|e| Refusal::Parse(e.to_string()))?;
    let scoped = scope.check(&expr).is_err();
    if scoped {
        // Narrowing is always safe: add the scope's matchers; a selector
        // that contradicts the scope is refused.
        scope
            .apply(&mut expr)
            .map_err(|e| Refusal::Scope(e.to_string()))?;
    }
    scope
        .check(&expr)
        .map_err(|e| Refusal::Scope(e.to_string()))?;
    let facts = QueryFacts::of(&expr);
    if facts.max_range > limits.max_range {
        return Err(Refusal::Cost(format!(
            "a range of {}s is over the limit of {}s",
            facts.max_range / SECOND,
            limits.max_range / SECOND
        )));
    }
    if window.1 - window.0 > limits.max_range {
        return Err(Refusal::Cost(format!(
            "the time window of {}s is over the limit of {}s",
            (window.1 - window.0) / SECOND,
            limits.max_range / SECOND
        )));
    }
    // Without a parser, series are streams; with one, every extracted value
    // could make a series.
    if !facts.is_log && facts.unbounded_series && !facts.parsers.is_empty() {
        return Err(Refusal::Cost(
            "the query makes a series per extracted label value; aggregate it with sum by (...) or topk".into(),
        ));
    }
    Ok(Vetted {
        logql: expr.to_string(),
        is_log: facts.is_log,
        scoped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3600 * SECOND;

    #[test]
    fn variables_expand_to_the_window_and_step() {
        let q = "sum(count_over_time({a=\"b\"} [$__range])) / sum(rate({a=\"b\"}[$__interval]))";
        assert_eq!(
            expand_variables(q, (0, HOUR), 60 * SECOND, true),
            "sum(count_over_time({a=\"b\"} [3601s])) / sum(rate({a=\"b\"}[60s]))"
        );
        assert_eq!(
            expand_variables("[$__auto]", (0, 1), 500_000_000, false),
            "[500ms]"
        );
        assert_eq!(
            expand_variables("[$__auto]", (0, HOUR), SECOND, true),
            "[3601s]"
        );
    }

    #[test]
    fn scope_is_added_or_the_query_refused() {
        let scope = Scope::parse(r#"{app="sshd"}"#).unwrap();
        let limits = CostLimits::default();
        let v = vet(
            r#"{host="a"} |= "x""#,
            &scope,
            limits,
            (0, HOUR),
            SECOND,
            true,
        )
        .unwrap();
        assert!(v.scoped);
        assert!(v.logql.contains(r#"app="sshd""#), "{}", v.logql);
        let wider = vet(r#"{app=~".+"}"#, &scope, limits, (0, HOUR), SECOND, true).unwrap();
        assert!(wider.logql.contains(r#"app="sshd""#), "{}", wider.logql);
        assert!(matches!(
            vet(r#"{app="nginx"}"#, &scope, limits, (0, HOUR), SECOND, true),
            Err(Refusal::Scope(_))
        ));
        assert!(matches!(
            vet("{app=", &scope, limits, (0, HOUR), SECOND, true),
            Err(Refusal::Parse(_))
        ));
    }

    #[test]
    fn costs_are_bounded() {
        let scope = Scope::parse(r#"{app="sshd"}"#).unwrap();
        let limits = CostLimits {
            max_range: 24 * HOUR,
            max_lines: 100,
        };
        let long = r#"count_over_time({app="sshd"}[7d])"#;
        assert!(matches!(
            vet(long, &scope, limits, (0, HOUR), SECOND, true),
            Err(Refusal::Cost(_))
        ));
        let per_line = r#"count_over_time({app="sshd"} | logfmt [1h])"#;
        assert!(matches!(
            vet(per_line, &scope, limits, (0, HOUR), SECOND, true),
            Err(Refusal::Cost(m)) if m.contains("sum by")
        ));
        let ok = r#"sum by (user) (count_over_time({app="sshd"} | logfmt [1h]))"#;
        assert!(vet(ok, &scope, limits, (0, HOUR), SECOND, true).is_ok());
    }
}
