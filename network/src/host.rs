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

/// One IPv4 route from /proc/net/route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The interface it leaves through.
    pub interface: String,
    /// The destination network.
    pub destination: Ipv4Addr,
    /// The next hop (0.0.0.0 on a directly connected network).
    pub gateway: Ipv4Addr,
    /// The destination's mask.
    pub mask: Ipv4Addr,
}

/// The routes in /proc/net/route's text. The kernel prints each address's 32 bits as a
/// native-endian number in hex: its bytes in memory order are the address in network order.
pub fn parse_routes(table: &str) -> Vec<Route> {
    let addr = |hex: &str| {
        u32::from_str_radix(hex, 16)
            .ok()
            .map(|raw| Ipv4Addr::from(raw.to_ne_bytes()))
    };
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 8 {
                return None;
            }
            Some(Route {
                interface: f[0].to_string(),
                destination: addr(f[1])?,
                gateway: addr(f[2])?,
                mask: addr(f[7])?,
            })
        })
        .collect()
}

/// A /proc/net/route for tests, as a little-endian kernel prints it: 192.0.2.0/24 on eth0,
/// then the default route through 192.0.2.1.
#[cfg(test)]
pub(crate) const SAMPLE_ROUTE_TABLE: &str =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
     eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
     eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";

/// Parses /proc/net/route's text: the first route to 0.0.0.0/0 with a gateway.
pub fn parse_default_route(table: &str) -> Option<DefaultRoute> {
    parse_routes(table)
        .into_iter()
        .find(|r| r.destination.is_unspecified() && r.mask.is_unspecified())
        .map(|r| DefaultRoute {
            interface: r.interface,
            gateway: r.gateway,
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
        assert_eq!(
            parse_default_route(SAMPLE_ROUTE_TABLE),
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
