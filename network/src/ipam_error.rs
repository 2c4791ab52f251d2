//! What both address families of [`crate::ipam`] share: the error of a value that cannot be
//! used, splitting a `--subnet` in CIDR form and checking a `--gateway` or `--ip` against its
//! subnet. A leaf module, so the IPv4 and IPv6 halves need not import each other.

use std::fmt::Display;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// A `--subnet`, `--gateway` or `--ip` value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IpamError(pub String);

/// Splits subnet `s` into its address and a prefix length within `lens`; `example` shows the
/// CIDR form in the error, `check_addr` refuses an address of the other family.
pub(crate) fn parse_cidr<A: FromStr>(
    s: &str,
    example: &str,
    family: &str,
    lens: RangeInclusive<u8>,
    check_addr: impl Fn(&str) -> Result<(), &'static str>,
) -> Result<(A, u8), IpamError> {
    let bad = |why: &str| IpamError(format!("invalid subnet {s:?}: {why}"));
    let (addr, len) = s
        .split_once('/')
        .ok_or_else(|| bad(&format!("give it in CIDR form, e.g. {example}")))?;
    check_addr(addr).map_err(bad)?;
    let addr: A = addr
        .parse()
        .map_err(|_| bad(&format!("not an {family} address")))?;
    let prefix_len: u8 = len
        .parse()
        .map_err(|_| bad("the prefix length must be a number"))?;
    if !lens.contains(&prefix_len) {
        return Err(bad(&format!(
            "the prefix length must be between {} and {}",
            lens.start(),
            lens.end()
        )));
    }
    Ok((addr, prefix_len))
}

/// Checks `ip` (a `--gateway` or `--ip`, named `what` in the error) against `subnet`, called
/// `subnet_name` in the error; `is_host` says whether an address may be given out there.
pub(crate) fn check_host<A: FromStr>(
    ip: &str,
    what: &str,
    family: &str,
    subnet_name: &str,
    subnet: &dyn Display,
    is_host: impl Fn(&A) -> bool,
) -> Result<A, IpamError> {
    let addr: A = ip
        .parse()
        .map_err(|_| IpamError(format!("invalid {what} {ip:?}: not an {family} address")))?;
    if !is_host(&addr) {
        return Err(IpamError(format!(
            "{what} {ip} is not a usable address of the network's {subnet_name} {subnet}"
        )));
    }
    Ok(addr)
}
