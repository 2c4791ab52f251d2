//! `pod start` and `pod restart`: the infra container first (it holds the namespaces the
//! members join), then the members in the order they were created.

use super::{rows, PodRecord};
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// `pod start`: starts the infra container and every member that does not run. Every
    /// member is tried; the first failure is returned after the others started.
    pub fn start_pod(&mut self, name_or_id: &str) -> Result<PodRecord> {
        let pod = self.lookup_pod(name_or_id)?;
        let mut first_error = None;
        let mut members = Vec::new();
        for id in self.pod_start_order(&pod)? {
            members.push(self.lookup_container(&id)?);
        }
        // A pod that starts (nothing of it runs) runs its init containers first, after the
        // infra container that holds the namespaces they join.
        let starting = !members.iter().any(|r| r.state.is_active());
        if starting && !pod.infra_id.is_empty() {
            self.start_container(&pod.infra_id, false)?;
        }
        if starting {
            self.run_init_containers(&members)?;
        }
        for rec in members.iter().filter(|r| r.config.init_ctr.is_none()) {
            let id = &rec.id;
            // A running container is passed over before anything enters a user namespace:
            // rootless, a member joins the infra's from the caller's own.
            if self.lookup_container(id)?.state.is_active() {
                continue;
            }
            if let Err(e) = self.start_container(id, false) {
                first_error.get_or_insert(e);
            }
        }
        self.record_pod_event(&pod.id, &pod.name, "start");
        match first_error {
            Some(e) => Err(e),
            None => Ok(pod),
        }
    }

    /// `pod restart`: stops the pod's containers, then starts them again.
    pub fn restart_pod(&mut self, name_or_id: &str, timeout: Option<u32>) -> Result<PodRecord> {
        self.stop_pod(name_or_id, timeout)?;
        self.start_pod(name_or_id)
    }

    /// The pod's container ids in start order: the infra first, then the members by creation.
    pub(crate) fn pod_start_order(&mut self, pod: &PodRecord) -> Result<Vec<String>> {
        let mut ids = rows::member_ids(self.catalog()?.conn(), &pod.id)?;
        ids.retain(|id| *id != pod.infra_id);
        if !pod.infra_id.is_empty() {
            ids.insert(0, pod.infra_id.clone());
        }
        Ok(ids)
    }

    /// Before member `rec` of a pod starts: starts the pod's infra container when it does not
    /// run (podman starts a stopped pod's infra with its first member).
    pub(crate) fn start_pod_infra_for(&mut self, rec: &ContainerRecord) -> Result<()> {
        if rec.config.pod.is_empty() {
            return Ok(());
        }
        let pod = rows::lookup(self.catalog()?.conn(), &rec.config.pod)?;
        if pod.infra_id.is_empty() || pod.infra_id == rec.id {
            return Ok(());
        }
        let infra = self.lookup_container(&pod.infra_id)?;
        if !infra.state.is_active() {
            self.start_container(&pod.infra_id, false)?;
        }
        Ok(())
    }
}
