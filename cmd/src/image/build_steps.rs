//! `build`'s flags for the containers its RUN steps run in (docker's `--add-host`,
//! `--shm-size`, `--ulimit`, `--security-opt`, the resource limits; podman's `--cap-add`,
//! `--cap-drop`, `--dns*`, `--no-hosts`, `-v`, `--device`, `--http-proxy`), and the docker flags it
//! accepts only in the form skiff honours (`--isolation`, `--disable-content-trust`).

use clap::Args;
use skiff_libpod::build::{step_namespace, StepSettings};
use skiff_libpod::container::compat_flags::{self, CompatOptions};
use skiff_libpod::container::options;
use skiff_libpod::container::resources::ResourceOptions;

use crate::container::resources::{warn_discarded, ResourceFlags};

/// The step container flags of `build`.
#[derive(Debug, Args)]
pub struct StepFlags {
    /// Add a custom host-to-IP mapping (HOST:IP) to the /etc/hosts of RUN steps
    #[arg(long = "add-host", value_name = "HOST:IP")]
    add_host: Vec<String>,
    /// Size of /dev/shm in RUN steps (e.g. 64m)
    #[arg(long = "shm-size", value_name = "BYTES")]
    shm_size: Option<String>,
    /// Ulimit options of RUN steps (NAME=SOFT[:HARD])
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    ulimit: Vec<String>,
    /// Security options of RUN steps (as run's --security-opt)
    #[arg(long = "security-opt", value_name = "OPT")]
    security_opt: Vec<String>,
    /// Resource limits of RUN steps, as run's
    #[command(flatten)]
    resources: ResourceFlags,
    /// Cgroup to put RUN steps in (as run's --cgroup-parent)
    #[arg(long = "cgroup-parent", value_name = "CGROUP")]
    cgroup_parent: Option<String>,
    /// Isolation technology (only "default" on Linux)
    #[arg(long, value_name = "TECH")]
    isolation: Option<String>,
    /// Skip image verification (the default; false is refused: no Notary support)
    #[arg(long = "disable-content-trust", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    disable_content_trust: Option<bool>,
    /// Compress the build context (accepted for docker: skiff reads the context in place)
    #[arg(long)]
    compress: bool,
    /// Add a capability to RUN steps (podman's; as run's)
    #[arg(long = "cap-add", value_name = "CAP")]
    cap_add: Vec<String>,
    /// Drop a capability from RUN steps (podman's; as run's)
    #[arg(long = "cap-drop", value_name = "CAP")]
    cap_drop: Vec<String>,
    /// DNS server for RUN steps (podman's; as run's)
    #[arg(long, value_name = "IP")]
    dns: Vec<String>,
    /// DNS search domain for RUN steps (podman's; as run's)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    dns_search: Vec<String>,
    /// DNS resolver option for RUN steps (podman's; as run's)
    #[arg(long = "dns-option", value_name = "OPT")]
    dns_option: Vec<String>,
    /// Leave the image's /etc/hosts alone in RUN steps (podman's; as run's)
    #[arg(long = "no-hosts", conflicts_with = "add_host")]
    no_hosts: bool,
    /// Bind mount a volume into RUN steps: SRC:DST[:OPTS] (podman's; as run's; never in a layer)
    #[arg(short = 'v', long = "volume", value_name = "SRC:DST[:OPTS]")]
    volume: Vec<String>,
    /// Add a host device to RUN steps: HOST[:CONTAINER[:PERMS]] (podman's; as run's)
    #[arg(long, value_name = "DEVICE")]
    device: Vec<String>,
    /// Pass this process's proxy variables to RUN steps, never to the image (podman's)
    #[arg(long = "http-proxy", value_name = "BOOL", num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    http_proxy: bool,
    /// PID namespace of RUN steps: host, or private (each step's own, the default) (podman's)
    #[arg(long, value_name = "MODE")]
    pid: Option<String>,
    /// IPC namespace of RUN steps: host, or private (the default) (podman's)
    #[arg(long, value_name = "MODE")]
    ipc: Option<String>,
    /// UTS namespace of RUN steps: host, or private (the default) (podman's)
    #[arg(long, value_name = "MODE")]
    uts: Option<String>,
    /// Cgroup namespace of RUN steps: host, or private (the default) (podman's)
    #[arg(long, value_name = "MODE")]
    cgroupns: Option<String>,
}

/// A namespace flag's value as the steps' setting (see [`step_namespace`]).
fn namespace(flag: &str, value: &Option<String>) -> anyhow::Result<Option<String>> {
    match value {
        Some(v) => Ok(step_namespace(flag, v)?),
        None => Ok(None),
    }
}

impl StepFlags {
    /// libpod's settings for the flags given, their values parsed; the refusal of a docker
    /// flag in a form skiff cannot honour.
    pub fn settings(&self) -> anyhow::Result<StepSettings> {
        compat_flags::check(&CompatOptions {
            isolation: self.isolation.clone(),
            disable_content_trust: self.disable_content_trust,
            ..CompatOptions::default()
        })?;
        let _ = self.compress;
        let resources = ResourceOptions {
            cgroup_parent: self.cgroup_parent.clone(),
            ..self.resources.options()?
        };
        warn_discarded(&resources);
        Ok(StepSettings {
            add_host: self.add_host.clone(),
            shm_size: self.shm_size.clone(),
            ulimits: self
                .ulimit
                .iter()
                .map(|u| options::parse_ulimit(u))
                .collect::<Result<_, _>>()?,
            security_opt: self.security_opt.clone(),
            resources,
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_options: self.dns_option.clone(),
            no_hosts: self.no_hosts,
            volumes: self.volume.clone(),
            devices: self
                .device
                .iter()
                .map(|d| options::parse_device(d))
                .collect::<Result<_, _>>()?,
            proxy_env: match self.http_proxy {
                true => crate::container::create::caller_proxy_env(),
                false => Vec::new(),
            },
            pid: namespace("pid", &self.pid)?,
            ipc: namespace("ipc", &self.ipc)?,
            uts: namespace("uts", &self.uts)?,
            cgroupns: namespace("cgroupns", &self.cgroupns)?,
        })
    }
}
