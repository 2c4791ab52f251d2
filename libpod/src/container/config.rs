//! A container's full configuration: the flags as given, merged with the image's defaults.
//! Stored as JSON in the catalog row and turned into a runtime spec at each start.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::health::config::{HealthConfig, OnFailure};
use super::sdnotify::SdNotifyMode;
use crate::runtime::IdMap;

/// Where the container's root file system comes from when it is not an image (`--rootfs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootfsSource {
    /// The directory given to `--rootfs`, made absolute.
    pub path: PathBuf,
    /// `:O` was given: `path` is the read-only lower layer of a per-container overlay.
    pub overlay: bool,
}

/// The kind of a mount in the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    /// A host path.
    Bind,
    /// A named (or anonymous) volume.
    Volume,
    /// A fresh tmpfs.
    Tmpfs,
}

impl MountKind {
    /// docker's name for the kind, as in `inspect`'s `Mounts[].Type`.
    pub fn as_str(self) -> &'static str {
        match self {
            MountKind::Bind => "bind",
            MountKind::Volume => "volume",
            MountKind::Tmpfs => "tmpfs",
        }
    }
}

/// One mount requested with `-v`, `--mount` or `--tmpfs` (or an image `VOLUME`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountConfig {
    /// Bind, volume or tmpfs.
    pub kind: MountKind,
    /// Host path (bind), volume name (volume, empty until an anonymous one is named), "" (tmpfs).
    pub source: String,
    /// Absolute path in the container.
    pub destination: String,
    /// Mounted read-only.
    pub read_only: bool,
    /// Extra options (tmpfs size/mode, bind propagation...), as given.
    pub options: Vec<String>,
    /// A bind given with `-v` (or the API's `Binds`): a missing host directory is made at each
    /// start, as docker's daemon does; `--mount type=bind` wants it to exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub create_source: bool,
}

/// The `personality(2)` value of an OCI execution domain (`--personality`): `LINUX` or
/// `LINUX32`, in any case; none for another.
pub fn persona(domain: &str) -> Option<u64> {
    match domain.to_ascii_uppercase().as_str() {
        "LINUX" => Some(0x0000),
        "LINUX32" => Some(0x0008),
        _ => None,
    }
}

/// Whether a number of seconds or milliseconds is zero: none (a `--timeout`), or no delay,
/// and left out of the stored config.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A restart policy (`--restart`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    /// "no", "on-failure", "always" or "unless-stopped".
    pub name: String,
    /// For on-failure: how many restarts at most (0 = unlimited).
    pub max_retries: u32,
}

/// One `--ulimit NAME=SOFT[:HARD]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ulimit {
    /// docker's name ("nofile", "nproc"...).
    pub name: String,
    /// Soft limit (-1 = unlimited).
    pub soft: i64,
    /// Hard limit (-1 = unlimited).
    pub hard: i64,
}

/// Which streams an attached client connects (docker's `-a/--attach` of `run` and `create`,
/// kept as the container's Config.AttachStdin/AttachStdout/AttachStderr for `start -a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachStreams {
    /// The caller's input goes to the container (with `-i`).
    pub stdin: bool,
    /// The container's stdout goes to the caller.
    pub stdout: bool,
    /// The container's stderr goes to the caller.
    pub stderr: bool,
}

impl Default for AttachStreams {
    /// docker's default: stdout and stderr.
    fn default() -> Self {
        AttachStreams {
            stdin: false,
            stdout: true,
            stderr: true,
        }
    }
}

impl AttachStreams {
    /// No stream: a detached container's (`run -d`).
    pub const NONE: AttachStreams = AttachStreams {
        stdin: false,
        stdout: false,
        stderr: false,
    };

    /// The streams of `-a NAME...` (stdin, stdout, stderr, in any case), as docker chooses
    /// them: without any, stdout and stderr; stdin whenever `interactive` (`-i`), named or not.
    pub fn from_names(names: &[String], interactive: bool) -> AttachStreams {
        if names.is_empty() {
            return AttachStreams {
                stdin: interactive,
                ..AttachStreams::default()
            };
        }
        let has = |s: &str| names.iter().any(|n| n.eq_ignore_ascii_case(s));
        AttachStreams {
            stdin: interactive || has("stdin"),
            stdout: has("stdout"),
            stderr: has("stderr"),
        }
    }
}

