//! Mount helpers used by the container init: safe resolution of mount points inside the rootfs
//! (`openat2` with `RESOLVE_IN_ROOT`, so a symlink in the image can never point a mount outside
//! it), `mount(2)` onto descriptors, recursive read-only via `mount_setattr(2)`, and the pure
//! translation of docker mount options.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::{Component, Path, PathBuf};

use skiff_storage::store::open_in_root;

pub(crate) mod plan;

/// `struct mount_attr` of `mount_setattr(2)` (not in the libc crate).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// `MOUNT_ATTR_RDONLY`.
pub const ATTR_RDONLY: u64 = 0x1;
/// `MOUNT_ATTR_NOSUID`.
pub const ATTR_NOSUID: u64 = 0x2;
/// `MOUNT_ATTR_NODEV`.
pub const ATTR_NODEV: u64 = 0x4;
/// `MOUNT_ATTR_NOEXEC`.
pub const ATTR_NOEXEC: u64 = 0x8;

/// What a mount point must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A directory.
    Dir,
    /// A regular (empty) file, for binds of files.
    File,
}

fn cstr(p: &Path) -> io::Result<CString> {
    CString::new(p.as_os_str().as_encoded_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

/// Opens `path` (interpreted inside the root `root`) as an `O_PATH` descriptor; symlinks resolve
/// as if `root` were `/` (storage's [`open_in_root`], which retries a raced lookup).
pub fn resolve_in_root(root: RawFd, path: &Path) -> io::Result<OwnedFd> {
    // SAFETY: every caller passes a descriptor it holds open for the length of this call.
    let root = unsafe { BorrowedFd::borrow_raw(root) };
    open_in_root(
        root,
        relative(path).as_os_str().as_encoded_bytes(),
        libc::O_PATH,
    )
}

/// The text of the regular file `path` inside the root `root` (every lookup confined to it), at
/// most `limit` bytes of it; None when it is missing, unreadable or not a regular file (a
/// FIFO or a device a container put there must not block or flood the reader).
pub fn read_file_in_root(root: RawFd, path: &Path, limit: u64) -> Option<String> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let fd = resolve_in_root(root, path).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: a valid descriptor (fstat accepts O_PATH ones) and a stat buffer.
    if unsafe { libc::fstat(fd.as_raw_fd(), st.as_mut_ptr()) } < 0 {
        return None;
    }
    // SAFETY: fstat filled it.
    if unsafe { st.assume_init() }.st_mode & libc::S_IFMT != libc::S_IFREG {
        return None;
    }
    // Reopening through /proc/self/fd opens this same inode, not whatever the path names now.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(format!("/proc/self/fd/{}", fd.as_raw_fd()))
        .ok()?;
    let mut text = String::new();
    file.take(limit).read_to_string(&mut text).ok()?;
    Some(text)
}

/// `path` without its leading `/` and without `.` components (`"."` for the root itself).
pub fn relative(path: &Path) -> PathBuf {
    let rel: PathBuf = path
        .components()
        .filter(|c| matches!(c, Component::Normal(_) | Component::ParentDir))
        .collect();
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    }
}

/// Opens the mount point `path` inside `root`, creating it (and its parents) when missing, with
/// every lookup confined to `root`.
pub fn ensure_in_root(root: RawFd, path: &Path, kind: Kind) -> io::Result<OwnedFd> {
    match resolve_in_root(root, path) {
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
        other => return other,
    }
    let rel = relative(path);
    let (parent, name) = match (rel.parent(), rel.file_name()) {
        (Some(p), Some(n)) => (p.to_path_buf(), n.to_owned()),
        _ => return Err(io::Error::from_raw_os_error(libc::ENOENT)),
    };
    let dir = ensure_in_root(root, &parent, Kind::Dir)?;
    let name = cstr(Path::new(&name))?;
    // SAFETY: valid descriptor and C string.
    let rc = unsafe {
        match kind {
            Kind::Dir => libc::mkdirat(dir.as_raw_fd(), name.as_ptr(), 0o755),
            Kind::File => {
                let fd = libc::openat(
                    dir.as_raw_fd(),
                    name.as_ptr(),
                    libc::O_CREAT | libc::O_WRONLY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                    0o644,
                );
                if fd >= 0 {
                    libc::close(fd);
                }
                fd.min(0)
            }
        }
    };
    if rc < 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EEXIST) {
            return Err(e);
        }
    }
    resolve_in_root(root, path)
}

