//! The container init: runs in the cloned child (new mount, pid, ipc, uts and, unless
//! `--network host`, net namespaces), builds the container's world and execs the command.
//! Every failure before exec travels back to `spawn` over the sync socket as a typed message.

use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use nix::mount::MsFlags;

use super::mounts::{
    ensure_in_root, fd_path, mount_at, parse_options, resolve_in_root, set_attrs, Kind, ATTR_NODEV,
    ATTR_NOSUID, ATTR_RDONLY,
};
use super::seccomp::BpfProgram;
use super::spec::{
    MountKind, NamespaceMode, NetworkMode, ProcessSpec, RuntimeSpec, ShmMode, DEFAULT_PATH,
    INIT_PATH,
};
use super::sync::{self, FailureKind};
use super::{rlimits, rootfs, user};

/// What the parent computes before the clone, so the child only applies it.
pub(crate) struct Prepared {
    /// Capability mask of the final set.
    pub caps_mask: u64,
    /// Seccomp programs to load (empty: unconfined).
    pub seccomp: Vec<BpfProgram>,
    /// gid 5 (tty) exists in our user namespace (devpts `gid=5`).
    pub tty_gid_mapped: bool,
}

/// The container's stdio as raw descriptors in the child (`None`: allocate a pty).
pub(crate) type ChildStdio = Option<[RawFd; 3]>;

type Failure = (FailureKind, String);

/// Overlay metadata (opaque directories, redirects) lives in `user.overlay.*` xattrs as root
/// too, not only in a user namespace: layers and upper directories then read the same whichever
/// way skiff runs, and match how the storage crate writes layers.
const USERXATTR: bool = true;

fn setup<E: std::fmt::Display>(what: impl Into<String>) -> impl FnOnce(E) -> Failure {
    let what = what.into();
    move |e| (FailureKind::Setup, format!("{what}: {e}"))
}

/// Runs the init; returns only on failure (the caller reports it and exits).
pub(crate) fn run(
    spec: &RuntimeSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
) -> Failure {
    match build_and_exec(spec, prep, stdio, sync_fd) {
        Ok(never) => match never {},
        Err(f) => f,
    }
}

fn build_and_exec(
    spec: &RuntimeSpec,
    prep: &Prepared,
    stdio: ChildStdio,
    sync_fd: RawFd,
) -> Result<std::convert::Infallible, Failure> {
    // SAFETY: plain prctls. Exec resets dumpability; the death signal stays, so a container
    // whose monitor is killed goes with it instead of running unmanaged.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
    }
    if let Some(fds) = stdio {
        install_stdio(fds).map_err(setup("connecting stdio"))?;
    }
    if let Some(cg) = &spec.cgroup {
        std::fs::write(cg.path.join("cgroup.procs"), "0")
            .map_err(setup(format!("joining cgroup {}", cg.path.display())))?;
    }
    if spec.cgroupns == NamespaceMode::Private {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP)
            .map_err(setup("creating the cgroup namespace"))?;
    }
    mount_at(
        None,
        Path::new("/"),
        None,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None,
        "/ private",
    )
    .map_err(|e| (FailureKind::Setup, e))?;
    let root =
        rootfs::mount_rootfs(&spec.rootfs, USERXATTR).map_err(|e| (FailureKind::Setup, e))?;
    let rootfd =
        open_dir(&root).map_err(setup(format!("opening the rootfs {}", root.display())))?;
    let r = rootfd.as_raw_fd();
    default_mounts(r, spec, prep).map_err(|e| (FailureKind::Setup, e))?;
    user_mounts(r, spec).map_err(|e| (FailureKind::Setup, e))?;
    if let Some(init) = &spec.init {
        mount_init(r, init).map_err(|e| (FailureKind::Setup, e))?;
    }
    drop(rootfd);
    pivot(&root).map_err(|e| (FailureKind::Setup, e))?;
    for (key, value) in &spec.sysctls {
        let path = format!("/proc/sys/{}", key.replace('.', "/"));
        std::fs::write(&path, value).map_err(setup(format!("setting sysctl {key}={value}")))?;
    }
    if let Some(adj) = spec.oom_score_adj {
        std::fs::write("/proc/self/oom_score_adj", adj.to_string()).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                " (lowering it needs CAP_SYS_RESOURCE on the host, which rootless never has)"
            } else {
                ""
            };
            (
                FailureKind::Setup,
                format!("setting --oom-score-adj {adj}: {e}{hint}"),
            )
        })?;
    }
    if !spec.privileged {
        mask_paths(spec).map_err(|e| (FailureKind::Setup, e))?;
    }
    if spec.uts == NamespaceMode::Private {
        nix::unistd::sethostname(&spec.hostname).map_err(setup("setting the host name"))?;
    }
    if matches!(spec.network, NetworkMode::None | NetworkMode::Connected) {
        loopback_up().map_err(setup("bringing up the loopback interface"))?;
    }
    // The caller connects the namespace (a helper), or opens the mount namespace of a
    // container sharing a PID namespace, meanwhile; the command must not start before.
    if super::spawn::waits_for_go(spec) && !super::sync::wait_go(sync_fd) {
        let what = if spec.network == NetworkMode::Connected {
            "the container's network could not be connected"
        } else {
            "the container's monitor did not let it start"
        };
        return Err((FailureKind::Setup, what.into()));
    }
    if spec.read_only {
        set_attrs(Path::new("/"), ATTR_RDONLY, 0, false)
            .map_err(setup("making the root file system read-only"))?;
    }
    let launch = match spec.init {
        Some(_) => Launch::UnderInit,
        None => Launch::Direct,
    };
    Err(start_process(
        &spec.process,
        &spec.hostname,
        prep,
        stdio.is_none(),
        sync_fd,
        launch,
    ))
}

