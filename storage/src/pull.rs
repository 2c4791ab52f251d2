//! Pulling an image from a registry into the store: resolve the manifest (through an index
//! when there is one), store the verified config, and fetch and extract the missing layers in
//! parallel, each streamed straight from the HTTP body into the store.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::config::{self, ImageConfig};
use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::manifest::{
    parse_manifest, Descriptor, ImageManifest, Manifest, ACCEPTED_MANIFEST_TYPES,
};
use crate::manifest_select;
use crate::platform::Platform;
use crate::reference::Reference;
use crate::registry::{ClientOptions, RegistryClient};
use crate::store::{ExtractOptions, LayerInfo, Store};
use crate::Compression;

/// Largest image config accepted.
const MAX_CONFIG: u64 = 16 << 20;
/// Layers fetched at the same time. Even on 2 cores more is faster, as each ingest waits on
/// the disk: the 300 MiB, 6-layer benchmark image took 1.27 s with 2, 0.99 s with 3 and
/// 0.89 s with 6 (storage/examples/pull_bench.rs).
const PARALLEL_LAYERS: usize = 6;

/// What to pull and how.
#[derive(Debug, Clone)]
pub struct PullOptions {
    /// The platform to select from an index.
    pub platform: Platform,
    /// How to reach the registry.
    pub client: ClientOptions,
    /// How to extract layers.
    pub extract: ExtractOptions,
}

/// What a pull stored.
#[derive(Debug, Clone)]
pub struct PulledImage {
    /// The reference pulled.
    pub reference: Reference,
    /// The digest docker reports in RepoDigests: the index's when pulled through one, else
    /// the image manifest's.
    pub manifest_digest: Digest,
    /// The platform image manifest.
    pub manifest: Vec<u8>,
    /// Its media type.
    pub manifest_media_type: String,
    /// The image config.
    pub config: Vec<u8>,
    /// The image id: the config's digest.
    pub image_id: Digest,
    /// The layers, bottom first.
    pub layers: Vec<LayerInfo>,
    /// The sum of the layers' sizes.
    pub size: u64,
}

/// Receives pull progress; called from several threads at once.
pub trait PullProgress: Sync {
    /// The manifest is resolved; `layers` layers follow.
    fn resolved(&self, manifest_digest: &Digest, layers: usize);
    /// A layer blob of `size` bytes starts downloading.
    fn layer_start(&self, digest: &Digest, size: u64);
    /// `n` more bytes of a layer blob arrived.
    fn layer_bytes(&self, digest: &Digest, n: u64);
    /// A layer is verified and extracted.
    fn layer_done(&self, digest: &Digest);
    /// A layer is already in the store and is not fetched.
    fn layer_exists(&self, digest: &Digest);
}

/// Progress that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl PullProgress for NoProgress {
    fn resolved(&self, _: &Digest, _: usize) {}
    fn layer_start(&self, _: &Digest, _: u64) {}
    fn layer_bytes(&self, _: &Digest, _: u64) {}
    fn layer_done(&self, _: &Digest) {}
    fn layer_exists(&self, _: &Digest) {}
}

