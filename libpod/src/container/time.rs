//! Time: stamps (unix nanoseconds in the catalog, RFC 3339 with nanoseconds in logs and
//! `inspect`, Go's `time.Time.String()` in `CreatedAt` fields), Go durations (`--health-*`,
//! `--since 10m`) and docker's `--since`/`--until` values. The one home of these parsers: the
//! CLI, the API and the engine's filters all read times here.

/// Calendar arithmetic and the RFC 3339 reader for the CLI's time formats and filters (the
/// engine's own, shared with the image store).
pub use skiff_storage::time::{civil_from_days, days_from_civil, read_rfc3339, Form, Rfc3339};

use std::fmt::Write as _;
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

/// Formats unix nanoseconds to the second, `2026-11-25T07:00:00Z`, as docker's volume
/// `CreatedAt`; 0 is docker's zero time.
pub fn rfc3339_seconds(ns: i64) -> String {
    let mut out = String::with_capacity(20);
    push_rfc3339(&mut out, ns, false);
    out
}

/// Appends [`rfc3339_nanos`]'s text to `out`. Digits are pushed one by one rather than through
/// `format!`'s padding machinery: `events` writes one stamp per line, tens of thousands at once.
pub fn push_rfc3339_nanos(out: &mut String, ns: i64) {
    push_rfc3339(out, ns, true);
}

/// Appends unix nanoseconds `ns` as RFC 3339 in UTC, with the nine fraction digits when
/// `nanos`; 0 (or less) is docker's zero time, which never has a fraction.
fn push_rfc3339(out: &mut String, ns: i64, nanos: bool) {
    if ns <= 0 {
        out.push_str("0001-01-01T00:00:00Z");
        return;
    }
    push_date_clock(out, ns.div_euclid(1_000_000_000), 'T');
    if nanos {
        out.push('.');
        push_digits(out, ns.rem_euclid(1_000_000_000), 9);
    }
    out.push('Z');
}

/// Go's `time.Time.String()` in UTC, as docker's `CreatedAt` fields print:
/// `2026-11-25 07:00:00 +0000 UTC`.
pub fn go_time_string(unix_secs: i64) -> String {
    let mut out = String::with_capacity(29);
    push_date_clock(&mut out, unix_secs, ' ');
    out.push_str(" +0000 UTC");
    out
}

/// Go's `time.Time.String()` in UTC of `ns` nanoseconds since the epoch, with the fraction
/// Go prints (trailing zeros trimmed, none for a whole second), as podman's `--pretty`
/// inspect shows times: `2026-12-06 09:52:29.2968551 +0000 UTC`.
pub fn go_time_string_nanos(ns: i64) -> String {
    let mut out = String::with_capacity(39);
    push_date_clock(&mut out, ns.div_euclid(1_000_000_000), ' ');
    let frac = ns.rem_euclid(1_000_000_000);
    if frac != 0 {
        let mut digits = String::with_capacity(9);
        push_digits(&mut digits, frac, 9);
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push_str(" +0000 UTC");
    out
}

/// Appends the UTC date and clock of `secs` since the epoch, `YYYY-MM-DD{sep}HH:MM:SS`.
fn push_date_clock(out: &mut String, secs: i64, sep: char) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let clock = secs.rem_euclid(86_400);
    if (0..10_000).contains(&y) {
        push_digits(out, y, 4);
    } else {
        let _ = write!(out, "{y:04}");
    }
    out.push('-');
    push_digits(out, m, 2);
    out.push('-');
    push_digits(out, d, 2);
    out.push(sep);
    push_digits(out, clock / 3600, 2);
    out.push(':');
    push_digits(out, clock % 3600 / 60, 2);
    out.push(':');
    push_digits(out, clock % 60, 2);
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
/// zone is UTC, fraction digits after the ninth are cut off. The engine's own stamps (log
/// records) are read with it; a user's `--since` goes through [`parse_time_arg`].
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    read_rfc3339(s, Form::Full)?.unix_nanos()
}

