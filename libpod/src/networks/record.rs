//! A user-defined (or predefined) network as the catalog records it.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use skiff_network::bridge::Address6;
use skiff_network::ipam::{IpRange, Subnet, Subnet6};

use crate::error::{Error, Result};

/// One network as recorded in the catalog (or one of [`super::PREDEFINED`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRecord {
    /// 64 hex digits.
    pub id: String,
    /// The network's name.
    pub name: String,
    /// `bridge` for user-defined networks; `host` and `null` for the predefined ones.
    pub driver: String,
    /// The subnet (empty for host and none).
    pub subnet: String,
    /// The gateway address on the bridge (empty for host and none).
    pub gateway: String,
    /// `--ip-range` as given (empty: members get addresses from the whole subnet).
    pub ip_range: String,
    /// The IPv6 subnet of a network created with `--ipv6` (empty otherwise).
    pub subnet6: String,
    /// The IPv6 gateway address on the bridge (empty without IPv6).
    pub gateway6: String,
    /// `--internal`: members reach each other only.
    pub internal: bool,
    /// `--label` values.
    pub labels: BTreeMap<String, String>,
    /// `--opt` values.
    pub options: BTreeMap<String, String>,
    /// `--aux-address` values (name -> address): addresses no member gets.
    pub aux_addresses: BTreeMap<String, String>,
    /// `--ipam-opt` values.
    pub ipam_options: BTreeMap<String, String>,
    /// Creation time, unix nanoseconds (0 for the predefined networks).
    pub created: i64,
    /// One of [`super::PREDEFINED`]: listed and inspected, never removed or joined by name here.
    pub predefined: bool,
}

impl NetworkRecord {
    /// The parsed subnet (user-defined networks only).
    pub fn parsed_subnet(&self) -> Result<Subnet> {
        Subnet::parse(&self.subnet).map_err(|e| Error::Runtime(e.to_string()))
    }

    /// The parsed `--ip-range`, None when members get addresses from the whole subnet.
    pub fn parsed_ip_range(&self, subnet: &Subnet) -> Result<Option<IpRange>> {
        if self.ip_range.is_empty() {
            return Ok(None);
        }
        IpRange::parse(&self.ip_range, subnet)
            .map(Some)
            .map_err(|e| Error::Runtime(format!("network {}: {e}", self.name)))
    }

    /// The parsed gateway.
    pub fn gateway_addr(&self) -> Result<Ipv4Addr> {
        self.gateway
            .parse()
            .map_err(|_| Error::Runtime(format!("network {}: bad gateway", self.name)))
    }

    /// True when the network carries IPv6 (`--ipv6`).
    pub fn ipv6(&self) -> bool {
        !self.subnet6.is_empty()
    }

    /// The parsed IPv6 subnet, on an `--ipv6` network.
    pub fn parsed_subnet6(&self) -> Option<Subnet6> {
        Subnet6::parse(&self.subnet6).ok()
    }

    /// The IPv6 gateway with the subnet's prefix length, on an `--ipv6` network.
    pub fn gateway6_addr(&self) -> Option<Address6> {
        Some(Address6 {
            ip: self.gateway6.parse().ok()?,
            prefix_len: self.parsed_subnet6()?.prefix_len,
        })
    }
}
