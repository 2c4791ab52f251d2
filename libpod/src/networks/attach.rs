//! Wiring a running container into its user-defined networks: a veth pair from the network's
//! bridge into the container's namespace, the container's address and default route, and its
//! published ports through the network's helper.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use skiff_network::bridge;
use skiff_network::helper;
use skiff_network::PortBinding;

use super::holder::{self, Forward, HolderState};
use super::netns::{enter_netns, in_child};
use super::{find, memberships, Member, NetworkRecord};
use crate::error::{Error, Result};

/// One network a container is on, with its address there.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// The network.
    pub net: NetworkRecord,
    /// The container's membership.
    pub member: Member,
}

/// The networks container `id` is on, first joined first.
pub(crate) fn attachments(conn: &Connection, container_id: &str) -> Result<Vec<Attachment>> {
    let mut out = Vec::new();
    for member in memberships(conn, container_id)? {
        if let Some(net) = find(conn, &member.network_id)? {
            out.push(Attachment { net, member });
        }
    }
    Ok(out)
}

/// The addresses a member's /etc/hosts and resolv.conf name: its own, the gateway (also the
/// network's name server), and the host's address for host.containers.internal.
pub(crate) fn addresses(net: &NetworkRecord, m: &Member) -> helper::Addresses {
    let slirp = helper::addresses(skiff_network::Helper::Slirp4netns, &[]);
    helper::Addresses {
        ip: m.ip.clone(),
        prefix_len: net.parsed_subnet().map(|s| s.prefix_len).unwrap_or(24),
        gateway: net.gateway.clone(),
        // The network's own name server (the keeper's, on the gateway): the members' names,
        // and other names through slirp4netns's resolver, which comes next for when the
        // gateway does not answer (a holder of an older skiff, a disconnected network).
        dns: std::iter::once(net.gateway.clone())
            .chain(slirp.dns.iter().filter(|_| !net.internal).cloned())
            .collect(),
        host: slirp.host,
    }
}

/// The interface name of the container's `index`-th network.
pub(crate) fn ifname(index: usize) -> String {
    format!("eth{index}")
}

/// The interface names in the network namespace of process `pid`.
pub(crate) fn interfaces_of(pid: i32) -> Vec<String> {
    std::fs::read_to_string(format!("/proc/{pid}/net/dev"))
        .unwrap_or_default()
        .lines()
        .skip(2)
        .filter_map(|l| Some(l.split(':').next()?.trim().to_string()))
        .collect()
}

/// The name of the next interface `network connect` adds to the container of init `pid`:
/// the first free `ethN`, `eth0` left to the container's first network (a helper names its
/// interface otherwise: slirp4netns `tap0`).
pub(crate) fn extra_ifname(pid: i32) -> String {
    let mut taken = interfaces_of(pid);
    taken.push(ifname(0));
    bridge::next_ifname(&taken)
}

/// True when process `pid` runs in the caller's user namespace, whose capabilities then
/// cover its network namespace (false when it cannot be told: another user's, or gone).
pub(crate) fn shares_userns(pid: i32) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = |path: String| std::fs::metadata(path).map(|m| (m.dev(), m.ino())).ok();
    let theirs = inode(format!("/proc/{pid}/ns/user"));
    theirs.is_some() && theirs == inode("/proc/self/ns/user".into())
}

/// The network that gives the container its default route (and its published ports): the
/// first one that is not internal.
pub(crate) fn routed(list: &[Attachment]) -> Option<&Attachment> {
    list.iter().find(|a| !a.net.internal)
}

/// Wires container `container_id` (init `pid`) into one network as interface `ifname`,
/// with the default route through the network's gateway when `default_route`.
pub(crate) fn plug(
    holder: &HolderState,
    container_id: &str,
    pid: i32,
    a: &Attachment,
    ifname: &str,
    default_route: bool,
) -> Result<()> {
    let subnet = a.net.parsed_subnet()?;
    let gateway = a.net.gateway_addr()?;
    let ip: Ipv4Addr = a
        .member
        .ip
        .parse()
        .map_err(|_| Error::Runtime(format!("bad address {}", a.member.ip)))?;
    let mac = skiff_network::netlink::parse_mac(&a.member.mac)
        .ok_or_else(|| Error::Runtime(format!("bad MAC address {}", a.member.mac)))?;
    let ip6 = match (a.net.parsed_subnet6(), a.member.ip6.parse()) {
        (Some(s), Ok(ip)) => Some(bridge::Address6 {
            ip,
            prefix_len: s.prefix_len,
        }),
        _ => None,
    };
    // Members of an `--ipv6` network reach the outside over IPv6 through its gateway too.
    let gateway6 = a.net.gateway6_addr().map(|g| g.ip);
    let veth = bridge::veth_name(container_id);
    let netns = holder.netns_path();
    let bridge_name = holder.bridge.clone();
    let ifname = ifname.to_string();
    in_child(move || {
        enter_netns(&netns)?;
        bridge::plug_container(&bridge_name, &veth, &ifname, pid, mac)
            .map_err(|e| e.to_string())?;
        enter_netns(Path::new(&format!("/proc/{pid}/ns/net")))?;
        bridge::configure_container_interface(
            &ifname,
            ip,
            subnet.prefix_len,
            ip6,
            default_route.then_some(gateway),
            gateway6.filter(|_| default_route),
        )
        .map_err(|e| e.to_string())
    })
    .map_err(|e| {
        Error::Runtime(format!(
            "connecting the container to network {}: {e}",
            a.net.name
        ))
    })
}

/// Removes a running container's veth from a network (`network disconnect`).
pub(crate) fn unplug(holder: &HolderState, container_id: &str) -> Result<()> {
    let veth = bridge::veth_name(container_id);
    let netns = holder.netns_path();
    in_child(move || {
        enter_netns(&netns)?;
        bridge::unplug_container(&veth).map_err(|e| e.to_string())
    })
}

/// Publishes `ports` of container `container_id` through network `net`'s helper to the
/// container's address there, and records them (a restarted helper publishes them again).
pub(crate) fn publish(
    runroot: &Path,
    a: &Attachment,
    container_id: &str,
    ports: &[PortBinding],
) -> Result<PathBuf> {
    let dir = holder::dir(runroot, &a.net.id);
    let file = holder::forwards_file(&dir, container_id);
    let api = helper::api_socket(&dir);
    let mut done: Vec<Forward> = Vec::new();
    for p in ports {
        match helper::add_forward(&api, p, &a.member.ip) {
            Ok(id) => done.push(Forward {
                binding: p.clone(),
                guest_ip: a.member.ip.clone(),
                id,
            }),
            Err(e) => {
                for f in &done {
                    let _ = helper::remove_forward(&api, f.id);
                }
                return Err(match e {
                    helper::HelperError::Port { .. } => Error::Conflict(e.to_string()),
                    _ => Error::Runtime(e.to_string()),
                });
            }
        }
    }
    holder::write_forwards(&file, &done)?;
    Ok(file)
}

/// Withdraws the ports recorded in `file` (the container stopped) and removes the file.
pub(crate) fn unpublish(file: &Path) {
    if let (Ok(list), Some(dir)) = (holder::read_forwards(file), file.parent()) {
        let api = helper::api_socket(dir.parent().unwrap_or(dir));
        for f in list {
            let _ = helper::remove_forward(&api, f.id);
        }
    }
    let _ = std::fs::remove_file(file);
}
