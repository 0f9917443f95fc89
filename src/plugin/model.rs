//! The query model a panel, an alert rule or Explore saves and sends
//! (docs/plugin-api.md). Fields only ever get added, with defaults, so
//! saved dashboards and alert rules keep decoding; unknown ones are ignored.

use serde::Deserialize;
use serde_json::Value;

/// One refId's query as the frontend sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QueryModel {
    pub question: String,
    pub mode: Option<String>,
    pub logql: Option<String>,
    #[serde(deserialize_with = "lenient_count")]
    pub max_lines: Option<u32>,
    pub legend_format: Option<String>,
    /// Set by Explore on the queries it runs beside the main one.
    pub supporting_query_type: Option<SupportingQuery>,
    /// Minutes east of UTC of the dashboard's time zone, which the editor
    /// adds to every request: time phrases are read in it. Alert rules
    /// send none (UTC). Out of range or not a number: ignored.
    #[serde(deserialize_with = "lenient_offset")]
    pub utc_offset_minutes: Option<i32>,
    /// Add the one-row `answer` frame after the evidence (the answer panel
    /// sets it on its requests; Stat and Table panels through the editor).
    #[serde(deserialize_with = "lenient_flag")]
    pub answer_frame: bool,
    /// Set by the plugin for annotation queries (mode `annotations` or refId `Anno`).
    #[serde(skip)]
    pub annotations: bool,
    /// What an annotation query's events are: incidents (the default) or
    /// every line.
    #[serde(deserialize_with = "lenient_events")]
    pub annotation_events: AnnotationEvents,
}

/// `annotationEvents`: one event per incident (a burst, a new kind of
/// line, an error spike) explained, or one per line found. Anything
/// else reads as the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnnotationEvents {
    #[default]
    Incidents,
    Lines,
}

fn lenient_events<'de, D: serde::Deserializer<'de>>(d: D) -> Result<AnnotationEvents, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) if s.trim().eq_ignore_ascii_case("lines") => AnnotationEvents::Lines,
        _ => AnnotationEvents::Incidents,
    })
}

/// A query Explore runs beside the one the user wrote, named as Grafana's
/// Loki datasource names them; one we do not serve decodes as `Other`
/// and is answered as the query it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SupportingQuery {
    /// Lines per level over time: the histogram above Explore's logs.
    LogsVolume,
    #[serde(other)]
    Other,
}

/// A count as editors and hand-written JSON send it: any number (`1e12`,
/// `250.0`) or numeric string, saturated to `u32`; the datasource's limit
/// then bounds it. Anything else is no value rather than a failed query.
fn lenient_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = Value::deserialize(d)?;
    let n = match &v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(n.filter(|n| n.is_finite())
        .map(|n| n.clamp(0.0, f64::from(u32::MAX)) as u32))
}

/// A flag as hand-written JSON may send it: `true` or `"true"`; anything
/// else is off rather than a failed query.
fn lenient_flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(matches!(&v, Value::Bool(true)) || matches!(&v, Value::String(s) if s.trim() == "true"))
}

/// Real zones lie within UTC-12 and UTC+14.
const MAX_OFFSET_MINUTES: f64 = 14.0 * 60.0;

fn lenient_offset<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    let v = Value::deserialize(d)?;
    let n = match &v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(n.filter(|n| n.is_finite() && n.abs() <= MAX_OFFSET_MINUTES)
        .map(|n| n.round() as i32))
}

impl QueryModel {
    /// The lines a query may read: its own Max lines within the datasource's.
    pub fn line_limit(&self, datasource_max: u32) -> u32 {
        self.max_lines
            .unwrap_or(datasource_max)
            .clamp(1, datasource_max.max(1))
    }

    /// The pinned LogQL, if any is set.
    pub fn pinned(&self) -> Option<&str> {
        self.logql
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_supporting_queries_decode_leniently() {
        let m: QueryModel = serde_json::from_str(
            r#"{"maxLines": "250", "supportingQueryType": "logsVolume", "extra": 1}"#,
        )
        .unwrap();
        assert_eq!(m.max_lines, Some(250));
        assert_eq!(m.supporting_query_type, Some(SupportingQuery::LogsVolume));
        let m: QueryModel =
            serde_json::from_str(r#"{"maxLines": true, "supportingQueryType": "logsSample"}"#)
                .unwrap();
        assert_eq!(m.max_lines, None);
        assert_eq!(m.supporting_query_type, Some(SupportingQuery::Other));
        assert_eq!(m.line_limit(500), 500);
        let m: QueryModel = serde_json::from_str(r#"{"maxLines": 1e12}"#).unwrap();
        assert_eq!(m.line_limit(500), 500);
        let m: QueryModel = serde_json::from_str(r#"{"maxLines": 0, "logql": "  "}"#).unwrap();
        assert_eq!(m.line_limit(500), 1);
        assert_eq!(m.pinned(), None);
    }

    #[test]
    fn annotation_events_default_to_incidents() {
        let m: QueryModel = serde_json::from_str(r#"{"annotationEvents": "lines"}"#).unwrap();
        assert_eq!(m.annotation_events, AnnotationEvents::Lines);
        for other in [
            r#"{}"#,
            r#"{"annotationEvents": "incidents"}"#,
            r#"{"annotationEvents": "x"}"#,
            r#"{"annotationEvents": null}"#,
            r#"{"annotationEvents": [1]}"#,
        ] {
            let m: QueryModel = serde_json::from_str(other).unwrap();
            assert_eq!(m.annotation_events, AnnotationEvents::Incidents, "{other}");
        }
    }

    /// Every field the backend reads is in the frontend's query type.
    #[test]
    fn the_frontend_query_type_names_every_field() {
        let ts = include_str!("../../frontend/src/types.ts");
        let body = ts
            .split("export interface AskLokiQuery")
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .unwrap();
        for field in [
            "question",
            "mode",
            "logql",
            "maxLines",
            "legendFormat",
            "supportingQueryType",
            "utcOffsetMinutes",
            "annotationEvents",
        ] {
            assert!(
                body.contains(&format!("  {field}?:")),
                "{field} is missing in types.ts"
            );
        }
        assert!(body.contains("'incidents' | 'lines'"));
    }

    #[test]
    fn time_zone_offsets_decode_leniently() {
        let m: QueryModel = serde_json::from_str(r#"{"utcOffsetMinutes": 330}"#).unwrap();
        assert_eq!(m.utc_offset_minutes, Some(330));
        let m: QueryModel = serde_json::from_str(r#"{"utcOffsetMinutes": "-240"}"#).unwrap();
        assert_eq!(m.utc_offset_minutes, Some(-240));
        for bad in [r#""east""#, "100000", "null", "[1]"] {
            let m: QueryModel =
                serde_json::from_str(&format!(r#"{{"utcOffsetMinutes": {bad}}}"#)).unwrap();
            assert_eq!(m.utc_offset_minutes, None, "{bad}");
        }
    }
}
