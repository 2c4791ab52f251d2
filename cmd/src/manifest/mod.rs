//! `skiff manifest ...`: manifest lists (image indexes) as podman manages them.

mod add;
mod annotate;
mod create;
mod exists;
mod inspect;
mod push;
mod remove;
mod rm;

use clap::{Args, Subcommand};
use skiff_libpod::image::manifest::{parse_annotations, EntryEdit};
use skiff_libpod::Engine;

/// `skiff manifest VERB`.
#[derive(Debug, Subcommand)]
pub enum ManifestCmd {
    /// Create a manifest list, optionally with images in it
    Create(create::CreateArgs),
    /// Add an image (local, or a registry reference) to a manifest list
    Add(add::AddArgs),
    /// Set the platform and annotations of an entry of a manifest list
    Annotate(annotate::AnnotateArgs),
    /// Show a manifest list, or a manifest in a registry
    Inspect(inspect::InspectArgs),
    /// Remove an entry from a manifest list
    Remove(remove::RemoveArgs),
    /// Remove manifest lists (the images they list stay)
    Rm(rm::RmArgs),
    /// Check if a manifest list exists (exit code 0 or 1)
    Exists(exists::ExistsArgs),
    /// Push a manifest list and the images it names to a registry
    Push(push::PushArgs),
}

/// Runs `skiff manifest VERB`.
pub fn dispatch(engine: &mut Engine, cmd: ManifestCmd) -> anyhow::Result<i32> {
    match cmd {
        ManifestCmd::Create(a) => create::exec(engine, a),
        ManifestCmd::Add(a) => add::exec(engine, a),
        ManifestCmd::Annotate(a) => annotate::exec(engine, a),
        ManifestCmd::Inspect(a) => inspect::exec(engine, a),
        ManifestCmd::Remove(a) => remove::exec(engine, a),
        ManifestCmd::Rm(a) => rm::exec(engine, a),
        ManifestCmd::Exists(a) => exists::exec(engine, a),
        ManifestCmd::Push(a) => push::exec(engine, a),
    }
}

/// The platform and annotation flags of `manifest add` and `manifest annotate`.
#[derive(Debug, Args)]
struct EntryFlags {
    /// Set the entry's architecture
    #[arg(long)]
    arch: Option<String>,
    /// Set the entry's operating system
    #[arg(long)]
    os: Option<String>,
    /// Set the entry's architecture variant
    #[arg(long)]
    variant: Option<String>,
    /// Set the entry's operating system version
    #[arg(long)]
    os_version: Option<String>,
    /// Set the entry's operating system features (comma-separated)
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
    /// Set an annotation on the entry (KEY=VALUE; repeatable)
    #[arg(long)]
    annotation: Vec<String>,
}

impl EntryFlags {
    /// The edit these flags ask for.
    fn edit(&self) -> anyhow::Result<EntryEdit> {
        Ok(EntryEdit {
            os: self.os.clone(),
            architecture: self.arch.clone(),
            variant: self.variant.clone(),
            os_version: self.os_version.clone(),
            os_features: self.features.clone(),
            annotations: parse_annotations(&self.annotation)?,
        })
    }
}
