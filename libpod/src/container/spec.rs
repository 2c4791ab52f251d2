//! Turns a container's stored configuration into the runtime's [`RuntimeSpec`] (pure: paths in,
//! spec out), each time it starts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::config::{ContainerConfig, MountKind as CfgMount};
use crate::error::Result;
use crate::runtime::{
    apply_cap_changes, caps, default_capabilities, default_masked_paths, default_readonly_paths,
    CgroupSpec, DeviceSpec, EtcFiles, IdMap, MountKind, MountSpec, NamespaceMode, NetworkMode,
    ProcessSpec, Rlimit, Rootfs, RuntimeSpec, SeccompMode, ShmMode, DEFAULT_SHM_SIZE,
};
use crate::volume_opts::VolumeSource;

/// Where a container's files live on the host.
pub struct SpecPaths<'a> {
    /// `<root>/storage/containers/<id>`.
    pub container_dir: &'a Path,
    /// `<root>/volumes`.
    pub volumes_dir: &'a Path,
    /// The image's layer diff directories, base first (empty for `--rootfs`).
    pub layer_dirs: Vec<PathBuf>,
    /// The init executable for `--init` containers.
    pub init: Option<PathBuf>,
    /// The network namespace to join (`--network container:` or `ns:`), resolved by the caller.
    pub net_join: Option<PathBuf>,
    /// The pid of the running container whose PID namespace `--pid container:` joins.
    pub pid_owner: Option<i32>,
    /// The pid of the running container whose IPC namespace `--ipc container:` joins.
    pub ipc_owner: Option<i32>,
    /// With `--uts container:ID` (a pod member): the pid whose UTS namespace it joins.
    pub uts_owner: Option<i32>,
    /// With `--userns container:ID` (root; a member of a pod with `--userns`): the pid whose
    /// user namespace it joins.
    pub userns_owner: Option<i32>,
    /// The volumes with `local` driver mount options, by name ([`crate::volume::volume_sources`]);
    /// the others mount their own directory.
    pub volume_sources: BTreeMap<String, VolumeSource>,
}

/// Mount `m`'s options with its volume's own (`o=...`), read-only when either says so.
fn with_volume_options(m: &crate::container::MountConfig, volume: &[String]) -> Vec<String> {
    let access = |o: &String| o == "ro" || o == "rw";
    let read_only = m.read_only || volume.iter().any(|o| o == "ro");
    let mut all: Vec<String> = volume
        .iter()
        .chain(&m.options)
        .filter(|o| !access(o))
        .cloned()
        .collect();
    all.push(if read_only { "ro" } else { "rw" }.to_string());
    all
}

/// The container's `--ulimit`s as the runtime sets them (-1: unlimited): its init's, and
/// every `exec`'s and healthcheck's, as docker's exec runs under the container's limits.
pub(crate) fn process_rlimits(c: &ContainerConfig) -> Vec<Rlimit> {
    let unlimited = |v: i64| if v < 0 { u64::MAX } else { v as u64 };
    c.ulimits
        .iter()
        .map(|u| Rlimit {
            kind: u.name.clone(),
            soft: unlimited(u.soft),
            hard: unlimited(u.hard),
        })
        .collect()
}

/// The capability set and seccomp mode of a container's processes (its first one and every
/// `exec`): docker's defaults adjusted by --cap-add/--cap-drop, --security-opt and --privileged.
pub(crate) fn process_security(c: &ContainerConfig) -> Result<(Vec<String>, SeccompMode)> {
    let capabilities = if c.privileged {
        caps::all_capabilities()
    } else {
        apply_cap_changes(&default_capabilities(), &c.cap_add, &c.cap_drop)?
    };
    let seccomp = match c.seccomp.as_deref() {
        _ if c.privileged => SeccompMode::Unconfined,
        Some("unconfined") => SeccompMode::Unconfined,
        Some(path) => SeccompMode::Profile(PathBuf::from(path)),
        None => SeccompMode::Default,
    };
    Ok((capabilities, seccomp))
}

