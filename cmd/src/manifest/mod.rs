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
    /// Set the entry's operating system features (comma-separated; docker's --os-features)
    #[arg(long, alias = "os-features", value_delimiter = ',')]
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

/// The registry TLS flags of `manifest create`, `inspect` and `push`: podman's `--tls-verify`
/// and docker's `--insecure`.
#[derive(Debug, clap::Args)]
pub struct TlsArgs {
    /// Require HTTPS and verify certificates (false allows plain HTTP and unverified ones)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    /// Allow a plain-HTTP or unverified registry (docker's; --tls-verify=false)
    #[arg(long)]
    insecure: bool,
}

impl TlsArgs {
    /// `--tls-verify`'s value, false with `--insecure`.
    pub fn tls_verify(&self) -> Option<bool> {
        if self.insecure {
            Some(false)
        } else {
            self.tls_verify
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TlsArgs;

    #[test]
    fn insecure_is_tls_verify_false() {
        let tls = |tls_verify, insecure| TlsArgs {
            tls_verify,
            insecure,
        };
        assert_eq!(tls(None, false).tls_verify(), None);
        assert_eq!(tls(Some(true), false).tls_verify(), Some(true));
        assert_eq!(tls(None, true).tls_verify(), Some(false));
        assert_eq!(tls(Some(true), true).tls_verify(), Some(false));
    }
}
