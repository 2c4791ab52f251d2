//! `pod stop`, `pod kill`, `pod pause` and `pod unpause`: the members first, the infra
//! container last (it holds the namespaces they use).

use super::PodRecord;
use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// `pod stop`: stops every member (each with its stop signal, SIGKILL after `timeout`
    /// seconds or its own stop timeout), then the infra container.
    pub fn stop_pod(&mut self, name_or_id: &str, timeout: Option<u32>) -> Result<PodRecord> {
        self.for_each_in_pod(name_or_id, "stop", |e, id| {
            e.stop_container(id, timeout).map(|_| ())
        })
    }

    /// `pod kill`: sends `signal` to every running container of the pod, the infra last.
    pub fn kill_pod(&mut self, name_or_id: &str, signal: &str) -> Result<PodRecord> {
        crate::container::options::parse_signal(signal)?;
        self.for_each_in_pod(name_or_id, "kill", |e, id| {
            let rec = e.lookup_container(id)?;
            if !rec.state.is_active() {
                return Ok(());
            }
            e.kill_container(id, signal).map(|_| ())
        })
    }

    /// `pod pause`: freezes every running container of the pod.
    pub fn pause_pod(&mut self, name_or_id: &str) -> Result<PodRecord> {
        self.for_each_in_pod(name_or_id, "pause", |e, id| {
            let rec = e.lookup_container(id)?;
            if rec.state != crate::container::State::Running {
                return Ok(());
            }
            e.pause_container(id).map(|_| ())
        })
    }

    /// `pod unpause`: thaws every paused container of the pod.
    pub fn unpause_pod(&mut self, name_or_id: &str) -> Result<PodRecord> {
        self.for_each_in_pod(name_or_id, "unpause", |e, id| {
            let rec = e.lookup_container(id)?;
            if rec.state != crate::container::State::Paused {
                return Ok(());
            }
            e.unpause_container(id).map(|_| ())
        })
    }

    /// Runs `op` on every container of the pod, members first and the infra last, and
    /// records the pod event `action`; every container is tried, and the first failure is
    /// returned after the others.
    fn for_each_in_pod(
        &mut self,
        name_or_id: &str,
        action: &str,
        mut op: impl FnMut(&mut Engine, &str) -> Result<()>,
    ) -> Result<PodRecord> {
        let pod = self.lookup_pod(name_or_id)?;
        let mut order = self.pod_start_order(&pod)?;
        order.reverse();
        let mut first_error = None;
        for id in &order {
            if let Err(e) = op(self, id) {
                first_error.get_or_insert(e);
            }
        }
        self.record_pod_event(&pod.id, &pod.name, action);
        match first_error {
            Some(e) => Err(e),
            None => Ok(pod),
        }
    }
}