/// Parses a docker `--since`/`--until` value (docker CLI's `GetTimestamp`) into unix
/// nanoseconds, relative to `now` (unix nanoseconds):
/// - a Go duration before `now` ([`parse_go_duration`]: `10m`, `1h30m`, `0s`; a negative one
///   lies after `now`), except a bare `0`;
/// - unix seconds with an optional fraction (`0`, `1700000000`, `1700000000.5`);
/// - an RFC 3339 time, possibly shortened (`2024-01-02`, `2024-01-02T15`, `2024-01-02T15:04`,
///   `2024-01-02T15:04:05.123Z`, `…+02:00`), with an upper-case `T` and `Z` and digits after a
///   point, as Go's parser wants. A time without a zone is UTC (docker reads it in the local
///   zone); fraction digits after the ninth are cut off.
///
/// `None` when the value is none of these: callers say what to give.
pub fn parse_time_arg(value: &str, now: i64) -> Option<i64> {
    if value != "0" {
        if let Some(d) = parse_go_duration(value) {
            return Some(now.saturating_sub(d));
        }
    }
    if let Some(t) = unix_seconds(value) {
        return Some(t);
    }
    let t = read_rfc3339(value, Form::Shortened)?;
    if value.ends_with('z') || t.fraction == Some("") {
        return None;
    }
    t.unix_nanos()
}

/// `[+]SECONDS[.FRACTION]` as exact unix nanoseconds (a float would round the nanoseconds
/// away); fraction digits after the ninth are cut off, as docker's reader does.
fn unix_seconds(v: &str) -> Option<i64> {
    let v = v.strip_prefix('+').unwrap_or(v);
    let (secs, frac) = match v.split_once('.') {
        Some((_, "")) => return None,
        Some((secs, frac)) => (secs, frac),
        None => (v, ""),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(secs) || !(frac.is_empty() || all_digits(frac)) {
        return None;
    }
    let nanos = frac
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    secs.parse::<i64>()
        .ok()?
        .checked_mul(1_000_000_000)?
        .checked_add(nanos)
}

/// Parses a Go duration as Go's `time.ParseDuration` does, into nanoseconds: an optional sign,
/// then `0` or one or more decimal numbers with a unit each (`300ms`, `-1.5h`, `2h45m`, `.5s`;
/// units `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`). Fractions below a nanosecond are cut off.
/// `None` for anything else (empty, `h`, `10`, `1x`) and for a total beyond an `i64`.
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
    let mut total = 0u64;
    while !rest.is_empty() {
        let (int, tail) = split_digits(rest);
        let (frac, tail) = match tail.strip_prefix('.') {
            Some(after) => split_digits(after),
            None => ("", tail),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit_end = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_end);
        let scale: u64 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let whole = match int {
            "" => 0,
            digits => digits.parse::<u64>().ok()?.checked_mul(scale)?,
        };
        total = total
            .checked_add(whole)?
            .checked_add(fraction_of(frac, scale))?;
        rest = tail;
    }
    if neg {
        0i64.checked_sub_unsigned(total)
    } else {
        i64::try_from(total).ok()
    }
}

/// Splits `s` after its leading ASCII digits.
fn split_digits(s: &str) -> (&str, &str) {
    s.split_at(s.bytes().take_while(u8::is_ascii_digit).count())
}

