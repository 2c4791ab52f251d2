//! Healthchecks on the command line: the `--health-*` flags of `run`/`create`, and
//! `skiff healthcheck run CONTAINER` (podman's command: exit 0 when the check passed, 1 when it
//! failed, 125 on errors).

use clap::{Args, Subcommand};
use skiff_libpod::container::health::config::{parse_health_cmd, parse_health_duration};
use skiff_libpod::container::health::HealthOptions;
use skiff_libpod::Engine;

/// The healthcheck flags of `run` and `create` (docker's, plus podman's `--health-on-failure`).
#[derive(Debug, Clone, Args)]
pub struct HealthFlags {
    /// Command to run in the container to check its health: a shell command, a JSON array (["CMD", "prog", "arg"]), or none to disable the image's check
    #[arg(
        long = "health-cmd",
        value_name = "COMMAND",
        allow_hyphen_values = true
    )]
    pub health_cmd: Option<String>,
    /// Time between two checks (ms|s|m|h) (default 30s)
    #[arg(
        long = "health-interval",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub health_interval: Option<String>,
    /// Consecutive failures that make the container unhealthy (default 3)
    #[arg(long = "health-retries", value_name = "N", allow_hyphen_values = true)]
    pub health_retries: Option<i64>,
    /// Time between checks during the start period (ms|s|m|h) (default 5s)
    #[arg(
        long = "health-start-interval",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub health_start_interval: Option<String>,
    /// Time after the start in which failed checks do not count (ms|s|m|h) (default 0s)
    #[arg(
        long = "health-start-period",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub health_start_period: Option<String>,
    /// Longest time one check may run before it is killed and fails (ms|s|m|h) (default 30s)
    #[arg(
        long = "health-timeout",
        value_name = "DURATION",
        allow_hyphen_values = true
    )]
    pub health_timeout: Option<String>,
    /// What to do when the container becomes unhealthy: none (the default), kill, restart or stop
    #[arg(long = "health-on-failure", value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// Disable the image's HEALTHCHECK
    #[arg(long = "no-healthcheck", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub no_healthcheck: bool,
}

impl HealthFlags {
    /// The engine's healthcheck options for these flags, the command and durations parsed.
    pub fn options(&self) -> skiff_libpod::Result<HealthOptions> {
        let duration = |flag: &str, v: &Option<String>| {
            v.as_deref()
                .map(|v| parse_health_duration(flag, v))
                .transpose()
        };
        Ok(HealthOptions {
            test: self
                .health_cmd
                .as_deref()
                .map(parse_health_cmd)
                .transpose()?,
            interval: duration("health-interval", &self.health_interval)?,
            timeout: duration("health-timeout", &self.health_timeout)?,
            start_period: duration("health-start-period", &self.health_start_period)?,
            start_interval: duration("health-start-interval", &self.health_start_interval)?,
            retries: self.health_retries,
            disable: self.no_healthcheck,
            on_failure: self.health_on_failure.clone(),
        })
    }
}

/// Manage container healthchecks
#[derive(Debug, Subcommand)]
pub enum HealthcheckCmd {
    /// Run a container's healthcheck now: exit 0 when it passes, 1 when it fails
    Run(RunArgs),
}

/// `healthcheck run`'s arguments.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    container: String,
}

/// Runs `skiff healthcheck ...`.
pub fn exec(engine: &mut Engine, cmd: HealthcheckCmd) -> anyhow::Result<i32> {
    match cmd {
        HealthcheckCmd::Run(args) => {
            let checked = engine.healthcheck_run(&args.container)?;
            if checked.passed() {
                return Ok(0);
            }
            // podman prints the check's own result when it failed, `unhealthy`, even while
            // the container's status is still `starting` (too few failures in a row).
            println!("unhealthy");
            Ok(1)
        }
    }
}
