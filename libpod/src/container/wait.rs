//! `wait`: blocks until a container stops (or its next exit, or its removal) and returns its
//! exit code. A [`WaitWatch`] notes the container's state first, so a client can be told the
//! wait is in place before it starts the container (docker's API answers the headers of
//! `POST /containers/{id}/wait` then).

use std::time::Duration;

use super::health::HealthStatus;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// What a wait waits for (docker's `condition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    /// The container is not running (a created one is not).
    NotRunning,
    /// Its next exit after the watch began.
    NextExit,
    /// Its removal.
    Removed,
}

impl WaitCondition {
    /// Parses docker's `not-running`, `next-exit` or `removed` ("" is `not-running`).
    pub fn parse(s: &str) -> Result<WaitCondition> {
        match s {
            "" | "not-running" => Ok(WaitCondition::NotRunning),
            "next-exit" => Ok(WaitCondition::NextExit),
            "removed" => Ok(WaitCondition::Removed),
            other => Err(Error::InvalidArgument(format!(
                "invalid wait condition {other:?}: use not-running, next-exit or removed"
            ))),
        }
    }
}

/// podman's `wait --condition`: a state or health a container is waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateCondition {
    /// `stopped` or `exited` (the default): it does not run (stopped, or never started); the
    /// answer is its exit code.
    Stopped,
    /// `configured`, `created` or `initialized`: created and not started (skiff has no step
    /// between the two that podman's runtime has).
    Created,
    /// `running`.
    Running,
    /// `paused`.
    Paused,
    /// `stopping`: on its way down or down (skiff records no state between the two).
    Stopping,
    /// `removing`: being removed, or gone.
    Removing,
    /// `healthy`: its healthcheck passed last.
    Healthy,
    /// `unhealthy`: its healthcheck failed its retries.
    Unhealthy,
}

impl StateCondition {
    /// Parses one of podman's condition names.
    pub fn parse(s: &str) -> Result<StateCondition> {
        Ok(match s {
            "stopped" | "exited" => StateCondition::Stopped,
            "configured" | "created" | "initialized" => StateCondition::Created,
            "running" => StateCondition::Running,
            "paused" => StateCondition::Paused,
            "stopping" => StateCondition::Stopping,
            "removing" => StateCondition::Removing,
            "healthy" => StateCondition::Healthy,
            "unhealthy" => StateCondition::Unhealthy,
            other => {
                return Err(Error::InvalidArgument(format!(
                    "invalid condition {other:?}: use configured, created, exited, healthy, \
                     initialized, paused, removing, running, stopped, stopping or unhealthy"
                )))
            }
        })
    }
}

/// A container as a wait first saw it.
#[derive(Debug, Clone)]
pub struct WaitWatch {
    /// The container's full id.
    pub id: String,
    /// Its name.
    pub name: String,
    finished: i64,
    /// When the watch began (unix nanoseconds): an exit recorded since is the one awaited.
    since: i64,
}

/// How a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitEnd {
    /// The container stopped with this code.
    Exited(i32),
    /// The container is gone; this is the last exit code the catalog showed (the caller may
    /// know a later one, from the monitor of a container it started).
    Removed(i32),
}

impl Engine {
    /// Notes container `name_or_id`'s state for a wait that follows.
    pub fn watch_container(&mut self, name_or_id: &str) -> Result<WaitWatch> {
        let rec = self.lookup_container(name_or_id)?;
        Ok(WaitWatch {
            id: rec.id,
            name: rec.name,
            finished: rec.finished,
            since: super::time::now_ns(),
        })
    }

