//! `skiff manifest push [--all] [--tls-verify=false] [--format oci|v2s2] [--digestfile F]
//! [--rm] [-q] LIST [[docker://]DESTINATION]`.

use anyhow::Context;
use clap::Args;
use skiff_libpod::image::manifest::ManifestPushRequest;
use skiff_libpod::image::push::ManifestFormat;
use skiff_libpod::Engine;

use crate::progress::pull_progress;

/// `manifest push` arguments.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// Push the images the list names too (--all=false pushes the index alone)
    #[arg(long, num_args = 0..=1, default_value = "true", default_missing_value = "true", require_equals = true)]
    all: bool,
    /// Manifest format of the list and its local images: oci, or v2s2 (docker's)
    #[arg(short = 'f', long, value_parser = crate::image::parse_format)]
    format: Option<ManifestFormat>,
    #[command(flatten)]
    tls: super::TlsArgs,
    /// Write the pushed list's digest to this file
    #[arg(long)]
    digestfile: Option<std::path::PathBuf>,
    /// Remove the local list once it is pushed (docker's -p/--purge)
    #[arg(long, short = 'p', alias = "purge")]
    rm: bool,
    /// Print no progress
    #[arg(short = 'q', long)]
    quiet: bool,
    #[command(flatten)]
    creds: crate::image::login::CredsFlag,
    #[command(flatten)]
    signing: crate::image::signing::SigningFlags,
    #[command(flatten)]
    authfile: crate::image::login::AuthFile,
    #[command(flatten)]
    cert_dir: crate::image::login::CertDirFlag,
    /// The manifest list
    list: String,
    /// Where to push it ([docker://]REGISTRY/NAME:TAG); the list's name when omitted
    destination: Option<String>,
}

/// Pushes the list and prints its digest.
pub fn exec(engine: &mut Engine, args: PushArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.cert_dir.apply()?;
    args.signing.check()?;
    let req = ManifestPushRequest {
        all: args.all,
        tls_verify: args.tls.tls_verify(),
        format: args.format,
        credentials: args.creds.credentials()?,
    };
    let progress = pull_progress(args.quiet);
    let pushed = engine
        .manifest_push(
            &args.list,
            args.destination.as_deref(),
            &req,
            progress.as_ref(),
        )
        .with_context(|| format!("pushing manifest list {}", args.list))?;
    if let Some(f) = &args.digestfile {
        std::fs::write(f, &pushed.digest)
            .with_context(|| format!("writing the digest to {}", f.display()))?;
    }
    if args.rm {
        engine.manifest_rm(&args.list)?;
    }
    println!("{}", pushed.digest);
    Ok(0)
}
