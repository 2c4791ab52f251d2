//! The store's `tmp/` directory: every blob and layer is built there under a name carrying
//! the creating pid, held under an flock while in use, and renamed into place when complete.
//! Entries left by killed processes are removed when a store is opened.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::sys;

/// Entries older than this are stale even when their pid seems alive (pids get reused).
const STALE_AGE: Duration = Duration::from_secs(3600);

/// A unique temp name: `<pid>-<kind>-<nanos><counter>`.
pub(crate) fn unique_name(kind: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}-{kind}-{nanos:x}{:x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A temp file, locked while it lives; removed on drop unless [`TempFile::persist`]ed.
pub(crate) struct TempFile {
    path: PathBuf,
    file: File,
    keep: bool,
}

impl TempFile {
    /// Creates a new temp file in `tmp`.
    pub(crate) fn create(tmp: &Path, kind: &str) -> io::Result<TempFile> {
        let path = tmp.join(unique_name(kind));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&path)?;
        sys::try_lock(file.as_fd())?;
        Ok(TempFile {
            path,
            file,
            keep: false,
        })
    }

    /// The temp file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The open file.
    pub(crate) fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Renames the file to `dest` (replacing it) and keeps it.
    pub(crate) fn persist(mut self, dest: &Path) -> io::Result<()> {
        fs::rename(&self.path, dest)?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A temp directory, locked while it lives; removed (with everything in it) on drop unless
/// [`TempDir::persist_noreplace`] moved it into place.
pub(crate) struct TempDir {
    path: PathBuf,
    _lock: OwnedFd,
    keep: bool,
}

impl TempDir {
    /// Creates a new temp directory (mode 0700) in `tmp`.
    pub(crate) fn create(tmp: &Path, kind: &str) -> io::Result<TempDir> {
        let path = tmp.join(unique_name(kind));
        fs::DirBuilder::new().mode(0o700).create(&path)?;
        let lock = OwnedFd::from(File::open(&path)?);
        sys::try_lock(lock.as_fd())?;
        Ok(TempDir {
            path,
            _lock: lock,
            keep: false,
        })
    }

    /// The directory's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the directory to `dest` unless `dest` exists. Returns whether it moved; when it
    /// did not, the temp directory is still removed on drop.
    pub(crate) fn persist_noreplace(&mut self, dest: &Path) -> io::Result<bool> {
        let moved = sys::rename_noreplace(&self.path, dest)?;
        self.keep = moved;
        Ok(moved)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.keep {
            if let Err(e) = remove_all(&self.path) {
                tracing::warn!(
                    "could not remove temporary directory {}: {e}",
                    self.path.display()
                );
            }
        }
    }
}

/// Removes a file or a whole tree, making directories writable first when needed (layers can
/// contain read-only directories). Missing paths are fine.
pub(crate) fn remove_all(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return fs::remove_file(path);
    }
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            make_dirs_writable(path)?;
            fs::remove_dir_all(path)
        }
        Err(e) => Err(e),
    }
}

/// Gives the owner rwx on every directory of a tree (never following symlinks).
fn make_dirs_writable(dir: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Ok(());
    }
    let mode = meta.permissions().mode();
    if mode & 0o700 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode((mode | 0o700) & 0o7777))?;
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            make_dirs_writable(&entry.path())?;
        }
    }
    Ok(())
}

/// Removes entries of `tmp` that no live process is using: not locked, and either created by a
/// pid that no longer exists or older than an hour. Failures are logged, never fatal.
pub(crate) fn clean_stale(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.split('-').next())
            .and_then(|p| p.parse::<i32>().ok());
        // Holding the lock during removal keeps two cleaners and a live owner apart.
        let Ok(handle) = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
        else {
            continue;
        };
        if !matches!(sys::try_lock(handle.as_fd()), Ok(true)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AGE);
        let dead = pid.is_none_or(|p| !sys::pid_alive(p));
        if dead || old {
            if let Err(e) = remove_all(&path) {
                tracing::warn!(
                    "could not remove stale temporary entry {}: {e}",
                    path.display()
                );
            }
        }
    }
}
