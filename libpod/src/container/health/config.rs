//! What a healthcheck is: docker's `Config.Healthcheck` (from the image's HEALTHCHECK, overridden
//! field by field by the `--health-*` flags), podman's `--health-on-failure`, and the schedule
//! with docker's defaults. Pure functions, unit-tested.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// docker's `Config.Healthcheck`. Durations are nanoseconds; 0 means "docker's default" (or
/// "the image's", before merging), and docker leaves zero fields out of its JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    /// `["CMD", arg...]`, `["CMD-SHELL", "command"]`, `["NONE"]` (disabled) or empty (inherit).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nullable"
    )]
    pub test: Vec<String>,
    /// Time between two checks (default 30s).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub interval: i64,
    /// A check running longer fails and is killed (default 30s).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timeout: i64,
    /// Failures in this time after the start do not count (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_period: i64,
    /// Time between checks during the start period (default 5s).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_interval: i64,
    /// Consecutive failures that make the container unhealthy (default 3).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub retries: i64,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// A `null` list in an image's JSON reads as empty.
fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

const SECOND: i64 = 1_000_000_000;
/// docker's defaults.
const DEFAULT_INTERVAL: i64 = 30 * SECOND;
const DEFAULT_TIMEOUT: i64 = 30 * SECOND;
const DEFAULT_START_INTERVAL: i64 = 5 * SECOND;
const DEFAULT_RETRIES: i64 = 3;

fn or_default(v: i64, default: i64) -> i64 {
    if v > 0 {
        v
    } else {
        default
    }
}

impl HealthConfig {
    /// The argv to run in the container, or None when there is no check (no test, `NONE`, or a
    /// test type docker does not know).
    pub fn command(&self) -> Option<Vec<String>> {
        let (kind, rest) = self.test.split_first()?;
        match kind.as_str() {
            "CMD" if !rest.is_empty() => Some(rest.to_vec()),
            "CMD-SHELL" if !rest.is_empty() => {
                let mut argv = vec!["/bin/sh".to_string(), "-c".to_string()];
                argv.push(rest.join(" "));
                Some(argv)
            }
            _ => None,
        }
    }

    /// Time between checks, in nanoseconds.
    pub fn interval_ns(&self) -> i64 {
        or_default(self.interval, DEFAULT_INTERVAL)
    }

    /// Longest a check may run, in nanoseconds.
    pub fn timeout_ns(&self) -> i64 {
        or_default(self.timeout, DEFAULT_TIMEOUT)
    }

    /// The start period, in nanoseconds.
    pub fn start_period_ns(&self) -> i64 {
        self.start_period.max(0)
    }

    /// Time between checks while starting within the start period, in nanoseconds.
    pub fn start_interval_ns(&self) -> i64 {
        or_default(self.start_interval, DEFAULT_START_INTERVAL)
    }

    /// Consecutive failures that make the container unhealthy.
    pub fn retries(&self) -> u32 {
        or_default(self.retries, DEFAULT_RETRIES) as u32
    }

    /// Fills the fields this one leaves unset from `image` (docker's merge of a container's
    /// Healthcheck over its image's).
    fn inherit(&mut self, image: &HealthConfig) {
        if self.test.is_empty() {
            self.test = image.test.clone();
        }
        let fields = [
            (&mut self.interval, image.interval),
            (&mut self.timeout, image.timeout),
            (&mut self.start_period, image.start_period),
            (&mut self.start_interval, image.start_interval),
            (&mut self.retries, image.retries),
        ];
        for (mine, theirs) in fields {
            if *mine == 0 {
                *mine = theirs;
            }
        }
    }
}

/// podman's `--health-on-failure`: what happens when the container becomes unhealthy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnFailure {
    /// Nothing (the default).
    #[default]
    None,
    /// Kill the container (SIGKILL).
    Kill,
    /// Restart the container.
    Restart,
    /// Stop the container (its stop signal, then SIGKILL after its stop timeout).
    Stop,
}

impl OnFailure {
    /// True for the default, which is left out of stored and shown configurations.
    pub fn is_none(&self) -> bool {
        *self == OnFailure::None
    }

    /// podman's name of the action.
    pub fn as_str(self) -> &'static str {
        match self {
            OnFailure::None => "none",
            OnFailure::Kill => "kill",
            OnFailure::Restart => "restart",
            OnFailure::Stop => "stop",
        }
    }

    fn parse(s: &str) -> Result<OnFailure> {
        Ok(match s {
            "none" => OnFailure::None,
            "kill" => OnFailure::Kill,
            "restart" => OnFailure::Restart,
            "stop" => OnFailure::Stop,
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "invalid --health-on-failure {s:?}: use none, kill, restart or stop"
                )))
            }
        })
    }
}

