//! Time stamps: unix nanoseconds in the catalog, RFC 3339 with nanoseconds in logs and `inspect`.

/// Calendar arithmetic and the RFC 3339 reader for the CLI's time formats and filters (the
/// engine's own, shared with the image store).
pub use skiff_storage::time::{civil_from_days, days_from_civil, read_rfc3339, Form, Rfc3339};

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Now, in unix nanoseconds.
pub fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

/// Docker's `units.HumanDuration`: "Less than a second", "1 second", "59 seconds", "About a
/// minute", "2 minutes", "About an hour", "3 hours", "2 days", "3 weeks", "4 months", "2 years".
pub fn human_duration(d: Duration) -> String {
    let seconds = d.as_secs();
    let minutes = seconds / 60;
    let hours_f = d.as_secs_f64() / 3600.0;
    let hours = (hours_f + 0.5) as u64;
    if seconds < 1 {
        "Less than a second".into()
    } else if seconds == 1 {
        "1 second".into()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", hours_f as u64 / 24 / 365)
    }
}

/// Formats unix nanoseconds as `2026-11-25T07:00:00.000000000Z`; 0 is docker's zero time.
pub fn rfc3339_nanos(ns: i64) -> String {
    let mut out = String::with_capacity(30);
    push_rfc3339_nanos(&mut out, ns);
    out
}

