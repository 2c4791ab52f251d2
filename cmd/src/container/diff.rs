//! `skiff diff`: the files a container changed (A added, C changed, D deleted).

use clap::Args;
use skiff_libpod::Engine;

/// Inspect changes to files or directories on a container's filesystem
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The container
    container: String,
}

/// `skiff diff`: docker's `C /etc` lines.
pub fn exec(engine: &mut Engine, args: DiffArgs) -> anyhow::Result<i32> {
    let (_, changes) = engine.container_changes(&args.container)?;
    for c in changes {
        println!("{} {}", c.letter(), c.path);
    }
    Ok(0)
}
