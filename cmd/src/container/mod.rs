//! Container commands: the top-level verbs (`run`, `ps`, `stop`...) and the `container` noun
//! group that holds the same verbs plus `prune` and `exists`. One file per verb.

pub mod attach;
pub mod cleanup;
pub mod clone;
pub mod commit;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod export;
pub mod healthcheck;
pub mod init;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod mount;
pub mod network_arg;
pub mod output;
pub mod passed_fds;
pub mod pause;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod resources;
pub mod restart;
pub mod rm;
pub mod run;
pub mod runlabel;
pub mod start;
pub mod stats;
pub mod stop;
pub mod targets;
pub mod top;
pub mod update;
pub mod wait;

use anyhow::Context as _;
use clap::Subcommand;
use serde_json::Value;
use skiff_libpod::container::create::ImageDefaults;
use skiff_libpod::image::pull::{PolicyNote, PullRequest};
use skiff_libpod::{Engine, Error};

use crate::lazy::Lazy;

/// The container verbs, available at the top level and under `skiff container`.
#[derive(Debug, Subcommand)]
pub enum ContainerVerb {
    /// Create and run a new container
    Run(Lazy<run::RunArgs>),
    /// Create a new container
    Create(Lazy<create::CreateArgs>),
    /// Start one or more stopped containers
    Start(Lazy<start::StartArgs>),
    /// Initialize one or more containers: ready to start, not started (podman's)
    Init(Lazy<init::InitArgs>),
    /// Mount a container's file system on the host and print where (podman's; rootless, in
    /// `skiff unshare`)
    Mount(Lazy<mount::MountArgs>),
    /// Unmount a container's file system (podman's)
    #[command(alias = "umount")]
    Unmount(Lazy<mount::UnmountArgs>),
    /// Stop one or more running containers
    Stop(Lazy<stop::StopArgs>),
    /// Execute a command in a running container
    Exec(Lazy<exec::ExecArgs>),
    /// Attach local standard input, output, and error streams to a running container
    Attach(Lazy<attach::AttachArgs>),
    /// Kill one or more running containers
    Kill(Lazy<kill::KillArgs>),
    /// Pause all processes within one or more containers
    Pause(Lazy<pause::PauseArgs>),
    /// Unpause all processes within one or more containers
    Unpause(Lazy<pause::PauseArgs>),
    /// Update the configuration of one or more containers
    Update(Lazy<update::UpdateArgs>),
    /// Restart one or more containers
    Restart(Lazy<restart::RestartArgs>),
    /// Block until containers stop, then print their exit codes
    Wait(Lazy<wait::WaitArgs>),
    /// Remove one or more containers
    #[command(alias = "remove")]
    Rm(Lazy<rm::RmArgs>),
    /// Rename a container
    Rename(Lazy<rename::RenameArgs>),
    /// List containers
    Ps(Lazy<ps::PsArgs>),
    /// Fetch the logs of a container
    Logs(Lazy<logs::LogsArgs>),
    /// Display detailed information on containers or images
    Inspect(Lazy<inspect::InspectArgs>),
    /// List port mappings of a container
    Port(Lazy<port::PortArgs>),
    /// Display the running processes of a container
    Top(Lazy<top::TopArgs>),
    /// Display a live stream of container resource usage statistics
    Stats(Lazy<stats::StatsArgs>),
    /// Copy files/folders between a container and the local filesystem
    Cp(Lazy<cp::CpArgs>),
    /// Inspect changes to files or directories on a container's or image's filesystem
    Diff(Lazy<diff::DiffArgs>),
    /// Export a container's filesystem as a tar archive
    Export(Lazy<export::ExportArgs>),
    /// Create a new image from a container's changes
    Commit(Lazy<commit::CommitArgs>),
    /// Manage healthchecks of containers
    #[command(subcommand)]
    Healthcheck(Lazy<healthcheck::HealthcheckCmd>),
}

