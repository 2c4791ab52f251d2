//! Reading image archives: what `docker save` writes (manifest.json, with layers as
//! `<id>/layer.tar` or `blobs/sha256/<hex>`) and OCI layouts in a tar (index.json, blobs/).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;

use super::members::{Members, Section};
use crate::compression::Compression;
use crate::config::ImageConfig;
use crate::digest::{Digest, Hasher};
use crate::error::{Error, IoContext, Result};
use crate::manifest::{self, Descriptor, Manifest, ANNOTATION_REF_NAME};
use crate::manifest_select;
use crate::platform::Platform;

/// Annotation containerd writes with an image's full name.
const ANNOTATION_CONTAINERD_NAME: &str = "io.containerd.image.name";
/// Largest manifest, index or config accepted.
const MAX_METADATA: u64 = 16 << 20;

/// The format an archive was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    /// `docker save` output (manifest.json).
    Docker,
    /// An OCI image layout in a tar (index.json).
    Oci,
}

/// Everything in an archive.
pub struct Archive {
    /// Which format it is.
    pub format: ArchiveFormat,
    /// Its images, in the order the archive lists them.
    pub images: Vec<ArchiveImage>,
}

/// One image in an archive.
pub struct ArchiveImage {
    /// Names as the archive gives them: docker's `RepoTags` (`alpine:latest`) or, for OCI,
    /// containerd's full name or the `org.opencontainers.image.ref.name` annotation (which
    /// may be a bare tag such as `latest`).
    pub repo_tags: Vec<String>,
    /// The config blob, verified against [`ArchiveImage::config_digest`] for OCI.
    pub config: Vec<u8>,
    /// sha256 of the config: the image id.
    pub config_digest: Digest,
    /// The manifest's digest, for OCI archives.
    pub manifest_digest: Option<Digest>,
    /// The layers, base first, each paired with its diff id from the config.
    pub layers: Vec<ArchiveLayer>,
}

/// One layer of an archived image, read in place from the archive file.
#[derive(Debug, Clone)]
pub struct ArchiveLayer {
    data: Section,
    /// How the stored bytes are compressed.
    pub compression: Compression,
    /// The digest of the stored bytes, when the archive names it (OCI, newer docker).
    /// Not verified here: hash while reading.
    pub blob_digest: Option<Digest>,
    /// The digest the uncompressed tar must have (the config's diff id). Not verified
    /// here: whoever unpacks the layer must hash [`ArchiveLayer::open`]'s output and compare.
    pub diff_id: Digest,
}

impl ArchiveLayer {
    /// The stored bytes, as they are in the archive.
    pub fn raw(&self) -> Section {
        self.data.clone()
    }

    /// The stored size in bytes.
    pub fn size(&self) -> u64 {
        self.data.len()
    }

    /// The digest of the stored bytes: the one the archive names, the diff id for an
    /// uncompressed layer, or else computed by reading the layer once. What a store needs to
    /// keep the layer as a blob.
    pub fn stored_digest(&self) -> Result<Digest> {
        if let Some(d) = &self.blob_digest {
            return Ok(d.clone());
        }
        if self.compression == Compression::None {
            return Ok(self.diff_id.clone());
        }
        let mut hasher = Hasher::new();
        let mut r = self.data.clone();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match r
                .read(&mut buf)
                .map_err(|e| Error::io("archive layer", e))?
            {
                0 => return Ok(hasher.finish()),
                n => hasher.update(&buf[..n]),
            }
        }
    }

    /// The layer as an uncompressed tar stream.
    pub fn open(&self) -> Box<dyn Read + Send> {
        match self.compression {
            Compression::None => Box::new(self.data.clone()),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(self.data.clone())),
            Compression::Zstd => Box::new(ZstdLazy(Some(self.data.clone()), None)),
        }
    }
}

/// A zstd decoder started on first read, so [`ArchiveLayer::open`] cannot fail.
struct ZstdLazy(
    Option<Section>,
    Option<zstd::stream::read::Decoder<'static, io::BufReader<Section>>>,
);

impl Read for ZstdLazy {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(s) = self.0.take() {
            self.1 = Some(zstd::stream::read::Decoder::new(s)?);
        }
        match &mut self.1 {
            Some(d) => d.read(buf),
            None => Err(io::Error::other("zstd decoder failed to start")),
        }
    }
}

