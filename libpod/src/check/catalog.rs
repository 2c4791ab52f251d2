//! The catalog's part of `system check`: whether it can be read, what it holds, and on
//! repair a copy (or, when damaged, moving it aside for a new one), then images and volumes
//! put back from the store.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use skiff_storage::store::{ImageRef, Store};

use super::CheckReport;
use crate::catalog::{backup_path, copy_to, Catalog};
use crate::engine::Engine;
use crate::error::{Error, IoContext, Result};
use crate::image::refs;

/// What the catalog holds, as far as it can be read.
#[derive(Debug, Default)]
pub(super) struct CatalogState {
    /// The catalog cannot be used (it counts as empty).
    pub damaged: bool,
    /// Image ids (hex).
    pub images: HashSet<String>,
    /// Volume names.
    pub volumes: HashSet<String>,
    /// Container ids.
    pub containers: HashSet<String>,
}

/// Images to put back in the catalog, and whether the refs file needs rewriting.
#[derive(Debug, Default)]
pub(super) struct LostImages {
    /// Images the refs file has and the catalog does not.
    pub restore: Vec<ImageRef>,
    /// Images both have, whose names (or repository digests) only the refs file still
    /// holds: an image pulled again after the catalog was lost.
    pub renamed: Vec<(ImageRef, Vec<String>)>,
    /// Damage lines about the refs file itself (bad lines, images it does not record).
    pub refs_damage: usize,
}

