//! `create`: turns the flags as given plus the image's defaults into a [`ContainerConfig`],
//! writes the container's row (state `created`) and prepares its directory.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use super::config::{
    ContainerConfig, DeviceConfig, MountConfig, MountKind, RestartPolicy, RootfsSource, Ulimit,
};
use super::rows::{self, ContainerRecord};
use super::{names, options};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::id::new_id;

/// podman's `--image-volume`: what the image's VOLUME paths become.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImageVolumes {
    /// `bind` (the default, docker's): an anonymous volume each.
    #[default]
    Anonymous,
    /// `tmpfs`: a tmpfs each, gone with the container.
    Tmpfs,
    /// `ignore`: nothing; the image's files at those paths stay in the container's root.
    Ignore,
}

impl ImageVolumes {
    /// Parses podman's `bind`, `tmpfs` or `ignore`.
    pub fn parse(s: &str) -> Result<ImageVolumes> {
        match s {
            "bind" => Ok(ImageVolumes::Anonymous),
            "tmpfs" => Ok(ImageVolumes::Tmpfs),
            "ignore" => Ok(ImageVolumes::Ignore),
            other => Err(Error::InvalidArgument(format!(
                "invalid --image-volume {other:?}: use bind, tmpfs or ignore"
            ))),
        }
    }
}

/// The flags of `run`/`create`, as the user gave them. Parsed and validated by
/// [`Engine::create_container`].
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// The image as typed (None with `--rootfs`).
    pub image: Option<String>,
    /// `--rootfs PATH[:O]`.
    pub rootfs: Option<String>,
    /// Arguments after the image: they replace the image's Cmd.
    pub command: Vec<String>,
    /// `--name`.
    pub name: Option<String>,
    /// `-e`.
    pub env: Vec<String>,
    /// `--env-file`.
    pub env_files: Vec<PathBuf>,
    /// podman's `--env-host`: the caller's environment, under the image's variables and
    /// everything given.
    pub host_env: Vec<String>,
    /// podman's `--unsetenv`: variables the image or the defaults would set that the
    /// container does not get (`-e` still sets them).
    pub unsetenv: Vec<String>,
    /// podman's `--unsetenv-all`: none of the image's or the default variables.
    pub unsetenv_all: bool,
    /// podman's `--env-merge NAME=VALUE`: a variable whose value may name the image's
    /// (`PATH=/opt/bin:${PATH}`), expanded against them; `-e` still wins.
    pub env_merge: Vec<String>,
    /// podman's `--image-volume`: what becomes of the image's VOLUMEs.
    pub image_volume: ImageVolumes,
    /// `-u`.
    pub user: Option<String>,
    /// `-w`.
    pub workdir: Option<String>,
    /// `-h`.
    pub hostname: Option<String>,
    /// `--tz`: `local` (the host's zone) or an `Area/City` of the host's zoneinfo, shown to
    /// the container as its `/etc/localtime`.
    pub tz: Option<String>,
    /// `--entrypoint`, or the API's Entrypoint list: it replaces the image's (an empty list
    /// clears it).
    pub entrypoint: Option<Vec<String>>,
    /// `--init`.
    pub init: bool,
    /// `--init-path`.
    pub init_path: Option<PathBuf>,
    /// `--read-only`.
    pub read_only: bool,
    /// `--tmpfs` (see [`options::parse_tmpfs_flag`]), or the API's HostConfig.Tmpfs.
    pub tmpfs: Vec<MountConfig>,
    /// `-v`.
    pub volumes: Vec<String>,
    /// `--mount` (see [`options::parse_mount_flag`]), or the API's HostConfig.Mounts (see
    /// [`options::check_mount`]).
    pub mounts: Vec<MountConfig>,
    /// `--cap-add`.
    pub cap_add: Vec<String>,
    /// `--cap-drop`.
    pub cap_drop: Vec<String>,
    /// `--privileged`.
    pub privileged: bool,
    /// `--security-opt`.
    pub security_opt: Vec<String>,
    /// `--ulimit`, or the API's HostConfig.Ulimits (see [`options::check_ulimit`]).
    pub ulimits: Vec<Ulimit>,
    /// `--stop-signal`.
    pub stop_signal: Option<String>,
    /// podman's `--systemd`: when the container runs in systemd mode.
    pub systemd: super::systemd_mode::SystemdMode,
    /// `--stop-timeout`.
    pub stop_timeout: Option<u32>,
    /// `--label KEY=VALUE`.
    pub labels: Vec<String>,
    /// `--label-file`: files of KEY=VALUE lines, read before `--label`.
    pub label_files: Vec<PathBuf>,
    /// `--group-add`: extra groups (names from the container's /etc/group, or gids).
    pub group_add: Vec<String>,
    /// `--restart`, or the API's HostConfig.RestartPolicy (None: docker's "no").
    pub restart: Option<RestartPolicy>,
    /// `--network` (the first one given).
    pub network: Option<String>,
    /// Further `--network`s: user-defined networks the container joins too, each with its
    /// own address and aliases when given (docker's `--network name=NET,ip=ADDR`, the API's
    /// further endpoints).
    pub extra_networks: Vec<ExtraNetwork>,
    /// `-p`, or the API's HostConfig.PortBindings (see [`skiff_network::PortMapping::single`]).
    pub publish: Vec<skiff_network::PortMapping>,
    /// `-P`.
    pub publish_all: bool,
    /// `--expose`.
    pub expose: Vec<String>,
    /// `--dns`.
    pub dns: Vec<String>,
    /// `--dns-search`.
    pub dns_search: Vec<String>,
    /// `--dns-option`.
    pub dns_options: Vec<String>,
    /// `--add-host`.
    pub add_host: Vec<String>,
    /// podman's `--no-hosts`.
    pub no_hosts: bool,
    /// `--domainname`.
    pub domainname: Option<String>,
    /// `--network-alias`.
    pub network_aliases: Vec<String>,
    /// `--mac-address`.
    pub mac_address: Option<String>,
    /// `--shm-size`.
    pub shm_size: Option<String>,
    /// `--sysctl KEY=VALUE`.
    pub sysctls: Vec<String>,
    /// `--ip`: the container's address on its user-defined network.
    pub ip: Option<String>,
    /// `--ip6` (on a user-defined network created with `--ipv6`).
    pub ip6: Option<String>,
    /// `--link NAME[:ALIAS]`: another container on the same user-defined network, resolvable
    /// from this one under the alias too.
    pub links: Vec<String>,
    /// `--log-driver`.
    pub log_driver: Option<String>,
    /// `--replace`: remove a container holding the name first.
    pub replace: bool,
    /// The resource limits: `--memory`, `--cpus`, `--pids-limit`, `--cpu-shares`...
    pub resources: super::resources::ResourceOptions,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `-a/--attach`: the streams `run` and `start -a` connect.
    pub attach: super::attach::AttachStreams,
    /// `--rm`.
    pub rm: bool,
    /// With `rm`: how long the exited container stays before it is removed (docker's API:
    /// a client reads the logs and state of an `AutoRemove` container after it ended, as
    /// docker-py's `containers.run` does). Zero: the exit and the removal are one step.
    pub rm_after: std::time::Duration,
    /// `--pid host|container:NAME`.
    pub pid: Option<String>,
    /// `--ipc private|shareable|none|host|container:NAME`.
    pub ipc: Option<String>,
    /// `--uts host`.
    pub uts: Option<String>,
    /// `--cgroupns private|host`.
    pub cgroupns: Option<String>,
    /// `--volumes-from CTR[:ro|rw]`.
    pub volumes_from: Vec<String>,
    /// `--secret NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M]`.
    pub secrets: Vec<String>,
    /// `--device HOST[:CONTAINER[:PERMS]]`, or the API's HostConfig.Devices (see
    /// [`options::check_device`]).
    pub devices: Vec<DeviceConfig>,
    /// `--oom-score-adj`.
    pub oom_score_adj: Option<i32>,
    /// `--annotation KEY=VALUE`.
    pub annotations: Vec<String>,
    /// `--log-opt KEY=VALUE`.
    pub log_opts: Vec<String>,
    /// `--health-*`, `--no-healthcheck`.
    pub health: super::health::HealthOptions,
    /// `--userns`.
    pub userns: Option<String>,
    /// podman's `--uidmap CONTAINER:HOST:SIZE` (see [`super::userns_mode::explicit_map`]).
    pub uidmap: Vec<String>,
    /// podman's `--gidmap CONTAINER:HOST:SIZE`.
    pub gidmap: Vec<String>,
    /// podman's `--subuidname NAME` (see [`super::userns_mode::named_ranges`]).
    pub subuidname: Option<String>,
    /// podman's `--subgidname NAME`.
    pub subgidname: Option<String>,
    /// The docker flags skiff honours in some forms only (`--runtime`, `--gpus`...).
    pub compat: super::compat_flags::CompatOptions,
    /// `--sdnotify`.
    pub sdnotify: super::sdnotify::SdNotifyMode,
    /// `--cgroups`: `enabled` (the default) or `no-conmon`.
    pub cgroups: Option<String>,
    /// podman's `--umask` (octal).
    pub umask: Option<String>,
    /// podman's `--pidfile`.
    pub pidfile: Option<std::path::PathBuf>,
    /// podman's `--timeout` in seconds (0: none).
    pub timeout: u32,
    /// podman's `--personality`: `LINUX` or `LINUX32`.
    pub personality: Option<String>,
    /// podman's `--passwd-entry TEMPLATE`.
    pub passwd_entry: Option<String>,
    /// podman's `--init-ctr`: an init container of its pod (`--pod`).
    pub init_ctr: Option<crate::pod::init_ctr::InitCtr>,
    /// podman's `--passwd=false`: no /etc/passwd and /etc/group entries for a numeric user
    /// the image lacks (see [`super::passwd::default_entries`]).
    pub no_passwd: bool,
    /// podman's `--hostuser NAME|UID` (repeatable).
    pub host_users: Vec<String>,
    /// podman's `--requires`: containers (names or ids) started before this one.
    pub requires: Vec<String>,
    /// `--conmon-pidfile`.
    pub monitor_pidfile: Option<std::path::PathBuf>,
    /// The command line as typed (empty from the REST API).
    pub create_command: Vec<String>,
    /// `--pod NAME|ID`: the pod the container joins (its infra's shared namespaces).
    pub pod: Option<String>,
}

