//! `skiff wait`: block until containers stop, print their exit codes.

use clap::Args;
use skiff_libpod::Engine;

use super::targets::LatestOrNamed;
use crate::objects::reword;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
#[command(mut_args(reword("containers", "Containers to wait for")))]
pub struct WaitArgs {
    #[command(flatten)]
    targets: LatestOrNamed,
}

/// `skiff wait`.
pub fn exec(engine: &mut Engine, args: WaitArgs) -> anyhow::Result<i32> {
    let names = args.targets.resolve(engine)?;
    super::for_each(&names, |name| {
        println!("{}", engine.wait_container(name)?);
        Ok(())
    })
}
