//! `skiff pod pause` and `skiff pod unpause`: every container of the pod; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// `pod pause` and `pod unpause` flags.
#[derive(Debug, Args)]
pub struct PauseArgs {
    #[command(flatten)]
    targets: super::PodTargets,
}

/// `skiff pod pause` (`pause`) or `skiff pod unpause`.
pub fn exec(engine: &mut Engine, args: PauseArgs, pause: bool) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::each_pod(&names, false, |n| match pause {
        true => engine.pause_pod(n),
        false => engine.unpause_pod(n),
    })
}
