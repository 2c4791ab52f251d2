//! `skiff create`: the flags shared with `run`, and creating the container.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::attach::AttachStreams;
use skiff_libpod::container::compat_flags::CompatOptions;
use skiff_libpod::container::config::MountConfig;
use skiff_libpod::container::create::{CreateOptions, ExtraNetwork, ImageVolumes};
use skiff_libpod::container::network::PortMapping;
use skiff_libpod::container::options;
use skiff_libpod::container::sdnotify::SdNotifyMode;
use skiff_libpod::container::ContainerRecord;
use skiff_libpod::pod::init_ctr::InitCtr;
use skiff_libpod::Engine;

/// Flags of `create` and `run` (docker's names and short forms).
#[derive(Debug, Clone, Args)]
pub struct CreateFlags {
    /// The command line to record as the container's (`container clone` gives the one it made);
    /// this process's own when None.
    #[arg(skip)]
    pub command_line: Option<Vec<String>>,
    /// Keep STDIN open
    #[arg(short = 'i', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub interactive: bool,
    /// Attach to STDIN, STDOUT or STDERR (repeat for several; the default is STDOUT and STDERR, and STDIN with -i)
    #[arg(short = 'a', long = "attach", value_name = "STREAM", ignore_case = true, value_parser = ["stdin", "stdout", "stderr"])]
    pub attach: Vec<String>,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub tty: bool,
    /// Remove the container when it exits
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub rm: bool,
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (KEY=VALUE, or KEY to copy the caller's)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Give the container this process's environment, under -e and --env-file (podman's)
    #[arg(long = "env-host")]
    pub env_host: bool,
    /// Pass this process's proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy and
    /// their upper-case names) to the container, under any set another way (podman's)
    #[arg(long = "http-proxy", value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pub http_proxy: bool,
    /// Do not set this variable from the image or the defaults (podman's; repeatable)
    #[arg(long = "unsetenv", value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Set none of the image's or the default variables (podman's)
    #[arg(long = "unsetenv-all")]
    pub unsetenv_all: bool,
    /// Set a variable whose value may use the image's: NAME=VALUE with $VAR or ${VAR}, such as
    /// PATH=/opt/bin:${PATH} (podman's; -e still wins)
    #[arg(long = "env-merge", value_name = "NAME=VALUE")]
    pub env_merge: Vec<String>,
    /// What the image's VOLUMEs become: bind (an anonymous volume each, the default), tmpfs
    /// or ignore (podman's)
    #[arg(long = "image-volume", value_name = "MODE", value_parser = image_volumes)]
    pub image_volume: Option<ImageVolumes>,
    /// With --read-only, mount a tmpfs on /run, /tmp and /var/tmp (podman's; its default
    /// there, not docker's)
    #[arg(long = "read-only-tmpfs", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub read_only_tmpfs: bool,
    /// The file mode creation mask of the container's processes, in octal (podman's)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Keep the image's /etc/hosts instead of making one for the container (podman's)
    #[arg(long = "no-hosts")]
    pub no_hosts: bool,
    /// Write the container's process id to this file at each start (podman's)
    #[arg(long, value_name = "PATH")]
    pub pidfile: Option<PathBuf>,
    /// Kill the container's process with SIGKILL after this many seconds (podman's; 0: no
    /// limit)
    #[arg(
        long,
        value_name = "SECONDS",
        default_value = "0",
        hide_default_value = true
    )]
    pub timeout: u32,
    /// The execution domain of the container's process: LINUX or LINUX32 (podman's;
    /// personality(2))
    #[arg(long, value_name = "DOMAIN")]
    pub personality: Option<String>,
    /// The /etc/passwd line added for a --user UID[:GID] the image has no entry for; $USERNAME,
    /// $UID, $GID, $NAME and $HOME are replaced (podman's)
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Add /etc/passwd and /etc/group entries for a numeric --user the image has none for
    /// (podman's; --passwd=false leaves the files as the image has them)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pub passwd: bool,
    /// Add this host user's /etc/passwd entry to the container's (podman's; NAME or UID,
    /// repeatable)
    #[arg(long, value_name = "NAME|UID")]
    pub hostuser: Vec<String>,
    /// Containers this one requires: each is started before it (podman's; NAME[,NAME...],
    /// repeatable)
    #[arg(long, value_name = "CONTAINER[,...]", value_delimiter = ',')]
    pub requires: Vec<String>,
    /// Username or UID[:GID] to run as
    #[arg(short = 'u', long)]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long = "workdir")]
    pub workdir: Option<String>,
    /// Container host name
    #[arg(short = 'h', long)]
    pub hostname: Option<String>,
    /// Set the container's timezone: local (the host's) or Area/City, e.g. Europe/Berlin
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// Overwrite the image's ENTRYPOINT ("" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub init: bool,
    /// Use this host executable as the --init process (implies --init)
    #[arg(long = "init-path", value_name = "PATH")]
    pub init_path: Option<PathBuf>,
    /// Mount the container's root file system read-only
    #[arg(long = "read-only", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub read_only: bool,
    /// Mount a tmpfs (PATH[:OPTIONS])
    #[arg(long, value_name = "PATH")]
    pub tmpfs: Vec<String>,
    /// Bind mount a host path or a named volume (SRC:DST[:ro])
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Attach a mount (type=bind|volume|tmpfs,source=..,target=..[,readonly])
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Add Linux capabilities
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub privileged: bool,
    /// Security options (no-new-privileges, seccomp=unconfined, seccomp=FILE, systempaths=unconfined,
    /// unmask=ALL|PATHS, mask=PATHS)
    #[arg(long = "security-opt", value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Ulimit options (NAME=SOFT[:HARD])
    #[arg(long, value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Signal to stop the container
    #[arg(long = "stop-signal", value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Run in systemd mode: true (when the command is systemd or an init), false or always
    /// (podman's): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, SIGRTMIN+3 to stop,
    /// container_uuid set, the cgroup file system writable
    #[arg(long, value_name = "true|false|always", default_value = "true", value_parser = ["true", "false", "always"])]
    pub systemd: String,
    /// Seconds to wait after the stop signal before killing the container (-1: for ever)
    #[arg(
        long = "stop-timeout",
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = super::stop::seconds_or_forever
    )]
    pub stop_timeout: Option<u32>,
    /// Set metadata on the container (KEY=VALUE)
    #[arg(short = 'l', long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Read labels from a file of KEY=VALUE lines
    #[arg(long = "label-file", value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Add additional groups to the container's process (names or gids)
    #[arg(long = "group-add", value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Write the container id to the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Pull the image before creating: always, missing (the default), newer or never
    #[arg(long, value_name = "POLICY", default_value = "missing")]
    pub pull: String,
    /// Suppress the pull output
    #[arg(short = 'q', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub quiet: bool,
    /// Pull the image for this platform (os/arch[/variant]) instead of the host's
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    #[command(flatten)]
    pub platform_parts: crate::image::pull::PlatformParts,
    #[command(flatten)]
    pub authfile: crate::image::login::AuthFile,
    /// When pulling: require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Network: bridge (the default: slirp4netns, or pasta when ports are published), slirp4netns, pasta, none, host, container:NAME|ID, ns:PATH, or a user-defined network's name (repeat for several; name=NET,ip=ADDR,alias=NAME or NET:ip=ADDR gives one its own address and aliases)
    #[arg(long = "network", alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Publish a container's port to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])
    #[arg(short = 'p', long = "publish", value_name = "PORT")]
    pub publish: Vec<String>,
    /// Publish every exposed port on a random host port
    #[arg(short = 'P', long = "publish-all", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub publish_all: bool,
    /// Expose a port or a range of ports (PORT[-END][/PROTO])
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// Set custom DNS servers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS search domains ("." for none)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set DNS options
    #[arg(long = "dns-option", alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a custom host-to-IP mapping (HOST:IP; IP may be host-gateway)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Container NIS domain name
    #[arg(long, value_name = "NAME")]
    pub domainname: Option<String>,
    /// Add a network-scoped alias for the container (user-defined networks only)
    #[arg(long = "network-alias", alias = "net-alias", value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// Container MAC address (e.g. 92:d0:c6:0a:29:33)
    #[arg(long = "mac-address", value_name = "MAC")]
    pub mac_address: Option<String>,
    /// IPv4 address (user-defined networks only)
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// IPv6 address (user-defined networks only)
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// Add a link to another container (user-defined networks only)
    #[arg(long, value_name = "CONTAINER")]
    pub link: Vec<String>,
    /// Size of /dev/shm (e.g. 256m; default 64m)
    #[arg(long = "shm-size", value_name = "BYTES")]
    pub shm_size: Option<String>,
    /// Sysctl options of the container's own namespaces (KEY=VALUE: net.*, kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Logging driver: k8s-file (default), json-file, local (docker's name, a json-file) or none
    #[arg(long = "log-driver", value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Replace a container with the same name
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub replace: bool,
    /// Resource limits (--memory, --cpus, --pids-limit, --cpu-shares, --memory-swap...)
    #[command(flatten)]
    pub resources: super::resources::CreateResourceFlags,
    /// PID namespace: host, or container:NAME to share another container's
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// IPC namespace: private (the default), shareable, none, host, or container:NAME of a shareable one
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// UTS namespace: host uses the host's name
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Run the container in a pod (NAME or ID), or in a new one with new:NAME
    #[arg(long, value_name = "POD", conflicts_with = "pod_id_file")]
    pub pod: Option<String>,
    /// Run the container in the pod whose id this file holds (as pod create --pod-id-file writes it)
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// Cgroup namespace: private (the default) or host
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])
    #[arg(long = "volumes-from", value_name = "CONTAINER")]
    pub volumes_from: Vec<String>,
    /// Give the container a secret: a file in /run/secrets, or with type=env a variable (NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M])
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// Add a host device to the container (HOST[:CONTAINER[:rwm]])
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Tune the host's OOM killer preference for the container (-1000 to 1000; rootless can only raise it)
    #[arg(long = "oom-score-adj", value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Add an annotation to the container (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Log driver options: max-size=SIZE, max-file=N (rotation), tag=TAG
    #[arg(long = "log-opt", value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// Healthcheck flags (--health-cmd, --health-interval, --no-healthcheck...)
    #[command(flatten)]
    pub health: super::healthcheck::HealthFlags,
    /// Use PATH as the root file system instead of an image (PATH:O: a throw-away overlay on it)
    #[arg(long, value_name = "PATH")]
    pub rootfs: Option<String>,
    /// User namespace: host (the default), keep-id[:uid=UID,gid=GID] (rootless: your ids inside), nomap, auto[:size=N] or private (a range of its own), ns:PATH (as root: join the namespace at PATH), container:ID (join another container's)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// A user namespace of the container's own with this uid mapping, CONTAINER_UID:HOST_UID:SIZE (repeat for several; rootless, host ids are skiff's namespace's: 0 is you, 1.. your subordinate ids) (podman's)
    #[arg(long, value_name = "CONTAINER:HOST:SIZE", conflicts_with = "userns")]
    pub uidmap: Vec<String>,
    /// The gid mapping, as --uidmap (each defaults to the other) (podman's)
    #[arg(long, value_name = "CONTAINER:HOST:SIZE", conflicts_with = "userns")]
    pub gidmap: Vec<String>,
    /// As root: the uid mapping /etc/subuid grants NAME (podman's)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["userns", "uidmap"])]
    pub subuidname: Option<String>,
    /// As root: the gid mapping /etc/subgid grants NAME (podman's)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["userns", "gidmap"])]
    pub subgidname: Option<String>,
    /// Storage driver options (refused: size= needs overlay on XFS with project quota)
    #[arg(long = "storage-opt", value_name = "OPT")]
    pub storage_opt: Vec<String>,
    /// Volume driver (only "local")
    #[arg(long = "volume-driver", value_name = "DRIVER")]
    pub volume_driver: Option<String>,
    /// Runtime (only "skiff", the built-in one)
    #[arg(long, value_name = "RUNTIME")]
    pub runtime: Option<String>,
    /// Isolation technology (only "default" on Linux)
    #[arg(long, value_name = "TECH")]
    pub isolation: Option<String>,
    /// Skip image verification (the default; false is refused: no Notary support)
    #[arg(long = "disable-content-trust", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub disable_content_trust: Option<bool>,
    /// Link-local addresses (refused: not supported)
    #[arg(long = "link-local-ip", value_name = "IP")]
    pub link_local_ip: Vec<String>,
    /// Mount the Docker API socket (`skiff system service`'s, or DOCKER_HOST's) at
    /// /var/run/docker.sock
    #[arg(long = "use-api-socket", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub use_api_socket: Option<bool>,
    /// GPU devices (refused: give --device /dev/nvidia... instead)
    #[arg(long, value_name = "GPUS")]
    pub gpus: Option<String>,
    /// Add a rule to the cgroup allowed devices list: 'TYPE MAJOR:MINOR PERMS', e.g. 'c 1:3 rwm' (root)
    #[arg(long = "device-cgroup-rule", value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// How systemd's NOTIFY_SOCKET is used: container (the default: the container sends READY=1), conmon (ready once the command runs), healthy (ready once the healthcheck passes) or ignore
    #[arg(long, value_name = "MODE")]
    pub sdnotify: Option<String>,
    /// Cgroup of the container's monitor: enabled (the default: the container's own) or no-conmon (stays in the caller's, e.g. a systemd unit's)
    #[arg(long, value_name = "MODE")]
    pub cgroups: Option<String>,
    /// Write the pid of the container's monitor to this file at each start
    #[arg(long = "conmon-pidfile", value_name = "FILE")]
    pub conmon_pidfile: Option<PathBuf>,
    /// Print usage
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// IMAGE [COMMAND [ARG...]], or COMMAND [ARG...] with --rootfs
    #[arg(value_name = "IMAGE", trailing_var_arg = true, required = true, num_args = 1..)]
    pub args: Vec<String>,
}

