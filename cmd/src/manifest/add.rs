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
    /// Require HTTPS and verify certificates for remote images (false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    #[command(flatten)]
    authfile: crate::image::login::AuthFile,
    #[command(flatten)]
    cert_dir: crate::image::login::CertDirFlag,
    #[command(flatten)]
    creds: crate::image::login::CredsFlag,
    /// The manifest list
    list: String,
    /// A local image, or a registry reference ([docker://]REGISTRY/NAME:TAG)
    image: String,
}

/// Adds the image and prints the list's id.
pub fn exec(engine: &mut Engine, args: AddArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.cert_dir.apply()?;
    let req = AddRequest {
        all: args.all,
        edit: args.entry.edit()?,
        tls_verify: args.tls_verify,
        credentials: args.creds.given()?,
    };
    let id = engine
        .manifest_add(&args.list, &args.image, &req)
        .with_context(|| format!("adding {} to {}", args.image, args.list))?;
    println!("{id}");
    Ok(0)
}
