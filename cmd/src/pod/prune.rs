//! `skiff pod prune`: removes the stopped pods; prints their ids.

use clap::Args;
use skiff_libpod::Engine;

/// Remove all stopped pods and their containers
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

/// `skiff pod prune`.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    if !args.force
        && !crate::container::prune::confirm(
            "WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue?",
        )
    {
        return Ok(0);
    }
    for id in engine.prune_pods()? {
        println!("{id}");
    }
    Ok(0)
}
