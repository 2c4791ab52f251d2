//! `skiff export`: a container's file system as a tar archive.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
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
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }
    let root = engine.open_container_root(&args.container)?;
    match &args.output {
        Some(path) => {
            let tmp = path.with_extension("skiff-tmp");
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?,
            );
            root.export(&mut file)?;
            file.flush()?;
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            root.export(&mut out)?;
            out.flush()?;
        }
    }
    Ok(0)
}
