//! `skiff tag SOURCE TARGET`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// `tag` arguments.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image to tag (name or id)
    source: String,
    /// The new name, `[REGISTRY/]REPOSITORY[:TAG]`
    target: String,
}

/// Tags the image.
pub fn exec(engine: &mut Engine, args: TagArgs) -> anyhow::Result<i32> {
    engine
        .tag(&args.source, &args.target)
        .with_context(|| format!("tagging {} as {}", args.source, args.target))?;
    Ok(0)
}
