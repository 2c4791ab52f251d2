//! `skiff wait`: block until containers stop, print their exit codes.

use clap::Args;
use skiff_libpod::Engine;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Containers to wait for
    #[arg(
        value_name = "CONTAINER",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    containers: Vec<String>,
}

/// `skiff wait`.
pub fn exec(engine: &mut Engine, args: WaitArgs) -> anyhow::Result<i32> {
    let select = super::Select::from_flags(false, args.latest, false);
    let names = super::targets(engine, &args.containers, select)?;
    super::for_each(&names, |name| {
        println!("{}", engine.wait_container(name)?);
        Ok(())
    })
}
