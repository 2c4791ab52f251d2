//! `skiff kill`: send a signal to running containers.

use clap::Args;
use skiff_libpod::Engine;

use super::targets::CidfileTargets;
use crate::objects::reword;

/// Kill one or more running containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Signal all running containers")),
    mut_args(reword("containers", "Containers to kill"))
)]
pub struct KillArgs {
    /// Signal to send
    #[arg(short = 's', long, default_value = "KILL")]
    signal: String,
    #[command(flatten)]
    targets: CidfileTargets,
}

/// `skiff kill`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: KillArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine, true)?;
    super::for_each_echo(&names, args.targets.ignore, |name| {
        engine.kill_container(name, &args.signal)
    })
}
