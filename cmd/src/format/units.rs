//! Docker's human-readable units: sizes (`7.05MB`), durations (`About an hour`), timestamps
//! (Go's `time.Time.String()`) and `--since`/`--until` values.
//!
//! Sizes follow docker (`units.HumanSizeWithPrecision(size, 3)`, no space: `7.05MB`); podman
//! prints `7.05 MB`. Times without a zone in `--since`/`--until` are read as UTC (docker reads
//! them in the local zone).

use std::time::Duration;

use skiff_libpod::container::time::{civil_from_days, exact_unix_seconds, read_rfc3339, Form};

use super::gofmt::format_g;

/// A `--since`/`--until` value that is neither a time nor a duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("failed to parse value as time or duration: {0:?} (use RFC 3339 like 2024-01-02T15:04:05Z, a unix timestamp, or a duration like 10m or 1h30m)")]
pub struct TimeError(pub String);

/// Docker's size column: decimal units, 3 significant digits (`0B`, `345kB`, `7.05MB`,
/// `1.23GB`).
pub fn human_size(bytes: u64) -> String {
    human_size_precision(bytes as f64, 3)
}

/// Go-units' `HumanSizeWithPrecision`: decimal units with `precision` significant digits.
pub fn human_size_precision(size: f64, precision: usize) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut size = size;
    let mut i = 0;
    while size >= 1000.0 && i < UNITS.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    format!("{}{}", format_g(size, Some(precision)), UNITS[i])
}

/// Go-units' `BytesSize`: binary units, 4 significant digits (`1KiB`, `1.5MiB`), as docker
/// prints memory amounts.
pub fn bytes_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1024.0 && i < UNITS.len() - 1 {
        size /= 1024.0;
        i += 1;
    }
    format!("{}{}", format_g(size, Some(4)), UNITS[i])
}

pub use skiff_libpod::container::time::human_duration;

/// `"<duration> ago"` for an event at `unix_secs`, seen at `now` (unix seconds); times in the
/// future count as "Less than a second".
pub fn time_ago(unix_secs: i64, now: i64) -> String {
    format!("{} ago", human_duration(since(unix_secs, now)))
}

fn since(then: i64, now: i64) -> Duration {
    Duration::from_secs(u64::try_from(now.saturating_sub(then)).unwrap_or(0))
}

fn date_time(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Go's `time.Time.String()` in UTC, as docker's `CreatedAt` fields print:
/// `2026-11-25 07:00:00 +0000 UTC`.
pub fn go_time_string(unix_secs: i64) -> String {
    format!("{} +0000 UTC", date_time(unix_secs).replace('T', " "))
}

/// Parses a Go duration (`300ms`, `10m`, `1h30m`, `-1.5h`, units ns us µs ms s m h) into
/// nanoseconds.
pub fn parse_go_duration(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (num, tail) = rest.split_at(num_end);
        if num.is_empty() || num == "." {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        let unit_end = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_end);
        let scale = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += value * scale;
        rest = tail;
    }
    if total > i64::MAX as f64 {
        return None;
    }
    let n = total.round() as i64;
    Some(if neg { -n } else { n })
}

/// Parses a `--since`/`--until` value as docker does, to unix nanoseconds: a Go duration
/// before `now_nanos` (`10m`, `1h30m`), a unix timestamp (`1700000000`, `1700000000.5`), or an
/// RFC 3339 time, possibly shortened (`2024-01-02`, `2024-01-02T15`, `2024-01-02T15:04`,
/// `2024-01-02T15:04:05.123Z`, `…+02:00`).
pub fn parse_timestamp(value: &str, now_nanos: i64) -> Result<i64, TimeError> {
    let err = || TimeError(value.to_string());
    let v = value.trim();
    if v != "0" {
        if let Some(d) = parse_go_duration(v) {
            return Ok(now_nanos.saturating_sub(d));
        }
    }
    if let Some(t) = exact_unix_seconds(v) {
        return Ok(t);
    }
    parse_rfc3339ish(v).ok_or_else(err)
}

