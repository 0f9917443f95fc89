//! The body of `/query` and `/query_range`, decoded straight from its bytes
//! into the typed results of [`crate::source`]: no JSON tree in between,
//! label names and timestamps read in place, and one allocation per log
//! line (the line itself). A 5,000-line answer is most of what the plugin
//! spends per call, so this path stays lean.
//!
//! `data.result` is read by `data.resultType`; should a body put the
//! result first (Loki does not), the result is held as JSON until the type
//! is known.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::LokiError;
use crate::source::{Entry, Labels, Point, QueryResult, Sample, Series, Stream};

const WHAT: &str = "a Loki query response";

/// The result and the stats block of a query response body.
pub fn query_response(bytes: &[u8]) -> Result<(QueryResult, Option<Value>), LokiError> {
    let decode = |message: String| LokiError::Decode {
        what: WHAT.into(),
        message,
    };
    let body: Body = serde_json::from_slice(bytes).map_err(|e| decode(e.to_string()))?;
    match body.status.as_deref() {
        Some("success") => {}
        Some(other) => {
            return Err(decode(format!(
                "status {other:?}: {}",
                body.error.as_deref().unwrap_or("")
            )))
        }
        None => return Err(decode("no \"status\" field".into())),
    }
    let data = body
        .data
        .ok_or_else(|| decode("no \"data\" field".into()))?;
    Ok((data.result, data.stats))
}

#[derive(Deserialize)]
struct Body {
    status: Option<String>,
    error: Option<String>,
    data: Option<Data>,
}

struct Data {
    result: QueryResult,
    stats: Option<Value>,
}

#[derive(Clone, Copy)]
enum Kind {
    Streams,
    Matrix,
    Vector,
    Scalar,
}

impl Kind {
    fn parse<E: de::Error>(name: &str) -> Result<Kind, E> {
        Ok(match name {
            "streams" => Kind::Streams,
            "matrix" => Kind::Matrix,
            "vector" => Kind::Vector,
            "scalar" => Kind::Scalar,
            other => return Err(E::custom(format!("unknown resultType {other:?}"))),
        })
    }
}

/// A string read in place when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A visitor for a map, given by what it expects and what it does.
macro_rules! map_visitor {
    ($name:ident, $out:ty, $expecting:literal, |$map:ident, $de:lifetime| $body:block) => {
        struct $name;
        impl<$de> Visitor<$de> for $name {
            type Value = $out;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str($expecting)
            }
            fn visit_map<A: MapAccess<$de>>(self, mut $map: A) -> Result<$out, A::Error> {
                $body
            }
        }
    };
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, Data, "the data object", |map, 'de| {
            let mut kind = None;
            let mut result = None;
            let mut early: Option<Value> = None;
            let mut stats = None;
            while let Some(key) = map.next_key::<Text<'de>>()? {
                match key.0.as_ref() {
                    "resultType" => kind = Some(Kind::parse(&map.next_value::<Text<'de>>()?.0)?),
                    "result" => match kind {
                        Some(k) => result = Some(map.next_value_seed(ResultSeed(k))?),
                        None => early = Some(map.next_value()?),
                    },
                    "stats" => stats = Some(map.next_value()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let kind = kind.ok_or_else(|| de::Error::custom("no data.resultType"))?;
            let result = match (result, early) {
                (Some(r), _) => r,
                (None, Some(v)) => ResultSeed(kind)
                    .deserialize(v)
                    .map_err(de::Error::custom)?,
                (None, None) => return Err(de::Error::custom("no data.result")),
            };
            Ok(Data { result, stats })
        });
        d.deserialize_map(V)
    }
}

struct ResultSeed(Kind);

impl<'de> DeserializeSeed<'de> for ResultSeed {
    type Value = QueryResult;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<QueryResult, D::Error> {
        Ok(match self.0 {
            Kind::Streams => QueryResult::Streams(
                Vec::<WireStream>::deserialize(d)?
                    .into_iter()
                    .map(|s| s.0)
                    .collect(),
            ),
            Kind::Matrix => QueryResult::Matrix(
                Vec::<WireSeries>::deserialize(d)?
                    .into_iter()
                    .map(|s| s.0)
                    .collect(),
            ),
            Kind::Vector => QueryResult::Vector(
                Vec::<WireSample>::deserialize(d)?
                    .into_iter()
                    .map(|s| s.0)
                    .collect(),
            ),
            Kind::Scalar => QueryResult::Scalar(WirePoint::deserialize(d)?.0),
        })
    }
}

struct WireLabels(Labels);

impl<'de> Deserialize<'de> for WireLabels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, WireLabels, "a label set", |map, 'de| {
            let mut labels = Labels::new();
            while let Some((k, v)) = map.next_entry::<String, String>()? {
                labels.set(k, v);
            }
            Ok(WireLabels(labels))
        });
        d.deserialize_map(V)
    }
}

