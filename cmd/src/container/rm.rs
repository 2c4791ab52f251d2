//! `skiff rm`: remove containers.

use clap::Args;
use skiff_libpod::{Engine, Error};

use super::targets::CidfileTargets;
use crate::objects::reword;

/// Remove one or more containers
#[derive(Debug, Args)]
#[command(
    mut_args(reword("all", "Remove all containers (running ones need -f)")),
    mut_args(reword("containers", "Containers to remove"))
)]
pub struct RmArgs {
    /// Force the removal of a running container (uses SIGKILL); a missing container is not an error
    #[arg(short = 'f', long)]
    force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    volumes: bool,
    #[command(flatten)]
    targets: CidfileTargets,
    /// With -f: seconds to wait for a running container to stop before it is killed
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    time: Option<u32>,
    /// Remove a legacy link (refused: skiff has no default-bridge links; its --link is an
    /// alias on a user-defined network, gone with the container that has it)
    #[arg(long)]
    link: bool,
    /// Remove the containers that join a namespace of each one first (podman's)
    #[arg(long)]
    depend: bool,
}

/// `names`, each after the containers that depend on it (see [`Engine::dependents_of`]), every
/// one once.
fn with_dependents(engine: &mut Engine, names: Vec<String>) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let dependents = match engine.dependents_of(&name) {
            Ok(d) => d,
            // A missing one is reported by the removal, as without --depend.
            Err(Error::NotFound { .. }) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        for d in dependents.into_iter().chain([name]) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    Ok(out)
}

/// `skiff rm`: prints each name or id as given and reports each failure. Exit status as
/// podman documents it (docker exits 1 for a missing container too): 0 all removed, 1 some did
/// not exist (and nothing else failed), 2 some are running (without `-f`), 125 anything else.
/// With `-f` a missing container is reported but not a failure (docker); with `-i` it is
/// not even reported (podman).
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    anyhow::ensure!(
        !args.link,
        "rm --link removes a link of docker's default bridge network, which skiff does not have: \
         skiff's --link is an alias on a user-defined network, removed with the container that \
         has it; recreate that container without --link to drop it"
    );
    let mut names = args.targets.resolve(engine, false)?;
    if args.targets.targets.all {
        // A pod's infra container goes with its pod (`pod rm`): `rm -a` passes over it.
        let infra: std::collections::HashSet<String> = engine
            .list_pods()?
            .into_iter()
            .map(|s| s.pod.infra_id)
            .collect();
        names.retain(|id| !infra.contains(id));
    }
    if args.depend {
        names = with_dependents(engine, names)?;
    }
    if names.is_empty() {
        return Ok(0);
    }
    if let (true, Some(time)) = (args.force, args.time) {
        // podman's `rm -f -t N`: the stop signal and N seconds of grace before the kill.
        for name in &names {
            if engine
                .lookup_container(name)
                .is_ok_and(|c| c.state.is_active())
            {
                let _ = engine.stop_container(name, Some(time));
            }
        }
    }
    let results = engine.remove_containers(&names, args.force, args.volumes);
    let mut code = 0;
    for (name, result) in names.iter().zip(results) {
        match result {
            Ok(_) => println!("{name}"),
            Err(Error::NotFound { .. }) if args.targets.ignore => {}
            Err(e @ Error::NotFound { .. }) if args.force => {
                crate::exit::report(&anyhow::Error::from(e));
            }
            Err(e) => {
                code = code.max(crate::exit::removal_code(&e));
                crate::exit::report(&anyhow::Error::from(e));
            }
        }
    }
    forget_cidfiles(engine, &args.targets.cidfile);
    Ok(code)
}

/// Deletes each `--cidfile` whose container is gone (podman's rule), so that a unit's next
/// `run --cidfile` of the same file can write it again.
fn forget_cidfiles(engine: &mut Engine, cidfiles: &[std::path::PathBuf]) {
    for file in cidfiles {
        let Ok(id) = std::fs::read_to_string(file) else {
            continue;
        };
        let gone = matches!(
            engine.lookup_container(id.trim()),
            Err(Error::NotFound { .. })
        );
        if gone || id.trim().is_empty() {
            let _ = std::fs::remove_file(file);
        }
    }
}
