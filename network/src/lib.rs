//! skiff's networking: the `--network` modes, published ports, the /etc/hosts and
//! /etc/resolv.conf files a container gets, and the user-mode helpers (slirp4netns, pasta) that
//! connect a container's network namespace to the host, and the bridges, veths and addresses of
//! user-defined networks.

pub mod bridge;
pub mod dns;
pub mod dns_server;
mod etc_files;
pub mod helper;
pub mod host;
pub mod ipam;
mod ipam6;
mod ipam_error;
mod mode;
pub mod ndp;
pub mod netlink;
mod ports;
pub mod tap;

pub use etc_files::{
    check_dns_server, host_network_hosts_file, hosts_file, nameservers, parse_add_host,
    resolv_conf, DnsOverrides, HostsEntries,
};
pub use mode::{default_helper, is_valid_name, Helper, ModeParseError, NetworkMode};
pub use ports::{
    parse_expose, resolve_bindings, PortBinding, PortError, PortMapping, PortParseError,
};