/// What an image contributes to a container's configuration (docker's image config fields).
#[derive(Debug, Clone, Default)]
pub struct ImageDefaults {
    /// Image id (hex).
    pub id: String,
    /// Layer chain ids, base first.
    pub layers: Vec<String>,
    /// Config.Entrypoint.
    pub entrypoint: Vec<String>,
    /// Config.Cmd.
    pub cmd: Vec<String>,
    /// Config.Env.
    pub env: Vec<String>,
    /// Config.WorkingDir.
    pub working_dir: String,
    /// Config.User.
    pub user: String,
    /// Config.ExposedPorts keys.
    pub exposed_ports: Vec<String>,
    /// Config.Volumes keys.
    pub volumes: Vec<String>,
    /// Config.StopSignal.
    pub stop_signal: String,
    /// Config.Labels.
    pub labels: BTreeMap<String, String>,
    /// Config.Healthcheck.
    pub healthcheck: Option<super::health::HealthConfig>,
}

impl ImageDefaults {
    /// The defaults of image `id` (hex) with layer chain ids `layers` (hex, base first) and
    /// config `config`.
    pub fn from_image_config(
        id: &str,
        layers: Vec<String>,
        config: &skiff_storage::config::ImageConfig,
    ) -> Self {
        let c = &config.config;
        ImageDefaults {
            id: id.to_string(),
            layers,
            entrypoint: c.entrypoint.clone().unwrap_or_default(),
            cmd: c.cmd.clone().unwrap_or_default(),
            env: c.env.clone(),
            working_dir: c.working_dir.clone(),
            user: c.user.clone(),
            exposed_ports: c.exposed_ports.keys().cloned().collect(),
            volumes: c.volumes.keys().cloned().collect(),
            stop_signal: c.stop_signal.clone(),
            labels: c.labels.clone(),
            healthcheck: c
                .healthcheck
                .clone()
                .and_then(|v| serde_json::from_value(v).ok()),
        }
    }
}

const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// `opts` with `--tz` as a read-only bind of the host's zone file on `/etc/localtime`
/// (podman's `--tz`): `local` is the host's `/etc/localtime`, `Area/City` the host's
/// `/usr/share/zoneinfo/Area/City`, which must exist.
fn with_timezone(mut opts: CreateOptions) -> Result<CreateOptions> {
    let Some(tz) = opts.tz.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(opts);
    };
    let source = if tz == "local" {
        PathBuf::from("/etc/localtime")
    } else {
        let zone = Path::new(tz);
        let plain = zone
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let file = Path::new(ZONEINFO).join(zone);
        if !plain || !file.is_file() {
            return Err(Error::InvalidArgument(format!(
                "invalid --tz {tz:?}: use local or a time zone of {ZONEINFO} such as Europe/Berlin"
            )));
        }
        file
    };
    opts.volumes
        .push(format!("{}:/etc/localtime:ro", source.display()));
    Ok(opts)
}