/// Reads an image archive file (docker-archive or oci-archive, possibly gzip- or
/// zstd-compressed as a whole).
pub fn read_archive(path: &Path) -> Result<Archive> {
    let mut file = File::open(path).at(path)?;
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic).at(path)?;
    file.seek(SeekFrom::Start(0)).at(path)?;
    match Compression::detect(&magic[..n]) {
        Compression::None => read_tar(file, path),
        c => spool_and_read(c.decoder(file), path, &std::env::temp_dir()),
    }
}

/// Reads an archive from a stream (e.g. stdin), spooling it (decompressed) to an unnamed
/// temporary file in `spool_dir`; pick a directory on a disk with room for the image.
pub fn read_archive_from(r: impl Read, spool_dir: &Path) -> Result<Archive> {
    let mut r = io::BufReader::new(r);
    let head = io::BufRead::fill_buf(&mut r).at("<stdin>")?;
    let c = Compression::detect(head);
    spool_and_read(c.decoder(r), Path::new("<stdin>"), spool_dir)
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn spool_and_read(mut r: impl Read, path: &Path, spool_dir: &Path) -> Result<Archive> {
    let mut tmp = super::unnamed_temp_file(spool_dir)?;
    io::copy(&mut r, &mut tmp).map_err(|e| Error::BadArchive {
        path: path.to_path_buf(),
        reason: format!(
            "cannot read and decompress it into {}: {e}",
            spool_dir.display()
        ),
    })?;
    tmp.seek(SeekFrom::Start(0)).at(path)?;
    read_tar(tmp, path)
}

/// Reads an image archive unpacked into directory `dir`: an OCI image layout (`oci-layout`,
/// `index.json`, `blobs/`) or an extracted docker-archive (`manifest.json`).
pub fn read_archive_dir(dir: &Path) -> Result<Archive> {
    if !dir.is_dir() {
        return Err(Error::BadArchive {
            path: dir.to_path_buf(),
            reason: "not a directory".to_string(),
        });
    }
    read_members(&Members::directory(dir))
}

fn read_tar(file: File, path: &Path) -> Result<Archive> {
    read_members(&Members::index(file, path)?)
}

fn read_members(members: &Members) -> Result<Archive> {
    if members.contains("manifest.json") {
        Ok(Archive {
            format: ArchiveFormat::Docker,
            images: read_docker(members)?,
        })
    } else if members.contains("index.json") {
        Ok(Archive {
            format: ArchiveFormat::Oci,
            images: read_oci(members)?,
        })
    } else {
        Err(members.bad(
            "neither manifest.json (docker-archive) nor index.json (oci-archive) found; is this an image archive?"
                .to_string(),
        ))
    }
}

/// One entry of docker's manifest.json.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerEntry {
    config: String,
    #[serde(default, deserialize_with = "manifest::nullable")]
    repo_tags: Vec<String>,
    #[serde(default, deserialize_with = "manifest::nullable")]
    layers: Vec<String>,
}

