//! The container runtime: skiff creates containers itself (no external OCI runtime).
//!
//! [`spec`] holds the plain data describing a container; [`userns`] enters the rootless user
//! namespace; [`spawn`] clones the container init, which builds the root file system
//! ([`rootfs`], [`mounts`]), drops privileges ([`caps`], [`seccomp`], [`user`], [`rlimits`]) and
//! execs the command; [`cgroups`] creates the container's cgroup when the host allows it.

pub mod caps;
pub mod spec;
pub mod userns;

pub use caps::{apply_cap_changes, default_capabilities};
pub use spec::*;