/// Each value of a repeated flag, parsed by `f`.
/// podman's `--http-proxy`: this process's proxy variables, `NAME=VALUE`.
pub fn caller_proxy_env() -> Vec<String> {
    options::PROXY_VARIABLES
        .iter()
        .filter_map(|name| Some(format!("{name}={}", std::env::var(name).ok()?)))
        .collect()
}

fn parsed<T>(
    values: &[String],
    f: fn(&str) -> skiff_libpod::Result<T>,
) -> skiff_libpod::Result<Vec<T>> {
    values.iter().map(|v| f(v)).collect()
}

/// The Docker API socket `--use-api-socket` mounts: DOCKER_HOST's when it names a unix socket
/// (docker mounts the socket of the daemon it talks to), else `skiff system service`'s default.
fn api_socket() -> anyhow::Result<std::path::PathBuf> {
    use std::os::unix::fs::FileTypeExt;
    let path = match std::env::var("DOCKER_HOST") {
        Ok(host) if host.starts_with("unix://") => std::path::PathBuf::from(&host[7..]),
        _ => skiff_libpod::config::service_socket(),
    };
    match std::fs::metadata(&path) {
        Ok(m) if m.file_type().is_socket() => Ok(path),
        _ => anyhow::bail!(
            "--use-api-socket: no Docker API socket at {}: start one with `skiff system service` \
             (or `systemctl --user start skiff.socket`), or name one with DOCKER_HOST=unix://PATH",
            path.display()
        ),
    }
}

