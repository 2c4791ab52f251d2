//! `skiff pod create`: prints the new pod's id.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::network::PortMapping;
use skiff_libpod::container::options::read_label_files;
use skiff_libpod::pod::{parse_share, ExitPolicy, InfraOptions, PodIdMaps, PodSpec};
use skiff_libpod::Engine;

/// Create a new empty pod
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Name of the pod (random when omitted)
    #[arg(short = 'n', long)]
    name: Option<String>,
    /// Publish a port of the pod to the host (HOST:CONTAINER[/PROTO])
    #[arg(short = 'p', long = "publish", value_name = "PORT")]
    publish: Vec<String>,
    /// Set metadata on the pod (KEY=VALUE)
    #[arg(short = 'l', long = "label")]
    label: Vec<String>,
    /// Host name of the pod's containers (the pod's name by default)
    #[arg(long)]
    hostname: Option<String>,
    /// Create an infra container holding the pod's shared namespaces
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    infra: bool,
    /// Namespaces the pod's containers share: a comma list of ipc, net, pid, uts (or none); +NS adds to the default ipc,net,uts
    #[arg(long, value_name = "NAMESPACES")]
    share: Option<String>,
    /// Network of the pod (its infra container's)
    #[arg(long, value_name = "NETWORK")]
    network: Option<String>,
    /// Add a custom host-to-IP mapping to the pod (HOST:IP)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    add_host: Vec<String>,
    /// Set a custom DNS server for the pod
    #[arg(long)]
    dns: Vec<String>,
    /// Replace a pod with the same name (removing its containers)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", hide_default_value = true, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    replace: bool,
    /// User namespace of the pod's containers (as run --userns)
    #[arg(long, value_name = "MODE")]
    userns: Option<String>,
    /// Bind mount a host path or a named volume into every container of the pod
    /// (SRC:DST[:ro]; podman's)
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    volume: Vec<String>,
    /// Mount the volumes of another container into every container of the pod
    /// (CONTAINER[:ro|rw]; podman's)
    #[arg(long = "volumes-from", value_name = "CONTAINER")]
    volumes_from: Vec<String>,
    /// Read labels from a file of KEY=VALUE lines (podman's)
    #[arg(long = "label-file", value_name = "FILE")]
    label_file: Vec<PathBuf>,
    /// Add a host device to the pod's containers (HOST[:CONTAINER][:PERMISSIONS]; podman's)
    #[arg(long = "device", value_name = "DEVICE")]
    device: Vec<String>,
    /// Security options of the pod's containers (as run --security-opt; podman's)
    #[arg(long = "security-opt", value_name = "OPTION")]
    security_opt: Vec<String>,
    /// PID namespace of the pod (host, or private by default; its containers' when it shares pid)
    #[arg(long, value_name = "MODE")]
    pid: Option<String>,
    /// UTS namespace of the pod (host, or private by default; its containers' when it shares uts)
    #[arg(long, value_name = "MODE")]
    uts: Option<String>,
    /// User namespace mapping of the pod's containers (CONTAINER:HOST:SIZE; podman's)
    #[arg(long, value_name = "MAP")]
    uidmap: Vec<String>,
    /// Group mapping of the pod's user namespace (CONTAINER:HOST:SIZE; podman's)
    #[arg(long, value_name = "MAP")]
    gidmap: Vec<String>,
    /// The pod's user namespace maps the uids /etc/subuid grants NAME (root; podman's)
    #[arg(long, value_name = "NAME")]
    subuidname: Option<String>,
    /// The pod's user namespace maps the gids /etc/subgid grants NAME (root; podman's)
    #[arg(long, value_name = "NAME")]
    subgidname: Option<String>,
    /// Write the pod's id to this file
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pod_id_file: Option<PathBuf>,
    /// Write the pid of the infra container's monitor to this file at each start
    #[arg(long = "infra-conmon-pidfile", value_name = "FILE")]
    infra_conmon_pidfile: Option<PathBuf>,
    #[command(flatten)]
    infra_flags: InfraFlags,
    /// What happens when the pod's last container exits: continue (the pod keeps running) or stop (the pod stops)
    #[arg(
        long = "exit-policy",
        value_name = "POLICY",
        default_value = "continue"
    )]
    exit_policy: String,
}

