//! `skiff container exists`: exit 0 when the container exists, 1 when not.

use clap::Args;
use skiff_libpod::Engine;

/// Check if a container exists (exit code 0 or 1)
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or id of the container
    container: String,
}

/// `skiff container exists`.
pub fn exec(engine: &mut Engine, args: ExistsArgs) -> anyhow::Result<i32> {
    crate::objects::exists_code(engine.lookup_container(&args.container))
}
