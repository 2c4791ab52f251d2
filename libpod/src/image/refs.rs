//! The store's image-refs file (see `skiff_storage::store::ImageRef`) on the catalog's side:
//! written from the catalog after every change to images, and read back into a new catalog
//! by `system check --repair`.

use std::path::Path;

use rusqlite::{params, Connection};
use skiff_storage::store::{ImageRef, Store};
use skiff_storage::Digest;

use super::record::{self, NewImage};
use crate::error::Result;

/// Every image of the catalog as the refs file records it. The manifests, which the store
/// does not otherwise keep, are stored as blobs on the way.
pub(crate) fn collect(conn: &Connection, store: &Store) -> Result<Vec<ImageRef>> {
    let mut stmt = conn.prepare("SELECT id, manifest, stored FROM images ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, manifest, stored) in rows {
        // Rows that are not images skiff could have written are left out, not copied on.
        let (Ok(id_digest), Some(rec)) = (Digest::from_hex(&id), record::read(conn, &id)?) else {
            continue;
        };
        let blob = Digest::of(&manifest);
        store.put_blob(&blob, &manifest)?;
        out.push(ImageRef {
            id: id_digest,
            manifest: blob,
            manifest_digest: rec.manifest_digest.and_then(|d| d.parse().ok()),
            created: rec.created,
            size: rec.size,
            stored,
            layers: rec
                .layers
                .iter()
                .filter_map(|l| Digest::from_hex(l).ok())
                .collect(),
            names: rec.names,
            repo_digests: rec.digests,
        });
    }
    Ok(out)
}

/// Rewrites the refs file of the store at `storage` from the catalog. The catalog is read
/// and the file replaced under a lock (`image-refs.lock`), so that of two processes that
/// changed images, the one that writes last has read both changes.
pub(crate) fn sync(conn: &Connection, storage: &Path) -> Result<()> {
    let store = Store::open(storage)?;
    let _lock = crate::file_lock::lock_file(&storage.join("image-refs.lock"))?;
    let images = collect(conn, &store)?;
    store.write_image_refs(&images)?;
    Ok(())
}

/// The mark left beside the refs file when the catalog was found without the images the file
/// records (see [`catalog_lost`]); `system check --repair` removes it.
fn lost_mark(storage: &Path) -> std::path::PathBuf {
    storage.join("image-refs.catalog-lost")
}

/// Whether the catalog lost the images of the store's refs file: marked before, or found now
/// (`catalog_has_images` false while the file records some), which leaves the mark. While it
/// stands, image changes do not rewrite the file, which keeps what `--repair` needs.
pub(crate) fn catalog_lost(storage: &Path, catalog_has_images: bool) -> bool {
    let mark = lost_mark(storage);
    if mark.exists() {
        return true;
    }
    if catalog_has_images || !records_images(storage) {
        return false;
    }
    let _ = std::fs::write(&mark, b"");
    true
}

/// Removes the mark of a lost catalog (after a repair).
pub(crate) fn clear_lost_mark(storage: &Path) {
    let _ = std::fs::remove_file(lost_mark(storage));
}

/// Whether the store at `storage` has a refs file that records at least one image.
pub(crate) fn records_images(storage: &Path) -> bool {
    match std::fs::read(skiff_storage::store::image_refs_path_in(storage)) {
        Ok(bytes) => !skiff_storage::store::parse_image_refs(&String::from_utf8_lossy(&bytes))
            .images
            .is_empty(),
        Err(_) => false,
    }
}

/// Why an image of the refs file cannot be restored: a blob it needs is gone or damaged.
pub(crate) fn restorable(store: &Store, image: &ImageRef) -> std::result::Result<(), String> {
    for (what, digest) in [("manifest", &image.manifest), ("config", &image.id)] {
        if !store.has_blob(digest) || !store.verify_blob(digest).unwrap_or(false) {
            return Err(format!("its {what} blob {digest} is gone or damaged"));
        }
    }
    Ok(())
}