/// Whether systemd mode's cgroup file system is writable for `c`: only in a cgroup namespace
/// of its own, and as root only without limits (its limits are on its own cgroup, which a root
/// container could then rewrite; a rootless one's are its user's to change anyway).
fn cgroup_writable(c: &ContainerConfig) -> bool {
    c.systemd
        && namespace(&c.cgroupns_mode, None, "cgroup") == NamespaceMode::Private
        && (crate::config::is_rootless() || wanted_limits(c).is_empty())
}

/// Builds the runtime spec of container `id`.
pub fn runtime_spec(
    id: &str,
    c: &ContainerConfig,
    paths: &SpecPaths<'_>,
    id_map: Option<IdMap>,
    cgroup: Option<CgroupSpec>,
) -> Result<RuntimeSpec> {
    let dir = paths.container_dir;
    let rootfs = match &c.rootfs {
        Some(r) if r.overlay => Rootfs::DirOverlay {
            path: r.path.clone(),
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: dir.join("merged"),
        },
        Some(r) => Rootfs::Dir {
            path: r.path.clone(),
        },
        None => Rootfs::Image {
            lower: paths.layer_dirs.iter().rev().cloned().collect(),
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: dir.join("merged"),
        },
    };
    let (capabilities, seccomp) = process_security(c)?;
    let rlimits = process_rlimits(c);
    let mounts: Vec<MountSpec> = c
        .mounts
        .iter()
        .map(|m| {
            let mut options: Vec<String> = m.options.clone();
            options.push(if m.read_only { "ro" } else { "rw" }.to_string());
            match m.kind {
                CfgMount::Bind => MountSpec {
                    destination: m.destination.clone(),
                    kind: MountKind::Bind,
                    source: PathBuf::from(&m.source),
                    options: options.into_iter().filter(|o| is_bind_option(o)).collect(),
                },
                CfgMount::Volume => match paths.volume_sources.get(&m.source) {
                    Some(VolumeSource::Tmpfs(extra)) => MountSpec {
                        destination: m.destination.clone(),
                        kind: MountKind::Tmpfs,
                        source: PathBuf::new(),
                        options: with_volume_options(m, extra),
                    },
                    Some(VolumeSource::Bind {
                        device,
                        options: extra,
                    }) => MountSpec {
                        destination: m.destination.clone(),
                        kind: MountKind::Bind,
                        source: PathBuf::from(device),
                        options: with_volume_options(m, extra)
                            .into_iter()
                            .filter(|o| is_bind_option(o))
                            .collect(),
                    },
                    Some(VolumeSource::Data) | None => MountSpec {
                        destination: m.destination.clone(),
                        kind: MountKind::Bind,
                        source: paths.volumes_dir.join(&m.source).join("_data"),
                        options: options.into_iter().filter(|o| is_bind_option(o)).collect(),
                    },
                },
                CfgMount::Tmpfs => MountSpec {
                    destination: m.destination.clone(),
                    kind: MountKind::Tmpfs,
                    source: PathBuf::new(),
                    options,
                },
            }
        })
        .enumerate()
        .map(|(i, m)| overlay_if_asked(m, &dir.join("volume-overlays").join(i.to_string())))
        .collect();
    let userdata = dir.join("userdata");
    Ok(RuntimeSpec {
        id: id.to_string(),
        rootfs,
        process: ProcessSpec {
            args: c.argv(),
            env: c.env.clone(),
            cwd: if c.working_dir.is_empty() {
                "/".to_string()
            } else {
                c.working_dir.clone()
            },
            user: c.user.clone(),
            additional_groups: c.group_add.clone(),
            terminal: c.tty,
            capabilities,
            no_new_privileges: c.no_new_privileges,
            seccomp,
            rlimits,
            umask: c.umask,
            personality: c.personality.as_deref().and_then(super::config::persona),
            unset_env: c.unsetenv.clone(),
            preserve_fds: 0,
            console_size: None,
        },
        hostname: c.hostname.clone(),
        domainname: c.domainname.clone(),
        mounts,
        network: match (c.network_mode.as_str(), &paths.net_join) {
            (_, Some(path)) => NetworkMode::Join(path.clone()),
            ("host", _) => NetworkMode::Host,
            ("none", _) => NetworkMode::None,
            _ => NetworkMode::Connected,
        },
        read_only: c.read_only,
        privileged: c.privileged,
        id_map,
        masked_paths: masked_paths(c),
        readonly_paths: readonly_paths(c),
        devices: devices(c),
        etc_files: EtcFiles {
            hosts: (!c.no_hosts).then(|| userdata.join("hosts")),
            hostname: Some(userdata.join("hostname")),
            resolv_conf: Some(userdata.join("resolv.conf")),
            passwd: super::passwd::account_file(c, &userdata, "passwd"),
            group: super::passwd::account_file(c, &userdata, "group"),
        },
        cgroup,
        shm_size: if c.shm_size > 0 {
            c.shm_size as u64
        } else {
            DEFAULT_SHM_SIZE
        },
        sysctls: c
            .sysctls
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        init: c.init.then(|| paths.init.clone()).flatten(),
        pid: namespace(&c.pid_mode, paths.pid_owner, "pid"),
        ipc: namespace(&c.ipc_mode, paths.ipc_owner, "ipc"),
        uts: namespace(&c.uts_mode, paths.uts_owner, "uts"),
        cgroupns: namespace(&c.cgroupns_mode, None, "cgroup"),
        cgroup_writable: cgroup_writable(c),
        oom_score_adj: (c.oom_score_adj != 0).then_some(c.oom_score_adj),
        userns: c.userns.map.clone(),
        userns_join: match (c.userns.mode.strip_prefix("ns:"), paths.userns_owner) {
            (Some(path), _) => Some(PathBuf::from(path)),
            (None, Some(pid)) => Some(format!("/proc/{pid}/ns/user").into()),
            (None, None) => None,
        },
        device_cgroup: None,
        shm: match (c.ipc_mode.as_str(), paths.ipc_owner) {
            ("host", _) => ShmMode::Bind("/dev/shm".into()),
            ("none", _) => ShmMode::None,
            (_, Some(pid)) => ShmMode::FromNamespace(format!("/proc/{pid}/ns/mnt").into()),
            _ => ShmMode::Tmpfs,
        },
    })
}