struct WireStream(Stream);

impl<'de> Deserialize<'de> for WireStream {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, WireStream, "a stream", |map, 'de| {
            let mut labels = None;
            let mut entries = None;
            while let Some(key) = map.next_key::<Text<'de>>()? {
                match key.0.as_ref() {
                    "stream" => labels = Some(map.next_value::<WireLabels>()?.0),
                    "values" => entries = Some(map.next_value::<Vec<WireEntry>>()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(WireStream(Stream {
                labels: labels.ok_or_else(|| de::Error::custom("a stream has no \"stream\""))?,
                entries: entries
                    .ok_or_else(|| de::Error::custom("a stream has no \"values\" array"))?
                    .into_iter()
                    .map(|e| e.0)
                    .collect(),
            }))
        });
        d.deserialize_map(V)
    }
}

/// `["<ns>", "<line>"]`, or with a third element carrying the entry's
/// structured metadata (categorised responses).
struct WireEntry(Entry);

impl<'de> Deserialize<'de> for WireEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WireEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an entry [\"<ns>\", \"<line>\"]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<WireEntry, A::Error> {
                let ts = seq
                    .next_element::<Text<'de>>()?
                    .and_then(|t| nanoseconds(&t.0))
                    .ok_or_else(|| {
                        de::Error::custom("an entry's timestamp is not a nanosecond string")
                    })?;
                let line = seq
                    .next_element::<String>()?
                    .ok_or_else(|| de::Error::custom("an entry has no line"))?;
                let metadata = match seq.next_element::<Option<EntryExtras>>()? {
                    Some(Some(extras)) => extras.0,
                    _ => Labels::new(),
                };
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(WireEntry(Entry { ts, line, metadata }))
            }
        }
        d.deserialize_seq(V)
    }
}

/// A timestamp string of up to 19 digits (optionally negative): read
/// without the per-digit overflow checks of `str::parse`, which cost more
/// than the rest of an entry's decoding; 19 digits cannot overflow a u64.
fn nanoseconds(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
    if negative {
        0i64.checked_sub_unsigned(n)
    } else {
        i64::try_from(n).ok()
    }
}

/// An entry's third element: `{"structuredMetadata": {...}, "parsed": {...}}`.
struct EntryExtras(Labels);

impl<'de> Deserialize<'de> for EntryExtras {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, EntryExtras, "an entry's metadata object", |map, 'de| {
            let mut labels = Labels::new();
            while let Some(key) = map.next_key::<Text<'de>>()? {
                if key.0 == "structuredMetadata" {
                    labels = map.next_value::<WireLabels>()?.0;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(EntryExtras(labels))
        });
        d.deserialize_map(V)
    }
}

struct WireSeries(Series);

impl<'de> Deserialize<'de> for WireSeries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, WireSeries, "a matrix series", |map, 'de| {
            let mut labels = None;
            let mut points = None;
            while let Some(key) = map.next_key::<Text<'de>>()? {
                match key.0.as_ref() {
                    "metric" => labels = Some(map.next_value::<WireLabels>()?.0),
                    "values" => points = Some(map.next_value::<Vec<WirePoint>>()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(WireSeries(Series {
                labels: labels.ok_or_else(|| de::Error::custom("a series has no \"metric\""))?,
                points: points
                    .ok_or_else(|| de::Error::custom("a series has no \"values\" array"))?
                    .into_iter()
                    .map(|p| p.0)
                    .collect(),
            }))
        });
        d.deserialize_map(V)
    }
}

struct WireSample(Sample);

impl<'de> Deserialize<'de> for WireSample {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_visitor!(V, WireSample, "a vector sample", |map, 'de| {
            let mut labels = None;
            let mut point = None;
            while let Some(key) = map.next_key::<Text<'de>>()? {
                match key.0.as_ref() {
                    "metric" => labels = Some(map.next_value::<WireLabels>()?.0),
                    "value" => point = Some(map.next_value::<WirePoint>()?.0),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(WireSample(Sample {
                labels: labels.ok_or_else(|| de::Error::custom("a sample has no \"metric\""))?,
                point: point.ok_or_else(|| de::Error::custom("a sample has no \"value\""))?,
            }))
        });
        d.deserialize_map(V)
    }
}

/// `[1700000000.123, "42"]`: seconds, and the value as Prometheus prints it.
struct WirePoint(Point);

