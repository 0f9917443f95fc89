//! Thresholds a question puts on a quantity: "longer than 10 seconds",
//! "over 500ms", "more than 2 MB", "under 100 ms", "latency > 2s". The
//! grounding ties one to a numeric field and writes it in the field's
//! unit (`http_duration_ms > 10000`, `took > 2s`).

use logql::{CmpOp, LabelFilter};

use crate::knowledge::fields::TimeUnit;

/// The unit a threshold is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Time(TimeUnit),
    /// Bytes per unit written (`KB` = 1024).
    Bytes(f64),
}

/// A comparison the question makes, and the words that say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub op: CmpOp,
    pub value: f64,
    pub unit: Option<Unit>,
    /// The question's words that make it up (lower case), to take them
    /// out of the words left for the messages.
    pub words: Vec<String>,
}

impl Threshold {
    /// The value in seconds, where it is a time.
    pub fn seconds(&self) -> Option<f64> {
        match self.unit {
            Some(Unit::Time(u)) => Some(self.value * u.seconds()),
            _ => None,
        }
    }
}

/// How a quantity's values are written, as far as comparing them goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Written {
    /// Go durations with their unit (`183ms`): compared as durations.
    GoDuration,
    /// Sizes with their unit (`1.5KB`): compared as sizes.
    SuffixedBytes,
    /// Plain numbers in a time unit (`duration_ms`, `in 43 ms`).
    TimeIn(TimeUnit),
    /// Plain numbers of bytes.
    Bytes,
    /// Plain numbers of no known unit.
    Plain,
}

impl Threshold {
    /// The label filter on `name`, in the unit its values are written in;
    /// `None` where the threshold's unit does not fit them (a time on
    /// sizes). A time on plain numbers of no known unit is compared as
    /// the question states it only where `guess_unit` allows.
    pub fn filter(&self, name: &str, written: Written, guess_unit: bool) -> Option<LabelFilter> {
        let number = |value: f64| LabelFilter::Number {
            name: name.to_string(),
            op: self.op,
            value,
        };
        Some(match (self.unit, written) {
            (Some(Unit::Time(_)), Written::GoDuration) => LabelFilter::Duration {
                name: name.to_string(),
                op: self.op,
                value: (self.seconds()? * 1e9).round() as i64,
            },
            (Some(Unit::Time(_)), Written::TimeIn(unit)) => {
                number(self.seconds()? / unit.seconds())
            }
            (Some(Unit::Time(_)), Written::Plain) if guess_unit => number(self.value),
            (Some(Unit::Bytes(per)), Written::SuffixedBytes) => LabelFilter::Bytes {
                name: name.to_string(),
                op: self.op,
                value: (self.value * per).round() as u64,
            },
            (Some(Unit::Bytes(per)), Written::Bytes | Written::Plain) => number(self.value * per),
            (None, Written::Plain | Written::Bytes | Written::TimeIn(_)) => number(self.value),
            _ => return None,
        })
    }
}

const ABOVE: &[&str] = &[
    "longer",
    "more",
    "greater",
    "slower",
    "higher",
    "bigger",
    "larger",
    "over",
    "above",
    "exceeding",
    "exceeded",
    "exceeds",
    ">",
];
const BELOW: &[&str] = &[
    "shorter", "less", "fewer", "faster", "lower", "smaller", "under", "below", "<",
];

/// The first threshold in a question, if any.
pub fn threshold(question: &str) -> Option<Threshold> {
    let tokens = tokens(question);
    for (i, t) in tokens.iter().enumerate() {
        let op = if ABOVE.contains(&t.as_str()) {
            CmpOp::Gt
        } else if BELOW.contains(&t.as_str()) {
            CmpOp::Lt
        } else {
            continue;
        };
        let mut j = i + 1;
        let mut words = vec![t.clone()];
        if tokens.get(j).is_some_and(|w| w == "than") {
            words.push("than".into());
            j += 1;
        }
        let Some((value, glued)) = tokens.get(j).and_then(|w| number_and_unit(w)) else {
            continue;
        };
        words.push(tokens[j].clone());
        let unit = match glued {
            Some(u) => Some(u),
            None => {
                let next = tokens.get(j + 1).and_then(|w| unit_of(w));
                if next.is_some() {
                    words.push(tokens[j + 1].clone());
                }
                next
            }
        };
        return Some(Threshold {
            op,
            value,
            unit,
            words,
        });
    }
    None
}

