//! The query model's `mode`: what kind of answer a query wants. The list is
//! shared with the editors through `frontend/src/queryModes.json`; a test
//! holds the two together.

use crate::analyze::Task;
use crate::ask::Want;

/// Every mode a query may name (`mode` in docs/plugin-api.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryMode {
    /// The question decides: lines or numbers.
    Auto,
    Logs,
    Metrics,
    /// An event per incident, or per line (refId `Anno` implies it).
    Annotations,
    Anomalies,
    Parse,
    Explain,
    RootCause,
    Recommend,
    /// The question says which analysis to run.
    Instruct,
}

impl QueryMode {
    pub const ALL: [QueryMode; 10] = [
        QueryMode::Auto,
        QueryMode::Logs,
        QueryMode::Metrics,
        QueryMode::Annotations,
        QueryMode::Anomalies,
        QueryMode::Parse,
        QueryMode::Explain,
        QueryMode::RootCause,
        QueryMode::Recommend,
        QueryMode::Instruct,
    ];

    /// The name in the query model.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryMode::Auto => "auto",
            QueryMode::Logs => "logs",
            QueryMode::Metrics => "metrics",
            QueryMode::Annotations => "annotations",
            QueryMode::Anomalies => "anomalies",
            QueryMode::Parse => "parse",
            QueryMode::Explain => "explain",
            QueryMode::RootCause => "rootcause",
            QueryMode::Recommend => "recommend",
            QueryMode::Instruct => "instruct",
        }
    }

    /// A mode as saved queries carry it; none (or empty) is `auto`.
    pub fn parse(name: Option<&str>) -> Result<QueryMode, String> {
        let name = name.map(str::trim).unwrap_or_default();
        if name.is_empty() {
            return Ok(QueryMode::Auto);
        }
        QueryMode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let names: Vec<&str> = QueryMode::ALL.iter().map(|m| m.as_str()).collect();
                format!("unknown mode {name:?}: use one of {}", names.join(", "))
            })
    }

    /// For analysis modes, the task (`Some(None)`: route the question).
    pub fn analysis(self) -> Option<Option<Task>> {
        Some(Some(match self {
            QueryMode::Anomalies => Task::Anomalies,
            QueryMode::Parse => Task::Parse,
            QueryMode::Explain => Task::Explain,
            QueryMode::RootCause => Task::RootCause,
            QueryMode::Recommend => Task::Recommend,
            QueryMode::Instruct => return Some(None),
            QueryMode::Auto | QueryMode::Logs | QueryMode::Metrics | QueryMode::Annotations => {
                return None
            }
        }))
    }

    /// What the ask pipeline must return for this mode.
    pub fn want(self) -> Want {
        match self {
            QueryMode::Logs => Want::Logs,
            QueryMode::Metrics => Want::Metrics,
            QueryMode::Annotations => Want::Events,
            _ => Want::Any,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The editors offer exactly the modes the backend serves.
    #[test]
    fn the_frontend_lists_every_mode_and_no_other() {
        let listed: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../frontend/src/queryModes.json")).unwrap();
        let names: Vec<&str> = listed
            .iter()
            .map(|m| m["value"].as_str().unwrap())
            .collect();
        let ours: Vec<&str> = QueryMode::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(names, ours);
        for m in &listed {
            assert!(!m["label"].as_str().unwrap().is_empty());
            assert!(matches!(m["group"].as_str(), Some("answer" | "analysis")));
            let mode = QueryMode::parse(m["value"].as_str()).unwrap();
            assert_eq!(mode.analysis().is_some(), m["group"] == "analysis", "{m}");
        }
    }

    #[test]
    fn saved_queries_keep_working() {
        assert_eq!(QueryMode::parse(None), Ok(QueryMode::Auto));
        assert_eq!(QueryMode::parse(Some("")), Ok(QueryMode::Auto));
        assert_eq!(QueryMode::parse(Some("Metrics")), Ok(QueryMode::Metrics));
        let err = QueryMode::parse(Some("graph")).unwrap_err();
        assert!(err.contains("auto, logs, metrics"), "{err}");
    }
}
