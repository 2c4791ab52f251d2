//! `skiff image prune [-a] [-f]`.

use clap::Args;
use skiff_libpod::container::time::now_ns;
use skiff_libpod::image::remove::Removed;
use skiff_libpod::Engine;

use crate::container::prune::{confirm, print_report, prune_filter, LABEL_AND_TIME};

/// `image prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Also remove images other tools' containers use (podman's: buildah's): skiff's store holds
    /// only skiff's containers, so this changes nothing
    #[arg(long)]
    external: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
}

/// A removed image as a prune report lists it: docker's lower-case `untagged: NAME` and
/// `deleted: sha256:ID` (`rmi` capitalises them).
pub fn report_line(removed: Removed) -> String {
    match removed {
        Removed::Untagged(name) => format!("untagged: {name}"),
        Removed::Deleted(id) => format!("deleted: sha256:{id}"),
    }
}

/// Prunes images, after docker's question unless `-f`, and prints docker's report.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    // What skiff always does (see its help).
    let _ = args.external;
    let filter = prune_filter(&args.filter, &LABEL_AND_TIME, now_ns())?;
    let what = if args.all {
        "all images without at least one container associated to them"
    } else {
        "all dangling images"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This will remove {what}.\nAre you sure you want to continue?"
        ))
    {
        return Ok(0);
    }
    engine.enter_userns()?;
    let report = engine.prune_images_filtered(args.all, &filter)?;
    let lines = report.removed.into_iter().map(report_line);
    print_report("Images", lines, report.reclaimed)
}
