//! Writing image archives: docker-archive (what `docker load` reads) and oci-archive.
//!
//! Layers are given as producers of their uncompressed tar (a closure writing into a
//! `Write`, or a `Read` plus its compression). Each is spooled once to an unnamed temporary
//! file to learn its size and digest, then copied into the archive. When a layer's digest
//! differs from the diff id the config declares (a tar re-created from an unpacked layer is
//! rarely byte-identical), the config's `rootfs.diff_ids` is rewritten to match, so the
//! archive is always self-consistent; [`WrittenImage`] reports the resulting ids.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde_json::{json, Value};

use crate::compression::Compression;
use crate::digest::{Digest, HashWriter};
use crate::error::{Error, IoContext, Result};
use crate::manifest::{
    Descriptor, ImageIndex, ImageManifest, ANNOTATION_REF_NAME, MEDIA_TYPE_OCI_CONFIG,
    MEDIA_TYPE_OCI_INDEX, MEDIA_TYPE_OCI_LAYER, MEDIA_TYPE_OCI_MANIFEST,
};

/// Produces a layer's uncompressed tar into the given writer.
type Producer<'a> = Box<dyn FnOnce(&mut dyn Write) -> Result<()> + 'a>;

/// One image to put in an archive.
pub struct ArchiveEntry<'a> {
    /// Names to record (`alpine:latest`, `localhost/x:1`); may be empty.
    pub repo_tags: Vec<String>,
    /// The image config blob as stored.
    pub config: Vec<u8>,
    /// The layers, base first.
    pub layers: Vec<LayerSource<'a>>,
}

/// Where a layer's uncompressed tar comes from.
pub struct LayerSource<'a> {
    diff_id: Digest,
    produce: Producer<'a>,
}

impl<'a> LayerSource<'a> {
    /// A layer whose tar `produce` writes; `diff_id` is what the config declares for it.
    /// Layers declaring the same diff id are produced once.
    pub fn from_fn(
        diff_id: Digest,
        produce: impl FnOnce(&mut dyn Write) -> Result<()> + 'a,
    ) -> LayerSource<'a> {
        LayerSource {
            diff_id,
            produce: Box::new(produce),
        }
    }

    /// A layer read from `r`, which yields the tar compressed with `compression`.
    pub fn from_reader(
        diff_id: Digest,
        compression: Compression,
        r: impl Read + 'a,
    ) -> LayerSource<'a> {
        let what = diff_id.to_string();
        LayerSource::from_fn(diff_id, move |w| {
            io::copy(&mut compression.decoder(r), w)
                .map(drop)
                .map_err(|e| Error::BadLayer {
                    layer: what,
                    reason: format!("cannot read the layer: {e}"),
                })
        })
    }
}

/// What was written for one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenImage {
    /// The digest of the config as written (the image id a loader will see).
    pub config_digest: Digest,
    /// The layers' diff ids as written.
    pub diff_ids: Vec<Digest>,
}

/// Writes a docker-archive to `out`, via a temporary file in the same directory renamed into
/// place, so a failed save leaves no partial archive.
pub fn write_docker_archive(
    out: &Path,
    images: Vec<ArchiveEntry<'_>>,
) -> Result<Vec<WrittenImage>> {
    write_atomically(out, |w, spool| write_docker_archive_to(w, images, spool))
}

/// Writes an oci-archive to `out` the same way.
pub fn write_oci_archive(out: &Path, images: Vec<ArchiveEntry<'_>>) -> Result<Vec<WrittenImage>> {
    write_atomically(out, |w, spool| write_oci_archive_to(w, images, spool))
}

/// Writes a docker-archive to a stream (e.g. stdout), spooling layers in `spool_dir`.
pub fn write_docker_archive_to(
    w: impl Write,
    images: Vec<ArchiveEntry<'_>>,
    spool_dir: &Path,
) -> Result<Vec<WrittenImage>> {
    write_tar(w, images, spool_dir, |tar, images, layers| {
        let mut manifest = Vec::new();
        for img in images {
            let config_name = format!("{}.json", img.config_digest.hex());
            tar.bytes(&config_name, &img.config)?;
            let mut names = Vec::new();
            for &i in &img.layers {
                let name = format!("{}/layer.tar", layers[i].diff_id.hex());
                tar.file(&name, &mut layers[i])?;
                names.push(name);
            }
            manifest
                .push(json!({"Config": config_name, "RepoTags": img.repo_tags, "Layers": names}));
        }
        tar.bytes(
            "manifest.json",
            &serde_json::to_vec(&manifest).expect("JSON serialises"),
        )?;
        let repositories = legacy_repositories(images, layers);
        if !repositories.is_empty() {
            tar.bytes(
                "repositories",
                &serde_json::to_vec(&repositories).expect("JSON serialises"),
            )?;
        }
        Ok(())
    })
}

