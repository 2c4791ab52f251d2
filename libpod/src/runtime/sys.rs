//! The seam under the runtime: every system call of the container init's mount plan
//! ([`super::mounts::plan`], [`super::rootfs`]), of its namespace setup ([`super::spawn()`],
//! [`super::exec_in`]) and of its tuning (sysctls, OOM score, loopback, terminal:
//! [`super::init`]) goes through [`Syscalls`]; those that start the process itself (stdio,
//! descriptors, signals, credentials, limits, cgroup join, clone and exec) through its extension
//! [`Process`]; those of the caller that forks it (the sync socket, the fork, the wait, a
//! helper that maps a new user namespace) through [`Fork`]. [`Real`] makes them (static dispatch: the callers are generic over the traits,
//! nothing is boxed); the test double in `record` writes each down instead, so this logic is
//! unit-tested without root.

use std::ffi::{CString, OsString};
use std::io;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;

use super::mounts::{self, Kind};

mod fork;
mod process;
#[cfg(test)]
pub(crate) mod record;

pub(crate) use fork::Fork;
pub(crate) use process::Process;

/// A namespace to join: its descriptor, its kind and its name for errors.
pub(crate) type Namespace<Fd> = (Fd, CloneFlags, &'static str);

/// The arguments of one `mount(2)`.
#[derive(Debug, Clone, Copy)]
pub struct MountArgs<'a> {
    /// What is mounted: a directory to bind, or a new file system's name.
    pub source: Option<&'a Path>,
    /// Where.
    pub target: &'a Path,
    /// The file system type (`None` for a bind or a propagation change).
    pub fstype: Option<&'a str>,
    /// `MS_*` flags.
    pub flags: MsFlags,
    /// File-system-specific options.
    pub data: Option<&'a str>,
}

impl<'a> MountArgs<'a> {
    /// A new file system of type `fstype` on `target`, its source named after the type.
    pub fn fs(fstype: &'a str, target: &'a Path, flags: MsFlags, data: Option<&'a str>) -> Self {
        MountArgs {
            source: Some(Path::new(fstype)),
            target,
            fstype: Some(fstype),
            flags,
            data,
        }
    }

    /// A bind mount of `source` on `target`, with the mounts below it when `recursive`.
    pub fn bind(source: &'a Path, target: &'a Path, recursive: bool) -> Self {
        let mut flags = MsFlags::MS_BIND;
        if recursive {
            flags |= MsFlags::MS_REC;
        }
        MountArgs {
            source: Some(source),
            target,
            fstype: None,
            flags,
            data: None,
        }
    }

    /// `flags` (propagation: `MS_PRIVATE`, `MS_REC`...) set on the mount at `target`.
    pub fn propagation(target: &'a Path, flags: MsFlags) -> Self {
        MountArgs {
            source: None,
            target,
            fstype: None,
            flags,
            data: None,
        }
    }
}

/// What a directory entry is, as [`Syscalls::list_dir`] reports it (symlinks not followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// A regular file or a character device.
    File,
    /// Anything else (a socket, a fifo, a block device).
    Other,
}

/// Opens the directory `name` (relative to `dirfd`) without following a final symlink; None
/// when it is not a directory (or is a symlink).
fn open_dir_nofollow(dirfd: RawFd, name: &std::ffi::CStr) -> io::Result<Option<OwnedFd>> {
    let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;
    // SAFETY: a valid descriptor (or AT_FDCWD) and C string.
    let fd = unsafe { libc::openat(dirfd, name.as_ptr(), flags) };
    if fd >= 0 {
        // SAFETY: openat returned a descriptor we own.
        return Ok(Some(unsafe { OwnedFd::from_raw_fd(fd) }));
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ENOTDIR) | Some(libc::ELOOP) => Ok(None),
        _ => Err(e),
    }
}