/// `--image-volume`'s value.
fn image_volumes(s: &str) -> Result<ImageVolumes, String> {
    ImageVolumes::parse(s).map_err(|e| e.to_string())
}

impl CreateFlags {
    /// `--tmpfs` mounts, and with `--read-only --read-only-tmpfs` podman's writable /run,
    /// /tmp and /var/tmp (where `--tmpfs` put none).
    fn tmpfs_mounts(&self) -> anyhow::Result<Vec<MountConfig>> {
        let mut mounts = parsed(&self.tmpfs, options::parse_tmpfs_flag)?;
        if self.read_only && self.read_only_tmpfs {
            for dir in ["/run", "/tmp", "/var/tmp"] {
                if !mounts.iter().any(|m| m.destination == dir) {
                    // podman's: executable, unlike `--tmpfs`'s default (scripts run there).
                    mounts.push(options::parse_tmpfs_flag(&format!(
                        "{dir}:rw,exec,nosuid,nodev"
                    ))?);
                }
            }
        }
        Ok(mounts)
    }

    /// `-v` volumes, and with `--use-api-socket` the Docker API socket at
    /// /var/run/docker.sock.
    fn volumes(&self) -> anyhow::Result<Vec<String>> {
        let mut volumes = self.volume.clone();
        if self.use_api_socket == Some(true) {
            volumes.push(format!("{}:/var/run/docker.sock", api_socket()?.display()));
        }
        Ok(volumes)
    }