/// The limits stored with a container beyond `--memory`, `--cpus` and `--pids-limit` (which
/// older records keep in [`ContainerConfig`] itself). Zero or empty means "not set".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resources {
    /// `--memory-swap` in bytes, memory plus swap (-1 = unlimited swap, 0 = docker's default).
    #[serde(default)]
    pub memory_swap: i64,
    /// `--memory-reservation` in bytes (cgroup v2 `memory.low`).
    #[serde(default)]
    pub memory_reservation: i64,
    /// `--cpu-shares`.
    #[serde(default)]
    pub cpu_shares: i64,
    /// `--cpu-period` in microseconds.
    #[serde(default)]
    pub cpu_period: i64,
    /// `--cpu-quota` in microseconds (-1 = unlimited).
    #[serde(default)]
    pub cpu_quota: i64,
    /// `--cpuset-cpus`.
    #[serde(default)]
    pub cpuset_cpus: String,
    /// `--cpuset-mems`.
    #[serde(default)]
    pub cpuset_mems: String,
    /// `--blkio-weight`.
    #[serde(default)]
    pub blkio_weight: u16,
    /// `--blkio-weight-device`.
    #[serde(default)]
    pub blkio_weight_device: Vec<WeightDevice>,
    /// `--device-read-bps`.
    #[serde(default)]
    pub device_read_bps: Vec<ThrottleDevice>,
    /// `--device-write-bps`.
    #[serde(default)]
    pub device_write_bps: Vec<ThrottleDevice>,
    /// `--device-read-iops`.
    #[serde(default)]
    pub device_read_iops: Vec<ThrottleDevice>,
    /// `--device-write-iops`.
    #[serde(default)]
    pub device_write_iops: Vec<ThrottleDevice>,
    /// `--cgroup-parent`.
    #[serde(default)]
    pub cgroup_parent: String,
}

/// docker's `WeightDevice`: a block device and its relative I/O weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightDevice {
    /// The device node.
    pub path: String,
    /// 10 to 1000.
    pub weight: u16,
}

/// docker's `ThrottleDevice`: a block device and a rate (bytes or operations per second).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottleDevice {
    /// The device node.
    pub path: String,
    /// Per second.
    pub rate: u64,
}

/// The `--userns` of a container as stored in its configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsernsConfig {
    /// The mode as given (docker's `HostConfig.UsernsMode`; "" when not given).
    pub mode: String,
    /// The mapping of a namespace of its own, in engine ids (`None`: no namespace of its own).
    #[serde(default)]
    pub map: Option<IdMap>,
}

/// A `--secret` of a container (see [`crate::secret`]): its data is a copy made when the
/// container was created, `userdata/secrets/ID` in its directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerSecret {
    /// The secret's name when the container was created.
    pub name: String,
    /// The secret's id: the copy's file name.
    pub id: String,
    /// A file or an environment variable.
    pub kind: crate::secret::options::SecretKind,
    /// The file's absolute path in the container, or the variable's name.
    pub target: String,
    /// The file's owner in the container.
    pub uid: u32,
    /// The file's group in the container.
    pub gid: u32,
    /// The file's mode.
    pub mode: u32,
}

