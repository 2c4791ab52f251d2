//! The seam under the container init's mount plan: every system call the plan
//! ([`super::mounts::plan`], [`super::rootfs`]) makes goes through [`Syscalls`]. [`Real`] makes
//! them (static dispatch: the plan is generic over the trait); the test double in `record`
//! writes each down instead, so the plan is unit-tested without root.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;

use super::mounts::{self, Kind};

#[cfg(test)]
pub(crate) mod record;

/// The system calls of the mount plan and of the init's namespace setup.
pub trait Syscalls {
    /// An open file or mount point (an `O_PATH` or namespace descriptor in [`Real`]).
    type Fd;

    /// Opens the directory `path` (`O_PATH | O_DIRECTORY`).
    fn open_dir(&self, path: &Path) -> io::Result<Self::Fd>;
    /// Opens `path` read-only (a namespace file such as `/proc/self/ns/mnt`).
    fn open(&self, path: &Path) -> io::Result<Self::Fd>;
    /// Opens `path` inside `root`, every lookup confined to it ([`mounts::resolve_in_root`]).
    fn resolve_in_root(&self, root: &Self::Fd, path: &Path) -> io::Result<Self::Fd>;
    /// Opens the mount point `path` inside `root`, creating it and its parents when missing
    /// ([`mounts::ensure_in_root`]).
    fn ensure_in_root(&self, root: &Self::Fd, path: &Path, kind: Kind) -> io::Result<Self::Fd>;
    /// The path through which `mount(2)` reaches the object behind `fd`.
    fn fd_path(&self, fd: &Self::Fd) -> PathBuf;
    /// Whether `fd` is on a proc file system.
    fn is_proc(&self, fd: &Self::Fd) -> nix::Result<bool>;
    /// What `path` (following symlinks) is on the host: `None` when missing, [`Kind::File`]
    /// for anything but a directory.
    fn stat(&self, path: &Path) -> Option<Kind>;
    /// `mount(2)`.
    fn mount(
        &self,
        source: Option<&Path>,
        target: &Path,
        fstype: Option<&str>,
        flags: MsFlags,
        data: Option<&str>,
    ) -> nix::Result<()>;
    /// `mount_setattr(2)` on the mount at `path` ([`mounts::set_attrs`]).
    fn set_attrs(&self, path: &Path, set: u64, clear: u64, recursive: bool) -> io::Result<()>;
    /// `symlinkat(2)`: creates `name` in the directory `dir`, pointing at `target`.
    fn symlink_at(&self, target: &str, dir: &Self::Fd, name: &str) -> nix::Result<()>;
    /// `umount2(2)`.
    fn umount2(&self, target: &Path, flags: MntFlags) -> nix::Result<()>;
    /// `pivot_root(".", ".")`: the current directory becomes the root, the old root stacked on it.
    fn pivot_root_here(&self) -> io::Result<()>;
    /// `chdir(2)`.
    fn chdir(&self, path: &Path) -> io::Result<()>;
    /// `sethostname(2)`.
    fn sethostname(&self, name: &str) -> nix::Result<()>;
    /// `unshare(2)`.
    fn unshare(&self, flags: CloneFlags) -> nix::Result<()>;
    /// `setns(2)` into the namespace `fd`.
    fn setns(&self, fd: &Self::Fd, flags: CloneFlags) -> nix::Result<()>;
    /// `open_tree(OPEN_TREE_CLONE)` of `path`: a detached copy of the mount there.
    fn open_tree_clone(&self, path: &Path) -> io::Result<Self::Fd>;
    /// `move_mount(2)`: attaches the detached mount `from` on `to`.
    fn move_mount(&self, from: &Self::Fd, to: &Self::Fd) -> io::Result<()>;

    /// [`Syscalls::mount`] with an error naming `what`, the target the user knows.
    fn mount_at(
        &self,
        source: Option<&Path>,
        target: &Path,
        fstype: Option<&str>,
        flags: MsFlags,
        data: Option<&str>,
        what: &str,
    ) -> Result<(), String> {
        self.mount(source, target, fstype, flags, data)
            .map_err(|e| format!("mounting {what}: {e}"))
    }
}

/// The kernel.
#[derive(Debug, Clone, Copy, Default)]
pub struct Real;

impl Syscalls for Real {
    type Fd = OwnedFd;

