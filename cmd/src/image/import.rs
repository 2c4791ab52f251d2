//! `skiff import`: an image from a root file system tarball.

use std::path::Path;

use anyhow::bail;
use clap::Args;
use skiff_libpod::image::import::ImportOptions;
use skiff_libpod::Engine;

/// Import the contents from a tarball to create a filesystem image
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE,
    /// HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), read as a Dockerfile line
    #[arg(short = 'c', long = "change", value_name = "INSTRUCTION")]
    change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short = 'm', long)]
    message: Option<String>,
    /// Suppress output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// The platform (os/arch[/variant]) the image's configuration names, instead of the host's
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    #[command(flatten)]
    platform_parts: super::pull::PlatformParts,
    /// A tarball (plain, gzip or zstd), or - for STDIN
    file: String,
    /// The new image's name, REPOSITORY[:TAG]
    reference: Option<String>,
}

/// `skiff import`: prints the new image's id as docker does (`sha256:...`).
pub fn exec(engine: &mut Engine, args: ImportArgs) -> anyhow::Result<i32> {
    let _ = args.quiet;
    if args.file.starts_with("http://") || args.file.starts_with("https://") {
        bail!(
            "importing from a URL is not supported: download it first, e.g. `curl -fL {} | skiff import - NAME`",
            args.file
        );
    }
    let opts = ImportOptions {
        message: args.message.unwrap_or_default(),
        changes: args.change,
        platform: args.platform_parts.or(args.platform),
    };
    let id = if args.file == "-" {
        engine.import_image(std::io::stdin().lock(), args.reference.as_deref(), &opts)?
    } else {
        engine.import_file(Path::new(&args.file), args.reference.as_deref(), &opts)?
    };
    println!("sha256:{id}");
    Ok(0)
}
