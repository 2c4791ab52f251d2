//! What the host's own network looks like: its default route and address, which decide where
//! `host.containers.internal` points.

use std::net::Ipv4Addr;

/// The host's IPv4 default route, from /proc/net/route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultRoute {
    /// The interface the route leaves through.
    pub interface: String,
    /// The next hop.
    pub gateway: Ipv4Addr,
}

/// Parses /proc/net/route's text: the first route to 0.0.0.0/0 with a gateway.
pub fn parse_default_route(table: &str) -> Option<DefaultRoute> {
    table.lines().skip(1).find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 8 || f[1] != "00000000" || f[7] != "00000000" {
            return None;
        }
        // The kernel prints the address's 32 bits as a native-endian number in hex: its bytes in
        // memory order are the address in network order.
        let raw = u32::from_str_radix(f[2], 16).ok()?;
        Some(DefaultRoute {
            interface: f[0].to_string(),
            gateway: Ipv4Addr::from(raw.to_ne_bytes()),
        })
    })
}

/// The host's default route, if it has one.
pub fn default_route() -> Option<DefaultRoute> {
    parse_default_route(&std::fs::read_to_string("/proc/net/route").ok()?)
}

/// The host's main IPv4 address: the first address of the default route's interface, else the
/// first non-loopback address of any interface.
pub fn primary_address() -> Option<Ipv4Addr> {
    let route = default_route();
    let addrs: Vec<(String, Ipv4Addr)> = nix::ifaddrs::getifaddrs()
        .ok()?
        .filter_map(|a| {
            let ip = a.address?.as_sockaddr_in()?.ip();
            (!ip.is_loopback()).then_some((a.interface_name, ip))
        })
        .collect();
    route
        .and_then(|r| {
            addrs
                .iter()
                .find(|(name, _)| *name == r.interface)
                .map(|(_, ip)| *ip)
        })
        .or_else(|| addrs.first().map(|(_, ip)| *ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_default_route() {
        let table =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                     eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                     eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
        assert_eq!(
            parse_default_route(table),
            Some(DefaultRoute {
                interface: "eth0".into(),
                gateway: Ipv4Addr::new(192, 0, 2, 1)
            })
        );
        assert_eq!(parse_default_route("Iface\n"), None);
    }

    #[test]
    fn this_machine_has_an_answer_or_none() {
        // Never panics, whatever the machine's interfaces.
        let _ = primary_address();
    }
}
