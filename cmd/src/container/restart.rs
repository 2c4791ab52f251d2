//! `skiff restart`: stop and start containers again.

use clap::Args;
use skiff_libpod::Engine;

/// Restart one or more containers
#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Seconds to wait before killing the container
    #[arg(
        short = 't',
        long = "timeout",
        visible_alias = "time",
        value_name = "SECONDS"
    )]
    time: Option<u32>,
    /// Signal to send instead of the container's stop signal (name or number)
    #[arg(short = 's', long, value_name = "SIGNAL")]
    signal: Option<String>,
    /// Restart all running containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    all: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Containers to restart
    #[arg(
        value_name = "CONTAINER",
        required_unless_present_any = ["all", "latest"],
        conflicts_with_all = ["all", "latest"]
    )]
    containers: Vec<String>,
}

/// `skiff restart`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: RestartArgs) -> anyhow::Result<i32> {
    let select = super::Select::from_flags(args.all, args.latest, true);
    let names = super::targets(engine, &args.containers, select)?;
    super::for_each(&names, |name| {
        engine.restart_container_signal(name, args.time, args.signal.as_deref())?;
        println!("{name}");
        Ok(())
    })
}
