//! The two halves of a user-defined network's wiring, each run inside one network namespace:
//! the network's own namespace (its bridge, the gateway address, forwarding to the helper's
//! tap device) and a member container's namespace (its end of the veth pair, address, route).
//! Networks created with `--ipv6` also carry IPv6 between their members; the others have it
//! turned off.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::netlink::{Netlink, NetlinkError};

/// The name of a network's bridge inside its namespace, docker's `br-` and the id's first 12
/// digits.
pub fn bridge_name(network_id: &str) -> String {
    format!("br-{}", &network_id[..network_id.len().min(12)])
}

/// The host-side name of a container's veth, from the container id (interface names hold
/// at most 15 bytes).
pub fn veth_name(container_id: &str) -> String {
    format!("veth{}", &container_id[..container_id.len().min(11)])
}

fn sysctl(path: &str, value: &str) -> Result<(), NetlinkError> {
    std::fs::write(path, value).map_err(|source| NetlinkError {
        what: format!("writing {path}"),
        source,
    })
}

/// Turns IPv6 off for interface `name` (or `all`/`default`) of the current network namespace;
/// a kernel without IPv6 has nothing to turn off.
fn disable_ipv6(name: &str) {
    let _ = std::fs::write(format!("/proc/sys/net/ipv6/conf/{name}/disable_ipv6"), "1");
}

/// An IPv6 address with its prefix length, on a network created with `--ipv6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address6 {
    /// The address.
    pub ip: Ipv6Addr,
    /// The subnet's prefix length.
    pub prefix_len: u8,
}

/// Sets up the current (new, empty) network namespace as a network's: loopback up, the bridge
/// with the gateway address (and the IPv6 gateway `gateway6`, if any), forwarding on, and
/// proxy ARP for interfaces created later (the helper's tap device answers for the members,
/// so the helper can reach their addresses).
pub fn configure_network_namespace(
    bridge: &str,
    gateway: Ipv4Addr,
    prefix_len: u8,
    gateway6: Option<Address6>,
) -> Result<(), NetlinkError> {
    // An IPv4-only network has no IPv6 addresses, router solicitations or duplicate address
    // detection on the bridge, the helper's tap or the veths.
    if gateway6.is_none() {
        for scope in ["all", "default"] {
            disable_ipv6(scope);
        }
    }
    let mut nl = Netlink::open()?;
    let lo = nl.link_index("lo")?;
    nl.set_up(lo)?;
    let br = nl.create_bridge(bridge)?;
    // A bridge without an address of its own takes the lowest of its ports': it would change
    // as members come and go, and the members' cached neighbour entry for the gateway would
    // send to the old one for seconds (their way out and the network's name server).
    let mac = crate::netlink::parse_mac(&crate::ipam::mac_for(gateway));
    nl.configure_link(br, mac, None, None)?;
    nl.add_address(br, IpAddr::V4(gateway), prefix_len)?;
    if let Some(g6) = gateway6 {
        nl.add_address(br, IpAddr::V6(g6.ip), g6.prefix_len)?;
    }
    nl.set_up(br)?;
    sysctl("/proc/sys/net/ipv4/ip_forward", "1")?;
    if gateway6.is_some() {
        // The namespace routes the members' IPv6 to the helper's tap device too. Its
        // addresses are allocated, not guessed: no duplicate address detection on the
        // interfaces made later (the helper's tap), whose link-local address is then usable
        // at once.
        sysctl("/proc/sys/net/ipv6/conf/all/forwarding", "1")?;
        sysctl("/proc/sys/net/ipv6/conf/default/accept_dad", "0")?;
    }
    sysctl("/proc/sys/net/ipv4/conf/default/proxy_arp", "1")
}

/// slirp4netns's router on its tap device, as libslirp announces itself (the link-local
/// address with the interface id of its host address `fd00::2`).
pub const SLIRP_ROUTER6: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 2);

/// slirp4netns's own IPv6 prefix (`--enable-ipv6`), fixed in slirp4netns 1.2: a network's
/// IPv6 subnet must stay out of it, and its addresses other than the resolver `fd00::3` are
/// the host's loopback (when the network allows it) or unreachable.
pub const SLIRP_PREFIX6: &str = "fd00::/64";

/// In the network's namespace: sends the members' IPv6 out through the helper's tap device
/// `tap` (the default route via slirp4netns's router). Already there is not an error (a
/// restarted helper's tap is new, its route too).
pub fn route_ipv6_through_helper(tap: &str) -> Result<(), NetlinkError> {
    let mut nl = Netlink::open()?;
    let index = nl.link_index(tap)?;
    match nl.add_default_route6(SLIRP_ROUTER6, Some(index)) {
        Err(e) if e.source.raw_os_error() == Some(libc::EEXIST) => Ok(()),
        other => other,
    }
}

/// How the names of the relays' tap devices on a network's bridge begin (`vtap` and the
/// container id's first 11 digits), told apart from the veths.
pub const RELAY_PORT_PREFIX: &str = "vtap";

