//! `skiff pod stop`: the members, then the infra container; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Stop one or more pods
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait for each container to stop before killing it
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    time: Option<u32>,
    #[command(flatten)]
    targets: super::PodTargets,
}

/// `skiff pod stop`.
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::each_pod(&names, |n| engine.stop_pod(n, args.time))
}