/// Writes an oci-archive (an OCI image layout in a tar) to a stream, spooling layers in
/// `spool_dir`. Layers are stored uncompressed; each name becomes an index entry annotated
/// with `org.opencontainers.image.ref.name`.
pub fn write_oci_archive_to(
    w: impl Write,
    images: Vec<ArchiveEntry<'_>>,
    spool_dir: &Path,
) -> Result<Vec<WrittenImage>> {
    write_tar(w, images, spool_dir, |tar, images, layers| {
        tar.bytes("oci-layout", OCI_LAYOUT)?;
        let index = write_oci_blobs(tar, images, layers)?;
        tar.bytes("index.json", &index.to_json())
    })
}

/// Writes a tar archive of `images` to `w`: their layers spooled in `spool_dir`, `members`
/// writing the archive's members, then the archive's end; returns what was written.
fn write_tar<W: Write>(
    w: W,
    images: Vec<ArchiveEntry<'_>>,
    spool_dir: &Path,
    members: impl FnOnce(&mut TarOut<W>, &[Prepared], &mut [Spooled]) -> Result<()>,
) -> Result<Vec<WrittenImage>> {
    let (images, mut layers) = prepare(images, spool_dir)?;
    let mut tar = TarOut::new(w);
    members(&mut tar, &images, &mut layers)?;
    tar.finish()?;
    Ok(images.iter().map(|i| i.written(&layers)).collect())
}

/// Writes the images into the OCI image layout directory `dir`, creating it when needed. An
/// existing layout keeps its blobs and the index entries whose names are not written again;
/// `index.json` is replaced atomically, last, so a failed save leaves the layout as it was
/// (plus, at most, unreferenced blobs).
pub fn write_oci_dir(dir: &Path, images: Vec<ArchiveEntry<'_>>) -> Result<Vec<WrittenImage>> {
    let blobs = dir.join("blobs").join("sha256");
    std::fs::create_dir_all(&blobs).at(&blobs)?;
    let (images, mut layers) = prepare(images, dir)?;
    let mut out = DirOut { dir };
    let mut index = write_oci_blobs(&mut out, &images, &mut layers)?;
    let index_path = dir.join("index.json");
    match std::fs::read(&index_path) {
        Ok(bytes) => {
            let old = crate::manifest_list::parse_index(&bytes).map_err(|e| Error::BadArchive {
                path: index_path.clone(),
                reason: format!("cannot add to this layout: {e}"),
            })?;
            let replaced = |d: &Descriptor| {
                index.manifests.iter().any(|n| {
                    match (
                        d.annotations.get(ANNOTATION_REF_NAME),
                        n.annotations.get(ANNOTATION_REF_NAME),
                    ) {
                        (Some(a), Some(b)) => a == b,
                        (None, None) => d.digest == n.digest,
                        _ => false,
                    }
                })
            };
            let mut kept: Vec<Descriptor> =
                old.manifests.into_iter().filter(|d| !replaced(d)).collect();
            kept.append(&mut index.manifests);
            index.manifests = kept;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&index_path, e)),
    }
    out.replace("oci-layout", OCI_LAYOUT)?;
    out.replace("index.json", &index.to_json())?;
    Ok(images.iter().map(|i| i.written(&layers)).collect())
}

/// The content of an OCI layout's `oci-layout` file.
const OCI_LAYOUT: &[u8] = br#"{"imageLayoutVersion":"1.0.0"}"#;

