//! Starting the container's process for the monitor: builds the runtime spec from the stored
//! configuration and calls the runtime, wiring the container's streams back to the monitor.

use std::os::fd::{AsRawFd, OwnedFd};

use super::network::{self, Connection};
use super::rows::ContainerRecord;
use super::spec::{runtime_spec, wanted_limits, SpecPaths};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::runtime::{self, CgroupSpec, DeviceCgroupSpec, Stdio};

/// How the monitor wants the container's standard streams.
pub(crate) struct ContainerStdio {
    /// The caller's stdin (attached `-i`), else /dev/null.
    pub stdin: Option<OwnedFd>,
    /// `-t`: a pseudo terminal.
    pub tty: bool,
    /// How many of the monitor's descriptors from 3 on the process gets (`--preserve-fds`).
    pub preserved_fds: u32,
}

/// A started container process and the monitor's ends of its streams.
pub(crate) struct Spawned {
    /// Host pid of the container's first process.
    pub pid: i32,
    /// The pty master (with a tty).
    pub pty_master: Option<OwnedFd>,
    /// Read end of the container's stdout (no tty).
    pub stdout: Option<OwnedFd>,
    /// Read end of the container's stderr (no tty).
    pub stderr: Option<OwnedFd>,
    /// The container's cgroup, removed after it exits.
    pub cgroup: Option<CgroupSpec>,
    /// Its device cgroup (root), released after it exits.
    pub device_cgroup: Option<DeviceCgroupSpec>,
    /// The container's network helper, taken down after it exits.
    pub network: Option<Connection>,
    /// Its mount namespace, when it shares a PID namespace (see the runtime's `Spawned`).
    pub mnt_ns: Option<OwnedFd>,
    /// The write end of the container's stdin when it has `-i` and no caller attached from
    /// the start (non-blocking): input from attach clients goes there.
    pub stdin: Option<OwnedFd>,
}

impl Spawned {
    /// Takes down what the container ran with once its process has been reaped: its cgroups
    /// ([`runtime::cgroups::release`]) and its network helper.
    pub(crate) fn release(&mut self) {
        runtime::cgroups::release(self.cgroup.as_ref(), self.device_cgroup.as_ref());
        if let Some(n) = self.network.take() {
            n.close();
        }
    }
}

/// The container's own cgroup with its limits, when the host can give it one.
pub(crate) fn cgroup_for(rec: &ContainerRecord) -> Option<CgroupSpec> {
    let parent = &rec.config.resources.cgroup_parent;
    runtime::cgroups::container_cgroup(
        &rec.id,
        parent,
        wanted_limits(&rec.config),
        rec.config.stop_timeout,
    )
    .ok()
}

