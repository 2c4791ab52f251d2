//! podman's `mount` and `unmount`: a stopped container's file system (its image's layers under
//! its own changes, as it sees it when it runs, without its volumes) mounted at its `merged`
//! directory for the host to read and write, until `unmount`. As root the mount is the host's;
//! rootless, only a mount namespace of skiff's user namespace can hold it, so, as with podman,
//! both run inside `skiff unshare` (whose shell then sees it). What is mounted is read from the
//! mount table of the caller's namespace, so nothing is left to go stale. A running container's
//! file system is its process's root, `/proc/PID/root`.

use std::path::PathBuf;

use super::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// `mount`: mounts container `name_or_id`'s file system (when not yet mounted) and returns
    /// where it is.
    pub fn mount_container(&mut self, name_or_id: &str) -> Result<PathBuf> {
        refuse_outside_userns("mount", "CONTAINER")?;
        let (_lock, rec) = self.lock_container(name_or_id)?;
        if rec.state.is_active() && rec.pid > 0 {
            return Ok(PathBuf::from(format!("/proc/{}/root", rec.pid)));
        }
        if let Some(r) = &rec.config.rootfs {
            if !r.overlay {
                return Ok(r.path.clone());
            }
        }
        let merged = self.container_dir(&rec.id).join("merged");
        if is_mounted(&merged) {
            return Ok(merged);
        }
        let spec = self.stopped_container_spec(&rec)?;
        crate::runtime::rootfs::mount_rootfs(&spec.rootfs, true)
            .map_err(|e| Error::Runtime(format!("mounting {}'s file system: {e}", rec.name)))?;
        harden(&merged, false).map_err(|e| {
            Error::Runtime(format!("making {}'s mount nosuid and nodev: {e}", rec.name))
        })?;
        self.record_container_event(&rec.id, "mount", &[]);
        Ok(merged)
    }

    /// `unmount`: unmounts container `name_or_id`'s file system. Returns false when it was not
    /// mounted (podman's: not an error).
    pub fn unmount_container(&mut self, name_or_id: &str) -> Result<bool> {
        refuse_outside_userns("unmount", "CONTAINER")?;
        let (_lock, rec) = self.lock_container(name_or_id)?;
        let merged = self.container_dir(&rec.id).join("merged");
        if !is_mounted(&merged) {
            return Ok(false);
        }
        nix::mount::umount2(&merged, nix::mount::MntFlags::empty()).map_err(|e| {
            Error::Runtime(format!(
                "unmounting {}'s file system at {}: {e} (is a shell or program still in it?)",
                rec.name,
                merged.display()
            ))
        })?;
        self.record_container_event(&rec.id, "unmount", &[]);
        Ok(true)
    }

    /// The containers whose file system is mounted in this mount namespace, with where.
    pub fn mounted_containers(&mut self) -> Result<Vec<(ContainerRecord, PathBuf)>> {
        refuse_outside_userns("mount", "CONTAINER")?;
        let mounts = mount_table();
        let mut out = Vec::new();
        for rec in self.list_containers()? {
            let merged = self.container_dir(&rec.id).join("merged");
            if mounts.contains(&merged) {
                out.push((rec, merged));
            }
        }
        Ok(out)
    }

    /// Refuses to start a container whose file system `mount` holds in this namespace: the
    /// start would mount the same changes a second time.
    pub(crate) fn refuse_mounted(&self, rec: &ContainerRecord) -> Result<()> {
        let merged = self.container_dir(&rec.id).join("merged");
        if rec.config.rootfs.as_ref().is_some_and(|r| !r.overlay) || !is_mounted(&merged) {
            return Ok(());
        }
        Err(Error::Conflict(format!(
            "container {} is mounted at {} (skiff mount): unmount it first with `skiff unmount {}`",
            rec.name,
            merged.display(),
            rec.name
        )))
    }
}

/// Rootless, a mount outlives the command only in a namespace kept by `skiff unshare`; `verb`
/// and `what` (`mount`, `CONTAINER`) make the example of the message.
pub(crate) fn refuse_outside_userns(verb: &str, what: &str) -> Result<()> {
    if crate::config::is_rootless() && !crate::runtime::userns::in_userns() {
        return Err(Error::InvalidArgument(format!(
            "cannot run `skiff {verb}` rootless outside skiff's user namespace: run it in `skiff unshare` (e.g. skiff unshare sh -c 'skiff {verb} {what}'), as podman's"
        )));
    }
    Ok(())
}

/// Remounts the file system `mount` put at `merged` nosuid and nodev (and read-only when
/// `read_only`): an image's setuid programs and device nodes must not work on the host, for
/// another user who can reach the mount point. Takes the mount away when that fails.
pub(crate) fn harden(merged: &std::path::Path, read_only: bool) -> nix::Result<()> {
    use nix::mount::MsFlags;
    let mut flags = MsFlags::MS_REMOUNT | MsFlags::MS_BIND | MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
    if read_only {
        flags |= MsFlags::MS_RDONLY;
    }
    let done = nix::mount::mount(None::<&str>, merged, None::<&str>, flags, None::<&str>);
    if done.is_err() {
        let _ = nix::mount::umount2(merged, nix::mount::MntFlags::MNT_DETACH);
    }
    done
}

/// The mount points of this mount namespace.
pub(crate) fn mount_table() -> Vec<PathBuf> {
    std::fs::read_to_string("/proc/self/mountinfo")
        .map(|t| crate::runtime::rootfs::mount_points(&t))
        .unwrap_or_default()
}

/// Whether something is mounted on `path` in this mount namespace: it is on another device than
/// its parent (two `stat`s, cheap enough for every start).
pub(crate) fn is_mounted(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &std::path::Path| std::fs::symlink_metadata(p).map(|m| m.dev()).ok();
    match (dev(path), path.parent().and_then(dev)) {
        (Some(own), Some(parent)) => own != parent,
        _ => false,
    }
}