/// The path through which `mount(2)` reaches the object behind `fd`.
pub fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Sets (and clears) mount attributes on the mount at `path`, recursively when asked.
pub fn set_attrs(path: &Path, set: u64, clear: u64, recursive: bool) -> io::Result<()> {
    let p = cstr(path)?;
    let flags = if recursive {
        libc::AT_RECURSIVE as u32
    } else {
        0
    };
    mount_setattr(libc::AT_FDCWD, &p, flags, set, clear)
}

/// Sets (and clears) mount attributes on the mount `fd` refers to (e.g. a detached one from
/// open_tree).
pub fn set_attrs_fd(fd: RawFd, set: u64, clear: u64) -> io::Result<()> {
    mount_setattr(fd, c"", libc::AT_EMPTY_PATH as u32, set, clear)
}

fn mount_setattr(dirfd: RawFd, path: &CStr, flags: u32, set: u64, clear: u64) -> io::Result<()> {
    let attr = MountAttr {
        attr_set: set,
        attr_clr: clear,
        propagation: 0,
        userns_fd: 0,
    };
    // SAFETY: valid pointers and size.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            dirfd,
            path.as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// The option of a volume mount that binds a directory of the volume (`subpath=REL`).
pub const SUBPATH: &str = "subpath=";

/// The option of a bind whose `readonly` leaves the mounts under it writable (docker's
/// `bind-recursive=writable`, the behaviour of docker before 25).
pub const RO_TOP_ONLY: &str = "ro-top-only";

/// docker/OCI mount options split for the kernel.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MountOptions {
    /// `mount_setattr` attributes to set after mounting (`ro`, `nosuid`, `nodev`, `noexec`).
    pub attrs: u64,
    /// The file system data string (`size=64m,mode=1777`), for tmpfs.
    pub data: String,
    /// Bind recursively (the default; `bind` asks for a plain bind).
    pub recursive: bool,
    /// The attributes apply to the mounts under a recursive bind too (the default;
    /// `ro-top-only` keeps them to the bind itself, docker's `bind-recursive=writable`).
    pub attrs_recursive: bool,
    /// A volume's directory to bind instead of its root (`subpath=REL`, docker's
    /// `volume-subpath`), resolved beneath the source.
    pub subpath: Option<PathBuf>,
    /// An overlay's upper directory (`upperdir=`).
    pub upper: Option<PathBuf>,
    /// An overlay's work directory (`workdir=`).
    pub work: Option<PathBuf>,
}

/// Splits `--mount`/`-v`/`--tmpfs` options into attributes and file-system data. Propagation
/// and SELinux relabel options (`z`, `Z`, `private`, `rprivate`, ...) are accepted and have no
/// effect: every container mount is private.
pub fn parse_options(options: &[String]) -> Result<MountOptions, String> {
    let mut out = MountOptions {
        recursive: true,
        attrs_recursive: true,
        ..Default::default()
    };
    let mut data = Vec::new();
    for o in options {
        match o.as_str() {
            "ro" | "readonly" => out.attrs |= ATTR_RDONLY,
            "rw" => out.attrs &= !ATTR_RDONLY,
            "nosuid" => out.attrs |= ATTR_NOSUID,
            "nodev" => out.attrs |= ATTR_NODEV,
            "noexec" => out.attrs |= ATTR_NOEXEC,
            "suid" | "dev" | "exec" | "" => {}
            "bind" => out.recursive = false,
            RO_TOP_ONLY => out.attrs_recursive = false,
            "rbind" => out.recursive = true,
            "z" | "Z" | "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave"
            | "U" | "O" => {}
            other if other.starts_with(SUBPATH) => {
                out.subpath = Some(PathBuf::from(&other[SUBPATH.len()..]));
            }
            other if other.starts_with("upperdir=") => {
                out.upper = Some(PathBuf::from(&other["upperdir=".len()..]));
            }
            other if other.starts_with("workdir=") => {
                out.work = Some(PathBuf::from(&other["workdir=".len()..]));
            }
            other
                if other.starts_with("size=")
                    || other.starts_with("mode=")
                    || other.starts_with("uid=")
                    || other.starts_with("gid=")
                    || other.starts_with("nr_inodes=")
                    || other.starts_with("nr_blocks=") =>
            {
                data.push(other.to_string())
            }
            other => return Err(format!("unsupported mount option {other:?}")),
        }
    }
    out.data = data.join(",");
    Ok(out)
}

