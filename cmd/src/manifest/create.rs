//! `skiff manifest create [--all] [--amend] LIST [IMAGE...]`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::image::manifest::AddRequest;
use skiff_libpod::Engine;

/// `manifest create` arguments.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// For images that are lists in a registry, add every entry, not only the host's
    #[arg(long)]
    all: bool,
    /// Add to the list when one of that name exists
    #[arg(long, short = 'a')]
    amend: bool,
    #[command(flatten)]
    tls: super::TlsArgs,
    /// Name of the list
    list: String,
    /// Images to add (local images, or registry references)
    images: Vec<String>,
}

/// Creates the list and prints its id.
pub fn exec(engine: &mut Engine, args: CreateArgs) -> anyhow::Result<i32> {
    let req = AddRequest {
        all: args.all,
        tls_verify: args.tls.tls_verify(),
        ..AddRequest::default()
    };
    let id = engine
        .manifest_create(&args.list, &args.images, args.amend, &req)
        .with_context(|| format!("creating manifest list {}", args.list))?;
    println!("{id}");
    Ok(0)
}
