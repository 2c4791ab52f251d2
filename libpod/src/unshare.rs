//! `unshare`: what a command run in skiff's storage user namespace needs (podman-unshare(1)).

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Enters skiff's user namespace (rootless; as root nothing changes) and returns the
    /// environment to give the command run there: `CONTAINERS_GRAPHROOT` and
    /// `CONTAINERS_RUNROOT` (this engine's `--root` and `--runroot`, as podman sets them).
    /// Call it while the process is single-threaded.
    pub fn unshare_env(&self) -> Result<Vec<(String, String)>> {
        self.enter_userns()?;
        let paths = self.paths();
        Ok(vec![
            (
                "CONTAINERS_GRAPHROOT".to_string(),
                paths.root.display().to_string(),
            ),
            (
                "CONTAINERS_RUNROOT".to_string(),
                paths.runroot.display().to_string(),
            ),
        ])
    }
}
