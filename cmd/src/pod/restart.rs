//! `skiff pod restart`: stop, then start; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Restart one or more pods
#[derive(Debug, Args)]
pub struct RestartArgs {
    #[command(flatten)]
    targets: super::PodTargets,
}

/// `skiff pod restart`.
pub fn exec(engine: &mut Engine, args: RestartArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::each_pod(&names, false, |n| engine.restart_pod(n, None))
}
