//! `skiff rmi [-f] IMAGE...` / `skiff image rm`.

use clap::Args;
use skiff_libpod::image::remove::Removed;
use skiff_libpod::{Engine, Error};

/// `rmi` flags.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Force removal of the image (all its names; untag only when a container uses it); a missing image is not an error
    #[arg(short = 'f', long)]
    force: bool,
    /// Images (names or ids)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Prints what was removed, one line each, as docker does.
pub fn print_removed(removed: &[Removed]) {
    for r in removed {
        match r {
            Removed::Untagged(name) => println!("Untagged: {name}"),
            Removed::Deleted(id) => println!("Deleted: sha256:{id}"),
        }
    }
}

/// Removes each image; reports every failure and exits 1 when any failed (as docker; with
/// `-f` a missing image is reported but does not count).
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    engine.enter_image_userns()?;
    let mut code = 0;
    for image in &args.images {
        match engine.remove_image(image, args.force) {
            Ok(removed) => print_removed(&removed),
            Err(e) => {
                eprintln!("Error: {e}");
                // docker: with -f a missing image is reported but is no failure.
                if !(args.force && matches!(e, Error::NotFound { .. })) {
                    code = 1;
                }
            }
        }
    }
    Ok(code)
}