/// `skiff container ...`: the verbs plus the group-only ones.
#[derive(Debug, Subcommand)]
pub enum ContainerGroup {
    #[command(flatten)]
    /// The shared verbs.
    Verb(ContainerVerb),
    /// List containers
    #[command(alias = "list")]
    Ls(ps::PsArgs),
    /// Remove all stopped containers
    Prune(prune::PruneArgs),
    /// Check if a container exists
    Exists(exists::ExistsArgs),
    /// Create a copy of a container, with other limits, name, pod or image (podman's)
    Clone(Box<clone::CloneArgs>),
    /// Run the command an image's label describes (podman's; trusted images only)
    Runlabel(runlabel::RunlabelArgs),
    /// Clean up the network and mounts of stopped containers (podman's)
    Cleanup(cleanup::CleanupArgs),
}

impl ContainerVerb {
    /// The flags of `run` and `create`; None for the other verbs.
    pub fn create_flags(&self) -> Option<&create::CreateFlags> {
        match self {
            ContainerVerb::Run(a) => Some(a.flags()),
            ContainerVerb::Create(a) => Some(a.flags()),
            _ => None,
        }
    }
}

/// Runs a container verb.
pub fn dispatch(engine: &mut Engine, verb: ContainerVerb) -> anyhow::Result<i32> {
    match verb {
        ContainerVerb::Run(a) => run::exec(engine, a.into_inner()),
        ContainerVerb::Create(a) => create::exec(engine, a.into_inner()),
        ContainerVerb::Start(a) => start::exec(engine, a.into_inner()),
        ContainerVerb::Init(a) => init::exec(engine, a.into_inner()),
        ContainerVerb::Mount(a) => mount::mount(engine, a.into_inner()),
        ContainerVerb::Unmount(a) => mount::unmount(engine, a.into_inner()),
        ContainerVerb::Stop(a) => stop::exec(engine, a.into_inner()),
        ContainerVerb::Exec(a) => exec::exec(engine, a.into_inner()),
        ContainerVerb::Attach(a) => attach::exec(engine, a.into_inner()),
        ContainerVerb::Kill(a) => kill::exec(engine, a.into_inner()),
        ContainerVerb::Pause(a) => pause::pause(engine, a.into_inner()),
        ContainerVerb::Unpause(a) => pause::unpause(engine, a.into_inner()),
        ContainerVerb::Update(a) => update::exec(engine, a.into_inner()),
        ContainerVerb::Restart(a) => restart::exec(engine, a.into_inner()),
        ContainerVerb::Wait(a) => wait::exec(engine, a.into_inner()),
        ContainerVerb::Rm(a) => rm::exec(engine, a.into_inner()),
        ContainerVerb::Rename(a) => rename::exec(engine, a.into_inner()),
        ContainerVerb::Ps(a) => ps::exec(engine, a.into_inner()),
        ContainerVerb::Logs(a) => logs::exec(engine, a.into_inner()),
        ContainerVerb::Inspect(a) => inspect::exec(engine, a.into_inner()),
        ContainerVerb::Port(a) => port::exec(engine, a.into_inner()),
        ContainerVerb::Top(a) => top::exec(engine, a.into_inner()),
        ContainerVerb::Stats(a) => stats::exec(engine, a.into_inner()),
        ContainerVerb::Cp(a) => cp::exec(engine, a.into_inner()),
        ContainerVerb::Diff(a) => diff::exec(engine, a.into_inner()),
        ContainerVerb::Export(a) => export::exec(engine, a.into_inner()),
        ContainerVerb::Commit(a) => commit::exec(engine, a.into_inner()),
        ContainerVerb::Healthcheck(c) => healthcheck::exec(engine, c.into_inner()),
    }
}

/// Runs `skiff container ...`.
pub fn dispatch_group(engine: &mut Engine, group: ContainerGroup) -> anyhow::Result<i32> {
    match group {
        ContainerGroup::Verb(ContainerVerb::Inspect(a)) => {
            inspect::exec_containers(engine, a.into_inner())
        }
        ContainerGroup::Verb(v) => dispatch(engine, v),
        ContainerGroup::Ls(a) => ps::exec(engine, a),
        ContainerGroup::Prune(a) => prune::exec(engine, a),
        ContainerGroup::Exists(a) => exists::exec(engine, a),
        ContainerGroup::Runlabel(a) => runlabel::exec(engine, a),
        ContainerGroup::Cleanup(a) => cleanup::exec(engine, a),
        ContainerGroup::Clone(_) => {
            unreachable!("`container clone` is dispatched with the CLI's grammar (cli::dispatch)")
        }
    }
}

