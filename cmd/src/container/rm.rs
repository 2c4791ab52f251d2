//! `skiff rm`: remove containers.

use clap::Args;
use skiff_libpod::{Engine, Error};

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

/// `skiff rm`: prints each name or id as given and reports each failure. Exit status as
/// podman documents it (docker exits 1 for a missing container too): 0 all removed, 1 some did
/// not exist (and nothing else failed), 2 some are running (without `-f`), 125 anything else.
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    let results = engine.remove_containers(&args.containers, args.force, args.volumes);
    let mut code = 0;
    for (name, result) in args.containers.iter().zip(results) {
        match result {
            Ok(_) => println!("{name}"),
            Err(e) => {
                code = code.max(status_for(&e));
                crate::exit::report(&anyhow::Error::from(e));
            }
        }
    }
    Ok(code)
}

/// The exit status one failed removal asks for (the worst one wins: 125 > 2 > 1).
fn status_for(e: &Error) -> i32 {
    match e {
        Error::NotFound { .. } => 1,
        Error::Conflict(_) => 2,
        _ => crate::exit::ENGINE_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_rm_statuses() {
        assert_eq!(status_for(&Error::not_found("container", "x")), 1);
        assert_eq!(status_for(&Error::Conflict("running".into())), 2);
        assert_eq!(status_for(&Error::Runtime("boom".into())), 125);
    }
}
