//! `skiff stop`: stop running containers.

use clap::Args;
use skiff_libpod::Engine;

/// Stop one or more running containers
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    time: Option<u32>,
    /// Containers to stop
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff stop`: prints each name or id as given.
pub fn exec(engine: &mut Engine, args: StopArgs) -> anyhow::Result<i32> {
    super::for_each(&args.containers, |name| {
        engine.stop_container(name, args.time)?;
        println!("{name}");
        Ok(())
    })
}
