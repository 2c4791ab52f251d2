//! `kube down`: removes what `kube play` of the same YAML created, keeping its volumes.

use skiff_kube::k8s::PlayPlan;

use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Removes (force) each container of `plan`'s pods that exists, and the files play wrote
    /// for them; named volumes stay, with their data. Returns the pods that had containers.
    pub fn kube_down(&mut self, plan: &PlayPlan) -> Result<Vec<String>> {
        let mut pods = Vec::new();
        for pod in &plan.pods {
            let names: Vec<String> = pod
                .containers
                .iter()
                .filter(|c| self.lookup_container(&c.name).is_ok())
                .map(|c| c.name.clone())
                .collect();
            for r in self.remove_containers(&names, true, false) {
                r?;
            }
            let dir = self.kube_files_dir(&pod.name);
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .map_err(|e| Error::Runtime(format!("removing {}: {e}", dir.display())))?;
            }
            if !names.is_empty() {
                pods.push(pod.name.clone());
            }
        }
        Ok(pods)
    }
}
