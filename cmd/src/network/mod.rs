//! `skiff network create|ls|inspect|rm|prune|connect|disconnect|exists`: user-defined networks.

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use skiff_libpod::networks::{ConnectOptions, NetworkRecord, NetworkSpec};
use skiff_libpod::Engine;

use crate::container::output;
use crate::objects::{
    self, filter_pairs, inspect_each, reword, ExistsArgs, InspectArgs, PruneArgs, RmArgs,
};

/// Network subcommands.
#[derive(Debug, Subcommand)]
pub enum NetworkCmd {
    /// Create a network
    Create(CreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more networks
    #[command(mut_args(reword("names", "Networks")))]
    Inspect(InspectArgs),
    /// Remove one or more networks
    #[command(
        alias = "remove",
        mut_args(reword(
            "force",
            "Do not error if the network does not exist; remove the containers using it"
        )),
        mut_args(reword("names", "Networks"))
    )]
    Rm(RmArgs),
    /// Remove all unused networks
    #[command(mut_args(reword(
        "filter",
        "Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]"
    )))]
    Prune(PruneArgs),
    /// Connect a container to a network
    Connect(ConnectArgs),
    /// Disconnect a container from a network
    Disconnect(DisconnectArgs),
    /// Check whether a network exists (exit 0 if it does, 1 if not)
    #[command(mut_args(reword("name", "The network")))]
    Exists(ExistsArgs),
}

/// `network create` flags.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Driver to manage the network (only "bridge")
    #[arg(short = 'd', long, value_name = "DRIVER")]
    driver: Option<String>,
    /// Subnet in CIDR format (e.g. 10.89.5.0/24); give it again for IPv6 (e.g. fd00:5::/64)
    #[arg(long, value_name = "SUBNET")]
    subnet: Vec<String>,
    /// Gateway for the subnet of its family (IPv4 or IPv6)
    #[arg(long, value_name = "IP")]
    gateway: Vec<String>,
    /// Allocate container IPs from a part of the IPv4 subnet (CIDR, or FIRST-LAST)
    #[arg(long, value_name = "RANGE")]
    ip_range: Option<String>,
    /// Restrict external access to the network
    #[arg(long)]
    internal: bool,
    /// Set metadata on the network (KEY=VALUE)
    #[arg(short = 'l', long = "label", value_name = "LABEL")]
    label: Vec<String>,
    /// Driver specific options (KEY=VALUE)
    #[arg(short = 'o', long = "opt", value_name = "OPT")]
    opt: Vec<String>,
    /// Enable IPv6 networking (a unique local /64 when no IPv6 subnet is given)
    #[arg(long)]
    ipv6: bool,
    /// Enable IPv4 address assignment (always: false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    ipv4: Option<bool>,
    /// IP Address Management driver (only "default")
    #[arg(long, value_name = "DRIVER")]
    ipam_driver: Option<String>,
    /// An address of the subnet no container gets, NAME=IP (docker's)
    #[arg(long, value_name = "NAME=IP")]
    aux_address: Vec<String>,
    /// An IPAM driver option, KEY=VALUE (docker's; recorded)
    #[arg(long, value_name = "KEY=VALUE")]
    ipam_opt: Vec<String>,
    /// Control the network's scope (only "local")
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,
    /// Do not fail when the network exists (podman)
    #[arg(long)]
    ignore: bool,
    /// Let containers join the network with `network connect` (always true here)
    #[arg(long)]
    attachable: bool,
    /// The network's name
    name: String,
}

/// `network ls` flags.
#[derive(Debug, Args)]
#[command(
    mut_args(reword("quiet", "Only display network IDs")),
    mut_args(reword(
        "filter",
        "Provide filter values (driver=, id=, label=, name=, scope=, type=custom|builtin, dangling=)"
    ))
)]
pub struct LsArgs {
    #[command(flatten)]
    list: objects::ListArgs,
    /// Do not truncate the output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
}

