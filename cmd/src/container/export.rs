//! `skiff export`: a container's file system as a tar archive.

use std::path::PathBuf;

use clap::Args;
use skiff_libpod::Engine;

/// Export a container's filesystem as a tar archive
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The container
    container: String,
}

/// `skiff export`: the container's own files (not its mounts) as a tar stream.
pub fn exec(engine: &mut Engine, args: ExportArgs) -> anyhow::Result<i32> {
    super::output::write_archive(args.output.as_deref(), |out| {
        Ok(engine.open_container_root(&args.container)?.export(out)?)
    })?;
    Ok(0)
}
