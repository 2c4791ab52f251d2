//! Addresses on user-defined networks: parsing `--subnet`, choosing a free subnet that avoids
//! the host's routes and the other networks, and picking a container's address. Pure
//! functions; the caller holds the catalog's write lock while it allocates. IPv6 subnets
//! (`--ipv6`) are [`Subnet6`].

use std::fmt;
use std::net::Ipv4Addr;

pub use crate::ipam6::{next_free6, ula_subnet, Subnet6};
pub use crate::ipam_error::IpamError;
use crate::ipam_error::{check_host, parse_cidr};

/// An IPv4 subnet, `10.89.0.0/24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subnet {
    /// The network address (host bits zero).
    pub addr: Ipv4Addr,
    /// The prefix length, 8 to 30.
    pub prefix_len: u8,
}

impl Subnet {
    /// Parses `A.B.C.D/N`; host bits are dropped (`10.1.2.3/24` is `10.1.2.0/24`, as docker
    /// takes it). The prefix must leave room for a gateway and containers.
    pub fn parse(s: &str) -> Result<Subnet, IpamError> {
        let (addr, prefix_len) = parse_cidr(s, "10.89.5.0/24", "IPv4", 8..=30, |addr| {
            if addr.contains(':') {
                return Err("an IPv6 subnet where an IPv4 one is needed");
            }
            Ok(())
        })?;
        let subnet = Subnet { addr, prefix_len };
        Ok(Subnet {
            addr: subnet.network(),
            prefix_len,
        })
    }

    fn mask(&self) -> u32 {
        u32::MAX << (32 - self.prefix_len)
    }

    fn network(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) & self.mask())
    }

    /// The last address (the broadcast address), never given out.
    fn broadcast(&self) -> u32 {
        u32::from(self.addr) | !self.mask()
    }

    /// True when `ip` lies in this subnet.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == u32::from(self.addr)
    }

    /// True when the two subnets share any address.
    pub fn overlaps(&self, other: &Subnet) -> bool {
        let len = self.prefix_len.min(other.prefix_len);
        let mask = u32::MAX << (32 - len);
        u32::from(self.addr) & mask == u32::from(other.addr) & mask
    }

    /// The default gateway: the first address.
    pub fn first_host(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) + 1)
    }

    /// True when `ip` may be given to a container or gateway: inside, and neither the network
    /// nor the broadcast address.
    pub fn is_host(&self, ip: Ipv4Addr) -> bool {
        let n = u32::from(ip);
        self.contains(ip) && n != u32::from(self.addr) && n != self.broadcast()
    }

    /// Checks a `--gateway` (or `--ip`) against this subnet.
    pub fn check_host(&self, ip: &str, what: &str) -> Result<Ipv4Addr, IpamError> {
        check_host(ip, what, "IPv4", "subnet", self, |a| self.is_host(*a))
    }
}

impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

/// The subnet a new network gets when `--subnet` is not given: the first `10.89.N.0/24`
/// (N from 0, as podman numbers them) that overlaps neither another network nor a host route.
pub fn default_subnet(taken: &[Subnet], host_routes: &[Subnet]) -> Result<Subnet, IpamError> {
    (0..=255u8)
        .map(|n| Subnet {
            addr: Ipv4Addr::new(10, 89, n, 0),
            prefix_len: 24,
        })
        .find(|s| !taken.iter().chain(host_routes).any(|t| t.overlaps(s)))
        .ok_or_else(|| {
            IpamError(
                "no free subnet is left in 10.89.0.0/16: give one with --subnet, or remove unused networks \
                 with `skiff network prune`"
                    .into(),
            )
        })
}

/// `--ip-range`: the part of a subnet that members get their addresses from when they do not
/// ask for one (`--ip` may still pick any address of the subnet, as with docker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    /// The range's first address.
    pub first: Ipv4Addr,
    /// Its last address (the same as `first` for a range of one).
    pub last: Ipv4Addr,
}

