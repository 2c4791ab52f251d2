//! IPv6 addresses on user-defined networks (`network create --ipv6`): parsing a v6
//! `--subnet`, the unique local /64 a network gets when none is given, and a container's
//! address. Pure functions, as [`crate::ipam`].

use std::fmt;
use std::net::Ipv6Addr;

use crate::ipam_error::{check_host, parse_cidr, IpamError};

/// An IPv6 subnet, `fd12:3456:789a::/64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subnet6 {
    /// The network address (host bits zero).
    pub addr: Ipv6Addr,
    /// The prefix length, 8 to 126.
    pub prefix_len: u8,
}

impl Subnet6 {
    /// Parses `ADDR/N`; host bits are dropped, as for IPv4 subnets.
    pub fn parse(s: &str) -> Result<Subnet6, IpamError> {
        let (addr, prefix_len): (Ipv6Addr, u8) =
            parse_cidr(s, "fd00:1::/64", "IPv6", 8..=126, |_| Ok(()))?;
        let mask = mask(prefix_len);
        Ok(Subnet6 {
            addr: Ipv6Addr::from(u128::from(addr) & mask),
            prefix_len,
        })
    }

    /// True when `ip` lies in this subnet.
    pub fn contains(&self, ip: Ipv6Addr) -> bool {
        u128::from(ip) & mask(self.prefix_len) == u128::from(self.addr)
    }

    /// True when the two subnets share any address.
    pub fn overlaps(&self, other: &Subnet6) -> bool {
        let m = mask(self.prefix_len.min(other.prefix_len));
        u128::from(self.addr) & m == u128::from(other.addr) & m
    }

    /// The default gateway: the first address after the network's (`::1`).
    pub fn first_host(&self) -> Ipv6Addr {
        Ipv6Addr::from(u128::from(self.addr) + 1)
    }

    /// The last address of the subnet.
    fn last(&self) -> u128 {
        u128::from(self.addr) | !mask(self.prefix_len)
    }

    /// True when `ip` may be given to a container or gateway: inside, and not the
    /// subnet-router anycast address (the subnet's own).
    pub fn is_host(&self, ip: Ipv6Addr) -> bool {
        self.contains(ip) && ip != self.addr
    }

    /// Checks a `--gateway` or `--ip6` against this subnet; `what` names it in the error.
    pub fn check_host(&self, ip: &str, what: &str) -> Result<Ipv6Addr, IpamError> {
        check_host(ip, what, "IPv6", "IPv6 subnet", self, |a| self.is_host(*a))
    }
}

fn mask(prefix_len: u8) -> u128 {
    u128::MAX << (128 - u32::from(prefix_len))
}

impl fmt::Display for Subnet6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

/// The unique local /64 (RFC 4193: `fd`, a 40-bit global id, subnet 0) of a network given
/// none, its global id taken from `seed` (the network's random id, hex digits), moved on
/// while it overlaps a subnet in `taken`.
pub fn ula_subnet(seed: &str, taken: &[Subnet6]) -> Result<Subnet6, IpamError> {
    let digits: String = seed.chars().filter(char::is_ascii_hexdigit).collect();
    let base =
        u64::from_str_radix(&format!("{:0<10}", &digits[..digits.len().min(10)]), 16).unwrap_or(0);
    (0..256u64)
        .map(|n| {
            let global = (base + n) & 0xff_ffff_ffff;
            let high = (0xfdu128 << 120) | (u128::from(global) << 80);
            Subnet6 {
                addr: Ipv6Addr::from(high),
                prefix_len: 64,
            }
        })
        .find(|s| !taken.iter().any(|t| t.overlaps(s)))
        .ok_or_else(|| IpamError("no free unique local IPv6 subnet: give one with --subnet".into()))
}

/// The lowest address of `subnet` that is neither the gateway nor in `used`.
pub fn next_free6(subnet: &Subnet6, gateway: Ipv6Addr, used: &[Ipv6Addr]) -> Option<Ipv6Addr> {
    let first = u128::from(subnet.addr) + 1;
    let last = subnet.last();
    (first..=last)
        .take(used.len() + 2)
        .map(Ipv6Addr::from)
        .find(|ip| *ip != gateway && !used.contains(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Subnet6 {
        Subnet6::parse(s).unwrap()
    }

    #[test]
    fn parses_and_refuses_v6_subnets() {
        assert_eq!(net("fd00:1::5/64").to_string(), "fd00:1::/64");
        assert!(Subnet6::parse("fd00:1::").is_err());
        assert!(Subnet6::parse("10.0.0.0/8").is_err());
        assert!(Subnet6::parse("fd00::/127").is_err());
        assert!(Subnet6::parse("fd00::/x").is_err());
    }

    #[test]
    fn hosts_and_gateway() {
        let s = net("fd00:1::/64");
        assert_eq!(s.first_host(), "fd00:1::1".parse::<Ipv6Addr>().unwrap());
        assert!(s.check_host("fd00:1::9", "--ip6").is_ok());
        assert!(s.check_host("fd00:1::", "--ip6").is_err());
        assert!(s.check_host("fd00:2::9", "--ip6").is_err());
        assert!(s.check_host("zz", "--ip6").is_err());
        assert!(s.overlaps(&net("fd00::/16")));
        assert!(!s.overlaps(&net("fd00:2::/64")));
    }

    #[test]
    fn ula_is_a_local_64_that_avoids_taken_ones() {
        let a = ula_subnet("0123456789abcdef", &[]).unwrap();
        assert_eq!(a.to_string(), "fd01:2345:6789::/64");
        let b = ula_subnet("0123456789abcdef", &[a]).unwrap();
        assert_ne!(a, b);
        assert!(b.to_string().starts_with("fd"));
    }

    #[test]
    fn next_free6_skips_gateway_and_used() {
        let s = net("fd00:1::/64");
        let gw = s.first_host();
        let used = ["fd00:1::2".parse().unwrap()];
        assert_eq!(
            next_free6(&s, gw, &used),
            Some("fd00:1::3".parse().unwrap())
        );
        let tiny = net("fd00:1::/126");
        let full: Vec<Ipv6Addr> = ["fd00:1::2", "fd00:1::3"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        assert_eq!(next_free6(&tiny, tiny.first_host(), &full), None);
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,48}") {
            let _ = Subnet6::parse(&s);
        }
    }
}