/// Lower-case tokens; `>`/`<` stand alone ("latency>2s").
fn tokens(question: &str) -> Vec<String> {
    question
        .to_lowercase()
        .replace('>', " > ")
        .replace('<', " < ")
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| matches!(c, ',' | '?' | '!' | ';' | ':' | '(' | ')' | '"'))
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// `10`, `2.5`, `1,000`, `500ms`, `2s`, `1.5mb`: the number and a unit
/// glued to it.
fn number_and_unit(token: &str) -> Option<(f64, Option<Unit>)> {
    let split = token
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(token.len());
    let (digits, rest) = token.split_at(split);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value: f64 = digits.trim_end_matches('.').replace(',', "").parse().ok()?;
    if rest.is_empty() {
        return Some((value, None));
    }
    unit_of(rest).map(|u| (value, Some(u)))
}

fn unit_of(word: &str) -> Option<Unit> {
    if let Some(t) = TimeUnit::from_word(word) {
        return Some(Unit::Time(t));
    }
    let bytes = match word {
        "b" | "byte" | "bytes" => 1.0,
        "kb" | "kib" | "kilobytes" => 1024.0,
        "mb" | "mib" | "megabytes" => 1024.0 * 1024.0,
        "gb" | "gib" | "gigabytes" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some(Unit::Bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_with_their_units() {
        let t = threshold("Did any request take longer than 10 seconds?").unwrap();
        assert_eq!((t.op, t.value), (CmpOp::Gt, 10.0));
        assert_eq!(t.seconds(), Some(10.0));
        assert_eq!(t.words, ["longer", "than", "10", "seconds"]);
        let t = threshold("show logs where latency>2s").unwrap();
        assert_eq!((t.op, t.seconds()), (CmpOp::Gt, Some(2.0)));
        let t = threshold("requests faster than 250ms").unwrap();
        assert_eq!((t.op, t.seconds()), (CmpOp::Lt, Some(0.25)));
        let t = threshold("responses over 1,000 bytes").unwrap();
        assert_eq!((t.value, t.unit), (1000.0, Some(Unit::Bytes(1.0))));
        let t = threshold("uploads larger than 2 MB").unwrap();
        assert_eq!(t.unit, Some(Unit::Bytes(1024.0 * 1024.0)));
        let t = threshold("jobs with more than 3 retries").unwrap();
        assert_eq!((t.value, t.unit), (3.0, None));
    }

    #[test]
    fn filters_in_the_unit_values_are_written_in() {
        let t = threshold("requests longer than 2 seconds").unwrap();
        let f = |w, guess| t.filter("d", w, guess).map(|f| f.to_string());
        assert_eq!(f(Written::GoDuration, false).as_deref(), Some("d>2s"));
        assert_eq!(
            f(Written::TimeIn(TimeUnit::Ms), false).as_deref(),
            Some("d>2000")
        );
        assert_eq!(f(Written::Plain, false), None);
        assert_eq!(f(Written::Plain, true).as_deref(), Some("d>2"));
        assert_eq!(f(Written::SuffixedBytes, true), None);
        let t = threshold("bodies under 1 KB").unwrap();
        assert!(matches!(
            t.filter("b", Written::SuffixedBytes, false),
            Some(LabelFilter::Bytes {
                value: 1024,
                op: CmpOp::Lt,
                ..
            })
        ));
        assert_eq!(
            t.filter("b", Written::Bytes, false)
                .map(|f| f.to_string())
                .as_deref(),
            Some("b<1024")
        );
    }

    #[test]
    fn no_number_no_threshold() {
        assert!(threshold("which pod logged more errors").is_none());
        assert!(threshold("errors over the last hour").is_none());
        assert!(threshold("").is_none());
        assert!(threshold("more than .").is_none());
        assert!(threshold("over 5xx").is_none());
    }
}