/// `network connect` flags.
#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Add a network-scoped alias for the container
    #[arg(long, value_name = "ALIAS")]
    alias: Vec<String>,
    /// IPv4 address
    #[arg(long, value_name = "IP")]
    ip: Option<String>,
    /// IPv6 address (on a network created with --ipv6)
    #[arg(long, value_name = "IP")]
    ip6: Option<String>,
    /// The interface's MAC address on the network (podman's)
    #[arg(long = "mac-address", value_name = "MAC")]
    mac_address: Option<String>,
    /// The network
    network: String,
    /// The container
    container: String,
}

/// `network disconnect` flags.
#[derive(Debug, Args)]
pub struct DisconnectArgs {
    /// Succeed when the container is not connected to the network
    #[arg(short = 'f', long)]
    force: bool,
    /// The network
    network: String,
    /// The container
    container: String,
}

/// The fields of a `network ls` row, which `--format` may read (docker's `networkContext`).
const NETWORK_FIELDS: &[&str] = &[
    "CreatedAt",
    "Driver",
    "ID",
    "IPv4",
    "IPv6",
    "Internal",
    "Label",
    "Labels",
    "Name",
    "Scope",
];

/// docker's `network ls` row.
fn network_row(n: &NetworkRecord, no_trunc: bool, label_method: bool) -> Value {
    let labels: Vec<String> = n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let created = if n.created > 0 {
        crate::format::units::go_time_string(n.created / 1_000_000_000)
    } else {
        String::new()
    };
    let mut row = json!({
        "CreatedAt": created,
        "Driver": n.driver,
        "ID": if no_trunc { n.id.clone() } else { n.id[..12].to_string() },
        "IPv4": "true",
        "IPv6": n.ipv6().to_string(),
        "Internal": n.internal.to_string(),
        "Labels": labels.join(","),
        "Name": n.name,
        "Scope": "local",
    });
    if label_method {
        row["Label"] = json!(n.labels);
    }
    row
}

/// Splits repeated `--subnet` or `--gateway` values into the IPv4 one and the IPv6 one (an
/// IPv6 value has a colon); two of one family are refused.
fn by_family(values: &[String], flag: &str) -> anyhow::Result<(Option<String>, Option<String>)> {
    let (v6, v4): (Vec<&String>, Vec<&String>) = values.iter().partition(|v| v.contains(':'));
    if v4.len() > 1 || v6.len() > 1 {
        anyhow::bail!(
            "{flag} given twice for one address family: give at most one IPv4 and one IPv6 {flag}"
        );
    }
    Ok((
        v4.first().map(|s| s.to_string()),
        v6.first().map(|s| s.to_string()),
    ))
}

