//! `skiff builder build|prune`: docker's build-cache commands. The cache is the unnamed
//! images of build steps (see `skiff_libpod::build`), so pruning it deletes those images.

use clap::{Args, Subcommand};
use skiff_libpod::container::time::now_ns;
use skiff_libpod::image::remove::Removed;
use skiff_libpod::Engine;

use crate::container::prune::{confirm, print_report, prune_filter};
use crate::image::build::{self, BuildArgs};
use crate::lazy::Lazy;

/// `skiff builder ...`.
#[derive(Debug, Subcommand)]
pub enum BuilderCmd {
    /// Build an image from a Containerfile or Dockerfile
    Build(Lazy<BuildArgs>),
    /// Remove build cache
    Prune(PruneArgs),
}

/// `builder prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all unused build cache, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Provide filter values: until=TIME
    #[arg(long = "filter", value_name = "FILTER")]
    filter: Vec<String>,
    /// Amount of disk space to keep for cache (e.g. 512m, 10g): the newest steps that fit stay
    #[arg(long = "keep-storage", value_name = "BYTES")]
    keep_storage: Option<String>,
}

/// Runs `skiff builder VERB`.
pub fn dispatch(engine: &mut Engine, cmd: BuilderCmd) -> anyhow::Result<i32> {
    match cmd {
        BuilderCmd::Build(a) => build::exec(engine, a.into_inner()),
        BuilderCmd::Prune(a) => prune(engine, a),
    }
}

/// `skiff builder prune`: docker's question unless `-f`, then docker's report (the deleted
/// images' ids and the space they held).
fn prune(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    let filter = prune_filter(&args.filter, &["until"], now_ns())?;
    let keep = match &args.keep_storage {
        Some(spec) => skiff_libpod::container::options::parse_size(spec)?.unsigned_abs(),
        None => 0,
    };
    let what = if args.all {
        "all build cache"
    } else {
        "all dangling build cache"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This will remove {what}. Are you sure you want to continue?"
        ))
    {
        return Ok(0);
    }
    engine.enter_userns()?;
    let report = engine.prune_build_cache(args.all, &filter, keep)?;
    let deleted = report.removed.into_iter().filter_map(|r| match r {
        Removed::Deleted(id) => Some(id),
        Removed::Untagged(_) => None,
    });
    print_report("build cache objects", deleted, report.reclaimed)
}
