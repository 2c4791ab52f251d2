//! podman's `container cleanup [-a|-l] [--rm] [--rmi] CTR...`: what podman's conmon calls
//! after a container ended. skiff's monitor releases a container's mounts and network when it
//! ends, so this command checks that each is stopped, prints its name, and with `--rm`
//! removes it (with `--rmi` also its image when nothing else uses it).

use clap::Args;
use skiff_libpod::image::remove::RemoveOptions;
use skiff_libpod::{Engine, Error};

use super::targets::{targets, Select};

/// Clean up the network and mounts of stopped containers (podman's)
#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// Every stopped container
    #[arg(short, long)]
    all: bool,
    /// The most recently created container
    #[arg(short, long)]
    latest: bool,
    /// Also remove the container
    #[arg(long)]
    rm: bool,
    /// Also remove its image when no other container uses it (implies --rm)
    #[arg(long)]
    rmi: bool,
    /// Containers (names or ids)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    containers: Vec<String>,
}

/// Cleans up each container, printing the names (or, with -a/-l, the ids) it cleaned up.
pub fn exec(engine: &mut Engine, args: CleanupArgs) -> anyhow::Result<i32> {
    let select = Select::from_flags(args.all, args.latest, false);
    let mut names = targets(engine, &args.containers, select)?;
    if args.all {
        // -a passes over the running ones, as podman's.
        let mut stopped = Vec::new();
        for n in names {
            if !engine.lookup_container(&n)?.state.is_active() {
                stopped.push(n);
            }
        }
        names = stopped;
    }
    super::for_each(&names, |name| {
        let rec = engine.lookup_container(name)?;
        if rec.state.is_active() {
            return Err(Error::Conflict(format!(
                "refusing to clean up container {}: it is running (stop it first)",
                rec.name
            ))
            .into());
        }
        if args.rm || args.rmi {
            engine.remove_container(&rec.id, false, true)?;
        }
        if args.rmi {
            if let Some(image) = &rec.config.image_id {
                let unused = engine
                    .list_containers()?
                    .iter()
                    .all(|c| c.config.image_id.as_deref() != Some(image.as_str()));
                if unused {
                    // The container is gone either way: an image that cannot go (another name
                    // still holds it) is told, not a failure of the cleanup.
                    if let Err(e) = engine.remove_image(image, RemoveOptions::default()) {
                        eprintln!("Warning: keeping the image of {}: {e}", rec.name);
                    }
                }
            }
        }
        println!("{name}");
        Ok(())
    })
}
