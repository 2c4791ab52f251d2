//! `skiff push [-a] [-q] [--tls-verify=false] [--format oci|v2s2] [--compression-format
//! gzip|zstd] [--digestfile F] [--creds U:P] IMAGE [DESTINATION]`.

use std::path::Path;

use anyhow::{bail, Context};
use clap::Args;
use skiff_libpod::image::archive::{SaveFormat, SaveTo};
use skiff_libpod::image::push::{Compression, ManifestFormat, PushRequest, Pushed};
use skiff_libpod::Engine;

use crate::progress::pull_progress;

/// `push` flags.
#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    authfile: super::login::AuthFile,
    #[command(flatten)]
    retry: super::retry::RetryFlags,
    #[command(flatten)]
    cert_dir: super::login::CertDirFlag,
    /// Push every tagged image of IMAGE's repository
    #[arg(short = 'a', long)]
    all_tags: bool,
    /// Print only the pushed reference
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Require HTTPS and verify certificates (false allows plain HTTP and any certificate)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    tls_verify: Option<bool>,
    /// Manifest format: oci, or v2s2 (docker's); the stored image's when omitted
    #[arg(short = 'f', long, value_parser = parse_format)]
    format: Option<ManifestFormat>,
    /// Layer compression: gzip or zstd; each layer is pushed as stored when omitted
    #[arg(long, value_parser = parse_compression)]
    compression_format: Option<Compression>,
    /// Recompress layers stored in another compression than --compression-format (always
    /// done; accepted for podman's scripts)
    #[arg(long)]
    force_compression: bool,
    /// Write the pushed manifest's digest to this file
    #[arg(long, value_name = "FILE")]
    digestfile: Option<std::path::PathBuf>,
    #[command(flatten)]
    creds: super::login::CredsFlag,
    /// Skip image signing: the default, as skiff signs no images (false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    disable_content_trust: Option<bool>,
    #[command(flatten)]
    signing: super::signing::SigningFlags,
    /// Only this platform (os/arch[/variant]): an image of another is an error (docker's; skiff
    /// keeps one platform per image)
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// The image to push: a name or an id
    image: String,
    /// Where to push it ([docker://]REGISTRY/NAME[:TAG]); IMAGE's name when omitted
    destination: Option<String>,
}

/// `--format`: `oci`, or `v2s2` (also `docker`) for docker's schema 2.
pub(crate) fn parse_format(s: &str) -> Result<ManifestFormat, String> {
    match s {
        "oci" => Ok(ManifestFormat::Oci),
        "v2s2" | "docker" => Ok(ManifestFormat::DockerV2S2),
        other => Err(format!(
            "unknown manifest format {other:?}: use oci or v2s2"
        )),
    }
}

fn parse_compression(s: &str) -> Result<Compression, String> {
    match s {
        "gzip" => Ok(Compression::Gzip),
        "zstd" | "zstd:chunked" => Ok(Compression::Zstd),
        other => Err(format!("unknown compression {other:?}: use gzip or zstd")),
    }
}

/// Pushes the image (or, with `-a`, every tag of its repository) and prints docker's report.
pub fn exec(engine: &mut Engine, args: PushArgs) -> anyhow::Result<i32> {
    args.authfile.apply();
    args.retry.apply()?;
    args.cert_dir.apply()?;
    skiff_libpod::container::compat_flags::check_content_trust(args.disable_content_trust)?;
    args.signing.check()?;
    if let Some(p) = &args.platform {
        engine.check_image_platform(&args.image, p)?;
    }
    let req = PushRequest {
        tls_verify: args.tls_verify,
        format: args.format,
        compression: args.compression_format,
        credentials: args.creds.credentials()?,
        by_digest: false,
    };
    let sources = if args.all_tags {
        if args.destination.is_some() {
            bail!("--all-tags pushes the tags of IMAGE's repository: give no DESTINATION");
        }
        tags_of_repository(engine, &args.image)?
    } else {
        vec![args.image.clone()]
    };
    if let Some(dest) = &args.destination {
        if let Some((format, path)) = local_destination(dest)? {
            engine
                .save(&sources, format, SaveTo::File(Path::new(path)))
                .with_context(|| format!("pushing {} to {dest}", args.image))?;
            return Ok(0);
        }
    }
    for source in &sources {
        let progress = pull_progress(args.quiet);
        let pushed = engine
            .push(source, args.destination.as_deref(), &req, progress.as_ref())
            .with_context(|| format!("pushing {source}"))?;
        drop(progress);
        report(&pushed, args.quiet);
        if let Some(file) = &args.digestfile {
            std::fs::write(file, pushed.digest.to_string())
                .with_context(|| format!("writing the digest to {}", file.display()))?;
        }
    }
    Ok(0)
}