/// podman's `--env-merge` values, each `NAME=VALUE` with `$VAR`/`${VAR}` taken from `base`
/// (the image's variables; an unset one is empty).
fn merged_env(given: &[String], base: &[String]) -> Result<Vec<String>> {
    let scope: BTreeMap<String, String> = base
        .iter()
        .map(|e| {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    given
        .iter()
        .map(|e| {
            let bad =
                |why: String| Error::InvalidArgument(format!("invalid --env-merge {e:?}: {why}"));
            let (name, value) = e
                .split_once('=')
                .filter(|(n, _)| !n.is_empty())
                .ok_or_else(|| bad("use NAME=VALUE".into()))?;
            let value = skiff_dockerfile::subst::expand_heredoc(value, &scope)
                .map_err(|err| bad(err.to_string()))?;
            Ok(format!("{name}={value}"))
        })
        .collect()
}

/// Where the host keeps its time zones.
const ZONEINFO: &str = "/usr/share/zoneinfo";

/// podman's `--umask`: an octal mask of at most 0777.
fn parse_umask(s: &str) -> Result<u32> {
    u32::from_str_radix(s, 8)
        .ok()
        .filter(|m| *m <= 0o777)
        .ok_or_else(|| {
            Error::InvalidArgument(format!(
                "invalid --umask {s:?}: give an octal mask such as 0022 or 077"
            ))
        })
}

/// A further network of [`CreateOptions::extra_networks`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraNetwork {
    /// The user-defined network's name or id.
    pub name: String,
    /// The container's aliases and addresses there (none: the lowest free address and no
    /// alias; `--network-alias` is the first network's).
    pub connect: crate::networks::ConnectOptions,
}

/// Merges flags over image defaults exactly as docker: `--entrypoint` replaces the entrypoint
/// and drops the image's Cmd (`""` clears it); arguments replace Cmd; `-e` overrides Env by key.
pub fn merge_config(
    opts: &CreateOptions,
    image: &ImageDefaults,
    extra_env: &[String],
) -> Result<ContainerConfig> {
    let (entrypoint, cmd) = match &opts.entrypoint {
        Some(ep) => (ep.clone(), opts.command.clone()),
        None if !opts.command.is_empty() => (image.entrypoint.clone(), opts.command.clone()),
        None => (image.entrypoint.clone(), image.cmd.clone()),
    };
    if entrypoint.is_empty() && cmd.is_empty() {
        return Err(Error::InvalidArgument(
            "no command specified: give one after the image (or --rootfs PATH), or use an image with a Cmd".into(),
        ));
    }
    let mut base_env = match opts.host_env.is_empty() {
        true => image.env.clone(),
        false => options::user_first_env(&opts.host_env, &image.env),
    };
    if !base_env.iter().any(|e| e.starts_with("PATH=")) {
        base_env.insert(0, DEFAULT_PATH.to_string());
    }
    base_env.retain(|e| {
        let name = options::env_name(e);
        !opts.unsetenv_all && !opts.unsetenv.iter().any(|u| u == name)
    });
    for e in &opts.env {
        options::check_env(e)?;
    }
    let mut overrides: Vec<String> = extra_env.to_vec();
    overrides.extend(merged_env(&opts.env_merge, &base_env)?);
    overrides.extend(opts.env.iter().filter_map(|e| options::expand_env(e)));
    if opts.tty
        && !opts.unsetenv_all
        && !opts.unsetenv.iter().any(|k| k == "TERM")
        && !overrides
            .iter()
            .chain(base_env.iter())
            .any(|e| e.starts_with("TERM="))
    {
        overrides.push("TERM=xterm".to_string());
    }
    let env = options::user_first_env(&base_env, &overrides);

    let mut labels = image.labels.clone();
    for l in &opts.labels {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        if k.contains(char::is_whitespace) {
            return Err(Error::InvalidArgument(format!(
                "label '{k}' contains whitespaces: write the name without blanks"
            )));
        }
        labels.insert(k.to_string(), v.to_string());
    }
    let systemd = opts
        .systemd
        .applies_to(&super::config::argv(&entrypoint, &cmd));
    let stop_signal = match &opts.stop_signal {
        Some(s) => s.clone(),
        None if !image.stop_signal.is_empty() => image.stop_signal.clone(),
        None if systemd => super::systemd_mode::STOP_SIGNAL.to_string(),
        None => "SIGTERM".to_string(),
    };
    options::parse_signal(&stop_signal)?;

    let mut mounts: Vec<MountConfig> = Vec::new();
    for v in &opts.volumes {
        mounts.push(options::parse_volume_flag(v)?);
    }
    mounts.extend(opts.mounts.iter().cloned());
    mounts.extend(opts.tmpfs.iter().cloned());
    if systemd {
        // podman's: nosuid and nodev, but programs may run from them.
        for dir in super::systemd_mode::TMPFS_DIRS {
            if !mounts.iter().any(|m| m.destination == dir) {
                mounts.push(options::tmpfs_mount(dir, "exec").map_err(Error::InvalidArgument)?);
            }
        }
    }
    let image_volumes = match opts.image_volume {
        ImageVolumes::Ignore => &[][..],
        _ => &image.volumes[..],
    };
    for dest in image_volumes {
        let dest = options::clean_dest(dest)
            .map_err(|e| Error::InvalidArgument(format!("the image's VOLUME: {e}")))?;
        let dest = dest.as_str();
        if !mounts.iter().any(|m| m.destination == dest) {
            let kind = match opts.image_volume {
                ImageVolumes::Tmpfs => MountKind::Tmpfs,
                _ => MountKind::Volume,
            };
            mounts.push(MountConfig {
                kind,
                source: String::new(),
                destination: dest.to_string(),
                read_only: false,
                options: Vec::new(),
                create_source: false,
            });
        }
    }
    // docker's Config.Volumes: the image's VOLUMEs and the anonymous `-v /path` volumes.
    let volumes: Vec<String> = mounts
        .iter()
        .filter(|m| m.kind == MountKind::Volume && m.source.is_empty())
        .map(|m| m.destination.clone())
        .collect();
    for (i, m) in mounts.iter().enumerate() {
        if mounts[..i].iter().any(|o| o.destination == m.destination) {
            return Err(Error::InvalidArgument(format!(
                "duplicate mount point: {}",
                m.destination
            )));
        }
    }

    // Unknown capability names fail here, at create, as in docker (not at the first start).
    crate::runtime::caps::apply_cap_changes(&[], &opts.cap_add, &opts.cap_drop)?;
    let mut no_new_privileges = false;
    let mut seccomp = None;
    let mut path_masks = super::path_masks::PathMasks::default();
    for s in &opts.security_opt {
        let (k, v) = s.split_once(['=', ':']).unwrap_or((s.as_str(), ""));
        if path_masks.take(k, v)? {
            continue;
        }
        match (k, v) {
            ("no-new-privileges", "" | "true") => no_new_privileges = true,
            ("no-new-privileges", "false") => no_new_privileges = false,
            ("seccomp", "unconfined") => seccomp = Some("unconfined".to_string()),
            ("seccomp", path) if !path.is_empty() => {
                let p = Path::new(path);
                let abs = std::fs::canonicalize(p).map_err(|e| {
                    Error::InvalidArgument(format!("--security-opt seccomp={path}: cannot read the profile: {e}"))
                })?;
                seccomp = Some(abs.display().to_string());
            }
            ("label", _) | ("apparmor", _) => {}
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "invalid --security-opt {s:?}: use no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined, unmask=PATHS or mask=PATHS"
                )))
            }
        }
    }
    let path_lists = path_masks.lists();
    let init_path = match &opts.init_path {
        Some(p) => Some(init_path(p)?),
        None => None,
    };
    let network = network_settings(opts, image)?;
    let log_driver = match opts.log_driver.as_deref() {
        None => "k8s-file".to_string(),
        // docker's `local` driver is its own file format read by `docker logs`: a file that
        // `logs` reads here too (compose files name it under `logging:`).
        Some("local") => "json-file".to_string(),
        Some(d) => d.to_string(),
    };
    if !matches!(log_driver.as_str(), "k8s-file" | "json-file" | "none") {
        return Err(Error::InvalidArgument(format!(
            "log driver {log_driver:?} is not supported: use k8s-file (the default), json-file, local or none"
        )));
    }
    let restart = match &opts.restart {
        Some(r) => r.clone(),
        None => options::parse_restart("no")?,
    };
    let (healthcheck, health_on_failure) =
        super::health::config::merge(&opts.health, image.healthcheck.as_ref(), &restart.name)?;
    if opts.sdnotify == super::sdnotify::SdNotifyMode::Healthy
        && healthcheck.as_ref().and_then(|h| h.command()).is_none()
    {
        return Err(Error::InvalidArgument(
            "--sdnotify healthy needs a healthcheck: set --health-cmd, or use an image that has \
             one"
            .into(),
        ));
    }
    if opts.rm && restart.name != "no" {
        return Err(Error::InvalidArgument(
            "conflicting options: --rm and --restart cannot be used together".into(),
        ));
    }
    let ulimits = opts.ulimits.clone();
    let ns = |flag: &str, v: &Option<String>, modes: &[&str], default: &str| {
        v.as_deref()
            .map(|v| options::parse_namespace_mode(flag, v, modes))
            .transpose()
            .map(|m| m.unwrap_or_else(|| default.to_string()))
    };
    let pid_mode = ns("pid", &opts.pid, &["host", "container:"], "")?;
    let ipc_mode = ns(
        "ipc",
        &opts.ipc,
        &["private", "shareable", "none", "host", "container:"],
        "private",
    )?;
    let uts_mode = ns("uts", &opts.uts, &["host", "container:"], "")?;
    let cgroupns_mode = ns("cgroupns", &opts.cgroupns, &["private", "host"], "private")?;
    if uts_mode.starts_with("container:") && opts.hostname.is_some() {
        return Err(Error::InvalidArgument(format!(
            "conflicting options: --hostname and --uts {uts_mode} (the container uses the other's name); drop --hostname"
        )));
    }
    if uts_mode == "host" && opts.hostname.is_some() {
        return Err(Error::InvalidArgument(
            "conflicting options: --hostname and --uts host (the container uses the host's name); drop one of them".into(),
        ));
    }
    let devices = opts.devices.clone();
    // An empty `-w ""` (a script's unset variable) or API WorkingDir is no choice: the image's.
    let working_dir = opts
        .workdir
        .clone()
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| image.working_dir.clone());
    if !working_dir.is_empty() && !working_dir.starts_with('/') {
        return Err(Error::InvalidArgument(format!(
            "the working directory {working_dir:?} is not absolute"
        )));
    }

    super::compat_flags::check(&opts.compat)?;
    let mut user = opts.user.clone();
    let mut userns = super::userns_mode::configure(opts.userns.as_deref(), &mut user)?;
    let named = |flag: &str, file: &str, name: &Option<String>, given: &[String]| match name {
        Some(_) if !given.is_empty() => Err(Error::InvalidArgument(format!(
            "{flag} and the map it stands for cannot both be given: use one"
        ))),
        Some(n) => super::userns_mode::named_ranges(flag, Path::new(file), n),
        None => Ok(given.to_vec()),
    };
    let uidmap = named(
        "--subuidname",
        "/etc/subuid",
        &opts.subuidname,
        &opts.uidmap,
    )?;
    let gidmap = named(
        "--subgidname",
        "/etc/subgid",
        &opts.subgidname,
        &opts.gidmap,
    )?;
    if !uidmap.is_empty() || !gidmap.is_empty() {
        if opts.userns.is_some() {
            return Err(Error::InvalidArgument(
                "--uidmap/--gidmap give the user namespace's mapping: leave out --userns".into(),
            ));
        }
        userns.map = Some(super::userns_mode::explicit_map(&uidmap, &gidmap)?);
    }
    let mut config = ContainerConfig {
        image: opts.image.clone().unwrap_or_default(),
        image_id: (!image.id.is_empty()).then(|| image.id.clone()),
        layers: image.layers.clone(),
        rootfs: None,
        entrypoint,
        cmd,
        env,
        working_dir,
        user: user.unwrap_or_else(|| image.user.clone()),
        hostname: opts.hostname.clone().unwrap_or_default(),
        labels,
        stop_signal,
        stop_timeout: opts.stop_timeout.unwrap_or(10),
        tty: opts.tty,
        open_stdin: opts.interactive,
        attach: opts.attach,
        auto_remove: opts.rm,
        remove_after_ms: if opts.rm {
            u32::try_from(opts.rm_after.as_millis()).unwrap_or(u32::MAX)
        } else {
            0
        },
        init: opts.init || init_path.is_some(),
        init_path,
        read_only: opts.read_only,
        privileged: opts.privileged,
        cap_add: opts.cap_add.clone(),
        cap_drop: opts.cap_drop.clone(),
        security_opt: opts.security_opt.clone(),
        no_new_privileges,
        seccomp,
        masked_paths: path_lists.masked,
        readonly_paths: path_lists.readonly,
        ulimits,
        mounts,
        restart,
        network_mode: network.mode.clone(),
        publish: opts.publish.iter().map(|m| m.spec()).collect(),
        publish_all: opts.publish_all,
        exposed_ports: network.exposed_ports,
        dns: opts.dns.clone(),
        dns_search: opts.dns_search.clone(),
        dns_options: opts.dns_options.clone(),
        extra_hosts: opts.add_host.clone(),
        no_hosts: opts.no_hosts,
        domainname: opts.domainname.clone().unwrap_or_default(),
        mac_address: opts.mac_address.clone().unwrap_or_default(),
        shm_size: match &opts.shm_size {
            Some(s) => {
                let bytes = options::parse_size(s)?;
                if bytes <= 0 {
                    return Err(Error::InvalidArgument(format!(
                        "invalid --shm-size {s:?}: give a size above zero, e.g. 256m"
                    )));
                }
                bytes
            }
            None => 0,
        },
        sysctls: sysctls(opts, &network.mode, &ipc_mode)?,
        volumes,
        group_add: opts.group_add.clone(),
        memory: 0,
        nano_cpus: 0,
        pids_limit: 0,
        resources: Default::default(),
        pid_mode,
        ipc_mode,
        uts_mode,
        cgroupns_mode,
        volumes_from: opts.volumes_from.clone(),
        secrets: Vec::new(),
        devices,
        device_cgroup_rules: opts.compat.device_cgroup_rules.clone(),
        oom_score_adj: oom_score_adj(opts.oom_score_adj)?,
        annotations: annotations(&opts.annotations)?,
        log_opts: super::logs::parse_log_opts(&opts.log_opts, &log_driver)?,
        healthcheck,
        health_on_failure,
        log_driver,
        userns,
        connected_networks: false,
        sdnotify: opts.sdnotify,
        monitor_in_caller_cgroup: monitor_in_caller_cgroup(opts.cgroups.as_deref())?,
        unsetenv: match opts.unsetenv_all {
            true => vec!["*".to_string()],
            false => opts.unsetenv.clone(),
        },
        umask: opts.umask.as_deref().map(parse_umask).transpose()?,
        pidfile: opts.pidfile.as_deref().map(absolute_path).transpose()?,
        timeout: opts.timeout,
        personality: match opts.personality.as_deref() {
            None => None,
            Some(p) if super::config::persona(p).is_some() => Some(p.to_ascii_uppercase()),
            Some(p) => {
                return Err(Error::InvalidArgument(format!(
                    "--personality {p}: give LINUX or LINUX32"
                )))
            }
        },
        // Resolved to ids by create_container.
        requires: Vec::new(),
        systemd,
        // Made by create_container once the user is known.
        passwd_entries: Vec::new(),
        no_passwd: opts.no_passwd,
        init_ctr: opts.init_ctr,
        monitor_pidfile: opts
            .monitor_pidfile
            .as_deref()
            .map(absolute_path)
            .transpose()?,
        create_command: opts.create_command.clone(),
        pod: String::new(),
    };
    super::resources::apply(&opts.resources, &mut config)?;
    Ok(config)
}

