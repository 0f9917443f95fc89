//! Distinct counts past the series limit, counted in parts. A default Loki
//! refuses `count(count by (ip)(…))` once the inner aggregation holds more
//! than 500 series, and so does the embedded engine. The values of a field
//! split by their leading characters into disjoint parts (`ip=~"1.*"`,
//! `ip=~"2.*"`, …, and the rest); each part stays under the limit, and the
//! parts' counts add up to the whole, since no value is in two parts. This
//! is what an operator does by hand when the limit cannot be raised.

use logql::visit::{rewrite_expr, Rewriter};
use logql::{Expr, LabelFilter, LogExpr, MatchOp, Matcher, MetricExpr, Stage, VectorOp};

use crate::source::Sample;

/// Most parts one count is split into: past that, the clear error stands.
pub const MAX_PARTS: usize = 32;

/// How the parts' results make the whole's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Distinct counts: one sample a part, added up.
    Sum,
    /// `topk(k, …)`: the k largest of all the parts' samples.
    Top(usize),
}

impl Merge {
    pub fn merge(self, mut samples: Vec<Sample>) -> Vec<Sample> {
        match self {
            Merge::Sum => {
                let total: f64 = samples.iter().map(|s| s.point.value).sum();
                samples.truncate(1);
                for s in &mut samples {
                    s.point.value = total;
                }
                samples
            }
            Merge::Top(k) => {
                samples.sort_by(|a, b| b.point.value.total_cmp(&a.point.value));
                samples.truncate(k);
                samples
            }
        }
    }
}

/// One part: the matchers its values satisfy, all of them.
pub type Part = Vec<Matcher>;

/// The parts the values of `field` fall into by their first `depth`
/// characters, as the sampled `values` show them, narrowing `within`: one
/// part per prefix seen, and one for every value with none of those
/// prefixes (values the sample missed, the empty value).
pub fn split(field: &str, values: &[&str], within: &Part, depth: usize) -> Vec<Part> {
    let mut prefixes: Vec<String> = values
        .iter()
        .filter(|v| within.iter().all(|m| holds(m, v)))
        .filter_map(|v| {
            let end = v.char_indices().nth(depth).map_or(v.len(), |(i, _)| i);
            (v.chars().count() >= depth).then(|| v[..end].to_string())
        })
        .collect();
    prefixes.sort();
    prefixes.dedup();
    let starting = |p: &str| format!("{}.*", regex::escape(p));
    let mut parts: Vec<Part> = prefixes
        .iter()
        .map(|p| {
            let mut part = within.clone();
            part.push(Matcher::new(field, MatchOp::Re, starting(p)));
            part
        })
        .collect();
    let rest = prefixes
        .iter()
        .map(|p| regex::escape(p))
        .collect::<Vec<_>>()
        .join("|");
    let mut other = within.clone();
    if !rest.is_empty() {
        other.push(Matcher::new(field, MatchOp::Nre, format!("({rest}).*")));
    }
    parts.push(other);
    parts
}

/// Whether a sampled value satisfies a part's matcher (prefix matchers
/// only: the ones `split` writes).
fn holds(m: &Matcher, value: &str) -> bool {
    let prefix_of = |pattern: &str| -> Vec<String> {
        let inner = pattern.strip_suffix(".*").unwrap_or(pattern);
        let inner = inner
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(inner);
        inner.split('|').map(unescape).collect()
    };
    match m.op {
        MatchOp::Re => prefix_of(&m.value).iter().any(|p| value.starts_with(p)),
        MatchOp::Nre => !prefix_of(&m.value).iter().any(|p| value.starts_with(p)),
        MatchOp::Eq => value == m.value,
        MatchOp::Neq => value != m.value,
    }
}

fn unescape(escaped: &str) -> String {
    let mut out = String::new();
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// The query with a part's matchers as label filters after its parser.
pub fn restrict(query: &str, part: &Part) -> Option<String> {
    let mut expr = logql::parse(query).ok()?;
    let mut add = AddFilters(part);
    rewrite_expr(&mut add, &mut expr);
    Some(expr.to_string())
}

/// The ranking `query` (`topk(k, sum by (…) (…))`) as `approx_topk`, for a
/// source whose sketch ranks many values in bounded memory where the
/// exact ranking passes the series limit. None for any other query.
pub fn approximate(query: &str) -> Option<String> {
    let mut expr = logql::parse(query).ok()?;
    let Expr::Metric(MetricExpr::VectorAgg(agg)) = &mut expr else {
        return None;
    };
    if agg.op != VectorOp::Topk {
        return None;
    }
    agg.op = VectorOp::ApproxTopk;
    Some(expr.to_string())
}

struct AddFilters<'a>(&'a Part);

