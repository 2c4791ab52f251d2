//! The container's mount plan, in the order the init applies it: every mount private, the root
//! file system ([`rootfs`]), the default mounts (/proc, /dev and its devices, /dev/pts, /dev/shm,
//! /dev/mqueue, /sys, the prepared /etc files), the user's mounts (binds, volumes, tmpfs), the
//! `--init` executable, the pivot into the new root; after it, the masked and read-only paths
//! and, last, a `--read-only` root. Every system call goes through [`Syscalls`].

use std::path::Path;

use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;

use super::{overlay_data, parse_options, Kind, ATTR_NODEV, ATTR_NOSUID, ATTR_RDONLY};
use crate::runtime::rootfs;
use crate::runtime::spec::{MountKind, NamespaceMode, RuntimeSpec, ShmMode, INIT_PATH};
use crate::runtime::sys::{MountArgs, Syscalls};

#[cfg(test)]
mod tests;

/// Overlay metadata (opaque directories, redirects) lives in `user.overlay.*` xattrs as root
/// too, not only in a user namespace: layers and upper directories then read the same whichever
/// way skiff runs, and match how the storage crate writes layers.
const USERXATTR: bool = true;

/// Builds the container's root and enters it: makes every mount private, mounts the root file
/// system, the default, user and `--init` mounts under it, then pivots into it. `tty_gid_mapped`:
/// gid 5 (tty) exists in our user namespace (devpts `gid=5`).
pub(crate) fn build_root<S: Syscalls>(
    sys: &S,
    spec: &RuntimeSpec,
    tty_gid_mapped: bool,
) -> Result<(), String> {
    let private = MsFlags::MS_REC | MsFlags::MS_PRIVATE;
    sys.mount_at(
        &MountArgs::propagation(Path::new("/"), private),
        "/ private",
    )?;
    let root = rootfs::mount_rootfs_with(sys, &spec.rootfs, USERXATTR)?;
    let fd = sys
        .open_dir(&root)
        .map_err(|e| format!("opening the rootfs {}: {e}", root.display()))?;
    let new_root = NewRoot { sys, fd };
    default_mounts(&new_root, spec, tty_gid_mapped)?;
    user_mounts(&new_root, spec)?;
    etc_files(&new_root, spec)?;
    if let Some(init) = &spec.init {
        mount_init(&new_root, init)?;
    }
    drop(new_root);
    pivot(sys, &root)
}

/// The container's root file system while the plan mounts under it: the system calls and the
/// root's directory, inside which every mount's path is resolved.
struct NewRoot<'a, S: Syscalls> {
    sys: &'a S,
    fd: S::Fd,
}

/// Bind-mounts the `--init` executable read-only (and nosuid, nodev) at [`INIT_PATH`].
fn mount_init<S: Syscalls>(root: &NewRoot<S>, init: &Path) -> Result<(), String> {
    let sys = root.sys;
    let fd = root.bind(init, Path::new(INIT_PATH), false)?;
    sys.set_attrs(
        &sys.fd_path(&fd),
        ATTR_RDONLY | ATTR_NOSUID | ATTR_NODEV,
        0,
        false,
    )
    .map_err(|e| format!("making {INIT_PATH} read-only: {e}"))
}

/// The error of a mount point that could not be made. EOVERFLOW: an overlay (`--rootfs DIR:O`)
/// cannot copy up a directory whose owner or group has no id in the user namespace.
fn creating(path: &str, e: &std::io::Error) -> String {
    let hint = if e.raw_os_error() == Some(libc::EOVERFLOW) {
        ": a directory above it belongs to a user or group outside the container's user \
         namespace, which the overlay cannot copy up; give the root file system to your own \
         user and group (chown -R), or run as root"
    } else {
        ""
    };
    format!("creating {path}: {e}{hint}")
}