/// Gives the command default signal dispositions and an empty signal mask, as docker does:
/// exec keeps signals ignored (skiff ignores SIGPIPE, the monitor SIGHUP and SIGINT), and a
/// command that starts with SIGINT ignored cannot be interrupted from its terminal.
fn reset_signals() {
    // The kernel's `struct sigaction`, all zero: SIG_DFL, no flags, empty mask. Set with the raw
    // system call, because the C library refuses to touch the signals it reserves (32, 33),
    // which the caller may still have inherited as ignored.
    let default_action = [0u64; 4];
    for sig in 1..=libc::SIGRTMAX() {
        if sig != libc::SIGKILL && sig != libc::SIGSTOP {
            // SAFETY: a valid kernel sigaction (zeroed) and no old-action pointer.
            unsafe {
                libc::syscall(
                    libc::SYS_rt_sigaction,
                    sig,
                    default_action.as_ptr(),
                    std::ptr::null_mut::<u64>(),
                    8usize,
                )
            };
        }
    }
    // SAFETY: an empty, initialised set.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
}

/// How the container's command is started.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Launch {
    /// Exec the command itself.
    Direct,
    /// Check that the command can run, then exec the `--init` at [`INIT_PATH`] with it.
    UnderInit,
}

/// Bind-mounts the `--init` executable read-only (and nosuid, nodev) at [`INIT_PATH`].
fn mount_init(root: RawFd, init: &Path) -> Result<(), String> {
    let fd = bind(root, init, Path::new(INIT_PATH), false)?;
    set_attrs(
        &fd_path(&fd),
        ATTR_RDONLY | ATTR_NOSUID | ATTR_NODEV,
        0,
        false,
    )
    .map_err(|e| format!("making {INIT_PATH} read-only: {e}"))
}

/// The part shared with `exec_in`: resolves the user inside the (already entered) container
/// root, sets up the terminal, working directory, environment, limits, seccomp, capabilities
/// and user, then execs. Returns only on failure.
pub(crate) fn start_process(
    process: &ProcessSpec,
    hostname: &str,
    prep: &Prepared,
    pty: bool,
    sync_fd: RawFd,
    launch: Launch,
) -> Failure {
    match start_process_inner(process, hostname, prep, pty, sync_fd, launch) {
        Ok(never) => match never {},
        Err(f) => f,
    }
}