impl Rewriter for AddFilters<'_> {
    fn rewrite_log_expr(&mut self, log: &mut LogExpr) {
        log.pipeline.extend(
            self.0
                .iter()
                .map(|m| Stage::LabelFilter(LabelFilter::Matcher(m.clone()))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[Part]) -> Vec<String> {
        parts
            .iter()
            .map(|p| {
                p.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn only_a_ranking_becomes_approximate() {
        let top = r#"topk(3,sum by (ip)(count_over_time({job="lb"} | regexp "from (?P<ip>\\S+) " [1h])))"#;
        let approx = approximate(top).expect("a ranking");
        assert!(approx.starts_with("approx_topk(3,"), "{approx}");
        assert!(approx.contains("sum by (ip)"), "{approx}");
        assert_eq!(
            approximate(r#"bottomk(3,sum by (ip)(count_over_time({job="lb"}[1h])))"#),
            None
        );
        assert_eq!(
            approximate(r#"count(sum by (ip)(count_over_time({job="lb"}[1h])))"#),
            None
        );
        assert_eq!(approximate(r#"{job="lb"} |= "x""#), None);
    }

    #[test]
    fn values_split_by_first_character_and_the_rest() {
        let values = ["10.0.0.1", "13.1.2.3", "198.51.100.7", "2.2.2.2", "a.b"];
        let parts = split("ip", &values, &Vec::new(), 1);
        assert_eq!(
            shown(&parts),
            [
                r#"ip=~"1.*""#,
                r#"ip=~"2.*""#,
                r#"ip=~"a.*""#,
                r#"ip!~"(1|2|a).*""#
            ]
        );
    }

    #[test]
    fn a_part_splits_again_by_two_characters() {
        let values = ["10.0.0.1", "13.1.2.3", "198.51.100.7", "2.2.2.2"];
        let first = split("ip", &values, &Vec::new(), 1);
        let again = split("ip", &values, &first[0], 2);
        assert_eq!(
            shown(&again),
            [
                r#"ip=~"1.*" ip=~"10.*""#,
                r#"ip=~"1.*" ip=~"13.*""#,
                r#"ip=~"1.*" ip=~"19.*""#,
                r#"ip=~"1.*" ip!~"(10|13|19).*""#
            ]
        );
        // Prefixes with regex characters are escaped and read back.
        let dotted = split("ip", &values, &first[1], 2);
        assert_eq!(dotted.len(), 2);
        assert!(holds(&dotted[0][1], "2.2.2.2"), "{:?}", dotted[0]);
        assert!(!holds(&dotted[0][1], "242.1.1.1"));
        // A part no sampled value falls in is not split again.
        assert_eq!(split("ip", &values, &first[2], 2), vec![first[2].clone()]);
    }

    #[test]
    fn parts_merge_into_the_whole() {
        let sample = |ip: &str, value: f64| {
            let pairs: Vec<(&str, &str)> = if ip.is_empty() {
                vec![]
            } else {
                vec![("ip", ip)]
            };
            let labels = crate::source::Labels::from_pairs(pairs);
            Sample {
                labels,
                point: crate::source::Point { ts_ms: 1, value },
            }
        };
        let counts = vec![sample("", 300.0), sample("", 266.0), sample("", 0.0)];
        let whole = Merge::Sum.merge(counts);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].point.value, 566.0);
        let tops = vec![
            sample("1.1.1.1", 5.0),
            sample("2.2.2.2", 9.0),
            sample("3.3.3.3", 7.0),
        ];
        let top: Vec<f64> = Merge::Top(2)
            .merge(tops)
            .iter()
            .map(|s| s.point.value)
            .collect();
        assert_eq!(top, [9.0, 7.0]);
    }

    #[test]
    fn a_query_is_restricted_after_its_parser() {
        let q = r#"count(sum by (ip)(count_over_time({app="a"} | json | ip!=""[1h])))"#;
        let part = vec![Matcher::new("ip", MatchOp::Re, "1.*")];
        assert_eq!(
            restrict(q, &part).unwrap(),
            r#"count(sum by (ip)(count_over_time({app="a"} | json | ip!="" | ip=~"1.*"[1h])))"#
        );
    }
}