/// `--cgroups`: whether the monitor stays in its caller's cgroup (`no-conmon`). podman's
/// `disabled` and `split` are refused: every skiff container has a cgroup of its own.
fn monitor_in_caller_cgroup(mode: Option<&str>) -> Result<bool> {
    match mode {
        None | Some("enabled") => Ok(false),
        Some("no-conmon") => Ok(true),
        Some(m @ ("disabled" | "split")) => Err(Error::InvalidArgument(format!(
            "--cgroups {m} is not supported: skiff gives every container a cgroup of its own; use \
             enabled (the default) or no-conmon (the monitor stays in the caller's cgroup)"
        ))),
        Some(m) => Err(Error::InvalidArgument(format!(
            "invalid --cgroups {m:?}: use enabled or no-conmon"
        ))),
    }
}

/// `path` made absolute against the working directory (the monitor runs elsewhere).
fn absolute_path(path: &Path) -> Result<String> {
    std::path::absolute(path)
        .map(|p| p.display().to_string())
        .map_err(|e| Error::InvalidArgument(format!("{}: {e}", path.display())))
}

/// Checks `--oom-score-adj` (docker's range). Rootless, a process may only raise its own:
/// a value below the caller's is refused here rather than failing at each start.
fn oom_score_adj(value: Option<i32>) -> Result<i32> {
    let Some(v) = value else { return Ok(0) };
    if !(-1000..=1000).contains(&v) {
        return Err(Error::InvalidArgument(format!(
            "invalid --oom-score-adj {v}: the range is -1000 to 1000"
        )));
    }
    let current: i32 = std::fs::read_to_string("/proc/self/oom_score_adj")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    if v < current && !can_lower_oom_score() {
        return Err(Error::InvalidArgument(format!(
            "--oom-score-adj {v}: skiff runs with {current}, and lowering it needs CAP_SYS_RESOURCE \
             on the host (rootless never has it): give {current} or more, or run as root"
        )));
    }
    Ok(v)
}

/// Whether this process may lower an OOM score adjustment: CAP_SYS_RESOURCE in the initial
/// user namespace (so never rootless).
fn can_lower_oom_score() -> bool {
    const CAP_SYS_RESOURCE: u32 = 24;
    if crate::runtime::userns::in_userns() {
        return false;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        .is_some_and(|caps| caps & (1 << CAP_SYS_RESOURCE) != 0)
}

/// Parses `--annotation KEY=VALUE` values.
fn annotations(values: &[String]) -> Result<BTreeMap<String, String>> {
    values
        .iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(Error::InvalidArgument(format!(
                "invalid --annotation {a:?}: use KEY=VALUE"
            ))),
        })
        .collect()
}

/// The network part of a container's configuration, checked.
struct NetworkSettings {
    /// The stored `--network` value (the default network resolved to its helper).
    mode: String,
    /// The image's exposed ports and `--expose`, without duplicates.
    exposed_ports: Vec<String>,
}

/// Checks the network flags as docker does (every malformed value is an error before anything
/// is created) and resolves the default network to its helper.
fn network_settings(opts: &CreateOptions, image: &ImageDefaults) -> Result<NetworkSettings> {
    use skiff_network::NetworkMode;
    let invalid = |e: String| Error::InvalidArgument(e);
    let mode = NetworkMode::parse(opts.network.as_deref().unwrap_or("bridge"))
        .map_err(|e| invalid(e.to_string()))?;
    let mut exposed_ports = image.exposed_ports.clone();
    for e in &opts.expose {
        for key in skiff_network::parse_expose(e).map_err(|e| invalid(e.to_string()))? {
            if !exposed_ports.contains(&key) {
                exposed_ports.push(key);
            }
        }
    }
    let mut publishes = opts.publish_all && !exposed_ports.is_empty();
    for m in &opts.publish {
        for i in 0..m.range {
            let key = format!("{}/{}", m.container_port + i, m.protocol);
            if !exposed_ports.contains(&key) {
                exposed_ports.push(key);
            }
        }
        publishes = true;
    }
    for d in &opts.dns {
        skiff_network::check_dns_server(d).map_err(invalid)?;
    }
    // One word each: a line break would add lines of its own to resolv.conf (a name server).
    for (flag, values) in [
        ("--dns-search", &opts.dns_search),
        ("--dns-option", &opts.dns_options),
    ] {
        if let Some(v) = values
            .iter()
            .find(|v| v.is_empty() || v.contains(char::is_whitespace))
        {
            return Err(invalid(format!(
                "invalid {flag} {v:?}: give one word (repeat the flag for several)"
            )));
        }
    }
    for h in &opts.add_host {
        skiff_network::parse_add_host(h, "0.0.0.0").map_err(invalid)?;
    }
    if opts.no_hosts && !opts.add_host.is_empty() {
        return Err(invalid(
            "--no-hosts and --add-host cannot be set together: the container keeps its image's /etc/hosts with --no-hosts".into(),
        ));
    }
    if let Some(d) = &opts.domainname {
        if d.len() > 255 || d.contains(char::is_whitespace) {
            return Err(invalid(format!("invalid --domainname {d:?}")));
        }
    }
    let joins = matches!(mode, NetworkMode::Container(_) | NetworkMode::Path(_));
    if joins {
        let conflict = if !opts.publish.is_empty() || opts.publish_all {
            Some("port publishing")
        } else if opts.hostname.is_some() {
            Some("hostname")
        } else if !opts.dns.is_empty() {
            Some("dns")
        } else if !opts.add_host.is_empty() {
            Some("custom host-to-IP mapping")
        } else {
            None
        };
        if let Some(what) = conflict {
            return Err(invalid(format!(
                "conflicting options: {what} and the network mode {mode} (the container uses another's network)"
            )));
        }
    }
    let user = mode.user_network().is_some();
    for extra in opts.extra_networks.iter().map(|e| &e.name) {
        let valid = NetworkMode::parse(extra)
            .map(|m| m.user_network().is_some())
            .unwrap_or(false);
        if !user || !valid {
            return Err(invalid(format!(
                "conflicting options: --network {} and --network {extra}: several networks must all be \
                 user-defined networks (create them with `skiff network create NAME`)",
                opts.network.as_deref().unwrap_or("bridge")
            )));
        }
    }
    if let Some(mac) = &opts.mac_address {
        skiff_network::helper::check_mac_address(mac).map_err(invalid)?;
        if !mode.uses_helper() && !user {
            return Err(invalid(format!(
                "conflicting options: mac-address and the network mode {mode} (the container has no interface of its own to set it on)"
            )));
        }
    }
    if !user {
        let given = [
            opts.ip.as_ref().map(|_| "user specified IP address"),
            opts.ip6.as_ref().map(|_| "user specified IP address"),
            (!opts.links.is_empty()).then_some("--link"),
        ];
        if let Some(what) = given.into_iter().flatten().next() {
            return Err(invalid(format!(
                "{what} is supported on user defined networks only: create one with `skiff network create NAME` \
                 and run the container with --network NAME"
            )));
        }
        if !opts.network_aliases.is_empty() {
            return Err(invalid(
                "network-scoped alias is supported only for containers in user defined networks: create one with \
                 `skiff network create NAME` and run the container with --network NAME"
                    .into(),
            ));
        }
    }
    if let Some(ip) = &opts.ip {
        ip.parse::<std::net::Ipv4Addr>()
            .map_err(|_| invalid(format!("invalid IPv4 address: {ip}")))?;
    }
    if let Some(ip6) = &opts.ip6 {
        ip6.parse::<std::net::Ipv6Addr>()
            .map_err(|_| invalid(format!("invalid IPv6 address: {ip6}")))?;
    }
    crate::networks::check_aliases(&opts.network_aliases)?;
    for extra in &opts.extra_networks {
        crate::networks::check_aliases(&extra.connect.aliases)?;
    }
    for l in &opts.links {
        let (name, alias) = l.split_once(':').unwrap_or((l, l));
        if !names::is_valid(name.trim_start_matches('/')) || !skiff_network::is_valid_name(alias) {
            return Err(invalid(format!(
                "invalid --link {l:?}: give NAME or NAME:ALIAS of a container on the same network"
            )));
        }
    }
    let mode = match mode {
        NetworkMode::Default => NetworkMode::Private(skiff_network::default_helper(
            publishes,
            crate::containers_conf::default_network_helper(),
        )),
        other => other,
    };
    Ok(NetworkSettings {
        mode: mode.to_string(),
        exposed_ports,
    })
}

