//! `skiff load [-i FILE|DIR|oci:DIR[:REF]] [-q]`.

use std::io::IsTerminal;

use anyhow::{bail, Context};
use clap::Args;
use skiff_libpod::Engine;

/// `load` flags.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read from a tar archive file, an OCI layout directory, or oci:DIR[:REF], instead of STDIN
    #[arg(short = 'i', long = "input")]
    input: Option<String>,
    /// Suppress the load output (skiff prints no progress; the loaded names are still
    /// printed, as docker's and podman's `-q` do)
    #[arg(short = 'q', long)]
    quiet: bool,
}

/// Loads the archive's images and names them.
pub fn exec(engine: &mut Engine, args: LoadArgs) -> anyhow::Result<i32> {
    let stdin = std::io::stdin();
    if args.input.is_none() && stdin.is_terminal() {
        bail!("requested load from stdin, but stdin is a terminal: give the archive with -i FILE or redirect it (skiff load < image.tar)");
    }
    let what = args.input.as_deref().unwrap_or("stdin").to_string();
    let loaded = engine
        .load(args.input.as_deref(), stdin.lock())
        .with_context(|| format!("loading images from {what}"))?;
    // Accepted: skiff prints no progress to suppress; -q keeps the names as docker's does.
    let _ = args.quiet;
    for image in loaded {
        if image.names.is_empty() {
            println!("Loaded image ID: sha256:{}", image.id);
        }
        for name in image.names {
            println!("Loaded image: {name}");
        }
    }
    Ok(0)
}