/// The runtime's choice for a `--pid`/`--ipc`/`--uts`/`--cgroupns` mode: `host`, another
/// container's (`owner`: its pid) or a namespace of its own.
fn namespace(mode: &str, owner: Option<i32>, ns: &str) -> NamespaceMode {
    match (mode, owner) {
        ("host", _) => NamespaceMode::Host,
        (_, Some(pid)) => NamespaceMode::Join(format!("/proc/{pid}/ns/{ns}").into()),
        _ => NamespaceMode::Private,
    }
}

/// A bind mount with podman's `O` option as the overlay the runtime mounts instead, its upper
/// and work directories under `dir` (the container's own); other mounts as they are.
fn overlay_if_asked(mut m: MountSpec, dir: &Path) -> MountSpec {
    if m.kind == MountKind::Bind && m.options.iter().any(|o| o == "O") {
        m.kind = MountKind::Overlay;
        m.options
            .retain(|o| o != "O" && o != "bind" && o != "rbind");
        m.options
            .push(format!("upperdir={}", dir.join("upper").display()));
        m.options
            .push(format!("workdir={}", dir.join("work").display()));
    }
    m
}

/// Options a bind mount understands (volume-flag extras such as `z` or `nocopy` are dropped).
fn is_bind_option(o: &str) -> bool {
    o.starts_with(super::options::SUBPATH)
        || matches!(
            o,
            "ro" | "rw"
                | "U"
                | "O"
                | "bind"
                | "rbind"
                | "private"
                | "rprivate"
                | "shared"
                | "rshared"
                | "slave"
                | "rslave"
                | super::options::RO_TOP_ONLY
        )
}