    /// Waits for `cond` on the watched container, polling the catalog, until it holds or
    /// `abandoned()` says nobody waits any more (then `Ok(None)`: an API client hung up).
    pub fn wait_watched(
        &mut self,
        watch: &WaitWatch,
        cond: WaitCondition,
        abandoned: &dyn Fn() -> bool,
    ) -> Result<Option<WaitEnd>> {
        let mut last_code = 0;
        loop {
            if abandoned() {
                return Ok(None);
            }
            let Some(r) = self.refreshed_container(&watch.id)? else {
                // A `--rm` container's row goes in the step that records its exit: its `die`
                // event has the code.
                let conn = self.catalog()?.conn();
                return Ok(Some(
                    match crate::events::exit_code_since(conn, &watch.id, watch.since)? {
                        Some(code) if cond != WaitCondition::Removed => WaitEnd::Exited(code),
                        Some(code) => WaitEnd::Removed(code),
                        None => WaitEnd::Removed(last_code),
                    },
                ));
            };
            last_code = r.exit_code;
            let stopped = !r.state.is_active();
            if cond == WaitCondition::Removed
                && r.config.auto_remove
                && r.config.remove_after_ms > 0
                && stopped
                && !r.state.is_unstarted()
            {
                // An AutoRemove container of docker's API stays a moment after its exit for
                // clients that read it; one waited for to be removed goes at once (`docker
                // run --rm` through the API waits so).
                match self.remove_container(&watch.id, false, true) {
                    Ok(_) => return Ok(Some(WaitEnd::Removed(r.exit_code))),
                    Err(e) if e.is_not_found() => continue,
                    // Started again meanwhile, or being removed: wait on.
                    Err(Error::Conflict(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            let done = match cond {
                // Not running: stopped, or never started (docker's and podman's answer at once).
                WaitCondition::NotRunning => stopped,
                WaitCondition::NextExit => stopped && r.finished != watch.finished,
                WaitCondition::Removed => false,
            };
            if done {
                return Ok(Some(WaitEnd::Exited(r.exit_code)));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the container is not running (a created one is not) and returns its exit
    /// code.
    pub fn wait_container(&mut self, name_or_id: &str) -> Result<i32> {
        let watch = self.watch_container(name_or_id)?;
        match self.wait_watched(&watch, WaitCondition::NotRunning, &|| false)? {
            None => unreachable!("a wait nobody abandons ends only when its condition holds"),
            Some(WaitEnd::Exited(code)) => Ok(code),
            Some(WaitEnd::Removed(code)) => Err(removed_while_waiting(&watch, code)),
        }
    }

    /// podman's `wait --condition`: polls the container every `interval` until one of
    /// `conds` holds; the answer is its exit code when that is [`StateCondition::Stopped`],
    /// else -1 (as podman prints).
    pub fn wait_for_states(
        &mut self,
        name_or_id: &str,
        conds: &[StateCondition],
        interval: Duration,
    ) -> Result<i32> {
        let watch = self.watch_container(name_or_id)?;
        loop {
            let Some(r) = self.refreshed_container(&watch.id)? else {
                // Gone: an `--rm` container's `die` event has its exit code.
                let conn = self.catalog()?.conn();
                let exit = crate::events::exit_code_since(conn, &watch.id, watch.since)?;
                return match exit {
                    Some(code) if conds.contains(&StateCondition::Stopped) => Ok(code),
                    _ if conds.contains(&StateCondition::Removing) => Ok(-1),
                    code => Err(removed_while_waiting(&watch, code.unwrap_or(-1))),
                };
            };
            let health = || self.container_health(&r).map(|h| h.status);
            for cond in conds {
                let holds = match cond {
                    StateCondition::Stopped => !r.state.is_active(),
                    StateCondition::Created => r.state.is_unstarted(),
                    StateCondition::Running => r.state == super::State::Running,
                    StateCondition::Paused => r.state == super::State::Paused,
                    StateCondition::Stopping => !r.state.is_unstarted() && !r.state.is_active(),
                    StateCondition::Removing => r.state == super::State::Removing,
                    StateCondition::Healthy => health() == Some(HealthStatus::Healthy),
                    StateCondition::Unhealthy => health() == Some(HealthStatus::Unhealthy),
                };
                if holds {
                    return Ok(match cond {
                        StateCondition::Stopped => r.exit_code,
                        _ => -1,
                    });
                }
            }
            std::thread::sleep(interval);
        }
    }
}

fn removed_while_waiting(watch: &WaitWatch, code: i32) -> Error {
    Error::Runtime(format!(
        "container {} was removed while waiting; its last exit code was {code}",
        watch.name
    ))
}
