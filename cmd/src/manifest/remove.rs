//! `skiff manifest remove LIST DIGEST`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// `manifest remove` arguments.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The manifest list
    list: String,
    /// The digest of the entry to remove (sha256:...)
    digest: String,
}

/// Removes the entry and prints the list's id.
pub fn exec(engine: &mut Engine, args: RemoveArgs) -> anyhow::Result<i32> {
    let id = engine
        .manifest_remove(&args.list, &args.digest)
        .with_context(|| format!("removing {} from {}", args.digest, args.list))?;
    println!("{id}");
    Ok(0)
}
