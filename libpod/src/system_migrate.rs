//! `system migrate`: stops every running container, so that the next ones start in a user
//! namespace made from /etc/subuid and /etc/subgid as they are now (podman's answer to a
//! changed subordinate id range; skiff's catalog schema migrates by itself on open).

use std::collections::HashSet;

use crate::engine::Engine;
use crate::error::{Error, Result};

/// The only runtime skiff runs containers with (`--new-runtime` can name only it).
const RUNTIME: &str = "skiff";

impl Engine {
    /// Stops every running (or paused, or restarting) container, pods' members before their
    /// infra containers, each with its own stop signal and timeout; a running container's
    /// monitor is what keeps the old user namespace alive. `new_runtime`, podman's
    /// `--new-runtime`, can only be skiff's own. Returns the ids of the stopped containers.
    pub fn system_migrate(&mut self, new_runtime: Option<&str>) -> Result<Vec<String>> {
        if let Some(r) = new_runtime.filter(|r| *r != RUNTIME) {
            return Err(Error::InvalidArgument(format!(
                "--new-runtime {r:?}: skiff runs every container with its own runtime; leave \
                 the flag out (or give {RUNTIME})"
            )));
        }
        let infra: HashSet<String> = self
            .list_pods()?
            .into_iter()
            .map(|s| s.pod.infra_id)
            .filter(|id| !id.is_empty())
            .collect();
        let (infra_running, members): (Vec<_>, Vec<_>) = self
            .list_containers()?
            .into_iter()
            .filter(|c| c.state.is_active())
            .map(|c| c.id)
            .partition(|id| infra.contains(id));
        let mut stopped = Vec::new();
        for id in members.into_iter().chain(infra_running) {
            match self.stop_container(&id, None) {
                Ok(_) => stopped.push(id),
                // Gone meanwhile (`--rm`, another command): nothing left to stop.
                Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(stopped)
    }
}
