//! The functions of range aggregations over one window of samples
//! (timestamps in nanoseconds, sorted).

use logql::RangeOp;

/// The aggregated value of a non-empty window; `None` when the function
/// has no value for it.
pub fn apply(op: RangeOp, param: Option<f64>, window: &[(i64, f64)], range_ns: i64) -> Option<f64> {
    let values = || window.iter().map(|s| s.1);
    let seconds = range_ns as f64 / 1e9;
    let n = window.len() as f64;
    Some(match op {
        RangeOp::CountOverTime => n,
        // Without unwrap every value is 1, so the sum is the count.
        RangeOp::Rate | RangeOp::BytesRate => values().sum::<f64>() / seconds,
        RangeOp::BytesOverTime | RangeOp::SumOverTime => values().sum(),
        RangeOp::RateCounter => counter_rate(window, range_ns),
        RangeOp::AvgOverTime => avg(values()),
        RangeOp::MinOverTime => {
            values().fold(f64::NAN, |m, v| if m.is_nan() || v < m { v } else { m })
        }
        RangeOp::MaxOverTime => {
            values().fold(f64::NAN, |m, v| if m.is_nan() || v > m { v } else { m })
        }
        RangeOp::StdvarOverTime => variance(values()),
        RangeOp::StddevOverTime => variance(values()).sqrt(),
        RangeOp::QuantileOverTime => quantile(param.unwrap_or(0.0), values().collect()),
        RangeOp::FirstOverTime => window.first()?.1,
        RangeOp::LastOverTime => window.last()?.1,
        RangeOp::AbsentOverTime => 1.0,
    })
}

/// Incremental mean that survives infinities the way Prometheus' does.
fn avg(values: impl Iterator<Item = f64>) -> f64 {
    let mut mean = 0.0_f64;
    let mut count = 0.0_f64;
    for v in values {
        count += 1.0;
        if mean.is_infinite() {
            if v.is_infinite() && (mean > 0.0) == (v > 0.0) {
                continue;
            }
            if v.is_finite() {
                continue;
            }
        }
        mean += v / count - mean / count;
    }
    mean
}

/// Population variance (Welford).
fn variance(values: impl Iterator<Item = f64>) -> f64 {
    let (mut count, mut mean, mut aux) = (0.0, 0.0, 0.0);
    for v in values {
        count += 1.0;
        let delta = v - mean;
        mean += delta / count;
        aux += delta * (v - mean);
    }
    aux / count
}

/// Prometheus' quantile: linear interpolation between closest ranks.
pub fn quantile(q: f64, mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    if q < 0.0 {
        return f64::NEG_INFINITY;
    }
    if q > 1.0 {
        return f64::INFINITY;
    }
    // NaN sorts before every number, as in Loki's heap ordering
    // (pkg/logql/vector: a NaN is "less" than anything), so a low quantile
    // of a window holding NaN is NaN. A total order also keeps the sort
    // from misbehaving on NaN.
    values.sort_by(|a, b| match (a.is_nan(), b.is_nan()) {
        (false, false) => a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal),
        (a_nan, b_nan) => b_nan.cmp(&a_nan),
    });
    let n = values.len() as f64;
    let rank = q * (n - 1.0);
    let lower = rank.floor().max(0.0);
    let upper = (lower + 1.0).min(n - 1.0);
    let weight = rank - rank.floor();
    values[lower as usize] * (1.0 - weight) + values[upper as usize] * weight
}