/// RFC 3339, shortened or whole, with at most nine digits of fraction.
fn parse_rfc3339ish(v: &str) -> Option<i64> {
    let t = read_rfc3339(v, Form::Shortened)?;
    (t.fraction.map_or(0, str::len) <= 9)
        .then(|| t.unix_nanos())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use skiff_libpod::container::time::days_from_civil;

    #[test]
    fn sizes_like_docker() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(345_000), "345kB");
        assert_eq!(human_size(7_050_000), "7.05MB");
        assert_eq!(human_size(7_054_321), "7.05MB");
        assert_eq!(human_size(1_234_567_890), "1.23GB");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(1000), "1kB");
        assert_eq!(human_size(5_600_000), "5.6MB");
        assert_eq!(
            human_size(999_999),
            "1e+03kB",
            "go-units' own %.3g rounding quirk"
        );
        assert_eq!(human_size_precision(2_000_000_000_000.0, 4), "2TB");
    }

    #[test]
    fn binary_sizes() {
        assert_eq!(bytes_size(0), "0B");
        assert_eq!(bytes_size(1024), "1KiB");
        assert_eq!(bytes_size(1536 * 1024), "1.5MiB");
        assert_eq!(bytes_size(2 * 1024 * 1024 * 1024), "2GiB");
        assert_eq!(bytes_size(1023), "1023B");
    }

    #[test]
    fn durations_like_docker() {
        let s = Duration::from_secs;
        assert_eq!(
            human_duration(Duration::from_millis(500)),
            "Less than a second"
        );
        assert_eq!(human_duration(s(1)), "1 second");
        assert_eq!(human_duration(s(59)), "59 seconds");
        assert_eq!(human_duration(s(60)), "About a minute");
        assert_eq!(human_duration(s(119)), "About a minute");
        assert_eq!(human_duration(s(120)), "2 minutes");
        assert_eq!(human_duration(s(59 * 60)), "59 minutes");
        assert_eq!(human_duration(s(3600)), "About an hour");
        assert_eq!(human_duration(s(3600 * 3)), "3 hours");
        assert_eq!(human_duration(s(3600 * 47)), "47 hours");
        assert_eq!(human_duration(s(3600 * 48)), "2 days");
        assert_eq!(human_duration(s(86_400 * 13)), "13 days");
        assert_eq!(human_duration(s(86_400 * 21)), "3 weeks");
        assert_eq!(human_duration(s(86_400 * 120)), "4 months");
        assert_eq!(human_duration(s(86_400 * 365 * 2)), "2 years");
        assert_eq!(time_ago(1000, 1000 + 7200), "2 hours ago");
        assert_eq!(time_ago(2000, 1000), "Less than a second ago");
    }

    #[test]
    fn go_time_strings() {
        assert_eq!(
            go_time_string(1_700_000_000),
            "2023-11-14 22:13:20 +0000 UTC"
        );
        assert_eq!(go_time_string(-1), "1969-12-31 23:59:59 +0000 UTC");
        assert_eq!(go_time_string(951_782_400), "2000-02-29 00:00:00 +0000 UTC");
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("10m"), Some(600_000_000_000));
        assert_eq!(parse_go_duration("1h30m"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("1.5s"), Some(1_500_000_000));
        assert_eq!(parse_go_duration("300ms"), Some(300_000_000));
        assert_eq!(parse_go_duration("-2h"), Some(-7_200_000_000_000));
        assert_eq!(parse_go_duration("2h45m30.5s"), Some(9_930_500_000_000));
        assert_eq!(parse_go_duration("10"), None);
        assert_eq!(parse_go_duration("h"), None);
        assert_eq!(parse_go_duration(""), None);
        assert_eq!(parse_go_duration("1x"), None);
    }

    #[test]
    fn since_until_values() {
        const S: i64 = 1_000_000_000;
        let now = 1_700_000_000 * S;
        assert_eq!(parse_timestamp("10m", now), Ok(now - 600 * S));
        assert_eq!(parse_timestamp("1h30m", now), Ok(now - 5400 * S));
        assert_eq!(parse_timestamp("1700000000", now), Ok(1_700_000_000 * S));
        assert_eq!(
            parse_timestamp("1700000000.25", now),
            Ok(1_700_000_000 * S + S / 4)
        );
        assert_eq!(parse_timestamp("0", now), Ok(0));
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:20Z", now),
            Ok(1_700_000_000 * S)
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:20.5Z", now),
            Ok(1_700_000_000 * S + S / 2)
        );
        assert_eq!(
            parse_timestamp("2023-11-15T00:13:20+02:00", now),
            Ok(1_700_000_000 * S)
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22:13:20", now),
            Ok(1_700_000_000 * S)
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22:13", now),
            Ok((1_700_000_000 - 20) * S)
        );
        assert_eq!(
            parse_timestamp("2023-11-14T22", now),
            Ok((1_700_000_000 - 800) * S)
        );
        assert_eq!(
            parse_timestamp("2023-11-14", now),
            Ok(days_from_civil(2023, 11, 14) * 86_400 * S)
        );
        assert!(parse_timestamp("yesterday", now).is_err());
        assert!(parse_timestamp("2023-13-01", now).is_err());
        assert!(parse_timestamp("2023-11-14T25:00", now).is_err());
        let e = parse_timestamp("nope", now).unwrap_err().to_string();
        assert!(
            e.starts_with("failed to parse value as time or duration: \"nope\""),
            "{e}"
        );
    }
}
