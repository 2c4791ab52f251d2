//! `restart`: stop (with the timeout) and start again, detached.

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Stops the container if it runs, then starts it again in the background.
    pub fn restart_container(&mut self, name_or_id: &str, timeout: Option<u32>) -> Result<()> {
        self.restart_container_signal(name_or_id, timeout, None)
    }

    /// [`Self::restart_container`] stopping with `signal` (`restart --signal`) when given.
    pub fn restart_container_signal(
        &mut self,
        name_or_id: &str,
        timeout: Option<u32>,
        signal: Option<&str>,
    ) -> Result<()> {
        let rec = self.stop_container_signal(name_or_id, timeout, signal)?;
        self.start_container(&rec.id, false)?;
        self.record_container_event(&rec.id, "restart", &[]);
        Ok(())
    }
}
