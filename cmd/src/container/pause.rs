//! `skiff pause` and `skiff unpause`: freeze and thaw every process of containers.

use clap::Args;
use skiff_libpod::container::State;
use skiff_libpod::Engine;

/// Which containers to pause or unpause.
#[derive(Debug, Args)]
pub struct PauseArgs {
    /// All running (for pause) or paused (for unpause) containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    all: bool,
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    latest: bool,
    /// Containers to pause or unpause
    #[arg(
        value_name = "CONTAINER",
        required_unless_present_any = ["all", "latest"],
        conflicts_with_all = ["all", "latest"]
    )]
    containers: Vec<String>,
}

/// The names or ids given, or with `-a` the full ids of the containers in state `state`.
fn chosen(engine: &mut Engine, args: &PauseArgs, state: State) -> anyhow::Result<Vec<String>> {
    if args.all {
        return Ok(engine
            .list_containers()?
            .into_iter()
            .filter(|c| c.state == state)
            .map(|c| c.id)
            .collect());
    }
    let select = super::Select::from_flags(false, args.latest, true);
    super::targets(engine, &args.containers, select)
}

/// `skiff pause`: prints each name or id as given.
pub fn pause(engine: &mut Engine, args: PauseArgs) -> anyhow::Result<i32> {
    let names = chosen(engine, &args, State::Running)?;
    super::for_each(&names, |name| {
        engine.pause_container(name)?;
        println!("{name}");
        Ok(())
    })
}

/// `skiff unpause`: prints each name or id as given.
pub fn unpause(engine: &mut Engine, args: PauseArgs) -> anyhow::Result<i32> {
    let names = chosen(engine, &args, State::Paused)?;
    super::for_each(&names, |name| {
        engine.unpause_container(name)?;
        println!("{name}");
        Ok(())
    })
}