/// Runs a network subcommand.
pub fn dispatch(engine: &mut Engine, cmd: NetworkCmd) -> anyhow::Result<i32> {
    match cmd {
        NetworkCmd::Create(a) => {
            if a.ignore {
                if let Ok(n) = engine.network_get(&a.name) {
                    if n.name == a.name {
                        println!("{}", if n.predefined { n.name } else { n.id });
                        return Ok(0);
                    }
                }
            }
            let (subnet, subnet6) = by_family(&a.subnet, "--subnet")?;
            let (gateway, gateway6) = by_family(&a.gateway, "--gateway")?;
            let spec = NetworkSpec {
                name: a.name.clone(),
                driver: a.driver.clone(),
                subnet,
                gateway,
                ip_range: a.ip_range.clone(),
                subnet6,
                gateway6,
                internal: a.internal,
                labels: crate::objects::pairs(&a.label, "--label")?,
                options: crate::objects::pairs(&a.opt, "--opt")?,
                ipv6: a.ipv6,
                ipv4: a.ipv4,
                ipam_driver: a.ipam_driver.clone(),
                scope: a.scope.clone(),
                aux_addresses: crate::objects::pairs(&a.aux_address, "--aux-address")?,
                ipam_options: crate::objects::pairs(&a.ipam_opt, "--ipam-opt")?,
            };
            let n = engine.network_create(&spec)?;
            println!("{}", n.id);
            Ok(0)
        }
        NetworkCmd::Ls(a) => {
            const TABLE: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
            let spec = crate::format::FormatSpec::parse(a.list.format.as_deref())?;
            spec.check_fields(NETWORK_FIELDS, "*formatter.networkContext")?;
            let nets = engine.network_list_filtered(&filter_pairs(&a.list.filter)?)?;
            if a.list.quiet {
                for n in &nets {
                    println!("{}", if a.no_trunc { &n.id[..] } else { &n.id[..12] });
                }
                return Ok(0);
            }
            let label_method = spec
                .root_fields(TABLE)
                .is_some_and(|f| f.iter().any(|f| f == "Label"));
            let rows: Vec<Value> = nets
                .iter()
                .map(|n| network_row(n, a.no_trunc, label_method))
                .collect();
            output::print_rows_noheading(
                a.list.format.as_deref(),
                TABLE,
                &[
                    ("ID", "NETWORK ID"),
                    ("CreatedAt", "CREATED AT"),
                    ("IPv4", "IPV4"),
                    ("IPv6", "IPV6"),
                ],
                &rows,
                a.list.noheading,
            )?;
            Ok(0)
        }
        NetworkCmd::Inspect(a) => inspect_each(&a.names, a.format.as_deref(), 1, |n| {
            engine.network_inspect(n)
        }),
        NetworkCmd::Rm(a) => Ok(crate::exit::remove_each(&a.names, |n| {
            if let (true, Some(time)) = (a.force, a.time) {
                if let Ok(net) = engine.network_get(n) {
                    let users: Vec<String> = engine
                        .network_members(&net.id)?
                        .into_iter()
                        .map(|m| m.container_id)
                        .collect();
                    objects::stop_users(engine, &users, time);
                }
            }
            match engine.network_remove(n, a.force) {
                Err(skiff_libpod::Error::NotFound { .. }) if a.force => Ok(None),
                removed => removed.map(Some),
            }
        })),
        NetworkCmd::Prune(a) => {
            let filter = crate::container::prune::prune_filter(
                &a.filter,
                &crate::container::prune::LABEL_AND_TIME,
                skiff_libpod::container::time::now_ns(),
            )?;
            if !a.force
                && !crate::container::prune::confirm(
                    "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?",
                )
            {
                return Ok(0);
            }
            // docker's report: the section alone, no total.
            let mut out = String::new();
            crate::container::prune::section(
                &mut out,
                "Networks",
                engine.network_prune_filtered(&filter)?,
            );
            crate::container::output::write_stdout(&out)?;
            Ok(0)
        }
        NetworkCmd::Connect(a) => {
            let opts = ConnectOptions {
                aliases: a.alias,
                ip: a.ip,
                ip6: a.ip6,
                mac: a.mac_address,
            };
            engine.network_connect(&a.network, &a.container, &opts)?;
            Ok(0)
        }
        NetworkCmd::Disconnect(a) => {
            engine.network_disconnect(&a.network, &a.container, a.force)?;
            Ok(0)
        }
        NetworkCmd::Exists(a) => crate::objects::exists_code(engine.network_get(&a.name)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn network_fields_name_the_row_keys() {
        let n = skiff_libpod::networks::NetworkRecord {
            id: "0123456789abcdef".repeat(4),
            name: "app".into(),
            driver: "bridge".into(),
            subnet: "10.89.0.0/24".into(),
            gateway: "10.89.0.1".into(),
            ip_range: String::new(),
            subnet6: String::new(),
            gateway6: String::new(),
            internal: false,
            labels: Default::default(),
            options: Default::default(),
            aux_addresses: Default::default(),
            ipam_options: Default::default(),
            created: 1,
            predefined: false,
        };
        let row = super::network_row(&n, false, true);
        crate::format::assert_row_has_exactly(&row, super::NETWORK_FIELDS);
    }
}
