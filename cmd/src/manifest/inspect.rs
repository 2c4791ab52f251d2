//! `skiff manifest inspect [--tls-verify=false] LIST|REFERENCE`.

use std::io::Write;

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

/// `manifest inspect` arguments.
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    tls: super::TlsArgs,
    /// A local manifest list, or a registry reference ([docker://]REGISTRY/NAME:TAG)
    name: String,
}

/// Prints the index (or manifest) as JSON.
pub fn exec(engine: &mut Engine, args: InspectArgs) -> anyhow::Result<i32> {
    let json = engine
        .manifest_inspect(&args.name, args.tls.tls_verify())
        .with_context(|| format!("inspecting {}", args.name))?;
    let mut out = std::io::stdout().lock();
    out.write_all(&json)?;
    out.write_all(b"\n")?;
    Ok(0)
}
