//! A [`Syscalls`] double for unit tests: it writes every call down with its arguments instead of
//! making it, and fails the calls it is told to. Descriptors are paths: a mount point inside the
//! root is the root's path joined with the point's, so recorded targets read as host paths.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::ffi::OsString;
use std::io;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;

use super::{EntryKind, MountArgs, Syscalls};
use crate::runtime::mounts::{relative, Kind};
use crate::runtime::sync::{FailureKind, Message};

/// One recorded call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    /// A mount point created (mkdir, or an empty file) by `ensure_in_root`.
    Create {
        path: PathBuf,
        kind: Kind,
    },
    /// `mount(2)`.
    Mount {
        source: Option<PathBuf>,
        target: PathBuf,
        fstype: Option<String>,
        flags: MsFlags,
        data: Option<String>,
    },
    /// `mount_setattr(2)`.
    SetAttrs {
        path: PathBuf,
        set: u64,
        clear: u64,
        recursive: bool,
    },
    /// `symlinkat(2)`: `link` points at `target`.
    Symlink {
        target: String,
        link: PathBuf,
    },
    /// `umount2(2)`.
    Umount {
        target: PathBuf,
        flags: MntFlags,
    },
    /// `pivot_root(".", ".")`.
    PivotRoot,
    /// `chdir(2)`.
    Chdir(PathBuf),
    /// `sethostname(2)`.
    Sethostname(String),
    /// `setdomainname(2)`.
    Setdomainname(String),
    /// `gethostname(2)` (answers "h").
    Gethostname,
    /// `unshare(2)`.
    Unshare(CloneFlags),
    /// `setns(2)` into the namespace opened at this path.
    Setns(PathBuf, CloneFlags),
    /// `open_tree(OPEN_TREE_CLONE)`.
    OpenTree(PathBuf),
    /// `move_mount(2)`.
    MoveMount {
        from: PathBuf,
        to: PathBuf,
    },
    /// A file written (`data` as text).
    Write {
        path: PathBuf,
        data: String,
    },
    /// `mkdir(2)`, with its parents when `parents`.
    Mkdir {
        path: PathBuf,
        parents: bool,
    },
    /// `path` and everything under it given to `uid`:`gid`.
    ChownTree {
        path: PathBuf,
        uid: u32,
        gid: u32,
    },
    /// `path` removed with everything under it.
    RemoveTree(PathBuf),
    /// The directory opened at this path entered as the root.
    EnterRoot(PathBuf),
    /// `lo` set up.
    LoopbackUp,
    /// A pty opened for `uid`.
    OpenPty(u32),
    /// `prctl(op, arg)`.
    Prctl(libc::c_int, libc::c_ulong),
    /// A close-on-exec copy of the descriptor made above 2.
    DupAboveStdio(RawFd),
    /// `dup2(from, to)`.
    Dup2(RawFd, RawFd),
    /// Every descriptor from this one on flagged close-on-exec (`close_range`).
    CloexecFrom(u32),
    /// One descriptor flagged close-on-exec.
    SetCloexec(RawFd),
    /// Close-on-exec cleared on this descriptor (one passed on).
    ClearCloexec(RawFd),
    /// A signal's disposition reset to the default.
    DefaultSignal(libc::c_int),
    /// The signal mask emptied.
    UnblockSignals,
    /// `setgroups(2)`.
    Setgroups(Vec<u32>),
    /// `setresgid(2)` to one gid.
    Setresgid(u32),
    /// `setresuid(2)` to one uid.
    Setresuid(u32),
    /// `capset(2)` to a mask.
    Capset(u64),
    /// `umask(2)`.
    Umask(libc::mode_t),
    /// `setsid(2)`.
    Setsid,
    Personality(u64),
    /// `setrlimit(resource, soft, hard)`.
    Setrlimit(libc::__rlimit_resource_t, u64, u64),
    /// This many seccomp programs loaded.
    LoadSeccomp(usize),
    /// The user's systemd asked to move `pid` into the scope of a cgroup.
    AttachToScope(String, u32),
    /// The pty master sent over the sync socket.
    SendPty(RawFd),
    /// The parent's go awaited on the sync socket.
    WaitGo(RawFd),
    /// The sibling process cloned (named as in errors); the calls after it are its own.
    Clone(String),
    /// A file opened for writing.
    OpenWrite(PathBuf),
    /// The sync socket pair made.
    SyncChannel,
    /// A child forked; the calls after it, up to the caller's next, are the child's.
    Fork,
    /// A descriptor closed.
    Close(RawFd),
    /// A child reaped.
    Reap(i32),
    /// A message read from the sync socket.
    Recv,
    /// A failure reported over the sync socket.
    SendFailure(FailureKind, String),
    /// A helper forked that waits for the caller.
    ForkHelper,
    /// `execve(2)`, with the descriptors that survive it: `(descriptor, what it was opened
    /// as)`, what being the descriptor number it had when the test opened it.
    Execve {
        path: String,
        argv: Vec<String>,
        fds: Vec<(RawFd, RawFd)>,
    },
}

