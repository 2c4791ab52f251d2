//! `rm`: removes a container's row, directory, lock and (with `-v`) its anonymous volumes.

use std::time::{Duration, Instant};

use super::list::monitor_alive;
use super::lock::ContainerLock;
use super::rows::{self, ContainerRecord};
use super::stop::signal_pid;
use super::State;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Removes a container. A running one needs `force` (it is killed first); `volumes` also
    /// removes its anonymous volumes. Returns the removed record.
    pub fn remove_container(
        &mut self,
        name_or_id: &str,
        force: bool,
        volumes: bool,
    ) -> Result<ContainerRecord> {
        self.refuse_infra(name_or_id)?;
        self.remove_pod_member(name_or_id, force, volumes)
    }

    /// [`Self::remove_container`] without the check that the container is no pod's infra
    /// container: `pod rm` removes the infra last.
    pub(crate) fn remove_pod_member(
        &mut self,
        name_or_id: &str,
        force: bool,
        volumes: bool,
    ) -> Result<ContainerRecord> {
        let rec = self.mark_for_removal(name_or_id, force)?;
        self.enter_userns()?;
        self.delete_container(&rec, volumes)?;
        Ok(rec)
    }

    /// The containers that join a namespace of container `name_or_id` (`--network`, `--pid`,
    /// `--ipc` or `--uts container:ID`) or require it (`--requires`), and those that depend
    /// on them in turn, the farthest first: what podman's `rm --depend` removes before the
    /// container.
    pub fn dependents_of(&mut self, name_or_id: &str) -> Result<Vec<String>> {
        let root = self.lookup_container(name_or_id)?.id;
        let all = self.list_containers()?;
        let joins = |c: &ContainerRecord, owner: &str| {
            let target = format!("container:{owner}");
            let cfg = &c.config;
            [
                &cfg.network_mode,
                &cfg.pid_mode,
                &cfg.ipc_mode,
                &cfg.uts_mode,
            ]
            .iter()
            .any(|m| **m == target)
                || cfg.requires.iter().any(|r| r == owner)
        };
        let mut found: Vec<String> = Vec::new();
        let mut next = 0;
        let mut owners = vec![root.clone()];
        while next < owners.len() {
            let owner = owners[next].clone();
            next += 1;
            for c in &all {
                if c.id != root && !found.contains(&c.id) && joins(c, &owner) {
                    found.push(c.id.clone());
                    owners.push(c.id.clone());
                }
            }
        }
        found.reverse();
        Ok(found)
    }

    /// A pod's infra container goes only with its pod (podman refuses `rm` of it alone).
    fn refuse_infra(&mut self, name_or_id: &str) -> Result<()> {
        let conn = self.catalog()?.conn();
        let Ok(rec) = rows::lookup(conn, name_or_id) else {
            return Ok(());
        };
        match crate::pod::rows::infra_of(conn, &rec.id)? {
            Some(pod) => Err(Error::Conflict(format!(
                "container {} is the infra container of pod {} and cannot be removed without \
                 removing the pod: use `skiff pod rm {}`",
                rec.id, pod.id, pod.name
            ))),
            None => Ok(()),
        }
    }

    /// `rm` of several containers: all are marked and killed first, as the calling user (only
    /// the owner of the containers' user namespace can signal every process in them), then the
    /// files go from inside the user namespace. One result per name, in order.
    pub fn remove_containers(
        &mut self,
        names: &[String],
        force: bool,
        volumes: bool,
    ) -> Vec<Result<ContainerRecord>> {
        let marked: Vec<Result<ContainerRecord>> = names
            .iter()
            .map(|n| {
                self.refuse_infra(n)
                    .and_then(|_| self.mark_for_removal(n, force))
            })
            .collect();
        if let Err(e) = self.enter_userns() {
            let msg = e.to_string();
            return marked
                .into_iter()
                .map(|r| r.and(Err(Error::Runtime(msg.clone()))))
                .collect();
        }
        marked
            .into_iter()
            .map(|r| {
                let rec = r?;
                self.delete_container(&rec, volumes)?;
                Ok(rec)
            })
            .collect()
    }

    /// Marks a container `removing` under its lock, then kills it (with `force`) and waits for
    /// its monitor to go. A container that another `rm` is deleting already is not deleted a
    /// second time: this waits for its monitor, then says it is gone (or, when the other `rm`
    /// ended before it finished, goes on with the removal).
    fn mark_for_removal(&mut self, name_or_id: &str, force: bool) -> Result<ContainerRecord> {
        let (rec, removed_by_another) = {
            let (_lock, rec) = self.lock_container(name_or_id)?;
            if rec.state == State::Removing && monitor_alive(&rec) {
                (rec, true)
            } else {
                if (rec.state.is_active() || rec.state == State::Restarting) && !force {
                    // docker's words (moby since 2023; scripts match them).
                    return Err(Error::Conflict(format!(
                        "cannot remove container \"/{}\": container is {}: stop the container before removing or force remove",
                        rec.name,
                        if rec.state == State::Restarting { "restarting" } else { "running" }
                    )));
                }
                self.catalog()?.write(|tx| {
                    rows::set_stopped_by_user(tx, &rec.id, true)?;
                    // docker's events of `rm -f`: the kill here, the die from the monitor.
                    if rec.state.is_active() {
                        crate::events::record_container(tx, &rec.id, "kill", &[("signal", "9")]);
                    }
                    rows::set_state(tx, &rec.id, State::Removing)
                })?;
                (rec, false)
            }
        };
        if removed_by_another {
            wait_monitor_gone(&rec);
            return match self.refreshed_container(&rec.id)? {
                None => Err(rows::no_such(name_or_id)),
                Some(_) => Ok(rec),
            };
        }
        if rec.state.is_active() || rec.state == State::Restarting {
            if rec.state.is_active() {
                signal_pid(rec.pid, libc::SIGKILL)?;
            }
            // The monitor sees `removing` (after the exit, or before a restart it was about to
            // make), records nothing and exits; wait for it to be gone.
            wait_monitor_gone(&rec);
        }
        Ok(rec)
    }

    /// Deletes container `rec`, already marked `removing` by `rm`: unmounts and deletes its
    /// directory, deletes its row (the `destroy` event), lock and network files and, with
    /// `volumes`, its anonymous volumes no other container uses. The caller runs in the
    /// container's user namespace.
    pub(crate) fn delete_container(&mut self, rec: &ContainerRecord, volumes: bool) -> Result<()> {
        let dir = self.container_dir(&rec.id);
        if let Err(e) = delete_dir(&dir) {
            self.catalog()?
                .write(|tx| rows::set_state(tx, &rec.id, State::Dead))?;
            return Err(Error::Runtime(format!(
                "{}: {e}: the container is marked dead; fix the cause (a busy mount?) and run `skiff rm` again",
                dir.display()
            )));
        }
        let left = self.catalog()?.write(|tx| delete_row(tx, &rec.id))?;
        if volumes {
            self.delete_anonymous_volumes(&left)?;
        }
        self.delete_leftovers(&left)
    }

    /// Deletes the anonymous volumes of a deleted container that no other container uses.
    pub(crate) fn delete_anonymous_volumes(&mut self, left: &Leftovers) -> Result<()> {
        for v in &left.anonymous {
            if self.volume_users(v)?.is_empty() {
                self.volume_remove(v, crate::volume::VolumeRemoveForce::default())?;
            }
        }
        Ok(())
    }

    /// What is left of a container once its row and directory are gone: the other members of
    /// its networks forget its name; its lock file, and what a killed monitor left of its
    /// network (a helper, files), go.
    pub(crate) fn delete_leftovers(&mut self, left: &Leftovers) -> Result<()> {
        if !left.networks.is_empty() {
            self.refresh_network_hosts(&left.networks, &[])?;
        }
        ContainerLock::remove_file(&self.paths().runroot, &left.id);
        super::network::clean_dir(&super::network::net_dir(&self.paths().runroot, &left.id));
        Ok(())
    }
}