/// `rate_counter` as Loki 3.7 computes it: Prometheus' extrapolated rate
/// of a counter, with resets, but fed nanosecond timestamps where the
/// formula expects milliseconds (pkg/logql/range_vector.go,
/// `extrapolatedRate`). The window's start is taken as the first sample
/// minus the range in milliseconds, so the distance to it is the range in
/// seconds, while the sampled span is counted in microseconds: a window
/// that does not start at a counter reset is stretched by a factor of about
/// 1 + 1e-6, never by Prometheus' half a gap. Loki fixed this after 3.7.4
/// (grafana/loki#23670); this follows the release.
fn counter_rate(window: &[(i64, f64)], range_ns: i64) -> f64 {
    if window.len() < 2 {
        return 0.0;
    }
    let (first_t, first_v) = window[0];
    let (last_t, last_v) = window[window.len() - 1];
    let range_ms = range_ns / 1_000_000;
    let mut result = last_v - first_v;
    let mut previous = 0.0;
    for &(_, v) in window {
        if v < previous {
            result += previous;
        }
        previous = v;
    }
    // first_t - (first_t - range_ms), over 1000; the end is the last sample.
    let mut to_start = range_ms as f64 / 1000.0;
    let to_end = 0.0;
    let sampled = last_t.saturating_sub(first_t) as f64 / 1000.0;
    let average_gap = sampled / (window.len() - 1) as f64;
    if result > 0.0 && first_v >= 0.0 {
        let to_zero = sampled * (first_v / result);
        if to_zero < to_start {
            to_start = to_zero;
        }
    }
    let threshold = average_gap * 1.1;
    let mut interval = sampled;
    interval += if to_start < threshold {
        to_start
    } else {
        average_gap / 2.0
    };
    interval += if to_end < threshold {
        to_end
    } else {
        average_gap / 2.0
    };
    result * (interval / sampled) / (range_ns as f64 / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(values: &[f64]) -> Vec<(i64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| (i as i64 * 1_000_000_000, v))
            .collect()
    }

    #[test]
    fn window_functions() {
        let win = w(&[1.0, 2.0, 3.0, 4.0]);
        let r = 60_000_000_000;
        assert_eq!(apply(RangeOp::CountOverTime, None, &win, r), Some(4.0));
        assert_eq!(apply(RangeOp::SumOverTime, None, &win, r), Some(10.0));
        assert_eq!(apply(RangeOp::Rate, None, &win, r), Some(10.0 / 60.0));
        assert_eq!(apply(RangeOp::AvgOverTime, None, &win, r), Some(2.5));
        assert_eq!(apply(RangeOp::MinOverTime, None, &win, r), Some(1.0));
        assert_eq!(apply(RangeOp::MaxOverTime, None, &win, r), Some(4.0));
        assert_eq!(apply(RangeOp::StdvarOverTime, None, &win, r), Some(1.25));
        assert_eq!(apply(RangeOp::FirstOverTime, None, &win, r), Some(1.0));
        assert_eq!(apply(RangeOp::LastOverTime, None, &win, r), Some(4.0));
        // rank 0.5 * 3 = 1.5: halfway between 2 and 3.
        assert_eq!(
            apply(RangeOp::QuantileOverTime, Some(0.5), &win, r),
            Some(2.5)
        );
        assert_eq!(quantile(1.5, vec![1.0]), f64::INFINITY);
    }

    #[test]
    fn counter_rate_handles_resets_as_loki_3_7_does() {
        // 0,10,20 then a reset to 5: increase = 20 + 5 = 25. The counter's
        // zero point is the first sample, so nothing is extrapolated: 25
        // over a 10 s range.
        let win = w(&[0.0, 10.0, 20.0, 5.0]);
        let v = apply(RangeOp::RateCounter, None, &win, 10_000_000_000).unwrap();
        assert!((v - 2.5).abs() < 1e-12, "{v}");
        // Starting at 10 or at 100: the 2 s sampled span counts as 2e6 and
        // the distance to the start as 10, so the increase of 20 grows by
        // 10 / 2e6 only (Prometheus would add a whole or half gap).
        for first in [10.0, 100.0] {
            let win = w(&[first, first + 10.0, first + 20.0]);
            let v = apply(RangeOp::RateCounter, None, &win, 10_000_000_000).unwrap();
            let want = 20.0 * ((2e6 + 10.0) / 2e6) / 10.0;
            assert!((v - want).abs() < 1e-12, "{first}: {v}");
        }
        // One sample: no rate.
        let v = apply(RangeOp::RateCounter, None, &w(&[3.0]), 10_000_000_000);
        assert_eq!(v, Some(0.0));
    }
}