/// The healthcheck a container is created with (the `--health-*` flags of `run`/`create`, or
/// the API's Config.Healthcheck): what is given overrides the image's HEALTHCHECK field by field.
#[derive(Debug, Clone, Default)]
pub struct HealthOptions {
    /// The test: `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]` (see
    /// [`parse_health_cmd`] for `--health-cmd`).
    pub test: Option<Vec<String>>,
    /// `--health-interval` in nanoseconds (see [`parse_health_duration`]).
    pub interval: Option<i64>,
    /// `--health-timeout` in nanoseconds.
    pub timeout: Option<i64>,
    /// `--health-start-period` in nanoseconds.
    pub start_period: Option<i64>,
    /// `--health-start-interval` in nanoseconds.
    pub start_interval: Option<i64>,
    /// `--health-retries`.
    pub retries: Option<i64>,
    /// `--no-healthcheck`.
    pub disable: bool,
    /// `--health-on-failure` (podman): none, kill, restart or stop.
    pub on_failure: Option<String>,
}

impl HealthOptions {
    fn any_check_flag(&self) -> bool {
        self.test.is_some()
            || self.interval.is_some()
            || self.timeout.is_some()
            || self.start_period.is_some()
            || self.start_interval.is_some()
            || self.retries.is_some()
    }
}

/// A `--health-*` duration (`--health-interval 30s`) in nanoseconds: docker refuses negative
/// ones and, for a check, anything between 0 and 1ms. `flag` names it in the error.
pub fn parse_health_duration(flag: &str, v: &str) -> Result<i64> {
    let bad = |why: &str| {
        Error::InvalidArgument(format!(
            "invalid --{flag} {v:?}: {why}; give a duration such as 500ms, 10s or 1m30s"
        ))
    };
    let ns = super::super::time::parse_go_duration(v).ok_or_else(|| bad("not a duration"))?;
    check_duration(&format!("--{flag} {v}"), ns)
}

/// Checks a healthcheck duration in nanoseconds (`what` names it): not negative, and 0 or at
/// least 1ms, as docker.
fn check_duration(what: &str, ns: i64) -> Result<i64> {
    if ns < 0 {
        return Err(Error::InvalidArgument(format!(
            "invalid {what}: a healthcheck duration cannot be negative"
        )));
    }
    if ns > 0 && ns < 1_000_000 {
        return Err(Error::InvalidArgument(format!(
            "invalid {what}: a healthcheck duration cannot be less than 1ms"
        )));
    }
    Ok(ns)
}

/// `--health-cmd` as a test: `none` disables, a JSON array of strings is taken as is (an
/// array not starting with CMD, CMD-SHELL or NONE is a CMD), anything else is a shell command.
pub fn parse_health_cmd(cmd: &str) -> Result<Vec<String>> {
    if cmd == "none" {
        return Ok(vec!["NONE".to_string()]);
    }
    if cmd.trim_start().starts_with('[') {
        if let Ok(list) = serde_json::from_str::<Vec<String>>(cmd) {
            return match list.first().map(String::as_str) {
                None => Err(Error::InvalidArgument(
                    "invalid --health-cmd []: give a command".into(),
                )),
                Some("CMD" | "CMD-SHELL" | "NONE") => Ok(list),
                Some(_) => Ok(std::iter::once("CMD".to_string()).chain(list).collect()),
            };
        }
    }
    if cmd.trim().is_empty() {
        return Err(Error::InvalidArgument(
            "invalid --health-cmd \"\": give a command, or none to disable the image's healthcheck"
                .into(),
        ));
    }
    Ok(vec!["CMD-SHELL".to_string(), cmd.to_string()])
}

