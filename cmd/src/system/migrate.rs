//! `skiff system migrate [--new-runtime skiff]`: podman's command to run after /etc/subuid or
//! /etc/subgid changed. Prints nothing, as podman's.

use clap::Args;
use skiff_libpod::Engine;

/// `system migrate` flags.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The runtime of every container afterwards (only skiff's own is available)
    #[arg(long = "new-runtime", value_name = "RUNTIME")]
    new_runtime: Option<String>,
}

/// Stops every running container (their monitors keep the old user namespace alive).
pub fn exec(engine: &mut Engine, args: MigrateArgs) -> anyhow::Result<i32> {
    engine.system_migrate(args.new_runtime.as_deref())?;
    Ok(0)
}