/// The cgroup interface files that set the limits the container asked for (empty: none).
pub fn wanted_limits(c: &ContainerConfig) -> Vec<(String, String)> {
    super::resources::cgroup_files(c, false, &crate::runtime::cgroups::block_device)
}

/// The paths masked in container `c` (none when privileged), as its inspect shows them.
/// The devices of container `c`: its `--device`s, and with `--privileged` every other device
/// node of the host's /dev ([`super::host_devices`]), bound where it can be.
fn devices(c: &ContainerConfig) -> Vec<DeviceSpec> {
    let mut out: Vec<DeviceSpec> = c
        .devices
        .iter()
        .map(|d| DeviceSpec {
            source: PathBuf::from(&d.path_on_host),
            destination: d.path_in_container.clone(),
            optional: false,
        })
        .collect();
    if c.privileged {
        let given: Vec<PathBuf> = out
            .iter()
            .map(|d| PathBuf::from(&d.destination))
            .chain(
                crate::runtime::mounts::plan::DEVICES
                    .iter()
                    .map(|d| Path::new("/dev").join(d)),
            )
            .collect();
        out.extend(
            super::host_devices::host_devices(Path::new("/dev"), &given)
                .into_iter()
                .map(|path| DeviceSpec {
                    destination: path.display().to_string(),
                    source: path,
                    optional: true,
                }),
        );
    }
    out
}

pub(crate) fn masked_paths(c: &ContainerConfig) -> Vec<String> {
    match &c.masked_paths {
        _ if c.privileged => Vec::new(),
        Some(paths) => paths.clone(),
        None => default_masked_paths(),
    }
}

