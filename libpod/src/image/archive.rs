//! `save` and `load`: images to and from docker-archive / oci-archive tar files and OCI
//! layout directories (`oci:DIR[:REF]`).

use std::io::Read;
use std::path::Path;

use serde_json::json;
use skiff_storage::archive::{
    self, Archive, ArchiveEntry, ArchiveFormat, ArchiveImage, LayerSource, LocalLocation, Transport,
};
use skiff_storage::config::ImageConfig;
use skiff_storage::store::{ExtractOptions, Store};
use skiff_storage::{Digest, Reference};

use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::record::{self, full_name, NewImage};
use crate::image::ImageRecord;

/// What `load` stored: one entry per image of the archive.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    /// Hex image id.
    pub id: String,
    /// The names it was given, as docker shows them (`alpine:latest`).
    pub names: Vec<String>,
}

/// Where `save` writes its archive.
pub enum SaveTo<'a> {
    /// This file, replaced atomically.
    File(&'a Path),
    /// This stream (a terminal is the caller's to refuse).
    Writer(&'a mut dyn std::io::Write),
}

/// The archive formats `save` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFormat {
    /// What `docker save` writes.
    DockerArchive,
    /// An OCI image layout in a tar.
    OciArchive,
    /// An OCI image layout directory (written only to a [`SaveTo::File`] path).
    OciDir,
}

impl Engine {
    fn open_store(&self) -> Result<Store> {
        Ok(Store::open(&self.paths().storage())?)
    }

    /// Loads every image of the archive at `input` (or read from `stdin` when None). `input`
    /// is a tar file (docker-archive or oci-archive, possibly compressed), a directory (an OCI
    /// layout or an unpacked docker-archive), or `oci:DIR[:REF]` / `oci-archive:FILE[:REF]`
    /// for the images of that name only.
    pub fn load(&mut self, input: Option<&str>, stdin: impl Read) -> Result<Vec<LoadedImage>> {
        let opts = crate::image::extract_options();
        self.enter_userns()?;
        let store = self.open_store()?;
        let (format, images) = match input.map(|i| (i, LocalLocation::parse(i))) {
            Some((_, Some(location))) => {
                let location = location?;
                let archive = match location.transport {
                    Transport::OciDir => archive::read_archive_dir(&location.path)?,
                    Transport::OciArchive => archive::read_archive(&location.path)?,
                };
                (archive.format, location.select(archive)?)
            }
            Some((path, None)) => {
                let path = Path::new(path);
                let Archive { format, images } = if path.is_dir() {
                    archive::read_archive_dir(path)?
                } else {
                    archive::read_archive(path)?
                };
                (format, images)
            }
            None => {
                let spool = self.paths().storage().join("tmp");
                std::fs::create_dir_all(&spool).at(&spool)?;
                let a = archive::read_archive_from(stdin, &spool)?;
                (a.format, a.images)
            }
        };
        if images.is_empty() {
            return Err(Error::InvalidArgument("the archive holds no image".into()));
        }
        let oci = format == ArchiveFormat::Oci;
        let mut loaded = Vec::new();
        for image in &images {
            loaded.push(self.load_one(&store, image, oci, &opts)?);
        }
        Ok(loaded)
    }

    fn load_one(
        &mut self,
        store: &Store,
        image: &ArchiveImage,
        oci: bool,
        opts: &ExtractOptions,
    ) -> Result<LoadedImage> {
        let config = ImageConfig::parse(&image.config)?;
        if config.rootfs.diff_ids.len() != image.layers.len() {
            return Err(Error::InvalidArgument(format!(
                "image {} in the archive has {} layers but its config lists {}: the archive is damaged",
                image.config_digest,
                image.layers.len(),
                config.rootfs.diff_ids.len()
            )));
        }
        store.put_blob(&image.config_digest, &image.config)?;
        let mut parent: Option<Digest> = None;
        let mut chains = Vec::new();
        let mut size = 0i64;
        let mut descriptors = Vec::new();
        for layer in &image.layers {
            let blob = layer.stored_digest()?;
            let chain = skiff_storage::store::chain_id(parent.as_ref(), &layer.diff_id);
            let info = if store.has_layer(&chain) {
                store.layer_info(&chain)?
            } else {
                store.ingest_layer(
                    layer.raw(),
                    &blob,
                    layer.compression,
                    parent.as_ref(),
                    Some(&layer.diff_id),
                    opts,
                )?
            };
            size += info.size as i64;
            descriptors.push(json!({
                "mediaType": "application/vnd.oci.image.layer.v1.tar",
                "digest": info.blob_digest.to_string(),
                "size": layer.size(),
            }));
            chains.push(info.chain_id.hex().to_string());
            parent = Some(info.chain_id);
        }
        let manifest = record::oci_manifest(&image.config_digest, image.config.len(), descriptors);
        let names: Vec<Reference> = image
            .repo_tags
            .iter()
            .filter(|n| !oci || n.contains(':') || n.contains('/'))
            .filter_map(|n| Reference::parse(n).ok())
            .filter(|r| r.digest().is_none())
            .collect();
        let full: Vec<String> = names.iter().map(full_name).collect();
        let id = image.config_digest.hex().to_string();
        let new = NewImage {
            id: &id,
            manifest_digest: image.manifest_digest.as_ref().map(|d| d.to_string()),
            manifest: &manifest,
            config: &image.config,
            layers: chains,
            size,
            created: config.created_unix().unwrap_or(0),
        };
        self.catalog()?.write(|tx| {
            crate::events::record_image(tx, "load", &id);
            record::insert(tx, &new, &full)
        })?;
        Ok(LoadedImage {
            id,
            names: names
                .iter()
                .map(|r| format!("{}:{}", r.familiar_name(), r.tag_or_latest()))
                .collect(),
        })
    }