/// Pulls `reference` into `store`. Every blob is verified before use; on error nothing
/// partial of any layer remains, and the other downloads stop early.
pub fn pull(
    store: &Store,
    reference: &Reference,
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<PulledImage> {
    let client = RegistryClient::new(reference.registry_host(), opts.client.clone())?;
    let repo = reference.repository();
    let (bytes, content_type, manifest_digest) =
        client.get_manifest(repo, &reference.api_reference(), ACCEPTED_MANIFEST_TYPES)?;
    let (manifest, content_type, image) = match parse_manifest(&bytes, content_type.as_deref())? {
        Manifest::Image(m) => (bytes, content_type, m),
        Manifest::Index(index) => {
            let chosen = manifest_select::select(&index, &opts.platform).map_err(|e| match e {
                Error::NoMatchingPlatform {
                    wanted, available, ..
                } => Error::NoMatchingPlatform {
                    wanted,
                    reference: reference.to_string(),
                    available,
                },
                other => other,
            })?;
            let (bytes, ct, _) =
                client.get_manifest(repo, &chosen.digest.to_string(), ACCEPTED_MANIFEST_TYPES)?;
            match parse_manifest(&bytes, ct.as_deref())? {
                Manifest::Image(m) => (bytes, ct, m),
                Manifest::Index(_) => {
                    return Err(Error::InvalidManifest(format!(
                        "{reference}: the index entry {} is itself an index",
                        chosen.digest
                    )))
                }
            }
        }
    };
    let manifest_media_type = image.media_type_or(content_type.as_deref());

    let image_id = image.config.digest.clone();
    let config = client.get_blob_bytes(repo, &image_id, MAX_CONFIG)?;
    store.put_blob(&image_id, &config)?;
    let parsed = ImageConfig::parse(&config)?;
    let diff_ids = &parsed.rootfs.diff_ids;
    if diff_ids.len() != image.layers.len() {
        return Err(Error::InvalidManifest(format!(
            "{reference}: the manifest lists {} layers but the config {} diff ids",
            image.layers.len(),
            diff_ids.len()
        )));
    }
    progress.resolved(&manifest_digest, image.layers.len());
    let layers = fetch_layers(&client, store, repo, &image, diff_ids, opts, progress)?;
    let size = layers.iter().map(|l| l.size).sum();
    Ok(PulledImage {
        reference: reference.clone(),
        manifest_digest,
        manifest,
        manifest_media_type,
        config,
        image_id,
        layers,
        size,
    })
}

/// One layer to fetch.
struct Job<'a> {
    index: usize,
    desc: &'a Descriptor,
    compression: Compression,
    parent: Option<&'a Digest>,
    diff_id: &'a Digest,
}

/// Stores every layer of `image` not yet in the store, up to [`PARALLEL_LAYERS`] at once.
fn fetch_layers(
    client: &RegistryClient,
    store: &Store,
    repo: &str,
    image: &ImageManifest,
    diff_ids: &[Digest],
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<Vec<LayerInfo>> {
    let chain = config::chain_ids(diff_ids);
    let compressions = image.layer_compressions()?;
    let mut results: Vec<Option<LayerInfo>> = vec![None; image.layers.len()];
    let mut jobs = Vec::new();
    for (i, desc) in image.layers.iter().enumerate() {
        if store.has_layer(&chain[i]) {
            progress.layer_exists(&desc.digest);
            results[i] = Some(store.layer_info(&chain[i])?);
        } else {
            jobs.push(Job {
                index: i,
                desc,
                compression: compressions[i],
                parent: i.checked_sub(1).map(|p| &chain[p]),
                diff_id: &diff_ids[i],
            });
        }
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let done: Mutex<Vec<(usize, LayerInfo)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs.len().min(PARALLEL_LAYERS) {
            s.spawn(|| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                match fetch_one(client, store, repo, job, opts, progress, &failed) {
                    Ok(info) => done
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((job.index, info)),
                    Err(e) => {
                        let mut first = first_error.lock().unwrap_or_else(|e| e.into_inner());
                        // The first failure is the cause; later ones are "cancelled".
                        if !failed.swap(true, Ordering::Relaxed) {
                            *first = Some(e);
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
    for (i, info) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
        results[i] = Some(info);
    }
    results
        .into_iter()
        .map(|r| r.ok_or_else(|| Error::InvalidManifest("a layer was not stored".to_string())))
        .collect()
}

fn fetch_one(
    client: &RegistryClient,
    store: &Store,
    repo: &str,
    job: &Job<'_>,
    opts: &PullOptions,
    progress: &dyn PullProgress,
    cancelled: &AtomicBool,
) -> Result<LayerInfo> {
    let digest = &job.desc.digest;
    progress.layer_start(digest, job.desc.size);
    let body = client.get_blob(repo, digest)?;
    let src = Counting {
        inner: body,
        digest,
        progress,
        cancelled,
    };
    let info = store.ingest_layer(
        src,
        digest,
        job.compression,
        job.parent,
        Some(job.diff_id),
        &opts.extract,
    )?;
    progress.layer_done(digest);
    Ok(info)
}

/// Reports bytes read (of a pull's download or a push's upload) to the progress, and stops
/// when another layer failed.
pub(crate) struct Counting<'a, R> {
    /// The source.
    pub inner: R,
    /// The blob it is.
    pub digest: &'a Digest,
    /// Told of every read.
    pub progress: &'a dyn PullProgress,
    /// Set when another layer failed.
    pub cancelled: &'a AtomicBool,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(io::Error::other("cancelled: another layer failed"));
        }
        let n = self.inner.read(buf)?;
        self.progress.layer_bytes(self.digest, n as u64);
        Ok(n)
    }
}