/// The paths read-only in container `c` (none when privileged), as its inspect shows them.
pub(crate) fn readonly_paths(c: &ContainerConfig) -> Vec<String> {
    match &c.readonly_paths {
        _ if c.privileged => Vec::new(),
        Some(paths) => paths.clone(),
        None => default_readonly_paths(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::config::{MountConfig, RootfsSource};

    fn paths(dir: &Path) -> SpecPaths<'_> {
        SpecPaths {
            container_dir: dir,
            volumes_dir: Path::new("/vols"),
            layer_dirs: vec!["/l/base".into(), "/l/top".into()],
            init: Some("/lib/skiff-init".into()),
            net_join: None,
            pid_owner: None,
            ipc_owner: None,
            uts_owner: None,
            userns_owner: None,
            volume_sources: BTreeMap::new(),
        }
    }

    #[test]
    fn image_layers_are_top_first_and_volumes_bind_their_data() {
        let c = ContainerConfig {
            entrypoint: vec!["sh".into()],
            mounts: vec![MountConfig {
                kind: CfgMount::Volume,
                source: "data".into(),
                destination: "/d".into(),
                read_only: true,
                options: vec!["nocopy".into()],
                create_source: false,
            }],
            ..Default::default()
        };
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        match s.rootfs {
            Rootfs::Image { lower, .. } => {
                assert_eq!(lower, vec![PathBuf::from("/l/top"), "/l/base".into()])
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.mounts[0].source, PathBuf::from("/vols/data/_data"));
        assert_eq!(s.mounts[0].options, vec!["ro"]);
        assert_eq!(s.process.cwd, "/");
        assert_eq!(s.etc_files.hosts, Some(PathBuf::from("/c/userdata/hosts")));
    }

    #[test]
    fn volumes_with_driver_options_mount_a_tmpfs_or_their_device() {
        let volume = |name: &str, dst: &str| MountConfig {
            kind: CfgMount::Volume,
            source: name.into(),
            destination: dst.into(),
            read_only: false,
            options: vec![],
            create_source: false,
        };
        let c = ContainerConfig {
            entrypoint: vec!["sh".into()],
            mounts: vec![volume("t", "/t"), volume("b", "/b"), volume("plain", "/p")],
            ..Default::default()
        };
        let mut p = paths(Path::new("/c"));
        p.volume_sources
            .insert("t".into(), VolumeSource::Tmpfs(vec!["size=1m".into()]));
        p.volume_sources.insert(
            "b".into(),
            VolumeSource::Bind {
                device: "/srv/data".into(),
                options: vec!["ro".into()],
            },
        );
        let s = runtime_spec("x", &c, &p, None, None).unwrap();
        assert_eq!(s.mounts[0].kind, MountKind::Tmpfs);
        assert_eq!(s.mounts[0].options, vec!["size=1m", "rw"]);
        assert_eq!(
            (s.mounts[1].kind, s.mounts[1].source.clone()),
            (MountKind::Bind, PathBuf::from("/srv/data"))
        );
        assert_eq!(s.mounts[1].options, vec!["ro"], "the volume's o=ro holds");
        assert_eq!(s.mounts[2].source, PathBuf::from("/vols/plain/_data"));
    }

    #[test]
    fn rootfs_overlay_privileged_and_caps() {
        let mut c = ContainerConfig {
            entrypoint: vec!["id".into()],
            rootfs: Some(RootfsSource {
                path: "/".into(),
                overlay: true,
            }),
            cap_drop: vec!["ALL".into()],
            ..Default::default()
        };
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        assert!(matches!(s.rootfs, Rootfs::DirOverlay { .. }));
        assert!(s.process.capabilities.is_empty());
        assert!(!s.masked_paths.is_empty());
        c.privileged = true;
        c.rootfs = Some(RootfsSource {
            path: "/r".into(),
            overlay: false,
        });
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        assert!(matches!(s.rootfs, Rootfs::Dir { .. }));
        assert_eq!(s.process.seccomp, SeccompMode::Unconfined);
        assert!(s.masked_paths.is_empty());
    }

    #[test]
    fn namespace_modes_and_shm() {
        let mut c = ContainerConfig {
            entrypoint: vec!["id".into()],
            pid_mode: "host".into(),
            ipc_mode: "host".into(),
            uts_mode: "host".into(),
            cgroupns_mode: "host".into(),
            devices: vec![crate::container::config::DeviceConfig {
                path_on_host: "/dev/fuse".into(),
                path_in_container: "/dev/f".into(),
                cgroup_permissions: "rwm".into(),
            }],
            ..Default::default()
        };
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        assert_eq!(
            (&s.pid, &s.ipc, &s.uts, &s.cgroupns),
            (
                &NamespaceMode::Host,
                &NamespaceMode::Host,
                &NamespaceMode::Host,
                &NamespaceMode::Host
            )
        );
        assert_eq!(s.shm, ShmMode::Bind("/dev/shm".into()));
        assert_eq!(s.devices[0].source, PathBuf::from("/dev/fuse"));
        assert_eq!(s.devices[0].destination, "/dev/f");
        c.pid_mode = "container:abc".into();
        c.ipc_mode = "container:abc".into();
        c.uts_mode = String::new();
        c.cgroupns_mode = "private".into();
        let mut p = paths(Path::new("/c"));
        p.pid_owner = Some(42);
        p.ipc_owner = Some(43);
        let s = runtime_spec("x", &c, &p, None, None).unwrap();
        assert_eq!(s.pid, NamespaceMode::Join("/proc/42/ns/pid".into()));
        assert_eq!(s.ipc, NamespaceMode::Join("/proc/43/ns/ipc".into()));
        assert_eq!(
            (&s.uts, &s.cgroupns),
            (&NamespaceMode::Private, &NamespaceMode::Private)
        );
        assert_eq!(s.shm, ShmMode::FromNamespace("/proc/43/ns/mnt".into()));
        c.ipc_mode = "none".into();
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        assert_eq!((s.ipc, s.shm), (NamespaceMode::Private, ShmMode::None));
        c.ipc_mode = "shareable".into();
        let s = runtime_spec("x", &c, &paths(Path::new("/c")), None, None).unwrap();
        assert_eq!((s.ipc, s.shm), (NamespaceMode::Private, ShmMode::Tmpfs));
    }
}