type Rule = (Box<dyn Fn(&Call) -> bool>, Errno);

/// The recording double.
#[derive(Default)]
pub(crate) struct Recorder {
    calls: RefCell<Vec<Call>>,
    failures: Vec<Rule>,
    /// Host paths that exist, for [`Syscalls::stat`].
    host: BTreeMap<PathBuf, Kind>,
    /// Paths inside the root (as the container sees them) that do not exist yet.
    missing: Vec<PathBuf>,
    /// Paths inside the root that resolve onto a proc file system.
    proc: Vec<PathBuf>,
    /// Files [`Syscalls::read_file`] reads.
    files: BTreeMap<PathBuf, String>,
    /// Directories [`Syscalls::list_dir`] lists.
    dirs: BTreeMap<PathBuf, Vec<(OsString, EntryKind)>>,
    /// Symlinks [`Syscalls::read_link`] reads.
    links: BTreeMap<PathBuf, PathBuf>,
    /// Paths that are the same file as any other path they are compared with.
    same: Vec<PathBuf>,
    /// The open descriptors: what each was opened as, and whether it closes at exec.
    fds: RefCell<BTreeMap<RawFd, Open>>,
    /// The messages the caller reads from the sync socket, in order.
    replies: RefCell<VecDeque<Message>>,
}

/// An open descriptor of the [`Recorder`]'s process.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// The descriptor number it (or the one it copies) had when the test opened it.
    origin: RawFd,
    cloexec: bool,
}

impl Recorder {
    /// A double where every host path is missing and every container path exists.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the host path `path` exist as `kind`.
    pub fn host(mut self, path: &str, kind: Kind) -> Self {
        self.host.insert(PathBuf::from(path), kind);
        self
    }

    /// Makes the container path `path` missing (until created).
    pub fn missing(mut self, path: &str) -> Self {
        self.missing.push(PathBuf::from(path));
        self
    }

    /// Makes the container path `path` resolve onto a proc file system.
    pub fn proc(mut self, path: &str) -> Self {
        self.proc.push(PathBuf::from(path));
        self
    }

    /// Gives the file `path` the text `content`.
    pub fn file(mut self, path: &str, content: &str) -> Self {
        self.files.insert(PathBuf::from(path), content.to_string());
        self
    }

    /// Makes the directory `path` list `entries`; a symlink's entry names its target.
    pub fn dir(mut self, path: &str, entries: &[(&str, EntryKind, &str)]) -> Self {
        let dir = PathBuf::from(path);
        for (name, kind, to) in entries {
            if *kind == EntryKind::Symlink {
                self.links.insert(dir.join(name), PathBuf::from(to));
            }
        }
        let listed = entries
            .iter()
            .map(|(name, kind, _)| (OsString::from(name), *kind))
            .collect();
        self.dirs.insert(dir, listed);
        self
    }

    /// Makes `path` the same file as whatever it is compared with (a namespace already ours).
    pub fn same(mut self, path: &str) -> Self {
        self.same.push(PathBuf::from(path));
        self
    }

    /// Opens the descriptors `fds` (their numbers, and whether they close at exec).
    pub fn fds(self, fds: &[(RawFd, bool)]) -> Self {
        self.fds
            .borrow_mut()
            .extend(fds.iter().map(|&(fd, cloexec)| {
                (
                    fd,
                    Open {
                        origin: fd,
                        cloexec,
                    },
                )
            }));
        self
    }