impl<S: Syscalls> NewRoot<'_, S> {
    /// A destination that resolves (through the image's symlinks) into the container's /proc
    /// would cover the proc files that are masked or read-only: refused, as runc does.
    fn refuse_proc(&self, dest: &Path) -> Result<(), String> {
        let Ok(fd) = self.sys.resolve_in_root(&self.fd, dest) else {
            return Ok(());
        };
        if self
            .sys
            .is_proc(&fd)
            .map_err(|e| format!("{}: {e}", dest.display()))?
        {
            return Err(format!(
                "mount destination {} is inside /proc (through a symbolic link in the image): choose another path",
                dest.display()
            ));
        }
        Ok(())
    }

    /// Mounts `fstype` on `path` (resolved inside the root).
    fn mount_fs(
        &self,
        path: &str,
        fstype: &str,
        flags: MsFlags,
        data: Option<&str>,
    ) -> Result<(), String> {
        self.mount_named(fstype, path, fstype, flags, data)
    }

    /// [`Self::mount_fs`] with the mount's source named `source` (what /proc/mounts shows in
    /// its first column) rather than after its type.
    fn mount_named(
        &self,
        source: &str,
        path: &str,
        fstype: &str,
        flags: MsFlags,
        data: Option<&str>,
    ) -> Result<(), String> {
        let sys = self.sys;
        let fd = sys
            .ensure_in_root(&self.fd, Path::new(path), Kind::Dir)
            .map_err(|e| creating(path, &e))?;
        let target = sys.fd_path(&fd);
        let args = MountArgs {
            source: Some(Path::new(source)),
            ..MountArgs::fs(fstype, &target, flags, data)
        };
        sys.mount_at(&args, path)
    }

    /// Bind-mounts the host `source` on `path` (resolved inside the root); returns the new
    /// mount.
    fn bind(&self, source: &Path, path: &Path, recursive: bool) -> Result<S::Fd, String> {
        let sys = self.sys;
        let kind = match sys.stat(source) {
            Some(Kind::Dir) => Kind::Dir,
            _ => Kind::File,
        };
        let fd = sys
            .ensure_in_root(&self.fd, path, kind)
            .map_err(|e| creating(&path.display().to_string(), &e))?;
        sys.bind_at(
            source,
            &sys.fd_path(&fd),
            recursive,
            &format!("{} on {}", source.display(), path.display()),
        )?;
        sys.resolve_in_root(&self.fd, path)
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The host device nodes every container's /dev has, bound from the host's.
pub(crate) const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

/// The symbolic links made in the container's /dev: `(name, target)`.
const DEV_LINKS: [(&str, &str); 6] = [
    ("ptmx", "pts/ptmx"),
    ("fd", "/proc/self/fd"),
    ("stdin", "/proc/self/fd/0"),
    ("stdout", "/proc/self/fd/1"),
    ("stderr", "/proc/self/fd/2"),
    ("core", "/proc/kcore"),
];

fn default_mounts<S: Syscalls>(
    root: &NewRoot<S>,
    spec: &RuntimeSpec,
    tty_gid_mapped: bool,
) -> Result<(), String> {
    let sys = root.sys;
    let hard = MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC | MsFlags::MS_NODEV;
    if let Err(e) = root.mount_fs("/proc", "proc", hard, None) {
        // Rootless with --pid host, the host's PID namespace belongs to the initial user
        // namespace, where a new proc cannot be mounted: show the host's /proc instead.
        if spec.pid != NamespaceMode::Host {
            return Err(e);
        }
        root.bind(Path::new("/proc"), Path::new("/proc"), true)?;
    }
    root.mount_fs(
        "/dev",
        "tmpfs",
        MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
        Some("mode=755,size=65536k"),
    )?;
    for d in DEVICES {
        let dev = Path::new("/dev").join(d);
        root.bind(&dev, &dev, false)?;
    }
    for dev in &spec.devices {
        match root.bind(&dev.source, Path::new(&dev.destination), false) {
            Err(_) if dev.optional => {}
            bound => drop(bound?),
        }
    }
    let pts = if tty_gid_mapped {
        "newinstance,ptmxmode=0666,mode=0620,gid=5"
    } else {
        "newinstance,ptmxmode=0666,mode=0620"
    };
    root.mount_fs(
        "/dev/pts",
        "devpts",
        MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
        Some(pts),
    )?;
    match &spec.shm {
        ShmMode::Tmpfs => {
            let shm = format!("mode=1777,size={}", spec.shm_size.max(4096));
            // Source `shm`, as docker's and podman's /proc/mounts show it.
            root.mount_named("shm", "/dev/shm", "tmpfs", hard, Some(&shm))?;
        }
        ShmMode::Bind(source) => {
            root.bind(source, Path::new("/dev/shm"), false)?;
        }
        ShmMode::FromNamespace(ns) => shared_shm(root, ns)?,
        ShmMode::None => {}
    }
    // mqueue is refused in some user namespaces; the container works without it.
    let _ = root.mount_fs("/dev/mqueue", "mqueue", hard, None);
    let dev = sys
        .resolve_in_root(&root.fd, Path::new("/dev"))
        .map_err(|e| format!("/dev: {e}"))?;
    for (name, target) in DEV_LINKS {
        sys.symlink_at(target, &dev, name)
            .map_err(|e| format!("/dev/{name}: {e}"))?;
    }
    let sys_flags = hard | MsFlags::MS_RDONLY;
    if root.mount_fs("/sys", "sysfs", sys_flags, None).is_err() {
        // Without our own network namespace a user namespace may not mount sysfs: show the
        // host's, read-only.
        let fd = root.bind(Path::new("/sys"), Path::new("/sys"), true)?;
        sys.set_attrs(&sys.fd_path(&fd), ATTR_RDONLY, 0, true)
            .map_err(|e| format!("making /sys read-only: {e}"))?;
    } else {
        // cgroup2 cannot be mounted everywhere (hybrid hosts, some user namespaces): skip then.
        // Systemd mode writes its own cgroup (the namespace shows it nothing else).
        let cgroup_flags = match spec.cgroup_writable && spec.cgroupns == NamespaceMode::Private {
            true => hard,
            false => sys_flags,
        };
        let _ = root.mount_fs("/sys/fs/cgroup", "cgroup2", cgroup_flags, None);
    }
    Ok(())
}

/// Binds the container's own /etc/hosts, /etc/hostname, /etc/resolv.conf (and podman's
/// /etc/passwd and /etc/group copies) after the user's mounts, as docker does: a volume on
/// /etc keeps them, a mount of the file itself replaces it. Read-only with `--read-only`.
fn etc_files<S: Syscalls>(root: &NewRoot<S>, spec: &RuntimeSpec) -> Result<(), String> {
    let sys = root.sys;
    let etc = [
        (&spec.etc_files.hosts, "/etc/hosts"),
        (&spec.etc_files.hostname, "/etc/hostname"),
        (&spec.etc_files.resolv_conf, "/etc/resolv.conf"),
        (&spec.etc_files.passwd, "/etc/passwd"),
        (&spec.etc_files.group, "/etc/group"),
    ];
    let mounted = |target: &str| {
        spec.mounts
            .iter()
            .any(|m| Path::new(&m.destination) == Path::new(target))
    };
    // A user's read-only mount of /etc without the file has no place for it: left out.
    let under_a_mount = |target: &str| {
        spec.mounts
            .iter()
            .any(|m| Path::new(target).starts_with(&m.destination))
    };
    for (file, target) in etc {
        let Some(f) = file.as_ref().filter(|_| !mounted(target)) else {
            continue;
        };
        let fd = match root.bind(f, Path::new(target), false) {
            Ok(fd) => fd,
            Err(_) if under_a_mount(target) => continue,
            Err(e) => return Err(e),
        };
        if spec.read_only {
            sys.set_attrs(&sys.fd_path(&fd), ATTR_RDONLY, 0, false)
                .map_err(|e| format!("making {target} read-only: {e}"))?;
        }
    }
    Ok(())
}

/// `--ipc container:X`: mounts X's /dev/shm on the container's. A bind from another mount
/// namespace is refused, so the init enters X's (`ns`, where "/" is X's root), clones the mount
/// there (open_tree), comes back and attaches the clone (move_mount).
fn shared_shm<S: Syscalls>(root: &NewRoot<S>, ns: &Path) -> Result<(), String> {
    let sys = root.sys;
    let open = |p: &Path| {
        sys.open(p)
            .map_err(|e| format!("opening {}: {e}", p.display()))
    };
    let ours = open(Path::new("/proc/self/ns/mnt"))?;
    let theirs = open(ns)?;
    let dest = sys
        .ensure_in_root(&root.fd, Path::new("/dev/shm"), Kind::Dir)
        .map_err(|e| format!("creating /dev/shm: {e}"))?;
    sys.setns(&theirs, CloneFlags::CLONE_NEWNS)
        .map_err(|e| format!("entering the IPC owner's mount namespace: {e}"))?;
    let tree = sys.open_tree_clone(Path::new("/dev/shm"));
    sys.setns(&ours, CloneFlags::CLONE_NEWNS)
        .map_err(|e| format!("returning to the container's mount namespace: {e}"))?;
    let tree = tree.map_err(|e| format!("cloning the IPC owner's /dev/shm: {e}"))?;
    sys.move_mount(&tree, &dest)
        .map_err(|e| format!("mounting the IPC owner's /dev/shm: {e}"))
}

fn user_mounts<S: Syscalls>(root: &NewRoot<S>, spec: &RuntimeSpec) -> Result<(), String> {
    let sys = root.sys;
    for m in &spec.mounts {
        let opts =
            parse_options(&m.options).map_err(|e| format!("mount {}: {e}", m.destination))?;
        let dest = Path::new(&m.destination);
        root.refuse_proc(dest)?;
        if opts.subpath.is_some() && m.kind != MountKind::Bind {
            return Err(format!(
                "mount {}: volume-subpath needs a volume of files (a tmpfs volume is empty at each start, an O mount takes the volume whole)",
                m.destination
            ));
        }
        let kind = match m.kind {
            MountKind::Bind => "bind",
            MountKind::Overlay => "overlay",
            MountKind::Tmpfs => "tmpfs",
        };
        if m.kind != MountKind::Tmpfs && sys.stat(&m.source).is_none() {
            return Err(format!(
                "{kind} mount source {} does not exist: create it or fix the -v/--mount path",
                m.source.display()
            ));
        }
        match m.kind {
            MountKind::Bind => {
                // A volume's subpath: opened beneath the volume with every symlink resolved
                // inside it (what a container wrote there cannot lead to a host path), and
                // bound from that descriptor, so nothing can be swapped in between.
                let beneath = match &opts.subpath {
                    Some(rel) => Some(
                        sys.open_dir(&m.source)
                            .and_then(|dir| sys.resolve_in_root(&dir, rel))
                            .map_err(|e| {
                                format!(
                                    "volume-subpath {} of the mount at {}: {e}: create the directory in the volume first",
                                    rel.display(),
                                    m.destination
                                )
                            })?,
                    ),
                    None => None,
                };
                let source = match &beneath {
                    Some(fd) => sys.fd_path(fd),
                    None => m.source.clone(),
                };
                let fd = root.bind(&source, dest, opts.recursive)?;
                if opts.attrs != 0 {
                    let recursive = opts.recursive && opts.attrs_recursive;
                    sys.set_attrs(&sys.fd_path(&fd), opts.attrs, 0, recursive)
                        .map_err(|e| format!("setting options on {}: {e}", m.destination))?;
                }
                continue;
            }
            MountKind::Overlay => {
                // podman's `O` volume: an upper layer of the container's own, emptied first, so
                // writes in the container never reach the host directory nor outlive the run.
                let (Some(upper), Some(work)) = (&opts.upper, &opts.work) else {
                    return Err(format!(
                        "overlay mount {}: no upperdir= and workdir= given",
                        m.destination
                    ));
                };
                for dir in [upper, work] {
                    sys.remove_tree(dir)
                        .and_then(|()| sys.mkdir(dir, true))
                        .map_err(|e| format!("preparing {}: {e}", dir.display()))?;
                }
                let data = overlay_data(std::slice::from_ref(&m.source), upper, work, USERXATTR);
                let source = m.source.display().to_string();
                root.mount_named(&source, &m.destination, kind, MsFlags::empty(), Some(&data))?;
            }
            MountKind::Tmpfs => {
                let data = if opts.data.is_empty() {
                    "mode=1777".to_string()
                } else {
                    opts.data.clone()
                };
                root.mount_fs(&m.destination, kind, MsFlags::empty(), Some(&data))?;
            }
        }
        // A mounted file system: its options on the mount at the destination.
        if opts.attrs != 0 {
            let fd = sys
                .resolve_in_root(&root.fd, dest)
                .map_err(|e| format!("{}: {e}", m.destination))?;
            sys.set_attrs(&sys.fd_path(&fd), opts.attrs, 0, false)
                .map_err(|e| format!("setting options on {}: {e}", m.destination))?;
        }
    }
    Ok(())
}

fn pivot<S: Syscalls>(sys: &S, root: &Path) -> Result<(), String> {
    sys.chdir(root)
        .map_err(|e| format!("entering {}: {e}", root.display()))?;
    sys.pivot_root_here()
        .map_err(|e| format!("pivot_root: {e}"))?;
    sys.umount2(Path::new("."), MntFlags::MNT_DETACH)
        .map_err(|e| format!("detaching the old root: {e}"))?;
    sys.chdir(Path::new("/"))
        .map_err(|e| format!("chdir /: {e}"))
}

/// Hides the masked paths (an empty read-only tmpfs over directories, /dev/null over anything
/// else) and makes the read-only paths read-only (recursively), as the container sees them
/// (after the pivot). Paths the container lacks are skipped.
pub(crate) fn mask_paths<S: Syscalls>(sys: &S, spec: &RuntimeSpec) -> Result<(), String> {
    for p in &spec.masked_paths {
        let path = Path::new(p);
        let Some(kind) = sys.stat(path) else {
            continue;
        };
        if kind == Kind::Dir {
            sys.mount_at(
                &MountArgs::fs("tmpfs", path, MsFlags::MS_RDONLY, Some("size=0")),
                p,
            )?;
        } else {
            sys.bind_at(Path::new("/dev/null"), path, false, p)?;
        }
    }
    for p in &spec.readonly_paths {
        let path = Path::new(p);
        if sys.stat(path).is_none() {
            continue;
        }
        sys.bind_at(path, path, true, p)?;
        sys.set_attrs(path, ATTR_RDONLY, 0, true)
            .map_err(|e| format!("making {p} read-only: {e}"))?;
    }
    Ok(())
}

/// `--read-only`: makes the container's root (after the pivot) read-only, not its submounts.
pub(crate) fn read_only_root<S: Syscalls>(sys: &S) -> Result<(), String> {
    sys.set_attrs(Path::new("/"), ATTR_RDONLY, 0, false)
        .map_err(|e| format!("making the root file system read-only: {e}"))
}
