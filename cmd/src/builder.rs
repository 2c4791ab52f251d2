//! `skiff builder build|prune` (docker's build-cache commands), and through the `buildx`
//! alias buildx's builder-instance commands (see `crate::buildx`). The cache is the unnamed
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
    /// List builder instances (buildx's; skiff has one: default)
    #[command(alias = "list")]
    Ls(crate::buildx::LsArgs),
    /// Inspect the current builder instance (buildx's)
    Inspect(crate::buildx::InspectArgs),
    /// Set the current builder instance (buildx's; only default exists)
    Use(crate::buildx::UseArgs),
    /// Show the builder's version (buildx's)
    Version,
    /// Create a builder instance (buildx's; refused: skiff builds with its own builder)
    Create(crate::buildx::CreateArgs),
    /// Remove builder instances (buildx's; refused: default cannot be removed)
    #[command(alias = "remove")]
    Rm(crate::buildx::RmArgs),
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
        BuilderCmd::Ls(a) => crate::buildx::ls(a),
        BuilderCmd::Inspect(a) => crate::buildx::inspect(a),
        BuilderCmd::Use(a) => crate::buildx::use_builder(a),
        BuilderCmd::Version => crate::buildx::version(),
        BuilderCmd::Create(a) => crate::buildx::create(a),
        BuilderCmd::Rm(a) => crate::buildx::rm(a),
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
