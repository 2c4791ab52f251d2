//! `pod rm` and `pod prune`: every named pod locked and stopped, then of each the members,
//! the infra container and the pod's row.

use super::lock::PodLock;
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
        let names = [name_or_id.to_string()];
        let mut results = self.remove_pods(&names, force, timeout);
        results.remove(0)
    }

    /// `pod rm` of several pods, one result per name in order. Every pod is locked and
    /// stopped before any is removed: removing enters the user namespace (rootless, the files
    /// belong to subordinate ids), and from inside it the members of another pod that run as
    /// other users could no longer be signalled. The locks are held until the rows are gone,
    /// so no container joins a pod being removed.
    pub fn remove_pods(
        &mut self,
        names: &[String],
        force: bool,
        timeout: Option<u32>,
    ) -> Vec<Result<PodRecord>> {
        let found: Vec<Result<String>> = names
            .iter()
            .map(|n| self.lookup_pod(n).map(|p| p.id))
            .collect();
        // Each pod once (a name and its id prefix lock the same file, and a second flock of it
        // would wait for ever), in id order, so that two `pod rm` naming the same pods in
        // other orders never wait on each other's locks.
        let mut ids: Vec<String> = found.iter().flatten().cloned().collect();
        ids.sort();
        ids.dedup();
        let mut stopped: std::collections::BTreeMap<String, Result<(PodLock, PodRecord)>> = ids
            .into_iter()
            .map(|id| {
                let r = self.lock_and_stop_pod(&id, force, timeout);
                (id, r)
            })
            .collect();
        names
            .iter()
            .zip(found)
            .map(|(name, id)| {
                // A pod named twice is removed once; the second name finds it gone.
                let Some(r) = stopped.remove(&id?) else {
                    return Err(super::no_such_pod(name));
                };
                let (lock, pod) = r?;
                self.delete_pod(&pod)?;
                drop(lock);
                PodLock::remove_file(&self.paths().runroot, &pod.id);
                Ok(pod)
            })
            .collect()
    }

    /// Takes pod `id`'s lock, reads the pod under it (a `pod rm` that ended meanwhile took it)
    /// and stops its running containers (with `force`; without, a running member is an error,
    /// and a running infra container alone is stopped, as podman's).
    fn lock_and_stop_pod(
        &mut self,
        id: &str,
        force: bool,
        timeout: Option<u32>,
    ) -> Result<(PodLock, PodRecord)> {
        let lock = PodLock::exclusive(&self.paths().runroot, id)?;
        let pod = rows::lookup(self.catalog()?.conn(), id).map_err(|_| super::no_such_pod(id))?;
        let mut running = Vec::new();
        let mut infra_runs = false;
        for id in &self.pod_start_order(&pod)? {
            let rec = self.lookup_container(id)?;
            if rec.state.is_active() || rec.state == crate::container::State::Restarting {
                // The infra container alone keeps no pod from `pod rm` (podman stops it).
                match *id == pod.infra_id {
                    true => infra_runs = true,
                    false => running.push(rec.name),
                }
            }
        }
        if infra_runs && running.is_empty() {
            self.stop_pod(&pod.id, timeout)?;
        } else if !running.is_empty() {
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
        Ok((lock, pod))
    }

    /// Removes the (stopped, locked) pod's containers, the infra last, then its row.
    fn delete_pod(&mut self, pod: &PodRecord) -> Result<()> {
        for id in self.pod_start_order(pod)?.iter().rev() {
            self.remove_pod_member(id, true, false)?;
        }
        self.catalog()?.write(|tx| {
            crate::events::record_pod(tx, &pod.id, &pod.name, "remove");
            rows::delete(tx, &pod.id)
        })
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