/// Appends [`rfc3339_nanos`]'s text to `out`. Digits are pushed one by one rather than through
/// `format!`'s padding machinery: `events` writes one stamp per line, tens of thousands at once.
pub fn push_rfc3339_nanos(out: &mut String, ns: i64) {
    if ns <= 0 {
        out.push_str("0001-01-01T00:00:00Z");
        return;
    }
    let secs = ns.div_euclid(1_000_000_000);
    let nanos = ns.rem_euclid(1_000_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    push_digits(out, y, 4);
    out.push('-');
    push_digits(out, m, 2);
    out.push('-');
    push_digits(out, d, 2);
    out.push('T');
    push_digits(out, rem / 3600, 2);
    out.push(':');
    push_digits(out, rem % 3600 / 60, 2);
    out.push(':');
    push_digits(out, rem % 60, 2);
    out.push('.');
    push_digits(out, nanos, 9);
    out.push('Z');
}

/// Appends the `width` lowest decimal digits of `n` (not negative), zero-padded.
fn push_digits(out: &mut String, n: i64, width: u32) {
    let mut div = 10i64.pow(width - 1);
    while div > 0 {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

/// Parses `YYYY-MM-DD(T|t| )HH:MM:SS[.frac][Z|±HH:MM]` into unix nanoseconds: a time without a
/// zone is UTC, fraction digits after the ninth are cut off.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    read_rfc3339(s, Form::Full)?.unix_nanos()
}

/// Parses docker's `--since`/`--until` values: RFC 3339, unix seconds, or a duration ago ("10m").
pub fn parse_time_arg(s: &str, now: i64) -> Option<i64> {
    if let Some(t) = parse_rfc3339(s) {
        return Some(t);
    }
    if let Ok(secs) = s.parse::<f64>() {
        return Some((secs * 1e9) as i64);
    }
    parse_duration_ns(s).map(|d| now - d)
}

/// `SECONDS[.FRACTION]` as exact unix nanoseconds (a float would round the nanoseconds away).
pub fn exact_unix_seconds(v: &str) -> Option<i64> {
    let (secs, frac) = v.split_once('.').unwrap_or((v, ""));
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos: i64 = format!("{frac:0<9}").parse().ok()?;
    secs.parse::<i64>()
        .ok()?
        .checked_mul(1_000_000_000)?
        .checked_add(nanos)
}

/// Parses Go-style durations such as `10s`, `1m30s`, `2h`, `500ms`.
pub fn parse_duration_ns(s: &str) -> Option<i64> {
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .take_while(|c| c.is_ascii_digit() || *c == b'.')
            .count();
        let value: f64 = rest[..n].parse().ok()?;
        rest = &rest[n..];
        let u = rest.bytes().take_while(|c| c.is_ascii_alphabetic()).count();
        let unit = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[u..];
        total += value * unit;
    }
    Some(total as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let ns = 1_795_590_000_123_456_789;
        let s = rfc3339_nanos(ns);
        assert_eq!(s, "2026-11-25T07:00:00.123456789Z");
        assert_eq!(parse_rfc3339(&s), Some(ns));
        assert_eq!(
            parse_rfc3339("2026-11-25T09:00:00+02:00"),
            Some(1_795_590_000_000_000_000)
        );
        assert_eq!(rfc3339_nanos(0), "0001-01-01T00:00:00Z");
    }

    proptest::proptest! {
        /// Every stamp from 1970 to 2262 formats and parses back to the same nanosecond.
        #[test]
        fn any_time_round_trips(ns in 1i64..i64::MAX) {
            let s = rfc3339_nanos(ns);
            proptest::prop_assert_eq!(s.len(), 30);
            proptest::prop_assert_eq!(parse_rfc3339(&s), Some(ns));
        }

        /// Unix seconds with a fraction read back to the exact nanosecond.
        #[test]
        fn unix_seconds_round_trip(ns in 0i64..i64::MAX) {
            let s = format!("{}.{:09}", ns / 1_000_000_000, ns % 1_000_000_000);
            proptest::prop_assert_eq!(exact_unix_seconds(&s), Some(ns));
        }

        /// No string makes the unix-seconds or duration parsers panic.
        #[test]
        fn time_parsers_never_panic(s in "\\PC{0,24}") {
            let _ = exact_unix_seconds(&s);
            let _ = parse_duration_ns(&s);
        }
    }

    #[test]
    fn parses_durations_and_time_args() {
        assert_eq!(parse_duration_ns("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_duration_ns("500ms"), Some(500_000_000));
        assert_eq!(parse_duration_ns("x"), None);
        assert_eq!(parse_time_arg("10s", 100_000_000_000), Some(90_000_000_000));
        assert_eq!(parse_time_arg("5", 0), Some(5_000_000_000));
    }

    #[test]
    fn time_args_edge_cases() {
        let t = |s| parse_time_arg(s, 0);
        assert_eq!(t("1970-01-01T00:00:01Z"), Some(1_000_000_000));
        assert_eq!(
            t("1970-01-01 00:00:01"),
            Some(1_000_000_000),
            "no zone is UTC"
        );
        assert_eq!(t("1970-01-01T00:00:01.5z"), Some(1_500_000_000));
        assert_eq!(t("1970-01-01T00:00:01.1234567899Z"), Some(1_123_456_789));
        assert_eq!(t("1970-01-01T00:00:01.Z"), Some(1_000_000_000));
        assert_eq!(t("1970-01-01T01:00:01+01:00"), Some(1_000_000_000));
        assert_eq!(t("1969-12-31T23:00:01-01:00"), Some(1_000_000_000));
        for bad in [
            "1970-01-01T00:00:01+0100",
            "1970-01-01T00:00",
            "0001-01-01T00:00:00Z",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    /// `date-time` with the zone `offset_min` minutes east of UTC for the instant `ns`.
    fn written(ns: i64, offset_min: i64, zulu: bool) -> String {
        let wall = ns.div_euclid(1_000_000_000) + offset_min * 60;
        let (y, m, d) = civil_from_days(wall.div_euclid(86_400));
        let clock = wall.rem_euclid(86_400);
        let zone = match offset_min {
            0 if zulu => "Z".to_string(),
            _ => format!(
                "{}{:02}:{:02}",
                if offset_min < 0 { '-' } else { '+' },
                offset_min.abs() / 60,
                offset_min.abs() % 60
            ),
        };
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:09}{zone}",
            clock / 3600,
            clock / 60 % 60,
            clock % 60,
            ns.rem_euclid(1_000_000_000)
        )
    }

    proptest::proptest! {
        /// `logs --since`/`--until`: an RFC 3339 time in any zone is its instant, to the
        /// nanosecond, over the whole range of i64 nanoseconds.
        #[test]
        fn time_arg_reads_any_zone(ns in (i64::MIN + 1_000_000_000)..=i64::MAX, offset_min in -1439i64..1440, zulu: bool, now: i64) {
            let s = written(ns, offset_min, zulu);
            proptest::prop_assert_eq!(parse_time_arg(&s, now), Some(ns), "{}", s);
        }

        /// Unix seconds are an instant; a duration is that long before now.
        #[test]
        fn time_arg_reads_seconds_and_durations(secs in 0i64..4_000_000_000, ago in 0i64..10_000_000, now in 0i64..i64::MAX / 2) {
            proptest::prop_assert_eq!(parse_time_arg(&secs.to_string(), now), Some(secs * 1_000_000_000));
            proptest::prop_assert_eq!(parse_time_arg(&format!("{ago}s"), now), Some(now - ago * 1_000_000_000));
            proptest::prop_assert_eq!(parse_time_arg(&format!("{ago}ms"), now), Some(now - ago * 1_000_000));
        }

        /// Nothing a user types makes it panic.
        #[test]
        fn time_arg_never_panics(s in "\\PC{0,40}", now in 0i64..i64::MAX) {
            let _ = parse_time_arg(&s, now);
        }
    }
}
