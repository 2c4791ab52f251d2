//! `skiff manifest annotate [--arch A] [--os O] [--variant V] [--annotation K=V] LIST DIGEST|IMAGE`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::Engine;

use super::EntryFlags;

/// `manifest annotate` arguments.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    entry: EntryFlags,
    /// The manifest list
    list: String,
    /// The entry: its digest, or the local image that was added
    target: String,
}

/// Edits the entry and prints its digest.
pub fn exec(engine: &mut Engine, args: AnnotateArgs) -> anyhow::Result<i32> {
    let digest = engine
        .manifest_annotate(&args.list, &args.target, &args.entry.edit()?)
        .with_context(|| format!("annotating {} in {}", args.target, args.list))?;
    println!("{digest}");
    Ok(0)
}