/// A destination that is a local layout or archive (`oci:DIR`, `oci-archive:FILE`,
/// `docker-archive:FILE`, as podman pushes to them): its format and path.
fn local_destination(dest: &str) -> anyhow::Result<Option<(SaveFormat, &str)>> {
    let (format, rest) = if let Some(rest) = dest.strip_prefix("oci:") {
        (SaveFormat::OciDir, rest)
    } else if let Some(rest) = dest.strip_prefix("oci-archive:") {
        (SaveFormat::OciArchive, rest)
    } else if let Some(rest) = dest.strip_prefix("docker-archive:") {
        (SaveFormat::DockerArchive, rest)
    } else {
        return Ok(None);
    };
    if rest.contains(':') {
        let transport = &dest[..dest.len() - rest.len()];
        let path = rest.split(':').next().unwrap_or("");
        bail!(
            "{dest}: a layout or archive takes the image's own name; tag the image first \
             (skiff tag) and give {transport}{path}"
        );
    }
    if rest.is_empty() {
        bail!("{dest}: give the path: oci:DIR, oci-archive:FILE or docker-archive:FILE");
    }
    Ok(Some((format, rest)))
}

/// Prints docker's lines for a push: each layer (top first), then the digest line.
pub(crate) fn report(pushed: &Pushed, quiet: bool) {
    let dest = &pushed.destination;
    if quiet {
        println!("{}:{}", dest.familiar_name(), dest.tag_or_latest());
        return;
    }
    println!("The push refers to repository [{}]", dest.name());
    for layer in pushed.layers.iter().rev() {
        println!("{}: {}", layer.diff_id.short(), layer.status());
    }
    println!(
        "{}: digest: {} size: {}",
        dest.tag_or_latest(),
        pushed.digest,
        pushed.size
    );
}

/// The names (`REPO:TAG`) of every image tagged in `image`'s repository.
fn tags_of_repository(engine: &mut Engine, image: &str) -> anyhow::Result<Vec<String>> {
    let wanted = repository_of(image);
    let names: Vec<String> = engine
        .list_images()?
        .into_iter()
        .filter(|i| i.repository == wanted && i.tag != "<none>")
        .map(|i| format!("{}:{}", i.repository, i.tag))
        .collect();
    if names.is_empty() {
        bail!("no tagged image of repository {wanted} is stored: see `skiff images`");
    }
    Ok(names)
}

/// The repository part of an image reference as typed: without `docker://`, tag or digest.
fn repository_of(reference: &str) -> &str {
    let name = reference.strip_prefix("docker://").unwrap_or(reference);
    let name = name.split('@').next().unwrap_or(name);
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => repo,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_of_strips_transport_tag_and_digest() {
        assert_eq!(
            repository_of("docker://127.0.0.1:5055/a/b:1"),
            "127.0.0.1:5055/a/b"
        );
        assert_eq!(repository_of("127.0.0.1:5055/a/b"), "127.0.0.1:5055/a/b");
        assert_eq!(repository_of("app@sha256:abc"), "app");
        assert_eq!(repository_of("app:2"), "app");
    }

    #[test]
    fn local_destinations() {
        assert!(matches!(
            local_destination("oci:/tmp/l").unwrap(),
            Some((SaveFormat::OciDir, "/tmp/l"))
        ));
        assert!(matches!(
            local_destination("docker-archive:/tmp/a.tar").unwrap(),
            Some((SaveFormat::DockerArchive, "/tmp/a.tar"))
        ));
        assert!(local_destination("127.0.0.1:5000/a:1").unwrap().is_none());
        assert!(local_destination("oci:/tmp/l:tag").is_err());
        assert!(local_destination("oci:").is_err());
    }
}
