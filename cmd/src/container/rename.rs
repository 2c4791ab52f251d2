//! `skiff rename`: rename a container.

use clap::Args;
use skiff_libpod::Engine;

/// Rename a container
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The container to rename
    container: String,
    /// Its new name
    new_name: String,
}

/// `skiff rename`: prints nothing on success, like docker.
pub fn exec(engine: &mut Engine, args: RenameArgs) -> anyhow::Result<i32> {
    engine.rename_container(&args.container, &args.new_name)?;
    Ok(0)
}