fn read_docker(m: &Members) -> Result<Vec<ArchiveImage>> {
    let entries: Vec<DockerEntry> = serde_json::from_slice(&m.read("manifest.json", MAX_METADATA)?)
        .map_err(|e| m.bad(format!("manifest.json: {e}")))?;
    entries
        .into_iter()
        .map(|e| {
            let config = m.read(&e.config, MAX_METADATA)?;
            let config_digest = Digest::of(&config);
            if let Some(claimed) = blob_name_digest(&e.config) {
                check_digest(m, &e.config, &claimed, &config_digest)?;
            }
            let diff_ids = diff_ids(m, &e.config, &config, e.layers.len())?;
            let layers = e
                .layers
                .iter()
                .zip(diff_ids)
                .map(|(name, diff_id)| {
                    let data = m.section(name)?;
                    let compression = sniff(&data).map_err(|e| Error::io(name, e))?;
                    Ok(ArchiveLayer {
                        data,
                        compression,
                        blob_digest: blob_name_digest(name),
                        diff_id,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(ArchiveImage {
                repo_tags: e.repo_tags,
                config,
                config_digest,
                manifest_digest: None,
                layers,
            })
        })
        .collect()
}

fn read_oci(m: &Members) -> Result<Vec<ArchiveImage>> {
    let index = match manifest::parse_manifest(&m.read("index.json", MAX_METADATA)?, None)
        .map_err(|e| m.bad(format!("index.json: {e}")))?
    {
        Manifest::Index(i) => i,
        Manifest::Image(_) => {
            return Err(m.bad("index.json is a manifest, not an index".to_string()))
        }
    };
    let mut images: Vec<ArchiveImage> = Vec::new();
    for desc in &index.manifests {
        if is_attestation(desc) {
            continue;
        }
        let names: Vec<String> = desc
            .annotations
            .get(ANNOTATION_CONTAINERD_NAME)
            .or_else(|| desc.annotations.get(ANNOTATION_REF_NAME))
            .cloned()
            .into_iter()
            .collect();
        let (manifest_digest, image) = oci_image(m, desc)?;
        if let Some(existing) = images
            .iter_mut()
            .find(|i| i.manifest_digest.as_ref() == Some(&manifest_digest))
        {
            existing.repo_tags.extend(names);
            continue;
        }
        let mut image = image;
        image.repo_tags = names;
        images.push(image);
    }
    Ok(images)
}

/// The image a descriptor of index.json names; a nested index is resolved for the host.
fn oci_image(m: &Members, desc: &Descriptor) -> Result<(Digest, ArchiveImage)> {
    let mut desc = desc.clone();
    for _ in 0..2 {
        let bytes = read_blob(m, &desc)?;
        match manifest::parse_manifest(&bytes, Some(&desc.media_type))
            .map_err(|e| m.bad(format!("manifest {}: {e}", desc.digest)))?
        {
            Manifest::Index(i) => desc = manifest_select::select(&i, &Platform::host())?.clone(),
            Manifest::Image(im) => {
                let config = read_blob(m, &im.config)?;
                let diff_ids =
                    diff_ids(m, &blob_path(&im.config.digest), &config, im.layers.len())?;
                let layers = im
                    .layers
                    .iter()
                    .zip(diff_ids)
                    .map(|(l, diff_id)| {
                        Ok(ArchiveLayer {
                            data: m.section(&blob_path(&l.digest))?,
                            compression: Compression::from_media_type(&l.media_type)?,
                            blob_digest: Some(l.digest.clone()),
                            diff_id,
                        })
                    })
                    .collect::<Result<_>>()?;
                let image = ArchiveImage {
                    repo_tags: Vec::new(),
                    config_digest: im.config.digest.clone(),
                    config,
                    manifest_digest: Some(desc.digest.clone()),
                    layers,
                };
                return Ok((desc.digest, image));
            }
        }
    }
    Err(m.bad("index.json nests indexes more than one level deep".to_string()))
}

/// BuildKit's attestation manifests sit in indexes beside images but are not images.
fn is_attestation(desc: &Descriptor) -> bool {
    desc.annotations
        .get("vnd.docker.reference.type")
        .is_some_and(|t| t == "attestation-manifest")
        || desc
            .platform
            .as_ref()
            .is_some_and(|p| p.os == "unknown" && p.architecture == "unknown")
}

/// `blobs/sha256/<hex>`.
fn blob_path(d: &Digest) -> String {
    format!("blobs/sha256/{}", d.hex())
}

/// The digest a `.../sha256/<hex>` or `<hex>.json` member name claims.
fn blob_name_digest(name: &str) -> Option<Digest> {
    let last = name.rsplit('/').next()?;
    Digest::from_hex(last.strip_suffix(".json").unwrap_or(last)).ok()
}

/// A small blob by descriptor, verified.
fn read_blob(m: &Members, desc: &Descriptor) -> Result<Vec<u8>> {
    let name = blob_path(&desc.digest);
    let bytes = m.read(&name, MAX_METADATA)?;
    check_digest(m, &name, &desc.digest, &Digest::of(&bytes))?;
    Ok(bytes)
}

fn check_digest(m: &Members, name: &str, expected: &Digest, actual: &Digest) -> Result<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(m.bad(format!("{name:?} has digest {actual}, not {expected}")))
    }
}

/// The config's diff ids, which must be one per layer.
fn diff_ids(m: &Members, name: &str, config: &[u8], layers: usize) -> Result<Vec<Digest>> {
    let cfg = ImageConfig::parse(config).map_err(|e| m.bad(format!("{name:?}: {e}")))?;
    if cfg.rootfs.diff_ids.len() != layers {
        return Err(m.bad(format!(
            "{name:?} lists {} diff ids but the image has {layers} layers",
            cfg.rootfs.diff_ids.len()
        )));
    }
    Ok(cfg.rootfs.diff_ids)
}

/// The compression of a member, from its first bytes.
fn sniff(s: &Section) -> io::Result<Compression> {
    let mut head = [0u8; 4];
    let mut r = s.clone();
    let mut n = 0;
    while n < head.len() {
        match r.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(Compression::detect(&head[..n]))
}
