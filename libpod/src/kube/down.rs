//! `kube down`: removes what `kube play` of the same YAML created, keeping its volumes.

use skiff_kube::k8s::PlayPlan;

use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Removes (force) each of `plan`'s pods that exists, with its containers (and any
    /// container of the plan's names outside a pod), and the files play wrote for them; named
    /// volumes stay, with their data. Returns the ids of the pods it removed.
    pub fn kube_down(&mut self, plan: &PlayPlan) -> Result<Vec<String>> {
        let mut pods = Vec::new();
        for pod in &plan.pods {
            if let Some(old) = self.pod_named(&pod.name)? {
                self.remove_pod(&old.id, true, None)?;
                pods.push(old.id);
            }
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
        }
        Ok(pods)
    }

    /// `kube down --force`: removes the volumes of the file's PersistentVolumeClaim documents
    /// that exist, once their containers are gone (as podman's; a claim a pod only mounts
    /// stays). Returns their names.
    pub fn kube_down_volumes(&mut self, plan: &PlayPlan) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        for name in &plan.claims {
            match self.volume_get(name) {
                Err(Error::NotFound { .. }) => continue,
                found => found?,
            };
            self.volume_remove(name, crate::volume::VolumeRemoveForce::default())?;
            removed.push(name.clone());
        }
        Ok(removed)
    }
}
