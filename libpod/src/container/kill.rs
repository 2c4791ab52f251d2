//! `kill`: sends a signal to a running container's first process.

use super::options::parse_signal;
use super::rows::ContainerRecord;
use super::stop::signal_pid;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// `kill -s SIG`: the container must be running. Restart policies still apply (as docker).
    pub fn kill_container(&mut self, name_or_id: &str, signal: &str) -> Result<ContainerRecord> {
        let sig = parse_signal(signal)?;
        let rec = self.lookup_container(name_or_id)?;
        if !rec.state.is_active() {
            return Err(Error::Conflict(format!(
                "cannot kill container {name_or_id:?}: it is not running (state {})",
                rec.state
            )));
        }
        self.record_container_event(&rec.id, "kill", &[("signal", &sig.to_string())]);
        signal_pid(rec.pid, sig)?;
        Ok(rec)
    }
}