/// The container's healthcheck and on-failure action: the flags in `opts` over the image's
/// HEALTHCHECK (`image`), field by field as docker merges them. `restart` is the name of the
/// container's restart policy, which `--health-on-failure restart` must not be combined with
/// (as podman).
pub fn merge(
    opts: &HealthOptions,
    image: Option<&HealthConfig>,
    restart: &str,
) -> Result<(Option<HealthConfig>, OnFailure)> {
    let on_failure = opts
        .on_failure
        .as_deref()
        .map(OnFailure::parse)
        .transpose()?
        .unwrap_or_default();
    if on_failure == OnFailure::Restart && !matches!(restart, "" | "no") {
        return Err(Error::InvalidArgument(
            "conflicting options: --health-on-failure restart and --restart: drop one of them"
                .into(),
        ));
    }
    if opts.disable {
        if opts.any_check_flag() {
            return Err(Error::InvalidArgument(
                "--no-healthcheck conflicts with --health-* options".into(),
            ));
        }
        // docker fills the other fields from the image even then.
        let mut none = HealthConfig {
            test: vec!["NONE".to_string()],
            ..HealthConfig::default()
        };
        if let Some(image) = image {
            none.inherit(image);
        }
        return Ok((Some(none), on_failure));
    }
    if let Some(r) = opts.retries.filter(|r| *r < 0) {
        return Err(Error::InvalidArgument(format!(
            "invalid --health-retries {r}: it cannot be negative"
        )));
    }
    if !opts.any_check_flag() {
        return Ok((image.cloned(), on_failure));
    }
    if opts.test.as_ref().is_some_and(|t| t.is_empty()) {
        return Err(Error::InvalidArgument(
            "a healthcheck test needs a command: give CMD, CMD-SHELL or NONE and its words".into(),
        ));
    }
    let duration = |what: &str, ns: Option<i64>| check_duration(what, ns.unwrap_or(0));
    let mut config = HealthConfig {
        test: opts.test.clone().unwrap_or_default(),
        interval: duration("health interval", opts.interval)?,
        timeout: duration("health timeout", opts.timeout)?,
        start_period: duration("health start period", opts.start_period)?,
        start_interval: duration("health start interval", opts.start_interval)?,
        retries: opts.retries.unwrap_or(0),
    };
    if let Some(image) = image {
        config.inherit(image);
    }
    Ok((Some(config), on_failure))
}

