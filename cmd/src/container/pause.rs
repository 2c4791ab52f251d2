//! `skiff pause` and `skiff unpause`: freeze and thaw every process of containers.

use clap::Args;
use skiff_libpod::container::State;
use skiff_libpod::Engine;

use super::targets::CidfileTargets;
use crate::objects::reword;

/// Which containers to pause or unpause.
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "All running (for pause) or paused (for unpause) containers")),
    mut_args(reword("containers", "Containers to pause or unpause"))
)]
pub struct PauseArgs {
    #[command(flatten)]
    targets: CidfileTargets,
}

/// The names or ids given (or in `--cidfile` files, or matching `--filter`), or with `-a` the
/// full ids of the containers in state `state`.
fn chosen(engine: &mut Engine, args: &PauseArgs, state: State) -> anyhow::Result<Vec<String>> {
    if args.targets.targets.all {
        return Ok(engine
            .list_containers()?
            .into_iter()
            .filter(|c| c.state == state)
            .map(|c| c.id)
            .collect());
    }
    args.targets.resolve(engine, false)
}

/// `skiff pause`: prints each name or id as given.
pub fn pause(engine: &mut Engine, args: PauseArgs) -> anyhow::Result<i32> {
    let names = chosen(engine, &args, State::Running)?;
    super::for_each_echo(&names, false, |name| engine.pause_container(name))
}

/// `skiff unpause`: prints each name or id as given.
pub fn unpause(engine: &mut Engine, args: PauseArgs) -> anyhow::Result<i32> {
    let names = chosen(engine, &args, State::Paused)?;
    super::for_each_echo(&names, false, |name| engine.unpause_container(name))
}
