//! `skiff manifest rm LIST...`.

use clap::Args;
use skiff_libpod::Engine;

/// `manifest rm` arguments.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The manifest lists (names or ids)
    #[arg(required = true)]
    lists: Vec<String>,
}

/// Removes each list, reporting as `rmi` does; the exit code is 1 when any failed.
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    for list in &args.lists {
        match engine.manifest_rm(list) {
            Ok((name, id)) => {
                println!("Untagged: {name}");
                println!("Deleted: {id}");
            }
            Err(e) => {
                eprintln!("Error: {list}: {e}");
                code = 1;
            }
        }
    }
    Ok(code)
}
