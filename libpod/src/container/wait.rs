//! `wait`: blocks until a container stops and returns its exit code.

use std::time::Duration;

use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Waits until the container is not running (a created one first has to start and stop)
    /// and returns its exit code.
    pub fn wait_container(&mut self, name_or_id: &str) -> Result<i32> {
        let rec = self.lookup_container(name_or_id)?;
        let started_before = rec.started;
        let mut last = rec;
        loop {
            match self.refreshed_container(&last.id)? {
                None => {
                    return Err(Error::Runtime(format!(
                        "container {} was removed while waiting; its last exit code was {}",
                        last.name, last.exit_code
                    )))
                }
                Some(r) => {
                    let ran = r.started != started_before || r.state != super::State::Created;
                    if !r.state.is_active() && ran {
                        return Ok(r.exit_code);
                    }
                    last = r;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