    /// Fails every call `matches` accepts with `errno`.
    pub fn fail(mut self, matches: impl Fn(&Call) -> bool + 'static, errno: Errno) -> Self {
        self.failures.push((Box::new(matches), errno));
        self
    }

    /// The calls so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.borrow().clone()
    }

    /// Where the first call `matches` accepts is in [`Self::calls`]; panics, listing the
    /// calls, when there is none.
    pub fn position(&self, matches: impl Fn(&Call) -> bool) -> usize {
        let calls = self.calls();
        calls
            .iter()
            .position(matches)
            .unwrap_or_else(|| panic!("no such call in {calls:#?}"))
    }

    /// Asserts that `positions` (of calls, from [`Self::position`]) are in increasing order.
    pub fn assert_ordered(&self, positions: &[usize]) {
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "out of order: {positions:?} in {:#?}",
            self.calls()
        );
    }

    /// The mounts so far, in order, as `(target, fstype, flags, data)`; binds have no fstype.
    pub fn mounts(&self) -> Vec<(PathBuf, Option<String>, MsFlags, Option<String>)> {
        self.calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::Mount {
                    target,
                    fstype,
                    flags,
                    data,
                    ..
                } => Some((target, fstype, flags, data)),
                _ => None,
            })
            .collect()
    }

    fn record(&self, call: Call) -> nix::Result<()> {
        let failed = self.failures.iter().find(|(m, _)| m(&call)).map(|r| r.1);
        self.calls.borrow_mut().push(call);
        failed.map_or(Ok(()), Err)
    }

    fn inside(root: &Path, path: &Path) -> PathBuf {
        root.join(relative(path))
    }

    fn is_missing(&self, path: &Path) -> bool {
        let created = |p: &Path| {
            self.calls
                .borrow()
                .iter()
                .any(|c| matches!(c, Call::Create { path, .. } if path == p))
        };
        self.missing.iter().any(|m| m == path) && !created(path)
    }
}

fn io(r: nix::Result<()>) -> io::Result<()> {
    r.map_err(io::Error::from)
}

impl Syscalls for Recorder {
    type Fd = PathBuf;

    fn open_dir(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(path.to_path_buf())
    }

    fn open(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(path.to_path_buf())
    }

    fn open_write(&self, path: &Path) -> io::Result<PathBuf> {
        io(self.record(Call::OpenWrite(path.to_path_buf())))?;
        Ok(path.to_path_buf())
    }

    fn resolve_in_root(&self, root: &PathBuf, path: &Path) -> io::Result<PathBuf> {
        if self.is_missing(&Path::new("/").join(relative(path))) {
            return Err(io::Error::from_raw_os_error(libc::ENOENT));
        }
        Ok(Self::inside(root, path))
    }

    fn ensure_in_root(&self, root: &PathBuf, path: &Path, kind: Kind) -> io::Result<PathBuf> {
        let abs = Path::new("/").join(relative(path));
        if self.is_missing(&abs) {
            io(self.record(Call::Create { path: abs, kind }))?;
        }
        Ok(Self::inside(root, path))
    }

    fn fd_path(&self, fd: &PathBuf) -> PathBuf {
        fd.clone()
    }

    fn is_proc(&self, fd: &PathBuf) -> nix::Result<bool> {
        Ok(self.proc.iter().any(|p| fd.ends_with(relative(p))))
    }

    fn stat(&self, path: &Path) -> Option<Kind> {
        self.host.get(path).copied()
    }

    fn mount(&self, args: &MountArgs<'_>) -> nix::Result<()> {
        self.record(Call::Mount {
            source: args.source.map(Path::to_path_buf),
            target: args.target.to_path_buf(),
            fstype: args.fstype.map(str::to_string),
            flags: args.flags,
            data: args.data.map(str::to_string),
        })
    }

    fn set_attrs(&self, path: &Path, set: u64, clear: u64, recursive: bool) -> io::Result<()> {
        io(self.record(Call::SetAttrs {
            path: path.to_path_buf(),
            set,
            clear,
            recursive,
        }))
    }