/// The infra container's network and namespace flags, as `run`'s of the same names.
#[derive(Debug, Args)]
struct InfraFlags {
    /// Name of the infra container (ID-infra by default)
    #[arg(long = "infra-name", value_name = "NAME")]
    infra_name: Option<String>,
    /// Set a custom DNS search domain for the pod
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    dns_search: Vec<String>,
    /// Set a DNS option for the pod
    #[arg(long = "dns-option", value_name = "OPTION")]
    dns_option: Vec<String>,
    /// Add a network-scoped alias for the pod
    #[arg(long = "network-alias", value_name = "ALIAS")]
    network_alias: Vec<String>,
    /// The pod's IPv4 address on its network
    #[arg(long, value_name = "ADDRESS")]
    ip: Option<String>,
    /// The pod's IPv6 address on its network (one created with --ipv6)
    #[arg(long, value_name = "ADDRESS")]
    ip6: Option<String>,
    /// The pod's MAC address on its network
    #[arg(long = "mac-address", value_name = "ADDRESS")]
    mac_address: Option<String>,
    /// Keep the infra image's /etc/hosts instead of making one
    #[arg(long = "no-hosts")]
    no_hosts: bool,
    /// Size of the pod's /dev/shm (with a unit: b, k, m or g)
    #[arg(long = "shm-size", value_name = "SIZE")]
    shm_size: Option<String>,
    /// Namespaced kernel parameters of the pod (KEY=VALUE)
    #[arg(long = "sysctl", value_name = "KEY=VALUE")]
    sysctl: Vec<String>,
    /// Image the infra container runs (pulled when missing) instead of skiff's pause process
    #[arg(long = "infra-image", value_name = "IMAGE")]
    infra_image: Option<String>,
    /// The infra container's command: words, or a JSON array (default: the pause process,
    /// or the infra image's entrypoint and command)
    #[arg(long = "infra-command", value_name = "COMMAND")]
    infra_command: Option<String>,
}

/// `--infra-command`: a JSON array of words, else the value split at whitespace.
fn infra_command(value: &str) -> anyhow::Result<Vec<String>> {
    let words = match value.trim_start().starts_with('[') {
        true => serde_json::from_str::<Vec<String>>(value)
            .with_context(|| format!("--infra-command {value:?}: not a JSON array of strings"))?,
        false => value.split_whitespace().map(str::to_string).collect(),
    };
    if words.is_empty() {
        anyhow::bail!("--infra-command is empty: give the command to run, or leave the flag out");
    }
    Ok(words)
}

impl CreateArgs {
    /// The engine's pod spec for these flags.
    fn spec(&self) -> anyhow::Result<PodSpec> {
        Ok(PodSpec {
            name: self.name.clone(),
            publish: self
                .publish
                .iter()
                .map(|p| PortMapping::parse(p))
                .collect::<Result<_, _>>()?,
            labels: self.labels()?,
            hostname: self.hostname.clone(),
            infra: self.infra,
            share: self.share.as_deref().map(parse_share).transpose()?,
            network: self.network.clone(),
            add_host: self.add_host.clone(),
            dns: self.dns.clone(),
            replace: self.replace,
            userns: self.userns.clone(),
            infra_monitor_pidfile: self.infra_conmon_pidfile.clone(),
            exit_policy: ExitPolicy::parse(&self.exit_policy)?,
            create_command: std::env::args().collect(),
            infra_options: InfraOptions {
                name: self.infra_flags.infra_name.clone(),
                dns_search: self.infra_flags.dns_search.clone(),
                dns_options: self.infra_flags.dns_option.clone(),
                network_aliases: self.infra_flags.network_alias.clone(),
                ip: self.infra_flags.ip.clone(),
                ip6: self.infra_flags.ip6.clone(),
                mac_address: self.infra_flags.mac_address.clone(),
                no_hosts: self.infra_flags.no_hosts,
                shm_size: self.infra_flags.shm_size.clone(),
                sysctls: self.infra_flags.sysctl.clone(),
                image: self.infra_flags.infra_image.clone(),
                command: self
                    .infra_flags
                    .infra_command
                    .as_deref()
                    .map(infra_command)
                    .transpose()?,
            },
            volumes: self.volume.clone(),
            volumes_from: self.volumes_from.clone(),
            devices: self.device.clone(),
            security_opt: self.security_opt.clone(),
            pid: self.pid.clone(),
            uts: self.uts.clone(),
            id_maps: PodIdMaps {
                uidmap: self.uidmap.clone(),
                gidmap: self.gidmap.clone(),
                subuidname: self.subuidname.clone(),
                subgidname: self.subgidname.clone(),
            },
        })
    }

    /// `--label-file` lines, then `--label` (which wins for a key given in both).
    fn labels(&self) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
        let lines = read_label_files(&self.label_file)?;
        let mut labels = crate::objects::pairs(&lines, "--label-file")?;
        labels.extend(crate::objects::pairs(&self.label, "--label")?);
        Ok(labels)
    }
}

/// `skiff pod create`.
pub fn exec(engine: &mut Engine, args: CreateArgs) -> anyhow::Result<i32> {
    let spec = args.spec()?;
    if let Some(image) = &spec.infra_options.image {
        crate::image::pull::pull_if_missing(engine, image, false, || {
            Ok(skiff_libpod::image::pull::PullRequest {
                platform: None,
                tls_verify: None,
                credentials: Default::default(),
            })
        })?;
    }
    let pod = engine.create_pod(&spec)?;
    if let Some(file) = &args.pod_id_file {
        std::fs::write(file, &pod.id)
            .with_context(|| format!("writing the pod id file {}", file.display()))?;
    }
    println!("{}", pod.id);
    Ok(0)
}