/// The name of container `container_id`'s relay tap on a network's bridge.
pub fn relay_port_name(container_id: &str) -> String {
    format!(
        "{RELAY_PORT_PREFIX}{}",
        &container_id[..container_id.len().min(11)]
    )
}

/// The MTU of the bridges' ports: veths and the relays' tap devices alike.
const PORT_MTU: u32 = 65520;

/// Opens tap device `name`, in the error as the netlink steps are.
fn open_tap(name: &str) -> Result<std::os::fd::OwnedFd, NetlinkError> {
    crate::tap::open_tap(name).map_err(|source| NetlinkError {
        what: format!("creating tap device {name}"),
        source,
    })
}

/// In the network's namespace: a tap device `name` on `bridge`, up, for a relay to carry a
/// member's frames (see [`crate::tap`]). It goes when its descriptor closes.
pub fn tap_port(bridge: &str, name: &str) -> Result<std::os::fd::OwnedFd, NetlinkError> {
    let fd = open_tap(name)?;
    let mut nl = Netlink::open()?;
    let br = nl.link_index(bridge)?;
    let index = nl.link_index(name)?;
    nl.configure_link(index, None, Some(PORT_MTU), Some(br))?;
    nl.set_up(index)?;
    Ok(fd)
}

/// In a member's namespace: a tap device `ifname` with MAC `mac`, for a relay to carry its
/// frames to the network's bridge; configure it with [`configure_container_interface`]. It
/// goes when its descriptor closes.
pub fn tap_interface(ifname: &str, mac: [u8; 6]) -> Result<std::os::fd::OwnedFd, NetlinkError> {
    let fd = open_tap(ifname)?;
    let mut nl = Netlink::open()?;
    let index = nl.link_index(ifname)?;
    nl.configure_link(index, Some(mac), Some(PORT_MTU), None)?;
    Ok(fd)
}

/// Creates a container's veth pair from inside the network's namespace: `veth` on `bridge`,
/// its peer named `ifname` in the network namespace of process `container_pid`.
pub fn plug_container(
    bridge: &str,
    veth: &str,
    ifname: &str,
    container_pid: i32,
    mac: [u8; 6],
) -> Result<(), NetlinkError> {
    let mut nl = Netlink::open()?;
    let br = nl.link_index(bridge)?;
    match nl.create_veth(veth, br, ifname, container_pid, mac) {
        Err(e) if e.source.raw_os_error() == Some(libc::EEXIST) => {
            // The container's veth from its previous run: its namespace is gone, but the
            // kernel deletes the pair from a work queue, not at once (a restart on a loaded
            // machine met it). It is the same name, so it is this container's: take it away.
            if let Ok(i) = nl.link_index(veth) {
                nl.delete_link(i)?;
            }
            nl.create_veth(veth, br, ifname, container_pid, mac)
        }
        other => other,
    }
}

/// Removes a container's veth from inside the network's namespace (its peer in the container
/// goes with it). A veth already gone is not an error.
pub fn unplug_container(veth: &str) -> Result<(), NetlinkError> {
    let mut nl = Netlink::open()?;
    match nl.link_index(veth) {
        Ok(i) => nl.delete_link(i),
        Err(_) => Ok(()),
    }
}

/// Configures the container's end from inside its namespace: address (and IPv6 address
/// `ip6` on an `--ipv6` network; IPv6 is off on the interface otherwise), up, and the default
/// route through `gateway` (None on `--internal` networks, or when another network already
/// gave the container one), the IPv6 one through `gateway6` likewise.
pub fn configure_container_interface(
    ifname: &str,
    ip: Ipv4Addr,
    prefix_len: u8,
    ip6: Option<Address6>,
    gateway: Option<Ipv4Addr>,
    gateway6: Option<Ipv6Addr>,
) -> Result<(), NetlinkError> {
    if ip6.is_none() {
        disable_ipv6(ifname);
    }
    let mut nl = Netlink::open()?;
    let index = nl.link_index(ifname)?;
    nl.add_address(index, IpAddr::V4(ip), prefix_len)?;
    if let Some(a) = ip6 {
        nl.add_address(index, IpAddr::V6(a.ip), a.prefix_len)?;
    }
    nl.set_up(index)?;
    if let Some(gw) = gateway {
        nl.add_default_route(gw)?;
    }
    if let (Some(gw), Some(_)) = (gateway6, ip6) {
        nl.add_default_route6(gw, None)?;
    }
    Ok(())
}

/// The next free `ethN` name given the names taken.
pub fn next_ifname(taken: &[String]) -> String {
    (0..)
        .map(|i| format!("eth{i}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_else(|| "eth0".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_interface_limits() {
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(bridge_name(id), "br-0123456789ab");
        assert!(veth_name(id).len() <= 15);
        assert_eq!(
            next_ifname(&["eth0".into(), "eth2".into()]),
            "eth1".to_string()
        );
    }
}