impl<'de> Deserialize<'de> for WirePoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WirePoint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sample point [seconds, \"value\"]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<WirePoint, A::Error> {
                let secs = seq
                    .next_element::<f64>()?
                    .ok_or_else(|| de::Error::custom("a sample point has no timestamp"))?;
                let text = seq
                    .next_element::<Text<'de>>()?
                    .ok_or_else(|| de::Error::custom("a sample point has no value"))?;
                let value = match text.0.as_ref() {
                    "NaN" => f64::NAN,
                    "+Inf" | "Inf" => f64::INFINITY,
                    "-Inf" => f64::NEG_INFINITY,
                    other => other.parse().map_err(|_| {
                        de::Error::custom(format!("the value {other:?} is not a number"))
                    })?,
                };
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(WirePoint(Point {
                    ts_ms: (secs * 1000.0).round() as i64,
                    value,
                }))
            }
        }
        d.deserialize_seq(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(body: &str) -> Result<(QueryResult, Option<Value>), LokiError> {
        query_response(body.as_bytes())
    }

    #[test]
    fn streams_with_escapes_metadata_and_stats() {
        let body = r#"{"status":"success","data":{"resultType":"streams","result":[
            {"stream":{"app":"a\"b","env":"prod"},"values":[
                ["1700000000000000002","line \"quoted\" \u00e9"],
                ["1700000000000000001","plain",{"structuredMetadata":{"trace_id":"t1"},"parsed":{"x":"1"}}]
            ]}],"stats":{"summary":{"totalEntriesReturned":2}}}}"#;
        let (result, stats) = decoded(body).unwrap();
        let QueryResult::Streams(s) = result else {
            panic!("not streams")
        };
        assert_eq!(
            s[0].labels,
            Labels::from_pairs([("app", "a\"b"), ("env", "prod")])
        );
        assert_eq!(s[0].entries[0].ts, 1_700_000_000_000_000_002);
        assert_eq!(s[0].entries[0].line, "line \"quoted\" é");
        assert!(s[0].entries[0].metadata.is_empty());
        assert_eq!(
            s[0].entries[1].metadata,
            Labels::from_pairs([("trace_id", "t1")])
        );
        assert_eq!(stats.unwrap()["summary"]["totalEntriesReturned"], 2);
    }

    #[test]
    fn metric_results_and_special_values() {
        let (m, _) = decoded(
            r#"{"status":"success","data":{"resultType":"matrix","result":[
                {"metric":{"level":"error"},"values":[[1700000000,"1.5"],[1700000060.25,"+Inf"]]}]}}"#,
        )
        .unwrap();
        let QueryResult::Matrix(m) = m else { panic!() };
        assert_eq!(
            m[0].points[0],
            Point {
                ts_ms: 1_700_000_000_000,
                value: 1.5
            }
        );
        assert_eq!(m[0].points[1].ts_ms, 1_700_000_060_250);
        assert_eq!(m[0].points[1].value, f64::INFINITY);
        let (v, _) = decoded(
            r#"{"status":"success","data":{"result":[{"metric":{},"value":[1700000000,"-Inf"]}],"resultType":"vector"}}"#,
        )
        .unwrap();
        let QueryResult::Vector(v) = v else { panic!() };
        assert_eq!(v[0].point.value, f64::NEG_INFINITY);
        let (s, _) = decoded(
            r#"{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"NaN"]}}"#,
        )
        .unwrap();
        let QueryResult::Scalar(p) = s else { panic!() };
        assert!(p.value.is_nan());
        assert_eq!(p.ts_ms, 1_700_000_000_500);
    }

    #[test]
    fn timestamps_read_as_str_parse_reads_them() {
        for text in [
            "0",
            "1700000000000000000",
            "9223372036854775807",
            "-9223372036854775808",
            "-17",
            "007",
        ] {
            assert_eq!(nanoseconds(text), text.parse::<i64>().ok(), "{text}");
        }
        for text in [
            "",
            "-",
            "9223372036854775808",
            "12345678901234567890",
            "1e9",
            "+1",
            " 1",
        ] {
            assert_eq!(nanoseconds(text), None, "{text}");
        }
    }

    #[test]
    fn wrong_shapes_say_what_was_wrong() {
        for (body, says) in [
            ("<html>proxy error</html>", "expected value"),
            (r#"{"data":null}"#, "no \"status\""),
            (r#"{"status":"success","data":{}}"#, "no data.resultType"),
            (r#"{"status":"error","error":"boom"}"#, "boom"),
            (
                r#"{"status":"success","data":{"resultType":"table","result":[]}}"#,
                "table",
            ),
            (
                r#"{"status":"success","data":{"resultType":"streams","result":[{"stream":{},"values":[["x","l"]]}]}}"#,
                "nanosecond",
            ),
            (
                r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}"#,
                "not a number",
            ),
            (
                r#"{"status":"success","data":{"resultType":"streams","result":[{"stream":{"a":1},"values":[]}]}}"#,
                "expected a string",
            ),
        ] {
            let err = decoded(body).unwrap_err();
            assert!(matches!(err, LokiError::Decode { .. }), "{body}: {err}");
            assert!(err.to_string().contains(says), "{body}: {err}");
        }
    }
}
