//! Docker's human-readable units: sizes (`7.05MB`), durations (`About an hour`) and
//! timestamps (Go's `time.Time.String()`, from the engine's time module, which also parses
//! `--since`/`--until` values and Go durations).
//!
//! Sizes follow docker (`units.HumanSizeWithPrecision(size, 3)`, no space: `7.05MB`); podman
//! prints `7.05 MB`.

use std::time::Duration;

use super::gofmt::format_g;

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

pub use skiff_libpod::container::time::{go_time_string, human_duration};

/// `"<duration> ago"` for an event at `unix_secs`, seen at `now` (unix seconds); times in the
/// future count as "Less than a second".
pub fn time_ago(unix_secs: i64, now: i64) -> String {
    format!("{} ago", human_duration(since(unix_secs, now)))
}

fn since(then: i64, now: i64) -> Duration {
    Duration::from_secs(u64::try_from(now.saturating_sub(then)).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