    /// The engine's create options for these flags: the typed spec, each flag's value parsed
    /// (an invalid one is an error here, before anything is pulled or created, as in docker).
    pub fn options(&self) -> anyhow::Result<CreateOptions> {
        let (image, command) = match &self.rootfs {
            Some(_) => (None, self.args.clone()),
            None => (
                self.args.first().cloned(),
                self.args.iter().skip(1).cloned().collect(),
            ),
        };
        let mut networks = self
            .network
            .iter()
            .map(|v| super::network_arg::parse(v))
            .collect::<Result<Vec<_>, _>>()
            .map_err(anyhow::Error::msg)?
            .into_iter();
        let first = networks.next().unwrap_or_default();
        let extra_networks = networks
            .map(|n| ExtraNetwork {
                name: n.mode,
                connect: n.connect,
            })
            .collect();
        let own = |flag: &str, given: &Option<String>, per_network: &Option<String>| {
            super::network_arg::one_of(flag, given.clone(), per_network.clone())
                .map_err(anyhow::Error::msg)
        };
        let mut network_aliases = self.network_alias.clone();
        network_aliases.extend(first.connect.aliases.iter().cloned());
        Ok(CreateOptions {
            image,
            rootfs: self.rootfs.clone(),
            command,
            name: self.name.clone(),
            env: self.env.clone(),
            host_env: if self.env_host {
                std::env::vars().map(|(k, v)| format!("{k}={v}")).collect()
            } else if self.http_proxy {
                caller_proxy_env()
            } else {
                Vec::new()
            },
            env_files: self.env_file.clone(),
            unsetenv: self.unsetenv.clone(),
            unsetenv_all: self.unsetenv_all,
            env_merge: self.env_merge.clone(),
            image_volume: self.image_volume.unwrap_or_default(),
            umask: self.umask.clone(),
            no_hosts: self.no_hosts,
            pidfile: self.pidfile.clone(),
            timeout: self.timeout,
            requires: self.requires.clone(),
            personality: self.personality.clone(),
            passwd_entry: self.passwd_entry.clone(),
            no_passwd: !self.passwd,
            // `create --init-ctr` only (see `create`).
            init_ctr: None,
            host_users: self.hostuser.clone(),
            user: self.user.clone(),
            workdir: self.workdir.clone(),
            hostname: self.hostname.clone(),
            tz: self.tz.clone(),
            // docker's --entrypoint is one word, not split; "" clears the image's.
            entrypoint: self
                .entrypoint
                .as_ref()
                .map(|e| [e.clone()].into_iter().filter(|e| !e.is_empty()).collect()),
            init: self.init,
            init_path: self.init_path.clone(),
            read_only: self.read_only,
            tmpfs: self.tmpfs_mounts()?,
            volumes: self.volumes()?,
            mounts: parsed(&self.mount, options::parse_mount_flag)?,
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            privileged: self.privileged,
            security_opt: self.security_opt.clone(),
            ulimits: parsed(&self.ulimit, options::parse_ulimit)?,
            stop_signal: self.stop_signal.clone(),
            systemd: skiff_libpod::container::systemd_mode::SystemdMode::parse(&self.systemd)?,
            stop_timeout: self.stop_timeout,
            labels: with_unit_label(
                self.label.clone(),
                std::env::var("PODMAN_SYSTEMD_UNIT")
                    .or_else(|_| std::env::var("SKIFF_SYSTEMD_UNIT"))
                    .ok(),
            ),
            label_files: self.label_file.clone(),
            group_add: self.group_add.clone(),
            restart: self
                .restart
                .as_deref()
                .map(options::parse_restart)
                .transpose()?,
            network: (!first.mode.is_empty()).then(|| first.mode.clone()),
            extra_networks,
            publish: self
                .publish
                .iter()
                .map(|p| PortMapping::parse(p))
                .collect::<Result<_, _>>()?,
            publish_all: self.publish_all,
            expose: self.expose.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_options: self.dns_option.clone(),
            add_host: self.add_host.clone(),
            domainname: self.domainname.clone(),
            network_aliases,
            mac_address: own("--mac-address", &self.mac_address, &first.connect.mac)?,
            shm_size: self.shm_size.clone(),
            sysctls: self.sysctl.clone(),
            ip: own("--ip", &self.ip, &first.connect.ip)?,
            ip6: own("--ip6", &self.ip6, &first.connect.ip6)?,
            links: self.link.clone(),
            log_driver: self.log_driver.clone(),
            replace: self.replace,
            resources: self.resources.options()?,
            tty: self.tty,
            interactive: self.interactive,
            attach: AttachStreams::from_names(&self.attach, self.interactive),
            rm: self.rm,
            rm_after: std::time::Duration::ZERO,
            pid: self.pid.clone(),
            ipc: self.ipc.clone(),
            uts: self.uts.clone(),
            cgroupns: self.cgroupns.clone(),
            volumes_from: self.volumes_from.clone(),
            secrets: self.secret.clone(),
            devices: parsed(&self.device, options::parse_device)?,
            oom_score_adj: self.oom_score_adj,
            annotations: self.annotation.clone(),
            log_opts: self.log_opt.clone(),
            health: self.health.options()?,
            userns: self.userns.clone(),
            uidmap: self.uidmap.clone(),
            gidmap: self.gidmap.clone(),
            subuidname: self.subuidname.clone(),
            subgidname: self.subgidname.clone(),
            compat: CompatOptions {
                storage_opt: self.storage_opt.clone(),
                volume_driver: self.volume_driver.clone(),
                runtime: self.runtime.clone(),
                isolation: self.isolation.clone(),
                disable_content_trust: self.disable_content_trust,
                link_local_ip: self.link_local_ip.clone(),
                gpus: self.gpus.clone(),
                device_cgroup_rules: self.device_cgroup_rule.clone(),
            },
            sdnotify: self
                .sdnotify
                .as_deref()
                .map(SdNotifyMode::parse)
                .transpose()?
                .unwrap_or_default(),
            cgroups: self.cgroups.clone(),
            monitor_pidfile: self.conmon_pidfile.clone(),
            create_command: self
                .command_line
                .clone()
                .unwrap_or_else(|| std::env::args().collect()),
            pod: match &self.pod_id_file {
                Some(f) => Some(crate::objects::read_id_file(f)?),
                None => self.pod.clone(),
            },
        })
    }
}

