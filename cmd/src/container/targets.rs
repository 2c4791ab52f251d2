//! Which containers a verb acts on: the names given, or podman's `-a/--all` and `-l/--latest`,
//! as flags that the verbs share (each verb words the help of `all` and `containers` itself,
//! with [`crate::objects::reword`]).

use clap::{Arg, Args};
use skiff_libpod::Engine;

/// `-a`, `-l` or the containers named: the choice of `stop`, `restart`, `kill`, `rm` and
/// `pause`.
#[derive(Debug, Args)]
#[command(mut_args(|a| match a.get_id().as_str() {
    "containers" => a.required_unless_present("all").conflicts_with("all"),
    _ => a,
}))]
pub struct AllOrNamed {
    /// Act on all containers
    #[arg(short = 'a', long, conflicts_with = "latest")]
    pub all: bool,
    #[command(flatten)]
    /// `-l` or the names.
    pub named: LatestOrNamed,
}

/// `-a`, `-l`, the containers named or the ids `--cidfile` files hold, and `-i`: the choice of
/// `stop` and `rm` (podman's flags).
#[derive(Debug, Args)]
#[command(mut_args(or_cidfile))]
pub struct CidfileTargets {
    #[command(flatten)]
    /// `-a`, `-l` or the names.
    pub targets: AllOrNamed,
    /// A container that does not exist is not an error
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Read the container id from this file (repeat for several; with --ignore a missing file is skipped)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Act on the containers that match (ps's filters; podman's)
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
}

impl CidfileTargets {
    /// The names or ids to act on, those of the `--cidfile` files after the names given;
    /// `running` says `-a` means only the running containers.
    pub fn resolve(&self, engine: &mut Engine, running: bool) -> anyhow::Result<Vec<String>> {
        let mut named = with_cidfiles(&self.targets.named.containers, &self.cidfile, self.ignore)?;
        if !self.filter.is_empty() {
            let filters = engine.container_filters(&self.filter)?;
            let mut list = engine.list_container_views()?;
            engine.retain_filtered(&mut list, &filters)?;
            named.extend(list.into_iter().map(|c| c.id));
        }
        let select = Select::from_flags(self.targets.all, self.targets.named.latest, running);
        targets(engine, &named, select)
    }
}

/// No container need be named when a `--cidfile` or `--filter` names it.
fn or_cidfile(a: Arg) -> Arg {
    match a.get_id() == "containers" {
        true => a.required_unless_present_any(["cidfile", "filter"]),
        false => a,
    }
}

/// `--cidfile FILE` of `stop` and `rm` (podman): the container ids those files hold, after the
/// names given. With `ignore`, a file that does not exist is skipped (a unit's `ExecStop` runs
/// after a failed start too).
fn with_cidfiles(
    names: &[String],
    cidfiles: &[std::path::PathBuf],
    ignore: bool,
) -> anyhow::Result<Vec<String>> {
    let mut out = names.to_vec();
    for file in cidfiles {
        match std::fs::read_to_string(file) {
            Ok(id) if !id.trim().is_empty() => out.push(id.trim().to_string()),
            Ok(_) if ignore => {}
            Err(e) if ignore && e.kind() == std::io::ErrorKind::NotFound => {}
            Ok(_) => anyhow::bail!("--cidfile {}: the file is empty", file.display()),
            Err(e) => {
                return Err(
                    anyhow::Error::from(e).context(format!("reading --cidfile {}", file.display()))
                )
            }
        }
    }
    Ok(out)
}

/// `-l` or the containers named: the choice of `start`, `wait` and `inspect`.
#[derive(Debug, Args)]
pub struct LatestOrNamed {
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Containers to act on
    #[arg(
        value_name = "CONTAINER",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    pub containers: Vec<String>,
}

impl LatestOrNamed {
    /// The names or ids to act on.
    pub fn resolve(&self, engine: &mut Engine) -> anyhow::Result<Vec<String>> {
        latest_or(engine, self.latest, &self.containers)
    }
}

/// `names`, or with `latest` the most recently created container.
pub fn latest_or(
    engine: &mut Engine,
    latest: bool,
    names: &[String],
) -> anyhow::Result<Vec<String>> {
    targets(engine, names, Select::from_flags(false, latest, false))
}

/// `-l` or the one container named: the choice of `attach` and `logs`.
#[derive(Debug, Args)]
pub struct LatestOrOne {
    /// Act on the most recently created container
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// The container
    #[arg(required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
}

impl LatestOrOne {
    /// The name or id to act on.
    pub fn resolve(self, engine: &mut Engine) -> anyhow::Result<String> {
        one(engine, self.latest, self.container)
    }
}

/// The one container of `attach`, `logs` and `port`: `name`, or with `latest` the most
/// recently created one.
pub fn one(engine: &mut Engine, latest: bool, name: Option<String>) -> anyhow::Result<String> {
    Ok(latest_or(engine, latest, name.as_slice())?.remove(0))
}

/// Which containers a verb acts on (podman's `-a/--all` and `-l/--latest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    /// The containers named on the command line.
    Named,
    /// `-a` of `rm`: every container.
    All,
    /// `-a` of `stop`, `kill`, `restart`: every running (or paused) container.
    AllRunning,
    /// `-l`: the most recently created container.
    Latest,
}

impl Select {
    /// The selection for a verb's `-a` and `-l` flags; `running` says `-a` means only the
    /// running containers.
    pub fn from_flags(all: bool, latest: bool, running: bool) -> Select {
        match (all, latest, running) {
            (true, _, false) => Select::All,
            (true, _, true) => Select::AllRunning,
            (false, true, _) => Select::Latest,
            (false, false, _) => Select::Named,
        }
    }
}

/// The names or ids to act on: `names` as given, or the full ids `-a`/`-l` select (none for
/// `-a` when there is nothing to act on; an error for `-l` when there is no container at all).
pub fn targets(
    engine: &mut Engine,
    names: &[String],
    select: Select,
) -> anyhow::Result<Vec<String>> {
    Ok(match select {
        Select::Named => names.to_vec(),
        Select::All => engine
            .list_containers()?
            .into_iter()
            .map(|c| c.id)
            .collect(),
        Select::AllRunning => engine
            .list_containers()?
            .into_iter()
            .filter(|c| c.state.is_active())
            .map(|c| c.id)
            .collect(),
        Select::Latest => match engine.latest_container()? {
            Some(c) => vec![c.id],
            None => anyhow::bail!(
                "no container for --latest to act on: there are none; create one with `skiff create` or `skiff run`"
            ),
        },
    })
}
