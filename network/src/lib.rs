//! skiff's networking: published-port specs, and the /etc/hosts and /etc/resolv.conf files
//! a container gets.

mod etc_files;
mod ports;

pub use etc_files::{hosts_file, resolv_conf};
pub use ports::{PortMapping, PortParseError};