/// Go's `time.Duration.String()` ("1s", "1.5s", "500ms", "1m30s", "1h0m0s"), which docker's
/// messages use.
pub fn go_duration(ns: i64) -> String {
    fn frac(value: i64, unit: i64) -> String {
        let whole = value / unit;
        let rest = value % unit;
        if rest == 0 {
            return whole.to_string();
        }
        let digits = format!("{:0width$}", rest, width = unit.ilog10() as usize);
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
    match ns {
        0 => "0s".to_string(),
        n if n < 1_000 => format!("{n}ns"),
        n if n < 1_000_000 => format!("{}µs", frac(n, 1_000)),
        n if n < SECOND => format!("{}ms", frac(n, 1_000_000)),
        n => {
            let (h, m) = (n / (3600 * SECOND), n / (60 * SECOND) % 60);
            let s = frac(n % (60 * SECOND), SECOND);
            match (h, m) {
                (0, 0) => format!("{s}s"),
                (0, m) => format!("{m}m{s}s"),
                (h, m) => format!("{h}h{m}m{s}s"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(cmd: Option<&str>) -> HealthOptions {
        HealthOptions {
            test: cmd.map(|c| parse_health_cmd(c).unwrap()),
            ..HealthOptions::default()
        }
    }

    fn image() -> HealthConfig {
        HealthConfig {
            test: vec!["CMD".into(), "/bin/check".into()],
            interval: 7 * SECOND,
            timeout: 3 * SECOND,
            start_period: 0,
            start_interval: 0,
            retries: 5,
        }
    }

    #[test]
    fn flags_override_the_image_field_by_field() {
        let mut opts = flags(None);
        opts.interval = Some(parse_health_duration("health-x", "2s").unwrap());
        let (hc, _) = merge(&opts, Some(&image()), "no").unwrap();
        let hc = hc.unwrap();
        assert_eq!(hc.test, ["CMD", "/bin/check"]);
        assert_eq!(
            (hc.interval, hc.timeout, hc.retries),
            (2 * SECOND, 3 * SECOND, 5)
        );

        let mut opts = flags(Some("curl -f localhost || exit 1"));
        opts.retries = Some(1);
        opts.start_period = Some(parse_health_duration("health-x", "1m30s").unwrap());
        let (hc, _) = merge(&opts, Some(&image()), "no").unwrap();
        let hc = hc.unwrap();
        assert_eq!(hc.test, ["CMD-SHELL", "curl -f localhost || exit 1"]);
        assert_eq!(
            (hc.interval, hc.retries, hc.start_period),
            (7 * SECOND, 1, 90 * SECOND)
        );
    }

    #[test]
    fn no_flags_keep_the_image_and_without_either_there_is_none() {
        let (hc, on) = merge(&flags(None), Some(&image()), "no").unwrap();
        assert_eq!(hc, Some(image()));
        assert_eq!(on, OnFailure::None);
        assert_eq!(merge(&flags(None), None, "no").unwrap().0, None);
    }

    #[test]
    fn disabling_and_conflicts() {
        let mut opts = flags(None);
        opts.disable = true;
        let (hc, _) = merge(&opts, Some(&image()), "no").unwrap();
        let hc = hc.unwrap();
        assert_eq!(
            (hc.test.as_slice(), hc.interval),
            (&["NONE".to_string()][..], 7 * SECOND)
        );
        opts.interval = Some(parse_health_duration("health-x", "1s").unwrap());
        let err = merge(&opts, None, "no").unwrap_err().to_string();
        assert!(err.contains("conflicts"), "{err}");

        let (hc, _) = merge(&flags(Some("none")), Some(&image()), "no").unwrap();
        assert_eq!(hc.as_ref().unwrap().test, ["NONE"]);
        assert_eq!(hc.unwrap().command(), None);
    }

    #[test]
    fn json_array_commands_as_podman() {
        let (hc, _) = merge(&flags(Some(r#"["curl", "-f", "x"]"#)), None, "no").unwrap();
        assert_eq!(hc.unwrap().test, ["CMD", "curl", "-f", "x"]);
        let (hc, _) = merge(&flags(Some(r#"["CMD-SHELL", "true"]"#)), None, "no").unwrap();
        assert_eq!(hc.unwrap().command().unwrap(), ["/bin/sh", "-c", "true"]);
        assert!(parse_health_cmd("[]").is_err());
        assert!(parse_health_cmd("").is_err());
        let empty = HealthOptions {
            test: Some(Vec::new()),
            ..HealthOptions::default()
        };
        assert!(merge(&empty, None, "no").is_err());
    }

    #[test]
    fn bad_values_are_refused() {
        for (interval, ok) in [
            ("-1s", false),
            ("100us", false),
            ("bogus", false),
            ("0", true),
            ("1ms", true),
        ] {
            let parsed = parse_health_duration("health-interval", interval);
            assert_eq!(parsed.is_ok(), ok, "{interval}");
        }
        // The API's nanoseconds get the same checks.
        for (ns, ok) in [(-1, false), (100_000, false), (0, true), (1_000_000, true)] {
            let mut opts = flags(Some("true"));
            opts.interval = Some(ns);
            assert_eq!(merge(&opts, None, "no").is_ok(), ok, "{ns}");
        }
        let mut opts = flags(Some("true"));
        opts.retries = Some(-1);
        assert!(merge(&opts, None, "no").is_err());
        opts.retries = None;
        opts.on_failure = Some("explode".into());
        assert!(merge(&opts, None, "no").is_err());
        opts.on_failure = Some("restart".into());
        assert!(merge(&opts, None, "always").is_err());
        let (_, on) = merge(&opts, None, "no").unwrap();
        assert_eq!(on, OnFailure::Restart);
    }

    #[test]
    fn defaults_and_commands() {
        let hc = HealthConfig {
            test: vec!["CMD-SHELL".into(), "exit 1".into()],
            ..HealthConfig::default()
        };
        assert_eq!(hc.interval_ns(), 30 * SECOND);
        assert_eq!(hc.timeout_ns(), 30 * SECOND);
        assert_eq!(hc.start_interval_ns(), 5 * SECOND);
        assert_eq!(hc.start_period_ns(), 0);
        assert_eq!(hc.retries(), 3);
        assert_eq!(hc.command().unwrap(), ["/bin/sh", "-c", "exit 1"]);
        let unknown = HealthConfig {
            test: vec!["WHAT".into(), "x".into()],
            ..HealthConfig::default()
        };
        assert_eq!(unknown.command(), None);
    }

    #[test]
    fn json_is_dockers() {
        let hc = HealthConfig {
            test: vec!["CMD-SHELL".into(), "true".into()],
            interval: SECOND,
            ..HealthConfig::default()
        };
        assert_eq!(
            serde_json::to_string(&hc).unwrap(),
            r#"{"Test":["CMD-SHELL","true"],"Interval":1000000000}"#
        );
        let from_image: HealthConfig =
            serde_json::from_str(r#"{"Test":null,"Retries":2,"StartPeriod":5}"#).unwrap();
        assert!(from_image.test.is_empty());
        assert_eq!((from_image.retries, from_image.start_period), (2, 5));
    }

    #[test]
    fn go_durations_as_go_prints_them() {
        assert_eq!(go_duration(SECOND), "1s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(500_000_000), "500ms");
        assert_eq!(go_duration(90 * SECOND), "1m30s");
        assert_eq!(go_duration(3600 * SECOND), "1h0m0s");
        assert_eq!(go_duration(0), "0s");
    }
}