impl IpRange {
    /// Parses docker's CIDR form (`172.28.5.0/24`, host bits dropped) or podman's
    /// `FIRST-LAST` (`172.28.5.10-172.28.5.20`), which must lie inside `subnet`.
    pub fn parse(s: &str, subnet: &Subnet) -> Result<IpRange, IpamError> {
        let bad = |why: &str| {
            IpamError(format!(
                "invalid IP range {s:?}: {why}; give it in CIDR form (172.28.5.0/24) or as FIRST-LAST (172.28.5.10-172.28.5.20)"
            ))
        };
        let ip = |v: &str| {
            v.parse::<Ipv4Addr>()
                .map_err(|_| bad(&format!("{v:?} is not an IPv4 address")))
        };
        let range = match (s.split_once('-'), s.split_once('/')) {
            (Some((first, last)), None) => {
                let (first, last) = (ip(first)?, ip(last)?);
                if first > last {
                    return Err(bad("its first address comes after its last"));
                }
                IpRange { first, last }
            }
            (None, Some((addr, len))) => {
                let len: u8 = len
                    .parse()
                    .ok()
                    .filter(|l| *l <= 32)
                    .ok_or_else(|| bad("the prefix length must be a number from 0 to 32"))?;
                let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
                let first = u32::from(ip(addr)?) & mask;
                IpRange {
                    first: Ipv4Addr::from(first),
                    last: Ipv4Addr::from(first | !mask),
                }
            }
            _ => return Err(bad("not a range")),
        };
        if !subnet.contains(range.first) || !subnet.contains(range.last) {
            return Err(IpamError(format!(
                "IP range {s} is not inside the subnet {subnet}: give a range within it"
            )));
        }
        Ok(range)
    }
}

/// The lowest host address of `subnet`, within `range` when there is one, that is neither the
/// gateway nor in `used`.
pub fn next_free(
    subnet: &Subnet,
    range: Option<&IpRange>,
    gateway: Ipv4Addr,
    used: &[Ipv4Addr],
) -> Option<Ipv4Addr> {
    let (first, last) = match range {
        Some(r) => (u32::from(r.first), u32::from(r.last)),
        None => (u32::from(subnet.addr), subnet.broadcast()),
    };
    (first..=last)
        .map(Ipv4Addr::from)
        .find(|ip| subnet.is_host(*ip) && *ip != gateway && !used.contains(ip))
}

/// The MAC address docker derives from an IPv4 address (02:42 then the four octets), stable
/// for the container's address.
pub fn mac_for(ip: Ipv4Addr) -> String {
    let o = ip.octets();
    format!("02:42:{:02x}:{:02x}:{:02x}:{:02x}", o[0], o[1], o[2], o[3])
}

