//! `skiff stop`: stop running containers.

use clap::Args;
use skiff_libpod::Engine;

use super::targets::CidfileTargets;
use crate::objects::reword;

/// Stop one or more running containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Stop all running containers")),
    mut_args(reword("containers", "Containers to stop"))
)]
pub struct StopArgs {
    #[command(flatten)]
    grace: Grace,
    #[command(flatten)]
    targets: CidfileTargets,
}

/// How a container is stopped: `-t` and `-s` of `stop` and `restart`.
#[derive(Debug, Args)]
pub struct Grace {
    /// Seconds to wait before killing the container
    #[arg(
        short = 't',
        long = "timeout",
        visible_alias = "time",
        value_name = "SECONDS"
    )]
    pub time: Option<u32>,
    /// Signal to send instead of the container's stop signal (name or number)
    #[arg(short = 's', long, value_name = "SIGNAL")]
    pub signal: Option<String>,
}

/// `skiff stop`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine, true)?;
    let Grace { time, signal } = args.grace;
    super::for_each_echo(&names, args.targets.ignore, |name| {
        engine.stop_container_signal(name, time, signal.as_deref())
    })
}
