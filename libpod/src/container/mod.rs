//! Containers as objects: their catalog rows, configuration and lifecycle operations.
//!
//! One file per operation (`create.rs`, `start.rs`, `stop.rs`...), each an `impl Engine` block.
//! The long-lived side of a running container is the [`monitor`]: a forked `skiff` process that
//! is the container's parent, writes its log and records its exit in the catalog.

pub mod attach;
pub(crate) mod attach_socket;
pub mod cgroup_ops;
pub mod changes;
pub mod commit;
pub mod compat_flags;
mod conf_defaults;
pub mod config;
pub mod copy;
pub mod create;
pub mod detach_keys;
mod device_policy;
pub mod diff;
pub mod exec;
mod exec_pipes;
pub mod filter;
mod handoff;
pub mod health;
mod host_devices;
pub(crate) mod init_binary;
mod initialize;
pub mod inspect;
pub mod kill;
pub mod launcher;
pub mod list;
pub mod list_view;
pub mod lock;
pub mod logs;
pub mod monitor;
pub(crate) mod mount;
pub mod names;
pub mod network;
pub mod options;
pub mod passwd;
pub mod path_masks;
pub mod prune;
mod relay_loop;
pub mod remove;
pub mod rename;
pub mod resources;
pub mod restart;
pub mod rows;
mod run_timeout;
pub mod runlabel;
pub mod sdnotify;
mod secrets;
mod spawn;
pub mod spec;
pub mod start;
mod started;
pub mod stats;
pub mod stop;
pub mod systemd_mode;
pub mod time;
pub mod top;
pub mod top_descriptors;
mod unit_stop;
mod userns_entry;
pub use userns_entry::runs_in_own_userns;
pub mod userns_mode;
pub mod userns_size;
pub mod wait;

pub use config::{ContainerConfig, MountConfig, MountKind, RestartPolicy, RootfsSource};
pub use rows::ContainerRecord;

use std::fmt;

/// The lifecycle state of a container, as stored in the catalog and shown by `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum State {
    /// Created, never started (or prepared again after `restart`).
    Created,
    /// Made ready to start by podman's `init`, not started since.
    Initialized,
    /// Its monitor and processes run.
    Running,
    /// Frozen (reserved for `pause`).
    Paused,
    /// Its process ended; the exit code is recorded.
    Exited,
    /// Its process ended and its monitor will start it again (restart policy back-off).
    Restarting,
    /// `rm` is removing it.
    Removing,
    /// Its files could not be cleaned up.
    Dead,
}

impl State {
    /// The lower-case name stored in the catalog and printed by docker.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Created => "created",
            State::Initialized => "initialized",
            State::Running => "running",
            State::Paused => "paused",
            State::Exited => "exited",
            State::Restarting => "restarting",
            State::Removing => "removing",
            State::Dead => "dead",
        }
    }

    /// Parses a stored state name; unknown names read as `dead` so they are never shown running.
    pub fn parse(s: &str) -> State {
        match s {
            "created" => State::Created,
            "initialized" => State::Initialized,
            "running" => State::Running,
            "paused" => State::Paused,
            "exited" | "stopped" => State::Exited,
            "restarting" => State::Restarting,
            "removing" => State::Removing,
            _ => State::Dead,
        }
    }

    /// True for a container that was never started or made ready again: created or
    /// initialized.
    pub fn is_unstarted(self) -> bool {
        matches!(self, State::Created | State::Initialized)
    }

    /// True while the container has processes (running or paused).
    pub fn is_active(self) -> bool {
        matches!(self, State::Running | State::Paused)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
