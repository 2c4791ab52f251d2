//! `skiff image exists IMAGE`: exit 0 when the image is stored, 1 when not.

use clap::Args;
use skiff_libpod::Engine;

/// `image exists` arguments.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Name or id of the image
    image: String,
}

/// Checks the image.
pub fn exec(engine: &mut Engine, args: ExistsArgs) -> anyhow::Result<i32> {
    crate::objects::exists_code(engine.resolve_image(&args.image))
}
