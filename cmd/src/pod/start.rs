//! `skiff pod start`: the infra container, then the members; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Start one or more pods
#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    targets: super::PodTargets,
}

/// `skiff pod start`.
pub fn exec(engine: &mut Engine, args: StartArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::each_pod(&names, |n| engine.start_pod(n))
}