/// Records `image` (see [`restorable`] first) in the catalog with the names and repository
/// digests no other image has taken meanwhile.
pub(crate) fn restore(
    tx: &rusqlite::Transaction<'_>,
    store: &Store,
    image: &ImageRef,
) -> Result<()> {
    let manifest = store.read_blob(&image.manifest)?;
    let config = store.read_blob(&image.id)?;
    let id = image.id.hex().to_string();
    let new = NewImage {
        id: &id,
        manifest_digest: image.manifest_digest.as_ref().map(Digest::to_string),
        manifest: &manifest,
        config: &config,
        layers: image.layers.iter().map(|l| l.hex().to_string()).collect(),
        size: image.size,
        created: image.created,
    };
    record::insert(tx, &new, &[])?;
    tx.execute(
        "UPDATE images SET stored = ?1 WHERE id = ?2",
        params![image.stored, id],
    )?;
    restore_names(tx, image)
}

/// Gives `image` (recorded) the names and repository digests of its refs entry that no
/// image has taken meanwhile.
pub(crate) fn restore_names(tx: &rusqlite::Transaction<'_>, image: &ImageRef) -> Result<()> {
    let id = image.id.hex().to_string();
    for name in &image.names {
        tx.execute(
            "INSERT INTO image_names (name, image_id) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
            params![name, id],
        )?;
    }
    for repo_digest in &image.repo_digests {
        if let Some((repo, digest)) = repo_digest.split_once('@') {
            tx.execute(
                "INSERT INTO image_digests (repo, digest, image_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(repo, digest) DO NOTHING",
                params![repo, digest, id],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn an_image_survives_the_loss_of_its_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("storage")).unwrap();
        let config = br#"{"architecture":"amd64","os":"linux"}"#;
        let id = Digest::of(config);
        store.put_blob(&id, config).unwrap();
        let layer = Digest::of(b"layer").hex().to_string();
        let repo_digest = format!("localhost:5000/a/b@{}", Digest::of(b"manifest"));
        let mut catalog = Catalog::open(&dir.path().join("catalog.db")).unwrap();
        let storage = store.root().to_path_buf();
        catalog.on_image_change(move |conn| sync(conn, &storage));
        catalog
            .write(|tx| {
                let new = NewImage {
                    id: id.hex(),
                    manifest_digest: Some(Digest::of(b"manifest").to_string()),
                    manifest: b"manifest",
                    config,
                    layers: vec![layer.clone()],
                    size: 42,
                    created: 7,
                };
                record::insert(tx, &new, &["localhost:5000/a/b:1".into()])?;
                let (repo, digest) = repo_digest.split_once('@').unwrap();
                tx.execute(
                    "INSERT INTO image_digests VALUES (?1, ?2, ?3)",
                    params![repo, digest, id.hex()],
                )?;
                Ok(())
            })
            .unwrap();
        let before = record::read(catalog.conn(), id.hex()).unwrap().unwrap();
        drop(catalog);

        let parsed =
            skiff_storage::store::parse_image_refs(&store.read_image_refs().unwrap().unwrap());
        assert_eq!(parsed.errors, Vec::<String>::new());
        let image = &parsed.images[0];
        assert_eq!(restorable(&store, image), Ok(()));
        let mut fresh = Catalog::open(&dir.path().join("new.db")).unwrap();
        fresh.write(|tx| restore(tx, &store, image)).unwrap();
        let after = record::read(fresh.conn(), id.hex()).unwrap().unwrap();
        assert_eq!(
            (
                after.names,
                after.digests,
                after.layers,
                after.size,
                after.created
            ),
            (before.names, vec![repo_digest], vec![layer], 42, 7)
        );
        assert_eq!(after.config, config);
        assert_eq!(after.manifest_digest, before.manifest_digest);

        // Without its config blob the image cannot come back, and says why.
        store.remove_blob(&id).unwrap();
        assert!(restorable(&store, image)
            .unwrap_err()
            .contains("config blob"));
    }
}
