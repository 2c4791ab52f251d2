//! The per-pod lock, `flock` on `$runroot/locks/pod-<id>.lock`: `pod rm` holds it exclusively
//! from its first look at the pod until the pod's row is gone; a container joining the pod
//! holds it shared while its row is written, so no member is inserted into a pod being
//! removed: a join waits for a `pod rm` under way (then finds the pod gone, or still there when
//! the removal failed), and `pod rm` waits for a join under way, then removes that member too.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::file_lock::{lock_file, lock_file_shared, try_lock_shared};

/// A lock on one pod; released on drop.
pub(crate) struct PodLock {
    _file: File,
}

fn path(runroot: &Path, id: &str) -> PathBuf {
    runroot.join("locks").join(format!("pod-{id}.lock"))
}

impl PodLock {
    /// Blocks until the pod's lock is ours alone (`pod rm`).
    pub(crate) fn exclusive(runroot: &Path, id: &str) -> Result<PodLock> {
        Ok(PodLock {
            _file: lock_file(&path(runroot, id))?,
        })
    }

    /// The pod's lock shared with other joins, for a container joining the pod: while `pod
    /// rm` holds it, `waiting` is called once (to say so) and the join blocks.
    pub(crate) fn join(runroot: &Path, id: &str, waiting: impl FnOnce()) -> Result<PodLock> {
        let path = path(runroot, id);
        let file = match try_lock_shared(&path)? {
            Some(file) => file,
            None => {
                waiting();
                lock_file_shared(&path)?
            }
        };
        Ok(PodLock { _file: file })
    }

    /// Removes the lock file of a pod that no longer exists.
    pub(crate) fn remove_file(runroot: &Path, id: &str) {
        let _ = std::fs::remove_file(path(runroot, id));
    }
}
