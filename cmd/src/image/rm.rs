//! `skiff rmi [-f] IMAGE...` / `skiff image rm`.

use clap::Args;
use skiff_libpod::image::remove::{RemoveOptions, Removed};
use skiff_libpod::{Engine, Error};

/// `rmi` flags.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Force removal of the image (all its names; untag only when a container uses it); a missing image is not an error
    #[arg(short = 'f', long)]
    force: bool,
    /// Do not delete untagged parents
    #[arg(long)]
    no_prune: bool,
    /// Remove the image only if it is of this platform (os/arch[/variant]): skiff stores one
    /// platform of each image
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Remove all images (podman's; with -f, untag the ones containers use)
    #[arg(short = 'a', long, conflicts_with = "images")]
    all: bool,
    /// A missing image is no error (podman's)
    #[arg(short = 'i', long)]
    ignore: bool,
    /// Images (names or ids)
    #[arg(required_unless_present = "all")]
    images: Vec<String>,
}

/// `--platform`: Ok when `image` is of `platform` (`os/arch[/variant]`; the os may be left
/// out), else an error naming the image's own platform.
fn check_platform(engine: &mut Engine, image: &str, platform: &str) -> anyhow::Result<()> {
    let doc = engine.inspect_image(image)?;
    let field = |k: &str| doc[k].as_str().unwrap_or_default().to_string();
    let (os, arch, variant) = (field("Os"), field("Architecture"), field("Variant"));
    let want: Vec<&str> = platform.split('/').collect();
    let matches = match want.as_slice() {
        [a] => *a == arch,
        [o, a] => *o == os && *a == arch,
        [o, a, v] => *o == os && *a == arch && *v == variant,
        _ => false,
    };
    let own = [os.as_str(), arch.as_str(), variant.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    anyhow::ensure!(
        matches,
        "image {image} is {own}, not {platform}: skiff stores one platform of each image; nothing was removed"
    );
    Ok(())
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
    let RmArgs {
        force,
        no_prune,
        platform,
        all,
        ignore,
        mut images,
    } = args;
    let opts = RemoveOptions { force, no_prune };
    engine.enter_userns()?;
    if all {
        images = engine.list_images()?.into_iter().map(|i| i.id).collect();
        images.dedup();
    }
    let mut code = 0;
    for image in &images {
        let removed = match &platform {
            Some(p) => check_platform(engine, image, p).and_then(|()| {
                engine
                    .remove_image(image, opts)
                    .map_err(anyhow::Error::from)
            }),
            None => engine
                .remove_image(image, opts)
                .map_err(anyhow::Error::from),
        };
        match removed {
            Ok(removed) => print_removed(&removed),
            Err(e) => {
                // docker: with -f a missing image is reported but is no failure; podman's
                // -i and -a (an image another removal took along) say nothing of it.
                let missing = matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. }));
                if missing && (ignore || all) {
                    continue;
                }
                eprintln!("Error: {e:#}");
                if !(force && missing) {
                    code = 1;
                }
            }
        }
    }
    Ok(code)
}
