//! `container prune`: removes every container that is not running.

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Removes all stopped (created, exited, dead) containers; returns their ids.
    pub fn prune_containers(&mut self) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        for rec in self.list_containers()? {
            if rec.state.is_active() || rec.state == super::State::Removing {
                continue;
            }
            match self.remove_container(&rec.id, false, false) {
                Ok(r) => removed.push(r.id),
                // Another process removed or started it meanwhile.
                Err(crate::Error::NotFound { .. } | crate::Error::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    }
}
