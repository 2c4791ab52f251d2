//! `skiff restart`: stop and start containers again.

use clap::Args;
use skiff_libpod::Engine;

use super::stop::Grace;
use super::targets::CidfileTargets;
use crate::objects::reword;

/// Restart one or more containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Restart all containers")),
    mut_args(reword("containers", "Containers to restart"))
)]
pub struct RestartArgs {
    #[command(flatten)]
    grace: Grace,
    #[command(flatten)]
    targets: CidfileTargets,
    /// With -a, only the running containers (podman's; -a alone restarts every container)
    #[arg(long)]
    running: bool,
}

/// `skiff restart`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: RestartArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine, args.running)?;
    let Grace { time, signal } = args.grace;
    super::for_each_echo(&names, args.targets.ignore, |name| {
        engine.restart_container_signal(name, time, signal.as_deref())
    })
}