/// What deleting a container's row leaves to delete after it (see [`delete_row`]).
#[derive(Debug)]
pub(crate) struct Leftovers {
    /// The container's id.
    pub id: String,
    /// Its anonymous volumes (`-v /path`, an image's VOLUME), which `rm -v` and `--rm` delete.
    pub anonymous: Vec<String>,
    /// The user-defined networks it was a member of.
    pub networks: Vec<String>,
}

/// In the write transaction `tx`: deletes container `id`'s row (its volume and network
/// memberships go with it) and records its `destroy` event; returns what it leaves to delete.
pub(crate) fn delete_row(tx: &rusqlite::Connection, id: &str) -> Result<Leftovers> {
    let anonymous = tx
        .prepare(
            "SELECT v.name FROM volumes v JOIN container_volumes cv ON cv.volume = v.name
             WHERE cv.container_id = ?1 AND v.anonymous = 1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let networks = crate::networks::memberships(tx, id)?
        .into_iter()
        .map(|m| m.network_id)
        .collect();
    crate::events::record_container(tx, id, "destroy", &[]);
    rows::delete(tx, id)?;
    Ok(Leftovers {
        id: id.to_string(),
        anonymous,
        networks,
    })
}

/// Unmounts a container's root file system (when it is mounted here) and deletes its directory;
/// a directory already gone is no error.
pub(crate) fn delete_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if let Ok(cstr) = std::ffi::CString::new(dir.join("merged").as_os_str().as_encoded_bytes()) {
        // SAFETY: umount2 with a valid C string; failure (not mounted) is fine.
        unsafe { libc::umount2(cstr.as_ptr(), libc::MNT_DETACH) };
    }
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Waits up to 10 seconds for the monitor recorded in `rec` to end.
fn wait_monitor_gone(rec: &ContainerRecord) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while monitor_alive(rec) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
}
