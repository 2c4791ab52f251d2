//! The data the runtime needs to create one container. Everything here is plain data
//! (serde-serialisable, stored in the catalog as JSON); the syscalls live in the sibling modules.

use std::os::fd::OwnedFd;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything needed to start a container's init process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuntimeSpec {
    /// The container id (names the cgroup and appears in error messages).
    pub id: String,
    /// Where the root file system comes from.
    pub rootfs: Rootfs,
    /// The command to run and how to run it.
    pub process: ProcessSpec,
    /// The container's host name (set in its own UTS namespace).
    pub hostname: String,
    /// The container's NIS domain name (`--domainname`, set with the host name; empty: none).
    #[serde(default)]
    pub domainname: String,
    /// User mounts (binds, volumes, tmpfs), mounted in order after the defaults.
    pub mounts: Vec<MountSpec>,
    /// Network namespace choice.
    pub network: NetworkMode,
    /// Mount the root file system read-only (`--read-only`).
    pub read_only: bool,
    /// `--privileged`: no masked or read-only paths, all capabilities, no seccomp.
    pub privileged: bool,
    /// The user namespace mapping the container runs under (filled from [`super::userns`]);
    /// `None` when running as real root with no user namespace.
    pub id_map: Option<IdMap>,
    /// Paths hidden from the container (`/dev/null` over files, an empty read-only tmpfs over
    /// directories). See [`default_masked_paths`].
    pub masked_paths: Vec<String>,
    /// Paths made read-only inside the container. See [`default_readonly_paths`].
    pub readonly_paths: Vec<String>,
    /// Extra host devices (`--device`), bind-mounted into the container's /dev.
    pub devices: Vec<DeviceSpec>,
    /// Prepared /etc files the init bind-mounts over the rootfs's own.
    pub etc_files: EtcFiles,
    /// The container's own cgroup, when one can be created (see [`super::cgroups`]).
    pub cgroup: Option<CgroupSpec>,
    /// Size of /dev/shm in bytes (docker's default is 64 MiB).
    pub shm_size: u64,
    /// `--init`: the host path of an init executable, bind-mounted read-only at
    /// [`INIT_PATH`]; it runs as PID 1 with the process as its child.
    pub init: Option<PathBuf>,
    /// `--sysctl` values for the container's own namespaces, written under /proc/sys before
    /// it is made read-only: `("net.ipv4.ip_forward", "1")`.
    #[serde(default)]
    pub sysctls: Vec<(String, String)>,
    /// `--pid`: a namespace of its own, the caller's (`host`), or another container's.
    #[serde(default)]
    pub pid: NamespaceMode,
    /// `--ipc`: a namespace of its own, the caller's (`host`), or another container's.
    #[serde(default)]
    pub ipc: NamespaceMode,
    /// `--uts host`: the caller's UTS namespace (the host name is left alone).
    #[serde(default)]
    pub uts: NamespaceMode,
    /// `--cgroupns host`: the caller's cgroup namespace.
    #[serde(default)]
    pub cgroupns: NamespaceMode,
    /// Systemd mode: the cgroup file system is mounted writable (only ever with a cgroup
    /// namespace of the container's own, where it sees its own cgroup alone).
    #[serde(default)]
    pub cgroup_writable: bool,
    /// What is mounted on /dev/shm.
    #[serde(default)]
    pub shm: ShmMode,
    /// `--oom-score-adj`: written to /proc/self/oom_score_adj before the command starts.
    #[serde(default)]
    pub oom_score_adj: Option<i32>,
    /// `--userns`: a user namespace of the container's own with this mapping (ids of the
    /// caller's namespace); `None` runs it in the caller's.
    #[serde(default)]
    pub userns: Option<IdMap>,
    /// `--userns ns:PATH` (as root): the user namespace to join instead of making one
    /// (`userns` then holds its mapping).
    #[serde(default)]
    pub userns_join: Option<PathBuf>,
    /// The devices a root container may use; `None` (rootless, `--privileged`) leaves them as
    /// the caller has them.
    #[serde(default)]
    pub device_cgroup: Option<DeviceCgroupSpec>,
}

/// A root container's device cgroup: its allow list (everything else is denied) and where it
/// is enforced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceCgroupSpec {
    /// The allow list (see [`super::cgroups::devices`]).
    pub allow: Vec<super::cgroups::devices::DeviceRule>,
    /// The cgroup v1 devices group to create and join; `None`: a program on the container's
    /// cgroup v2 ([`RuntimeSpec::cgroup`]).
    pub v1_group: Option<PathBuf>,
}

