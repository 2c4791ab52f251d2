//! `build --squash` and `--squash-all` (podman's; docker's `--squash`): the built image with
//! the layers the build made, or all its layers, as one. Each layer to squash is archived from
//! the store (docker's `.wh.` whiteout form) and applied in turn to a scratch directory
//! ([`extract::apply_layer`]); the directory is then stored as the one new layer, over the
//! base image's layers (`--squash`) or alone (`--squash-all`).

use std::io::Write;
use std::os::fd::AsRawFd;

use skiff_storage::config::{History, ImageConfig};
use skiff_storage::store::Store;
use skiff_storage::Digest;

use crate::container::copy::extract::{self, Owners};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::record::ImageRecord;

/// What `--squash` or `--squash-all` asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Squash {
    /// Keep every layer (the default).
    #[default]
    None,
    /// `--squash`: the layers the build made become one, over the base image's.
    NewLayers,
    /// `--squash-all`: all the image's layers become one.
    All,
}

impl Engine {
    /// The image `image` with the layers above `base`'s (all its layers when `base` is None)
    /// squashed into one: its id, `image`'s own when there is nothing to squash. Its config is
    /// `image`'s with the squashed steps' history marked as making no layer and one entry for
    /// the squashed layer (made at `timestamp`, podman's `--timestamp`, when given). Enters
    /// the user namespace that owns the layers.
    pub(crate) fn squash_image(
        &mut self,
        image: &ImageRecord,
        base: Option<&ImageRecord>,
        timestamp: Option<i64>,
    ) -> Result<String> {
        let keep = base.map_or(0, |b| b.layers.len());
        if image.layers.len() <= keep + 1 {
            return Ok(image.id.clone());
        }
        self.enter_userns()?;
        let store = Store::open(&self.paths().storage())?;
        let tmp = self.paths().storage().join("tmp");
        std::fs::create_dir_all(&tmp).at(&tmp)?;
        let dir = tmp.join(format!("squash-{}", crate::id::new_id()));
        std::fs::create_dir(&dir).at(&dir)?;
        let squashed = self.squash_into(&store, &dir, image, base, timestamp);
        let _ = std::fs::remove_dir_all(&dir);
        squashed
    }

    fn squash_into(
        &mut self,
        store: &Store,
        dir: &std::path::Path,
        image: &ImageRecord,
        base: Option<&ImageRecord>,
        timestamp: Option<i64>,
    ) -> Result<String> {
        let keep = base.map_or(0, |b| b.layers.len());
        let dest = std::fs::File::open(dir).at(dir)?;
        let tar = dir.with_extension("tar");
        for chain in &image.layers[keep..] {
            let chain = Digest::from_hex(chain).map_err(|e| Error::Runtime(e.to_string()))?;
            let layer = store.layer_dir(&chain);
            let out = std::fs::File::create(&tar).at(&tar)?;
            let mut out =
                crate::image::derive::layer_tar(&layer, None, None, std::io::BufWriter::new(out))
                    .map_err(|e| Error::Runtime(format!("archiving layer {chain}: {e}")))?;
            out.flush().at(&tar)?;
            drop(out);
            let mut input = std::fs::File::open(&tar).at(&tar)?;
            let applied = extract::apply_layer(
                dest.as_raw_fd(),
                &mut input,
                Owners::Archive(None),
                base.is_some(),
            );
            let _ = std::fs::remove_file(&tar);
            applied.map_err(|e| Error::Runtime(format!("squashing layer {chain}: {e}")))?;
        }
        let parent = base.and_then(|b| b.layers.last()).map(String::as_str);
        let layer = self.store_dir_layer(store, dir, None, parent, timestamp, || ())?;
        let mut config = ImageConfig::parse(&image.config)?;
        let (base_history, mut diff_ids) = match base {
            Some(b) => {
                let c = ImageConfig::parse(&b.config)?;
                (c.history.len(), c.rootfs.diff_ids)
            }
            None => (0, Vec::new()),
        };
        let squashed = image.layers.len() - keep;
        for h in config.history.iter_mut().skip(base_history) {
            h.empty_layer = true;
        }
        config.history.push(History {
            created: Some(super::stamp(timestamp)),
            created_by: Some(format!("skiff build: {squashed} layers squashed into one")),
            ..Default::default()
        });
        diff_ids.push(layer.diff_id.clone());
        config.rootfs.diff_ids = diff_ids;
        let value = serde_json::to_value(&config).expect("configs serialise");
        self.record_derived_image(store, base, Some(&layer), &value, None, |_, _| {})
    }
}
