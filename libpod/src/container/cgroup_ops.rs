//! Operations on a container's own cgroup: `pause`, `unpause` (cgroup v2's freezer), `update`
//! of its limits, and the OOM-kill record its monitor makes.

use std::path::PathBuf;

use super::resources::{self, ResourceOptions};
use super::rows::{self, ContainerRecord};
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::cgroups;

/// The cgroup of running container `rec`, or why it has none (which says what to set up).
pub(crate) fn own_cgroup(rec: &ContainerRecord, what: &str) -> Result<PathBuf> {
    if let Some(path) = cgroups::of_container(&rec.id, rec.pid) {
        return Ok(path);
    }
    let why = match cgroups::base(&[]) {
        Err(e) => e.0,
        Ok(_) => "it was started before skiff gave every container a cgroup: restart it".into(),
    };
    Err(Error::Runtime(format!(
        "cannot {what} container {}: it has no cgroup of its own: {why}",
        rec.name
    )))
}

/// A running container frozen for as long as this lives (`commit --pause`): thawed on drop.
pub(crate) struct FrozenWhile(PathBuf);

impl FrozenWhile {
    /// Freezes running container `rec` when it has a cgroup of its own; None otherwise (the
    /// caller goes on unfrozen, as podman does where it cannot pause).
    pub(crate) fn freeze(rec: &ContainerRecord) -> Option<FrozenWhile> {
        if rec.state != State::Running {
            return None;
        }
        let path = cgroups::of_container(&rec.id, rec.pid)?;
        cgroups::freeze(&path, true).ok()?;
        Some(FrozenWhile(path))
    }
}

impl Drop for FrozenWhile {
    fn drop(&mut self) {
        let _ = cgroups::freeze(&self.0, false);
    }
}

impl Engine {
    /// `pause`: freezes every process of a running container.
    pub fn pause_container(&mut self, name_or_id: &str) -> Result<ContainerRecord> {
        self.freeze_container(name_or_id, true)
    }

    /// `unpause`: thaws a paused container.
    pub fn unpause_container(&mut self, name_or_id: &str) -> Result<ContainerRecord> {
        self.freeze_container(name_or_id, false)
    }

    fn freeze_container(&mut self, name_or_id: &str, freeze: bool) -> Result<ContainerRecord> {
        let (_lock, rec) = self.lock_container(name_or_id)?;
        match (rec.state, freeze) {
            (State::Running, true) | (State::Paused, false) => {}
            (State::Paused, true) => {
                return Err(Error::Conflict(format!(
                    "container {} is already paused",
                    rec.name
                )))
            }
            (State::Running, false) => {
                return Err(Error::Conflict(format!(
                    "container {} is not paused",
                    rec.name
                )))
            }
            _ => {
                return Err(Error::Conflict(format!(
                    "container {} is not running (state {}): start it first",
                    rec.name, rec.state
                )))
            }
        }
        let what = if freeze { "pause" } else { "unpause" };
        cgroups::freeze(&own_cgroup(&rec, what)?, freeze)?;
        let state = if freeze {
            State::Paused
        } else {
            State::Running
        };
        self.catalog()?.write(|tx| {
            crate::events::record_container(tx, &rec.id, what, &[]);
            rows::set_state(tx, &rec.id, state)
        })?;
        Ok(ContainerRecord { state, ..rec })
    }

    /// Thaws a paused container that is being stopped, so its processes see the stop signal
    /// (a frozen process only dies of SIGKILL). Best effort: the stop goes on regardless.
    pub(crate) fn thaw_for_stop(&self, rec: &ContainerRecord) {
        if let Some(path) = cgroups::of_container(&rec.id, rec.pid) {
            let _ = cgroups::freeze(&path, false);
        }
    }

    /// `update`: changes the stored limits of a container and, when it runs, its cgroup's.
    /// Returns the updated record.
    pub fn update_container(
        &mut self,
        name_or_id: &str,
        opts: &ResourceOptions,
        restart: Option<&str>,
    ) -> Result<ContainerRecord> {
        let (_lock, mut rec) = self.lock_container(name_or_id)?;
        let before = resources::cgroup_files(&rec.config, true, &cgroups::block_device);
        resources::apply(opts, &mut rec.config)?;
        resources::require_devices(&rec.config.resources, &cgroups::block_device)?;
        if let Some(r) = restart {
            let policy = super::options::parse_restart(r)?;
            if rec.config.auto_remove && policy.name != "no" {
                return Err(Error::InvalidArgument(
                    "restart policy cannot be updated because AutoRemove is enabled for the \
                     container"
                        .into(),
                ));
            }
            rec.config.restart = policy;
        }
        let files = resources::cgroup_files(&rec.config, true, &cgroups::block_device);
        // Only changed limits need the container's cgroup (docker updates a restart policy
        // alone on any host).
        if rec.state.is_active() && files != before {
            let path = own_cgroup(&rec, "update")?;
            cgroups::set(&path, &files)?;
        }
        self.catalog()?.write(|tx| {
            crate::events::record_container(tx, &rec.id, "update", &[]);
            rows::set_config(tx, &rec.id, &rec.config)
        })?;
        Ok(rec)
    }

    /// The monitor's record that the kernel's OOM killer ended the container's current run.
    pub(crate) fn record_oom_kill(&mut self, id: &str) -> Result<()> {
        self.catalog()?.write(|tx| {
            crate::events::record_container(tx, id, "oom", &[]);
            rows::set_oom_killed(tx, id)
        })
    }
}
