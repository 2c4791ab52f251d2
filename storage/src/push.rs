//! Pushing a stored image to a registry: each layer as the blob it was pulled as (so digests
//! stay the same) unless another compression is asked for, blobs the repository has skipped
//! or mounted from a sibling repository, up to six uploads at once, then the config and the
//! manifest. When every blob is pushed as stored, the manifest is the stored one, byte for
//! byte, so the pushed image keeps its manifest digest.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::compression::Compression;
use crate::digest::{Digest, HashWriter};
use crate::error::{Error, IoContext, Result};
use crate::manifest::{
    parse_manifest, Descriptor, ImageManifest, Manifest, MEDIA_TYPE_DOCKER_CONFIG,
    MEDIA_TYPE_DOCKER_LAYER, MEDIA_TYPE_DOCKER_LAYER_GZIP, MEDIA_TYPE_DOCKER_MANIFEST,
    MEDIA_TYPE_OCI_CONFIG, MEDIA_TYPE_OCI_LAYER, MEDIA_TYPE_OCI_LAYER_GZIP,
    MEDIA_TYPE_OCI_LAYER_ZSTD, MEDIA_TYPE_OCI_MANIFEST,
};
use crate::pull::{Counting, PullProgress};
use crate::reference::Reference;
use crate::registry::retry::Failure;
use crate::registry::{BlobUpload, ClientOptions, RegistryClient};
use crate::store::tmp::TempFile;
use crate::store::Store;

/// Uploads at the same time.
const PARALLEL_UPLOADS: usize = 6;

/// The manifest format of a push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    /// OCI image manifest (`application/vnd.oci.image.manifest.v1+json`).
    Oci,
    /// Docker image manifest schema 2 (`application/vnd.docker.distribution.manifest.v2+json`).
    DockerV2S2,
}

/// How to push.
#[derive(Debug, Clone, Default)]
pub struct PushOptions {
    /// How to reach the registry.
    pub client: ClientOptions,
    /// The manifest format; `None` keeps the stored manifest's.
    pub format: Option<ManifestFormat>,
    /// The layer compression; `None` keeps each stored blob's (and gzips uncompressed ones).
    pub compression: Option<Compression>,
    /// Other repositories of the destination registry that may hold the blobs (names the
    /// image has there), tried as cross-repository mount sources.
    pub mount_from: Vec<String>,
    /// Put the manifest under its digest rather than the destination's tag.
    pub by_digest: bool,
}

/// A stored image to push.
#[derive(Debug, Clone)]
pub struct PushSource<'a> {
    /// The image config JSON.
    pub config: &'a [u8],
    /// The stored manifest.
    pub manifest: &'a [u8],
    /// The layers' chain ids, base first.
    pub layers: &'a [Digest],
    /// The layers' diff ids (the config's `rootfs.diff_ids`), base first.
    pub diff_ids: &'a [Digest],
}

/// What a push wrote.
#[derive(Debug, Clone)]
pub struct PushedImage {
    /// The manifest's digest in the registry.
    pub manifest_digest: Digest,
    /// The manifest's size in bytes.
    pub manifest_size: usize,
    /// The manifest's media type.
    pub media_type: String,
    /// What happened to each layer, base first.
    pub layers: Vec<PushedLayer>,
}

/// What a push did with one layer.
#[derive(Debug, Clone)]
pub struct PushedLayer {
    /// The layer's diff id (docker names layers by it in push output).
    pub diff_id: Digest,
    /// The blob pushed for it.
    pub blob: Digest,
    /// Whether it was uploaded, found or mounted.
    pub how: BlobUpload,
    /// The repository it was mounted from, when mounted.
    pub mounted_from: Option<String>,
}

impl PushedLayer {
    /// docker's word for what happened (`Pushed`, `Layer already exists`, `Mounted from R`).
    pub fn status(&self) -> String {
        match (&self.how, &self.mounted_from) {
            (BlobUpload::Uploaded, _) => "Pushed".to_string(),
            (BlobUpload::Exists, _) => "Layer already exists".to_string(),
            (BlobUpload::Mounted, Some(from)) => format!("Mounted from {from}"),
            (BlobUpload::Mounted, None) => "Mounted".to_string(),
        }
    }
}

/// One layer as it will be pushed.
struct Planned {
    /// The blob's descriptor in the pushed manifest.
    desc: Descriptor,
    /// Where its bytes are: the stored blob or a recompressed temp file.
    content: Content,
}

enum Content {
    Stored,
    Recompressed(TempFile),
}