    /// Writes the images `names` (names or ids) as one archive to `out`. A name keeps its tag
    /// in the archive; an id is saved without names.
    pub fn save(&mut self, names: &[String], format: SaveFormat, out: SaveTo<'_>) -> Result<()> {
        let store = self.open_store()?;
        // One entry per image, with every name it is saved under.
        let mut records: Vec<(ImageRecord, Vec<String>)> = Vec::new();
        let mut add = |rec: ImageRecord, tag: Option<String>| match records
            .iter_mut()
            .find(|(r, _)| r.id == rec.id)
        {
            Some((_, tags)) => tags.extend(tag.filter(|t| !tags.contains(t))),
            None => records.push((rec, tag.into_iter().collect())),
        };
        for n in names {
            let reference = Reference::parse(n).ok();
            // docker's `save REPO`: a repository without a tag is every tag of it.
            let untagged = !n.contains('@') && !n.rsplit('/').next().unwrap_or(n).contains(':');
            let repo_tags = match &reference {
                Some(r) if untagged => {
                    super::record::tags_of_repo(self.catalog()?.conn(), &r.name())?
                }
                _ => Vec::new(),
            };
            if !repo_tags.is_empty() {
                for (name, id) in repo_tags {
                    let familiar = Reference::parse(&name).map(|r| r.familiar())?;
                    add(self.resolve_image(&id)?, Some(familiar));
                }
                continue;
            }
            let rec = self.resolve_image(n)?;
            let tag = match &reference {
                Some(r) if !is_id_like(n, &rec.id) && r.digest().is_none() => {
                    Some(format!("{}:{}", r.familiar_name(), r.tag_or_latest()))
                }
                _ => None,
            };
            add(rec, tag);
        }
        let mut entries = Vec::new();
        for (rec, repo_tags) in &records {
            let config = ImageConfig::parse(&rec.config)?;
            let mut layers = Vec::new();
            for (chain, diff_id) in rec.layers.iter().zip(config.rootfs.diff_ids.iter()) {
                let chain = Digest::from_hex(chain).map_err(Error::Storage)?;
                layers.push(layer_source(&store, &chain, diff_id)?);
            }
            entries.push(ArchiveEntry {
                repo_tags: repo_tags.clone(),
                config: rec.config.clone(),
                layers,
            });
        }
        let spool = self.paths().storage().join("tmp");
        match (format, out) {
            (SaveFormat::DockerArchive, SaveTo::File(out)) => {
                archive::write_docker_archive(out, entries)?
            }
            (SaveFormat::OciArchive, SaveTo::File(out)) => {
                archive::write_oci_archive(out, entries)?
            }
            (SaveFormat::OciDir, SaveTo::File(out)) => archive::write_oci_dir(out, entries)?,
            (SaveFormat::OciDir, SaveTo::Writer(_)) => {
                return Err(Error::InvalidArgument(
                    "an oci-dir is a directory: give it with -o DIR".into(),
                ))
            }
            (SaveFormat::DockerArchive, SaveTo::Writer(w)) => {
                archive::write_docker_archive_to(w, entries, &spool)?
            }
            (SaveFormat::OciArchive, SaveTo::Writer(w)) => {
                archive::write_oci_archive_to(w, entries, &spool)?
            }
        };
        for (rec, _) in &records {
            self.record_image_event("save", &rec.id);
        }
        Ok(())
    }
}

/// A layer as saved: decompressed from its stored blob when the store has it (so the diff id,
/// and with it the image id, is exactly the original), else re-created from the extracted
/// layer.
fn layer_source<'a>(store: &'a Store, chain: &Digest, diff_id: &Digest) -> Result<LayerSource<'a>> {
    let blob = store
        .layer_info(chain)
        .ok()
        .map(|i| i.blob_digest)
        .filter(|b| store.has_blob(b));
    if let Some(blob) = blob {
        let compression = store.blob_compression(&blob)?;
        let file = store.open_blob(&blob)?;
        return Ok(LayerSource::from_reader(diff_id.clone(), compression, file));
    }
    let chain = chain.clone();
    Ok(LayerSource::from_fn(diff_id.clone(), move |w| {
        store.write_layer_tar(&chain, w).map(drop)
    }))
}

/// Whether `input` names the image by id (full, prefixed or a prefix of `id`).
fn is_id_like(input: &str, id: &str) -> bool {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    hex.len() >= 3 && id.starts_with(hex)
}
