//! `skiff system renumber`: podman's command to run after its `num_locks` changed, which
//! gives every container and pod a new lock number. skiff's locks are one file per object,
//! named by its id, so there is nothing to renumber: scripts that run it succeed.

use clap::Args;

/// `system renumber` takes no flags.
#[derive(Debug, Args)]
pub struct RenumberArgs {}

/// Succeeds without a change.
pub fn exec(_args: RenumberArgs) -> anyhow::Result<i32> {
    Ok(0)
}
