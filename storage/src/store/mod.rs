//! The content-addressed store: verified blobs under `blobs/sha256/<hex>` and extracted layers
//! under `layers/<chain-id hex>/diff`, both built in `tmp/` and renamed into place, so a killed
//! process never leaves anything that looks complete.
//!
//! Layer contents are not fsynced: a layer is re-creatable from its blob, which is. After a
//! crash of the whole machine a layer may need to be removed and extracted again.

mod blobs;
mod extract;
mod layers;
mod names;
mod refs;
pub(crate) mod sys;
mod tarout;
pub(crate) mod tmp;
mod verify;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{IoContext, Result};

pub use blobs::BlobWriter;
pub use extract::{is_overlay_xattr, layer_keeps_xattr};
pub use layers::{chain_id, LayerInfo};
pub use refs::{image_refs_path_in, parse as parse_image_refs, ImageRef, ParsedRefs};
pub use sys::open_in_root;

/// How layers are extracted.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Extracting without real root (inside a user namespace): device nodes other than
    /// whiteouts are skipped with a warning, and files whose owner is not mapped are left
    /// owned by the extracting user (one warning per layer).
    pub rootless: bool,
}

/// A blob and layer store rooted at one directory (`<skiff root>/storage`).
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the store at `root`, and removes temporary entries left by
    /// processes that died.
    pub fn open(root: &Path) -> Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
        };
        for dir in [store.blobs_dir(), store.layers_dir(), store.tmp_dir()] {
            fs::create_dir_all(&dir).at(&dir)?;
        }
        tmp::clean_stale(&store.tmp_dir());
        Ok(store)
    }

    /// The store's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn blobs_dir(&self) -> PathBuf {
        self.root.join("blobs").join("sha256")
    }

    fn layers_dir(&self) -> PathBuf {
        self.root.join("layers")
    }

    pub(crate) fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }
}
