//! `skiff manifest add [--all] [--arch A] [--os O] [--variant V] ... LIST IMAGE`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::image::manifest::AddRequest;
use skiff_libpod::Engine;

use super::EntryFlags;

/// `manifest add` arguments.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// When IMAGE is a list in a registry, add every entry, not only the host's
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    entry: EntryFlags,
    #[command(flatten)]
    registry: crate::image::login::RegistryFlags,
    /// The manifest list
    list: String,
    /// A local image, or a registry reference ([docker://]REGISTRY/NAME:TAG)
    image: String,
}

/// Adds the image and prints the list's id.
pub fn exec(engine: &mut Engine, args: AddArgs) -> anyhow::Result<i32> {
    args.registry.apply()?;
    let req = AddRequest {
        all: args.all,
        edit: args.entry.edit()?,
        tls_verify: args.registry.tls_verify(),
        credentials: args.registry.credentials()?,
    };
    let id = engine
        .manifest_add(&args.list, &args.image, &req)
        .with_context(|| format!("adding {} to {}", args.image, args.list))?;
    println!("{id}");
    Ok(0)
}
