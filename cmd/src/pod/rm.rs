//! `skiff pod rm`: the pod with its containers; prints each pod's id. Exit status as podman
//! documents it: 1 a pod did not exist, 2 one is in use, 125 anything else.

use clap::Args;
use skiff_libpod::Engine;

/// Remove one or more pods
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Stop the pod's running containers first, then remove them; a pod that does not
    /// exist is no error
    #[arg(short = 'f', long)]
    force: bool,
    /// Do not fail for a pod that does not exist
    #[arg(short = 'i', long)]
    ignore: bool,
    /// Seconds to wait for each container to stop before killing it (with -f)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    time: Option<u32>,
    #[command(flatten)]
    targets: super::PodTargets,
    #[command(flatten)]
    id_files: super::PodIdFiles,
}

/// `skiff pod rm`.
pub fn exec(engine: &mut Engine, args: RmArgs) -> anyhow::Result<i32> {
    // `-f` passes over a pod that does not exist, silently, as podman's.
    let ignore = args.ignore || args.force;
    let names = args.id_files.with_targets(engine, &args.targets, ignore)?;
    let mut results = engine
        .remove_pods(&names, args.force, args.time)
        .into_iter();
    Ok(crate::exit::remove_each(&names, |_| {
        match results.next().unwrap_or_else(|| {
            Err(skiff_libpod::Error::Runtime(
                "pod rm returned fewer results than pods".into(),
            ))
        }) {
            Err(skiff_libpod::Error::NotFound { .. }) if ignore => Ok(None),
            removed => removed.map(|pod| Some(pod.id)),
        }
    }))
}
