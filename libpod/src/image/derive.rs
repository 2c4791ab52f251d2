//! Images derived from a stored one: its layers plus, optionally, one new layer made from a
//! container's upper directory, under a new config. What `commit` and `build` store.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::Path;

use serde_json::{json, Value};
use skiff_storage::compression::Compression;
use skiff_storage::digest::HashWriter;
use skiff_storage::store::Store;
use skiff_storage::{Digest, Reference};

use crate::container::copy::archive::{Archiver, Rules};
use crate::container::rows::ContainerRecord;
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::record::{ImageRecord, LocalImage};
use crate::runtime::IdMap;

/// A layer just stored from a container's upper directory.
#[derive(Debug, Clone)]
pub(crate) struct NewLayer {
    /// The digest of its uncompressed tar (what the config's `rootfs.diff_ids` lists).
    pub diff_id: Digest,
    /// Its chain id (hex): where the store keeps it.
    pub chain_id: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Archives the upper directory `upper` as an image layer (docker's whiteout form), with the
/// owners the container sees when it has a mapping of its own (`ids`).
pub(crate) fn layer_tar<W: Write>(
    upper: &Path,
    ids: Option<&IdMap>,
    mtime: Option<i64>,
    out: W,
) -> std::io::Result<W> {
    let fd = std::fs::File::open(upper)?;
    let rules = Rules {
        one_fs: None,
        ids,
        layer: true,
        mtime,
        dot_names: false,
    };
    let mut ar = Archiver::new(out, rules);
    ar.add(fd.as_raw_fd(), Path::new("."))?;
    ar.finish()
}

impl Engine {
    /// Stores the upper directory of container `rec` (made from image `image`) as a new layer
    /// on top of the image's, every file's modification time `mtime` when given (`build
    /// --timestamp`). Holds what `hold_while_reading` returns around the read
    /// (commit's `--pause`). Enters the user namespace that owns the files first.
    pub(crate) fn store_container_layer<F>(
        &mut self,
        rec: &ContainerRecord,
        image: &ImageRecord,
        mtime: Option<i64>,
        hold_while_reading: impl FnOnce() -> F,
    ) -> Result<(Store, NewLayer)> {
        self.enter_userns()?;
        let store = Store::open(&self.paths().storage())?;
        let upper = self.container_dir(&rec.id).join("upper");
        let parent = image.layers.last().map(String::as_str);
        let layer = self.store_dir_layer(
            &store,
            &upper,
            rec.config.userns.map.as_ref(),
            parent,
            mtime,
            hold_while_reading,
        )?;
        Ok((store, layer))
    }

    /// Stores directory `dir` (overlay whiteouts as docker's `.wh.` entries; owners through
    /// `ids` when the files belong to a mapping of their own) as a layer on top of the layer
    /// with chain id `parent` (hex), every file's modification time `mtime` when given.
    pub(crate) fn store_dir_layer<F>(
        &mut self,
        store: &Store,
        dir: &Path,
        ids: Option<&IdMap>,
        parent: Option<&str>,
        mtime: Option<i64>,
        hold_while_reading: impl FnOnce() -> F,
    ) -> Result<NewLayer> {
        let tmp_dir = self.paths().storage().join("tmp");
        std::fs::create_dir_all(&tmp_dir).at(&tmp_dir)?;
        let tmp = tmp_dir.join(format!("layer-{}", crate::id::new_id()));
        let file = std::fs::File::create(&tmp).at(&tmp)?;
        let held = hold_while_reading();
        let hashing = layer_tar(
            dir,
            ids,
            mtime,
            HashWriter::new(std::io::BufWriter::new(file)),
        )
        .map_err(|e| Error::Runtime(format!("archiving {}: {e}", dir.display())));
        drop(held);
        let stored = (|| {
            let (mut inner, diff_id, _) = hashing?.finish();
            inner.flush().at(&tmp)?;
            drop(inner);
            let parent = parent
                .map(Digest::from_hex)
                .transpose()
                .map_err(|e| Error::Runtime(e.to_string()))?;
            let opened = std::fs::File::open(&tmp).at(&tmp)?;
            let info = store.ingest_layer(
                opened.take(u64::MAX),
                &diff_id,
                Compression::None,
                parent.as_ref(),
                Some(&diff_id),
                &crate::image::extract_options(),
            )?;
            Ok(NewLayer {
                diff_id,
                chain_id: info.chain_id.hex().to_string(),
                size: info.size,
            })
        })();
        let _ = std::fs::remove_file(&tmp);
        stored
    }

    /// Records an image made of `parent`'s layers (none for `FROM scratch`) plus `layer`,
    /// with config `config` (whose `rootfs.diff_ids` and `history` the caller completed),
    /// named `reference` when given. `events` runs in the recording transaction with the new
    /// id. Returns the image id (hex).
    pub(crate) fn record_derived_image(
        &mut self,
        store: &Store,
        parent: Option<&ImageRecord>,
        layer: Option<&NewLayer>,
        config: &Value,
        reference: Option<&Reference>,
        events: impl FnOnce(&rusqlite::Connection, &str),
    ) -> Result<String> {
        let config_bytes = serde_json::to_vec(config).expect("JSON serialises");
        let mut layers = parent.map(|p| p.layers.clone()).unwrap_or_default();
        // The parent's layer descriptors as its manifest has them, then the new layer.
        let parent_manifest: Option<Vec<u8>> = match parent {
            Some(p) => super::record::stored_manifest(self.catalog()?.conn(), &p.id).ok(),
            None => None,
        };
        let mut descriptors: Vec<Value> = parent_manifest
            .and_then(|m| serde_json::from_slice::<Value>(&m).ok())
            .and_then(|m| m["layers"].as_array().cloned())
            .unwrap_or_default();
        let mut size = parent.map_or(0, |p| p.size);
        if let Some(l) = layer {
            layers.push(l.chain_id.clone());
            descriptors.push(json!({
                "mediaType": "application/vnd.oci.image.layer.v1.tar",
                "digest": l.diff_id.to_string(),
                "size": l.size,
            }));
            size += l.size as i64;
        }
        let made = LocalImage {
            config: &config_bytes,
            descriptors,
            layers,
            size,
        };
        self.record_local_image_with(store, made, reference, events)
    }
}
