//! A `flock` on a file, held while its owner changes what the lock guards (a container's
//! state, a network's holder, the image-refs mirror, the hosts files, a pod's members).

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::Path;

use crate::error::{IoContext, Result};

/// Opens (creating it and its directory) the lock file `path` and blocks until an exclusive
/// `flock` on it is ours; closing the file releases it.
pub(crate) fn lock_file(path: &Path) -> Result<File> {
    let file = open_lock_file(path)?;
    flock(&file, libc::LOCK_EX).map_err(|e| crate::Error::io(path, e))?;
    Ok(file)
}

/// Opens (creating it and its directory) the lock file `path` and blocks until a shared
/// `flock` on it is ours (others may share it, no one holds it exclusively).
pub(crate) fn lock_file_shared(path: &Path) -> Result<File> {
    let file = open_lock_file(path)?;
    flock(&file, libc::LOCK_SH).map_err(|e| crate::Error::io(path, e))?;
    Ok(file)
}

/// Opens (creating it and its directory) the lock file `path` and takes a shared `flock` on
/// it without waiting; None when someone holds it exclusively.
pub(crate) fn try_lock_shared(path: &Path) -> Result<Option<File>> {
    let file = open_lock_file(path)?;
    match flock(&file, libc::LOCK_SH | libc::LOCK_NB) {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Ok(None),
        Err(e) => Err(crate::Error::io(path, e)),
    }
}

/// `flock(2)` with `op` on `file`, again for as long as a signal interrupts it.
fn flock(file: &File, op: libc::c_int) -> std::io::Result<()> {
    loop {
        // SAFETY: flock on an fd we own.
        if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Opens the lock file `path` for reading and writing, creating it (and its directory) when
/// missing; its content is never read or changed.
fn open_lock_file(path: &Path) -> Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).at(dir)?;
    }
    Ok(OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .at(path)?)
}
