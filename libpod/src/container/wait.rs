//! `wait`: blocks until a container stops (or its next exit, or its removal) and returns its
//! exit code. A [`WaitWatch`] notes the container's state first, so a client can be told the
//! wait is in place before it starts the container (docker's API answers the headers of
//! `POST /containers/{id}/wait` then).

use std::time::Duration;

use crate::engine::Engine;
use crate::error::{Error, Result};

/// What a wait waits for (docker's `condition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    /// The container is not running; a created one first has to run and stop.
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

/// A container as a wait first saw it.
#[derive(Debug, Clone)]
pub struct WaitWatch {
    /// The container's full id.
    pub id: String,
    /// Its name.
    pub name: String,
    started: i64,
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
            started: rec.started,
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
            let done = match cond {
                WaitCondition::NotRunning => {
                    let ran = r.started != watch.started || r.state != super::State::Created;
                    // A created container whose start failed has its exit code (docker's too).
                    let failed = r.state == super::State::Created && r.exit_code != 0;
                    stopped && (ran || failed)
                }
                WaitCondition::NextExit => stopped && r.finished != watch.finished,
                WaitCondition::Removed => false,
            };
            if done {
                return Ok(Some(WaitEnd::Exited(r.exit_code)));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the container is not running (a created one first has to start and stop)
    /// and returns its exit code.
    pub fn wait_container(&mut self, name_or_id: &str) -> Result<i32> {
        let watch = self.watch_container(name_or_id)?;
        match self.wait_watched(&watch, WaitCondition::NotRunning, &|| false)? {
            None => unreachable!("a wait nobody abandons ends only when its condition holds"),
            Some(WaitEnd::Exited(code)) => Ok(code),
            Some(WaitEnd::Removed(code)) => Err(Error::Runtime(format!(
                "container {} was removed while waiting; its last exit code was {code}",
                watch.name
            ))),
        }
    }
}
