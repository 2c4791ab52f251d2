//! `skiff image inspect [-f FORMAT] IMAGE...`.

use clap::Args;
use skiff_libpod::Engine;

use crate::objects::inspect_each;

/// `image inspect` flags.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Only this platform (os/arch[/variant]): an image of another is an error (docker's; skiff
    /// keeps one platform per image)
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Images (names or ids)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Prints the images' documents: a JSON array, or one template line per image.
pub fn exec(engine: &mut Engine, args: InspectArgs) -> anyhow::Result<i32> {
    inspect_each(&args.images, args.format.as_deref(), 125, |name| {
        if let Some(p) = &args.platform {
            engine.check_image_platform(name, p)?;
        }
        engine.inspect_image(name)
    })
}