/// Writes each image's config, layers and manifest as blobs to `out`, and returns the index
/// that names them.
fn write_oci_blobs(
    out: &mut dyn Sink,
    images: &[Prepared],
    layers: &mut [Spooled],
) -> Result<ImageIndex> {
    let mut index = ImageIndex {
        schema_version: 2,
        media_type: Some(MEDIA_TYPE_OCI_INDEX.to_string()),
        manifests: Vec::new(),
        annotations: BTreeMap::new(),
    };
    for img in images {
        out.bytes(&blob_name(&img.config_digest), &img.config)?;
        let mut descs = Vec::new();
        for &i in &img.layers {
            let layer = &mut layers[i];
            out.file(&blob_name(&layer.diff_id), layer)?;
            descs.push(Descriptor::new(
                MEDIA_TYPE_OCI_LAYER,
                layer.diff_id.clone(),
                layer.size,
            ));
        }
        let manifest = ImageManifest {
            schema_version: 2,
            media_type: Some(MEDIA_TYPE_OCI_MANIFEST.to_string()),
            config: Descriptor::new(
                MEDIA_TYPE_OCI_CONFIG,
                img.config_digest.clone(),
                img.config.len() as u64,
            ),
            layers: descs,
            annotations: BTreeMap::new(),
        };
        let bytes = manifest.to_json();
        let digest = Digest::of(&bytes);
        out.bytes(&blob_name(&digest), &bytes)?;
        let desc = Descriptor::new(MEDIA_TYPE_OCI_MANIFEST, digest, bytes.len() as u64);
        if img.repo_tags.is_empty() {
            index.manifests.push(desc.clone());
        }
        for tag in &img.repo_tags {
            let mut d = desc.clone();
            d.annotations
                .insert(ANNOTATION_REF_NAME.to_string(), tag.clone());
            index.manifests.push(d);
        }
    }
    Ok(index)
}

/// docker's legacy `repositories` file: each name's repository and tag mapped to the id of
/// the image's top layer (its directory in the archive), as `docker save` writes it.
fn legacy_repositories(
    images: &[Prepared],
    layers: &[Spooled],
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut repos: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for img in images {
        let Some(&top) = img.layers.last() else {
            continue;
        };
        for name in &img.repo_tags {
            let (repo, tag) = match name.rsplit_once(':') {
                Some((repo, tag)) if !tag.contains('/') => (repo, tag),
                _ => (name.as_str(), "latest"),
            };
            repos
                .entry(repo.to_string())
                .or_default()
                .insert(tag.to_string(), layers[top].diff_id.hex().to_string());
        }
    }
    repos
}

/// A layer spooled to a temporary file.
struct Spooled {
    file: File,
    size: u64,
    diff_id: Digest,
}

/// An image with its config final and its layers spooled.
struct Prepared {
    repo_tags: Vec<String>,
    config: Vec<u8>,
    config_digest: Digest,
    layers: Vec<usize>,
}

impl Prepared {
    fn written(&self, layers: &[Spooled]) -> WrittenImage {
        WrittenImage {
            config_digest: self.config_digest.clone(),
            diff_ids: self
                .layers
                .iter()
                .map(|&i| layers[i].diff_id.clone())
                .collect(),
        }
    }
}

/// Spools every distinct layer and fixes each config's diff ids to match what was spooled.
fn prepare(
    images: Vec<ArchiveEntry<'_>>,
    spool_dir: &Path,
) -> Result<(Vec<Prepared>, Vec<Spooled>)> {
    let mut spooled: Vec<Spooled> = Vec::new();
    let mut by_declared: HashMap<Digest, usize> = HashMap::new();
    let mut out = Vec::new();
    for img in images {
        let mut indices = Vec::new();
        for layer in img.layers {
            if let Some(&i) = by_declared.get(&layer.diff_id) {
                indices.push(i);
                continue;
            }
            let s = spool(layer.produce, spool_dir)?;
            by_declared.insert(layer.diff_id, spooled.len());
            indices.push(spooled.len());
            spooled.push(s);
        }
        let actual: Vec<Digest> = indices
            .iter()
            .map(|&i| spooled[i].diff_id.clone())
            .collect();
        let config = fix_diff_ids(img.config, &actual)?;
        out.push(Prepared {
            repo_tags: img.repo_tags,
            config_digest: Digest::of(&config),
            config,
            layers: indices,
        });
    }
    Ok((out, spooled))
}

fn spool(produce: Producer<'_>, dir: &Path) -> Result<Spooled> {
    let file = super::unnamed_temp_file(dir)?;
    let mut w = HashWriter::new(file);
    produce(&mut w)?;
    let (mut file, diff_id, size) = w.finish();
    file.seek(SeekFrom::Start(0)).at(dir)?;
    Ok(Spooled {
        file,
        size,
        diff_id,
    })
}

