//! Healthchecks: the image's HEALTHCHECK or the `--health-*` flags ([`config`]), run on schedule
//! by the container's monitor ([`schedule`]) or at once by `healthcheck run`, each check executed
//! in the container like `exec` ([`probe`]), its result moving docker's health state
//! ([`state`]), which `ps` and `inspect` read from a small file in the container's directory.
//! On becoming unhealthy, podman's `--health-on-failure` action (kill, restart, stop) follows.

pub mod config;
mod probe;
mod schedule;
pub mod state;

pub use config::{HealthConfig, HealthOptions, OnFailure};
pub(crate) use schedule::Schedule;
pub use state::{HealthState, HealthStatus};

use std::path::Path;

use super::rows::{ContainerRecord, ListedContainer};
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use state::CheckResult;

/// One check, run and recorded.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Its result.
    pub result: CheckResult,
    /// The status before it.
    pub before: HealthStatus,
    /// The health after it.
    pub after: HealthState,
}

impl Checked {
    /// True when the check's command passed (exit code 0).
    pub fn passed(&self) -> bool {
        self.result.exit_code == 0
    }

    /// True when the status changed (an event) or container `rec` became unhealthy with an
    /// on-failure action: what [`Engine::after_check`] does something for.
    pub(crate) fn follow_up_due(&self, rec: &ContainerRecord) -> bool {
        self.before != self.after.status || self.action_due(rec)
    }

    fn action_due(&self, rec: &ContainerRecord) -> bool {
        !self.passed()
            && self.after.status == HealthStatus::Unhealthy
            && !rec.config.health_on_failure.is_none()
    }
}

/// Runs the healthcheck of container `rec` (whose init is host pid `pid`, started at unix ns
/// `started`) once and records its result in the health file in `dir`.
pub(crate) fn check(dir: &Path, rec: &ContainerRecord, pid: i32, started: i64) -> Result<Checked> {
    let config = rec
        .config
        .healthcheck
        .as_ref()
        .filter(|c| c.command().is_some())
        .ok_or_else(|| no_healthcheck(&rec.name))?;
    let argv = config.command().unwrap_or_default();
    let secrets = super::secrets::secret_env(dir, &rec.config)?;
    let result = probe::run(&rec.config, &secrets, pid, argv, config.timeout_ns());
    let in_start_period = result.start - started < config.start_period_ns();
    let (before, after) = state::update(dir, |s| {
        s.record(&result, in_start_period, config.retries())
    })?;
    Ok(Checked {
        result,
        before: before.status,
        after,
    })
}

fn no_healthcheck(name: &str) -> Error {
    Error::InvalidArgument(format!(
        "container {name} has no defined healthcheck: create it with --health-cmd, or from an image with a HEALTHCHECK"
    ))
}

impl Engine {
    /// `healthcheck run`: runs container `name_or_id`'s healthcheck now, records the result
    /// like a scheduled check (and acts on it the same way), and returns it.
    pub fn healthcheck_run(&mut self, name_or_id: &str) -> Result<Checked> {
        let rec = self.lookup_container(name_or_id)?;
        if rec.state != State::Running || rec.pid <= 0 {
            return Err(Error::Conflict(format!(
                "container {name_or_id} is not running: start it with `skiff start {name_or_id}` first"
            )));
        }
        if rec
            .config
            .healthcheck
            .as_ref()
            .and_then(|c| c.command())
            .is_none()
        {
            return Err(no_healthcheck(name_or_id));
        }
        self.protect_exec(name_or_id)?;
        let checked = check(&self.container_dir(&rec.id), &rec, rec.pid, rec.started)?;
        self.after_check(&rec, &checked);
        Ok(checked)
    }

    /// docker's `State.Health` of a container: None when it has no healthcheck or never ran
    /// with one. A container that no longer runs shows its last results as unhealthy (as docker).
    pub fn container_health(&self, rec: &ContainerRecord) -> Option<HealthState> {
        self.health_of(rec, rec.config.healthcheck.as_ref())
    }

    /// [`Self::container_health`] of `rec`, whose configuration has `check`.
    fn health_of<C>(
        &self,
        rec: &ContainerRecord<C>,
        check: Option<&HealthConfig>,
    ) -> Option<HealthState> {
        check?.command()?;
        let stored = state::read(&self.container_dir(&rec.id));
        match rec.state {
            State::Running | State::Paused => Some(stored.unwrap_or_default()),
            State::Created | State::Initialized => None,
            _ => stored.map(HealthState::stopped),
        }
    }

    /// The health status of a container (see [`Self::container_health`]); `ps` and its
    /// `health=` filter read it. Containers without a healthcheck cost no file access.
    pub fn health_status(&self, rec: &ListedContainer) -> Option<HealthStatus> {
        self.health_of(rec, rec.config.healthcheck.as_ref())
            .map(|h| h.status)
    }

    /// docker's `Status` column of `ps` (and of the API's container list): "Up 2 minutes",
    /// with the health of a running container that has a healthcheck, "Up 2 minutes
    /// (healthy)"; `ago` writes a duration in nanoseconds.
    pub fn ps_status(&self, rec: &ListedContainer, ago: impl Fn(i64) -> String) -> String {
        let status = rec.status_text(ago);
        match self
            .health_status(rec)
            .filter(|_| rec.state == State::Running)
        {
            Some(h) => format!("{status} {}", h.ps_suffix()),
            None => status,
        }
    }

    /// After a check of `rec`: docker's `health_status: STATUS` event when the status changed,
    /// and on becoming unhealthy the `--health-on-failure` action. Errors are dropped: the
    /// check's result is recorded already, and the next check tries again.
    pub(crate) fn after_check(&mut self, rec: &ContainerRecord, checked: &Checked) {
        if checked.before != checked.after.status {
            let action = format!("health_status: {}", checked.after.status.as_str());
            self.record_container_event(&rec.id, &action, &[]);
        }
        if !checked.action_due(rec) {
            return;
        }
        let id = rec.id.as_str();
        let _ = match rec.config.health_on_failure {
            OnFailure::None => Ok(()),
            OnFailure::Kill => self.kill_container(id, "SIGKILL").map(drop),
            OnFailure::Stop => self.stop_container(id, None).map(drop),
            OnFailure::Restart => self.restart_container(id, None),
        };
    }
}
