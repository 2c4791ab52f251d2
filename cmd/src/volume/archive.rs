//! `skiff volume export` and `skiff volume import` (podman's): a volume's data as a tar archive.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// `volume export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The volume
    volume: String,
}

/// `volume import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The volume (it must exist: `skiff volume create` it first)
    volume: String,
    /// The tar archive, or - for STDIN
    source: String,
}

/// Writes the volume's data as a tar stream.
pub fn export(engine: &mut Engine, args: ExportArgs) -> anyhow::Result<i32> {
    crate::container::output::write_archive(args.output.as_deref(), |out| {
        engine.enter_userns()?;
        Ok(engine.volume_export(&args.volume, out)?)
    })?;
    Ok(0)
}

/// Unpacks a tar archive into the volume.
pub fn import(engine: &mut Engine, args: ImportArgs) -> anyhow::Result<i32> {
    let mut input: Box<dyn Read> = if args.source == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&args.source)
                .with_context(|| format!("opening the archive {}", args.source))?,
        )
    };
    engine.enter_userns()?;
    engine
        .volume_import(&args.volume, &mut input)
        .with_context(|| format!("importing {} into volume {}", args.source, args.volume))?;
    Ok(0)
}