/// The subnets of the host's IPv4 routes, from the text of /proc/net/route, the default route
/// left out.
pub fn parse_route_table(table: &str) -> Vec<Subnet> {
    crate::host::parse_routes(table)
        .into_iter()
        .filter_map(|r| {
            let mask = u32::from(r.mask);
            let prefix_len = mask.count_ones() as u8;
            (prefix_len > 0).then_some(Subnet {
                addr: Ipv4Addr::from(u32::from(r.destination) & mask),
                prefix_len,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Subnet {
        Subnet::parse(s).unwrap()
    }

    #[test]
    fn errors_say_what_is_wrong_in_each_family() {
        let v4 = |s: &str| Subnet::parse(s).map(|_| ()).unwrap_err().0;
        let v6 = |s: &str| Subnet6::parse(s).map(|_| ()).unwrap_err().0;
        for (got, why) in [
            (v4("10.0.0.0"), "give it in CIDR form, e.g. 10.89.5.0/24"),
            (
                v4("fd00::/64"),
                "an IPv6 subnet where an IPv4 one is needed",
            ),
            (v4("10.0.0.x/24"), "not an IPv4 address"),
            (v4("10.0.0.0/x"), "the prefix length must be a number"),
            (
                v4("10.0.0.0/31"),
                "the prefix length must be between 8 and 30",
            ),
            (v6("fd00::"), "give it in CIDR form, e.g. fd00:1::/64"),
            (v6("10.0.0.0/64"), "not an IPv6 address"),
            (
                v6("fd00::/127"),
                "the prefix length must be between 8 and 126",
            ),
        ] {
            assert!(got.starts_with("invalid subnet \""), "{got}");
            assert!(got.ends_with(&format!("\": {why}")), "{got}");
        }
        let host4 = net("10.0.0.0/24");
        let host6 = Subnet6::parse("fd00::/64").unwrap();
        for (got, want) in [
            (
                host4.check_host("x", "gateway").map(|_| ()),
                "invalid gateway \"x\": not an IPv4 address",
            ),
            (
                host4.check_host("10.0.1.1", "gateway").map(|_| ()),
                "gateway 10.0.1.1 is not a usable address of the network's subnet 10.0.0.0/24",
            ),
            (
                host6.check_host("1.2.3.4", "--ip6").map(|_| ()),
                "invalid --ip6 \"1.2.3.4\": not an IPv6 address",
            ),
            (
                host6.check_host("fd01::1", "--ip6").map(|_| ()),
                "--ip6 fd01::1 is not a usable address of the network's IPv6 subnet fd00::/64",
            ),
        ] {
            assert_eq!(got.unwrap_err().0, want);
        }
    }

    #[test]
    fn parses_and_refuses_subnets() {
        assert_eq!(net("10.89.5.0/24").to_string(), "10.89.5.0/24");
        assert_eq!(net("10.89.5.1/24").to_string(), "10.89.5.0/24");
        assert!(Subnet::parse("10.89.5.0").is_err());
        assert!(Subnet::parse("10.89.5.0/31").is_err());
        assert!(Subnet::parse("10.89.5.0/x").is_err());
        assert!(Subnet::parse("fd00::/64").unwrap_err().0.contains("IPv6"));
        assert!(Subnet::parse("300.1.1.0/24").is_err());
    }

    #[test]
    fn gateway_must_be_a_host_address() {
        let s = net("192.168.7.0/24");
        assert!(s.check_host("192.168.7.1", "gateway").is_ok());
        assert!(s.check_host("192.168.7.0", "gateway").is_err());
        assert!(s.check_host("192.168.7.255", "gateway").is_err());
        assert!(s.check_host("192.168.8.1", "gateway").is_err());
        assert!(s.check_host("nope", "gateway").is_err());
    }

    #[test]
    fn default_subnet_skips_taken_and_routed() {
        let taken = [net("10.89.0.0/24")];
        let routes = [net("10.89.1.0/24"), net("192.0.2.0/24")];
        assert_eq!(
            default_subnet(&taken, &routes).unwrap(),
            net("10.89.2.0/24")
        );
        assert!(default_subnet(&[net("10.0.0.0/8")], &[]).is_err());
    }

    #[test]
    fn next_free_skips_gateway_and_used() {
        let s = net("10.89.0.0/29");
        let gw = s.first_host();
        let used = [Ipv4Addr::new(10, 89, 0, 2)];
        assert_eq!(
            next_free(&s, None, gw, &used),
            Some(Ipv4Addr::new(10, 89, 0, 3))
        );
        let full: Vec<_> = (2..7).map(|i| Ipv4Addr::new(10, 89, 0, i)).collect();
        assert_eq!(next_free(&s, None, gw, &full), None);
    }

    #[test]
    fn ranges_in_cidr_or_first_last_form_inside_the_subnet() {
        let s = net("172.28.0.0/16");
        let ip = |a, b| Ipv4Addr::new(172, 28, a, b);
        let r = IpRange::parse("172.28.5.9/24", &s).unwrap();
        assert_eq!((r.first, r.last), (ip(5, 0), ip(5, 255)));
        let r = IpRange::parse("172.28.5.10-172.28.5.20", &s).unwrap();
        assert_eq!((r.first, r.last), (ip(5, 10), ip(5, 20)));
        let one = IpRange::parse("172.28.5.7/32", &s).unwrap();
        assert_eq!((one.first, one.last), (ip(5, 7), ip(5, 7)));
        assert_eq!(
            IpRange::parse("172.31.5.0/24", &s).unwrap_err().0,
            "IP range 172.31.5.0/24 is not inside the subnet 172.28.0.0/16: give a range within it"
        );
        assert!(
            IpRange::parse("172.28.0.0/8", &s).is_err(),
            "wider than the subnet"
        );
        for partly in ["172.28.255.250-172.29.0.5", "172.27.255.250-172.28.0.5"] {
            let e = IpRange::parse(partly, &s).unwrap_err().0;
            assert!(e.contains("is not inside the subnet"), "{partly}: {e}");
        }
        for bad in [
            "172.28.5.0",
            "172.28.5.0/33",
            "172.28.5.0/x",
            "172.28.5.20-172.28.5.10",
            "172.28.5.1-x",
            "fd00::/64",
            "",
        ] {
            let e = IpRange::parse(bad, &s).unwrap_err().0;
            assert!(e.starts_with("invalid IP range"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_range_bounds_the_next_free_address_but_never_the_subnet_rules() {
        let s = net("172.28.0.0/16");
        let ip = |a, b| Ipv4Addr::new(172, 28, a, b);
        let gw = ip(5, 254);
        // docker gives 172.28.5.0 first: a host address of the /16.
        let r = IpRange::parse("172.28.5.0/24", &s).unwrap();
        assert_eq!(next_free(&s, Some(&r), gw, &[]), Some(ip(5, 0)));
        let taken: Vec<_> = (0..=253).map(|b| ip(5, b)).collect();
        assert_eq!(next_free(&s, Some(&r), gw, &taken), Some(ip(5, 255)));
        let mut full = taken;
        full.push(ip(5, 255));
        assert_eq!(next_free(&s, Some(&r), gw, &full), None);
        // A range at the subnet's edges still skips its network and broadcast addresses.
        let edge = IpRange::parse("172.28.0.0-172.28.0.1", &s).unwrap();
        assert_eq!(next_free(&s, Some(&edge), s.first_host(), &[]), None);
        let top = IpRange::parse("172.28.255.255/32", &s).unwrap();
        assert_eq!(next_free(&s, Some(&top), gw, &[]), None);
    }

    #[test]
    fn reads_proc_net_route() {
        assert_eq!(
            parse_route_table(crate::host::SAMPLE_ROUTE_TABLE),
            vec![net("192.0.2.0/24")]
        );
    }

    #[test]
    fn mac_follows_the_address() {
        assert_eq!(mac_for(Ipv4Addr::new(10, 89, 0, 2)), "02:42:0a:59:00:02");
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,24}") {
            let _ = Subnet::parse(&s);
        }

        #[test]
        fn range_parse_never_panics(s in ".{0,40}") {
            let _ = IpRange::parse(&s, &Subnet { addr: Ipv4Addr::new(10, 0, 0, 0), prefix_len: 8 });
        }

        #[test]
        fn allocation_in_a_range_stays_inside_it_and_unique(b in 0u8..=255, lo in 0u8..=255, span in 0u8..=40, n in 0usize..50) {
            let s = Subnet { addr: Ipv4Addr::new(10, 7, 0, 0), prefix_len: 16 };
            let hi = lo.saturating_add(span);
            let text = format!("10.7.{b}.{lo}-10.7.{b}.{hi}");
            let r = IpRange::parse(&text, &s).unwrap();
            let gw = s.first_host();
            let mut used = Vec::new();
            for _ in 0..n {
                match next_free(&s, Some(&r), gw, &used) {
                    Some(ip) => {
                        proptest::prop_assert!(s.is_host(ip));
                        proptest::prop_assert!(r.first <= ip && ip <= r.last);
                        proptest::prop_assert!(ip != gw && !used.contains(&ip));
                        used.push(ip);
                    }
                    None => {
                        let hosts = (u32::from(r.first)..=u32::from(r.last))
                            .map(Ipv4Addr::from)
                            .filter(|ip| s.is_host(*ip) && *ip != gw)
                            .count();
                        proptest::prop_assert_eq!(used.len(), hosts);
                        break;
                    }
                }
            }
        }

        #[test]
        fn allocation_stays_inside_and_unique(a in 0u8..=255, b in 0u8..=255, len in 20u8..=30, n in 0usize..20) {
            let s = Subnet { addr: Ipv4Addr::new(10, a, b, 0), prefix_len: len };
            let s = Subnet { addr: s.network(), prefix_len: len };
            let gw = s.first_host();
            let mut used = Vec::new();
            for _ in 0..n {
                match next_free(&s, None, gw, &used) {
                    Some(ip) => {
                        proptest::prop_assert!(s.is_host(ip));
                        proptest::prop_assert!(ip != gw && !used.contains(&ip));
                        used.push(ip);
                    }
                    None => break,
                }
            }
        }
    }
}
