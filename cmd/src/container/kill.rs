//! `skiff kill`: send a signal to running containers.

use clap::Args;
use skiff_libpod::Engine;

/// Kill one or more running containers
#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send
    #[arg(short = 's', long, default_value = "KILL")]
    signal: String,
    /// Containers to kill
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff kill`: prints each name or id as given.
pub fn exec(engine: &mut Engine, args: KillArgs) -> anyhow::Result<i32> {
    super::for_each(&args.containers, |name| {
        engine.kill_container(name, &args.signal)?;
        println!("{name}");
        Ok(())
    })
}
