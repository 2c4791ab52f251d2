//! `skiff wait`: block until containers stop, print their exit codes.

use clap::Args;
use skiff_libpod::Engine;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Containers to wait for
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `skiff wait`.
pub fn exec(engine: &mut Engine, args: WaitArgs) -> anyhow::Result<i32> {
    super::for_each(&args.containers, |name| {
        println!("{}", engine.wait_container(name)?);
        Ok(())
    })
}