fn start_process_inner(
    process: &ProcessSpec,
    hostname: &str,
    prep: &Prepared,
    pty: bool,
    sync_fd: RawFd,
    launch: Launch,
) -> Result<std::convert::Infallible, Failure> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let group = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let who = user::resolve(&process.user, &process.additional_groups, &passwd, &group)
        .map_err(|e| (FailureKind::Setup, e))?;
    if pty {
        make_pty(sync_fd, who.uid).map_err(setup("allocating the terminal"))?;
    }
    let cwd = if process.cwd.is_empty() {
        "/"
    } else {
        process.cwd.as_str()
    };
    // Nothing is created under /proc: `-w /proc/self/fd/N/new` would create it wherever a
    // descriptor inherited from the caller points.
    if !Path::new(cwd).starts_with("/proc") {
        std::fs::create_dir_all(cwd)
            .map_err(setup(format!("creating the working directory {cwd}")))?;
    }
    std::env::set_current_dir(cwd)
        .map_err(setup(format!("entering the working directory {cwd}")))?;
    // A path through an inherited descriptor (`-w /proc/self/fd/N`, CVE-2024-21626) could land
    // outside the root; getcwd then fails or reports "(unreachable)".
    if !std::env::current_dir().is_ok_and(|p| p.is_absolute()) {
        return Err((
            FailureKind::Setup,
            format!("the working directory {cwd} is outside the container: use a path inside it"),
        ));
    }
    let env = environment(process, hostname, &who.home);
    rlimits::apply(&process.rlimits).map_err(|e| (FailureKind::Setup, e))?;
    // SAFETY: umask has no failure mode.
    unsafe { libc::umask(process.umask.unwrap_or(0o022) as libc::mode_t) };
    if process.no_new_privileges {
        prctl(libc::PR_SET_NO_NEW_PRIVS, 1).map_err(setup("setting no_new_privs"))?;
    }
    super::seccomp::load(&prep.seccomp).map_err(setup("loading the seccomp filter"))?;
    let mut death_signal: libc::c_int = 0;
    // SAFETY: PR_GET_PDEATHSIG writes one int through a valid pointer.
    unsafe {
        libc::prctl(
            libc::PR_GET_PDEATHSIG,
            &mut death_signal as *mut libc::c_int,
        )
    };
    drop_privileges(prep.caps_mask, &who).map_err(|e| (FailureKind::Setup, e))?;
    if death_signal != 0 {
        // Changing uid or gid cleared it; a container of any user goes with its monitor.
        // SAFETY: plain prctl.
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, death_signal, 0, 0, 0) };
    }
    reset_signals();
    // Nothing of ours may reach the container: every descriptor above 2 closes at exec.
    // SAFETY: close_range only flags descriptors.
    let flagged = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if flagged != 0 {
        cloexec_all_by_listing().map_err(setup("closing skiff's descriptors"))?;
    }
    Err(exec(&process.args, &env, launch))
}

/// A destination that resolves (through the image's symlinks) into the container's /proc would
/// cover the proc files that are masked or read-only: refused, as runc does.
fn refuse_proc(root: RawFd, dest: &Path) -> Result<(), String> {
    let Ok(fd) = resolve_in_root(root, dest) else {
        return Ok(());
    };
    let fs = nix::sys::statfs::fstatfs(&fd).map_err(|e| format!("{}: {e}", dest.display()))?;
    if fs.filesystem_type() == nix::sys::statfs::PROC_SUPER_MAGIC {
        return Err(format!(
            "mount destination {} is inside /proc (through a symbolic link in the image): choose another path",
            dest.display()
        ));
    }
    Ok(())
}

