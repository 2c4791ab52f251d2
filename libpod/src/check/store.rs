//! The store's part of `system check`: blobs that no longer match their digests and layers
//! with missing files, removed on repair so that the next pull fetches them again.

use skiff_storage::store::Store;
use skiff_storage::Digest;

use super::CheckReport;
use crate::engine::Engine;
use crate::error::Result;

/// Damaged store content.
#[derive(Debug, Default)]
pub(super) struct Damaged {
    /// Blobs whose content does not hash to their digest.
    pub blobs: Vec<Digest>,
    /// Layers with missing or changed files (or no metadata).
    pub layers: Vec<Digest>,
}

/// Verifies every blob (unless `quick`) and every layer (only its directories when `quick`).
pub(super) fn check_store(store: &Store, quick: bool, report: &mut CheckReport) -> Result<Damaged> {
    let mut damaged = Damaged::default();
    if !quick {
        for blob in store.blobs()? {
            // An unreadable blob (a bad sector) is damaged too, not the end of the check.
            match store.verify_blob(&blob) {
                Ok(true) => {}
                Ok(false) => {
                    report.found(format!("blob {blob}: content does not match its digest"));
                    damaged.blobs.push(blob);
                }
                Err(e) => {
                    report.found(format!("blob {blob}: cannot be read ({e})"));
                    damaged.blobs.push(blob);
                }
            }
        }
    }
    for layer in store.layers()? {
        if let Some(why) = store.layer_damage(&layer, !quick) {
            report.found(format!("layer {layer}: {why}"));
            damaged.layers.push(layer);
        }
    }
    Ok(damaged)
}

/// Removes damaged blobs and layers, naming the images to pull again. A layer that
/// containers use (it is their root file system's lower part) is kept unless `force`: pulling
/// its image again puts it back in the same place, under the containers.
pub(super) fn remove_damaged(
    engine: &mut Engine,
    store: &Store,
    damaged: &Damaged,
    force: bool,
    report: &mut CheckReport,
) -> Result<()> {
    for blob in &damaged.blobs {
        store.remove_blob(blob)?;
        report.repaired(format!(
            "blob {blob}: removed; the next pull fetches it again"
        ));
    }
    for layer in &damaged.layers {
        let containers = containers_using(engine, layer)?;
        if !containers.is_empty() && !force {
            report.note(format!(
                "layer {layer}: kept, containers use it ({}); `skiff system check --repair --force` removes it",
                containers.join(", ")
            ));
            continue;
        }
        store.remove_layer(layer)?;
        let users = images_using(engine, layer)?;
        let line = if users.is_empty() {
            format!("layer {layer}: removed")
        } else {
            format!(
                "layer {layer}: removed; pull {} again to fetch it",
                users.join(", ")
            )
        };
        report.repaired(line);
    }
    Ok(())
}

/// The names of the containers whose image is built on `layer`.
fn containers_using(engine: &mut Engine, layer: &Digest) -> Result<Vec<String>> {
    let conn = engine.catalog()?.conn();
    let mut stmt = conn.prepare(
        "SELECT c.name FROM containers c JOIN images i ON c.image_id = i.id
         WHERE instr(i.layers, ?1) > 0 ORDER BY c.name",
    )?;
    let names = stmt
        .query_map([layer.hex()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The names (or short ids) of the images built on `layer`.
fn images_using(engine: &mut Engine, layer: &Digest) -> Result<Vec<String>> {
    let conn = engine.catalog()?.conn();
    let mut stmt = conn.prepare("SELECT id FROM images WHERE instr(layers, ?1) > 0 ORDER BY id")?;
    let ids: Vec<String> = stmt
        .query_map([layer.hex()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(rec) = crate::image::record::read(conn, &id)? {
            match rec.names.is_empty() {
                true => out.push(format!("sha256:{}", &id[..12.min(id.len())])),
                false => out.extend(rec.names),
            }
        }
    }
    Ok(out)
}
