//! `skiff rm`: remove containers.

use clap::Args;
use skiff_libpod::Engine;

/// Remove one or more containers
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    volumes: bool,
    /// Containers to remove
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff rm`: prints each name or id as given.
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    super::for_each(&args.containers, |name| {
        engine.remove_container(name, args.force, args.volumes)?;
        println!("{name}");
        Ok(())
    })
}
