//! `skiff tag SOURCE TARGET...` and podman's `skiff untag IMAGE [NAME...]`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// `tag` arguments.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image to tag (name or id)
    source: String,
    /// The new names, `[REGISTRY/]REPOSITORY[:TAG]` (podman takes several)
    #[arg(required = true, value_name = "TARGET")]
    targets: Vec<String>,
}

/// Tags the image with each name, in order; the first that fails stops it.
pub fn exec(engine: &mut Engine, args: TagArgs) -> anyhow::Result<i32> {
    for target in &args.targets {
        engine
            .tag(&args.source, target)
            .with_context(|| format!("tagging {} as {target}", args.source))?;
    }
    Ok(0)
}

/// `untag` arguments.
#[derive(Debug, Args)]
pub struct UntagArgs {
    /// The image (name or id)
    image: String,
    /// The names to take off it (default: all of them)
    names: Vec<String>,
}

/// Takes names off the image, which stays.
pub fn untag(engine: &mut Engine, args: UntagArgs) -> anyhow::Result<i32> {
    engine
        .untag(&args.image, &args.names)
        .with_context(|| format!("untagging {}", args.image))?;
    Ok(0)
}
