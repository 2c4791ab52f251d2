//! `skiff manifest exists LIST`: exit 0 when the manifest list is stored, 1 when not.

use clap::Args;
use skiff_libpod::Engine;

/// `manifest exists` arguments.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or id of the manifest list
    list: String,
}

/// Checks the list.
pub fn exec(engine: &mut Engine, args: ExistsArgs) -> anyhow::Result<i32> {
    Ok(if engine.manifest_exists(&args.list)? {
        0
    } else {
        1
    })
}
