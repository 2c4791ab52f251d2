//! `skiff system check|df|migrate|prune|renumber|reset|info|events|service`: the whole store at once, and the
//! Docker API service.

mod check;
mod df;
mod migrate;
mod prune;
mod renumber;
mod reset;
mod service;

use clap::Subcommand;
use skiff_libpod::Engine;

/// `skiff system` subcommands.
#[derive(Debug, Subcommand)]
pub enum SystemCmd {
    /// Check the catalog and the store for damage, and repair it with --repair
    Check(check::CheckArgs),
    /// Show skiff disk usage
    Df(df::DfArgs),
    /// Stop every running container, so new ones use the current /etc/subuid and /etc/subgid
    Migrate(migrate::MigrateArgs),
    /// Remove unused data: stopped containers, unused networks, dangling images
    Prune(prune::PruneArgs),
    /// Give containers and pods new lock numbers (podman's; skiff's locks need none)
    Renumber(renumber::RenumberArgs),
    /// Remove every container, image, volume and network, and skiff's storage directories
    Reset(reset::ResetArgs),
    /// Display system-wide information
    Info(crate::info::InfoArgs),
    /// Show lifecycle events of containers, images, volumes and networks
    Events(crate::events::EventsArgs),
    /// Serve the Docker-compatible REST API on a socket
    Service(service::ServiceArgs),
}

/// Runs one `skiff system` subcommand.
pub fn dispatch(engine: &mut Engine, cmd: SystemCmd) -> anyhow::Result<i32> {
    match cmd {
        SystemCmd::Check(a) => check::exec(engine, a),
        SystemCmd::Df(a) => df::exec(engine, a),
        SystemCmd::Migrate(a) => migrate::exec(engine, a),
        SystemCmd::Prune(a) => prune::exec(engine, a),
        SystemCmd::Renumber(a) => renumber::exec(a),
        SystemCmd::Reset(a) => reset::exec(engine, a),
        SystemCmd::Info(a) => crate::info::info(engine, a),
        SystemCmd::Events(a) => crate::events::exec(engine, a),
        SystemCmd::Service(a) => service::exec(engine, a),
    }
}