/// Starts the container's command; fails with 127/126-class errors when it cannot run.
pub(crate) fn spawn(
    engine: &mut Engine,
    rec: &ContainerRecord,
    stdio: ContainerStdio,
) -> Result<Spawned> {
    let dir = engine.container_dir(&rec.id);
    let volumes_dir = engine.paths().volumes();
    let mut owner = |mode: &str, what: &str| match mode.strip_prefix("container:") {
        Some(other) => engine.joined_container_pid(other, what).map(Some),
        None => Ok(None),
    };
    let pid_owner = owner(&rec.config.pid_mode, "PID")?;
    let ipc_owner = owner(&rec.config.ipc_mode, "IPC")?;
    let uts_owner = owner(&rec.config.uts_mode, "UTS")?;
    let userns_owner = owner(&rec.config.userns.mode, "user")?;
    let layer_dirs = super::userns_mode::layer_dirs(engine, rec, &dir)?;
    make_bind_sources(&rec.config.mounts)?;
    if super::passwd::accounts_wanted(&rec.config) {
        let mut passwd_lines = rec.config.passwd_entries.clone();
        let mut group_lines = Vec::new();
        if let Some((p, g)) = super::userns_mode::keep_id_account_lines(rec) {
            passwd_lines.push(p);
            group_lines.push(g);
        }
        let accounts = super::passwd::Accounts {
            passwd_lines: &passwd_lines,
            group_lines: &group_lines,
            default_user: (!rec.config.no_passwd)
                .then_some((rec.config.user.as_str(), rec.config.working_dir.as_str())),
        };
        // A --rootfs container's files are its directory's (below its overlay with `:O`).
        let rootfs: Vec<_> = rec.config.rootfs.iter().map(|r| r.path.clone()).collect();
        let lower = if rootfs.is_empty() {
            &layer_dirs
        } else {
            &rootfs
        };
        let userdata = dir.join("userdata");
        // A container with a mapping of its own: its files belong to its root.
        let owner = rec
            .config
            .userns
            .map
            .as_ref()
            .map(super::userns_mode::root_owner);
        super::passwd::write_account_files(lower, &dir.join("upper"), &userdata, &accounts, owner)
            .map_err(|e| Error::Runtime(format!("writing the container's /etc/passwd: {e}")))?;
    }
    let paths = SpecPaths {
        container_dir: &dir,
        volumes_dir: &volumes_dir,
        layer_dirs,
        init: match (&rec.config.init, &rec.config.init_path) {
            (false, _) => None,
            (true, Some(p)) => Some(p.into()),
            (true, None) => Some(super::init_binary::install(&engine.paths().root)?),
        },
        net_join: net_join(engine, rec)?,
        pid_owner,
        ipc_owner,
        uts_owner,
        userns_owner,
        volume_sources: crate::volume::volume_sources(&volumes_dir, &rec.config.mounts),
    };
    let helper = network::helper_of(&rec.config);
    // Only a container created on a user-defined network has memberships: the others start
    // without a catalog query (the monitor holds no catalog connection here).
    let user_networks = match &paths.net_join {
        Some(_) => Vec::new(),
        None if !network::on_user_network(&rec.config) => Vec::new(),
        None => {
            let list = crate::networks::attach::attachments(engine.catalog()?.conn(), &rec.id)?;
            // The monitor keeps no catalog connection while its container runs.
            drop(engine.take_catalog());
            list
        }
    };
    let ports = if helper.is_some() || !user_networks.is_empty() {
        network::port_bindings(&rec.config)?
    } else {
        Vec::new()
    };
    let runroot = engine.paths().runroot.clone();
    let mut connection: Option<Connection> = None;
    let mut connect = |pid: i32| -> Result<()> {
        if let Some(h) = helper {
            let mac = Some(rec.config.mac_address.as_str()).filter(|m| !m.is_empty());
            let c = network::connect(&runroot, &rec.id, h, pid, &ports, mac)?;
            if let Err(e) = network::connect_extra(&runroot, &rec.id, pid, &user_networks) {
                c.close();
                return Err(e);
            }
            connection = Some(c);
        } else if !user_networks.is_empty() {
            connection = Some(network::connect_user(
                &runroot,
                &rec.id,
                pid,
                &user_networks,
                &ports,
            )?);
        }
        Ok(())
    };
    let id_map = runtime::userns::in_userns().then(runtime::userns::current_id_map);
    let cgroup = cgroup_for(rec);
    let mut spec = runtime_spec(&rec.id, &rec.config, &paths, id_map, cgroup.clone())?;
    spec.process.preserve_fds = stdio.preserved_fds;
    super::secrets::apply_secrets(&mut spec, paths.container_dir, &rec.config)?;
    spec.device_cgroup =
        super::device_policy::device_cgroup(&rec.id, &rec.config, cgroup.as_ref())?;
    let device_cgroup = spec.device_cgroup.clone();
    let pipe = || {
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
            .map_err(|e| Error::Runtime(format!("pipe: {e}")))
    };
    if stdio.tty {
        let s = runtime::spawn_connected(&spec, Stdio::Pty, &mut connect)?;
        return Ok(Spawned {
            pid: s.pid,
            pty_master: s.pty_master,
            stdout: None,
            stderr: None,
            cgroup,
            device_cgroup,
            network: connection,
            mnt_ns: s.mnt_ns,
            stdin: None,
        });
    }
    let mut held_stdin = None;
    let stdin = match stdio.stdin {
        Some(fd) => fd,
        None if rec.config.open_stdin => {
            let (r, w) = pipe()?;
            nix::fcntl::fcntl(
                w.as_raw_fd(),
                nix::fcntl::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
            )
            .map_err(|e| Error::Runtime(format!("stdin pipe: {e}")))?;
            held_stdin = Some(w);
            r
        }
        None => std::fs::File::open("/dev/null").at("/dev/null")?.into(),
    };
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let s = runtime::spawn_connected(
        &spec,
        Stdio::Fds {
            stdin,
            stdout: out_w,
            stderr: err_w,
        },
        &mut connect,
    )?;
    Ok(Spawned {
        pid: s.pid,
        pty_master: None,
        stdout: Some(out_r),
        stderr: Some(err_r),
        cgroup,
        device_cgroup,
        network: connection,
        mnt_ns: s.mnt_ns,
        stdin: held_stdin,
    })
}

/// Makes the missing host directories of `-v` binds, at each start as docker's daemon does: mode
/// 0755 less the umask, owned by the caller (the user who runs a rootless container).
fn make_bind_sources(mounts: &[super::MountConfig]) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    for m in mounts.iter().filter(|m| m.create_source) {
        if std::path::Path::new(&m.source).exists() {
            continue;
        }
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o755)
            .create(&m.source)
            .map_err(|e| {
                Error::InvalidArgument(format!(
                    "cannot create the bind source directory {}: {e}; create it first",
                    m.source
                ))
            })?;
    }
    Ok(())
}

/// The network namespace a `--network container:ID` or `ns:PATH` container joins.
fn net_join(engine: &mut Engine, rec: &ContainerRecord) -> Result<Option<std::path::PathBuf>> {
    let mode = &rec.config.network_mode;
    if let Some(path) = mode.strip_prefix("ns:") {
        return Ok(Some(path.into()));
    }
    let Some(other) = mode.strip_prefix("container:") else {
        return Ok(None);
    };
    let pid = engine.network_owner_pid(other);
    // The monitor keeps no catalog connection while its container runs.
    drop(engine.take_catalog());
    Ok(Some(format!("/proc/{}/ns/net", pid?).into()))
}