/// Whether the container gets a namespace of its own (the default) or shares one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NamespaceMode {
    /// A new namespace.
    #[default]
    Private,
    /// The caller's own namespace (not unshared).
    Host,
    /// The namespace at this path (`/proc/PID/ns/pid` of another container).
    Join(PathBuf),
}

/// The container's /dev/shm.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShmMode {
    /// A tmpfs of `shm_size` bytes.
    #[default]
    Tmpfs,
    /// `--ipc none`: nothing.
    None,
    /// A bind mount of this directory (the host's /dev/shm).
    Bind(PathBuf),
    /// Another container's /dev/shm, taken from its mount namespace (`/proc/PID/ns/mnt`).
    FromNamespace(PathBuf),
}

/// Whether `key` is a sysctl of a namespace the container has its own copy of (docker's list):
/// the IPC namespace's `kernel.msg*`, `kernel.sem`, `kernel.shm*`, `fs.mqueue.*`, and the
/// network namespace's `net.*`. Others would change the host: they are refused.
pub fn namespaced_sysctl(key: &str) -> Option<&'static str> {
    let ipc = key.starts_with("kernel.msg")
        || key == "kernel.sem"
        || key.starts_with("kernel.shm")
        || key.starts_with("fs.mqueue.");
    if ipc {
        Some("ipc")
    } else if key.starts_with("net.") {
        Some("net")
    } else {
        None
    }
}

/// Where an `--init` executable appears inside the container.
pub const INIT_PATH: &str = "/run/skiff-init";

/// The source of a container's root file system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rootfs {
    /// An image: overlay of the layer diff directories with a per-container upper directory.
    Image {
        /// Layer diff directories, top layer first (overlay `lowerdir` order).
        lower: Vec<PathBuf>,
        /// The container's writable layer.
        upper: PathBuf,
        /// Overlay's scratch directory (same file system as `upper`).
        work: PathBuf,
        /// Where the overlay is mounted.
        merged: PathBuf,
    },
    /// `--rootfs PATH`: the directory itself is the root; writes go to PATH.
    Dir {
        /// The root directory.
        path: PathBuf,
    },
    /// `--rootfs PATH:O`: PATH is the read-only lower layer of an overlay owned by the container.
    /// `PATH = /` gets a root assembled per top-level directory (see [`super::rootfs`]).
    DirOverlay {
        /// The lower directory (never written).
        path: PathBuf,
        /// The container's writable layer.
        upper: PathBuf,
        /// Overlay's scratch directory.
        work: PathBuf,
        /// Where the root is assembled.
        merged: PathBuf,
    },
}

/// The process the container runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessSpec {
    /// argv; `args[0]` is looked up in the container's `PATH` when it has no `/`.
    pub args: Vec<String>,
    /// Environment, `KEY=VALUE`.
    pub env: Vec<String>,
    /// Working directory inside the container (absolute; created when missing, as docker does).
    pub cwd: String,
    /// User as given: `""` (root), `name`, `uid`, `uid:gid`, `name:group`; resolved inside the
    /// container's rootfs by the init (see [`super::user`]).
    pub user: String,
    /// `--group-add`: extra groups by name or gid.
    pub additional_groups: Vec<String>,
    /// Give the process a pseudo terminal (`-t`).
    pub terminal: bool,
    /// The final capability set, e.g. `"CAP_CHOWN"` (see [`super::caps`]).
    pub capabilities: Vec<String>,
    /// Set `no_new_privs` before exec.
    pub no_new_privileges: bool,
    /// The seccomp filter to load.
    pub seccomp: SeccompMode,
    /// Resource limits (`--ulimit`).
    pub rlimits: Vec<Rlimit>,
    /// File mode creation mask; `None` means 0022.
    pub umask: Option<u32>,
    /// The execution domain set with `personality(2)` before exec (`--personality`); `None`
    /// keeps the runtime's.
    #[serde(default)]
    pub personality: Option<u64>,
    /// Default variables the runtime does not add (`PATH`, `HOSTNAME`, `TERM`, `HOME`;
    /// `*`: none of them), podman's `--unsetenv` and `--unsetenv-all`.
    #[serde(default)]
    pub unset_env: Vec<String>,
    /// podman's `--preserve-fds N`: the caller's descriptors 3 to 2+N, which the process
    /// inherited open, stay open in the command (all others above 2 close at its exec).
    #[serde(default)]
    pub preserve_fds: u32,
    /// The terminal's window size (rows, columns) from the process's start, with `terminal`
    /// (OCI's `consoleSize`): set on the pty before the command runs.
    #[serde(default)]
    pub console_size: Option<(u16, u16)>,
}