/// Escapes a path for an overlay option string (`\`, `,` and `:` are special there).
pub fn overlay_escape(p: &Path) -> String {
    let s = p.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | ',' | ':') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The overlay mount data for `lower` (top first), `upper` and `work`.
pub fn overlay_data(lower: &[PathBuf], upper: &Path, work: &Path, userxattr: bool) -> String {
    let lower: Vec<String> = lower.iter().map(|p| overlay_escape(p)).collect();
    let mut s = format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        overlay_escape(upper),
        overlay_escape(work)
    );
    if userxattr {
        s.push_str(",userxattr");
    }
    s
}

/// For tests: moves the calling thread into a private mount namespace (`CLONE_NEWNS` unshares
/// the thread's own file system context too, so its mounts and working directory stay its own,
/// and end with it). Needs root; says why and returns false otherwise, and fails under
/// tests/ci.sh (`SKIFF_CI_RUN`), which runs as root.
#[cfg(test)]
pub(crate) fn private_mount_namespace_for_test() -> bool {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        let ci = std::env::var_os("SKIFF_CI_RUN").is_some_and(|v| !v.is_empty());
        assert!(
            !ci,
            "needs root (a private mount namespace), which tests/ci.sh provides"
        );
        eprintln!("skipping: needs root (a private mount namespace)");
        return false;
    }
    // SAFETY: affects this thread only.
    let rc = unsafe { libc::unshare(libc::CLONE_NEWNS) };
    assert_eq!(rc, 0, "unshare: {}", io::Error::last_os_error());
    let private = nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE;
    nix::mount::mount(None::<&str>, "/", None::<&str>, private, None::<&str>).unwrap();
    true
}

#[cfg(test)]
mod tests {
    use nix::mount::MsFlags;

    use super::*;
    use crate::runtime::sys::{MountArgs, Real, Syscalls};

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_split() {
        let o = parse_options(&v(&["ro", "nosuid", "size=64m", "mode=1777", "Z"])).unwrap();
        assert_eq!(o.attrs, ATTR_RDONLY | ATTR_NOSUID);
        assert_eq!(o.data, "size=64m,mode=1777");
        assert!(o.recursive);
        assert!(!parse_options(&v(&["bind"])).unwrap().recursive);
        assert!(parse_options(&v(&["bogus"])).is_err());
    }

