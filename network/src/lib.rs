//! skiff's networking: published-port specs, and the /etc/hosts and /etc/resolv.conf files
//! a container gets.
