//! `pod create --exit-policy`: what happens to a pod when its last member exits. With `stop`
//! the infra container stops too, so the pod is Exited (and a systemd unit whose main process
//! is the infra's monitor ends with its containers); with `continue` (the default) the infra
//! keeps the namespaces for the next member.

use serde::{Deserialize, Serialize};

use super::rows;
use crate::container::rows::ContainerRecord;
use crate::container::State;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// `--exit-policy` of a pod (podman's values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExitPolicy {
    /// The infra container keeps running after the last member exits.
    #[default]
    Continue,
    /// The pod stops when its last member exits.
    Stop,
}

impl ExitPolicy {
    /// Parses `continue` or `stop`.
    pub fn parse(value: &str) -> Result<ExitPolicy> {
        match value {
            "continue" => Ok(ExitPolicy::Continue),
            "stop" => Ok(ExitPolicy::Stop),
            other => Err(Error::InvalidArgument(format!(
                "invalid --exit-policy {other:?}: use continue or stop"
            ))),
        }
    }

    /// podman's name (`pod inspect`'s `ExitPolicy`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExitPolicy::Continue => "continue",
            ExitPolicy::Stop => "stop",
        }
    }
}

impl Engine {
    /// After member `rec` exited for good (its exit recorded, no restart coming): with the
    /// pod's exit policy `stop` and no other member running, stops the infra container. Every
    /// member records its exit before it looks, so the last of several members exiting at
    /// once sees the others exited.
    pub(crate) fn pod_member_exited(&mut self, rec: &ContainerRecord) -> Result<()> {
        // An init container's end is the start of the others, not the pod's.
        if rec.config.pod.is_empty() || rec.config.init_ctr.is_some() {
            return Ok(());
        }
        let Ok(pod) = rows::lookup(self.catalog()?.conn(), &rec.config.pod) else {
            return Ok(());
        };
        if pod.config.exit_policy != ExitPolicy::Stop
            || pod.infra_id.is_empty()
            || pod.infra_id == rec.id
        {
            return Ok(());
        }
        for id in rows::member_ids(self.catalog()?.conn(), &pod.id)? {
            if id == pod.infra_id || id == rec.id {
                continue;
            }
            match self.refreshed_container(&id)? {
                Some(c) if c.state.is_active() || c.state == State::Restarting => return Ok(()),
                _ => {}
            }
        }
        if self.lookup_container(&pod.infra_id)?.state.is_active() {
            self.stop_container(&pod.infra_id, None)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_podman_s_values() {
        assert_eq!(ExitPolicy::parse("stop").unwrap(), ExitPolicy::Stop);
        assert_eq!(ExitPolicy::parse("continue").unwrap(), ExitPolicy::Continue);
        assert!(ExitPolicy::parse("halt").is_err());
        assert_eq!(ExitPolicy::default().as_str(), "continue");
    }
}