/// Pushes `image` from `store` to `dest`, reporting each layer's upload to `progress`.
pub fn push(
    store: &Store,
    image: &PushSource<'_>,
    dest: &Reference,
    opts: &PushOptions,
    progress: &dyn PullProgress,
) -> Result<PushedImage> {
    if image.layers.len() != image.diff_ids.len() {
        return Err(Error::InvalidManifest(format!(
            "the image has {} layers but its config lists {} diff ids",
            image.layers.len(),
            image.diff_ids.len()
        )));
    }
    let stored = match parse_manifest(image.manifest, None)? {
        Manifest::Image(m) => m,
        Manifest::Index(_) => {
            return Err(Error::InvalidManifest(
                "the stored manifest is an index, not an image's".to_string(),
            ))
        }
    };
    let stored_type = stored
        .media_type
        .clone()
        .unwrap_or_else(|| MEDIA_TYPE_OCI_MANIFEST.to_string());
    let format = opts
        .format
        .unwrap_or(if stored_type == MEDIA_TYPE_DOCKER_MANIFEST {
            ManifestFormat::DockerV2S2
        } else {
            ManifestFormat::Oci
        });
    if format == ManifestFormat::DockerV2S2 && opts.compression == Some(Compression::Zstd) {
        return Err(Error::Registry {
            registry: dest.registry_host().to_string(),
            reason: "zstd layers need an OCI manifest: use --format oci with \
                     --compression-format zstd"
                .to_string(),
        });
    }
    let mut planned = Vec::new();
    for (chain, diff_id) in image.layers.iter().zip(image.diff_ids) {
        planned.push(plan_layer(store, chain, diff_id, format, opts.compression)?);
    }
    let client = RegistryClient::new(dest.registry_host(), opts.client.clone())?;
    let repo = dest.repository();
    let mount_from = opts
        .mount_from
        .iter()
        .find(|r| r.as_str() != repo)
        .map(String::as_str);
    progress.resolved(&Digest::of(image.config), planned.len());
    let hows = upload_layers(&client, store, repo, mount_from, &planned, progress)?;

    let config_digest = Digest::of(image.config);
    let config = image.config;
    client.upload_blob(
        repo,
        &config_digest,
        config.len() as u64,
        mount_from,
        &|| Ok(Box::new(config)),
    )?;

    let unchanged = format_of(&stored_type) == Some(format)
        && stored.config.digest == config_digest
        && stored.layers.len() == planned.len()
        && stored
            .layers
            .iter()
            .zip(&planned)
            .all(|(s, p)| s.digest == p.desc.digest && s.media_type == p.desc.media_type);
    let (bytes, media_type) = if unchanged {
        (image.manifest.to_vec(), stored_type)
    } else {
        // A blob pushed as stored keeps its descriptor's annotations and URLs.
        for (p, s) in planned.iter_mut().zip(&stored.layers) {
            if p.desc.digest == s.digest {
                p.desc.annotations = s.annotations.clone();
                p.desc.urls = s.urls.clone();
            }
        }
        new_manifest(&stored, config, format, &planned)
    };
    let reference = if opts.by_digest {
        Digest::of(&bytes).to_string()
    } else {
        dest.api_reference()
    };
    let manifest_digest = client.put_manifest(repo, &reference, &media_type, &bytes)?;
    Ok(PushedImage {
        manifest_digest,
        manifest_size: bytes.len(),
        media_type,
        layers: planned
            .iter()
            .zip(image.diff_ids)
            .zip(hows)
            .map(|((p, diff_id), how)| PushedLayer {
                diff_id: diff_id.clone(),
                blob: p.desc.digest.clone(),
                how,
                mounted_from: (how == BlobUpload::Mounted)
                    .then(|| mount_from.unwrap_or_default().to_string()),
            })
            .collect(),
    })
}

/// The format a manifest media type is.
fn format_of(media_type: &str) -> Option<ManifestFormat> {
    match media_type {
        MEDIA_TYPE_OCI_MANIFEST => Some(ManifestFormat::Oci),
        MEDIA_TYPE_DOCKER_MANIFEST => Some(ManifestFormat::DockerV2S2),
        _ => None,
    }
}

/// A manifest in `format` for `config` and the planned layers, keeping the stored
/// manifest's annotations.
fn new_manifest(
    stored: &ImageManifest,
    config: &[u8],
    format: ManifestFormat,
    planned: &[Planned],
) -> (Vec<u8>, String) {
    let (media_type, config_type) = match format {
        ManifestFormat::Oci => (MEDIA_TYPE_OCI_MANIFEST, MEDIA_TYPE_OCI_CONFIG),
        ManifestFormat::DockerV2S2 => (MEDIA_TYPE_DOCKER_MANIFEST, MEDIA_TYPE_DOCKER_CONFIG),
    };
    let manifest = ImageManifest {
        schema_version: 2,
        media_type: Some(media_type.to_string()),
        config: Descriptor::new(config_type, Digest::of(config), config.len() as u64),
        layers: planned.iter().map(|p| p.desc.clone()).collect(),
        annotations: stored.annotations.clone(),
    };
    (manifest.to_json(), media_type.to_string())
}

