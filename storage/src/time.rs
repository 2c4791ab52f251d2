//! Time: proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms)
//! and the one RFC 3339 parser, shared by the image config, the engine's logs and `--since`
//! values, and the CLI's time formatting and filters. Written by hand: small pure functions,
//! where a date crate would bring far more than is needed.
//!
//! [`read_rfc3339`] reads what is written and leaves policy to its callers: whether the zone
//! may be left out (as UTC), what a fraction of more than nine digits means, whether a point
//! without digits counts.

/// Days since 1970-01-01 of the date `y`-`m`-`d` (month 1-12, day 1-31).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Which spellings of an RFC 3339 time [`read_rfc3339`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `YYYY-MM-DD(T|t| )HH:MM:SS[.frac][Z|±HH:MM]`: the date and the whole clock.
    Full,
    /// As docker's `--since` allows: the whole time or a shortened one (`YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH`, `YYYY-MM-DDTHH:MM`), each with an optional fraction and zone; the
    /// clock follows an upper-case `T` only.
    Shortened,
}

/// An RFC 3339 time as written, before a caller's policy on what may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rfc3339<'a> {
    /// The written date and clock as seconds since 1970-01-01T00:00:00, before the zone.
    pub wall_secs: i64,
    /// The digits after the decimal point, as written; `None` when there is no point.
    pub fraction: Option<&'a str>,
    /// The zone's offset east of UTC in seconds; `None` when no zone is written.
    pub offset: Option<i64>,
}

impl Rfc3339<'_> {
    /// Seconds since the Unix epoch, the fraction dropped; a time without a zone is UTC.
    pub fn unix_secs(&self) -> i64 {
        self.wall_secs - self.offset.unwrap_or(0)
    }

    /// The fraction in nanoseconds: its first nine digits, later ones cut off.
    pub fn subsec_nanos(&self) -> i64 {
        let digits = self.fraction.unwrap_or("").as_bytes();
        (0..9).fold(0, |n, i| {
            n * 10 + digits.get(i).map_or(0, |d| i64::from(d - b'0'))
        })
    }

    /// Nanoseconds since the Unix epoch ([`Self::unix_secs`] plus [`Self::subsec_nanos`]);
    /// `None` outside the years 1677 to 2262 that an `i64` of nanoseconds holds.
    pub fn unix_nanos(&self) -> Option<i64> {
        self.unix_secs()
            .checked_mul(1_000_000_000)?
            .checked_add(self.subsec_nanos())
    }
}

/// Parses an RFC 3339 time spelled as `form` allows. Every field must be in range (month 1-12,
/// day 1-31, hour 0-23, minute 0-59, second 0-60, zone hours 0-23 and minutes 0-59), the zone is
/// `Z`, `z` or `±HH:MM`, and nothing may follow it.
pub fn read_rfc3339(s: &str, form: Form) -> Option<Rfc3339<'_>> {
    let b = s.as_bytes();
    let two = |at: usize, max: i64| -> Option<i64> {
        let n = digits(b.get(at..at + 2)?)?;
        (n <= max).then_some(n)
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (year, month, day) = (digits(b.get(0..4)?)?, two(5, 12)?, two(8, 31)?);
    if month == 0 || day == 0 {
        return None;
    }
    let mut clock = [0i64; 3];
    let mut i = 10;
    let mut fraction = None;
    let separator = match form {
        Form::Full => matches!(b.get(i), Some(b'T' | b't' | b' ')),
        Form::Shortened => b.get(i) == Some(&b'T'),
    };
    if separator {
        clock[0] = two(i + 1, 23)?;
        i += 3;
        for (field, max) in [(1, 59), (2, 60)] {
            if b.get(i) != Some(&b':') {
                if form == Form::Full {
                    return None;
                }
                break;
            }
            clock[field] = two(i + 1, max)?;
            i += 3;
        }
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
            fraction = Some(&s[start..i]);
        }
    } else if form == Form::Full {
        return None;
    }
    let offset = match b.get(i) {
        None => None,
        Some(b'Z' | b'z') if i + 1 == b.len() => Some(0),
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let off = two(i + 1, 23)? * 3600 + two(i + 4, 59)? * 60;
            Some(if *sign == b'-' { -off } else { off })
        }
        Some(_) => return None,
    };
    let [hour, minute, second] = clock;
    Some(Rfc3339 {
        wall_secs: days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second,
        fraction,
        offset,
    })
}