/// Create a new container
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    #[command(flatten)]
    flags: CreateFlags,
    /// Make it an init container of its pod (--pod), run before the pod's other containers
    /// when the pod starts: always (at every start) or once (then removed) (podman's)
    #[arg(long = "init-ctr", value_name = "TYPE", value_parser = ["always", "once"])]
    init_ctr: Option<String>,
}

impl CreateArgs {
    /// The flags shared with `run`.
    pub fn flags(&self) -> &CreateFlags {
        &self.flags
    }

    /// The flags, taken.
    pub fn into_flags(self) -> CreateFlags {
        self.flags
    }
}

/// Creates the container for `flags` (resolving or pulling the image) and writes `--cidfile`.
/// A `detached` one (`run -d`) attaches no stream, as docker records it.
pub fn create(
    engine: &mut Engine,
    flags: &CreateFlags,
    detached: bool,
    init_ctr: Option<InitCtr>,
) -> anyhow::Result<ContainerRecord> {
    flags.authfile.apply();
    // docker's order: the file is made (empty) before the container, so a path that cannot
    // be written leaves no container behind; it goes again if the create fails.
    let cidfile = flags.cidfile.as_deref().map(CidFile::create).transpose()?;
    let created = create_with(engine, flags, detached, init_ctr);
    match (cidfile, &created) {
        (Some(file), Ok(rec)) => file.write_id(&rec.id)?,
        (Some(file), Err(_)) => file.discard(),
        (None, _) => {}
    }
    created
}

