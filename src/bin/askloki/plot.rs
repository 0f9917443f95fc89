//! Small pictures of an answer for a terminal: a sparkline per series for
//! numbers over time, a bar chart for a ranking. Pure functions from
//! numbers to strings; `ask` prints them only when stdout is a terminal.

use askloki::source::{format_sample_value, QueryResult};

/// Series drawn at most (the largest by their peak).
const MAX_SERIES: usize = 8;
/// Bars drawn at most.
const MAX_BARS: usize = 10;
/// Columns a sparkline or a bar takes at most.
pub const WIDTH: usize = 48;
/// Label columns before a sparkline or a bar.
const LABEL: usize = 28;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// `values` as one character each, lowest to highest (a value that is not
/// a finite number is a gap); longer inputs are first squeezed to `width`
/// columns, each showing the highest value it covers so spikes stay seen.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let cols = squeeze(values, width.max(1));
    let finite = cols.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    cols.iter()
        .map(|&v| {
            if !v.is_finite() {
                ' '
            } else if hi <= lo {
                // A flat line: at the bottom when it is zero, midway otherwise.
                if v == 0.0 {
                    LEVELS[0]
                } else {
                    LEVELS[3]
                }
            } else {
                let level = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                LEVELS[level.min(7)]
            }
        })
        .collect()
}

/// The highest finite value of each of `width` equal slices (NaN where a
/// slice has none).
fn squeeze(values: &[f64], width: usize) -> Vec<f64> {
    if values.len() <= width {
        return values.to_vec();
    }
    (0..width)
        .map(|c| {
            let a = c * values.len() / width;
            let b = ((c + 1) * values.len() / width).max(a + 1);
            values[a..b.min(values.len())]
                .iter()
                .copied()
                .filter(|v| v.is_finite())
                .fold(f64::NAN, |m, v| if m.is_nan() || v > m { v } else { m })
        })
        .collect()
}

/// A bar of `value` against `max`, `width` columns at most, in eighths.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if !(value.is_finite() && max.is_finite()) || max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(EIGHTHS[eighths % 8]);
    }
    if s.is_empty() {
        s.push('▏');
    }
    s
}

/// `name`, cut or padded to `n` columns.
fn fit(name: &str, n: usize) -> String {
    let count = name.chars().count();
    if count > n {
        let mut s: String = name.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    } else {
        format!("{name}{}", " ".repeat(n - count))
    }
}

/// Ranked rows as a bar chart, largest first, with their values.
pub fn bars(rows: &[(String, f64)], width: usize) -> String {
    let mut rows: Vec<&(String, f64)> = rows.iter().filter(|r| r.1.is_finite()).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = rows.first().map_or(0.0, |r| r.1);
    rows.iter()
        .take(MAX_BARS)
        .map(|(name, v)| {
            format!(
                "{} {} {}",
                fit(name, LABEL),
                bar(*v, max, width),
                format_sample_value(*v)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The picture of a result, when it has one: sparklines for a range
/// result, bars for several instant samples.
pub fn picture(result: &QueryResult) -> Option<String> {
    let name = |l: &askloki::source::Labels| {
        if l.is_empty() {
            "total".to_string()
        } else {
            l.iter().map(|(_, v)| v).collect::<Vec<_>>().join(", ")
        }
    };
    match result {
        QueryResult::Matrix(series) if !series.is_empty() => {
            let peak = |s: &askloki::source::Series| {
                s.points.iter().map(|p| p.value).fold(f64::MIN, f64::max)
            };
            let mut order: Vec<&askloki::source::Series> = series.iter().collect();
            order.sort_by(|a, b| peak(b).total_cmp(&peak(a)));
            let lines: Vec<String> = order
                .iter()
                .take(MAX_SERIES)
                .map(|s| {
                    let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
                    format!(
                        "{} {} max {}",
                        fit(&name(&s.labels), LABEL),
                        sparkline(&values, WIDTH),
                        format_sample_value(peak(s))
                    )
                })
                .collect();
            Some(lines.join("\n"))
        }
        QueryResult::Vector(samples) if samples.len() > 1 => {
            let rows: Vec<(String, f64)> = samples
                .iter()
                .map(|s| (name(&s.labels), s.point.value))
                .collect();
            Some(bars(&rows, WIDTH))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askloki::source::{Labels, Point, Sample, Series};

    #[test]
    fn sparklines_span_lowest_to_highest_and_keep_spikes() {
        assert_eq!(
            sparkline(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 60),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[3.0, 3.0], 60), "▄▄");
        assert_eq!(sparkline(&[0.0, 0.0], 60), "▁▁");
        assert_eq!(sparkline(&[1.0, f64::NAN, 2.0, f64::INFINITY], 60), "▁ █ ");
        assert_eq!(sparkline(&[], 60), "");
        // 1000 points into 10 columns: the one spike is still drawn.
        let mut v = vec![1.0; 1000];
        v[537] = 50.0;
        let s = sparkline(&v, 10);
        assert_eq!(s.chars().count(), 10);
        assert_eq!(s, "▁▁▁▁▁█▁▁▁▁");
        assert_eq!(sparkline(&[f64::NAN; 5], 0), " ");
    }

    #[test]
    fn bars_rank_and_scale_in_eighths() {
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██");
        assert_eq!(bar(1.0, 10.0, 4), "▍");
        assert_eq!(bar(0.01, 10.0, 4), "▏");
        assert_eq!(bar(0.0, 10.0, 4), "");
        assert_eq!(bar(f64::NAN, 10.0, 4), "");
        assert_eq!(bar(1.0, 0.0, 4), "");
        let chart = bars(
            &[
                ("b".into(), 2.0),
                ("a".into(), 8.0),
                ("nan".into(), f64::NAN),
            ],
            4,
        );
        let lines: Vec<&str> = chart.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with("a ") && lines[0].ends_with(" ████ 8"),
            "{chart}"
        );
        assert!(
            lines[1].starts_with("b ") && lines[1].ends_with(" █ 2"),
            "{chart}"
        );
        let long = fit("a-very-long-label-that-does-not-fit-at-all", 10);
        assert_eq!(long.chars().count(), 10);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn pictures_for_series_and_rankings_only() {
        let l = |v: &str| Labels::from_pairs([("ip", v)]);
        let matrix = QueryResult::Matrix(vec![Series {
            labels: Labels::new(),
            points: (0..4)
                .map(|i| Point {
                    ts_ms: i,
                    value: i as f64,
                })
                .collect(),
        }]);
        let p = picture(&matrix).unwrap();
        assert!(
            p.starts_with("total ") && p.contains("▁▃▆█") && p.ends_with("max 3"),
            "{p}"
        );
        let ranked = QueryResult::Vector(vec![
            Sample {
                labels: l("10.0.0.1"),
                point: Point {
                    ts_ms: 0,
                    value: 3.0,
                },
            },
            Sample {
                labels: l("10.0.0.2"),
                point: Point {
                    ts_ms: 0,
                    value: 9.0,
                },
            },
        ]);
        let p = picture(&ranked).unwrap();
        assert!(p.lines().next().unwrap().starts_with("10.0.0.2 "), "{p}");
        let one = QueryResult::Vector(vec![Sample {
            labels: l("x"),
            point: Point {
                ts_ms: 0,
                value: 1.0,
            },
        }]);
        assert_eq!(picture(&one), None);
        assert_eq!(picture(&QueryResult::Streams(Vec::new())), None);
        assert_eq!(picture(&QueryResult::Matrix(Vec::new())), None);
    }
}
