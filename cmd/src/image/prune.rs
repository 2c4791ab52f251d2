//! `skiff image prune [-a] [-f]`.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;
use skiff_libpod::Engine;

use crate::format::units;
use crate::image::rm::print_removed;

/// `image prune` flags.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

fn confirmed(all: bool) -> anyhow::Result<bool> {
    let what = if all {
        "all images without at least one container associated to them"
    } else {
        "all dangling images"
    };
    print!("WARNING! This will remove {what}.\nAre you sure you want to continue? [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Prunes images.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    if !args.force && std::io::stdin().is_terminal() && !confirmed(args.all)? {
        return Ok(0);
    }
    engine.enter_image_userns()?;
    let report = engine.prune_images(args.all)?;
    if !report.removed.is_empty() {
        println!("Deleted Images:");
        print_removed(&report.removed);
        println!();
    }
    println!(
        "Total reclaimed space: {}",
        units::human_size(report.reclaimed)
    );
    Ok(0)
}
