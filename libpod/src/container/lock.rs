//! The per-container lock: `flock` on `$runroot/locks/<id>.lock`, held across a state transition
//! so that two `skiff` processes never start, stop or remove the same container at once.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;

use crate::error::Result;
use crate::file_lock::lock_file;

/// An exclusive lock on one container; released on drop.
pub struct ContainerLock {
    file: File,
}

impl ContainerLock {
    /// Blocks until the lock on container `id` is ours.
    pub fn acquire(runroot: &Path, id: &str) -> Result<ContainerLock> {
        let path = runroot.join("locks").join(format!("{id}.lock"));
        Ok(ContainerLock {
            file: lock_file(&path)?,
        })
    }

    /// Removes the lock file of a container that no longer exists.
    pub fn remove_file(runroot: &Path, id: &str) {
        let _ = std::fs::remove_file(runroot.join("locks").join(format!("{id}.lock")));
    }
}

impl Drop for ContainerLock {
    fn drop(&mut self) {
        // SAFETY: unlocking an fd we own; closing it would release it too.
        unsafe { libc::flock(self.file.as_raw_fd(), libc::LOCK_UN) };
    }
}

impl crate::engine::Engine {
    /// Finds container `name_or_id`, takes its lock and reads its record again under the
    /// lock (a "no such container" error when it went meanwhile).
    pub(crate) fn lock_container(
        &mut self,
        name_or_id: &str,
    ) -> Result<(ContainerLock, super::ContainerRecord)> {
        let found = self.lookup_container(name_or_id)?;
        self.relock_container(name_or_id, &found)
    }

    /// [`Self::lock_container`] for a record `found` already looked up by `name_or_id`.
    pub(crate) fn relock_container(
        &mut self,
        name_or_id: &str,
        found: &super::ContainerRecord,
    ) -> Result<(ContainerLock, super::ContainerRecord)> {
        let lock = ContainerLock::acquire(&self.paths().runroot, &found.id)?;
        let rec = self
            .refreshed_container(&found.id)?
            .ok_or_else(|| super::rows::no_such(name_or_id))?;
        Ok((lock, rec))
    }
}