impl Default for ProcessSpec {
    fn default() -> Self {
        ProcessSpec {
            args: Vec::new(),
            env: Vec::new(),
            cwd: "/".into(),
            user: String::new(),
            additional_groups: Vec::new(),
            terminal: false,
            capabilities: super::caps::default_capabilities(),
            no_new_privileges: false,
            seccomp: SeccompMode::Default,
            rlimits: Vec::new(),
            umask: None,
            personality: None,
            unset_env: Vec::new(),
            preserve_fds: 0,
            console_size: None,
        }
    }
}

/// Which seccomp filter the process gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeccompMode {
    /// skiff's rendering of docker's default profile (see [`super::seccomp`]).
    Default,
    /// `--security-opt seccomp=unconfined`: no filter.
    Unconfined,
    /// `--security-opt seccomp=FILE`: a docker JSON profile.
    Profile(PathBuf),
}

/// One resource limit, `--ulimit nofile=1024:2048`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rlimit {
    /// Docker's name: `nofile`, `nproc`, `core`, `memlock`, ... (also accepted: `RLIMIT_NOFILE`).
    pub kind: String,
    /// Soft limit (`u64::MAX` = unlimited).
    pub soft: u64,
    /// Hard limit (`u64::MAX` = unlimited).
    pub hard: u64,
}

/// One mount requested by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountSpec {
    /// Absolute path inside the container.
    pub destination: String,
    /// What kind of mount.
    pub kind: MountKind,
    /// Host path for binds and volumes (volume: its `_data` directory); ignored for tmpfs.
    pub source: PathBuf,
    /// Options as docker/OCI spell them: `ro`, `rw`, `nosuid`, `nodev`, `noexec`, `size=64m`,
    /// `mode=1777`, `uid=N`, `gid=N`, `bind` (non-recursive bind; default is recursive).
    pub options: Vec<String>,
}

/// The kinds of user mounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MountKind {
    /// A host path (or a named volume's data directory), recursively bind-mounted.
    Bind,
    /// A fresh tmpfs.
    Tmpfs,
    /// podman's `O` volume option: an overlay whose lower layer is `source` (never written)
    /// and whose upper layer is the `upperdir=` option's directory (with `workdir=`), both
    /// emptied at each start, so the container's writes are thrown away.
    Overlay,
}

/// Network namespace choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NetworkMode {
    /// A new network namespace with only the loopback interface, up.
    None,
    /// Share the caller's network namespace (`--network host`).
    Host,
    /// A new network namespace that the caller connects (a helper) once it knows the init's
    /// pid: the init waits for the caller's go before it executes the command.
    Connected,
    /// Join the network namespace at this path (`/proc/PID/ns/net` of another container, or
    /// `--network ns:PATH`).
    Join(PathBuf),
}

/// A user namespace mapping.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IdMap {
    /// uid ranges.
    pub uids: Vec<IdRange>,
    /// gid ranges.
    pub gids: Vec<IdRange>,
}

impl IdMap {
    /// The map as newuidmap/newgidmap take it (`uids C:H:N,... gids C:H:N,...`), for errors.
    pub fn describe(&self) -> String {
        let f = |m: &[IdRange]| {
            m.iter()
                .map(|r| format!("{}:{}:{}", r.container, r.host, r.size))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!("uids {} gids {}", f(&self.uids), f(&self.gids))
    }
}

/// One line of /proc/PID/uid_map: `container host size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRange {
    /// First id inside the namespace.
    pub container: u32,
    /// First id outside.
    pub host: u32,
    /// Number of ids.
    pub size: u32,
}

impl IdRange {
    /// `size` ids from `container` inside the namespace, mapped to ids from `host` outside.
    pub const fn new(container: u32, host: u32, size: u32) -> Self {
        IdRange {
            container,
            host,
            size,
        }
    }
}

/// A host device exposed in the container (`--device /dev/fuse[:/dev/fuse]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSpec {
    /// The device node on the host.
    pub source: PathBuf,
    /// Its path inside the container (under /dev).
    pub destination: String,
    /// One of `--privileged`'s host devices: left out when it cannot be bound (a node the
    /// user cannot reach), where a `--device` the user asked for fails the start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// Files prepared by the engine (network crate) and bind-mounted by the init. `None` leaves the
