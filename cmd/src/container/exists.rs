//! `skiff container exists`: exit 0 when the container exists, 1 when not.

use clap::Args;
use skiff_libpod::Engine;

/// Check if a container exists (exit code 0 or 1)
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Also look among containers of other tools in the storage (podman's: buildah's): skiff's
    /// store holds only skiff's, so this changes nothing
    #[arg(long)]
    external: bool,
    /// Name or id of the container
    container: String,
}

/// `skiff container exists`.
pub fn exec(engine: &mut Engine, args: ExistsArgs) -> anyhow::Result<i32> {
    let _ = args.external;
    crate::objects::exists_code(engine.lookup_container(&args.container))
}