/// `--cidfile`: the file made before the container, which receives its id.
struct CidFile {
    path: std::path::PathBuf,
    file: std::fs::File,
}

impl CidFile {
    /// Makes `path`, which must not exist yet.
    fn create(path: &std::path::Path) -> anyhow::Result<CidFile> {
        let file = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
                    "container id file {} already exists: remove it or choose another",
                    path.display()
                ),
                _ => anyhow::Error::new(e)
                    .context(format!("creating the container id file {}", path.display())),
            })?;
        Ok(CidFile {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Writes the new container's `id`.
    fn write_id(mut self, id: &str) -> anyhow::Result<()> {
        std::io::Write::write_all(&mut self.file, id.as_bytes())
            .with_context(|| format!("writing --cidfile {}", self.path.display()))
    }

    /// Removes the file of a create that failed.
    fn discard(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// [`create`] once the `--cidfile` is made.
fn create_with(
    engine: &mut Engine,
    flags: &CreateFlags,
    detached: bool,
    init_ctr: Option<InitCtr>,
) -> anyhow::Result<ContainerRecord> {
    let policy: super::PullPolicy = flags.pull.parse().map_err(anyhow::Error::msg)?;
    let mut opts = flags.options()?;
    opts.init_ctr = init_ctr;
    if detached {
        opts.attach = AttachStreams::NONE;
    }
    super::resources::warn_discarded(&opts.resources);
    if !opts.publish.is_empty() || opts.publish_all {
        if let Some(mode @ ("host" | "none")) = opts.network.as_deref() {
            eprintln!("WARNING: Published ports are discarded when using {mode} network mode");
        }
    }
    // A rootless container that joins another's network, PID or IPC namespace, or a
    // user-defined network, must run in that one's user namespace: enter it before a pull
    // would enter a new one.
    let made_pod = new_pod(engine, &mut opts)?;
    let created = create_member(engine, flags, &opts, policy);
    if let (Err(_), Some(pod)) = (&created, made_pod) {
        // `--pod new:NAME` made the pod for this container alone: it goes with the failure.
        let _ = engine.remove_pod(&pod, true, None);
    }
    created
}

/// The rest of `create` once `opts` is final: the user namespace, `--replace`, the image and
/// the container's row.
fn create_member(
    engine: &mut Engine,
    flags: &CreateFlags,
    opts: &CreateOptions,
    policy: super::PullPolicy,
) -> anyhow::Result<ContainerRecord> {
    engine.enter_create_userns(opts)?;
    if let (true, Some(name)) = (flags.replace, &flags.name) {
        // Before a pull, which enters the user namespace.
        engine.remove_named(name)?;
    }
    let image = match &opts.image {
        Some(name) => {
            let platform = flags.platform_parts.or(flags.platform.clone());
            let source = super::ImageSource {
                policy,
                quiet: flags.quiet,
                platform: platform.as_deref(),
                tls_verify: flags.tls_verify,
            };
            Some(super::image_defaults(engine, name, &source)?)
        }
        None => None,
    };
    Ok(engine.create_container(opts, image.as_ref())?)
}

/// `--pod new:NAME`: creates pod NAME, to which the container's published ports move (they
/// belong to the pod), and points `opts` at it. Returns the new pod's id.
fn new_pod(engine: &mut Engine, opts: &mut CreateOptions) -> anyhow::Result<Option<String>> {
    let Some(name) = opts.pod.as_deref().and_then(|p| p.strip_prefix("new:")) else {
        return Ok(None);
    };
    let spec = skiff_libpod::pod::PodSpec {
        name: Some(name.to_string()),
        publish: std::mem::take(&mut opts.publish),
        ..Default::default()
    };
    let pod = engine.create_pod(&spec)?;
    opts.pod = Some(pod.id.clone());
    Ok(Some(pod.id))
}

/// `skiff create`: prints the new container's id.
pub fn exec(engine: &mut Engine, args: CreateArgs) -> anyhow::Result<i32> {
    let init_ctr = args.init_ctr.as_deref().map(InitCtr::parse).transpose()?;
    let rec = create(engine, &args.flags, false, init_ctr)?;
    println!("{}", rec.id);
    Ok(0)
}

/// `labels` with podman's `PODMAN_SYSTEMD_UNIT=UNIT` added when a systemd unit creates the
/// container (a generated unit or a Quadlet file sets the variable to its own name), unless a
/// label gives it: `auto-update` restarts that unit.
fn with_unit_label(mut labels: Vec<String>, unit: Option<String>) -> Vec<String> {
    let key = skiff_libpod::auto_update::UNIT_LABEL;
    match unit.filter(|u| !u.is_empty()) {
        Some(unit) if !labels.iter().any(|l| l.split('=').next() == Some(key)) => {
            labels.push(format!("{key}={unit}"));
            labels
        }
        _ => labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_s_name_becomes_a_label_unless_one_is_given() {
        let unit = Some("web.service".to_string());
        assert_eq!(
            with_unit_label(vec![], unit.clone()),
            ["PODMAN_SYSTEMD_UNIT=web.service"]
        );
        let given = vec!["PODMAN_SYSTEMD_UNIT=other".to_string()];
        assert_eq!(with_unit_label(given.clone(), unit), given);
        assert!(with_unit_label(vec![], None).is_empty());
        assert!(with_unit_label(vec![], Some(String::new())).is_empty());
    }
}