/// Checks `--sysctl KEY=VALUE` values: only keys of namespaces the container has its own copy
/// of, as docker allows (`net.*` needs the container's own network).
fn sysctls(
    opts: &CreateOptions,
    network_mode: &str,
    ipc_mode: &str,
) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for s in &opts.sysctls {
        let (key, value) = s.split_once('=').ok_or_else(|| {
            Error::InvalidArgument(format!("invalid --sysctl {s:?}: use KEY=VALUE"))
        })?;
        let key = key.trim().replace('/', ".");
        if key.is_empty() || key.contains("..") || key.starts_with('.') {
            return Err(Error::InvalidArgument(format!(
                "invalid --sysctl key {key:?}"
            )));
        }
        match crate::runtime::spec::namespaced_sysctl(&key) {
            None => {
                return Err(Error::InvalidArgument(format!(
                    "sysctl {key:?} is not allowed: it is not namespaced, so it would change the host; only \
                     net.*, kernel.msg*, kernel.sem, kernel.shm* and fs.mqueue.* can be set"
                )))
            }
            Some("net") if network_mode == "host" || network_mode.starts_with("container:") => {
                return Err(Error::InvalidArgument(format!(
                    "sysctl {key:?} is not allowed with --network {network_mode}: the container has no network \
                     namespace of its own"
                )))
            }
            Some("ipc") if ipc_mode == "host" || ipc_mode.starts_with("container:") => {
                return Err(Error::InvalidArgument(format!(
                    "sysctl {key:?} is not allowed with --ipc {ipc_mode}: the container has no IPC \
                     namespace of its own"
                )))
            }
            Some(_) => {}
        }
        out.insert(key, value.to_string());
    }
    Ok(out)
}

/// Parses `--rootfs PATH[:O]` and checks that PATH is a directory.
pub fn parse_rootfs(spec: &str) -> Result<RootfsSource> {
    let (path, overlay) = match spec.strip_suffix(":O") {
        Some(p) => (p, true),
        None => (spec, false),
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::InvalidArgument(format!(
            "--rootfs {path}: {e}: give an existing directory holding a root file system"
        ))
    })?;
    if !meta.is_dir() {
        return Err(Error::InvalidArgument(format!(
            "--rootfs {path}: not a directory"
        )));
    }
    let path = std::fs::canonicalize(path).at(path)?;
    Ok(RootfsSource { path, overlay })
}

/// Checks `--init-path PATH` (an executable file on the host) and makes it absolute.
fn init_path(path: &Path) -> Result<String> {
    use std::os::unix::fs::PermissionsExt;
    let bad = |why: String| {
        Error::InvalidArgument(format!(
            "--init-path {}: {why}: give a statically linked init executable, or drop \
             --init-path to use skiff's own",
            path.display()
        ))
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(e.to_string()))?;
    if !meta.is_file() || meta.permissions().mode() & 0o111 == 0 {
        return Err(bad("not an executable file".into()));
    }
    let abs = std::fs::canonicalize(path).map_err(|e| bad(e.to_string()))?;
    Ok(abs.display().to_string())
}