    #[test]
    fn overlay_string() {
        let d = overlay_data(
            &[PathBuf::from("/l/a"), PathBuf::from("/l/b:c")],
            Path::new("/u"),
            Path::new("/w"),
            true,
        );
        assert_eq!(d, "lowerdir=/l/a:/l/b\\:c,upperdir=/u,workdir=/w,userxattr");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("/")), PathBuf::from("."));
        assert_eq!(relative(Path::new("/dev/./pts")), PathBuf::from("dev/pts"));
    }

    fn open_dir(p: &Path) -> OwnedFd {
        OwnedFd::from(std::fs::File::open(p).unwrap())
    }

    /// A root directory and, beside it, a host directory with a file the container must not reach.
    fn root_and_host() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let host = t.path().join("host");
        std::fs::create_dir(&host).unwrap();
        std::fs::write(host.join("secret"), b"host").unwrap();
        let root = t.path().join("root");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(root.join("etc/inside"), b"ctr").unwrap();
        (t, root, host)
    }

    #[test]
    fn resolution_never_leaves_the_root() {
        let (_t, root, host) = root_and_host();
        // An absolute symlink to the host directory, and one climbing out with `..`.
        std::os::unix::fs::symlink(&host, root.join("abs")).unwrap();
        std::os::unix::fs::symlink("../../../../../../../../..", root.join("up")).unwrap();
        let r = open_dir(&root);
        let secret = host.join("secret");
        let rel = secret.strip_prefix("/").unwrap();
        for p in [
            PathBuf::from("/abs/secret"),
            Path::new("/up").join(rel),
            Path::new("/../../../../../../../..").join(rel),
        ] {
            let e = resolve_in_root(r.as_raw_fd(), &p).unwrap_err();
            assert_eq!(e.raw_os_error(), Some(libc::ENOENT), "{}", p.display());
        }
        // `..` stops at the root, as it does at `/`.
        let fd = resolve_in_root(r.as_raw_fd(), Path::new("/../etc/./inside")).unwrap();
        assert_eq!(
            std::fs::read_link(fd_path(&fd)).unwrap(),
            root.join("etc/inside")
        );
        // An O_PATH descriptor, closed on exec (the init execs the container's process).
        // SAFETY: fcntl on a descriptor we own.
        let (fl, fdfl) = unsafe {
            (
                libc::fcntl(fd.as_raw_fd(), libc::F_GETFL),
                libc::fcntl(fd.as_raw_fd(), libc::F_GETFD),
            )
        };
        assert_ne!(fl & libc::O_PATH, 0, "O_PATH");
        assert_ne!(fdfl & libc::FD_CLOEXEC, 0, "FD_CLOEXEC");
        // Magic links (/proc/PID/fd/N, /proc/self/cwd) are refused even inside the root.
        let slash = open_dir(Path::new("/"));
        let e = resolve_in_root(slash.as_raw_fd(), Path::new("/proc/self/cwd")).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP));
    }

    /// The descriptors of this process that name `path`.
    fn fds_naming(path: &Path) -> usize {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .flatten()
            .filter(|e| std::fs::read_link(e.path()).is_ok_and(|l| l == path))
            .count()
    }

    #[test]
    fn mount_points_are_created_inside_the_root_only() {
        let (_t, root, host) = root_and_host();
        std::os::unix::fs::symlink(&host, root.join("abs")).unwrap();
        std::os::unix::fs::symlink(host.join("planted"), root.join("dangling")).unwrap();
        let r = open_dir(&root);
        // Missing parents and the mount point are created; the result names it.
        let d = ensure_in_root(r.as_raw_fd(), Path::new("/a/b/c"), Kind::Dir).unwrap();
        assert!(root.join("a/b/c").is_dir());
        assert_eq!(std::fs::read_link(fd_path(&d)).unwrap(), root.join("a/b/c"));
        let f = ensure_in_root(r.as_raw_fd(), Path::new("/a/etc/hosts"), Kind::File).unwrap();
        assert!(root.join("a/etc/hosts").is_file());
        // Only the returned descriptor stays open on it (none leaks into the container).
        assert_eq!(fds_naming(&root.join("a/etc/hosts")), 1);
        drop(f);
        // Existing ones are opened as they are.
        std::fs::write(root.join("a/etc/hosts"), b"x").unwrap();
        ensure_in_root(r.as_raw_fd(), Path::new("a/etc/hosts"), Kind::File).unwrap();
        assert_eq!(std::fs::read(root.join("a/etc/hosts")).unwrap(), b"x");
        ensure_in_root(r.as_raw_fd(), Path::new("/a/b/c"), Kind::Dir).unwrap();
        // Through an absolute symlink to the host: resolved inside the root, where it does not
        // exist, and the link is not replaced.
        let e = ensure_in_root(r.as_raw_fd(), Path::new("/abs/x"), Kind::Dir).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOENT));
        // A file mount point that is a symlink is not followed to create its target.
        let e = ensure_in_root(r.as_raw_fd(), Path::new("/dangling"), Kind::File).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP));
        assert!(!host.join("x").exists() && !host.join("planted").exists());
        assert_eq!(std::fs::read_dir(&host).unwrap().count(), 1);
        assert!(root.join("abs").is_symlink() && root.join("dangling").is_symlink());
    }

    #[test]
    fn failures_are_errors() {
        let t = tempfile::tempdir().unwrap();
        let missing = t.path().join("missing");
        let e = Real
            .mount_at(
                &MountArgs::fs("skiff-no-such-fs", &missing, MsFlags::empty(), None),
                "it",
            )
            .unwrap_err();
        assert!(e.starts_with("mounting it: "), "{e}");
        assert!(set_attrs(&missing, ATTR_RDONLY, 0, true).is_err());
        assert!(set_attrs(&missing, ATTR_RDONLY, 0, false).is_err());
        assert!(set_attrs_fd(-1, ATTR_RDONLY, 0).is_err());
        assert_eq!(
            fd_path(&open_dir(t.path())).parent(),
            Some(Path::new("/proc/self/fd"))
        );
    }

    #[test]
    fn parse_options_each_flag() {
        let attrs = |o: &[&str]| parse_options(&v(o)).unwrap().attrs;
        assert_eq!(attrs(&["nodev"]), ATTR_NODEV);
        assert_eq!(attrs(&["noexec"]), ATTR_NOEXEC);
        assert_eq!(
            attrs(&["nosuid", "nodev", "noexec"]),
            ATTR_NOSUID | ATTR_NODEV | ATTR_NOEXEC
        );
        assert_eq!(attrs(&["readonly"]), ATTR_RDONLY);
        // `rw` clears only an earlier `ro`.
        assert_eq!(attrs(&["ro", "nosuid", "rw"]), ATTR_NOSUID);
        assert_eq!(attrs(&["nodev", "rw", "noexec"]), ATTR_NODEV | ATTR_NOEXEC);
        assert_eq!(attrs(&["rw", "ro"]), ATTR_RDONLY);
        // Every tmpfs data key is passed on, in order.
        let keys = [
            "size=1m",
            "mode=700",
            "uid=1",
            "gid=2",
            "nr_inodes=3",
            "nr_blocks=4",
        ];
        for k in keys {
            assert_eq!(parse_options(&v(&[k])).unwrap().data, k);
        }
        assert_eq!(parse_options(&v(&keys)).unwrap().data, keys.join(","));
    }

    #[test]
    fn read_only_reaches_submounts_only_when_recursive() {
        if !private_mount_namespace_for_test() {
            return;
        }
        let t = tempfile::tempdir().unwrap();
        let (top, sub) = (t.path().to_path_buf(), t.path().join("sub"));
        let tmpfs = |p: &Path| {
            Real.mount_at(&MountArgs::fs("tmpfs", p, MsFlags::empty(), None), "tmpfs")
                .unwrap()
        };
        let writable = |p: &Path| match std::fs::write(p.join("f"), b"x") {
            Ok(()) => true,
            Err(e) if e.raw_os_error() == Some(libc::EROFS) => false,
            Err(e) => panic!("{}: {e}", p.display()),
        };
        for recursive in [true, false] {
            tmpfs(&top);
            std::fs::create_dir(&sub).unwrap();
            tmpfs(&sub);
            set_attrs(&top, ATTR_RDONLY, 0, recursive).unwrap();
            assert!(!writable(&top));
            assert_eq!(writable(&sub), !recursive, "recursive {recursive}");
            nix::mount::umount2(&top, nix::mount::MntFlags::MNT_DETACH).unwrap();
        }
    }
}
