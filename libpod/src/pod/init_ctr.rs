//! podman's init containers (`create --init-ctr always|once --pod POD`, and a Kubernetes
//! pod's `initContainers` in `kube play`): when the pod starts, after its infra container and
//! before its other members, each runs to its end in the order they were created; one that
//! fails stops the pod's start. A `once` container is removed after it succeeded; an
//! `always` one runs at every start of the pod.

use serde::{Deserialize, Serialize};

use super::PodRecord;
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

/// An init container's kind (podman's `--init-ctr` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitCtr {
    /// Runs at every start of its pod.
    Always,
    /// Runs at the pod's next start, then is removed.
    Once,
}

impl InitCtr {
    /// Parses `always` or `once`.
    pub fn parse(value: &str) -> Result<InitCtr> {
        match value {
            "always" => Ok(InitCtr::Always),
            "once" => Ok(InitCtr::Once),
            other => Err(Error::InvalidArgument(format!(
                "invalid --init-ctr {other:?}: use always or once"
            ))),
        }
    }
}

impl Engine {
    /// Checks new init container `c` (of kind `c.init_ctr`) of `pod`: the pod must not run
    /// (its init containers ran when it started), nothing may restart the container (it must
    /// end for the pod's other members to start), and `--rm` may not take it away before its
    /// exit is read (`once` removes it after).
    pub(crate) fn check_init_ctr(
        &mut self,
        c: &crate::container::ContainerConfig,
        pod: Option<&PodRecord>,
    ) -> Result<()> {
        if c.init_ctr.is_none() {
            return Ok(());
        }
        let restart = c.restart.name.as_str();
        let Some(pod) = pod else {
            return Err(Error::InvalidArgument(
                "--init-ctr needs --pod: an init container runs when its pod starts".into(),
            ));
        };
        if !matches!(restart, "" | "no") {
            return Err(Error::InvalidArgument(format!(
                "--init-ctr with --restart {restart}: an init container must end for its pod's \
                 other containers to start: leave --restart out"
            )));
        }
        if c.auto_remove {
            return Err(Error::InvalidArgument(
                "--init-ctr with --rm: use --init-ctr once, which removes the container after \
                 it succeeded"
                    .into(),
            ));
        }
        if !pod.infra_id.is_empty() && self.lookup_container(&pod.infra_id)?.state.is_active() {
            return Err(Error::Conflict(format!(
                "pod {} is running: an init container can only be added to a stopped pod (stop it \
                 with `skiff pod stop {}`)",
                pod.name, pod.name
            )));
        }
        Ok(())
    }

    /// Runs the init containers among `members` (the pod's, in creation order) one after the
    /// other, each to its end; removes a `once` one that succeeded. Fails at the first that
    /// does not exit 0.
    pub(crate) fn run_init_containers(&mut self, members: &[ContainerRecord]) -> Result<()> {
        for rec in members {
            let Some(kind) = rec.config.init_ctr else {
                continue;
            };
            self.start_container(&rec.id, false)?;
            let code = self.wait_container(&rec.id)?;
            if code != 0 {
                return Err(Error::Runtime(format!(
                    "init container {} exited with code {code}: the pod's other containers were \
                     not started (see `skiff logs {}`)",
                    rec.name, rec.name
                )));
            }
            if kind == InitCtr::Once {
                self.remove_container(&rec.id, true, false)?;
            }
        }
        Ok(())
    }
}
