//! `skiff image mount` and `skiff image unmount` (podman's): an image's file system mounted
//! read-only on the host (rootless, inside `skiff unshare`), and unmounted again.

use clap::Args;
use skiff_libpod::Engine;

/// `image mount` arguments.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// Mount all images
    #[arg(short = 'a', long)]
    all: bool,
    /// With no image named, list the mounted ones as JSON
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    format: Option<String>,
    /// Images to mount; none lists the mounted ones
    #[arg(value_name = "IMAGE", conflicts_with = "all")]
    images: Vec<String>,
}

/// `image unmount` arguments.
#[derive(Debug, Args)]
pub struct UnmountArgs {
    /// Unmount all mounted images
    #[arg(short = 'a', long)]
    all: bool,
    /// Unmount even when mounted several times (skiff mounts an image once)
    #[arg(short = 'f', long)]
    force: bool,
    /// Images to unmount
    #[arg(
        value_name = "IMAGE",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    images: Vec<String>,
}

/// `skiff image mount`: each named image's mount point; with none, the mounted images.
pub fn mount(engine: &mut Engine, args: MountArgs) -> anyhow::Result<i32> {
    let names = match args.all {
        true => {
            let mut ids: Vec<String> = engine.list_images()?.into_iter().map(|i| i.id).collect();
            ids.dedup();
            ids
        }
        false => args.images,
    };
    if names.is_empty() {
        let mounted = engine.mounted_images()?;
        if args.format.is_some() {
            let list: Vec<serde_json::Value> = mounted
                .iter()
                .map(|(image, path)| {
                    serde_json::json!({
                        "id": image.id,
                        "Names": image.manifest_digest.iter().collect::<Vec<_>>(),
                        "Repositories": image.names,
                        "mountpoint": path,
                    })
                })
                .collect();
            println!(
                "{}",
                crate::format::json_pretty(&serde_json::Value::Array(list))
            );
            return Ok(0);
        }
        for (image, path) in mounted {
            let name = image.names.first().unwrap_or(&image.id);
            println!("{name}  {}", path.display());
        }
        return Ok(0);
    }
    crate::container::for_each(&names, |name| {
        let path = engine.mount_image(name)?;
        println!("{}", path.display());
        Ok(())
    })
}

/// `skiff image unmount`: prints each image's id (one that was not mounted too).
pub fn unmount(engine: &mut Engine, args: UnmountArgs) -> anyhow::Result<i32> {
    let _ = args.force;
    let names = match args.all {
        true => engine
            .mounted_images()?
            .into_iter()
            .map(|(image, _)| image.id)
            .collect(),
        false => args.images,
    };
    crate::container::for_each(&names, |name| {
        println!("{}", engine.unmount_image(name)?);
        Ok(())
    })
}
