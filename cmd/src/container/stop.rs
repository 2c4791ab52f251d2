//! `skiff stop`: stop running containers.

use clap::Args;
use skiff_libpod::{Engine, Error};

/// Stop one or more running containers
#[derive(Debug, Args)]
pub struct StopArgs {
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
    /// Stop all running containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    all: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// A container that does not exist is not an error
    #[arg(short = 'i', long)]
    ignore: bool,
    /// Read the container id from this file (repeat for several; with --ignore a missing file is skipped)
    #[arg(long, value_name = "FILE")]
    cidfile: Vec<std::path::PathBuf>,
    /// Containers to stop
    #[arg(
        value_name = "CONTAINER",
        required_unless_present_any = ["all", "latest", "cidfile"],
        conflicts_with_all = ["all", "latest"]
    )]
    containers: Vec<String>,
}

/// `skiff stop`: prints each name or id as given (full ids for `-a` and `-l`).
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    let select = super::Select::from_flags(args.all, args.latest, true);
    let named = super::with_cidfiles(&args.containers, &args.cidfile, args.ignore)?;
    let names = super::targets(engine, &named, select)?;
    super::for_each(&names, |name| {
        match engine.stop_container_signal(name, args.time, args.signal.as_deref()) {
            Err(Error::NotFound { .. }) if args.ignore => return Ok(()),
            r => r?,
        };
        println!("{name}");
        Ok(())
    })
}
