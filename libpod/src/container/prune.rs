//! `container prune`: removes every container that is not running.

use crate::engine::Engine;
use crate::error::Result;
use crate::system::PruneFilter;

impl Engine {
    /// Removes the stopped (created, exited, dead) containers `filter` matches (all with the
    /// default filter); returns each removed id with the bytes its writable layer held.
    pub fn prune_containers_filtered(
        &mut self,
        filter: &PruneFilter,
    ) -> Result<Vec<(String, u64)>> {
        let mut removed = Vec::new();
        for rec in self.list_containers()? {
            if rec.state.is_active()
                || rec.state == super::State::Removing
                || !filter.matches(rec.created, &rec.config.labels)
            {
                continue;
            }
            let size = self.container_rw_size(&rec.id);
            match self.remove_container(&rec.id, false, false) {
                Ok(r) => removed.push((r.id, size)),
                // Another process removed or started it meanwhile.
                Err(crate::Error::NotFound { .. } | crate::Error::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    }
}
