//! `skiff pod kill`: a signal to every running container of the pod; prints each pod's id.

use clap::Args;
use skiff_libpod::Engine;

/// Send the specified signal or SIGKILL to containers in pod
#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send (name or number)
    #[arg(short = 's', long, default_value = "KILL")]
    signal: String,
    #[command(flatten)]
    targets: super::PodTargets,
}

/// `skiff pod kill`.
pub fn exec(engine: &mut Engine, args: KillArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::each_pod(&names, false, |n| engine.kill_pod(n, &args.signal))
}
