//! `history`: the config's history entries, newest first, with the size of each step's layer.

use skiff_storage::config::{parse_rfc3339, ImageConfig};
use skiff_storage::store::Store;
use skiff_storage::Digest;

use crate::engine::Engine;
use crate::error::Result;

/// One step of an image's history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    /// The image id for the newest step (hex), `<missing>` for the others (as docker).
    pub id: String,
    /// When (unix seconds; 0 when unknown).
    pub created: i64,
    /// The instruction.
    pub created_by: String,
    /// The size of the layer the step made (0 for empty steps).
    pub size: u64,
    /// The step's comment.
    pub comment: String,
}

impl Engine {
    /// The history of image `name_or_id`, newest first.
    pub fn history(&mut self, name_or_id: &str) -> Result<Vec<HistoryEntry>> {
        let rec = self.resolve_image(name_or_id)?;
        let config = ImageConfig::parse(&rec.config)?;
        let store = Store::open(&self.paths().storage())?;
        let mut sizes = rec.layers.iter().map(|c| {
            Digest::from_hex(c)
                .ok()
                .and_then(|c| store.layer_size(&c).ok())
                .unwrap_or(0)
        });
        let mut out: Vec<HistoryEntry> = config
            .history
            .iter()
            .map(|h| HistoryEntry {
                id: "<missing>".into(),
                created: h.created.as_deref().and_then(parse_rfc3339).unwrap_or(0),
                created_by: h.created_by.clone().unwrap_or_default(),
                size: if h.empty_layer {
                    0
                } else {
                    sizes.next().unwrap_or(0)
                },
                comment: h.comment.clone().unwrap_or_default(),
            })
            .collect();
        if out.is_empty() {
            out = sizes
                .map(|size| HistoryEntry {
                    id: "<missing>".into(),
                    created: rec.created,
                    created_by: String::new(),
                    size,
                    comment: String::new(),
                })
                .collect();
        }
        out.reverse();
        if let Some(first) = out.first_mut() {
            first.id = rec.id.clone();
        }
        Ok(out)
    }
}