/// The number written in ASCII digits (at most four here), or `None` if any byte is not one.
fn digits(part: &[u8]) -> Option<i64> {
    part.iter()
        .all(u8::is_ascii_digit)
        .then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(20_782), (2026, 11, 25));
    }

    #[test]
    fn reads_what_is_written() {
        let t = read_rfc3339("2024-02-29T14:00:00.1234567891+02:00", Form::Full).unwrap();
        assert_eq!(t.fraction, Some("1234567891"));
        assert_eq!(t.offset, Some(7200));
        assert_eq!(t.unix_secs(), 1_709_208_000);
        assert_eq!(t.subsec_nanos(), 123_456_789);
        let t = read_rfc3339("2024-02-29 12:00:00", Form::Full).unwrap();
        assert_eq!(
            (t.fraction, t.offset, t.unix_secs()),
            (None, None, 1_709_208_000)
        );
        let t = read_rfc3339("2024-02-29t12:00:00.z", Form::Full).unwrap();
        assert_eq!(
            (t.fraction, t.offset, t.subsec_nanos()),
            (Some(""), Some(0), 0)
        );
        assert_eq!(
            read_rfc3339("0001-01-01T00:00:00Z", Form::Full).map(|t| t.unix_nanos()),
            Some(None),
            "year 1 is outside i64 nanoseconds"
        );
    }

    #[test]
    fn shortened_forms_only_when_asked() {
        for (s, secs) in [
            ("2024-02-29", 1_709_164_800),
            ("2024-02-29T12", 1_709_208_000),
            ("2024-02-29T12:30", 1_709_209_800),
            ("2024-02-29T12.5Z", 1_709_208_000),
            ("2024-02-29+01:00", 1_709_161_200),
        ] {
            assert_eq!(read_rfc3339(s, Form::Full), None, "{s}");
            let t = read_rfc3339(s, Form::Shortened).unwrap();
            assert_eq!(t.unix_secs(), secs, "{s}");
        }
    }

    #[test]
    fn refuses_what_is_out_of_range_or_trailing() {
        for bad in [
            "",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-01-32T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:61Z",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00+0200",
            "2024-01-01T00:00:00Zjunk",
            "2024-01-01T00:00:00+02:00junk",
            "2024-01-01T00x00x00Z",
            "2024-+1-01T00:00:00Z",
            "２０２４-01-01T00:00:00Z",
            "2024-01-01T",
            "2024-01-01T00:00:00:00",
        ] {
            for form in [Form::Full, Form::Shortened] {
                assert_eq!(read_rfc3339(bad, form), None, "{bad}");
            }
        }
    }

    proptest! {
        #[test]
        fn round_trips(days in -1_000_000i64..1_000_000) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m) && (1..=31).contains(&d));
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            for form in [Form::Full, Form::Shortened] {
                if let Some(t) = read_rfc3339(&s, form) {
                    let _ = (t.unix_secs(), t.unix_nanos());
                }
            }
        }

        #[test]
        fn reads_generated_times(y in 0i64..10_000, mo in 1i64..13, d in 1i64..29, h in 0i64..24, mi in 0i64..60, s in 0i64..61, oh in 0i64..24, om in 0i64..60, west: bool) {
            let sign = if west { '-' } else { '+' };
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.5{sign}{oh:02}:{om:02}");
            let t = read_rfc3339(&text, Form::Full).unwrap();
            let offset = (oh * 3600 + om * 60) * if west { -1 } else { 1 };
            prop_assert_eq!(t.offset, Some(offset));
            prop_assert_eq!(t.subsec_nanos(), 500_000_000);
            prop_assert_eq!(t.unix_secs() + offset, days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s);
        }
    }
}