impl Engine {
    /// The directory of container `id`: upper, work, merged, userdata, ctr.log.
    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.paths().containers().join(id)
    }

    /// The diff directories of an image's layers, base first (`layers`: chain ids, hex).
    pub fn layer_dirs(&self, layers: &[String]) -> Vec<PathBuf> {
        let store = self.paths().storage().join("layers");
        layers.iter().map(|l| store.join(l).join("diff")).collect()
    }

    /// `--replace`: stops the container holding `name`, if any, as `stop` does (its stop
    /// signal, then SIGKILL after its stop timeout: podman's, so the old one shuts down
    /// cleanly), then removes it. Call it before anything enters the user namespace (a pull
    /// does): the signals must come from the caller.
    pub fn remove_named(&mut self, name: &str) -> Result<()> {
        let existing = rows::id_by_name(self.catalog()?.conn(), name)?;
        if let Some(id) = existing {
            self.stop_container(&id, None)?;
            self.remove_container(&id, true, false)?;
        }
        Ok(())
    }

    /// `create`: validates the flags, merges the image's defaults (`image`, which the caller
    /// may have read already; read here from the stored `opts.image` when None, none for
    /// `--rootfs`), writes the row and prepares the container directory. Returns the new
    /// record.
    pub fn create_container(
        &mut self,
        opts: &CreateOptions,
        image: Option<&ImageDefaults>,
    ) -> Result<ContainerRecord> {
        let conf = crate::containers_conf::get()?;
        let mut opts = with_timezone(conf.create_defaults(opts, |w| self.warn(w))?)?;
        // docker's: a name written as inspect shows it (`/NAME`) is NAME.
        if let Some(name) = opts.name.as_mut().filter(|n| n.starts_with('/')) {
            name.remove(0);
        }
        let opts = &opts;
        // The pod's lock is held until the row is written (see `pod::lock`).
        let (pod, opts, _pod_lock) = match &opts.pod {
            Some(p) => {
                let (pod, joined, lock) = self.in_pod(opts, p)?;
                (Some(pod), joined, Some(lock))
            }
            None => (None, opts.clone(), None),
        };
        let opts = &opts;
        let rootfs = opts.rootfs.as_deref().map(parse_rootfs).transpose()?;
        // podman's order: the image's, containers.conf's, --env-file's, then -e.
        let mut extra_env = conf.containers.env.clone().unwrap_or_default();
        extra_env.extend(options::read_env_files(&opts.env_files)?);
        let file_labels = options::read_label_files(&opts.label_files)?;
        let read = match (image, &opts.image) {
            (None, Some(name)) => Some(self.image_defaults(name)?),
            _ => None,
        };
        let empty = ImageDefaults::default();
        let image = image.or(read.as_ref()).unwrap_or(&empty);
        let mut config = merge_config(opts, image, &extra_env)?;
        for l in &file_labels {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            if !opts.labels.iter().any(|o| o.split('=').next() == Some(k)) {
                config.labels.insert(k.to_string(), v.to_string());
            }
        }
        config.rootfs = rootfs;
        if let Some(pod) = &pod {
            config.pod = pod.id.clone();
        }
        self.check_init_ctr(&config, pod.as_ref())?;
        if let Some(name) = &opts.name {
            if !names::is_valid(name) {
                return Err(Error::InvalidArgument(format!(
                    "invalid container name {name:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                )));
            }
        }
        if opts.replace {
            if let Some(name) = &opts.name {
                self.remove_named(name)?;
            }
        }
        let id = new_id();
        // Systemd mode: the container's id, as systemd reads it for the machine id.
        if config.systemd && !config.env.iter().any(|e| e.starts_with("container_uuid=")) {
            config.env.push(format!("container_uuid={}", &id[..32]));
        }
        if let Some(template) = &opts.passwd_entry {
            let line =
                super::passwd::passwd_entry_line(template, &config.user, &config.working_dir)?;
            config.passwd_entries.extend(line);
        }
        for who in &opts.host_users {
            config
                .passwd_entries
                .push(super::passwd::host_user_line(who)?);
        }
        for r in opts.requires.iter().filter(|r| !r.is_empty()) {
            let required = self.lookup_container(r).map_err(|e| match e {
                Error::NotFound { .. } => Error::InvalidArgument(format!(
                    "--requires {r}: no such container: create it first"
                )),
                e => e,
            })?;
            if !config.requires.contains(&required.id) {
                config.requires.push(required.id);
            }
        }
        let secrets = self.resolve_secrets(&opts.secrets, &mut config)?;
        let joined = self.resolve_network_target(&mut config)?;
        self.resolve_namespace_targets(&mut config)?;
        self.add_volumes_from(&mut config, &image.volumes)?;
        for d in &config.devices {
            use std::os::unix::fs::FileTypeExt;
            let Ok(meta) = std::fs::metadata(&d.path_on_host) else {
                return Err(Error::InvalidArgument(format!(
                    "--device {}: no such device on the host: load its driver (e.g. modprobe \
                     fuse or tun) or fix the path",
                    d.path_on_host
                )));
            };
            let t = meta.file_type();
            if !(t.is_char_device() || t.is_block_device() || t.is_dir()) {
                return Err(Error::InvalidArgument(format!(
                    "--device {}: not a device node (nor a directory of them): use -v to \
                     mount a file",
                    d.path_on_host
                )));
            }
        }
        let user_net = self.resolve_user_network(&mut config, &opts.links)?;
        let mut extra_nets = Vec::new();
        for extra in &opts.extra_networks {
            let net = self.network_get(&extra.name)?;
            if user_net.as_ref().is_some_and(|u| u.id == net.id)
                || extra_nets
                    .iter()
                    .any(|(e, _): &(crate::networks::NetworkRecord, _)| e.id == net.id)
            {
                return Err(Error::InvalidArgument(format!(
                    "network {} is given twice: name each network once",
                    net.name
                )));
            }
            extra_nets.push((net, &extra.connect));
        }
        if config.hostname.is_empty() {
            config.hostname = if config.network_mode == "host" || config.uts_mode == "host" {
                nix::unistd::gethostname()
                    .ok()
                    .and_then(|h| h.into_string().ok())
                    .unwrap_or_default()
            } else {
                id[..12].to_string()
            };
        }
        // Named volumes are created on first use; anonymous ones get a random name. A new,
        // empty volume is filled with what the image (or --rootfs) has at the mount point.
        let content_roots: Vec<PathBuf> = match &config.rootfs {
            Some(r) => vec![r.path.clone()],
            None => self.layer_dirs(&config.layers).into_iter().rev().collect(),
        };
        for m in config
            .mounts
            .iter_mut()
            .filter(|m| m.kind == MountKind::Volume)
        {
            let name = (!m.source.is_empty()).then(|| m.source.clone());
            let (vol_opts, vol_labels) = options::take_volume_settings(&mut m.options);
            let vol = self.volume_create(name.as_deref(), vol_labels, vol_opts, true)?;
            if !m.options.iter().any(|o| o == "nocopy") {
                let sources = crate::volume::content_sources(&content_roots, &m.destination);
                if !sources.is_empty() {
                    self.enter_userns()?;
                    crate::volume::fill_volume(&sources, &vol.mountpoint)?;
                }
            }
            m.source = vol.name;
        }
        // `-v` (and the API's `Binds`) binds get a missing host directory at each start, as
        // docker's daemon makes it; `--mount type=bind` wants it to exist now.
        if let Some(m) = config.mounts.iter().find(|m| {
            m.kind == MountKind::Bind && !m.create_source && !Path::new(&m.source).exists()
        }) {
            return Err(Error::InvalidArgument(format!(
                "bind source path does not exist: {}: create it first",
                m.source
            )));
        }
        super::resources::require_devices(
            &config.resources,
            &crate::runtime::cgroups::block_device,
        )?;
        let limits = super::spec::wanted_limits(&config);
        if !limits.is_empty() {
            let needed = crate::runtime::cgroups::controllers_of(&limits);
            if let Err(e) = crate::runtime::cgroups::base(&needed) {
                self.warn(e.to_string());
            }
        }
        let dir = self.container_dir(&id);
        self.prepare_dir(&dir, &config, opts.name.as_deref(), joined.as_deref(), None)?;
        super::secrets::copy_secrets(&dir, &secrets)?;
        let volumes: Vec<String> = config
            .mounts
            .iter()
            .filter(|m| m.kind == MountKind::Volume)
            .map(|m| m.source.clone())
            .collect();
        let auto_needs = self.auto_userns_needs(&config)?;
        let mut rec = ContainerRecord::new_created(id.clone(), super::time::now_ns(), config);
        let wanted = opts.name.clone();
        let mut member = None;
        let inserted = self.catalog()?.write(|tx| {
            rec.name = match &wanted {
                Some(n) => n.clone(),
                None => names::random_name(|n| rows::id_by_name(tx, n).ok().flatten().is_some()),
            };
            super::userns_mode::allocate(tx, &mut rec.config, auto_needs)?;
            rows::insert(tx, &rec)?;
            crate::events::record_container(tx, &rec.id, "create", &[]);
            if let Some(net) = &user_net {
                member = Some(crate::networks::add_member(
                    tx,
                    net,
                    &rec.id,
                    opts.ip.as_deref(),
                    opts.ip6.as_deref(),
                    opts.mac_address.as_deref(),
                    &opts.network_aliases,
                )?);
            }
            // docker's: `--network-alias` is the first network's; a further one has its own.
            for (net, connect) in &extra_nets {
                crate::networks::add_member(
                    tx,
                    net,
                    &rec.id,
                    connect.ip.as_deref(),
                    connect.ip6.as_deref(),
                    connect.mac.as_deref(),
                    &connect.aliases,
                )?;
            }
            for v in &volumes {
                tx.execute(
                    "INSERT OR IGNORE INTO container_volumes (container_id, volume) VALUES (?1, ?2)",
                    rusqlite::params![rec.id, v],
                )?;
            }
            Ok(())
        });
        if let Err(e) = inserted {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        if let (Some(net), Some(m)) = (&user_net, &member) {
            let written = self
                .prepare_dir(&dir, &rec.config, Some(&rec.name), None, Some((net, m)))
                .and_then(|_| {
                    let mut ids = vec![net.id.clone()];
                    ids.extend(extra_nets.iter().map(|(n, _)| n.id.clone()));
                    self.refresh_network_hosts(&ids, &[])
                });
            if let Err(e) = written {
                let _ = self.remove_container(&rec.id, true, false);
                return Err(e);
            }
        }
        Ok(rec)
    }

    /// `--network NAME` of a user-defined network: stores the network's name as created (the
    /// user may give its id) and turns `--link NAME[:ALIAS]` into host entries for the linked
    /// container's address on it. Returns the network.
    fn resolve_user_network(
        &mut self,
        config: &mut ContainerConfig,
        links: &[String],
    ) -> Result<Option<crate::networks::NetworkRecord>> {
        let Ok(skiff_network::NetworkMode::User(name)) =
            skiff_network::NetworkMode::parse(&config.network_mode)
        else {
            return Ok(None);
        };
        let net = self.network_get(&name)?;
        config.network_mode = net.name.clone();
        for l in links {
            let (other, alias) = l.split_once(':').unwrap_or((l, l));
            let other = self.lookup_container(other.trim_start_matches('/'))?;
            let on_net = self
                .container_networks(&other.id)?
                .into_iter()
                .find(|(n, _)| n.id == net.id)
                .ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "cannot link to {}: it is not on network {}; connect it first with \
                         `skiff network connect {} {}`",
                        other.name, net.name, net.name, other.name
                    ))
                })?;
            for n in [other.name.as_str(), alias] {
                let entry = format!("{n}:{}", on_net.1.ip);
                if !config.extra_hosts.contains(&entry) {
                    config.extra_hosts.push(entry);
                }
            }
        }
        Ok(Some(net))
    }

    /// Rewrites the /etc/hosts section of the members of `networks` and of `also`.
    pub(crate) fn refresh_network_hosts(
        &mut self,
        networks: &[String],
        also: &[String],
    ) -> Result<()> {
        let runroot = self.paths().runroot.clone();
        let containers = self.paths().containers();
        let conn = self.catalog()?.conn();
        crate::networks::hosts::refresh(conn, &runroot, |id| containers.join(id), networks, also)
    }

    /// `--pid container:NAME`, `--ipc container:NAME`, `--uts container:NAME` (whose host name
    /// the container takes): stores the other container's full id.
    /// Only a container made with `--ipc shareable` (or `host`) shares its IPC namespace, as
    /// in docker.
    fn resolve_namespace_targets(&mut self, config: &mut ContainerConfig) -> Result<()> {
        if let Some(target) = config.userns.mode.strip_prefix("container:") {
            let found = self.lookup_container(target)?;
            let Some(map) = found.config.userns.map.clone() else {
                return Err(Error::InvalidArgument(format!(
                    "--userns container:{target}: container {} has no user namespace of its \
                     own (it shares the host's); leave --userns out to share it too",
                    found.name
                )));
            };
            config.userns.mode = format!("container:{}", found.id);
            config.userns.map = Some(map);
        }
        if let Some(target) = config.pid_mode.strip_prefix("container:") {
            let found = self.lookup_container(target)?;
            // A donor on the host's namespace shares the host's: that is what to join (and
            // rootless, the only way to, as the host's belongs to no skiff user namespace).
            config.pid_mode = if found.config.pid_mode == "host" {
                "host".to_string()
            } else {
                format!("container:{}", found.id)
            };
        }
        if let Some(target) = config.uts_mode.strip_prefix("container:") {
            let found = self.lookup_container(target)?;
            config.hostname = found.config.hostname.clone();
            config.uts_mode = if found.config.uts_mode == "host" {
                "host".to_string()
            } else {
                format!("container:{}", found.id)
            };
        }
        if let Some(target) = config.ipc_mode.strip_prefix("container:") {
            let found = self.lookup_container(target)?;
            if !matches!(found.config.ipc_mode.as_str(), "shareable" | "host") {
                return Err(Error::InvalidArgument(format!(
                    "cannot join the IPC namespace of container {}: it is private; create it \
                     with --ipc shareable to share it",
                    found.name
                )));
            }
            config.ipc_mode = if found.config.ipc_mode == "host" {
                "host".to_string()
            } else {
                format!("container:{}", found.id)
            };
        }
        Ok(())
    }

    /// `--volumes-from CTR[:ro|rw]`: adds the volumes and bind mounts of each container (with
    /// its own read-only flags, or all `ro`/`rw`), unless the flags mount something at that
    /// path already; they replace the image's anonymous volumes (`image_volumes`) there.
    fn add_volumes_from(
        &mut self,
        config: &mut ContainerConfig,
        image_volumes: &[String],
    ) -> Result<()> {
        for spec in config.volumes_from.clone() {
            let (name, mode) = match spec.rsplit_once(':') {
                Some((n, m @ ("ro" | "rw" | "z" | "Z"))) => (n, Some(m)),
                Some((_, m)) => {
                    return Err(Error::InvalidArgument(format!(
                        "invalid --volumes-from {spec:?}: unknown mode {m:?}; use CONTAINER[:ro|rw]"
                    )))
                }
                None => (spec.as_str(), None),
            };
            let other = self.lookup_container(name)?;
            for m in other
                .config
                .mounts
                .iter()
                .filter(|m| m.kind != MountKind::Tmpfs)
            {
                let mut m = m.clone();
                match mode {
                    Some("ro") => m.read_only = true,
                    Some("rw") => m.read_only = false,
                    _ => {}
                }
                let clean = |d: &str| options::clean_dest(d).unwrap_or_default();
                let at = config
                    .mounts
                    .iter()
                    .position(|o| o.destination == m.destination);
                match at {
                    None => config.mounts.push(m),
                    // An anonymous volume of the image's VOLUME: the container's mount wins.
                    Some(i)
                        if config.mounts[i].kind == MountKind::Volume
                            && config.mounts[i].source.is_empty()
                            && image_volumes.iter().any(|v| clean(v) == m.destination) =>
                    {
                        config.mounts[i] = m
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }

    /// `--network container:NAME`: stores the other container's full id and returns its
    /// directory, whose /etc/hosts and resolv.conf the container shares; the container takes
    /// the other's host name too, as docker's (compose's `network_mode: service:db`).
    fn resolve_network_target(&mut self, config: &mut ContainerConfig) -> Result<Option<PathBuf>> {
        let Some(target) = config.network_mode.strip_prefix("container:") else {
            return Ok(None);
        };
        let found = self.lookup_container(target)?;
        config.network_mode = format!("container:{}", found.id);
        if config.hostname.is_empty() {
            config.hostname = found.config.hostname.clone();
        }
        Ok(Some(self.container_dir(&found.id)))
    }

    /// Writes the container's userdata: /etc/hosts, /etc/hostname and /etc/resolv.conf for its
    /// network (`joined`: the directory of the container whose network it shares; `user_net`:
    /// its user-defined network and its address there, once allocated).
    fn prepare_dir(
        &self,
        dir: &Path,
        config: &ContainerConfig,
        name: Option<&str>,
        joined: Option<&Path>,
        user_net: Option<(&crate::networks::NetworkRecord, &crate::networks::Member)>,
    ) -> Result<()> {
        use skiff_network::NetworkMode;
        let userdata = dir.join("userdata");
        std::fs::create_dir_all(&userdata).at(&userdata)?;
        let overlay = config.rootfs.as_ref().map(|r| r.overlay).unwrap_or(true);
        if overlay {
            for sub in ["upper", "work", "merged"] {
                let p = dir.join(sub);
                std::fs::create_dir_all(&p).at(&p)?;
            }
            // docker's marker that a process runs in a container (scripts and test libraries
            // look for it); like docker's init layer, not a change of the container's.
            let marker = dir.join("upper").join(".dockerenv");
            std::fs::File::create(&marker).at(&marker)?;
            std::fs::set_permissions(&marker, std::fs::Permissions::from_mode(0o755))
                .at(&marker)?;
        }
        let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
        let mode = NetworkMode::parse(&config.network_mode)
            .map_err(|e| Error::InvalidArgument(e.to_string()))?;
        let helper = match mode {
            NetworkMode::Private(h) => Some(h),
            _ => None,
        };
        let addresses = match user_net {
            Some((net, m)) => Some(crate::networks::attach::addresses(net, m)),
            None => helper.map(|h| {
                skiff_network::helper::addresses(h, &skiff_network::nameservers(&host_resolv))
            }),
        };
        // `--add-host NAME:host-gateway` only: without a helper's address, finding the host's
        // costs a getifaddrs (and a read of the routes) that most creates do not need.
        let host_gateway = if config
            .extra_hosts
            .iter()
            .any(|h| h.contains("host-gateway"))
        {
            addresses
                .as_ref()
                .map(|a| a.host.clone())
                .or_else(|| skiff_network::host::primary_address().map(|a| a.to_string()))
                .unwrap_or_else(|| "127.0.0.1".into())
        } else {
            String::new()
        };
        let extra = config
            .extra_hosts
            .iter()
            .map(|h| skiff_network::parse_add_host(h, &host_gateway))
            .collect::<std::result::Result<Vec<_>, String>>()
            .map_err(Error::InvalidArgument)?;
        let (hosts, resolv) = match joined {
            Some(other) => {
                let read = |f: &str| {
                    std::fs::read_to_string(other.join("userdata").join(f)).unwrap_or_default()
                };
                (read("hosts"), read("resolv.conf"))
            }
            None => {
                // On the host's network, the host's own file, as docker's (names a CI host adds
                // there resolve); one that cannot be read gets skiff's own.
                let host_hosts = match mode == NetworkMode::Host {
                    true => std::fs::read_to_string("/etc/hosts")
                        .ok()
                        .filter(|h| !h.trim().is_empty()),
                    false => None,
                };
                let hosts = if let Some(host_hosts) = host_hosts {
                    skiff_network::host_network_hosts_file(&host_hosts, &extra)
                } else {
                    skiff_network::hosts_file(&skiff_network::HostsEntries {
                        hostname: &config.hostname,
                        domainname: &config.domainname,
                        name: name.unwrap_or(""),
                        ip: addresses
                            .as_ref()
                            .map(|a| a.ip.as_str())
                            .filter(|ip| !ip.is_empty()),
                        host_ip: addresses.as_ref().map(|a| a.host.as_str()),
                        extra: &extra,
                    })
                };
                let fallback = addresses
                    .as_ref()
                    .map(|a| a.dns.clone())
                    .unwrap_or_default();
                // On a user-defined network the network's name server (the members' names)
                // stays first, before the container's `--dns`; it asks that server the names
                // it does not know (hosts::own_upstreams), as docker's embedded server does.
                let servers: Vec<String> = match (user_net, fallback.first()) {
                    // glibc reads three servers at most.
                    (Some(_), Some(gateway)) if !config.dns.is_empty() => {
                        std::iter::once(gateway.clone())
                            .chain(config.dns.iter().cloned())
                            .take(3)
                            .collect()
                    }
                    _ => config.dns.clone(),
                };
                let overrides = skiff_network::DnsOverrides {
                    servers: &servers,
                    search: &config.dns_search,
                    options: &config.dns_options,
                };
                let resolv = skiff_network::resolv_conf(
                    &host_resolv,
                    mode == NetworkMode::Host,
                    &fallback,
                    &overrides,
                );
                (hosts, resolv)
            }
        };
        for (name, content) in [
            ("hosts", hosts),
            ("hostname", format!("{}\n", config.hostname)),
            ("resolv.conf", resolv),
        ] {
            let p = userdata.join(name);
            std::fs::write(&p, content).at(&p)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image() -> ImageDefaults {
        ImageDefaults {
            entrypoint: vec!["/ep".into()],
            cmd: vec!["default".into()],
            env: vec!["PATH=/x".into(), "A=1".into()],
            working_dir: "/w".into(),
            stop_signal: "SIGQUIT".into(),
            volumes: vec!["/data".into()],
            ..Default::default()
        }
    }

    #[test]
    fn image_config_fields_map_to_defaults() {
        let cfg: skiff_storage::config::ImageConfig = serde_json::from_str(
            r#"{"config":{"Entrypoint":["/ep"],"Cmd":["c"],"Env":["A=1"],"WorkingDir":"/w","User":"app",
                "ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"StopSignal":"SIGINT","Labels":{"k":"v"}},
                "rootfs":{"type":"layers","diff_ids":[]}}"#,
        )
        .unwrap();
        let d = ImageDefaults::from_image_config("abc", vec!["l1".into()], &cfg);
        assert_eq!(
            (d.entrypoint, d.cmd, d.user.as_str()),
            (vec!["/ep".to_string()], vec!["c".to_string()], "app")
        );
        assert_eq!(
            (d.exposed_ports, d.volumes),
            (vec!["80/tcp".to_string()], vec!["/data".to_string()])
        );
        assert_eq!(d.labels.get("k").map(String::as_str), Some("v"));
    }

    #[test]
    fn args_replace_cmd_and_keep_entrypoint() {
        let opts = CreateOptions {
            command: vec!["x".into()],
            ..Default::default()
        };
        let c = merge_config(&opts, &image(), &[]).unwrap();
        assert_eq!(c.argv(), vec!["/ep", "x"]);
        assert_eq!(c.stop_signal, "SIGQUIT");
        assert_eq!(c.mounts.len(), 1);
    }

    #[test]
    fn entrypoint_flag_drops_image_cmd_and_empty_clears() {
        let opts = CreateOptions {
            entrypoint: Some(vec!["/other".into()]),
            ..Default::default()
        };
        assert_eq!(
            merge_config(&opts, &image(), &[]).unwrap().argv(),
            vec!["/other"]
        );
        let opts = CreateOptions {
            entrypoint: Some(Vec::new()),
            command: vec!["ls".into()],
            ..Default::default()
        };
        assert_eq!(
            merge_config(&opts, &image(), &[]).unwrap().argv(),
            vec!["ls"]
        );
        let opts = CreateOptions {
            entrypoint: Some(Vec::new()),
            ..Default::default()
        };
        assert!(merge_config(&opts, &image(), &[]).is_err());
    }

    #[test]
    fn tz_is_a_read_only_bind_of_a_host_zone_file() {
        let with = |tz: &str| {
            with_timezone(CreateOptions {
                tz: Some(tz.into()),
                ..CreateOptions::default()
            })
        };
        assert_eq!(
            with("local").unwrap().volumes,
            ["/etc/localtime:/etc/localtime:ro"]
        );
        if Path::new("/usr/share/zoneinfo/Asia/Tokyo").is_file() {
            assert_eq!(
                with("Asia/Tokyo").unwrap().volumes,
                ["/usr/share/zoneinfo/Asia/Tokyo:/etc/localtime:ro"]
            );
        }
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "Nowhere/Atlantis",
            "Asia",
        ] {
            assert!(with(bad).is_err(), "{bad}");
        }
        assert!(with_timezone(CreateOptions::default())
            .unwrap()
            .volumes
            .is_empty());
    }

    #[test]
    fn env_overrides_and_defaults() {
        let opts = CreateOptions {
            env: vec!["A=2".into()],
            command: vec!["x".into()],
            ..Default::default()
        };
        let c = merge_config(&opts, &image(), &["B=file".into()]).unwrap();
        // docker's order: the given variables (containers.conf's, then -e) before the image's.
        assert_eq!(c.env, vec!["B=file", "A=2", "PATH=/x"]);
        let c = merge_config(&opts, &ImageDefaults::default(), &[]).unwrap();
        assert_eq!(c.env[0], "A=2");
        assert!(c.env[1].starts_with("PATH=/usr/local/sbin"), "{:?}", c.env);
        assert_eq!(
            c.network_mode,
            crate::containers_conf::default_network_helper()
                .unwrap_or(skiff_network::Helper::Slirp4netns)
                .name()
        );
        assert_eq!(c.stop_timeout, 10);
    }

    #[test]
    fn unsetenv_drops_the_image_s_and_the_default_variables_not_the_given_ones() {
        let opts = CreateOptions {
            env: vec!["A=2".into(), "C=3".into()],
            command: vec!["x".into()],
            tty: true,
            unsetenv: vec!["PATH".into(), "C".into()],
            ..Default::default()
        };
        let c = merge_config(&opts, &image(), &[]).unwrap();
        assert_eq!(c.env, vec!["A=2", "C=3", "TERM=xterm"]);
        let all = CreateOptions {
            unsetenv: Vec::new(),
            unsetenv_all: true,
            ..opts
        };
        let c = merge_config(&all, &image(), &["B=file".into()]).unwrap();
        assert_eq!(c.env, vec!["B=file", "A=2", "C=3"]);
    }

    #[test]
    fn rejects_bad_combinations() {
        let base = CreateOptions {
            command: vec!["x".into()],
            ..Default::default()
        };
        let rm_restart = CreateOptions {
            rm: true,
            restart: Some(options::parse_restart("always").unwrap()),
            ..base.clone()
        };
        assert!(merge_config(&rm_restart, &image(), &[]).is_err());
        let publish = CreateOptions {
            publish: vec![skiff_network::PortMapping::parse("8080:80").unwrap()],
            expose: vec!["90-91/udp".into()],
            ..base.clone()
        };
        let c = merge_config(&publish, &image(), &[]).unwrap();
        assert_eq!(c.exposed_ports, ["90/udp", "91/udp", "80/tcp"]);
        let joined = CreateOptions {
            network: Some("container:db".into()),
            ..publish
        };
        let e = merge_config(&joined, &image(), &[]).unwrap_err();
        assert!(
            e.to_string()
                .contains("conflicting options: port publishing"),
            "{e}"
        );
        for (flag, bad) in [
            ("network", "no such net"),
            ("dns", "nine"),
            ("add-host", "db"),
            ("expose", "1:2"),
        ] {
            let mut o = base.clone();
            match flag {
                "network" => o.network = Some(bad.into()),
                "dns" => o.dns = vec![bad.into()],
                "add-host" => o.add_host = vec![bad.into()],
                _ => o.expose = vec![bad.into()],
            }
            assert!(merge_config(&o, &image(), &[]).is_err(), "--{flag} {bad}");
        }
        let aliased = CreateOptions {
            network_aliases: vec!["api".into()],
            ..base
        };
        assert!(merge_config(&aliased, &image(), &[]).is_err());
    }

    #[test]
    fn namespace_flags_conflicts_and_defaults() {
        let c = merge_config(&CreateOptions::default(), &image(), &[]).unwrap();
        assert_eq!(
            (
                c.pid_mode.as_str(),
                c.ipc_mode.as_str(),
                c.uts_mode.as_str(),
                c.cgroupns_mode.as_str()
            ),
            ("", "private", "", "private")
        );
        let opts = CreateOptions {
            uts: Some("host".into()),
            hostname: Some("x".into()),
            ..Default::default()
        };
        let e = merge_config(&opts, &image(), &[]).unwrap_err().to_string();
        assert!(e.contains("--uts host"), "{e}");
        let opts = CreateOptions {
            ipc: Some("host".into()),
            sysctls: vec!["kernel.shmmax=1".into()],
            ..Default::default()
        };
        let e = merge_config(&opts, &image(), &[]).unwrap_err().to_string();
        assert!(e.contains("no IPC namespace of its own"), "{e}");
        let opts = CreateOptions {
            pid: Some("host".into()),
            ipc: Some("shareable".into()),
            cgroupns: Some("host".into()),
            devices: vec![options::parse_device("/dev/fuse").unwrap()],
            ..Default::default()
        };
        let c = merge_config(&opts, &image(), &[]).unwrap();
        assert_eq!(
            (
                c.pid_mode.as_str(),
                c.ipc_mode.as_str(),
                c.cgroupns_mode.as_str()
            ),
            ("host", "shareable", "host")
        );
        assert_eq!(c.devices[0].path_in_container, "/dev/fuse");
    }
}