/// Returns `config` with `rootfs.diff_ids` set to `actual`, unchanged when it already is.
fn fix_diff_ids(config: Vec<u8>, actual: &[Digest]) -> Result<Vec<u8>> {
    let bad = |why: String| Error::InvalidManifest(format!("image config: {why}"));
    let mut v: Value = serde_json::from_slice(&config).map_err(|e| bad(e.to_string()))?;
    let declared: Vec<Digest> = serde_json::from_value(v["rootfs"]["diff_ids"].clone())
        .map_err(|e| bad(format!("rootfs.diff_ids: {e}")))?;
    if declared.len() != actual.len() {
        return Err(bad(format!(
            "declares {} layers but {} were given",
            declared.len(),
            actual.len()
        )));
    }
    if declared == actual {
        return Ok(config);
    }
    v["rootfs"]["diff_ids"] = serde_json::to_value(actual).expect("digests serialise");
    Ok(serde_json::to_vec(&v).expect("JSON serialises"))
}

/// `blobs/sha256/<hex>`.
fn blob_name(d: &Digest) -> String {
    format!("blobs/sha256/{}", d.hex())
}

/// Where an archive's files go: a tar stream or a directory.
trait Sink {
    /// Writes `data` as `name` (once: a name already written is skipped).
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()>;
    /// Writes the spooled layer as `name` (once).
    fn file(&mut self, name: &str, layer: &mut Spooled) -> Result<()>;
}

/// Files written into a directory, each through a temporary name renamed into place. Blobs
/// are content-addressed: one already present is kept.
struct DirOut<'a> {
    dir: &'a Path,
}

impl DirOut<'_> {
    /// Writes `name` from `fill`, replacing it atomically.
    fn put(&self, name: &str, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
        let dest = self.dir.join(name);
        let tmp = self.dir.join(format!(".skiff-tmp-{}", std::process::id()));
        let result = (|| {
            let mut f = File::create(&tmp)?;
            fill(&mut f)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &dest)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.at(&dest)
    }

    /// Writes `name` whether or not it exists.
    fn replace(&self, name: &str, data: &[u8]) -> Result<()> {
        self.put(name, |f| f.write_all(data))
    }
}

impl Sink for DirOut<'_> {
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()> {
        if self.dir.join(name).is_file() {
            return Ok(());
        }
        self.replace(name, data)
    }

    fn file(&mut self, name: &str, layer: &mut Spooled) -> Result<()> {
        if self.dir.join(name).is_file() {
            return Ok(());
        }
        layer.file.seek(SeekFrom::Start(0)).at(name)?;
        let size = layer.size;
        let src = &mut layer.file;
        self.put(name, |f| io::copy(&mut src.take(size), f).map(drop))
    }
}

/// A tar writer with fixed, reproducible metadata that writes each name once.
struct TarOut<W: Write> {
    builder: tar::Builder<W>,
    written: HashSet<String>,
}

impl<W: Write> TarOut<W> {
    fn new(w: W) -> TarOut<W> {
        TarOut {
            builder: tar::Builder::new(w),
            written: HashSet::new(),
        }
    }

    fn header(size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        h
    }

    fn finish(self) -> Result<()> {
        let mut w = self.builder.into_inner().at("archive")?;
        w.flush().at("archive")
    }
}

impl<W: Write> Sink for TarOut<W> {
    fn bytes(&mut self, name: &str, data: &[u8]) -> Result<()> {
        if self.written.insert(name.to_string()) {
            let mut h = Self::header(data.len() as u64);
            self.builder.append_data(&mut h, name, data).at(name)?;
        }
        Ok(())
    }

    fn file(&mut self, name: &str, layer: &mut Spooled) -> Result<()> {
        if self.written.insert(name.to_string()) {
            layer.file.seek(SeekFrom::Start(0)).at(name)?;
            let mut h = Self::header(layer.size);
            self.builder
                .append_data(&mut h, name, (&mut layer.file).take(layer.size))
                .at(name)?;
        }
        Ok(())
    }
}

/// Runs `write` into a temporary file next to `out`, then syncs and renames it to `out`.
fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&mut io::BufWriter<&File>, &Path) -> Result<T>,
) -> Result<T> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("archive");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp).at(&tmp)?;
        let mut w = io::BufWriter::new(&file);
        let value = write(&mut w, dir)?;
        w.flush().at(&tmp)?;
        drop(w);
        file.sync_all().at(&tmp)?;
        std::fs::rename(&tmp, out).at(out)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
