//! `skiff pod exists`: exit 0 when the pod exists, 1 when not.

use clap::Args;
use skiff_libpod::Engine;

/// Check if a pod exists (exit code 0 or 1)
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or id of the pod
    pod: String,
}

/// `skiff pod exists`.
pub fn exec(engine: &mut Engine, args: ExistsArgs) -> anyhow::Result<i32> {
    Ok(if engine.pod_exists(&args.pod)? { 0 } else { 1 })
}