/// One column of a table, as a set.
fn column(catalog: &Catalog, sql: &str) -> Result<HashSet<String>> {
    let mut stmt = catalog.conn().prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The catalog (at `path`) and its contents; SQLite's own check failing is
/// [`Error::CatalogDamaged`].
fn contents(catalog: &Catalog, path: &Path) -> Result<CatalogState> {
    if let Some(complaint) = catalog.quick_check()? {
        return Err(Error::CatalogDamaged {
            path: path.to_path_buf(),
            reason: complaint,
        });
    }
    Ok(CatalogState {
        damaged: false,
        images: column(catalog, "SELECT id FROM images")?,
        volumes: column(catalog, "SELECT name FROM volumes")?,
        containers: column(catalog, "SELECT id FROM containers")?,
    })
}

/// An image as the report names it: its names, or its short id when it has none.
fn show(image: &ImageRef) -> String {
    if image.names.is_empty() {
        format!("sha256:{}", image.id.short())
    } else {
        image.names.join(", ")
    }
}

/// Moves `path` (and its `-wal` and `-shm`) to `dest` (and `dest-wal`, `dest-shm`).
fn move_aside(path: &Path, dest: &Path) -> Result<()> {
    std::fs::rename(path, dest).at(path)?;
    for suffix in ["-wal", "-shm"] {
        let side = |p: &Path| -> PathBuf {
            let mut s = p.as_os_str().to_owned();
            s.push(suffix);
            s.into()
        };
        let _ = std::fs::rename(side(path), side(dest));
    }
    Ok(())
}

impl Engine {
    /// Reads the catalog: a file SQLite cannot read, or whose own check fails, is reported
    /// and counts as empty. Other failures (a catalog of a newer skiff, a file we may not
    /// read) are errors: the catalog is not ours to move aside.
    pub(super) fn check_catalog(&mut self, report: &mut CheckReport) -> Result<CatalogState> {
        let path = self.paths().catalog();
        let state = self.catalog().and_then(|c| contents(c, &path));
        match state {
            Ok(state) => Ok(state),
            Err(e) if e.is_catalog_damage() => {
                let reason = match e {
                    Error::CatalogDamaged { reason, .. } => reason,
                    other => other.to_string(),
                };
                let reason = reason.lines().last().unwrap_or_default().to_string();
                report.found(format!("catalog {}: damaged: {reason}", path.display()));
                self.close_catalog();
                Ok(CatalogState {
                    damaged: true,
                    ..CatalogState::default()
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Compares the store's image-refs file with the catalog.
    pub(super) fn find_lost_images(
        &mut self,
        store: &Store,
        catalog: &CatalogState,
        report: &mut CheckReport,
    ) -> Result<LostImages> {
        let mut lost = LostImages::default();
        let text = store.read_image_refs()?.unwrap_or_default();
        let parsed = skiff_storage::store::parse_image_refs(&text);
        let path = store.image_refs_path();
        for error in &parsed.errors {
            report.found(format!("image-refs {}: {error}", path.display()));
            lost.refs_damage += 1;
        }
        let mut recorded = HashSet::new();
        for image in parsed.images {
            recorded.insert(image.id.hex().to_string());
            if !catalog.images.contains(image.id.hex()) {
                report.found(format!("image {}: missing from the catalog", show(&image)));
                lost.restore.push(image);
                continue;
            }
            let conn = self.catalog()?.conn();
            let mut missing = Vec::new();
            for name in &image.names {
                let known: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM image_names WHERE name = ?1)",
                    [name],
                    |r| r.get(0),
                )?;
                if !known {
                    missing.push(name.clone());
                }
            }
            if !missing.is_empty() {
                report.found(format!(
                    "image sha256:{}: names missing from the catalog: {}",
                    &image.id.hex()[..12],
                    missing.join(", ")
                ));
                lost.renamed.push((image, missing));
            }
        }
        let mut unrecorded: Vec<&String> = catalog.images.difference(&recorded).collect();
        unrecorded.sort();
        for id in unrecorded {
            report.found(format!(
                "image-refs {}: does not record image sha256:{}",
                path.display(),
                &id[..id.len().min(12)]
            ));
            lost.refs_damage += 1;
        }
        Ok(lost)
    }

    /// Keeps a copy of a readable catalog (SQLite's backup API), or moves a damaged one aside
    /// and starts a new one.
    pub(super) fn repair_catalog(
        &mut self,
        state: &CatalogState,
        report: &mut CheckReport,
    ) -> Result<()> {
        let path = self.paths().catalog();
        if state.damaged {
            let dest = backup_path(&path, "damaged");
            move_aside(&path, &dest)?;
            self.catalog()?;
            report.repaired(format!(
                "catalog {}: the damaged file is kept as {}; a new catalog was started",
                path.display(),
                dest.display()
            ));
        } else {
            let dest = backup_path(&path, "backup");
            copy_to(self.catalog()?.conn(), &dest)?;
            report.note(format!(
                "catalog {}: copied to {} before repairing",
                path.display(),
                dest.display()
            ));
        }
        Ok(())
    }

    /// Puts the images the catalog lost back, from the refs file and the blobs.
    pub(super) fn restore_images(
        &mut self,
        store: &Store,
        lost: &LostImages,
        report: &mut CheckReport,
    ) -> Result<()> {
        let mut restorable = Vec::new();
        for image in &lost.restore {
            match refs::restorable(store, image) {
                Ok(()) => restorable.push(image),
                Err(why) => {
                    report.note(format!("image {}: cannot be restored: {why}", show(image)))
                }
            }
        }
        // All or none: a restore cut short leaves the catalog as it was and the refs file,
        // which only a complete catalog rewrites, intact for the next try.
        self.catalog()?.write(|tx| {
            restorable
                .iter()
                .try_for_each(|image| refs::restore(tx, store, image))?;
            lost.renamed
                .iter()
                .try_for_each(|(image, _)| refs::restore_names(tx, image))
        })?;
        for image in restorable {
            report.repaired(format!("image {}: restored", show(image)));
        }
        for (image, names) in &lost.renamed {
            report.repaired(format!(
                "image sha256:{}: names restored: {}",
                &image.id.hex()[..12],
                names.join(", ")
            ));
        }
        crate::image::refs::clear_lost_mark(store.root());
        Ok(())
    }

    /// Rewrites the refs file from the (repaired) catalog when it was damaged or stale.
    pub(super) fn rewrite_refs(
        &mut self,
        store: &Store,
        lost: &LostImages,
        report: &mut CheckReport,
    ) -> Result<()> {
        if lost.refs_damage == 0 {
            return Ok(());
        }
        refs::sync(self.catalog()?.conn(), store.root())?;
        report.remaining = report.remaining.saturating_sub(lost.refs_damage - 1);
        report.repaired(format!(
            "image-refs {}: rewritten from the catalog",
            store.image_refs_path().display()
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EngineOptions;

    fn engine(dir: &Path) -> Engine {
        Engine::new(EngineOptions {
            root: Some(dir.join("root")),
            runroot: Some(dir.join("run")),
            ..Default::default()
        })
    }

    #[test]
    fn a_damaged_catalog_counts_as_empty_and_a_newer_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut e = engine(dir.path());
        let path = e.paths().catalog();
        let mut report = CheckReport::default();
        assert!(!e.check_catalog(&mut report).unwrap().damaged);
        assert!(report.damage.is_empty());
        e.close_catalog();

        // A newer skiff's catalog is not damage: it is left alone, and the check fails.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 1000).unwrap();
        drop(conn);
        let err = e.check_catalog(&mut report).unwrap_err();
        assert!(err.to_string().contains("newer skiff"), "{err}");
        assert!(report.damage.is_empty());

        std::fs::write(&path, vec![b'#'; 8192]).unwrap();
        let state = e.check_catalog(&mut report).unwrap();
        assert!(state.damaged && state.images.is_empty());
        assert_eq!(
            report.damage,
            [format!(
                "catalog {}: damaged: file is not a database",
                path.display()
            )]
        );
        assert_eq!(report.remaining, 1);
    }
}
