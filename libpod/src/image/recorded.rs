//! The engine's entry points to the image rows: record an image it made (commit, build,
//! import) and resolve a name or id to its stored image.

use skiff_storage::store::Store;
use skiff_storage::{Digest, Reference};

use super::record::{
    full_name, insert, lookup_id, oci_manifest, read, ImageRecord, LocalImage, NewImage,
};
use crate::engine::Engine;
use crate::error::{Error, Result};

impl Engine {
    /// Stores a made image: its config blob, a manifest, and the catalog row named `reference`
    /// (if any). Returns the image id (hex).
    pub(crate) fn record_local_image(
        &mut self,
        store: &Store,
        image: LocalImage<'_>,
        reference: Option<&Reference>,
    ) -> Result<String> {
        self.record_local_image_with(store, image, reference, |_, _| {})
    }

    /// [`Engine::record_local_image`], running `events` (given the new image's id, hex) in
    /// the transaction that records the image, so its events are committed with it.
    pub(crate) fn record_local_image_with(
        &mut self,
        store: &Store,
        image: LocalImage<'_>,
        reference: Option<&Reference>,
        events: impl FnOnce(&rusqlite::Connection, &str),
    ) -> Result<String> {
        let config_digest = Digest::of(image.config);
        store.put_blob(&config_digest, image.config)?;
        let manifest = oci_manifest(&config_digest, image.config.len(), image.descriptors);
        let id = config_digest.hex().to_string();
        let names: Vec<String> = reference.into_iter().map(full_name).collect();
        let new = NewImage {
            id: &id,
            manifest_digest: None,
            manifest: &manifest,
            config: image.config,
            layers: image.layers,
            size: image.size,
            // The config's own time (a build's --timestamp, an import's), else now.
            created: serde_json::from_slice::<skiff_storage::config::ImageConfig>(image.config)
                .ok()
                .and_then(|c| c.created_unix())
                .unwrap_or_else(|| crate::container::time::now_ns() / 1_000_000_000),
        };
        self.catalog()?.write(|tx| {
            insert(tx, &new, &names)?;
            events(tx, &id);
            Ok(())
        })?;
        Ok(id)
    }
}

impl Engine {
    /// The stored image `name_or_id` names (see `skiff images` for names and ids).
    pub fn resolve_image(&mut self, name_or_id: &str) -> Result<ImageRecord> {
        let conn = self.catalog()?.conn();
        let id = lookup_id(conn, name_or_id)?;
        read(conn, &id)?.ok_or_else(|| Error::not_found("image", name_or_id))
    }

    /// Image `name_or_id`'s id and the ids of the stored images built on it (their layers
    /// start with all of its layers and add more, as docker's rule for a child has it): what
    /// docker's `ancestor=` filter matches. An image without layers has no descendants, and one
    /// with the same layers only (a label over it) is a sibling, not a child.
    pub fn image_and_descendants(&mut self, name_or_id: &str) -> Result<Vec<String>> {
        let base = self.resolve_image(name_or_id)?;
        let mut ids = vec![base.id.clone()];
        if base.layers.is_empty() {
            return Ok(ids);
        }
        ids.extend(super::record::children(
            self.catalog()?.conn(),
            &base.id,
            &base.layers,
        )?);
        Ok(ids)
    }

    /// The value of label `key` of stored image `name_or_id` (a label of another case when
    /// none has that exact key, as podman's `runlabel run` finds `RUN`).
    pub fn image_label(&mut self, name_or_id: &str, key: &str) -> Result<Option<String>> {
        let image = self.resolve_image(name_or_id)?;
        let labels = super::filter::config_labels(&image.config);
        Ok(labels.get(key).cloned().or_else(|| {
            labels
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.clone())
        }))
    }

    /// docker 28's `--platform` of `image inspect`, `history`, `save` and `push`: Ok when the
    /// stored image `name_or_id` is of `platform` (`os/arch[/variant]`; the variant is compared
    /// only when given). skiff stores one platform per image, so another one is an error that
    /// says which the image has and how to get the other.
    pub fn check_image_platform(&mut self, name_or_id: &str, platform: &str) -> Result<()> {
        use skiff_storage::platform::Platform;
        let want = Platform::parse(platform)?;
        let rec = self.resolve_image(name_or_id)?;
        let have = platform_of(&rec);
        if have.satisfies(&want) {
            return Ok(());
        }
        Err(Error::InvalidArgument(format!(
            "image {name_or_id} was found but does not provide the specified platform ({want}): \
             it is {have}; skiff keeps one platform per image, pull the other with \
             `skiff pull --platform {want} NAME`"
        )))
    }
}

/// The platform image `rec`'s config names (an image that names no os is linux's).
pub(crate) fn platform_of(rec: &ImageRecord) -> skiff_storage::platform::Platform {
    let config: serde_json::Value = serde_json::from_slice(&rec.config).unwrap_or_default();
    let field = |k: &str| config[k].as_str().filter(|v| !v.is_empty());
    skiff_storage::platform::Platform::new(
        field("os").unwrap_or("linux"),
        field("architecture").unwrap_or_default(),
        field("variant"),
    )
}