/// Runs `f` for each name; reports each failure as docker does and returns 125 if any failed.
pub fn for_each(
    names: &[String],
    mut f: impl FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<i32> {
    let mut code = 0;
    for name in names {
        if let Err(e) = f(name) {
            if names.len() == 1 {
                return Err(e);
            }
            crate::exit::report(&e);
            code = crate::exit::code_for(&e);
        }
    }
    Ok(code)
}

/// Runs `f` for each name as [`for_each`] does and prints each name it succeeded for (the
/// output of `stop`, `kill`, `pause`...); with `ignore` (podman's `-i`) a container that does
/// not exist is passed over.
pub fn for_each_echo<T>(
    names: &[String],
    ignore: bool,
    mut f: impl FnMut(&str) -> Result<T, Error>,
) -> anyhow::Result<i32> {
    for_each(names, |name| match f(name) {
        Err(Error::NotFound { .. }) if ignore => Ok(()),
        r => {
            r?;
            println!("{name}");
            Ok(())
        }
    })
}

pub use skiff_libpod::image::pull::PullPolicy;

/// How `run`/`create` find their image: the `--pull` policy and the flags passed on to a pull.
#[derive(Debug, Clone)]
pub struct ImageSource<'a> {
    /// `--pull`.
    pub policy: PullPolicy,
    /// `-q`: no pull progress.
    pub quiet: bool,
    /// `--platform`.
    pub platform: Option<&'a str>,
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
}

/// An image's defaults for a new container: the stored image, pulled first as `--pull` says
/// (like docker, a missing image is pulled and a note goes to stderr).
///
/// The note names the image as docker's does, with `:latest` when no tag or digest is given.
pub fn image_defaults(
    engine: &mut Engine,
    name: &str,
    source: &ImageSource<'_>,
) -> anyhow::Result<ImageDefaults> {
    let quiet = source.quiet;
    let req = PullRequest {
        platform: source.platform.map(str::to_string),
        tls_verify: source.tls_verify,
        credentials: Default::default(),
    };
    let mut note = |n: PolicyNote<'_>| match n {
        PolicyNote::Missing if !quiet => {
            let shown = skiff_libpod::image::inspect::familiar(name);
            eprintln!("Unable to find image '{shown}' locally")
        }
        PolicyNote::Missing => {}
        PolicyNote::UsingStored(e) => {
            eprintln!("Warning: pulling {name}: {e}; using the stored image")
        }
    };
    // The bars draw from a thread only once a pull (which enters the user namespace
    // first, single-threaded) has added one.
    let progress = crate::progress::pull_progress(quiet);
    let image = engine.image_by_policy(name, source.policy, &req, progress.as_ref(), &mut note);
    // `--pull never` pulls nothing: its error is the lookup's own (docker's "No such image").
    let image = match source.policy {
        PullPolicy::Never => image?,
        _ => image.with_context(|| format!("pulling {name}"))?,
    };
    Ok(engine.image_defaults(&image.id)?)
}
/// An image's inspect document.
pub fn inspect_image(_engine: &mut Engine, name: &str) -> anyhow::Result<Value> {
    Ok(_engine.inspect_image(name)?)
}

#[cfg(test)]
mod default_tag_tests {
    use skiff_libpod::image::inspect::familiar;

    #[test]
    fn docker_s_default_tag_in_the_pull_note() {
        assert_eq!(familiar("busybox"), "busybox:latest");
        assert_eq!(familiar("host:5000/x"), "host:5000/x:latest");
        assert_eq!(familiar("x:1"), "x:1");
        assert_eq!(familiar("x@sha256:ab"), "x@sha256:ab");
    }
}
