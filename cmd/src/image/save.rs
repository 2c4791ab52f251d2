//! `skiff save [-o FILE] [--format docker-archive|oci-archive] IMAGE...`.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use skiff_libpod::image::archive::{SaveFormat, SaveTo};
use skiff_libpod::Engine;

/// Archive formats on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// What `docker save` writes
    DockerArchive,
    /// An OCI image layout in a tar
    OciArchive,
}

/// `save` flags.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Write to a file instead of STDOUT
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Archive format
    #[arg(long, value_enum, default_value = "docker-archive")]
    format: Format,
    /// Images (names or ids)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Writes the archive.
pub fn exec(engine: &mut Engine, args: SaveArgs) -> anyhow::Result<i32> {
    let format = match args.format {
        Format::DockerArchive => SaveFormat::DockerArchive,
        Format::OciArchive => SaveFormat::OciArchive,
    };
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("cowardly refusing to write an archive to a terminal: use -o FILE or redirect the output");
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let out = match args.output.as_deref() {
        Some(path) => SaveTo::File(path),
        None => SaveTo::Writer(&mut stdout),
    };
    engine
        .save(&args.images, format, out)
        .with_context(|| format!("saving {}", args.images.join(" ")))?;
    std::io::Write::flush(&mut stdout).context("writing the archive")?;
    Ok(0)
}
