//! skiff's Docker-compatible REST service (`skiff system service`): HTTP routing and docker's
//! JSON shapes over the engine. Every operation is a call into [`skiff_libpod::Engine`], the
//! same entry points the CLI uses; nothing here touches the catalog, namespaces or storage.
//!
//! Each request runs its engine calls on a blocking thread with an [`Engine`] of its own
//! (its own catalog connection), so requests proceed in parallel and SQLite's locking orders
//! their writes.
//!
//! [`Engine`]: skiff_libpod::Engine

mod body;
mod ctx;
mod error;
mod hijack;
mod query;
mod registry_auth;
mod router;
mod routes;
mod server;
mod state;
mod version;

pub use server::{serve, Listener, ServeOptions};
pub use version::{MAX_API_VERSION, MIN_API_VERSION};
