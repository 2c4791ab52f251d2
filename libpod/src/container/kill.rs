//! `kill`: sends a signal to a running container's first process.

use std::time::Duration;

use super::options::parse_signal;
use super::rows::{self, ContainerRecord};
use super::stop::signal_pid;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// `kill -s SIG`: the container must be running. Like `stop`, it stands the restart policy
    /// down until the next `start`, whatever the signal (docker 20.10 does not restart a
    /// container that exits after a `kill -s HUP` either; podman documents the same). After
    /// SIGKILL it waits (as docker and podman do) until the container has exited or
    /// restarted, so a `rm` or `inspect` right after sees it stopped.
    pub fn kill_container(&mut self, name_or_id: &str, signal: &str) -> Result<ContainerRecord> {
        let sig = parse_signal(signal)?;
        let rec = {
            let (_lock, rec) = self.lock_container(name_or_id)?;
            if !rec.state.is_active() {
                return Err(Error::Conflict(format!(
                    "cannot kill container {name_or_id:?}: it is not running (state {})",
                    rec.state
                )));
            }
            self.catalog()?
                .write(|tx| rows::set_stopped_by_user(tx, &rec.id, true))?;
            rec
        };
        self.record_container_event(&rec.id, "kill", &[("signal", &sig.to_string())]);
        signal_pid(rec.pid, sig)?;
        if sig == libc::SIGKILL {
            self.wait_not_running(&rec, Duration::from_secs(10))?;
        }
        Ok(rec)
    }
}
