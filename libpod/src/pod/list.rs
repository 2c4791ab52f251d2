//! `pod ps` and lookups: pods with their containers and status.

use super::status::PodStatus;
use super::{rows, PodRecord};
use crate::container::rows::ListedContainer;
use crate::engine::Engine;
use crate::error::Result;

/// A pod with its containers (the infra among them, oldest first) and its status.
#[derive(Debug, Clone)]
pub struct PodSummary {
    /// The pod's row.
    pub pod: PodRecord,
    /// Its containers as listed, with states checked, oldest first.
    pub containers: Vec<ListedContainer>,
    /// podman's status of the pod.
    pub status: PodStatus,
}

impl PodSummary {
    /// The infra container, when the pod has one.
    pub fn infra(&self) -> Option<&ListedContainer> {
        self.containers.iter().find(|c| c.id == self.pod.infra_id)
    }
}

/// Builds the summary of `pod` from every container (states checked).
fn summarize(pod: PodRecord, all: &[ListedContainer]) -> PodSummary {
    let mut containers: Vec<ListedContainer> = all
        .iter()
        .filter(|c| c.config.pod == pod.id)
        .cloned()
        .collect();
    containers.sort_by_key(|c| c.created);
    // An init container that ran and exited does not make a running pod Degraded.
    let states: Vec<_> = containers
        .iter()
        .filter(|c| c.config.init_ctr.is_none())
        .map(|c| c.state)
        .collect();
    PodSummary {
        status: PodStatus::of(&states),
        pod,
        containers,
    }
}

impl Engine {
    /// Finds a pod by name, full id or unique id prefix.
    pub fn lookup_pod(&mut self, name_or_id: &str) -> Result<PodRecord> {
        rows::lookup(self.catalog()?.conn(), name_or_id)
    }

    /// The pod with exactly this name, if any (an id prefix does not count).
    pub fn pod_named(&mut self, name: &str) -> Result<Option<PodRecord>> {
        rows::by_name(self.catalog()?.conn(), name)
    }

    /// Whether a pod of that name or id exists (`pod exists`).
    pub fn pod_exists(&mut self, name_or_id: &str) -> Result<bool> {
        match self.lookup_pod(name_or_id) {
            Ok(_) => Ok(true),
            Err(crate::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Every pod, newest first, with its containers and status.
    pub fn list_pods(&mut self) -> Result<Vec<PodSummary>> {
        let pods = rows::all(self.catalog()?.conn())?;
        if pods.is_empty() {
            return Ok(Vec::new());
        }
        let all = self.list_container_views()?;
        Ok(pods.into_iter().map(|p| summarize(p, &all)).collect())
    }

    /// One pod with its containers and status.
    pub fn pod_summary(&mut self, name_or_id: &str) -> Result<PodSummary> {
        let pod = self.lookup_pod(name_or_id)?;
        let mut containers = Vec::new();
        for id in rows::member_ids(self.catalog()?.conn(), &pod.id)? {
            if let Some(rec) = self.refreshed_container(&id)? {
                containers.push(rec.listed());
            }
        }
        Ok(summarize(pod, &containers))
    }
}
