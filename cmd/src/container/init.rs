//! `skiff init` (podman's): makes created or stopped containers ready to start, state
//! `initialized`, without starting them.

use clap::Args;
use skiff_libpod::container::State;
use skiff_libpod::{Engine, Error};

use super::targets::AllOrNamed;
use crate::objects::reword;

/// Which containers to initialize.
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Initialize all containers that are created or stopped")),
    mut_args(reword("containers", "Containers to initialize"))
)]
pub struct InitArgs {
    #[command(flatten)]
    targets: AllOrNamed,
}

/// `skiff init`: prints each name or id as given (with `-a`, the id of each container it
/// initialized; one already initialized or running is passed over, as podman does).
pub fn exec(engine: &mut Engine, args: InitArgs) -> anyhow::Result<i32> {
    if args.targets.all {
        let ids: Vec<String> = engine
            .list_containers()?
            .into_iter()
            .filter(|c| matches!(c.state, State::Created | State::Exited))
            .map(|c| c.id)
            .collect();
        return super::for_each(&ids, |id| match engine.init_container(id) {
            Ok(id) => {
                println!("{id}");
                Ok(())
            }
            Err(Error::Conflict(_)) => Ok(()),
            Err(e) => Err(e.into()),
        });
    }
    let names = args.targets.named.resolve(engine)?;
    super::for_each_echo(&names, false, |name| engine.init_container(name))
}
