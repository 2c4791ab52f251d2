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

/// `skiff rm`: prints each name or id as given; reports each failure and exits 125 if any.
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    let results = engine.remove_containers(&args.containers, args.force, args.volumes);
    let mut code = 0;
    for (name, result) in args.containers.iter().zip(results) {
        match result {
            Ok(_) => println!("{name}"),
            Err(e) if args.containers.len() == 1 => return Err(e.into()),
            Err(e) => {
                let e = anyhow::Error::from(e);
                crate::exit::report(&e);
                code = crate::exit::code_for(&e);
            }
        }
    }
    Ok(code)
}