/// The media type of a layer blob compressed with `compression` in a `format` manifest.
fn layer_media_type(format: ManifestFormat, compression: Compression) -> &'static str {
    match (format, compression) {
        (ManifestFormat::Oci, Compression::None) => MEDIA_TYPE_OCI_LAYER,
        (ManifestFormat::Oci, Compression::Gzip) => MEDIA_TYPE_OCI_LAYER_GZIP,
        (ManifestFormat::Oci, Compression::Zstd) => MEDIA_TYPE_OCI_LAYER_ZSTD,
        (ManifestFormat::DockerV2S2, Compression::None) => MEDIA_TYPE_DOCKER_LAYER,
        // Refused before planning; gzip is the only other Docker layer type.
        (ManifestFormat::DockerV2S2, _) => MEDIA_TYPE_DOCKER_LAYER_GZIP,
    }
}

/// Decides how layer `chain` is pushed: its stored blob when that is compressed as wanted
/// (uncompressed blobs are gzipped unless asked otherwise), else a recompressed copy whose
/// content is checked against `diff_id`.
fn plan_layer(
    store: &Store,
    chain: &Digest,
    diff_id: &Digest,
    format: ManifestFormat,
    wanted: Option<Compression>,
) -> Result<Planned> {
    let info = store.layer_info(chain)?;
    if !store.has_blob(&info.blob_digest) {
        return Err(Error::NotFound(format!(
            "the blob of layer {diff_id} (it was removed from the store; pull or build the \
             image again before pushing it)"
        )));
    }
    let blob = store.blob_path(&info.blob_digest);
    let have = store.blob_compression(&info.blob_digest)?;
    let target = wanted.unwrap_or(match have {
        Compression::None => Compression::Gzip,
        other => other,
    });
    let target = if format == ManifestFormat::DockerV2S2 && target == Compression::Zstd {
        Compression::Gzip
    } else {
        target
    };
    let media_type = layer_media_type(format, target);
    if target == have {
        let size = std::fs::metadata(&blob).at(&blob)?.len();
        return Ok(Planned {
            desc: Descriptor::new(media_type, info.blob_digest, size),
            content: Content::Stored,
        });
    }
    let (tmp, digest, size) = recompress(store, &info.blob_digest, have, target, diff_id)?;
    Ok(Planned {
        desc: Descriptor::new(media_type, digest, size),
        content: Content::Recompressed(tmp),
    })
}

/// Writes blob `blob` (compressed with `have`) compressed with `target` to a temp file and
/// returns it with its digest and size; the uncompressed content must hash to `diff_id`.
fn recompress(
    store: &Store,
    blob: &Digest,
    have: Compression,
    target: Compression,
    diff_id: &Digest,
) -> Result<(TempFile, Digest, u64)> {
    let tmp_dir = store.tmp_dir();
    let mut tmp = TempFile::create(&tmp_dir, "push").at(&tmp_dir)?;
    let path = tmp.path().to_path_buf();
    let what = format!("recompressing layer {diff_id}");
    let out = HashWriter::new(BufWriter::new(tmp.file().try_clone().at(&path)?));
    let mut plain = HashWriter::new(io::sink());
    let mut src = have.decoder(io::BufReader::new(store.open_blob(blob)?));
    let io_err = |source| Error::Fetch {
        what: what.clone(),
        source,
    };
    let mut out = match target {
        Compression::Gzip => {
            let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::fast());
            copy_both(&mut src, &mut enc, &mut plain).map_err(io_err)?;
            enc.finish().map_err(io_err)?
        }
        Compression::Zstd => {
            let mut enc = zstd::stream::write::Encoder::new(out, 3).map_err(io_err)?;
            copy_both(&mut src, &mut enc, &mut plain).map_err(io_err)?;
            enc.finish().map_err(io_err)?
        }
        Compression::None => {
            let mut out = out;
            copy_both(&mut src, &mut out, &mut plain).map_err(io_err)?;
            out
        }
    };
    out.flush().at(&path)?;
    let (_, actual, _) = plain.finish();
    if actual != *diff_id {
        return Err(Error::DigestMismatch {
            what: format!("the stored blob {blob} of layer {diff_id}"),
            expected: diff_id.to_string(),
            actual: actual.to_string(),
        });
    }
    let (_, digest, len) = out.finish();
    tmp.file().rewind().at(&path)?;
    Ok((tmp, digest, len))
}

