//! `skiff save [-o FILE|DIR|oci:DIR] [--format docker-archive|oci-archive|oci-dir] IMAGE...`.

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
    /// An OCI image layout directory (-o DIR)
    OciDir,
}

/// `save` flags.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Write to a file (or, for oci-dir, a directory; `oci:DIR` implies oci-dir) instead of STDOUT
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// Archive format
    #[arg(long, value_enum, default_value = "docker-archive")]
    format: Format,
    /// Only this platform (os/arch[/variant]): an image of another is an error (docker's; skiff
    /// keeps one platform per image)
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Suppress the output (podman's; save prints nothing but the archive)
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Put every image named in the archive (podman's; skiff's archives always do, as
    /// docker's)
    #[arg(short = 'm', long = "multi-image-archive")]
    multi_image_archive: bool,
    /// Images (names or ids)
    #[arg(required = true)]
    images: Vec<String>,
}

/// Writes the archive.
pub fn exec(engine: &mut Engine, args: SaveArgs) -> anyhow::Result<i32> {
    let _ = (args.quiet, args.multi_image_archive);
    if let Some(p) = &args.platform {
        for image in &args.images {
            engine.check_image_platform(image, p)?;
        }
    }
    let mut format = match args.format {
        Format::DockerArchive => SaveFormat::DockerArchive,
        Format::OciArchive => SaveFormat::OciArchive,
        Format::OciDir => SaveFormat::OciDir,
    };
    let output: Option<PathBuf> = match args.output.as_deref() {
        Some(o) => match o.strip_prefix("oci:") {
            Some(dir) if dir.contains(':') => bail!(
                "-o {o}: a reference after the directory is not supported; the layout names each image by the name given to save"
            ),
            Some(dir) => {
                format = SaveFormat::OciDir;
                Some(PathBuf::from(dir))
            }
            None => Some(PathBuf::from(o)),
        },
        None => None,
    };
    if format == SaveFormat::OciDir && output.is_none() {
        bail!("--format oci-dir writes a directory: give it with -o DIR");
    }
    if output.is_none() && std::io::stdout().is_terminal() {
        bail!("cowardly refusing to write an archive to a terminal: use -o FILE or redirect the output");
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let out = match output.as_deref() {
        Some(path) => SaveTo::File(path),
        None => SaveTo::Writer(&mut stdout),
    };
    engine
        .save(&args.images, format, out)
        .with_context(|| format!("saving {}", args.images.join(" ")))?;
    std::io::Write::flush(&mut stdout).context("writing the archive")?;
    Ok(0)
}
