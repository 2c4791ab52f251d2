//! A new member's address in one family (IPv4 or IPv6): the one the user asked for when it is
//! free, else the lowest free one.

use skiff_network::ipam::IpamError;

use crate::error::{Error, Result};

/// `wanted` (the value of `flag`, `--ip` or `--ip6`) when `host` accepts it as a host address
/// of network `network`'s subnet and it is not `taken`; without `wanted`, what `next_free`
/// finds, or a conflict saying `exhausted` when the subnet is full.
pub(super) fn pick<A: PartialEq>(
    network: &str,
    wanted: Option<&str>,
    flag: &str,
    host: impl FnOnce(&str) -> std::result::Result<A, IpamError>,
    taken: impl FnOnce(&A) -> bool,
    next_free: impl FnOnce() -> Option<A>,
    exhausted: impl FnOnce() -> String,
) -> Result<A> {
    let Some(ip) = wanted else {
        return next_free().ok_or_else(|| Error::Conflict(exhausted()));
    };
    let addr = host(ip).map_err(|e| Error::InvalidArgument(e.to_string()))?;
    if taken(&addr) {
        return Err(Error::Conflict(format!(
            "address {ip} is already in use on network {network}: choose another {flag} or leave it out"
        )));
    }
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use skiff_network::ipam::Subnet;

    use super::*;

    /// `pick` on 10.89.0.0/30 (hosts .1 and .2) with gateway .1 and `used` taken.
    fn pick_in(wanted: Option<&str>, used: &[Ipv4Addr]) -> Result<Ipv4Addr> {
        let subnet = Subnet::parse("10.89.0.0/30").unwrap();
        let gateway = Ipv4Addr::new(10, 89, 0, 1);
        pick(
            "net",
            wanted,
            "--ip",
            |ip| subnet.check_host(ip, "IP address"),
            |a| *a == gateway || used.contains(a),
            || skiff_network::ipam::next_free(&subnet, None, gateway, used),
            || "full".to_string(),
        )
    }

    #[test]
    fn a_free_wanted_address_or_the_lowest_free_one() {
        let two = Ipv4Addr::new(10, 89, 0, 2);
        assert_eq!(pick_in(Some("10.89.0.2"), &[]).unwrap(), two);
        assert_eq!(pick_in(None, &[]).unwrap(), two);
    }

    #[test]
    fn a_taken_address_a_stranger_or_a_full_subnet_fail() {
        let in_use = "address 10.89.0.1 is already in use on network net: choose another --ip or \
                      leave it out";
        match pick_in(Some("10.89.0.1"), &[]) {
            Err(Error::Conflict(m)) => assert_eq!(m, in_use),
            other => panic!("{other:?}"),
        }
        let two = Ipv4Addr::new(10, 89, 0, 2);
        match pick_in(Some("10.89.0.2"), &[two]) {
            Err(Error::Conflict(m)) => {
                assert!(m.starts_with("address 10.89.0.2 is already"), "{m}")
            }
            other => panic!("{other:?}"),
        }
        match pick_in(Some("10.90.0.2"), &[]) {
            Err(Error::InvalidArgument(m)) => assert!(m.contains("10.90.0.2"), "{m}"),
            other => panic!("{other:?}"),
        }
        match pick_in(None, &[two]) {
            Err(Error::Conflict(m)) => assert_eq!(m, "full"),
            other => panic!("{other:?}"),
        }
    }
}