    fn open_dir(&self, path: &Path) -> io::Result<OwnedFd> {
        let c = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        // SAFETY: valid C string.
        let fd = unsafe {
            libc::open(
                c.as_ptr(),
                libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: fresh descriptor.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    fn open(&self, path: &Path) -> io::Result<OwnedFd> {
        std::fs::File::open(path).map(OwnedFd::from)
    }

    #[inline]
    fn resolve_in_root(&self, root: &OwnedFd, path: &Path) -> io::Result<OwnedFd> {
        mounts::resolve_in_root(root.as_raw_fd(), path)
    }

    #[inline]
    fn ensure_in_root(&self, root: &OwnedFd, path: &Path, kind: Kind) -> io::Result<OwnedFd> {
        mounts::ensure_in_root(root.as_raw_fd(), path, kind)
    }

    #[inline]
    fn fd_path(&self, fd: &OwnedFd) -> PathBuf {
        mounts::fd_path(fd)
    }

    fn is_proc(&self, fd: &OwnedFd) -> nix::Result<bool> {
        let fs = nix::sys::statfs::fstatfs(fd)?;
        Ok(fs.filesystem_type() == nix::sys::statfs::PROC_SUPER_MAGIC)
    }

    fn stat(&self, path: &Path) -> Option<Kind> {
        let meta = std::fs::metadata(path).ok()?;
        Some(if meta.is_dir() { Kind::Dir } else { Kind::File })
    }

    #[inline]
    fn mount(
        &self,
        source: Option<&Path>,
        target: &Path,
        fstype: Option<&str>,
        flags: MsFlags,
        data: Option<&str>,
    ) -> nix::Result<()> {
        nix::mount::mount(source, target, fstype, flags, data)
    }

    #[inline]
    fn set_attrs(&self, path: &Path, set: u64, clear: u64, recursive: bool) -> io::Result<()> {
        mounts::set_attrs(path, set, clear, recursive)
    }

    fn symlink_at(&self, target: &str, dir: &OwnedFd, name: &str) -> nix::Result<()> {
        nix::unistd::symlinkat(target, Some(dir.as_raw_fd()), name)
    }

    fn umount2(&self, target: &Path, flags: MntFlags) -> nix::Result<()> {
        nix::mount::umount2(target, flags)
    }

    fn pivot_root_here(&self) -> io::Result<()> {
        // SAFETY: pivot_root(".", ".") with two constant C strings; it stacks the old root on
        // the new one, which the caller detaches next.
        if unsafe { libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn chdir(&self, path: &Path) -> io::Result<()> {
        std::env::set_current_dir(path)
    }

    fn sethostname(&self, name: &str) -> nix::Result<()> {
        nix::unistd::sethostname(name)
    }

    fn unshare(&self, flags: CloneFlags) -> nix::Result<()> {
        nix::sched::unshare(flags)
    }

    fn setns(&self, fd: &OwnedFd, flags: CloneFlags) -> nix::Result<()> {
        nix::sched::setns(fd.as_fd(), flags)
    }

    fn open_tree_clone(&self, path: &Path) -> io::Result<OwnedFd> {
        const OPEN_TREE_CLONE: libc::c_uint = 1;
        let c = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        // SAFETY: open_tree on a valid C string; the result is checked and owned below.
        let tree = unsafe {
            libc::syscall(
                libc::SYS_open_tree,
                libc::AT_FDCWD,
                c.as_ptr(),
                OPEN_TREE_CLONE
                    | libc::O_CLOEXEC as libc::c_uint
                    | libc::AT_SYMLINK_NOFOLLOW as libc::c_uint,
            )
        };
        if tree < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a fresh descriptor from open_tree.
        Ok(unsafe { OwnedFd::from_raw_fd(tree as RawFd) })
    }

    fn move_mount(&self, from: &OwnedFd, to: &OwnedFd) -> io::Result<()> {
        const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x4;
        const MOVE_MOUNT_T_EMPTY_PATH: libc::c_uint = 0x40;
        // SAFETY: move_mount between two descriptors we own, with empty paths.
        let moved = unsafe {
            libc::syscall(
                libc::SYS_move_mount,
                from.as_raw_fd(),
                c"".as_ptr(),
                to.as_raw_fd(),
                c"".as_ptr(),
                MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH,
            )
        };
        if moved < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
}
