//! `skiff system reset [-f]`: removes everything skiff created, as podman's.

use clap::Args;
use skiff_libpod::Engine;

/// `system reset` flags.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

/// Asks (unless `-f`), then removes every container, image, volume and network and the root
/// and runroot directories.
pub fn exec(engine: &mut Engine, args: ResetArgs) -> anyhow::Result<i32> {
    let paths = engine.paths();
    let question = format!(
        "WARNING! This will remove:\n  - all containers\n  - all images\n  - all networks\n  \
         - all volumes\n  - the root directory: {}\n  - the runroot directory: {}\n\
         Are you sure you want to continue?",
        paths.root.display(),
        paths.runroot.display()
    );
    if !args.force && !crate::container::prune::confirm(&question) {
        return Ok(0);
    }
    engine.system_reset()?;
    Ok(0)
}
