//! `skiff pod stop`: the members, then the infra container; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Stop one or more pods
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait for each container to stop before killing it
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    time: Option<u32>,
    /// Do not fail for a pod that does not exist (or a --pod-id-file that is missing)
    #[arg(short = 'i', long)]
    ignore: bool,
    #[command(flatten)]
    targets: super::PodTargets,
    #[command(flatten)]
    id_files: super::PodIdFiles,
}

/// `skiff pod stop`.
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    let names = args
        .id_files
        .with_targets(engine, &args.targets, args.ignore)?;
    super::each_pod(&names, args.ignore, |n| engine.stop_pod(n, args.time))
}