    fn symlink_at(&self, target: &str, dir: &PathBuf, name: &str) -> nix::Result<()> {
        self.record(Call::Symlink {
            target: target.to_string(),
            link: dir.join(name),
        })
    }

    fn umount2(&self, target: &Path, flags: MntFlags) -> nix::Result<()> {
        self.record(Call::Umount {
            target: target.to_path_buf(),
            flags,
        })
    }

    fn pivot_root_here(&self) -> io::Result<()> {
        io(self.record(Call::PivotRoot))
    }

    fn chdir(&self, path: &Path) -> io::Result<()> {
        io(self.record(Call::Chdir(path.to_path_buf())))
    }

    fn sethostname(&self, name: &str) -> nix::Result<()> {
        self.record(Call::Sethostname(name.to_string()))
    }

    fn setdomainname(&self, name: &str) -> nix::Result<()> {
        self.record(Call::Setdomainname(name.to_string()))
    }

    fn gethostname(&self) -> nix::Result<String> {
        self.record(Call::Gethostname).map(|()| "h".to_string())
    }

    fn unshare(&self, flags: CloneFlags) -> nix::Result<()> {
        self.record(Call::Unshare(flags))
    }

    fn setns(&self, fd: &PathBuf, flags: CloneFlags) -> nix::Result<()> {
        self.record(Call::Setns(fd.clone(), flags))
    }

    fn open_tree_clone(&self, path: &Path) -> io::Result<PathBuf> {
        io(self.record(Call::OpenTree(path.to_path_buf())))?;
        Ok(path.to_path_buf())
    }

    fn move_mount(&self, from: &PathBuf, to: &PathBuf) -> io::Result<()> {
        io(self.record(Call::MoveMount {
            from: from.clone(),
            to: to.clone(),
        }))
    }

    fn write_file(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        io(self.record(Call::Write {
            path: path.to_path_buf(),
            data: String::from_utf8_lossy(data).into_owned(),
        }))
    }

    fn read_file(&self, path: &Path) -> io::Result<String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from_raw_os_error(libc::ENOENT))
    }

    fn list_dir(&self, path: &Path) -> io::Result<Vec<(OsString, EntryKind)>> {
        if path == Path::new("/proc/self/fd") && !self.dirs.contains_key(path) {
            let fds = self.fds.borrow();
            let listed = fds
                .keys()
                .map(|fd| (OsString::from(fd.to_string()), EntryKind::Symlink));
            return Ok(listed.collect());
        }
        self.dirs
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from_raw_os_error(libc::ENOENT))
    }

    fn read_link(&self, path: &Path) -> io::Result<PathBuf> {
        self.links
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))
    }

    fn symlink(&self, target: &Path, link: &Path) -> io::Result<()> {
        io(self.record(Call::Symlink {
            target: target.display().to_string(),
            link: link.to_path_buf(),
        }))
    }

    fn mkdir(&self, path: &Path, parents: bool) -> io::Result<()> {
        io(self.record(Call::Mkdir {
            path: path.to_path_buf(),
            parents,
        }))
    }

    fn remove_tree(&self, path: &Path) -> io::Result<()> {
        io(self.record(Call::RemoveTree(path.to_path_buf())))
    }

    fn chown_tree(&self, path: &Path, uid: u32, gid: u32) -> io::Result<()> {
        io(self.record(Call::ChownTree {
            path: path.to_path_buf(),
            uid,
            gid,
        }))
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        self.same.iter().any(|s| s == a || s == b)
    }

    fn enter_root(&self, root: &PathBuf) -> io::Result<()> {
        io(self.record(Call::EnterRoot(root.clone())))
    }

    fn loopback_up(&self) -> io::Result<()> {
        io(self.record(Call::LoopbackUp))
    }

    fn open_pty(&self, uid: u32, _size: Option<(u16, u16)>) -> io::Result<PathBuf> {
        io(self.record(Call::OpenPty(uid)))?;
        Ok(PathBuf::from("/dev/ptmx"))
    }
}

mod fork;
mod process;

pub(crate) use fork::FORKED;