/// The merged configuration of one container.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerConfig {
    /// The image as the user typed it ("" for `--rootfs`).
    pub image: String,
    /// The image id (hex), when from an image.
    pub image_id: Option<String>,
    /// The image's layer chain ids, base first.
    pub layers: Vec<String>,
    /// `--rootfs`.
    pub rootfs: Option<RootfsSource>,
    /// The effective entrypoint (image's, or `--entrypoint`).
    pub entrypoint: Vec<String>,
    /// The effective command (image's Cmd, or the arguments after the image).
    pub cmd: Vec<String>,
    /// Environment, `KEY=VALUE`, image first then `-e`/`--env-file` overriding.
    pub env: Vec<String>,
    /// Working directory in the container ("" = /).
    pub working_dir: String,
    /// `-u` or the image's User ("" = root).
    pub user: String,
    /// Container host name.
    pub hostname: String,
    /// `--label` merged over the image's labels.
    pub labels: BTreeMap<String, String>,
    /// Signal sent by `stop` (name such as "SIGTERM").
    pub stop_signal: String,
    /// Seconds `stop` waits before SIGKILL.
    pub stop_timeout: u32,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub open_stdin: bool,
    /// `-a/--attach`: the streams `start -a` connects.
    #[serde(default)]
    pub attach: AttachStreams,
    /// `--rm`.
    pub auto_remove: bool,
    /// With `auto_remove`: milliseconds the exited container stays before its monitor
    /// removes it (docker's API containers, whose clients read the logs and state of one
    /// that ended); a wait for its removal removes it at once. Zero: the exit and the removal
    /// are one step, as `run --rm` has them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub remove_after_ms: u32,
    /// `--init`: a tiny init reaps zombies and forwards signals.
    pub init: bool,
    /// `--init-path`: a host executable to use as that init instead of skiff-init.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_path: Option<String>,
    /// `--read-only`.
    pub read_only: bool,
    /// `--privileged`.
    pub privileged: bool,
    /// `--cap-add`.
    pub cap_add: Vec<String>,
    /// `--cap-drop`.
    pub cap_drop: Vec<String>,
    /// `--security-opt` values as given.
    pub security_opt: Vec<String>,
    /// `--security-opt no-new-privileges`.
    pub no_new_privileges: bool,
    /// `--security-opt seccomp=...`: None = default profile, Some("unconfined") or a file path.
    pub seccomp: Option<String>,
    /// The paths masked when `--security-opt systempaths=unconfined`, `unmask=` or `mask=`
    /// changed them (None: the defaults; see [`super::path_masks`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_paths: Option<Vec<String>>,
    /// The paths read-only when those options changed them (None: the defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readonly_paths: Option<Vec<String>>,
    /// `--ulimit`.
    pub ulimits: Vec<Ulimit>,
    /// Every mount, in order.
    pub mounts: Vec<MountConfig>,
    /// `--secret`s, their data copied into the container's directory at creation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<ContainerSecret>,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// `--network` as stored: `slirp4netns` or `pasta` (the default network, helper chosen at
    /// create), `none`, `host`, `container:ID` or `ns:PATH` (see [`skiff_network::NetworkMode`]).
    pub network_mode: String,
    /// `-p` specs as given; the host ports are resolved when the container starts.
    pub publish: Vec<String>,
    /// `-P`: publish every exposed port on a random host port.
    #[serde(default)]
    pub publish_all: bool,
    /// The image's ExposedPorts and `--expose` ("80/tcp").
    pub exposed_ports: Vec<String>,
    /// `--dns` servers.
    #[serde(default)]
    pub dns: Vec<String>,
    /// `--dns-search` domains.
    #[serde(default)]
    pub dns_search: Vec<String>,
    /// `--dns-option` options.
    #[serde(default)]
    pub dns_options: Vec<String>,
    /// `--add-host` entries as given (`NAME:ADDRESS`).
    #[serde(default)]
    pub extra_hosts: Vec<String>,
    /// podman's `--no-hosts`: the image's own /etc/hosts, none made for the container.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
    /// `--domainname`.
    #[serde(default)]
    pub domainname: String,
    /// `--mac-address` of the container's interface ("" = the helper's choice).
    #[serde(default)]
    pub mac_address: String,
    /// A container on the default network that `network connect` put on user-defined
    /// networks: it runs in their shared user namespace, and its start wires them too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub connected_networks: bool,
    /// `--shm-size` in bytes (0 = docker's 64 MiB).
    #[serde(default)]
    pub shm_size: i64,
    /// `--sysctl` settings, namespaced keys only.
    #[serde(default)]
    pub sysctls: BTreeMap<String, String>,
    /// Anonymous volumes' destinations: the image's VOLUMEs and `-v /path` (docker's
    /// Config.Volumes).
    #[serde(default)]
    pub volumes: Vec<String>,
    /// `--group-add`: groups added to the process's supplementary groups.
    #[serde(default)]
    pub group_add: Vec<String>,
    /// "k8s-file", "json-file" or "none".
    pub log_driver: String,
    /// `--memory` in bytes (0 = unlimited).
    pub memory: i64,
    /// `--cpus` in billionths of a CPU (0 = unlimited).
    pub nano_cpus: i64,
    /// `--pids-limit` (0 = unlimited).
    pub pids_limit: i64,
    /// The other resource limits (`--cpu-shares`, `--memory-swap`, `--cgroup-parent`...).
    #[serde(default)]
    pub resources: Resources,
    /// `--pid`: "" (a namespace of its own), "host" or "container:ID".
    #[serde(default)]
    pub pid_mode: String,
    /// `--ipc`: "private" ("" in older records), "shareable", "none", "host" or "container:ID".
    #[serde(default)]
    pub ipc_mode: String,
    /// `--uts`: "" (a namespace of its own), "host" or "container:ID" (a pod's infra).
    #[serde(default)]
    pub uts_mode: String,
    /// `--cgroupns`: "private" ("" in older records) or "host".
    #[serde(default)]
    pub cgroupns_mode: String,
    /// `--volumes-from` values as given (`CTR[:ro|rw]`); their mounts are in `mounts`.
    #[serde(default)]
    pub volumes_from: Vec<String>,
    /// `--device`: host device nodes bind-mounted into the container.
    #[serde(default)]
    pub devices: Vec<DeviceConfig>,
    /// `--device-cgroup-rule`: extra allow rules (`c 1:3 rwm`) of a root container's device
    /// cgroup, docker's `HostConfig.DeviceCgroupRules`.
    #[serde(default)]
    pub device_cgroup_rules: Vec<String>,
    /// `--oom-score-adj` (-1000..=1000; 0 leaves the inherited value).
    #[serde(default)]
    pub oom_score_adj: i32,
    /// `--annotation KEY=VALUE`.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// `--log-opt KEY=VALUE`: max-size, max-file, tag.
    #[serde(default)]
    pub log_opts: BTreeMap<String, String>,
    /// docker's `Config.Healthcheck`: the image's HEALTHCHECK under the `--health-*` flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<HealthConfig>,
    /// `--health-on-failure` (podman).
    #[serde(default, skip_serializing_if = "OnFailure::is_none")]
    pub health_on_failure: OnFailure,
    /// `--userns` and the mapping of a user namespace of its own.
    #[serde(default)]
    pub userns: UsernsConfig,
    /// `--sdnotify`: how systemd's `NOTIFY_SOCKET` is used (podman's `Config.sdNotifyMode`).
    #[serde(default)]
    pub sdnotify: SdNotifyMode,
    /// `--cgroups no-conmon`: rootless, the monitor stays in its caller's cgroup (a systemd
    /// unit's) instead of moving into the container's scope, so systemd can track it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub monitor_in_caller_cgroup: bool,
    /// podman's `--unsetenv` names (`*` for `--unsetenv-all`): default variables the
    /// container's processes do not get.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsetenv: Vec<String>,
    /// podman's `--umask`: the file mode creation mask of the container's processes (None:
    /// 0022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub umask: Option<u32>,
    /// podman's `--timeout`: seconds the container's process may run before the monitor kills
    /// it with SIGKILL (0: no limit).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timeout: u32,
    /// podman's `--personality`: the execution domain of the container's process (`LINUX`,
    /// `LINUX32`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personality: Option<String>,
    /// podman's `--passwd-entry` and `--hostuser`: /etc/passwd lines each start adds when the
    /// container's file has neither their name nor their uid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passwd_entries: Vec<String>,
    /// podman's `--init-ctr`: an init container of its pod, run before the other members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_ctr: Option<crate::pod::init_ctr::InitCtr>,
    /// podman's `--passwd=false`: no entries for a numeric user the container's files lack.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_passwd: bool,
    /// podman's `--requires`: the ids of the containers started before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// podman's systemd mode (see [`super::systemd_mode`]): the cgroup file system is mounted
    /// writable in the container's own cgroup namespace.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub systemd: bool,
    /// podman's `--pidfile`: a file the monitor writes the container's process id to at each
    /// start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pidfile: Option<String>,
    /// `--conmon-pidfile`: a file the monitor writes its pid to at each start (it always writes
    /// `userdata/conmon.pid` in the container's directory too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_pidfile: Option<String>,
    /// The command line that created the container (podman's `Config.CreateCommand`), which
    /// `generate systemd --new` runs again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create_command: Vec<String>,
    /// The full id of the pod the container belongs to ("" for none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pod: String,
}

/// One `--device HOST[:CONTAINER[:PERMS]]`, docker's `HostConfig.Devices[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceConfig {
    /// The device node on the host.
    pub path_on_host: String,
    /// Its path in the container.
    pub path_in_container: String,
    /// docker's cgroup permissions as given ("rwm").
    pub cgroup_permissions: String,
}

impl ContainerConfig {
    /// The process to run: entrypoint followed by cmd.
    pub fn argv(&self) -> Vec<String> {
        argv(&self.entrypoint, &self.cmd)
    }

    /// The IMAGE column of `ps`: the image as typed, or the `--rootfs` path.
    pub fn image_display(&self) -> String {
        image_display(&self.image, self.rootfs.as_ref())
    }
}

/// `entrypoint` followed by `cmd`.
pub(super) fn argv(entrypoint: &[String], cmd: &[String]) -> Vec<String> {
    entrypoint.iter().chain(cmd).cloned().collect()
}

/// The image as typed, or for `--rootfs` (no image) the path.
pub(super) fn image_display(image: &str, rootfs: Option<&RootfsSource>) -> String {
    match rootfs {
        Some(r) if image.is_empty() => r.path.display().to_string(),
        _ => image.to_string(),
    }
}