/// Where close_range(CLOSE_RANGE_CLOEXEC) is missing (kernels before 5.11) or filtered: flags
/// every descriptor above 2 listed in /proc/self/fd.
fn cloexec_all_by_listing() -> std::io::Result<()> {
    let fds: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .filter(|fd| *fd > 2)
        .collect();
    for fd in fds {
        // SAFETY: fcntl on a descriptor number; a stale one (the listing's own) fails harmlessly.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    Ok(())
}

fn open_dir(p: &Path) -> std::io::Result<OwnedFd> {
    let c = CString::new(p.as_os_str().as_encoded_bytes())
        .map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: valid C string.
    let fd = unsafe {
        libc::open(
            c.as_ptr(),
            libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn install_stdio(fds: [RawFd; 3]) -> std::io::Result<()> {
    // Move the descriptors out of the way first: one of them may already be 0, 1 or 2.
    let mut high = [0; 3];
    for (i, fd) in fds.iter().enumerate() {
        // SAFETY: duplicating a descriptor we own.
        high[i] = unsafe { libc::fcntl(*fd, libc::F_DUPFD_CLOEXEC, 3) };
        if high[i] < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    for (i, fd) in high.iter().enumerate() {
        // SAFETY: dup2 onto the standard descriptors (clears close-on-exec on the copy).
        if unsafe { libc::dup2(*fd, i as RawFd) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Mounts `fstype` on `path` (resolved inside the root).
fn mount_fs(
    root: RawFd,
    path: &str,
    fstype: &str,
    flags: MsFlags,
    data: Option<&str>,
) -> Result<(), String> {
    let fd = ensure_in_root(root, Path::new(path), Kind::Dir)
        .map_err(|e| format!("creating {path}: {e}"))?;
    mount_at(
        Some(Path::new(fstype)),
        &fd_path(&fd),
        Some(fstype),
        flags,
        data,
        path,
    )
}

/// Bind-mounts the host `source` on `path` (resolved inside the root); returns the new mount.
fn bind(root: RawFd, source: &Path, path: &Path, recursive: bool) -> Result<OwnedFd, String> {
    let kind = if source.is_dir() {
        Kind::Dir
    } else {
        Kind::File
    };
    let fd = ensure_in_root(root, path, kind)
        .map_err(|e| format!("creating {}: {e}", path.display()))?;
    let mut flags = MsFlags::MS_BIND;
    if recursive {
        flags |= MsFlags::MS_REC;
    }
    mount_at(
        Some(source),
        &fd_path(&fd),
        None,
        flags,
        None,
        &format!("{} on {}", source.display(), path.display()),
    )?;
    resolve_in_root(root, path).map_err(|e| format!("{}: {e}", path.display()))
}

const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

fn default_mounts(root: RawFd, spec: &RuntimeSpec, prep: &Prepared) -> Result<(), String> {
    let hard = MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC | MsFlags::MS_NODEV;
    if let Err(e) = mount_fs(root, "/proc", "proc", hard, None) {
        // Rootless with --pid host, the host's PID namespace belongs to the initial user
        // namespace, where a new proc cannot be mounted: show the host's /proc instead.
        if spec.pid != NamespaceMode::Host {
            return Err(e);
        }
        bind(root, Path::new("/proc"), Path::new("/proc"), true)?;
    }
    mount_fs(
        root,
        "/dev",
        "tmpfs",
        MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
        Some("mode=755,size=65536k"),
    )?;
    for d in DEVICES {
        bind(
            root,
            &Path::new("/dev").join(d),
            &Path::new("/dev").join(d),
            false,
        )?;
    }
    for dev in &spec.devices {
        bind(root, &dev.source, Path::new(&dev.destination), false)?;
    }
    let pts = if prep.tty_gid_mapped {
        "newinstance,ptmxmode=0666,mode=0620,gid=5"
    } else {
        "newinstance,ptmxmode=0666,mode=0620"
    };
    mount_fs(
        root,
        "/dev/pts",
        "devpts",
        MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
        Some(pts),
    )?;
    match &spec.shm {
        ShmMode::Tmpfs => {
            let shm = format!("mode=1777,size={}", spec.shm_size.max(4096));
            mount_fs(root, "/dev/shm", "tmpfs", hard, Some(&shm))?;
        }
        ShmMode::Bind(source) => {
            bind(root, source, Path::new("/dev/shm"), false)?;
        }
        ShmMode::FromNamespace(ns) => shared_shm(root, ns)?,
        ShmMode::None => {}
    }
    // mqueue is refused in some user namespaces; the container works without it.
    let _ = mount_fs(root, "/dev/mqueue", "mqueue", hard, None);
    let dev = resolve_in_root(root, Path::new("/dev")).map_err(|e| format!("/dev: {e}"))?;
    for (name, target) in [
        ("ptmx", "pts/ptmx"),
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("core", "/proc/kcore"),
    ] {
        nix::unistd::symlinkat(target, Some(dev.as_raw_fd()), name)
            .map_err(|e| format!("/dev/{name}: {e}"))?;
    }
    let sys_flags = hard | MsFlags::MS_RDONLY;
    if mount_fs(root, "/sys", "sysfs", sys_flags, None).is_err() {
        // Without our own network namespace a user namespace may not mount sysfs: show the
        // host's, read-only.
        let fd = bind(root, Path::new("/sys"), Path::new("/sys"), true)?;
        set_attrs(&fd_path(&fd), ATTR_RDONLY, 0, true)
            .map_err(|e| format!("making /sys read-only: {e}"))?;
    } else {
        // cgroup2 cannot be mounted everywhere (hybrid hosts, some user namespaces): skip then.
        let _ = mount_fs(root, "/sys/fs/cgroup", "cgroup2", sys_flags, None);
    }
    let etc = [
        (&spec.etc_files.hosts, "/etc/hosts"),
        (&spec.etc_files.hostname, "/etc/hostname"),
        (&spec.etc_files.resolv_conf, "/etc/resolv.conf"),
    ];
    for (file, target) in etc {
        if let Some(f) = file {
            bind(root, f, Path::new(target), false)?;
        }
    }
    Ok(())
}

/// `--ipc container:X`: mounts X's /dev/shm on the container's. A bind from another mount
/// namespace is refused, so the init enters X's (`ns`, where "/" is X's root), clones the mount
/// there (open_tree), comes back and attaches the clone (move_mount).
fn shared_shm(root: RawFd, ns: &Path) -> Result<(), String> {
    const OPEN_TREE_CLONE: libc::c_uint = 1;
    const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x4;
    const MOVE_MOUNT_T_EMPTY_PATH: libc::c_uint = 0x40;
    let open = |p: &Path| {
        std::fs::File::open(p)
            .map(OwnedFd::from)
            .map_err(|e| format!("opening {}: {e}", p.display()))
    };
    let ours = open(Path::new("/proc/self/ns/mnt"))?;
    let theirs = open(ns)?;
    let dest = ensure_in_root(root, Path::new("/dev/shm"), Kind::Dir)
        .map_err(|e| format!("creating /dev/shm: {e}"))?;
    nix::sched::setns(&theirs, nix::sched::CloneFlags::CLONE_NEWNS)
        .map_err(|e| format!("entering the IPC owner's mount namespace: {e}"))?;
    // SAFETY: open_tree on a constant path; the result is checked and owned below.
    let tree = unsafe {
        libc::syscall(
            libc::SYS_open_tree,
            libc::AT_FDCWD,
            c"/dev/shm".as_ptr(),
            OPEN_TREE_CLONE
                | libc::O_CLOEXEC as libc::c_uint
                | libc::AT_SYMLINK_NOFOLLOW as libc::c_uint,
        )
    };
    let cloned = std::io::Error::last_os_error();
    nix::sched::setns(&ours, nix::sched::CloneFlags::CLONE_NEWNS)
        .map_err(|e| format!("returning to the container's mount namespace: {e}"))?;
    if tree < 0 {
        return Err(format!("cloning the IPC owner's /dev/shm: {cloned}"));
    }
    // SAFETY: a fresh descriptor from open_tree.
    let tree = unsafe { OwnedFd::from_raw_fd(tree as RawFd) };
    // SAFETY: move_mount between two descriptors we own, with empty paths.
    let moved = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            tree.as_raw_fd(),
            c"".as_ptr(),
            dest.as_raw_fd(),
            c"".as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH,
        )
    };
    if moved < 0 {
        return Err(format!(
            "mounting the IPC owner's /dev/shm: {}",
            std::io::Error::last_os_error()
        ));
    }
    Ok(())
}

fn user_mounts(root: RawFd, spec: &RuntimeSpec) -> Result<(), String> {
    for m in &spec.mounts {
        let opts =
            parse_options(&m.options).map_err(|e| format!("mount {}: {e}", m.destination))?;
        let dest = Path::new(&m.destination);
        refuse_proc(root, dest)?;
        match m.kind {
            MountKind::Bind => {
                if !m.source.exists() {
                    return Err(format!(
                        "bind mount source {} does not exist: create it or fix the -v/--mount path",
                        m.source.display()
                    ));
                }
                let fd = bind(root, &m.source, dest, opts.recursive)?;
                if opts.attrs != 0 {
                    set_attrs(&fd_path(&fd), opts.attrs, 0, opts.recursive)
                        .map_err(|e| format!("setting options on {}: {e}", m.destination))?;
                }
            }
            MountKind::Tmpfs => {
                let data = if opts.data.is_empty() {
                    "mode=1777".to_string()
                } else {
                    opts.data.clone()
                };
                let fd = ensure_in_root(root, dest, Kind::Dir)
                    .map_err(|e| format!("creating {}: {e}", m.destination))?;
                mount_at(
                    Some(Path::new("tmpfs")),
                    &fd_path(&fd),
                    Some("tmpfs"),
                    MsFlags::empty(),
                    Some(&data),
                    &m.destination,
                )?;
                if opts.attrs != 0 {
                    let fd = resolve_in_root(root, dest)
                        .map_err(|e| format!("{}: {e}", m.destination))?;
                    set_attrs(&fd_path(&fd), opts.attrs, 0, false)
                        .map_err(|e| format!("setting options on {}: {e}", m.destination))?;
                }
            }
        }
    }
    Ok(())
}

fn pivot(root: &Path) -> Result<(), String> {
    std::env::set_current_dir(root).map_err(|e| format!("entering {}: {e}", root.display()))?;
    // SAFETY: pivot_root(".", ".") stacks the old root on the new one; we detach it next.
    if unsafe { libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) } < 0 {
        return Err(format!("pivot_root: {}", std::io::Error::last_os_error()));
    }
    nix::mount::umount2(".", nix::mount::MntFlags::MNT_DETACH)
        .map_err(|e| format!("detaching the old root: {e}"))?;
    std::env::set_current_dir("/").map_err(|e| format!("chdir /: {e}"))
}

fn mask_paths(spec: &RuntimeSpec) -> Result<(), String> {
    for p in &spec.masked_paths {
        let path = Path::new(p);
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        let r = if meta.is_dir() {
            mount_at(
                Some(Path::new("tmpfs")),
                path,
                Some("tmpfs"),
                MsFlags::MS_RDONLY,
                Some("size=0"),
                p,
            )
        } else {
            mount_at(
                Some(Path::new("/dev/null")),
                path,
                None,
                MsFlags::MS_BIND,
                None,
                p,
            )
        };
        r?;
    }
    for p in &spec.readonly_paths {
        let path = Path::new(p);
        if !path.exists() {
            continue;
        }
        mount_at(
            Some(path),
            path,
            None,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None,
            p,
        )?;
        set_attrs(path, ATTR_RDONLY, 0, true).map_err(|e| format!("making {p} read-only: {e}"))?;
    }
    Ok(())
}

fn loopback_up() -> std::io::Result<()> {
    // SAFETY: plain socket/ioctl calls on a zeroed ifreq naming "lo".
    unsafe {
        let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if s < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let s = OwnedFd::from_raw_fd(s);
        let mut ifr: libc::ifreq = std::mem::zeroed();
        for (i, b) in b"lo".iter().enumerate() {
            ifr.ifr_name[i] = *b as libc::c_char;
        }
        if libc::ioctl(s.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        ifr.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        if libc::ioctl(s.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Opens a pty in the container's devpts, makes it the controlling terminal on 0, 1 and 2 and
/// sends the master to the parent.
fn make_pty(sync_fd: RawFd, uid: u32) -> std::io::Result<()> {
    let err = std::io::Error::last_os_error;
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
        let unlock: libc::c_int = 0;
        if libc::ioctl(m, libc::TIOCSPTLCK, &unlock) < 0 {
            return Err(err());
        }
        let s = libc::ioctl(m, libc::TIOCGPTPEER, libc::O_RDWR | libc::O_NOCTTY);
        if s < 0 {
            return Err(err());
        }
        let slave = OwnedFd::from_raw_fd(s);
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
        sync::send_pty(sync_fd, master.as_fd()).map_err(std::io::Error::from)?;
        drop(slave);
    }
    Ok(())
}

fn environment(process: &ProcessSpec, hostname: &str, home: &str) -> Vec<String> {
    let mut env = process.env.clone();
    let has = |env: &[String], k: &str| {
        env.iter()
            .any(|e| e.split_once('=').map(|(n, _)| n == k).unwrap_or(false))
    };
    if !has(&env, "PATH") {
        env.push(format!("PATH={DEFAULT_PATH}"));
    }
    if !has(&env, "HOSTNAME") {
        env.push(format!("HOSTNAME={hostname}"));
    }
    if !has(&env, "HOME") {
        env.push(format!("HOME={home}"));
    }
    if process.terminal && !has(&env, "TERM") {
        env.push("TERM=xterm".into());
    }
    env
}

fn prctl(op: libc::c_int, arg: libc::c_ulong) -> std::io::Result<()> {
    // SAFETY: prctl with integer arguments.
    if unsafe { libc::prctl(op, arg, 0, 0, 0) } < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn drop_privileges(mask: u64, who: &user::ResolvedUser) -> Result<(), String> {
    for cap in 0..64u64 {
        if mask & (1 << cap) == 0 {
            if let Err(e) = prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong) {
                if e.raw_os_error() == Some(libc::EINVAL) {
                    break; // past the kernel's last capability
                }
                return Err(format!(
                    "dropping capability {cap} from the bounding set: {e}"
                ));
            }
        }
    }
    prctl(libc::PR_SET_KEEPCAPS, 1).map_err(|e| format!("PR_SET_KEEPCAPS: {e}"))?;
    let setgroups_allowed = std::fs::read_to_string("/proc/self/setgroups")
        .map(|s| s.trim() != "deny")
        .unwrap_or(true);
    if setgroups_allowed {
        let groups: Vec<nix::unistd::Gid> = who
            .groups
            .iter()
            .map(|g| nix::unistd::Gid::from_raw(*g))
            .collect();
        nix::unistd::setgroups(&groups)
            .map_err(|e| format!("setting supplementary groups {:?}: {e}", who.groups))?;
    }
    let (g, u) = (
        nix::unistd::Gid::from_raw(who.gid),
        nix::unistd::Uid::from_raw(who.uid),
    );
    nix::unistd::setresgid(g, g, g).map_err(|e| unmapped("group", who.gid, e))?;
    nix::unistd::setresuid(u, u, u).map_err(|e| unmapped("user", who.uid, e))?;
    capset(mask).map_err(|e| format!("setting capabilities: {e}"))?;
    // SAFETY: clears the ambient set; no pointers.
    unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL,
            0,
            0,
            0,
        )
    };
    Ok(())
}

fn unmapped(what: &str, id: u32, e: nix::Error) -> String {
    if e == nix::Error::EINVAL {
        format!("{what} id {id} is not mapped in the user namespace: add subordinate ids for your user in /etc/subuid and /etc/subgid")
    } else {
        format!("switching to {what} id {id}: {e}")
    }
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

fn capset(mask: u64) -> std::io::Result<()> {
    let header = CapHeader {
        version: 0x2008_0522,
        pid: 0,
    };
    let lo = mask as u32;
    let hi = (mask >> 32) as u32;
    let data = [
        CapData {
            effective: lo,
            permitted: lo,
            inheritable: 0,
        },
        CapData {
            effective: hi,
            permitted: hi,
            inheritable: 0,
        },
    ];
    // SAFETY: version-3 header and two data structs, as capset(2) expects.
    if unsafe { libc::syscall(libc::SYS_capset, &header as *const CapHeader, data.as_ptr()) } < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// Execs `args` with a `PATH` search like execvp (under the init for [`Launch::UnderInit`]);
/// returns the failure when nothing could run.
fn exec(args: &[String], env: &[String], launch: Launch) -> Failure {
    let Some(cmd) = args.first() else {
        return (
            FailureKind::Setup,
            "no command specified: give one on the command line or set Cmd/Entrypoint in the image"
                .into(),
        );
    };
    let to_c = |s: &str| CString::new(s.as_bytes());
    let mut argv: Vec<&str> = Vec::with_capacity(args.len() + 2);
    if launch == Launch::UnderInit {
        argv.extend([INIT_PATH, "--"]);
    }
    argv.extend(args.iter().map(String::as_str));
    let cargs: Vec<CString> = match argv.into_iter().map(to_c).collect() {
        Ok(a) => a,
        Err(_) => return (FailureKind::Setup, "an argument contains a NUL byte".into()),
    };
    let cenv: Vec<CString> = env.iter().filter_map(|e| to_c(e).ok()).collect();
    let execve = |path: &Path| -> nix::Error {
        match CString::new(path.as_os_str().as_encoded_bytes()) {
            Ok(p) => match nix::unistd::execve(&p, &cargs, &cenv) {
                Err(e) => e,
                Ok(never) => match never {},
            },
            Err(_) => nix::Error::EINVAL,
        }
    };
    match launch {
        Launch::Direct => match locate(cmd, env, |p| Err(execve(p))) {
            Err(f) => f,
            Ok(()) => (FailureKind::Setup, format!("exec: {cmd:?}: returned")),
        },
        // The init execs the command itself; finding it first keeps docker's 126/127 errors.
        Launch::UnderInit => match locate(cmd, env, runnable) {
            Err(f) => f,
            Ok(()) => (
                FailureKind::Setup,
                format!(
                    "starting the init {INIT_PATH}: {}",
                    describe(execve(Path::new(INIT_PATH)))
                ),
            ),
        },
    }
}

/// Whether `path` is a file this process may execute (the checks execve makes first).
fn runnable(path: &Path) -> Result<(), nix::Error> {
    nix::unistd::access(path, nix::unistd::AccessFlags::X_OK)?;
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(_) => Err(nix::Error::EACCES),
        Err(e) => Err(nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO))),
    }
}

/// Finds `cmd` like execvp: `attempt` is tried on the command itself when it has a `/`, else on
/// each `PATH` entry, until it succeeds. Returns docker's not-found / not-executable failure.
fn locate(
    cmd: &str,
    env: &[String],
    mut attempt: impl FnMut(&Path) -> Result<(), nix::Error>,
) -> Result<(), Failure> {
    let not_exec = |e: nix::Error| {
        (
            FailureKind::NotExecutable,
            format!("exec: {cmd:?}: {}", describe(e)),
        )
    };
    if cmd.contains('/') {
        return match attempt(Path::new(cmd)) {
            Ok(()) => Ok(()),
            Err(nix::Error::ENOENT | nix::Error::ENOTDIR) => Err((
                FailureKind::NotFound,
                format!("exec: {cmd:?}: stat {cmd}: no such file or directory"),
            )),
            Err(e) => Err(not_exec(e)),
        };
    }
    let path_var = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(DEFAULT_PATH);
    let mut denied = None;
    for dir in path_var.split(':').filter(|d| !d.is_empty()) {
        match attempt(&PathBuf::from(dir).join(cmd)) {
            Ok(()) => return Ok(()),
            Err(nix::Error::ENOENT | nix::Error::ENOTDIR | nix::Error::ELOOP) => {}
            Err(nix::Error::EACCES) => denied = Some(nix::Error::EACCES),
            Err(e) => return Err(not_exec(e)),
        }
    }
    Err(match denied {
        Some(e) => not_exec(e),
        None => (
            FailureKind::NotFound,
            format!("exec: {cmd:?}: executable file not found in $PATH"),
        ),
    })
}

fn describe(e: nix::Error) -> String {
    match e {
        nix::Error::EACCES => "permission denied".into(),
        nix::Error::EISDIR => "is a directory".into(),
        nix::Error::ENOEXEC => "exec format error".into(),
        other => other.desc().to_lowercase(),
    }
}
