//! `skiff pod create`: prints the new pod's id.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use skiff_libpod::container::network::PortMapping;
use skiff_libpod::pod::{parse_share, ExitPolicy, PodSpec};
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
    /// Write the pod's id to this file
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pod_id_file: Option<PathBuf>,
    /// Write the pid of the infra container's monitor to this file at each start
    #[arg(long = "infra-conmon-pidfile", value_name = "FILE")]
    infra_conmon_pidfile: Option<PathBuf>,
    /// What happens when the pod's last container exits: continue (the pod keeps running) or stop (the pod stops)
    #[arg(
        long = "exit-policy",
        value_name = "POLICY",
        default_value = "continue"
    )]
    exit_policy: String,
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
            labels: crate::objects::pairs(&self.label, "--label")?,
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
        })
    }
}

/// `skiff pod create`.
pub fn exec(engine: &mut Engine, args: CreateArgs) -> anyhow::Result<i32> {
    let pod = engine.create_pod(&args.spec()?)?;
    if let Some(file) = &args.pod_id_file {
        std::fs::write(file, &pod.id)
            .with_context(|| format!("writing the pod id file {}", file.display()))?;
    }
    println!("{}", pod.id);
    Ok(0)
}
