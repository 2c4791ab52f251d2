//! skiff's engine. `cmd` (the CLI) and, later, `api` (the Docker REST service) call only the
//! [`Engine`] defined here; nothing above this crate touches SQLite, namespaces or the registry.

pub mod auto_update;
pub mod build;
mod catalog;
pub mod check;
pub mod config;
pub mod container;
pub mod containers_conf;
pub mod engine;
pub mod error;
pub mod events;
mod file_lock;
pub mod generate;
pub mod id;
pub mod image;
pub mod info;
pub mod kube;
pub mod networks;
mod packed;
pub mod pod;
mod procfs;
pub mod quadlet;
/// The container runtime: private to the engine. Its own integration tests (`libpod/tests/`)
/// reach it through the `test-runtime` feature, which libpod's dev-dependency on itself turns
/// on for them alone.
#[cfg(feature = "test-runtime")]
pub mod runtime;
#[cfg(not(feature = "test-runtime"))]
mod runtime;
pub mod secret;
pub mod system;
mod system_migrate;
pub mod unshare;
pub mod volume;
mod volume_archive;
pub mod volume_opts;

pub use engine::{Engine, EngineOptions, WarningSink};
pub use error::{Error, Result};
