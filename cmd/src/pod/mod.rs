//! `skiff pod`: podman's pods, one file per verb.

pub mod create;
pub mod exists;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod pause;
pub mod prune;
pub mod ps;
pub mod restart;
pub mod rm;
pub mod start;
pub mod stats;
pub mod stop;
pub mod top;

use clap::Subcommand;
use skiff_libpod::Engine;

/// Pod subcommands.
#[derive(Debug, Subcommand)]
pub enum PodCmd {
    /// Create a new empty pod
    Create(Box<create::CreateArgs>),
    /// List pods
    #[command(alias = "ls", alias = "list")]
    Ps(ps::PsArgs),
    /// Display a pod's configuration
    Inspect(inspect::InspectArgs),
    /// Start one or more pods
    Start(start::StartArgs),
    /// Stop one or more pods
    Stop(stop::StopArgs),
    /// Restart one or more pods
    Restart(restart::RestartArgs),
    /// Send the specified signal or SIGKILL to containers in pod
    Kill(kill::KillArgs),
    /// Pause one or more pods
    Pause(pause::PauseArgs),
    /// Unpause one or more pods
    Unpause(pause::PauseArgs),
    /// Remove one or more pods
    Rm(rm::RmArgs),
    /// Check if a pod exists (exit code 0 or 1)
    Exists(exists::ExistsArgs),
    /// Display the running processes of containers in a pod
    Top(top::TopArgs),
    /// Fetch logs for pod with one or more containers
    Logs(logs::LogsArgs),
    /// Display a live stream of resource usage statistics for the containers in pods
    Stats(stats::StatsArgs),
    /// Remove all stopped pods and their containers
    Prune(prune::PruneArgs),
}

/// Runs a pod subcommand.
pub fn dispatch(engine: &mut Engine, cmd: PodCmd) -> anyhow::Result<i32> {
    match cmd {
        PodCmd::Create(a) => create::exec(engine, *a),
        PodCmd::Ps(a) => ps::exec(engine, a),
        PodCmd::Inspect(a) => inspect::exec(engine, a),
        PodCmd::Start(a) => start::exec(engine, a),
        PodCmd::Stop(a) => stop::exec(engine, a),
        PodCmd::Restart(a) => restart::exec(engine, a),
        PodCmd::Kill(a) => kill::exec(engine, a),
        PodCmd::Pause(a) => pause::exec(engine, a, true),
        PodCmd::Unpause(a) => pause::exec(engine, a, false),
        PodCmd::Rm(a) => rm::exec(engine, a),
        PodCmd::Exists(a) => exists::exec(engine, a),
        PodCmd::Top(a) => top::exec(engine, a),
        PodCmd::Logs(a) => logs::exec(engine, a),
        PodCmd::Stats(a) => stats::exec(engine, a),
        PodCmd::Prune(a) => prune::exec(engine, a),
    }
}

/// Runs `op` on each named pod and prints the pod's full id when it succeeds (podman's
/// output of `pod start`, `stop`, `kill`...). A failure is reported; the exit code is then 125.
/// With `ignore` (`pod stop|rm --ignore`), a pod that does not exist is passed over.
pub(crate) fn each_pod(
    names: &[String],
    ignore: bool,
    mut op: impl FnMut(&str) -> skiff_libpod::Result<skiff_libpod::pod::PodRecord>,
) -> anyhow::Result<i32> {
    crate::container::for_each(names, |name| {
        match op(name) {
            Ok(pod) => println!("{}", pod.id),
            Err(skiff_libpod::Error::NotFound { .. }) if ignore => {}
            Err(e) => return Err(e.into()),
        }
        Ok(())
    })
}

/// `--pod-id-file` of `pod start|stop|rm`: pods named by the files `pod create --pod-id-file`
/// wrote, as systemd units pass them.
#[derive(Debug, clap::Args)]
pub struct PodIdFiles {
    /// Act on the pod whose id this file holds (repeatable)
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pub files: Vec<std::path::PathBuf>,
}

impl PodIdFiles {
    /// The pods `targets` and the id files name. With `ignore`, a missing id file names
    /// nothing (a unit's stop after a failed start).
    pub fn with_targets(
        &self,
        engine: &mut Engine,
        targets: &PodTargets,
        ignore: bool,
    ) -> anyhow::Result<Vec<String>> {
        let mut names = Vec::new();
        for f in &self.files {
            match crate::objects::read_id_file(f) {
                Ok(id) => names.push(id),
                Err(_) if ignore && !f.exists() => {}
                Err(e) => return Err(e),
            }
        }
        if self.files.is_empty() || targets.all || !targets.pods.is_empty() {
            names.extend(targets.resolve(engine)?);
        }
        Ok(names)
    }
}

/// The pods a verb acts on: the names given, or with `--all` every pod.
#[derive(Debug, clap::Args)]
pub struct PodTargets {
    /// Act on all pods
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Act on the most recently created pod (podman's)
    #[arg(short = 'l', long, conflicts_with_all = ["all", "pods"])]
    pub latest: bool,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

/// The id of the most recently created pod (podman's `--latest`).
pub(crate) fn latest_pod(engine: &mut Engine) -> anyhow::Result<String> {
    engine
        .list_pods()?
        .into_iter()
        .max_by_key(|s| s.pod.created)
        .map(|s| s.pod.id)
        .ok_or_else(|| anyhow::anyhow!("no pods to act on: create one with `skiff pod create`"))
}

impl PodTargets {
    /// The names given, every pod's id with `--all`, or the newest's with `--latest`; an
    /// error when there is nothing to act on.
    pub fn resolve(&self, engine: &mut Engine) -> anyhow::Result<Vec<String>> {
        if self.all {
            return Ok(engine.list_pods()?.into_iter().map(|s| s.pod.id).collect());
        }
        if self.latest {
            return Ok(vec![latest_pod(engine)?]);
        }
        if self.pods.is_empty() {
            anyhow::bail!("you must provide at least one pod name or id, or --all");
        }
        Ok(self.pods.clone())
    }
}
