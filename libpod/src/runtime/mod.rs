//! The container runtime: skiff creates containers itself (no external OCI runtime).
//!
//! [`spec`] holds the plain data describing a container; [`userns`] enters the rootless user
//! namespace; [`spawn()`] clones the container init, which builds the root file system
//! ([`rootfs`], [`mounts`]), drops privileges ([`caps`], [`seccomp`], [`user`], [`rlimits`]) and
//! execs the command; [`cgroups`] creates the container's cgroup when the host allows it. The
//! mount plan (`mounts::plan`) and the start of the init's and exec's processes make their
//! system calls through the `sys` seam, so they are unit-tested without root.

pub mod caps;
pub mod cgroups;
mod child;
mod container_userns;
mod creds;
pub mod exe;
mod exec;
pub(crate) mod forked;
pub mod idshift;
mod init;
mod lookup;
pub mod mounts;
pub(crate) mod pty_drain;
pub mod rlimits;
pub mod rootfs;
pub mod seccomp;
mod spawn;
pub mod spec;
pub mod sync;
pub(crate) mod sys;
pub mod user;
pub mod userns;
pub(crate) mod userns_keeper;

pub use caps::{apply_cap_changes, default_capabilities};
pub use exec::exec_in;
#[cfg(feature = "test-runtime")]
pub use spawn::spawn;
pub use spawn::spawn_connected;
pub use spec::*;
