//! `skiff container prune`: remove all stopped containers.

use std::io::{BufRead, Write};

use clap::Args;
use skiff_libpod::Engine;

/// Remove all stopped containers
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

/// Asks `question` on the terminal; true on "y"/"yes".
pub fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// `skiff container prune`: prints the removed ids.
pub fn exec(engine: &mut Engine, args: PruneArgs) -> anyhow::Result<i32> {
    if !args.force
        && !confirm(
            "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?",
        )
    {
        return Ok(0);
    }
    for id in engine.prune_containers()? {
        println!("{id}");
    }
    Ok(0)
}
