//! `skiff mount` and `skiff unmount` (podman's): a stopped container's file system mounted on
//! the host (rootless, inside `skiff unshare`), and unmounted again.

use clap::Args;
use skiff_libpod::Engine;

use super::targets::{latest_or, Select};

/// `mount` arguments.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// Mount all containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    all: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// With no container named, list the mounted ones as JSON
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    format: Option<String>,
    /// Show full container ids in the list
    #[arg(long = "no-trunc", visible_alias = "notruncate")]
    no_trunc: bool,
    /// Containers to mount; none lists the mounted ones
    #[arg(value_name = "CONTAINER", conflicts_with_all = ["all", "latest"])]
    containers: Vec<String>,
}

/// `unmount` arguments.
#[derive(Debug, Args)]
pub struct UnmountArgs {
    /// Unmount all mounted containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    all: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Unmount even when mounted several times (skiff mounts a container once)
    #[arg(short = 'f', long)]
    force: bool,
    /// Containers to unmount
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], conflicts_with_all = ["all", "latest"])]
    containers: Vec<String>,
}

/// `skiff mount`: each named container's mount point; with none, the mounted containers.
pub fn mount(engine: &mut Engine, args: MountArgs) -> anyhow::Result<i32> {
    let names = if args.all {
        super::targets::targets(engine, &[], Select::All)?
    } else {
        latest_or(engine, args.latest, &args.containers)?
    };
    if names.is_empty() {
        let mounted = engine.mounted_containers()?;
        if args.format.is_some() {
            let list: Vec<serde_json::Value> = mounted
                .iter()
                .map(|(rec, path)| {
                    serde_json::json!({"id": rec.id, "names": [rec.name], "mountpoint": path})
                })
                .collect();
            println!(
                "{}",
                crate::format::json_pretty(&serde_json::Value::Array(list))
            );
            return Ok(0);
        }
        for (rec, path) in mounted {
            let id = if args.no_trunc {
                &rec.id[..]
            } else {
                &rec.id[..12]
            };
            println!("{id} {}", path.display());
        }
        return Ok(0);
    }
    super::for_each(&names, |name| {
        let path = engine.mount_container(name)?;
        println!("{}", path.display());
        Ok(())
    })
}

/// `skiff unmount`: prints each container as given (one that was not mounted too).
pub fn unmount(engine: &mut Engine, args: UnmountArgs) -> anyhow::Result<i32> {
    let _ = args.force;
    let names = if args.all {
        engine
            .mounted_containers()?
            .into_iter()
            .map(|(rec, _)| rec.id)
            .collect()
    } else {
        latest_or(engine, args.latest, &args.containers)?
    };
    super::for_each_echo(&names, false, |name| engine.unmount_container(name))
}