/// rootfs's own file in place.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EtcFiles {
    /// Mounted on /etc/hosts.
    pub hosts: Option<PathBuf>,
    /// Mounted on /etc/hostname.
    pub hostname: Option<PathBuf>,
    /// Mounted on /etc/resolv.conf.
    pub resolv_conf: Option<PathBuf>,
    /// Mounted on /etc/passwd: the container's with the entries skiff adds.
    pub passwd: Option<PathBuf>,
    /// Mounted on /etc/group: the container's with the entries skiff adds.
    pub group: Option<PathBuf>,
}

/// The container's cgroup v2 directory and limits. Build it with
/// [`super::cgroups::container_cgroup`], which fails with "limits unavailable" when the host has no
/// usable delegated cgroup v2 subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CgroupSpec {
    /// The cgroup directory to create (e.g. `/sys/fs/cgroup/.../skiff-ID`).
    pub path: PathBuf,
    /// The interface files that set its limits, in order (`("memory.max", "67108864")`).
    pub limits: Vec<(String, String)>,
    /// The container's stop timeout in seconds. Rootless, when the user's manager stops the
    /// container's systemd scope (at logout or shutdown), it sends SIGTERM (not the container's
    /// stop signal: the monitor in the scope gets it too) and kills what is left after this
    /// long.
    #[serde(default = "default_stop_timeout")]
    pub stop_timeout: u32,
}

/// docker's default stop timeout, for a spec written without one.
fn default_stop_timeout() -> u32 {
    10
}

/// How the container's standard streams are connected. Not serialisable: it holds descriptors.
#[derive(Debug)]
pub enum Stdio {
    /// Use these descriptors as fd 0, 1 and 2.
    Fds {
        /// Becomes fd 0.
        stdin: OwnedFd,
        /// Becomes fd 1.
        stdout: OwnedFd,
        /// Becomes fd 2.
        stderr: OwnedFd,
    },
    /// Allocate a pseudo terminal in the container's devpts; the master comes back in
    /// [`Spawned::pty_master`].
    Pty,
}

/// A started container process.
#[derive(Debug)]
pub struct Spawned {
    /// The process id (in the caller's pid namespace) to `waitpid` on.
    pub pid: i32,
    /// The pty master, when [`Stdio::Pty`] was requested.
    pub pty_master: Option<OwnedFd>,
    /// The container's mount namespace, opened before its command started, when it shares a
    /// PID namespace: the processes to end with it. Held open, its inode number cannot be
    /// reused by another namespace.
    pub mnt_ns: Option<OwnedFd>,
}

/// docker's default masked paths.
pub fn default_masked_paths() -> Vec<String> {
    [
        "/proc/acpi",
        "/proc/asound",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/proc/sched_debug",
        "/proc/scsi",
        "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// docker's (and OCI's) default read-only paths.
pub fn default_readonly_paths() -> Vec<String> {
    [
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
        "/proc/sys",
        "/proc/sysrq-trigger",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The environment's default `PATH` when the image sets none.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// docker's default /dev/shm size: 64 MiB.
pub const DEFAULT_SHM_SIZE: u64 = 64 * 1024 * 1024;

impl RuntimeSpec {
    /// Whether the init waits for the caller's go before it executes the command: while the
    /// caller connects its network, or reads its mount namespace (a shared PID namespace).
    pub(crate) fn waits_for_go(&self) -> bool {
        self.network == NetworkMode::Connected || self.pid != NamespaceMode::Private
    }
}

#[cfg(test)]
impl RuntimeSpec {
    /// A container with its root in the directory `/r`, namespaces of its own and nothing
    /// optional: the runtime's unit tests start from it.
    pub(crate) fn for_test() -> Self {
        RuntimeSpec {
            id: "c".into(),
            rootfs: Rootfs::Dir {
                path: PathBuf::from("/r"),
            },
            process: ProcessSpec::default(),
            hostname: "h".into(),
            domainname: String::new(),
            mounts: Vec::new(),
            network: NetworkMode::None,
            read_only: false,
            privileged: false,
            id_map: None,
            masked_paths: default_masked_paths(),
            readonly_paths: default_readonly_paths(),
            devices: Vec::new(),
            etc_files: EtcFiles::default(),
            cgroup: None,
            shm_size: 65536,
            init: None,
            sysctls: Vec::new(),
            pid: NamespaceMode::Private,
            ipc: NamespaceMode::Private,
            uts: NamespaceMode::Private,
            cgroupns: NamespaceMode::Private,
            cgroup_writable: false,
            shm: ShmMode::Tmpfs,
            oom_score_adj: None,
            userns: None,
            userns_join: None,
            device_cgroup: None,
        }
    }
}