/// `0.DIGITS` of `scale` nanoseconds, cut to whole nanoseconds (the digits after the 19th are
/// below a nanosecond of the largest unit, an hour).
fn fraction_of(digits: &str, scale: u64) -> u64 {
    let digits = &digits[..digits.len().min(19)];
    let value = digits
        .bytes()
        .fold(0u128, |n, d| n * 10 + u128::from(d - b'0'));
    let whole = value * u128::from(scale) / 10u128.pow(digits.len() as u32);
    whole as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const S: i64 = 1_000_000_000;

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
        assert_eq!(rfc3339_seconds(0), "0001-01-01T00:00:00Z");
        assert_eq!(
            rfc3339_seconds(1_764_918_274_161_612_550),
            "2025-12-05T07:04:34Z"
        );
    }

    #[test]
    fn go_time_strings() {
        assert_eq!(
            go_time_string(1_700_000_000),
            "2023-11-14 22:13:20 +0000 UTC"
        );
        assert_eq!(go_time_string(-1), "1969-12-31 23:59:59 +0000 UTC");
        assert_eq!(
            go_time_string_nanos(951_782_400_120_000_000),
            "2000-02-29 00:00:00.12 +0000 UTC"
        );
        assert_eq!(
            go_time_string_nanos(951_782_400_000_000_000),
            "2000-02-29 00:00:00 +0000 UTC"
        );
        assert_eq!(go_time_string(951_782_400), "2000-02-29 00:00:00 +0000 UTC");
        assert!(go_time_string(i64::MIN).starts_with('-'));
    }

    /// The examples of Go's `time.ParseDuration` documentation and tests.
    #[test]
    fn go_durations() {
        for (text, ns) in [
            ("0", 0),
            ("-0", 0),
            ("+0", 0),
            ("5s", 5 * S),
            ("-5s", -5 * S),
            ("+5s", 5 * S),
            ("1.5s", 1_500_000_000),
            (".5s", 500_000_000),
            ("5.s", 5 * S),
            ("1.004s", 1_004_000_000),
            ("300ms", 300_000_000),
            ("10m", 600 * S),
            ("1h30m", 5_400 * S),
            ("-1.5h", -5_400 * S),
            ("2h45m30.5s", 9_930_500_000_000),
            ("3ns", 3),
            ("3us", 3_000),
            ("3µs", 3_000),
            ("3μs", 3_000),
            ("1h1m1s1ms1us1ns", 3_661_001_001_001),
            ("0.3333333333333333333h", 1_199_999_999_999),
            ("9223372036854775807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("2562047h47m16.854775807s", i64::MAX),
        ] {
            assert_eq!(parse_go_duration(text), Some(ns), "{text}");
        }
        for bad in [
            "",
            "-",
            "+",
            "h",
            "10",
            "1x",
            ".",
            "-.",
            ".s",
            "1.5",
            "1h-1m",
            "1..5s",
            "s1",
            "9223372036854775808ns",
            "-9223372036854775809ns",
            "3000000h",
            " 1s",
            "1s ",
        ] {
            assert_eq!(parse_go_duration(bad), None, "{bad:?}");
        }
    }

    /// docker's own `--since` examples and what the docker CLI does with each form (checked
    /// with `docker logs --since VALUE`).
    #[test]
    fn since_until_values() {
        let now = 1_700_000_000 * S;
        let t = |v| parse_time_arg(v, now);
        assert_eq!(t("10m"), Some(now - 600 * S));
        assert_eq!(t("1h30m"), Some(now - 5400 * S));
        assert_eq!(t("0s"), Some(now));
        assert_eq!(
            t("-10m"),
            Some(now + 600 * S),
            "a negative duration is ahead"
        );
        assert_eq!(t("0"), Some(0), "a bare 0 is the epoch, not now");
        assert_eq!(t("10"), Some(10 * S));
        assert_eq!(t("+5"), Some(5 * S));
        assert_eq!(t("1700000000"), Some(1_700_000_000 * S));
        assert_eq!(t("1700000000.25"), Some(1_700_000_000 * S + S / 4));
        assert_eq!(
            t("1700000000.1234567891"),
            Some(1_700_000_000 * S + 123_456_789)
        );
        assert_eq!(t("2023-11-14T22:13:20Z"), Some(1_700_000_000 * S));
        assert_eq!(t("2023-11-14T22:13:20.5Z"), Some(1_700_000_000 * S + S / 2));
        assert_eq!(
            t("2023-11-14T22:13:20.1234567891Z"),
            Some(1_700_000_000 * S + 123_456_789)
        );
        assert_eq!(t("2023-11-15T00:13:20+02:00"), Some(1_700_000_000 * S));
        assert_eq!(
            t("2023-11-14T22:13:20"),
            Some(1_700_000_000 * S),
            "no zone is UTC"
        );
        assert_eq!(t("2023-11-14T22:13"), Some((1_700_000_000 - 20) * S));
        assert_eq!(t("2023-11-14T22"), Some((1_700_000_000 - 800) * S));
        assert_eq!(t("2023-11-14T22Z"), Some((1_700_000_000 - 800) * S));
        assert_eq!(
            t("2023-11-14"),
            Some(days_from_civil(2023, 11, 14) * 86_400 * S)
        );
        assert_eq!(
            t("2023-11-14+01:00"),
            Some((days_from_civil(2023, 11, 14) * 86_400 - 3600) * S)
        );
        for bad in [
            "",
            " 10m",
            "yesterday",
            "x",
            "inf",
            "1e9",
            "-5",
            "5.",
            ".5",
            "2023-13-01",
            "2023-11-14T25:00",
            "2023-11-14 22:13:20",
            "2023-11-14t22:13:20Z",
            "2023-11-14T22:13:20z",
            "2023-11-14T22:13:20.Z",
            "2023-11-14T22:13:20+0100",
            "0001-01-01T00:00:00Z",
        ] {
            assert_eq!(t(bad), None, "{bad:?}");
        }
    }

    /// `date-time` with the zone `offset_min` minutes east of UTC for the instant `ns`.
    fn written(ns: i64, offset_min: i64, zulu: bool) -> String {
        let wall = ns.div_euclid(S) + offset_min * 60;
        let mut out = String::new();
        push_date_clock(&mut out, wall, 'T');
        let zone = match offset_min {
            0 if zulu => "Z".to_string(),
            _ => format!(
                "{}{:02}:{:02}",
                if offset_min < 0 { '-' } else { '+' },
                offset_min.abs() / 60,
                offset_min.abs() % 60
            ),
        };
        format!("{out}.{:09}{zone}", ns.rem_euclid(S))
    }

    /// Go's `Duration.String` shape for `ns`: hours, minutes and seconds with nine fraction
    /// digits (`-2h3m4.000000005s`).
    fn go_duration_text(ns: i64) -> String {
        let sign = if ns < 0 { "-" } else { "" };
        let abs = ns.unsigned_abs();
        let (secs, frac) = (abs / 1_000_000_000, abs % 1_000_000_000);
        format!(
            "{sign}{}h{}m{}.{frac:09}s",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    proptest! {
        /// Every stamp from 1970 to 2262 formats and parses back to the same nanosecond, with
        /// the engine's reader and with the user's.
        #[test]
        fn any_time_round_trips(ns in 1i64..i64::MAX) {
            let s = rfc3339_nanos(ns);
            prop_assert_eq!(s.len(), 30);
            prop_assert_eq!(parse_rfc3339(&s), Some(ns));
            prop_assert_eq!(parse_time_arg(&s, 0), Some(ns), "{}", s);
        }

        /// Unix seconds with a fraction read back to the exact nanosecond.
        #[test]
        fn unix_seconds_round_trip(ns in 0i64..i64::MAX, now: i64) {
            let s = format!("{}.{:09}", ns / S, ns % S);
            prop_assert_eq!(parse_time_arg(&s, now), Some(ns));
        }

        /// Any duration an `i64` holds, written as Go writes it, reads back exactly; and as a
        /// count of one unit.
        #[test]
        fn durations_round_trip(ns in (i64::MIN + 1)..=i64::MAX) {
            prop_assert_eq!(parse_go_duration(&go_duration_text(ns)), Some(ns));
            prop_assert_eq!(parse_go_duration(&format!("{ns}ns")), Some(ns));
            prop_assert_eq!(parse_go_duration(&format!("{}us", ns / 1000)), Some(ns / 1000 * 1000));
        }

        /// `--since`/`--until`: an RFC 3339 time in any zone is its instant, to the
        /// nanosecond, over the whole range of i64 nanoseconds.
        #[test]
        fn time_arg_reads_any_zone(ns in (i64::MIN + S)..=i64::MAX, offset_min in -1439i64..1440, zulu: bool, now: i64) {
            let s = written(ns, offset_min, zulu);
            prop_assert_eq!(parse_time_arg(&s, now), Some(ns), "{}", s);
        }

        /// Unix seconds are an instant; a duration is that long before now.
        #[test]
        fn time_arg_reads_seconds_and_durations(secs in 0i64..4_000_000_000, ago in 0i64..10_000_000, now in 0i64..i64::MAX / 2) {
            prop_assert_eq!(parse_time_arg(&secs.to_string(), now), Some(secs * S));
            prop_assert_eq!(parse_time_arg(&format!("{ago}s"), now), Some(now - ago * S));
            prop_assert_eq!(parse_time_arg(&format!("-{ago}ms"), now), Some(now + ago * 1_000_000));
        }

        /// No string makes a parser panic.
        #[test]
        fn parsers_never_panic(s in "\\PC{0,40}", now: i64) {
            let _ = parse_time_arg(&s, now);
            let _ = parse_go_duration(&s);
            let _ = parse_rfc3339(&s);
        }

        /// Nor does anything close to a valid time.
        #[test]
        fn time_arg_on_near_valid_input(v in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{1,2}(:[0-9]{2}){0,2}(\\.[0-9]{0,10})?)?(Z|[+-][0-9]{2}:[0-9]{2}|é)?", now: i64) {
            let _ = parse_time_arg(&v, now);
        }

        /// Nor close to a valid duration.
        #[test]
        fn duration_on_near_valid_input(v in "[+-]?([0-9]{0,20}(\\.[0-9]{0,22})?(ns|us|µs|μs|ms|s|m|h|x|é)?){1,4}") {
            let _ = parse_go_duration(&v);
        }

        /// The CreatedAt text of any instant.
        #[test]
        fn go_time_string_never_panics(secs: i64) {
            let _ = go_time_string(secs);
        }
    }
}
