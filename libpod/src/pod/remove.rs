//! `pod rm` and `pod prune`: the members, then the infra container, then the pod's row.

use super::status::PodStatus;
use super::{rows, PodRecord};
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// `pod rm`: removes the pod with its containers. A pod with running (or paused)
    /// containers needs `force`, which stops them first (each after `timeout` seconds, or its
    /// own stop timeout). Returns the removed pod.
    pub fn remove_pod(
        &mut self,
        name_or_id: &str,
        force: bool,
        timeout: Option<u32>,
    ) -> Result<PodRecord> {
        let pod = self.lookup_pod(name_or_id)?;
        let order = self.pod_start_order(&pod)?;
        let mut running = Vec::new();
        for id in &order {
            let rec = self.lookup_container(id)?;
            if rec.state.is_active() || rec.state == crate::container::State::Restarting {
                running.push(rec.name);
            }
        }
        if !running.is_empty() {
            if !force {
                return Err(Error::Conflict(format!(
                    "pod {} has running containers ({}): stop the pod first (`skiff pod stop {}`) \
                     or remove it with -f",
                    pod.name,
                    running.join(", "),
                    pod.name
                )));
            }
            self.stop_pod(&pod.id, timeout)?;
        }
        for id in order.iter().rev() {
            self.remove_pod_member(id, true, false)?;
        }
        self.catalog()?.write(|tx| {
            crate::events::record_pod(tx, &pod.id, &pod.name, "remove");
            rows::delete(tx, &pod.id)
        })?;
        Ok(pod)
    }

    /// `pod prune`: removes every pod whose containers all stopped (podman's Exited,
    /// Stopped, and Created pods with no container running). Returns the removed pods' ids.
    pub fn prune_pods(&mut self) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        for summary in self.list_pods()? {
            if matches!(summary.status, PodStatus::Exited | PodStatus::Stopped) {
                removed.push(self.remove_pod(&summary.pod.id, false, None)?.id);
            }
        }
        Ok(removed)
    }
}