/// Copies `src` into `out` and `seen` both.
fn copy_both(src: &mut dyn Read, out: &mut dyn Write, seen: &mut dyn Write) -> io::Result<()> {
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match src.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        out.write_all(&buf[..n])?;
        seen.write_all(&buf[..n])?;
    }
}

/// Uploads the planned layers, up to [`PARALLEL_UPLOADS`] at once; returns how each got
/// there, in order. The first failure stops the others.
fn upload_layers(
    client: &RegistryClient,
    store: &Store,
    repo: &str,
    mount_from: Option<&str>,
    planned: &[Planned],
    progress: &dyn PullProgress,
) -> Result<Vec<BlobUpload>> {
    let next = AtomicUsize::new(0);
    let hows: Mutex<Vec<Option<BlobUpload>>> = Mutex::new(vec![None; planned.len()]);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..planned.len().min(PARALLEL_UPLOADS) {
            s.spawn(|| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(layer) = planned.get(i) else {
                    break;
                };
                match upload_one(client, store, repo, mount_from, layer, progress, &failed) {
                    Ok(how) => hows.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(how),
                    Err(e) => {
                        if !failed.swap(true, Ordering::Relaxed) {
                            *first_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                        }
                        break;
                    }
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    Ok(hows
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|h| h.unwrap_or(BlobUpload::Uploaded))
        .collect())
}

/// Puts one planned layer into `repo`: found, mounted from `mount_from` (a plain upload when
/// the registry refuses the mount), or uploaded, started again when the upload breaks.
fn upload_one(
    client: &RegistryClient,
    store: &Store,
    repo: &str,
    mount_from: Option<&str>,
    layer: &Planned,
    progress: &dyn PullProgress,
    cancelled: &AtomicBool,
) -> Result<BlobUpload> {
    let digest = &layer.desc.digest;
    let open = || -> io::Result<Box<dyn Read + Send + '_>> {
        let file = match &layer.content {
            Content::Stored => File::open(store.blob_path(digest))?,
            Content::Recompressed(tmp) => File::open(tmp.path())?,
        };
        progress.layer_start(digest, layer.desc.size);
        Ok(Box::new(Counting {
            inner: io::BufReader::with_capacity(1 << 20, file),
            digest,
            progress,
            cancelled,
        }))
    };
    // An upload that broke is started again (a new session), unless another layer failed.
    let mut attempt = 0;
    let how = loop {
        let tried = client
            .upload_blob(repo, digest, layer.desc.size, mount_from, &open)
            .or_else(|e| match (mount_from, &e) {
                // A token service may refuse the extra scope a mount asks for.
                (Some(_), Error::Registry { .. }) => {
                    client.upload_blob(repo, digest, layer.desc.size, None, &open)
                }
                _ => Err(e),
            });
        match tried {
            Ok(how) => break how,
            Err(e @ Error::UploadBroken { .. }) if !cancelled.load(Ordering::Relaxed) => {
                match client
                    .retry_policy()
                    .next_delay(Failure::Transport, attempt)
                {
                    Some(delay) => {
                        tracing::debug!("uploading {digest}: {e}; starting again in {delay:?}");
                        attempt += 1;
                        std::thread::sleep(delay);
                    }
                    None => return Err(e),
                }
            }
            Err(e) => return Err(e),
        }
    };
    match how {
        BlobUpload::Uploaded => progress.layer_done(digest),
        BlobUpload::Exists | BlobUpload::Mounted => progress.layer_exists(digest),
    }
    Ok(how)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_media_types_follow_format_and_compression() {
        use Compression::{Gzip, None as Uncompressed, Zstd};
        use ManifestFormat::{DockerV2S2, Oci};
        for (format, compression, want) in [
            (Oci, Zstd, MEDIA_TYPE_OCI_LAYER_ZSTD),
            (Oci, Gzip, MEDIA_TYPE_OCI_LAYER_GZIP),
            (DockerV2S2, Gzip, MEDIA_TYPE_DOCKER_LAYER_GZIP),
            (DockerV2S2, Uncompressed, MEDIA_TYPE_DOCKER_LAYER),
        ] {
            assert_eq!(layer_media_type(format, compression), want);
        }
    }

    #[test]
    fn formats_of_manifest_types() {
        for (media_type, want) in [
            (MEDIA_TYPE_OCI_MANIFEST, Some(ManifestFormat::Oci)),
            (MEDIA_TYPE_DOCKER_MANIFEST, Some(ManifestFormat::DockerV2S2)),
            ("text/plain", None),
        ] {
            assert_eq!(format_of(media_type), want);
        }
    }
}
