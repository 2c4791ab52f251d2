//! `skiff pod start`: the infra container, then the members; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Start one or more pods
#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    targets: super::PodTargets,
    #[command(flatten)]
    id_files: super::PodIdFiles,
}

/// `skiff pod start`.
pub fn exec(engine: &mut Engine, args: StartArgs) -> anyhow::Result<i32> {
    let names = args.id_files.with_targets(engine, &args.targets, false)?;
    super::each_pod(&names, false, |n| engine.start_pod(n))
}