/// `lchown` of every entry of the open directory `dir`, descending through descriptors opened
/// without following symlinks (written by hand: no crate walks by descriptors with
/// `fchownat`).
fn chown_entries(dir: &OwnedFd, uid: u32, gid: u32) -> io::Result<()> {
    let listing = nix::unistd::dup(dir.as_raw_fd()).map_err(io::Error::from)?;
    let mut listing = nix::dir::Dir::from_fd(listing).map_err(io::Error::from)?;
    let names: Vec<(CString, bool)> = listing
        .iter()
        .filter_map(Result::ok)
        .filter(|e| !matches!(e.file_name().to_bytes(), b"." | b".."))
        .map(|e| {
            let maybe_dir = matches!(e.file_type(), Some(nix::dir::Type::Directory) | None);
            (e.file_name().to_owned(), maybe_dir)
        })
        .collect();
    for (name, maybe_dir) in names {
        // SAFETY: a valid descriptor and C string.
        let rc = unsafe {
            libc::fchownat(
                dir.as_raw_fd(),
                name.as_ptr(),
                uid,
                gid,
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
        if maybe_dir {
            if let Some(sub) = open_dir_nofollow(dir.as_raw_fd(), &name)? {
                chown_entries(&sub, uid, gid)?;
            }
        }
    }
    Ok(())
}

/// The system calls of the mount plan and of the init's namespace setup.
pub trait Syscalls {
    /// An open file or mount point (an `O_PATH` or namespace descriptor in [`Real`]).
    type Fd;

    /// Opens the directory `path` (`O_PATH | O_DIRECTORY`).
    fn open_dir(&self, path: &Path) -> io::Result<Self::Fd>;
    /// Opens `path` read-only (a namespace file such as `/proc/self/ns/mnt`).
    fn open(&self, path: &Path) -> io::Result<Self::Fd>;
    /// Opens the existing file `path` write-only (a `cgroup.procs`).
    fn open_write(&self, path: &Path) -> io::Result<Self::Fd>;
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
    fn mount(&self, args: &MountArgs<'_>) -> nix::Result<()>;
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
    /// `setdomainname(2)`.
    fn setdomainname(&self, name: &str) -> nix::Result<()>;
    /// `gethostname(2)`: the host name of the UTS namespace the caller is in.
    fn gethostname(&self) -> nix::Result<String>;
    /// `unshare(2)`.
    fn unshare(&self, flags: CloneFlags) -> nix::Result<()>;
    /// `setns(2)` into the namespace `fd`.
    fn setns(&self, fd: &Self::Fd, flags: CloneFlags) -> nix::Result<()>;
    /// `open_tree(OPEN_TREE_CLONE)` of `path`: a detached copy of the mount there.
    fn open_tree_clone(&self, path: &Path) -> io::Result<Self::Fd>;
    /// `move_mount(2)`: attaches the detached mount `from` on `to`.
    fn move_mount(&self, from: &Self::Fd, to: &Self::Fd) -> io::Result<()>;

    /// Writes `data` to the file `path` (a /proc knob, an empty mount point), creating it when
    /// missing.
    fn write_file(&self, path: &Path, data: &[u8]) -> io::Result<()>;
    /// Reads the text file `path` (`/proc/self/mountinfo`).
    fn read_file(&self, path: &Path) -> io::Result<String>;
    /// The names and kinds of the entries of the directory `path`.
    fn list_dir(&self, path: &Path) -> io::Result<Vec<(OsString, EntryKind)>>;
    /// `readlink(2)`.
    fn read_link(&self, path: &Path) -> io::Result<PathBuf>;
    /// `symlink(2)`: creates `link` pointing at `target`.
    fn symlink(&self, target: &Path, link: &Path) -> io::Result<()>;
    /// `mkdir(2)`; with `parents`, the missing parents too and no error when it exists.
    fn mkdir(&self, path: &Path, parents: bool) -> io::Result<()>;
    /// Gives `path` and, when it is a directory, everything under it to `uid` and `gid`;
    /// symlinks are changed themselves, never followed, even when one replaces a directory
    /// during the walk.
    fn chown_tree(&self, path: &Path, uid: u32, gid: u32) -> io::Result<()>;
    /// Removes the directory `path` and everything under it (symlinks not followed); no
    /// error when it is not there.
    fn remove_tree(&self, path: &Path) -> io::Result<()>;
    /// Whether `a` and `b` are the same file (device and inode): a namespace we are already in.
    fn same_file(&self, a: &Path, b: &Path) -> bool;
    /// `fchdir(2)` to `root`, `chroot(".")`, `chdir("/")`: the directory `root` becomes `/`.
    fn enter_root(&self, root: &Self::Fd) -> io::Result<()>;
    /// Sets the network interface `lo` up and running.
    fn loopback_up(&self) -> io::Result<()>;
    /// Opens a pty of window size `size` (rows, columns; none: 0x0), makes its peer (owned by
    /// `uid`) the controlling terminal of a new session on descriptors 0, 1 and 2, and
    /// returns the master.
    fn open_pty(&self, uid: u32, size: Option<(u16, u16)>) -> io::Result<Self::Fd>;

    /// [`Syscalls::mount`] with an error naming `what`, the target the user knows.
    fn mount_at(&self, args: &MountArgs<'_>, what: &str) -> Result<(), String> {
        self.mount(args)
            .map_err(|e| format!("mounting {what}: {e}"))
    }

    /// A bind mount of `source` on `target` (with the mounts below it when `recursive`), its
    /// error naming `what`.
    fn bind_at(
        &self,
        source: &Path,
        target: &Path,
        recursive: bool,
        what: &str,
    ) -> Result<(), String> {
        self.mount_at(&MountArgs::bind(source, target, recursive), what)
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

    fn open_write(&self, path: &Path) -> io::Result<OwnedFd> {
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        Ok(file.into())
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
    fn mount(&self, args: &MountArgs<'_>) -> nix::Result<()> {
        nix::mount::mount(args.source, args.target, args.fstype, args.flags, args.data)
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

    fn setdomainname(&self, name: &str) -> nix::Result<()> {
        // SAFETY: the pointer and length describe `name`'s bytes, which outlive the call.
        let rc = unsafe { libc::setdomainname(name.as_ptr().cast(), name.len()) };
        nix::errno::Errno::result(rc).map(drop)
    }

    fn gethostname(&self) -> nix::Result<String> {
        nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned())
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

    fn write_file(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        std::fs::write(path, data)
    }

    fn read_file(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    fn list_dir(&self, path: &Path) -> io::Result<Vec<(OsString, EntryKind)>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path)?.flatten() {
            let ft = entry.file_type()?;
            let kind = if ft.is_symlink() {
                EntryKind::Symlink
            } else if ft.is_dir() {
                EntryKind::Dir
            } else if ft.is_file() || ft.is_char_device() {
                EntryKind::File
            } else {
                EntryKind::Other
            };
            out.push((entry.file_name(), kind));
        }
        Ok(out)
    }

    fn read_link(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::read_link(path)
    }

    fn symlink(&self, target: &Path, link: &Path) -> io::Result<()> {
        std::os::unix::fs::symlink(target, link)
    }

    fn mkdir(&self, path: &Path, parents: bool) -> io::Result<()> {
        if parents {
            std::fs::create_dir_all(path)
        } else {
            std::fs::create_dir(path)
        }
    }

    fn chown_tree(&self, path: &Path, uid: u32, gid: u32) -> io::Result<()> {
        std::os::unix::fs::lchown(path, Some(uid), Some(gid))?;
        let name = CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        match open_dir_nofollow(libc::AT_FDCWD, &name)? {
            Some(dir) => chown_entries(&dir, uid, gid),
            None => Ok(()),
        }
    }

    fn remove_tree(&self, path: &Path) -> io::Result<()> {
        match std::fs::remove_dir_all(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
            _ => false,
        }
    }

    fn enter_root(&self, root: &OwnedFd) -> io::Result<()> {
        // SAFETY: fchdir to a descriptor we own, then chroot and chdir with constant C strings.
        let rooted = unsafe {
            libc::fchdir(root.as_raw_fd()) == 0
                && libc::chroot(c".".as_ptr()) == 0
                && libc::chdir(c"/".as_ptr()) == 0
        };
        if !rooted {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn loopback_up(&self) -> io::Result<()> {
        // SAFETY: a socket wrapped in an OwnedFd at once; ioctls on a zeroed ifreq naming "lo".
        unsafe {
            let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
            if s < 0 {
                return Err(io::Error::last_os_error());
            }
            let s = OwnedFd::from_raw_fd(s);
            let mut ifr: libc::ifreq = std::mem::zeroed();
            for (i, b) in b"lo".iter().enumerate() {
                ifr.ifr_name[i] = *b as libc::c_char;
            }
            if libc::ioctl(s.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
                return Err(io::Error::last_os_error());
            }
            ifr.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
            if libc::ioctl(s.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(())
    }

    fn open_pty(&self, uid: u32, size: Option<(u16, u16)>) -> io::Result<OwnedFd> {
        let err = io::Error::last_os_error;
        // SAFETY: plain descriptor syscalls; every returned descriptor is wrapped in an OwnedFd.
        unsafe {
            let m = libc::open(
                c"/dev/ptmx".as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            );
            if m < 0 {
                return Err(err());
            }
            let master = OwnedFd::from_raw_fd(m);
            if let Some((rows, cols)) = size {
                let ws = libc::winsize {
                    ws_row: rows,
                    ws_col: cols,
                    ws_xpixel: 0,
                    ws_ypixel: 0,
                };
                if libc::ioctl(m, libc::TIOCSWINSZ, &ws) < 0 {
                    return Err(err());
                }
            }
            let unlock: libc::c_int = 0;
            if libc::ioctl(m, libc::TIOCSPTLCK, &unlock) < 0 {
                return Err(err());
            }
            let s = libc::ioctl(m, libc::TIOCGPTPEER, libc::O_RDWR | libc::O_NOCTTY);
            if s < 0 {
                return Err(err());
            }
            let _slave = OwnedFd::from_raw_fd(s);
            let _ = libc::fchown(s, uid, u32::MAX);
            libc::setsid();
            if libc::ioctl(s, libc::TIOCSCTTY, 0) < 0 {
                return Err(err());
            }
            for i in 0..3 {
                if libc::dup2(s, i) < 0 {
                    return Err(err());
                }
            }
            Ok(master)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::CString;

    use super::*;

    fn c(p: &Path) -> CString {
        CString::new(p.to_str().unwrap()).unwrap()
    }

    #[test]
    fn the_chown_walk_opens_directories_only_never_through_a_symlink() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, file, link) = (
            tmp.path().join("d"),
            tmp.path().join("f"),
            tmp.path().join("l"),
        );
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(&file, "x").unwrap();
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(open_dir_nofollow(libc::AT_FDCWD, &c(&dir))
            .unwrap()
            .is_some());
        // A directory swapped for a symlink to one is not entered; a file is not a directory.
        assert!(open_dir_nofollow(libc::AT_FDCWD, &c(&link))
            .unwrap()
            .is_none());
        assert!(open_dir_nofollow(libc::AT_FDCWD, &c(&file))
            .unwrap()
            .is_none());
        let e = open_dir_nofollow(libc::AT_FDCWD, &c(&tmp.path().join("gone"))).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOENT));
        // The walk itself, to the caller's own ids (allowed without privileges), reaches every
        // entry and follows no link.
        std::fs::write(dir.join("inner"), "y").unwrap();
        let (uid, gid) = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        Real.chown_tree(tmp.path(), uid, gid).unwrap();
    }
}
