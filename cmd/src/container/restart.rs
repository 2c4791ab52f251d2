//! `skiff restart`: stop and start containers again.

use clap::Args;
use skiff_libpod::Engine;

/// Restart one or more containers
#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    time: Option<u32>,
    /// Containers to restart
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff restart`: prints each name or id as given.
pub fn exec(engine: &mut Engine, args: RestartArgs) -> anyhow::Result<i32> {
    super::for_each(&args.containers, |name| {
        engine.restart_container(name, args.time)?;
        println!("{name}");
        Ok(())
    })
}
